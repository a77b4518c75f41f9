#!/usr/bin/env python3
"""Submissions: complete survey responses sent per second by concurrent clients, on SQLite (WAL, every commit
synced to disk) and on PostgreSQL, side by side in one run. Each request sends one complete draft (21 answers
and 2 open answers) and gets the thank-you; afterwards the number of stored responses must equal the number of
thank-yous. Target: at least 2,000 per second on SQLite on a 2-core machine.

Usage: bench/submissions.py [--bin .build/release/samenspraak] [--seconds 10] [--connections 32]
                            [--postgres postgres://user:pass@127.0.0.1:5432/postgres]
The PostgreSQL run needs a role that may create databases (a fresh one is made and dropped) and psql; without
--postgres (or BENCH_POSTGRES_ADMIN_URL) only SQLite is measured. Needs wrk. Measure a release build.
"""
import argparse, os, sqlite3, subprocess, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import drafts, lib

TARGET = 2000


def measure(binary, database, demo, count_responses, copy, seconds, connections):
    work = lib.workdir()
    with lib.Server(binary, database) as server:
        token = drafts.fill_one(server.base, demo["parentSurveyPath"])
        made = copy(token, TARGET * seconds * 3)
        token_file = os.path.join(work, "tokens.txt")
        with open(token_file, "w") as f:
            f.write("\n".join(made) + "\n")
        before = count_responses()
        env = {"BENCH_TOKENS": token_file, "BENCH_THREADS": "2", "BENCH_LUA_DIR": lib.HERE}
        figures = lib.wrk(server.base + "/", seconds=seconds, connections=connections,
                          script=os.path.join(lib.HERE, "submit.lua"), env=env)
        rss = server.peak_rss_mb()
    stored = count_responses() - before
    acknowledged = figures["statuses"].get("303", 0)
    # wrk stops reading when the time is up: a send still in flight may be stored without its thank-you counted.
    if not acknowledged <= stored <= acknowledged + connections:
        raise RuntimeError(f"{acknowledged} thank-yous but {stored} responses stored")
    if acknowledged >= len(made):
        print("    (every draft was sent before the time was up: the figure is a lower bound)")
    return acknowledged / figures["seconds"], figures["p99_ms"], acknowledged, stored, rss


def run(binary, seconds=10, connections=32, postgres_admin=None):
    """Rows: database, submissions/s, p99 ms, acknowledged, stored, peak RSS MB."""
    rows = []
    work = lib.workdir()
    database = os.path.join(work, "submissions.sqlite")
    demo = lib.seed(binary, database)

    def count_sqlite():
        with sqlite3.connect(database, timeout=30) as db:
            return db.execute("SELECT (SELECT COUNT(*) FROM survey_responses) + (SELECT COUNT(*) FROM survey_inbox)").fetchone()[0]

    rate, p99, acknowledged, stored, rss = measure(binary, database, demo, count_sqlite,
                                                   lambda token, n: drafts.copy_sqlite(database, token, n), seconds, connections)
    rows.append(("SQLite (WAL, synchronous=FULL)", rate, p99, acknowledged, stored, rss))
    if postgres_admin:
        name = f"samenspraak_bench_{os.getpid()}"
        subprocess.run(["psql", postgres_admin, "-qc", f"CREATE DATABASE {name}"], check=True, capture_output=True)
        url = postgres_admin.rsplit("/", 1)[0] + "/" + name
        try:
            demo = lib.seed(binary, url)

            def count_postgres():
                return int(subprocess.run(["psql", url, "-tAc", "SELECT (SELECT COUNT(*) FROM survey_responses) + (SELECT COUNT(*) FROM survey_inbox)"], check=True,
                                          capture_output=True, text=True).stdout.strip())

            rate, p99, acknowledged, stored, rss = measure(binary, url, demo, count_postgres,
                                                           lambda token, n: drafts.copy_postgres(url, token, n), seconds, connections)
            rows.append(("PostgreSQL 15 (same machine)", rate, p99, acknowledged, stored, rss))
        finally:
            subprocess.run(["psql", postgres_admin, "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], capture_output=True)
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=lib.default_binary())
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--postgres", default=os.environ.get("BENCH_POSTGRES_ADMIN_URL"))
    args = parser.parse_args()
    print(f"binary: {args.bin}; wrk -t2 -c{args.connections} -d{args.seconds}s, each request one complete response")
    print(f"{'database':<32} {'per second':>11} {'p99':>8} {'thank-yous':>11} {'stored':>7} {'peak RSS':>9}")
    for name, rate, p99, acknowledged, stored, rss in run(args.bin, args.seconds, args.connections, args.postgres):
        print(f"{name:<32} {rate:>11.0f} {p99:>6.1f}ms {acknowledged:>11} {stored:>7} {rss:>7.0f}MB")
    print(f"target: at least {TARGET} per second on SQLite")


if __name__ == "__main__":
    sys.exit(main())
