"""Convert the open training data in ``../shared/data`` to spaCy DocBins.

* UD English EWT (``ud/en_ewt/*.conllu``) -> ``corpus/ewt-{train,dev,test}.spacy``
  (tags, morphology, lemmas, dependency trees; 10 sentences per doc).
* CoNLL-2003 with CoNLL++ test labels (``ner/conllpp/*.txt``, IOB1) ->
  ``corpus/conll-{train,dev,test}.spacy`` (one doc per ``-DOCSTART-`` document,
  labels PER->PERSON, ORG, LOC, MISC).

GUM is deliberately not used: it is partly CC BY-NC-SA.

Usage: ``python training/convert.py [--data ../shared/data] [--out training/corpus]``.
Exits 0 with a message when the data directory is absent.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

from spacy.tokens import Doc, DocBin, Span
from spacy.training.converters import conllu_to_docs
from spacy.vocab import Vocab

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "data"
DEFAULT_OUT = HERE / "corpus"
SPLITS = ("train", "dev", "test")
NER_LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}


def convert_ewt(src: Path, dest: Path) -> int:
    """Write ``dest`` from a CoNLL-U file; return the number of sentences."""
    text = src.read_text(encoding="utf-8")
    docs = list(conllu_to_docs(text, n_sents=10, no_print=True))
    DocBin(docs=docs, store_user_data=False).to_disk(dest)
    return sum(len(list(d.sents)) for d in docs)


def _conll_documents(path: Path) -> Iterator[list[list[tuple[str, str]]]]:
    """Yield documents as lists of sentences of (word, IOB1 tag)."""
    doc: list[list[tuple[str, str]]] = []
    sent: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if sent:
                doc.append(sent)
                sent = []
            continue
        if parts[0] == "-DOCSTART-":
            if sent:
                doc.append(sent)
                sent = []
            if doc:
                yield doc
            doc = []
            continue
        sent.append((parts[0], parts[-1]))
    if sent:
        doc.append(sent)
    if doc:
        yield doc


def _iob1_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, label) spans from IOB1 tags (I- may open an entity; B- splits two)."""
    spans: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, lab = tag.partition("-")
        opens = prefix == "B" or (prefix == "I" and lab != label)
        if start >= 0 and (prefix == "O" or opens):
            spans.append((start, i, label))
            start, label = -1, ""
        if prefix in ("B", "I") and start < 0:
            start, label = i, lab
    return spans


def convert_conll(src: Path, dest: Path, vocab: Vocab) -> int:
    """Write ``dest`` from a CoNLL-2003 file; return the number of sentences."""
    docs: list[Doc] = []
    n_sents = 0
    for sents in _conll_documents(src):
        words = [w for s in sents for w, _ in s]
        tags = [t for s in sents for _, t in s]
        starts = [j == 0 for s in sents for j in range(len(s))]
        doc = Doc(vocab, words=words, sent_starts=starts)
        ents: list[Span] = []
        offset = 0
        for s in sents:  # entities never cross sentences
            for b, e, lab in _iob1_spans([t for _, t in s]):
                ents.append(Span(doc, offset + b, offset + e, label=NER_LABELS[lab]))
            offset += len(s)
        doc.ents = ents
        docs.append(doc)
        n_sents += len(sents)
        assert len(words) == len(tags)
    DocBin(docs=docs, store_user_data=False).to_disk(dest)
    return n_sents


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    ewt, conll = args.data / "ud" / "en_ewt", args.data / "ner" / "conllpp"
    if not ewt.is_dir() or not conll.is_dir():
        print(f"convert: training data not found under {args.data}; skipping.")
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    vocab = Vocab()
    for split in SPLITS:
        n = convert_ewt(ewt / f"{split}.conllu", args.out / f"ewt-{split}.spacy")
        print(f"convert: ewt-{split}: {n} sentences")
        n = convert_conll(conll / f"{split}.txt", args.out / f"conll-{split}.spacy", vocab)
        print(f"convert: conll-{split}: {n} sentences")
    return 0


if __name__ == "__main__":
    sys.exit(main())
