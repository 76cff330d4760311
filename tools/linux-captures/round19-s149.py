#!/usr/bin/python3
"""Round 19 of kernel captures (docs/linux-captures.md §149): what a checker of issue #14 is likely to capture and the
project did not hold: the core families over IPv6 (veth6, and `::1` on lo6), losses made by nft in the receiving
namespace instead of the relay; a keepalive whose peer vanished; tcp_retries2 with the peer gone mid-transfer; a RST
into TIME-WAIT with tcp_rfc1337 0 and 1. Small Python programs over everyday-servers.py's links (every socket CUBIC
through the routes' `congctl cubic`), default sysctls unless the exchange sets one.

    sudo /usr/bin/python3 round19-s149.py LINK EXCHANGE OUT

OUT: the files' prefix: OUT-client.pcap, and OUT-server.pcap where the link has two devices (tcpdump -s 128 on each
side's device), and OUT.txt: what the programs printed, `ss -tanoi` of the namespaces once the client is done, and the
namespaces' sysctls. nft rules (table inet s149) drop in the receiving namespace's prerouting hook, after tcpdump's tap:
a dropped segment still shows in the receiver's file; a one-shot drop is hlcap.py's latch (drop_once) keyed by the
sender's address. The server listens on 7000, the client binds 40000. The flood and the RST need scapy.
EXCHANGE (the request is 100 bytes, the answer 1,000; "request-close": the client closes after the answer, the server
200 ms after EOF):
  request-close     a four-way close, the client first
  three-segment     the server closes as soon as it reads EOF
  server-first      the server closes right after its answer; the client 200 ms after EOF
  simultaneous      both close at one CLOCK_MONOTONIC deadline the script gives both
  half-close        the client shuts its write side after the request; the server reads to EOF, answers, closes
  abort             the client closes after the answer with SO_LINGER {1, 0}: a RST
  close-unread      the server closes 300 ms after accept() without reading the request: a RST
  refused           nothing listens: the SYN is answered by RST,ACK
  syn-lost          request-close, the client's first SYN dropped at the server
  synack-lost       request-close, the server's first SYN,ACK dropped at the client
  ack-lost          the handshake's ACK dropped at the server; the client sends its request 1 s after connect()
  fin-lost          request-close, the client's first FIN dropped at the server
  server-fin-lost   server-first, the server's first FIN dropped at the client
  last-ack-lost     request-close, the client's first pure ACK after the server read EOF dropped at the server
                    (the rule is added when the server says EOF; it closes 200 ms later)
  tw-syn            server-first twice: 0.5 s after its first close the client connects again from port 40000 into
                    the server's TIME-WAIT
  flood-cK          (veth6) tcp_syncookies=K at the server, which listens with backlog 4 and accepts only after the
                    flood: 8 SYNs from the client's address, ports 20001..., 10 ms apart, written by scapy (their
                    SYN,ACKs dropped at the client's input hook: no RST); 0.3 s later a real client (connect() timeout
                    4 s), as request-close
  keepalive         SO_KEEPALIVE at the client, tcp_keepalive_time 2, _intvl 1, _probes 3 there; after the answer
                    everything the client sends is dropped at the server (the peer vanished); the client waits in
                    recv() until the kernel gives up
  retries2-N        tcp_retries2=N at the client; the client writes 100,000 bytes in 10,000-byte writes 20 ms apart,
                    the server reads them; once it has read 20,000 everything the client sends is dropped at the
                    server (the peer gone mid-transfer); the client waits in recv() until the kernel gives up
  keepalive-killed, retries2-N-killed   the same, but the server's program is killed while the captures still run,
                    once the client gave up: its socket's close (a FIN, or a RST with data unread) is captured too
  rfc1337-V         tcp_rfc1337=V at the client; request-close, then 0.3 s after both closed a RST from the server's
                    address and port, seq the server's FIN's + 1, written into the client's TIME-WAIT by scapy; 0.5 s
                    later the client connects again from port 40000 (taken over if the RST ended TIME-WAIT)
HL_NS_SUFFIX names the namespaces as in everyday-servers.py (its default -d).
"""
import json
import os
import re
import sys
import time

from sibling import load

servers = load('everyday-servers.py')
hlcap = load('hlcap.py')     # its one-shot latch, drop_once
run_body = load('program-run.py')     # the run body: start, captures, tear-down
PORT = 7000

