"""Readings of the dependency parse (``Context.doc``): the subject of a speech verb, the
noun phrase at an offset, what "it" or "they" stands for, finite verbs and the token at a
character. Those given offsets answer None (or False) when no model is loaded.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from newsloom.entities.names import is_role_word
from newsloom.lang.en.speech import COLLECTIVE, INVERTIBLE, MESSAGES, NAMING_PARTICIPLES
from newsloom.lang.en.words import PRONOUNS, RELATIVE_PRONOUNS
from newsloom.quotes.marks import MASK
from newsloom.quotes.persons import Context, person_before

if TYPE_CHECKING:
    from spacy.tokens import Token

DEP_SUBJ = ("nsubj", "nsubj:pass", "nsubjpass", "csubj")
_NP_LEFT = ("det", "amod", "compound", "nmod:poss", "poss", "nummod", "flat", "nmod:desc", "case")


def dep_subject(ctx: Context, cue_pos: int) -> tuple[int, int] | None:
    """Offsets of the subject of the speech verb at ``cue_pos`` in the parse: its ``nsubj``,
    else that of the verb it is conjoined to or that a participle ("…, saying") depends on;
    a common noun with a name in apposition ("the spokesman, Jo Bell,") gives the name."""
    doc = ctx.doc
    verb = token_at(ctx, cue_pos)
    if doc is None or verb is None:
        return None
    subj = None
    seen = [verb]  # the verbs climbed through, for a sentence opening with a name and its apposition
    if verb.tag_ == "VBG" and verb.i > 0 and doc[verb.i - 1].text == ",":
        # "X told the crowd that we must act, saying “…”": X, the main clause's; climbing only
        # within the sentence (a parse that missed the full stop after a quotation hangs the
        # clause on the next sentence's verb)
        a, b = ctx.sentences[ctx.sentence_at(cue_pos)] if ctx.sentences else (0, ctx.doc_len)
        top = verb
        while top.head.i != top.i and a <= top.head.idx < b and not _quoted(ctx, top.head):
            top = top.head
            seen.append(top)
            if top.pos_ == "VERB" and top.dep_ not in ("ccomp", "xcomp", "csubj", "parataxis", "acl") and any(
                c.dep_ in DEP_SUBJ for c in top.children
            ):
                break  # the nearest clause with a subject of its own ("…, where protesters gathered, chanting")
        if top.head.i != top.i and _quoted(ctx, top.head):
            # a parse that made the quotation the main clause ("X emailed reporters, arguing,
            # “the law says …”"): the clause before the participle is the frame, and a
            # subject the parse gave the quotation's verb is the frame's
            frame = _frame_verb(ctx, a, verb)
            top = frame or top
            if frame is not None and not any(c.dep_ in DEP_SUBJ for c in frame.children):
                subj = next((t for t in doc[frame.sent.start : frame.i] if t.dep_ in DEP_SUBJ
                             and _quoted(ctx, t.head)), None)
        verb = top if top.pos_ == "VERB" else verb
    elif verb.tag_ == "VBG" and verb.dep_ == "acl" and verb.head.lemma_.lower() in MESSAGES:
        # "His office put out a statement saying …": the statement's author, its owner or
        # the subject of the verb that issued it
        noun = verb.head
        subj = next((c for c in noun.children if c.dep_ in ("nmod:poss", "poss")), None)
        if subj is None and noun.dep_ in ("obj", "dobj") and noun.head.pos_ == "VERB":
            verb = noun.head
    elif verb.tag_ == "VBG" and verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ == "case" and c.lower_ == "with" for c in verb.head.children
    ):  # "…, with the union calling her “…”": the noun the participle follows speaks
        subj = verb.head
    if verb.pos_ == "NOUN":  # "Kroll's claim that …": the claim's owner
        subj = next((c for c in verb.children if c.dep_ in ("nmod:poss", "poss")), None)
        if subj is None:
            return None
    joined = False
    for step in range(0 if subj is not None else 5):
        # the subject nearest the verb ("The porters, Holm explained, were …" parses
        # with two, and the parenthetical's own speaks); up a conjunction, only an active
        # subject speaks ("… the video should be released but said “…”" is not the video's)
        # a parse may give a verb two subjects; one after it ("X told Fox that …", "X asked
        # the secretary") is its object unless none comes before, or the verb is an inverted
        # aside ("The paradox, says Ada Kroll, is …")
        subjects = [c for c in verb.children if not c.is_space and (
            c.dep_ in DEP_SUBJ if step == 0 else c.dep_ == "nsubj" or (  # "X was joined by Y and joked"
                c.dep_ in ("nsubj:pass", "nsubjpass") and (c.pos_ == "PROPN" or PRONOUNS.get(c.lower_) in ("m", "f"))))
            and not any(g.dep_ == "case" and g.lower_ == "by" for g in c.children)]  # an agent, misparsed
        left = max((c for c in subjects if c.i < verb.i), key=lambda c: c.i, default=None)
        proper = min((c for c in subjects if c.i < verb.i and c.pos_ == "PROPN"), key=lambda c: c.i, default=None)
        if left is not None and proper is not None and left.pos_ in ("NUM", "NOUN") and verb.i > 0 and (
            doc[verb.i - 1].text == "," and left.left_edge.i > 0 and "," in (doc[left.left_edge.i].text,
                                                                          doc[left.left_edge.i - 1].text)
        ):  # "X, a professor …, one of the bill's architects, called": an apposition, not the subject
            left = proper
        # a participle has no subject after it: "calling the master a “fraud”" misparsed as a
        # small clause names whom it calls
        right = None if verb.tag_ == "VBG" else min((c for c in subjects if c.i > verb.i), key=lambda c: c.i,
                                                     default=None)
        aside = (verb.i > 0 and doc[verb.i - 1].text == "," and verb.lower_ in INVERTIBLE
                 and right is not None and right.pos_ == "PROPN")
        subj = right if left is None or (aside and left.pos_ != "PROPN") else left
        if subj is None and verb.dep_ == "acl" and verb.tag_ in ("VBD", "VBN") and (
            # a participle with an object of its own is a main verb misparsed ("… ended,
            # Kroll's campaign sent out a statement")
            verb.head.dep_ == "ROOT" or any(c.dep_ in ("obj", "dobj") for c in verb.children)
        ) and (
            verb.head.pos_ in ("NOUN", "PROPN") and verb.head.i < verb.i
            and not any(t.text == "," for t in doc[verb.head.i : verb.i])  # "X, Y's father, issued": the phrase
        ):  # "Kroll's campaign sent out a release …" parsed as a noun phrase: the noun is the subject
            subj = verb.head
        if subj is None and verb.dep_ in ("acl:relcl", "relcl") and verb.tag_ in ("VBD", "VBZ", "VBP") and (
            verb.head.i == verb.i - 1 and verb.head.pos_ in ("NOUN", "PROPN")
        ):  # "…, which an inquiry said was “careless”" with the clause hung on the noun: it speaks
            subj = verb.head
        if subj is not None and joined and _reported_thing(subj, verb):
            subj = None  # "X said the plan would fail and called it “…”": X called it
        elif subj is not None or verb.dep_ not in ("conj", "advcl", "xcomp") or verb.head.i == verb.i:
            break
        joined = joined or verb.dep_ == "conj"
        verb = _coordinated(verb) if verb.dep_ == "conj" else verb.head
        seen.append(verb)
        while _quoted(ctx, verb) and verb.head.i != verb.i:
            verb = verb.head  # the words of a quotation are not its frame: past them
        if _quoted(ctx, verb):
            break
    if subj is None:
        named = next((f for v in seen if v.pos_ == "VERB" and (f := _fronted_name(ctx, v))), None)
        if named is not None or verb.dep_ != "ROOT":
            return named
        # "X emailed supporters saying: “…”" parsed with the participle as the root
        frame = _frame_verb(ctx, verb.sent.start_char, verb) if verb.tag_ == "VBG" else None
        return dep_subject(ctx, frame.idx) if frame is not None else None
    if subj.lower_ == "who" and subj.i > 1 and doc[subj.i - 1].text == "," and _personal(doc[subj.i - 2]) and (
        not _personal(verb.head)
    ):  # "a lecture from the harbour master, who said" with the clause hung on "lecture"
        subj = doc[subj.i - 2]
    elif subj.lower_ in RELATIVE_PRONOUNS and verb.dep_ in ("relcl", "acl:relcl") and verb.head.i != verb.i:
        subj = verb.head  # "Ada Kroll, who signed …": the noun the clause is about
    elif subj.lower_ in RELATIVE_PRONOUNS and subj.i > 1 and doc[subj.i - 1].text == "," and doc[subj.i - 2].pos_ in (
        "NOUN", "PROPN"
    ):  # the same when the parse hung the clause elsewhere: "X, who …" is about X
        subj = doc[subj.i - 2]
    if subj.ent_type_ in ("DATE", "TIME"):
        return None  # "a note … on Monday morning that says": a misattached clause, no speaker
    if subj.pos_ == "NOUN":
        appos = next((c for c in subj.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        # "Ines Varga, the port chief, said" parsed with the name as the chief's compound
        named = next((c for c in subj.subtree if c.i < subj.i and c.dep_ == "compound" and c.ent_type_ == "PERSON"
                      and any(t.text == "," for t in doc[_name_end(doc, c) : subj.i])), None)
        subj = appos or named or subj
    left = subj.i
    while left > 0:
        prev = doc[left - 1]
        if prev.dep_ in _NP_LEFT and (left <= prev.head.i <= subj.i or (  # "Kroll's campaign": the owner's 's
            prev.dep_ == "case" and prev.head.dep_ in ("nmod:poss", "poss") and prev.head.head.i == subj.i
        )):
            if subj.pos_ == "PROPN" and doc[left - 1].pos_ == "NOUN" and doc[left - 1].head.i == subj.i:
                break  # "after Monday's council vote Factwatch found": a name takes no common-noun compound
            left -= 1
        elif left > 1 and doc[left - 1].text in "-–" and not (doc[left - 1].whitespace_ or doc[left - 2].whitespace_):
            left -= 2  # "the GOP front-runner": the whole word
        else:
            break
    right = _name_end(doc, subj)
    while left < right and doc[left].dep_ == "case":
        left += 1
    a, b = doc[left].idx, doc[right].idx + len(doc[right].text)
    if subj.pos_ == "NOUN" and left >= 2 and doc[left - 1].text == "," and b < len(ctx.text) and ctx.text[b] == ",":
        # "Hicks, his campaign spokeswoman, added": the name before the apposition
        named = person_before(ctx, doc[left - 2].idx + len(doc[left - 2].text))
        if named is not None:
            return named.start, named.end
    return a, b


_FINITE = ("VBD", "VBZ", "VBP")


def _coordinated(verb: Any) -> Any:
    """The verb a conjunct is coordinated with. A finite verb or a participle hung on a bare
    infinitive after a modal ("…, expressed doubt that Vetra can take back its land, and called X a …")
    coordinates with the finite verb of the main clause above it, not with it: tenses
    coordinate alike."""
    head = verb.head
    if verb.tag_ in (*_FINITE, "VBN") and head.tag_ == "VB" and any(c.tag_ == "MD" for c in head.children):
        # a finite sibling before it with a subject of its own ("…, he looked up, frowned and
        # said" hung on the clause before): the series it belongs to
        sibling = max((c for c in head.children if c.i < verb.i and c.tag_ in _FINITE
                       and c.dep_ in ("conj", "parataxis") and any(s.dep_ in DEP_SUBJ for s in c.children)),
                      key=lambda c: c.i, default=None)
        if sibling is not None:
            return sibling
        up = head.head
        while up.i != up.head.i and not (up.pos_ in ("VERB", "AUX") and up.dep_ != "advcl" and (
                up.tag_ in _FINITE or any(c.dep_.startswith("aux") and c.tag_ in _FINITE for c in up.children))):
            up = up.head  # (past a "when I asked …" clause to the main one)
        if up.pos_ in ("VERB", "AUX") and up.i != head.i:
            return up
    return head


def _personal(tok: Any) -> bool:
    """A token that names a person: NER's PERSON, or a role ("the president")."""
    return tok.ent_type_ == "PERSON" or is_role_word(tok.lower_)


