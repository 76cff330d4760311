#!/usr/bin/python3
"""Round 18 of kernel captures (docs/linux-captures.md §144): the families issue #14 names, with knob values the held
runs do not hold. Small Python programs over everyday-servers.py's links (lo, veth, veth6, relay; every socket CUBIC
through the routes' `congctl cubic`), default sysctls unless the exchange sets one; the relay's one-way delay is
HL_PATH's (`delay=35` for this round).

    sudo HL_PATH=delay=35 python3 round18-s144.py LINK EXCHANGE OUT

OUT: the files' prefix: OUT-client.pcap, and OUT-server.pcap where the link has two devices (tcpdump -s 128 on each
side's device), and OUT.txt: what the programs printed, `ss -tanoi` of the namespaces once the client is done, and the
namespaces' sysctls and MTUs. nft rules (table inet s144, or hlcap.py's one-shot drop_once for the first copies) drop in
the receiving namespace's prerouting hook, after tcpdump's tap: a dropped segment still shows in the receiver's file. The server listens on 7000; the client binds
40000 (but in tw-reuse-*, where its one-port ip_local_port_range chooses it). The flood needs scapy (python3 with it).
EXCHANGE (the request is 100 bytes, the answer 1,000 unless said; "request-close": the client closes after the
answer, the server 200 ms after EOF):
  syn-R-linL        tcp_syn_retries=R and tcp_syn_linear_timeouts=L at the client; every SYN dropped at the server:
                    connect() gives up (R, L: 3 0, 3 2, 3 6, 1 6, 5 1)
  synack-R-linL     tcp_synack_retries=R and tcp_syn_linear_timeouts=L at the server; the client's pure ACKs dropped at
                    the server, so the SYN,ACK goes unanswered; the client sends 4 bytes once the server has dropped the
                    request ((2^(R+1) - 1) s + 1.5 s after connect()): a RST (R, L: 1 6, 2 0, 4 0)
  flood-bB-cK-nN    (veth) tcp_syncookies=K at the server, which listens with backlog B and accepts only after the flood;
                    N SYNs from the client's address, ports 20001..., 10 ms apart (everyday-s128.py's FLOOD; their
                    SYN,ACKs dropped at the client's input hook: no RST); 0.3 s later a real client (connect() timeout
                    4 s) sends 4 bytes and reads a 2,000-byte answer
  mtu-M             (veth, veth6) both devices' MTU M; request-close with an answer of 100,000 bytes
  late-read-V       (relay) the client writes 40,000 bytes and closes; the server reads nothing for 1 s, then 2,000
                    bytes every 300 ms to EOF, and closes. V: rcvbuf4k (SO_RCVBUF 4096 on the server), rcvbuf8k,
                    rmem (tcp_rmem 4096 8192 16384 at the server), rcvbuf4k-noopts (timestamps, SACK and window scaling
                    off in both namespaces)
  tw-reuse-V[-nots] tcp_tw_reuse=V and ip_local_port_range 40000 40000 at the client (-nots: tcp_timestamps=0 at both);
                    request-close, then 1.5 s after its close the client connects again: its TIME-WAIT is taken over,
                    or connect() fails with EADDRNOTAVAIL
  opts-V            (relay) request-close with a 20,000-byte answer, the client's first FIN dropped at the server, with
                    one side's options off: V client-nots (tcp_timestamps=0 at the client), server-nosack, server-nowscale,
                    client-noopts (all three off at the client)
  synack-lost-client-nots  (relay) request-close, tcp_timestamps=0 at the client, the first SYN,ACK dropped at the client
  server-fin-lost   (relay) the server closes after its answer, its first FIN dropped at the client; the client closes
                    200 ms after EOF
  synack-lost-twice (relay) request-close, the first two SYN,ACKs dropped at the client
  simultaneous-open both programs bind (client 40000, server 7000) and connect() to each other at one CLOCK_MONOTONIC
                    deadline: the SYNs cross; then the client sends the request, the server answers, request-close
HL_NS_SUFFIX names the namespaces as in everyday-servers.py (its default -d); HL_WORK the relay's work folder.
"""
import json
import os
import re
import sys
import time

