"""Quotations inside a sentence: direct or not, and for a partial one the speaker of the
sentence's speech verb and the reported clause around it."""

from __future__ import annotations

import re

from newsloom.lang import alternation
from newsloom.lang.en.speech import (
    NAMING_CUES,
)
from newsloom.lang.en.words import PHRASE_WORDS
from newsloom.quotes.cues import (
    ANY_CUE_RE,
    CUE,
    PARTICIPLE_CUE,
)
from newsloom.quotes.frames import PHRASE_END_RE, after_frame
from newsloom.quotes.indirect import (
    clause_subject,
    closed_relative,
    complement,
    governing,
    relative_that,
    thing,
)
from newsloom.quotes.marks import DOUBLE_MARKS, MASK, QuoteSpan
from newsloom.quotes.persons import (
    Context,
)
from newsloom.quotes.phrases import PUNCT as _PUNCT
from newsloom.quotes.phrases import Attribution, speaker_from_phrase, speaker_from_subject
from newsloom.quotes.syntax import (
    nominal,
    stray_noun,
)

# -------------------------------------------------------------------------- kinds


def is_direct(ctx: Context, q: QuoteSpan, lo: int, hi: int) -> bool:
    """A quotation that is a sentence of its own or the object of `X said:`."""
    before = ctx.masked[lo : q.outer_start]
    if not before.strip(_PUNCT + MASK + DOUBLE_MARKS):
        return True
    if re.search(r":\s*$", before):
        return True
    if re.search(rf"\b(?:{CUE}|{PARTICIPLE_CUE})(?:\s+\S+){{0,6}}?\s*,\s*$", before, re.IGNORECASE):
        return True
    if IN_PHRASE_RE.search(before) or _NAMING_BEFORE_RE.search(before):
        return False  # "projects like “Mars exploration,” even …", "called the plan “Dead On Arrival,”"
    inner = ctx.text[q.start : q.outer_end]
    after = ctx.masked[q.outer_end : hi]
    ends_inside = bool(re.search(r"[,.!?][”\"»]?\s*$", ctx.text[q.outer_start : q.outer_end].rstrip("”\"»")))
    return ends_inside and bool(re.match(r"^\s*(?:[,—–-]\s*)?\S", after)) and inner[:1].isupper()


#: A quotation right after one of these words sits inside a phrase: an object, a name
IN_PHRASE_RE = re.compile(rf"\b(?:{alternation(sorted(PHRASE_WORDS))})\s*$", re.IGNORECASE)
_NAMING_BEFORE_RE = re.compile(rf"\b(?:{alternation(NAMING_CUES)})\s+(?:[\w'’\-]+\s+){{0,3}}$", re.IGNORECASE)
_MAIN_AFTER_RE = re.compile(
    r"(?:[^,.;:!?]{0,200}?,)?\s+(?P<subj>(?:he|she|they|it)\b|(?:[A-Z][\w.’'\-]+\s){1,3}(?=\S))"
)


