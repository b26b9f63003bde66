"""Who said it: kind, cue and speaker for each quoted span, and indirect speech.

Rules over the text around a quotation, with the quotation masked so that its own full
stops do not split the sentence that frames it:

* after it — `“…,” said X` / `“…,” X said` / `“…,” X, role, told Y`;
* before it — `X said: “…”` / `X told reporters: “…”` / `According to X, “…”` / `…, said X,
  “…”`, and speaker labels of transcripts and digests (`Rep. X (D-Lune): “…”`);
* a pull-quote line followed by `— Name, role`;
* none of these — the speaker of the previous quote in the paragraph (split quotes), else
  the subject of the previous sentence (`Name, a crane operator, … . “…”`).

Mid-sentence quotations are ``partial`` when the sentence has a speech verb before them and
a speaker, ``scare`` otherwise; capitalised names and titles in quotation marks ("Truth
Social") are not quotations at all. The speech verbs are in :mod:`newsloom.lang.en.speech`,
their patterns in ``cues``, person mentions and what pronouns refer to in ``persons``, the
readings of the parse in ``syntax``, speaker phrases in ``phrases`` and indirect speech in
``indirect``.
"""

from __future__ import annotations

import re
from typing import Any

from newsloom.clean.credit import dateline_end
from newsloom.clean.sentences import paragraphs, sentence_spans
from newsloom.entities.names import (
    Cover,
    Holders,
    gender_of_title,
    is_name_like,
    role_of,
    strip_title,
    surname,
)
from newsloom.lang import alternation
from newsloom.lang.en.speech import (
    INVERTIBLE,
    NAMING_CUES,
    TITLE_CUES,
)
from newsloom.lang.en.titles import TITLE_ABBREVIATIONS
from newsloom.lang.en.words import NAME_SMALL_WORDS, PRONOUNS
from newsloom.quotes.cues import (
    ANY_CUE_RE,
    AUX,
    BEFORE_CUE_RE,
    CUE,
    CUE_END_RE,
    CUE_RE,
    PARTICIPLE_CUE,
)
from newsloom.quotes.indirect import (
    clause_subject,
    closed_relative,
    complement,
    governing,
    indirect,
    poll_source,
    relative_that,
    thing,
)
from newsloom.quotes.marks import DOUBLE_MARKS, MASK, QuoteSpan, find_spans
from newsloom.quotes.persons import (
    TITLE_STEMS,
    Context,
    Mentions,
    Person,
    add_surname_mentions,
    infer_genders,
    main_subject,
    person_at,
    person_before,
    person_in,
    resolve_pronoun,
    rule_persons,
    whole_name,
)
from newsloom.quotes.phrases import OWNED as _OWNED
from newsloom.quotes.phrases import PUNCT as _PUNCT
from newsloom.quotes.phrases import Attribution, soft_dots, speaker_from_phrase, speaker_from_subject
from newsloom.quotes.syntax import (
    dep_subject,
    nominal,
    stray_noun,
    token_at,
)

#: Words that end a speaker phrase after an inverted cue (`said X on Monday`).
_PHRASE_END_RE = re.compile(
    r"\s*(?:[,.;:!?(—–]|(?<!close)(?<!familiar)(?<!knowledgeable)\s(?:on|in|at|after|before|during|when|while|as|to|"
    r"from|via|with|last|this|"
    r"yesterday|today|earlier|later|late|who|told|adding|in\s+a)\b|$)"
)
_DASH_LINE_RE = re.compile(r"^[—–―-]{1,2}\s*(?P<name>[^,\n]{2,60}?)(?:,\s*(?P<role>[^\n]{2,120}?))?\s*\.?$")


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


_TITLED_RE = re.compile(rf"\b(?:{'|'.join(TITLE_CUES)})\s*,?\s*$", re.IGNORECASE)


def _is_title_case_name(inner: str, most: int = 6) -> bool:
    """“Meridian Crest”, “PortFlow”, “Truth Social”: a name or title, not a quotation."""
    words = inner.split()
    if not words or len(words) > most or inner[-1:] in ".,!?;:":
        return False
    caps = [w for w in words if w.lower() not in NAME_SMALL_WORDS]
    return bool(caps) and all(w[0].isupper() or w[0].isdigit() for w in caps)


