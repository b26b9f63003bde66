"""Deciding a candidate pair: kind, direction, credit and score.

Evidence for "D derives from S" (all shares are of D's material found in S):
``cover`` (sentence chars aligned), ``names`` (proxy entities), ``words`` (content words).
A rewrite keeps most of its source's names and vocabulary and re-says several sentences;
an independent report of the same event shares names but few sentences and under half its
words; a text most of whose sentences re-say the other's is a rewrite whatever names an
added passage brings. An outlet's later article reusing passages of its earlier one is an
``update`` of it, and never derives from a third party's copy of that earlier article (a
source crediting the derived article's own outlet). Direction: publication dates when both
are known, else a text crediting the other's outlet is the derived one, else an undated
page against a dated one (scrapers and content farms lose the date), else the text whose
material is the more contained in the other's (the source carries more original detail).
"""

from __future__ import annotations

import functools
import json
import re
import statistics
import zlib
from dataclasses import dataclass, field
from datetime import date

from newsloom.clean.credit import dateline, host_code_words, is_code
from newsloom.lang.en.outlets import OUTLET_WORDS
from newsloom.model import Article, Derivation
from newsloom.provenance.align import Alignment, Sentence, align, norm, sentences
from newsloom.provenance.features import content_words, entities

COPY_IDENTICAL = 0.8
# A rewrite re-says its source in other words: more than half of its content words are the
# source's. An independent report of the same event, a same-topic report of another event
# or a follow-up sharing background keep under half (calibrated on bench/coverage.py's dev
# families: rewrites 0.53-0.79, the others 0.20-0.54).
REWRITE_COVER, REWRITE_NAMES, REWRITE_WORDS = 0.2, 0.35, 0.52
# ... or nearly all its names with most of half its words (a rewrite in freer words)
REWRITE_WORDS_NAMED, REWRITE_NAMES_KEPT, REWRITE_COVER_NAMED = 0.45, 0.7, 0.25
UPDATE_NAMES = 0.5  # a follow-up retelling its background keeps half its names or more
UPDATE_DAYS = 14  # an article on another event weeks later is no rewrite or update, whatever it reuses
# ... or retells it sentence by sentence in its order: a thorough paraphrase keeps under half
# the words, but six or more of its sentences, four in ten, re-say the source's in turn (dev
# families: paraphrases 9-10 such sentences; independent reports, decoys, opinion at most 4)
RETOLD_PAIRS, RETOLD_SHARE = 6, 0.4
# ... in other words: its retold sentences' median similarity stays under this (dev rewrites
# 0.56-0.75); two reports that each keep one press release's sentences nearly word for word
# (0.86) around their own reporting share material, a partial reuse at most
RETOLD_MAX_SIM = 0.8
REWRITE_MIN_SENTENCES = 4  # a headline and a line cannot be told from an independent brief
REWRITE_MIN_PAIRS = 3
# Most of the text re-says the other's sentences: a rewrite even when an added passage
# brings its own names (one name-dense inserted sentence can halve the names share).
REWRITE_MOST_COVER = 0.5
PARTIAL_PAIRS, PARTIAL_SIM = 2, 0.85


@dataclass
class Profile:
    """What the decision needs of one article, computed once per stage run."""

    article: Article
    sentences: list[Sentence]
    names: set[str]
    words: set[str]
    outlets: set[str]  # keys of the outlet that published it
    credits: set[str]  # keys of the outlets it credits or cites (expanded through the corpus)
    credits_external: bool = False  # its credit names an outlet with no article in the corpus
    content_words: list[str] = field(default_factory=list)  # in text order (the index's bigrams)

    @functools.cached_property
    def own(self) -> set[str]:
        """Its outlet's keys with those of the codes its host spells: what a credit to it
        meets ("(UAN)" means uanewswire.in). Codes never make two hosts one outlet, so
        ``outlets`` alone says whether two articles share theirs."""
        return self.outlets | own_code_keys(self.article)


