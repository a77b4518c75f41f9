"""Fixtures for Samenspraak's browser tests.

- `server` (session): a fresh SQLite database seeded with `samenspraak demo --json`, a real SMTP server
  (scripts/smtp_test_server.py, aiosmtpd) that writes what it receives to a folder, and `samenspraak serve` on a
  free loopback port sending its mail there. Yields a `Server` with the base URL, the demo JSON and `wait_for_mail`;
  stops both servers at the end.
- `driver` (per test): headless Chromium at 1280x900 that prefers Dutch, as a Flemish school would.
- `visit` (per test): `visit(name)` checks the page the browser is on now: axe-core (any violation fails the test,
  after the test has run to its end so one bad page does not hide the rest), a screenshot to
  `artifacts/NAME.png`, and the server's raw HTML to `artifacts/html/NAME.html` for the HTML validator, which
  runs as the last test (`test_zz_html_is_valid`).
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent
ARTIFACTS = HERE / "artifacts"
HTML_DIR = ARTIFACTS / "html"

CHROMIUM = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver")
# What the browser asks for; the raw-HTML fetch sends the same, so both get the same language.
ACCEPT_LANGUAGE = "nl-BE,nl"

ACCESSIBILITY_KEY = pytest.StashKey[list]()


# The demo's trajectory and sessions have fixed dates: the servers' clock starts on the day these tests were written
# for, whatever day they run (SAMENSPRAAK_DEMO_CLOCK, inherited by every server a test starts), so "past" and "coming"
# stay what the tests expect. `server_now()` is that clock, for tests that compare with "today".
DEMO_CLOCK = os.environ.setdefault("SAMENSPRAAK_DEMO_CLOCK", "2026-12-02T09:00:00Z")
_DEMO_CLOCK_OFFSET = (datetime.datetime.fromisoformat(DEMO_CLOCK.replace("Z", "+00:00"))
                      - datetime.datetime.now(datetime.timezone.utc))


def server_now() -> datetime.datetime:
    """Now, as the servers of these tests count it (UTC)."""
    return datetime.datetime.now(datetime.timezone.utc) + _DEMO_CLOCK_OFFSET


def binary_path() -> Path:
    configured = os.environ.get("SAMENSPRAAK_BIN")
    if configured:
        path = Path(configured)
        return path if path.is_absolute() else (REPO_ROOT / path).resolve()
    return REPO_ROOT / ".build" / "debug" / "samenspraak"


# ---------------------------------------------------------------------------------------------------------------
# The server


@dataclass
class Server:
    base_url: str
    demo: dict
    database: Path
    log: Path
    mail_dir: Path
    process: subprocess.Popen = field(repr=False)

    def url(self, path: str) -> str:
        return self.base_url + path

    def mails(self) -> list[dict]:
        """Every mail the SMTP server received, oldest first, as its N.json (envelope and decoded parts)."""
        found = sorted(self.mail_dir.glob("*.json"), key=lambda path: int(path.stem))
        return [json.loads(path.read_text(encoding="utf-8")) for path in found]

    def wait_for_mail(self, to: str, subject_contains: str, after: int = 0, seconds: float = 30) -> dict:
        """The first mail to `to` whose subject contains the text, among those after the first `after` received."""
        deadline = time.monotonic() + seconds
        while True:
            for mail in self.mails()[after:]:
                if to in mail.get("rcpt_tos", []) and subject_contains in (mail.get("subject") or ""):
                    return mail
            if time.monotonic() > deadline:
                raise AssertionError(f"no mail to {to} about {subject_contains!r} within {seconds}s; server log:\n{self.log_tail()}")
            time.sleep(0.3)

    @property
    def coordinator(self) -> dict:
        return self.demo["staff"][0]

    def staff_with(self, role: str) -> list[dict]:
        return [person for person in self.demo["staff"] if person["role"] == role]

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"


def _wait_for_binary(path: Path, seconds: float = 180) -> None:
    """Another build may be replacing the binary; give it a while to come back."""
    deadline = time.monotonic() + seconds
    while not (path.is_file() and os.access(path, os.X_OK)):
        if time.monotonic() > deadline:
            pytest.exit(f"samenspraak binary not found at {path} (set SAMENSPRAAK_BIN or build it first)", returncode=3)
        time.sleep(1)


def _start_binary(path: Path, args: list[str], **kwargs) -> subprocess.Popen:
    """Starts the binary, waiting and retrying while a rebuild has it missing, busy or half-written."""
    deadline = time.monotonic() + 180
    while True:
        _wait_for_binary(path)
        try:
            return subprocess.Popen([str(path), *args], **kwargs)
        except OSError as error:  # ENOENT, ETXTBSY (being written), ENOEXEC (half-written)
            if time.monotonic() > deadline:
                raise
            print(f"waiting for {path.name} to be rebuilt: {error}")
            time.sleep(2)


def _run_binary(path: Path, args: list[str], timeout: float, **kwargs) -> subprocess.CompletedProcess:
    process = _start_binary(path, args, **kwargs)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        stdout, stderr = process.communicate()
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(base_url: str) -> bool:
    try:
        with urllib.request.urlopen(base_url + "/healthz", timeout=2) as response:
            return response.status == 200 and json.loads(response.read()).get("status") == "ok"
    except (OSError, ValueError):
        return False


def serve(binary: Path, database: Path, workdir: Path, server_log: Path, env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    """`samenspraak serve` on `database` at a free loopback port, once healthy: (process, base URL). Its console
    and log go to `server_log`."""
    process = None
    for attempt in range(3):  # a port taken between choosing and binding: choose again
        port = _free_port()
        base_url = f"http://127.0.0.1:{port}"
        log = server_log.open("a")
        process = _start_binary(
            binary, ["serve", "--database", str(database), "--hostname", "127.0.0.1", "--port", str(port)],
            cwd=workdir, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env={**os.environ, **env},
        )
        log.close()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None and not _healthy(base_url):
            time.sleep(0.2)
        if process.poll() is None and _healthy(base_url):
            return process, base_url
        if process.poll() is None:
            process.kill()
            process.wait()
    pytest.exit(f"samenspraak serve did not become healthy:\n{server_log.read_text(errors='replace')[-3000:]}", returncode=3)


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def server():
    binary = binary_path()
    workdir = Path(tempfile.mkdtemp(prefix="samenspraak-browser-"))
    database = workdir / "samenspraak.sqlite"

    demo_log = workdir / "demo.log"
    with demo_log.open("w") as log:
        seeded = _run_binary(binary, ["demo", "--json", "--database", str(database)], cwd=workdir,
                             stdout=subprocess.PIPE, stderr=log, text=True, timeout=120)
    if seeded.returncode != 0:
        pytest.exit(f"`samenspraak demo --json` failed ({seeded.returncode}):\n{demo_log.read_text()[-3000:]}", returncode=3)
    try:
        demo = json.loads(seeded.stdout)
    except ValueError:
        pytest.exit(f"`samenspraak demo --json` printed no JSON object:\n{seeded.stdout[:2000]}", returncode=3)

    # A real SMTP server (aiosmtpd) on a free port: the app sends its mail there through its outbox.
    mail_dir = workdir / "mail"
    smtp_log = (workdir / "smtp.log").open("w")
    smtp = subprocess.Popen([sys.executable, str(REPO_ROOT / "scripts" / "smtp_test_server.py"), "--port", "0",
                             "--out", str(mail_dir)], stdout=subprocess.PIPE, stderr=smtp_log, text=True)
    smtp_port = smtp.stdout.readline().strip()
    if not smtp_port.isdigit():
        smtp.kill()
        pytest.exit(f"the SMTP test server did not start: {(workdir / 'smtp.log').read_text()[-2000:]}", returncode=3)
    mail_env = {"SAMENSPRAAK_SMTP_URL": f"smtp://127.0.0.1:{smtp_port}?starttls=off",
                "SAMENSPRAAK_MAIL_FROM": "Samenspraak <noreply@samenspraak.test>"}

    server_log = workdir / "serve.log"
    # No page cache: a test changes something and a visitor without cookies looks at once (the cache has
    # its own HTTP test; it only delays what a visitor sees by two seconds).
    process, base_url = serve(binary, database, workdir, server_log, {"SAMENSPRAAK_PAGE_CACHE_SECONDS": "0", **mail_env})

    running = Server(base_url=base_url, demo=demo, database=database, log=server_log, mail_dir=mail_dir, process=process)
    yield running

    smtp.terminate()
    try:
        smtp.wait(timeout=10)
    except subprocess.TimeoutExpired:
        smtp.kill()
    smtp_log.close()

    stop(process)
    if os.environ.get("KEEP_BROWSER_TEST_TMP"):
        print(f"kept {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)


# ---------------------------------------------------------------------------------------------------------------
# Artifacts


@pytest.fixture(scope="session", autouse=True)
def clean_artifacts():
    """Starts each run with no screenshots or HTML of an earlier one, so the validator only sees this run's pages."""
    if ARTIFACTS.exists():
        shutil.rmtree(ARTIFACTS)
    HTML_DIR.mkdir(parents=True)
    yield


