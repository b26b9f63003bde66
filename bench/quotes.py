"""Benchmark quote detection and speaker attribution on PolNeAR dev.

    python bench/quotes.py [--data ../shared/data] [--split dev] [--half a|b] [--no-model] [--errors N]
                           [--floor] [--update-baseline]

``--half a`` / ``--half b`` (with ``--split train``) keep the articles at even / odd
positions of the split's texts sorted by file name. Half a is for development (read its
errors); half b is held out: run it for figures only, never with ``--errors``, so that it
stays a fair estimate on news the rules were not written against.

Gold: the brat ``Content`` spans that contain a quotation mark (one annotator per article,
the first by file name); its kind is ``direct`` when the span opens with a quotation mark,
else ``partial``. Predictions: newsloom's ``direct`` and ``partial`` quotes, and ``indirect`` statements
that hold a partial quote (counted as partial); scare quotes and other indirect speech are
left out.

* A gold span is *found* at overlap t when the predicted spans touching it cover it with
  intersection-over-union ≥ t (the parts of a split quote together cover one gold span).
  A prediction is *correct* at t when at least a share t of it lies in a found gold span.
* Speaker accuracy, over gold spans found at 0.3 with a gold ``Source`` (a Source that is
  only the speech verb or starts with it — annotators sometimes marked "said" or "said in a
  statement" — names no one and is left out): the predicted speaker (its canonical name in
  the article) shares a name word with the source ("Trump" / "Donald Trump"); when the
  source's head is a common noun ("the spokesman", "Scott's family", "A document on the
  campaign's website", "a source familiar with X's thinking") the head words must agree
  instead — names inside its modifiers are not the speaker. A pronoun ("he") or
  a description of a person ("the Vermont senator", "The Republican nominee") counts as
  matched when the speaker is the one it refers to: the referent readers gave it, read
  blind (``bench/polnear_referents.tsv``, made by ``bench/referents.py``; see
  ``bench/QUOTES.md``), and for a source no reader resolved (and in the figure printed
  beside, for every source) the nearest *named* source of
  any gold attribution before it (quotes or not) whose gender — a full name's first name
  (US Census lists), else Mr./Mrs./Ms. before the name, gendered role words in its sources
  ("spokeswoman"), else he/his vs she/her after the name in sentences that name no other
  source — does not clash with a he/she, and who is a person (a he/she antecedent has a
  gender, or the article names it after a first name or a personal title: "The New York
  Times", "Atlantic City" and "Some Republicans" are no "he"); "a …" sources
  ("a Donald Trump tweet") are no antecedents. A description also matches when our speaker
  is the description itself (same head word). PolNeAR does not resolve pronouns; before
  this rule the bench took the nearest gold *quote* source of any gender (often an
  organisation or a woman for "he"), which marked right answers wrong. For "he"/"she" and
  descriptions the antecedent is one named person (not "X and his aides", not "excerpts of
  X's speech"); a description ("the president") takes first the nearest source the article
  gives that title or role ("President X", "X, the president"). A description with a name
  in apposition ("the party's nominee, Ada Kroll,") or a title before a name ("master of
  ceremonies Ada Kroll") names that person. A nested report ("“…,” X said, according to Y":
  PolNeAR's source is Y, its content "“…,” X said") also accepts X, whose words they are.
  A relative source ("Weaver, who said") is the name before it, matched by name words
  ("John Weaver"); a reflexive after a name ("Sanders himself") is dropped; a title
  before a name ("master of ceremonies Ada Kroll") makes a named antecedent for "he". A
  first-person source ("I", "we") is the writer: our speaker matches when it is the same
  pronoun (newsloom names the byline's author only when the article has one).
* ``--errors N`` prints up to N missed gold quotes, false positives (at 0.3) and speaker
  errors (with the referent the bench resolved and the text around them).

Skips with a message (exit 0) when the data is absent. ``--floor`` checks the quote F1 (at
overlap 0.3) and speaker accuracy pinned in ``bench/baseline.json`` for dev and each half of
train, per model (the default's bare, ``dev.speaker``; another's under its name).
"""

from __future__ import annotations

import argparse
import functools
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from baseline import add_arguments, report  # noqa: E402

