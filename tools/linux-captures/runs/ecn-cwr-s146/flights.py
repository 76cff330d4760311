#!/usr/bin/python3
"""The server's flight in a server-side capture of ecn-cwr-s146.py (docs/linux-captures.md §146): for every ACK from the
client, its time, ACK number (relative), flags, and the segments in flight (SND.NXT - ACK, in MSS) once the data the
ACK let go has left, i.e. just before the next ACK; CE and CWR marked. Reads `tcpdump -r FILE -n -S -v -tt`.

    python3 flights.py FILE-server.pcap
"""
import re
import subprocess
import sys

MSS = 1448
lines = subprocess.run(['tcpdump', '-r', sys.argv[1], '-n', '-S', '-v', '-tt'], capture_output=True, text=True).stdout.splitlines()
rows, base, snd_nxt, pending, t0 = [], None, 0, None, None
for i in range(0, len(lines) - 1):
    head, body = lines[i], lines[i + 1]
    if not re.match(r'^\d+\.\d+ IP', head):
        continue
    t = float(head.split()[0])
    t0 = t0 if t0 is not None else t
    flags = re.search(r'Flags \[([^\]]*)\]', body).group(1)
    if body.strip().startswith('10.0.0.2.7000'):
        m = re.search(r'seq (\d+):(\d+)', body)
        if base is None and 'S' in flags:
            base = int(re.search(r'seq (\d+)', body).group(1))
        if m:
            end = int(m.group(2)) - base
            ce = 'tos 0x3' in head
            if end > snd_nxt:
                snd_nxt = end
            if pending is not None:
                pending['sent'] += 1
                pending['cwr'] |= 'W' in flags
            if ce:
                print('        CE on %d:%d' % (int(m.group(1)) - base, end))
    elif base is not None and 'ack' in body and 'S' not in flags:
        ack = int(re.search(r'ack (\d+)', body).group(1)) - base
        if pending is not None:
            print('%8.1f ms  ack %7d  %-4s flight after: %3d  sent: %2d%s' % (pending['t'], pending['ack'], pending['flags'],
                  (snd_nxt - pending['ack']) / MSS, pending['sent'], '  (first with CWR)' if pending['cwr'] else ''))
        pending = {'t': (t - t0) * 1000, 'ack': ack, 'flags': flags, 'sent': 0, 'cwr': False}
