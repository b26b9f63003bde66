"""What pronouns and descriptions refer to: the person who is a sentence's main subject, the
referent of he or she (a cheap centering: the recent subject, then the recent person of that
gender, then anyone compatible), and the person a title description ("the senator") means."""

from __future__ import annotations

import re
from typing import Any

from newsloom.entities.names import (
    role_of,
    surname,
)
from newsloom.lang.en.speech import ASIDE_LEMMAS
from newsloom.lang.en.titles import TITLE_SHORT_FORMS
from newsloom.lang.en.words import PRONOUNS
from newsloom.quotes.marks import DOUBLE_MARKS, MASK
from newsloom.quotes.persons import TITLE_STEMS, Context, Person, attributive, person_at, possessive, strong


def main_subject(ctx: Context, a: int, b: int, depth: int = 0) -> Person | None:
    """The person who is the subject of the main clause in ``[a, b)``: a named person, or a
    he/she that resolves in turn ("She met Ruiz. She said …": the story's subject stays the
    same) (parse only; None when that subject is no person). Subjects inside quotations are
    the quoted speaker's own words and are skipped."""
    if ctx.doc is None or b > ctx.doc_len:
        return None
    span = ctx.doc.char_span(a, b, alignment_mode="contract")
    for tok in span if span is not None else []:
        if (tok.dep_ not in ("nsubj", "nsubj:pass") or tok.pos_ == "VERB" or ctx.masked[tok.idx] == MASK
                or not _main_clause(tok.head, b)):  # "Closing the office would …" names nobody
            continue
        if any(s.dep_ in ("nsubj", "nsubj:pass") and tok.i < s.i < tok.head.i for s in tok.head.children):
            continue  # "Ruiz, Castell said, has …" parsed with two subjects: the one nearer speaks
        if tok.idx in ctx.resolved:
            return ctx.resolved[tok.idx]
        gender = PRONOUNS.get(tok.lower_)
        if gender in ("m", "f"):  # a chain of pronoun subjects, bounded (each step goes back)
            if depth >= 3 or resolve_pronoun(ctx, tok.idx, gender, depth + 1) is None:
                return None
            return ctx.resolved[tok.idx]  # with the pronoun's gender ("He was joined by Ada. She said")
        p = person_at(ctx, tok.idx)
        if p is None and depth == 0 and tok.head.dep_ in ("ROOT", "parataxis"):  # not in a reported clause
            return _unlisted_subject(ctx, tok)
        # a lone name the article calls he or she is a person when it is the clause's subject
        # ("Lund openly admitted his pick was tactical": once named, yet the subject)
        # and so is one who says something ("Okafor, who is 28, said he …")
        sure = p is not None and (strong(ctx, p) or (
            (tok.head.lemma_ in ASIDE_LEMMAS or (p.gender is not None and not p.prior))
            and not ctx.place_like(p.text)))
        return p if sure and not attributive(ctx, p) else None
    # a parse that made the name itself the root ("Ada Kroll, who won the vote, is calling …"
    # with no subject found): the name that opens the sentence
    root = next((t for t in span if t.dep_ == "ROOT"), None) if span is not None else None
    p = person_at(ctx, root.idx) if root is not None and root.pos_ == "PROPN" else None
    if p is not None and not ctx.masked[a:p.start].strip(" \n\"“”'‘’") and strong(ctx, p):
        return p
    return None


def _main_clause(verb: Any, b: int) -> bool:
    """Whether ``verb`` heads the main clause of the text before ``b``: the root; the speaker's
    aside in it ("X, Y said, has …"); the clause a parse hung as parataxis on a fronted
    participle it made the root ("Preceded by Kroll, Ruiz launched …"); a conjunct the parse hung
    backwards on a root at or after ``b`` ("X tossed “…,” she wrote", parsed as "X tossed and
    she wrote"): before her "she", X's clause is the main one. A reported clause parsed as
    such is not ("Kroll is no reformer, he said": he is not Kroll)."""
    if verb.dep_ == "ROOT":
        return True
    root = verb.head
    if root.dep_ != "ROOT" or verb.dep_ not in ("parataxis", "conj"):
        return False
    if verb.dep_ == "conj":  # a conjunct before its head: a report the parse got backwards
        return root.idx >= b and verb.i < root.i
    return verb.lemma_ in ASIDE_LEMMAS or (
        root.tag_ in ("VBN", "VBG") and root.i < verb.i
        and not any(c.dep_ in ("nsubj", "nsubj:pass") for c in root.children))


def _unlisted_subject(ctx: Context, tok: Any) -> Person | None:
    """A name that NER missed as the subject of the main clause ("Lund openly admitted his pick
    was tactical. “…,” he said."): a capitalised proper noun in the parse that no entity type
    but PERSON claims, outside quotations and not a title, with its compound parts before it
    ("Wes Tamaki")."""
    if tok.pos_ != "PROPN" or tok.ent_type_ not in ("", "PERSON") or not tok.text[:1].isupper():
        return None
    parts = [t for t in tok.children if t.dep_ in ("compound", "flat") and t.i < tok.i and t.pos_ == "PROPN"]
    first = min([tok, *parts], key=lambda t: t.i)
    start, end = first.idx, tok.idx + len(tok.text)
    if ctx.masked[start] == MASK or tok.lower_ in TITLE_STEMS:
        return None
    return Person(start, end, ctx.text[start:end])


