#!/usr/bin/env python3
"""The whole parent journey, measured: complete survey journeys per second, as a parent's phone without JavaScript
makes them on the open link of the demo's first wave — the first page (the languages), the chosen language's
introduction, begin, each of the 21 statement pages read and saved as a draft (POST a face, follow the 303), the
open questions read and saved, the review, send, the thank-you: 50 requests, 23 of them writes. wrk runs
bench/journey.lua with one connection per thread (each connection is one parent after another).

Measured on SQLite (WAL, every commit synced), on PostgreSQL with one app server, and on PostgreSQL with two app
servers behind nginx (reliability/nginx-two-servers.conf: round robin, no sticky sessions), and beside it, in the
same run, the submission-only figure of bench/submissions.py. Printed: complete journeys per second, page requests
per second, the p99 of each kind of page and of a whole journey, and the share of the CPU time that went to wrk
itself (the client runs on the same cores: the figure is what the server does with what is left).
Afterwards every acknowledged send must be stored (the survey inbox + the report tables), or the script fails.
Targets: at least 200 complete journeys per second on SQLite (and 2,000 sends per second, submissions.py).

Usage: bench/journey.py [--bin .build/release/samenspraak] [--seconds 10] [--connections 32]
                        [--postgres postgres://user:pass@127.0.0.1:5432/postgres] [--no-submissions]
The PostgreSQL runs need a role that may create databases (a fresh one is made and dropped each time) and psql;
the two-server run needs nginx. Needs wrk. Measure a release build.
"""
import argparse, math, os, resource, sqlite3, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lib, submissions

TARGET = 200
STRUCTURE = os.path.join(lib.ROOT, "Sources/SamenspraakApp/Resources/questionnaires/parents-v1/structure.txt")
KINDS = ["first page", "intro", "begin (POST)", "statement page", "statement save (POST)", "open questions",
         "open questions save (POST)", "review", "send (POST)", "thank-you", "whole journey"]
SHORT = {"first page": "first", "intro": "intro", "begin (POST)": "begin", "statement page": "statement",
         "statement save (POST)": "save", "open questions": "open", "open questions save (POST)": "open save",
         "review": "review", "send (POST)": "send", "thank-you": "thanks", "whole journey": "journey"}
COUNT_SENT = "SELECT (SELECT COUNT(*) FROM survey_responses) + (SELECT COUNT(*) FROM survey_inbox)"


def structure():
    lines = [line.split() for line in open(STRUCTURE)]
    return [p[1] for p in lines if p and p[0] == "item"], [p[1] for p in lines if p and p[0] == "open"]


def percentile(histogram, fraction):
    """The upper edge (ms) of the 2 % bucket holding the `fraction` quantile of a {bucket: count} histogram."""
    total = sum(histogram.values())
    if not total:
        return float("nan")
    seen = 0
    for b in sorted(histogram):
        seen += histogram[b]
        if seen >= fraction * total:
            return math.exp((b + 1) * math.log(1.02)) / 1000
    return float("nan")


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(base, slug, count_sent, seconds, connections, server_pids):
    """Runs the journeys against `base`; the figures as a dict. Fails when an acknowledged send is not stored."""
    items, questions = structure()
    env = {"BENCH_SLUG": slug, "BENCH_ITEMS": ",".join(items), "BENCH_QUESTIONS": ",".join(questions)}
    before = count_sent()
    server_cpu = sum(lib.cpu_seconds(pid) for pid in server_pids)
    client_cpu = children_cpu()
    figures = lib.wrk(base + "/", seconds=seconds, connections=connections, threads=connections,
                      script=os.path.join(lib.HERE, "journey.lua"), env=env)
    client_cpu = children_cpu() - client_cpu
    server_cpu = sum(lib.cpu_seconds(pid) for pid in server_pids) - server_cpu
    stored = count_sent() - before
    tally = figures["tally"]
    acknowledged, complete = tally.get("acknowledged", 0), tally.get("complete", 0)
    # wrk stops reading when the time is up: a send still in flight may be stored without its thank-you counted.
    if not acknowledged <= stored <= acknowledged + connections:
        raise RuntimeError(f"{acknowledged} sends acknowledged but {stored} responses stored")
    histograms = {}
    for key, n in tally.items():
        if key.startswith("h|"):
            _, kind, b = key.split("|")
            histograms.setdefault(kind, {})[int(b)] = n
    unexpected = {key.split("|", 1)[1]: n for key, n in tally.items() if key.startswith("unexpected|")}
    return {"journeys": complete / figures["seconds"], "rps": figures["rps"], "complete": complete,
            "acknowledged": acknowledged, "stored": stored, "unexpected": unexpected,
            "errors": figures["socket_errors"] + figures["timeouts"],
            "p99": {kind: percentile(histograms.get(kind, {}), 0.99) for kind in KINDS},
            "p50_journey": percentile(histograms.get("whole journey", {}), 0.5),
            "client_share": client_cpu / (client_cpu + server_cpu) if client_cpu + server_cpu else float("nan"),
            "client_cpu": client_cpu, "server_cpu": server_cpu}


