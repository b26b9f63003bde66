"""Rebuild newsloom's English pipeline ``en_newsloom`` from open data, in one command.

    python training/build.py            # convert -> train parser -> train NER -> assemble

Steps (each can be skipped with ``--skip-*`` to reuse earlier outputs in training/output):

1. ``convert.py``: UD EWT and CoNLL-2003/CoNLL++ -> ``training/corpus/*.spacy``.
2. ``spacy train training/parser.cfg`` (tok2vec + tagger + morphologizer + parser, EWT).
3. ``spacy train training/ner.cfg`` (tok2vec + ner, CoNLL-2003).
   Each run stops at its config's ``max_steps`` or after ``--minutes`` of wall-clock time,
   whichever comes first; the best checkpoint on the dev set (``model-best``) is used.
4. Assemble: the parser pipeline + the NER (with its own copy of its tok2vec, via
   ``replace_listeners``) + a rule lemmatizer (tables from spacy-lookups-data, baked into
   the model) + newsloom's rule components; save to ``src/newsloom/models/en_newsloom``.

Training runs niced with one BLAS/OpenMP thread.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = HERE / "corpus"
OUTPUT = HERE / "output"
MODEL_DIR = ROOT / "src" / "newsloom" / "models" / "en_newsloom"
sys.path.insert(0, str(ROOT / "src"))

VERSION = "0.1.0"
SOURCES = [
    {
        "name": "Universal Dependencies English Web Treebank (UD_English-EWT)",
        "url": "https://github.com/UniversalDependencies/UD_English-EWT",
        "license": "CC BY-SA 4.0",
        "used_for": "tagger, morphologizer, parser (sentence boundaries)",
    },
    {
        "name": "CoNLL-2003 English NER with CoNLL++ corrected test labels (CrossWeigh)",
        "url": "https://github.com/ZihanWangKi/CrossWeigh",
        "license": "Repository Apache-2.0; the Reuters text is released for research use",
        "used_for": "ner (PERSON, ORG, LOC, MISC)",
    },
    {
        "name": "spacy-lookups-data English lemmatizer rules",
        "url": "https://github.com/explosion/spacy-lookups-data",
        "license": "MIT",
        "used_for": "lemmatizer (rule tables, baked into the model)",
    },
]


def _run(cmd: list[str], log: Path, minutes: float | None) -> None:
    """Run a training command niced, single-threaded, logging to ``log``; bound its time."""
    env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    print("build:", " ".join(cmd), f"(log: {log})", flush=True)
    with log.open("w") as fh:
        proc = subprocess.Popen(
            ["nice", "-n", "10", *cmd],
            stdout=fh,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=ROOT,
            # SIGINT is ignored in background jobs; restore it so the time bound can stop spaCy
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        try:
            proc.wait(timeout=None if minutes is None else minutes * 60)
        except subprocess.TimeoutExpired:
            print(f"build: time bound of {minutes} min reached; stopping, using model-best")
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=120)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    best = log.parent / log.stem / "model-best"
    if not (best / "meta.json").is_file():
        sys.exit(f"build: training failed, no {best}; see {log}")


def _resume_config(name: str) -> Path:
    """A copy of ``{name}.cfg`` whose components start from the last run's ``model-best``
    (sourced, so training goes on from those weights; spaCy's optimizer state starts afresh)."""
    from spacy.util import load_config

    best = OUTPUT / name / "model-best"
    if not (best / "meta.json").is_file():
        sys.exit(f"build: --resume needs {best}; train {name} once first")
    start = OUTPUT / f"{name}-start"
    shutil.rmtree(start, ignore_errors=True)
    shutil.copytree(best, start)
    config = load_config(HERE / f"{name}.cfg")
    for component in config["nlp"]["pipeline"]:
        config["components"][component] = {"source": str(start)}
    path = OUTPUT / f"{name}-resume.cfg"
    config.to_disk(path)
    return path


def train(name: str, corpus: str, minutes: float | None, max_steps: int | None,
          resume: bool = False) -> None:
    """Train ``training/{name}.cfg`` into ``training/output/{name}`` (``resume``: go on
    from the previous run's best checkpoint)."""
    config = _resume_config(name) if resume else HERE / f"{name}.cfg"
    out = OUTPUT / name
    shutil.rmtree(out, ignore_errors=True)
    cmd = [
        sys.executable,
        "-m",
        "spacy",
        "train",
        str(config),
        "-o",
        str(out),
        "--paths.train",
        str(CORPUS / f"{corpus}-train.spacy"),
        "--paths.dev",
        str(CORPUS / f"{corpus}-dev.spacy"),
    ]
    if max_steps:
        cmd += ["--training.max_steps", str(max_steps)]
    _run(cmd, OUTPUT / f"{name}.log", minutes)


def assemble(output: Path = OUTPUT, dest: Path = MODEL_DIR) -> None:
    """Combine the trained pipelines and the rule components; save to ``dest``."""
    import spacy

    from newsloom.nlp.components import extend_tokenizer  # also registers the components

    nlp = spacy.load(output / "parser" / "model-best")
    ner_nlp = spacy.load(output / "ner" / "model-best")
    extend_tokenizer(nlp)
    ner_nlp.replace_listeners("tok2vec", "ner", ["model.tok2vec"])
    nlp.add_pipe("lemmatizer", config={"mode": "rule"}, after="morphologizer")
    # ner before parser: the transition NER never crosses a sentence start, and the parser's
    # boundaries on headline-heavy news text would cut entities (-5 F1 on CoNLL++ test)
    nlp.add_pipe("ner", source=ner_nlp, before="parser")
    nlp.add_pipe("newsloom_dateline", after="parser")
    nlp.add_pipe("newsloom_titles", after="newsloom_dateline")
    nlp.add_pipe("newsloom_numeric", after="newsloom_titles")
    nlp.get_pipe("lemmatizer").initialize()  # reads spacy-lookups-data, stored in the model

    parser_meta = json.loads((output / "parser" / "model-best" / "meta.json").read_text())
    ner_meta = json.loads((output / "ner" / "model-best" / "meta.json").read_text())
    perf = {
        k: v
        for k, v in parser_meta.get("performance", {}).items()
        if k in ("tag_acc", "pos_acc", "morph_acc", "dep_uas", "dep_las", "sents_f")
    }
    perf.update(
        {
            k: v
            for k, v in ner_meta.get("performance", {}).items()
            if k in ("ents_p", "ents_r", "ents_f")
        }
    )
    nlp.meta.update(
        {
            "name": "newsloom",  # spaCy's package name is lang + name: en_newsloom
            "version": VERSION,
            "lang": "en",
            "description": "newsloom's English pipeline for news: CNN tok2vec, tagger (PTB tags), "
            "morphologizer (UPOS + features), dependency parser and sentence "
            "boundaries trained on UD EWT; NER (PERSON/ORG/LOC/MISC) trained on "
            "CoNLL-2003; rule lemmatizer; rule DATE/TIME/MONEY/PERCENT/QUANTITY/"
            "ORDINAL/CARDINAL entities, datelines and person titles. Needs the "
            "newsloom package (newsloom.nlp.components) to load.",
            "author": "newsloom contributors",
            "license": "CC BY-SA 4.0",
            "sources": SOURCES,
            "performance_dev": perf,
            "requirements": [],
        }
    )
    shutil.rmtree(dest, ignore_errors=True)
    dest.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(dest)
    (dest / "README.md").write_text(
        "# en_newsloom\n\nBuilt by `training/build.py` (see training/README.md). Trained on "
        "UD English EWT (CC BY-SA 4.0) and CoNLL-2003/CoNLL++ (Reuters text, research use; "
        "repository Apache-2.0). Load with `newsloom.nlp.load()`.\n"
    )
    size = sum(p.stat().st_size for p in dest.rglob("*") if p.is_file())
    print(f"build: saved {dest} ({size / 1e6:.1f} MB)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Rebuild the en_newsloom spaCy pipeline.")
    ap.add_argument(
        "--minutes",
        type=float,
        default=30.0,
        help="wall-clock bound per training run (default 30; 0 = none)",
    )
    ap.add_argument("--max-steps", type=int, default=None, help="override training.max_steps")
    ap.add_argument("--skip-convert", action="store_true")
    ap.add_argument("--skip-parser", action="store_true")
    ap.add_argument("--skip-ner", action="store_true")
    ap.add_argument("--resume", action="store_true",
                    help="continue each run from its previous model-best (train in sittings)")
    args = ap.parse_args(argv)
    minutes = args.minutes or None

    from convert import DEFAULT_DATA
    from convert import main as convert_main

    try:
        import spacy_lookups_data  # noqa: F401  (build-time only: lemmatizer tables)
    except ImportError:
        print("build: needs spacy-lookups-data at build time: pip install spacy-lookups-data")
        return 1
    t0 = time.time()
    if not args.skip_convert:
        if not (DEFAULT_DATA / "ud" / "en_ewt").is_dir():
            print(f"build: training data not found under {DEFAULT_DATA}; nothing to build.")
            return 1
        convert_main([])
    OUTPUT.mkdir(parents=True, exist_ok=True)
    if not args.skip_parser:
        train("parser", "ewt", minutes, args.max_steps, args.resume)
    if not args.skip_ner:
        train("ner", "conll", minutes, args.max_steps, args.resume)
    assemble()
    print(f"build: done in {(time.time() - t0) / 60:.1f} min")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    sys.exit(main())
