#!/usr/bin/python3
"""Everyday captures, round of docs/linux-captures.md §122: ordinary exchanges the held runs did not cover yet, made
by small Python programs over everyday-servers.py's links (its Link: lo, veth, relay; every socket CUBIC through the
routes' `congctl cubic`), default sysctls unless the exchange sets one.

    sudo /usr/bin/python3 everyday-s122.py LINK EXCHANGE OUT

LINK: lo, veth, relay (hlcap.py's TUN pair and relay, HL_PATH's delay, 10 ms each way unless HL_PATH says otherwise).
OUT: the files' prefix, as everyday-servers.py: OUT-client.pcap, and OUT-server.pcap on veth and relay (tcpdump -s 128
on each side's device). A download is the client's 4-byte request answered by N bytes, the server closing first.
EXCHANGE:
  nagle-typing      Nagle on: the client writes 5 bytes twenty times 15 ms apart; the server echoes what it reads;
                    then the client shuts its write side, reads to the end and closes, the server closes at EOF
  nodelay-typing    the same with TCP_NODELAY on both sockets
  quickack-server   five rounds: the client sends 50 bytes and reads the answer; the server sets TCP_QUICKACK after
                    each read and answers 100 bytes 60 ms later; the client closes after the fifth
  small-bufs-upload SO_SNDBUF 4096 on the client, SO_RCVBUF 4096 on the server's listener; the client uploads 60,000
                    bytes and shuts its write side; the server reads to the end, answers 2 bytes and closes
  idle-no-restart   net.ipv4.tcp_slow_start_after_idle=0 at the server; a 40,000-byte download, 1 s idle, a second
                    request answered by 40,000 bytes on the same connection; the client closes
  byte-then-large   the server answers the request with two writes: 1 byte, then 20,000 bytes; it closes
  shutwr-partial    a 30,000-byte answer; the client reads 5,000 bytes, shuts its write side, reads the rest 100 ms
                    later and closes; the server closes at the client's EOF
  notsent-lowat     TCP_NOTSENT_LOWAT 8192 on the server: it writes 100,000 bytes in 8,192-byte non-blocking sends,
                    each after poll() says writable; then closes
  linger0-load      the client reads 4,096 bytes every 5 ms; the server writes 100,000 bytes and closes at once with
                    SO_LINGER {1, 0}: a RST with data still unread or unsent
  lossy-download    (relay with HL_PATH's loss and jitter) a 100,000-byte download
  keepalive-requests  four requests of 20 bytes on one connection, 0.2, 0.8 and 1.5 s apart after each answer, each
                    answered by 3,000 bytes; the client closes
  rmem-wmem         net.ipv4.tcp_rmem='4096 16384 32768' at the client, net.ipv4.tcp_wmem='4096 16384 32768' at the
                    server (both on lo); a 150,000-byte download
  maxseg-both       TCP_MAXSEG 1000 on the server's listener and 800 on the client; the client sends 10,000 bytes,
                    the server answers 10,000 bytes once it has them all; the client closes, then the server
HL_NS_SUFFIX names the namespaces as in everyday-servers.py (its default -d).
"""
import os
import subprocess
import sys
import tempfile
import time

from sibling import load

servers = load('everyday-servers.py')
PORT = 7000

SERVER = r'''
import os, select, socket, struct, sys, time
addr, port, exch = sys.argv[1], int(sys.argv[2]), sys.argv[3]
ls = socket.socket(); ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
if exch == 'small-bufs-upload':
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
if exch == 'maxseg-both':
    ls.setsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG, 1000)
ls.bind((addr, port)); ls.listen(16)
def read_to_end(c):
    while c.recv(65536): pass
c, _ = ls.accept()
if exch == 'nodelay-typing':
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
if exch in ('nagle-typing', 'nodelay-typing'):   # an echo
    while True:
        d = c.recv(100)
        if not d: break
        c.sendall(d)
elif exch == 'quickack-server':
    for _ in range(5):
        c.recv(100); c.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1); time.sleep(0.06); c.sendall(b'a' * 100)
    read_to_end(c)
elif exch == 'small-bufs-upload':
    read_to_end(c); c.sendall(b'ok')
elif exch == 'idle-no-restart':
    for _ in range(2):
        c.recv(100); c.sendall(b'x' * 40000)
    read_to_end(c)
elif exch == 'byte-then-large':
    c.recv(100); c.sendall(b'1'); c.sendall(b'x' * 20000)
elif exch == 'shutwr-partial':
    c.recv(100); c.sendall(b'x' * 30000); read_to_end(c)
elif exch == 'notsent-lowat':
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NOTSENT_LOWAT, 8192)
    c.recv(100); c.setblocking(False)
    p = select.poll(); p.register(c, select.POLLOUT)
    left = 100000
    while left:
        p.poll()
        left -= c.send(b'x' * min(8192, left))
    c.setblocking(True)
elif exch == 'linger0-load':
    c.recv(100); c.sendall(b'x' * 100000)
    c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
elif exch == 'lossy-download':
    c.recv(100); c.sendall(b'x' * 100000)
elif exch == 'keepalive-requests':
    while c.recv(100):
        c.sendall(b'r' * 3000)
elif exch == 'rmem-wmem':
    c.recv(100); c.sendall(b'x' * 150000)
elif exch == 'maxseg-both':
    got = 0
    while got < 10000:
        got += len(c.recv(65536))
    c.sendall(b'y' * 10000); read_to_end(c)
c.close()
'''

