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
from collections import Counter
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


def shoot(base: str, pages: dict[str, str], out: Path, prefix: str, phone: tuple[str, ...] = (),
          full_page: bool = True) -> list[Path]:
    written = []
    for (width, height), suffix, names in ((LAPTOP, "", tuple(pages)), (PHONE, "-phone", phone)):
        if not names:
            continue
        with chromium(width, height) as driver:
            for name in names:
                driver.get(base + pages[name])
                written.append(screenshot(driver, out / f"{prefix}-{name}{suffix}.png", full_page=full_page))
    return written


def demo_pages(store: newsloom.Store) -> dict[str, str]:
    """The demo's biggest story, a derived article and the entity quoted most, as app paths."""
    demo = store.result()
    pages: dict[str, str] = {}
    if demo.stories:
        pages["story"] = f"/story/{quote(max(demo.stories, key=lambda s: len(s.article_ids)).id, safe='')}"
    derived = [d.derived_id for d in demo.derivations] + [a.id for a in demo.articles]
    if derived:
        pages["article"] = f"/article/{quote(derived[0], safe='')}"
    speakers = Counter(q.speaker_entity_id for q in demo.quotes if q.speaker_entity_id)
    if speakers:
        pages["entity"] = f"/entity/{quote(speakers.most_common(1)[0][0], safe='')}"
    return pages


def docs(out: Path, demo_db: Path | None) -> int:
    """The screenshots the docs show: first screens, laptop and phone."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = demo_db or Path(tmp) / "demo.db"
        if not demo_db:
            newsloom.analyze([ROOT / "examples" / "demo"], db=db)
        with running_server(db) as base, newsloom.Store(db, readonly=True) as store:
            pages = demo_pages(store)
            written = shoot(base, pages, out, "demo", tuple(pages), full_page=False)
        report = Path(tmp) / "report.html"
        write_html(newsloom.Store(db).result(), report)
        written += shoot(report.as_uri(), {"report": ""}, out, "demo", ("report",), full_page=False)
    for path in written:
        print(path)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "screenshots")
    parser.add_argument("--demo-db", type=Path, help="a demo store (default: analyse examples/demo afresh)")
    parser.add_argument("--docs", type=Path, help="write only the docs' set here: the demo's report, story, article "
                        "and entity pages, first screen, at both widths")
    args = parser.parse_args()
    if problem := ensure_chromium():
        print(f"screenshots: {problem}", file=sys.stderr)
        return 2
    if args.docs:
        return docs(args.docs, args.demo_db)
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
            pages = {"home": "/", "search": "/?q=strike", **demo_pages(store)}
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