# ---------------------------------------------------------------------------------------------------------------
# The browser


def make_driver(width: int = 1280, height: int = 900, prefs: dict | None = None,
                arguments: tuple[str, ...] = ()) -> webdriver.Chrome:
    """Headless Chromium preferring Dutch; `prefs` adds Chrome preferences (e.g. to turn JavaScript off),
    `arguments` more command-line switches (e.g. a fake microphone)."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=nl-BE",
                     f"--window-size={width},{height}", *arguments):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": ACCEPT_LANGUAGE, **(prefs or {})})
    # The performance log tells which request made the page and with what status (a 422 page is a POST's answer).
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_window_size(width, height)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)
    return driver


@pytest.fixture
def driver():
    browser = make_driver()
    yield browser
    browser.quit()


# ---------------------------------------------------------------------------------------------------------------
# Page checks


@dataclass
class PageVisit:
    name: str
    url: str
    method: str
    status: int | None
    html: str


class _Documents:
    """Follows the main-frame documents a driver loaded, from Chromium's performance log."""

    def __init__(self) -> None:
        self.last: dict | None = None

    def latest(self, driver) -> dict | None:
        requests: dict[str, dict] = {}
        order: list[str] = []
        for entry in driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            params = message.get("params", {})
            if message.get("method") == "Network.requestWillBeSent" and params.get("type") == "Document":
                request_id = params["requestId"]
                if request_id not in requests:
                    order.append(request_id)
                # A redirect reuses the request id: the last request sent under it is the one that made the page.
                requests[request_id] = {"id": request_id, "method": params["request"]["method"],
                                        "url": params["request"]["url"], "status": None}
            elif message.get("method") == "Network.responseReceived" and params.get("type") == "Document":
                if params["requestId"] in requests:
                    requests[params["requestId"]]["status"] = params["response"]["status"]
        if order:
            self.last = requests[order[-1]]
        return self.last


