set -e
# Makes everyday-ecn-negotiated.pcap (docs/linux-captures.md §38) at $1: a client with tcp_ecn = 1, a default server. Run as root.
ip netns del m1 2>/dev/null || true; ip netns del m2 2>/dev/null || true
ip netns add m1; ip netns add m2
ip link add vm1 netns m1 type veth peer name vm2 netns m2
ip -n m1 addr add 10.77.0.1/24 dev vm1; ip -n m2 addr add 10.77.0.2/24 dev vm2
for n in m1 m2; do ip -n $n link set lo up; done
ip -n m1 link set vm1 up; ip -n m2 link set vm2 up
ip netns exec m1 ethtool -K vm1 tso off gso off gro off >/dev/null 2>&1; ip netns exec m2 ethtool -K vm2 tso off gso off gro off >/dev/null 2>&1
ip netns exec m1 sysctl -qw net.ipv4.tcp_ecn=1
ip netns exec m2 python3 -c '
import socket,time
s=socket.socket(); s.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1); s.bind(("10.77.0.2",5000)); s.listen(4)
c,_=s.accept(); c.recv(100); c.sendall(b"x"*3000); c.close(); time.sleep(2)' &
sleep 0.5
ip netns exec m1 tcpdump -i vm1 -w "${1:-/tmp/everyday-ecn-negotiated.pcap}" -s 200 tcp 2>/dev/null &
TD=$!; sleep 1
ip netns exec m1 python3 -c '
import socket
c=socket.create_connection(("10.77.0.2",5000)); c.sendall(b"GET"); 
while c.recv(65536): pass
c.close()'
sleep 0.5; kill $TD; wait $TD 2>/dev/null || true
ip netns del m1; ip netns del m2
