#!/usr/bin/python3
"""Everyday captures a reviewer would make (docs/linux-captures.md §49): small programs over loopback or a veth pair
in network namespaces of their own, default sysctls unless the exchange says otherwise, one tcpdump on one side.

    sudo /usr/bin/python3 everyday-more.py LINK EXCHANGE OUT.pcap [--side client|server] [--snap N] [--any]

LINK: lo (loopback in one namespace, client and server both in it), lo6 (the same over ::1), veth (two namespaces
joined by a veth pair, 10.79.0.1 the client, 10.79.0.2 the server, offloads at their defaults).
--side: whose namespace tcpdump runs in (client by default; on lo both are one); --snap: tcpdump's -s (its default,
262144, when not given); --any: `tcpdump -i any` (Linux cooked capture) instead of the device.
EXCHANGE:
  close-first   the client sends a 4-byte request; the server answers 2,000 bytes and closes first
  half-close    the client sends 3,000 bytes and shutdown(SHUT_WR), then reads to the end; the server reads to the
                end, answers 5,000 bytes and closes
  interactive   the client writes five lines of 6 bytes 200 ms apart (Nagle on), the server echoes each line
  refused       connect() to a port nobody listens on
  killed        the server writes 10,000 bytes every 50 ms; the client reads for 300 ms and is killed (SIGKILL)
  keepalive     SO_KEEPALIVE, TCP_KEEPIDLE 1 s, TCP_KEEPINTVL 1 s on the client; idle 3.5 s, then close
  keepalive-dead  the same, but after the first exchange every segment of the server is dropped at the client (nft):
                the client's probes go unanswered (TCP_KEEPCNT 3) and it gives up
  backlog       the server listens with backlog 1 and accepts only after 2 s; four clients connect at once, each
                sends 2 bytes and closes after reading the server's 2-byte answer
  synack-lost   the first SYN,ACK is dropped at the client (nft one-shot); then close-first
  ack-lost      the client's ACK of the SYN,ACK is dropped at the server (nft one-shot); the server speaks first
                (a 10-byte greeting, SMTP-like), the client answers 4 bytes and closes
  syncookies    tcp_syncookies=2 at the server (every SYN answered with a cookie); then close-first
  advmss        the client's route has advmss 1000; then close-first with a 5,000-byte answer
  no-timestamps tcp_timestamps=0 at the client only; then close-first with a 3,000-byte answer
  overflow      (§58) the server listens with backlog 0 (one connection in its accept queue) and accepts only after
                6 s; the first client's handshake ACK is dropped at the server (nft one-shot), a second client
                connects 100 ms later and fills the queue; the first client's ACK of the SYN,ACK sent again at 1 s
                and its 2-byte request at 1.5 s then meet a full accept queue (tcp_abort_on_overflow=0: dropped);
                each client reads a 2-byte answer and closes
  overflow-abort  the same with net.ipv4.tcp_abort_on_overflow=1 at the server (the ACK is answered with RST)
  urgent        (§58) the client sends 3 bytes, then 1 byte with MSG_OOB, then 3 bytes; the server (SO_OOBINLINE) reads
                to the end, answers 2 bytes and closes
  cork          (§58) TCP_CORK on the client: five writes of 100 bytes 50 ms apart, then the cork removed; then close-first
  msg-more      (§58) the client writes 100 bytes with MSG_MORE, then after 50 ms 100 bytes without; then close-first
  tfo           (§58) net.ipv4.tcp_fastopen=3 on both sides, TCP_FASTOPEN (queue 16) on the listener; two connections
                one after the other, each sendto(MSG_FASTOPEN) of a 4-byte request then close-first: the first asks
                for a cookie, the second carries its request in the SYN
  tfo-no-cookie (§69) the same with Fast Open without cookies: net.ipv4.tcp_fastopen=0x5 at the client
                (TFO_CLIENT_NO_COOKIE: data in the SYN, no option) and 0x202 at the server (TFO_SERVER_COOKIE_NOT_REQD)
  tfo-no-cookie-refused  (§69) the client as in tfo-no-cookie, the server as in tfo (0x3): it wants a cookie
HL_NS_SUFFIX names the namespaces (default -b): evc-b, evs-b. HL_CC names
the congestion control of every socket the programs make (TCP_CONGESTION; unset, as for the captures of §49: the namespace's default).
"""
import os
import signal
import subprocess
import sys
import time

SUFFIX = os.environ.get('HL_NS_SUFFIX', '-b')
C, S = 'evc' + SUFFIX, 'evs' + SUFFIX
PORT = 7000
PY = '/usr/bin/python3'
CC = os.environ.get('HL_CC', '')


