#!/usr/bin/python3
"""Round 16 of kernel captures (docs/linux-captures.md §128): the handshake and the teardown under values of the knobs
the held runs did not sweep. Small Python programs over everyday-servers.py's links (its Link: lo, lo6, veth, veth6,
relay; every socket CUBIC through the routes' `congctl cubic`), default sysctls unless the exchange sets one.

    sudo /usr/bin/python3 everyday-s128.py LINK EXCHANGE OUT

OUT: the files' prefix, as everyday-servers.py: OUT-client.pcap, and OUT-server.pcap where the link has two devices
(tcpdump -s 128 on each side's device). nft rules (table inet s128) drop in the receiving namespace's prerouting or
input hook, after tcpdump's tap: a dropped segment still shows in the receiver's file.
EXCHANGE:
  syn-retries-1     tcp_syn_retries=1 at the client; every SYN dropped at the server: connect() gives up
  syncnt-3          TCP_SYNCNT 3 on the client's socket (the sysctl at its default, 6); every SYN dropped
  synack-retries-3  tcp_synack_retries=3 at the server; every pure ACK of the client dropped at the server, so the
                    SYN,ACK goes unanswered; the client, established, sends 4 bytes 17 s after connect() returned
  flood-bB-cK       (veth) tcp_syncookies=K at the server, which listens with backlog B and accepts only after the
                    flood; B + 2 SYNs from the client's address and ports 20001... written by a raw socket (scapy),
                    10 ms apart, their SYN,ACKs dropped at the client (input hook: no RST); 0.3 s later a real client
                    (connect() timeout 4 s) sends a 4-byte request and reads a 2,000-byte answer. B, K: 1 0, 3 1,
                    20 2, 128 1
  fin-timeout-3     tcp_fin_timeout=3 at the client: it sends a request and closes at once; the server answers 4
                    bytes 4.5 s later, after the orphan's FIN-WAIT-2 ended, and closes
  orphan-retries-2  tcp_orphan_retries=2 at the client; after a 2-byte exchange every segment of the client is
                    dropped at the server and the client closes: its FIN is sent again until the orphan gives up
  linger-1s-unacked SO_LINGER {1, 1} on the client; the client's data is dropped at the server until 1.5 s after
                    close() was called; the client writes 20,000 bytes and closes (close() returns after 1 s with the
                    data unacknowledged); the server reads to the end and closes
  close-unread-1    the client sends 1 byte; the server never reads it and closes 300 ms after accept(): a RST
  close-unread-100k the client writes up to 100,000 bytes without blocking; the server never reads and closes 500 ms
                    after accept(): a RST
  user-timeout-3s   TCP_USER_TIMEOUT 3,000 ms on the client; after a 2-byte exchange every segment of the client is
                    dropped at the server and the client sends 2,000 bytes: sent again until ETIMEDOUT
  simultaneous-close (relay) after a 2-byte exchange both close at one moment (a CLOCK_MONOTONIC deadline the script
                    gives both): the FINs cross on the path
HL_NS_SUFFIX names the namespaces as in everyday-servers.py (its default -d); HL_WORK the relay's work folder.
"""
import os
import subprocess
import sys
import tempfile
import threading
import time

from sibling import load

servers = load('everyday-servers.py')
PORT = 7000

SERVER = r'''
import os, socket, sys, time
addr, port, exch, run, deadline = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], float(sys.argv[5])
def wait_for(flag):
    while not os.path.exists(os.path.join(run, flag)):
        time.sleep(0.005)
ls = socket.socket(socket.AF_INET6 if ':' in addr else socket.AF_INET)
ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind((addr, port))
ls.listen(int(exch.split('-')[1][1:]) if exch.startswith('flood') else 16)
if exch in ('syn-retries-1', 'syncnt-3', 'synack-retries-3'):   # nothing gets in
    time.sleep(25); sys.exit()
if exch.startswith('flood'):
    wait_for('flooded'); ls.settimeout(6)
    try:
        c, _ = ls.accept()
    except OSError as e:
        print('accept', e); sys.exit()
else:
    c, _ = ls.accept()
def read_to_end(c):
    while c.recv(65536): pass
if exch.startswith('flood') or exch == 'fin-timeout-3':
    c.recv(100)
    time.sleep(4.5 if exch == 'fin-timeout-3' else 0)
    c.sendall(b'late' if exch == 'fin-timeout-3' else b'x' * 2000)
elif exch in ('orphan-retries-2', 'user-timeout-3s'):
    c.recv(100); c.sendall(b'hi'); time.sleep(20)   # stopped by the script
elif exch == 'linger-1s-unacked':
    read_to_end(c)
elif exch.startswith('close-unread'):
    time.sleep(0.3 if exch == 'close-unread-1' else 0.5)
elif exch == 'simultaneous-close':
    c.recv(100); c.sendall(b'ok'); time.sleep(deadline - time.monotonic())
c.close()
'''

