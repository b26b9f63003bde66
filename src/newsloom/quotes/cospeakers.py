"""Co-speakers: two people named together as the subject of one speech verb ("Mr. Brill
and Vice President Sam Okafor called it “…”", "said Ada Kroll and Tom Brill") both said it."""

from __future__ import annotations

import re

from newsloom.entities.names import is_role_word
from newsloom.quotes.persons import Context, possessive
from newsloom.quotes.phrases import Attribution

#: Words after which a clause, and its subject, begins ("… grew when X and Y called it …")
_SUBORDINATORS = frozenset({"when", "as", "after", "before", "because", "while", "since", "that", "and", "but",
                            "though", "although", "once", "until", "where"})


def _titles_only(words: str) -> bool:
    """Up to three words of a title or role ("Vice President", "Sen.", "board chairman"): the
    last a role word or capitalised, the others capitalised, role words or plain nouns."""
    parts = words.split()
    return not parts or (len(parts) <= 3 and (parts[-1][:1].isupper() or is_role_word(parts[-1]))
                         and all(w[:1].isupper() or is_role_word(w) or w.isalpha() for w in parts))


def co_speakers(ctx: Context, att: Attribution) -> None:
    """A speaker named with another in one subject ("Mr. Brill and Vice President Sam Okafor
    called it “…”", "said Ada Kroll and Tom Brill"): both said it; the other's mention goes
    to ``att.also``. Only two named persons joined by "and" that open their clause, or follow
    the speech verb, and stand right next to it."""
    if att.speaker_start is None or att.speaker_end is None or not att.cue:
        return
    a, b = att.speaker_start, att.speaker_end
    after = re.match(r"\s+and\s+", ctx.text[b : b + 8])
    if after:
        pos = b + after.end()
        other = next((p for p in ctx.mentions.starting(pos, pos + 40) if _titles_only(ctx.text[pos : p.start])),
                     None)
        first, last = (a, other.end) if other is not None else (a, b)
    else:
        before = re.search(r"(?<=\S)\s+and\s+((?:[\w.\-]+\s+){0,3})$", ctx.text[max(0, a - 60) : a])
        before = before if before and _titles_only(before.group(1)) else None
        at = a - len(before.group(0)) if before else -1
        other = next(iter(ctx.mentions.ending(at, at)), None) if before else None
        first, last = (other.start, b) if other is not None else (a, b)
    if other is None or possessive(ctx, other) or not (
        (_opens_clause(ctx, first) and _cue_at(ctx, last, att)) or (_cue_before(ctx, first, att) and _ends(ctx, last))
    ):
        return
    att.also.append((other.start, other.end))
    att.via += "+co-speaker"


def _opens_clause(ctx: Context, pos: int) -> bool:
    """Only title words, or a leading phrase and its comma, stand before ``pos`` in its sentence."""
    lead = ctx.text[ctx.sentences[ctx.sentence_at(pos)][0] : pos] if ctx.sentences else ctx.text[:pos]
    words = lead.split()
    for _ in range(3):  # up to three title words ("Vice President", "board chairman")
        if not words or words[-1].endswith(",") or not (words[-1][:1].isupper() or is_role_word(words[-1])):
            break
        words.pop()
    lead = " ".join(words).rstrip("”’\"'")  # "“Fine,” Tom Brill and Ada Kroll said": after a quotation
    return not lead or lead.endswith(",") or lead.split()[-1].lower() in _SUBORDINATORS


_SUBJECT_END_RE = re.compile(r"\s*(?:[,.;:!?)—–]|$|(?:on|in|at|after|before|during|outside|to)\b)")


def _ends(ctx: Context, pos: int) -> bool:
    """The subject ends at ``pos``: punctuation, the end of the text or a preposition follows,
    not a verb ("said Ada Kroll and Tom Brill agreed": Brill's own clause)."""
    return _SUBJECT_END_RE.match(ctx.text, pos) is not None


def _cue_at(ctx: Context, pos: int, att: Attribution) -> bool:
    """The speech verb (``att.cue``) follows ``pos`` after at most two words."""
    return re.match(rf"[\s,]*(?:\w+\s+){{0,2}}?{re.escape(att.cue or '')}\b", ctx.text[pos : pos + 60],
                    re.IGNORECASE) is not None


def _cue_before(ctx: Context, pos: int, att: Attribution) -> bool:
    """The speech verb ends right before ``pos`` ("said Ada Kroll and …")."""
    before = re.search(rf"\b{re.escape(att.cue or '')}\s+((?:[\w.\-]+\s+){{0,3}})$", ctx.text[max(0, pos - 60) : pos],
                       re.IGNORECASE)
    return before is not None and _titles_only(before.group(1))
