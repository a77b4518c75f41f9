"""Nothing acknowledged is ever lost: the server is killed (SIGKILL) while parents are sending, then started again.

2,000 complete surveys (copies of one filled-in draft) are sent by six clients while two more rate a moment; the
server is killed when about half the surveys got their thank-you. After a restart on the same database: every
survey that got its thank-you (a 303 to the thank-you page) is stored, whole (21 answers), once; no response
appears that was not sent; every draft not stored can still be sent, and a sent one cannot be sent again; every
acknowledged rating is there; one-time codes used before the crash stay used. Run on SQLite (WAL) and, when
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
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import drafts  # noqa: E402  (complete drafts in bulk, shared with the benchmarks)

REPO = Path(__file__).resolve().parent.parent
BIN = Path(os.environ.get("SAMENSPRAAK_BIN", REPO / ".build" / "debug" / "samenspraak"))
# The smallest group (the default): answers join the report in groups of at least this many.
MIN_GROUP = 5
ENV = {**os.environ, "SAMENSPRAAK_BCRYPT_COST": "4", "SAMENSPRAAK_RATING_BURST": "10000",
       "SAMENSPRAAK_SURVEY_BURST": "100000", "SAMENSPRAAK_CODE_FAILURES": "100000", "LOG_LEVEL": "warning"}
ENV.pop("DATABASE_URL", None)
DRAFTS = 2000   # complete surveys ready to send; the server is killed when about half are acknowledged


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


def send_drafts(base, tokens, acked, attempted, stop):
    """A parent after another sending a complete survey, until the drafts run out, told to stop, or the server is gone."""
    while not stop.is_set():
        try:
            token = tokens.pop()
        except IndexError:
            return
        attempted.append(token)
        try:
            status, location = drafts.submit(base, token)
            if status == 303 and location and "/thanks" in location:
                acked.append(token)
        except OSError:
            time.sleep(0.05)


def crash_and_count(database, sql, copy_drafts):
    """Seeds, loads, kills, restarts and checks; `sql(query)` gives rows as lists of strings, `copy_drafts(token, n)`
    copies a filled-in draft n times. Returns the figures for the log."""
    def number(query):
        return int(sql(query)[0][0])

    seeded = subprocess.run([str(BIN), "demo", "--json", "--database", database], env=ENV, capture_output=True, text=True, check=True)
    demo = json.loads(seeded.stdout)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start(database, port)
    ratings_before = number("SELECT COUNT(*) FROM moment_ratings")
    used_codes = [code for code in demo["oneTimeCodes"][:3] if answer_with_code(base, code)]
    assert len(used_codes) == 3, "three surveys with a code were acknowledged"
    tokens = copy_drafts(drafts.fill_one(base, demo["parentSurveyPath"]), DRAFTS)
    drafts_before = number("SELECT COUNT(*) FROM survey_drafts")
    # A response shares nothing with its draft (not even an id): what was sent is counted, in the report and waiting.
    sent_query = "SELECT (SELECT COUNT(*) FROM survey_responses) + (SELECT COUNT(*) FROM survey_inbox)"
    sent_before = number(sent_query)
    queue = list(tokens)
    rating_acks, rating_attempts, survey_acks, survey_attempts, stop = [], [], [], [], threading.Event()
    workers = [threading.Thread(target=rate, args=(base, demo["ratingMomentPath"], rating_acks, rating_attempts, stop)) for _ in range(2)]
    workers += [threading.Thread(target=send_drafts, args=(base, queue, survey_acks, survey_attempts, stop)) for _ in range(6)]
    for worker in workers:
        worker.start()
    deadline = time.time() + 40
    while len(survey_acks) < DRAFTS // 2 and time.time() < deadline:
        time.sleep(0.05)
    server.send_signal(signal.SIGKILL)      # in the middle of the load
    server.wait()
    stop.set()
    for worker in workers:
        worker.join()
    acknowledged = len(survey_acks)
    assert acknowledged >= 200, f"only {acknowledged} surveys acknowledged before the kill"
    assert len(rating_acks) >= 20, f"only {len(rating_acks)} ratings acknowledged before the kill"

    server = start(database, port)          # the same database, after the crash
    try:
        stored = number(sent_query) - sent_before
        remaining_hashes = {row[0] for row in sql("SELECT token_hash FROM survey_drafts")}
        # A draft is deleted in the transaction that stores its answers: gone means stored, and there are exactly as
        # many stored answers as gone drafts.
        gone = [token for token in tokens if drafts.hashed(token) not in remaining_hashes]
        assert len(gone) == stored, f"{len(gone)} drafts were sent but {stored} responses stored"
        lost = [token for token in survey_acks if drafts.hashed(token) in remaining_hashes]
        assert not lost, f"{len(lost)} of {acknowledged} acknowledged surveys were lost"
        assert stored <= len(survey_attempts), f"{stored} responses stored but only {len(survey_attempts)} sent"
        # Every stored survey is whole: 21 answers and both open answers, in the report or waiting for it. (The
        # copies' open answers are the same text, which the demo's answers never are.)
        copies = "SELECT response_id FROM survey_texts WHERE text = 'De juf groet ons elke ochtend bij de poort.'"
        answers = [int(row[0]) for row in sql(f"SELECT COUNT(*) FROM survey_answers WHERE response_id IN ({copies}) GROUP BY response_id")]
        texts = [int(row[0]) for row in sql(f"SELECT COUNT(*) FROM survey_texts WHERE response_id IN ({copies}) GROUP BY response_id")]
        assert all(n == 21 for n in answers) and all(n == 2 for n in texts), "a response was stored half"
        waiting = [json.loads(row[0]) for row in sql("SELECT entry FROM survey_inbox")]
        assert all(len(e["faces"]) == 21 and len(e["texts"]) == 2 for e in waiting), "a waiting response is half"
        assert len(waiting) < MIN_GROUP, f"{len(waiting)} responses wait, a group of {MIN_GROUP} should have joined the report"
        # The copies' drafts that were stored are gone, and only those (the filled-in original is never sent).
        remaining = number("SELECT COUNT(*) FROM survey_drafts")
        assert remaining == drafts_before - stored, f"{DRAFTS} copies, {stored} stored, but {remaining} drafts left"
        # Nothing was half-written: a draft not stored can still be sent, once.
        unsent = [t for t in tokens if drafts.hashed(t) in remaining_hashes][:50]
        for token in unsent:
            status, location = drafts.submit(base, token)
            assert status == 303 and "/thanks" in (location or ""), f"an unsent draft after the crash: {status}"
        for token in survey_acks[:20]:
            assert drafts.submit(base, token)[0] == 404, "a sent draft could be sent again after the crash"

        ratings = number("SELECT COUNT(*) FROM moment_ratings") - ratings_before
        assert ratings >= len(rating_acks), f"{len(rating_acks)} ratings acknowledged, {ratings} stored: a rating was lost"
        assert ratings <= len(rating_attempts), f"{ratings} ratings stored but only {len(rating_attempts)} sent"
        for code in used_codes:
            status, _, page = call(client(), base + "/c", {"code": code, "lang": "nl"})
            assert status == 422 and "al gebruikt" in page, f"the used code {code} works again after the crash"
    finally:
        server.kill()
        server.wait()
    return (f"{len(survey_attempts)} surveys sent, {acknowledged} acknowledged, {stored} stored; "
            f"{len(rating_attempts)} ratings sent, {len(rating_acks)} acknowledged, {ratings} stored")


def test_sqlite_keeps_every_acknowledged_answer_through_a_crash():
    work = Path(tempfile.mkdtemp(prefix="samenspraak-crash-"))
    database = str(work / "crash.sqlite")

    def sql(query):
        with sqlite3.connect(database, timeout=10) as db:
            return [[str(value) for value in row] for row in db.execute(query).fetchall()]

    try:
        figures = crash_and_count(database, sql, lambda token, n: drafts.copy_sqlite(database, token, n))
        print(f"sqlite: {figures}")
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

    def sql(query):
        out = subprocess.run([psql, url, "-tAc", query], check=True, capture_output=True, text=True).stdout
        return [line.split("|") for line in out.splitlines() if line]

    try:
        figures = crash_and_count(url, sql, lambda token, n: drafts.copy_postgres(url, token, n))
        print(f"postgresql: {figures}")
    finally:
        subprocess.run([psql, admin, "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], capture_output=True)
