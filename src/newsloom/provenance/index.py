"""The candidate index: MinHash over content-word bigrams plus sentence fingerprints.

Each article gets ``NUM_PERM`` MinHash values (datasketch) over its content-word bigrams
and one fingerprint per substantial sentence. Every value becomes an integer key in the
store's ``lsh`` table (one band per permutation, so two texts collide in about
``Jaccard × NUM_PERM`` bands). A query counts shared keys per article, skipping buckets so
full they only say "same language", and keeps those sharing one long sentence or
``MIN_BANDS`` bands, plus the ``MAX_WEAK`` best of those sharing fewer: the cost of checking
one new article depends on its own length, not on the corpus size.
"""

from __future__ import annotations

import numpy as np
from datasketch import MinHash

from newsloom.provenance.decide import Profile
from newsloom.provenance.features import shingles
from newsloom.store import Store

NUM_PERM = 128
SENTENCE_BAND = NUM_PERM  # sentence fingerprints live in their own key space
MAX_BUCKET = 200  # a bucket fuller than this is a ubiquitous phrase, not evidence
# A strong candidate shares one long sentence or MIN_BANDS bands (bigram Jaccard ≈ 0.06):
# every copy or rewrite on the provenance bench shares 20+ bands. Below that, MIN_SHARED
# bands join most same-topic articles (98% of the unrelated candidates at 4k share 3-7 and
# no sentence), and checking all of them made the cost per article grow with the corpus;
# yet a passage reused with a new frame (a quotation retold, "X reported") shares only a
# few. So only the MAX_WEAK best of those weak candidates are aligned: flat cost, and a
# partial reuse found when it is among the nearest texts (best effort in a large corpus).
MIN_BANDS = 8
MIN_SHARED = 3
MAX_WEAK = 3
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
    return sorted(set(keys))


def candidates(store: Store, article_id: str, keys: list[int]) -> list[tuple[str, int]]:
    """Indexed articles sharing enough keys with ``keys``, most shared first."""
    sentence_keys = [k for k in keys if k >> 32 == SENTENCE_BAND]
    bands = store.lsh_query([k for k in keys if k >> 32 != SENTENCE_BAND], MAX_BUCKET, MIN_SHARED)
    sentences = store.lsh_query(sentence_keys, MAX_BUCKET, 1)
    hits = {a: bands.get(a, 0) + sentences.get(a, 0) for a in bands.keys() | sentences.keys()}
    hits.pop(article_id, None)
    ranked = sorted(hits.items(), key=lambda x: (-x[1], x[0]))
    strong = [(a, n) for a, n in ranked if a in sentences or bands[a] >= MIN_BANDS]
    weak = [(a, n) for a, n in ranked if a not in sentences and bands[a] < MIN_BANDS][:MAX_WEAK]
    return sorted(strong[:MAX_CANDIDATES] + weak, key=lambda x: (-x[1], x[0]))
