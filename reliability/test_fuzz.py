"""Fuzzing every public route: thousands of random and mutated requests, and afterwards nothing broken or stored wrong.

The demo is seeded on SQLite and one valid request of every public form is recorded first (a rating with its check
field and device cookie, a survey walked page by page, a one-time code, a conversation card, sign-in, an invitation).
Then those requests are mutated (values, form structure, body encoding, headers, methods, paths, framing) and sent
from several keep-alive connections, against every route a person who is not signed in can reach. The server is then
restarted with a low rating throttle for a short round where 429 is a fine answer.

Afterwards: no response was a 5xx and no valid request went unanswered; the server never died and answers /healthz
(when it dies, it is started again so the fuzzing goes on, and the unanswered requests are then replayed one by one
against a server that prints a backtrace, to name the one that kills it); every response is well-formed HTTP and no
reflected input is unescaped; and the database holds no garbage: valid UTF-8 without control characters or
replacement characters, texts within the app's limits, faces and values in range, known languages and chips, no row
without its parent, no table changed that no public route writes, and as many ratings, responses and used codes as
requests were acknowledged.

Each request is made by its own random.Random(f"{seed}-{index}"): `FUZZ_SEED` (default fixed, `random` for a new
one) and `FUZZ_ONLY=17,912` replay single requests; `FUZZ_REQUESTS` and `FUZZ_SECONDS` bound the run;
`FUZZ_VERBOSE=1` prints the statuses per route and `FUZZ_BACKTRACE=1` a backtrace of every crash.
"""
import gzip
import json
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import tempfile
import threading
import time
import unicodedata
import urllib.parse
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BIN = Path(os.environ.get("SAMENSPRAAK_BIN", REPO / ".build" / "debug" / "samenspraak"))
ENV = {**os.environ, "SAMENSPRAAK_BCRYPT_COST": "4", "SAMENSPRAAK_RATING_BURST": "10000",
       "SAMENSPRAAK_SURVEY_BURST": "100000", "SAMENSPRAAK_CODE_FAILURES": "100000", "LOG_LEVEL": "warning"}
ENV.pop("DATABASE_URL", None)

_seed = os.environ.get("FUZZ_SEED", "20261126")
SEED = random.SystemRandom().randrange(10**9) if _seed == "random" else int(_seed)
REQUESTS = int(os.environ.get("FUZZ_REQUESTS", "3500"))
HEAD_MAX = 80 * 1024     # SwiftNIO's HTTP parser: at most this much request line and headers
SECONDS = float(os.environ.get("FUZZ_SECONDS", "55"))
ONLY = [int(i) for i in os.environ.get("FUZZ_ONLY", "").split(",") if i.strip()]
WORKERS = 6
THROTTLED_BURST = 5
THROTTLED_REQUESTS = 150


# ---------------------------------------------------------------------------------------------------------------
# What the app allows, read from its sources so the test follows them.

def _source(relative):
    return (REPO / relative).read_text(encoding="utf-8")


def _swift_int(relative, pattern):
    match = re.search(pattern, _source(relative))
    assert match, f"{pattern} not found in {relative}"
    value = 1
    for factor in match.group(1).replace("_", "").split("*"):
        value *= int(factor)
    return value


def _swift_cases(relative, enum):
    """The raw values of a Swift string enum's cases."""
    body = re.search(rf"enum {enum}\b[^{{]*\{{(.*?)\n}}", _source(relative), re.S).group(1)
    values = []
    for clause in re.findall(r"^\s*case ([^\n]+)", body, re.M):
        for item in clause.split(","):
            name, _, raw = item.partition("=")
            values.append(raw.strip().strip('"') if raw else name.strip())
    return values


RATING_TEXT_MAX = _swift_int("Sources/SamenspraakCore/Rating.swift", r"static let maximumTextLength = ([\d_]+)")
SURVEY_TEXT_MAX = _swift_int("Sources/SamenspraakCore/SurveyAnswers.swift", r"static let maximumTextLength = ([\d_]+)")
SURVEY_FACES = range(*(lambda m: (int(m.group(1)), int(m.group(2)) + 1))(
    re.search(r"static let faceValues = (\d+)\.\.\.(\d+)", _source("Sources/SamenspraakCore/SurveyAnswers.swift"))))
RATING_FACES = range(*(lambda m: (int(m.group(1)), int(m.group(2)) + 1))(
    re.search(r"static let faces = (\d+)\.\.\.(\d+)", _source("Sources/SamenspraakCore/Rating.swift"))))
CARD_TEXT_MAX = _swift_int("Sources/SamenspraakCore/ConversationCard.swift", r"static let maximumTextLength = ([\d_]+)")
NAME_MAX = _swift_int("Sources/SamenspraakCore/InviteDraft.swift", r'field: "name", maxLength: ([\d_]+)')
EMAIL_MAX = _swift_int("Sources/SamenspraakCore/Validation.swift", r"trimmed\.count <= ([\d_]+)")
BODY_MAX = _swift_int("Sources/SamenspraakApp/AppConfiguration.swift", r"maxBodyBytes: Int = ([\d_ *]+)")
# The built-in languages, from their table in Language.swift (`.init(code: "nl", …)`).
LANGUAGES = set(re.findall(r'\.init\(code: "([a-z-]+)", endonym:', _source("Sources/SamenspraakCore/Language.swift")))
assert {"nl", "ar", "ti", "prs"} <= LANGUAGES, f"the built-in languages were not found in Language.swift: {LANGUAGES}"
# The spoken-only ones (`Info(code: "ary", …, spokenOnly: true)`): a school offers one once every text is recorded, and
# its parents' ratings, cards and answers carry it although it has no text files.
SPOKEN_LANGUAGES = set(re.findall(r'Info\(code: "([a-z-]+)", endonym: "[^"]*", rightToLeft: (?:true|false), spokenOnly: true\)',
                                  _source("Sources/SamenspraakCore/Language.swift")))
assert "ary" in SPOKEN_LANGUAGES, f"the spoken-only languages were not found in Language.swift: {SPOKEN_LANGUAGES}"


def offered_languages(school: set[str], written: set[str]) -> set[str]:
    """What a school offers parents: its written languages that have texts (Dutch when none), and its spoken-only ones."""
    return ((school & written) or {"nl"}) | (school & SPOKEN_LANGUAGES)
CARD_PROMPTS = _swift_cases("Sources/SamenspraakCore/ConversationCard.swift", "CardPrompt")
CARD_CHIPS = _swift_cases("Sources/SamenspraakCore/ConversationCard.swift", "CardChip")
CHANNELS = set(_swift_cases("Sources/SamenspraakCore/SurveyAnswers.swift", "SurveyChannel"))
RESOURCES = REPO / "Sources" / "SamenspraakApp" / "Resources"


def _rating_chips():
    chips = {}
    for line in (RESOURCES / "ratings" / "structure.txt").read_text().splitlines():
        if line.startswith("kind "):
            kind, *parts = line.split()[1:]
            lists = dict(part.split("=", 1) for part in parts)
            chips[kind] = lists["good"].split(",") + lists["better"].split(",")
    return chips


def _questionnaires():
    found = {}
    for folder in (RESOURCES / "questionnaires").iterdir():
        text = (folder / "structure.txt").read_text()
        ident = re.search(r"^id = (\S+)", text, re.M).group(1)
        found[ident] = {"items": re.findall(r"^item (\S+)", text, re.M), "open": re.findall(r"^open (\S+)", text, re.M),
                        "audience": re.search(r"^audience = (\S+)", text, re.M).group(1),
                        "languages": sorted(p.stem for p in folder.glob("*.txt") if p.stem in LANGUAGES)}
    return found


RATING_CHIPS = _rating_chips()
QUESTIONNAIRES = _questionnaires()

# Foundation's whitespacesAndNewlines (what the app trims), and the controls it allows in texts.
def _is_space(ch):
    return ch in "\t\n\x0b\x0c\r\x85" or unicodedata.category(ch) in ("Zs", "Zl", "Zp")


def swift_trim(text):
    start, end = 0, len(text)
    while start < end and _is_space(text[start]):
        start += 1
    while end > start and _is_space(text[end - 1]):
        end -= 1
    return text[start:end]


ALLOWED_CONTROLS = "\n\r\t"


def bad_controls(text):
    return sorted({f"U+{ord(c):04X}" for c in text if unicodedata.category(c) == "Cc" and c not in ALLOWED_CONTROLS})


def graphemes_at_least(text):
    """A lower bound of Swift's Character count (extended grapheme clusters): never more than Swift counts."""
    count, previous, regional = 0, "", 0
    for ch in text:
        code, category = ord(ch), unicodedata.category(ch)
        joins = (category in ("Mn", "Mc", "Me") or code == 0x200D or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF
                 or 0x1F3FB <= code <= 0x1F3FF or 0xE0020 <= code <= 0xE007F or 0x1160 <= code <= 0x11FF
                 or 0xD7B0 <= code <= 0xD7FF or (ch == "\n" and previous == "\r") or previous == "\u200d"
                 or (previous and (0x1100 <= ord(previous) <= 0x115F or 0xA960 <= ord(previous) <= 0xA97F)
                     and (0x1100 <= code <= 0x11FF or 0xAC00 <= code <= 0xD7A3))
                 or (previous and 0x0600 <= ord(previous) <= 0x0605)
                 or (previous and unicodedata.category(previous) == "Mn" and 0x0900 <= code <= 0x0DFF))
        if 0x1F1E6 <= code <= 0x1F1FF:
            regional += 1
            joins = joins or regional % 2 == 0
        else:
            regional = 0
        if not joins:
            count += 1
        previous = ch
    return count


def stored_text_problems(text, limit, *, trimmed=True, allow_empty=False):
    problems = []
    if "\ufffd" in text:
        problems.append("a replacement character U+FFFD (bytes that were not UTF-8 were stored as text)")
    if any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        problems.append("a lone surrogate")
    if bad_controls(text):
        problems.append("control characters " + ",".join(bad_controls(text)))
    if limit is not None and graphemes_at_least(text) > limit:
        problems.append(f"{graphemes_at_least(text)}+ characters, over the limit of {limit}")
    if trimmed and text != swift_trim(text):
        problems.append("leading or trailing whitespace")
    if not allow_empty and not swift_trim(text):
        problems.append("an empty text")
    return problems


def normalized(text):
    """What the app stores of a typed rating or card text: trimmed, CRLF as LF; None when empty."""
    trimmed = swift_trim(text)
    return trimmed.replace("\r\n", "\n") if trimmed else None


# ---------------------------------------------------------------------------------------------------------------
# A small raw HTTP/1.1 client: keep-alive, any bytes in the request line and headers, strict reading of replies.

class Dropped(Exception):
    """The connection closed or timed out before a whole reply arrived."""


class Malformed(Exception):
    """A reply that is not well-formed HTTP."""


@dataclass
class Reply:
    status: int
    headers: list
    body: bytes

    def header(self, name):
        name = name.lower().encode()
        for key, value in self.headers:
            if key.strip().lower() == name:
                return value.decode("latin-1")
        return None

    def cookies(self):
        jar = {}
        for key, value in self.headers:
            if key.strip().lower() == b"set-cookie":
                pair = value.decode("latin-1").split(";", 1)[0]
                name, _, content = pair.partition("=")
                jar[name.strip()] = content.strip()
        return jar

    def text(self):
        body = self.body
        encoding = (self.header("content-encoding") or "").lower()
        try:
            if encoding == "gzip":
                body = gzip.decompress(body)
            elif encoding == "deflate":
                body = zlib.decompress(body)
        except (OSError, zlib.error, EOFError):
            pass
        return body.decode("utf-8", errors="replace")


class Connection:
    def __init__(self, port):
        self.port = port
        self.sock = None
        self.buffer = b""

    def close(self):
        if self.sock is not None:
            try:
                self.sock.close()
            except OSError:
                pass
        self.sock, self.buffer = None, b""

    def _receive(self):
        try:
            chunk = self.sock.recv(65536)
        except socket.timeout as error:
            raise Dropped("timed out waiting for the reply") from error
        except OSError as error:
            raise Dropped(f"connection error: {error}") from error
        if not chunk:
            raise Dropped("connection closed")
        self.buffer += chunk

    def _exactly(self, count):
        while len(self.buffer) < count:
            self._receive()
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    def _line(self):
        while b"\r\n" not in self.buffer:
            self._receive()
        line, self.buffer = self.buffer.split(b"\r\n", 1)
        return line

    def _read(self, head):
        while True:
            while b"\r\n\r\n" not in self.buffer:
                self._receive()
                if len(self.buffer) > 1 << 20:
                    raise Malformed("a reply header over 1 MB")
            raw, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
            lines = raw.split(b"\r\n")
            match = re.fullmatch(rb"HTTP/1\.[01] (\d{3})(?: [^\r\n]*)?", lines[0])
            if not match:
                raise Malformed(f"status line {lines[0][:80]!r}")
            status = int(match.group(1))
            headers = []
            for line in lines[1:]:
                key, colon, value = line.partition(b":")
                if not colon or not re.fullmatch(rb"[!#$%&'*+\-.^_`|~0-9A-Za-z]+", key):
                    raise Malformed(f"header line {line[:80]!r}")
                headers.append((key, value.strip(b" \t")))
            if 100 <= status < 200:
                continue
            reply = Reply(status, headers, b"")
            encoding = (reply.header("transfer-encoding") or "").lower()
            length = reply.header("content-length")
            if head or status in (204, 304):
                return reply
            if "chunked" in encoding:
                body = b""
                while True:
                    size = int(self._line().split(b";")[0].strip(), 16)
                    if size == 0:
                        while self._line():
                            pass
                        break
                    body += self._exactly(size)
                    if self._exactly(2) != b"\r\n":
                        raise Malformed("a chunk without CRLF")
                reply.body = body
            elif length is not None:
                if not length.strip().isdigit():
                    raise Malformed(f"content-length {length!r}")
                reply.body = self._exactly(int(length))
            else:
                try:
                    while True:
                        self._receive()
                except Dropped:
                    pass
                reply.body, self.buffer = self.buffer, b""
                self.close()
            return reply

    def exchange(self, data, *, head=False, fresh=False, timeout=20.0):
        """Sends one request and reads its reply. A kept-alive connection the server closed meanwhile is opened again
        (only when not a byte of reply came, so nothing is sent twice that the server answered)."""
        for attempt in (1, 2):
            reused = self.sock is not None and not fresh
            if fresh:
                self.close()
            if self.sock is None:
                self.sock = socket.create_connection(("127.0.0.1", self.port), timeout=timeout)
                self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.sock.settimeout(timeout)
            self.buffer = b""
            send_error = None
            try:
                self.sock.sendall(data)
            except OSError as error:
                send_error = error
            try:
                reply = self._read(head)
            except Dropped as error:
                self.close()
                if reused and attempt == 1 and send_error is None and "closed" in str(error):
                    continue
                if send_error is not None:
                    raise Dropped(f"send failed ({send_error}) and no reply") from error
                raise
            except (Malformed, ValueError):
                self.close()
                raise Malformed("unreadable reply") from None
            if fresh or (reply.header("connection") or "").lower() == "close" or self.buffer:
                self.close()
            return reply
        raise Dropped("connection closed")


