"""The frames around a direct quotation that name its speaker: after it (`“…,” said X`,
`“…,” X said`, `“…” — X, role`), before it (`X said: “…”`, `According to X, “…”`, a speaker
label), a colon frame with no speech verb, and a pull-quote line with `— Name` under it."""

from __future__ import annotations

import re
from typing import Any

from newsloom.entities.names import (
    gender_of_title,
    is_name_like,
    role_of,
    strip_title,
)
from newsloom.lang.en.speech import (
    INVERTIBLE,
)
from newsloom.lang.en.words import PRONOUNS
from newsloom.quotes.anaphora import main_subject
from newsloom.quotes.cues import (
    AUX,
    BEFORE_CUE_RE,
    CUE,
    CUE_END_RE,
)
from newsloom.quotes.marks import DOUBLE_MARKS, MASK, QuoteSpan
from newsloom.quotes.persons import Context, Person, person_at, person_before, person_in
from newsloom.quotes.phrases import OWNED as _OWNED
from newsloom.quotes.phrases import PUNCT as _PUNCT
from newsloom.quotes.phrases import Attribution, soft_dots, speaker_from_phrase, speaker_from_subject
from newsloom.quotes.syntax import (
    dep_subject,
    token_at,
)

PHRASE_END_RE = re.compile(
    r"\s*(?:[,.;:!?(—–]|(?<!close)(?<!familiar)(?<!knowledgeable)\s(?:on|in|at|after|before|during|when|while|as|to|"
    r"from|via|with|last|this|"
    r"yesterday|today|earlier|later|late|who|told|adding|in\s+a)\b|$)"
)
_DASH_LINE_RE = re.compile(r"^[—–―-]{1,2}\s*(?P<name>[^,\n]{2,60}?)(?:,\s*(?P<role>[^\n]{2,120}?))?\s*\.?$")