# ----------------------------------------------------------------------- speakers


def _after(ctx: Context, q: QuoteSpan, hi: int, att: Attribution) -> bool:
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
        end = _PHRASE_END_RE.search(seg, m.end())
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
        _SHORT_QUOTE_RE.sub(lambda s: "x" * len(s.group(0)), seg), re.IGNORECASE
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
_SHORT_QUOTE_RE = re.compile(rf"(?<=[a-z]\s)[“\"]{MASK}{{1,30}}(?=\s)")
_VERB_AFTER_RE = re.compile(
    r"^[\s,]*(?P<subj>(?:he|she|they|I|we)|(?:the|a|an|one)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?|"
    r"[A-Z][\w.’'\-]+(?:\s+[A-Z][\w.’'\-]+){0,3})\s+(?P<cue>[a-z]+)"
    r"(?:\s+(?:in|on|back|up|out|off|along|again))?(?:\s+[a-z]+ly)?\s*(?:[.!?;]|$)"
)


_FROM_OWNER_RE = re.compile(r"(?:\b(?i:from|in)\s+|^|[.!?]\s+)(?P<own>[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,3})['’]s?"
                            r"(?:\s+[\w\-]+){0,2}?\s+(?P<noun>[\w\-]+)\s*:\s*$")


def _before(ctx: Context, q: QuoteSpan, lo: int, att: Attribution) -> bool:
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


def _pull_quote(ctx: Context, q: QuoteSpan, att: Attribution) -> bool:
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


def _speaker(ctx: Context, q: QuoteSpan, k: int, prev: Attribution | None, para_start: int,
             recent: Attribution | None = None) -> Attribution:
    """The speaker of a direct quotation: its frame, else the quotation it continues, a
    neighbouring sentence's subject, or the last named speaker before it (``prev``: the last
    direct quotation; ``recent``: the last attribution of any kind with a named speaker)."""
    att = Attribution(q.start, q.end, "direct")
    sa, sb = ctx.sentences[k]
    # a short quotation inside the frame ("“…,” X, wearing “Vote Kroll” pins, said") does not end it
    hi = min(sb, next((s.outer_start for s in ctx.quotes_from(q.outer_end)
                       if s.outer_start >= sb or not _SHORT_QUOTE_RE.match(ctx.masked, s.outer_start)), sb))
    lo = max(sa, ctx.quote_end_before(q.outer_start) or 0)
    if _after(ctx, q, hi, att):
        trial = Attribution(att.start, att.end, att.kind)
        if "pronoun" in att.via and _before(ctx, q, lo, trial) and trial.speaker_start is not None and (
            "pronoun" not in trial.via
        ):  # "Asked about it, Kroll said “…,” she said": the name the sentence gives
            return trial
        return att
    if _before(ctx, q, lo, att) or _pull_quote(ctx, q, att):
        return att
    intro = k > 0 and not ctx.masked[lo : q.outer_start].strip() and _last_char(ctx.masked, lo) == ":"
    if intro and _before(ctx, q, ctx.sentences[k - 1][0], att):  # "The Times reports:" then a block quote
        return att
    if prev is not None and prev.speaker_text and prev.start >= para_start and not _other_person_between(ctx, prev, q):
        _inherit(att, prev, "split")
        return att
    if ctx.masked[lo : q.outer_start].strip(_PUNCT):
        return att  # mid-sentence without a cue: handled as partial/scare by the caller
    if _cue_subject(ctx, q.outer_end, sb, att):  # "“…” was to be a “tale,” said Ada Kroll"
        att.via = "sentence"
        return att
    # the sentence after counts in a paragraph of its own only when it opens with a name
    # ("— Ada Kroll, Lune Institute"): else the quotation continues the story before it
    nxt_para = k + 1 < len(ctx.sentences) and "\n" in ctx.text[q.outer_end : ctx.sentences[k + 1][0]]
    for j in (k - 1, k + 1):
        if (0 <= j < len(ctx.sentences) and ctx.sentences[j][0] >= para_start
                and not (j > k and nxt_para and not _opens_with_person(ctx, j))
                and _sentence_subject(ctx, j, att)):
            att.via = "neighbour"
            return att
    if recent is not None and (prev is None or recent.start > prev.start):
        prev = recent  # "X said the vote could be a “failure” …" then a quotation of its own
    if prev is not None and prev.speaker_text and prev.speaker_start is not None:
        _inherit(att, prev, "previous paragraph")
    return att