CLIENT = r'''
import socket, sys, time
addr, port, exch = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def read_to_end(c):
    while c.recv(65536): pass
def read_exactly(c, n):
    while n:
        n -= len(c.recv(n))
c = socket.socket(); c.settimeout(30)
if exch == 'nodelay-typing':
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
if exch == 'small-bufs-upload':
    c.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)
if exch == 'maxseg-both':
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG, 800)
c.connect((addr, port))
if exch in ('nagle-typing', 'nodelay-typing'):
    for _ in range(20):
        c.send(b'typed'); time.sleep(0.015)
    c.shutdown(socket.SHUT_WR); read_to_end(c)
elif exch == 'quickack-server':
    for _ in range(5):
        c.sendall(b'q' * 50); read_exactly(c, 100)
elif exch == 'small-bufs-upload':
    c.sendall(b'u' * 60000); c.shutdown(socket.SHUT_WR); read_to_end(c)
elif exch == 'idle-no-restart':
    c.sendall(b'GET\n'); read_exactly(c, 40000); time.sleep(1); c.sendall(b'GET\n'); read_exactly(c, 40000)
elif exch == 'shutwr-partial':
    c.sendall(b'GET\n'); read_exactly(c, 5000); c.shutdown(socket.SHUT_WR); time.sleep(0.1); read_to_end(c)
elif exch == 'linger0-load':
    c.sendall(b'GET\n')
    try:
        while c.recv(4096):
            time.sleep(0.005)
    except OSError as e:
        print(e)
elif exch == 'keepalive-requests':
    for gap in (0.2, 0.8, 1.5, 0):
        c.sendall(b'k' * 20); read_exactly(c, 3000); time.sleep(gap)
elif exch == 'maxseg-both':
    c.sendall(b'm' * 10000); read_exactly(c, 10000)
else:   # a download
    c.sendall(b'GET\n'); read_to_end(c)
c.close()
'''

# Sysctls an exchange sets: (whose namespace, setting); on lo both are one.
SYSCTLS = {'idle-no-restart': [('server', 'net.ipv4.tcp_slow_start_after_idle=0')],
           'rmem-wmem': [('client', 'net.ipv4.tcp_rmem=4096 16384 32768'),
                         ('server', 'net.ipv4.tcp_wmem=4096 16384 32768')]}


def main(link_kind, exch, out):
    if exch == 'lossy-download' and link_kind != 'relay':
        raise SystemExit('lossy-download needs the relay (HL_PATH)')
    link = servers.Link(link_kind)
    run = tempfile.mkdtemp(prefix='evs122')
    dumps, server = [], None
    link.up(run)
    try:
        for side, setting in SYSCTLS.get(exch, []):
            servers.nsx(link.cns if side == 'client' else link.sns, 'sysctl', '-qw', setting)
        server = servers.bg(link.sns, sys.executable, '-c', SERVER, link.saddr, str(PORT), exch)
        servers.listening(link.sns, PORT)
        sides = [('client', link.cns, link.cdev)] + ([('server', link.sns, link.sdev)] if link.kind != 'lo' else [])
        for side, ns, dev in sides:
            dumps.append(servers.bg(ns, 'tcpdump', '-i', dev, '-n', '-U', '-s', '128', '-w',
                                    '%s-%s.pcap' % (out, side), 'tcp', stderr=subprocess.DEVNULL))
        time.sleep(1.5)     # tcpdump is listening
        done = servers.nsx(link.cns, sys.executable, '-c', CLIENT, link.saddr, str(PORT), exch, check=False)
        print(done.stdout + done.stderr, end='')
        server.wait(timeout=15)
        time.sleep(1.5)
    finally:
        servers.tear_down(link, run, dumps, [server] if server else [])


if __name__ == '__main__':
    if len(sys.argv) != 4:
        print(__doc__)
        sys.exit(2)
    main(*sys.argv[1:])
