"""Who said a direct quotation: the frame rules in order, then, with no frame, the quotation
it continues, a neighbouring sentence's subject or the last named speaker."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from newsloom.entities.names import (
    role_of,
    surname,
)
from newsloom.lang.en.words import PRONOUNS
from newsloom.quotes.anaphora import main_subject, resolve_pronoun
from newsloom.quotes.cues import (
    CUE_RE,
)
from newsloom.quotes.frames import SHORT_QUOTE_RE, after_frame, before_frame, pull_quote
from newsloom.quotes.marks import DOUBLE_MARKS, MASK, QuoteSpan
from newsloom.quotes.persons import Context, person_in
from newsloom.quotes.phrases import PUNCT as _PUNCT
from newsloom.quotes.phrases import Attribution, speaker_from_subject
from newsloom.quotes.rules import ids


def _cue_subject(ctx: Context, a: int, b: int, att: Attribution) -> bool:
    """The named speaker of the first speech cue in ``[a, b)``, from the parse."""
    cue = CUE_RE.search(ctx.masked, a, b) if ctx.doc is not None else None
    trial = Attribution(att.start, att.end, att.kind)
    if cue and speaker_from_subject(ctx, cue.start("cue"), trial) and trial.speaker_start is not None:
        att.speaker_start, att.speaker_end = trial.speaker_start, trial.speaker_end
        att.speaker_text = trial.speaker_text
        att.role = att.role or trial.role
        return True
    return False


def _sentence_subject(ctx: Context, k: int, att: Attribution) -> bool:
    """The first person (or resolved pronoun) of sentence ``k``."""
    a, b = ctx.sentences[k]
    if not ctx.masked[a:b].strip(_PUNCT + MASK + DOUBLE_MARKS):
        return False
    if _cue_subject(ctx, a, b, att):  # "…, Schiff said." then a quotation: the one who said it
        return True
    # the sentence's subject when it is a person the article names ("Vail praised Kroll's
    # record. “…”"), else its first person
    person = main_subject(ctx, a, b)
    if person is None or not any(p.start == person.start for p in [*ctx.persons, *ctx.resolved.values()]):
        person = person_in(ctx, a, b)
    words = ctx.masked[a:b].split()
    first = words[0].lower() if words else ""
    if first in PRONOUNS and PRONOUNS[first] in ("m", "f") and (person is None or person.start > a + 6):
        ref = resolve_pronoun(ctx, a, PRONOUNS[first], quoted=ctx.text[att.start : att.end])
        if ref is not None:
            person = ref
    if person is None:
        return False
    att.speaker_start, att.speaker_end, att.speaker_text = person.start, person.end, person.text
    att.role = att.role or role_of(ctx.text, person.start, person.end)
    return True


@dataclass
class Quotation:
    """A direct quotation being attributed: its span, sentence ``k``, the frame's reach before
    (``lo``) and after (``hi``) it, its paragraph's start, the last direct quotation (``prev``)
    and the last attribution of any kind with a named speaker (``recent``)."""

    q: QuoteSpan
    k: int
    lo: int
    hi: int
    para_start: int
    prev: Attribution | None
    recent: Attribution | None

    def new(self) -> Attribution:
        return Attribution(self.q.start, self.q.end, "direct")


def _after(ctx: Context, f: Quotation) -> Attribution | None:
    """The frame after it: `“…,” said X`, `“…,” X said`, `“…” — X, role`. A pronoun there
    yields to a name the frame before gives ("Asked about it, Kroll said “…,” she said")."""
    att = f.new()
    if not after_frame(ctx, f.q, f.hi, att):
        return None
    trial = f.new()
    if "pronoun" in ids(att.via) and before_frame(ctx, f.q, f.lo, trial) and trial.speaker_start is not None and (
        "pronoun" not in ids(trial.via)
    ):
        return trial
    return att


def _before(ctx: Context, f: Quotation) -> Attribution | None:
    """The frame before it: `X said: “…”`, `According to X, “…”`, a speaker label."""
    att = f.new()
    return att if before_frame(ctx, f.q, f.lo, att) else None


def _pull(ctx: Context, f: Quotation) -> Attribution | None:
    """A quotation alone on its line, then `— Name, role` on the next."""
    att = f.new()
    return att if pull_quote(ctx, f.q, att) else None


def _intro(ctx: Context, f: Quotation) -> Attribution | None:
    """A block quotation after a sentence that ends in a colon ("The Times reports:")."""
    att = f.new()
    k = f.k
    if k > 0 and not ctx.masked[f.lo : f.q.outer_start].strip() and last_char(ctx.masked, f.lo) == ":" and (
        before_frame(ctx, f.q, ctx.sentences[k - 1][0], att)
    ):
        att.via = "intro+" + att.via
        return att
    return None


def _split(ctx: Context, f: Quotation) -> Attribution | None:
    """The sequel of the paragraph's last quotation, when no one else is named between."""
    prev = f.prev
    if prev is None or not prev.speaker_text or prev.start < f.para_start or _other_person_between(ctx, prev, f.q):
        return None
    att = f.new()
    _inherit(att, prev, "split")
    return att