def _quoted(ctx: Context, tok: Any) -> bool:
    """The token lies inside a quotation."""
    return tok.idx < len(ctx.masked) and ctx.masked[tok.idx] == MASK


def _frame_verb(ctx: Context, a: int, before: Any) -> Any:
    """The main verb of the clause that opens the sentence at ``a`` and ends before the
    token ``before``: the first verb outside quotations after a subject (its own, or one
    the parse hung on a quotation's verb), not one of a subordinate clause ("When Ada
    Kroll arrived, …")."""
    for tok in ctx.doc[before.sent.start : before.i]:
        if tok.idx < a or tok.pos_ != "VERB" or _quoted(ctx, tok) or any(c.dep_ == "mark" for c in tok.children):
            continue
        if tok.dep_ in ("relcl", "acl:relcl", "acl", "amod"):
            continue
        if any(c.dep_ in DEP_SUBJ and c.i < tok.i and c.lower_ not in RELATIVE_PRONOUNS for c in tok.children) or any(
            t.dep_ in DEP_SUBJ and _quoted(ctx, t.head) for t in ctx.doc[before.sent.start : tok.i]
        ):
            return tok
    return None


def _fronted_name(ctx: Context, verb: Any) -> tuple[int, int] | None:
    """A parse that missed the subject of a sentence opening with a name and its
    apposition ("Kroll, the port's chief, repeated …", with "Kroll" hung on the object):
    the name."""
    a = verb.sent.start_char
    p = next((p for p in ctx.persons if a <= p.start < verb.idx), None)
    if p is None or ctx.text[a : p.start].strip() or not re.fullmatch(r"\s*,[^,.;:]{2,80},\s*",
                                                                       ctx.text[p.end : verb.idx]):
        return None
    return p.start, p.end


