"""Indirect speech ("X said the plan would fail", "…, according to X") and the frames around
partial quotations: what is reported, and who reports it."""

from __future__ import annotations

import re

from newsloom.entities.names import (
    is_role_word,
)
from newsloom.lang.en.speech import (
    COLLECTIVE,
    DOCUMENTS,
    FINDING_LEMMAS,
    MESSAGES,
    REPORTING_LEMMAS,
    REPORTING_VERBS,
    SPEAKING_GROUPS,
)
from newsloom.lang.en.words import PRONOUNS
from newsloom.quotes.cues import (
    ANY_CUE_RE,
    AUX,
)
from newsloom.quotes.marks import MASK, QuoteSpan
from newsloom.quotes.persons import (
    Context,
    strong,
)
from newsloom.quotes.phrases import Attribution, speaker_from_phrase, speaker_from_subject
from newsloom.quotes.rules import ids
from newsloom.quotes.syntax import (
    DEP_SUBJ,
    token_at,
)


def relative_that(ctx: Context, pos: int) -> bool:
    """The "that" at ``pos`` opens a relative clause: the parse says so, or it follows a noun
    with no speech word just before ("a vote that X called", not "told reporters that")."""
    tok = token_at(ctx, pos)
    if tok is not None and tok.dep_ != "mark":
        return True
    prev = token_at(ctx, pos - 2) if pos >= 2 else None
    return prev is not None and prev.pos_ in ("NOUN", "PROPN") and not ANY_CUE_RE.search(
        " ".join(ctx.masked[max(0, pos - 40) : pos].split()[-4:]))




#: a share of those asked ("62 percent of voters", "a majority")
_SHARE_RE = re.compile(r"(?i)^(?:(?:just|only|about|nearly|almost|roughly|some|over|under|more\s+than|fewer\s+than|"
                       r"less\s+than)\s+)?(?:\d[\d.,]*\s*(?:%|percent|per\s+cent)|(?:a|the)\s+(?:slim\s+|clear\s+)?"
                       r"(?:majority|plurality|minority)|(?:one|two)[\s-](?:in[\s-]\w+|thirds?|quarters?)|half|most)\b")
#: the poll that asked them ("In a May Lune Herald poll, …", "the Marlow survey found")
_POLL_RE = re.compile(r"\b(?:(?:[Aa]n?|[Tt]he|[Tt]his|[Tt]hat|[Ii]ts|[Tt]heir|[A-Z][\w.’'\-]*['’]s)\s+)"
                      r"(?:[\w/.’'\-]+\s+){0,6}?(?:poll|survey)\b(?:\s+(?:released|published|conducted|taken)\s+(?:\w+\s+){0,2}?\w+day)?")


def poll_source(ctx: Context, att: Attribution | None, sa: int, qa: int) -> None:
    """A share of respondents as the speaker ("62 percent of voters said “…”"): the
    poll the sentence names before the quotation is the source, as news reports it."""
    if att is None or att.speaker_start is not None or not att.speaker_text:
        return
    polls = list(_POLL_RE.finditer(ctx.masked, sa, qa)) if _SHARE_RE.match(att.speaker_text.strip()) else []
    if polls:  # the nearest before the quotation
        att.speaker_text = ctx.text[polls[-1].start() : polls[-1].end()]
        att.via += "+poll"


def closed_relative(ctx: Context, pos: int, quote_start: int) -> bool:
    """The speech word at ``pos`` heads a relative clause that ends before the quotation ("in a
    clip that X called “vile,” Y vowed to “…”": X's word is not Y's)."""
    tok = token_at(ctx, pos)
    return tok is not None and tok.dep_ in ("acl:relcl", "relcl") and (
        tok.right_edge.idx + len(tok.right_edge.text) <= quote_start
    ) and any(  # and the clause the relative hangs in has a subject of its own after it
        c.dep_ in ("nsubj", "nsubj:pass") for c in tok.head.head.children if c.i > tok.i)


def thing(att: Attribution) -> bool:
    """The speaker found is a common noun naming no one ("the parts of the network
    suggested …"): no person, pronoun, role ("an official"), body or message."""
    if att.speaker_start is not None or not att.speaker_text:
        return False
    words = att.speaker_text.lower().split()
    head = words[-1].strip(".,")
    return words[0] not in PRONOUNS and not (
        is_role_word(head) or is_role_word(head.rstrip("s")) or head in SPEAKING_GROUPS
        or head in MESSAGES or head in COLLECTIVE or any(w[:1].isupper() for w in att.speaker_text.split())
    )


