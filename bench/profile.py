#!/usr/bin/env python3
"""Where the processor time of a parent's journey goes: runs the journeys of bench/journey.py against one app
server on SQLite while `perf record` samples the server, then sorts every sample into one part of the work by the
functions on its stack, and prints each part's share and what it comes to per request.

The parts, in the order a sample is given to the first that matches:
  SQLite, reading       the pages' statements on SQLite's shared threads (the connections pages read with)
  SQLite, writing       the group commit's own connection and thread (drafts saved, surveys sent)
  views (Plot)          building and rendering the HTML
  hashing               SHA-256: each page's ETag, each draft link's token
  Fluent and SQLKit     building queries, reflecting on models, decoding rows (on the event loops)
  SQLiteNIO             handing statements to SQLite's threads and rows back
  middleware            Samenspraak's and Vapor's middleware
  HTTP and sockets      NIO: parsing requests, writing responses, reading and writing the sockets
  app code              the controllers and everything else of Samenspraak
  Vapor                 routing, requests, responses, content decoding
  other                 the Swift runtime's scheduling and the kernel outside the above

Usage: bench/profile.py [--bin .build/release/samenspraak] [--seconds 8] [--connections 32]
Needs perf (Debian `linux-perf`) allowed to attach to the server, and wrk. Measure a release build. Sampling
slows the server by about a tenth; the shares are what count.
"""
import argparse, collections, os, sqlite3, subprocess, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import journey, lib

PARTS = [
    ("views (Plot)", ("$s4Plot", "$s16SamenspraakViews")),
    ("hashing", ("$s6Crypto", "sha256", "SHA256")),
    ("Fluent and SQLKit", ("$s9FluentKit", "$s6SQLKit", "$s9SQLiteKit", "$s18FluentSQLiteDriver")),
    ("SQLiteNIO", ("$s9SQLiteNIO",)),
    ("middleware", ("Middleware",)),
    ("HTTP and sockets", ("$s8NIOHTTP1", "llhttp", "BaseSocketChannel", "BaseStreamSocketChannel", "ByteToMessageHandler",
                          "$s7NIOCore21ChannelHandlerContext", "$s8NIOPosix6Socket")),
    ("app code", ("$s14SamenspraakApp", "$s15SamenspraakCore")),
    ("Vapor", ("$s5Vapor",)),
]


def count(database):
    with sqlite3.connect(database, timeout=30) as db:
        return db.execute(journey.COUNT_SENT).fetchone()[0]


def classify(thread, frames):
    if thread.startswith("SGLTN-TP"):
        return "SQLite, reading"
    if thread.startswith("TP-"):
        return "SQLite, writing"
    for name, needles in PARTS:
        if any(needle in frame for frame in frames for needle in needles):
            return name
    return "other"


def samples(data):
    """(thread, [frames]) per sample of a perf.data file: a sample is its thread's line, then a tab-indented line
    per frame, then a blank line."""
    text = subprocess.run(["perf", "script", "-i", data, "-F", "comm,ip,sym"], capture_output=True, text=True, check=True).stdout
    thread, frames = None, []
    for line in text.splitlines() + [""]:
        if line.startswith("\t"):
            frames.append(line.strip())
        elif line.strip():
            thread, frames = line.strip(), []
        elif thread is not None:
            yield thread, frames
            thread = None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=lib.default_binary())
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    if not lib.have("perf"):
        sys.exit("perf is needed (Debian package linux-perf)")
    work = lib.workdir()
    database = os.path.join(work, "profile.sqlite")
    demo = lib.seed(args.bin, database)
    data = os.path.join(work, "perf.data")
    with lib.Server(args.bin, database) as server:
        perf = subprocess.Popen(["perf", "record", "-e", "cpu-clock", "-F", "999", "-g", "-p", str(server.process.pid),
                                 "-o", data, "--", "sleep", str(args.seconds + 1)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.5)
        figures = journey.measure(server.base, journey.slug_of(demo), lambda: count(database), args.seconds,
                                  args.connections, [server.process.pid])
        perf.wait()
    requests = figures["rps"] * args.seconds
    counts = collections.Counter(classify(thread, frames) for thread, frames in samples(data))
    total = sum(counts.values())
    # Samples at 999 per second: the server's processor time, and what it comes to per page request.
    cpu_seconds = total / 999
    print(f"binary: {args.bin}; {figures['journeys']:.1f} journeys/s, {figures['rps']:,.0f} requests/s while sampled; "
          f"the server used {cpu_seconds / args.seconds:.2f} cores, {cpu_seconds / requests * 1e6:,.0f} µs per request")
    print(f"{'part':<22} {'share':>6} {'µs per request':>15}")
    for name in ["SQLite, reading", "SQLite, writing"] + [p for p, _ in PARTS] + ["other"]:
        share = counts.get(name, 0) / total if total else 0
        print(f"{name:<22} {share:>6.1%} {share * cpu_seconds / requests * 1e6:>15,.0f}")


if __name__ == "__main__":
    sys.exit(main())
