"""Nothing acknowledged is ever lost: the server is killed (SIGKILL) while parents are sending, then started again.

Every rating that got its thank-you (a 303 to the thank-you page) must be in the database after the restart, each
once; a one-time code whose survey got its thank-you stays used. Run on SQLite (WAL) and, when
RELIABILITY_POSTGRES_ADMIN_URL is set, on a fresh PostgreSQL database.
"""
import http.cookiejar
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BIN = Path(os.environ.get("SAMENSPRAAK_BIN", REPO / ".build" / "debug" / "samenspraak"))
ENV = {**os.environ, "SAMENSPRAAK_BCRYPT_COST": "4", "SAMENSPRAAK_RATING_BURST": "10000", "LOG_LEVEL": "warning"}
ENV.pop("DATABASE_URL", None)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def client():
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())


def call(opener, url, data=None, timeout=5):
    """(status, location, body) of one request; a refused or broken connection raises OSError."""
    body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
    try:
        with opener.open(urllib.request.Request(url, data=body), timeout=timeout) as response:
            return response.status, response.headers.get("Location"), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location"), error.read().decode(errors="replace")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(database, port):
    process = subprocess.Popen([str(BIN), "serve", "--database", database, "--port", str(port)], env=ENV,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise AssertionError("the server did not start")


def rate(base, path, acks, attempts, stop):
    """One parent after another rating the moment, until told to stop or the server is gone."""
    while not stop.is_set():
        opener = client()
        try:
            status, _, page = call(opener, base + path)
            match = re.search(r'name="check" value="([^"]+)"', page)
            if status != 200 or not match:
                continue
            attempts.append(1)
            status, location, _ = call(opener, base + path, {"face": "4", "check": match.group(1), "lang": "nl", "text": ""})
            if status == 303 and location and "/thanks" in location:
                acks.append(1)
        except OSError:
            time.sleep(0.05)


def answer_with_code(base, code):
    """A whole survey with a one-time code; True when it got its thank-you."""
    opener = client()
    status, location, _ = call(opener, base + "/c", {"code": code, "lang": "nl"})
    assert status == 303, status
    token = re.match(r"/d/([^/?]+)", location).group(1)
    call(opener, f"{base}/d/{token}", {"lang": "nl"})
    page = 1
    while True:
        status, location, _ = call(opener, f"{base}/d/{token}/{page}", {"go": "next"})
        if status != 303 or not location.endswith(f"/{page + 1}"):
            break
        page += 1
    status, location, _ = call(opener, f"{base}/d/{token}/submit", {})
    return status == 303 and location is not None and "/thanks" in location


def crash_and_count(database, count_ratings, count_responses):
    seeded = subprocess.run([str(BIN), "demo", "--json", "--database", database], env=ENV, capture_output=True, text=True, check=True)
    demo = json.loads(seeded.stdout)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start(database, port)
    ratings_before, responses_before = count_ratings(), count_responses()
    used_codes = [code for code in demo["oneTimeCodes"][:3] if answer_with_code(base, code)]
    assert len(used_codes) == 3, "three surveys with a code were acknowledged"
    acks, attempts, stop = [], [], threading.Event()
    workers = [threading.Thread(target=rate, args=(base, demo["ratingMomentPath"], acks, attempts, stop)) for _ in range(6)]
    for worker in workers:
        worker.start()
    deadline = time.time() + 20
    while len(acks) < 150 and time.time() < deadline:
        time.sleep(0.05)
    server.send_signal(signal.SIGKILL)      # in the middle of the load
    server.wait()
    stop.set()
    for worker in workers:
        worker.join()
    acknowledged = len(acks)
    assert acknowledged >= 50, f"only {acknowledged} ratings acknowledged before the kill"

    server = start(database, port)          # the same database, after the crash
    try:
        stored = count_ratings() - ratings_before
        assert stored >= acknowledged, f"{acknowledged} ratings acknowledged, {stored} stored: an acknowledged rating was lost"
        assert stored <= len(attempts), f"{stored} stored but only {len(attempts)} sent: a rating was stored twice"
        assert count_responses() - responses_before == 3
        for code in used_codes:
            status, _, page = call(client(), base + "/c", {"code": code, "lang": "nl"})
            assert status == 422 and "al gebruikt" in page, f"the used code {code} works again after the crash"
    finally:
        server.kill()
        server.wait()
    return acknowledged, stored


def test_sqlite_keeps_every_acknowledged_answer_through_a_crash():
    work = Path(tempfile.mkdtemp(prefix="samenspraak-crash-"))
    database = str(work / "crash.sqlite")

    def count(sql):
        with sqlite3.connect(database, timeout=10) as db:
            return db.execute(sql).fetchone()[0]

    try:
        acknowledged, stored = crash_and_count(database, lambda: count("SELECT COUNT(*) FROM moment_ratings"),
                                               lambda: count("SELECT COUNT(*) FROM survey_responses"))
        print(f"sqlite: {acknowledged} acknowledged, {stored} stored")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def test_postgresql_keeps_every_acknowledged_answer_through_a_crash():
    admin = os.environ.get("RELIABILITY_POSTGRES_ADMIN_URL")
    psql = shutil.which("psql")
    if not admin or not psql:
        pytest.skip("RELIABILITY_POSTGRES_ADMIN_URL and psql are needed")
    name = f"samenspraak_crash_{os.getpid()}_{int(time.time())}"
    subprocess.run([psql, admin, "-qc", f"CREATE DATABASE {name}"], check=True, capture_output=True)
    url = admin.rsplit("/", 1)[0] + "/" + name

    def count(sql):
        out = subprocess.run([psql, url, "-tAc", sql], check=True, capture_output=True, text=True).stdout
        return int(out.strip())

    try:
        acknowledged, stored = crash_and_count(url, lambda: count("SELECT COUNT(*) FROM moment_ratings"),
                                               lambda: count("SELECT COUNT(*) FROM survey_responses"))
        print(f"postgresql: {acknowledged} acknowledged, {stored} stored")
    finally:
        subprocess.run([psql, admin, "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], capture_output=True)
