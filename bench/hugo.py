#!/usr/bin/env python3
"""Builds the benchmark's generated articles with Hugo, for a comparison on one machine.

The same corpus as bench/build.py (examples/corpus.rs, seed 1) goes into a Hugo site
(bench/hugo/) whose minimal templates give each article its page with its rumours, a
paginated feed, a page and an RSS feed for each player, club and tag, and a sitemap. It
builds it RUNS times afresh on tmpfs and prints the medians as bench/build.py does.

    apt-get install hugo                   # Debian's Hugo
    python3 bench/hugo.py 10000 --runs 5
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from build import ROOT, WORK, corpus


def build_once(site: Path, output: Path) -> dict:
    shutil.rmtree(output, ignore_errors=True)
    with tempfile.NamedTemporaryFile("r") as timing:
        subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", timing.name, "hugo", "--quiet",
                        "--source", str(site), "--destination", str(output)], check=True)
        wall, user, system, peak_kb = timing.read().split()
    return {"wall": float(wall), "ratio": (float(user) + float(system)) / float(wall), "peak_mb": int(peak_kb) / 1024}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    version = subprocess.run(["hugo", "version"], capture_output=True, text=True, check=True).stdout.split()[1]
    subprocess.run(["cargo", "build", "--release", "--quiet", "--example", "corpus"], cwd=ROOT, check=True)

    print(f"Hugo {version}; {os.cpu_count()} cores; output on tmpfs; median of {args.runs} builds\n")
    print("| articles | files | wall | peak memory | CPU / wall |")
    print("|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        articles = corpus(size) / "content" / "articles"
        site = WORK / f"hugo-{size}"
        shutil.rmtree(site, ignore_errors=True)
        shutil.copytree(ROOT / "bench" / "hugo", site)
        shutil.copytree(articles, site / "content" / "articles")
        output = WORK / f"hugo-out-{size}"
        runs = [build_once(site, output) for _ in range(args.runs)]
        files = sum(len(names) for _, _, names in os.walk(output))
        median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
        print(f"| {size:,} | {files:,} | {median['wall']:.2f} s | {median['peak_mb']:.0f} MB "
              f"| {median['ratio']:.2f} |", flush=True)
        shutil.rmtree(output, ignore_errors=True)
        shutil.rmtree(site, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
