#!/bin/sh
# Makes the small captures in this folder with the Linux stack and dnsmasq, inside two
# network namespaces joined by a veth pair (nothing leaves them). Needs root, iproute2,
# ethtool, tcpdump, dnsmasq, iputils-ping and python3. Run: sh make_captures.sh
set -eu
cd "$(dirname "$0")"
A=pcapA$$; B=pcapB$$
cleanup() {
  for p in $(ip netns pids $A 2>/dev/null) $(ip netns pids $B 2>/dev/null); do kill $p 2>/dev/null || true; done
  ip netns del $A 2>/dev/null || true; ip netns del $B 2>/dev/null || true
}
trap cleanup EXIT
ip netns add $A; ip netns add $B
ip link add vA netns $A type veth peer name vB netns $B
ip -n $A link set vA address 02:00:00:88:00:01
ip -n $B link set vB address 02:00:00:88:00:02
ip -n $A addr add 10.88.0.1/24 dev vA; ip -n $B addr add 10.88.0.2/24 dev vB
ip -n $A link set vA up; ip -n $B link set vB up
ip -n $A link set lo up; ip -n $B link set lo up
# No checksum or segmentation offload, so the captures hold what a wire would carry.
ip netns exec $A ethtool -K vA tx off tso off gso off >/dev/null
ip netns exec $B ethtool -K vB tx off tso off gso off >/dev/null
sleep 1

capture() { # name filter command...
  name=$1; filter=$2; shift 2
  ip netns exec $A tcpdump -i vA -U -s 2000 -w "$name.pcap" "$filter" >/dev/null 2>&1 &
  pid=$!; sleep 1
  "$@"
  sleep 1; kill $pid; wait $pid 2>/dev/null || true
}

# ARP and ICMP echo: a fresh neighbour table forces ARP first.
capture arp_icmp "arp or icmp" ip netns exec $A ping -c 2 -s 56 10.88.0.2

# TCP: handshake with Linux's options, a little data each way, FIN close.
ip netns exec $B python3 -c '
import socket
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("10.88.0.2", 7000)); s.listen(1); c, _ = s.accept()
data = b""
while len(data) < 3000:
    data += c.recv(65536)
c.sendall(b"pong" * 100); c.close()' &
sleep 1
capture tcp "tcp port 7000" ip netns exec $A python3 -c '
import socket
s = socket.create_connection(("10.88.0.2", 7000)); s.sendall(bytes(range(256)) * 12)
d = b""
while True:
    x = s.recv(65536)
    if not x: break
    d += x
s.close()'

# UDP: one datagram each way.
ip netns exec $B python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("10.88.0.2", 7001))
d, a = s.recvfrom(2000); s.sendto(d.upper(), a)' &
sleep 1
capture udp "udp port 7001" ip netns exec $A python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.sendto(b"hello udp", ("10.88.0.2", 7001)); s.recvfrom(2000)'

# DNS and DHCP answered by dnsmasq on B.
ip netns exec $B dnsmasq --keep-in-foreground --conf-file=/dev/null --no-resolv --no-hosts \
  --user=root --interface=vB --bind-interfaces --local=/test/ \
  --host-record=www.example.test,10.88.0.99 --cname=alias.example.test,www.example.test \
  --dhcp-range=10.88.0.50,10.88.0.60,255.255.255.0,1h --dhcp-option=option:router,10.88.0.2 \
  --dhcp-option=option:dns-server,10.88.0.2 --pid-file=/tmp/$B.pid 2>/dev/null &
sleep 1
capture dns "udp port 53" ip netns exec $A python3 -c '
import socket, struct
def q(i, name):
    h = struct.pack(">HHHHHH", i, 0x0100, 1, 0, 0, 0)
    b = b"".join(bytes([len(l)]) + l.encode() for l in name.split(".")) + b"\0"
    return h + b + struct.pack(">HH", 1, 1)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(2)
for i, n in enumerate(["www.example.test", "alias.example.test", "nothing.example.test"]):
    s.sendto(q(0x1000 + i, n), ("10.88.0.2", 53)); s.recvfrom(2000)'
capture dhcp "udp port 67 or udp port 68" ip netns exec $A python3 -c '
import socket, struct
mac = bytes.fromhex("020000880001")
def msg(kind, extra=b""):
    m = struct.pack(">BBBBIHH", 1, 1, 6, 0, 0x2a2a2a2a, 0, 0x8000) + b"\0" * 16
    m += mac + b"\0" * 10 + b"\0" * 192 + bytes([99, 130, 83, 99])
    return m + bytes([53, 1, kind]) + extra + bytes([55, 3, 1, 3, 6, 255])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
s.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, b"vA")
s.bind(("0.0.0.0", 68)); s.settimeout(15)
s.sendto(msg(1), ("255.255.255.255", 67))
offer, _ = s.recvfrom(2000)
yiaddr = offer[16:20]
s.sendto(msg(3, bytes([50, 4]) + yiaddr + bytes([54, 4]) + bytes([10, 88, 0, 2])), ("255.255.255.255", 67))
s.recvfrom(2000)'
ls -l *.pcap
