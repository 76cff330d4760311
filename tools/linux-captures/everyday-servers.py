#!/usr/bin/python3
"""Everyday captures with the servers and tools a reviewer has at hand (docs/linux-captures.md §85): nginx with
Debian's settings (nginx-s85.conf), curl, nc and socat; and §89's: openssl, wget, ssh, iperf3, Python's http.server
and sockets. In network namespaces of their own, default sysctls.

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
§89 (port 8080 unless said; openssl's key is a fresh P-256 one, sshd's an ed25519 host key and the client's key):
  tls                   openssl s_client sends a line to openssl s_server -rev (which answers it reversed), then
                        closes at its stdin's end (close_notify, FIN); s_server -naccept 1 ends
  tls-quiet             openssl s_client -quiet sends an HTTP/1.0 request to openssl s_server -www, which answers
                        and closes first
  wget-small            wget small.html from nginx
  wget-200k             wget 200k.bin from nginx
  ssh                   ssh runs `true` on sshd (port 22, key authentication) and exits
  iperf3                iperf3 -c -t 1 -b 8M (an upload of 1 s at 8 Mbit/s; a control connection, then the data's)
  iperf3-reverse        the same with -R (the server sends)
  py-linger0            a Python client sends a line to a Python echo server, reads the answer, then closes with
                        SO_LINGER {1, 0}: a RST instead of a FIN
  py-half-close         a Python client sends 3000 bytes and shuts its write side (SHUT_WR); the server reads to
                        the end, answers 3000 bytes and closes; the client reads to the end and closes
  curl-http10-server    curl GET small.html from python3 -m http.server (HTTP/1.0: the server closes first)
§92 (PostgreSQL 15 in a throwaway data dir, initdb --auth=trust, port 5432; redis-server with no persistence, port
6379; sshd as §89's for rsync and scp; git daemon, port 9418; 300k.bin is 300,000 bytes):
  pg                    psql -c 'select 1' (libpq asks for SSL first; the server says no)
  pg-100k               psql -c "select repeat('x', 100000)": a result of about 100 KB
  redis-ping            redis-cli PING
  redis-bench           redis-benchmark -n 200 -c 2 -P 10 -t set,get (a connection for the server's config, then
                        two clients per test sending 10 commands a write)
  rsync                 rsync 300k.bin over ssh (rsync -e ssh) into the server's directory
  scp                   scp 300k.bin to the server
  git                   git clone git://S/repo.git (a repository of three small commits)
  wrk                   wrk -t 2 -c 20 -d 1s against nginx's small.html, each connection waiting 20 ms between its
                        requests (a wrk script's delay()): twenty keep-alive connections at once
LINK lo6 and veth6 are lo and veth over IPv6 (::1; fd92::1 the client, fd92::2 the server, no DAD).
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


def start_dumps(sides, out):
    """tcpdump on each (side, namespace, device) of SIDES into OUT-side.pcap (TCP headers, 128 bytes a packet, written as
    they come), returned once they listen, for tear_down to stop."""
    dumps = [bg(ns, 'tcpdump', '-i', dev, '-n', '-U', '-s', '128', '-w', '%s-%s.pcap' % (out, side), 'tcp',
                stderr=subprocess.DEVNULL) for side, ns, dev in sides]
    time.sleep(1.5)     # tcpdump is listening
    return dumps


class Link:
    """The namespaces, addresses and devices of one LINK; up() makes them, down() removes them."""

    def __init__(self, kind):
        self.kind, self.relay = kind, None
        if kind in ('lo', 'lo6'):
            self.cns = self.sns = 'evd-c' + SUFFIX
            self.caddr = self.saddr = '127.0.0.1' if kind == 'lo' else '::1'
            self.cdev = self.sdev = 'lo'
        elif kind in ('veth', 'veth6'):
            self.cns, self.sns = 'evd-c' + SUFFIX, 'evd-s' + SUFFIX
            self.caddr, self.saddr = ('10.85.0.1', '10.85.0.2') if kind == 'veth' else ('fd92::1', 'fd92::2')
            self.cdev, self.sdev = 'vc', 'vs'
        else:
            os.environ.setdefault('HL_PATH', 'delay=10')
            sys.path.insert(0, HERE)
            import hlcap
            self.hlcap = hlcap
            self.cns, self.sns, self.caddr, self.saddr = hlcap.CNS, hlcap.SNS, hlcap.CIP, hlcap.SIP
            self.cdev, self.sdev = hlcap.CIF, hlcap.SIF
        self.v6 = kind.endswith('6')
        self.host = '[%s]' % self.saddr if self.v6 else self.saddr     # the server in a URL

    def up(self, work):
        self.down()
        if self.kind in ('lo', 'lo6'):
            sh('ip', 'netns', 'add', self.cns)
            sh('ip', '-n', self.cns, 'link', 'set', 'lo', 'up')
            sh('ip', '-n', self.cns, 'route', 'replace', 'local', self.saddr, 'dev', 'lo', 'table', 'local',
               'proto', 'kernel', 'scope', 'host', *(('metric', '0') if self.v6 else ('src', self.saddr)), 'congctl',
               CC)     # IPv6 replaces only the route of the same metric: the kernel's (0 here, 256 on veth6)
            return
        if self.kind in ('veth', 'veth6'):
            sh('ip', 'netns', 'add', self.cns)
            sh('ip', 'netns', 'add', self.sns)
            sh('ip', 'link', 'add', self.cdev, 'netns', self.cns, 'type', 'veth', 'peer', 'name', self.sdev,
               'netns', self.sns)
            for ns, dev, addr in ((self.cns, self.cdev, self.caddr), (self.sns, self.sdev, self.saddr)):
                sh('ip', '-n', ns, 'addr', 'add', addr + ('/64' if self.v6 else '/24'), 'dev', dev,
                   *(('nodad',) if self.v6 else ()))
                sh('ip', '-n', ns, 'link', 'set', dev, 'up')
            if self.v6:
                for ns, dev, addr in ((self.cns, self.cdev, self.caddr), (self.sns, self.sdev, self.saddr)):
                    sh('ip', '-n', ns, '-6', 'route', 'replace', 'fd92::/64', 'dev', dev, 'proto', 'kernel',
                       'metric', '256', 'congctl', CC)
                return
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


# §89's Python server: one connection; echoes what it reads until the client's FIN, then closes (the client of
# py-half-close reads the echo to the end; that of py-linger0 aborts after the first line).
PY_SERVER = '''
import socket, sys
ls = socket.create_server((sys.argv[1], int(sys.argv[2])))
c, _ = ls.accept()
while True:
    data = c.recv(65536)
    if not data:
        break
    c.sendall(data)
c.close()
'''
PY_CLIENT = '''
import socket, struct, sys, time
c = socket.create_connection((sys.argv[2], int(sys.argv[3])))
if sys.argv[1] == 'linger0':
    c.sendall(b'hello\\n')
    c.recv(100)
    c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
else:
    c.sendall(b'x' * 3000)
    c.shutdown(socket.SHUT_WR)
    while c.recv(65536):
        pass
c.close()
'''


PG_BIN = '/usr/lib/postgresql/15/bin/'


def as_postgres(*args):
    """PostgreSQL will not run as root: its programs run as the system's postgres user."""
    return ('runuser', '-u', 'postgres', '--') + args


