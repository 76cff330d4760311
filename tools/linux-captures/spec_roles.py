"""Runs a scenario file's application timeline as the two real socket programs of a capture (issue #14).

The files are the engine's ScenarioSpec (content/scenarios/*.yaml, src/test/resources/captures/linux/<id>.yaml):
each action is a call on a host at a time (`at`, ms after the run's T0) or as a reaction (`on`: established,
data or eof, the first time that host's program learns it, `delayMs` later; `on: data` with `received: N`, the first
time the data that program has received comes to N bytes in all). `Timeline.load` reads one and maps
what the kernel can be told: params that are sysctls, the device MTU and listen()'s backlog; `drop` faults as
the one-shot nft rules hlcap uses, `duplicate`, `delay` and `hold` faults as the relay's (`relay_fault`). Anything else is refused by name (`SpecRefused`), never left out silently.
`Timeline.play` is one host's program, run by `hlcap.py role` inside that host's namespace.

Needs PyYAML (Debian: python3-yaml); hlcap.py's own scenarios need nothing outside the standard library.
"""
import errno
import fcntl
import heapq
import os
import select
import socket
import struct
import subprocess
import tempfile
import termios

HOSTS = ('client', 'server')
TRIGGERS = ('established', 'data', 'eof')
CONGESTION_CONTROL = os.environ.get('HL_CC', 'cubic').encode()     # Linux's default (CONFIG_DEFAULT_TCP_CONG), which a socket of root may choose; HL_CC=bbr for BBR's (§55)
CALLS = ('listen', 'connect', 'send', 'read', 'shutdown', 'close', 'abort', 'cork', 'uncork')
READ_MODES = ('on-arrival', 'on-call')
SPEC_KEYS = ('id', 'title', 'summary', 'tags', 'profile', 'params', 'actions', 'faults', 'inject', 'untilMs')
INJECT_KEYS = ('at', 'from', 'to', 'flags', 'seq', 'ack', 'len', 'tsValAgeMs')
INJECT_FLAGS = {'FIN': 0x01, 'SYN': 0x02, 'RST': 0x04, 'PSH': 0x08, 'ACK': 0x10}
# params the engine needs and the kernel decides for itself: its ISNs are random (tables are written relative to them)
ENGINE_ONLY = ('clientIsn', 'serverIsn', 'seed')
BOOLEAN_SYSCTLS = {'timestamps': 'net.ipv4.tcp_timestamps', 'sack': 'net.ipv4.tcp_sack',
                   'windowScaling': 'net.ipv4.tcp_window_scaling', 'twReuse': 'net.ipv4.tcp_tw_reuse',
                   'rfc1337': 'net.ipv4.tcp_rfc1337', 'noMetricsSave': 'net.ipv4.tcp_no_metrics_save',
                   'noSsthreshMetricsSave': 'net.ipv4.tcp_no_ssthresh_metrics_save'}
COUNT_SYSCTLS = {'synRetries': 'net.ipv4.tcp_syn_retries', 'synAckRetries': 'net.ipv4.tcp_synack_retries',
                 'synLinearTimeouts': 'net.ipv4.tcp_syn_linear_timeouts', 'dataRetries': 'net.ipv4.tcp_retries2',
                 'maxSynBacklog': 'net.ipv4.tcp_max_syn_backlog', 'maxRtoMs': 'net.ipv4.tcp_rto_max_ms',
                 'twReuseDelayMs': 'net.ipv4.tcp_tw_reuse_delay', 'ecn': 'net.ipv4.tcp_ecn'}
SYN_COOKIES = {'off': 0, 'on-overflow': 1, 'always': 2}
RELAY_ACTIONS = ('duplicate', 'delay', 'hold')     # faults the relay carries out (relay_fault); drop is nft's
MATCH_FLAGS = ('FIN', 'SYN', 'RST', 'ACK')
NTH_MAX = 64            # the latest match a drop can name: hlcap's nft table has a set for each match before it
HEADERS = 40            # IPv4 + TCP header without options: the MSS a device's MTU gives
LISTEN_BACKLOG = 16     # hlcap's listen() when the file names no listenBacklog
# without untilMs, a program stops this long after its last call or signal, once it has nothing left to do (an
# action whose trigger never comes, on a socket still open, holds the run until the scenario's max_s)
QUIET_S = 1.0
# an `ss -tanoi` snapshot this long after each call: not a multiple of the 50 ms delay, when answers arrive
SNAPSHOT_S = 0.075
# and at fixed offsets from T0, whatever the calls (a retransmission, a timer's end): every FIXED_SNAPSHOT_S from
# FIXED_SNAPSHOT_FIRST_S (25 ms off the 50 ms grid) up to FIXED_SNAPSHOT_DENSE_S, then every FIXED_SNAPSHOT_SPARSE_S
FIXED_SNAPSHOT_FIRST_S, FIXED_SNAPSHOT_S, FIXED_SNAPSHOT_DENSE_S, FIXED_SNAPSHOT_SPARSE_S = 0.525, 0.5, 5.0, 5.0
SS = ['ss', '-tanoi']
SS_POLL_S = 0.002       # while an ss runs, the program looks this often whether it is done (when it read the sockets)
# a program that reads on its calls and waits for `received` bytes looks this often how many wait unread (FIONREAD):
# unread data keeps POLLIN up, so poll() cannot tell when more comes; the engine's ticks are 4 ms
RECEIVED_POLL_S = 0.001