# Both programs read the exchange's plan (a JSON object, below) and the run folder; flags are files in it.
PROGRAM = r'''
import json, os, socket, struct, sys, time
role, addr, plan, run, deadline = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), sys.argv[4], float(sys.argv[5])
t0 = time.monotonic()
def log(*what):
    print('%.3f' % (time.monotonic() - t0), role, *what, flush=True)
def flag(name):
    open(os.path.join(run, name), 'w').close()
def wait_for(name):
    while not os.path.exists(os.path.join(run, name)):
        time.sleep(0.005)
def sock():
    s = socket.socket(socket.AF_INET6 if ':' in addr else socket.AF_INET)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    return s
def read_exactly(c, n):
    got = 0
    while got < n:
        data = c.recv(min(65536, n - got))
        if not data:
            break
        got += len(data)
    return got
def read_to_end(c):
    got = 0
    while True:
        data = c.recv(65536)
        if not data:
            return got
        got += len(data)
def until_given_up(c):
    t = time.monotonic()
    try:
        log('recv', len(c.recv(100)))
    except OSError as e:
        log('recv', e, 'after %.2f s' % (time.monotonic() - t))
def server_side(c):
    if plan.get('close_unread'):
        time.sleep(0.3); c.close(); log('closed unread'); return
    if plan.get('transfer'):
        log('read', read_exactly(c, 20000)); flag('silence'); time.sleep(600); return
    log('request', read_to_end(c) if plan.get('half_close') else read_exactly(c, 100))
    c.sendall(b'a' * 1000)
    if plan.get('server_first') or plan.get('half_close'):
        c.close(); log('closed'); return
    if plan.get('vanish'):
        time.sleep(600); return
    log('eof after', read_to_end(c)); flag('eof')
    if plan.get('simultaneous'):
        time.sleep(max(0, deadline - time.monotonic()))
    elif not plan.get('three_segment'):
        time.sleep(0.2)
    c.close(); log('closed'); flag('server-closed')
def client_side(c):
    if plan.get('transfer'):
        for _ in range(10):
            c.sendall(b'w' * 10000); time.sleep(0.02)
        log('written'); until_given_up(c); return
    if plan.get('request_after'):
        time.sleep(plan['request_after'])
    c.sendall(b'r' * 100)
    if plan.get('half_close'):
        c.shutdown(socket.SHUT_WR); log('shut'); log('answer', read_to_end(c)); c.close(); log('closed'); return
    if plan.get('server_first'):
        log('eof after', read_to_end(c)); time.sleep(0.2); c.close(); log('closed'); return
    log('answer', read_exactly(c, 1000))
    if plan.get('vanish'):
        flag('silence'); until_given_up(c); return
    if plan.get('abort'):
        c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
    if plan.get('simultaneous'):
        time.sleep(max(0, deadline - time.monotonic()))
    c.close(); log('closed')
def guarded(side, c):
    try:
        side(c)
    except OSError as e:
        log(e)
if role == 'server':
    if plan.get('refused'):
        sys.exit()
    ls = sock(); ls.bind((addr, 7000)); ls.listen(plan.get('backlog', 16))
    if plan.get('flood'):
        wait_for('flooded')
    ls.settimeout(10)   # a second connect() may fail
    for _ in range(plan.get('connections', 1)):
        try:
            c, peer = ls.accept()
        except OSError as e:
            log('accept', e); sys.exit()
        log('accepted', peer); guarded(server_side, c)
    sys.exit()
for n in range(plan.get('connections', 1)):
    if n:
        wait_for('again')
    c = sock(); c.bind(('', 40000))
    if plan.get('keepalive'):
        c.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    if plan.get('flood'):
        wait_for('flooded'); c.settimeout(4)
    t = time.monotonic()
    try:
        c.connect((addr, 7000))
    except OSError as e:
        log('connect', e, 'after %.1f s' % (time.monotonic() - t)); continue
    c.settimeout(None)
    log('connected from', c.getsockname()); guarded(client_side, c)
    flag('client-closed')
'''

# The flood: N SYNs from the client's address (the kernel's choice of source, a raw socket's), ports 20001...,
# 10 ms apart; scapy computes the checksums.
FLOOD6 = r'''
import socket, sys, time
from scapy.all import IPv6, TCP
src, dst, port, n = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
raw = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_TCP)
for i in range(n):
    syn = IPv6(src=src, dst=dst) / TCP(sport=20001 + i, dport=port, flags='S', seq=1000000 * (i + 1), window=64800,
                                       options=[('MSS', 1440)])
    raw.sendto(bytes(syn)[40:], (dst, 0))
    time.sleep(0.01)
'''