def encode_request(method, target, headers, body, port, *, host=True):
    """A request as bytes; Host and Content-Length are added unless given (or chunked)."""
    request = (method.encode() if isinstance(method, str) else method) + b" " + target + b" HTTP/1.1\r\n"
    if host:
        request += f"Host: 127.0.0.1:{port}\r\n".encode()
    for name, value in headers:
        request += name + b": " + value + b"\r\n"
    if body is not None and not any(n.lower() == b"transfer-encoding" for n, _ in headers):
        request += f"Content-Length: {len(body)}\r\n".encode()
    return request + b"\r\n" + (body or b"")


def simple(port, method, path, form=None, cookies=None, conn=None, headers=()):
    """One ordinary request (form urlencoded), for setting up; returns the reply."""
    conn = conn or Connection(port)
    extra = list(headers)
    if cookies:
        extra.append((b"Cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()).encode()))
    body = None
    if form is not None:
        body = urllib.parse.urlencode(form, doseq=True).encode()
        extra.append((b"Content-Type", b"application/x-www-form-urlencoded"))
    return conn.exchange(encode_request(method, path.encode(), extra, body, port), head=method == "HEAD")


# ---------------------------------------------------------------------------------------------------------------
# Server

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(database, port, log, env=ENV):
    process = subprocess.Popen([str(BIN), "serve", "--database", database, "--port", str(port)], env=env,
                               stdout=subprocess.DEVNULL, stderr=open(log, "ab"))
    for _ in range(600):
        if process.poll() is not None:
            raise AssertionError(f"the server exited at start with {process.returncode}; see {log}")
        try:
            if simple(port, "GET", "/healthz").status == 200:
                return process
        except (OSError, Dropped, Malformed):
            time.sleep(0.1)
    process.kill()
    raise AssertionError("the server did not start")


def stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def server_errors(log, since=0):
    """Log lines of level error or worse, written after byte offset `since`."""
    lines = []
    with open(log, "rb") as handle:
        handle.seek(since)
        for raw in handle.read().decode("utf-8", errors="replace").splitlines():
            try:
                level = json.loads(raw).get("level", "")
            except ValueError:
                continue
            if level in ("error", "critical"):
                lines.append(raw[:600])
    return lines


# ---------------------------------------------------------------------------------------------------------------
# Recording one valid request of every public form.

@dataclass
class Context:
    port: int
    demo: dict
    rating_slug: str
    rating_kind: str
    rating_languages: list
    rating_chips: list
    devices: list                    # (cookie value, check)
    other_moments: list              # slugs of the demo's other moments: closed, not open yet, or open too
    wave_slug: str
    team_slug: str
    closed_wave_slug: str
    page_drafts: list                # (token, questionnaire id)
    code_drafts: list
    unused_codes: list
    used_codes: list
    card_token: str
    card_languages: list
    csrf: str
    invitations: list
    story_slugs: list
    story_school: str
    story_keys: list
    story_etag: str
    css_etag: str
    fresh: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def take_fresh(self, rng):
        with self.lock:
            if self.fresh:
                return self.fresh.pop(rng.randrange(len(self.fresh)))
        return None

    def add_fresh(self, token):
        with self.lock:
            if len(self.fresh) < 300:
                self.fresh.append(token)


def record_valid_requests(port, demo, database, tally):
    """Walks every public form once the way a browser would, and keeps what the fuzzer needs."""
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    moments = dict(db.execute("SELECT slug, kind FROM moments").fetchall())
    waves = db.execute("SELECT slug, questionnaire, closes_on FROM waves").fetchall()
    db.close()
    conn = Connection(port)

    # The rating form: its check field belongs to the device cookie.
    rating_slug = demo["ratingMomentPath"].rsplit("/", 1)[1]
    page = simple(port, "GET", f"/m/{rating_slug}", conn=conn)
    assert page.status == 200, page.status
    html = page.text()
    chips = re.findall(r'name="chips\[\]" value="([^"]+)"', html)
    languages = sorted(set(re.findall(rf'href="/m/{rating_slug}\?lang=([a-z]+)"', html))) or ["nl"]
    devices = []
    for index in range(48):
        cookies = {}
        if index % 12 == 11:        # a device id the phone chose itself: letters of any script are allowed
            cookies = {"samenspraak_device": "Ωmega-" + "é" * 20 + f"{index:06d}"}
        reply = simple(port, "GET", f"/m/{rating_slug}", conn=conn,
                       headers=[(b"Cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()).encode("utf-8"))] if cookies else ())
        check = re.search(r'name="check" value="([^"]+)"', reply.text())
        device = reply.cookies().get("samenspraak_device") or cookies.get("samenspraak_device")
        if reply.status == 200 and check and device:
            devices.append((device, check.group(1)))
    assert len(devices) >= 40
    device, check = devices[0]
    form = {"lang": "nl", "check": check, "face": "3", "chips[]": chips[:2], "text": "Fijn gesprek."}
    reply = simple(port, "POST", f"/m/{rating_slug}", form, {"samenspraak_device": device}, conn=conn)
    assert reply.status == 303 and "/thanks" in reply.header("location"), reply.status
    tally.rating_ack((rating_slug, check), {"text": ["Fijn gesprek."], "face": ["3"]})

    # The survey: begin on the open link, walk every page, send.
    wave_slug = demo["parentSurveyPath"].rsplit("/", 1)[1]
    questionnaire_of = {slug: q for slug, q, _ in waves}
    team_slug = next(slug for slug, q, _ in waves if QUESTIONNAIRES[q]["audience"] == "team")
    closed_wave_slug = min(waves, key=lambda w: w[2])[0]

    def begin(slug, language):
        reply = simple(port, "POST", f"/o/{slug}/start", {"lang": language}, conn=conn)
        assert reply.status == 303, reply.status
        return re.match(r"/d/([^/?]+)", reply.header("location")).group(1)

    def walk(token, questionnaire, pages, texts=True):
        items = QUESTIONNAIRES[questionnaire]["items"]
        for number in range(1, pages + 1):
            if number <= len(items):
                form = {"face[" + items[number - 1] + "]": str(number % 5), "go": "next"}
            else:
                form = {"text[well]": "De juf groet ons.", "text[help]": "Meer in het Arabisch.\r\nDank."} if texts else {}
                form["go"] = "next"
            reply = simple(port, "POST", f"/d/{token}/{number}", form, conn=conn)
            assert reply.status == 303, (number, reply.status, reply.text()[:300])

    token = begin(wave_slug, "nl")
    walk(token, questionnaire_of[wave_slug], len(QUESTIONNAIRES[questionnaire_of[wave_slug]]["items"]) + 1)
    reply = simple(port, "POST", f"/d/{token}/submit", {}, conn=conn)
    assert reply.status == 303 and "/thanks" in reply.header("location"), reply.status
    tally.count("survey_ack")

    # A one-time code: enter it (which uses it up), choose a language, answer, send.
    codes = list(demo["oneTimeCodes"])
    reply = simple(port, "POST", "/c", {"code": codes[0], "lang": ""}, conn=conn)
    assert reply.status == 303, reply.status
    token = re.match(r"/d/([^/?]+)", reply.header("location")).group(1)
    assert simple(port, "POST", f"/d/{token}", {"lang": "fr"}, conn=conn).status == 303
    walk(token, questionnaire_of[wave_slug], 3, texts=False)
    reply = simple(port, "POST", f"/d/{token}/submit", {}, conn=conn)
    assert reply.status == 303 and "/thanks" in reply.header("location"), reply.status
    tally.count("survey_ack")
    reply = simple(port, "POST", "/c", {"code": codes[0]}, conn=conn)
    assert reply.status == 422, "a used code is refused"

    page_drafts = []
    for index, (slug, language) in enumerate([(wave_slug, "nl"), (wave_slug, "ar"), (wave_slug, "tr"), (team_slug, "nl"),
                                              (wave_slug, "fr"), (wave_slug, "bg"), (team_slug, "en"), (wave_slug, "nl")]):
        token = begin(slug, language)
        walk(token, questionnaire_of[slug], index % 3)
        page_drafts.append((token, questionnaire_of[slug]))
    code_drafts = []
    for code in codes[1:3]:
        reply = simple(port, "POST", "/c", {"code": code.lower().replace("-", " ")}, conn=conn)
        assert reply.status == 303, reply.status
        code_drafts.append((re.match(r"/d/([^/?]+)", reply.header("location")).group(1), questionnaire_of[wave_slug]))

    # The conversation card.
    card_token = demo["conversationCardPath"].rsplit("/", 1)[1]
    page = simple(port, "GET", f"/k/{card_token}", conn=conn)
    assert page.status == 200, page.status
    card_languages = sorted(set(re.findall(rf'href="/k/{card_token}\?lang=([a-z]+)"', page.text()))) or ["nl"]
    assert set(re.findall(r'name="text\[([a-z_]+)\]"', page.text())) == set(CARD_PROMPTS)
    form = {"lang": "nl", "text[loves]": "Tekenen.", "text[ask]": "Hoe gaat het?", "chips[]": ["sleep"]}
    reply = simple(port, "POST", f"/k/{card_token}", form, conn=conn)
    assert reply.status == 303 and "/thanks" in reply.header("location"), reply.status
    tally.card_ack({"text": ["Tekenen.", "Hoe gaat het?"]})

    # Sign-in: the form token is a cookie the form sends back.
    page = simple(port, "GET", "/login", conn=conn)
    csrf = page.cookies()["samenspraak_csrf"]
    assert re.search(rf'name="csrf_token" value="{re.escape(csrf)}"', page.text())
    reply = simple(port, "POST", "/login", {"csrf_token": csrf, "email": "nobody@example.org", "password": "wrong-password"},
                   {"samenspraak_csrf": csrf}, conn=conn)
    assert reply.status == 401, reply.status
    tally.login_email("nobody@example.org")

    # Invitations: a coordinator makes two links (staff routes, only to have something to fuzz).
    staff = Connection(port)
    coordinator = next(s for s in demo["staff"] if s["role"] == "coordinator")
    reply = simple(port, "POST", "/login", {"csrf_token": csrf, "email": coordinator["email"], "password": coordinator["password"]},
                   {"samenspraak_csrf": csrf}, conn=staff)
    assert reply.status == 303, reply.status
    session = {"samenspraak_csrf": csrf, "samenspraak_session": reply.cookies()["samenspraak_session"]}
    invitations = []
    for number in (1, 2):
        reply = simple(port, "POST", f"/staff/schools/{demo['schoolIDs'][0]}/invitations",
                       {"csrf_token": csrf, "name": "", "email": f"fuzz-invite-{number}@example.org", "role": "member",
                        "method": "link"}, session, conn=staff)
        assert reply.status == 201, reply.status
        invitations.append(re.search(r"/invite/([A-Za-z0-9_-]+)", reply.text()).group(1))
    staff.close()
    assert simple(port, "GET", f"/invite/{invitations[0]}", conn=conn).status == 200

    # The stories site and the cached pages' ETags.
    stories = simple(port, "GET", "/stories", conn=conn)
    assert stories.status == 200
    story_slugs = sorted(set(re.findall(r'href="/stories/([a-z0-9-]+)"', stories.text())) - {"search", "feed.atom"})
    story_keys = sorted({int(k) for k in re.findall(r'href="/stories/keys/(\d+)"', stories.text())}) or [1]
    story_school = None
    for slug in story_slugs[:6]:
        match = re.search(r'href="/stories/schools/([a-z0-9-]+)"', simple(port, "GET", f"/stories/{slug}", conn=conn).text())
        if match:
            story_school = match.group(1)
            break
    css = simple(port, "GET", "/static/samenspraak.css", conn=conn)
    conn.close()
    return Context(
        port=port, demo=demo, rating_slug=rating_slug, rating_kind=moments[rating_slug], rating_languages=languages,
        rating_chips=chips, devices=devices, other_moments=sorted(set(moments) - {rating_slug}), wave_slug=wave_slug,
        team_slug=team_slug, closed_wave_slug=closed_wave_slug, page_drafts=page_drafts, code_drafts=code_drafts,
        unused_codes=codes[3:], used_codes=codes[:1], card_token=card_token, card_languages=card_languages, csrf=csrf,
        invitations=invitations, story_slugs=story_slugs or ["none"], story_school=story_school or "none",
        story_keys=story_keys, story_etag=stories.header("etag") or '"x"', css_etag=css.header("etag") or '"x"')


# ---------------------------------------------------------------------------------------------------------------
# Values and mutations

MARKER = "<zq9\"'>&"
INVALID_UTF8 = [b"%C0%AF", b"%FF", b"%FE%FF", b"%ED%A0%80", b"%E2%82", b"%F4%90%80%80", b"%C3", b"%80%80", b"%F0%9F%98",
                b"%EF%BF%BE%C0"]
BAD_PERCENT = [b"%", b"%z", b"%zz", b"%4", b"%%41", b"%u0041", b"%%", b"100%"]
CONTROLS = ["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85", "\r", "\n", "\t", "\r\n",
            "\x00\x00\x00"]
ODD_UNICODE = ["\u202e", "\u200b", "\u200d", "\ufeff", "\u2028", "\u2029", "\ufffe", "\uffff", "\U0010ffff", "\U000e0001",
               "\u0301\u0301\u0301", "z\u0336\u0336\u0336\u0336", "\U0001f468\u200d\U0001f469\u200d\U0001f467", "\U0001f1e7\U0001f1ea",
               "ﷺ", "各", "مرحبا", "Привіт", "İı", "ß", "ǅ", "\u00a0", "\u3000", "\u180e", "\u0600", "𝕏", "\U0001d11e"]
GRAPHEMES = ["a", "é", "e\u0301", "\U0001f44d\U0001f3fd", "\U0001f468\u200d\U0001f469\u200d\U0001f467", "\U0001f1e7\U0001f1ea",
             "ﷺ", "各", "ğ", "\u1112\u1161\u11ab", "z\u0336\u0336", "ا", "\r\n", " "]
NUMBERS = ["0", "1", "2", "3", "4", "5", "-1", "-0", "+3", " 3 ", "03", "3.0", "3.5", "1e1", "0x3", "٣", "３", "9" * 40,
           str(2 ** 63), str(2 ** 63 - 1), str(-2 ** 63), str(-2 ** 63 - 1), "NaN", "inf", "3\x00", "3abc", "true", "null", "[]"]
SQLISH = ["' OR '1'='1", "\"; DROP TABLE moment_ratings; --", "NEAR(a b)", "*", "\"", "a OR b", "^vader", "vader*", "-vader",
          "title:vader", "%' --", "\\", "${7*7}{{7*7}}%s%n%x"]
ACCEPT_LANGUAGES = [b"", b"*", b"xx", b"nl;q=nan", b"ar;q=1e400", b"tr;q=-1", b";;;,,,", b"q=1", b"nl-BE-x-y-z;q=0.5, *;q=0",
                    "ünï;q=0.9".encode(), b"," * 5000, b"en;q=" + b"9" * 500, b"\xff\xfe\xfd", b"ar-" * 3000,
                    b"fr; q = 0.8 , ar ;q=0.9", b"*;q=0.0000000000000000000001", b"uk;q=0.5;q=1;q=x", b"-;q=1",
                    b"pl,pl,pl,pl;q=inf"]
ODD_HEADERS = [
    (b"If-None-Match", b"*"), (b"If-None-Match", b'"' + b"a" * 5000 + b'"'), (b"If-None-Match", b'W/"x", "y", ,,,'),
    (b"Accept-Encoding", b"gzip;q=nan, deflate;q=-1, br;q=2, *;q=0"), (b"Accept-Encoding", b"gzip"),
    (b"Accept-Encoding", b"x" * 4000), (b"Accept", b"*/*;q=\xff"), (b"Range", b"bytes=5-1,-0,99999999999999999999-"),
    (b"X-Forwarded-For", b"999.999.999.999, ::ffff:zz, \xff"), (b"X-Forwarded-Proto", b"gopher"),
    (b"Authorization", b"Bearer " + b"A" * 200), (b"Authorization", b"Bearer \xff\xfe"), (b"Authorization", b"Basic ===="),
    (b"Authorization", b"Bearer"), (b"Expect", b"100-continue"), (b"Expect", b"fish"), (b"Connection", b"upgrade"),
    (b"Upgrade", b"websocket"), (b"Upgrade", b"h2c"), (b"Origin", b"null"), (b"Referer", b"\x00\x01"),
    (b"User-Agent", b"\xc0\xaf" * 100), (b"X-" + b"a" * 300, b"b"), (b"X-Empty", b""), (b"X-Long", b"v" * 30000),
    (b"Content-Encoding", b"gzip"), (b"Cookie", b""), (b"Accept-Language", b"ar"),
]


def random_unicode(rng, length):
    pools = [(0x20, 0x7E), (0xA0, 0x24F), (0x370, 0x52F), (0x590, 0x6FF), (0x900, 0x97F), (0x1100, 0x11FF), (0x2000, 0x206F),
             (0x2190, 0x2BFF), (0x3000, 0x30FF), (0x4E00, 0x4FFF), (0xAC00, 0xACFF), (0xE000, 0xE0FF), (0xFE00, 0xFE0F),
             (0xFFF0, 0xFFFD), (0x1F300, 0x1F6FF), (0x1F1E6, 0x1F1FF), (0xE0000, 0xE007F), (0x10FFF0, 0x10FFFF)]
    out = []
    for _ in range(length):
        low, high = rng.choice(pools)
        code = rng.randint(low, high)
        out.append(chr(code) if code != 0xFFFD else "?")
    return "".join(out)


@dataclass
class Raw:
    """A value given as it goes over the wire: `wire` in a urlencoded body or query, `data` in multipart and JSON."""
    wire: bytes
    data: bytes

    @staticmethod
    def percent(data):
        return Raw(b"".join(b"%%%02X" % b for b in data), data)

    def logical(self):
        return self.data.decode("utf-8", errors="replace")


def wire(value, key=False):
    if value is None:
        return None
    if isinstance(value, Raw):
        return value.wire
    return urllib.parse.quote(value.encode("utf-8"), safe="[]" if key else "").encode()


def logical(value):
    if value is None:
        return ""
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return value.logical() if isinstance(value, Raw) else value


def data_bytes(value):
    if value is None:
        return b""
    if isinstance(value, bytes):
        return value
    return value.data if isinstance(value, Raw) else value.encode("utf-8")


@dataclass
class Spec:
    """One request to send, with what is needed to judge and report it."""
    index: int
    route: str
    method: str
    path: list                      # segments; ("param", value) for the ones a mutation may replace
    query: list = field(default_factory=list)
    form: list = None               # (key, value) pairs, or None for no body
    cookies: list = field(default_factory=list)
    headers: list = field(default_factory=list)
    kind: str = ""
    mutations: list = field(default_factory=list)
    encoding: str = "form"
    body: bytes = None              # set by body-level mutations
    content_type: bytes = None
    raw: bytes = None               # a whole request as bytes: sent alone on a fresh connection
    may_drop: bool = False
    fresh: bool = False
    probes: dict = field(default_factory=dict)
    marker: bool = False
    dynamic: str = ""
    body_from_form: bool = False
    chunked: int = 0                # send the body in chunks of this size
    gzip: bool = False              # send the body gzip-compressed

    def target(self):
        segments = []
        for segment in self.path:
            value = segment[1] if isinstance(segment, tuple) else segment
            segments.append(value if isinstance(value, bytes) else value.encode())
        target = b"/" + b"/".join(segments)
        if self.query:
            target += b"?" + b"&".join(wire(k, True) + (b"=" + wire(v) if v is not None else b"") for k, v in self.query)
        return target

    def encoded_body(self):
        if self.body is not None:
            return self.body, self.content_type
        if self.form is None:
            return None, None
        if self.encoding == "json":
            return json_body(self.form), b"application/json"
        if self.encoding == "multipart":
            boundary = b"fuzzBoundary7MA4YWxk"
            parts = b""
            for key, value in self.form:
                parts += b"--" + boundary + b'\r\nContent-Disposition: form-data; name="' + data_bytes(key) + b'"\r\n\r\n'
                parts += data_bytes(value) + b"\r\n"
            return parts + b"--" + boundary + b"--\r\n", b"multipart/form-data; boundary=" + boundary
        body = b"&".join(wire(k, True) + (b"=" + wire(v) if v is not None else b"") for k, v in self.form)
        return body, b"application/x-www-form-urlencoded" if self.content_type is None else self.content_type

    def to_bytes(self, port):
        if self.raw is not None:
            return self.raw
        body, content_type = self.encoded_body()
        headers = list(self.headers)
        if self.gzip:
            body = gzip.compress(body or b"", mtime=0)
            headers.append((b"Content-Encoding", b"gzip"))
        if self.chunked:
            data, body = body or b"", b""
            for start in range(0, len(data), self.chunked):
                body += b"%x\r\n" % len(data[start:start + self.chunked]) + data[start:start + self.chunked] + b"\r\n"
            body += b"0\r\n\r\n"
            headers.append((b"Transfer-Encoding", b"chunked"))
        if content_type is not None and content_type != b"-":
            headers.append((b"Content-Type", content_type))
        if self.cookies:
            headers.append((b"Cookie", b"; ".join(data_bytes(k) + b"=" + data_bytes(v) for k, v in self.cookies)))
        if body is None and self.method in ("POST", "PUT", "PATCH"):
            body = b""
        return encode_request(self.method, self.target(), headers, body, port,
                              host=not any(n.lower() == b"host" for n, _ in headers))

    def describe(self):
        body, _ = self.encoded_body()
        excerpt = self.raw if self.raw is not None else body
        shown = repr(excerpt[:300]) + (f"... ({len(excerpt)} bytes)" if excerpt and len(excerpt) > 300 else "") if excerpt else "-"
        target = self.target() if self.raw is None else b"(raw)"
        headers = [(n[:40], v[:60] + (b"..." if len(v) > 60 else b"")) for n, v in self.headers]
        if self.cookies:
            cookie = b"; ".join(data_bytes(k) + b"=" + data_bytes(v) for k, v in self.cookies)
            headers.append((b"Cookie", cookie[:100] + (b"... (%d bytes)" % len(cookie) if len(cookie) > 100 else b"")))
        return (f"#{self.index} {self.method} {target[:200]!r}{'...' if len(target) > 200 else ''} [{self.route}] "
                f"mutations={self.mutations} headers={headers} body={shown}")


def json_body(form):
    """A JSON object from form pairs: `a[b]` nests, `a[]` and repeated keys make arrays; raw bytes stay raw."""
    def literal(value):
        if isinstance(value, Raw):
            return b'"' + value.data.replace(b"\\", b"\\\\").replace(b'"', b'\\"') + b'"'
        return json.dumps(value).encode()

    tree = {}
    for key, value in form:
        name = logical(key)
        match = re.fullmatch(r"([^\[]*)\[([^\]]*)\]", name)
        if match:
            base, inner = match.groups()
            node = tree.setdefault(base, {} if inner else [])
            if inner and isinstance(node, dict):
                node[inner] = value
            elif not inner and isinstance(node, list):
                node.append(value)
        elif name in tree and isinstance(tree[name], list):
            tree[name].append(value)
        elif name in tree:
            tree[name] = [tree[name], value]
        else:
            tree[name] = value

    def render(node):
        if isinstance(node, dict):
            return b"{" + b",".join(json.dumps(k).encode() + b":" + render(v) for k, v in node.items()) + b"}"
        if isinstance(node, list):
            return b"[" + b",".join(render(v) for v in node) + b"]"
        return literal(node)

    return render(tree)


def garbage_value(rng, spec, key):
    """A mutated value; returns (value, mutation name)."""
    kind = rng.choice(["bytes", "long", "long", "bad_utf8", "bad_percent", "control", "control", "unicode", "unicode", "number",
                       "number", "empty", "whitespace", "html", "sqlish", "probe", "probe"])
    if kind == "bytes":
        return Raw.percent(bytes(rng.randrange(256) for _ in range(rng.choice([1, 8, 64, 2000])))), kind
    if kind == "long":
        size = rng.choice([1000, 20_000, 60_000, 100_000, 300_000])
        if size > BODY_MAX:
            spec.may_drop = True    # refused with 413; the server may close before reading it all
        if rng.random() < 0.5:
            return "x" * size, f"long{size // 1000}k"
        return (rng.choice(GRAPHEMES) * (size // 8))[:size], f"long_unicode{size // 1000}k"
    if kind == "bad_utf8":
        text = wire(random_unicode(rng, rng.randrange(6)))
        encoded = text + rng.choice(INVALID_UTF8) + text
        return Raw(encoded, urllib.parse.unquote_to_bytes(encoded)), kind
    if kind == "bad_percent":
        raw = rng.choice(BAD_PERCENT)
        return Raw(b"ok" + raw, b"ok" + raw), kind
    if kind == "control":
        return "Goed" + "".join(rng.choice(CONTROLS) for _ in range(rng.randint(1, 3))) + "gesprek", kind
    if kind == "unicode":
        if rng.random() < 0.5:
            return "".join(rng.choice(ODD_UNICODE) for _ in range(rng.randint(1, 6))), kind
        return random_unicode(rng, rng.choice([1, 10, 200])), kind
    if kind == "number":
        return rng.choice(NUMBERS), kind
    if kind == "empty":
        return "", kind
    if kind == "whitespace":
        return rng.choice([" ", "   ", "\t\n", "\u00a0\u3000", "\r\n\r\n"]), kind
    if kind == "html":
        spec.marker = True
        return MARKER + rng.choice(["", " onload=x", "</textarea><script>"]), kind
    if kind == "sqlish":
        return rng.choice(SQLISH), kind
    limit = {"rate": RATING_TEXT_MAX, "card": CARD_TEXT_MAX, "survey_page": SURVEY_TEXT_MAX}.get(spec.kind, RATING_TEXT_MAX)
    count = limit + rng.choice([0, 0, 1, 1, 2, -1])
    graphemes = [rng.choice(GRAPHEMES[:-2]) for _ in range(count)]   # no CRLF or space: nothing trimmed or merged
    spec.probes[logical(key)] = count
    return "".join(graphemes), f"probe{count}"


def mutate_form(rng, spec):
    if spec.form is None:
        spec.form = []
    pairs = spec.form
    op = rng.choice(["value", "value", "value", "value", "dup", "drop", "array", "nested", "index", "deep", "unknown",
                     "many", "emptykey", "bad_key"])
    if op == "value" and pairs:
        i = rng.randrange(len(pairs))
        value, name = garbage_value(rng, spec, pairs[i][0])
        pairs[i] = (pairs[i][0], value)
        return name
    if op == "dup" and pairs:
        key, _ = rng.choice(pairs)
        value, name = garbage_value(rng, spec, key) if rng.random() < 0.5 else (rng.choice(NUMBERS), "number")
        # Which of two equal keys the form decoder keeps is its own affair: a probe's length proves nothing here
        # (what is stored is still checked against the limits).
        spec.probes.pop(logical(key), None)
        pairs.insert(rng.randrange(len(pairs) + 1), (key, value))
        return "dup+" + name
    if op == "drop" and pairs:
        pairs.pop(rng.randrange(len(pairs)))
        return "drop"
    if op in ("array", "nested", "index", "deep") and pairs:
        i = rng.randrange(len(pairs))
        key = logical(pairs[i][0])
        base = key.split("[", 1)[0]
        suffix = {"array": "[]", "nested": rng.choice(["[x][y]", "[][]", "[a][]", "[]x", "[", "]", "[[a]]"]),
                  "index": rng.choice(["[0]", "[-1]", "[99999999999999999999]", "[1.5]", "[%00]", "[\u202e]"]),
                  "deep": "[a]" * rng.choice([20, 99, 100, 101, 500, 3000])}[op]
        pairs[i] = (base + suffix if op != "nested" or "[" not in key else key + suffix, pairs[i][1])
        return op
    if op == "unknown":
        key = rng.choice(["face[nope]", "text[zzz]", "chips[]", "chips", "id", "_method", "csrf_token", "lang", "go",
                          "face[k1_greet]", "text[well]", "text[loves]", "check", "page", random_unicode(rng, 5)])
        pairs.append((key, rng.choice(["DELETE", "1", "nope", "4", "welcome", "interpreter", "back", "", MARKER])))
        return "unknown_field"
    if op == "many":
        count = rng.choice([300, 3000])
        pairs.extend((f"f{n}", str(n)) for n in range(count))
        return f"many{count}"
    if op == "emptykey":
        pairs.append(rng.choice([("", "x"), ("", None), ("face", None), ("=", "="), ("&", "&")]))
        return "empty_key"
    if pairs:
        i = rng.randrange(len(pairs))
        pairs[i] = (Raw(wire(logical(pairs[i][0]), True) + rng.choice(INVALID_UTF8 + BAD_PERCENT),
                        data_bytes(pairs[i][0]) + b"\xff"), pairs[i][1])
        return "bad_key"
    return "none"


def mutate_body(rng, spec):
    op = rng.choice(["json", "json_types", "json_broken", "multipart", "multipart", "multipart_bad_utf8", "multipart_bad_utf8",
                     "multipart_broken", "no_ctype", "ctype", "random_body", "empty_body", "chunked", "gzip", "latin1"])
    if op == "multipart_bad_utf8":
        # Bytes that are not UTF-8 inside an otherwise ordinary text field: a urlencoded form with them is refused.
        spec.encoding = "multipart"
        texts = [i for i, (k, _) in enumerate(spec.form or []) if logical(k).split("[")[0] in ("text", "name", "email", "code", "lang")]
        if texts:
            i = rng.choice(texts)
            bad = rng.choice([b"\xc0\xaf", b"\xff", b"\xed\xa0\x80", b"\xe2\x82", b"\xf4\x90\x80\x80", b"\x80"])
            spec.form[i] = (spec.form[i][0], Raw(b"", "Goed gesprek ".encode() + bad + " met de juf".encode()))
    elif op == "json":
        spec.encoding = "json"
    elif op == "json_types":
        spec.body = json.dumps(rng.choice([
            {"face": 3, "check": 1, "chips": "welcome", "text": ["a"]}, {"face": [3], "lang": {"x": 1}}, {"text": {"loves": 5}},
            {"face": {"k1_greet": 3.5}, "go": None}, {"code": 12345678}, {"code": None, "lang": True}, [1, 2, 3], "text", 42,
            {"face": 1e400 if False else 1e308, "text": "x" * 1000}, {"chips": [None, 1, {"a": []}]},
            {"email": ["a@b.c"], "password": {"a": 1}, "csrf_token": 0}])).encode()
        spec.content_type = b"application/json"
    elif op == "json_broken":
        spec.body = rng.choice([b"{", b"[1,", b'{"face":"\\ud800"}', b'{"text":"\\u0000"}', b'{"a":1}}', b"\xff\xfe{\x00",
                                b'{"face":' + b"[" * 20000 + b"]" * 20000 + b"}", b'{"' + b"a" * 50000 + b'":1}', b"null",
                                b'{"face":"3","face":"4"}', b"{" + b'"a":{' * 600 + b"}" * 601])
        spec.content_type = rng.choice([b"application/json", b"application/json; charset=utf-16", b"application/vnd.api+json"])
    elif op == "multipart":
        spec.encoding = "multipart"
    elif op == "multipart_broken":
        body, _ = spec.encoded_body()
        spec.body = rng.choice([
            b"--XX\r\nContent-Disposition: form-data; name=\"face\"\r\n\r\n3",
            b"--XX\r\n\r\n--XX--\r\n", b"garbage", b"--XX--", b"--XX\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XX--\r\n",
            b"--XX\r\nContent-Disposition: form-data; name=\"text\"; filename=\"../../etc/passwd\"\r\nContent-Type: text/plain\r\n\r\n"
            b"\x00\xff\r\n--XX--\r\n",
            b"--XX\r\nContent-Disposition: form-data; name=\"text[\"\r\n\r\nx\r\n--XX--\r\n",
            b"--XX\r\nContent-Disposition: form-data; name=\"" + b"a" * 20000 + b"\"\r\n\r\nx\r\n--XX--\r\n",
            (body or b"") + b"\r\n--XX--\r\n"])
        spec.content_type = rng.choice([b"multipart/form-data; boundary=XX", b"multipart/form-data",
                                        b"multipart/form-data; boundary=", b"multipart/form-data; boundary=YY",
                                        b"multipart/form-data; boundary=" + b"X" * 200, b"multipart/mixed; boundary=XX"])
    elif op == "no_ctype":
        if spec.form is None:
            spec.form = [("a", "b")]
        spec.body, _ = spec.encoded_body()
        spec.content_type = b"-"
    elif op == "ctype":
        if spec.form is None:
            spec.form = [("a", "b")]
        spec.body, _ = spec.encoded_body()
        spec.content_type = rng.choice([b"text/plain", b"application/xml", b"*/*", b"application/*", b"x" * 3000, b";;;",
                                        b"application/x-www-form-urlencoded; charset=iso-8859-1",
                                        b"APPLICATION/X-WWW-FORM-URLENCODED", b"application/x-www-form-urlencoded\xff",
                                        b"application/octet-stream", b"text/html; charset=utf-7"])
    elif op == "random_body":
        spec.body = bytes(rng.randrange(256) for _ in range(rng.choice([1, 100, 5000])))
        spec.content_type = rng.choice([b"application/x-www-form-urlencoded", b"multipart/form-data; boundary=a",
                                        b"application/json"])
    elif op == "empty_body":
        spec.body = b""
        spec.content_type = rng.choice([b"application/x-www-form-urlencoded", b"application/json", b"-"])
    elif op == "chunked":
        spec.chunked = rng.choice([1, 7, 700, 100_000])
    elif op == "gzip":
        spec.gzip = True
    else:
        body, _ = spec.encoded_body()
        spec.body = (body or b"") + b"&text=caf%E9&lang=\xe9"
        spec.content_type = b"application/x-www-form-urlencoded; charset=iso-8859-1"
    spec.body_from_form = spec.body_from_form or op in ("no_ctype", "ctype", "latin1")
    return op


def mutate_headers(rng, spec):
    op = rng.choice(["accept_language", "accept_language", "cookie_bad", "cookie_bad", "cookie_huge", "odd_header",
                     "odd_header", "host"])
    if op == "accept_language":
        spec.headers.append((b"Accept-Language", rng.choice(ACCEPT_LANGUAGES)))
    elif op == "cookie_bad":
        device = rng.choice([b"", b"short", b"a" * 31, b"a" * 65, b"\"quoted-value-that-is-long-enough-32\"", "é".encode() * 40,
                             b"\xff" * 40, b"A" * 32, b"a;b=c", b"../../../../../../etc/passwd/aaaaaa", b"%00" * 12])
        spec.cookies.append(rng.choice([(b"samenspraak_device", device), (b"samenspraak_lang", rng.choice([b"xx", b"ar", b"en", b"\xff"])),
                                        (b"samenspraak_session", rng.choice([b"x", b"A" * 43, b"A" * 200])),
                                        (b"samenspraak_csrf", rng.choice([b"", b"x", b"A" * 43])), (b"", b""), (b"=", b"="),
                                        (b"a", b"b=c=d"), (b"\"", b"\""), (b"samenspraak_device", b"")]))
        if rng.random() < 0.2:
            spec.cookies.extend((f"c{n}".encode(), b"v") for n in range(300))
    elif op == "cookie_huge":
        size = rng.choice([4000, 16000, 70000, 120000])
        if size > 60000:
            spec.may_drop, spec.fresh = True, True
        spec.cookies.append((b"samenspraak_device", b"x" * size))
    elif op == "odd_header":
        spec.headers.append(rng.choice(ODD_HEADERS))
    else:
        spec.headers.append((b"Host", rng.choice([b"", b"evil.example", b"127.0.0.1:99999", b"\xff\xfe", b"a" * 3000,
                                                   b"[::1", b"localhost, other"])))
    return op


PATH_GARBAGE = ["..", "%2e%2e", "%2E%2E%2F%2E%2E", ".", "%00", "%FF", "%C0%AF", "%C0%AE%C0%AE", "....//", "..%2f..%2f",
                "%", "%zz", ";", "%3B", "%3F", "%23", "%20", "+", "~", "%2F", "A" * 129, "A" * 5000, "é", "%C3%A9", "%E2%80%AE",
                "0", "-1", "99999999999999999999", "1.5", "+1", "01", "%31", "00000000-0000-0000-0000-000000000000",
                "ZZZZZZZZ-0000-0000-0000-000000000000", "null", "undefined", "{token}", ":slug", "*"]


def mutate_path(rng, spec):
    op = rng.choice(["param", "param", "param", "traversal", "slashes", "case", "long", "bytes", "query", "query", "query",
                     "fragment"])
    params = [i for i, s in enumerate(spec.path) if isinstance(s, tuple)]
    if op == "param" and params:
        i = rng.choice(params)
        choice = rng.choice(PATH_GARBAGE + ["tweak"])
        if choice == "tweak":
            value = spec.path[i][1]
            value = value[:-1] + ("A" if value[-1:] != "A" else "B") if value else "x"
            spec.path[i] = ("param", value)
        else:
            spec.path[i] = ("param", choice)
        return "path_param"
    if op == "traversal":
        spec.path.insert(rng.randrange(len(spec.path) + 1), rng.choice(["..", "%2e%2e", ".", "%2e", "..%2F..", "%5C..%5C",
                                                                       "..;", "%252e%252e"]))
        return op
    if op == "slashes":
        spec.path.insert(rng.randrange(len(spec.path) + 1), "")
        if rng.random() < 0.5:
            spec.path.append("")
        return op
    if op == "case":
        i = rng.randrange(len(spec.path))
        segment = spec.path[i]
        value = segment[1] if isinstance(segment, tuple) else segment
        spec.path[i] = ("param", value.swapcase()) if isinstance(segment, tuple) else value.swapcase()
        return op
    if op == "long":
        size = rng.choice([2000, 20000, 70000])
        spec.path.append("a" * size)
        if size > 60000:
            spec.may_drop, spec.fresh = True, True
        return f"long_path{size // 1000}k"
    if op == "bytes":
        spec.path.append(rng.choice([b"\xff\xfe", "é".encode(), b"%00", b"a\x7fb", b"%", b"\xc0\xaf"]))
        return "path_bytes"
    if op == "query":
        sub = rng.choice(["garbage", "repeat", "array", "huge", "bad"])
        if sub == "garbage":
            key = rng.choice(["lang", "q", "code", "next", "back", "signed_out", "page", random_unicode(rng, 3)])
            value, name = garbage_value(rng, spec, key)
            if isinstance(value, str) and len(value) > 20000:
                value = value[:20000]
            spec.query.append((key, value))
            return "query_" + name
        if sub == "repeat" and spec.query:
            spec.query.append((spec.query[0][0], rng.choice(["xx", "ar", "", MARKER])))
            return "query_repeat"
        if sub == "array":
            spec.query.append((rng.choice(["lang[]", "lang[x][y]", "q[]", "code[0]", "next[]"]), "nl"))
            return "query_array"
        if sub == "huge":
            spec.query.extend((f"k{n}", "v") for n in range(rng.choice([500, 3000])))
            return "query_many"
        spec.query.append((Raw(rng.choice(BAD_PERCENT + INVALID_UTF8), b"?"), Raw(rng.choice(INVALID_UTF8 + BAD_PERCENT), b"?")))
        return "query_bad"
    last = spec.path[-1][1] if isinstance(spec.path[-1], tuple) else spec.path[-1]
    spec.path[-1] = data_bytes(last) + b"#frag"
    return "fragment"


METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "PROPFIND", "PURGE"]


def framing_request(rng, spec):
    """A request whose framing itself is broken: sent alone on a fresh connection; the server may close it."""
    body, content_type = spec.encoded_body()
    body = body or b"face=3"
    target = spec.target()
    head = b"POST " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
    ctype = b"Content-Type: " + (content_type or b"application/x-www-form-urlencoded") + b"\r\n"
    op = rng.choice(["random", "random_head", "cl_short", "cl_long", "cl_bad", "cl_twice", "te_bad", "te_cl", "http10",
                     "http09", "http2", "bare_lf", "obs_fold", "space_colon", "bad_name", "raw_target", "method",
                     "connect", "pipelined", "absolute", "asterisk"])
    spec.may_drop, spec.fresh = True, True
    if op == "random":
        spec.raw = bytes(rng.randrange(256) for _ in range(rng.choice([1, 50, 2000])))
    elif op == "random_head":
        spec.raw = b"GET / HTTP/1.1\r\n" + bytes(rng.randrange(256) for _ in range(300)) + b"\r\n\r\n"
    elif op == "cl_short":
        spec.raw = head + ctype + b"Content-Length: 3\r\n\r\n" + body
    elif op == "cl_long":
        spec.raw = head + ctype + b"Content-Length: %d\r\n\r\n" % (len(body) + 50) + body
    elif op == "cl_bad":
        spec.raw = head + ctype + b"Content-Length: " + rng.choice([b"abc", b"-5", b"1, 2", b"+6", b"99999999999999999999", b""]) \
            + b"\r\n\r\n" + body
    elif op == "cl_twice":
        spec.raw = head + ctype + b"Content-Length: %d\r\nContent-Length: 1\r\n\r\n" % len(body) + body
    elif op == "te_bad":
        spec.raw = head + ctype + b"Transfer-Encoding: chunked\r\n\r\n" + rng.choice(
            [b"zz\r\nabc\r\n0\r\n\r\n", b"5\r\nabc", b"FFFFFFFFFFFFFFFF\r\nabc\r\n", b"3;" + b"x" * 9000 + b"\r\nabc\r\n0\r\n\r\n",
             b"-1\r\n\r\n", b"3\r\nabcdef\r\n0\r\n\r\n"])
    elif op == "te_cl":
        spec.raw = head + ctype + b"Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n" + b"%x\r\n" % len(body) + body \
            + b"\r\n0\r\n\r\n"
    elif op == "http10":
        spec.raw = b"GET " + target + b" HTTP/1.0\r\n\r\n"
    elif op == "http09":
        spec.raw = b"GET " + target + b"\r\n"
    elif op == "http2":
        spec.raw = rng.choice([b"GET " + target + b" HTTP/2.0\r\nHost: a\r\n\r\n", b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
                               b"GET " + target + b" HTTP/1.7\r\nHost: a\r\n\r\n"])
    elif op == "bare_lf":
        spec.raw = b"GET " + target + b" HTTP/1.1\nHost: a\nConnection: close\n\n"
    elif op == "obs_fold":
        spec.raw = b"GET " + target + b" HTTP/1.1\r\nHost: a\r\nX-A: b\r\n c\r\nConnection: close\r\n\r\n"
    elif op == "space_colon":
        spec.raw = b"GET " + target + b" HTTP/1.1\r\nHost : a\r\nConnection: close\r\n\r\n"
    elif op == "bad_name":
        spec.raw = b"GET " + target + b" HTTP/1.1\r\nHost: a\r\nX(y): 1\r\n\x00: 2\r\nConnection: close\r\n\r\n"
    elif op == "raw_target":
        spec.raw = b"GET /m/" + rng.choice([b"a b", b"a\tb", "é".encode(), b"\x00", b"\x7f", b"a\rb"]) + b" HTTP/1.1\r\nHost: a\r\n\r\n"
    elif op == "method":
        spec.raw = rng.choice([b"get", b"FOO", b"G E T", b"CONNECTX", b"\xff"]) + b" " + target + b" HTTP/1.1\r\nHost: a\r\n\r\n"
    elif op == "connect":
        spec.raw = b"CONNECT " + rng.choice([b"127.0.0.1:22", target]) + b" HTTP/1.1\r\nHost: a\r\n\r\n"
    elif op == "pipelined":
        one = b"GET " + target + b" HTTP/1.1\r\nHost: a\r\n\r\n"
        spec.raw = one * rng.choice([2, 50]) + head + ctype + b"Content-Length: %d\r\n\r\n" % len(body) + body
        spec.may_drop = False
    elif op == "absolute":
        spec.raw = b"GET http://127.0.0.1" + target + b" HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
        spec.may_drop = False
    else:
        spec.raw = b"OPTIONS * HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
        spec.may_drop = False
    return "framing_" + op


# ---------------------------------------------------------------------------------------------------------------
# Routes: every route someone who is not signed in can reach, with a valid request to start from.

def routes(ctx):
    def rating_form(rng, with_device=True):
        device, check = rng.choice(ctx.devices)
        form = [("lang", rng.choice(ctx.rating_languages)), ("check", check), ("face", str(rng.choice(RATING_FACES)))]
        form += [("chips[]", chip) for chip in rng.sample(ctx.rating_chips, rng.randint(0, 3))]
        form.append(("text", rng.choice(["", "Fijn!", "Goed gesprek\r\nmet de juf.", random_unicode(rng, 20), "  ruimte  "])))
        return form, [("samenspraak_device", device)] if with_device else []

    def page_form(rng, questionnaire, page):
        items = QUESTIONNAIRES[questionnaire]["items"]
        if page <= len(items):
            form = [(f"face[{items[page - 1]}]", str(rng.choice(SURVEY_FACES)))]
            if rng.random() < 0.3:
                form.append((f"face[{rng.choice(items)}]", str(rng.choice(SURVEY_FACES))))
        elif page == len(items) + 1:
            form = [(f"text[{q}]", rng.choice(["", "Goed.", "Meer uitleg\r\naub", random_unicode(rng, 30)]))
                    for q in QUESTIONNAIRES[questionnaire]["open"]]
        else:
            form = []
        return form + [("go", rng.choice(["next", "back", "next"]))]

    def draft(rng):
        return rng.choice(ctx.page_drafts + ctx.code_drafts[:1])

    def page_post(rng):
        token, questionnaire = draft(rng)
        page = rng.randint(1, len(QUESTIONNAIRES[questionnaire]["items"]) + 2)
        return Spec(0, "", "POST", ["d", ("param", token), ("param", str(page))], form=page_form(rng, questionnaire, page),
                    kind="survey_page")

    table = {
        "GET /": (3, lambda rng: Spec(0, "", "GET", [""])),
        "GET /static/samenspraak.css": (2, lambda rng: Spec(0, "", "GET", ["static", "samenspraak.css"],
                                                             headers=[(b"If-None-Match", ctx.css_etag.encode())] if rng.random() < 0.5 else [])),
        "GET /static/read-aloud.js": (1, lambda rng: Spec(0, "", "GET", ["static", "read-aloud.js"])),
        "GET /language/:code": (3, lambda rng: Spec(0, "", "GET", ["language", ("param", rng.choice(["nl", "en", "ar", "xx"]))],
                                                      query=[("back", rng.choice(["/stories", "/m/" + ctx.rating_slug, "//evil.example",
                                                                                  "/\\evil", "https://evil.example", "/a b", "/" + "a" * 600,
                                                                                  "/\x00x", "/x\x7f", "/\x1b[31m", "/é", "/" + MARKER]))])),
        "GET /healthz": (2, lambda rng: Spec(0, "", "GET", ["healthz"])),
        "GET /metrics": (1, lambda rng: Spec(0, "", "GET", ["metrics"])),
        "GET /login": (2, lambda rng: Spec(0, "", "GET", ["login"], query=[("next", rng.choice(["/staff", "//evil", "/stories", "/" + MARKER])),
                                                                            ("signed_out", "1")][:rng.randint(0, 2)])),
        "POST /login": (9, lambda rng: Spec(0, "", "POST", ["login"], form=[
            ("csrf_token", ctx.csrf), ("email", rng.choice(["nobody@example.org", "coordinator@demo.samenspraak.be", "a@b.c",
                                                            f"fuzz{rng.randrange(50)}@example.org"])),
            ("password", rng.choice(["wrong-password", "", "x" * 80])), ("next", rng.choice(["", "/staff", "//evil"]))],
            cookies=[("samenspraak_csrf", ctx.csrf)], kind="login")),
        "POST /logout": (1, lambda rng: Spec(0, "", "POST", ["logout"], form=[("csrf_token", ctx.csrf)],
                                             cookies=[("samenspraak_csrf", ctx.csrf)])),
        "GET /setup": (1, lambda rng: Spec(0, "", "GET", ["setup"])),
        "POST /setup": (2, lambda rng: Spec(0, "", "POST", ["setup"], form=[
            ("csrf_token", ctx.csrf), ("name", "Fuzz"), ("email", "fuzz-setup@example.org"), ("password", "long-enough-pw"),
            ("password_confirmation", "long-enough-pw")], cookies=[("samenspraak_csrf", ctx.csrf)])),
        "GET /invite/:token": (2, lambda rng: Spec(0, "", "GET", ["invite", ("param", rng.choice(ctx.invitations))])),
        "POST /invite/:token": (5, lambda rng: Spec(0, "", "POST", ["invite", ("param", rng.choice(ctx.invitations))], form=[
            ("csrf_token", ctx.csrf), ("name", rng.choice(["Fuzz Invitee", "", "N" * (NAME_MAX + 1), "Fuzz\x00"])),
            ("password", rng.choice(["short", "long-enough-pw", "p" * 73, "Long-enough-pw"])), ("password_confirmation", "long-enough-pw")],
            cookies=[("samenspraak_csrf", ctx.csrf)], kind="invite")),
        "GET /o/:slug": (3, lambda rng: Spec(0, "", "GET", ["o", ("param", rng.choice([ctx.wave_slug, ctx.team_slug, ctx.closed_wave_slug]))],
                                               query=[("lang", rng.choice(["nl", "ar", "xx"]))][:rng.randint(0, 1)])),
        "POST /o/:slug/start": (5, lambda rng: Spec(0, "", "POST", ["o", ("param", rng.choice([ctx.wave_slug, ctx.wave_slug, ctx.team_slug,
                                                                                                ctx.closed_wave_slug])), "start"],
                                                      form=[("lang", rng.choice(sorted(LANGUAGES) + ["xx"]))], kind="begin")),
        "GET /o/:slug/thanks": (1, lambda rng: Spec(0, "", "GET", ["o", ("param", ctx.wave_slug), "thanks"], query=[("lang", "ar")])),
        "GET /c": (2, lambda rng: Spec(0, "", "GET", ["c"], query=[("code", rng.choice(ctx.unused_codes)), ("lang", "tr")][:rng.randint(0, 2)])),
        "POST /c": (6, lambda rng: Spec(0, "", "POST", ["c"], form=[
            ("code", rng.choice([rng.choice(ctx.unused_codes), rng.choice(ctx.unused_codes).lower().replace("-", " "),
                                 rng.choice(ctx.used_codes), "ABCD-EFGH", " " + rng.choice(ctx.unused_codes) + ". "])),
            ("lang", rng.choice(["", "nl", "ar", "xx"]))], kind="code")),
        "GET /d/:token": (2, lambda rng: Spec(0, "", "GET", ["d", ("param", draft(rng)[0])], query=[("lang", "fr")][:rng.randint(0, 1)])),
        "POST /d/:token": (3, lambda rng: Spec(0, "", "POST", ["d", ("param", draft(rng)[0])],
                                                form=[("lang", rng.choice(["nl", "fr", "ar", "xx", "en"]))], kind="choose")),
        "GET /d/:token/:page": (4, lambda rng: Spec(0, "", "GET", ["d", ("param", draft(rng)[0]), ("param", str(rng.randint(1, 23)))])),
        "POST /d/:token/:page": (16, page_post),
        "POST /d/:token/submit": (5, lambda rng: Spec(0, "", "POST", ["d", ("param", "{FRESH}"), "submit"], form=[],
                                                       kind="submit", dynamic="fresh")),
        "GET /m/:slug": (4, lambda rng: (lambda f: Spec(0, "", "GET", ["m", ("param", rng.choice([ctx.rating_slug] * 3 + ctx.other_moments))],
                                                         query=[("lang", rng.choice(ctx.rating_languages + ["xx"]))][:rng.randint(0, 1)],
                                                         cookies=f[1] if rng.random() < 0.6 else []))(rating_form(rng))),
        "POST /m/:slug": (20, lambda rng: (lambda f: Spec(0, "", "POST", ["m", ("param", ctx.rating_slug if rng.random() < 0.9 else
                                                                              rng.choice(ctx.other_moments))],
                                                           form=f[0], cookies=f[1], kind="rate"))(rating_form(rng))),
        "GET /m/:slug/thanks": (1, lambda rng: Spec(0, "", "GET", ["m", ("param", ctx.rating_slug), "thanks"], query=[("lang", "bg")])),
        "GET /school/:slug": (2, lambda rng: Spec(0, "", "GET", ["school", ("param", ctx.demo["profilePath"].rsplit("/", 1)[1])],
                                                   headers=[(b"If-None-Match", b"*")] if rng.random() < 0.2 else [])),
        "GET /stories": (2, lambda rng: Spec(0, "", "GET", ["stories"], headers=[(b"If-None-Match", ctx.story_etag.encode())]
                                             if rng.random() < 0.3 else [])),
        "GET /stories/keys/:key": (2, lambda rng: Spec(0, "", "GET", ["stories", "keys", ("param", str(rng.choice(ctx.story_keys + [0, 13])))])),
        "GET /stories/schools/:slug": (1, lambda rng: Spec(0, "", "GET", ["stories", "schools", ("param", ctx.story_school)])),
        "GET /stories/search": (6, lambda rng: Spec(0, "", "GET", ["stories", "search"],
                                                    query=[("q", rng.choice(["vader", "ouders koffie", "", "a", "poort*",
                                                                             "\"", "NEAR(a b)", "ⓐⓐ ⅻⅻ", random_unicode(rng, 12)]))])),
        "GET /stories/feed.atom": (1, lambda rng: Spec(0, "", "GET", ["stories", "feed.atom"])),
        "GET /stories/photos/:id": (2, lambda rng: Spec(0, "", "GET", ["stories", "photos", ("param", rng.choice(
            ["00000000-0000-0000-0000-000000000000", ctx.demo["momentID"], "not-a-uuid"]))])),
        "GET /stories/:slug": (3, lambda rng: Spec(0, "", "GET", ["stories", ("param", rng.choice(ctx.story_slugs))])),
        "GET /k/:token": (3, lambda rng: Spec(0, "", "GET", ["k", ("param", ctx.card_token)],
                                              query=[("lang", rng.choice(ctx.card_languages + ["xx"]))][:rng.randint(0, 1)])),
        "POST /k/:token": (10, lambda rng: Spec(0, "", "POST", ["k", ("param", ctx.card_token)], form=[
            ("lang", rng.choice(ctx.card_languages))] + [(f"text[{p}]", rng.choice(["", "Zij tekent graag.", random_unicode(rng, 15)]))
                                                         for p in rng.sample(CARD_PROMPTS, rng.randint(0, 4))]
            + [("chips[]", c) for c in rng.sample(CARD_CHIPS, rng.randint(0, 3))], kind="card")),
        "GET /k/:token/thanks": (1, lambda rng: Spec(0, "", "GET", ["k", ("param", ctx.card_token), "thanks"])),
        "GET /api/v1/waves/:id/report": (2, lambda rng: Spec(0, "", "GET", ["api", "v1", "waves", ("param", ctx.demo["waveID"]), "report"],
                                                            headers=[(b"Authorization", rng.choice([b"Bearer x", b"Bearer " + b"A" * 43, b"Basic x"]))])),
        "staff routes, not signed in": (4, lambda rng: Spec(0, "", rng.choice(["GET", "POST"]), [
            "staff", *rng.choice([["trajectories", ("param", ctx.demo["trajectoryID"])], ["schools", ("param", ctx.demo["schoolIDs"][0]), "staff"],
                                  ["waves", ("param", ctx.demo["waveID"]), "report.csv"], ["moments", ("param", ctx.demo["momentID"]), "conversation-cards"],
                                  ["events", ("param", ctx.demo["eventPath"].rsplit("/", 1)[1]), "registration"], ["stories", ("param", "x"), "photo"]])],
            form=[("csrf_token", "x")] if rng.random() < 0.5 else None)),
        "GET /account/password": (1, lambda rng: Spec(0, "", "GET", ["account", "password"])),
        "unknown paths": (2, lambda rng: Spec(0, "", "GET", [rng.choice(["favicon.ico", "robots.txt", ".env", "wp-login.php", ".git",
                                                                         "static", "d", "m", "k"]), *([""] if rng.random() < 0.3 else [])])),
    }
    return table


def make_spec(index, ctx, table, names, weights, forced_route=None):
    rng = random.Random(f"{SEED}-{index}")
    name = forced_route or rng.choices(names, weights)[0]
    spec = table[name][1](rng)
    spec.index, spec.route = index, name
    roll = rng.random()
    if roll < 0.12:
        spec.mutations.append("valid")
        return spec
    if roll < 0.17:
        spec.mutations.append(framing_request(rng, spec))
        return spec
    for _ in range(rng.choices([1, 2, 3], [6, 3, 1])[0]):
        area = rng.choices(["form", "body", "headers", "path", "method"], [8 if spec.method == "POST" else 1, 2, 3, 4, 1])[0]
        if area == "form":
            spec.mutations.append(mutate_form(rng, spec))
        elif area == "body":
            spec.mutations.append(mutate_body(rng, spec))
        elif area == "headers":
            spec.mutations.append(mutate_headers(rng, spec))
        elif area == "path":
            spec.mutations.append(mutate_path(rng, spec))
        else:
            spec.method = rng.choice([m for m in METHODS if m != spec.method])
            spec.mutations.append("method_" + spec.method)
    return spec


# ---------------------------------------------------------------------------------------------------------------
# Running and judging

class Tally:
    """What the fuzzer saw acknowledged, to compare with what the database holds."""

    def __init__(self):
        self.lock = threading.Lock()
        self.counts = Counter()
        self.rating_devices = set()
        self.rating_texts = set()
        self.card_texts = set()
        self.card_acked = False
        self.card_maybe = False
        self.maybe_devices = set()
        self.emails = set()
        self.too_long_acked = []

    def count(self, name, n=1):
        with self.lock:
            self.counts[name] += n

    def rating_ack(self, device, fields):
        """`device` is (moment slug, check field): one stored rating per moment and device."""
        with self.lock:
            self.counts["rating_ack"] += 1
            self.rating_devices.add(device)
            self.rating_texts.update(normalized(t) for t in fields.get("text", []))

    def card_ack(self, fields):
        with self.lock:
            self.counts["card_ack"] += 1
            self.card_acked = True
            self.card_texts.update(normalized(t) for t in fields.get("text", []))

    def login_email(self, email):
        with self.lock:
            self.emails.add(email)

    def maybe(self, spec):
        """A request whose answer was not read (dropped, or sent with broken framing): it may have been stored."""
        fields = fields_of(spec)
        with self.lock:
            if spec.kind == "rate":
                slug = logical(spec.path[1][1] if isinstance(spec.path[1], tuple) else spec.path[1]).lower()
                self.maybe_devices.update((slug, check) for check in fields.get("check", []))
                self.rating_texts.update(normalized(t) for t in fields.get("text", []))
            elif spec.kind == "card":
                self.card_maybe = True
                self.card_texts.update(normalized(t) for t in fields.get("text", []))
            elif spec.kind in ("submit", "invite"):
                self.counts[spec.kind + "_maybe"] += 1
            elif spec.kind == "login":
                self.emails.update(fields.get("email", []))


@dataclass
class Outcome:
    spec: Spec
    status: int = None
    error: str = None
    location: str = None
    seconds: float = 0.0
    problems: list = field(default_factory=list)
    server_down: bool = False
    previous: int = None            # the request before this one on the same kept-alive connection


def fields_of(spec):
    """The logical values of a form, by the name before any bracket (what the app might have read)."""
    found = {}
    if spec.body is not None and not spec.body_from_form:
        return found
    for key, value in spec.form or []:
        found.setdefault(logical(key).split("[", 1)[0], []).append(logical(value))
    return found


def judge(spec, reply, ctx, tally):
    """Acknowledgements to count, and problems with a reply that is not a 5xx."""
    problems = []
    for key, value in reply.headers:
        if any(b < 0x20 and b != 0x09 or b == 0x7F for b in value) or any(b <= 0x20 or b == 0x7F for b in key):
            problems.append(f"response header {key.decode('latin-1')} holds control characters: {value[:120]!r}")
    content_type = (reply.header("content-type") or "").lower()
    if spec.marker and "html" in content_type and "<zq9" in reply.text():
        problems.append("the page shows typed input unescaped (<zq9 ...)")
    location = reply.header("location") or ""
    if reply.status == 303 and spec.raw is None:
        path = urllib.parse.urlsplit(location).path
        checks = [logical(v) for k, v in spec.form or [] if logical(k).startswith("check")]
        known = {check for _, check in ctx.devices}
        check = next((c for c in checks if c in known), checks[0] if checks else "?")
        if spec.kind == "rate" and re.fullmatch(r"/m/[a-z0-9]+/thanks", path):
            tally.rating_ack((path.split("/")[2], check), fields_of(spec))
            for name, count in spec.probes.items():
                if name.startswith("text") and count > RATING_TEXT_MAX:
                    tally.too_long_acked.append(spec.describe())
        elif spec.kind == "submit" and re.fullmatch(r"/o/[a-z0-9]+/thanks", path):
            tally.count("survey_ack")
        elif spec.kind == "card" and path == f"/k/{ctx.card_token}/thanks":
            tally.card_ack(fields_of(spec))
            for name, count in spec.probes.items():
                if name.startswith("text") and count > CARD_TEXT_MAX:
                    tally.too_long_acked.append(spec.describe())
        elif spec.kind == "survey_page":
            for name, count in spec.probes.items():
                if name.startswith("text") and count > SURVEY_TEXT_MAX:
                    tally.too_long_acked.append(spec.describe())
        elif spec.kind == "invite" and path == "/staff":
            tally.count("invite_ack")
        match = re.match(r"/d/([A-Za-z0-9_-]+)", path)
        if match and spec.kind in ("begin", "code"):      # new drafts; a language choice redirects to the same one
            ctx.add_fresh(match.group(1))
    if spec.kind == "login" and reply.status in (401, 429):
        for value in fields_of(spec).get("email", []):
            tally.login_email(value)
    if reply.status == 429:
        tally.count(f"429 {spec.route}")
    return problems


def breaks_http(spec):
    """Why a request is not well-formed HTTP/1.1 (RFC 9112), so that closing the connection is a fair answer; or None."""
    if spec.raw is not None:
        return "raw framing"
    target = spec.target()
    if any(b < 0x21 or b > 0x7E or b == 0x23 for b in target):
        return "request-target with bytes that are not allowed"
    names = [n.lower() for n, _ in spec.headers]
    if names.count(b"transfer-encoding") > 1 or names.count(b"host") > 1:
        return "repeated framing header"
    cookies = sum(len(data_bytes(k)) + len(data_bytes(v)) + 3 for k, v in spec.cookies) if spec.cookies else 0
    if len(target) + sum(len(n) + len(v) for n, v in spec.headers) + cookies > HEAD_MAX:
        return "a request head over the HTTP parser's 80 KB (Vapor closes instead of answering 414 or 431)"
    for name, value in spec.headers + ([(b"Cookie", b"; ".join(data_bytes(k) + b"=" + data_bytes(v) for k, v in spec.cookies))]
                                        if spec.cookies else []):
        if not re.fullmatch(rb"[!#$%&'*+\-.^_`|~0-9A-Za-z]+", name) or any(b < 0x20 and b != 0x09 or b == 0x7F for b in value):
            return "header with characters that are not allowed"
    return None


LOUD_CRASH = {"SWIFT_BACKTRACE": "enable=yes,interactive=no,threads=crashed,symbolicate=fast"}
# FUZZ_BACKTRACE=1: every crash during the fuzzing prints its backtrace too (slower: seconds per crash).
QUIET_CRASH = LOUD_CRASH if os.environ.get("FUZZ_BACKTRACE") else {"SWIFT_BACKTRACE": "enable=no"}


class Supervisor:
    """Runs the server; when it dies (or hangs), keeps what had no answer yet, starts it again and lets the fuzzing go on.
    Crashes exit at once during the fuzzing; each kind is replayed afterwards with a backtrace."""

    def __init__(self, database, port, log, env=ENV):
        self.database, self.port, self.log, self.env = database, port, log, env
        self.lock = threading.Lock()
        self.crashes = []
        self.generation = 0
        self.in_flight = {}
        self.unanswered = []
        self.last_reply = time.time()
        self.process = start(database, port, log, {**env, **QUIET_CRASH})
        self.offset = os.path.getsize(log)

    def alive(self):
        return self.process.poll() is None

    def sending(self, spec):
        with self.lock:
            self.in_flight[threading.get_ident()] = (time.time(), spec)
            return self.generation

    def replied(self):
        self.last_reply = time.time()

    def done(self, answered):
        with self.lock:
            entry = self.in_flight.pop(threading.get_ident(), None)
            if entry and not answered:
                self.unanswered.append(entry)

    def _responsive(self):
        try:
            return Connection(self.port).exchange(encode_request("GET", b"/healthz", [], None, self.port), fresh=True,
                                                  timeout=3).status == 200
        except (Dropped, Malformed, OSError):
            return False

    def check(self, generation):
        """After a request got no answer: True when the server had died or hung (it is then started again)."""
        if self.generation != generation:
            return True
        if self.alive():
            time.sleep(0.3)
            if self.alive() and self._responsive():
                return False
            deadline = time.time() + 60
            while self.alive() and time.time() < deadline and not self._responsive():
                time.sleep(0.5)
            if self.alive() and self._responsive():
                return False
        with self.lock:
            if self.generation == generation:
                hung = self.alive()
                if hung:
                    self.process.kill()
                    self.process.wait()
                # Most likely first: what was waiting for its answer when the server died, then what got none just before.
                since = self.last_reply - 2
                suspects = sorted(self.in_flight.values(), key=lambda e: e[0])
                suspects += sorted([e for e in self.unanswered if e[0] >= since], key=lambda e: -e[0])
                self.crashes.append({"exit": "hung" if hung else self.process.returncode, "suspects": [spec for _, spec in suspects],
                                     "log": crash_excerpt(self._log_since())})
                self.unanswered = []
                self.process = start(self.database, self.port, self.log, {**self.env, **QUIET_CRASH})
                self.offset = os.path.getsize(self.log)
                self.generation += 1
        return True

    def _log_since(self):
        with open(self.log, "rb") as handle:
            handle.seek(self.offset)
            return handle.read().decode("utf-8", errors="replace")

    def replay(self):
        """Sends the suspects of each kind of crash alone, oldest first, to a server that prints a backtrace, until one
        kills it: that request is the reproduction."""
        seen = set()
        for crash in self.crashes:
            signature = (crash["exit"], (crash["log"] or [""])[0])
            if signature in seen or len(seen) >= 3:
                continue
            seen.add(signature)
            stop(self.process)
            self.offset = os.path.getsize(self.log)
            self.process = start(self.database, self.port, self.log, {**self.env, **LOUD_CRASH})
            for spec in crash["suspects"][:12]:
                try:
                    Connection(self.port).exchange(spec.to_bytes(self.port), fresh=True, timeout=3)
                except (Dropped, Malformed, OSError):
                    pass
                time.sleep(0.3)
                if self.alive() and self._responsive():
                    continue
                deadline = time.time() + 90
                while self.alive() and time.time() < deadline:
                    time.sleep(0.5)
                crash["culprit"] = spec
                crash["backtrace"] = crash_excerpt(self._log_since())
                if self.alive():
                    self.process.kill()
                    self.process.wait()
                self.offset = os.path.getsize(self.log)
                self.process = start(self.database, self.port, self.log, {**self.env, **LOUD_CRASH})
                break
        stop(self.process)
        self.process = start(self.database, self.port, self.log, {**self.env, **QUIET_CRASH})

    def stop(self):
        stop(self.process)


def crash_excerpt(text):
    """The crash message and the crashed thread's first frames from the server's stderr."""
    lines = [line for line in text.splitlines() if not line.startswith("{")]
    keep, frames = [], 0
    for line in lines:
        if re.search(r"Fatal error|Precondition failed|Assertion failed|Program crashed|crashed:|Signal \d", line):
            keep.append(line.strip())
            frames = 14 if "crashed:" in line else frames
        elif frames and line.strip():
            keep.append(line.strip()[:220])
            frames -= 1
    return keep or lines[:10]


def send_all(ctx, items, make, tally, deadline, supervisor):
    outcomes = []
    lock = threading.Lock()
    queue = list(items)
    position = [0]

    def worker():
        conn = Connection(ctx.port)
        previous = None
        while time.time() < deadline:
            with lock:
                if position[0] >= len(queue):
                    break
                item = queue[position[0]]
                position[0] += 1
            try:
                spec = make(item)
            except Exception as error:     # a fault of the fuzzer itself: reported, never hidden
                spec = Spec(item, "(fuzzer)", "-", ["-"])
                with lock:
                    outcomes.append(Outcome(spec, error=f"fuzzer fault {type(error).__name__}: {error}"))
                continue
            if spec.dynamic == "fresh":
                rng = random.Random(f"{SEED}-{spec.index}-fresh")
                token = ctx.take_fresh(rng) or rng.choice(ctx.code_drafts)[0]
                spec.path = [("param", token) if s == ("param", "{FRESH}") else s for s in spec.path]
            spec.may_drop = spec.may_drop or breaks_http(spec) is not None
            outcome = Outcome(spec, previous=previous if conn.sock is not None else None)
            previous = spec.index
            began = time.time()
            generation = supervisor.sending(spec)
            try:
                data = spec.to_bytes(ctx.port)
                spec.marker = b"zq9" in data
                reply = conn.exchange(data, head=spec.method == "HEAD" and spec.raw is None, fresh=spec.fresh or spec.raw is not None,
                                      timeout=2.0 if spec.may_drop else 15.0)
                supervisor.replied()
                outcome.status = reply.status
                outcome.location = reply.header("location")
                outcome.problems = judge(spec, reply, ctx, tally)
                if spec.raw is not None:
                    tally.maybe(spec)
            except (Dropped, Malformed, OSError) as error:
                outcome.error = f"{type(error).__name__}: {error}"
                conn.close()
                tally.maybe(spec)
                outcome.server_down = supervisor.check(generation)
            except Exception as error:     # a fault of the fuzzer itself: reported, never hidden
                outcome.error = f"fuzzer fault {type(error).__name__}: {error}"
                outcome.spec.may_drop = False
                conn.close()
            finally:
                supervisor.done(outcome.status is not None)
            outcome.seconds = time.time() - began
            with lock:
                outcomes.append(outcome)
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    suspects = {id(spec) for crash in supervisor.crashes for spec in crash["suspects"]}
    for outcome in outcomes:
        outcome.server_down = outcome.server_down or (outcome.status is None and id(outcome.spec) in suspects)
    return outcomes


def failures(outcomes):
    bad = []
    for outcome in outcomes:
        if outcome.server_down:
            continue
        if outcome.status is not None and outcome.status >= 500:
            bad.append(outcome)
        elif outcome.error and not outcome.spec.may_drop:
            bad.append(outcome)
    return bad


def report(title, bad, log, offset=0, limit=12):
    lines = [f"{title}: {len(bad)} (seed {SEED}; replay one with FUZZ_SEED={SEED} FUZZ_ONLY=<index>)"]
    for outcome in bad[:limit]:
        after = f" (after #{outcome.previous} on the same connection)" if outcome.previous is not None else ""
        lines.append(f"  {outcome.status or outcome.error} in {outcome.seconds:.2f}s{after}  {outcome.spec.describe()}")
    errors = server_errors(log, offset)
    # A body whose chunked framing breaks mid-way is logged as a failed request, though its client gets no answer.
    framing = [line for line in errors if "stream ended at an unexpected time" in line or "strict mode assertion" in line]
    errors = [line for line in errors if line not in framing]
    if errors:
        lines.append("  server log (errors):")
        lines.extend("    " + line for line in errors[:limit])
    if framing:
        lines.append(f"  (and {len(framing)} log lines 'request failed' for bodies with broken chunked framing, which got no answer)")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------------------------
# The database afterwards

def snapshot(database):
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    db.text_factory = bytes
    tables = [r[0].decode() for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
    state = {}
    for table in tables:
        rows = db.execute(f'SELECT * FROM "{table}"').fetchall()
        state[table] = sorted(rows, key=repr)
    db.close()
    return state


# Columns whose texts database_problems checks with their own limits (so a problem is not told twice).
CHECKED_APART = {("moment_ratings", "text"), ("sign_in_attempts", "email"), ("users", "name"), ("survey_texts", "text")}


def text_columns_problems(database, before):
    """Every text value in every table: valid UTF-8, no NUL or other control characters but newline, CR and tab,
    no U+FFFD. Values that were there before the fuzzing are left out."""
    seen = {(t, repr(r)) for t, rows in before.items() for r in rows}
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    db.text_factory = bytes
    problems = []
    tables = [r[0].decode() for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
    for table in tables:
        columns = [r[1].decode() for r in db.execute(f'PRAGMA table_info("{table}")')]
        if not columns:
            continue
        selects = ", ".join(f'"{c}", typeof("{c}")' for c in columns)
        for row in db.execute(f'SELECT {selects} FROM "{table}"'):
            values = row[0::2]
            if (table, repr(tuple(values))) in seen:
                continue
            for column, value, kind in zip(columns, values, row[1::2]):
                if kind != b"text" or (table, column) in CHECKED_APART:
                    continue
                try:
                    text = value.decode("utf-8")
                except UnicodeDecodeError:
                    problems.append(f"{table}.{column}: not valid UTF-8: {value[:80]!r}")
                    continue
                issues = stored_text_problems(text, None, trimmed=False, allow_empty=True)
                if issues:
                    problems.append(f"{table}.{column}: {', '.join(issues)}: {text[:80]!r} ({len(text)} characters)")
    db.close()
    return problems


def database_problems(database, before, ctx, tally):
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    problems = []

    def rows(sql, *args):
        return db.execute(sql, args).fetchall()

    def new(table):
        old = {r[0] for r in before[table]}
        return [r for r in rows(f'SELECT * FROM "{table}"') if r["id"].encode() not in old]

    if rows("PRAGMA integrity_check")[0][0] != "ok":
        problems.append("integrity_check: " + rows("PRAGMA integrity_check")[0][0])
    for row in rows("PRAGMA foreign_key_check"):
        problems.append(f"a row of {row[0]} (rowid {row[1]}) points at a missing row of {row[2]}")

    # Tables no public route writes must be exactly as before.
    public = {"moment_ratings", "survey_drafts", "survey_inbox", "survey_responses", "survey_answers", "survey_texts", "wave_codes",
              "conversation_cards", "sign_in_attempts", "users", "staff_sessions", "invitations",
              # sign-in remembers known browsers and counts failures per address; accepting an invitation is logged;
              # "forgot your password" writes a link and its mail (when mail is configured)
              "known_devices", "sign_in_address_failures", "audit_entries", "password_resets", "mail_outbox"}
    after = snapshot(database)
    for table in sorted(set(before) - public):
        if before[table] != after[table]:
            problems.append(f"{table} changed ({len(before[table])} rows before, {len(after[table])} after), "
                            "but no public route writes it")

    # Ratings: face in range, chips of the moment's kind in catalog order, texts clean, languages the school offers.
    kinds = {r["id"]: (r["kind"], r["school_id"]) for r in rows("SELECT id, kind, school_id FROM moments")}
    school_languages = {r["id"]: set(r["languages"].split(",")) for r in rows("SELECT id, languages FROM schools")}
    rating_catalog_languages = {p.stem for p in (RESOURCES / "ratings").glob("*.txt") if p.stem in LANGUAGES}
    for rating in rows("SELECT * FROM moment_ratings"):
        where = f"moment_ratings {rating['id']}"
        kind, school = kinds.get(rating["moment_id"], (None, None))
        if rating["face"] not in RATING_FACES:
            problems.append(f"{where}: face {rating['face']!r}")
        chips = rating["chips"].split(",") if rating["chips"] else []
        allowed = RATING_CHIPS.get(kind, [])
        if any(c not in allowed for c in chips) or len(set(chips)) != len(chips) or chips != [c for c in allowed if c in chips]:
            problems.append(f"{where}: chips {rating['chips']!r} for a {kind}")
        if rating["text"] is not None:
            issues = stored_text_problems(rating["text"], RATING_TEXT_MAX)
            if "\r\n" in rating["text"]:
                issues.append("a CRLF")
            if issues:
                problems.append(f"{where}: text {', '.join(issues)}: {rating['text'][:80]!r}")
        offered = offered_languages(school_languages.get(school, set()), rating_catalog_languages)
        if rating["language"] not in offered:
            problems.append(f"{where}: language {rating['language']!r} (the school offers {sorted(offered)})")
        if rating["text_hidden"] not in (0, 1) or rating["text_public"] not in (0, 1):
            problems.append(f"{where}: flags {rating['text_hidden']!r}, {rating['text_public']!r}")
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", rating["day"]):
            problems.append(f"{where}: day {rating['day']!r}")
    old_ratings = {r[0]: r for r in before["moment_ratings"]}
    after_ratings = {r[0]: r for r in after["moment_ratings"]}
    for key, row in old_ratings.items():
        if after_ratings.get(key) != row:
            problems.append(f"the demo's rating {key.decode()} changed or is gone; the fuzzer only rates with new devices")
    added = new("moment_ratings")
    possible = len(tally.rating_devices | tally.maybe_devices)
    if not len(tally.rating_devices) <= len(added) <= possible:
        problems.append(f"{len(added)} new ratings stored, but {len(tally.rating_devices)} devices got a thank-you "
                        f"({tally.counts['rating_ack']} thank-yous; {possible} at most with unanswered requests)")
    for rating in added:
        if rating["text"] is not None and rating["text"] not in tally.rating_texts:
            problems.append(f"moment_ratings {rating['id']}: text {rating['text'][:80]!r} was in no acknowledged request")

    # Survey drafts, responses, answers, texts.
    waves = {r["id"]: r for r in rows("SELECT w.id, w.questionnaire, s.languages FROM waves w JOIN schools s ON s.id = w.school_id")}

    def survey_languages(wave):
        questionnaire = QUESTIONNAIRES[wave["questionnaire"]]
        if questionnaire["audience"] == "team":
            return set(questionnaire["languages"])
        return offered_languages(set(wave["languages"].split(",")), set(questionnaire["languages"]))

    for draft in rows("SELECT * FROM survey_drafts"):
        where = f"survey_drafts {draft['id']}"
        wave = waves.get(draft["wave_id"])
        questionnaire = QUESTIONNAIRES[wave["questionnaire"]] if wave else None
        try:
            answers = json.loads(draft["answers"])
        except ValueError:
            problems.append(f"{where}: answers are not JSON: {draft['answers'][:80]!r}")
            continue
        for item, value in (answers.get("faces") or {}).items():
            if questionnaire and item not in questionnaire["items"] or type(value) is not int or value not in SURVEY_FACES:
                problems.append(f"{where}: face {item!r} = {value!r}")
        for question, text in (answers.get("texts") or {}).items():
            issues = ["not a string"] if not isinstance(text, str) else stored_text_problems(text, SURVEY_TEXT_MAX, trimmed=False)
            if questionnaire and question not in questionnaire["open"]:
                issues.append("an unknown question")
            if issues:
                problems.append(f"{where}: text {question!r} {', '.join(issues)}: {str(text)[:80]!r}")
        if draft["language"] is not None and wave and draft["language"] not in survey_languages(wave):
            problems.append(f"{where}: language {draft['language']!r}")
        if draft["channel"] not in ("link", "code"):
            problems.append(f"{where}: channel {draft['channel']!r} from a public route")
        if "code_hash" in draft.keys() or "user_id" in draft.keys():
            problems.append(f"{where}: a draft holds a code or an account")
    responses = {r["id"]: r for r in rows("SELECT * FROM survey_responses")}
    for response in new("survey_responses"):
        where = f"survey_responses {response['id']}"
        wave = waves.get(response["wave_id"])
        if not wave or response["questionnaire"] != wave["questionnaire"]:
            problems.append(f"{where}: questionnaire {response['questionnaire']!r} is not its wave's")
        elif response["language"] not in survey_languages(wave):
            problems.append(f"{where}: language {response['language']!r}")
        if response["channel"] not in CHANNELS:
            problems.append(f"{where}: channel {response['channel']!r}")
    for answer in new("survey_answers"):
        response = responses.get(answer["response_id"])
        questionnaire = QUESTIONNAIRES.get(response["questionnaire"]) if response else None
        if not questionnaire or answer["item"] not in questionnaire["items"] or answer["value"] not in SURVEY_FACES \
                or answer["wave_id"] != response["wave_id"]:
            problems.append(f"survey_answers {answer['id']}: item {answer['item']!r} = {answer['value']!r}")
    for text in new("survey_texts"):
        response = responses.get(text["response_id"])
        questionnaire = QUESTIONNAIRES.get(response["questionnaire"]) if response else None
        issues = stored_text_problems(text["text"], SURVEY_TEXT_MAX, trimmed=False)
        if not questionnaire or text["question"] not in questionnaire["open"]:
            issues.append(f"question {text['question']!r}")
        if issues:
            problems.append(f"survey_texts {text['id']}: {', '.join(issues)}: {text['text'][:80]!r}")
    # Sent answers wait in the inbox until enough join the report together: sent = in the report + waiting.
    waiting = []
    for row in rows("SELECT * FROM survey_inbox"):
        where = f"survey_inbox {row['id']}"
        try:
            entry = json.loads(row["entry"])
        except ValueError:
            problems.append(f"{where}: not JSON: {row['entry'][:80]!r}")
            continue
        if set(entry) != {"questionnaire", "language", "channel", "faces", "texts"}:
            problems.append(f"{where}: fields {sorted(entry)}")
            continue
        wave = waves.get(row["wave_id"])
        questionnaire = QUESTIONNAIRES.get(entry["questionnaire"])
        if not wave or entry["questionnaire"] != wave["questionnaire"] or entry["language"] not in survey_languages(wave):
            problems.append(f"{where}: questionnaire {entry['questionnaire']!r} or language {entry['language']!r}")
        if entry["channel"] not in CHANNELS:
            problems.append(f"{where}: channel {entry['channel']!r}")
        for item, value in entry["faces"].items():
            if not questionnaire or item not in questionnaire["items"] or value not in SURVEY_FACES:
                problems.append(f"{where}: face {item!r} = {value!r}")
        for question, text in entry["texts"].items():
            issues = stored_text_problems(text, SURVEY_TEXT_MAX, trimmed=False)
            if not questionnaire or question not in questionnaire["open"]:
                issues.append(f"question {question!r}")
            if issues:
                problems.append(f"{where}: text {', '.join(issues)}: {text[:80]!r}")
        waiting.append(entry)
    new_responses = new("survey_responses")
    waited_before = len(before.get("survey_inbox", []))
    sent = len(new_responses) + len(waiting) - waited_before
    if not tally.counts["survey_ack"] <= sent <= tally.counts["survey_ack"] + tally.counts["submit_maybe"]:
        problems.append(f"{sent} new survey responses (in the report or waiting), but {tally.counts['survey_ack']} were "
                        f"acknowledged (and {tally.counts['submit_maybe']} unanswered)")
    # A code is used up when its survey begins (the fuzzer begins surveys with every demo code): at least every code
    # whose answers came is used.
    used_before = sum(1 for r in before["wave_codes"] if r[3] == 1)
    used_now = rows("SELECT COUNT(*) FROM wave_codes WHERE used = 1")[0][0]
    by_code = sum(1 for r in new_responses if r["channel"] == "code") + sum(1 for e in waiting if e["channel"] == "code")
    if used_now - used_before < by_code:
        problems.append(f"{used_now - used_before} codes became used, but {by_code} responses came with a code")
    if len(before["wave_codes"]) != rows("SELECT COUNT(*) FROM wave_codes")[0][0]:
        problems.append("the number of one-time codes changed")

    # Conversation cards: only changed through an acknowledged send, with clean texts and known chips.
    card_languages = {p.stem for p in (RESOURCES / "cards").glob("*.txt") if p.stem in LANGUAGES}
    if len(before["conversation_cards"]) != rows("SELECT COUNT(*) FROM conversation_cards")[0][0]:
        problems.append("the number of conversation cards changed")
    for card in rows("SELECT c.*, m.school_id FROM conversation_cards c JOIN moments m ON m.id = c.moment_id"):
        where = f"conversation_cards {card['id']}"
        offered = offered_languages(school_languages.get(card["school_id"], set()), card_languages)
        untouched = any(r[0] == card["id"].encode() for r in before["conversation_cards"]
                        if r in after["conversation_cards"])
        if card["language"] is not None and card["language"] not in offered and not untouched:
            problems.append(f"{where}: language {card['language']!r}")
        if card["answers"] is None:
            continue
        try:
            answers = json.loads(card["answers"])
        except ValueError:
            problems.append(f"{where}: answers are not JSON")
            continue
        for prompt, text in (answers.get("texts") or {}).items():
            issues = ["not a string"] if not isinstance(text, str) else stored_text_problems(text, CARD_TEXT_MAX)
            if prompt not in CARD_PROMPTS:
                issues.append("an unknown prompt")
            if issues:
                problems.append(f"{where}: {prompt!r} {', '.join(issues)}: {str(text)[:80]!r}")
        chips = answers.get("chips") or []
        if any(c not in CARD_CHIPS for c in chips) or chips != [c for c in CARD_CHIPS if c in chips]:
            problems.append(f"{where}: chips {chips!r}")
    changed = [r for r in after["conversation_cards"] if r not in before["conversation_cards"]]
    if changed and not (tally.card_acked or tally.card_maybe):
        problems.append("a conversation card changed although no send was acknowledged")
    for card in rows("SELECT answers FROM conversation_cards"):
        if card["answers"] and any(r[4] == card["answers"].encode() for r in changed):
            for text in json.loads(card["answers"]).get("texts", {}).values():
                if text not in tally.card_texts:
                    problems.append(f"conversation card text {text[:80]!r} was in no acknowledged request")

    # Sign-in attempts keep an address only to slow down guessing: it should be an address, not anything sent.
    attempts = new("sign_in_attempts")
    for attempt in attempts:
        issues = stored_text_problems(attempt["email"], EMAIL_MAX)
        if issues:
            problems.append(f"sign_in_attempts {attempt['id']}: email {', '.join(issues)}: {attempt['email'][:60]!r}")
    if len(attempts) > len(tally.emails):
        problems.append(f"{len(attempts)} new sign-in attempt rows from {len(tally.emails)} different addresses tried")

    # Accounts made through an invitation.
    invitations = {r["email"]: r for r in rows("SELECT * FROM invitations")}
    users = new("users")
    for user in users:
        issues = stored_text_problems(user["name"], NAME_MAX)
        if issues or user["email"] not in invitations:
            problems.append(f"users {user['id']}: name {', '.join(issues) or 'ok'} {user['name'][:60]!r}, email {user['email']!r}")
    if not tally.counts["invite_ack"] <= len(users) <= tally.counts["invite_ack"] + tally.counts["invite_maybe"]:
        problems.append(f"{len(users)} new accounts, but {tally.counts['invite_ack']} invitations were acknowledged")
    db.close()
    return problems


# ---------------------------------------------------------------------------------------------------------------
# The run, once for all the checks below

@pytest.fixture(scope="module")
def run():
    work = Path(tempfile.mkdtemp(prefix="samenspraak-fuzz-"))
    database, log = str(work / "fuzz.sqlite"), str(work / "server.log")
    seeded = subprocess.run([str(BIN), "demo", "--json", "--database", database], env=ENV, capture_output=True, text=True, check=True)
    demo = json.loads(seeded.stdout)
    before = snapshot(database)
    port = free_port()
    began = time.time()
    supervisor = Supervisor(database, port, log)
    tally = Tally()
    result = {"work": work, "log": log, "database": database, "tally": tally, "before": before}
    try:
        ctx = record_valid_requests(port, demo, database, tally)
        result["ctx"] = ctx
        table = routes(ctx)
        names = list(table)
        weights = [table[n][0] for n in names]
        fuzz_began = time.time()
        outcomes = send_all(ctx, ONLY or range(REQUESTS), lambda i: make_spec(i, ctx, table, names, weights), tally,
                            fuzz_began + SECONDS, supervisor)
        fuzz_seconds = time.time() - fuzz_began
        result.update(outcomes=outcomes, fuzz_seconds=fuzz_seconds, table=names)
        result["alive_after_fuzz"] = supervisor.alive()
        result["health_after_fuzz"] = _health(port)
        result["metrics"] = _get(port, "/metrics")
        result["secrets"] = [t for t, _ in ctx.page_drafts] + [ctx.card_token] + ctx.invitations
        # After all that, a parent can still rate.
        device, check = ctx.devices[-1]
        try:
            reply = simple(port, "POST", f"/m/{ctx.rating_slug}", {"lang": "nl", "check": check, "face": "4"}, {"samenspraak_device": device})
            result["still_rates"] = reply.status
            if reply.status == 303:
                tally.rating_ack((ctx.rating_slug, check), {})
        except (Dropped, Malformed, OSError) as error:
            result["still_rates"] = str(error)
        crashes = list(supervisor.crashes)
        if crashes:
            supervisor.replay()
        supervisor.stop()

        # A second round with the throttle low: 429 is then a fine answer, anything 5xx is not.
        throttled_supervisor = Supervisor(database, port, log, {**ENV, "SAMENSPRAAK_RATING_BURST": str(THROTTLED_BURST)})
        supervisor = throttled_supervisor
        forced = ["POST /m/:slug"] * 4 + ["GET /m/:slug"]
        throttled = send_all(ctx, range(REQUESTS, REQUESTS + THROTTLED_REQUESTS),
                             lambda i: make_spec(i, ctx, table, names, weights, forced_route=forced[i % 5]), tally, time.time() + 40,
                             supervisor)
        result.update(throttled=throttled, crashes=crashes + supervisor.crashes, alive=supervisor.alive(), health=_health(port))
        if ONLY:
            for outcome in outcomes:
                print(f"\n{outcome.status or outcome.error}  {outcome.spec.describe()}")
    finally:
        supervisor.stop()
    statuses = Counter((o.status // 100 * 100 if o.status else "no reply") for o in result["outcomes"])
    acks = {k: v for k, v in tally.counts.items() if k.endswith("ack")}
    print(f"\nfuzz seed {SEED}: {len(result['outcomes'])} requests in {result['fuzz_seconds']:.1f}s "
          f"({len(result['outcomes']) / max(result['fuzz_seconds'], 0.001):.0f}/s) on {len({o.spec.route for o in result['outcomes']})} routes, "
          f"then {len(result['throttled'])} with the rating throttle at {THROTTLED_BURST}; statuses {dict(statuses)}; "
          f"acknowledged {acks} ({len(tally.rating_devices)} rating devices); server crashes {len(result['crashes'])}; "
          f"whole run {time.time() - began:.0f}s")
    if os.environ.get("FUZZ_VERBOSE"):
        for route in result["table"]:
            seen = Counter(o.status or "-" for o in result["outcomes"] if o.spec.route == route)
            print(f"  {route}: {sum(seen.values())} requests, statuses {dict(sorted(seen.items(), key=str))}")
    yield result
    if result.get("failed"):
        print(f"kept for inspection: {work} (fuzz.sqlite, server.log)")
    else:
        shutil.rmtree(work, ignore_errors=True)


def _health(port):
    try:
        return simple(port, "GET", "/healthz").status
    except (OSError, Dropped, Malformed) as error:
        return str(error)


def _get(port, path):
    try:
        return simple(port, "GET", path).text()
    except (OSError, Dropped, Malformed):
        return ""


def _fail(run, message):
    run["failed"] = True
    pytest.fail(message, pytrace=False)


def test_fuzzing_reaches_every_public_route(run):
    reached = Counter(o.spec.route for o in run["outcomes"])
    missing = [name for name in run["table"] if not reached[name]]
    if not ONLY and REQUESTS >= 1000 and missing:
        _fail(run, f"routes never fuzzed: {missing}")
    if not ONLY and len(run["outcomes"]) < min(REQUESTS, 1500):
        _fail(run, f"only {len(run['outcomes'])} requests within {SECONDS}s")


def test_no_request_gets_a_server_error_or_breaks_the_connection(run):
    bad = failures(run["outcomes"]) + failures(run["throttled"])
    if bad:
        _fail(run, report("requests answered 5xx or without a reply", bad, run["log"]))


def test_the_server_survives_and_stays_healthy(run):
    if run["crashes"]:
        lines = [f"the server died {len(run['crashes'])} times (it was started again each time to go on fuzzing)"]
        told = {}
        for number, crash in enumerate(run["crashes"][:6], 1):
            culprit = crash.get("culprit")
            signature = (crash["exit"], (crash["log"] or [""])[0])
            lines.append(f"crash {number} (exit {crash['exit']}): {' | '.join(crash['log'][:2]) or 'no message'}")
            if signature in told and not culprit:
                lines.append(f"  the same as crash {told[signature]}")
                continue
            told.setdefault(signature, number)
            if culprit:
                lines.append(f"  reproduced alone by: {culprit.describe()}")
                lines.append(f"  request bytes: {culprit.to_bytes(0)[:400]!r}")
                lines.extend("    " + line for line in crash.get("backtrace", [])[:16])
            elif "backtrace" not in crash:
                lines.append("  unanswered when it died: " + "; ".join(s.describe()[:300] for s in crash["suspects"][:6]))
                lines.append(f"  send them again together: FUZZ_SEED={SEED} FUZZ_ONLY="
                             + ",".join(str(s.index) for s in crash["suspects"][:40]))
        _fail(run, "\n".join(lines))
    if not run["alive_after_fuzz"] or run["health_after_fuzz"] != 200 or not run["alive"] or run["health"] != 200:
        _fail(run, f"alive after fuzzing: {run['alive_after_fuzz']}, /healthz {run['health_after_fuzz']}; after the throttled round: "
                   f"alive {run['alive']}, /healthz {run['health']}")
    if run["still_rates"] != 303:
        _fail(run, f"after fuzzing a valid rating got {run['still_rates']}")
    leaked = [secret for secret in run["secrets"] if secret in run["metrics"]]
    if leaked or "http_requests" not in run["metrics"]:
        _fail(run, f"/metrics holds tokens of addresses ({len(leaked)}) or no request counts")


def test_the_low_throttle_answers_429_and_nothing_worse(run):
    statuses = Counter(o.status for o in run["throttled"])
    if not statuses[429]:
        _fail(run, f"no 429 with the throttle at {THROTTLED_BURST}: {dict(statuses)}")
    # A POST to a rating address is a rating send, also when the fuzzer made it from the form's GET.
    sends = [o for o in run["throttled"] if o.spec.kind == "rate" or (o.spec.method == "POST" and "/m/:slug" in o.spec.route)]
    if any(o.status == 429 and o not in sends for o in run["throttled"]):
        _fail(run, "a 429 on a page that only shows the form: " + "; ".join(
            o.spec.describe()[:300] for o in run["throttled"] if o.status == 429 and o not in sends))


def test_every_response_is_well_formed(run):
    bad = [o for o in run["outcomes"] + run["throttled"] if o.problems or (o.error and "Malformed" in o.error)]
    if bad:
        lines = [f"  {o.problems or o.error}  {o.spec.describe()}" for o in bad[:12]]
        _fail(run, f"{len(bad)} malformed or unsafe responses (seed {SEED}):\n" + "\n".join(lines))


def test_no_garbage_is_stored(run):
    problems = [f"acknowledged a text over the limit: {d}" for d in run["tally"].too_long_acked]
    problems += text_columns_problems(run["database"], run["before"])
    problems += database_problems(run["database"], run["before"], run["ctx"], run["tally"])
    if problems:
        shown = "\n".join("  " + p for p in problems[:25])
        _fail(run, f"{len(problems)} problems in the database after fuzzing (seed {SEED}, database {run['database']}):\n{shown}")