QUOTE_MARKS = "“”\"«»„"
PRONOUNS = {"he", "she", "him", "her", "they", "i", "we", "it", "his", "hers", "their", "you"}


#: Every attribution's source per annotation file: (offset, text), quotes or not.
SOURCES: dict[Path, list[tuple[int, str]]] = {}
#: Whom PolNeAR's anaphoric sources mean, as readers resolved them (``bench/referents.py``).
REFERENTS_FILE = ROOT / "bench" / "polnear_referents.tsv"


@functools.cache
def read_referents() -> dict[tuple[str, int], str]:
    """(article, source offset) → the referent readers gave ("UNCLEAR" ones left out)."""
    if not REFERENTS_FILE.is_file():
        return {}
    rows = (line.split("\t") for line in REFERENTS_FILE.read_text(encoding="utf-8").splitlines()[1:])
    return {(r[0], int(r[1])): r[2] for r in rows if len(r) >= 3 and r[2] != "UNCLEAR"}


@dataclass
class Gold:
    spans: list[tuple[int, int]]
    kind: str
    source: str | None = None
    source_start: int = -1
    chars: set[int] = field(default_factory=set)
    content: str = ""


def read_ann(path: Path, text: str, marks: bool = True) -> list[Gold]:
    """Gold quotations (Content spans with quotation marks) and their sources; with ``marks``
    False, the reported speech instead (Content spans without any, kind ``indirect``)."""
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    links: list[dict[str, list[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            label, _, offs = parts[1].partition(" ")
            frags = [tuple(int(x) for x in f.split()) for f in offs.split(";")]
            spans[parts[0]] = (label, frags, parts[2])  # type: ignore[assignment]
        elif line.startswith("E") and len(parts) >= 2:
            roles: dict[str, list[str]] = defaultdict(list)
            for item in parts[1].split():
                key, _, ref = item.partition(":")
                roles[re.sub(r"\d+$", "", key)].append(ref)
            links.append(roles)
    out: list[Gold] = []
    SOURCES[path] = sorted({(spans[sid][1][0][0], spans[sid][2]) for roles in links for sid in roles.get("Source", [])
                            if sid in spans})
    for roles in links:
        for cid in roles.get("Content", []):
            label, frags, content = spans.get(cid, ("", [], ""))
            if any(c in content for c in QUOTE_MARKS) != marks:
                continue
            kind = "indirect" if not marks else "direct" if content.lstrip(" (—–-")[:1] in QUOTE_MARKS else "partial"
            g = Gold(spans=list(frags), kind=kind, content=content)
            for a, b in frags:
                g.chars.update(range(a, b))
            src = [spans[s] for s in roles.get("Source", []) if s in spans]
            if src:  # "Sanders himself" is Sanders; a no-break space after "He" is no part of it
                g.source = re.sub(r"\s+(?:him|her|them|it)sel(?:f|ves)\b", "", " ".join(s[2].strip() for s in src))
                g.source_start = src[0][1][0][0]
            out.append(g)
    return out


_FUNCTION_WORDS = {"the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "our", "my",
                   "mr", "mrs", "ms", "miss", "dr", "and", "but", "who", "whose", "said", "says"}
#: Speech verbs that annotators sometimes marked as the Source itself ("…,” said X).
CUE_ONLY = {"said", "says", "say", "told", "tells", "added", "asked", "wrote", "writes", "according"}
GENDERED = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
_GENDER_WORDS = {"m": {"mr", "he", "his", "man", "men", "father", "husband", "son", "brother", "chairman",
                       "spokesman", "congressman", "businessman", "king", "sir"},
                 "f": {"mrs", "ms", "miss", "she", "her", "woman", "women", "mother", "wife", "daughter",
                       "sister", "chairwoman", "spokeswoman", "congresswoman", "businesswoman", "queen", "lady"}}
#: Head nouns of a description that names a person ("the Vermont senator", "the former aide").
from newsloom.entities.names import first_names, gender_of_first_name  # noqa: E402
from newsloom.lang.en.titles import TITLE_HEADS  # noqa: E402

PERSON_HEADS = TITLE_HEADS | {"candidate", "nominee", "strategist", "aide", "official", "congressman",
                              "congresswoman", "businessman", "businesswoman", "mother", "father", "woman", "man",
                              "republican", "democrat"}


#: Personal titles before a name ("Sen. Kroll", "Mayor Kroll").
PERSON_TITLES = TITLE_HEADS | {"mr", "mrs", "ms", "miss", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt",
                               "capt", "prof", "rev", "adm", "maj", "sir", "dame", "lord", "lady"}


@functools.cache
def _person_markers() -> frozenset[str]:
    """Words that mark the name after them as a person's: a first name (US Census lists) or a title."""
    return first_names() | PERSON_TITLES


def _name_words(s: str) -> set[str]:
    words = re.findall(r"[A-Za-z][\w’'\-]*", s)
    return {re.sub(r"['’]s$", "", w).lower() for w in words
            if w[0].isupper() and len(w) > 2 and w.lower() not in _FUNCTION_WORDS}


#: "a source familiar with …", "a person close to …": the head is the noun before the adjective
_POSTMOD = r"(?:(?:familiar|close|knowledgeable|briefed)\s+)?"


def _head(s: str) -> str:
    s = re.split(rf",|\s{_POSTMOD}(?:who|which|of|at|for|from|with|in|on|to)\s", s.lower())[0]
    words = re.findall(r"[a-z][\w\-]*", s)
    return words[-1] if words else ""


@dataclass
class Doc:
    """One benchmark article: its text, gold quotes, and every gold attribution's source."""

    text: str
    golds: list[Gold]
    sources: list[tuple[int, str]]
    stem: str = ""
    _genders: dict[frozenset[str], str | None] = field(default_factory=dict)

    def proper(self, source: str) -> set[str]:
        """Name words of a source that the article capitalises mid-sentence (so: names)."""
        return {w for w in _name_words(source)
                if re.search(rf"[\w,;]\s+{re.escape(w[0].upper() + w[1:])}\b", self.text)}

    def gender(self, source: str, words: set[str]) -> str | None:
        """m/f from the first name of a full name ("Hillary Clinton" is no "he"), else from
        Mr./Mrs./Ms. before the name in the article, gendered role words or the he/she after it."""
        full = re.search(r"([A-Z][\w’'\-]+)\s+(?:[A-Z]\.\s+)?([A-Z][\w’'\-]+)$", re.split(r",|\s[–—]\s", source)[0])
        first = gender_of_first_name(f"{full[1]} {full[2]}") if full else None  # not "Georgia businessman …"
        if first:  # a full name: "Hillary Clinton" is no "he", whatever "Mr. Clinton" says of Bill
            return first
        key = frozenset(words)
        if key not in self._genders:
            self._genders[key] = self._gender(words)
        return self._genders[key]

    def _gender(self, words: set[str]) -> str | None:
        votes = set()
        for w in words:
            pat = rf"\b(Mr|Mrs|Ms|Miss)\.?\s+(?:[A-Z][\w.’'\-]*\s+)*{re.escape(w)}\b"
            for m in re.finditer(pat, self.text, re.IGNORECASE):
                votes.add("m" if m.group(1).lower() == "mr" else "f")
        for s in (src for _, src in self.sources if words & _name_words(src)):
            for g, ws in _GENDER_WORDS.items():
                if set(re.findall(r"[a-z]+", s.lower())) & (ws - {"he", "she", "his", "her"}):
                    votes.add(g)
        if not votes:  # the he/his or she/her after the name in sentences that name no other source
            he = she = 0
            for sent in re.split(r"(?<=[.!?])\s+", self.text):
                hit = re.search(rf"\b(?:{'|'.join(re.escape(w) for w in words)})\b", sent, re.IGNORECASE)
                if hit and not any(self.proper(o) & set(re.findall(r"[a-z]+", sent.lower())) - words
                                   for o in self.names):
                    he += len(re.findall(r"\b(?:he|his|him)\b", sent[hit.end():], re.IGNORECASE))
                    she += len(re.findall(r"\b(?:she|her|hers)\b", sent[hit.end():], re.IGNORECASE))
            if he + she >= 2 and he != she:
                votes.add("m" if he > she else "f")
        return votes.pop() if len(votes) == 1 else None

    def personal(self, source: str, words: set[str]) -> bool:
        """Whether a source is a person, as a he/she antecedent must be: it has a gender, or the
        article gives one of its name words after a first name or a personal title ("Ada
        Kroll", "Sen. Kroll"); "The New York Times" and "Atlantic City" are no one."""
        if self.gender(source, words):
            return True
        for w in words:  # "Mexican President Enrique Peña Nieto": a title or a first name in the run before
            for m in re.finditer(rf"((?:[A-Z][\w’'\-]*\.?\s+){{1,3}})(?i:{re.escape(w)})\b", self.text):
                if {x.rstrip(".").lower() for x in m.group(1).split()} & _person_markers():
                    return True
        return False

    @functools.cached_property
    def names(self) -> list[str]:
        return sorted({src for _, src in self.sources if not is_anaphor(src)})


def _appos_name(source: str) -> str | None:
    """The name in apposition after a comma ("the party's nominee, Ada Kroll,"), if any."""
    return next((p.strip() for p in source.split(",")[1:2] if re.fullmatch(r"(?:[A-Z][\w.’'\-]*\s?)+", p.strip())),
                None)


def is_anaphor(source: str) -> bool:
    """A pronoun or a description of a person ("the Vermont senator", "The Republican nominee")
    that does not name the person in apposition ("the nominee, Ada Kroll," names her)."""
    low = source.lower().strip(" ,")
    return low in PRONOUNS or (bool(re.match(r"(?:the|this|that)\s", low)) and _head(low) in PERSON_HEADS
                               and _appos_name(source) is None)


def _singular_named(source: str) -> bool:
    """A source that can be the antecedent of "he"/"she": one name, not several ("Kroll and
    her aides") and not a thing or a group named after someone ("excerpts of the Kroll
    speech", "the Kroll campaign"): its head word is capitalised, or a name follows it."""
    if re.search(r"\s(?:and|&)\s", source.split(",")[0]):
        return False
    first = re.split(r",|\s[–—]\s|\s(?:who|which|of|at|for|from|with|in|on|to)\s", source)[0]
    words = re.findall(r"[A-Za-z][\w\-]*", re.sub(r"['’]s\b", "", first))
    return bool(words) and (words[-1][0].isupper() or _appos_name(source) is not None
                            or _TITLED.search(source.split(",")[0].strip()) is not None)


def referent(gold: Gold, doc: Doc, readers: bool = True) -> str | None:
    """The person or body a gold source names: the source itself, or for a pronoun or a
    description ("he", "the Vermont senator") whom readers took it to mean
    (:func:`read_referents`; an unnamed one is its description, "UNNAMED: a campaign
    aide" → "a campaign aide"), else (``readers`` false, or none read) the nearest named source of any gold
    attribution before it whose gender (Mr./Mrs./Ms., gendered role words) does not clash;
    for "he"/"she" and descriptions, one named person (not "X and Y", not "excerpts of X's
    speech"), and for a description first the nearest one the article gives its head word
    as a title or role ("President X", "X, the president")."""
    source = gold.source
    if not source or not is_anaphor(source):
        return source
    if readers and (read := read_referents().get((doc.stem, gold.source_start))):
        return read.removeprefix("UNNAMED:").strip()
    low = source.lower().strip(" ,")
    if low in PRONOUNS:
        gender = GENDERED.get(low)
    else:  # "the congresswoman"
        gender = next((g for g, ws in _GENDER_WORDS.items() if set(low.split()) & ws), None)
    person = gender is not None or low not in PRONOUNS

    def candidates() -> Iterator[tuple[str, set[str]]]:
        for pos, src in reversed(doc.sources):
            if pos >= gold.source_start or is_anaphor(src) or re.match(r"(?:a|an)\s", src.lower()):
                continue  # "a Donald Trump tweet" is no antecedent
            words = doc.proper(src)
            if words and (not person or _singular_named(src)) and not (
                gender and doc.gender(src, words) not in (None, gender)
            ) and not (gender and low in PRONOUNS and not doc.personal(src, words)):
                yield src, words

    nearest = next(candidates(), (None, set()))[0]
    if low not in PRONOUNS:  # "the senator": the nearest one the article calls a senator
        head = re.escape(_head(low))
        for src, words in candidates():
            name = "|".join(re.escape(w) for w in words)
            if re.search(rf"\b(?i:{head})\.?\s+(?:[A-Z][\w.’'\-]*\s+)*(?i:{name})\b"
                         rf"|\b(?i:{name}),\s+(?:the|a|an)\s[^,.]{{0,60}}?\b(?i:{head})\b", doc.text):
                return src
    return nearest


def source_given(gold: Gold) -> bool:
    """A gold source that names someone (not the speech verb annotated as the source)."""
    words = (gold.source or "").lower().strip(" ,").split()
    return bool(words) and words[0] not in CUE_ONLY  # also "said in a statement"


RELATIVES = {"who", "which", "that"}


_CUE = r"(?:said|says|say|told|tells|added|adds|asked|asks|wrote|writes|replied|explained|continued)"
_NAME_RUN = r"(?:[A-Z][\w.’'\-]*\s+){0,3}[A-Z][\w.’'\-]*"
#: "“…,” X said" / "“…,” said X" / "X said: “…"" inside a gold content span
_FRAMES = (re.compile(rf"[”\"»][,.!?]?\s*({_NAME_RUN})\s+{_CUE}\b"),
           re.compile(rf"[”\"»][,.!?]?\s*{_CUE}\s+({_NAME_RUN})"),
           re.compile(rf"({_NAME_RUN})\s+{_CUE}[,:]?\s*[“\"«„]"))


def inner_speakers(gold: Gold) -> set[str]:
    """Name words of whoever frames the quotation inside the gold content itself: PolNeAR
    marks "“…,” X said, according to Y" as Y's attribution whose content is "“…,” X said"
    — the words are X's, as Y reports them, so X is right too."""
    return {w for rx in _FRAMES for m in rx.finditer(gold.content) for w in _name_words(m.group(1))}

#: "master of ceremonies Ada Kroll": a title before a name (not "the campaign of Ada Kroll")
_TITLED = re.compile(rf"\b(?!(?:of|at|for|from|with|in|on|to|by|and|the)\s)[a-z][\w\-]*\s+({_NAME_RUN})$")


#: a first-person source ("“…,” I said") and the speaker newsloom leaves as the pronoun
FIRST_PERSON = {"i": "i", "me": "i", "my": "i", "we": "we", "us": "we", "our": "we"}


def needs_referent(gold: Gold) -> bool:
    """A source that says whom only through the article: a pronoun or a description, not the
    writer's "I"/"we" (what readers resolve, :mod:`referents`)."""
    source = gold.source or ""
    return source_given(gold) and is_anaphor(source) and source.lower().strip(" ,") not in FIRST_PERSON


def speaker_ok(pred: str | None, gold: Gold, doc: Doc, readers: bool = True) -> bool:
    """Whether our speaker is the gold source's (``readers``: see :func:`referent`)."""
    if not pred or not gold.source:
        return False
    if FIRST_PERSON.get(gold.source.lower().strip(" ,")) == pred.lower():
        return True  # the writer (or writers), whom PolNeAR leaves unnamed
    if inner_speakers(gold) & _name_words(pred):
        return True
    if gold.source.lower().strip(" ,") in RELATIVES:  # "the department which reported": the noun before it
        before = doc.text[max(0, gold.source_start - 120) : gold.source_start].rstrip(" ,")
        name = re.search(rf"{_NAME_RUN}$", before)  # "said Weaver, who said": Weaver (John Weaver)
        return before.lower().endswith(re.sub(r"^(?:the|a|an)\s+", "", pred.lower())) or bool(
            name and _name_words(name.group(0)) & _name_words(pred))
    if is_anaphor(gold.source) and gold.source.lower().strip() not in PRONOUNS and _head(gold.source) == _head(pred):
        return True  # the description as written ("the Vermont senator")
    source = referent(gold, doc, readers)
    # several people at once ("they": "Ada Kroll + Ben Ortiz"): any one of them
    return bool(source) and any(_same(pred, part) for part in source.split(" + "))


def _same(pred: str, source: str) -> bool:
    """Whether our speaker is the person or body a named (or described) source gives."""
    first = re.split(rf",|\s[–—]\s|\s{_POSTMOD}(?:who|which|of|at|for|from|with|in|on)\s",
                     source)[0]  # "X – a harbour pilot –"
    head = re.findall(r"[A-Za-z][\w\-]*", re.sub(r"['’]s\b", "", first))  # "Trump’s claim": Trump
    appos = _appos_name(source)
    # "master of ceremonies Ada Kroll": a title before the name (not "the campaign of Ada Kroll")
    titled = _TITLED.search(re.split(r",|\s[–—]\s|\s(?:who|which|that|whose)\s", source)[0].strip())
    if head and head[-1][0].islower() and titled and _name_words(titled.group(1)) & _name_words(pred):
        return True
    if head and head[-1][0].islower() and appos:  # "Her deputy, Lena Brandt,": the name
        return bool(_name_words(appos) & _name_words(pred))
    if head and head[-1][0].islower():  # a common noun, however named its modifiers ("Scott's family")
        return _head(source) == _head(pred)
    gw, pw = _name_words(source), _name_words(pred)
    if gw:
        return bool(gw & pw)
    return _head(source) == _head(pred) and bool(_head(source))


def _clip(s: str, n: int = 100) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _sentence(text: str, lo: int, hi: int) -> str:
    """The text around [lo, hi): from the paragraph start (or 200 chars) to its end."""
    a = max(text.rfind("\n", 0, lo) + 1, lo - 200)
    b = text.find("\n", hi)
    return text[a : b if b != -1 and b - hi < 200 else hi + 200]


def _note(bucket: list[str], limit: int, stem: str, line: str) -> None:
    if len(bucket) < limit:
        bucket.append(f"{stem[:32]}: {line}")


def articles(base: Path, texts: list[Path]) -> Iterator[tuple[Path, str, list[Gold], list[Gold], Doc]]:
    """Each annotated article of a split: its path, text, gold quotes, gold reported speech
    (no quotation marks) and annotation."""
    for path in texts:
        anns = sorted((base / "attributions").glob(path.stem + "_*.ann"))
        if not anns:
            continue
        text = path.read_text(encoding="utf-8")
        golds = read_ann(anns[0], text)
        reported = read_ann(anns[0], text, marks=False)
        yield path, text, golds, reported, Doc(text, golds, SOURCES[anns[0]], path.stem)


def split_texts(base: Path, half: str | None) -> list[Path]:
    """A split's texts; ``half`` a / b: train's even / odd positions."""
    texts = sorted((base / "text").glob("*.txt"))
    return texts[half == "b" :: 2] if half else texts


def speaker_names(analysis: Any) -> dict[tuple[int, int], str]:
    """Mention offsets -> the canonical name of their entity in the article."""
    return {(m.start, m.end): e.name for e in analysis.entities for m in e.mentions}


def predictions(analysis: Any, text: str, marks: bool = True) -> list[Any]:
    """Our quotations as the gold counts them: reported speech around a partial quote is one
    gold Content span, so it counts as partial. ``marks`` False: our reported speech with no
    quotation mark in it."""
    if not marks:
        return [a for a in analysis.attributions
                if a.kind == "indirect" and not any(c in text[a.start : a.end] for c in QUOTE_MARKS)]
    preds = [a for a in analysis.attributions if a.kind in ("direct", "partial")
             or (a.kind == "indirect" and any(c in text[a.start : a.end] for c in QUOTE_MARKS))]
    for a in preds:
        a.kind = "partial" if a.kind == "indirect" else a.kind
    return preds


def found(golds: list[Gold], pchars: list[set[int]], t: float) -> list[tuple[Gold, list[int]]]:
    """The gold quotes our predictions cover at overlap ≥ ``t``, with the predictions touching each."""
    out = []
    for g in golds:
        touching = [k for k, pc in enumerate(pchars) if pc & g.chars]
        cover = set().union(*(pchars[k] for k in touching)) if touching else set()
        if cover and len(cover & g.chars) / len(cover | g.chars) >= t:
            out.append((g, touching))
    return out


def speaker_pairs(found_golds: list[tuple[Gold, list[int]]], preds: list[Any],
                  pchars: list[set[int]]) -> list[tuple[Gold, Any]]:
    """Each found gold quote with a source, and the prediction that covers most of it."""
    return [(g, preds[max(touching, key=lambda k: len(pchars[k] & g.chars))])
            for g, touching in found_golds if source_given(g)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--split", default="dev")
    ap.add_argument("--half", choices=("a", "b"),
                    help="with --split train: a = even positions (development), b = odd (held out)")
    ap.add_argument("--no-model", action="store_true", help="rules only, even when the model is installed")
    ap.add_argument("--model", help="spaCy pipeline to use (e.g. en_newsloom_trf; default: shipped)")
    ap.add_argument("--no-ranker", action="store_true", help="the attribution rules' answers, no learned ranker")
    ap.add_argument("--errors", type=int, default=0,
                    help="print up to this many of each error: missed gold quotes, false positives, speaker errors")
    add_arguments(ap)
    args = ap.parse_args()
    base = args.data / "quotes" / "polnear" / args.split
    if not (base / "text").is_dir():
        print(f"skipped: {base} is absent")
        return 0

    from newsloom import attribution
    from newsloom.model import Article
    from newsloom.nlp import DEFAULT_MODEL_NAME

    analyser = attribution.Analyser(args.model, rank=not args.no_ranker)
    use_model = not args.no_model and analyser.nlp is not None  # else rules only
    thresholds = (0.3, 0.8)
    hits = {t: defaultdict(int) for t in thresholds}
    correct = {t: defaultdict(int) for t in thresholds}
    n_gold: dict[str, int] = defaultdict(int)
    n_pred: dict[str, int] = defaultdict(int)
    spk_total = spk_right = by_rule = anaphoric = read = 0
    errors: dict[str, list[str]] = {"missed": [], "false positive": [], "speaker": []}
    elapsed = 0.0
    indirect: dict[str, int] = defaultdict(int)
    if args.half and args.split != "train":
        ap.error("--half needs --split train")
    texts = split_texts(base, args.half)
    for path, text, golds, reported, doc in articles(base, texts):
        t0 = time.perf_counter()
        art = Article(id=path.stem, source=str(path), fingerprint=path.stem, text=text)
        analysis = analyser.analyse(art, analyser.parse(text) if use_model else None)
        elapsed += time.perf_counter() - t0
        names = speaker_names(analysis)
        preds = predictions(analysis, text)
        pchars = [set(range(a.start, a.end)) for a in preds]
        said = predictions(analysis, text, marks=False)
        schars = [set(range(a.start, a.end)) for a in said]
        reported_found = found(reported, schars, 0.3)
        indirect["gold"] += len(reported)
        indirect["pred"] += len(said)
        indirect["found"] += len(reported_found)
        indirect["right"] += sum(any(len(pc & g.chars) / len(pc) >= 0.3 for g, _ in reported_found) for pc in schars)
        for g, a in speaker_pairs(reported_found, said, schars):
            indirect["speakers"] += 1
            ok = speaker_ok(names.get((a.speaker_start, a.speaker_end), a.speaker_text), g, doc)
            indirect["speaker_right"] += ok
        for g in golds:
            n_gold[g.kind] += 1
        for a in preds:
            n_pred[a.kind] += 1
        for t in thresholds:
            found_golds = found(golds, pchars, t)
            for g, _ in found_golds:
                hits[t][g.kind] += 1
            for a, pc in zip(preds, pchars, strict=True):
                if any(len(pc & g.chars) / len(pc) >= t for g, _ in found_golds):
                    correct[t][a.kind] += 1
                elif t == 0.3:
                    _note(errors["false positive"], args.errors, path.stem,
                          f"{a.kind} ({a.via or 'no speaker'}) {_clip(text[a.start:a.end])!r}"
                          f" | {_clip(_sentence(text, a.start, a.end), 240)!r}")
            if t == 0.3:
                hit = {id(g) for g, _ in found_golds}
                for g in golds:
                    if id(g) not in hit:
                        lo, hi = g.spans[0][0], g.spans[-1][1]
                        near = [f"{p.kind}:{_clip(text[p.start:p.end], 40)!r}"
                                for p, pc in zip(preds, pchars, strict=True)
                                if pc & g.chars]
                        _note(errors["missed"], args.errors, path.stem,
                              f"{g.kind} {_clip(text[lo:hi])!r} | ours: {', '.join(near) or '-'}"
                              f" | {_clip(_sentence(text, lo, hi), 240)!r}")
            if t == 0.3:
                for g, a in speaker_pairs(found_golds, preds, pchars):
                    speaker = names.get((a.speaker_start, a.speaker_end), a.speaker_text)
                    spk_total += 1
                    ok = speaker_ok(speaker, g, doc)
                    spk_right += ok
                    by_rule += speaker_ok(speaker, g, doc, readers=False)
                    if needs_referent(g):
                        anaphoric += 1
                        read += (path.stem, g.source_start) in read_referents()
                    if not ok:
                        lo, hi = g.spans[0][0], g.spans[-1][1]
                        ref = referent(g, doc)
                        ref_note = "" if ref == g.source else f" (→ {ref!r})"
                        _note(errors["speaker"], args.errors, path.stem,
                              f"gold {g.source!r}{ref_note} got {speaker!r} ({a.via or 'no rule'}) "
                              f"| {_clip(_sentence(text, min(lo, g.source_start), hi), 300)!r}")

    def f1(tp_p: int, np_: int, tp_r: int, ng: int) -> tuple[float, float, float]:
        p = tp_p / np_ if np_ else 0.0
        r = tp_r / ng if ng else 0.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0

    def prf(tp_p: int, np_: int, tp_r: int, ng: int) -> str:
        p, r, f = f1(tp_p, np_, tp_r, ng)
        return f"P {100 * p:5.1f}  R {100 * r:5.1f}  F1 {100 * f:5.1f}"

    name = f"{args.split} half {args.half}" if args.half else args.split
    print(f"PolNeAR {name}: {len(texts)} articles, {sum(n_gold.values())} gold quotes "
          f"({', '.join(f'{k} {v}' for k, v in sorted(n_gold.items()))}), "
          f"{sum(n_pred.values())} predicted; model: {args.model or 'en_newsloom' if use_model else 'none (rules)'}")
    for t in thresholds:
        overall = prf(sum(correct[t].values()), sum(n_pred.values()), sum(hits[t].values()), sum(n_gold.values()))
        print(f"overlap ≥ {t}: all      {overall}")
        for kind in ("direct", "partial"):
            print(f"              {kind:8} {prf(correct[t][kind], n_pred[kind], hits[t][kind], n_gold[kind])}")
    acc = 100 * spk_right / spk_total if spk_total else 0.0
    print(f"speaker accuracy (found at 0.3, gold source given): {acc:.1f}  ({spk_right}/{spk_total}); "
          f"{anaphoric} sources are pronouns or descriptions (not I/we), {read} of them resolved by readers")
    if spk_total:
        print(f"  with every such source resolved by the bench's rule instead: "
              f"{100 * by_rule / spk_total:.1f}  ({by_rule}/{spk_total})")
    ind_p, ind_r, ind_f = f1(indirect["right"], indirect["pred"], indirect["found"], indirect["gold"])
    ind_acc = indirect["speaker_right"] / indirect["speakers"] if indirect["speakers"] else 0.0
    print(f"reported speech without quotation marks ({indirect['gold']} gold): P {100 * ind_p:5.1f}  "
          f"R {100 * ind_r:5.1f}  F1 {100 * ind_f:5.1f} at 0.3; speaker accuracy {100 * ind_acc:.1f}  "
          f"({indirect['speaker_right']}/{indirect['speakers']})")
    print(f"speed: {len(texts) / elapsed:.1f} articles/s")
    for what, lines in errors.items():
        if lines:
            print(f"\n{what} ({len(lines)} shown):")
            for e in lines:
                print("  " + e)
    # "dev.f1", "half_b.speaker": the default model's; "en_newsloom_trf.half_b.speaker", "rules.dev.f1"
    model = (args.model or DEFAULT_MODEL_NAME) if use_model else "rules"
    prefix = "" if model == DEFAULT_MODEL_NAME else f"{model}."
    if args.data != ROOT.parent / "shared" / "data":
        prefix = f"custom.{prefix}"
    label = f"half_{args.half}" if args.half else args.split
    figures = {"f1": f1(sum(correct[0.3].values()), sum(n_pred.values()), sum(hits[0.3].values()),
                        sum(n_gold.values()))[2],
               "speaker": spk_right / spk_total if spk_total else 0.0,
               "indirect_speaker": ind_acc}
    return report("quotes", {f"{prefix}{label}.{k}": v for k, v in figures.items()}, args)


if __name__ == "__main__":
    raise SystemExit(main())