def after_frame(ctx: Context, q: QuoteSpan, hi: int, att: Attribution) -> bool:
    """`“…,” said X` / `“…,” X said` / `“…,” X, role, said` / `“…” — X, role`."""
    seg = soft_dots(ctx.masked[q.outer_end : hi])
    d = re.match(r"^[^\S\n]*[—–―][^\S\n]*(?P<name>[^,\n—–―]{2,60}?)"  # no-break spaces too
                 r"(?:,[^\S\n]*(?P<role>[^\n]{2,120}?))?[^\S\n]*\.?[^\S\n]*$",
                 ctx.text[q.outer_end : ctx.line_end(q.outer_end)])
    if d and is_name_like(strip_title(d.group("name").strip())[0]):
        name, title = strip_title(d.group("name").strip())
        start = q.outer_end + d.start("name") + d.group("name").index(name)
        speaker_from_phrase(ctx, start, start + len(name), att)
        att.role, att.cue, att.via = att.role or d.group("role") or title, "—", "dash"
        return True
    # "“…” about the decision, said X": a short prepositional tail may come first
    # ("“…” that Kroll can win, said X": the quotation's own clause goes on first)
    m = re.match(rf"^[\s,.;:!?—–-]*(?:(?:about|of|on|for|to|with|at|that)\s[^,.;:!?{MASK}\n]{{1,80}},\s+)?"
                 rf"{AUX}(?P<cue>{CUE})\s+(?!that\b)", seg, re.IGNORECASE)
    if m and m.group("cue").lower() in INVERTIBLE and m.group("cue")[0].islower():  # "“…,” Read said": a name
        a = q.outer_end + m.end()
        end = PHRASE_END_RE.search(seg, m.end())
        b = q.outer_end + end.start() if end else hi
        if speaker_from_phrase(ctx, a, b, att):
            att.cue = " ".join(m.group("cue").lower().split())
            if att.speaker_start is None:  # "said Kroll's deputy, Jo Bell, who …": the name
                named = person_in(ctx, b, b + 80)
                if named is not None and not ctx.text[b : named.start].strip(" ,") and re.match(
                    r"\s*(?:[,.;]|$)", ctx.text[named.end : named.end + 2]
                ):
                    att.speaker_start, att.speaker_end, att.speaker_text = named.start, named.end, named.text
                    b = named.end
            rest = ctx.text[b : b + 140]
            r = re.match(r"^,\s+(?P<role>(?:the|a|an)\s+[^,.;]{2,100}|[a-z][^,.;]{2,100})(?=[,.;]|$)", rest)
            if r and att.role is None and not r.group("role").startswith(("who", "which", "adding")):
                att.role = r.group("role").strip()
            att.via = "after-inverted" + att.via
            return True
    # a short quotation inside the subject ("X, wearing “Vote Kroll” pins, said") is part of it
    m = re.match(
        rf"^[\s,.;:!?—–-]*(?P<subj>[^.;:!?{MASK}]{{1,120}}?)\s+{AUX}(?P<cue>{CUE})\b",
        SHORT_QUOTE_RE.sub(lambda s: "x" * len(s.group(0)), seg), re.IGNORECASE
    )
    if m and re.search(r"[.!?…]", ctx.text[q.end - 1 : q.outer_end]) and re.match(
        rf"\s*[,:]?\s*[{DOUBLE_MARKS}]", seg[m.end() :]
    ):
        return False  # “… a folly.” Of the rival, Vail said, “…”: the frame opens the next quotation
    if m:
        a = q.outer_end + m.start("subj")
        head, sep, last = m.group("subj").rpartition(", ")
        cut = a + len(head) + len(sep)
        if sep and not re.search(r",\s*$", seg[: m.end("subj") + 1]) and (
            last.split()[0].lower() in PRONOUNS or is_name_like(strip_title(last)[0])
            or person_in(ctx, cut, cut + len(last)) is not None
        ):
            # "“…” to cut costs, she said" / "“…” that would …, counsel Ada Kroll wrote": the
            # subject is the last clause
            a = cut
    if m and len(ctx.text[a : q.outer_end + m.end("subj")].split()) <= 14 and speaker_from_phrase(
        ctx, a, q.outer_end + m.end("subj"), att
    ):
        att.cue = " ".join(m.group("cue").lower().split())
        att.via = "after" + att.via
        return True
    # "“…,” Hannity started." / "“…?” Ada repeated.": after a quotation that ends in a comma or
    # a question, a short subject and a verb that ends the sentence report it, whatever the verb
    v = _VERB_AFTER_RE.match(seg) if re.search(r"[,?!]", ctx.text[q.end - 1 : q.outer_end]) else None
    if v is None:
        return False
    tok = token_at(ctx, q.outer_end + v.start("cue"))
    if (v.group("cue").endswith("ed") if tok is None else tok.tag_ in ("VBD", "VBZ") and tok.pos_ == "VERB"
            and tok.lemma_ not in ("be", "have", "do", "go", "come", "follow")) and speaker_from_phrase(
        ctx, q.outer_end + v.start("subj"), q.outer_end + v.end("subj"), att
    ):
        att.cue, att.via = v.group("cue").lower(), "after-verb" + att.via
        return True
    return False


#: a short quotation after a word, masked ("wearing “Vote Kroll” pins"): part of a frame
SHORT_QUOTE_RE = re.compile(rf"(?<=[a-z]\s)[“\"]{MASK}{{1,30}}(?=\s)")
_VERB_AFTER_RE = re.compile(
    r"^[\s,]*(?P<subj>(?:he|she|they|I|we)|(?:the|a|an|one)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?|"
    r"[A-Z][\w.’'\-]+(?:\s+[A-Z][\w.’'\-]+){0,3})\s+(?P<cue>[a-z]+)"
    r"(?:\s+(?:in|on|back|up|out|off|along|again))?(?:\s+[a-z]+ly)?\s*(?:[.!?;]|$)"
)


_FROM_OWNER_RE = re.compile(r"(?:\b(?i:from|in)\s+|^|[.!?]\s+)(?P<own>[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,3})['’]s?"
                            r"(?:\s+[\w\-]+){0,2}?\s+(?P<noun>[\w\-]+)\s*:\s*$")


