"""Two app servers on one PostgreSQL database behind nginx, and one of them is killed (SIGKILL) under load.

Both servers start at the same moment on an empty database: the migrations run once (an advisory lock) and the key
made on first use (`app_secrets`) ends up as one key that both use. nginx (reliability/nginx-two-servers.conf)
sends requests round robin, without sticky sessions. Parents answer surveys end to end without JavaScript (the
language, every statement page read and saved, the open questions, send), rate a moment and fill in conversation
cards, while a signed-in coordinator reads the report; one server is killed midway and started again.

Asserted: every survey that got its thank-you is stored once, with every answer its parent gave on every page
(some pages were saved on one server and read on the other), and no survey is stored that was not sent; every
acknowledged rating and card is stored; the staff session stays signed in on both servers; nginx sends to the
restarted server again; and nginx never sent a POST twice (its log shows the bytes each server was sent: a POST
tried on a second server got nothing to the first). Needs RELIABILITY_POSTGRES_ADMIN_URL, psql and nginx.
"""
import hashlib
import http.client
import http.cookiejar
import json
import os
import re
import shutil
import signal
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
import lib  # noqa: E402  (ports, health checks and signing in, shared with the benchmarks)

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BIN = Path(os.environ.get("SAMENSPRAAK_BIN", REPO / ".build" / "debug" / "samenspraak"))
STRUCTURE = REPO / "Sources/SamenspraakApp/Resources/questionnaires/parents-v1/structure.txt"
ITEMS = [line.split()[1] for line in STRUCTURE.read_text().splitlines() if line.startswith("item ")]
QUESTIONS = [line.split()[1] for line in STRUCTURE.read_text().splitlines() if line.startswith("open ")]
ENV = {**lib.QUIET, "LOG_LEVEL": "warning", "SAMENSPRAAK_TRUSTED_PROXIES": "127.0.0.1"}
LOAD_BEFORE_KILL = 6      # seconds of load at least before one server is killed ...
KILL_AFTER = 12           # ... and surveys acknowledged at least (as many again after the restart)
DOWN = 2                  # seconds it stays down
LOAD_AFTER_RESTART = 5    # seconds of load at least after it is back
CARDS = 400               # empty conversation cards ready to be filled in


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def client(jar=None):
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar() if jar is None else jar), NoRedirect())


def call(opener, url, data=None, timeout=10):
    """(status, location, body); a broken connection raises OSError."""
    body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
    try:
        with opener.open(urllib.request.Request(url, data=body), timeout=timeout) as response:
            return response.status, response.headers.get("Location"), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location"), error.read().decode(errors="replace")
    except http.client.HTTPException as error:     # a page cut off midway (IncompleteRead …)
        raise OSError(str(error)) from error


def get_again(opener, url, tally):
    """A page read as a parent's phone does: reloaded when the connection broke (a server died while sending it)."""
    for _ in range(4):
        try:
            return call(opener, url)
        except OSError:
            tally.add("pages_reloaded")
            time.sleep(0.2)
    return call(opener, url)


class Tally:
    """What the clients did, counted under a lock."""

    def __init__(self):
        self.lock = threading.Lock()
        self.counts = {}
        self.acked_surveys = []      # the journey numbers whose send got its thank-you
        self.sent_surveys = set()    # the journey numbers whose send was posted at least once
        self.acked_cards = []        # (token, text)
        self.problems = []

    def add(self, name, n=1):
        with self.lock:
            self.counts[name] = self.counts.get(name, 0) + n

    def problem(self, text):
        with self.lock:
            self.problems.append(text)

    def __getitem__(self, name):
        return self.counts.get(name, 0)


def faces(journey):
    return {item: (journey + index) % 5 for index, item in enumerate(ITEMS)}


def text_of(journey):
    return f"Reis {journey}: de juf groet ons elke ochtend."


def post_again(opener, url, form, tally, retried):
    """A parent's press of a button: pressed again (like a parent would) when the answer is nginx's 502 or the
    connection broke, at most a few times. (nginx never sends a POST twice; the parent may.)"""
    for _ in range(5):
        try:
            status, location, page = call(opener, url, form)
        except OSError:
            status, location, page = 0, None, ""
        if status not in (0, 502):
            return status, location, page
        tally.add(retried)
        time.sleep(0.2)
    return status, location, page