def _sentence(ctx: Context, f: Quotation) -> Attribution | None:
    """A speech verb later in its sentence ("“…” was to be a “tale,” said Ada Kroll")."""
    att = f.new()
    if not _cue_subject(ctx, f.q.outer_end, ctx.sentences[f.k][1], att):
        return None
    att.via = "sentence"
    return att


def _neighbour(ctx: Context, f: Quotation) -> Attribution | None:
    """The subject of the sentence before it in its paragraph, or of the one after it (which
    counts in a paragraph of its own only when it opens with a name: "— Ada Kroll, Lune
    Institute"; else the quotation continues the story before it)."""
    k, att = f.k, f.new()
    nxt_para = k + 1 < len(ctx.sentences) and "\n" in ctx.text[f.q.outer_end : ctx.sentences[k + 1][0]]
    for j in (k - 1, k + 1):
        if (0 <= j < len(ctx.sentences) and ctx.sentences[j][0] >= f.para_start
                and not (j > k and nxt_para and not _opens_with_person(ctx, j))
                and _sentence_subject(ctx, j, att)):
            att.via = "neighbour"
            return att
    return None


def _previous(ctx: Context, f: Quotation) -> Attribution | None:
    """The last named speaker before it, of a quotation or of reported speech ("X said the vote
    could be a “failure” …" then a quotation of its own)."""
    prev = f.prev
    if f.recent is not None and (prev is None or f.recent.start > prev.start):
        prev = f.recent
    if prev is None or not prev.speaker_text or prev.speaker_start is None:
        return None
    att = f.new()
    _inherit(att, prev, "previous-paragraph")
    return att


DirectRule = Callable[[Context, Quotation], "Attribution | None"]
#: The rules for a direct quotation, in order: the first that finds a speaker gives it. The
#: frames read the quotation's own sentence; ``split`` may continue a quotation from inside a
#: sentence; the rest (``bare``) apply only to a quotation that opens its sentence (one inside
#: a sentence with no frame is left to the partial/scare rules).
DIRECT_RULES: tuple[tuple[str, DirectRule, bool], ...] = (
    ("after", _after, False),
    ("before", _before, False),
    ("pull-quote", _pull, False),
    ("intro", _intro, False),
    ("split", _split, False),
    ("sentence", _sentence, True),
    ("neighbour", _neighbour, True),
    ("previous-paragraph", _previous, True),
)


def speaker(ctx: Context, q: QuoteSpan, k: int, prev: Attribution | None, para_start: int,
            recent: Attribution | None = None) -> Attribution:
    """The speaker of a direct quotation by :data:`DIRECT_RULES` (none found: no speaker)."""
    sa, sb = ctx.sentences[k]
    # a short quotation inside the frame ("“…,” X, wearing “Vote Kroll” pins, said") does not end it
    hi = min(sb, next((s.outer_start for s in ctx.quotes_from(q.outer_end)
                       if s.outer_start >= sb or not SHORT_QUOTE_RE.match(ctx.masked, s.outer_start)), sb))
    lo = max(sa, ctx.quote_end_before(q.outer_start) or 0)
    f = Quotation(q, k, lo, hi, para_start, prev, recent)
    bare = not ctx.masked[lo : q.outer_start].strip(_PUNCT)
    for _, rule, needs_bare in DIRECT_RULES:
        if needs_bare and not bare:
            break
        att = rule(ctx, f)
        if att is not None:
            return att
    return f.new()


def last_char(text: str, pos: int) -> str:
    """The last character before ``pos`` that is not a space ("" when none): a scan back over the
    spaces only, not a copy of the text before ``pos`` for each quotation."""
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return text[pos - 1] if pos else ""


def _opens_with_person(ctx: Context, k: int) -> bool:
    """Sentence ``k`` begins with a person's name."""
    a, b = ctx.sentences[k]
    p = person_in(ctx, a, b)
    return p is not None and not ctx.masked[a : p.start].strip(_PUNCT)


def _other_person_between(ctx: Context, prev: Attribution, q: QuoteSpan) -> bool:
    """Someone else is named between two quotations, outside the first one's sentence: the
    second is not the first's sequel."""
    names = {prev.speaker_text, surname(prev.speaker_text or "")}
    frame = ctx.sentences[ctx.sentence_at(prev.end)]  # "“…,” X told Y. “…”": Y does not interrupt X
    return any(prev.end <= p.start and p.end <= q.outer_start and p.text not in names
               and surname(p.text) not in names and not frame[0] <= p.start < frame[1] for p in ctx.persons)


def _inherit(att: Attribution, prev: Attribution, via: str) -> None:
    att.speaker_text, att.speaker_start, att.speaker_end = prev.speaker_text, prev.speaker_start, prev.speaker_end
    att.role, att.cue, att.via = prev.role, prev.cue, via
    if prev.group is None:
        prev.group = prev.start  # a split quotation's group is named by its first part
    att.group = prev.group