def _last_char(text: str, pos: int) -> str:
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


# -------------------------------------------------------------------------- kinds


def _is_direct(ctx: Context, q: QuoteSpan, lo: int, hi: int) -> bool:
    """A quotation that is a sentence of its own or the object of `X said:`."""
    before = ctx.masked[lo : q.outer_start]
    if not before.strip(_PUNCT + MASK + DOUBLE_MARKS):
        return True
    if re.search(r":\s*$", before):
        return True
    if re.search(rf"\b(?:{CUE}|{PARTICIPLE_CUE})(?:\s+\S+){{0,6}}?\s*,\s*$", before, re.IGNORECASE):
        return True
    inner = ctx.text[q.start : q.outer_end]
    after = ctx.masked[q.outer_end : hi]
    ends_inside = bool(re.search(r"[,.!?][”\"»]?\s*$", ctx.text[q.outer_start : q.outer_end].rstrip("”\"»")))
    return ends_inside and bool(re.match(r"^\s*(?:[,—–-]\s*)?\S", after)) and inner[:1].isupper()


_MAIN_AFTER_RE = re.compile(
    r"(?:[^,.;:!?]{0,200}?,)?\s+(?P<subj>(?:he|she|they|it)\b|(?:[A-Z][\w.’'\-]+\s){1,3}(?=\S))"
)


def _partial(ctx: Context, q: QuoteSpan, k: int, att: Attribution) -> tuple[Attribution, Attribution | None]:
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
            end = _PHRASE_END_RE.search(ctx.masked, sa + m.end() + 1, q.outer_start)
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
    elif not cues and "," in ctx.text[q.end : q.outer_end + 1] and _after(ctx, q, sb, att):  # "…, “x,” he said."
        att.via = "partial-" + att.via
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


def attribute(
    text: str, persons: list[Person] | None = None, doc: Any = None
) -> tuple[list[Attribution], list[Person]]:
    """Every quotation and reported statement in ``text``, with speakers.

    ``persons`` are the person mentions NER found (offsets into ``text``), if any; the name
    rules add those it missed. ``doc`` is the spaCy parse, when a model is loaded: speakers
    are then the subjects of the speech verbs where the parse finds one, and name-shaped spans
    inside an organisation or place it found are no persons. Returns the attributions and the
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
    for q in spans:
        k = ctx.sentence_at(q.outer_start)
        para_start = ctx.paragraph_start(q.outer_start)
        sa, sb = ctx.sentences[k]
        lo = max(sa, ctx.quote_end_before(q.outer_start) or 0)
        inner = text[q.start : q.end]
        mid = bool(masked[lo : q.outer_start].strip(_PUNCT + MASK + DOUBLE_MARKS))
        if mid and _is_title_case_name(inner) and not _is_direct(ctx, q, lo, sb):
            continue  # a name or title in quotation marks
        if mid and _TITLED_RE.search(masked[lo : q.outer_start]) and _is_title_case_name(inner.rstrip(",."), 14):
            continue  # the editorial, entitled “A Name for It,” ran …
        around = None
        if _is_direct(ctx, q, lo, sb):
            att = _speaker(ctx, q, k, prev, para_start, recent)
        else:
            att, around = _partial(ctx, q, k, Attribution(q.start, q.end, "partial"))
        for x in (att, around):
            poll_source(ctx, x, sa, q.outer_start)
        if around is not None and not any(x.start == around.start and x.end == around.end for x in out):
            out.append(around)
        out.append(att)
        if att.speaker_start is not None:
            ctx.speakers.add(att.speaker_text or "")
            recent = att
        if att.kind == "direct" or att.via.startswith("partial-after"):
            prev = att  # a split quotation goes on from it ("…, “…,” X said. “…”")
    # reported speech, also around partial quotes ("X said the plan was “a disaster”")
    quoted = Cover([(x.start, x.end) for x in out if x.kind in ("direct", "indirect")])
    for a, b in ctx.sentences:
        if quoted.overlaps(a, b):
            continue
        att = indirect(ctx, a, b)
        if att is not None:
            out.append(att)
    out.sort(key=lambda x: x.start)
    return out, ctx.persons
