#!/usr/bin/env python3
"""Prints what a parent's phone downloads for the first page of a survey, of a moment's rating, of a
conversation card, of a public school profile and of the stories site: bytes over the wire (gzip, as browsers
ask for it) and the number of requests, side by side for each page. Not a test: it prints figures.

Usage: bench/first_page.py [--bin .build/debug/samenspraak]
"""
import argparse, gzip, json, os, re, socket, subprocess, sys, tempfile, time, urllib.parse, urllib.request

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
    """Everything the page makes the browser fetch: stylesheets, scripts, images, frames."""
    found = re.findall(r'<(?:link[^>]*rel="stylesheet"[^>]*href|script[^>]*src|img[^>]*src|iframe[^>]*src)="([^"]+)"', html)
    return found

def main():
    parser = argparse.ArgumentParser()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser.add_argument("--bin", default=os.path.join(root, ".build", "debug", "samenspraak"))
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="samenspraak-bench-")
    database = os.path.join(work, "bench.sqlite")
    demo = json.loads(subprocess.run([args.bin, "demo", "--json", "--database", database], check=True,
                                     capture_output=True, text=True).stdout)
    port = free_port()
    server = subprocess.Popen([args.bin, "serve", "--database", database, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz")
                break
            except OSError:
                time.sleep(0.1)
        budget = 15 * 1024
        print(f"{'page':<34} {'html gz':>8} {'subresources gz':>16} {'total':>8} {'requests':>9}  third-party")
        pages = [("language choice", demo["parentSurveyPath"]), ("intro (nl)", demo["parentSurveyPath"] + "?lang=nl"),
                 ("intro (ar)", demo["parentSurveyPath"] + "?lang=ar"), ("code entry", demo["codeEntryPath"]),
                 ("moment rating (nl)", demo["ratingMomentPath"]), ("moment rating (tr)", demo["ratingMomentPath"] + "?lang=tr"),
                 ("moment rating (ar)", demo["ratingMomentPath"] + "?lang=ar"), ("public school profile", demo["profilePath"]),
                 ("conversation card (pl)", demo["conversationCardPath"] + "?lang=pl"), ("stories site", demo["storiesPath"])]
        worst = 0
        for name, path in pages:
            html_bytes, html, encoding = fetch(base + path)
            extra, third_party = 0, 0
            resources = subresources(html)
            for resource in resources:
                url = urllib.parse.urljoin(base + path, resource)
                if not url.startswith(base):
                    third_party += 1
                    continue
                extra += fetch(url)[0]
            total = html_bytes + extra
            worst = max(worst, total)
            print(f"{name:<34} {html_bytes:>8} {extra:>16} {total:>8} {1 + len(resources):>9}  {third_party}")
        print(f"largest first page: {worst} bytes over the wire, budget {budget} ({worst / budget:.0%} of it)")
    finally:
        server.terminate()
        server.wait()

if __name__ == "__main__":
    sys.exit(main())
