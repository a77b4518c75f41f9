#!/usr/bin/env python3
"""Prints what a parent's phone downloads for the first page of a survey, of a moment's rating, of a
conversation card, of a public school profile and of the stories site: bytes over the wire (gzip, as browsers
ask for it) and the number of requests, side by side for each page. Not a test: it prints figures.

Usage: bench/first_page.py [--bin .build/debug/samenspraak]
"""
import argparse, gzip, json, os, re, shutil, socket, subprocess, sys, tempfile, time, urllib.parse, urllib.request

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def fetch(url):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip", "Accept-Language": "nl-BE,nl"})
    with urllib.request.urlopen(request) as response:
        raw = response.read()
        encoding = response.headers.get("Content-Encoding", "")
        body = gzip.decompress(raw) if encoding == "gzip" else raw
        return len(raw), body.decode("utf-8"), encoding

def subresources(html):
    """Everything the page makes the browser fetch: stylesheets, scripts, images, frames, and any audio or video that
    does not wait for play (`preload="none"`)."""
    found = re.findall(r'<(?:link[^>]*rel="stylesheet"[^>]*href|script[^>]*src|img[^>]*src|iframe[^>]*src)="([^"]+)"', html)
    for media in re.findall(r'<(?:audio|video)\b[^>]*>', html):
        source = re.search(r'\bsrc="([^"]+)"', media)
        if source and 'preload="none"' not in media:
            found.append(source.group(1))
    return found

PAGES = ["language choice", "intro (nl)", "intro (ar)", "intro (ti)", "intro (prs)", "intro (ary, spoken only)", "code entry", "moment rating (nl)", "moment rating (tr)",
         "moment rating (ar)", "public school profile", "conversation card (pl)", "good-news card (ar)", "stories site",
         "you told us (nl)", "you told us (ar)"]
BUDGET = 15 * 1024


def pages(demo):
    paths = [demo["parentSurveyPath"], demo["parentSurveyPath"] + "?lang=nl", demo["parentSurveyPath"] + "?lang=ar",
             demo["parentSurveyPath"] + "?lang=ti", demo["parentSurveyPath"] + "?lang=prs",
             demo["parentSurveyPath"] + "?lang=" + (demo.get("spokenLanguage") or "nl"), demo["codeEntryPath"], demo["ratingMomentPath"], demo["ratingMomentPath"] + "?lang=tr",
             demo["ratingMomentPath"] + "?lang=ar", demo["profilePath"], demo["conversationCardPath"] + "?lang=pl",
             demo["goodNewsCardPath"], demo["storiesPath"], demo["resultsForParentsPath"],
             demo["resultsForParentsPath"] + "?lang=ar"]
    return list(zip(PAGES, paths))


def run(binary):
    """Rows: page, html bytes (gzip), subresource bytes (gzip), total, requests, requests to other hosts."""
    work = tempfile.mkdtemp(prefix="samenspraak-bench-")
    database = os.path.join(work, "bench.sqlite")
    demo = json.loads(subprocess.run([binary, "demo", "--json", "--database", database], check=True,
                                     capture_output=True, text=True).stdout)
    port = free_port()
    server = subprocess.Popen([binary, "serve", "--database", database, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    rows = []
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz")
                break
            except OSError:
                time.sleep(0.1)
        for name, path in pages(demo):
            html_bytes, html, encoding = fetch(base + path)
            extra, third_party = 0, 0
            resources = subresources(html)
            for resource in resources:
                url = urllib.parse.urljoin(base + path, resource)
                if not url.startswith(base):
                    third_party += 1
                    continue
                extra += fetch(url)[0]
            rows.append((name, html_bytes, extra, html_bytes + extra, 1 + len(resources), third_party))
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(work, ignore_errors=True)
    return rows


def main():
    parser = argparse.ArgumentParser()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser.add_argument("--bin", default=os.path.join(root, ".build", "debug", "samenspraak"))
    args = parser.parse_args()
    print(f"{'page':<34} {'html gz':>8} {'subresources gz':>16} {'total':>8} {'requests':>9}  third-party")
    rows = run(args.bin)
    for name, html_bytes, extra, total, requests, third_party in rows:
        print(f"{name:<34} {html_bytes:>8} {extra:>16} {total:>8} {requests:>9}  {third_party}")
    worst = max(row[3] for row in rows)
    print(f"largest first page: {worst} bytes over the wire, budget {BUDGET} ({worst / BUDGET:.0%} of it)")


if __name__ == "__main__":
    sys.exit(main())
