"""Sentence alignment between two texts, and containment each way.

A pair of sentences aligns when its similarity reaches ``MIN_SIM``; similarity is the
better of character similarity (rapidfuzz, for copies and light edits) and content-word
overlap (Dice, for paraphrases), damped when the sentences disagree on numbers or share
no name — a rewrite keeps who and how many, a same-topic text does not.
"""

from __future__ import annotations

import bisect
import heapq
import re
import zlib
from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from newsloom.clean.sentences import text_sentences
from newsloom.provenance.features import content_words, entities, h32, numbers, shingles

MIN_SIM = 0.5
MIN_SHARED_WORDS = 3
MIN_FINGERPRINT_WORDS = 6
PASSAGE_SAMPLES = 2
ANCHOR_SAMPLES = 2  # one found the coverage bench's missed paraphrase in 2 sentences, too few


@dataclass
class Sentence:
    start: int
    end: int
    norm: str
    words: frozenset[str]
    numbers: frozenset[str]
    names: frozenset[str]
    fingerprint: int | None = None  # index key of a long sentence (its content words in order)
    # index keys of a long sentence's passage: a two-sample MinHash of its content-word
    # trigrams, one of which a retold or lightly edited sentence usually keeps (read only
    # when the article is indexed, so a stored profile does not carry them)
    passages: tuple[int, ...] = field(default=(), compare=False)
    # index keys of what a paraphrase keeps of a sentence when it changes every phrase: its
    # names and figures (see anchor_keys; read only when indexed, as above)
    anchors: tuple[int, ...] = field(default=(), compare=False)


@dataclass
class Alignment:
    """``pairs`` are ``[derived_start, derived_end, source_start, source_end, similarity]``."""

    pairs: list[list[float]] = field(default_factory=list)
    derived_cover: float = 0.0  # share of the derived text's sentence chars aligned
    source_cover: float = 0.0
    identical: float = 0.0  # share of the derived text's sentence chars aligned near-verbatim
    mean_sim: float = 0.0
    identical_source: float = 0.0  # the same, of the source's chars
    quoted: int = 0  # pairs where one sentence holds the other nearly word for word (a quoted passage)
    # the most pairs in the same order in both texts: a rewrite retells its source sentence
    # by sentence, an independent report of the event meets it here and there
    in_order: int = 0

    def flipped(self) -> Alignment:
        """The same alignment read the other way round (source as derived)."""
        return Alignment([[p[2], p[3], p[0], p[1], p[4]] for p in self.pairs], self.source_cover,
                         self.derived_cover, self.identical_source, self.mean_sim, self.identical, self.quoted,
                         self.in_order)


def norm(chunk: str) -> str:
    """A sentence as character similarity compares it: lowercased, whitespace collapsed."""
    return " ".join(chunk.lower().split())


def sentences(text: str) -> list[Sentence]:
    out = []
    for s, e in text_sentences(text):
        chunk = text[s:e]
        cw = content_words(chunk)
        long = len(cw) >= MIN_FINGERPRINT_WORDS
        nums, names = frozenset(numbers(chunk)), frozenset(n.lower() for n in entities(chunk))
        out.append(Sentence(s, e, norm(chunk), frozenset(cw), nums, names,
                            h32(" ".join(cw)) if long else None, passage_keys(cw) if long else (),
                            anchor_keys(nums | names)))
    return out


# crc32 streams, so hashing a gram from a salt's running value is h32(f"{salt}|{gram}")
# without building the salted string (this runs for every sentence of every new article)
_SALTS = [zlib.crc32(f"{i}|".encode()) for i in range(PASSAGE_SAMPLES)]


def passage_keys(words: list[str]) -> tuple[int, ...]:
    """The least hash of the words' trigrams under each of ``PASSAGE_SAMPLES`` salts."""
    grams = [g.encode("utf-8") for g in shingles(words, 3)]
    return tuple(min(zlib.crc32(g, salt) for g in grams) for salt in _SALTS)


_ANCHOR_SALTS = [zlib.crc32(f"anchor{i}|".encode()) for i in range(ANCHOR_SAMPLES)]
_COMMON_NUMBER_RE = re.compile(r"\d")