def program_servers(exch, link, run):
    """The server of a §89 or §92 exchange, listening when this returns; none for nginx's (main starts nginx)."""
    at = (link.saddr, str(PORT))
    if exch.startswith('tls'):
        key, cert = os.path.join(run, 'key.pem'), os.path.join(run, 'cert.pem')
        sh('openssl', 'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
           '-subj', '/CN=handshake-lab', '-days', '1', '-keyout', key, '-out', cert)
        mode = '-rev' if exch == 'tls' else '-www'
        server = bg(link.sns, 'openssl', 's_server', '-accept', ':'.join(at), '-naccept', '1', mode, '-key', key,
                    '-cert', cert, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port = PORT
    elif exch in ('ssh', 'rsync', 'scp'):
        for name in ('host', 'id'):
            sh('ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-f', os.path.join(run, name))
        shutil.copy(os.path.join(run, 'id.pub'), os.path.join(run, 'authorized_keys'))
        os.makedirs('/run/sshd', exist_ok=True)
        server = bg(link.sns, '/usr/sbin/sshd', '-D', '-e', '-f', '/dev/null', '-h', os.path.join(run, 'host'),
                    '-o', 'ListenAddress=' + link.saddr, '-o', 'Port=22', '-o', 'UsePAM=no', '-o', 'StrictModes=no',
                    '-o', 'PermitRootLogin=prohibit-password', '-o', 'Subsystem=sftp internal-sftp', '-o',
                    'AuthorizedKeysFile=' + os.path.join(run, 'authorized_keys'), stderr=subprocess.DEVNULL)
        port = 22
    elif exch.startswith('iperf3'):
        server = bg(link.sns, 'iperf3', '-s', '-1', '-B', link.saddr, '-p', str(PORT), stdout=subprocess.DEVNULL)
        port = PORT
    elif exch.startswith('py-'):
        server = bg(link.sns, sys.executable, '-c', PY_SERVER, *at)
        port = PORT
    elif exch == 'curl-http10-server':
        server = bg(link.sns, sys.executable, '-m', 'http.server', '-b', link.saddr, '-d', os.path.join(run, 'www'),
                    str(PORT), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port = PORT
    elif exch.startswith('pg'):
        data, sock = os.path.join(run, 'pgdata'), os.path.join(run, 'pgsock')
        for d in (data, sock):
            os.makedirs(d)
            shutil.chown(d, 'postgres', 'postgres')
        sh(*as_postgres(PG_BIN + 'initdb', '-D', data, '--auth=trust', '-U', 'postgres'))
        with open(os.path.join(data, 'pg_hba.conf'), 'a') as f:     # initdb trusts only local addresses
            f.write('host all all 0.0.0.0/0 trust\nhost all all ::/0 trust\n')
        server = bg(link.sns, *as_postgres(PG_BIN + 'postgres', '-D', data, '-h', link.saddr, '-k', sock, '-p',
                                           '5432'), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port = 5432
    elif exch.startswith('redis'):
        server = bg(link.sns, 'redis-server', '--bind', link.saddr, '--port', '6379', '--save', '', '--appendonly',
                    'no', '--protected-mode', 'no', '--dir', run, stdout=subprocess.DEVNULL)
        port = 6379
    elif exch == 'git':
        src = os.path.join(run, 'src')
        os.makedirs(src)
        sh('git', '-C', src, 'init', '-q')
        for n in range(3):
            with open(os.path.join(src, 'notes.txt'), 'a') as f:
                f.write('handshake lab, commit %d\n' % n)
            sh('git', '-C', src, 'add', 'notes.txt')
            sh('git', '-C', src, '-c', 'user.name=lab', '-c', 'user.email=lab@example.org', 'commit', '-q', '-m',
               'commit %d' % n)
        sh('git', 'clone', '-q', '--bare', src, os.path.join(run, 'repo.git'))
        server = bg(link.sns, 'git', 'daemon', '--export-all', '--reuseaddr', '--base-path=' + run,
                    '--listen=' + link.saddr, '--port=9418', stderr=subprocess.DEVNULL)
        port = 9418
    else:
        return []
    listening(link.sns, port)
    return [server]


def tear_down(link, run, dumps, servers):
    """Stops the captures (SIGINT, so tcpdump writes its last packets), kills what is left in the namespaces, removes
    the link and the run's scratch directory."""
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
    with open(os.path.join(run, '300k.bin'), 'wb') as f:
        f.write(os.urandom(300000))     # rsync and ssh compress nothing they are not asked to; random all the same
    with open(os.path.join(run, 'delay.lua'), 'w') as f:
        f.write('function delay()\n  return 20\nend\n')
    servers, dumps = [], []
    link.up(run)
    try:
        url = 'http://%s:%d/' % (link.host, PORT)
        ssh = ('ssh', '-i', os.path.join(run, 'id'), '-o', 'StrictHostKeyChecking=no', '-o',
               'UserKnownHostsFile=/dev/null', '-o', 'BatchMode=yes')
        psql = ('psql', '-X', '-q', '-h', link.saddr, '-U', 'postgres', '-d', 'postgres', '-o', '/dev/null', '-c')
        dest = 'root@%s:%s/' % (link.host, os.path.join(run, 'www'))
        curl = ('curl', '-s', '--noproxy', '*', '-o', '/dev/null')
        if exch.startswith('nginx') or exch.startswith('wget') or exch == 'wrk':
            conf = nginx_conf(run, link.host, not exch.endswith('-nopush'))
            servers.append(bg(link.sns, 'nginx', '-c', conf, '-e', os.path.join(run, 'error.log')))
            listening(link.sns, PORT)
        elif exch == 'nc-client-closes':
            servers.append(bg(link.sns, 'socat', 'TCP-LISTEN:%d,bind=%s,reuseaddr' % (PORT, link.saddr), 'EXEC:cat'))
            listening(link.sns, PORT)
        elif exch == 'socat-server-closes':
            servers.append(bg(link.sns, 'socat', 'TCP-LISTEN:%d,bind=%s,reuseaddr' % (PORT, link.saddr),
                              'SYSTEM:echo hello; sleep 0.2; echo goodbye'))
            listening(link.sns, PORT)
        else:
            servers.extend(program_servers(exch, link, run))
        sides = [('client', link.cns, link.cdev)] + ([('server', link.sns, link.sdev)] if link.kind not in ('lo', 'lo6') else [])
        dumps.extend(start_dumps(sides, out))
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
            'tls': ('sh', '-c', '(echo hello; sleep 0.3) | openssl s_client -connect %s:%d' % (link.saddr, PORT)),
            'tls-quiet': ('sh', '-c', 'printf "GET / HTTP/1.0\\r\\n\\r\\n" | openssl s_client -quiet -connect %s:%d'
                          % (link.saddr, PORT)),
            'wget-small': ('wget', '-q', '--no-proxy', '-O', '/dev/null', url + 'small.html'),
            'wget-200k': ('wget', '-q', '--no-proxy', '-O', '/dev/null', url + '200k.bin'),
            'ssh': ssh + ('root@' + link.saddr, 'true'),
            'iperf3': ('iperf3', '-c', link.saddr, '-p', str(PORT), '-t', '1', '-b', '8M'),
            'iperf3-reverse': ('iperf3', '-c', link.saddr, '-p', str(PORT), '-t', '1', '-b', '8M', '-R'),
            'py-linger0': (sys.executable, '-c', PY_CLIENT, 'linger0', link.saddr, str(PORT)),
            'py-half-close': (sys.executable, '-c', PY_CLIENT, 'half-close', link.saddr, str(PORT)),
            'curl-http10-server': curl + (url + 'small.html',),
            'pg': psql + ('select 1',),
            'pg-100k': psql + ("select repeat('x', 100000)",),
            'redis-ping': ('redis-cli', '-h', link.saddr, '-p', '6379', 'PING'),
            'redis-bench': ('redis-benchmark', '-h', link.saddr, '-p', '6379', '-n', '200', '-c', '2', '-P', '10',
                            '-t', 'set,get', '-q'),
            'rsync': ('rsync', '-e', ' '.join(ssh), os.path.join(run, '300k.bin'), dest),
            'scp': ('scp', '-q') + ssh[1:] + (os.path.join(run, '300k.bin'), dest),
            'git': ('git', 'clone', '-q', 'git://%s/repo.git' % link.host, os.path.join(run, 'clone')),
            'wrk': ('wrk', '-t', '2', '-c', '20', '-d', '1s', '-s', os.path.join(run, 'delay.lua'), url + 'small.html'),
        }
        done = nsx(link.cns, *commands[exch], check=False)
        if done.returncode:
            print('%s exited %d: %s' % (commands[exch][0], done.returncode, done.stderr[-500:]), file=sys.stderr)
        time.sleep(1.5)
    finally:
        tear_down(link, run, dumps, servers)


if __name__ == '__main__':
    if len(sys.argv) != 4:
        print(__doc__)
        sys.exit(2)
    main(*sys.argv[1:])