CLIENT = r'''
import os, socket, struct, sys, time
addr, port, exch, run, deadline = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], float(sys.argv[5])
def flag(name):
    open(os.path.join(run, name), 'w').close()
def wait_for(name):
    while not os.path.exists(os.path.join(run, name)):
        time.sleep(0.005)
def read_to_end(c):
    while c.recv(65536): pass
c = socket.socket(socket.AF_INET6 if ':' in addr else socket.AF_INET); c.settimeout(30)
if exch == 'syncnt-3':
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_SYNCNT, 3)
if exch == 'user-timeout-3s':
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_USER_TIMEOUT, 3000)
if exch == 'linger-1s-unacked':
    c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 1))
if exch.startswith('flood'):
    wait_for('flooded'); c.settimeout(4)
t = time.monotonic()
try:
    c.connect((addr, port))
except OSError as e:
    print('connect', e, round(time.monotonic() - t, 1)); sys.exit()
try:
    if exch == 'synack-retries-3':
        time.sleep(17); c.sendall(b'GET\n'); print(c.recv(10))
    elif exch.startswith('flood'):
        c.sendall(b'GET\n'); read_to_end(c)
    elif exch == 'fin-timeout-3':
        c.sendall(b'GET\n')
    elif exch in ('orphan-retries-2', 'user-timeout-3s'):
        c.sendall(b'hi'); c.recv(10); flag('silence'); wait_for('silenced')
        if exch == 'user-timeout-3s':
            t = time.monotonic(); c.sendall(b'd' * 2000); c.recv(10)
    elif exch == 'linger-1s-unacked':
        c.sendall(b'u' * 20000); flag('closing'); t = time.monotonic()
    elif exch == 'close-unread-1':
        c.sendall(b'1'); print(c.recv(10))
    elif exch == 'close-unread-100k':
        c.setblocking(False)
        sent = 0
        try:
            while sent < 100000:
                sent += c.send(b'b' * (100000 - sent))
        except BlockingIOError:
            pass
        print('sent', sent); c.setblocking(True); print(c.recv(10))
    elif exch == 'simultaneous-close':
        c.sendall(b'hi'); c.recv(10); time.sleep(deadline - time.monotonic())
except OSError as e:
    print(e, round(time.monotonic() - t, 1))
c.close()
if exch == 'linger-1s-unacked':
    print('close() returned after', round(time.monotonic() - t, 2))
'''

# A SYN flood from the client's own address: scapy's packets leave through the stack like a host's.
FLOOD = r'''
import socket, sys, time
from scapy.all import IP, TCP
src, dst, port, n = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
for i in range(n):
    raw.sendto(bytes(IP(src=src, dst=dst) / TCP(sport=20001 + i, dport=port, flags='S', seq=1000000 * (i + 1),
                                                window=64240, options=[('MSS', 1460)])), (dst, 0))
    time.sleep(0.01)
'''

# Sysctls an exchange sets: (whose namespace, setting); on lo both are one.
SYSCTLS = {'syn-retries-1': [('client', 'net.ipv4.tcp_syn_retries=1')],
           'synack-retries-3': [('server', 'net.ipv4.tcp_synack_retries=3')],
           'fin-timeout-3': [('client', 'net.ipv4.tcp_fin_timeout=3')],
           'orphan-retries-2': [('client', 'net.ipv4.tcp_orphan_retries=2')]}