def governing(ctx: Context, sa: int, cues: list[re.Match[str]], inner: re.Match[str]) -> list[re.Match[str]]:
    """Those of ``cues`` that are verbs whose complement clause holds the speech word
    ``inner`` ("X said officials were calling", not "X asks as a man walks in, saying")."""
    tok = token_at(ctx, sa + inner.start("cue"))
    if tok is None:
        return []
    # each ancestor's child on the path down to ``inner``
    below = {}
    while tok.head.i != tok.i:
        if tok.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubj:pass") for c in tok.children):
            break  # "X saying she was “…” and Y calling it “…”": a clause of Y's own
        below[tok.head.i], tok = tok, tok.head
    return [c for c in cues if (t := token_at(ctx, sa + c.start("cue"))) is not None
            and t.pos_ == "VERB" and t.i in below and below[t.i].dep_ == "ccomp"]


def clause_subject(ctx: Context, q: QuoteSpan, sa: int, att: Attribution) -> int:
    """The person who is the subject of the verb governing a quotation inside a sentence
    ("X likened the refugees to a “vicious snake”", "X blasted Y as a “disgrace”"): the
    words are theirs even without a speech verb (parse only; a person named before the verb,
    not "the bill"). Returns the end of the verb (0 when there is no such person)."""
    doc = ctx.doc
    if doc is None or q.end > ctx.doc_len:
        return 0
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or not len(span):
        return 0
    verb = span.root
    while (verb.pos_ != "VERB" or verb.idx >= q.outer_start) and verb.head.i != verb.i:
        verb = verb.head  # the quotation's own verb does not frame it ("X vowed to “fight on”")
    if verb.pos_ != "VERB" or not sa <= verb.idx < q.outer_start:
        return 0
    trial = Attribution(att.start, att.end, att.kind)
    known = list(ctx.persons)
    found = speaker_from_subject(ctx, verb.idx, trial)
    person = next((p for p in known if (p.start, p.end) == (trial.speaker_start, trial.speaker_end)), None)
    ctx.set_persons(known)  # a capitalised subject ("Workers") is no new person here
    if not found or person is None or not strong(ctx, person):
        return 0
    if not sa <= trial.speaker_start < verb.idx or "pronoun" in ids(trial.via):
        return False  # a person named in this sentence, before the verb
    att.speaker_text, att.speaker_start, att.speaker_end = trial.speaker_text, trial.speaker_start, trial.speaker_end
    att.role, att.via = att.role or trial.role, trial.via
    return verb.idx + len(verb.text)


def complement(ctx: Context, a: int, b: int, att: Attribution) -> Attribution | None:
    """What a speech verb at ``a`` reports, to the end of its sentence ``b``."""
    text = ctx.text
    m = re.match(rf"[^.;:!?\n{MASK}]{{0,60}}?\bthat,?\s+", ctx.masked[a:b])
    a += m.end() if m else 0
    while a < b and (text[a].isspace() or text[a] in ",:"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ".;"):
        b -= 1
    if b - a < 12:
        return None
    return Attribution(a, b, "indirect", speaker_text=att.speaker_text, speaker_start=att.speaker_start,
                       speaker_end=att.speaker_end, role=att.role, via="around-partial")


# ------------------------------------------------------------------------ indirect

# "told" takes its hearer along, up to the "that" of the report ("told reporters on Monday that")
_TOLD = rf"told\s+[^,.;{MASK}]{{1,60}}?(?=\s+(?:(?:this|last|on)\s+\w+\s+)?that\s)"
_REPORTING = "|".join(_TOLD if verb == "told" else verb for verb in REPORTING_VERBS)
_INDIRECT_RE = re.compile(
    rf"^(?P<subj>[^,;:{MASK}]{{2,120}}?(?:,[^,;{MASK}]{{2,100}},)?)\s+{AUX}(?P<cue>{_REPORTING})\s+"
    rf"(?:(?:on|last|this|earlier|late|in)\s+(?:an?\s+|the\s+)?\w+\s+)?(?:that\s+)?(?P<content>.{{12,}})$",
    re.IGNORECASE,
)
_INDIRECT_TAIL_RE = re.compile(
    rf"^(?P<content>.{{12,}}?),\s+(?:(?P<subj1>[^,;:{MASK}]{{2,80}}?)\s+{AUX}(?P<cue1>said|says|added|told\s+[^,.;{MASK}]{{1,40}})|"
    rf"(?P<cue2>said|says|added|according\s+to)\s+(?!(?:on|in|at|to|from|during|after|before|last|this|with|by|"
    rf"for|that|yesterday|today|earlier|later)\b)(?P<subj2>[^;:{MASK}]{{2,100}}?))$",
    re.IGNORECASE,
)
_ACCORDING_HEAD_RE = re.compile(rf"^According\s+to\s+(?P<subj>[^,;{MASK}]{{2,100}}?),\s+(?P<content>.{{12,}})$")


