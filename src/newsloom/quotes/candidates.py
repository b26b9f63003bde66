"""Who else might have said it: every plausible speaker of one attribution, with features.

The rules give each quotation one answer. Where that answer is not certain (no frame with a
named subject: a split quotation, a neighbouring sentence, a pronoun, a partial quotation's
clause), :func:`candidates` lists the alternatives the ranker (:mod:`newsloom.quotes.rank`)
chooses among: the rules' answer, the persons named in the quotation's sentence and the
sentences around it (outside quotations) and the referents of pronouns there; whether each
spoke the quotations before it is one of its features. One candidate per person (mentions
of one surname are one candidate); each carries the features of its mentions and the ids of
what proposed it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from newsloom.entities.names import role_of, surname
from newsloom.lang.en.speech import CUE_VERBS, PARTIAL_CUES, PARTICIPLE_CUES
from newsloom.lang.en.words import PRONOUNS
from newsloom.quotes.anaphora import main_subject
from newsloom.quotes.cues import CUE_RE
from newsloom.quotes.marks import MASK
from newsloom.quotes.persons import Context, Person, possessive, strong
from newsloom.quotes.phrases import Attribution
from newsloom.quotes.rules import ids
from newsloom.quotes.syntax import DEP_SUBJ, dep_subject, token_at

#: Sentences before (and after) the quotation's own whose persons are candidates.
BACK, AHEAD = 3, 1
_SPEECH_WORDS = frozenset(w.lower() for w in (*CUE_VERBS, *PARTIAL_CUES, *PARTICIPLE_CUES) if " " not in w)
_SUBJECT_PRONOUN_RE = re.compile(r"\b(he|she)\b", re.IGNORECASE)


@dataclass
class Candidate:
    """One possible speaker: the mention to name (``start``/``end``; None for a phrase that
    names no one), what proposed it and its features (name -> value)."""

    key: str
    text: str
    start: int | None
    end: int | None
    proposed_by: list[str] = field(default_factory=list)
    features: dict[str, float] = field(default_factory=dict)

    def flag(self, name: str, value: float = 1.0) -> None:
        self.features[name] = max(self.features.get(name, value), value)


@dataclass
class History:
    """What the quotations before this one said: their speakers, by key, in order."""

    speakers: list[str] = field(default_factory=list)

    def add(self, att: Attribution) -> None:
        if att.speaker_start is not None and att.speaker_text:
            self.speakers.append(key_of(att.speaker_text))

    @classmethod
    def before(cls, atts: list[Attribution], pos: int) -> History:
        """The history of the attributions in ``atts`` that start before ``pos``."""
        out = cls()
        for att in sorted((a for a in atts if a.start < pos), key=lambda a: a.start):
            out.add(att)
        return out


@dataclass
class Evidence:
    """Per-article readings the features share, computed once per sentence."""

    ctx: Context
    subjects: dict[int, Person | None] = field(default_factory=dict)
    cue_subjects: dict[int, set[str]] = field(default_factory=dict)
    _counts: Counter[str] | None = None

    def subject(self, k: int) -> str | None:
        if k not in self.subjects:
            a, b = self.ctx.sentences[k]
            self.subjects[k] = main_subject(self.ctx, a, b)
        p = self.subjects[k]
        return key_of(p.text) if p is not None else None

    def speech_subjects(self, k: int) -> set[str]:
        """Keys of the persons who are subjects of a speech verb in sentence ``k``."""
        if k not in self.cue_subjects:
            a, b = self.ctx.sentences[k]
            found = set()
            for m in CUE_RE.finditer(self.ctx.masked, a, b):
                span = dep_subject(self.ctx, m.start("cue"))
                if span is not None:
                    found.update(key_of(p.text) for p in self.ctx.mentions.overlapping(*span))
            self.cue_subjects[k] = found
        return self.cue_subjects[k]

    def governors(self, att: Attribution) -> dict[str, list[str]]:
        """Keys of the subjects of the verbs above the quotation in its parse, nearest first,
        each with its flags: ``gov`` (any such verb), ``gov_first`` (the nearest verb with a
        subject), ``gov_top`` (the sentence's main verb), ``gov_speech`` (a speech verb)."""
        ctx = self.ctx
        tok = token_at(ctx, att.start)
        out: dict[str, list[str]] = {}
        if tok is None:
            return out
        a, b = ctx.sentences[ctx.sentence_at(att.start)]
        verbs = []
        while tok.head.i != tok.i and a <= tok.head.idx < b:
            tok = tok.head
            if tok.pos_ in ("VERB", "AUX") and ctx.masked[tok.idx] != MASK:
                verbs.append(tok)
        first = True
        for n, verb in enumerate(verbs):
            subj = next((c for c in verb.children if c.dep_ in DEP_SUBJ and ctx.masked[c.idx] != MASK), None)
            if subj is None:
                continue
            person = ctx.resolved.get(subj.idx) or next(iter(ctx.mentions.overlapping(subj.idx, subj.idx + 1)), None)
            if person is None:
                first = False
                continue
            flags = out.setdefault(key_of(person.text), [])
            flags.append("gov")
            if first:
                flags.append("gov_first")
            if n == len(verbs) - 1:
                flags.append("gov_top")
            if verb.lower_ in _SPEECH_WORDS:
                flags.append("gov_speech")
            first = False
        return out

    def count(self, key: str) -> int:
        """How many mentions the person with ``key`` has in the article."""
        if self._counts is None:
            self._counts = Counter(key_of(p.text) for p in self.ctx.persons)
        return self._counts[key]


def key_of(name: str) -> str:
    """One key per person: the surname, lower-cased ("Ada Kroll", "Kroll", "Ms. Kroll")."""
    return surname(name).lower()


def _pronoun_gender(ctx: Context, a: int, b: int, at: int) -> str | None:
    """The gender of the he or she nearest ``at`` in ``[a, b)``, outside quotations."""
    found = [(abs(m.start() - at), m.group(1).lower()) for m in _SUBJECT_PRONOUN_RE.finditer(ctx.masked, a, b)]
    return PRONOUNS[min(found)[1]] if found else None


def candidates(ev: Evidence, att: Attribution, history: History) -> list[Candidate]:
    """The plausible speakers of ``att``: its rules' answer first, then the others."""
    ctx = ev.ctx
    k = ctx.sentence_at(att.start)
    sa, sb = ctx.sentences[k]
    para = ctx.paragraph_start(att.start)
    quoted = ctx.text[att.start : att.end]
    gender = _pronoun_gender(ctx, sa, sb, att.start)
    out: dict[str, Candidate] = {}
    seen: dict[str, list[tuple[int, int, Person, bool]]] = {}  # key -> (offset, sentence, mention, via pronoun)

    if att.speaker_text:
        key = key_of(att.speaker_text) if att.speaker_start is not None else "phrase:" + att.speaker_text.lower()
        c = out[key] = Candidate(key, att.speaker_text, att.speaker_start, att.speaker_end, ["rules"])
        for part in ids(att.via):
            c.flag("rule:" + part)
            c.flag(f"rule:{part}&{att.kind}")
        c.flag("by:rules")
        c.flag("phrase", float(att.speaker_start is None))
    lo, hi = ctx.sentences[max(0, k - BACK)][0], ctx.sentences[min(len(ctx.sentences) - 1, k + AHEAD)][1]
    mentions = [(p.start, p, False) for p in ctx.mentions.overlapping(lo, hi)]
    mentions += [(at, p, True) for at, p in ctx.resolved.items() if lo <= at < hi]
    for at, p, by_pronoun in mentions:
        if ctx.masked[at] != MASK and p.text.strip():
            seen.setdefault(key_of(p.text), []).append((at, ctx.sentence_at(at) - k, p, by_pronoun))
    for key, found in seen.items():
        at, _, p, _ = min(found, key=lambda m: (abs(m[0] - att.start), m[0]))
        c = out.get(key)
        if c is None:  # the nearest mention names the candidate (the rules' answer keeps its span)
            c = out[key] = Candidate(key, p.text, p.start, p.end)
        c.proposed_by.append("nearby")
        c.flag("by:nearby")
        nearest = min(found, key=lambda m: (abs(m[1]), -m[1]))[1]
        c.flag(f"nearest:{max(-BACK, min(AHEAD, nearest))}")
        c.flag("near", 1.0 / (1.0 + abs(at - att.start) / 200.0))
        own = [m for m in found if not m[3]]
        c.flag("possessive_only", float(bool(own) and all(possessive(ctx, m[2]) for m in own)))
        c.flag("strong", float(any(strong(ctx, m[2]) for m in own)))
        c.flag("full_name", float(any(len(m[2].text.split()) >= 2 for m in own)))
        c.flag("only_pronoun", float(not own))
        for at, d, p, by_pronoun in found:
            d = max(-BACK, min(AHEAD, d))
            c.flag(f"at:{d}")
            if d == 0:
                c.flag("here_before" if at < att.start else "here_after")
            if at >= para:
                c.flag("same_paragraph")
            if by_pronoun:
                c.flag(f"pronoun@{d}")
            if 0 <= k + d < len(ctx.sentences) and ev.subject(k + d) == key:
                c.flag(f"subject@{d}")
            if 0 <= k + d < len(ctx.sentences) and key in ev.speech_subjects(k + d):
                c.flag(f"speech@{d}")
            if p.gender in ("m", "f") and gender is not None:
                c.flag("gender_match" if p.gender == gender else "gender_clash")
    for key, flags in ev.governors(att).items():
        c = out.get(key)
        if c is not None:
            for f in flags:
                c.flag(f)
    for n, key in enumerate(reversed(history.speakers[-3:])):
        if key in out:
            out[key].flag("previous_speaker" if n == 0 else "earlier_speaker")
    for c in out.values():
        c.flag("spoke_before", float(c.key in history.speakers))
        c.flag("salience", math.log1p(ev.count(c.key)) / 3.0)
        word = surname(c.text)
        if c.start is not None and word and word in quoted and re.search(rf"\b{re.escape(word)}\b", quoted):
            c.flag("named_in_quote")
        c.flag(f"kind:{att.kind}")
        c.flag("gender_known", float(gender is not None))
    return list(out.values())


def adopt(att: Attribution, ctx: Context, c: Candidate) -> None:
    """Make ``c`` the speaker of ``att`` (its role from the text around its mention)."""
    if "rules" in c.proposed_by:
        return
    att.speaker_text, att.speaker_start, att.speaker_end = c.text, c.start, c.end
    att.role = role_of(ctx.text, c.start, c.end) if c.start is not None else None
    att.group = att.cue = None  # the rules' split group and speech verb were their speaker's
    att.via = "nearby+ranked"  # every candidate but the rules' own is a nearby person