def _reported_thing(subj: Any, verb: Any) -> bool:
    """A speech verb was joined to ``verb``, the verb of a reported clause ("Kroll said the
    plan would fail and called it “…”", parsed with "called" joined to "fail"), whose
    subject is a thing: the speech verb belongs with the verb that reports the clause."""
    return (verb.dep_ == "ccomp" and verb.head.i != verb.i and subj.pos_ == "NOUN"
            and subj.ent_type_ not in ("PERSON", "ORG"))


def _name_end(doc: Any, tok: Any) -> int:
    """Index of the last token of ``tok``'s name: the flat/compound parts right after it."""
    right = tok.i
    while right + 1 < len(doc) and doc[right + 1].head.i == tok.i and doc[right + 1].dep_ in ("flat", "compound"):
        right += 1
    return right


def _np_span(doc: Any, tok: Any) -> tuple[int, int]:
    """Offsets of the noun phrase headed by ``tok``: its left part and the name parts after it."""
    left = tok.left_edge.i
    while left < tok.i and (doc[left].is_punct or doc[left].dep_ == "case"):
        left += 1
    right = _name_end(doc, tok)
    return doc[left].idx, doc[right].idx + len(doc[right].text)


def np_before(ctx: Context, pos: int) -> tuple[int, int] | None:
    """Offsets of the noun phrase whose last token ends at ``pos`` (parse only)."""
    if ctx.doc is None or pos > ctx.doc_len:
        return None
    span = ctx.doc.char_span(max(0, pos - 1), pos, alignment_mode="expand")
    if span is None or not len(span):
        return None
    tok = span[-1]
    if tok.pos_ not in ("NOUN", "PROPN") or tok.ent_type_ in ("DATE", "TIME"):
        return None
    return _np_span(ctx.doc, tok)