from sibling import load

HERE = os.path.dirname(os.path.abspath(__file__))


servers = load('everyday-servers.py')
run_body = load('program-run.py')     # the run body: start, captures, tear-down
s128 = load('everyday-s128.py')      # its FLOOD program
PORT, CPORT = 7000, 40000

# Both programs read the exchange's plan (a JSON object, below) and the run folder; flags are files in it.
PROGRAM = r'''
import json, os, socket, struct, sys, time
role, addr, caddr, plan, run, deadline = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4]), sys.argv[5], \
    float(sys.argv[6])
t0 = time.monotonic()
def log(*what):
    print('%.3f' % (time.monotonic() - t0), role, *what, flush=True)
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
        data = c.recv(n - got)
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
def at_deadline():
    time.sleep(max(0, deadline - time.monotonic()))
def server_side(c):
    if plan.get('late_read'):
        time.sleep(1.0); got = 0
        while True:
            data = c.recv(2000)
            if not data:
                break
            got += len(data); time.sleep(0.3)
        log('read', got); c.close(); return
    log('request', read_exactly(c, plan.get('request', 100)))
    c.sendall(b'a' * plan.get('answer', 1000))
    if plan.get('server_first'):
        c.close(); log('closed'); return
    log('eof after', read_to_end(c)); time.sleep(0.2); c.close(); log('closed')
def client_side(c):
    if plan.get('late_read'):
        c.sendall(b'w' * 40000); log('written'); c.close(); return
    if plan.get('request_after'):
        time.sleep(plan['request_after'])
    c.sendall(b'r' * plan.get('request', 100))
    if plan.get('server_first'):
        log('eof after', read_to_end(c)); time.sleep(0.2)
    else:
        log('answer', read_exactly(c, plan.get('answer', 1000)))
    c.close(); log('closed')
def guarded(side, c):
    try:
        side(c)
    except OSError as e:
        log(e)
if role == 'server' and plan.get('simultaneous_open'):
    s = sock(); s.bind((addr, 7000)); at_deadline()
    try:
        s.connect((caddr, 40000))
    except OSError as e:
        log('connect', e); sys.exit()
    log('connected'); guarded(server_side, s); sys.exit()
if role == 'server':
    ls = sock(); rcvbuf = plan.get('rcvbuf')
    if rcvbuf:
        ls.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    ls.bind((addr, 7000)); ls.listen(plan.get('backlog', 16))
    if plan.get('silent_s'):     # nothing gets in
        time.sleep(plan['silent_s']); sys.exit()
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
        time.sleep(1.5)
    c = sock()
    if not plan.get('tw_reuse'):
        c.bind(('', 40000))
    if plan.get('flood'):
        wait_for('flooded'); c.settimeout(4)
    if plan.get('simultaneous_open'):
        at_deadline()
    t = time.monotonic()
    try:
        c.connect((addr, 7000))
    except OSError as e:
        log('connect', e, 'after %.1f s' % (time.monotonic() - t)); continue
    log('connected from', c.getsockname()); guarded(client_side, c)
'''

SYNS = 'tcp dport %d tcp flags & (syn|ack) == syn' % PORT
PURE_ACKS = 'tcp dport %d tcp flags & (fin|syn|rst|psh|ack) == ack' % PORT
SYNACKS = 'tcp sport %d tcp flags & (syn|ack) == syn|ack' % PORT
CLIENT_FIN = 'tcp dport %d tcp flags & fin == fin' % PORT
SERVER_FIN = 'tcp sport %d tcp flags & fin == fin' % PORT
NOOPTS = ['net.ipv4.tcp_timestamps=0', 'net.ipv4.tcp_sack=0', 'net.ipv4.tcp_window_scaling=0']