def partial(ctx: Context, q: QuoteSpan, k: int, att: Attribution) -> tuple[Attribution, Attribution | None]:
    """A quotation inside a sentence: partial with the sentence's speaker, else scare; and
    the reported statement around it (`X said the plan was “a disaster”`), if any."""
    sa, sb = ctx.sentences[k]
    before = ctx.masked[sa : q.outer_start]
    # a cue word the parse makes a noun with no owner is no cue ("offered states billions")
    cues = [c for c in ANY_CUE_RE.finditer(before) if not stray_noun(ctx, sa + c.start("cue"))
            and not closed_relative(ctx, sa + c.start("cue"), q.outer_start)]
    around = None
    named = _NAMED_BY_RE.search(before)
    if named and named.group("rel") == "that" and not relative_that(ctx, sa + named.start("rel")):
        named = None  # "X said that Y called “…”": X's report of Y's word (below), no relative clause
    if named and cues and named.start("cue") == cues[-1].start("cue") and not att.speaker_text and (
        speaker_from_phrase(ctx, sa + named.start("np"), sa + named.end("np"), att)
    ):  # "in what Ada Kroll, the treasurer, called “…”": the relative clause's subject, whatever the parse
        att.cue = " ".join(named.group("cue").lower().split())
        att.via = "partial-relative" + att.via
    elif cues and not att.speaker_text:
        m = cues[-1]
        cue = " ".join(m.group("cue").lower().split())
        if cue in ("according to", "in the words of"):
            end = PHRASE_END_RE.search(ctx.masked, sa + m.end() + 1, q.outer_start)
            speaker_from_phrase(ctx, sa + m.end(), end.start() if end else q.outer_start, att)
        else:
            # the parse's subject of the nearest speech word that has one ("She says X's
            # tweets accusing Y are “lies”": she, not the tweets)
            parsed = next((c for c in reversed(cues) if speaker_from_subject(ctx, sa + c.start("cue"), att)), None)
            if parsed is not None:
                # "X told CNN that Y's comments “…”": the words are X's report, not Y's
                # comments; "X said officials were calling “…”": X's words, of Y's calls
                earlier = cues[: cues.index(parsed)]
                if not nominal(ctx, sa + parsed.start("cue")):
                    earlier = governing(ctx, sa, earlier, parsed)
                for c in reversed(earlier):
                    trial = Attribution(att.start, att.end, att.kind)
                    if not nominal(ctx, sa + c.start("cue")) and speaker_from_subject(
                        ctx, sa + c.start("cue"), trial
                    ) and (trial.speaker_start is not None or (thing(att) and not thing(trial))):
                        att.speaker_text, att.speaker_start, att.speaker_end = (trial.speaker_text, trial.speaker_start,
                                                                                trial.speaker_end)
                        att.role, att.via, parsed = trial.role, trial.via, c
                        break
            if parsed is None and not speaker_from_phrase(ctx, sa, sa + m.start(), att) and (
                m.group("cue").lower().endswith("ing")
            ):  # "After saying her foot was “swollen,” she was …": the main clause's subject
                main = _MAIN_AFTER_RE.match(ctx.masked, q.outer_end)
                if main:
                    speaker_from_phrase(ctx, main.start("subj"), main.end("subj"), att)
            m = parsed or m
            cue = " ".join(m.group("cue").lower().split())
            around = complement(ctx, sa + m.end(), sb, att)
        att.cue = cue
        att.via = "partial" + att.via
    elif not cues and "," in ctx.text[q.end : q.outer_end + 1] and after_frame(ctx, q, sb, att):  # "…, “x,” he said."
        att.via = "partial-frame+" + att.via
    elif not cues and (verb_end := clause_subject(ctx, q, sa, att)):  # "X likened the plan to a “time bomb”"
        att.via = "partial-clause" + att.via
        a = verb_end + len(ctx.text[verb_end : q.outer_start]) - len(ctx.text[verb_end : q.outer_start].lstrip())
        if len(ctx.text[a : q.outer_start].split()) <= 12 and ctx.text[a : q.outer_start].strip():
            around = Attribution(a, q.outer_end, "indirect", speaker_text=att.speaker_text,  # what the verb
                                 speaker_start=att.speaker_start, speaker_end=att.speaker_end,  # says of what
                                 role=att.role, via="around-partial")
    att.kind = "partial" if att.speaker_text else "scare"
    if re.search(r"so-called\s*$", before, re.IGNORECASE):
        att.kind, att.speaker_text, att.speaker_start, att.speaker_end, att.cue = "scare", None, None, None, None
    if att.kind != "partial":
        around = None
    elif around is not None:
        around.cue = att.cue
    return att, around


#: "in what X called “…”", "a clip that X dubbed “…”": the quotation is X's word for it (a
#: "that" the parse calls a conjunction is no relative: "X said that Y called …" is X's report)
_NAMED_BY_RE = re.compile(
    rf"\b(?P<rel>what|which|that)\s+(?P<np>[^{MASK}\n;:]{{2,120}}?)\s+(?:has\s+|had\s+|have\s+|once\s+|later\s+)?"
    rf"(?P<cue>{alternation(NAMING_CUES)})\s*$"
)