def _named_in(quoted: str, p: Person) -> bool:
    """The quotation names ``p`` in the third person: their surname alone or after their own
    first name, not inside another name ("the Kroll Foundation", "Bill Kroll" for Ada)."""
    words = p.text.split()
    last = surname(p.text)
    if last not in quoted:  # most quotations name no one: no pattern to build
        return False
    for m in re.finditer(rf"\b{re.escape(last)}\b(?!\s+[A-Z])", quoted):
        before = re.search(r"([A-Z][\w.’'\-]*)\s+$", quoted[: m.start()])
        if before is None or len(words) == 1 or before.group(1) == words[-2] or (
            before.group(1).lower().rstrip(".") in TITLE_STEMS
        ):
            return True
    return False


def resolve_pronoun(ctx: Context, pos: int, gender: str | None, depth: int = 0, quoted: str = "") -> Person | None:
    """The most recent compatible person: the first one named in this or an earlier sentence
    (outside quotations), skipping mentions that may be no person at all. A pronoun resolved
    before stands for its referent ("She says … Vail … She tweeted": the first she's).

    In order: the person who is the main-clause subject of this sentence or the one before,
    when compatible ("Rana Patel … said Ada Kroll's statement …. “…,” she said":
    centering); someone of that gender in the last three sentences (by the first name's usual
    gender, only in the last two) ("she said" after a sentence naming "Tomas Ruiz" is not
    his), not a possessor; anyone compatible in
    the last eight sentences. On PolNeAR train (held out) subject-first beat gender-first by
    0.8 points of speaker accuracy. ``quoted``: the words the pronoun's speaker said; one they
    name in the third person ("“… a nominee other than Kroll,” he said") is someone else."""
    k = ctx.sentence_at(pos)

    def take(p: Person) -> Person:  # the pronoun tells the referent's gender from here on
        ctx.resolved[pos] = Person(p.start, p.end, p.text, gender if gender in ("m", "f") else p.gender)
        return p

    def clash(p: Person) -> bool:
        if quoted and _named_in(quoted, p):
            return True
        return gender in ("m", "f") and p.gender is not None and p.gender != gender

    if pos in ctx.resolved:
        return ctx.resolved[pos]
    # a quotation answering the writer's own question ("But what if Kroll wins?" then "“…,” he
    # said") is the last speaker's: the question names topics, and is passed over
    answer = ctx.masked[ctx.sentences[k][0] : pos].lstrip()[:1] in (MASK, *DOUBLE_MARKS)
    back = [j for j in range(k, max(-1, k - 12), -1) if j == k or not answer
            or not ctx.masked[ctx.sentences[j][0] : ctx.sentences[j][1]].rstrip().endswith("?")]
    subjects = (main_subject(ctx, ctx.sentences[j][0], min(ctx.sentences[j][1], pos), depth) for j in back[:2])
    subj = next((s for s in subjects if s is not None), None)
    if subj is not None and not clash(subj):
        return take(subj)
    for known, reach in ((True, 3), (False, 8)):
        if known and gender not in ("m", "f"):
            continue
        for n, j in enumerate(back[:reach]):
            a, b = ctx.sentences[j]
            b = min(b, pos)
            cands = [(p.start, p) for p in ctx.persons if a <= p.start and p.end <= b and strong(ctx, p)
                     and not attributive(ctx, p)
                     and not (known and possessive(ctx, p))]
            cands += [(at, p) for at, p in ctx.resolved.items() if a <= at < b]
            for _, p in sorted(cands, key=lambda x: x[0]):
                # a first name's usual gender counts only in this sentence or the one
                # before: "“…,” he said" after a sentence naming Wes Tamaki is his, not a
                # man's named two sentences earlier; but a "Margaret" further back must not
                # beat a nearer person whose gender the article never says
                if (p.gender != gender or (p.prior and n > 1) or clash(p)) if known else clash(p):
                    continue
                return take(p)
    return None


def _titled(ctx: Context, p: Person, head: str) -> bool:
    """``p`` is named with the title ``head`` before it ("Vermont Senator X", "Sen. X")."""
    words = "|".join(re.escape(w) for w in {head, TITLE_SHORT_FORMS.get(head, head)})
    return bool(re.search(rf"\b(?i:{words})\.?\s+(?:[A-Z][\w.’'\-]*\s+){{0,3}}$",
                          ctx.text[max(0, p.start - 40) : p.start]))


def resolve_description(ctx: Context, pos: int, head: str) -> Person | None:
    """The person a title description ("the senator", "the Vermont senator") refers to: the
    most recent person before ``pos`` with that title or a role with that head word."""
    earlier = [p for p in ctx.persons if p.end <= pos and strong(ctx, p)]
    for p in reversed(earlier):
        if re.search(rf"\b{re.escape(head)}\b", (role_of(ctx.text, p.start, p.end) or "").lower()) or any(
            _titled(ctx, o, head) for o in earlier if surname(o.text) == surname(p.text)
        ):
            return p
    return None
