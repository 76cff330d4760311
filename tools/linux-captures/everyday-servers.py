#!/usr/bin/python3
"""Everyday captures with the servers and tools a reviewer has at hand (docs/linux-captures.md §85): nginx with
Debian's settings (nginx-s85.conf), curl, nc and socat, in network namespaces of their own, default sysctls.

    sudo /usr/bin/python3 everyday-servers.py LINK EXCHANGE OUT

LINK: lo (loopback in one namespace), veth (two namespaces joined by a veth pair, 10.85.0.1 the client, 10.85.0.2 the
server), relay (hlcap.py's TUN pair and relay, 10.0.0.1 and 10.0.0.2, one-way delay HL_PATH's delay, 10 ms unless
HL_PATH says otherwise: this kernel has no sch_netem).
OUT: the files' prefix; tcpdump runs on each side's device: OUT-client.pcap, and OUT-server.pcap on veth and relay.
Congestion control: a new namespace takes the host's default (bbr here) and may not change it; the server's and the
client's routes say `congctl cubic` (RTAX_CC_ALGO, which tcp_ca_openreq_child() and tcp_init_congestion_control()
honour), Linux's usual default, unless HL_CC names another.
EXCHANGE (nginx listens on port 8080 of the server; www/ holds small.html, 612 bytes like nginx's index.html, and
200k.bin, 200,000 bytes):
  nginx-small           curl GET small.html (HTTP/1.1; curl closes first, nginx keeps the connection alive)
  nginx-small-nopush    the same with tcp_nopush off
  nginx-200k            curl GET 200k.bin
  nginx-200k-nopush     the same with tcp_nopush off
  nginx-keepalive       one curl, two requests on one connection: small.html, then 200k.bin
  nginx-head            curl -I (HEAD) small.html
  nginx-http10          curl --http1.0 GET small.html: nginx closes first (lingering_close)
  nginx-http10-nopush   the same with tcp_nopush off
  nginx-slow            curl --limit-rate 100k GET 200k.bin (a slow reader)
  refused               curl to port 8081, where nobody listens
  nc-client-closes      nc sends three lines 200 ms apart to a socat echo server (EXEC:cat), then shuts its write
                        side (nc -N): the server's cat ends and it closes
  socat-server-closes   socat's server writes two lines 200 ms apart and closes; the client (socat) reads to the end
"""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SUFFIX = os.environ.get('HL_NS_SUFFIX', '-d')
CC = os.environ.get('HL_CC', 'cubic')
PORT = 8080


def sh(*args, check=True):
    return subprocess.run(args, check=check, capture_output=True, text=True)


def nsx(ns, *args, check=True):
    return sh('ip', 'netns', 'exec', ns, *args, check=check)


def bg(ns, *args, **kw):
    return subprocess.Popen(('ip', 'netns', 'exec', ns) + args, **kw)


class Link:
    """The namespaces, addresses and devices of one LINK; up() makes them, down() removes them."""

    def __init__(self, kind):
        self.kind, self.relay = kind, None
        if kind == 'lo':
            self.cns = self.sns = 'evd-c' + SUFFIX
            self.caddr = self.saddr = '127.0.0.1'
            self.cdev = self.sdev = 'lo'
        elif kind == 'veth':
            self.cns, self.sns = 'evd-c' + SUFFIX, 'evd-s' + SUFFIX
            self.caddr, self.saddr, self.cdev, self.sdev = '10.85.0.1', '10.85.0.2', 'vc', 'vs'
        else:
            os.environ.setdefault('HL_PATH', 'delay=10')
            sys.path.insert(0, HERE)
            import hlcap
            self.hlcap = hlcap
            self.cns, self.sns, self.caddr, self.saddr = hlcap.CNS, hlcap.SNS, hlcap.CIP, hlcap.SIP
            self.cdev, self.sdev = hlcap.CIF, hlcap.SIF

    def up(self, work):
        self.down()
        if self.kind == 'lo':
            sh('ip', 'netns', 'add', self.cns)
            sh('ip', '-n', self.cns, 'link', 'set', 'lo', 'up')
            sh('ip', '-n', self.cns, 'route', 'replace', 'local', '127.0.0.1', 'dev', 'lo', 'table', 'local',
               'proto', 'kernel', 'scope', 'host', 'src', '127.0.0.1', 'congctl', CC)
            return
        if self.kind == 'veth':
            sh('ip', 'netns', 'add', self.cns)
            sh('ip', 'netns', 'add', self.sns)
            sh('ip', 'link', 'add', self.cdev, 'netns', self.cns, 'type', 'veth', 'peer', 'name', self.sdev,
               'netns', self.sns)
            for ns, dev, addr in ((self.cns, self.cdev, self.caddr), (self.sns, self.sdev, self.saddr)):
                sh('ip', '-n', ns, 'addr', 'add', addr + '/24', 'dev', dev)
                sh('ip', '-n', ns, 'link', 'set', dev, 'up')
        else:
            self.hlcap.setup('defaults')
            ready = os.path.join(work, 'relay.ready')
            self.relay = subprocess.Popen([sys.executable, os.path.join(HERE, 'hlcap.py'), 'relay', ready])
            while not os.path.exists(ready):
                time.sleep(0.01)
        for ns, dev, addr in ((self.cns, self.cdev, self.caddr), (self.sns, self.sdev, self.saddr)):
            sh('ip', '-n', ns, 'route', 'replace', addr.rsplit('.', 1)[0] + '.0/24', 'dev', dev, 'proto', 'kernel',
               'scope', 'link', 'src', addr, 'congctl', CC)

    def down(self):
        if self.relay:
            self.relay.terminate()
            self.relay.wait()
        for ns in {self.cns, self.sns}:
            sh('ip', 'netns', 'del', ns, check=False)