def anchor_keys(anchors: frozenset[str]) -> tuple[int, ...]:
    """Under each of ``ANCHOR_SAMPLES`` salts, the key of the two of a sentence's names and
    figures that hash least (linear in the anchors): two sentences meet when their least two
    agree, likelier the more of their anchors they share. A one-digit number is no anchor
    ("two people", a day); none for a sentence with fewer than two."""
    kept = [a.encode("utf-8") for a in anchors if not _COMMON_NUMBER_RE.fullmatch(a)]
    if len(kept) < 2:
        return ()
    keys = []
    for salt in _ANCHOR_SALTS:
        low = heapq.nsmallest(2, kept, key=lambda g, salt=salt: (zlib.crc32(g, salt), g))
        keys.append(zlib.crc32(b"|".join(sorted(low)), salt))
    return tuple(keys)


def similarity(a: Sentence, b: Sentence) -> float:
    shared = len(a.words & b.words)
    if shared < MIN_SHARED_WORDS and a.norm != b.norm:
        return 0.0
    dice = 2 * shared / (len(a.words) + len(b.words))
    sim = max(fuzz.ratio(a.norm, b.norm) / 100, dice)
    if a.numbers and b.numbers and not a.numbers & b.numbers:
        sim *= 0.8
    if a.names and b.names and not a.names & b.names:
        sim *= 0.8
    return sim


QUOTED_WORDS, QUOTED_RATIO = 6, 95


def contains(a: Sentence, b: Sentence) -> bool:
    """One sentence holds the other nearly word for word: a passage quoted inside a longer
    sentence ("The report said: “…”"), which a whole-sentence similarity rates low."""
    short, long = (a, b) if len(a.norm) <= len(b.norm) else (b, a)
    return len(short.words) >= QUOTED_WORDS and fuzz.partial_ratio(short.norm, long.norm) >= QUOTED_RATIO


def align(derived: list[Sentence], source: list[Sentence]) -> Alignment:
    """Greedy one-to-one alignment, best pairs first."""
    by_word: dict[str, list[int]] = defaultdict(list)
    for j, s in enumerate(source):
        for w in s.words:
            by_word[w].append(j)
    scored: list[tuple[float, int, int]] = []
    for i, d in enumerate(derived):
        hits: dict[int, int] = defaultdict(int)
        for w in d.words:
            for j in by_word.get(w, ()):
                hits[j] += 1
        for j, n in hits.items():
            if n >= MIN_SHARED_WORDS:
                sim = similarity(d, source[j])
                if sim >= MIN_SIM:
                    scored.append((sim, i, j))
    scored.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_d: set[int] = set()
    used_s: set[int] = set()
    result = Alignment()
    for sim, i, j in scored:
        if i in used_d or j in used_s:
            continue
        used_d.add(i)
        used_s.add(j)
        d, s = derived[i], source[j]
        result.pairs.append([d.start, d.end, s.start, s.end, round(sim, 3)])
        result.quoted += contains(d, s)
    result.pairs.sort()
    d_len = sum(s.end - s.start for s in derived) or 1
    s_len = sum(s.end - s.start for s in source) or 1
    result.derived_cover = sum(p[1] - p[0] for p in result.pairs) / d_len
    result.source_cover = sum(p[3] - p[2] for p in result.pairs) / s_len
    result.identical = sum(p[1] - p[0] for p in result.pairs if p[4] >= 0.95) / d_len
    result.identical_source = sum(p[3] - p[2] for p in result.pairs if p[4] >= 0.95) / s_len
    if result.pairs:
        result.mean_sim = sum(p[4] for p in result.pairs) / len(result.pairs)
    result.in_order = _longest_chain([p[2] for p in result.pairs])
    return result


def _longest_chain(values: list[float]) -> int:
    """The length of the longest increasing run of ``values``, not necessarily contiguous."""
    tails: list[float] = []  # tails[k]: the least last value of a chain of k + 1
    for v in values:
        k = bisect.bisect_left(tails, v)
        tails[k : k + 1] = [v]
    return len(tails)
