#!/usr/bin/python3
"""Everyday captures a reviewer would make (docs/linux-captures.md §49): small programs over loopback or a veth pair
in network namespaces of their own, default sysctls unless the exchange says otherwise, one tcpdump on one side.

    sudo /usr/bin/python3 everyday-more.py LINK EXCHANGE OUT.pcap [--side client|server] [--snap N] [--any]

LINK: lo (loopback in one namespace, client and server both in it), lo6 (the same over ::1), veth (two namespaces
joined by a veth pair, 10.79.0.1 the client, 10.79.0.2 the server, offloads at their defaults), veth6 (the same pair
over IPv6, fd79::1 the client, fd79::2 the server).
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
The exchanges of §67, what ordinary programs and admins set (each a download: the client sends a 4-byte request,
the server answers N bytes and closes first, the client reads to the end and closes):
  rcvbuf        SO_RCVBUF 4096 on the client before connect(); a 200,000-byte answer (a window-limited transfer)
  slow-reader   the client reads 4,096 bytes every 10 ms; a 200,000-byte answer
  sndbuf        SO_SNDBUF 4096 on the server's listener (its accepted socket inherits it); a 200,000-byte answer
  maxseg        TCP_MAXSEG 536 on the client before connect(); a 5,000-byte answer
  initcwnd      (veth, veth6) the server's route has initcwnd 20, the client's initrwnd 20; a 100,000-byte answer
  quickack      (veth, veth6) the client's route has quickack 1; a 20,000-byte answer
  jumbo         (veth, veth6) mtu 9000 on both ends of the pair; a 200,000-byte answer
  ecn           net.ipv4.tcp_ecn=1 on both sides (ECN negotiated, nothing marks CE); a 20,000-byte answer
  no-sack-loss  (veth) tcp_sack=0 at the client, and the server's first segment with data dropped at the client (nft
                one-shot); a 50,000-byte answer
and two closes:
  nodelay       TCP_NODELAY on the client: five writes of 10 bytes back to back, then shutdown(SHUT_WR) and read to
                the end; the server reads to the end, answers 2 bytes and closes
  shut-rd       the client sends its request and calls shutdown(SHUT_RD), then closes 200 ms later with the server's
                2,000-byte answer unread (a reset)
  linger        SO_LINGER on with 1 s on the client: it writes 100,000 bytes and closes at once (close() waits for
                them); the server starts reading 300 ms later, reads to the end, answers 2 bytes and closes
The exchanges of §76 (a peer that vanishes, aborts, forgets; timers an admin set):
  retries-dead  tcp_retries2=3 at the client; after a 2-byte exchange every segment of the client is dropped at the
                server (nft): the client's 2,000 bytes are sent again until the kernel gives up (ETIMEDOUT)
  user-timeout  the same with the default tcp_retries2 and TCP_USER_TIMEOUT 1,500 ms on the client
  abort-in-flight  the client writes up to 200,000 bytes without blocking to a server that reads only after 500 ms,
                and 50 ms later closes with SO_LINGER {1, 0}: a RST with data unacknowledged and unsent
  rebooted      after a 2-byte exchange the server closes with SO_LINGER {1, 0} and exits, its RST dropped on the way
                out (nft, the server's output hook): the client, 1 s later, writes 100 bytes and is answered by a RST
  fin-timeout   tcp_fin_timeout=2 at the client: it sends a request and closes at once; the server answers 4 bytes
                3.5 s later, after the client's orphaned FIN-WAIT-2 ended, and closes (a RST answers)
  syn-retries   tcp_syn_retries=3 at the client; the server drops every SYN (nft): connect() gives up after eight SYNs
                (three retries and tcp_syn_linear_timeouts' four more: tcp_write_timeout's max_retransmits)
  defer-accept  TCP_DEFER_ACCEPT 3 s on the server's listener; the client sends its request 2.5 s after connect()
                returned, then close-first
  pipelined     Nagle on: the client writes five 7-byte requests back to back, then reads the 35-byte echo and closes
  two-families  (lo, veth) one listener on [::] for IPv4 and IPv6; the client runs close-first over IPv4, then over IPv6:
                two connections, one of each family, in one file
The exchanges of §96 (socket options and paths that shape the handshake and the teardown; a download is the client's
4-byte request answered by N bytes, the server closing first):
  window-clamp  TCP_WINDOW_CLAMP 8,192 on the client before connect(); a 100,000-byte download
  maxseg-listener  TCP_MAXSEG 700 on the server's listener (its accepted socket inherits it); a 10,000-byte download
  rcvlowat      SO_RCVLOWAT 30,000 on the client; a 100,000-byte download
  quickack-opt  the client sets TCP_QUICKACK after each read of 4,096 bytes; a 20,000-byte download
  linger-expires  SO_LINGER {1, 1} on the client: it writes up to 300,000 bytes without blocking to a server that
                reads only after 2.5 s, then closes; close() returns after 1 s with data unsent and the orphan goes on
  challenge-rst (lo, veth) after a 2-byte exchange the script writes two RSTs (scapy, from the client's namespace) in
                the server's window but not at its rcv_nxt, 100 ms apart: one challenge ACK (RFC 5961 §3.2), the
                second skipped (tcp_invalid_ratelimit); then the client sends 5 bytes and reads a 2,000-byte answer
  challenge-syn (lo, veth) the same with one SYN on the established connection (RFC 5961 §4.2)
  icmp-port     the server's namespace answers the first SYN with ICMP port unreachable (nft reject, input hook, ICMP
                captured too). Where it arrives while connect() still holds the socket (lo, veth: at once) it is a
                soft error (tcp_v4_err) and the SYN is sent again at 1 s; else connect() fails and the client connects
                again 1 s later. Then a 2,000-byte download
  icmp-host     the same with ICMP host unreachable
  ecn-ce        net.ipv4.tcp_ecn=1 on both sides; the server's namespace marks CE on every 8th data packet it sends
                (nft, postrouting, ECT(0) only); a 100,000-byte download
  backlog-full-timeout  tcp_syn_retries=2 at the client; the server listens with backlog 0 and accepts only after 8 s;
                a first client connects and sends 2 bytes, a second one 100 ms later finds the accept queue full: its
                SYNs are dropped (tcp_conn_request) and connect() times out (ETIMEDOUT); the first gets its answer
  reuseport     two listeners on one port with SO_REUSEPORT; four clients one after the other, each a 2,000-byte
                download (the kernel picks the listener by the 4-tuple's hash)
  defer-accept-silent  TCP_DEFER_ACCEPT 1 s on the server's listener; the client sends its request 4 s after
                connect() returned, then a 2,000-byte download
The exchanges of §99 (closes an admin or a program shortens, a listener that goes away, a handshake cut short):
  syn-sent-close  the client's first SYN,ACK is dropped at the client (nft one-shot, as synack-lost); connect() is
                non-blocking and the client closes 500 ms later, in SYN-SENT: the server's SYN,ACK sent again meets no
                socket (a RST)
  linger2-negative  TCP_LINGER2 -1 on the client: it sends a request and closes at once; the ACK of its FIN is
                answered with a RST (tcp_rcv_state_process, FIN-WAIT-1); the server answers 2,000 bytes 300 ms later
  linger2-half-close  the client sends a request, shutdown(SHUT_WR), sets TCP_LINGER2 -1 200 ms later and closes in
                FIN-WAIT-2: a RST at once (__tcp_close); the server answers 2,000 bytes 300 ms after the FIN
  orphan-data   the client sends a request and closes at once; the server answers 4 bytes 500 ms later, while the
                client's orphan is in FIN-WAIT-2 (a TIME-WAIT socket, substate FIN-WAIT-2): a RST answers
  orphan-retries  tcp_orphan_retries=1 at the client; after a 2-byte exchange every segment of the client is dropped
                at the server (nft) and the client closes: its FIN is sent again until the orphan gives up
  syncookies-no-ts  (veth, veth6) tcp_syncookies=2 at the server, tcp_timestamps=0 at the client: a cookie that
                cannot carry window scale or SACK (cookie_init_timestamp is not used); a 20,000-byte download
  listener-closed  the server never accepts and closes its listener 1 s after the client's request arrived: the
                established connection in its accept queue is reset (inet_csk_listen_stop)
  self-connect  (lo, lo6) no server: the client binds port 7000 and connects to itself (a simultaneous open of one
                socket), writes 2 bytes, reads them and closes
  syncnt        TCP_SYNCNT 1 on the client; the server drops every SYN (nft): connect() gives up (ETIMEDOUT)
  user-timeout-syn  TCP_USER_TIMEOUT 2,500 ms on the client; the server drops every SYN: connect() gives up
  ecn-refused   (veth, veth6) tcp_ecn=1 at the client, tcp_ecn=0 at the server: the ECN-setup SYN answered by a plain
                SYN,ACK; a 20,000-byte download
The exchanges of §107 (a TIME-WAIT the kernel has no room for, SYN timeouts an admin set, a per-route RTO minimum, a
listener closed with a handshake unfinished, a close in CLOSE-WAIT with data unread, delayed ACKs asked for):
  tw-overflow-fin  tcp_max_tw_buckets=0 at the client: it sends a request and closes at once; its orphan's
                FIN-WAIT-2 finds no room for a timewait socket (tcp_time_wait) and is gone; the server closes 300 ms
                after the client's FIN: a RST answers its FIN
  tw-overflow-fin-again  tcp_max_tw_buckets=0 at the client: it sends a request, shutdown(SHUT_WR) and reads to the
                end; the server answers 2,000 bytes and closes 300 ms later, the client's ACK of its FIN dropped at
                the server (nft one-shot): the client skipped TIME-WAIT, and the FIN sent again is answered by a RST
  syn-linear-0  tcp_syn_retries=3 and tcp_syn_linear_timeouts=0 at the client; the server drops every SYN (nft):
                the timeouts double from the first one
  syn-linear-2  the same with tcp_syn_linear_timeouts=2
  rto-min-route (veth, veth6) the server's route has rto_min 50ms; its 1,000-byte answer is dropped once at the client
                (nft one-shot); it closes 1 s later
  close-wait-unread  the client sends a request and reads nothing; the server answers 2,000 bytes and closes; the
                client closes 300 ms later, in CLOSE-WAIT with the data unread: a RST
  listener-closed-syn-recv  the client's ACK of the SYN,ACK is dropped at the server (nft one-shot); the server closes
                its listener as soon as connect() returned, with the handshake unfinished; the client sends its
                request 200 ms later: no socket, a RST
  quickack-off  TCP_QUICKACK 0 on the server's accepted socket (delayed ACKs from the start); the client sends 100
                bytes 100 ms after connect() and 100 more 200 ms later; the server answers 2 bytes 300 ms after
                reading both, and closes after the client
HL_NSTAT=FILE writes each namespace's non-zero counters (nstat -a -s) there after the exchange (the namespaces are new: they
count this exchange alone). HL_NS_SUFFIX names the namespaces (default -b): evc-b, evs-b. HL_CC names
the congestion control of every socket the programs make (TCP_CONGESTION; unset, as for the captures of §49: the namespace's default, which a new namespace takes from
the host's: bbr on the host of §67's captures, docs/linux-captures.md §72).
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
import os, socket, struct, sys, time
fam, addr, port, exch = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
cc = sys.argv[6] if len(sys.argv) > 6 else ''
if exch == 'two-families':   # one dual-stack listener: IPv4 clients come as ::ffff:a.b.c.d
    fam, addr = socket.AF_INET6, '::'
ls = socket.socket(fam); ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
if exch == 'two-families':
    ls.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
ls.bind((addr, port))
if exch == 'reuseport':   # two listeners on one port: each connection goes to one of them
    import select
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    ls2 = socket.socket(fam); ls2.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1); ls2.bind((addr, port))
    ls.listen(16); ls2.listen(16)
    open('/tmp/evb-listening' + sys.argv[5], 'w').close()
    for _ in range(4):
        ready, _, _ = select.select([ls, ls2], [], [], 30)
        c, _ = ready[0].accept(); print('listener', [ls, ls2].index(ready[0])); c.recv(100); c.sendall(b'x' * 2000); c.close()
    sys.exit()
if exch in ('syn-retries', 'syncnt', 'user-timeout-syn', 'syn-linear-0', 'syn-linear-2'):   # every SYN dropped
    open('/tmp/evb-listening' + sys.argv[5], 'w').close(); ls.listen(16); time.sleep(60)
if cc:
    ls.setsockopt(socket.IPPROTO_TCP, 13, cc.encode())   # TCP_CONGESTION: accepted sockets inherit it
if exch.startswith('tfo'):
    ls.setsockopt(socket.IPPROTO_TCP, socket.TCP_FASTOPEN, 16)
if exch == 'sndbuf':
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)
if exch == 'maxseg-listener':
    ls.setsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG, 700)
DOWNLOADS = {'rcvbuf': 200000, 'slow-reader': 200000, 'sndbuf': 200000, 'maxseg': 5000, 'initcwnd': 100000,
             'quickack': 20000, 'jumbo': 200000, 'close-first': 2000, 'synack-lost': 2000, 'syncookies': 2000,
             'advmss': 5000, 'no-timestamps': 3000, 'shut-rd': 2000, 'ecn': 20000, 'no-sack-loss': 50000,
             'defer-accept': 2000, 'window-clamp': 100000, 'maxseg-listener': 10000, 'rcvlowat': 100000,
             'quickack-opt': 20000, 'icmp-port': 2000, 'icmp-host': 2000, 'ecn-ce': 100000,
             'defer-accept-silent': 2000, 'syncookies-no-ts': 20000, 'ecn-refused': 20000, 'close-wait-unread': 2000}
if exch == 'defer-accept':
    ls.setsockopt(socket.IPPROTO_TCP, socket.TCP_DEFER_ACCEPT, 3)
if exch == 'defer-accept-silent':
    ls.setsockopt(socket.IPPROTO_TCP, socket.TCP_DEFER_ACCEPT, 1)
ls.listen({'backlog': 1, 'overflow': 0, 'overflow-abort': 0, 'backlog-full-timeout': 0}.get(exch, 16))
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
if exch == 'syn-sent-close':   # the client is gone before its handshake ends: nothing to accept
    time.sleep(4); sys.exit()
if exch == 'listener-closed':   # the request arrives about 1.6 s after listen(): reset it from the accept queue
    time.sleep(2.6); ls.close(); time.sleep(0.5); sys.exit()
if exch == 'listener-closed-syn-recv':   # the client's handshake ACK was dropped: its request socket is left
    while not os.path.exists('/tmp/evb-silent' + sys.argv[5]):
        time.sleep(0.01)
    ls.close(); open('/tmp/evb-silenced' + sys.argv[5], 'w').close(); time.sleep(2); sys.exit()
if exch == 'backlog-full-timeout':   # the second client never got in
    time.sleep(8)
    c, _ = ls.accept(); c.recv(100); c.sendall(b'ok'); read_to_end(c); c.close()
    sys.exit()
if exch.startswith('tfo') or exch == 'two-families':
    for _ in range(2):
        c, _ = ls.accept(); c.recv(100); c.sendall(b'x' * 2000); c.close()
    sys.exit()
c, _ = ls.accept()
if exch == 'urgent':
    c.setsockopt(socket.SOL_SOCKET, socket.SO_OOBINLINE, 1)
if exch in ('cork', 'msg-more', 'urgent'):
    c.recv(1); time.sleep(0.6); c.recv(1000); c.sendall(b'ok'); read_to_end(c); c.close()
elif exch in DOWNLOADS:
    c.recv(100); c.sendall(b'x' * DOWNLOADS[exch]); c.close()
elif exch in ('half-close', 'nodelay', 'linger'):
    if exch == 'linger':
        time.sleep(0.3)
    read_to_end(c); c.sendall(b'y' * 5000 if exch == 'half-close' else b'ok'); c.close()
elif exch in ('interactive', 'pipelined'):   # an echo
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
elif exch in ('retries-dead', 'user-timeout'):
    c.recv(100); c.sendall(b'hi'); time.sleep(30)   # stopped by the script once the client gave up
elif exch == 'abort-in-flight':
    time.sleep(0.5)
    try:
        read_to_end(c)
    except OSError as e:
        print(e)
    c.close()
elif exch == 'rebooted':
    c.recv(100); c.sendall(b'hi'); time.sleep(0.3)
    c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0)); c.close(); ls.close()
elif exch in ('fin-timeout', 'orphan-data'):
    c.recv(100); time.sleep(3.5 if exch == 'fin-timeout' else 0.5); c.sendall(b'late'); c.close()
elif exch.startswith('linger2'):   # the client may have reset the connection already
    try:
        read_to_end(c); time.sleep(0.3); c.sendall(b'x' * 2000)
    except OSError as e:
        print(e)
    c.close()
elif exch == 'orphan-retries':
    c.recv(100); c.sendall(b'hi'); time.sleep(30)   # stopped by the script once the orphan gave up
elif exch.startswith('challenge'):
    c.recv(100); c.sendall(b'hi'); c.recv(100); c.sendall(b'x' * 2000); c.close()
elif exch == 'linger-expires':
    time.sleep(2.5); read_to_end(c); c.close()
elif exch == 'tw-overflow-fin':
    read_to_end(c); time.sleep(0.3); c.close()
elif exch == 'rto-min-route':   # no FIN behind the answer: its loss is found by a timer, not by a SACK of the FIN
    c.recv(100); c.sendall(b'x' * 1000); time.sleep(1); c.close()
elif exch == 'tw-overflow-fin-again':   # the script drops the client's next pure ACK before the FIN leaves
    c.recv(100); c.sendall(b'x' * 2000); time.sleep(0.3)
    open('/tmp/evb-silent' + sys.argv[5], 'w').close()
    while not os.path.exists('/tmp/evb-silenced' + sys.argv[5]):
        time.sleep(0.01)
    c.close(); time.sleep(2)
elif exch == 'quickack-off':
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 0)   # pingpong mode: delayed ACKs (tcp_sock_set_quickack)
    got = 0
    while got < 200:
        got += len(c.recv(200 - got))
    time.sleep(0.3); c.sendall(b'ok'); read_to_end(c); c.close()
'''

CLIENT = r'''
import os, socket, struct, sys, time
fam, addr, port, exch = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
def read_to_end(c):
    while c.recv(65536): pass
def print_answer_and_close(c):   # the peer's first bytes, or the error its reset gave
    try:
        print(c.recv(10))
    except OSError as e:
        print(e)
    c.close()
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
        print_answer_and_close(c)
    sys.exit()
if exch == 'backlog-full-timeout':
    first = socket.socket(fam); first.settimeout(30); first.connect((addr, port)); first.sendall(b'hi')
    time.sleep(0.1)
    second = socket.socket(fam)
    t = time.time()
    try:
        second.connect((addr, port))
    except OSError as e:
        print('second', e, round(time.time() - t, 1))
    print(first.recv(10)); first.close()
    sys.exit()
if exch == 'self-connect':
    c = socket.socket(fam); c.settimeout(10); c.bind((addr, port)); c.connect((addr, port))
    c.sendall(b'hi'); print(c.recv(10)); c.close()
    sys.exit()
if exch == 'syn-sent-close':   # closed in SYN-SENT, its SYN,ACK lost on the way
    c = socket.socket(fam); c.setblocking(False); c.connect_ex((addr, port)); time.sleep(0.5); c.close()
    sys.exit()
if exch == 'reuseport':
    for i in range(4):
        c = socket.socket(fam); c.settimeout(30); c.connect((addr, port)); c.sendall(b'GET\n'); read_to_end(c); c.close()
        time.sleep(0.2)
    sys.exit()
if exch.startswith('icmp'):   # the first SYN is answered by ICMP: connect() fails, or (a soft error) retries
    c = socket.socket(fam); c.settimeout(30)
    try:
        t = time.time(); c.connect((addr, port)); print('connected after', round(time.time() - t, 2))
        c.sendall(b'GET\n'); read_to_end(c); c.close()
        sys.exit()
    except OSError as e:
        print(e)
    c.close(); time.sleep(1)
if exch == 'two-families':
    for a in addr.split(','):
        c = socket.socket(socket.AF_INET6 if ':' in a else socket.AF_INET); c.settimeout(30); c.connect((a, port))
        c.sendall(b'GET\n'); read_to_end(c); c.close(); time.sleep(0.3)
    sys.exit()
if exch.startswith('tfo'):
    for i in range(2):
        c = sock(); c.sendto(b'GET\n', socket.MSG_FASTOPEN, (addr, port)); c.settimeout(30); read_to_end(c); c.close()
        time.sleep(0.3)
    sys.exit()
c = sock()
if exch == 'rcvbuf':
    c.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
if exch == 'maxseg':
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG, 536)
if exch == 'nodelay':
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
if exch.startswith('keepalive'):
    c.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, 1)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, 1)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPCNT, 3)
if exch == 'user-timeout':
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_USER_TIMEOUT, 1500)
if exch == 'user-timeout-syn':
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_USER_TIMEOUT, 2500)
if exch == 'syncnt':
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_SYNCNT, 1)
if exch == 'window-clamp':
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_WINDOW_CLAMP, 8192)
if exch == 'rcvlowat':
    c.setsockopt(socket.SOL_SOCKET, socket.SO_RCVLOWAT, 30000)
c.settimeout(30)
if exch in ('syn-retries', 'syncnt', 'user-timeout-syn', 'syn-linear-0', 'syn-linear-2'):
    c.settimeout(None)
    t = time.time()
    try:
        c.connect((addr, port))
    except OSError as e:
        print(e, round(time.time() - t, 1))
    sys.exit()
c.connect((addr, port))
def write_without_blocking(c, byte, most):   # until the send buffer is full (EAGAIN) or `most` bytes are written
    c.setblocking(False)
    sent = 0
    try:
        while sent < most:
            sent += c.send(byte * (most - sent))
    except BlockingIOError:
        pass
    return sent
def signal_and_wait(tag):   # the script changes the network (nft) between the flag and its answer
    open('/tmp/evb-silent' + tag, 'w').close()
    while not os.path.exists('/tmp/evb-silenced' + tag):
        time.sleep(0.01)
if exch == 'slow-reader':
    c.sendall(b'GET\n')
    while c.recv(4096):
        time.sleep(0.01)
    c.close()
elif exch == 'shut-rd':
    c.sendall(b'GET\n'); c.shutdown(socket.SHUT_RD); time.sleep(0.2); c.close()
elif exch in ('close-first', 'synack-lost', 'syncookies', 'advmss', 'no-timestamps', 'rcvbuf', 'sndbuf', 'maxseg',
              'initcwnd', 'quickack', 'jumbo', 'ecn', 'no-sack-loss', 'window-clamp', 'maxseg-listener', 'rcvlowat',
              'icmp-port', 'icmp-host', 'ecn-ce', 'syncookies-no-ts', 'ecn-refused', 'rto-min-route',
              'tw-overflow-fin-again'):
    if exch == 'tw-overflow-fin-again':
        c.sendall(b'GET\n'); c.shutdown(socket.SHUT_WR)
    else:
        c.sendall(b'GET\n')
    read_to_end(c); c.close()
elif exch == 'linger':
    c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 1))
    c.sendall(b'l' * 100000); c.close()
elif exch == 'nodelay':
    for i in range(5):
        c.sendall(b'w%d' % i * 5)
    c.shutdown(socket.SHUT_WR); read_to_end(c); c.close()
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
elif exch in ('keepalive-dead', 'retries-dead', 'user-timeout'):   # the peer goes silent; wait for the kernel to give up
    c.sendall(b'hi'); c.recv(10)
    if exch == 'keepalive-dead':
        open('/tmp/evb-silent' + sys.argv[5], 'w').close()
    else:
        signal_and_wait(sys.argv[5]); c.sendall(b'd' * 2000)
    try:
        c.settimeout(None); c.recv(10)
    except OSError as e:
        print(e)
    c.close()
elif exch == 'ack-lost':
    c.recv(100); c.sendall(b'QUIT'); c.close()
elif exch == 'abort-in-flight':
    sent = write_without_blocking(c, b'a', 200000)
    print('written', sent); time.sleep(0.05)
    c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0)); c.close()
elif exch == 'rebooted':
    c.sendall(b'hi'); c.recv(10); time.sleep(0.6); signal_and_wait(sys.argv[5]); time.sleep(0.4)
    c.sendall(b'r' * 100)
    print_answer_and_close(c)
elif exch in ('fin-timeout', 'orphan-data', 'tw-overflow-fin'):
    c.sendall(b'GET\n'); c.close()
elif exch == 'close-wait-unread':
    c.sendall(b'GET\n'); time.sleep(0.3); c.close()
elif exch == 'listener-closed-syn-recv':
    signal_and_wait(sys.argv[5]); time.sleep(0.2); c.sendall(b'GET\n')
    print_answer_and_close(c)
elif exch == 'quickack-off':
    time.sleep(0.1); c.sendall(b'a' * 100); time.sleep(0.2); c.sendall(b'b' * 100); print(c.recv(10)); c.close()
elif exch == 'linger2-negative':
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_LINGER2, -1); c.sendall(b'GET\n'); c.close()
elif exch == 'linger2-half-close':
    c.sendall(b'GET\n'); c.shutdown(socket.SHUT_WR); time.sleep(0.2)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_LINGER2, -1); c.close()
elif exch == 'orphan-retries':
    c.sendall(b'hi'); c.recv(10); signal_and_wait(sys.argv[5]); c.close()
elif exch == 'listener-closed':
    c.sendall(b'GET\n')
    print_answer_and_close(c)
elif exch == 'defer-accept':
    time.sleep(2.5); c.sendall(b'GET\n'); read_to_end(c); c.close()
elif exch == 'pipelined':
    for i in range(5):
        c.sendall(b'GET /%d\n' % i)
    got = 0
    while got < 35:
        got += len(c.recv(100))
    c.close()
elif exch == 'urgent':
    c.sendall(b'abc'); time.sleep(0.2); c.send(b'!', socket.MSG_OOB); time.sleep(0.2); c.sendall(b'def')
    c.shutdown(socket.SHUT_WR); read_to_end(c); c.close()
elif exch == 'cork':
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_CORK, 1)
    for i in range(5):
        c.sendall(b'c' * 100); time.sleep(0.05)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_CORK, 0)
    c.shutdown(socket.SHUT_WR); read_to_end(c); c.close()
elif exch == 'quickack-opt':
    c.sendall(b'GET\n')
    while c.recv(4096):
        c.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
    c.close()
elif exch == 'linger-expires':
    sent = write_without_blocking(c, b'l', 300000)
    c.setblocking(True); c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 1))
    t = time.time(); c.close(); print('written', sent, 'close() took', round(time.time() - t, 2))
elif exch.startswith('challenge'):
    c.sendall(b'GET\n'); c.recv(10); time.sleep(0.2); signal_and_wait(sys.argv[5]); time.sleep(0.3)
    c.sendall(b'more\n'); read_to_end(c); c.close()
elif exch == 'defer-accept-silent':
    time.sleep(4); c.sendall(b'GET\n'); read_to_end(c); c.close()
elif exch == 'msg-more':
    c.send(b'm' * 100, socket.MSG_MORE); time.sleep(0.05); c.sendall(b'n' * 100)
    c.shutdown(socket.SHUT_WR); read_to_end(c); c.close()
'''


def nft_inet(ns, chain):
    p = subprocess.run(['ip', 'netns', 'exec', ns, 'nft', '-f', '-'], input='table inet hl3 {\n  %s\n}\n' % chain,
                       text=True, capture_output=True)
    if p.returncode:
        raise SystemExit('nft: ' + p.stderr)


INJECT = r'''
import socket, sys, time
from scapy.all import IP, TCP
src, dst, sport, seq, ack, flags, times = sys.argv[1:8]
raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)   # through the IP stack, as a host sends
segment = bytes(IP(src=src, dst=dst) / TCP(sport=int(sport), dport=%d, flags=flags, seq=int(seq), ack=int(ack),
                                           window=64240))
for i in range(int(times)):
    if i:
        time.sleep(0.1)
    raw.sendto(segment, (dst, 0))
''' % PORT


def inject(pcap, exch):
    """§96: segments of nobody's, written from the client's namespace into the server's window once the client's
    last segment so far shows the server's rcv_nxt (tcpdump -U has written it): RST at rcv_nxt + 1, twice, or a
    SYN at rcv_nxt + 1000."""
    from scapy.all import IP, TCP, rdpcap
    last = [p for p in rdpcap(pcap) if IP in p and TCP in p and p[TCP].dport == PORT][-1]
    tcp = last[TCP]
    rcv_nxt = tcp.seq + len(tcp.payload) + (1 if tcp.flags & 0x03 else 0)
    rst = exch == 'challenge-rst'
    nsx(C, PY, '-c', INJECT, last[IP].src, last[IP].dst, str(tcp.sport), str(rcv_nxt + (1 if rst else 1000)),
        '0', 'R' if rst else 'S', '2' if rst else '1')


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
        if link == 'lo6' or exch == 'two-families':
            nsx(C, 'sysctl', '-qw', 'net.ipv6.conf.all.disable_ipv6=0')
            nsx(C, 'sysctl', '-qw', 'net.ipv6.conf.lo.disable_ipv6=0')
    else:
        v6 = link == 'veth6'
        net, cli_addr, srv_ns, fam, addr = (('fd79::/64', 'fd79::1', S, 10, 'fd79::2') if v6 else
                                            ('10.79.0.0/24', '10.79.0.1', S, 2, '10.79.0.2'))
        plen = '/64' if v6 else '/24'
        sh('ip', 'netns', 'add', S)
        nsx(S, 'ip', 'link', 'set', 'lo', 'up')
        sh('ip', 'link', 'add', 'vc', 'netns', C, 'type', 'veth', 'peer', 'name', 'vs', 'netns', S)
        for ns, d, a in ((C, 'vc', cli_addr), (S, 'vs', addr)):
            if v6:
                nsx(ns, 'sysctl', '-qw', 'net.ipv6.conf.all.disable_ipv6=0')
                nsx(ns, 'sysctl', '-qw', 'net.ipv6.conf.%s.disable_ipv6=0' % d)
            if exch == 'jumbo':
                nsx(ns, 'ip', 'link', 'set', d, 'mtu', '9000')
            nsx(ns, 'ip', 'addr', 'add', a + plen, 'dev', d, *(['nodad'] if v6 else []))
            if exch == 'two-families':   # the pair over both families
                nsx(ns, 'sysctl', '-qw', 'net.ipv6.conf.all.disable_ipv6=0')
                nsx(ns, 'sysctl', '-qw', 'net.ipv6.conf.%s.disable_ipv6=0' % d)
                nsx(ns, 'ip', 'addr', 'add', a.replace('10.79.0.', 'fd79::') + '/64', 'dev', d, 'nodad')
            nsx(ns, 'ip', 'link', 'set', d, 'up')
        dev = 'vc' if side == 'client' else 'vs'
        # Route metrics an admin sets (ip-route(8)): the kernel reads them when the connection is made.
        metrics = {'initcwnd': {C: ['initrwnd', '20'], S: ['initcwnd', '20']},
                   'quickack': {C: ['quickack', '1']},
                   'rto-min-route': {S: ['rto_min', '50ms']},
                   'advmss': {C: ['advmss', '1000']}}.get(exch, {})
        for ns, words in metrics.items():
            # IPv6's connected route has metric 256 and `replace` without one adds a second at 1024, which loses
            # (§107: veth6's rto_min had no effect; so too §67's veth6 initcwnd and quickack)
            nsx(ns, 'ip', 'route', 'replace', net, 'dev', 'vc' if ns == C else 'vs', *(['metric', '256'] if v6 else []), *words)
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
    if exch in ('ecn', 'ecn-ce'):
        for ns in {C, srv_ns}:
            nsx(ns, 'sysctl', '-qw', 'net.ipv4.tcp_ecn=1')
    if exch in ('ecn-refused', 'syncookies-no-ts', 'no-timestamps') and srv_ns == C:
        raise SystemExit(exch + ' needs veth or veth6: one namespace has one sysctl for both ends')
    if exch == 'ecn-refused':
        nsx(C, 'sysctl', '-qw', 'net.ipv4.tcp_ecn=1')
        nsx(srv_ns, 'sysctl', '-qw', 'net.ipv4.tcp_ecn=0')
    if exch == 'no-sack-loss':
        if srv_ns == C:
            raise SystemExit('no-sack-loss needs veth: one namespace has one tcp_sack')
        nsx(C, 'sysctl', '-qw', 'net.ipv4.tcp_sack=0')
    if exch in ('syncookies', 'syncookies-no-ts'):
        nsx(srv_ns, 'sysctl', '-qw', 'net.ipv4.tcp_syncookies=2')
    client_sysctl = {'retries-dead': 'net.ipv4.tcp_retries2=3', 'fin-timeout': 'net.ipv4.tcp_fin_timeout=2',
                     'syn-retries': 'net.ipv4.tcp_syn_retries=3',
                     'backlog-full-timeout': 'net.ipv4.tcp_syn_retries=2',
                     'orphan-retries': 'net.ipv4.tcp_orphan_retries=1',
                     'tw-overflow-fin': 'net.ipv4.tcp_max_tw_buckets=0',
                     'tw-overflow-fin-again': 'net.ipv4.tcp_max_tw_buckets=0',
                     'syn-linear-0': 'net.ipv4.tcp_syn_retries=3 net.ipv4.tcp_syn_linear_timeouts=0',
                     'syn-linear-2': 'net.ipv4.tcp_syn_retries=3 net.ipv4.tcp_syn_linear_timeouts=2'}.get(exch)
    if client_sysctl:
        nsx(C, 'sysctl', '-qw', *client_sysctl.split())
    if exch in ('no-timestamps', 'syncookies-no-ts'):
        nsx(C, 'sysctl', '-qw', 'net.ipv4.tcp_timestamps=0')
    if exch in ('advmss', 'initcwnd', 'quickack', 'jumbo', 'rto-min-route') and srv_ns == C:
        raise SystemExit(exch + ' needs veth or veth6')
    nft = None
    if exch in ('synack-lost', 'syn-sent-close'):
        nft = (C, 'tcp flags & (syn|ack) == syn|ack ip saddr @once accept\n'
                  'tcp flags & (syn|ack) == syn|ack add @once { ip saddr } counter drop')
    elif exch == 'no-sack-loss':
        nft = (C, 'tcp sport %d meta length > 500 ip saddr @once accept\n'
                  'tcp sport %d meta length > 500 add @once { ip saddr } counter drop' % (PORT, PORT))
    elif exch == 'ack-lost' or exch.startswith('overflow'):
        nft = (srv_ns, 'tcp dport %d tcp flags & (fin|syn|rst|psh|ack) == ack ip saddr @once accept\n'
                       'tcp dport %d tcp flags & (fin|syn|rst|psh|ack) == ack add @once { ip saddr } counter drop'
               % (PORT, PORT))
    if nft and link == 'veth6':
        raise SystemExit(exch + ': its nft rules are for IPv4')
    if nft:
        rules = '\n'.join('    ' + r for r in nft[1].split('\n'))
        txt = ('table ip hl {\n  set once { type ipv4_addr; flags dynamic; }\n'
               '  chain pre { type filter hook prerouting priority -300; policy accept;\n%s\n  }\n}\n' % rules)
        p = subprocess.run(['ip', 'netns', 'exec', nft[0], 'nft', '-f', '-'], input=txt, text=True,
                           capture_output=True)
        if p.returncode:
            raise SystemExit('nft: ' + p.stderr)
    # §76's rules, for either family: a table the script adds or deletes while the programs run
    drop_syns = ('chain pre { type filter hook prerouting priority -300; policy accept;\n'
                 '    tcp dport %d tcp flags & (syn|ack) == syn counter drop\n  }' % PORT)
    inet_rules = {'syn-retries': drop_syns, 'syncnt': drop_syns, 'user-timeout-syn': drop_syns,
                  'syn-linear-0': drop_syns, 'syn-linear-2': drop_syns,
                  'rebooted': 'chain out { type filter hook output priority -300; policy accept;\n'
                              '    tcp sport %d tcp flags & rst == rst counter drop\n  }' % PORT}
    # §96's: the first SYN answered by ICMP (the input hook, after tcpdump's tap); CE marked as a router would
    # (the output side's postrouting, before tcpdump's tap on the way out, so both ends' files show the mark)
    for kind in ('port', 'host'):
        inet_rules['icmp-' + kind] = ('set once { type inet_service; flags dynamic; }\n'
                                      '  chain in { type filter hook input priority 0; policy accept;\n'
                                      '    tcp dport %d tcp flags & (syn|ack) == syn tcp dport @once accept\n'
                                      '    tcp dport %d tcp flags & (syn|ack) == syn add @once { tcp dport } '
                                      'reject with icmpx type %s-unreachable\n  }' % (PORT, PORT, kind))
    inet_rules['ecn-ce'] = ('chain post { type filter hook postrouting priority 300; policy accept;\n'
                            '    tcp sport %d ip ecn ect0 numgen inc mod 8 == 0 ip ecn set ce\n'
                            '    tcp sport %d ip6 ecn ect0 numgen inc mod 8 == 0 ip6 ecn set ce\n  }' % (PORT, PORT))
    # §107's one-shot drops, for either family: the client's handshake ACK at the server, the server's answer at the
    # client
    once = ('set once { type inet_service; flags dynamic; }\n'
            '  chain pre { type filter hook prerouting priority -300; policy accept;\n'
            '    %s tcp dport @once accept\n    %s add @once { tcp dport } counter drop\n  }')
    pure_ack = 'tcp dport %d tcp flags & (fin|syn|rst|psh|ack) == ack' % PORT
    inet_rules['listener-closed-syn-recv'] = once % (pure_ack, pure_ack)
    answer = 'tcp sport %d meta length > 500' % PORT
    if exch == 'rto-min-route':
        nft_inet(C, once % (answer, answer))
    if exch in inet_rules:
        nft_inet(srv_ns, inet_rules[exch])
    if exch.startswith('challenge') and link not in ('lo', 'veth'):
        raise SystemExit(exch + ': its injected segments are IPv4')
    tag = SUFFIX
    for f in ('/tmp/evb-listening' + tag, '/tmp/evb-silent' + tag, '/tmp/evb-silenced' + tag):
        if os.path.exists(f):
            os.unlink(f)
    dump_ns = C if side == 'client' else srv_ns
    cmd = ['ip', 'netns', 'exec', dump_ns, 'tcpdump', '-i', 'any' if anydev else dev, '-n', '-U', '-w', out]
    if snap:
        cmd += ['-s', snap]
    cmd += ['tcp port %d or tcp port %d' % (PORT, PORT + 9) + (' or icmp or icmp6' if exch.startswith('icmp') else '')]
    dump = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    srv = None
    if exch not in ('refused', 'self-connect'):
        srv = subprocess.Popen(['ip', 'netns', 'exec', srv_ns, PY, '-c', SERVER, str(fam), addr, str(PORT), exch,
                                tag, CC])
        while not os.path.exists('/tmp/evb-listening' + tag):
            time.sleep(0.05)
    time.sleep(1.5)   # tcpdump is listening (it says so on stderr only when not -w: wait instead)
    if exch == 'two-families':
        addr = addr + ',' + ('::1' if link == 'lo' else 'fd79::2')
    cli = subprocess.Popen(['ip', 'netns', 'exec', C, PY, '-c', CLIENT, str(fam), addr, str(PORT), exch, tag, CC])
    if exch in ('retries-dead', 'user-timeout', 'rebooted', 'orphan-retries'):
        while not os.path.exists('/tmp/evb-silent' + tag):
            time.sleep(0.01)
        if exch == 'rebooted':   # the server's abort has gone unseen: its next RST may leave
            nsx(srv_ns, 'nft', 'delete', 'table', 'inet', 'hl3')
        else:   # the client's peer vanishes: nothing of the client reaches the server any more
            nft_inet(srv_ns, 'chain pre { type filter hook prerouting priority -300; policy accept;\n'
                             '    tcp dport %d counter drop\n  }' % PORT)
        open('/tmp/evb-silenced' + tag, 'w').close()
    if exch == 'tw-overflow-fin-again':   # the client's ACK of the server's FIN is lost
        while not os.path.exists('/tmp/evb-silent' + tag):
            time.sleep(0.01)
        nft_inet(srv_ns, once % (pure_ack, pure_ack))
        open('/tmp/evb-silenced' + tag, 'w').close()
    if exch.startswith('challenge'):
        while not os.path.exists('/tmp/evb-silent' + tag):
            time.sleep(0.01)
        inject(out, exch)
        open('/tmp/evb-silenced' + tag, 'w').close()
    if exch == 'keepalive-dead':
        while not os.path.exists('/tmp/evb-silent' + tag):
            time.sleep(0.01)
        subprocess.run(['ip', 'netns', 'exec', C, 'nft', '-f', '-'], check=True, text=True,
                       input='table ip hl2 {\n  chain pre { type filter hook prerouting priority -300; '
                             'policy accept;\n    ip saddr %s tcp sport %d counter drop\n  }\n}\n' % (addr, PORT))
    cli.wait(timeout=60)
    gives_up = ('retries-dead', 'user-timeout', 'syn-retries', 'syncnt', 'user-timeout-syn', 'orphan-retries',
                'syn-linear-0', 'syn-linear-2')
    if exch in gives_up:   # its server waits to be stopped: stop tcpdump first
        time.sleep(6 if exch == 'orphan-retries' else 1)   # the orphan outlives its program
        dump.send_signal(signal.SIGINT)
        dump.wait(timeout=10)
    if srv:
        try:
            srv.wait(timeout=1 if exch in gives_up else 15)
        except subprocess.TimeoutExpired:
            srv.kill()
    time.sleep(1)
    if dump.poll() is None:
        dump.send_signal(signal.SIGINT)
        dump.wait(timeout=10)
    sys.stderr.write(dump.stderr.read().decode())
    if os.environ.get('HL_NSTAT'):
        with open(os.environ['HL_NSTAT'], 'w') as counters:
            for ns in dict.fromkeys((C, srv_ns)):
                counters.write('# %s\n%s' % (ns, nsx(ns, 'nstat', '-a', '-s').stdout))
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