def sh(*args, check=True):
    return subprocess.run(args, check=check, capture_output=True, text=True)


def nsx(ns, *args, check=True):
    return sh('ip', 'netns', 'exec', ns, *args, check=check)


def teardown():
    for ns in (C, S):
        sh('ip', 'netns', 'del', ns, check=False)


SERVER = r'''
import socket, sys, time
fam, addr, port, exch = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
cc = sys.argv[6] if len(sys.argv) > 6 else ''
ls = socket.socket(fam); ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); ls.bind((addr, port))
if cc:
    ls.setsockopt(socket.IPPROTO_TCP, 13, cc.encode())   # TCP_CONGESTION: accepted sockets inherit it
if exch.startswith('tfo'):
    ls.setsockopt(socket.IPPROTO_TCP, socket.TCP_FASTOPEN, 16)
ls.listen({'backlog': 1, 'overflow': 0, 'overflow-abort': 0}.get(exch, 16))
open('/tmp/evb-listening' + sys.argv[5], 'w').close()
def read_to_end(c):
    while c.recv(65536): pass
if exch == 'backlog':
    time.sleep(2)
    for _ in range(4):
        c, _ = ls.accept(); c.recv(100); c.sendall(b'ok'); read_to_end(c); c.close()
    sys.exit()
if exch.startswith('overflow'):
    time.sleep(6)
    cs = [ls.accept()[0] for _ in range(1 if exch == 'overflow-abort' else 2)]   # the reset one never comes
    for c in cs:
        c.recv(100); c.sendall(b'ok')
    for c in cs:
        read_to_end(c); c.close()
    sys.exit()
if exch.startswith('tfo'):
    for _ in range(2):
        c, _ = ls.accept(); c.recv(100); c.sendall(b'x' * 2000); c.close()
    sys.exit()
c, _ = ls.accept()
if exch == 'urgent':
    c.setsockopt(socket.SOL_SOCKET, socket.SO_OOBINLINE, 1)
if exch in ('cork', 'msg-more', 'urgent'):
    c.recv(1); time.sleep(0.6); c.recv(1000); c.sendall(b'ok'); read_to_end(c); c.close()
elif exch in ('close-first', 'synack-lost', 'syncookies', 'advmss', 'no-timestamps'):
    c.recv(100); c.sendall(b'x' * {'advmss': 5000, 'no-timestamps': 3000}.get(exch, 2000)); c.close()
elif exch == 'half-close':
    read_to_end(c); c.sendall(b'y' * 5000); c.close()
elif exch == 'interactive':
    while True:
        d = c.recv(100)
        if not d: break
        c.sendall(d)
    c.close()
elif exch == 'killed':
    try:
        while True:
            c.sendall(b'z' * 10000); time.sleep(0.05)
    except OSError:
        pass
    c.close()
elif exch in ('keepalive', 'keepalive-dead'):
    c.recv(100); c.sendall(b'hi'); read_to_end(c) if exch == 'keepalive' else time.sleep(12); c.close()
elif exch == 'ack-lost':
    c.sendall(b'220 hello\n'); c.recv(100); read_to_end(c); c.close()
'''