# The RST into the client's TIME-WAIT: the server's FIN read from the capture, a RST at its seq + 1 written from the
# server's address and port (on lo6 both are ::1, in the one namespace).
RST6 = r'''
import socket, sys
from scapy.all import IPv6, TCP, rdpcap
pcap, src, dst = sys.argv[1], sys.argv[2], sys.argv[3]
fin = [p for p in rdpcap(pcap) if TCP in p and p[TCP].sport == 7000 and p[TCP].flags.F][-1]
rst = IPv6(src=src, dst=dst) / TCP(sport=7000, dport=40000, flags='R', seq=fin[TCP].seq + 1, window=0)
socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_TCP).sendto(bytes(rst)[40:], (dst, 0))
print('RST seq', fin[TCP].seq + 1)
'''

SYNS = 'tcp dport %d tcp flags & (syn|ack) == syn' % PORT
SYNACKS = 'tcp sport %d tcp flags & (syn|ack) == syn|ack' % PORT
PURE_ACKS = 'tcp dport %d tcp flags & (fin|syn|rst|psh|ack) == ack' % PORT
CLIENT_FIN = 'tcp dport %d tcp flags & fin == fin' % PORT
SERVER_FIN = 'tcp sport %d tcp flags & fin == fin' % PORT
EVERYTHING = 'tcp dport %d' % PORT


def exchange(exch):
    """(plan for the programs, {side: [sysctl settings]}, {side: (match, one-shot)} dropped from the start,
    {flag: (side, match, one-shot)} dropped once the program raises the flag, links allowed)."""
    plan, sysctl, drops, later = {}, {}, {}, {}
    both = ('veth6', 'lo6')
    simple = {'request-close': {}, 'three-segment': {'three_segment': True}, 'server-first': {'server_first': True},
              'simultaneous': {'simultaneous': True}, 'half-close': {'half_close': True}, 'abort': {'abort': True},
              'close-unread': {'close_unread': True}, 'refused': {'refused': True}}
    if exch in simple:
        return simple[exch], sysctl, drops, later, both
    if exch in ('syn-lost', 'ack-lost', 'fin-lost'):
        drops['server'] = ({'syn-lost': SYNS, 'ack-lost': PURE_ACKS, 'fin-lost': CLIENT_FIN}[exch], True)
        plan['request_after'] = 1.0 if exch == 'ack-lost' else 0
        return plan, sysctl, drops, later, both
    if exch in ('synack-lost', 'server-fin-lost'):
        drops['client'] = (SYNACKS if exch == 'synack-lost' else SERVER_FIN, True)
        plan['server_first'] = exch == 'server-fin-lost'
        return plan, sysctl, drops, later, both
    if exch == 'last-ack-lost':
        later['eof'] = ('server', PURE_ACKS, True)
        return plan, sysctl, drops, later, both
    if exch == 'tw-syn':
        plan.update(server_first=True, connections=2, again_after=('client-closed', 0.5))
        return plan, sysctl, drops, later, both
    m = re.fullmatch(r'flood-c(\d)', exch)
    if m:
        plan.update(flood=8, backlog=4)
        sysctl['server'] = ['net.ipv4.tcp_syncookies=' + m[1]]
        return plan, sysctl, drops, later, ('veth6',)
    if exch.endswith('-killed'):
        exch = exch[:-len('-killed')]
        plan['server_killed_while_captured'] = True
    if exch == 'keepalive':
        plan.update(keepalive=True, vanish=True)
        sysctl['client'] = ['net.ipv4.tcp_keepalive_time=2', 'net.ipv4.tcp_keepalive_intvl=1',
                            'net.ipv4.tcp_keepalive_probes=3']
        later['silence'] = ('server', EVERYTHING, False)
        return plan, sysctl, drops, later, both
    m = re.fullmatch(r'retries2-(\d+)', exch)
    if m:
        plan['transfer'] = True
        sysctl['client'] = ['net.ipv4.tcp_retries2=' + m[1]]
        later['silence'] = ('server', EVERYTHING, False)
        return plan, sysctl, drops, later, both
    m = re.fullmatch(r'rfc1337-(\d)', exch)
    if m:
        plan.update(connections=2, rst_into_time_wait=True)
        sysctl['client'] = ['net.ipv4.tcp_rfc1337=' + m[1]]
        return plan, sysctl, drops, later, both
    raise SystemExit('unknown exchange ' + exch)


