"""Screenshots of every web page and of the one-file report, for a person to look at.

    python bench/screenshots.py [--out out/screenshots] [--demo-db out/demo.db]

Serves the invented sample story (``newsloom.report.sample``) and the demo corpus (the
store given, or a fresh analysis of examples/demo) on loopback, opens each page in
headless Chromium at laptop and phone widths, and writes full-page PNGs.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import newsloom
from newsloom.report.render import write_html
from newsloom.report.sample import fixture_result, write_store
from newsloom.web.browser import chromium, ensure_chromium, running_server, screenshot

ROOT = Path(__file__).resolve().parents[1]
LAPTOP, PHONE = (1366, 900), (390, 844)
SAMPLE_PAGES = {
    "home": "/", "search": "/?q=bridge+winter", "story": "/story/st-bridge", "story-empty": "/story/st-cup",
    "article-rewrite": "/article/w3", "article-original": "/article/w1#a-w1-p1", "article-hostile": "/article/w5",
    "entity": "/entity/e-brandvik", "not-found": "/story/nope",
}
PHONE_PAGES = ("home", "story", "article-rewrite")


def shoot(base: str, pages: dict[str, str], out: Path, prefix: str, phone: tuple[str, ...] = ()) -> list[Path]:
    written = []
    for (width, height), suffix, names in ((LAPTOP, "", tuple(pages)), (PHONE, "-phone", phone)):
        if not names:
            continue
        with chromium(width, height) as driver:
            for name in names:
                driver.get(base + pages[name])
                written.append(screenshot(driver, out / f"{prefix}-{name}{suffix}.png"))
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "screenshots")
    parser.add_argument("--demo-db", type=Path, help="a demo store (default: analyse examples/demo afresh)")
    args = parser.parse_args()
    if problem := ensure_chromium():
        print(f"screenshots: {problem}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        sample_db = write_store(fixture_result(), Path(tmp) / "sample.db")
        demo_db = args.demo_db or Path(tmp) / "demo.db"
        if not args.demo_db:
            newsloom.analyze([ROOT / "examples" / "demo"], db=demo_db)
        written = []
        with running_server(sample_db) as base:
            written += shoot(base, SAMPLE_PAGES, args.out, "sample", PHONE_PAGES)
        with running_server(demo_db) as base, newsloom.Store(demo_db, readonly=True) as store:
            demo = store.result()
            derived = [d.derived_id for d in demo.derivations] + [a.id for a in demo.articles]
            pages = {"home": "/", "search": "/?q=strike", "article": f"/article/{quote(derived[0], safe='')}"}
            if demo.stories:
                biggest = max(demo.stories, key=lambda s: len(s.article_ids))
                pages["story"] = f"/story/{quote(biggest.id, safe='')}"
            written += shoot(base, pages, args.out, "demo", ("home",))
        for name, result in (("sample", fixture_result()), ("demo", newsloom.Store(demo_db).result())):
            report = Path(tmp) / f"{name}-report.html"
            write_html(result, report)
            written += shoot(report.as_uri(), {"report": ""}, args.out, name)
    for path in written:
        print(path)
    print(f"{len(written)} screenshots in {time.monotonic() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
