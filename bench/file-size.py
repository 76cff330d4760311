#!/usr/bin/env python3
"""The embedded database's file size against writes, run on demand (never by the tests; issue #17).

Makes the writes of bench/writes.py one after another, of every 200: 20 new sandbox sessions, 100 moves (five in
each), 40 quiz attempts handed out and 40 submitted; every --every writes it prints the count, the H2 file's size,
the seconds so far, the wall milliseconds per write, the moves' median and 99th percentile and the load average.
Start the application as for bench/writes.py, then:

  python3 bench/file-size.py --port 8195 --file /tmp/writes-data/handshake.mv.db [--total 27000] [--every 3000]
"""
import argparse
import os
import time
import uuid

import writes


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=8195)
    parser.add_argument("--file", required=True, help="the H2 file, <data dir>/handshake.mv.db")
    parser.add_argument("--total", type=int, default=27000)
    parser.add_argument("--every", type=int, default=3000)
    args = parser.parse_args()
    client = writes.Client(args.port)
    learner = str(uuid.uuid4())
    done, start = 0, time.time()
    last_time, last_done, move_ms = start, 0, []
    print("writes  file MB  s  ms/write  move p50 p99 (ms)  load", flush=True)
    while done < args.total:
        for session in writes.sessions(client, 20, learner):
            for count, move in enumerate(writes.MOVES):
                sent = time.perf_counter()
                client.call("POST", f"/api/sessions/{session}/actions?lang=en&since={count}", move, learner)
                move_ms.append((time.perf_counter() - sent) * 1000)
        writes.quiz_submits(client, writes.quiz_starts(client, 40))
        before, done = done, done + 200
        if done // args.every != before // args.every:
            now = time.time()
            move_ms.sort()
            print(f"{done:6d}  {os.path.getsize(args.file) / 1e6:7.1f}  {now - start:4.0f}  {(now - last_time) * 1000 / (done - last_done):5.2f}"
                  f"  {move_ms[len(move_ms) // 2]:.2f} {move_ms[int(len(move_ms) * .99)]:.2f}  {open('/proc/loadavg').read().split()[:3]}",
                  flush=True)
            last_time, last_done, move_ms = now, done, []


if __name__ == "__main__":
    main()
