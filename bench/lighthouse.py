"""Lighthouse's four scores (mobile defaults) and the largest contentful
paint for the shop's key pages.

    .venv/bin/python bench/lighthouse.py [http://127.0.0.1:8000] [--runs 5]

One run of Lighthouse varies with what else the machine is doing (its
simulated timings scale what the browser measured), so each page is run
several times and the median of each figure is printed, as Lighthouse's own
guide to variability advises, with the lowest and highest LCP beside it.

Runs the npm package `lighthouse` (`npm ci` installs it) with Debian's
Chromium. Measure a production-like server (bench/run.sh starts one):
Django's development server neither compresses nor caches.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages import public_pages  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PAGES = ("home", "article", "articles", "product", "basket", "kit")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"


def scores(url: str, attempts: int = 2) -> dict[str, float]:
    """The four scores and the LCP in seconds; a run Chromium could not start
    in time is tried again."""
    result = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--output=json",
            "--output-path=stdout",
            "--quiet",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium"),
        },
        timeout=180,
    )
    if result.returncode != 0:
        if attempts > 1:
            return scores(url, attempts - 1)
        raise SystemExit(f"lighthouse failed on {url}:\n{result.stderr}")
    report = json.loads(result.stdout)
    found = {
        name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES
    }
    lcp = report["audits"]["largest-contentful-paint"]["numericValue"]
    return {**found, "lcp": lcp / 1000}


def main(base: str, runs: int) -> None:
    pages = public_pages(base)
    print(f"median of {runs} runs per page")
    print(
        f"{'page':<10} "
        + " ".join(f"{name:>14}" for name in CATEGORIES)
        + f" {'LCP (s)':>8} {'lowest':>7} {'highest':>7}"
    )
    for name in PAGES:
        if name not in pages:
            continue
        found = [scores(pages[name]) for _ in range(runs)]
        median = {key: statistics.median(run[key] for run in found) for key in found[0]}
        lcps = [run["lcp"] for run in found]
        print(
            f"{name:<10} "
            + " ".join(f"{median[c]:>14g}" for c in CATEGORIES)
            + f" {median['lcp']:>8.2f} {min(lcps):>7.2f} {max(lcps):>7.2f}"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", nargs="?", default="http://127.0.0.1:8000")
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    main(arguments.base.rstrip("/"), arguments.runs)