def slug_of(demo):
    return demo["parentSurveyPath"].rsplit("/", 1)[1]


def postgres_database(admin, suffix):
    name = f"samenspraak_journey_{suffix}_{os.getpid()}"
    subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {name}"], check=True, capture_output=True)
    return name, admin.rsplit("/", 1)[0] + "/" + name


def drop_database(admin, name):
    subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], capture_output=True)


def count_postgres(url):
    return lambda: int(subprocess.run(["psql", url, "-tAc", COUNT_SENT], check=True, capture_output=True,
                                      text=True).stdout.strip())


def run(binary, seconds=10, connections=32, postgres_admin=None):
    """Rows: (setup, figures dict); SQLite first, then PostgreSQL with one and with two app servers."""
    rows = []
    database = os.path.join(lib.workdir(), "journey.sqlite")
    demo = lib.seed(binary, database)

    def count_sqlite():
        with sqlite3.connect(database, timeout=30) as db:
            return db.execute(COUNT_SENT).fetchone()[0]

    with lib.Server(binary, database) as server:
        rows.append(("SQLite (WAL, synchronous=FULL)",
                     measure(server.base, slug_of(demo), count_sqlite, seconds, connections, [server.process.pid])))
    if not postgres_admin:
        return rows
    name, url = postgres_database(postgres_admin, "one")
    try:
        demo = lib.seed(binary, url)
        with lib.Server(binary, url) as server:
            rows.append(("PostgreSQL 15, one app server",
                         measure(server.base, slug_of(demo), count_postgres(url), seconds, connections, [server.process.pid])))
    finally:
        drop_database(postgres_admin, name)
    if not lib.have("nginx"):
        print("    (no nginx: the two-server run is left out)")
        return rows
    name, url = postgres_database(postgres_admin, "two")
    nginx = None
    try:
        demo = lib.seed(binary, url)
        with lib.Server(binary, url) as first, lib.Server(binary, url) as second:
            port = lib.free_port()
            nginx = lib.start_nginx_two_servers(lib.workdir(), port, [first.port, second.port])
            rows.append(("PostgreSQL 15, two app servers behind nginx",
                         measure(f"http://127.0.0.1:{port}", slug_of(demo), count_postgres(url), seconds, connections,
                                 [first.process.pid, second.process.pid, nginx.pid])))
    finally:
        if nginx is not None:
            nginx.terminate()
            nginx.wait(10)
        drop_database(postgres_admin, name)
    return rows


def p99_line(figures):
    return ", ".join(f"{SHORT[kind]} {figures['p99'][kind]:.0f}" for kind in KINDS)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=lib.default_binary())
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--postgres", default=os.environ.get("BENCH_POSTGRES_ADMIN_URL"))
    parser.add_argument("--no-submissions", action="store_true", help="leave out the submission-only figure")
    args = parser.parse_args()
    print(f"binary: {args.bin}; wrk -t{args.connections} -c{args.connections} -d{args.seconds}s, "
          f"each connection one parent's whole journey after another (50 requests, 23 of them writes)")
    rows = run(args.bin, args.seconds, args.connections, args.postgres)
    sends = {} if args.no_submissions else {name.split(" ")[0]: rate for name, rate, *_ in
                                             submissions.run(args.bin, args.seconds, args.connections, args.postgres)}
    print(f"{'setup':<44} {'journeys/s':>10} {'pages/s':>8} {'complete':>8} {'sent':>5} {'stored':>6} "
          f"{'wrk CPU':>7} {'sends alone/s':>13}")
    for name, f in rows:
        alone = sends.get(name.split(" ")[0])
        alone = f"{alone:>13.0f}" if alone is not None and "two" not in name else f"{'—':>13}"
        print(f"{name:<44} {f['journeys']:>10.1f} {f['rps']:>8.0f} {f['complete']:>8} {f['acknowledged']:>5} "
              f"{f['stored']:>6} {f['client_share']:>6.0%} {alone}")
        print(f"    p99 ms: {p99_line(f)}; journey p50 {f['p50_journey']:.0f} ms")
        if not f["complete"]:
            print("    no journey was complete before the time was up: measure longer or with fewer connections")
        if f["unexpected"] or f["errors"]:
            print(f"    unexpected answers: {f['unexpected']}; socket errors and timeouts: {f['errors']}")
    print(f"targets: at least {TARGET} complete journeys per second and {submissions.TARGET} sends per second "
          f"(submissions alone) on SQLite")


if __name__ == "__main__":
    sys.exit(main())
