#!/usr/bin/python3
"""The late reader of round 18 (docs/linux-captures.md §144, §145) again, with the server's socket memory printed
(docs/linux-captures.md §148): round18-s144.py's machinery (its links, tcpdump, relay, teardown), a server program that
prints `ss -tmi` of its connection after every read and every 20 ms, so that skmem's `rb` (sk_rcvbuf) and `r`
(sk_rmem_alloc) show how the buffer grows.

    sudo HL_PATH=delay=35 python3 rcvbuf-s148.py LINK EXCHANGE OUT

OUT as round18-s144.py's (OUT-client.pcap, OUT-server.pcap, OUT.txt); each line the server prints starts with
CLOCK_MONOTONIC seconds since it started and CLOCK_REALTIME (the pcap's clock), then `read N` or `ss` and skmem.
EXCHANGE: late-rmem-A-B-C-rN[-wMS][-lock]: the client writes 40,000 bytes and closes; tcp_rmem "A B C" at the server,
which does not set SO_RCVBUF, reads nothing for 1 s, then N bytes a recv() every 300 ms to EOF, and closes. -wMS: the
client writes MS ms after connect() returns (the server has accepted by then); -lock: the server's listener sets
SO_RCVBUF B/2 (the same buffer, locked).
"""
import os
import re
import sys

from sibling import load

r18 = load('round18-s144.py')

PROGRAM = r'''
import json, socket, subprocess, sys, threading, time
role, addr, caddr, plan, run, deadline = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4]), sys.argv[5], \
    float(sys.argv[6])
t0 = time.monotonic()
lock = threading.Lock()
def log(*what):
    with lock:
        print('%.4f %.6f' % (time.monotonic() - t0, time.time()), role, *what, flush=True)
def skmem():
    out = subprocess.run(['ss', '-tmiHn', 'state', 'established', '( sport = :7000 )'], capture_output=True,
                         text=True).stdout
    m = [w for w in out.split() if w.startswith('skmem:') or w.startswith('rcv_space:') or w.startswith('rcv_ssthresh:')
         or w.startswith('bytes_received:')]
    return ' '.join(m)
done = threading.Event()
def sampler():
    while not done.is_set():
        log('ss', skmem()); time.sleep(0.02)
if role == 'server':
    ls = socket.socket(); ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if plan.get('rcvbuf'):
        ls.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, plan['rcvbuf'])
    ls.bind((addr, 7000)); ls.listen(16)
    c, peer = ls.accept(); log('accepted', peer, skmem())
    threading.Thread(target=sampler, daemon=True).start()
    time.sleep(1.0); got = 0
    while True:
        data = c.recv(plan['read'])
        if not data:
            break
        got += len(data); log('read', len(data), 'total', got, skmem()); time.sleep(0.3)
    done.set(); log('eof, read', got); c.close(); sys.exit()
c = socket.socket(); c.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); c.bind(('', 40000))
c.connect((addr, 7000)); log('connected')
time.sleep(plan.get('write_after_ms', 0) / 1000)
c.sendall(b'w' * 40000); log('written'); c.close()
'''


def exchange(exch):
    m = re.fullmatch(r'late-rmem-(\d+)-(\d+)-(\d+)-r(\d+)(?:-w(\d+))?(-lock)?', exch)
    if not m:
        raise SystemExit('unknown exchange ' + exch)
    sysctl = {'server': ['net.ipv4.tcp_rmem=%s %s %s' % (m[1], m[2], m[3])]}
    plan = {'read': int(m[4]), 'write_after_ms': int(m[5] or 0), 'rcvbuf': int(m[2]) // 2 if m[6] else None}
    return plan, sysctl, {}, ('relay', 'veth'), None, 3


r18.PROGRAM = PROGRAM
r18.exchange = exchange

if __name__ == '__main__':
    if len(sys.argv) != 4:
        print(__doc__)
        sys.exit(2)
    r18.main(*sys.argv[1:])