def outlet_keys(name: str | None) -> set[str]:
    """Match keys of an outlet name: squashed letters and, for several words, the acronym.

    "Coastline Wire", "coastlinewire.com" and "CW" all meet on a key.
    """
    if not name:
        return set()
    name = re.sub(r"^(?:https?://)?(?:www\.)?", "", name.strip(), flags=re.I)
    name = re.sub(r"/.*$", "", name) if re.match(r"^[\w.-]+\.[a-z]{2,}(?:/|$)", name, flags=re.I) else name
    # a domain's suffixes: "coastlinewire.com", "canberradispatch.com.au", "lune.co.uk"
    name = re.sub(r"(?:\.(?:com|net|org|co|gov|edu|ac|az|ru|ua|uk|io|news|info|de|fr|[a-z]{2}))+$", "", name,
                  flags=re.I) if "." in name and " " not in name else name
    name = re.sub(r"^the\s+", "", name, flags=re.I)
    keys = {re.sub(r"[^a-z0-9]", "", name.lower())}
    parts = [p for p in re.split(r"[\s\-]+", name) if p[:1].isalpha()]
    if len(parts) >= 2:
        keys.add("".join(p[0] for p in parts).lower())
    return {k for k in keys if len(k) >= 2}


def code_key(code: str, word: str = "") -> str:
    """The key of an agency's code, apart from names' keys: a code meets a host that spells
    it ("(UAN)", uanewswire.in) and never makes two hosts one outlet (nytimes.com and
    nypost.com both spell "ny"). With an outlet word, a name's initials meet a host that
    spells them before that word ("Peninsula News Agency", pnanews.in), not another host
    ("Tarrow Times", ttnews.com)."""
    return f"code:{code.lower()}/{word}" if word else f"code:{code.lower()}"


def credit_keys(name: str | None) -> set[str]:
    """Keys of an outlet an article credits: its name's, its code's when written as one, and
    its initials' with each outlet word of the name."""
    if not name:
        return set()
    words = [w.lower().strip(".,") for w in name.split()]
    initials = "".join(w[0] for w in words if w and w not in ("the", "of", "and", "&"))
    named = {code_key(initials, w) for w in words if w in OUTLET_WORDS} if len(initials) >= 2 else set()
    return outlet_keys(name) | named | ({code_key(name)} if is_code(name) else set())


def own_code_keys(article: Article) -> set[str]:
    """Keys of the codes the article's host spells, alone and with its outlet words."""
    if not article.site:
        return set()
    codes, words = host_code_words(article.site)
    return {code_key(c, w) for c in codes for w in ("", *words)}


def own_outlet_keys(article: Article) -> set[str]:
    """The article's own outlet: its site, else a wire code in its own dateline."""
    if article.site:
        return outlet_keys(article.site)
    if article.dateline and article.credited_source and article.credited_source.isupper():
        return credit_keys(article.credited_source)
    return set()


def credited_keys(article: Article) -> list[set[str]]:
    """For its credited source, then each outlet it cites: the keys of that outlet not its
    own (an agency's page crediting its own "(UAN)" credits no one)."""
    own = own_keys(article)  # not "(SCN)" on scnewswire.com.au
    return [credit_keys(name) - own for name in [article.credited_source, *article.cited_outlets]]


def own_keys(article: Article) -> set[str]:
    """What a credit to the article's outlet meets: :func:`own_outlet_keys` and
    :func:`own_code_keys` (the keys of :attr:`Profile.own`)."""
    return own_outlet_keys(article) | own_code_keys(article)


def profile(article: Article, credits: set[str], credits_external: bool = False) -> Profile:
    """``article``'s profile, read off its text."""
    cw = content_words(article.text)
    return Profile(article, sentences(article.text), {n.lower() for n in entities(article.text)},
                   set(cw), own_outlet_keys(article), credits, credits_external, cw)


