"""Who said it: kind, cue and speaker for each quoted span, and indirect speech.

:func:`attribute` masks the quotations (so that their own full stops do not split the
sentence that frames them), then, for each one, decides its kind and finds its speaker:

* a direct quotation by the ordered rules of ``direct`` (the frames of ``frames``: after it,
  before it, a pull-quote line; then the quotation it continues, a neighbouring sentence's
  subject, the last named speaker);
* a quotation inside a sentence by ``partial`` (``partial`` with a speaker, ``scare``
  otherwise; capitalised names in quotation marks are no quotations);
* reported speech in the sentences with no quotation by ``indirect``.

Where the rules are not certain, ``candidates`` lists the plausible speakers and the ranker of
``rank`` chooses; ``cospeakers`` adds a second person named in the same subject. Rule ids are
catalogued in ``rules``; person mentions are in ``persons``, what pronouns refer to in
``anaphora``, readings of the parse in ``syntax``, speaker phrases in ``phrases``, the speech
verbs in :mod:`newsloom.lang.en.speech`.
"""

from __future__ import annotations

import re
from typing import Any

from newsloom.clean.credit import dateline_end
from newsloom.clean.sentences import paragraphs, sentence_spans
from newsloom.entities.names import (
    Cover,
    Holders,
)
from newsloom.lang.en.speech import (
    TITLE_CUES,
)
from newsloom.lang.en.titles import TITLE_ABBREVIATIONS
from newsloom.lang.en.words import NAME_SMALL_WORDS
from newsloom.quotes.candidates import Evidence, History, adopt, candidates
from newsloom.quotes.cospeakers import co_speakers
from newsloom.quotes.cues import ANY_CUE_RE
from newsloom.quotes.direct import speaker
from newsloom.quotes.indirect import (
    indirect,
    poll_source,
)
from newsloom.quotes.marks import DOUBLE_MARKS, MASK, QuoteSpan, find_spans
from newsloom.quotes.partial import is_direct, partial
from newsloom.quotes.persons import (
    TITLE_STEMS,
    Context,
    Mentions,
    Person,
    add_surname_mentions,
    infer_genders,
    rule_persons,
    whole_name,
)
from newsloom.quotes.phrases import PUNCT as _PUNCT
from newsloom.quotes.phrases import Attribution
from newsloom.quotes.rank import Ranker, certain
from newsloom.quotes.rules import ids

#: Characters: longer "sentences" (unpunctuated dumps) are cut in pieces, so the work per
#: quotation stays bounded (a quote's frame is read back to its sentence start).
MAX_SENTENCE = 2000


def _mask(text: str, spans: list[QuoteSpan]) -> str:
    """Quoted text replaced by MASK. The opening mark stays, so the sentence rule still sees a
    sentence start; a quotation inside a sentence ("…, of “fanatic recklessness.” Park said")
    keeps its final full stop, which ends the sentence around it."""
    chars = list(text)
    for s in spans:
        lead = text[max(0, s.outer_start - 2) : s.outer_start].strip()
        last = s.outer_end - 2
        inside = s.closed and bool(lead) and (lead[-1].isalnum() or lead[-1] in ",;") and last > s.outer_start
        for i in range(s.outer_start, s.outer_end):
            if chars[i] != "\n" and i != s.outer_start and not (
                inside and i >= last and text[last] in ".!?"
            ):  # (the full stop and the closing mark stay)
                chars[i] = MASK
    return "".join(chars)


_ABBREV_DOT_RE = re.compile(rf"\b(?:{'|'.join(TITLE_ABBREVIATIONS)}|[A-Z])\.")
_PAREN_RE = re.compile(r"\s\([^()\n█]{1,40}\)")


def _frame(masked: str) -> str:
    """The masked text as the frame rules read it: no full stop after an abbreviation or an
    initial ("Mr. Podesta said"), no short parenthesis ("Rep. Gwen Moore (D-Wis.) said")."""
    out = _ABBREV_DOT_RE.sub(lambda m: m.group(0)[:-1] + "·", masked)
    return _PAREN_RE.sub(lambda m: " " * len(m.group(0)), out)


#: a noun or determiner right before a quotation, no speech cue: "the platform “Harbour Talk,”"
_NAME_SLOT_RE = re.compile(r"\b(?:the|a|an|his|her|its|their|our)\s+(?:[a-z][\w\-]*\s+){0,2}$", re.IGNORECASE)
_TITLED_RE = re.compile(rf"\b(?:{'|'.join(TITLE_CUES)})\s*,?\s*$", re.IGNORECASE)


def _is_title_case_name(inner: str, most: int = 6) -> bool:
    """“Meridian Crest”, “PortFlow”, “Truth Social”: a name or title, not a quotation."""
    words = inner.split()
    if not words or len(words) > most or inner[-1:] in ".,!?;:":
        return False
    caps = [w for w in words if w.lower() not in NAME_SMALL_WORDS]
    return bool(caps) and all(w[0].isupper() or w[0].isdigit() for w in caps)


# ----------------------------------------------------------------------- speakers