def before_frame(ctx: Context, q: QuoteSpan, lo: int, att: Attribution) -> bool:
    """`X said: “…”` / `X told reporters: “…”` / `According to X, “…”`."""
    seg = ctx.masked[lo : q.outer_start]
    if not seg.strip() or not (re.search(r"[:,]\s*$|\b(?:that|saying)\s*$", seg)
                               or CUE_END_RE.search(seg)):  # "Protesters chanted “…”"
        return False
    if _label(ctx, lo, seg, att):
        return True
    cues = list(BEFORE_CUE_RE.finditer(seg))
    # a participle with no subject in the parse ("X responded on Facebook writing, “…”")
    # yields to the verb before it
    while len(cues) > 1 and cues[-1].group("cue").lower().endswith("ing") and dep_subject(
        ctx, lo + cues[-1].start("cue")
    ) is None:
        cues.pop()
    if not cues:
        own = _FROM_OWNER_RE.search(seg)
        if own and own.group("noun").lower() in _OWNED and speaker_from_phrase(
            ctx, lo + own.start("own"), lo + own.end("own"), att
        ):  # "From Kroll's Facebook post: “…”"
            att.cue, att.via = ":", "before-owner" + att.via
            return True
        return re.search(r":\s*$", seg) is not None and _colon_frame(ctx, lo + len(seg.rstrip()) - 1, att)
    m = cues[-1]
    tail = seg[m.end() :]
    cue = " ".join(m.group("cue").lower().split())
    if len(tail.split()) > 8:  # "X … said she has the quality for the job: “…”": the verb's subject
        if seg.rstrip().endswith(":") and speaker_from_subject(ctx, lo + m.start("cue"), att):
            att.cue, att.via = cue, "before-colon" + att.via
            return True
        return False
    inverted = (cue in INVERTIBLE and m.group("cue")[0].islower() and seg[: m.start()].rstrip().endswith(",")
                and re.match(r"\s*[A-Z]", tail) is not None
                and person_in(ctx, lo + m.end(), lo + len(seg)) is not None)
    if cue in ("according to", "in the words of") or not seg[: m.start()].strip(_PUNCT + MASK) or inverted:
        a = lo + m.end()  # "According to X, “…”" / "Said Ellis: “…”" / "Of the plan, said Ellis, “…”"
        b = lo + len(seg.rstrip(" ,:"))
    else:
        a, b = lo, lo + m.start()
        if speaker_from_subject(ctx, lo + m.start("cue"), att):
            att.cue = cue
            att.via = "before" + att.via
            return True
        if cue.endswith("ing"):  # "X emailed supporters saying": the words before are no subject phrase,
            # but a name right before the participle is its subject ("footage of Ada Kroll asking, “…”")
            # and otherwise, as with any participle adjunct, the main clause's subject
            # ("she hinted at it by mentioning a bridge and adding, “…”")
            at = lo + m.start("cue")
            named = person_before(ctx, at) or main_subject(ctx, ctx.sentences[ctx.sentence_at(at)][0], at)
            if named is None:
                return False
            att.speaker_start, att.speaker_end, att.speaker_text = named.start, named.end, named.text
            att.cue, att.via = cue, "before-participle"
            return True
    if speaker_from_phrase(ctx, a, b, att):
        att.cue = cue
        att.via = "before" + att.via
        return True
    return False


_LABEL_START_RE = re.compile(r"^(?:.*\s[-—–]\s+)?(?:more\s+from\s+)?", re.IGNORECASE)


