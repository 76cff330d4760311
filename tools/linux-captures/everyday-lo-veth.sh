#!/bin/sh
# Everyday captures at a sub-millisecond round trip (docs/linux-captures.md §42): what a reader most likely takes,
# curl against python3 -m http.server, on loopback in a namespace of its own or on a veth pair between two, with the
# default sysctls. hlcap.py cannot make these: its TUN relay adds 50 ms each way.
#   sudo sh everyday-lo-veth.sh lo|veth|veth-nooffload EXCHANGE OUT.pcap
# EXCHANGE: get (a small file), get10k (10,000 bytes), get200k, get2m, get10m (10,000,000 bytes), upload1m (a raw socket client sends 1 MB, the server reads to the
# end), three (curl fetches three URLs: two on a keep-alive HTTP/1.1 server, one on an HTTP/1.0 server that
# closes), refused (a port nobody listens on), reset (a client that sends a request and closes with SO_LINGER 0).
# HL_NS_SUFFIX names the namespaces (default -c); tcpdump runs on the client's side, snap length 128.
# HL_CC is the congestion control of every socket the script's own programs make (default cubic, Linux's default,
# which the engine models): a new namespace inherits the host's default instead (bbr on the machine these were made on),
# which no sysctl may change there, so the servers set it on their listening sockets (the accepted ones inherit it) and
# the Python clients on theirs (TCP_CONGESTION, as hlcap.py does); curl keeps the host's, which its ACKs do not use.
# HL_NSTAT=FILE writes the server namespace's non-zero counters (nstat -a -s) there after the exchange, e.g. CUBIC's
# TcpExtTCPHystartTrainDetect (docs/linux-captures.md §65); the namespace is new, so they count this exchange alone.
set -e
LINK=$1; EXCHANGE=$2; OUT=$(realpath "$3"); SUFFIX=${HL_NS_SUFFIX:--c}; CC=${HL_CC:-cubic}
C=evc$SUFFIX; S=evs$SUFFIX
ip netns del "$C" 2>/dev/null || true; ip netns del "$S" 2>/dev/null || true
if [ "$LINK" = lo ]; then
    ip netns add "$C"; ip -n "$C" link set lo up
    S=$C; ADDR=127.0.0.1; DEV=lo
else
    ip netns add "$C"; ip netns add "$S"
    ip link add vc netns "$C" type veth peer name vs netns "$S"
    ip -n "$C" addr add 10.78.0.1/24 dev vc; ip -n "$S" addr add 10.78.0.2/24 dev vs
    ip -n "$C" link set vc up; ip -n "$S" link set vs up
    if [ "$LINK" = veth-nooffload ]; then
        ip netns exec "$C" ethtool -K vc tso off gso off gro off
        ip netns exec "$S" ethtool -K vs tso off gso off gro off
    fi
    ADDR=10.78.0.2; DEV=vc
fi
WWW=$(mktemp -d)
printf 'hello\n' > "$WWW/small.txt"
head -c 10000 /dev/zero | tr '\0' x > "$WWW/10k.bin"
head -c 200000 /dev/zero | tr '\0' x > "$WWW/200k.bin"
head -c 2000000 /dev/zero | tr '\0' x > "$WWW/2m.bin"
[ "$EXCHANGE" != get10m ] || head -c 10000000 /dev/zero | tr '\0' x > "$WWW/10m.bin"
cd "$WWW"
# python3 -m http.server PORT [--protocol PROTOCOL], its listening socket set to $CC.
serve() {
    ip netns exec "$S" python3 -c "
import http.server, socket
class Server(http.server.ThreadingHTTPServer):
    def server_bind(self):
        self.socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_CONGESTION, b'$CC')
        super().server_bind()
http.server.SimpleHTTPRequestHandler.protocol_version = '$2'
Server(('$ADDR', $1), http.server.SimpleHTTPRequestHandler).serve_forever()
" >/dev/null 2>&1 &
}
serve 8000 HTTP/1.1
serve 8001 HTTP/1.0
ip netns exec "$S" python3 -c "
import socket
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.setsockopt(socket.IPPROTO_TCP, socket.TCP_CONGESTION, b'$CC'); s.bind(('$ADDR', 5000)); s.listen(4)
c, _ = s.accept()
while c.recv(65536):
    pass
c.close()
" &
# The servers are up when all three listen (python starts slowly on a loaded machine).
until [ "$(ip netns exec "$S" ss -Htln | grep -c -E ':(8000|8001|5000) ')" = 3 ]; do sleep 0.2; done
# ip netns exec forks: the pid to stop is the one the namespace's shell writes, not $!.
ip netns exec "$C" sh -c 'echo $$ > dump.pid; exec tcpdump -i "$0" -w "$1" -s 128 "tcp and (port 8000 or port 8001 or port 5000 or port 8009)"' \
    "$DEV" "$OUT" 2>/dev/null &
sleep 2
case $EXCHANGE in
    get) ip netns exec "$C" curl -s --noproxy "*" -o /dev/null "http://$ADDR:8001/small.txt" ;;
    get10k) ip netns exec "$C" curl -s --noproxy "*" -o /dev/null "http://$ADDR:8001/10k.bin" ;;
    get200k) ip netns exec "$C" curl -s --noproxy "*" -o /dev/null "http://$ADDR:8001/200k.bin" ;;
    get2m) ip netns exec "$C" curl -s --noproxy "*" -o /dev/null "http://$ADDR:8001/2m.bin" ;;
    get10m) ip netns exec "$C" curl -s --noproxy "*" -o /dev/null "http://$ADDR:8001/10m.bin" ;;
    three) ip netns exec "$C" curl -s --noproxy "*" -o /dev/null -o /dev/null -o /dev/null \
        "http://$ADDR:8000/small.txt" "http://$ADDR:8000/200k.bin" "http://$ADDR:8001/small.txt" ;;
    refused) ip netns exec "$C" curl -s --noproxy "*" -o /dev/null "http://$ADDR:8009/" || true ;;
    upload1m) ip netns exec "$C" python3 -c "
import socket
c = socket.socket(); c.setsockopt(socket.IPPROTO_TCP, socket.TCP_CONGESTION, b'$CC')
c.connect(('$ADDR', 5000)); c.sendall(b'x' * 1000000); c.close()
" ;;
    reset) ip netns exec "$C" python3 -c "
import socket, struct, time
c = socket.create_connection(('$ADDR', 8001)); c.sendall(b'GET /small.txt HTTP/1.0\r\n\r\n'); time.sleep(0.2)
c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0)); c.close()
" ;;
esac
sleep 2
kill "$(cat dump.pid)"; sleep 0.5
[ -z "$HL_NSTAT" ] || ip netns exec "$S" nstat -a -s > "$HL_NSTAT"
# The servers: every process still in the server's namespace is this script's.
kill $(ip netns pids "$S") 2>/dev/null || true
wait 2>/dev/null || true
cd /; rm -rf "$WWW"
ip netns del "$C" 2>/dev/null || true; [ "$S" = "$C" ] || ip netns del "$S"
