#!/usr/bin/python3
"""ECN, part two (docs/linux-captures.md §146): the sender's window after an ECE. A download (200,000 bytes unless BYTES says) over
everyday-servers.py's relay (every socket CUBIC through the route's `congctl cubic`; one-way delay HL_PATH's, `delay=20`
for this round) with net.ipv4.tcp_ecn=1 at the client and the server at its default 2, so ECN is agreed; the server's
namespace marks CE on chosen data segments it sends (nft, postrouting, before tcpdump's tap on the way out, so both
files show the mark), as a router would.

    sudo HL_PATH=delay=20 HL_NS_SUFFIX=-a HL_WORK=/tmp/hl-a python3 ecn-cwr-s146.py MARKS OUT [BYTES]

MARKS: the ordinal numbers (1 = the first) of the server's ECT(0) data packets to mark CE, comma-separated (segments
sent again are Not-ECT, tcp_ecn_send, and are not counted). The relay's TUN device takes GSO packets, so a packet nft
sees is often two segments (the counter's bytes say so) and both carry the mark in the files. OUT: the files' prefix: OUT-client.pcap and OUT-server.pcap
(tcpdump -s 128 on each side's device), OUT.txt: what the programs printed, the namespaces' sysctls and the nft
counter, and OUT-ss.txt: `ss -tino` of the server's connection every 5 ms (cwnd, ssthresh, ecn, ecnseen) with the
time since the client started.
"""
import json
import os
import sys
import time

from sibling import load

servers = load('everyday-servers.py')
s144 = load('round18-s144.py')      # its PROGRAM: the request, the answer, request-close
run_body = load('program-run.py')     # the run body: start, captures, tear-down
PORT = s144.PORT

SS_LOOP = r'''
import subprocess, sys, time
t0 = float(sys.argv[1]); out = open(sys.argv[2], 'w')
while True:
    s = subprocess.run(['ss', '-Htino', 'sport', '= :%d' % 7000], capture_output=True, text=True).stdout
    if s.strip():
        out.write('%.4f %s\n' % (time.time() - t0, ' '.join(s.split())))
        out.flush()
    time.sleep(0.005)
'''


def mark_rule(marks):
    """The nft table that sets CE on the server's ECT(0) data segments of these ordinals (numgen counts only the
    packets the expressions before it matched)."""
    ordinals = ', '.join(str(m - 1) for m in marks)
    return ('table inet s146 {\n  chain post { type filter hook postrouting priority 300; policy accept;\n'
            '    tcp sport %d ip ecn ect0 numgen inc mod 1000000 { %s } counter ip ecn set ce\n  }\n}\n'
            % (PORT, ordinals))


def main(marks, out, size='200000'):
    marks = [int(m) for m in marks.split(',') if m]
    plan = {'request': 100, 'answer': int(size)}
    with run_body.captured('relay', 'evs146', out) as run:
        link = run.link
        servers.nsx(link.cns, 'sysctl', '-qw', 'net.ipv4.tcp_ecn=1')
        if marks:
            run_body.nft(link.sns, mark_rule(marks))
        deadline = time.monotonic() + 5
        args = (link.saddr, link.caddr, json.dumps(plan), run.folder, str(deadline))
        server = run.start_server(s144.PROGRAM, args, PORT)
        run.start_dumps()
        run.procs.append(servers.bg(link.sns, sys.executable, '-c', SS_LOOP, str(time.time()), out + '-ss.txt'))
        client = run.start_client(s144.PROGRAM, args)
        run.log.append(client.communicate(timeout=600)[0])
        run.log.append(server.communicate(timeout=60)[0])
        time.sleep(1.5)
        run.log_sysctls('net.ipv4.tcp_ecn', 'net.ipv4.tcp_ecn_fallback', 'net.ipv4.tcp_timestamps', 'net.ipv4.tcp_sack')
        run.log.append('nft (server):\n' + servers.nsx(link.sns, 'nft', 'list', 'ruleset', check=False).stdout)
        run.log.append('relay: HL_PATH=' + os.environ.get('HL_PATH', ''))


if __name__ == '__main__':
    if len(sys.argv) not in (3, 4):
        print(__doc__)
        sys.exit(2)
    main(*sys.argv[1:])