PRE = 'chain pre { type filter hook prerouting priority -300; policy accept;\n    %s counter drop\n  }'
SYNS = 'tcp dport %d tcp flags & (syn|ack) == syn' % PORT
PURE_ACKS = 'tcp dport %d tcp flags & (fin|syn|rst|psh|ack) == ack' % PORT
CLIENT_DATA = 'tcp dport %d meta length > 200' % PORT
EVERYTHING = 'tcp dport %d' % PORT
# Rules in the server's namespace from the start.
SERVER_RULES = {'syn-retries-1': SYNS, 'syncnt-3': SYNS, 'synack-retries-3': PURE_ACKS,
                'linger-1s-unacked': CLIENT_DATA}
# Servers that wait to be stopped (by tear_down) rather than end on their own.
STOPPED = ('syn-retries-1', 'syncnt-3', 'orphan-retries-2', 'user-timeout-3s')


def nft(ns, rule):
    p = subprocess.run(['ip', 'netns', 'exec', ns, 'nft', '-f', '-'], input='table inet s128 {\n  %s\n}\n' % rule,
                       text=True, capture_output=True)
    if p.returncode:
        raise SystemExit('nft: ' + p.stderr)


def wait_for(run, name):
    while not os.path.exists(os.path.join(run, name)):
        time.sleep(0.005)


def main(link_kind, exch, out):
    if exch.startswith('flood') and link_kind != 'veth':
        raise SystemExit('the flood is written for veth')
    if exch == 'simultaneous-close' and link_kind != 'relay':
        raise SystemExit('simultaneous-close needs the relay')
    link = servers.Link(link_kind)
    run = tempfile.mkdtemp(prefix='evs128')
    dumps, procs = [], []
    link.up(run)
    try:
        for side, setting in SYSCTLS.get(exch, []):
            servers.nsx(link.cns if side == 'client' else link.sns, 'sysctl', '-qw', setting)
        if exch.startswith('flood'):
            servers.nsx(link.sns, 'sysctl', '-qw', 'net.ipv4.tcp_syncookies=' + exch.split('-c')[1])
            nft(link.cns, 'chain in { type filter hook input priority 0; policy accept;\n'
                          '    tcp sport %d tcp dport 20001-20999 counter drop\n  }' % PORT)
        if exch in SERVER_RULES:
            nft(link.sns, PRE % SERVER_RULES[exch])
        deadline = time.monotonic() + 5
        args = (link.saddr, str(PORT), exch, run, str(deadline))
        procs.append(servers.bg(link.sns, sys.executable, '-c', SERVER, *args))
        servers.listening(link.sns, PORT)
        sides = [('client', link.cns, link.cdev)] + ([('server', link.sns, link.sdev)] if link.cns != link.sns else [])
        dumps.extend(servers.start_dumps(sides, out))
        client = servers.bg(link.cns, sys.executable, '-c', CLIENT, *args, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
        procs.append(client)
        if exch.startswith('flood'):
            n = int(exch.split('-')[1][1:]) + 2
            servers.nsx(link.cns, sys.executable, '-c', FLOOD, link.caddr, link.saddr, str(PORT), str(n))
            time.sleep(0.3)
            open(os.path.join(run, 'flooded'), 'w').close()
        if exch in ('orphan-retries-2', 'user-timeout-3s'):
            wait_for(run, 'silence')
            nft(link.sns, PRE % EVERYTHING)
            open(os.path.join(run, 'silenced'), 'w').close()
        if exch == 'linger-1s-unacked':
            wait_for(run, 'closing')
            time.sleep(1.5)
            servers.nsx(link.sns, 'nft', 'delete', 'table', 'inet', 's128')
        print(client.communicate(timeout=60)[0], end='')
        if exch not in STOPPED:
            procs[0].wait(timeout=30)
        time.sleep(6 if exch == 'orphan-retries-2' else 1.5)     # the orphan outlives its program
    finally:
        servers.tear_down(link, run, dumps, procs)


if __name__ == '__main__':
    if len(sys.argv) != 4:
        print(__doc__)
        sys.exit(2)
    main(*sys.argv[1:])
