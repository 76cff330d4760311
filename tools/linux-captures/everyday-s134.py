#!/usr/bin/python3
"""Round 17 of kernel captures (docs/linux-captures.md §134): the core families (handshake, four-way and
three-segment close, simultaneous close, a lost SYN, SYN,ACK, third ACK, FIN or last ACK, RST on close with unread
data, a SYN into TIME-WAIT, tcp_tw_reuse, a SYN flood, a request/response with a loss) over paths the held runs did
not use: hlcap.py's relay (everyday-servers.py's `relay` link, default sysctls, every socket CUBIC through the routes'
`congctl cubic`) with the one-way delay HL_PATH gives, e.g. `delay=7`, or `up.delay=5 down.delay=40` (asymmetric).

    sudo HL_PATH=delay=7 /usr/bin/python3 everyday-s134.py EXCHANGE OUT

OUT: the files' prefix: OUT-client.pcap and OUT-server.pcap (tcpdump -s 128 on each side's TUN device), and
OUT.txt: what the programs printed, `ss -tanoi` of both namespaces once the client is done, the namespaces'
sysctls and the path. Losses are hlcap.py's one-shot nft rules (drop_once) in the receiving namespace's prerouting
hook, after tcpdump's tap: a dropped segment still shows in the receiver's file. The client binds port 40000 (but
in tw-reuse, where its one-port ip_local_port_range chooses it), the server listens on 7000.
EXCHANGE (a request of 100 bytes, an answer of 1,000):
  request-close     the client closes after the answer; the server closes 200 ms after EOF (four-way close)
  three-segment     the same, but the server closes as soon as it reads EOF
  server-first      the server closes right after its answer; the client 200 ms after EOF
  simultaneous      both close at one CLOCK_MONOTONIC deadline the script gives both: the FINs cross
  syn-lost          request-close, the first SYN dropped at the server
  synack-lost       request-close, the first SYN,ACK dropped at the client
  ack-lost          the handshake's ACK dropped at the server; the client sends its request 1.5 s after connect()
  fin-lost          request-close, the client's first FIN dropped at the server
  last-ack-lost     request-close, the client's first pure ACK after the server's FIN dropped at the server
  close-unread      the client sends 100 bytes; the server closes 300 ms after accept() without reading: a RST
  tw-syn            server-first, then 0.5 s after its close the client connects again from the same port into the
                    server's TIME-WAIT, and again server-first
  tw-reuse          tcp_tw_reuse=1 and ip_local_port_range 40000 40000 at the client; request-close, then 1.5 s
                    after its close (tcp_tw_reuse_delay is 1 s) the client connects again from its TIME-WAIT's port
  flood             the server listens with backlog 4 (tcp_syncookies 1, the default) and accepts only after the
                    flood: 6 SYNs from the client's address, ports 20001..., written by scapy 10 ms apart (their
                    SYN,ACKs dropped at the client); 0.3 s later a real client, as request-close
  loss              an answer of 20,000 bytes whose third data segment is dropped at the client; as request-close
  tail-loss         the same with the last (14th) data segment dropped
  request-lost      request-close, the client's request dropped at the server
  answer-lost       request-close, the server's answer dropped at the client
  syn-lost-twice, fin-lost-twice, request-lost-twice   the first two copies dropped
  half-close        the client shuts its write side after the request; the server reads to EOF, answers, closes
  close-unread-big  the client writes up to 100,000 bytes without blocking; the server closes 500 ms after
                    accept() without reading: a RST with data in flight
"""
import os
import subprocess
import sys
import tempfile
import time

from sibling import load

HERE = os.path.dirname(os.path.abspath(__file__))


servers = load('everyday-servers.py')
s128 = load('everyday-s128.py')      # its FLOOD program
PORT = 7000

SERVER = r'''
import socket, sys, time, os
addr, port, exch, run, deadline = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], float(sys.argv[5])
ls = socket.socket(); ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind((addr, port)); ls.listen(4 if exch == 'flood' else 16)
if exch == 'flood':
    while not os.path.exists(os.path.join(run, 'flooded')):
        time.sleep(0.005)
def read_to_end(c):
    while c.recv(65536): pass
for _ in range(2 if exch in ('tw-syn', 'tw-reuse') else 1):
    c, peer = ls.accept(); print('accepted', peer, flush=True)
    if exch.startswith('close-unread'):
        time.sleep(0.5 if exch == 'close-unread-big' else 0.3); c.close(); break
    got = 0
    while got < 100:
        got += len(c.recv(100 - got))
    if exch == 'half-close':
        read_to_end(c)
    c.sendall(b'a' * (20000 if exch in ('loss', 'tail-loss') else 1000))
    if exch in ('server-first', 'tw-syn', 'half-close'):
        c.close(); continue
    if exch == 'simultaneous':
        time.sleep(deadline - time.monotonic()); c.close(); continue
    read_to_end(c)
    if exch != 'three-segment':
        time.sleep(0.2)
    c.close()
'''

