"""The run body of the capture scripts that run one small Python PROGRAM at each end of everyday-servers.py's links
(round18-s144.py, round19-s149.py, ecn-cwr-s146.py; docs/linux-captures.md §157): the link brought up, the server's
program started and listening, tcpdump at both ends, the flood's SYN,ACKs dropped, the client's program, `ss -tanoi`
and the sysctls in the log, and the tear-down that stops the captures and writes OUT.txt. Loaded through sibling.load:

    with run_body.captured('veth6', 'evs149', OUT) as run:
        run.set_sysctls({'client': ['net.ipv4.tcp_retries2=5']})
        server = run.start_server(PROGRAM, args, PORT)
        run.start_dumps()
        client = run.start_client(PROGRAM, args)
        run.log.append(client.communicate(timeout=600)[0])
"""
import contextlib
import os
import subprocess
import sys
import tempfile

from sibling import load

servers = load('everyday-servers.py')


def nft(ns, table):
    """Loads an nft table (its text) into namespace ns."""
    p = subprocess.run(['ip', 'netns', 'exec', ns, 'nft', '-f', '-'], input=table, text=True, capture_output=True)
    if p.returncode:
        raise SystemExit('nft: ' + p.stderr)


class Run:
    """One run over a link that is up: its scratch folder (the programs' flags), the files' prefix, the captures and
    programs the tear-down stops, and the log written to OUT.txt."""

    def __init__(self, link, folder, out):
        self.link, self.folder, self.out = link, folder, out
        self.dumps, self.procs, self.log = [], [], []
        self.ns_of = {'client': link.cns, 'server': link.sns}
        # tcpdump on each side's device; on lo and lo6 both ends share one namespace and device: one file.
        self.sides = [('client', link.cns, link.cdev)] + ([('server', link.sns, link.sdev)] if link.cns != link.sns else [])

    def set_sysctls(self, settings):
        """Each side's settings ('net.ipv4.x=v'), in its namespace: {'client': [...], 'server': [...]}."""
        for side in ('client', 'server'):
            for setting in settings.get(side, []):
                servers.nsx(self.ns_of[side], 'sysctl', '-qw', setting)

    def program(self, role, program, args, ns=None):
        """`python3 -c program role *args` in the role's namespace (or ns), its output kept for the log."""
        p = servers.bg(ns or self.ns_of[role], sys.executable, '-c', program, role, *args, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
        self.procs.append(p)
        return p

    def start_server(self, program, args, port, listen=True):
        """The server's program, returned once it listens on port (unless listen is False: nothing will)."""
        server = self.program('server', program, args)
        if listen:
            servers.listening(self.link.sns, port)
        return server

    def start_dumps(self):
        self.dumps.extend(servers.start_dumps(self.sides, self.out))

    def start_client(self, program, args):
        return self.program('client', program, args)

    def drop_flood_answers(self, table, port):
        """An nft table in the client's namespace that drops the SYN,ACKs to the flood's spoofed ports (20001...) at
        its input hook, so that the client's host sends no RST to them."""
        nft(self.link.cns, 'table inet %s {\n  chain in { type filter hook input priority 0; policy accept;'
                           '\n    tcp sport %d tcp dport 20001-20999 counter drop\n  }\n}\n' % (table, port))

    def namespaces(self):
        """(side, namespace) of each namespace once: one on lo and lo6."""
        return sorted({('client', self.link.cns), ('server', self.link.sns)})

    def log_sockets(self):
        """`ss -tanoi` of each namespace into the log."""
        for name, ns in self.namespaces():
            self.log += ['ss -tanoi (%s):' % name, servers.nsx(ns, 'ss', '-tanoi').stdout]

    def log_sysctls(self, *names):
        """The namespaces' values of these sysctls into the log."""
        for name, ns in self.namespaces():
            self.log.append('[%s] ' % name + servers.nsx(ns, 'sysctl', *names).stdout)


@contextlib.contextmanager
def captured(link_kind, prefix, out):
    """A Run over a new link of link_kind (everyday-servers.py's Link); on leaving, even on an error: the captures
    stopped, what is left in the namespaces killed, the link and the scratch folder removed (servers.tear_down), the
    output of a program not read yet (a server still waiting, killed there) added, and the log written to out.txt."""
    link = servers.Link(link_kind)
    folder = tempfile.mkdtemp(prefix=prefix)
    os.chmod(folder, 0o755)
    run = Run(link, folder, out)
    link.up(folder)
    try:
        yield run
    finally:
        servers.tear_down(link, folder, run.dumps, run.procs)
        for p in run.procs:
            if p.stdout and not p.stdout.closed:
                run.log.append(p.stdout.read())
        with open(out + '.txt', 'w') as f:
            f.write('\n'.join(run.log))
