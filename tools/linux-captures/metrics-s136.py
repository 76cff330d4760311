#!/usr/bin/python3
"""Round of kernel captures of docs/linux-captures.md §136: what one connection leaves for the next through the
kernel's TCP metrics cache (net/ipv4/tcp_metrics.c: tcp_update_metrics when a connection ends in TIME-WAIT or
LAST-ACK, tcp_init_metrics when the next one to the same address is established). Two connections one after the other
between the same two namespaces over hlcap.py's relay (everyday-servers.py's Link 'relay'; every socket CUBIC through
the routes' `congctl cubic`), default sysctls unless the exchange sets one; the relay is started again before each
connection with that connection's path (HL_PATH).

    sudo /usr/bin/python3 metrics-s136.py EXCHANGE OUT

OUT: the files' prefix: OUT-client.pcap and OUT-server.pcap (tcpdump -s 128 on each side's device, both connections
in one file), OUT.log: each connection's path and `ip tcp_metrics show` of both namespaces after it ended (and the
relay's log). EXCHANGE is a PAIR, or PAIR-nosave: the same with net.ipv4.tcp_no_metrics_save=1 in both namespaces
(the control: nothing is cached). A download is the client's request `GET n` answered by n bytes, the server closing
first (TIME-WAIT), the client at EOF (LAST-ACK): both ends call tcp_update_metrics.
PAIR:
  rtt           a slow path (delay=100: RTT 200 ms), five rounds of a request (9 or 10 bytes) and a 1,000-byte
                answer; then a fast one (delay=10) where the client's request (its 3rd packet) and the loss probe's copy
                (its 4th) are lost: the client's first RTO, set from the cached RTT (tcp_init_metrics)
  ssthresh      a 300,000-byte download with the server's 30th packet lost (delay=10), then a clean one
  ssthresh-kept the same with net.ipv4.tcp_no_ssthresh_metrics_save=0 at the server (its default is 1)
  reordering    a 300,000-byte download whose server packets are held 8 ms with probability 0.05 and lost with 0.01
                (seed=REORDER_SEED), then a 300,000-byte download with the server's 60th packet lost
HL_NS_SUFFIX names the namespaces (hl-client..., hl-server...), HL_WORK the relay's work folder.
"""
import os
import subprocess
import sys
import tempfile
import time

from sibling import load

HERE = os.path.dirname(os.path.abspath(__file__))
servers = load('everyday-servers.py')
PORT = 7000
REORDER_SEED = int(os.environ.get('REORDER_SEED', '3'))

SERVER = r'''
import socket, sys
addr, port = sys.argv[1], int(sys.argv[2])
ls = socket.socket(); ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind((addr, port)); ls.listen(16)
c, _ = ls.accept()
while True:
    req = c.recv(100)
    if not req: break
    n = int(req.split()[1])
    c.sendall(b'x' * n)
    if req.startswith(b'LAST'): break
c.close()
'''

CLIENT = r'''
import socket, sys
addr, port, rounds, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
c = socket.socket(); c.settimeout(30)
c.connect((addr, port))
for i in range(rounds):
    c.sendall(b'%s %d\n' % (b'LAST' if i == rounds - 1 else b'GET', size))
    got = 0
    while got < size:
        d = c.recv(65536)
        if not d: break
        got += len(d)
while c.recv(65536): pass
c.close()
'''

# Each pair: (HL_PATH, rounds, answer bytes) of its two connections.
PAIRS = {'rtt': [('delay=100', 5, 1000), ('delay=10 up.drop=3,4', 1, 1000)],
         'ssthresh': [('delay=10 down.drop=30', 1, 300000), ('delay=10', 1, 300000)],
         'reordering': [('seed=%d delay=10 down.reorder=0.05:8 down.loss=0.01' % REORDER_SEED, 1, 300000),
                        ('delay=10 down.drop=60', 1, 300000)]}
PAIRS['ssthresh-kept'] = PAIRS['ssthresh']
# Sysctls a pair sets: (whose namespace, setting).
SYSCTLS = {'ssthresh-kept': [('server', 'net.ipv4.tcp_no_ssthresh_metrics_save=0')]}


def start_relay(link, run, path):
    if link.relay:
        link.relay.terminate()
        link.relay.wait()
    ready = os.path.join(run, 'relay.ready')
    if os.path.exists(ready):
        os.remove(ready)
    link.relay = subprocess.Popen([sys.executable, os.path.join(HERE, 'hlcap.py'), 'relay', ready],
                                  env=dict(os.environ, HL_PATH=path))
    while not os.path.exists(ready):
        time.sleep(0.01)


def metrics(link):
    return ''.join('[%s] ip tcp_metrics show\n%s' % (ns, servers.nsx(ns, 'ip', 'tcp_metrics', 'show').stdout)
                   for ns in (link.cns, link.sns))


def main(exch, out):
    pair = exch[:-len('-nosave')] if exch.endswith('-nosave') else exch
    os.environ['HL_PATH'] = PAIRS[pair][0][0]
    link = servers.Link('relay')
    run = tempfile.mkdtemp(prefix='mets136')
    dumps, procs = [], []
    log = []
    link.up(run)
    try:
        for ns in (link.cns, link.sns):
            if pair != exch:
                servers.nsx(ns, 'sysctl', '-qw', 'net.ipv4.tcp_no_metrics_save=1')
            servers.nsx(ns, 'ip', 'tcp_metrics', 'flush', 'all')
        for side, setting in SYSCTLS.get(pair, []):
            servers.nsx(link.cns if side == 'client' else link.sns, 'sysctl', '-qw', setting)
        for ns in (link.cns, link.sns):
            log.append('[%s] %s' % (ns, servers.nsx(ns, 'sysctl', 'net.ipv4.tcp_no_metrics_save',
                                                    'net.ipv4.tcp_no_ssthresh_metrics_save').stdout.strip()))
        dumps.extend(servers.start_dumps((('client', link.cns, link.cdev), ('server', link.sns, link.sdev)), out))
        for i, (path, rounds, size) in enumerate(PAIRS[pair], 1):
            start_relay(link, run, path)
            server = servers.bg(link.sns, sys.executable, '-c', SERVER, link.saddr, str(PORT))
            procs.append(server)
            servers.listening(link.sns, PORT)
            done = servers.nsx(link.cns, sys.executable, '-c', CLIENT, link.saddr, str(PORT), str(rounds), str(size),
                               check=False)
            server.wait(timeout=30)
            time.sleep(1.0)     # both ends have called tcp_update_metrics (TIME-WAIT, LAST-ACK's close)
            log.append('--- connection %d: HL_PATH=%r, %d round(s) of %d bytes %s' % (
                i, path, rounds, size, (done.stdout + done.stderr).strip()))
            log.append(metrics(link).strip())
            relay_log = os.path.join(run, 'relay.log')
            if os.path.exists(relay_log):
                with open(relay_log) as f:
                    log.append('relay.log:\n' + f.read().strip())
                os.remove(relay_log)
            time.sleep(0.5)
    finally:
        with open(out + '.log', 'w') as f:
            f.write('\n'.join(log) + '\n')
        servers.tear_down(link, run, dumps, procs)


if __name__ == '__main__':
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    main(*sys.argv[1:])
