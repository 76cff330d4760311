#!/usr/bin/env python3
"""Deviations the capture explainer reports under `linux`, per connection (the first four), for each pcap given.

    PORT=8080 python3 tools/linux-captures/count_deviations.py FILE.pcap...
    PORT=8080 python3 tools/linux-captures/count_deviations.py --everyday   # the everyday captures the project holds

It asks a running application (`POST /api/captures/explained?connection=N`); start it with
HANDSHAKE_LIMITS_CAPTURES_PER_MINUTE raised, or the per-client limit answers 429 after some twenty files.
The everyday set is what docs/linux-captures.md's before/after tables count (132 files in stop 41; 198 with §67's runs/everyday-s66;
228 with §76's runs/everyday-s76; 232 with §79's runs/everyday-s79/explained; 287 with §85's runs/everyday-s85/explained; 333 with §89's
runs/everyday-s89/explained; 336 once §91 moved three files there; 422 with §92's runs/everyday-s92/explained; 469 with §96's
runs/everyday-s96/explained; 506 with §99's runs/everyday-s99/explained; 530 with §107's runs/everyday-s107/explained; 534 once §109 moved four files there;
587 with §122's runs/everyday-s122/explained; 589 once §126 moved two files there; 591 once §129 moved two more; 638 with §128's runs/sweep-s128/explained; 768 with §134's runs/round17-s134/explained; 847 with §144's runs/round18-s144/explained; 950 with §149's runs/round19-s149/explained; 958 once §157 moved eight files there).
"""
import glob
import json
import os
import sys
import urllib.error
import urllib.request

PORT = os.environ.get('PORT', '8080')
REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
EVERYDAY = ['tools/linux-captures/runs/everyday-lo-veth-s22a/cubic', 'tools/linux-captures/runs/everyday-lo-veth-s22a/bbr',
            'tools/linux-captures/runs/everyday-lo-veth-s23a', 'tools/linux-captures/runs/everyday-lo-veth-s23b/cubic',
            'tools/linux-captures/runs/everyday-lo-veth-s24b/bbr', 'tools/linux-captures/runs/everyday-more',
            'src/test/resources/captures/loopback', 'src/test/resources/captures/veth',
            'src/test/resources/captures/everyday-more', 'tools/linux-captures/runs/everyday-s66',
            'tools/linux-captures/runs/everyday-s76', 'tools/linux-captures/runs/everyday-s79/explained',
            'tools/linux-captures/runs/everyday-s85/explained', 'tools/linux-captures/runs/everyday-s89/explained',
            'tools/linux-captures/runs/everyday-s92/explained', 'tools/linux-captures/runs/everyday-s96/explained',
            'tools/linux-captures/runs/everyday-s99/explained', 'tools/linux-captures/runs/everyday-s107/explained',
            'tools/linux-captures/runs/everyday-s122/explained', 'tools/linux-captures/runs/sweep-s128/explained',
            'tools/linux-captures/runs/round17-s134/explained', 'tools/linux-captures/runs/round18-s144/explained',
            'tools/linux-captures/runs/round19-s149/explained']


def explain(path, connection):
    with open(path, 'rb') as f:
        data = f.read()
    request = urllib.request.Request('http://localhost:%s/api/captures/explained?lang=en&connection=%d' % (PORT, connection),
                                     data=data, headers={'Content-Type': 'application/vnd.tcpdump.pcap'})
    try:
        with urllib.request.urlopen(request) as answer:
            return json.load(answer)
    except urllib.error.HTTPError:
        return None


def counts(path):
    found = []
    for connection in range(4):
        trace = explain(path, connection)
        if trace is None:
            break
        found.append(sum(1 for step in trace['trace']['steps'] if step['kind'] == 'deviation'))
        if connection + 1 >= len(trace['connections']):
            break
    return found


def main(arguments):
    if arguments == ['--everyday']:
        arguments = [f for d in EVERYDAY for f in sorted(glob.glob(os.path.join(REPO, d, '*.pcap')))]
    total = 0
    for path in arguments:
        found = counts(path)
        total += sum(found)
        print('%s/%s %s' % (os.path.basename(os.path.dirname(path)), os.path.basename(path), found))
    print('total', total, 'deviations in', len(arguments), 'files')


if __name__ == '__main__':
    main(sys.argv[1:])