def drop_first(match, n=1):
    """The first n packets matching `match` dropped (hlcap.py's drop_once latches: relay links only)."""
    return ('first', match, n)


def exchange(exch):
    """(plan for the programs, {side: [sysctl settings]}, {side: a match dropped always, or drop_first's}, links
    allowed, mtu, seconds to capture after the programs end)."""
    plan, sysctl, nft, mtu = {}, {}, {}, None
    m = re.fullmatch(r'syn-(\d+)-lin(\d+)', exch)
    if m:
        plan['silent_s'] = 400
        sysctl['client'] = ['net.ipv4.tcp_syn_retries=' + m[1], 'net.ipv4.tcp_syn_linear_timeouts=' + m[2]]
        nft['server'] = SYNS
        return plan, sysctl, nft, ('lo', 'veth'), mtu, 1.5
    m = re.fullmatch(r'synack-(\d+)-lin(\d+)', exch)
    if m:
        plan['request_after'] = (2 ** (int(m[1]) + 1) - 1) + 1.5
        plan.update(request=4, silent_s=plan['request_after'] + 3)
        sysctl['server'] = ['net.ipv4.tcp_synack_retries=' + m[1], 'net.ipv4.tcp_syn_linear_timeouts=' + m[2]]
        nft['server'] = PURE_ACKS
        return plan, sysctl, nft, ('lo', 'veth'), mtu, 1.5
    m = re.fullmatch(r'flood-b(\d+)-c(\d)-n(\d+)', exch)
    if m:
        plan.update(flood=int(m[3]), backlog=int(m[1]), request=4, answer=2000, server_first=True)
        sysctl['server'] = ['net.ipv4.tcp_syncookies=' + m[2]]
        return plan, sysctl, nft, ('veth',), mtu, 1.5
    m = re.fullmatch(r'mtu-(\d+)', exch)
    if m:
        plan['answer'] = 100000
        return plan, sysctl, nft, ('veth', 'veth6'), int(m[1]), 1.5
    m = re.fullmatch(r'late-read-(rcvbuf4k|rcvbuf8k|rmem|rcvbuf4k-noopts)', exch)
    if m:
        plan['late_read'] = True
        plan['rcvbuf'] = {'rcvbuf4k': 4096, 'rcvbuf8k': 8192, 'rcvbuf4k-noopts': 4096}.get(m[1])
        if m[1] == 'rmem':
            sysctl['server'] = ['net.ipv4.tcp_rmem=4096 8192 16384']
        if m[1].endswith('noopts'):
            sysctl['client'] = sysctl['server'] = NOOPTS
        return plan, sysctl, nft, ('relay',), mtu, 3
    m = re.fullmatch(r'tw-reuse-(\d)(-nots)?', exch)
    if m:
        plan.update(tw_reuse=True, connections=2)
        sysctl['client'] = ['net.ipv4.tcp_tw_reuse=' + m[1], 'net.ipv4.ip_local_port_range=40000 40000']
        if m[2]:
            sysctl['client'].append('net.ipv4.tcp_timestamps=0')
            sysctl['server'] = ['net.ipv4.tcp_timestamps=0']
        return plan, sysctl, nft, ('lo', 'relay'), mtu, 1.5
    m = re.fullmatch(r'opts-(client-nots|server-nosack|server-nowscale|client-noopts)', exch)
    if m:
        plan['answer'] = 20000
        side, what = m[1].split('-')
        sysctl[side] = {'nots': ['net.ipv4.tcp_timestamps=0'], 'nosack': ['net.ipv4.tcp_sack=0'],
                        'nowscale': ['net.ipv4.tcp_window_scaling=0'], 'noopts': NOOPTS}[what]
        nft['server'] = drop_first(CLIENT_FIN)
        return plan, sysctl, nft, ('relay',), mtu, 3
    if exch == 'synack-lost-client-nots':
        sysctl['client'] = ['net.ipv4.tcp_timestamps=0']
        nft['client'] = drop_first(SYNACKS)
        return plan, sysctl, nft, ('relay',), mtu, 1.5
    if exch == 'synack-lost-twice':
        nft['client'] = drop_first(SYNACKS, 2)
        return plan, sysctl, nft, ('relay',), mtu, 1.5
    if exch == 'server-fin-lost':
        plan['server_first'] = True
        nft['client'] = drop_first(SERVER_FIN)
        return plan, sysctl, nft, ('relay',), mtu, 3
    if exch == 'simultaneous-open':
        plan['simultaneous_open'] = True
        return plan, sysctl, nft, ('relay',), mtu, 1.5
    raise SystemExit('unknown exchange ' + exch)