def indirect(ctx: Context, a: int, b: int) -> Attribution | None:
    """`X said (that) …` / `…, X said.` / `…, according to X.` in a sentence with no quotation."""
    text = ctx.masked[a:b].rstrip()
    text = text[:-1] if text.endswith((".", "!")) else text
    for rx in (_ACCORDING_HEAD_RE, _INDIRECT_RE, _INDIRECT_TAIL_RE):
        if rx is _INDIRECT_TAIL_RE:  # the parse before the tail pattern: "X, 63, who …, said he …" is X's
            parsed = parsed_report(ctx, a, b)
            if parsed is not None:
                return parsed
        m = rx.match(text)
        if not m:
            continue
        groups = m.groupdict()
        subj_key = next(k for k in ("subj", "subj1", "subj2") if groups.get(k))
        cue_key = next((k for k in ("cue", "cue1", "cue2") if groups.get(k)), None)
        sa, sb = m.span(subj_key)
        ca, cb = m.span("content")
        cue = " ".join(m.group(cue_key).lower().split()) if cue_key else "according to"
        cue = "told" if cue.startswith("told") else cue
        att = Attribution(a + ca, a + cb, "indirect", cue=cue, via="indirect")
        if len(m.group(subj_key).split()) > 10:
            return None
        if not speaker_from_phrase(ctx, a + sa, a + sb, att):
            return None
        if att.speaker_start is None and att.speaker_text and att.speaker_text.split()[0].lower() in (
            "it", "this", "that", "there", "what", "which"
        ):
            return None
        return att
    return None


#: The reporting verbs' forms to look for before asking the parse: each lemma's stem and
#: whatever follows it ("argu" for argue/argues/argued), and the irregular past forms; the
#: parse's lemma decides
_REPORT_WORD_RE = re.compile(r"\b(?:" + "|".join(sorted(
    {lemma[:-1] if lemma.endswith(("e", "y")) else lemma for lemma in REPORTING_LEMMAS | FINDING_LEMMAS}
    | {"said", "told", "wrote", "found"})) + r")\w*", re.IGNORECASE)
_EMPTY_SUBJECTS = frozenset({"it", "this", "that", "there", "what", "which", "who"})


def parsed_report(ctx: Context, a: int, b: int) -> Attribution | None:
    """`In a statement, X said (that) …` / `X told reporters on Monday that …` / `…, X said in
    a statement`: a speech verb of the parse with a subject and a clausal complement, the
    complement being the report (parse only; for the frames the patterns above miss)."""
    doc = ctx.doc
    if doc is None or b > ctx.doc_len:
        return None
    for word in _REPORT_WORD_RE.finditer(ctx.masked, a, b):  # the verbs, not every token
        verb = token_at(ctx, word.start())
        if verb is None or verb.pos_ != "VERB" or verb.idx != word.start() or (
            verb.lemma_.lower() not in REPORTING_LEMMAS | FINDING_LEMMAS
        ):
            continue
        comp = next((c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX", "ADJ")), None)
        # the subject nearest the verb: "The industry, she said, is …" and "Friday, Kroll
        # announced …" parse with two
        subjects = [c for c in verb.children if c.dep_ in DEP_SUBJ]
        subj = max((c for c in subjects if c.i < verb.i), key=lambda c: c.i, default=None) or next(iter(subjects), None)
        if comp is None or subj is None or subj.lower_ in _EMPTY_SUBJECTS or any(
            c.dep_ == "neg" or c.lower_ in ("not", "n't", "never") for c in verb.children
        ) or comp.left_edge.lower_ in ("whether", "if") or (  # "X did not say whether …" reports nothing
            verb.lemma_.lower() not in REPORTING_LEMMAS and subj.lower_ not in DOCUMENTS
        ):  # "the audit found that …" reports; "police found that …" need not
            continue
        words = [t for t in comp.subtree if not (t.dep_ == "mark" and t.i == comp.left_edge.i)]
        ca, cb = words[0].idx, words[-1].idx + len(words[-1].text)
        while cb > ca and ctx.text[cb - 1] in ",.;:":
            cb -= 1
        if not a <= ca < cb <= b or len(words) < 3 or cb - ca < 12 or MASK in ctx.masked[ca:cb]:
            continue
        sa, sb = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge.text)
        if ca < sb and sa < cb:
            continue  # the speaker inside what is reported: a misparse
        att = Attribution(ca, cb, "indirect", cue=verb.lower_, via="indirect-parse")
        if speaker_from_phrase(ctx, sa, sb, att) and (att.speaker_start is not None or (
                (att.speaker_text or "it").split()[0].lower() not in _EMPTY_SUBJECTS)):
            return att
    return None
