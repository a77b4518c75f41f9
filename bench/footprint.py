#!/usr/bin/env python3
"""Footprint: the size of the binary, how long the server takes to start, and its resident memory idle and under
load (wrk on the parent pages: survey, moment rating, stories site, with 64 connections). Target: under 100 MB
resident under load on SQLite.

Usage: bench/footprint.py [--bin .build/release/samenspraak] [--seconds 10]
Needs wrk for the load. Measure a release build.
"""
import argparse, os, shutil, statistics, subprocess, sys, tempfile, threading, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lib

TARGET_MB = 100


def stripped_size(binary):
    """The binary's size without its debugging symbols, as it would be shipped."""
    if shutil.which("strip") is None:
        return None
    with tempfile.TemporaryDirectory() as work:
        copy = os.path.join(work, "samenspraak")
        shutil.copy(binary, copy)
        subprocess.run(["strip", copy], check=True)
        return os.path.getsize(copy)


def run(binary, seconds=10):
    """A dict of figures: binary_bytes, stripped_bytes, startup_ms, idle_mb, load_mb, load_rps."""
    work = lib.workdir()
    database = os.path.join(work, "footprint.sqlite")
    demo = lib.seed(binary, database)
    figures = {"binary_bytes": os.path.getsize(binary), "stripped_bytes": stripped_size(binary)}
    startups = []
    for _ in range(5):
        with lib.Server(binary, database) as server:
            startups.append(server.startup * 1000)
    figures["startup_ms"] = statistics.median(startups)
    with lib.Server(binary, database) as server:
        time.sleep(2)
        figures["idle_mb"] = server.rss_mb()
        paths = [demo["parentSurveyPath"], demo["ratingMomentPath"], demo["storiesPath"]]
        results = []

        def load(path):
            results.append(lib.wrk(server.base + path, seconds=seconds, connections=64 // len(paths), threads=1))

        threads = [threading.Thread(target=load, args=(path,)) for path in paths]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        figures["load_mb"] = server.peak_rss_mb()
        figures["after_mb"] = server.rss_mb()
        figures["load_rps"] = sum(r["rps"] for r in results)
    shutil.rmtree(work, ignore_errors=True)
    return figures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=lib.default_binary())
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    f = run(args.bin, args.seconds)
    print(f"binary: {args.bin}")
    print(f"binary size        {f['binary_bytes'] / 1e6:8.1f} MB ({f['stripped_bytes'] / 1e6:.1f} MB stripped)")
    print(f"start-up           {f['startup_ms']:8.0f} ms (until /healthz answers, median of 5)")
    print(f"resident idle      {f['idle_mb']:8.1f} MB")
    print(f"resident under load{f['load_mb']:8.1f} MB peak, {f['after_mb']:.1f} MB after ({f['load_rps']:.0f} requests/s "
          f"on survey, rating and stories pages); target < {TARGET_MB} MB")


if __name__ == "__main__":
    sys.exit(main())
