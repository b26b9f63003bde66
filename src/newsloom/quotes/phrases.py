"""Speaker phrases: from a speech verb's subject or a phrase around a quotation to the
person (or the body, document or group) that speaks, recorded on an :class:`Attribution`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from newsloom.entities.names import (
    gender_of_title,
    is_name_like,
    role_of,
    strip_title,
)
from newsloom.lang.en.calendar import CALENDAR_WORDS
from newsloom.lang.en.speech import (
    DOCUMENTS,
    MESSAGES,
    SAID_NOUNS,
    VENUES,
)
from newsloom.lang.en.titles import TITLE_HEADS
from newsloom.lang.en.words import NO_SUBJECT, POSSESSIVE_DETERMINERS, PRONOUNS, RELATIVE_PRONOUNS, TIME_WORDS
from newsloom.quotes.anaphora import resolve_description, resolve_pronoun
from newsloom.quotes.marks import DOUBLE_MARKS, MASK
from newsloom.quotes.persons import Context, Person, person_before, person_in, possessive
from newsloom.quotes.syntax import (
    dep_subject,
    finite_verb_at,
    np_before,
    resolve_group,
)

PUNCT = " ,.;:!?—–-\n"
_LEADERS_RE = re.compile(r"^(?:(?:but|and|so|yet|still|meanwhile|however|instead|now|then|later|earlier|[a-z]+ly|"
                         r"speaking\s+\w+(?:\s+\w+)?|in\s+(?:a|an|the)\s+\w+(?:\s+\w+)?|on\s+\w+|"
                         r"(?:of|about|as\s+for|regarding)\s+[^,\n]{1,40},)\s*,?\s+)+",  # "Of the rival, Vail said"
                         re.IGNORECASE)
#: "As Kroll spoke, the crowd chanted": a clause before the subject
_SUBORDINATE_RE = re.compile(r"(?:as|when|while|after|before|since|if|although|though|because|once|until)\s", re.I)
_TRAILING_AUX_RE = re.compile(r"(?:\s+(?:has|have|had|also|later|then|now|still|would|will|was|is|once|again|"
                              r"previously|often|always|usually|frequently|sometimes|reportedly|repeatedly|recently))+$")
OWNED = SAID_NOUNS | MESSAGES | VENUES  # "From Kroll's Facebook post:"


@dataclass
class Attribution:
    """A quotation or reported statement with what the rules know of its speaker.

    ``speaker_start``/``speaker_end`` point at the name the speaker resolves to (for a
    pronoun, the antecedent); ``speaker_text`` is the phrase when it is not a person.
    """

    start: int
    end: int
    kind: str
    cue: str | None = None
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    role: str | None = None
    group: int | None = None  # parts of one split quotation share a group
    #: the mentions of the other people who said it with the speaker ("X and Y called it “…”")
    also: list[tuple[int, int]] = field(default_factory=list)
    via: str = ""  # the ids of the rules that found the speaker, "+"-joined (quotes.rules)
    #: the speakers the ranker chose among (quotes.candidates), when the rules were not certain
    candidates: list[Any] = field(default_factory=list, repr=False, compare=False)



def speaker_from_subject(ctx: Context, cue_pos: int, att: Attribution) -> bool:
    """Fill ``att``'s speaker from the parse's subject of the speech verb at ``cue_pos``."""
    found = dep_subject(ctx, cue_pos)
    if found is None:
        return False
    a, b = found
    person = next((p for p in ctx.persons if p.start <= b - 1 < p.end or (a <= p.start and p.end == b)), None)
    named = person_before(ctx, cue_pos)
    if named is not None and named.start >= b and not possessive(ctx, named) and re.search(
        r"(?:\band|\bbut|\bthen|,)\s*$", ctx.text[max(0, named.start - 6) : named.start]
    ):  # "a man asked for a photo and Kroll said": the parse took the first clause's subject
        person = named
    if person is not None and not possessive(ctx, person):
        att.speaker_start, att.speaker_end, att.speaker_text = person.start, person.end, person.text
        att.role = att.role or role_of(ctx.text, person.start, person.end)
        att.via += "+parse"
        return True
    trial = Attribution(att.start, att.end, att.kind)
    if not speaker_from_phrase(ctx, a, b, trial) or not trial.speaker_text:
        return False
    if trial.speaker_start is None and len(trial.speaker_text.split()) > 6:
        return False
    att.speaker_text, att.speaker_start, att.speaker_end = trial.speaker_text, trial.speaker_start, trial.speaker_end
    att.role = att.role or trial.role
    att.via += trial.via + "+parse"
    return True


def _an_author(who: str) -> bool:
    """Whether the owner of a document can be its author: not "his" (a pronoun, resolved
    elsewhere), not a time ("Tuesday's report", "last year's budget")."""
    words = who.lower().split()
    return bool(words) and words[0] not in POSSESSIVE_DETERMINERS and not (
        words[0] in CALENDAR_WORDS or words[0] in TIME_WORDS or words[-1] in TIME_WORDS or words[-1] in CALENDAR_WORDS)


#: "the union's Friday release", "Kroll's statement": a document and its owner
_OWNER_RE = re.compile(r"^(?P<who>(?:the\s+)?[\w.\-’' ]{2,60}?)['’]s?\s+(?:[\w\-]+\s+){0,3}?(?P<noun>[a-z][\w\-]*)$",
                       re.IGNORECASE)
#: "the findings, released by the coroner's office on Tuesday": a document and its author
_AUTHOR_RE = re.compile(r"^(?:the|a|an|its|their|this)?\s*(?:[\w\-]+\s+){0,3}?(?P<noun>[a-z][\w\-]*),?\s+"
                        r"(?:released|issued|published|prepared|commissioned|written|compiled|filed|posted|sent)\s+by\s+"
                        r"(?P<who>[^,;]{2,80}?)(?:\s+(?:on|in|last|this|earlier|late)\b[^,;]*)?,?$", re.IGNORECASE)
_SHORT_NP_RE = re.compile(
    r"(?i)(?:a|an|the|one|another|some|several|many|two|three)"
    r"(?:\s+(?!(?:of|the|a|an|and|or|in|on|at|to|for|with|by|from)\b)[a-z][\w\-]*){1,2}$"
)


def speaker_from_phrase(ctx: Context, a: int, b: int, att: Attribution) -> bool:
    """Fill ``att``'s speaker from the subject phrase ``text[a:b]``; False when it is empty."""
    text = ctx.text
    while a < b and text[a] in PUNCT + MASK + DOUBLE_MARKS:
        a += 1
    while b > a and text[b - 1] in PUNCT:
        b -= 1
    if b <= a:
        return False
    paren = text.find(" (", a, b)
    if paren > a:
        b = paren  # "Gwen Moore (D-Wis.)"
    m = _LEADERS_RE.match(text[a:b])
    if m:
        a += m.end()
    m = _TRAILING_AUX_RE.search(text[a:b])
    if m and m.start() > 0:
        b = a + m.start()
    phrase = text[a:b]
    if phrase.lower() in NO_SUBJECT:
        return False  # "After saying …": the clause has no subject of its own
    author = _AUTHOR_RE.match(phrase) or _OWNER_RE.match(phrase)
    if author and author.group("noun").lower() in DOCUMENTS and _an_author(author.group("who")):
        # a document speaks for its author or owner: a person the article names, else the
        # phrase as written ("Microsoft's report said": Microsoft, no new person)
        wa, wb = a + author.start("who"), a + author.end("who")
        person = person_in(ctx, wa, wb)
        if person is not None:
            att.speaker_start, att.speaker_end, att.speaker_text = person.start, person.end, person.text
        else:
            att.speaker_text = text[wa:wb].strip()
        att.via += "+author"
        return True
    rest = phrase.rsplit(None, 1)
    if " " in phrase and rest[-1].lower() in RELATIVE_PRONOUNS:
        # "… turned to the Lakeside Water Board which reported": the noun before it
        np = np_before(ctx, a + len(rest[0]))
        if np is None:
            return False
        a, b = np
        phrase = text[a:b]
    named_first = any(p.start == a for p in ctx.persons)  # "Scott Pruitt, the attorney general, one of…"
    if ", " in phrase and (len(phrase.split()) > 6 or _SUBORDINATE_RE.match(phrase)) and not named_first:
        # "Speaking in Lune on Friday, Kroll called…": the subject is the last clause
        cut = a + phrase.rindex(", ") + 2
        trial = Attribution(att.start, att.end, att.kind)
        if len(text[cut:b].split()) <= 6 and speaker_from_phrase(ctx, cut, b, trial) and (
            trial.speaker_start is not None or (trial.speaker_text or "").lower() in PRONOUNS
            or _SHORT_NP_RE.match(trial.speaker_text or "")
        ):  # a name, a pronoun or "one questioner", not an apposition ("X, regional director of Y")
            att.speaker_text, att.speaker_start = trial.speaker_text, trial.speaker_start
            att.speaker_end = trial.speaker_end
            att.role = att.role or trial.role
            att.via += trial.via
            return True
    person = person_in(ctx, a, b)
    if person is not None:
        att.speaker_start, att.speaker_end, att.speaker_text = person.start, person.end, person.text
        att.role = att.role or role_of(text, person.start, person.end)
        return True
    first = re.sub(r"['’](?:s|d|ll|ve|re)$", "", phrase.split()[0].lower()) if phrase.split() else ""
    # the pronoun stands alone as the subject ("he", "he also", "it's")
    alone = len(phrase.split()) <= 2 or first != phrase.split()[0].lower()
    if first in ("it", "they") and alone:
        group = resolve_group(ctx, a, plural=first == "they")
        if group is not None:  # "the council … what it called": the subject named before
            att.speaker_text = text[group[0] : group[1]]
            att.via += "+group"
            return True
    words = phrase.split()
    if first in POSSESSIVE_DETERMINERS and len(words) == 2 and words[1].lower() not in OWNED:
        att.speaker_text = phrase  # "his wife", "her lawyers": someone of theirs, not them
        return True
    gender = PRONOUNS.get(first, "m" if first == "his" else None)  # "his" stands alone for its owner
    if gender is not None and alone:
        ref = resolve_pronoun(ctx, a, gender, quoted=ctx.text[att.start : att.end])
        att.speaker_text = "I" if first == "i" else first
        if ref is not None and gender in ("m", "f"):
            att.speaker_start, att.speaker_end, att.speaker_text = ref.start, ref.end, ref.text
            att.via += "+pronoun"
        return True
    if not words or len(words) > 12 or MASK in ctx.masked[a:b]:
        return False
    head, _, appos = phrase.partition(", ")
    if appos and is_name_like(strip_title(head)[0]):  # "Gwendolyn Price, who chairs the association"
        b = a + len(head)
        phrase = head
        if not appos.startswith(("who ", "which ", "whose ")):
            att.role = att.role or appos.strip(" ,")
    name, title = strip_title(phrase)
    if is_name_like(name):  # a name the NER (or the person rules) missed
        start = b - len(name)
        p = Person(start, b, name, gender_of_title(title))
        ctx.add_person(p)
        att.speaker_start, att.speaker_end, att.speaker_text = start, b, name
        att.role = att.role or title or role_of(text, start, b)
        return True
    verb = finite_verb_at(ctx, a, b)
    if verb is not None:  # "The candidate has mocked a reporter, referred to …": the words before the verb
        return verb > a and speaker_from_phrase(ctx, a, verb, att)
    owned = re.match(r"^(?P<own>.+?)(?:['’]s?)?\s+(?P<noun>[a-z]+)$", phrase)
    if owned and owned.group("noun") in SAID_NOUNS and is_name_like(owned.group("own")):
        # "Valastro's argument was that “…”": the owner's words ("his argument": a pronoun, above)
        return speaker_from_phrase(ctx, a, a + len(owned.group("own")), att)
    d = re.match(r"^(?:the|this|that)\s+(?:[\w\-]+\s+){0,3}?(?P<head>[a-z][\w\-]*)$", phrase, re.IGNORECASE)
    if d and d.group("head").lower() in TITLE_HEADS:  # "the senator": the senator named before
        ref = resolve_description(ctx, a, d.group("head").lower())
        if ref is not None:
            att.speaker_start, att.speaker_end, att.speaker_text = ref.start, ref.end, ref.text
            att.role = att.role or phrase
            att.via += "+title"
            return True
    att.speaker_text = phrase
    return True


_SOFT_DOT_RE = re.compile(r"\b([A-Z][a-z]{0,3})\.(?=[\s,)\-]|[A-Z])")


def soft_dots(s: str) -> str:
    """``s`` with the full stops of abbreviations ("Rep.", "G.K.", "R-Ky.", "U.S.") made
    harmless, same length, so that they end no speaker phrase (the sentence end has gone)."""
    return _SOFT_DOT_RE.sub(lambda m: m.group(1) + "\u00b7", s)