class SpecRefused(ValueError):
    """The file says something the real run cannot do; the message names the field."""


def refuse(field, why):
    raise SpecRefused('%s: %s' % (field, why))


def set_sysctl(sysctl, name, value, field):
    """Puts the sysctl that a tunable of the scenario format is into sysctl; False when none is."""
    if name in BOOLEAN_SYSCTLS:
        sysctl[BOOLEAN_SYSCTLS[name]] = 1 if value else 0
    elif name in COUNT_SYSCTLS:
        sysctl[COUNT_SYSCTLS[name]] = int(value)
    elif name == 'synCookies':
        if value not in SYN_COOKIES:
            refuse(field, 'must be one of ' + ', '.join(SYN_COOKIES))
        sysctl['net.ipv4.tcp_syncookies'] = SYN_COOKIES[value]
    elif name == 'finWait2TimeoutMs':
        if value % 1000:
            refuse(field, 'tcp_fin_timeout counts whole seconds')
        sysctl['net.ipv4.tcp_fin_timeout'] = value // 1000
    elif name == 'minRtoMs':
        sysctl['net.ipv4.tcp_rto_min_us'] = int(value) * 1000
    else:
        return False
    return True


class Timeline:
    """One scenario file, as the settings of a capture run and the two programs that play it."""

    def __init__(self, actions, read_modes, ports, backlog, until_s, sysctl, mtu, drops, no_delay, injections,
                 host_sysctl, rcvbuf, timed_drops, maxseg, relay_faults):
        """host_sysctl: per host, the sysctls of its own settings (params.client, params.server), for its namespace;
        rcvbuf: per host, the SO_RCVBUF its `window` asks for (None: the kernel's own); timed_drops: per receiving
        host, (seconds after T0, nft rule) of the faults with `afterMs`, which that host's program adds then;
        maxseg: per host, the TCP_MAXSEG its own `mss` asks for (None: the device's MTU decides); relay_faults: the
        duplicate, delay and hold faults in the file's order, for the relay (`relay_fault`)."""
        self.actions, self.read_modes, self.ports = actions, read_modes, ports
        self.backlog, self.until_s, self.sysctl, self.mtu, self.drops = backlog, until_s, sysctl, mtu, drops
        self.no_delay, self.injections, self.host_sysctl, self.rcvbuf = no_delay, injections, host_sysctl, rcvbuf
        self.timed_drops, self.maxseg, self.relay_faults = timed_drops, maxseg, relay_faults

    @staticmethod
    def load(path, one_way_delay_s, drop_once, ips):
        """drop_once(match, key, nths): hlcap's one-shot nft rules, so that a fault drops as hlcap's scenarios do;
        ips: each host's address."""
        with open(path) as f:
            spec = yaml_load(f)
        if not isinstance(spec, dict):
            refuse(path, 'not a scenario (a mapping with actions)')
        for key in spec:
            if key not in SPEC_KEYS:
                refuse(key, 'a kernel run has only ' + ', '.join(SPEC_KEYS))
        params = dict(spec.get('params') or {})
        read_modes, ports, backlog, sysctl, mtu = {}, {'client': None, 'server': None}, LISTEN_BACKLOG, {}, None
        no_delay = False
        host_sysctl = {host: {} for host in HOSTS}
        # the engine's window is the space offered, and Linux keeps twice SO_RCVBUF and offers half of it: the same
        # number (receive-window-unread); a host's own window is laid over the scenario's
        rcvbuf = {host: params.get('window') for host in HOSTS}
        maxseg = {host: None for host in HOSTS}
        for name, value in params.items():
            field = 'params.' + name
            if name in ENGINE_ONLY or name == 'window':
                continue
            if name in HOSTS:       # one host's own settings: sysctls of that host's namespace only
                for own, own_value in (value or {}).items():
                    if own == 'window':
                        rcvbuf[name] = own_value
                    elif own == 'mss':      # one host's MSS: TCP_MAXSEG, as the devices' MTU is both hosts'
                        maxseg[name] = int(own_value)
                    elif not set_sysctl(host_sysctl[name], own, own_value, field + '.' + own):
                        refuse(field + '.' + own, 'no sysctl of the kernel sets it for one host')
                continue
            if name == 'oneWayDelayMs':
                if value != round(one_way_delay_s * 1000):
                    refuse(field, 'the relay delays by %d ms, not %s' % (round(one_way_delay_s * 1000), value))
            elif name in ('clientReads', 'serverReads'):
                if value not in READ_MODES:
                    refuse(field, 'must be one of ' + ', '.join(READ_MODES))
                read_modes[name[:-len('Reads')]] = value
            elif name in ('clientPort', 'serverPort'):
                ports[name[:-len('Port')]] = int(value)
            elif name == 'listenBacklog':
                backlog = int(value)
            elif name == 'noDelay':     # a socket option, not a sysctl: both programs set TCP_NODELAY
                no_delay = bool(value)
            elif set_sysctl(sysctl, name, value, field):
                pass
            elif name == 'mss':
                mtu = int(value) + HEADERS
            else:
                refuse(field, 'no sysctl or socket option of the kernel sets it')
        actions = []
        for i, action in enumerate(spec.get('actions') or []):
            actions.append(Action.of(action, 'actions[%d]' % i))
        drops = {host: [] for host in HOSTS}
        latches = {}        # receiver: (nft match, its nths), one latch chain per direction
        timed_drops = {host: [] for host in HOSTS}
        faults = spec.get('faults') or []
        relay_faults = [relay_fault(fault, 'faults[%d]' % i) for i, fault in enumerate(faults)
                        if fault.get('action') in RELAY_ACTIONS]
        for i, fault in enumerate(faults):
            if fault.get('action') in RELAY_ACTIONS:
                continue
            receiver, nft_match, nth = drop_rule(fault, 'faults[%d]' % i, ips)
            refuse_overlap(fault, 'faults[%d]' % i, relay_faults)
            after = (fault.get('match') or {}).get('afterMs')
            if after is not None:
                # a segment sent at afterMs reaches the receiver's prerouting hook one delay later
                timed_drops[receiver].append((after / 1000.0 + one_way_delay_s, nft_match + ' counter drop'))
            elif nth is None:
                drops[receiver].append(nft_match + ' counter drop')
            elif latches.setdefault(receiver, (nft_match, []))[0] != nft_match:
                refuse('faults[%d]' % i, 'hlcap counts the nth matches of one match per direction (one latch chain); '
                                         'faults with nth in one direction must match alike')
            else:
                latches[receiver][1].append(nth)
        for receiver, (nft_match, nths) in latches.items():
            drops[receiver] += drop_once(nft_match, 'ip saddr', absolute_matches(nths))
        injections = [injection(inject, 'inject[%d]' % i, params) for i, inject in enumerate(spec.get('inject') or [])]
        until = spec.get('untilMs')
        return Timeline(actions, read_modes, ports, backlog, None if until is None else until / 1000.0,
                        sysctl, mtu, drops, no_delay, injections, host_sysctl, rcvbuf, timed_drops, maxseg,
                        relay_faults)

    def play(self, ctx, host, addresses):
        """host's program; addresses: each host's (ip, port) as hlcap sets them up."""
        own_ip, own_port = addresses[host]
        peer = 'server' if host == 'client' else 'client'
        peer_ip, peer_port = addresses[peer]
        Player(ctx, [a for a in self.actions if a.host == host], self.read_modes.get(host, 'on-arrival'),
               (own_ip, self.ports[host] or own_port), (peer_ip, self.ports[peer] or peer_port),
               self.backlog, self.until_s, self.no_delay, self.rcvbuf[host], self.timed_drops[host],
               self.maxseg[host]).run()


