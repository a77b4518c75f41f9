#!/usr/bin/env python3
"""Serving: wrk against the parent survey's first page and a public story page, and against nginx serving the
very same bytes as static files, in the same run on the same loopback. Prints requests per second, p99 latency
and the ratio to nginx (target: at least 0.5 of nginx on the survey page): five rounds taken in turns (the app,
then nginx), the ratio of each round, and their median and spread (lowest to highest).

Usage: bench/serving.py [--bin .build/release/samenspraak] [--seconds 10] [--connections 32]
Needs wrk and nginx (Debian packages `wrk`, `nginx-light`). Measure a release build.
"""
import argparse, os, re, shutil, subprocess, sys, textwrap, time, urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lib

TARGET = 0.5
ROUNDS = 5


def start_nginx(root, port, work):
    config = os.path.join(work, "nginx.conf")
    with open(config, "w") as f:
        f.write(textwrap.dedent(f"""\
            worker_processes auto;
            daemon off;
            pid {work}/nginx.pid;
            error_log {work}/nginx-error.log;
            events {{ worker_connections 1024; }}
            http {{
                access_log off;
                default_type text/html;
                sendfile on;
                keepalive_requests 100000;
                client_body_temp_path {work}/nginx-body;
                proxy_temp_path {work}/nginx-proxy;
                fastcgi_temp_path {work}/nginx-fastcgi;
                uwsgi_temp_path {work}/nginx-uwsgi;
                scgi_temp_path {work}/nginx-scgi;
                server {{
                    listen 127.0.0.1:{port};
                    root {root};
                    location / {{ try_files $uri.html =404; }}
                }}
            }}
            """))
    process = subprocess.Popen(["nginx", "-c", config, "-p", work], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    lib.wait_for(lambda: urllib.request.urlopen(f"http://127.0.0.1:{port}/survey").status == 200)
    return process


def first_story_path(base, stories_path):
    html = urllib.request.urlopen(base + stories_path).read().decode()
    links = [l for l in re.findall(r'href="(/stories/[a-z0-9-]+)"', html)
             if not re.match(r"/stories/(search|feed|keys|schools|photos)\b", l)]
    if not links:
        raise RuntimeError("the demo has no published story")
    return links[0]


def run(binary, seconds=10, connections=32):
    """Rows: page, bytes, app req/s, app p99 ms, nginx req/s, nginx p99 ms (each the median round's), the median
    ratio, and the lowest and highest ratio of a round."""
    work = lib.workdir()
    database = os.path.join(work, "serving.sqlite")
    demo = lib.seed(binary, database)
    rows = []
    with lib.Server(binary, database) as server:
        pages = [("survey first page", demo["parentSurveyPath"]),
                 ("public story page", first_story_path(server.base, demo["storiesPath"]))]
        static = os.path.join(work, "static")
        os.makedirs(static)
        os.chmod(work, 0o755)  # nginx's workers run as another user when it is started by root
        names = ["survey", "story"]
        for (title, path), name in zip(pages, names):
            # wrk sends no Accept-Encoding, so both serve the uncompressed bytes.
            with open(os.path.join(static, name + ".html"), "wb") as f:
                f.write(urllib.request.urlopen(server.base + path).read())
        nginx_port = lib.free_port()
        nginx = start_nginx(static, nginx_port, work)
        try:
            for (title, path), name in zip(pages, names):
                size = os.path.getsize(os.path.join(static, name + ".html"))
                lib.wrk(server.base + path, seconds=2, connections=connections)  # warm up
                # Rounds taking turns, each round's ratio, and their median: two cores shared with wrk make single
                # runs vary, and a round's two runs see the same state of the machine.
                apps, ngxs = [], []
                for _ in range(ROUNDS):
                    apps.append(lib.wrk(server.base + path, seconds=seconds, connections=connections))
                    ngxs.append(lib.wrk(f"http://127.0.0.1:{nginx_port}/{name}", seconds=seconds, connections=connections))
                for figures, who in [(f, "samenspraak") for f in apps] + [(f, "nginx") for f in ngxs]:
                    if figures["statuses"] != {"200": figures["requests"]} or figures["socket_errors"]:
                        raise RuntimeError(f"{who} did not answer every request of {title} with 200: {figures}")
                rounds = sorted(zip(apps, ngxs), key=lambda pair: pair[0]["rps"] / pair[1]["rps"])
                ratios = [app["rps"] / ngx["rps"] for app, ngx in rounds]
                app, ngx = rounds[ROUNDS // 2]
                rows.append((title, size, app["rps"], app["p99_ms"], ngx["rps"], ngx["p99_ms"], ratios[ROUNDS // 2],
                             ratios[0], ratios[-1]))
        finally:
            nginx.terminate()
            nginx.wait()
    shutil.rmtree(work, ignore_errors=True)
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=lib.default_binary())
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    print(f"binary: {args.bin}; wrk -t2 -c{args.connections} -d{args.seconds}s on loopback, 2 cores shared with wrk")
    print(f"{'page':<20} {'bytes':>7} {'app req/s':>10} {'app p99':>8} {'nginx req/s':>12} {'nginx p99':>10} {'ratio':>6} "
          f"{'spread':>10}")
    for title, size, rps, p99, nrps, np99, ratio, low, high in run(args.bin, args.seconds, args.connections):
        print(f"{title:<20} {size:>7} {rps:>10.0f} {p99:>6.1f}ms {nrps:>12.0f} {np99:>8.1f}ms {ratio:>6.2f} "
              f"{low:.2f}–{high:.2f}")
    print(f"median of {ROUNDS} rounds taken in turns; target: survey page at least {TARGET} of nginx")


if __name__ == "__main__":
    sys.exit(main())
