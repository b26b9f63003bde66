"""Distil the transformer's entities into the fast CNN NER of ``en_newsloom``.

    python training/distil.py label      # en_newsloom_trf labels raw news -> corpus/ner-distil/
    python training/distil.py train      # spacy train ner.cfg on CoNLL train + those labels
    python training/distil.py assemble   # swap the new ner into src/newsloom/models/en_newsloom

Tried on 2026-12-07 and not shipped: better on CoNLL++ test, worse on the entity list read
blind on PolNeAR dev (see training/README.md, "Tried / next").

The raw news is PolNeAR's train part only (never dev: the entity benchmark reads dev). Only
the encoder's own PERSON/ORG/LOC/MISC labels are kept (the rule components run again in
the CNN pipeline). CoNLL dev still picks the best checkpoint.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE))

from build import CORPUS, MODEL_DIR, OUTPUT, _run  # noqa: E402
from convert import DEFAULT_DATA  # noqa: E402

DISTIL = CORPUS / "ner-distil"
LABELS = ("PERSON", "ORG", "LOC", "MISC")
RULE_COMPONENTS = ("lemmatizer", "newsloom_dateline", "newsloom_titles", "newsloom_numeric")


def label(data: Path = DEFAULT_DATA, limit: int = 0) -> Path:
    """Label PolNeAR train texts with the transformer; one DocBin beside CoNLL train."""
    from spacy.tokens import DocBin

    from newsloom import nlp as nlp_mod

    texts_dir = data / "quotes" / "polnear" / "train" / "text"
    paths = sorted(texts_dir.glob("*.txt"))[: limit or None]
    if not paths:
        sys.exit(f"distil: no texts under {texts_dir}")
    trf = nlp_mod.load("en_newsloom_trf")
    DISTIL.mkdir(parents=True, exist_ok=True)
    shutil.copy(CORPUS / "conll-train.spacy", DISTIL / "conll-train.spacy")
    docs = DocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE"])
    # paragraphs, as CoNLL documents are short and an article's layout lines are noise
    pieces = [p.strip() for path in paths for p in path.read_text().split("\n\n") if p.strip()]
    with trf.select_pipes(disable=[c for c in RULE_COMPONENTS if c in trf.pipe_names]):
        for i, doc in enumerate(trf.pipe(pieces, batch_size=32)):
            # the uncased encoder now and then labels a lower-case word ("snark" ORG)
            doc.ents = [e for e in doc.ents if e.label_ in LABELS and not e.text.islower()]
            docs.add(doc)
            if i % 1000 == 0:
                print(f"distil: {i}/{len(pieces)} paragraphs", flush=True)
    out = DISTIL / "polnear-train-silver.spacy"
    docs.to_disk(out)
    print(f"distil: {len(pieces)} paragraphs from {len(paths)} texts -> {out}")
    return out


def train(minutes: float | None) -> None:
    """``spacy train ner.cfg`` on the distil folder into ``training/output/ner-distil``."""
    out = OUTPUT / "ner-distil"
    shutil.rmtree(out, ignore_errors=True)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    cmd = [
        sys.executable, "-m", "spacy", "train", str(HERE / "ner.cfg"), "-o", str(out),
        "--paths.train", str(DISTIL), "--paths.dev", str(CORPUS / "conll-dev.spacy"),
    ]
    _run(cmd, OUTPUT / "ner-distil.log", minutes)


def assemble(dest: Path = MODEL_DIR, ner: Path = OUTPUT / "ner-distil" / "model-best") -> None:
    """Replace the shipped pipeline's ``ner`` by the distilled one (with its own tok2vec)."""
    import spacy

    from newsloom import nlp as nlp_mod

    nlp = nlp_mod.load()
    ner_nlp = spacy.load(ner)
    ner_nlp.replace_listeners("tok2vec", "ner", ["model.tok2vec"])
    after = nlp.pipe_names[nlp.pipe_names.index("ner") + 1]
    nlp.remove_pipe("ner")
    nlp.add_pipe("ner", source=ner_nlp, before=after)
    meta = dict(nlp.meta)
    meta.setdefault("sources", []).append({
        "name": "PolNeAR train texts labelled by en_newsloom_trf (silver entities, not shipped)",
        "url": "PolNeAR (see docs/data.md)",
        "license": "research use; texts not redistributed, only the trained weights",
        "used_for": "ner (distillation)",
    })
    nlp.meta.update(meta)
    tmp = dest.with_name(dest.name + ".new")
    shutil.rmtree(tmp, ignore_errors=True)
    nlp.to_disk(tmp)
    readme = dest / "README.md"
    if readme.is_file():
        shutil.copy(readme, tmp / "README.md")
    shutil.rmtree(dest, ignore_errors=True)
    tmp.rename(dest)
    print(f"distil: saved {dest}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("step", choices=["label", "train", "assemble"])
    ap.add_argument("--limit", type=int, default=0, help="label only the first N texts")
    ap.add_argument("--minutes", type=float, default=30.0, help="training time bound")
    ap.add_argument("--dest", type=Path, default=MODEL_DIR, help="where assemble saves the pipeline")
    ap.add_argument("--ner", type=Path, default=OUTPUT / "ner-distil" / "model-best", help="the NER assemble takes")
    args = ap.parse_args(argv)
    if args.step == "label":
        label(limit=args.limit)
    elif args.step == "train":
        train(args.minutes or None)
    else:
        assemble(args.dest, args.ner)
    return 0


if __name__ == "__main__":
    sys.exit(main())