def injection(inject, field, params):
    """A segment the relay writes into the receiver's device (hlcap's relay_main): its numbers as offsets from the
    sender's and the receiver's ISN, since the kernel's ISNs are random and the file's are the engine's; with a TSopt
    when the file gives tsValAgeMs (the relay reads its TSval from the sender's own clock as the file says), else with
    no options, as the engine injects it."""
    for key in inject:
        if key not in INJECT_KEYS:
            refuse('%s.%s' % (field, key), 'the relay crafts one segment with ' + ', '.join(INJECT_KEYS))
    sender, receiver = inject.get('from'), inject.get('to')
    if sender not in HOSTS or receiver not in HOSTS or sender == receiver:
        refuse(field + '.from', 'from and to must be the client and the server')
    flags = 0
    for name in inject.get('flags') or []:
        if name.upper() not in INJECT_FLAGS:
            refuse(field + '.flags', 'must name some of ' + ', '.join(INJECT_FLAGS))
        flags |= INJECT_FLAGS[name.upper()]
    isn = {'client': params.get('clientIsn'), 'server': params.get('serverIsn')}
    if isn['client'] is None or isn['server'] is None:
        refuse('params', 'an injection needs clientIsn and serverIsn to tell its numbers relative to them')
    return dict(at_s=inject['at'] / 1000.0, sender=sender, flags=flags,
                seq_offset=(inject['seq'] - isn[sender]) % 2 ** 32,
                ack_offset=(inject.get('ack', isn[receiver]) - isn[receiver]) % 2 ** 32,
                length=int(inject.get('len') or 0),
                ts_age_ms=None if inject.get('tsValAgeMs') is None else int(inject['tsValAgeMs']))


