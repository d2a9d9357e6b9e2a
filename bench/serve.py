#!/usr/bin/env python3
"""How fast an edit shows in `rumourmill serve`, `zola serve` and `hugo server`.

Each server serves a copy of the same generated articles (bench/peers.py's sites). The
newest article's title is edited EDITS times, a few hundred milliseconds apart; for each
edit the script times, from the moment the file is saved:

- the reload event (rumourmill's Server-Sent Event, read as it arrives), and
- the edited page served with the new title (polled every 2 ms; for Zola and Hugo, whose
  reload messages go over a WebSocket, this is the figure to compare).

It also times each server from its start to its first page. Medians are printed as one
Markdown table.

    python3 bench/serve.py --zola PATH --hugo PATH            # 10,000 articles, 20 edits
    python3 bench/serve.py 1000 --edits 10 --only rumourmill
"""

import argparse
import http.client
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from build import BINARY, WORK, corpus
from peers import hugo_site, zola_site

TITLE = re.compile(r'^title = "(.*)"$', re.M)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    except OSError:
        return 0, ""
    finally:
        connection.close()


class Events(threading.Thread):
    """rumourmill's reload events, each stamped with the time it was read."""

    def __init__(self, port: int):
        super().__init__(daemon=True)
        self.times: list[float] = []
        self.stream = socket.create_connection(("127.0.0.1", port))
        self.stream.sendall(b"GET /__rumourmill/events HTTP/1.1\r\nHost: bench\r\n\r\n")
        self.start()

    def run(self):
        buffer = b""
        while chunk := self.stream.recv(65536):
            now = time.perf_counter()
            buffer += chunk
            self.times.extend(now for _ in range(buffer.count(b"event: reload")))
            buffer = buffer.rsplit(b"event: reload", 1)[-1]


def run(name: str, command: list[str], site: Path, article: Path, candidates: list[str],
        port: int, edits: int) -> dict:
    started = time.perf_counter()
    server = subprocess.Popen(command, cwd=site, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while get(port, "/")[0] != 200:
            if time.perf_counter() - started > 120:
                raise RuntimeError(f"{name} served nothing in 120 s")
            time.sleep(0.005)
        first_page = time.perf_counter() - started
        original = article.read_text()
        title = TITLE.search(original).group(1)
        url = next(path for path in candidates if title in get(port, path)[1].replace("&#x27;", "'"))
        events = Events(port) if name == "rumourmill" else None
        time.sleep(0.5)
        reloads, pages = [], []
        for n in range(edits):
            new_title = f"Edit {n} {title}"
            saved = time.perf_counter()
            article.write_text(original.replace(f'title = "{title}"', f'title = "{new_title}"', 1))
            while new_title not in get(port, url)[1].replace("&#x27;", "'"):
                if time.perf_counter() - saved > 60:
                    raise RuntimeError(f"{name} never showed edit {n}")
                time.sleep(0.002)
            pages.append(time.perf_counter() - saved)
            time.sleep(0.4)
            if events:
                after = [t for t in events.times if t > saved]
                if after:
                    reloads.append(after[0] - saved)
        article.write_text(original)
        return {
            "first": first_page,
            "reload": statistics.median(reloads) if reloads else None,
            "page": statistics.median(pages),
            "edits": len(pages),
        }
    finally:
        server.terminate()
        server.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("size", nargs="?", type=int, default=10_000)
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--zola", default="zola", help="the zola binary")
    parser.add_argument("--hugo", default="hugo", help="the hugo binary")
    parser.add_argument("--only", choices=["rumourmill", "zola", "hugo"])
    args = parser.parse_args()

    rows = []
    tools = ["rumourmill", "zola", "hugo"] if not args.only else [args.only]
    for name in tools:
        port = free_port()
        if name == "rumourmill":
            site = WORK / f"serve-{args.size}"
            shutil.rmtree(site, ignore_errors=True)
            shutil.copytree(corpus(args.size), site)
            command = [str(BINARY), "serve", "--port", str(port)]
        elif name == "zola":
            site = zola_site(args.size)
            command = [args.zola, "serve", "--interface", "127.0.0.1", "--port", str(port)]
        else:
            site = hugo_site(args.size)
            # Hugo serves under base_url's path unless told another base URL.
            command = [args.hugo, "server", "--bind", "127.0.0.1", "--port", str(port),
                       "--baseURL", f"http://127.0.0.1:{port}/"]
        article = max((site / "content" / "articles").rglob("*.md"), key=lambda p: p.name)
        slug_stem = article.stem
        candidates = [
            f"/articles/{slug_stem.split('-', 3)[-1]}/",  # rumourmill: the date prefix goes
            f"/articles/{slug_stem}/",
            f"/articles/{article.parent.name}/{slug_stem}/",
            f"/{slug_stem}/",
        ]
        figures = run(name, command, site, article, candidates, port, args.edits)
        rows.append((name, figures))
        print(f"{name}: {figures}", file=sys.stderr)

    print(f"| {args.size:,} articles | save to reload event | save to page served | start to first page |")
    print("|---|---:|---:|---:|")
    for name, f in rows:
        reload = f"{f['reload'] * 1000:.0f} ms" if f["reload"] is not None else "—"
        print(f"| {name} | {reload} | {f['page'] * 1000:.0f} ms | {f['first']:.2f} s |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
