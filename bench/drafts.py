"""Complete survey drafts, ready to be sent, made in bulk for the submission benchmark and the crash test.

One draft is filled in over HTTP as a parent would (every statement answered, both open questions), then copied
in the database under new tokens: `bench-N`, stored as the SHA-256 of the token like the app does. Sending a
copy (POST /d/TOKEN/submit) stores a complete response of 21 answers and 2 texts in one transaction.
"""
import hashlib, http.cookiejar, os, re, sqlite3, subprocess, urllib.error, urllib.parse, urllib.request, uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STRUCTURE = os.path.join(ROOT, "Sources/SamenspraakApp/Resources/questionnaires/parents-v1/structure.txt")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def post(opener, url, form):
    try:
        with opener.open(urllib.request.Request(url, data=urllib.parse.urlencode(form).encode()), timeout=10) as r:
            return r.status, r.headers.get("Location")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location")


def fill_one(base, survey_path):
    """Fills in one draft of the open survey link completely; returns its token."""
    lines = [line.split() for line in open(STRUCTURE)]
    items = [parts[1] for parts in lines if parts and parts[0] == "item"]
    questions = [parts[1] for parts in lines if parts and parts[0] == "open"]
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect())
    status, location = post(opener, base + survey_path + "/start", {"lang": "nl"})
    match = re.match(r"/d/([^/]+)/1$", location or "")
    if status != 303 or not match:
        raise RuntimeError(f"the survey did not start a draft: {status} {location}")
    token = match.group(1)
    form = {f"face[{item}]": str(i % 5) for i, item in enumerate(items)}
    form.update({f"text[{q}]": "De juf groet ons elke ochtend bij de poort." for q in questions})
    status, _ = post(opener, f"{base}/d/{token}/1", form)
    if status != 303:
        raise RuntimeError(f"saving the answers gave {status}")
    return token


def tokens(count):
    return [f"bench-{i}" for i in range(count)]


def hashed(token):
    return hashlib.sha256(token.encode()).hexdigest()


def copy_sqlite(database, token, count):
    """Copies the draft of `token` `count` times in a SQLite file; returns the new tokens."""
    made = tokens(count)
    db = sqlite3.connect(database, timeout=30)
    columns = [row[1] for row in db.execute("PRAGMA table_info(survey_drafts)")]
    original = db.execute(f"SELECT {', '.join(columns)} FROM survey_drafts WHERE token_hash = ?", (hashed(token),)).fetchone()
    if original is None:
        raise RuntimeError("the filled-in draft is not in the database")
    upper = original[columns.index("id")].isupper()
    rows = []
    for new in made:
        row = list(original)
        new_id = str(uuid.uuid4())
        row[columns.index("id")] = new_id.upper() if upper else new_id
        row[columns.index("token_hash")] = hashed(new)
        rows.append(row)
    db.executemany(f"INSERT INTO survey_drafts ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})", rows)
    db.commit()
    db.close()
    return made


def copy_postgres(url, token, count):
    """Copies the draft of `token` `count` times in a PostgreSQL database (with psql); returns the new tokens."""
    columns = subprocess.run(["psql", url, "-tAc", "SELECT string_agg(column_name, ',') FROM information_schema.columns "
                              "WHERE table_name = 'survey_drafts' AND column_name NOT IN ('id', 'token_hash')"],
                             check=True, capture_output=True, text=True).stdout.strip()
    sql = (f"INSERT INTO survey_drafts (id, token_hash, {columns}) "
           f"SELECT gen_random_uuid(), encode(sha256(convert_to('bench-' || g, 'UTF8')), 'hex'), {columns} "
           f"FROM survey_drafts, generate_series(0, {count - 1}) AS g WHERE token_hash = '{hashed(token)}'")
    subprocess.run(["psql", url, "-qc", sql], check=True, capture_output=True)
    return tokens(count)


def submit(base, token):
    """Sends a draft as the last page's button does: (status, location); a thank-you is a 303 to /thanks."""
    return post(urllib.request.build_opener(NoRedirect()), f"{base}/d/{token}/submit", {})
