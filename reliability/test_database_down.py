"""Database failure: PostgreSQL is really stopped under a running server, then started again.

While it is away, pages answer 503 with Retry-After and a kind page, /healthz says 503, and a parent's rating is
refused without a thank-you. When PostgreSQL is back, the same server process serves and stores again, without a
restart. Stopping the cluster disturbs anything else using it, so this runs only when RELIABILITY_PG_CLUSTER names
the cluster it may stop and start (e.g. "15 main", for pg_ctlcluster, as root) and RELIABILITY_POSTGRES_ADMIN_URL
points at it.
"""
import http.cookiejar
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
import lib  # noqa: E402

BIN = os.environ.get("SAMENSPRAAK_BIN", str(REPO / ".build" / "debug" / "samenspraak"))
CLUSTER = os.environ.get("RELIABILITY_PG_CLUSTER", "").split()
ADMIN = os.environ.get("RELIABILITY_POSTGRES_ADMIN_URL")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(opener, url, data=None):
    body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
    try:
        with opener.open(urllib.request.Request(url, data=body), timeout=15) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode(errors="replace")


def rate(opener, base, path, face):
    """Rates the moment once as a phone would: the form (for the device cookie and check), then the send. A phone
    that rated before is shown that its answer arrived; the form is behind its "change" link."""
    status, _, page = fetch(opener, base + path + "?change=1")
    assert status == 200, f"the rating page: {status}"
    check = re.search(r'name="check" value="([^"]+)"', page).group(1)
    return fetch(opener, base + path, {"face": str(face), "check": check})


def pg(*action):
    subprocess.run(["pg_ctlcluster", *CLUSTER, *action], check=True, capture_output=True, timeout=120)


@pytest.mark.skipif(len(CLUSTER) != 2 or not ADMIN or shutil.which("pg_ctlcluster") is None or shutil.which("psql") is None,
                    reason="RELIABILITY_PG_CLUSTER, RELIABILITY_POSTGRES_ADMIN_URL, pg_ctlcluster and psql are needed")
def test_postgresql_stopped_means_kind_503_and_the_server_recovers_without_a_restart():
    name = f"samenspraak_down_{os.getpid()}"
    subprocess.run(["psql", ADMIN, "-qc", f"CREATE DATABASE {name}"], check=True, capture_output=True)
    url = ADMIN.rsplit("/", 1)[0] + "/" + name
    env = {**lib.QUIET, "LOG_LEVEL": "error"}

    def ratings():
        """(number of ratings, how many of them have face 2)"""
        out = subprocess.run(["psql", url, "-tAc", "SELECT COUNT(*), COUNT(*) FILTER (WHERE face = 2) FROM moment_ratings"],
                             check=True, capture_output=True, text=True).stdout.strip()
        return tuple(int(n) for n in out.split("|"))

    try:
        demo = lib.seed(BIN, url, env=env)
        with lib.Server(BIN, url, env=env) as server:
            base = server.base
            phone = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect())
            assert rate(phone, base, demo["ratingMomentPath"], 4)[0] == 303
            before = ratings()

            # The form is open on the phone when the database goes away.
            status, _, page = fetch(phone, base + demo["ratingMomentPath"] + "?change=1")
            check = re.search(r'name="check" value="([^"]+)"', page).group(1)
            pg("stop", "-m", "fast")
            try:
                status, headers, page = fetch(phone, base + demo["parentSurveyPath"])
                assert status == 503, f"a page with PostgreSQL stopped: {status}"
                assert headers.get("Retry-After") == "30"
                assert "Even niet bereikbaar" in page and "niet bewaard" in page
                status, headers, _ = fetch(phone, base + "/healthz")
                assert status == 503
                status, headers, page = fetch(phone, base + demo["ratingMomentPath"], {"face": "2", "check": check})
                assert status == 503 and "Even niet bereikbaar" in page, f"a rating with PostgreSQL stopped: {status}"
                assert server.process.poll() is None, "the server stayed up"
            finally:
                pg("start")

            # Back: the same process serves again within seconds, and stores.
            deadline = time.monotonic() + 30
            while True:
                status = fetch(phone, base + "/healthz")[0]
                if status == 200 or time.monotonic() > deadline:
                    break
                time.sleep(0.5)
            assert status == 200, "healthz did not recover"
            assert fetch(phone, base + demo["parentSurveyPath"])[0] == 200
            assert ratings() == before, "the refused rating (a 2) was not stored"
            status, headers, _ = rate(phone, base, demo["ratingMomentPath"], 2)
            assert status == 303 and "/thanks" in headers.get("Location", "")
            # The phone rated before: its rating is changed to the 2, not doubled.
            assert ratings() == (before[0], before[1] + 1)
            print(f"postgresql stopped and started: 503 while away, served and stored again without a restart")
    finally:
        subprocess.run(["pg_ctlcluster", *CLUSTER, "start"], capture_output=True)
        subprocess.run(["psql", ADMIN, "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], capture_output=True)
