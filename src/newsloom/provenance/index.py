"""The candidate index: MinHash over content-word bigrams plus sentence keys.

Each article gets ``NUM_PERM`` MinHash values (datasketch) over its content-word bigrams,
and per substantial sentence a fingerprint (its content words in order) and two passage
keys (the least hash of its content-word trigrams under two salts), and per sentence naming
two or more names and figures two anchor keys (``align.anchor_keys``). Every value becomes
an integer key in the store's ``lsh_buckets`` table (one band per permutation, so two texts collide in
about ``Jaccard × NUM_PERM`` bands), whose row for a key lists the articles under it. A query
reads one row per key and counts shared keys per article, skipping buckets so full they only
say "same language". Candidates are the articles sharing one long sentence
or ``MIN_BANDS`` bands (copies and rewrites), plus the ``MAX_WEAK`` best of those sharing
passage keys of ``MIN_PASSAGES`` sentences, or ``MIN_SHARED`` bands and a credit link (one of the two
credits the other's outlet), then those sharing anchor keys of ``MIN_ANCHORS`` sentences:
a passage reused under a new frame, retold under the outlet's name, or paraphrased
keeping its names and figures. The cost of checking one new article depends on
its own length, not on the corpus size.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Set as AbstractSet

import numpy as np
from datasketch import MinHash

from newsloom.provenance.decide import Profile
from newsloom.provenance.features import shingles
from newsloom.provenance.tables import LshIndex, Outlets

NUM_PERM = 128
SENTENCE_BAND = NUM_PERM  # sentence fingerprints live in their own key space
PASSAGE_BAND = NUM_PERM + 1  # and passage keys in theirs
ANCHOR_BAND = NUM_PERM + 2  # and anchor keys (a sentence's names and figures) in theirs
MAX_BUCKET = 200  # a bucket fuller than this is a ubiquitous phrase, not evidence
# A MinHash band value (one hash) is shared by chance with a share of the corpus, so its
# bucket grows with n: at 100k articles a cap of 200 read 3,700 ids per lookup against 1,100
# at 50, with the same derivations found (copies and rewrites share 20+ bands, most of them rare)
BAND_BUCKET = 50
# A strong candidate shares one long sentence or MIN_BANDS bands (bigram Jaccard ≈ 0.06):
# every copy or rewrite on the provenance bench shares 20+ bands. Below that, MIN_SHARED
# bands join most same-topic articles, yet a passage reused with a new frame (a quotation
# retold, "X reported") shares only a few. Such a weak candidate must share passage keys
# (or a credit link) instead: ranking weak candidates by bands alone aligned three chance neighbours per article
# once the corpus held a few thousand same-topic texts (71% of all alignments at 10k, none
# of them a derivation), so the cost per article grew with the corpus, and a reused passage
# was missed whenever three chance neighbours outranked it.
MIN_BANDS = 8
MIN_SHARED = 3
# A weak candidate shares passage keys of MIN_PASSAGES sentences (a partial reuse is 2+
# passages): both keys of one sentence meet whenever two texts share one rare phrase (three
# in four chance candidates on the bench's generated texts, at 10k articles).
MIN_PASSAGES = 2
MAX_WEAK = 3
# A paraphrase retold in other words shares no trigram with its source, yet keeps each
# sentence's names and figures: a weak candidate may share anchor keys of MIN_ANCHORS
# sentences instead (coverage bench: a thorough paraphrase met its source in 4 bands and no
# passage; an article's own event in other outlets' reports meets it in 3+ such sentences
# too, other events in at most 1), ranked after those sharing passages.
MIN_ANCHORS = 3
ANCHOR_BUCKET = 20  # a pair of names in more articles is the topic's, not a retelling's
# A long sentence in more than MAX_BUCKET articles is boilerplate, or a wire story copied that
# often: the EARLY first articles under it (its original among them) stay candidates for a
# text sharing EARLY_SENTENCES such sentences with them (boilerplate is one line).
EARLY, EARLY_SENTENCES = 5, 2
MAX_CANDIDATES = 20
_SCHEME = "affine64"
_PERMS = MinHash(num_perm=NUM_PERM, seed=7, scheme=_SCHEME).permutations  # drawn once, reused


def minhash(items: set[str]) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, seed=7, permutations=_PERMS, scheme=_SCHEME)
    m.update_batch([s.encode("utf-8") for s in items])
    return m


def signature(p: Profile) -> list[int]:
    """The article's index keys: one per MinHash band and one per long sentence."""
    bigrams = shingles(p.content_words, 2)
    keys: list[int] = []
    if bigrams:
        values = np.asarray(minhash(bigrams).hashvalues, dtype=np.uint64)
        keys += [(band << 32) | int(v & 0xFFFFFFFF) for band, v in enumerate(values)]
    # short sentences ("He declined to comment.") recur by chance
    keys += [(SENTENCE_BAND << 32) | s.fingerprint for s in p.sentences if s.fingerprint is not None]
    keys += [(PASSAGE_BAND << 32) | k for s in p.sentences for k in s.passages]
    keys += [(ANCHOR_BAND << 32) | k for s in p.sentences for k in s.anchors]
    return sorted(set(keys))