def _rank(ctx: Context, evidence: Evidence, history: History, ranker: Ranker | None, att: Attribution,
          around: Attribution | None = None) -> None:
    """Where the rules are not certain, the ranker chooses ``att``'s speaker among its
    candidates (the rules' own answer one of them); ``around``, the reported clause around a
    partial quotation, gets the same speaker. A quotation the rules gave no speaker gets one
    only when the ranker is sure (a positive score)."""
    if certain(att):
        return
    att.candidates = candidates(evidence, att, history)
    best = ranker.best(att.candidates) if ranker is not None else None
    if best is not None and (att.speaker_text or ranker.score(best) > 0):
        adopt(att, ctx, best)
    if around is not None:
        around.candidates = att.candidates
        around.speaker_text, around.speaker_start, around.speaker_end = (
            att.speaker_text, att.speaker_start, att.speaker_end)
        around.role = att.role


def attribute(
    text: str, persons: list[Person] | None = None, doc: Any = None, ranker: Ranker | None = None
) -> tuple[list[Attribution], list[Person]]:
    """Every quotation and reported statement in ``text``, with speakers.

    ``persons`` are the person mentions NER found (offsets into ``text``), if any; the name
    rules add those it missed. ``doc`` is the spaCy parse, when a model is loaded: speakers
    are then the subjects of the speech verbs where the parse finds one, and name-shaped spans
    inside an organisation or place it found are no persons. ``ranker`` chooses the speaker
    among the candidates where the rules are not certain (None: the rules' answer). Returns the attributions and the
    person mentions used (NER's plus those the rules added), both in text order.
    """
    spans = find_spans(text)
    masked = _mask(text, spans)
    framed = _frame(masked)
    found = rule_persons(text, masked, framed)
    if doc is not None:  # "Commission on Presidential Debates": no person inside an ORG
        others = Holders([(e.start_char, e.end_char) for e in doc.ents
                          if e.label_ in ("ORG", "LOC", "GPE", "NORP", "FAC")])
        found = [p for p in found if not others.hold(p.start, p.end)]
    if persons:  # where NER and the rules overlap, the longer span wins (NER's on a tie)
        def beaten(p: Person, others: Mentions, strict: bool) -> bool:
            return any(o.end - o.start > p.end - p.start or (not strict and o.end - o.start == p.end - p.start)
                       for o in others.overlapping(p.start, p.end))

        ner = [p for p in persons if not beaten(p, Mentions(found), strict=True)]
        found = [p for p in found if not beaten(p, Mentions(persons), strict=False)]
        persons = sorted([*ner, *found], key=lambda p: p.start)
    else:
        persons = found
    persons = add_surname_mentions(text, masked, [whole_name(text, p) for p in persons
                                                  if MASK not in masked[p.start : p.end]
                                                  and p.text.rstrip(".").lower() not in TITLE_STEMS])  # "Sen"
    ctx = Context(text, framed, spans, persons, doc=doc)
    for lo, hi in paragraphs(text):
        # a dateline ("KESTON (NPA) — ") is the outlet's, not anyone's words: no sentence, so no
        # quotation or reported statement, starts inside it
        ctx.sentences.extend(sentence_spans(masked, lo + dateline_end(text[lo:hi]), hi, MAX_SENTENCE))
    infer_genders(ctx)
    out: list[Attribution] = []
    prev: Attribution | None = None
    recent: Attribution | None = None
    evidence, history = Evidence(ctx), History()
    for q in spans:
        k = ctx.sentence_at(q.outer_start)
        para_start = ctx.paragraph_start(q.outer_start)
        sa, sb = ctx.sentences[k]
        lo = max(sa, ctx.quote_end_before(q.outer_start) or 0)
        inner = text[q.start : q.end]
        mid = bool(masked[lo : q.outer_start].strip(_PUNCT + MASK + DOUBLE_MARKS))
        before = masked[lo : q.outer_start]
        direct = is_direct(ctx, q, lo, sb)
        if mid and _is_title_case_name(inner.rstrip(",")) and (not direct or (
            # a name after a noun, no speech word before it ("the platform “Harbour Talk,” Brill
            # said"; not "told the crowd “Thanks,”", not "called the plan “Dead On Arrival,”")
            len(inner.split()) >= 2 and _NAME_SLOT_RE.search(before) and not ANY_CUE_RE.search(before)
        )):
            continue  # a name or title in quotation marks
        if mid and _TITLED_RE.search(masked[lo : q.outer_start]) and _is_title_case_name(inner.rstrip(",."), 14):
            continue  # the editorial, entitled “A Name for It,” ran …
        around = None
        if direct:
            att = speaker(ctx, q, k, prev, para_start, recent)
        else:
            att, around = partial(ctx, q, k, Attribution(q.start, q.end, "partial"))
        for x in (att, around):
            poll_source(ctx, x, sa, q.outer_start)
        if att.kind in ("direct", "partial"):
            _rank(ctx, evidence, history, ranker, att, around)
        history.add(att)
        if around is not None and not any(x.start == around.start and x.end == around.end for x in out):
            out.append(around)
        out.append(att)
        if att.speaker_start is not None:
            ctx.speakers.add(att.speaker_text or "")
            recent = att
        if att.kind == "direct" or "partial-frame" in ids(att.via):
            prev = att  # a split quotation goes on from it ("…, “…,” X said. “…”")
    # reported speech, also around partial quotes ("X said the plan was “a disaster”")
    quoted = Cover([(x.start, x.end) for x in out if x.kind in ("direct", "indirect")])
    for a, b in ctx.sentences:
        if quoted.overlaps(a, b):
            continue
        att = indirect(ctx, a, b)
        if att is not None:
            _rank(ctx, evidence, History.before(out, att.start), ranker, att)
            out.append(att)
    out.sort(key=lambda x: x.start)
    for att in out:
        co_speakers(ctx, att)
    return out, ctx.persons
