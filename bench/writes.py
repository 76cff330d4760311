#!/usr/bin/env python3
"""CPU cost of one write, per kind, run on demand (never by the tests; issue #17).

Makes N writes of each kind one after another against a running application (a new sandbox session, a sandbox
move, a quiz attempt handed out, a quiz attempt submitted), after a warm-up of the same requests, and prints the
application's CPU milliseconds per write: /proc/<pid>/stat's utime + stime, with the C2 compiler threads'
own time (/proc/<pid>/task/*/stat) left out, since it is the JIT's and not the request's.

Start the application so that each write comes from its own address (the per-client limits count them):

  HANDSHAKE_DATA_DIR=/tmp/writes-data QUARKUS_HTTP_PORT=8195 QUARKUS_MANAGEMENT_PORT=9195 \
    QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING=true java -jar target/quarkus-app/quarkus-run.jar &
  python3 bench/writes.py --pid $! --port 8195 [--writes 600] [--warmup 1500] [--rounds 5]
"""
import argparse
import http.client
import json
import os
import statistics
import uuid

TICKS = os.sysconf("SC_CLK_TCK")
# Five moves possible one after another in a fresh three-way-handshake session (as bench/lecture-hall.lua makes them).
MOVES = ['{"type":"drop","segment":1}', '{"type":"advance"}', '{"type":"deliver","segment":2}',
         '{"type":"deliver","segment":3}', '{"type":"deliver","segment":4}']


def cpu_ticks(pid):
    """The process's CPU ticks without its C2 compiler threads'."""
    def ticks(stat_path):
        with open(stat_path) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    total = ticks(f"/proc/{pid}/stat")
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/comm") as f:
                if f.read().startswith("C2 Compiler"):
                    total -= ticks(f"/proc/{pid}/task/{task}/stat")
        except FileNotFoundError:
            pass  # a thread that ended meanwhile
    return total


class Client:
    def __init__(self, port):
        self.conn = http.client.HTTPConnection("127.0.0.1", port)
        self.address = 0

    def call(self, method, path, body=None, learner=None):
        """One request from an address of its own; the answer's status and JSON."""
        self.address += 1
        headers = {"X-Forwarded-For": f"10.{self.address >> 16 & 255}.{self.address >> 8 & 255}.{self.address & 255}",
                   "Accept-Encoding": "identity"}
        if learner:
            headers["Cookie"] = f"hl_learner={learner}"
        if body is not None:
            headers["Content-Type"] = "application/json"
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        data = response.read()
        if response.status >= 300:
            raise SystemExit(f"{method} {path}: {response.status} {data[:300]!r}")
        return json.loads(data)


def sessions(client, n, learner):
    return [client.call("POST", "/api/sessions?lang=en", '{"scenario":"three-way-handshake"}', learner)["id"]
            for _ in range(n)]


def moves(client, n, learner, ids):
    """n moves: five in each session of ids, in order (each with since=, as the page sends it)."""
    made = 0
    for session in ids:
        for count, move in enumerate(MOVES):
            if made == n:
                return
            client.call("POST", f"/api/sessions/{session}/actions?lang=en&since={count}", move, learner)
            made += 1


def quiz_starts(client, n):
    """n attempts handed out, each to a new learner (so each is a new row); their ids and learners."""
    started = []
    for _ in range(n):
        learner = str(uuid.uuid4())
        started.append((client.call("GET", "/api/quizzes/why-three-steps?lang=en", learner=learner)["attemptId"], learner))
    return started


def quiz_submits(client, started):
    for attempt, learner in started:
        client.call("POST", "/api/quizzes/why-three-steps/attempts?lang=en",
                    json.dumps({"attemptId": attempt, "answers": []}), learner)


def measure(pid, n, write):
    before = cpu_ticks(pid)
    write()
    return (cpu_ticks(pid) - before) * 1000 / TICKS / n


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--port", type=int, default=8195)
    parser.add_argument("--writes", type=int, default=600, help="writes of each kind per round")
    parser.add_argument("--warmup", type=int, default=1500, help="writes of each kind before measuring")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    client = Client(args.port)
    learner = str(uuid.uuid4())

    def round_of(n, record):
        ids = sessions(client, max(n // len(MOVES), 1), learner)
        figures = {"session": measure(args.pid, n, lambda: sessions(client, n, learner))}
        figures["move"] = measure(args.pid, n, lambda: moves(client, n, learner, ids))
        started = []
        figures["quiz start"] = measure(args.pid, n, lambda: started.extend(quiz_starts(client, n)))
        figures["quiz submit"] = measure(args.pid, n, lambda: quiz_submits(client, started))
        if record:
            print("  ".join(f"{kind} {ms:.2f}" for kind, ms in figures.items()), "(CPU ms per write)", flush=True)
        return figures

    if args.warmup:
        round_of(args.warmup, False)
    rounds = [round_of(args.writes, True) for _ in range(args.rounds)]
    # On a shared machine other work slows a round down, never speeds it up: the least round is the steadiest figure.
    for name, of in (("median", statistics.median), ("least", min)):
        print(f"{name}:", "  ".join(f"{kind} {of(r[kind] for r in rounds):.2f}" for kind in rounds[0]),
              f"(CPU ms per write, {args.writes} each, {args.rounds} rounds; load {open('/proc/loadavg').read().split()[:3]})")


if __name__ == "__main__":
    main()