def nft_drop(ns, match):
    """Every packet matching `match` dropped in ns's prerouting hook."""
    run_body.nft(ns, 'table inet s144 {\n  chain pre { type filter hook prerouting priority -300; policy accept;\n'
                     '    %s counter drop\n  }\n}\n' % match)


def main(link_kind, exch, out):
    plan, sysctl, nft, links, mtu, tail = exchange(exch)
    if link_kind not in links:
        raise SystemExit('%s runs over %s' % (exch, ', '.join(links)))
    with run_body.captured(link_kind, 'evs144', out) as run:
        link = run.link
        if mtu:
            for ns, dev in ((link.cns, link.cdev), (link.sns, link.sdev)):
                servers.sh('ip', '-n', ns, 'link', 'set', dev, 'mtu', str(mtu))
        run.set_sysctls(sysctl)
        for side, rule in nft.items():
            if isinstance(rule, tuple):
                link.hlcap.nft_apply(run.ns_of[side], link.hlcap.drop_once(rule[1], 'ip saddr', nth=list(range(1, rule[2] + 1))))
            else:
                nft_drop(run.ns_of[side], rule)
        deadline = time.monotonic() + 5
        args = (link.saddr, link.caddr, json.dumps(plan), run.folder, str(deadline))
        server = run.start_server(PROGRAM, args, PORT, listen=not plan.get('simultaneous_open'))
        run.start_dumps()
        if plan.get('flood'):
            run.drop_flood_answers('s144f', PORT)
        client = run.start_client(PROGRAM, args)
        if plan.get('flood'):
            servers.nsx(link.cns, sys.executable, '-c', s128.FLOOD, link.caddr, link.saddr, str(PORT),
                        str(plan['flood']))
            time.sleep(0.3)
            open(os.path.join(run.folder, 'flooded'), 'w').close()
        run.log.append(client.communicate(timeout=600)[0])
        run.log_sockets()
        if plan.get('silent_s'):
            server.kill()
        run.log.append(server.communicate(timeout=60)[0])
        time.sleep(tail)    # the last ACKs and a lost FIN's copies
        sides = run.sides if link.cns != link.sns else run.sides + [('server', link.sns, link.sdev)]
        for name, ns, dev in sides:
            run.log.append('[%s] %s mtu %s' % (name, dev, servers.nsx(ns, 'cat', '/sys/class/net/%s/mtu' % dev).stdout.strip()))
            run.log.append(servers.nsx(ns, 'sysctl', 'net.ipv4.tcp_syn_retries', 'net.ipv4.tcp_synack_retries',
                                       'net.ipv4.tcp_syn_linear_timeouts', 'net.ipv4.tcp_syncookies',
                                       'net.ipv4.tcp_max_syn_backlog', 'net.ipv4.tcp_timestamps', 'net.ipv4.tcp_sack',
                                       'net.ipv4.tcp_window_scaling', 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_tw_reuse',
                                       'net.ipv4.ip_local_port_range').stdout)
        if link.kind == 'relay':
            run.log.append('relay: HL_PATH=' + os.environ.get('HL_PATH', ''))


if __name__ == '__main__':
    if len(sys.argv) != 4:
        print(__doc__)
        sys.exit(2)
    main(*sys.argv[1:])