PACK_VERSION = 2  # 2: the credits travel with the profile


def pack(p: Profile) -> bytes:
    """What :func:`profile` reads off the text (and the credits it was given), compact, to
    store beside the index: a candidate's profile then costs a lookup, not a re-reading or
    a search for the outlets it credits, whatever the corpus size."""
    rows = [[s.start, s.end, sorted(s.words), sorted(s.numbers), sorted(s.names), s.fingerprint]
            for s in p.sentences]
    data = [PACK_VERSION, rows, sorted(p.names), sorted(p.words), sorted(p.credits), p.credits_external]
    return zlib.compress(json.dumps(data).encode("utf-8"), 1)


def unpack(article: Article, packed: bytes) -> Profile | None:
    """The profile :func:`pack` stored for ``article``; None when the blob is unreadable or
    from an older format (the caller then reads the text again)."""
    try:
        data = json.loads(zlib.decompress(packed))
        if not isinstance(data, list) or data[0] != PACK_VERSION:
            return None
        _, rows, names, words, credits, external = data
        text = article.text
        sents = [Sentence(s, e, norm(text[s:e]), frozenset(w), frozenset(n), frozenset(m), fp)
                 for s, e, w, n, m, fp in rows]
    except (zlib.error, ValueError, TypeError, IndexError):
        return None
    return Profile(article, sents, set(names), set(words), own_outlet_keys(article), set(credits), bool(external))


def _share(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a) if a else 0.0


@dataclass
class Evidence:
    cover: float
    names: float
    words: float
    alignment: Alignment

    @property
    def score(self) -> float:
        return round((self.cover + self.names + self.words) / 3, 3)


def evidence(d: Profile, s: Profile, al: Alignment) -> Evidence:
    return Evidence(al.derived_cover, _share(d.names, s.names), _share(d.words, s.words), al)


def _reuses_passages(al: Alignment) -> bool:
    """Two passages or more re-said nearly word for word, whole or quoted inside a longer sentence."""
    return max(sum(p[4] >= PARTIAL_SIM for p in al.pairs), al.quoted) >= PARTIAL_PAIRS


def kind_of(d: Profile, ev: Evidence, days: int = 0) -> str:
    """copy, rewrite, partial or independent: what ``d`` does with the source's material
    (``ev``), ``days`` apart. A rewrite follows its source within days; it re-says more
    than half of its words, or, keeping nearly all its names, most of half, or it retells
    the source in the source's order."""
    al = ev.alignment
    if al.identical >= COPY_IDENTICAL:
        return "copy"
    says_again = ev.words >= REWRITE_WORDS and (ev.names >= REWRITE_NAMES or ev.cover >= REWRITE_MOST_COVER)
    keeps_names = ev.words >= REWRITE_WORDS_NAMED and ev.names >= REWRITE_NAMES_KEPT and ev.cover >= REWRITE_COVER_NAMED
    retold = (ev.words >= REWRITE_WORDS_NAMED and al.in_order >= RETOLD_PAIRS
              and al.in_order >= RETOLD_SHARE * len(d.sentences)
              and statistics.median(p[4] for p in al.pairs) < RETOLD_MAX_SIM)
    if (len(d.sentences) >= REWRITE_MIN_SENTENCES and len(al.pairs) >= REWRITE_MIN_PAIRS
            and ev.cover >= REWRITE_COVER and days <= UPDATE_DAYS and (says_again or keeps_names or retold)):
        return "rewrite"
    if _reuses_passages(al):
        return "partial"
    return "independent"


def _date(a: Article) -> str | None:
    return a.published[:10] if a.published else None


def _days_apart(a: Article, b: Article) -> int:
    """Days between two publication dates; 0 when either is unknown."""
    da, db = _date(a), _date(b)
    try:
        return abs((date.fromisoformat(da) - date.fromisoformat(db)).days) if da and db else 0
    except ValueError:
        return 0


