#!/bin/sh
# Captures taken with segmentation offload at its defaults (docs/linux-captures.md §39): two namespaces joined by
# veth, tcpdump on the client's side. "download": the server sends 200,000 bytes and GRO merges them on arrival;
# "upload": the client sends them and tcpdump sees its TSO/GSO segments before veth cuts them. hlcap.py cannot
# make these: its TUN relay carries single segments, so no capture of it shows offload.
#   sudo sh offload-veth.sh download|upload OUT.pcap      (HL_NS_SUFFIX names the namespaces, default -o)
set -e
DIRECTION=$1; OUT=$2; SUFFIX=${HL_NS_SUFFIX:--o}
C=hlc$SUFFIX; S=hls$SUFFIX
ip netns del "$C" 2>/dev/null || true; ip netns del "$S" 2>/dev/null || true
ip netns add "$C"; ip netns add "$S"
ip link add vc netns "$C" type veth peer name vs netns "$S"
ip -n "$C" addr add 10.77.0.1/24 dev vc; ip -n "$S" addr add 10.77.0.2/24 dev vs
ip -n "$C" link set vc up; ip -n "$S" link set vs up
# The server: a download answers a 3-byte request with 200,000 bytes; an upload reads until the client closes.
ip netns exec "$S" python3 -c "
import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('10.77.0.2', 5000)); s.listen(4)
c, _ = s.accept()
if sys.argv[1] == 'download':
    c.recv(100); c.sendall(b'x' * 200000)
else:
    while c.recv(65536):
        pass
c.close()
" "$DIRECTION" &
SERVER=$!
sleep 0.5
ip netns exec "$C" tcpdump -i vc -w "$OUT" -s 200 tcp port 5000 2>/dev/null &
DUMP=$!
sleep 1
ip netns exec "$C" python3 -c "
import socket, sys
c = socket.create_connection(('10.77.0.2', 5000))
if sys.argv[1] == 'download':
    c.sendall(b'GET')
    while c.recv(65536):
        pass
else:
    c.sendall(b'x' * 200000)
c.close()
" "$DIRECTION"
wait $SERVER
sleep 0.5; kill $DUMP; wait $DUMP 2>/dev/null || true
ip netns del "$C"; ip netns del "$S"