def journey(base, slug, number, tally):
    """One parent: the language, every statement page read and saved, the open questions, send."""
    opener = client()
    status, _, page = get_again(opener, f"{base}/o/{slug}", tally)
    if status != 200 or f'href="/o/{slug}?lang=nl"' not in page:
        tally.problem(f"the survey's first page (the languages): {status}")
        return
    status, _, page = get_again(opener, f"{base}/o/{slug}?lang=nl", tally)
    if status != 200 or f'action="/o/{slug}/start"' not in page:
        tally.problem(f"the survey's introduction: {status}")
        return
    status, location, _ = post_again(opener, f"{base}/o/{slug}/start", {"lang": "nl"}, tally, "page_repressed")
    match = re.match(r"/d/([^/?]+)/1$", location or "")
    if status != 303 or not match:
        tally.problem(f"beginning a survey: {status} {location}")
        return
    token = match.group(1)
    answers = faces(number)
    for page_number in range(1, len(ITEMS) + 2):
        status, _, page = get_again(opener, f"{base}/d/{token}/{page_number}", tally)
        if status != 200:
            tally.problem(f"survey page {page_number}: {status} (a draft lost?)")
            return
        tally.add("page_reads")
        if page_number <= len(ITEMS):
            item = ITEMS[page_number - 1]
            if f'name="face[{item}]"' not in page:
                tally.problem(f"survey page {page_number} does not ask {item}")
                return
            form = {f"face[{item}]": str(answers[item]), "go": "next"}
        else:
            form = {f"text[{q}]": text_of(number) for q in QUESTIONS}
            form["go"] = "next"
        status, location, _ = post_again(opener, f"{base}/d/{token}/{page_number}", form, tally, "page_repressed")
        if status != 303:
            tally.problem(f"saving survey page {page_number}: {status}")
            return
        tally.add("page_saves")
    with tally.lock:
        tally.sent_surveys.add(number)
    status, location, _ = post_again(opener, f"{base}/d/{token}/submit", {}, tally, "send_repressed")
    if status == 303 and location and "/thanks" in location:
        with tally.lock:
            tally.acked_surveys.append(number)
    elif status == 404:
        tally.add("sent_then_gone")     # the first press was stored but its answer lost with the server: not acknowledged
    else:
        tally.problem(f"sending a survey: {status} {location}")


def parents(base, slug, first, step, tally, stop):
    number = first
    while not stop.is_set():
        try:
            journey(base, slug, number, tally)
        except OSError as error:
            tally.problem(f"a journey broke off: {error}")
        number += step


def rate(base, path, tally, stop):
    while not stop.is_set():
        opener = client()
        try:
            status, _, page = call(opener, base + path)
            match = re.search(r'name="check" value="([^"]+)"', page)
            if status != 200 or not match:
                tally.problem(f"the rating page: {status}")
                continue
            tally.add("ratings_sent")
            status, location, _ = call(opener, base + path, {"face": "4", "check": match.group(1), "lang": "nl", "text": ""})
            if status == 303 and location and "/thanks" in location:
                tally.add("ratings_acked")
            elif status != 502:
                tally.problem(f"a rating: {status}")
        except OSError:
            tally.add("ratings_broken")


def fill_cards(base, tokens, tally, stop):
    while not stop.is_set():
        try:
            token = tokens.pop()
        except IndexError:
            return
        opener = client()
        try:
            status, _, page = call(opener, f"{base}/k/{token}")
            if status != 200 or 'name="text[loves]"' not in page:
                tally.problem(f"a card page: {status}")
                continue
            text = f"Kaart {token[-6:]}: tekenen."
            tally.add("cards_sent")
            status, location, _ = call(opener, f"{base}/k/{token}", {"lang": "nl", "text[loves]": text, "text[ask]": "Hoe gaat het?",
                                                                    "chips[]": ["sleep"]})
            if status == 303 and location and "/thanks" in location:
                with tally.lock:
                    tally.acked_cards.append((token, text))
            elif status != 502:
                tally.problem(f"a card: {status}")
        except OSError:
            tally.add("cards_broken")


def read_reports(base, opener, paths, tally, stop):
    """The coordinator reads the report and the trajectory again and again: never sent back to sign in."""
    while not stop.is_set():
        for path in paths:
            try:
                status, location, page = call(opener, base + path)
            except OSError:
                tally.add("staff_broken")
                continue
            if status == 200 and 'action="/logout"' in page:
                tally.add("staff_reads")
            else:
                tally.problem(f"staff page {path}: {status} {location}")
        time.sleep(0.05)