CLIENT = r'''
import os, socket, struct, sys, time
fam, addr, port, exch = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
def read_to_end(c):
    while c.recv(65536): pass
if exch == 'refused':
    try: socket.create_connection((addr, port + 9))
    except OSError as e: print(e)
    sys.exit()
if exch == 'backlog':
    cs = []
    for _ in range(4):
        c = socket.socket(fam); c.setblocking(False); c.connect_ex((addr, port)); cs.append(c)
    time.sleep(0.1)
    for c in cs:
        c.setblocking(True); c.settimeout(20); c.sendall(b'hi')
    for c in cs:
        c.recv(10); c.close()
    sys.exit()
cc = sys.argv[6] if len(sys.argv) > 6 else ''
def sock():
    s = socket.socket(fam)
    if cc:
        s.setsockopt(socket.IPPROTO_TCP, 13, cc.encode())   # TCP_CONGESTION
    return s
if exch.startswith('overflow'):
    cs = []
    for i in range(2):
        c = sock(); c.settimeout(30); c.connect((addr, port)); cs.append(c); time.sleep(0.1)
    time.sleep(1.4)
    for c in cs:
        try:
            c.sendall(b'hi')
        except OSError as e:
            print(e)
    for c in cs:
        try:
            print(c.recv(10))
        except OSError as e:
            print(e)
        c.close()
    sys.exit()
if exch.startswith('tfo'):
    for i in range(2):
        c = sock(); c.sendto(b'GET\n', socket.MSG_FASTOPEN, (addr, port)); c.settimeout(30); read_to_end(c); c.close()
        time.sleep(0.3)
    sys.exit()
c = sock()
if exch.startswith('keepalive'):
    c.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, 1)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, 1)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPCNT, 3)
c.settimeout(30)
c.connect((addr, port))
if exch in ('close-first', 'synack-lost', 'syncookies', 'advmss', 'no-timestamps'):
    c.sendall(b'GET\n'); read_to_end(c); c.close()
elif exch == 'half-close':
    c.sendall(b'q' * 3000); c.shutdown(socket.SHUT_WR); read_to_end(c); c.close()
elif exch == 'interactive':
    for i in range(5):
        c.sendall(b'line%d\n' % i); time.sleep(0.2)
    time.sleep(0.2); c.close()
elif exch == 'killed':
    end = time.time() + 0.3
    while time.time() < end:
        c.recv(4096)
    os.kill(os.getpid(), 9)
elif exch == 'keepalive':
    c.sendall(b'hi'); c.recv(10); time.sleep(3.5); c.close()
elif exch == 'keepalive-dead':
    c.sendall(b'hi'); c.recv(10); open('/tmp/evb-silent' + sys.argv[5], 'w').close()
    try:
        c.settimeout(None); c.recv(10)
    except OSError as e:
        print(e)
    c.close()
elif exch == 'ack-lost':
    c.recv(100); c.sendall(b'QUIT'); c.close()
elif exch == 'urgent':
    c.sendall(b'abc'); time.sleep(0.2); c.send(b'!', socket.MSG_OOB); time.sleep(0.2); c.sendall(b'def')
    c.shutdown(socket.SHUT_WR); read_to_end(c); c.close()
elif exch == 'cork':
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_CORK, 1)
    for i in range(5):
        c.sendall(b'c' * 100); time.sleep(0.05)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_CORK, 0)
    c.shutdown(socket.SHUT_WR); read_to_end(c); c.close()
elif exch == 'msg-more':
    c.send(b'm' * 100, socket.MSG_MORE); time.sleep(0.05); c.sendall(b'n' * 100)
    c.shutdown(socket.SHUT_WR); read_to_end(c); c.close()
'''