def nft_drop(link, ns, match, once, table):
    """Packets matching `match` dropped in ns's prerouting hook: every one, or the first only (hlcap.py's latch,
    keyed by the sender's address)."""
    family = 'ipv6_addr' if link.v6 else 'ipv4_addr'
    if once:
        rules = hlcap.drop_once(match, 'ip6 saddr' if link.v6 else 'ip saddr')
        sets = '  set once { type %s; flags dynamic; }\n' % family
    else:
        rules, sets = ['%s counter drop' % match], ''
    text = ('table inet %s {\n%s  chain pre { type filter hook prerouting priority -300; policy accept;\n%s\n  }\n}\n'
            % (table, sets, '\n'.join('    ' + r for r in rules)))
    run_body.nft(ns, text)


def flagged(run, name, timeout=120):
    """Whether the programs raised flag `name` within `timeout` seconds."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if os.path.exists(os.path.join(run, name)):
            return True
        time.sleep(0.005)
    return False


def main(link_kind, exch, out):
    plan, sysctl, drops, later, links = exchange(exch)
    if link_kind not in links:
        raise SystemExit('%s runs over %s' % (exch, ', '.join(links)))
    with run_body.captured(link_kind, 'evs149', out) as run:
        link, ns_of, log = run.link, run.ns_of, run.log
        run.set_sysctls(sysctl)
        for side, (match, once) in drops.items():
            nft_drop(link, ns_of[side], match, once, 's149')
        deadline = time.monotonic() + 5
        args = (link.saddr, json.dumps(plan), run.folder, str(deadline))
        server = run.start_server(PROGRAM, args, PORT, listen=not plan.get('refused'))
        run.start_dumps()
        if plan.get('flood'):
            run.drop_flood_answers('s149f', PORT)
        client = run.start_client(PROGRAM, args)
        if plan.get('flood'):
            servers.nsx(link.cns, sys.executable, '-c', FLOOD6, link.caddr, link.saddr, str(PORT), str(plan['flood']))
            time.sleep(0.3)
            open(os.path.join(run.folder, 'flooded'), 'w').close()
        for name, (side, match, once) in later.items():
            if flagged(run.folder, name):
                nft_drop(link, ns_of[side], match, once, 's149' + name)
                log.append('%.3f dropping %s at the %s' % (time.monotonic() - deadline + 5, match, side))
        if plan.get('again_after'):
            name, wait = plan['again_after']
            flagged(run.folder, name)
            time.sleep(wait)
            open(os.path.join(run.folder, 'again'), 'w').close()
        if plan.get('rst_into_time_wait'):
            flagged(run.folder, 'server-closed')
            flagged(run.folder, 'client-closed')
            time.sleep(0.3)
            sent = servers.nsx(link.sns, sys.executable, '-c', RST6, '%s-%s.pcap' % (out, run.sides[-1][0]), link.saddr,
                               link.caddr)
            log.append('%.3f %s' % (time.monotonic() - deadline + 5, sent.stdout.strip() + sent.stderr.strip()))
            time.sleep(0.5)
            open(os.path.join(run.folder, 'again'), 'w').close()
        log.append(client.communicate(timeout=600)[0])
        run.log_sockets()
        if plan.get('server_killed_while_captured'):
            server.kill()
        if not (plan.get('vanish') or plan.get('transfer')) or plan.get('server_killed_while_captured'):
            log.append(server.communicate(timeout=60)[0])
        time.sleep(1.5)     # the last ACKs and a lost FIN's copies
        run.log_sysctls('net.ipv4.tcp_syncookies', 'net.ipv4.tcp_timestamps', 'net.ipv4.tcp_sack',
                        'net.ipv4.tcp_window_scaling', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_keepalive_intvl',
                        'net.ipv4.tcp_keepalive_probes', 'net.ipv4.tcp_retries2', 'net.ipv4.tcp_rfc1337')


if __name__ == '__main__':
    if len(sys.argv) != 4:
        print(__doc__)
        sys.exit(2)
    main(*sys.argv[1:])