def resolve_group(ctx: Context, pos: int, plural: bool) -> tuple[int, int] | None:
    """What "it" or "they" at ``pos`` stands for: the nearest noun subject (for an "it" that
    reads, also any message: "a letter", "the sign") before it, in this sentence or the two
    before (parse only), that is not a person named alone ("it" is no person; "they" no
    single one) nor inside a quotation."""
    doc = ctx.doc
    if doc is None or pos > ctx.doc_len:
        return None
    k = ctx.sentence_at(pos)
    # what "reads" is a message, subject or not ("She sent a letter. “…,” it read")
    reads = not plural and re.match(r"it\s+(?:\w+ly\s+|now\s+)?reads?\b", ctx.text[pos : pos + 30], re.IGNORECASE)
    for j in range(k, max(-1, k - 3), -1):
        a, b = ctx.sentences[j]
        span = doc.char_span(a, min(b, pos), alignment_mode="contract")
        if span is None:
            continue
        for tok in reversed([t for t in span if (t.dep_ in DEP_SUBJ and t.pos_ in ("NOUN", "PROPN"))
                             or (reads and t.pos_ == "NOUN" and t.lower_ in MESSAGES)]):
            if MASK in ctx.masked[tok.idx : tok.idx + len(tok)] or tok.ent_type_ in ("DATE", "TIME"):
                continue
            many = tok.tag_ in ("NNS", "NNPS")
            body = tok.lower_ in COLLECTIVE or tok.ent_type_ == "ORG"
            if (plural and not (many or body)) or (not plural and many):
                continue  # "it" is one thing or body; "they" many, or a body that speaks as many
            if any(p.start <= tok.idx < p.end for p in ctx.persons) and not (plural and tok.tag_ == "NNPS"):
                continue
            return _np_span(doc, tok)
    return None