def main():
    args = sys.argv[1:]
    link, exch, out = args[0], args[1], os.path.abspath(args[2])
    side = args[args.index('--side') + 1] if '--side' in args else 'client'
    snap = args[args.index('--snap') + 1] if '--snap' in args else None
    anydev = '--any' in args
    teardown()
    sh('ip', 'netns', 'add', C)
    nsx(C, 'ip', 'link', 'set', 'lo', 'up')
    if link in ('lo', 'lo6'):
        srv_ns, dev = C, 'lo'
        addr, fam = ('::1', 10) if link == 'lo6' else ('127.0.0.1', 2)
        if link == 'lo6':
            nsx(C, 'sysctl', '-qw', 'net.ipv6.conf.all.disable_ipv6=0')
            nsx(C, 'sysctl', '-qw', 'net.ipv6.conf.lo.disable_ipv6=0')
    else:
        srv_ns, fam, addr = S, 2, '10.79.0.2'
        sh('ip', 'netns', 'add', S)
        nsx(S, 'ip', 'link', 'set', 'lo', 'up')
        sh('ip', 'link', 'add', 'vc', 'netns', C, 'type', 'veth', 'peer', 'name', 'vs', 'netns', S)
        nsx(C, 'ip', 'addr', 'add', '10.79.0.1/24', 'dev', 'vc')
        nsx(S, 'ip', 'addr', 'add', '10.79.0.2/24', 'dev', 'vs')
        nsx(C, 'ip', 'link', 'set', 'vc', 'up')
        nsx(S, 'ip', 'link', 'set', 'vs', 'up')
        dev = 'vc' if side == 'client' else 'vs'
    if exch == 'overflow-abort':
        nsx(srv_ns, 'sysctl', '-qw', 'net.ipv4.tcp_abort_on_overflow=1')
    if exch.startswith('tfo'):
        # on lo the two are one namespace: its one sysctl has the client's and the server's flags
        client_tfo = 0x5 if exch.startswith('tfo-no-cookie') else 0x3
        server_tfo = 0x202 if exch == 'tfo-no-cookie' else 0x3
        if srv_ns == C and exch == 'tfo-no-cookie-refused':
            raise SystemExit('tfo-no-cookie-refused needs veth: one namespace has one tcp_fastopen')
        nsx(srv_ns, 'sysctl', '-qw', 'net.ipv4.tcp_fastopen=%d' % (server_tfo | (client_tfo if srv_ns == C else 0)))
        if srv_ns != C:
            nsx(C, 'sysctl', '-qw', 'net.ipv4.tcp_fastopen=%d' % client_tfo)
    if exch == 'syncookies':
        nsx(srv_ns, 'sysctl', '-qw', 'net.ipv4.tcp_syncookies=2')
    if exch == 'no-timestamps':
        if srv_ns == C:
            raise SystemExit('no-timestamps needs veth: one namespace has one tcp_timestamps')
        nsx(C, 'sysctl', '-qw', 'net.ipv4.tcp_timestamps=0')
    if exch == 'advmss':
        if srv_ns == C:
            raise SystemExit('advmss needs veth')
        nsx(C, 'ip', 'route', 'replace', '10.79.0.0/24', 'dev', 'vc', 'advmss', '1000')
    nft = None
    if exch == 'synack-lost':
        nft = (C, 'tcp flags & (syn|ack) == syn|ack ip saddr @once accept\n'
                  'tcp flags & (syn|ack) == syn|ack add @once { ip saddr } counter drop')
    elif exch == 'ack-lost' or exch.startswith('overflow'):
        nft = (srv_ns, 'tcp dport %d tcp flags & (fin|syn|rst|psh|ack) == ack ip saddr @once accept\n'
                       'tcp dport %d tcp flags & (fin|syn|rst|psh|ack) == ack add @once { ip saddr } counter drop'
               % (PORT, PORT))
    if nft:
        rules = '\n'.join('    ' + r for r in nft[1].split('\n'))
        txt = ('table ip hl {\n  set once { type ipv4_addr; flags dynamic; }\n'
               '  chain pre { type filter hook prerouting priority -300; policy accept;\n%s\n  }\n}\n' % rules)
        p = subprocess.run(['ip', 'netns', 'exec', nft[0], 'nft', '-f', '-'], input=txt, text=True,
                           capture_output=True)
        if p.returncode:
            raise SystemExit('nft: ' + p.stderr)
    tag = SUFFIX
    for f in ('/tmp/evb-listening' + tag, '/tmp/evb-silent' + tag):
        if os.path.exists(f):
            os.unlink(f)
    dump_ns = C if side == 'client' else srv_ns
    cmd = ['ip', 'netns', 'exec', dump_ns, 'tcpdump', '-i', 'any' if anydev else dev, '-n', '-U', '-w', out]
    if snap:
        cmd += ['-s', snap]
    cmd += ['tcp port %d or tcp port %d' % (PORT, PORT + 9)]
    dump = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    srv = None
    if exch != 'refused':
        srv = subprocess.Popen(['ip', 'netns', 'exec', srv_ns, PY, '-c', SERVER, str(fam), addr, str(PORT), exch,
                                tag, CC])
        while not os.path.exists('/tmp/evb-listening' + tag):
            time.sleep(0.05)
    time.sleep(1.5)   # tcpdump is listening (it says so on stderr only when not -w: wait instead)
    cli = subprocess.Popen(['ip', 'netns', 'exec', C, PY, '-c', CLIENT, str(fam), addr, str(PORT), exch, tag, CC])
    if exch == 'keepalive-dead':
        while not os.path.exists('/tmp/evb-silent' + tag):
            time.sleep(0.01)
        subprocess.run(['ip', 'netns', 'exec', C, 'nft', '-f', '-'], check=True, text=True,
                       input='table ip hl2 {\n  chain pre { type filter hook prerouting priority -300; '
                             'policy accept;\n    ip saddr %s tcp sport %d counter drop\n  }\n}\n' % (addr, PORT))
    cli.wait(timeout=60)
    if srv:
        try:
            srv.wait(timeout=15)
        except subprocess.TimeoutExpired:
            srv.kill()
    time.sleep(1)
    dump.send_signal(signal.SIGINT)
    dump.wait(timeout=10)
    sys.stderr.write(dump.stderr.read().decode())
    # Every process still in the namespaces is this script's (ip netns exec's children).
    for ns in (C, S):
        pids = sh('ip', 'netns', 'pids', ns, check=False).stdout.split()
        for p in pids:
            try:
                os.kill(int(p), signal.SIGKILL)
            except (ProcessLookupError, ValueError):
                pass
    teardown()


if __name__ == '__main__':
    main()