def start_server(url, port, log):
    return subprocess.Popen([str(BIN), "serve", "--database", url, "--port", str(port)], env=ENV,
                            stdout=subprocess.DEVNULL, stderr=log)


def until(condition, seconds):
    """Waits until `condition()` holds, at most `seconds` (the checks after it tell what was missing)."""
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)


def wait_up(process, port, log):
    """Waits for /healthz of a server just started; fails at once when it stopped (a migration that failed)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, f"the server on {port} stopped: {log.read_text()[-800:]}"
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"the server on {port} did not become healthy")


def start_nginx(work, port, app_ports):
    return lib.start_nginx_two_servers(work, port, app_ports)    # reliability/nginx-two-servers.conf, shared with bench/


def access_log(work):
    """nginx's log lines: (method, uri, status, [upstream addresses], [upstream statuses], [bytes sent to each])."""
    lines = []
    for line in (work / "access.log").read_text().splitlines():
        match = re.match(r"(\S+) (\S+) (\d+) upstream=\[(.*)\] status=\[(.*)\] sent=\[(.*)\]$", line)
        if match:
            method, uri, status, addresses, statuses, sent = match.groups()
            split = lambda text: [part.strip() for part in re.split(r"[,:] (?=\S)", text) if part.strip()]
            lines.append((method, uri, int(status), [a for a in re.split(r", ", addresses)], split(statuses), split(sent)))
    return lines


