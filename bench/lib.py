"""What the benchmark scripts share: starting the server on a seeded database, signing in, reading a process's
memory and CPU time, nginx in front of two app servers (reliability/nginx-two-servers.conf), and running wrk with
a Lua script that reports its figures as JSON."""
import http.cookiejar, json, os, shutil, socket, subprocess, tempfile, time, urllib.parse, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HERE = os.path.dirname(os.path.abspath(__file__))
QUIET = {**os.environ, "LOG_LEVEL": "error", "SAMENSPRAAK_BCRYPT_COST": "4", "SAMENSPRAAK_RATING_BURST": "10000",
         "SAMENSPRAAK_SURVEY_BURST": "100000", "SAMENSPRAAK_CODE_FAILURES": "100000"}
QUIET.pop("DATABASE_URL", None)


def default_binary():
    release = os.path.join(ROOT, ".build", "release", "samenspraak")
    return release if os.path.exists(release) else os.path.join(ROOT, ".build", "debug", "samenspraak")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def workdir():
    return tempfile.mkdtemp(prefix="samenspraak-bench-")


def seed(binary, database, env=None):
    """Seeds the demo into `database` (a SQLite file, or ignored when env carries DATABASE_URL); its JSON."""
    out = subprocess.run([binary, "demo", "--json", "--database", database], check=True, capture_output=True, text=True,
                         env=env or QUIET).stdout
    return json.loads(out)


def wait_healthy(base, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.02)
    raise RuntimeError(f"the server at {base} did not become healthy")


def server_log():
    """Where a server's own output goes: the file in BENCH_SERVER_LOG (appended to), to see what it says under load."""
    path = os.environ.get("BENCH_SERVER_LOG")
    return open(path, "a") if path else subprocess.DEVNULL


class Server:
    """`samenspraak serve` on a free loopback port, for a `with` block."""

    def __init__(self, binary, database, env=None):
        self.binary, self.database, self.env = binary, database, env or QUIET
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        self.started = time.monotonic()
        self.process = subprocess.Popen([self.binary, "serve", "--database", self.database, "--port", str(self.port)],
                                        env=self.env, stdout=subprocess.DEVNULL, stderr=server_log())
        wait_healthy(self.base)
        self.startup = time.monotonic() - self.started
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def rss_mb(self):
        return rss_mb(self.process.pid)

    def peak_rss_mb(self):
        return rss_mb(self.process.pid, "VmHWM")


def rss_mb(pid, field="VmRSS"):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid):
    """User + system CPU seconds of a process and its children that are still running (nginx's workers)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    pids = [pid]
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as children:
                pids += [int(child) for child in children.read().split()]
    except OSError:
        pass
    for one in pids:
        try:
            with open(f"/proc/{one}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
        except OSError:
            pass
    return total


def start_nginx_two_servers(work, port, app_ports):
    """nginx on `port` in front of two app servers, round robin, with the reliability test's configuration
    (reliability/nginx-two-servers.conf); its log and temp files go to `work` (a directory nginx's workers may
    write). Returns the process, once nginx answers."""
    work = str(work)
    os.chmod(work, 0o755)
    with open(os.path.join(ROOT, "reliability", "nginx-two-servers.conf")) as template:
        config = template.read()
    for name, value in {"user": "user root;" if os.geteuid() == 0 else "", "dir": work, "port": str(port),
                        "app1": str(app_ports[0]), "app2": str(app_ports[1])}.items():
        config = config.replace("{" + name + "}", value)
    with open(os.path.join(work, "nginx.conf"), "w") as file:
        file.write(config)
    process = subprocess.Popen([shutil.which("nginx"), "-c", os.path.join(work, "nginx.conf"), "-p", work,
                                "-e", os.path.join(work, "error.log"), "-g", "daemon off;"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_healthy(f"http://127.0.0.1:{port}")
    return process


def sign_in(base, demo, role, school_index=0):
    """An opener with the session of a demo staff member of that role (of the n-th school for leads/members)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(base + "/login").read()
    token = next(c.value for c in jar if c.name == "samenspraak_csrf")
    people = [s for s in demo["staff"] if s["role"] == role]
    if role != "coordinator":
        people = [s for s in people if s.get("school") == demo["schoolIDs"][school_index]]
    person = people[0]
    form = {"email": person["email"], "password": person["password"], "csrf_token": token}
    opener.open(base + "/login", urllib.parse.urlencode(form).encode()).read()
    return opener


def have(program):
    return shutil.which(program) is not None


def wrk(url, seconds=10, connections=32, threads=2, script=None, env=None):
    """Runs wrk and returns its figures: requests per second, p50/p99 latency in ms, errors, and per status counts.
    The Lua scripts in bench/ report through `done`; without one, bench/report.lua is used."""
    lua = script or os.path.join(HERE, "report.lua")
    command = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--timeout", "10s", "-s", lua, url]
    result = subprocess.run(command, capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=seconds + 60)
    line = next((l for l in result.stdout.splitlines() if l.startswith("JSON ")), None)
    if line is None:
        raise RuntimeError("wrk gave no figures:\n" + result.stdout + result.stderr)
    return json.loads(line[5:])


def markdown_table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def wait_for(check, seconds=20):
    """Calls `check` until it returns true without raising, or fails after `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if check():
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError("gave up waiting")
        time.sleep(0.05)