class Action:
    def __init__(self, host, call, at_s, on, delay_s, n, received, more=False):
        self.host, self.call, self.at_s, self.on, self.delay_s, self.bytes = host, call, at_s, on, delay_s, n
        self.received, self.more = received, more

    @staticmethod
    def of(spec, field):
        for key in spec:
            if key not in ('at', 'on', 'received', 'delayMs', 'host', 'call', 'bytes', 'more'):
                refuse('%s.%s' % (field, key), 'unknown')
        if spec.get('host') not in HOSTS:
            refuse(field + '.host', 'must be one of ' + ', '.join(HOSTS))
        if spec.get('call') not in CALLS:
            refuse(field + '.call', 'a kernel run makes only ' + ', '.join(CALLS))
        if (spec.get('at') is None) == (spec.get('on') is None):
            refuse(field, 'needs either at or on')
        if spec.get('on') is not None and spec['on'] not in TRIGGERS:
            refuse(field + '.on', 'must be one of ' + ', '.join(TRIGGERS))
        received = spec.get('received')
        if received is not None and (spec.get('on') != 'data' or not isinstance(received, int) or received < 1):
            refuse(field + '.received', 'a number of bytes (1 or more) with on: data')
        if spec['call'] in ('send', 'read') and not spec.get('bytes'):
            refuse(field + '.bytes', 'send and read need a number of bytes')
        if 'more' in spec and (spec['call'] != 'send' or not isinstance(spec['more'], bool)):
            refuse(field + '.more', 'true or false, on send only (MSG_MORE)')
        at = spec.get('at')
        return Action(spec['host'], spec['call'], None if at is None else at / 1000.0, spec.get('on'),
                      (spec.get('delayMs') or 0) / 1000.0, spec.get('bytes'), received, spec.get('more', False))

    def __str__(self):
        when = 'at %d ms' % round(self.at_s * 1000) if self.on is None else 'on %s%s +%d ms' % (
            self.on, '' if self.received is None else ' received %d' % self.received, round(self.delay_s * 1000))
        return '%s%s%s (%s)' % (self.call, '(%d)' % self.bytes if self.bytes else '', ' MSG_MORE' if self.more else '', when)


def yaml_load(stream):
    """The file as the engine reads it: YAML 1.2 booleans, so that the key `on` stays the word on."""
    import re
    import yaml     # only here: hlcap's other commands run on the standard library alone

    base = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)    # libyaml where there is one: the programs start sooner

    class Loader(base):
        pass
    Loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != 'tag:yaml.org,2002:bool']
        for first, resolvers in base.yaml_implicit_resolvers.items()}
    Loader.add_implicit_resolver('tag:yaml.org,2002:bool', re.compile(r'^(?:true|True|TRUE|false|False|FALSE)$'),
                                 list('tTfF'))
    return yaml.load(stream, Loader=Loader)


def absolute_matches(nths):
    """Which matches faults with these nths drop, counted as the engine counts them (ScenarioRunner.FaultPolicy): each
    fault counts only the matches the faults before it let through, so nths 4, 4, 4 drop the 4th, 5th and 6th."""
    dropped = []
    for nth in nths:
        position, through = 0, 0
        while through < nth:
            position += 1
            if position not in dropped:
                through += 1
        dropped.append(position)
    if max(dropped) > NTH_MAX:
        refuse('faults', 'nft drops matches from 1 to %d, not match %d' % (NTH_MAX, max(dropped)))
    return dropped


def match_flags(match, field):
    """The flag bits a fault's match names (FIN, SYN, RST, ACK); None when it names none (any segment)."""
    if match.get('flags') is None:
        return None
    flags = [f.upper() for f in match['flags']]
    if not flags or any(f not in MATCH_FLAGS for f in flags):
        refuse(field + '.match.flags', 'must name some of ' + ', '.join(MATCH_FLAGS))
    bits = 0
    for f in flags:
        bits |= INJECT_FLAGS[f]
    return bits


