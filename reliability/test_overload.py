"""Overload: far more clients than the server may handle at once. It must answer 503 with Retry-After (and a kind
page) instead of falling over, keep its memory bounded, and serve normally as soon as the load is gone.

The server runs with SAMENSPRAAK_MAX_IN_FLIGHT=16 and wrk opens 256 connections to the stories search (a
full-text query in the database for every request; not a page the short page cache keeps), so shedding is
certain even on a fast machine. Needs wrk (Debian package) on the PATH.
"""
import os
import shutil
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
import drafts  # noqa: E402
import lib  # noqa: E402

BIN = os.environ.get("SAMENSPRAAK_BIN", str(REPO / ".build" / "debug" / "samenspraak"))
ENV = {**lib.QUIET, "SAMENSPRAAK_MAX_IN_FLIGHT": "16", "LOG_LEVEL": "error"}


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is needed")
def test_overload_is_shed_with_503_and_retry_after_and_the_server_recovers():
    work = lib.workdir()
    database = os.path.join(work, "overload.sqlite")
    try:
        demo = lib.seed(BIN, database, env=ENV)
        with lib.Server(BIN, database, env=ENV) as server:
            page = server.base + demo["parentSurveyPath"]
            search = server.base + "/stories/search?q=ouders+poort"
            urllib.request.urlopen(search).read()
            settled = server.rss_mb()
            rounds = []
            for _ in range(2):   # twice: memory must not keep growing from one overload to the next
                figures = lib.wrk(search, seconds=6, connections=256, threads=2,
                                  script=str(REPO / "reliability" / "overload.lua"), env={"BENCH_LUA_DIR": str(REPO / "bench")})
                rounds.append((figures, server.rss_mb()))
            peak = server.peak_rss_mb()
            for figures, rss in rounds:
                statuses = figures["statuses"]
                print(f"overload: {figures['requests']} requests, statuses {statuses}, p99 {figures['p99_ms']:.0f} ms, "
                      f"RSS {rss:.0f} MB (settled {settled:.0f} MB, peak {peak:.0f} MB)")
                assert statuses.get("-1", 0) == 0, "a 503 came without Retry-After"
                assert set(statuses) - {"-1"} <= {"200", "503"}, f"only pages and kind refusals expected: {statuses}"
                assert statuses.get("503", 0) > 0, "256 clients against a limit of 16 must be shed"
                assert statuses.get("200", 0) > 0, "the server kept serving while shedding"
                assert figures["socket_errors"] == 0 and figures["timeouts"] == 0, f"connections broke: {figures}"
            assert rounds[1][1] - rounds[0][1] < 40, f"memory grew from one overload to the next: {rounds[0][1]:.0f} -> {rounds[1][1]:.0f} MB"
            assert peak - settled < 150, f"memory was not bounded: settled {settled:.0f} MB, peak {peak:.0f} MB"

            # The load is gone. The requests the server had taken on still finish (at most 16); until then a page may
            # still be a 503, always with Retry-After, and within that Retry-After (5 s) pages are served again.
            started = time.monotonic()
            with urllib.request.urlopen(server.base + "/healthz", timeout=5) as health:
                assert health.status == 200
            while True:
                try:
                    with urllib.request.urlopen(page, timeout=5) as again:
                        assert again.status == 200
                        break
                except urllib.error.HTTPError as refused:
                    assert refused.code == 503 and refused.headers.get("Retry-After") == "5", refused
                    assert time.monotonic() - started < 5, "still refused 5 s after the load ended"
                    time.sleep(0.05)
            print(f"overload: served again {time.monotonic() - started:.2f} s after the load ended")
            started = time.monotonic()
            token = drafts.fill_one(server.base, demo["parentSurveyPath"])
            status, location = drafts.submit(server.base, token)
            assert status == 303 and "/thanks" in (location or ""), f"a survey after the overload: {status} {location}"
            assert time.monotonic() - started < 5
    finally:
        shutil.rmtree(work, ignore_errors=True)
