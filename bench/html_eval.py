"""Benchmark: the HTML path on trafilatura's own evaluation, side by side with bare trafilatura.

    python bench/html_eval.py [--data DIR] [--limit N] [--half a|b] [--jobs 2] [--floor] [--update-baseline]
                              [--errors N]

``../shared/data/html/trafilatura_eval`` (skipped when absent) maps 990 real pages to
snippets the main text must contain (``with``) and must not contain (``without``). Scored
as trafilatura scores itself: per page, a ``with`` snippet found in the
whitespace-normalised output is a true positive, missing a false negative; a ``without``
snippet found is a false positive, absent a true negative; P/R/F1 over all snippets.

Two extractors run on each page in the same run: newsloom's ``Article.text`` (the page
decoded as ``analyze`` decodes it, then :func:`newsloom.clean.clean`; a page newsloom
rejects scores as empty output and is counted), and bare ``trafilatura.extract`` with the
settings trafilatura's own evaluation pins (default extraction, ``include_tables=True``,
no comments, no formatting, fed the page's bytes).

``--half a`` / ``--half b`` keep the pages at even / odd positions of ``evaldata.json``:
half a is for development (``--errors``), half b is held out. ``--floor`` fails (exit 1)
when newsloom's F1 falls below bare trafilatura's in the same run (``f1_over_bare``, any
pages), or, on the whole set or a half, below the F1 pinned in ``bench/baseline.json`` or
when it rejects more pages than pinned there.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass
from multiprocessing import Pool
from pathlib import Path
from typing import Any

from baseline import add_arguments, report

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "html" / "trafilatura_eval"
# trafilatura's own evaluation settings (its tests/eval_common.py EXTRACT_OPTS).
BARE_OPTS: dict[str, Any] = {"include_comments": False, "include_tables": True, "include_formatting": False}


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class Counts:
    """Snippet counts of one extractor (trafilatura's confusion matrix)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @classmethod
    def of(cls, item: dict[str, Any], output: str) -> Counts:
        text = norm(output)
        tp = sum(norm(w) in text for w in item["with"])
        fp = sum(norm(w) in text for w in item["without"])
        return cls(tp, fp, len(item["with"]) - tp, len(item["without"]) - fp)

    def add(self, other: Counts) -> None:
        self.tp, self.fp, self.fn, self.tn = (
            self.tp + other.tp, self.fp + other.fp, self.fn + other.fn, self.tn + other.tn)

    def scores(self) -> tuple[float, float, float]:
        p = self.tp / max(1, self.tp + self.fp)
        r = self.tp / max(1, self.tp + self.fn)
        return p, r, 2 * self.tp / max(1, 2 * self.tp + self.fp + self.fn)


@dataclass
class PageResult:
    url: str
    newsloom: Counts
    bare: Counts
    rejected: bool
    bare_empty: bool
    missed: list[str]  # `with` snippets newsloom lacks and bare trafilatura has
    leaked: list[str]  # `without` snippets newsloom has and bare trafilatura lacks


def newsloom_text(data: bytes, url: str, source: str) -> str:
    """What ``analyze`` would keep of the page: empty when it rejects it."""
    from newsloom.clean import clean
    from newsloom.errors import NewsloomError
    from newsloom.ingest.decode import decode_page
    from newsloom.model import RawDocument

    try:
        html = decode_page(data)
    except NewsloomError:
        return ""
    return clean(RawDocument(source=source, html=html, url=url)).text


def run_page(job: tuple[Path, str, dict[str, Any]]) -> PageResult:
    import trafilatura  # see newsloom_text

    data_dir, url, item = job
    data = (data_dir / "pages" / item["file"]).read_bytes()
    ours = newsloom_text(data, url, item["file"])
    try:
        bare = trafilatura.extract(data, **BARE_OPTS) or ""
    except Exception:  # noqa: BLE001 - trafilatura's eval counts a crash as empty output
        bare = ""
    ours_n, bare_n = norm(ours), norm(bare)
    return PageResult(
        url=url,
        newsloom=Counts.of(item, ours),
        bare=Counts.of(item, bare),
        rejected=not ours.strip(),
        bare_empty=not bare.strip(),
        missed=[w for w in item["with"] if norm(w) not in ours_n and norm(w) in bare_n],
        leaked=[w for w in item["without"] if norm(w) in ours_n and norm(w) not in bare_n],
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages (after --half)")
    parser.add_argument("--half", choices=("a", "b"), help="a: even positions (development), b: odd (held out)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--errors", type=int, default=0, metavar="N",
                        help="list up to N pages where newsloom misses or leaks a snippet bare trafilatura does not")
    add_arguments(parser)
    args = parser.parse_args()
    meta = args.data / "evaldata.json"
    if not meta.exists():
        print(f"bench/html_eval.py: skipped, no {meta}")
        return 0
    items = list(json.loads(meta.read_text(encoding="utf-8")).items())
    if args.half:
        items = items[args.half == "b"::2]
    if args.limit:
        items = items[: args.limit]
    jobs = [(args.data, url, item) for url, item in items]

    t0 = time.perf_counter()
    with Pool(max(1, args.jobs)) as pool:
        results = pool.map(run_page, jobs, chunksize=4)
    secs = time.perf_counter() - t0

    ours, bare = Counts(), Counts()
    for r in results:
        ours.add(r.newsloom)
        bare.add(r.bare)
    rejected = [r.url for r in results if r.rejected]
    rejected_with_body = [r.url for r in results if r.rejected and not r.bare_empty]
    if args.errors:
        worse = [r for r in results if r.missed or r.leaked][: args.errors]
        for r in worse:
            print(f"  {r.url}")
            for w in r.missed:
                print(f"    missed: {w[:100]!r}")
            for w in r.leaked:
                print(f"    leaked: {w[:100]!r}")
    name = f"half {args.half}" if args.half else "all"
    print(f"trafilatura eval ({name}): {len(results)} pages, {secs:.0f} s on {args.jobs} processes")
    for label, c in (("newsloom text", ours), ("bare trafilatura", bare)):
        p, r, f1 = c.scores()
        print(f"  {label:<17} P {p:.3f} R {r:.3f} F1 {f1:.4f} (TP {c.tp} FP {c.fp} FN {c.fn} TN {c.tn})")
    print(f"  newsloom rejected {len(rejected)} pages ({len(rejected_with_body)} where trafilatura finds a body)")
    f1, bare_f1 = ours.scores()[2], bare.scores()[2]
    # the pages scored: "all", "half_a", "half_b", or "all_first50" with --limit
    pages = (f"half_{args.half}" if args.half else "all") + (f"_first{args.limit}" if args.limit else "")
    if args.data != DEFAULT:
        pages = f"custom_{pages}"
    figures = {f"{pages}.f1": f1, f"{pages}.rejected": len(rejected), "f1_over_bare": f1 - bare_f1}
    return report("html_eval", figures, args)


if __name__ == "__main__":
    sys.exit(main())