def relay_fault(fault, field):
    """A duplicate, delay or hold fault, which the relay (hlcap.py relay_main) carries out as the engine's FaultPolicy
    does: a segment sent by `from` (either host when absent) at or after `afterMs` and before `beforeMs`, with exactly these flags (PSH
    ignored; any when absent), the `nth` such segment (each when absent), counted among those the faults before it
    let through; duplicate: a second copy max(1, ms) ms after the first; delay: ms more than the network's delay;
    hold: kept until `until` ms after T0 (and at least the network's delay), or for ever."""
    for key in fault:
        if key not in ('match', 'action', 'ms', 'until'):
            refuse('%s.%s' % (field, key), 'the relay %ss every match it is given (no %s)' % (fault['action'], key))
    match = fault.get('match') or {}
    for key in match:
        if key not in ('from', 'flags', 'nth', 'afterMs', 'beforeMs'):
            refuse('%s.match.%s' % (field, key), 'the relay matches from, flags, nth, afterMs and beforeMs')
    sender = match.get('from')
    if sender is not None and sender not in HOSTS:
        refuse(field + '.match.from', 'must be one of ' + ', '.join(HOSTS))
    nth = match.get('nth')
    if nth is not None and not (isinstance(nth, int) and nth >= 1):
        refuse(field + '.match.nth', 'must be 1 or more')
    action, ms, until = fault['action'], fault.get('ms'), fault.get('until')
    if until is not None and action != 'hold':
        refuse(field + '.until', 'only a hold has an until')
    if ms is not None and action == 'hold':
        refuse(field + '.ms', 'a hold has an until, not ms')
    after, before = match.get('afterMs'), match.get('beforeMs')
    return dict(sender=sender, flags=match_flags(match, field), nth=nth, action=action,
                after_s=None if after is None else after / 1000.0,
                before_s=None if before is None else before / 1000.0, ms=int(ms or 0),
                until_s=None if until is None else until / 1000.0)


def refuse_overlap(drop, field, relay_faults):
    """A drop (nft, in the receiver, after the relay) and a relay fault that can take the same segment would count
    their matches otherwise than the engine, where the first fault in the file that takes a segment is its only one."""
    match = drop.get('match') or {}
    bits = match_flags(match, field)
    for fault in relay_faults:
        if fault['sender'] in (None, match.get('from')) and fault['flags'] in (None, bits):
            refuse(field, 'a drop (nft) and a %s (the relay) match the same segments; the relay cannot count them '
                          'together' % fault['action'])


def drop_rule(fault, field, ips):
    """A drop fault for the receiving namespace's prerouting hook: (receiving host, nft match, nth or None)."""
    if fault.get('action') != 'drop':
        refuse(field + '.action', 'a kernel run drops (nft) or has the relay %s, it cannot %s'
               % (', '.join(RELAY_ACTIONS), fault.get('action')))
    for key in fault:
        if key not in ('match', 'action'):
            refuse('%s.%s' % (field, key), 'a kernel run drops every match it is given, with nothing more')
    match = fault.get('match') or {}
    sender = match.get('from')
    if sender not in HOSTS:
        refuse(field + '.match.from', 'must be one of ' + ', '.join(HOSTS))
    flags = [f.lower() for f in match.get('flags') or []]
    if not flags or any(f not in ('syn', 'ack', 'fin', 'rst') for f in flags):
        refuse(field + '.match.flags', 'must name some of SYN, ACK, FIN, RST')
    if match.get('beforeMs') is not None:
        refuse(field + '.match.beforeMs', 'a kernel run adds a drop rule (nft) at afterMs and never takes it away; '
                                          'the relay ends a delay, duplicate or hold at beforeMs')
    nth = match.get('nth')
    if nth is not None and match.get('afterMs') is not None:
        refuse(field + '.match.nth', 'a drop from afterMs on drops every match, not the nth')
    if nth is not None and not (isinstance(nth, int) and 1 <= nth <= NTH_MAX):
        refuse(field + '.match.nth', 'nft drops matches from 1 to %d or every match (left out), not match %s'
               % (NTH_MAX, nth))
    receiver = 'server' if sender == 'client' else 'client'
    # as the engine matches: exactly these flags, PSH ignored (so ACK is a pure ACK or data alike)
    nft_match = 'ip saddr %s tcp flags & (fin|syn|rst|ack) == %s' % (ips[sender], '|'.join(flags))
    return receiver, nft_match, nth