CLIENT = r'''
import os, socket, sys, time
addr, port, exch, run, deadline = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], float(sys.argv[5])
while exch == 'flood' and not os.path.exists(os.path.join(run, 'flooded')):
    time.sleep(0.005)
t0 = time.monotonic()
def log(*what):
    print('%.3f' % (time.monotonic() - t0), *what, flush=True)
def connection():
    c = socket.socket(); c.settimeout(20)
    if exch != 'tw-reuse':
        c.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); c.bind(('', 40000))
    try:
        c.connect((addr, port))
    except OSError as e:
        log('connect', e); return
    log('connected from', c.getsockname())
    try:
        if exch == 'ack-lost':
            time.sleep(1.5)
        if exch == 'close-unread-big':
            c.setblocking(False); sent = 0
            try:
                while sent < 100000:
                    sent += c.send(b'b' * (100000 - sent))
            except BlockingIOError:
                pass
            log('sent', sent); c.setblocking(True)
        else:
            c.sendall(b'r' * 100)
        if exch == 'half-close':
            c.shutdown(socket.SHUT_WR)
        got = 0
        while True:
            data = c.recv(65536)
            if not data:
                log('eof after', got); break
            got += len(data)
            if got >= (20000 if exch in ('loss', 'tail-loss') else 1000) and exch not in (
                    'server-first', 'tw-syn', 'half-close'):
                break
        log('read', got)
        if exch in ('server-first', 'tw-syn'):
            time.sleep(0.2)
        if exch == 'simultaneous':
            time.sleep(deadline - time.monotonic())
    except OSError as e:
        log(e)
    c.close(); log('closed')
connection()
if exch == 'tw-syn':
    time.sleep(0.5); connection()
if exch == 'tw-reuse':
    time.sleep(1.5); connection()
'''

DATA_FROM_SERVER = 'ip saddr 10.0.0.2 tcp sport %d meta length > 200' % PORT
REQUEST = 'ip saddr 10.0.0.1 tcp dport %d meta length > 100' % PORT     # a pure ACK with timestamps is 52 bytes


def rules(hlcap, exch):
    """The nft rules of an exchange: {namespace: drop_once rules}."""
    drop, pure = hlcap.drop_once, hlcap.PURE
    return {
        'syn-lost': {hlcap.SNS: drop(pure + ' syn', 'ip saddr')},
        'synack-lost': {hlcap.CNS: drop(pure + ' syn|ack', 'ip saddr')},
        'ack-lost': {hlcap.SNS: drop(pure + ' ack', 'ip saddr')},
        'fin-lost': {hlcap.SNS: drop('ip saddr %s tcp flags & fin == fin' % hlcap.CIP, 'ip saddr')},
        'last-ack-lost': {hlcap.SNS: ['type output: ip daddr %s tcp flags & fin == fin add @srvfin { ip daddr }'
                                      % hlcap.CIP] + drop('ip saddr @srvfin ' + pure + ' ack', 'ip saddr')},
        'flood': {hlcap.CNS: ['tcp sport %d tcp dport 20001-20999 counter drop' % PORT]},
        'loss': {hlcap.CNS: drop(DATA_FROM_SERVER, 'ip saddr', nth=3)},
        'tail-loss': {hlcap.CNS: drop(DATA_FROM_SERVER, 'ip saddr', nth=14)},
        'request-lost': {hlcap.SNS: drop(REQUEST, 'ip saddr')},
        'syn-lost-twice': {hlcap.SNS: drop(pure + ' syn', 'ip saddr', nth=[1, 2])},
        'fin-lost-twice': {hlcap.SNS: drop('ip saddr %s tcp flags & fin == fin' % hlcap.CIP, 'ip saddr', nth=[1, 2])},
        'request-lost-twice': {hlcap.SNS: drop(REQUEST, 'ip saddr', nth=[1, 2])},
        'answer-lost': {hlcap.CNS: drop(DATA_FROM_SERVER, 'ip saddr')},
    }.get(exch, {})


def main(exch, out):
    link = servers.Link('relay')
    hlcap = link.hlcap
    run = tempfile.mkdtemp(prefix='evs134')
    dumps, procs, log = [], [], []
    link.up(run)
    try:
        if exch == 'tw-reuse':
            for setting in ('net.ipv4.tcp_tw_reuse=1', 'net.ipv4.ip_local_port_range=40000 40000'):
                servers.nsx(link.cns, 'sysctl', '-qw', setting)
        for ns, rule in rules(hlcap, exch).items():
            hlcap.nft_apply(ns, rule)
        deadline = time.monotonic() + 5
        args = (link.saddr, str(PORT), exch, run, str(deadline))
        procs.append(servers.bg(link.sns, sys.executable, '-c', SERVER, *args, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True))
        servers.listening(link.sns, PORT)
        dumps.extend(servers.start_dumps((('client', link.cns, link.cdev), ('server', link.sns, link.sdev)), out))
        client = servers.bg(link.cns, sys.executable, '-c', CLIENT, *args, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
        procs.append(client)
        if exch == 'flood':
            servers.nsx(link.cns, sys.executable, '-c', s128.FLOOD, link.caddr, link.saddr, str(PORT), '6')
            time.sleep(0.3)
            open(os.path.join(run, 'flooded'), 'w').close()
        log += ['client:', client.communicate(timeout=60)[0]]
        for name, ns in (('client', link.cns), ('server', link.sns)):
            log += ['ss -tanoi (%s):' % name, servers.nsx(ns, 'ss', '-tanoi').stdout]
        log += ['server:', procs[0].communicate(timeout=30)[0]]
        time.sleep(1.5)     # the last ACKs and a lost FIN's or ACK's copies
        log.append(hlcap.env_report(False))
        relay_log = os.path.join(run, 'relay.log')
        if os.path.exists(relay_log):
            with open(relay_log) as f:
                log += ['relay.log:', f.read()]
    finally:
        servers.tear_down(link, run, dumps, procs)
        with open(out + '.txt', 'w') as f:
            f.write('\n'.join(log))


if __name__ == '__main__':
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    main(*sys.argv[1:])