def finite_verb_at(ctx: Context, a: int, b: int) -> int | None:
    """Where the parse finds a finite verb in ``text[a:b]`` before any comma or relative
    pronoun (parse only)."""
    if ctx.doc is None or b > ctx.doc_len:
        return None
    span = ctx.doc.char_span(a, b, alignment_mode="contract")
    for tok in span if span is not None else []:
        if tok.lower_ in RELATIVE_PRONOUNS or tok.text == ",":
            return None
        if tok.tag_ in ("VBD", "VBZ", "VBP", "MD") and tok.pos_ in ("VERB", "AUX"):
            return tok.idx
        if _transitive_past(tok):
            return tok.idx
    return None


def _transitive_past(tok: Token) -> bool:
    """A past form the parse calls a participle that has an object of its own right after a
    noun ("The senator emailed supporters …"): a reduced relative takes none ("the money
    raised last year"), so it is the clause's verb."""
    doc = tok.doc
    return (tok.tag_ in ("VBN", "VBD") and 0 < tok.i < len(doc) - 1 and tok.lower_ not in NAMING_PARTICIPLES
            and doc[tok.i - 1].tag_ in ("NN", "NNS", "NNP", "NNPS")
            and doc[tok.i + 1].tag_ in ("DT", "NNS", "PRP", "PRP$"))


def token_at(ctx: Context, pos: int) -> Token | None:
    """The parse's token covering the character at ``pos`` (None without a parse)."""
    if ctx.doc is None or pos >= ctx.doc_len:
        return None
    span = ctx.doc.char_span(pos, pos + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def nominal(ctx: Context, pos: int) -> bool:
    """The word at ``pos`` is a noun, or a participle describing one ("X's tweets accusing Y")."""
    tok = token_at(ctx, pos)
    return tok is not None and (tok.pos_ == "NOUN" or (tok.tag_ == "VBG" and tok.dep_ == "acl"
                                                      and tok.head.pos_ == "NOUN"))


def stray_noun(ctx: Context, pos: int) -> bool:
    """The word at ``pos`` is a noun without a possessor ("states", not "Kroll's claim")."""
    tok = token_at(ctx, pos)
    following = tok.doc[tok.i + 1] if tok is not None and tok.i + 1 < len(tok.doc) else None
    if tok is not None and tok.lower_.endswith("ing") and following is not None and following.lower_ == "that":
        return False  # "by warning that …": a gerund whatever the tagger says
    return tok is not None and tok.pos_ == "NOUN" and not any(
        c.dep_ in ("nmod:poss", "poss") for c in tok.children
    )
