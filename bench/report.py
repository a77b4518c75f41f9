#!/usr/bin/env python3
"""Times the report page of a wave with 1,000, 10,000 and 100,000 responses on SQLite, side by side in one run,
against the product's budgets (50 ms, 200 ms and 2 s). Not a test: it prints figures. The report aggregates in
the database (GROUP BY), so its time should grow far slower than the number of answers.

Usage: bench/report.py [--bin .build/release/samenspraak] [--repeat 15]
(A debug build is several times slower than a release build; measure the one you deploy.)
"""
import argparse, http.cookiejar, json, os, random, shutil, socket, sqlite3, statistics, subprocess, sys, tempfile, time
import urllib.parse, urllib.request, uuid

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def fill(database, wave_id, count, items, seed):
    """Adds `count` responses with an answer to every item, straight into the database."""
    rng = random.Random(seed)
    connection = sqlite3.connect(database)
    languages, channels = ["nl", "nl", "nl", "fr", "ar", "tr"], ["link", "code", "paper", "assisted"]
    responses, answers = [], []
    for _ in range(count):
        response = str(uuid.uuid4()).upper()
        responses.append((response, wave_id, "parents-v1", rng.choice(languages), rng.choice(channels), "2026-11-20"))
        for item in items:
            answers.append((str(uuid.uuid4()).upper(), response, wave_id, item, rng.choice([0, 1, 2, 3, 3, 4, 4, 4])))
    connection.executemany("INSERT INTO survey_responses (id, wave_id, questionnaire, language, channel, day) VALUES (?,?,?,?,?,?)", responses)
    connection.executemany("INSERT INTO survey_answers (id, response_id, wave_id, item, value) VALUES (?,?,?,?,?)", answers)
    connection.commit()
    connection.close()

def measure(binary, database, demo, repeat):
    port = free_port()
    server = subprocess.Popen([binary, "serve", "--database", database, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/healthz")
                break
            except OSError:
                time.sleep(0.1)
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        opener.open(base + "/login").read()
        token = next(c.value for c in jar if c.name == "samenspraak_csrf")
        lead = next(s for s in demo["staff"] if s["role"] == "lead" and s.get("school") == demo["schoolIDs"][0])
        opener.open(base + "/login", urllib.parse.urlencode({"email": lead["email"], "password": lead["password"],
                                                             "csrf_token": token}).encode()).read()
        url = f"{base}/staff/waves/{demo['waveIDs'][0]}/report"
        opener.open(url).read()  # warm up
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            body = opener.open(url).read()
            times.append((time.perf_counter() - start) * 1000)
        return statistics.median(times), min(times), len(body)
    finally:
        server.terminate()
        server.wait()

SIZES = [(1000, 50), (10000, 200), (100000, 2000)]


def run(binary, repeat=15, sizes=SIZES):
    """Rows: responses, answers, median ms, best ms, budget ms."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    work = tempfile.mkdtemp(prefix="samenspraak-bench-")
    seeded = os.path.join(work, "seed.sqlite")
    demo = json.loads(subprocess.run([binary, "demo", "--json", "--database", seeded], check=True, capture_output=True, text=True).stdout)
    connection = sqlite3.connect(seeded)
    wave = connection.execute("SELECT id FROM waves WHERE lower(id) = ?", (demo["waveIDs"][0],)).fetchone()[0]
    connection.execute("DELETE FROM survey_answers WHERE response_id IN (SELECT id FROM survey_responses WHERE wave_id = ?)", (wave,))
    connection.execute("DELETE FROM survey_texts WHERE response_id IN (SELECT id FROM survey_responses WHERE wave_id = ?)", (wave,))
    connection.execute("DELETE FROM survey_responses WHERE wave_id = ?", (wave,))
    connection.commit()
    connection.close()
    items = [line.split()[1] for line in open(os.path.join(root, "Sources/SamenspraakApp/Resources/questionnaires/parents-v1/structure.txt"))
             if line.startswith("item ")]
    rows = []
    for count, budget in sizes:
        database = os.path.join(work, f"report-{count}.sqlite")
        shutil.copy(seeded, database)
        fill(database, wave, count, items, seed=count)
        median, best, size = measure(binary, database, demo, repeat)
        rows.append((count, count * len(items), median, best, budget))
        os.remove(database)
    shutil.rmtree(work, ignore_errors=True)
    return rows


def main():
    parser = argparse.ArgumentParser()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    default = os.path.join(root, ".build", "release", "samenspraak")
    if not os.path.exists(default):
        default = os.path.join(root, ".build", "debug", "samenspraak")
    parser.add_argument("--bin", default=default)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    print(f"binary: {args.bin}")
    print(f"{'responses':>10} {'answers':>9} {'median ms':>10} {'best ms':>8} {'budget ms':>10} {'of budget':>10}")
    previous = None
    for count, answers, median, best, budget in run(args.bin, args.repeat):
        growth = f"  x{median / previous:.1f} for x10 responses" if previous else ""
        print(f"{count:>10} {answers:>9} {median:>10.1f} {best:>8.1f} {budget:>10} {median / budget:>9.0%}{growth}")
        previous = median


if __name__ == "__main__":
    sys.exit(main())