def test_two_servers_behind_nginx_survive_one_being_killed():
    admin = os.environ.get("RELIABILITY_POSTGRES_ADMIN_URL")
    psql, nginx = shutil.which("psql"), shutil.which("nginx")
    if not admin or not psql or not nginx:
        pytest.skip("RELIABILITY_POSTGRES_ADMIN_URL, psql and nginx are needed")
    name = f"samenspraak_two_{os.getpid()}_{int(time.time())}"
    subprocess.run([psql, admin, "-qc", f"CREATE DATABASE {name}"], check=True, capture_output=True)
    url = admin.rsplit("/", 1)[0] + "/" + name
    work = Path(tempfile.mkdtemp(prefix="samenspraak-two-"))
    os.chmod(work, 0o755)
    processes = {}
    logs = [open(work / f"app{i}.log", "w") for i in (1, 2, 3)]

    def sql(query):
        out = subprocess.run([psql, url, "-tAc", query], check=True, capture_output=True, text=True).stdout
        return [line.split("|") for line in out.splitlines() if line]

    def number(query):
        return int(sql(query)[0][0])

    passed = False
    try:
        # Both servers at once on the empty database: migrations and the first-use key.
        ports = [lib.free_port(), lib.free_port()]
        processes["app0"] = start_server(url, ports[0], logs[0])
        processes["app1"] = start_server(url, ports[1], logs[1])
        for index, port in enumerate(ports):
            wait_up(processes[f"app{index}"], port, work / f"app{index + 1}.log")
        ran = number("SELECT COUNT(*) FROM _fluent_migrations")
        distinct = number("SELECT COUNT(DISTINCT name) FROM _fluent_migrations")
        assert ran == distinct and ran > 20, f"{ran} migrations recorded, {distinct} different"
        assert number("SELECT COUNT(*) FROM app_secrets WHERE name = 'code_hmac_key'") == 1, "two code keys"
        demo = lib.seed(str(BIN), url, env=ENV)
        # Both servers use the one key: a one-time code the demo made is taken by either.
        for port, code in zip(ports, demo["oneTimeCodes"][:2]):
            status, location, _ = call(client(), f"http://127.0.0.1:{port}/c", {"code": code, "lang": "nl"})
            assert status == 303 and (location or "").startswith("/d/"), f"server on {port} refused a code: {status}"

        proxy_port = lib.free_port()
        processes["nginx"] = start_nginx(work, proxy_port, ports)
        base = f"http://127.0.0.1:{proxy_port}"

        # Empty conversation cards, copies of one of the demo's cards under new tokens.
        card_hash = lib_hash(demo["conversationCardPath"].rsplit("/", 1)[1])
        sql(f"INSERT INTO conversation_cards (id, token_hash, slot, moment_id) SELECT gen_random_uuid(), "
            f"encode(sha256(convert_to('two-card-' || g, 'UTF8')), 'hex'), 1000 + g, moment_id "
            f"FROM conversation_cards, generate_series(0, {CARDS - 1}) AS g WHERE token_hash = '{card_hash}' RETURNING 1")
        card_tokens = [f"two-card-{g}" for g in range(CARDS)]

        staff_jar = http.cookiejar.CookieJar()
        staff = client(staff_jar)
        call(staff, base + "/login")
        csrf = next(c.value for c in staff_jar if c.name == "samenspraak_csrf")
        person = next(s for s in demo["staff"] if s["role"] == "coordinator")
        status, _, _ = call(staff, base + "/login", {"email": person["email"], "password": person["password"], "csrf_token": csrf})
        assert status == 303, f"signing in: {status}"
        staff_paths = [f"/staff/waves/{demo['waveID']}/report", demo["trajectoryPath"]]

        sent_query = "SELECT (SELECT COUNT(*) FROM survey_responses) + (SELECT COUNT(*) FROM survey_inbox)"
        sent_before = number(sent_query)
        ratings_before = number("SELECT COUNT(*) FROM moment_ratings")
        slug = demo["parentSurveyPath"].rsplit("/", 1)[1]
        tally, stop = Tally(), threading.Event()
        workers = [threading.Thread(target=parents, args=(base, slug, i, 6, tally, stop)) for i in range(6)]
        workers += [threading.Thread(target=rate, args=(base, demo["ratingMomentPath"], tally, stop)) for _ in range(2)]
        workers += [threading.Thread(target=fill_cards, args=(base, card_tokens, tally, stop))]
        workers += [threading.Thread(target=read_reports, args=(base, staff, staff_paths, tally, stop))]
        started = time.monotonic()
        for worker in workers:
            worker.start()
        # The kill comes once parents have sent surveys and others are halfway through theirs.
        until(lambda: len(tally.acked_surveys) >= KILL_AFTER and time.monotonic() - started >= LOAD_BEFORE_KILL, 90)
        before_kill = dict(tally.counts), len(tally.acked_surveys)
        processes["app0"].send_signal(signal.SIGKILL)      # in the middle of the load
        processes["app0"].wait()
        killed_at = len((work / "access.log").read_text().splitlines())
        time.sleep(DOWN)
        processes["app0"] = start_server(url, ports[0], logs[2])   # the same port: nginx knows it
        wait_up(processes["app0"], ports[0], work / "app3.log")
        restarted_at = len((work / "access.log").read_text().splitlines())
        restarted = time.monotonic()
        until(lambda: len(tally.acked_surveys) >= before_kill[1] + KILL_AFTER and time.monotonic() - restarted >= LOAD_AFTER_RESTART, 90)
        stop.set()
        for worker in workers:
            worker.join(60)
        assert not any(worker.is_alive() for worker in workers), "a client hung"

        assert not tally.problems, f"{len(tally.problems)} problems, e.g. {tally.problems[:5]}"
        acked = len(tally.acked_surveys)
        assert before_kill[1] >= KILL_AFTER and acked - before_kill[1] >= KILL_AFTER, \
            f"too few surveys sent around the kill: {before_kill[1]} before, {acked} in all"
        # Surveys: each stored once, whole, with the answers of every page; nothing stored that was not sent.
        stored = number(sent_query) - sent_before
        assert stored >= acked, f"{acked} surveys acknowledged, {stored} stored: one was lost"
        assert stored <= len(tally.sent_surveys), f"{stored} surveys stored, {len(tally.sent_surveys)} sent"
        stored_answers = {}     # journey number -> the answers of each response stored with its text
        by_response = {}
        for response_id, item, value in sql("SELECT response_id, item, value FROM survey_answers"):
            by_response.setdefault(response_id, {})[item] = int(value)
        for response_id, text in sql("SELECT response_id, text FROM survey_texts WHERE question = 'well' AND text LIKE 'Reis %'"):
            stored_answers.setdefault(journey_of(text), []).append(by_response.get(response_id, {}))
        for entry in (json.loads(row[0]) for row in sql("SELECT entry FROM survey_inbox")):
            if entry["texts"].get("well", "").startswith("Reis "):
                stored_answers.setdefault(journey_of(entry["texts"]["well"]), []).append(entry["faces"])
        assert sum(len(v) for v in stored_answers.values()) == stored, "a stored survey is not one of the journeys"
        twice = [n for n, found in stored_answers.items() if len(found) > 1]
        assert not twice, f"surveys stored twice: {twice[:5]}"
        missing = [n for n in tally.acked_surveys if n not in stored_answers]
        assert not missing, f"acknowledged surveys not stored: {missing[:5]}"
        for n, found in stored_answers.items():
            assert n in tally.sent_surveys, f"survey {n} is stored but was never sent"
            assert found[0] == faces(n), f"survey {n} was stored with other answers than its parent gave: a page lost"
        # Ratings and cards: every acknowledged one is stored, none that was not sent.
        ratings = number("SELECT COUNT(*) FROM moment_ratings") - ratings_before
        assert tally["ratings_acked"] <= ratings <= tally["ratings_sent"], \
            f"{tally['ratings_sent']} ratings sent, {tally['ratings_acked']} acknowledged, {ratings} stored"
        cards = {row[0]: row[1] for row in sql("SELECT token_hash, answers FROM conversation_cards WHERE slot >= 1000 AND answers IS NOT NULL")}
        for token, text in tally.acked_cards:
            assert text in cards.get(lib_hash(token), ""), f"the acknowledged card {token} is not stored"
        assert len(cards) <= tally["cards_sent"]
        # Staff stayed signed in all along (every read above was a signed-in page; none sent to the sign-in).
        staff_after = tally["staff_reads"] - before_kill[0].get("staff_reads", 0)
        assert before_kill[0].get("staff_reads", 0) >= 3 and staff_after >= 3, \
            f"staff reads: {before_kill[0].get('staff_reads', 0)} before the kill, {staff_after} after"

        # nginx: no POST sent to two servers; both servers answered before the kill and after the restart.
        log = access_log(work)
        twice_sent = [line for line in log if line[0] == "POST" and len(line[5]) > 1 and any(s not in ("0", "-") for s in line[5][:-1])]
        assert not twice_sent, f"nginx sent a POST to a second server after the first got it: {twice_sent[:3]}"
        passed_on = [line for line in log if line[0] == "POST" and len(line[3]) > 1]
        after = [line for line in log[restarted_at:] if line[3][-1:] == [f"127.0.0.1:{ports[0]}"]]
        assert len(after) >= 20, f"nginx sent only {len(after)} requests to the restarted server"
        before = {line[3][-1] for line in log[:killed_at]}
        assert before >= {f"127.0.0.1:{ports[0]}", f"127.0.0.1:{ports[1]}"}, f"nginx used {before} before the kill"
        refused = sum(1 for line in log if line[2] == 502)

        # Both servers purging at once: nothing fails, nothing more goes than once.
        for port in ports:
            assert call(client(), f"http://127.0.0.1:{port}/healthz")[0] == 200
        purges = [subprocess.Popen([str(BIN), "purge", "--database", url], env=ENV, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True) for _ in range(2)]
        for purge in purges:
            out, err = purge.communicate(timeout=60)
            assert purge.returncode == 0, f"a purge beside another failed: {err[-500:]}"

        print(f"two servers: {len(tally.sent_surveys)} surveys sent, {acked} acknowledged, {stored} stored "
              f"({tally['sent_then_gone']} stored but unacknowledged, {tally['send_repressed']} sends and "
              f"{tally['page_repressed']} page saves pressed again after a 502); {tally['page_saves']} pages saved, "
              f"{tally['page_reads']} read; {tally['ratings_sent']} ratings sent, {tally['ratings_acked']} acknowledged, "
              f"{ratings} stored; {tally['cards_sent']} cards sent, {len(tally.acked_cards)} acknowledged, {len(cards)} stored; "
              f"{tally['staff_reads']} staff reads, all signed in; nginx: {len(log)} requests, {refused} answered 502, "
              f"{len(passed_on)} POSTs passed to the other server unsent, 0 sent twice; {len(after)} to the restarted server")
        passed = True
    finally:
        for process in processes.values():
            if process.poll() is None:
                process.kill()
                process.wait()
        for log in logs:
            log.close()
        subprocess.run([psql, admin, "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], capture_output=True)
        if passed:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept for a look: {work}")


def lib_hash(token):
    """The SHA-256 under which the app keeps a link's token."""
    return hashlib.sha256(token.encode()).hexdigest()


def journey_of(text):
    """The journey number in an open answer written by `text_of`."""
    return int(text.split()[1].rstrip(":"))
