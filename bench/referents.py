"""Readers' referents for PolNeAR's anaphoric quote sources: the recipe of ``polnear_referents.tsv``.

PolNeAR marks "he", "they" or "the Vermont senator" as a quote's source and does not say
whom they mean; ``bench/quotes.py`` needs that person to judge a speaker. This script
makes the reading blind and repeatable:

    python bench/referents.py batches OUT_DIR dev train-a train-b   # marked texts for readers
    python bench/referents.py merge OUT_DIR [OUT_DIR …]             # their answers → the TSV

``batches`` writes ``batchK.txt`` files (about 150k characters each): every article with an
anaphoric gold source (first-person ones excepted: the bench takes "I"/"we" as the writer),
cut after the last one, with each source marked in place as ``[[ID: he]]``, plus
``key.json`` (ID → article and offset). Readers see the article text only, never a system's
answer or the gold quotation. Each writes ``outK.tsv``: ``ID<TAB>referent<TAB>confidence``,
the referent being the fullest name the article gives, ``UNNAMED: <description>`` when it
gives none, names joined by `` + `` for several people, or ``UNCLEAR``, as
``referents_instructions.md`` (copied beside the batches) tells them; see ``bench/QUOTES.md``.
``merge`` folds them into ``bench/polnear_referents.tsv`` (article,
source offset, referent, confidence; an unnamed referent keeps only its head word, all the
bench judges it by: no text of the corpus). Skips with a message when the
data is absent.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quotes import REFERENTS_FILE, ROOT, _head, needs_referent, read_ann  # noqa: E402

BATCH_CHARS = 150_000
#: What each reader is told (K: the batch number; {out} and {prefix} filled in), written beside the batches.
INSTRUCTIONS = Path(__file__).with_name("referents_instructions.md")


def _texts(base: Path, name: str) -> list[Path]:
    """``dev`` or ``train-a`` / ``train-b`` (the bench's halves: even / odd positions)."""
    split, _, half = name.partition("-")
    texts = sorted((base / split / "text").glob("*.txt"))
    return texts[half == "b" :: 2] if half else texts


def batches(base: Path, out: Path, names: list[str], prefix: str) -> int:
    out.mkdir(parents=True, exist_ok=True)
    found: list[tuple[str, str, list[tuple[int, int]]]] = []
    for name in names:
        for path in _texts(base, name):
            anns = sorted((base / name.partition("-")[0] / "attributions").glob(path.stem + "_*.ann"))
            if not anns:
                continue
            text = path.read_text(encoding="utf-8")
            spans = {g.source_start: len(g.source or "") for g in read_ann(anns[0], text)
                     if needs_referent(g)}
            if spans:
                found.append((path.stem, text, sorted(spans.items())))
    key: dict[str, dict[str, object]] = {}
    batch: list[str] = []
    size = k = n = 0
    for i, (stem, text, spans) in enumerate(found):
        last = spans[-1][0] + spans[-1][1]
        end = text.find("\n", last + 300)  # a pronoun looks back: the rest is not needed
        text = text if end < 0 else text[:end]
        parts, pos = [], 0
        for start, length in spans:
            n += 1
            iid = f"{prefix}{k}-{n}"
            key[iid] = {"article": stem, "start": start}
            parts += [text[pos:start], f"[[{iid}: {text[start:start + length]}]]"]
            pos = start + length
        batch.append(f"=== ARTICLE {stem} ===\n{''.join(parts)}{text[pos:]}\n")
        size += len(text)
        if size > BATCH_CHARS or i == len(found) - 1:
            (out / f"batch{k}.txt").write_text("\n".join(batch), encoding="utf-8")
            batch, size, k, n = [], 0, k + 1, 0
    (out / "key.json").write_text(json.dumps(key, indent=1), encoding="utf-8")
    told = INSTRUCTIONS.read_text(encoding="utf-8").replace("{out}", str(out.resolve()))
    (out / "INSTRUCTIONS.md").write_text(told.replace("{prefix}", prefix), encoding="utf-8")
    print(f"{len(key)} sources in {len(found)} articles → {k} batches in {out}")
    return 0


def merge(dirs: list[Path]) -> int:
    rows: dict[tuple[str, int], tuple[str, str]] = {}
    for d in dirs:
        key = json.loads((d / "key.json").read_text(encoding="utf-8"))
        for tsv in sorted(d.glob("out*.tsv")):
            for line in tsv.read_text(encoding="utf-8").splitlines():
                iid, referent, confidence = (line.split("\t") + ["", ""])[:3]
                if iid in key:  # a parenthesis is the reader's gloss, not the name
                    referent = re.sub(r"\s*\([^)]*\)", "", referent).strip()
                    # an unnamed one is judged by its head word: keep that, not the article's words
                    referent = " + ".join(f"UNNAMED: {_head(part[8:])}" if part.startswith("UNNAMED:") else part
                                          for part in referent.split(" + "))
                    rows[key[iid]["article"], int(key[iid]["start"])] = (referent, confidence.strip() or "high")
        missing = len(key) - sum((key[i]["article"], int(key[i]["start"])) in rows for i in key)
        if missing:
            print(f"{d}: {missing} of {len(key)} sources have no answer")
    with REFERENTS_FILE.open("w", encoding="utf-8") as f:
        f.write("article\tsource_start\treferent\tconfidence\n")
        for (article, start), (referent, confidence) in sorted(rows.items()):
            f.write(f"{article}\t{start}\t{referent}\t{confidence}\n")
    print(f"{len(rows)} referents → {REFERENTS_FILE.relative_to(ROOT)}")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("batches", help="marked texts for readers")
    b.add_argument("out", type=Path)
    b.add_argument("splits", nargs="+", help="dev, train-a, train-b")
    b.add_argument("--prefix", default="B", help="marker ID prefix (distinct per round)")
    m = sub.add_parser("merge", help="readers' answers → bench/polnear_referents.tsv")
    m.add_argument("dirs", nargs="+", type=Path)
    args = ap.parse_args()
    if args.cmd == "merge":
        return merge(args.dirs)
    base = args.data / "quotes" / "polnear"
    if not base.is_dir():
        print(f"skipped: {base} is absent")
        return 0
    return batches(base, args.out, args.splits, args.prefix)


if __name__ == "__main__":
    raise SystemExit(main())