def nginx_conf(run, addr, nopush):
    with open(os.path.join(HERE, 'nginx-s85.conf')) as f:
        text = f.read()
    text = text.replace('@RUN@', run).replace('@ADDR@', addr).replace('@NOPUSH@', 'on' if nopush else 'off')
    path = os.path.join(run, 'nginx.conf')
    with open(path, 'w') as f:
        f.write(text)
    return path


def listening(ns, port):
    for _ in range(100):
        if ':%d ' % port in nsx(ns, 'ss', '-Htln').stdout:
            return
        time.sleep(0.1)
    raise RuntimeError('nothing listens on %d' % port)


def main(link_kind, exch, out):
    link = Link(link_kind)
    run = tempfile.mkdtemp(prefix='evd')
    os.chmod(run, 0o755)
    www = os.path.join(run, 'www')
    os.makedirs(www)
    with open(os.path.join(www, 'small.html'), 'w') as f:
        f.write(('<p>Handshake Lab</p>\n' * 31)[:611] + '\n')
    with open(os.path.join(www, '200k.bin'), 'w') as f:
        f.write('x' * 200000)
    servers, dumps = [], []
    link.up(run)
    try:
        url = 'http://%s:%d/' % (link.saddr, PORT)
        curl = ('curl', '-s', '--noproxy', '*', '-o', '/dev/null')
        if exch.startswith('nginx'):
            conf = nginx_conf(run, link.saddr, not exch.endswith('-nopush'))
            servers.append(bg(link.sns, 'nginx', '-c', conf, '-e', os.path.join(run, 'error.log')))
            listening(link.sns, PORT)
        elif exch == 'nc-client-closes':
            servers.append(bg(link.sns, 'socat', 'TCP-LISTEN:%d,bind=%s,reuseaddr' % (PORT, link.saddr), 'EXEC:cat'))
            listening(link.sns, PORT)
        elif exch == 'socat-server-closes':
            servers.append(bg(link.sns, 'socat', 'TCP-LISTEN:%d,bind=%s,reuseaddr' % (PORT, link.saddr),
                              'SYSTEM:echo hello; sleep 0.2; echo goodbye'))
            listening(link.sns, PORT)
        sides = [('client', link.cns, link.cdev)] + ([('server', link.sns, link.sdev)] if link_kind != 'lo' else [])
        for side, ns, dev in sides:
            dumps.append(bg(ns, 'tcpdump', '-i', dev, '-n', '-U', '-s', '128', '-w', '%s-%s.pcap' % (out, side),
                            'tcp', stderr=subprocess.DEVNULL))
        time.sleep(1.5)
        commands = {
            'nginx-small': curl + (url + 'small.html',),
            'nginx-small-nopush': curl + (url + 'small.html',),
            'nginx-200k': curl + (url + '200k.bin',),
            'nginx-200k-nopush': curl + (url + '200k.bin',),
            'nginx-keepalive': curl + ('-o', '/dev/null', url + 'small.html', url + '200k.bin'),
            'nginx-head': curl + ('-I', url + 'small.html'),
            'nginx-http10': curl + ('--http1.0', url + 'small.html'),
            'nginx-http10-nopush': curl + ('--http1.0', url + 'small.html'),
            'nginx-slow': curl + ('--limit-rate', '100k', url + '200k.bin'),
            'refused': curl + ('http://%s:%d/' % (link.saddr, PORT + 1),),
            'nc-client-closes': ('sh', '-c', 'for w in one two three; do echo $w; sleep 0.2; done | nc -N %s %d'
                                 % (link.saddr, PORT)),
            'socat-server-closes': ('socat', '-u', 'TCP:%s:%d' % (link.saddr, PORT), 'STDOUT'),
        }
        nsx(link.cns, *commands[exch], check=False)
        time.sleep(1.5)
    finally:
        for p in dumps:
            p.send_signal(signal.SIGINT)
        for p in dumps:
            p.wait()
        for ns in {link.cns, link.sns}:     # every process left in the namespaces is this script's
            for pid in sh('ip', 'netns', 'pids', ns, check=False).stdout.split():
                os.kill(int(pid), signal.SIGKILL)
        for p in servers:
            p.wait()
        link.down()
        shutil.rmtree(run, ignore_errors=True)


if __name__ == '__main__':
    if len(sys.argv) != 4:
        print(__doc__)
        sys.exit(2)
    main(*sys.argv[1:])