def _label(ctx: Context, lo: int, seg: str, att: Attribution) -> bool:
    """Transcript and digest layouts: a speaker label, no verb, before a colon: `Rep. Ada Kroll
    (D-Lune): “…”`, `HEADLINE - Ada Kroll: “…”`, `More from Kroll: “…”`."""
    body = seg.rstrip()
    if not body.endswith(":"):
        return False
    body = body[:-1].rstrip()
    start = _LABEL_START_RE.match(body).end()
    label = body[start:]
    a = lo + start
    if not label[:1].isupper() or len(label.split()) > 8 or MASK in label or BEFORE_CUE_RE.search(label):
        return False
    span = ctx.doc.char_span(a, a + len(label), alignment_mode="expand") if ctx.doc is not None else None
    if span is None and ctx.doc is not None:
        return False
    if span is not None and any(t.pos_ in ("VERB", "AUX") for t in span):
        return False  # "The timing doesn't surprise Ada Kroll:" is a clause, not a label
    trial = Attribution(att.start, att.end, att.kind)
    if not speaker_from_phrase(ctx, a, a + len(label), trial) or (
        trial.speaker_start is None and not is_name_like(strip_title(trial.speaker_text or "")[0])
    ):
        return False
    att.speaker_text, att.speaker_start, att.speaker_end = trial.speaker_text, trial.speaker_start, trial.speaker_end
    att.role, att.cue, att.via = att.role or trial.role, ":", "label" + trial.via
    return True


def _colon_frame(ctx: Context, colon: int, att: Attribution) -> bool:
    """`X made the following comment: “…”` / `The Times reports: “…”`: with no speech verb
    before the colon, the subject of the clause that introduces the quotation (parse only)."""
    doc = ctx.doc
    tok = token_at(ctx, colon)
    if doc is None or tok is None:
        return False
    verb = tok.head
    while verb.idx > colon and verb.head.i != verb.i:  # the colon hangs on the quotation's verb
        verb = verb.head
    def framing(t: Any) -> bool:  # a verb, or an adjective with its copula ("she is sure that …:")
        return t.pos_ in ("VERB", "AUX") or (t.pos_ == "ADJ" and any(c.dep_ == "cop" for c in t.children))

    while not framing(verb) and verb.head.i != verb.i:
        verb = verb.head
    if not framing(verb) or verb.idx > colon:
        return False
    trial = Attribution(att.start, att.end, att.kind)
    found = speaker_from_subject(ctx, verb.idx, trial)
    # (a parse may give the verb a second subject after it: its object, see dep_subject)
    obj = next((c for c in verb.children if c.pos_ == "PROPN" and (
        c.dep_ in ("obj", "dobj") or (c.dep_ == "nsubj" and c.i > verb.i))), None)
    person = None if obj is None else person_at(ctx, obj.idx)
    if person is not None and verb.tag_ != "VBG" and (not found or trial.speaker_start is None):
        # "The timing does not surprise pollster Ada Kroll: “…”": a thing that does something
        # to a person introduces that person's words
        att.speaker_start, att.speaker_end, att.speaker_text = person.start, person.end, person.text
        att.role, att.cue, att.via = role_of(ctx.text, person.start, person.end), ":", "colon-object"
        return True
    if not found or (
        trial.speaker_start is None and (trial.speaker_text or "").lower() in ("it", "this", "that", "there", "what")
    ):
        return False
    att.speaker_text, att.speaker_start, att.speaker_end = trial.speaker_text, trial.speaker_start, trial.speaker_end
    att.role, att.cue, att.via = att.role or trial.role, ":", "colon" + trial.via
    return True


def pull_quote(ctx: Context, q: QuoteSpan, att: Attribution) -> bool:
    """A quotation alone on its line, then `— Name, role` on the next."""
    para = ctx.paragraph_from(q.outer_end)
    if para is None:
        return False
    a, b = para
    between = ctx.text[q.outer_end : a]
    if between.strip(" \n.") or not ctx.text[a:b].lstrip().startswith(("—", "–", "―", "-")):
        return False
    m = _DASH_LINE_RE.match(ctx.text[a:b].strip())
    if not m:
        return False
    off = a + (len(ctx.text[a:b]) - len(ctx.text[a:b].lstrip()))
    start = off + m.start("name")
    end = off + m.end("name")
    name, title = strip_title(m.group("name"))
    start = end - len(name)
    person = person_in(ctx, start, end)
    if person is None:
        person = Person(start, end, name, gender_of_title(title))
        ctx.add_person(person)
    att.speaker_start, att.speaker_end, att.speaker_text = person.start, person.end, person.text
    att.role = m.group("role") or title
    att.cue = "—"
    att.via = "pull-quote"
    return True

