"""Benchmark a shipped pipeline (accuracy, speed, load time, size).

    python bench/nlp.py [--model en_newsloom|en_newsloom_trf|PATH_OR_NAME] [--data ../shared/data] [--quick]
                        [--floor] [--update-baseline]

* NER P/R/F1, overall and per label, on the CoNLL++ test set (raw text re-tokenised by
  the pipeline; entities of other labels than PERSON/ORG/LOC/MISC ignored), for the full
  pipeline (rule components on) and for the trained ``ner`` alone.
* UAS/LAS, UPOS/XPOS/morph/lemma accuracy on UD EWT test with gold tokenisation.
* Words/s of the whole pipeline on news text (PolNeAR dev, else EWT test), 1 and 2 processes.
* Load time and size on disk.

Skips with a message (exit 0) when the data directory is absent. ``--floor`` checks the
figures pinned in ``bench/baseline.json`` (the shipped models, whole test sets).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"
CORPUS = ROOT / "training" / "corpus"
NER_LABELS = ("PERSON", "ORG", "LOC", "MISC")
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "training"))

from baseline import add_arguments, report  # noqa: E402


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def bench_ner(
    nlp, gold_docs, disable: list[str], gold_tokens: bool = False
) -> dict[str, tuple[float, float, float]]:
    """Exact-match entity P/R/F1 by character offsets, overall and per label."""
    from spacy.tokens import Doc

    counts: dict[str, list[int]] = {lab: [0, 0, 0] for lab in NER_LABELS}
    if gold_tokens:
        texts = (
            Doc(nlp.vocab, words=[t.text for t in g], spaces=[bool(t.whitespace_) for t in g])
            for g in gold_docs
        )
    else:
        texts = (d.text for d in gold_docs)
    for gold, pred in zip(gold_docs, nlp.pipe(texts, disable=disable), strict=True):
        g = {(e.start_char, e.end_char, e.label_) for e in gold.ents}
        p = {(e.start_char, e.end_char, e.label_) for e in pred.ents if e.label_ in NER_LABELS}
        for lab in NER_LABELS:
            gl = {x for x in g if x[2] == lab}
            pl = {x for x in p if x[2] == lab}
            counts[lab][0] += len(gl & pl)
            counts[lab][1] += len(pl - gl)
            counts[lab][2] += len(gl - pl)
    out = {lab: _prf(*c) for lab, c in counts.items()}
    out["ALL"] = _prf(*(sum(c[i] for c in counts.values()) for i in range(3)))
    return out


def bench_parse(nlp, gold_docs) -> dict[str, float]:
    """Tagging and parsing accuracy with gold tokenisation (punctuation included)."""
    from spacy.tokens import Doc

    n = upos = xpos = morph = lemma = uas = las = las_univ = 0
    n_np = uas_np = las_np = 0
    docs = (
        Doc(nlp.vocab, words=[t.text for t in g], spaces=[bool(t.whitespace_) for t in g])
        for g in gold_docs
    )
    off = [n for n in ("ner",) if n in nlp.pipe_names]
    for gold, pred in zip(gold_docs, nlp.pipe(docs, disable=off), strict=True):
        for gt, pt in zip(gold, pred, strict=True):
            n += 1
            upos += gt.pos_ == pt.pos_
            xpos += gt.tag_ == pt.tag_
            morph += str(gt.morph) == str(pt.morph)
            lemma += gt.lemma_ == pt.lemma_
            head = gt.head.i == pt.head.i
            uas += head
            las += head and gt.dep_ == pt.dep_
            las_univ += head and gt.dep_.split(":")[0] == pt.dep_.split(":")[0]
            if gt.dep_ != "punct":
                n_np += 1
                uas_np += head
                las_np += head and gt.dep_ == pt.dep_
    return {
        "UPOS acc": upos / n,
        "XPOS acc": xpos / n,
        "morph acc": morph / n,
        "lemma acc": lemma / n,
        "UAS": uas / n,
        "LAS": las / n,
        "LAS (universal labels)": las_univ / n,
        "UAS (no punct)": uas_np / n_np,
        "LAS (no punct)": las_np / n_np,
        "tokens": n,
    }


def bench_speed(nlp, texts: list[str], n_process: int) -> tuple[float, float]:
    """Words per second (non-space tokens), whole pipeline: (per wall second, per CPU second).

    CPU seconds are this process's plus its finished children's, so the second figure is a
    per-core rate that holds up on a busy machine.
    """
    list(nlp.pipe(texts[:5]))  # warm-up
    cpu0 = _cpu_seconds()
    t0 = time.perf_counter()
    docs = nlp.pipe(texts, n_process=n_process, batch_size=16)
    words = sum(sum(not t.is_space for t in d) for d in docs)
    wall = time.perf_counter() - t0
    return words / wall, words / max(_cpu_seconds() - cpu0, 1e-9)


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=None, help="model name or path (default: shipped)")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--quick", action="store_true", help="first 200 docs of each set only")
    add_arguments(ap)
    args = ap.parse_args(argv)
    if not (args.data / "ud" / "en_ewt").is_dir() or not (args.data / "ner" / "conllpp").is_dir():
        print(f"bench/nlp: data not found under {args.data}; skipping.")
        return 0

    from spacy.tokens import DocBin

    from newsloom.nlp import DEFAULT_MODEL_NAME, load, model_path

    if not (CORPUS / "ewt-test.spacy").is_file() or not (CORPUS / "conll-test.spacy").is_file():
        from convert import main as convert_main

        convert_main(["--data", str(args.data), "--out", str(CORPUS)])
    name = args.model or DEFAULT_MODEL_NAME
    model = str(model_path(name))
    t0 = time.perf_counter()
    nlp = load(name)
    load_s = time.perf_counter() - t0
    torch_threads = None
    if "newsloom_encoder" in nlp.pipe_names:
        import torch

        torch_threads = torch.get_num_threads()
    limit = 200 if args.quick else None

    print(
        f"model: {nlp.meta.get('lang')}_{nlp.meta.get('name')} {nlp.meta.get('version')} ({model})"
    )
    print(f"pipeline: {nlp.pipe_names}")
    print(f"load time: {load_s:.2f} s")
    figures: dict[str, float] = {"load_s": load_s}
    if Path(model).is_dir():
        size = sum(p.stat().st_size for p in Path(model).rglob("*") if p.is_file())
        print(f"size on disk: {size / 1e6:.1f} MB")
        figures["size_mb"] = size / 1e6

    conll = list(DocBin().from_disk(CORPUS / "conll-test.spacy").get_docs(nlp.vocab))[:limit]
    print(f"\nNER, CoNLL++ test ({len(conll)} docs), exact-match entities, P / R / F1:")
    rules = [n for n in nlp.pipe_names if n.startswith("newsloom_") and n != "newsloom_encoder"]
    runs = (
        ("full pipeline, raw text", [], False),
        ("ner component only, raw text", rules, False),
        ("ner component only, gold tokenisation (as conlleval)", rules, True),
    )
    for (title, disable, gold_tokens), key in zip(runs, ("ner.raw_f1", None, "ner.f1"), strict=True):
        res = bench_ner(nlp, conll, disable, gold_tokens)
        if key:
            figures[key] = res["ALL"][2]
        print(f"  {title}:")
        for lab, (p, r, f) in res.items():
            print(f"    {lab:7s} {100 * p:6.2f} {100 * r:6.2f} {100 * f:6.2f}")

    ewt = list(DocBin().from_disk(CORPUS / "ewt-test.spacy").get_docs(nlp.vocab))[:limit]
    res = bench_parse(nlp, ewt)
    figures |= {"ud.uas": res["UAS"], "ud.las": res["LAS"], "ud.xpos": res["XPOS acc"], "ud.upos": res["UPOS acc"]}
    print(
        f"\nUD EWT test, gold tokenisation ({res.pop('tokens')} tokens; "
        "XPOS = PTB tag from `tagger`, UPOS from `morphologizer`):"
    )
    for key, val in res.items():
        print(f"  {key:24s} {100 * val:6.2f}")

    news = args.data / "quotes" / "polnear" / "dev" / "text"
    texts = [p.read_text(encoding="utf-8") for p in sorted(news.glob("*.txt"))]
    source = "PolNeAR dev news articles"
    if not texts:
        texts, source = [d.text for d in ewt], "EWT test"
    if limit:
        texts = texts[:20]
    n_words = sum(len(t.split()) for t in texts)
    print(f"\nspeed, whole pipeline, {source} ({len(texts)} texts, ~{n_words} words):")
    if torch_threads is None:
        settings = [(f"n_process={n}", n) for n in (1, 2)]
    else:  # torch parallelises within a process (and forking it is unsafe): threads instead
        settings = [("1 torch thread", 1), (f"{torch_threads} torch threads", torch_threads)]
    for title, n in settings:
        if torch_threads is not None:
            torch.set_num_threads(n)
        wps, cpu_wps = bench_speed(nlp, texts, 1 if torch_threads else n)
        print(f"  {title}: {wps:,.0f} words/s wall-clock, {cpu_wps:,.0f} words per CPU-second (per core)")
        figures.setdefault("speed.words_per_cpu_s", cpu_wps)  # one process (one torch thread)
    print(f"  (machine load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
    # pinned per model: the default's figures bare ("ner.f1"), another's under its name
    prefix = "" if name == DEFAULT_MODEL_NAME else f"{name}."
    if args.quick or args.data != DEFAULT_DATA:
        prefix = f"{'quick' if args.quick else 'custom'}.{prefix}"
    return report("nlp", {prefix + k: v for k, v in figures.items()}, args)


if __name__ == "__main__":
    sys.exit(main())
