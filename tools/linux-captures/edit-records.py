#!/usr/bin/env python3
"""Copy a classic pcap keeping only some of its records: the explainer's tests make a departure with it.

usage: edit-records.py IN.pcap OUT.pcap LAST DROP...
Records count from 1 as tshark numbers frames. Records after LAST are left out, and so is each record DROP (a number,
FIRST-LAST for a range, FIRST-LAST:STEP for every STEP-th of it).

veth-nooffload-get-200k-burst-without-acks.pcap was made from veth-nooffload-get-200k.pcap with
    python3 tools/linux-captures/edit-records.py src/test/resources/captures/veth/veth-nooffload-get-200k.pcap src/test/resources/captures/veth/veth-nooffload-get-200k-burst-without-acks.pcap 74 7-45:2
(the capture up to record 74, the server's 49th segment of the answer, without the client's 20 ACKs of the first 20 of
them, records 7, 9, ... 45: a sender that sends 49 segments, 39 beyond its initial window of 10, with no ACK at all).

veth-three-1-without-third-ack.pcap was made from veth-three-1.pcap with
    python3 tools/linux-captures/edit-records.py src/test/resources/captures/veth/veth-three-1.pcap src/test/resources/captures/veth/veth-three-1-without-third-ack.pcap 46 17
(the whole capture without record 17, the client's ACK 176860390 at 9.6 ms: the 20 server segments after it in that
millisecond then reach beyond the window of every ACK captured before them).
"""
import struct
import sys


def main(source, target, last, drops):
    data = open(source, "rb").read()
    magic = data[:4]
    endian = "<" if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1") else ">"
    out = bytearray(data[:24])
    offset, number = 24, 0
    while offset < len(data) and number < last:
        captured = struct.unpack(endian + "I", data[offset + 8:offset + 12])[0]
        number += 1
        if number not in drops:
            out += data[offset:offset + 16 + captured]
        offset += 16 + captured
    open(target, "wb").write(out)


def records(words):
    drops = set()
    for word in words:
        span, _, step = word.partition(":")
        first, _, last = span.partition("-")
        drops.update(range(int(first), int(last or first) + 1, int(step or 1)))
    return drops


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), records(sys.argv[4:]))