def bucket_cap(key: int) -> int:
    """How many articles the bucket of ``key`` keeps (see :meth:`LshIndex.add`)."""
    band = key >> 32
    return BAND_BUCKET if band < NUM_PERM else ANCHOR_BUCKET if band == ANCHOR_BAND else MAX_BUCKET


def key_sentences(p: Profile) -> dict[int, int]:
    """Each passage and anchor key of the article's :func:`signature`, with the sentence it
    comes from."""
    return {(band << 32) | k: i for i, s in enumerate(p.sentences)
            for band, ks in ((PASSAGE_BAND, s.passages), (ANCHOR_BAND, s.anchors)) for k in ks}


def candidates(index: LshIndex, outlets: Outlets, article_id: str, keys: list[int],
               own: AbstractSet[str] = frozenset(), cited: AbstractSet[str] = frozenset(),
               sentence_of: Mapping[int, int] | None = None) -> list[tuple[str, int]]:
    """Indexed articles sharing enough keys with ``keys``, most shared first.

    ``own`` and ``cited``: match keys of the article's outlet and of the outlets it credits
    or cites. A weak candidate that it cites, or that cites it, needs no shared passage: a
    passage retold in other words under the outlet's name is a partial reuse too.
    ``sentence_of``: the :func:`key_sentences` of the article; without it, passage and
    anchor keys count one by one.
    """
    by_band: dict[int, list[int]] = {SENTENCE_BAND: [], PASSAGE_BAND: [], ANCHOR_BAND: []}
    band_keys: list[int] = []
    for k in keys:
        by_band.get(k >> 32, band_keys).append(k)
    bands = index.query(band_keys, BAND_BUCKET, MIN_SHARED)
    sentences = index.query(by_band[SENTENCE_BAND], MAX_BUCKET, 1)
    for a, n in index.query(by_band[SENTENCE_BAND], MAX_BUCKET, EARLY_SENTENCES, head=EARLY).items():
        sentences[a] = sentences.get(a, 0) + n
    passages = index.query(by_band[PASSAGE_BAND], MAX_BUCKET, MIN_PASSAGES, sentence_of)
    hits = {a: bands.get(a, 0) + sentences.get(a, 0) for a in bands.keys() | sentences.keys() | passages.keys()}
    hits.pop(article_id, None)
    ranked = sorted(hits.items(), key=lambda x: (-x[1], x[0]))
    strong = [(a, n) for a, n in ranked if a in sentences or bands.get(a, 0) >= MIN_BANDS]
    few = [(a, n) for a, n in ranked if a not in sentences and bands.get(a, 0) < MIN_BANDS]
    # a credit link, then shared anchors, rank a candidate below those sharing passages: look
    # them up only when these leave a weak slot free, and only among those sharing bands
    near = [a for a, _ in few if a in bands and a not in passages]
    free = MAX_WEAK - sum(a in passages for a, _ in few)
    linked: set[str] = set()
    anchors: dict[str, int] = {}
    if near and free > 0:
        linked = outlets.matches(cited, near) | outlets.matches(own, near, citing=True)
        if len(linked) < free:
            shared = index.query(by_band[ANCHOR_BAND], ANCHOR_BUCKET, MIN_ANCHORS, sentence_of)
            anchors = {a: shared[a] for a in near if a in shared and a not in linked}
    weak = sorted(((a, n) for a, n in few if a in linked or a in passages or a in anchors),
                  key=lambda x: (-passages.get(x[0], 0), x[0] not in linked, -anchors.get(x[0], 0), -x[1], x[0]))
    return sorted(strong[:MAX_CANDIDATES] + weak[:MAX_WEAK], key=lambda x: (-x[1], x[0]))