def _cookie_header(driver) -> str:
    return "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def fetch_raw_html(driver, url: str) -> tuple[int, str]:
    """GETs `url` as the browser would (its cookies, its language), without running anything: the server's HTML."""
    request = urllib.request.Request(url, headers={
        "Cookie": _cookie_header(driver),
        "Accept-Language": ACCEPT_LANGUAGE,
        "Accept": "text/html",
        "User-Agent": driver.execute_script("return navigator.userAgent"),
    })
    opener = urllib.request.build_opener(_NoRedirect())
    try:
        with opener.open(request, timeout=15) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:  # 403, 404, 422 ... pages have bodies too
        body = error.read().decode("utf-8", errors="replace")
        if 300 <= error.code < 400:
            raise AssertionError(f"GET {url} answered {error.code} to {error.headers.get('Location')}: "
                                 "the page is not what the browser shows") from error
        return error.code, body


def format_violations(name: str, url: str, violations: list[dict]) -> str:
    lines = [f"{len(violations)} accessibility violation(s) on page '{name}' ({url}):"]
    for violation in violations:
        lines.append(f"- [{violation.get('impact')}] {violation['id']}: {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node.get("target", []))
            lines.append(f"  * {target}")
            lines.append(f"    html: {node.get('html', '').strip()[:300]}")
            summary = (node.get("failureSummary") or "").strip().replace("\n", "\n      ")
            if summary:
                lines.append(f"    {summary}")
    return "\n".join(lines)


def _screenshot(driver, path: Path) -> None:
    """The whole page, not only the part in the window; the window alone if that fails."""
    try:
        metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
        size = metrics.get("cssContentSize") or metrics["contentSize"]
        width = max(1, int(size["width"]))
        height = max(1, min(int(size["height"]), 10000))
        import base64
        shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
        })
        path.write_bytes(base64.b64decode(shot["data"]))
    except Exception:  # noqa: BLE001 - a screenshot is a help, not a check
        driver.save_screenshot(str(path))