def credits_other(d: Profile, s: Profile) -> bool:
    """``d`` credits ``s``'s outlet, or the outlet ``s`` itself credits."""
    return bool(d.credits & (s.own | outlet_keys(s.article.credited_source)))


def _signs_own_dateline(p: Profile) -> bool:
    """The article's dateline names its own outlet as the agency."""
    agency = dateline(p.article.text[:300])[2]
    return bool(agency) and bool(credit_keys(agency) & p.own)


def orient(x: Profile, y: Profile, ex: Evidence, ey: Evidence) -> bool:
    """True when ``x`` is the derived one (``ex``: x's material in y; ``ey``: y's in x)."""
    dx, dy = _date(x.article), _date(y.article)
    if dx and dy and dx != dy:
        return dx > dy
    cx, cy = credits_other(x, y), credits_other(y, x)
    if cx != cy:
        return cx
    if bool(dx) != bool(dy):
        return not dx  # a page that lost its date is the copy or rewrite (scrapers drop it)
    same_text = min(ex.alignment.identical, ey.alignment.identical) >= COPY_IDENTICAL
    sx, sy = ex.names + ex.words + ex.cover, ey.names + ey.words + ey.cover
    if not same_text and abs(sx - sy) > 0.02:
        return sx > sy  # a rewrite keeps less of its source than it adds
    # The same text: the original is the one whose outlet signs its dateline ("(INW)" on
    # indusnewswire.in; agencies' own pages often carry no byline), else the copy is the one
    # that lost the page's byline (scrapers drop it), else the one crediting another outlet,
    # else the shorter text.
    if (sx := _signs_own_dateline(x)) != _signs_own_dateline(y):
        return not sx
    for fx, fy in ((x.article.byline, y.article.byline), (x.credits, y.credits)):
        if bool(fx) != bool(fy):
            return not fx if fx is not x.credits else bool(fx)
    return len(x.article.text) < len(y.article.text)


def decide(x: Profile, y: Profile) -> Derivation | None:
    """The derivation between two candidate articles, or None when they are independent."""
    al_xy = align(x.sentences, y.sentences)
    al_yx = al_xy.flipped()
    ex, ey = evidence(x, y, al_xy), evidence(y, x, al_yx)
    d, s, ev = (x, y, ex) if orient(x, y, ex, ey) else (y, x, ey)
    days = _days_apart(d.article, s.article)
    kind = kind_of(d, ev, days)
    if kind != "copy" and s.credits & d.own:
        return None  # the source carries d's own outlet's material (a copy of its earlier report)
    if d.outlets & s.outlets and kind != "copy":
        # an outlet's later article reusing passages of its earlier one, days later: a follow-up
        pairs = ev.alignment.pairs
        reused = _reuses_passages(ev.alignment)  # background reused word for word
        retold = len(pairs) >= REWRITE_MIN_PAIRS and ev.names >= UPDATE_NAMES  # ... or retold, same people
        if not (reused or retold) or days > UPDATE_DAYS:
            return None  # one shared line (a site's tip box) is no follow-up
        return Derivation(derived_id=d.article.id, source_id=s.article.id, kind="update", credited=True,
                          score=ev.score, aligned=ev.alignment.pairs)
    if kind == "independent" and d.credits & s.own and ev.alignment.pairs and (
            len(ev.alignment.pairs) >= PARTIAL_PAIRS or days <= UPDATE_DAYS):
        kind = "partial"  # reuses a passage and names the outlet that published it (not months before)
    if kind == "independent":
        return None
    # A credit to an outlet outside the corpus counts: the chain to the source may pass
    # through it (a rewrite crediting the agency that had the story from the source).
    credited = credits_other(d, s) or d.credits_external
    return Derivation(derived_id=d.article.id, source_id=s.article.id, kind=kind, credited=credited,
                      score=ev.score, aligned=ev.alignment.pairs)
