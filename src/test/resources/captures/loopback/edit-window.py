#!/usr/bin/env python3
"""Copy a classic pcap with the TCP window field of one packet changed: the explainer's tests make a departure with it.

usage: edit-window.py IN.pcap OUT.pcap PACKET WINDOW
PACKET counts from 1 as tshark numbers frames; WINDOW is the raw 16-bit field (unscaled). The checksum is left as it
was: on loopback the kernel leaves it partial (CHECKSUM_PARTIAL), so a capture there never has a valid one anyway.

loopback-netns-get-200k-window-overrun.pcap was made from loopback-netns-get-200k.pcap with
    python3 edit-window.py loopback-netns-get-200k.pcap loopback-netns-get-200k-window-overrun.pcap 13 50
(the client's ACK of 98,509 bytes offers 50 units of 1,024 instead of 93), and
loopback-netns-get-2m-cubic-window-overrun.pcap from loopback-netns-get-2m-cubic.pcap with
    python3 edit-window.py loopback-netns-get-2m-cubic.pcap loopback-netns-get-2m-cubic-window-overrun.pcap 22 100
(the client's ACK of 43567857 offers 100 units of 1,024 instead of 236).
"""
import struct
import sys

LINK_HEADER = {0: 4, 1: 14, 101: 0, 108: 4, 113: 16, 276: 20}


def main(source, target, packet, window):
    data = bytearray(open(source, "rb").read())
    magic = data[:4]
    endian = "<" if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1") else ">"
    link = struct.unpack(endian + "I", data[20:24])[0] & 0x0FFFFFFF
    offset, number = 24, 0
    while offset < len(data):
        captured = struct.unpack(endian + "I", data[offset + 8:offset + 12])[0]
        number += 1
        if number == packet:
            ip = offset + 16 + LINK_HEADER[link]
            if data[ip] >> 4 == 4:
                tcp = ip + (data[ip] & 0x0F) * 4
            else:
                tcp = ip + 40
            struct.pack_into(">H", data, tcp + 14, window)
            open(target, "wb").write(data)
            return
        offset += 16 + captured
    sys.exit(f"{source} has no packet {packet}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