def visit_checks(driver, name: str, *, problems: list[str] | None = None, documents: _Documents | None = None,
                 used_names: set[str] | None = None, accessibility: bool = True) -> PageVisit:
    """Checks the page the browser shows now: axe-core, screenshot, raw server HTML kept for validation.

    Accessibility violations are added to `problems` (the test fails at its end) or, without a list, raise at once.
    `accessibility=False` skips axe-core, for a browser with JavaScript turned off (axe cannot run there; the same
    templates are checked in the other tests).
    Returns what was found, with the HTTP status of the request that made the page.
    """
    if used_names is not None:
        assert name not in used_names, f"page name '{name}' used twice in one test"
        used_names.add(name)
    documents = documents or _Documents()
    document = documents.latest(driver) or {"method": "GET", "status": None, "id": None}
    url = driver.current_url

    # (c) the server's own HTML: a GET page is fetched again with the browser's cookies; the answer to a POST
    # (a form shown again with errors, an invitation made) cannot be asked for again, so it comes from the
    # browser's network record of that very response.
    if document["method"] == "GET":
        status, html = fetch_raw_html(driver, url)
    else:
        body = driver.execute_cdp_cmd("Network.getResponseBody", {"requestId": document["id"]})
        assert not body.get("base64Encoded"), "the page came as binary"
        html = body["body"]
        status = document["status"]
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in name)
    (HTML_DIR / f"{safe}.html").write_text(html, encoding="utf-8")

    # (b) a screenshot for people to look at
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    _screenshot(driver, ARTIFACTS / f"{safe}.png")

    # (a) axe-core, every rule it runs by default
    if not accessibility:
        return PageVisit(name=name, url=url, method=document["method"],
                         status=document["status"] if document["status"] is not None else status, html=html)
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    violations = results.get("violations", [])
    if violations:
        report = format_violations(name, url, violations)
        print(f"axe-core: {len(violations)} violation(s) on page '{name}'")
        if problems is None:
            raise AssertionError(report)
        problems.append(report)

    return PageVisit(name=name, url=url, method=document["method"],
                     status=document["status"] if document["status"] is not None else status, html=html)


@pytest.fixture
def visit(request, driver):
    """`visit(name)` → PageVisit for the page `driver` shows; `visit(name, other_driver)` for a second browser;
    `visit(name, accessibility=False)` without axe-core (a browser with JavaScript off)."""
    problems = request.node.stash.setdefault(ACCESSIBILITY_KEY, [])
    trackers: dict[int, _Documents] = {}
    used: set[str] = set()

    def check(name: str, browser=None, *, accessibility: bool = True) -> PageVisit:
        browser = browser or driver
        tracker = trackers.setdefault(id(browser), _Documents())
        return visit_checks(browser, f"{request.node.name}--{name}", problems=problems, documents=tracker,
                            used_names=used, accessibility=accessibility)

    return check


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """After the test body: fail on any accessibility violation seen on the way (the body's own failure wins)."""
    problems = item.stash.get(ACCESSIBILITY_KEY, [])
    try:
        result = yield
    except BaseException:
        if problems:  # shown beside the test's own failure
            item.add_report_section("call", "accessibility (axe-core)", "\n\n".join(problems))
        raise
    if problems:
        pytest.fail("\n\n".join(problems), pytrace=False)
    return result


def pytest_collection_modifyitems(config, items):
    """The HTML validation reads every page the other tests kept, so it runs last."""
    last = [item for item in items if item.name == "test_zz_html_is_valid"]
    items[:] = [item for item in items if item.name != "test_zz_html_is_valid"] + last