class Player:
    """One host's program: a poll() loop that makes the timed calls and the calls that react to signals."""

    def __init__(self, ctx, actions, read_mode, own, peer, backlog, until_s, no_delay, rcvbuf, timed_drops, maxseg):
        self.ctx, self.actions, self.on_call = ctx, actions, read_mode == 'on-call'
        self.own, self.peer, self.backlog, self.until_s = own, peer, backlog, until_s
        self.no_delay, self.rcvbuf, self.maxseg = no_delay, rcvbuf, maxseg
        self.drops_due = sorted((ctx.t0 + at_s, rule) for at_s, rule in timed_drops)
        # a listen() at T0 is made as the program starts, as hlcap's own programs do: nothing of it is on the wire,
        # and a program woken late on a busy machine must not turn the client's SYN away
        self.due = [(ctx.now() if a.call == 'listen' and a.at_s == 0 else ctx.t0 + a.at_s, i)
                    for i, a in enumerate(actions) if a.on is None]
        heapq.heapify(self.due)
        self.armed = [i for i, a in enumerate(actions) if a.on is not None]
        self.listener = self.connecting = self.conn = None
        self.cork_before_connect = False    # a cork call before connect(): set on the socket connect() uses
        self.data_seen = self.eof_seen = False
        # the bytes that arrived in order so far, as the engine counts them for `received`, and those read() took
        self.received = self.read_bytes = 0
        self.last = ctx.now()
        # (due, label); [label, ms after T0 when started, ss process, its output file, ms after T0 seen done]
        self.snaps, self.taken = [], []
        self.next_fixed = FIXED_SNAPSHOT_FIRST_S
        self.fixed_snapshot()

    def run(self):
        try:    # real-time below the relay's 50: on a busy machine a late wake-up would move a call by tens of ms
            os.sched_setscheduler(0, os.SCHED_FIFO | os.SCHED_RESET_ON_FORK, os.sched_param(40))
        except OSError:
            self.ctx.log('runs without real-time priority')
        for action in self.actions:
            self.ctx.log('plays ' + str(action))
        while not self.finished():
            self.step()
        self.snaps = [(self.ctx.now(), 'end')]
        self.take_snapshots()
        for label, at_ms, proc, out, done_ms in self.taken:
            proc.wait()
            out.seek(0)
            self.ctx.log('ss ' + label, ss=out.read(), at_ms=at_ms, done_ms=done_ms or self.ms())

    def finished(self):
        now = self.ctx.now()
        if self.until_s is not None:
            return now >= self.ctx.t0 + self.until_s
        return not (self.due or self.waiting()) and now >= self.last + QUIET_S

    def waiting(self):
        """Waiting for connect(), or for a signal one of its calls reacts to while a socket may still bring one."""
        return self.connecting or (self.armed and (self.conn or self.listener))

    def step(self):
        ctx = self.ctx
        while self.drops_due and self.drops_due[0][0] <= ctx.now():
            self.start_dropping(self.drops_due.pop(0)[1])
        counting = self.counting_unread()
        if counting:
            self.arrived(self.read_bytes + self.unread())
        while self.due and self.due[0][0] <= ctx.now():
            self.perform(self.actions[heapq.heappop(self.due)[1]])
        self.take_snapshots()
        wake = [t for t, _ in self.due[:1] + self.snaps[:1] + self.drops_due[:1]]
        if self.snapshots_running():
            wake.append(ctx.now() + SS_POLL_S)
        if counting:
            wake.append(ctx.now() + RECEIVED_POLL_S)
        if self.until_s is not None:
            wake.append(ctx.t0 + self.until_s)
        elif not self.waiting():
            wake.append(self.last + QUIET_S)
        # nothing to wake for: wait for what TCP tells (never a busy loop, the program is real-time)
        timeout = max(0.0, min(wake) - ctx.now()) * 1000 if wake else None
        poller, watched = select.poll(), {}
        if self.listener and not self.conn:
            watched[self.listener.fileno()] = 'accept'
            poller.register(self.listener, select.POLLIN)
        if self.connecting:
            watched[self.connecting.fileno()] = 'connected'
            poller.register(self.connecting, select.POLLOUT)
        if self.conn and not self.eof_seen:
            mask = select.POLLRDHUP
            if not (self.on_call and self.data_seen):   # unread data keeps POLLIN up: watch only for the FIN then
                mask |= select.POLLIN
            watched[self.conn.fileno()] = 'readable'
            poller.register(self.conn, mask)
        for fd, events in poller.poll(timeout):
            getattr(self, watched[fd])(events)

    # what TCP tells the program ------------------------------------------------
    def accept(self, _events):
        self.conn, peer = self.listener.accept()
        self.ctx.keep.append(self.conn)     # open until the capture stops, like every socket of a run
        self.nagle_off(self.conn)
        self.ctx.log('accepted socket TCP_CORK %d' % self.conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_CORK))
        self.conn.setblocking(True)
        self.ctx.log('accept() returned', peer=list(peer))
        self.signal('established')

    def connected(self, _events):
        s, self.connecting = self.connecting, None
        err = s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        if err:
            self.ctx.log('connect() failed', errno=errno.errorcode.get(err), err=os.strerror(err))
            self.last = self.ctx.now()
            return
        s.setblocking(True)
        self.conn = s
        self.ctx.log('connect() returned')
        self.signal('established')

    def readable(self, events):
        try:
            if self.on_call:        # the program reads only when it calls read: look, do not take
                if events & select.POLLIN:
                    self.arrived(self.read_bytes + self.unread())
                err = self.conn.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) if events & select.POLLERR else 0
                if err:
                    raise OSError(err, os.strerror(err))
                if events & (select.POLLRDHUP | select.POLLHUP):
                    self.eof_seen = True
                    self.signal('eof')
                return
            got = self.conn.recv(65536)
        except OSError as e:
            self.failed('recv()', e)
            return
        if got:
            self.ctx.log('recv() got %d bytes' % len(got))
            self.received += len(got)
            self.signal('data')
        else:
            self.eof_seen = True
            self.ctx.log('recv() returned 0 (EOF)')
            self.signal('eof')

    def unread(self):
        """The bytes waiting unread: FIONREAD, not a MSG_PEEK recv(): a peek is a recvmsg, whose tcp_cleanup_rbuf
        sends an ACK owed once more than one segment waits, as a read would (zero-window-probe); the ioctl only
        counts."""
        return struct.unpack('i', fcntl.ioctl(self.conn.fileno(), termios.FIONREAD, b'\0' * 4))[0]

    def arrived(self, received):
        """A program that reads on its calls sees `received` bytes in all arrived (read or waiting)."""
        if received <= self.received:
            return
        self.received = received
        if not self.data_seen:
            self.data_seen = True
            self.ctx.log('%d bytes arrived, left unread' % (received - self.read_bytes))
        else:
            self.ctx.log('%d bytes arrived in all' % received)
        self.signal('data')

    def counting_unread(self):
        """True while this program reads on its calls, has unread data (POLLIN no longer watched) and an action waits
        for more to have come (`received`)."""
        return (self.on_call and self.data_seen and self.conn is not None and not self.eof_seen
                and any(self.actions[i].received is not None for i in self.armed))

    def failed(self, call, e):
        self.ctx.log(call + ' failed', errno=errno.errorcode.get(e.errno), err=str(e))
        self.eof_seen = True        # nothing more to read from a reset connection
        self.last = self.ctx.now()

    def signal(self, trigger):
        self.last = now = self.ctx.now()
        for i in list(self.armed):
            wants = self.actions[i].received
            if self.actions[i].on == trigger and (wants is None or self.received >= wants):
                self.armed.remove(i)
                heapq.heappush(self.due, (now + self.actions[i].delay_s, i))

    def start_dropping(self, rule):
        """A fault with afterMs: its rule joins hlcap's prerouting chain of this namespace (made if no drop from the
        start made it) when the first segment it drops may arrive."""
        script = ('add table ip hl\n'
                  'add chain ip hl pre { type filter hook prerouting priority -300; policy accept; }\n'
                  'add rule ip hl pre %s\n' % rule)
        p = subprocess.run(['nft', '-f', '-'], input=script, capture_output=True, text=True)
        if p.returncode:
            raise RuntimeError('nft: ' + p.stderr)
        self.ctx.log('drops from now on: ' + rule)

    # the program's calls ---------------------------------------------------------
    def perform(self, action):
        self.last = self.ctx.now()
        self.ctx.log('%s() called' % action.call, bytes=action.bytes)
        try:
            if action.more:
                self.connection().sendall(b'x' * action.bytes, socket.MSG_MORE)
            else:
                getattr(self, 'call_' + action.call)(action.bytes)
        except OSError as e:
            self.failed(action.call + '()', e)
        heapq.heappush(self.snaps, (self.ctx.now() + SNAPSHOT_S, '%s+%dms' % (action.call, SNAPSHOT_S * 1000)))

    def bound_socket(self):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # A new namespace inherits the host's congestion control (bbr where these were made, which paces every
        # flight) and may not be given another (EPERM outside init_net); the engine models the kernel's own default.
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_CONGESTION, CONGESTION_CONTROL)
        s.bind(self.own)
        self.ctx.keep.append(s)
        self.nagle_off(s)
        if self.cork_before_connect:
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_CORK, 1)
            self.ctx.log('TCP_CORK set before listen() or connect()')
        if self.maxseg:     # before listen() or connect(): the SYN's (or SYN,ACK's) MSS option follows it
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG, self.maxseg)
            self.ctx.log('TCP_MAXSEG set %d' % self.maxseg)
        if self.rcvbuf:     # before listen() or connect(): the SYN's window and an accepted socket's buffer follow it
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, self.rcvbuf)
            self.ctx.log('SO_RCVBUF set %d, kernel holds %d' % (
                self.rcvbuf, s.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF)))
        return s

    def nagle_off(self, s):
        """params.noDelay: TCP_NODELAY on every socket of the program, so that each small send() leaves at once."""
        if self.no_delay:
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def call_listen(self, _n):
        self.listener = self.bound_socket()
        self.listener.listen(self.backlog)
        self.listener.setblocking(False)

    def call_connect(self, _n):
        s = self.bound_socket()
        s.setblocking(False)
        err = s.connect_ex(self.peer)
        if err != errno.EINPROGRESS:
            raise OSError(err, os.strerror(err))
        self.connecting = s

    def call_send(self, n):
        self.connection().sendall(b'x' * n)

    def call_read(self, n):
        try:
            got = len(self.connection().recv(n, socket.MSG_DONTWAIT))
        except BlockingIOError:
            got = 0
        self.read_bytes += got
        self.ctx.log('read() took %d bytes' % got)

    def call_cork(self, _n):
        """TCP_CORK on the connection; on the listener, whose accepted sockets copy its tp->nonagle (sk_clone_lock);
        before connect(), on the socket connect() will use (docs/linux-captures.md §156)."""
        if self.conn is None and self.connecting is None:
            if self.listener is not None:
                self.listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_CORK, 1)
            else:
                self.cork_before_connect = True
            return
        self.connection().setsockopt(socket.IPPROTO_TCP, socket.TCP_CORK, 1)

    def call_uncork(self, _n):
        self.connection().setsockopt(socket.IPPROTO_TCP, socket.TCP_CORK, 0)

    def call_shutdown(self, _n):
        self.connection().shutdown(socket.SHUT_WR)

    def call_close(self, _n):
        if self.conn is None and self.connecting is None:
            self.listener.close()
            self.listener = None
            return
        self.connection().close()
        self.conn = self.connecting = None

    def call_abort(self, _n):
        self.connection().setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
        self.call_close(None)

    def connection(self):
        s = self.conn or self.connecting
        if s is None:
            raise OSError(errno.ENOTCONN, 'no connection')
        return s

    def fixed_snapshot(self):
        """Plans the next snapshot at a fixed offset from T0 (FIXED_SNAPSHOT_S)."""
        at = self.next_fixed
        heapq.heappush(self.snaps, (self.ctx.t0 + at, 'at %dms' % round(at * 1000)))
        self.next_fixed += FIXED_SNAPSHOT_S if at < FIXED_SNAPSHOT_DENSE_S else FIXED_SNAPSHOT_SPARSE_S

    def take_snapshots(self):
        """Starts the snapshots that are due; their output is logged at the end, so that no call waits for ss. Each
        is logged with the time ss was started (at_ms after T0): the kernel lists the sockets a few ms later."""
        while self.snaps and self.snaps[0][0] <= self.ctx.now():
            label = heapq.heappop(self.snaps)[1]
            if label.startswith('at '):
                self.fixed_snapshot()
            out = tempfile.TemporaryFile('w+')
            self.taken.append([label, self.ms(), subprocess.Popen(SS, stdout=out, stderr=subprocess.STDOUT), out, None])

    def snapshots_running(self):
        """Notes when each ss is seen done (the sockets were read between its start and then); True while one runs."""
        running = False
        for snap in self.taken:
            if snap[4] is None:
                if snap[2].poll() is None:
                    running = True
                else:
                    snap[4] = self.ms()
        return running

    def ms(self):
        return round((self.ctx.now() - self.ctx.t0) * 1000, 2)


def compare_tables(kept, made, ms=5.0, share=0.05):
    """Differences between two `hlcap.py table` texts: every column equal but t, which may differ by ms or share."""
    def rows(text):
        return [[c.strip() for c in line.strip().strip('|').split('|')]
                for line in text.splitlines()[2:] if line.strip()]
    a, b = rows(kept), rows(made)
    out = []
    if len(a) != len(b):
        out.append('%d segments kept, %d made' % (len(a), len(b)))
    for x, y in zip(a, b):
        if x[2:] != y[2:]:
            out.append('#%s: kept %s, made %s' % (x[0], ' '.join(x[2:]), ' '.join(y[2:])))
        elif abs(float(x[1]) - float(y[1])) > max(ms, share * float(x[1])):
            out.append('#%s: kept at %s ms, made at %s ms' % (x[0], x[1], y[1]))
    return out
