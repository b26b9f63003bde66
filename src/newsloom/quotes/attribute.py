"""Who said it: kind, cue and speaker for each quoted span, and indirect speech.

Rules over the text around a quotation, with the quotation masked so that its own full
stops do not split the sentence that frames it:

* after it — `“…,” said X` / `“…,” X said` / `“…,” X, role, told Y`;
* before it — `X said: “…”` / `X told reporters: “…”` / `According to X, “…”` / `…, said X,
  “…”`, and speaker labels of transcripts and digests (`Rep. X (D-Lune): “…”`);
* a pull-quote line followed by `— Name, role`;
* none of these — the speaker of the previous quote in the paragraph (split quotes), else
  the subject of the previous sentence (`Name, a crane operator, … . “…”`).

A pronoun speaker resolves to the most recent person mentioned as a sentence's first person
(subject-first, a cheap centering) whose known gender does not clash and whom the quotation
does not name in the third person. Person mentions come
from NER when a model is loaded, else from name-shaped spans with evidence (a title, a role,
a speech verb next to them). Mid-sentence quotations are ``partial`` when the sentence has a
speech verb before them and a speaker, ``scare`` otherwise; capitalised names and titles in
quotation marks ("Truth Social") are not quotations at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newsloom.clean.sentences import ABBREVIATIONS, sentence_ends
from newsloom.entities.names import (
    NAME_RE,
    PRONOUNS,
    gender_of_first_name,
    gender_of_title,
    is_name_like,
    role_of,
    strip_title,
    surname,
)
from newsloom.nlp.components import TITLE_HEADS
from newsloom.quotes.marks import DOUBLE_MARKS, QuoteSpan, find_spans, paragraphs

if TYPE_CHECKING:
    from spacy.tokens import Token

MASK = "\u2588"  # stands in for quoted text, so its full stops split no sentence

# fmt: off
CUE_VERBS = [
    "said", "says", "say", "told", "tells", "added", "adds", "asked", "asks", "stated", "states",
    "commented", "comments", "explained", "explains", "noted", "notes", "wrote", "writes",
    "argued", "argues", "insisted", "insists", "warned", "warns", "declared", "declares",
    "recalled", "recalls", "continued", "continues", "replied", "replies", "responded",
    "tweeted", "posted", "announced", "announces", "claimed", "claims", "suggested", "suggests",
    "acknowledged", "admitted", "admits", "conceded", "stressed", "stresses", "emphasised",
    "emphasized", "predicted", "quipped", "joked", "remarked", "observed", "maintained",
    "contended", "urged", "vowed", "promised", "complained", "lamented", "cautioned", "shouted",
    "testified", "answered", "confirmed", "denied", "reiterated", "agreed", "countered",
    "boasted", "concluded", "mused", "pleaded", "demanded", "wondered", "exclaimed", "recounted",
    "thundered", "fumed", "chimed", "pointed out", "reads", "read", "sings", "sang", "chanted",
    "reports", "reported", "concludes", "responds", "agrees", "yelled", "screamed", "whispered",
    "scoffed", "snapped", "barked", "retorted", "interjected", "elaborated", "beamed", "echoed",
    "shot back", "fired back", "will say", "would say", "remembers", "remembered", "recounts",
    "went on", "assured", "assures", "is quoted as saying", "was quoted as saying", "were quoted as saying",
    "according to", "in the words of",
]
#: Verbs that introduce a partial quotation inside a sentence ("called the offer “…”").
PARTIAL_CUES = ["called", "calls", "call", "described", "describes", "dubbed", "dubs", "termed",
                "labelled", "labeled", "branded", "characterised", "characterized", "referred to",
                "hailed", "slammed", "denounced", "decried", "praised",
                "saying", "calling", "claiming", "telling", "describing", "insisting", "arguing",
                "warning", "noting", "adding", "accused", "accusing", "thinks", "believes", "promising",
                "promised", "cited", "cites", "ruled", "announcing", "claim", "accuse", "calls",
                "chanting", "shouting", "yelling", "writing", "tweeting", "declaring", "asking"]
# fmt: on
_CUE = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in sorted(CUE_VERBS, key=len, reverse=True))
_PCUE = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in sorted(PARTIAL_CUES, key=len, reverse=True))
_AUX = r"(?:(?:has|have|had|would|will|also|later|then|previously|once|repeatedly|again|further|simply|only)\s+)*"
_CUE_RE = re.compile(rf"\b{_AUX}(?P<cue>{_CUE})\b", re.IGNORECASE)
#: Before a quotation a participle reports it too ("…, telling reporters, “…”").
_PARTICIPLE_CUE = ("saying|telling|adding|writing|noting|asking|explaining|declaring|insisting|arguing|warning|"
                   "tweeting|chanting|shouting|yelling")
_BEFORE_CUE_RE = re.compile(rf"\b{_AUX}(?P<cue>{_CUE}|{_PARTICIPLE_CUE})\b", re.IGNORECASE)
_CUE_END_RE = re.compile(rf"\b(?:{_CUE}|{_PARTICIPLE_CUE})\s*$", re.IGNORECASE)
_ANY_CUE_RE = re.compile(rf"\b(?P<cue>{_CUE}|{_PCUE})\b", re.IGNORECASE)
_PUNCT = " ,.;:!?—–-\n"
#: Words that end a speaker phrase after an inverted cue (`said X on Monday`).
_PHRASE_END_RE = re.compile(
    r"\s*(?:[,.;:!?(—–]|(?<!close)(?<!familiar)(?<!knowledgeable)\s(?:on|in|at|after|before|during|when|while|as|to|"
    r"from|via|with|last|this|"
    r"yesterday|today|earlier|later|late|who|told|adding|in\s+a)\b|$)"
)
_INVERTIBLE = {"said", "says", "added", "adds", "asked", "wrote", "writes", "continued", "explained",
               "noted", "argued", "insisted", "warned", "declared", "recalled", "replied", "according to",
               "in the words of", "tweeted", "posted", "stated", "commented", "remarked", "observed",
               "responded", "concluded", "beamed", "echoed", "shouted", "retorted", "quipped", "joked",
               # also inverted in news ("“…,” agrees X", "“…,” reads the sign", "“…,” recalls X")
               "agrees", "agreed", "reads", "read", "recalls", "notes", "explains", "insists", "warns", "argues",
               "concludes", "continues", "countered", "answered", "replies", "responds", "lamented", "cautioned",
               "asks", "mused", "boasted", "scoffed", "snapped", "interjected", "exclaimed", "conceded",
               "acknowledged", "admitted", "predicted", "remembers", "remembered", "recounted", "recounts"}
_LEADERS_RE = re.compile(r"^(?:(?:but|and|so|yet|still|meanwhile|however|instead|now|then|later|earlier|[a-z]+ly|"
                         r"speaking\s+\w+(?:\s+\w+)?|in\s+(?:a|an|the)\s+\w+(?:\s+\w+)?|on\s+\w+|"
                         r"(?:of|about|as\s+for|regarding)\s+[^,\n]{1,40},)\s*,?\s+)+",  # "Of the rival, Vail said"
                         re.IGNORECASE)
_TRAILING_AUX_RE = re.compile(r"(?:\s+(?:has|have|had|also|later|then|now|still|would|will|was|is|once|again|"
                              r"previously|often|always|usually|frequently|sometimes|reportedly|repeatedly|recently))+$")
_DASH_LINE_RE = re.compile(r"^[—–―-]{1,2}\s*(?P<name>[^,\n]{2,60}?)(?:,\s*(?P<role>[^\n]{2,120}?))?\s*\.?$")
_TITLE_CASE_SMALL = {"of", "the", "and", "de", "a", "an", "for", "on", "in", "to", "&", "van", "von"}


@dataclass
class Person:
    """A person mention in the article (offsets), from NER or the rules."""

    start: int
    end: int
    text: str
    gender: str | None = None
    prior: bool = False  # the gender is only the first name's usual one, not the article's word


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
    via: str = ""  # which rule found the speaker (for debugging and the bench)


@dataclass
class _Ctx:
    text: str
    masked: str
    spans: list[QuoteSpan]
    persons: list[Person]
    sentences: list[tuple[int, int]] = field(default_factory=list)
    doc: Any = None  # the spaCy parse, when a model is loaded
    speakers: set[str] = field(default_factory=set)  # names already given quotations
    resolved: dict[int, Person] = field(default_factory=dict)  # pronoun offset -> its referent

    def sentence_at(self, pos: int) -> int:
        for k, (a, b) in enumerate(self.sentences):
            if a <= pos < b:
                return k
        return max(0, len(self.sentences) - 1)


MAX_SENTENCE = 2000  # characters: longer "sentences" (unpunctuated dumps) are cut in pieces


def sentence_spans(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Sentences of ``text[lo:hi]`` (abbreviations do not split); one longer than
    ``MAX_SENTENCE`` is cut at spaces, so the work per quotation stays bounded (a quote's
    frame is read back to its sentence start)."""
    out: list[tuple[int, int]] = []
    start = lo
    for end in [*sentence_ends(text, lo, hi), hi]:
        while end - start > MAX_SENTENCE:
            cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
            cut = cut if cut > start else start + MAX_SENTENCE
            out.append((start, cut))
            start = cut
        if start < end:
            out.append((start, end))
            start = end
    return out


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


_ABBREV_DOT_RE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Prof|St|Jr|Sr|Rev|Adm|Maj|[A-Z])\.")
_PAREN_RE = re.compile(r"\s\([^()\n█]{1,40}\)")


def _frame(masked: str) -> str:
    """The masked text as the frame rules read it: no full stop after an abbreviation or an
    initial ("Mr. Podesta said"), no short parenthesis ("Rep. Gwen Moore (D-Wis.) said")."""
    out = _ABBREV_DOT_RE.sub(lambda m: m.group(0)[:-1] + "·", masked)
    return _PAREN_RE.sub(lambda m: " " * len(m.group(0)), out)


_TITLED_RE = re.compile(r"\b(?:entitled|titled|headlined|named)\s*,?\s*$", re.IGNORECASE)


def _is_title_case_name(inner: str, most: int = 6) -> bool:
    """“Meridian Crest”, “PortFlow”, “Truth Social”: a name or title, not a quotation."""
    words = inner.split()
    if not words or len(words) > most or inner[-1:] in ".,!?;:":
        return False
    caps = [w for w in words if w.lower() not in _TITLE_CASE_SMALL]
    return bool(caps) and all(w[0].isupper() or w[0].isdigit() for w in caps)


# ------------------------------------------------------------------------ persons


def rule_persons(text: str, masked: str, framed: str) -> list[Person]:
    """Name-shaped spans outside quotations with evidence that they name a person."""
    found: list[Person] = []
    for m in NAME_RE.finditer(masked):
        phrase = m.group(0)
        for stop in re.finditer(r"(\w+)\.\s", phrase):  # "Universe. She": two sentences, not "Mrs. Polder"
            if len(stop.group(1)) > 1 and stop.group(1).lower() not in ABBREVIATIONS and stop.group(1).lower() + "." \
                    not in TITLE_HEADS:
                phrase = phrase[: stop.start(1) + len(stop.group(1))]
                break
        phrase = phrase.rstrip(".")
        name, title = strip_title(phrase)
        start = m.start() + (len(phrase) - len(name))
        if not is_name_like(name) or (len(name.split()) < 2 and title is None):
            continue  # one word is a name only after a title ("Mr. Obama", "President Varga")
        end = start + len(name)
        after = framed[end : end + 140]
        evidence = (
            title is not None
            or role_of(text, start, end) is not None
            or re.match(rf"^\s*(?:,[^,]{{1,80}},\s*)?{_AUX}(?:{_CUE})\b", after, re.IGNORECASE)
            or re.search(rf"\b(?:{_CUE})\s+$", masked[max(0, start - 25) : start], re.IGNORECASE)
        )
        if evidence:
            found.append(Person(start, end, name, gender_of_title(title)))
    return found


_HYPHEN_TAIL_RE = re.compile(r"-[A-Z][\w’']+")


def _whole_name(text: str, p: Person) -> Person:
    """``p`` with the rest of a hyphenated surname NER cut off ("Ona Brisk" of "Ona
    Brisk-Malle"), so that the surname alone ("Brisk-Malle said") finds it."""
    m = _HYPHEN_TAIL_RE.match(text, p.end)
    return Person(p.start, m.end(), text[p.start : m.end()], p.gender) if m else p


def add_surname_mentions(text: str, masked: str, persons: list[Person]) -> list[Person]:
    """Lone surnames ("Moorcroft said") of people named in full elsewhere in the article."""
    taken = [(p.start, p.end) for p in persons]
    names = {surname(p.text): p for p in persons if len(p.text.split()) >= 2}
    out = list(persons)
    for last, p in names.items():
        if len(last) < 3:
            continue
        for m in re.finditer(rf"\b{re.escape(last)}\b", masked):
            if not any(a <= m.start() < b for a, b in taken):
                out.append(Person(m.start(), m.end(), last, p.gender))
                taken.append((m.start(), m.end()))
    return sorted(out, key=lambda p: p.start)


# ----------------------------------------------------------------------- speakers


_ROLE_GENDER = {
    **dict.fromkeys(("spokeswoman", "chairwoman", "congresswoman", "businesswoman", "councilwoman", "woman",
                     "mother", "wife", "daughter", "sister", "widow", "grandmother", "actress", "queen"), "f"),
    **dict.fromkeys(("spokesman", "chairman", "congressman", "businessman", "councilman", "man", "father",
                     "husband", "son", "brother", "widower", "grandfather", "actor", "king"), "m"),
}
_HE_RE = re.compile(r"\b(?:he|himself)\b", re.IGNORECASE)
_SHE_RE = re.compile(r"\b(?:she|herself)\b", re.IGNORECASE)


def _infer_genders(ctx: _Ctx) -> None:
    """Genders the article itself gives: the pronouns after the only person of a sentence,
    in that sentence and the next when it names nobody, and gendered roles. Titles (Mr., Mrs.)
    already count. Where the article says nothing, the first name's usual gender (a lone
    surname takes it from the full names it shortens, when they agree)."""
    votes: dict[str, int] = {}
    for k, (a, b) in enumerate(ctx.sentences):
        inside = [p for p in ctx.persons if a <= p.start < b]
        if len({surname(p.text) for p in inside}) != 1:
            continue
        person = inside[0]
        span = ctx.masked[person.end : b]
        if k + 1 < len(ctx.sentences):
            na, nb = ctx.sentences[k + 1]
            if not any(na <= p.start < nb for p in ctx.persons):
                span += " " + ctx.masked[na:nb]
        key = surname(person.text)
        votes[key] = votes.get(key, 0) + len(_HE_RE.findall(span)) - len(_SHE_RE.findall(span))
    for p in ctx.persons:  # a gendered role ("spokeswoman", "his wife") settles it
        role = (role_of(ctx.text, p.start, p.end) or "").lower()
        g = {_ROLE_GENDER[w] for w in re.findall(r"[a-z]+", role) if w in _ROLE_GENDER}
        if len(g) == 1:
            votes[surname(p.text)] = votes.get(surname(p.text), 0) + (5 if g == {"m"} else -5)
    for p in ctx.persons:
        v = votes.get(surname(p.text), 0)
        if p.gender is None and v:
            p.gender = "m" if v > 0 else "f"
    priors: dict[str, set[str | None]] = {}
    for p in ctx.persons:
        if len(p.text.split()) >= 2:
            priors.setdefault(surname(p.text), set()).add(gender_of_first_name(p.text))
    for p in ctx.persons:
        if p.gender is None:
            one = priors.get(surname(p.text), set()) if len(p.text.split()) < 2 else {gender_of_first_name(p.text)}
            p.gender = next(iter(one)) if len(one) == 1 else None
            p.prior = p.gender is not None


def _attributive(ctx: _Ctx, p: Person) -> bool:
    """A name that modifies a noun ("the Kroll campaign", "a Kroll tweet", "one Kroll
    adviser", "Kroll spokesman Jo Bell" in the parse): it names no speaker and no antecedent."""
    if re.search(r"\b(?:the|a|an|this|that|one|another)\s+$", ctx.text[max(0, p.start - 8) : p.start], re.I):
        return True
    doc = ctx.doc
    if doc is None or p.end > len(doc.text):
        return False
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    last = span[-1]
    # "Gowdy spokesman Jamal Ware" parses with Gowdy as the spokesman's possessor or description
    return (last.head.i > last.i and last.head.idx >= p.end and not last.head.is_punct
            and (last.dep_ == "compound" or (last.dep_ in ("nmod:poss", "nmod:desc") and last.head.pos_ == "NOUN")))


def _possessive(ctx: _Ctx, p: Person) -> bool:
    """``p`` is a possessor ("Ada Kroll's statement"), NER's span with the 's or without."""
    return bool(re.search(r"['’]s$", p.text) or re.match(r"['’]s\b", ctx.text[p.end : p.end + 3]))


def _person_at(ctx: _Ctx, pos: int) -> Person | None:
    """The person mention covering the character at ``pos``."""
    return next((p for p in ctx.persons if p.start <= pos < p.end), None)


def _person_before(ctx: _Ctx, pos: int) -> Person | None:
    """The person mention that ends right before ``pos`` (only spaces between)."""
    return next((p for p in ctx.persons if p.end <= pos and not ctx.text[p.end : pos].strip()), None)


def _person_in(ctx: _Ctx, a: int, b: int, first: bool = True) -> Person | None:
    """The first (or last) person mention inside [a, b), skipping possessives ("X's aide") and
    lone initials (the "G" of "G.K. Butterfield")."""
    hits = [
        p for p in ctx.persons
        if a <= p.start and p.end <= b and not _possessive(ctx, p)
        and len(p.text.rstrip(".")) > 1 and not _attributive(ctx, p)
    ]
    if not hits:
        return None
    return hits[0] if first else hits[-1]


_TITLE_STEMS = {t.rstrip(".") for t in TITLE_HEADS}


def _strong(ctx: _Ctx, p: Person) -> bool:
    """A mention that surely names a person: two or more name words, a title before it, the
    surname of someone named in full, a speaker already, or a lone name mentioned again that
    the article calls he or she (a lone "Midway" or "Ultimately" from NER is not)."""
    before = ctx.text[max(0, p.start - 25) : p.start].split()[-1:]
    if p.text in ctx.speakers or len(p.text.split()) >= 2 or (before and before[0].lower().rstrip(".") in _TITLE_STEMS):
        return True
    if p.gender is not None and not p.prior and sum(o.text == p.text for o in ctx.persons) >= 2:
        return True  # named again and called he or she: a person, not a stray capitalised word
    return any(len(o.text.split()) >= 2 and surname(o.text) == p.text for o in ctx.persons)


def _main_subject(ctx: _Ctx, a: int, b: int, depth: int = 0) -> Person | None:
    """The person who is the subject of the main clause in ``[a, b)``: a named person, or a
    he/she that resolves in turn ("She met Ruiz. She said …": the story's subject stays the
    same) (parse only; None when that subject is no person). Subjects inside quotations are
    the quoted speaker's own words and are skipped."""
    if ctx.doc is None or b > len(ctx.doc.text):
        return None
    span = ctx.doc.char_span(a, b, alignment_mode="contract")
    for tok in span if span is not None else []:
        if tok.dep_ not in ("nsubj", "nsubj:pass") or tok.head.dep_ != "ROOT" or ctx.masked[tok.idx] == MASK:
            continue
        if tok.idx in ctx.resolved:
            return ctx.resolved[tok.idx]
        gender = PRONOUNS.get(tok.lower_)
        if gender in ("m", "f"):  # a chain of pronoun subjects, bounded (each step goes back)
            return _resolve_pronoun(ctx, tok.idx, gender, depth + 1) if depth < 3 else None
        p = _person_at(ctx, tok.idx)
        return p if p is not None and _strong(ctx, p) and not _attributive(ctx, p) else None
    return None


def _named_in(quoted: str, p: Person) -> bool:
    """The quotation names ``p`` in the third person: their surname alone or after their own
    first name, not inside another name ("the Kroll Foundation", "Bill Kroll" for Ada)."""
    words = p.text.split()
    for m in re.finditer(rf"\b{re.escape(surname(p.text))}\b(?!\s+[A-Z])", quoted):
        before = re.search(r"([A-Z][\w.’'\-]*)\s+$", quoted[: m.start()])
        if before is None or len(words) == 1 or before.group(1) == words[-2] or (
            before.group(1).lower().rstrip(".") in _TITLE_STEMS
        ):
            return True
    return False


def _resolve_pronoun(ctx: _Ctx, pos: int, gender: str | None, depth: int = 0, quoted: str = "") -> Person | None:
    """The most recent compatible person: the first one named in this or an earlier sentence
    (outside quotations), skipping mentions that may be no person at all. A pronoun resolved
    before stands for its referent ("She says … Vail … She tweeted": the first she's).

    In order: the person who is the main-clause subject of this sentence or the one before,
    when compatible ("Rana Patel … said Ada Kroll's statement …. “…,” she said":
    centering); someone known to be of that gender in the last three sentences ("she said"
    after a sentence naming "Tomas Ruiz" is not his), not a possessor; anyone compatible in
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
    subjects = (_main_subject(ctx, ctx.sentences[j][0], min(ctx.sentences[j][1], pos), depth)
                for j in range(k, max(-1, k - 2), -1))
    subj = next((s for s in subjects if s is not None), None)
    if subj is not None and not clash(subj):
        return take(subj)
    for known, back in ((True, 3), (False, 8)):
        if known and gender not in ("m", "f"):
            continue
        for j in range(k, max(-1, k - back), -1):
            a, b = ctx.sentences[j]
            b = min(b, pos)
            cands = [(p.start, p) for p in ctx.persons if a <= p.start and p.end <= b and _strong(ctx, p)
                     and not _attributive(ctx, p)
                     and not (known and _possessive(ctx, p))]
            cands += [(at, p) for at, p in ctx.resolved.items() if a <= at < b]
            for _, p in sorted(cands, key=lambda x: x[0]):
                # a first-name prior only rules people out: preferring it would let a known
                # "Ada Kroll" beat a nearer "Lund" whose gender the article never says
                if (p.gender != gender or p.prior or clash(p)) if known else clash(p):
                    continue
                return take(p)
    return None


_TITLE_ABBREV = {"senator": "sen", "governor": "gov", "representative": "rep", "congressman": "rep",
                 "congresswoman": "rep", "general": "gen", "professor": "prof", "doctor": "dr"}


def _titled(ctx: _Ctx, p: Person, head: str) -> bool:
    """``p`` is named with the title ``head`` before it ("Vermont Senator X", "Sen. X")."""
    words = "|".join(re.escape(w) for w in {head, _TITLE_ABBREV.get(head, head)})
    return bool(re.search(rf"\b(?i:{words})\.?\s+(?:[A-Z][\w.’'\-]*\s+){{0,3}}$",
                          ctx.text[max(0, p.start - 40) : p.start]))


def _resolve_description(ctx: _Ctx, pos: int, head: str) -> Person | None:
    """The person a title description ("the senator", "the Vermont senator") refers to: the
    most recent person before ``pos`` with that title or a role with that head word."""
    earlier = [p for p in ctx.persons if p.end <= pos and _strong(ctx, p)]
    for p in reversed(earlier):
        if re.search(rf"\b{re.escape(head)}\b", (role_of(ctx.text, p.start, p.end) or "").lower()) or any(
            _titled(ctx, o, head) for o in earlier if surname(o.text) == surname(p.text)
        ):
            return p
    return None


_DEP_SUBJ = ("nsubj", "nsubj:pass", "nsubjpass", "csubj")
_RELATIVE = {"who", "that", "which"}
_COLLECTIVE = {"campaign", "team", "government", "administration", "council", "committee", "party",
               "group", "police", "family", "staff", "board", "panel", "court", "company", "union"}
_NP_LEFT = ("det", "amod", "compound", "nmod:poss", "poss", "nummod", "flat", "nmod:desc", "case")


#: Nouns for what someone said ("His assumption was that “…”": his words).
_SAID_NOUNS = {"assumption", "argument", "claim", "view", "message", "answer", "response", "reply", "point",
               "position", "comment", "comments", "words", "remarks", "statement", "promise", "pledge", "warning",
               "complaint", "explanation", "advice", "verdict", "conclusion", "prediction", "retort"}
#: What carries words ("a statement saying …", "signs reading …").
_MESSAGES = {"statement", "letter", "email", "e-mail", "note", "post", "tweet", "message", "memo", "release",
             "sign", "ad", "advert", "advertisement", "video", "banner", "poster", "flyer", "leaflet", "notice",
             "document", "filing", "petition", "column", "editorial", "text", "placard", "shirt", "t-shirt"}


def _dep_subject(ctx: _Ctx, cue_pos: int) -> tuple[int, int] | None:
    """Offsets of the subject of the speech verb at ``cue_pos`` in the parse: its ``nsubj``,
    else that of the verb it is conjoined to or that a participle ("…, saying") depends on;
    a common noun with a name in apposition ("the spokesman, Jo Bell,") gives the name."""
    doc = ctx.doc
    verb = _token_at(ctx, cue_pos)
    if doc is None or verb is None:
        return None
    subj = None
    seen = [verb]  # the verbs climbed through, for a sentence opening with a name and its apposition
    if verb.tag_ == "VBG" and verb.i > 0 and doc[verb.i - 1].text == ",":
        # "X told the crowd that we must act, saying “…”": X, the main clause's; climbing only
        # within the sentence (a parse that missed the full stop after a quotation hangs the
        # clause on the next sentence's verb)
        a, b = ctx.sentences[ctx.sentence_at(cue_pos)] if ctx.sentences else (0, len(doc.text))
        top = verb
        while top.head.i != top.i and a <= top.head.idx < b and not _quoted(ctx, top.head):
            top = top.head
            seen.append(top)
            if top.pos_ == "VERB" and top.dep_ not in ("ccomp", "xcomp", "csubj", "parataxis") and any(
                c.dep_ in _DEP_SUBJ for c in top.children
            ):
                break  # the nearest clause with a subject of its own ("…, where protesters gathered, chanting")
        if top.head.i != top.i and _quoted(ctx, top.head):
            # a parse that made the quotation the main clause ("X emailed reporters, arguing,
            # “the law says …”"): the clause before the participle is the frame, and a
            # subject the parse gave the quotation's verb is the frame's
            frame = _frame_verb(ctx, a, verb)
            top = frame or top
            if frame is not None and not any(c.dep_ in _DEP_SUBJ for c in frame.children):
                subj = next((t for t in doc[frame.sent.start : frame.i] if t.dep_ in _DEP_SUBJ
                             and _quoted(ctx, t.head)), None)
        verb = top if top.pos_ == "VERB" else verb
    elif verb.tag_ == "VBG" and verb.dep_ == "acl" and verb.head.lemma_.lower() in _MESSAGES:
        # "His office put out a statement saying …": the statement's author, its owner or
        # the subject of the verb that issued it
        noun = verb.head
        subj = next((c for c in noun.children if c.dep_ in ("nmod:poss", "poss")), None)
        if subj is None and noun.dep_ in ("obj", "dobj") and noun.head.pos_ == "VERB":
            verb = noun.head
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
            c.dep_ in _DEP_SUBJ if step == 0 else c.dep_ == "nsubj" or (  # "X was joined by Y and joked"
                c.dep_ in ("nsubj:pass", "nsubjpass") and (c.pos_ == "PROPN" or PRONOUNS.get(c.lower_) in ("m", "f"))))
            and not any(g.dep_ == "case" and g.lower_ == "by" for g in c.children)]  # an agent, misparsed
        left = max((c for c in subjects if c.i < verb.i), key=lambda c: c.i, default=None)
        right = min((c for c in subjects if c.i > verb.i), key=lambda c: c.i, default=None)
        aside = (verb.i > 0 and doc[verb.i - 1].text == "," and verb.lower_ in _INVERTIBLE
                 and right is not None and right.pos_ == "PROPN")
        subj = right if left is None or (aside and left.pos_ != "PROPN") else left
        if subj is not None and joined and _reported_thing(subj, verb):
            subj = None  # "X said the plan would fail and called it “…”": X called it
        elif subj is not None or verb.dep_ not in ("conj", "advcl", "xcomp") or verb.head.i == verb.i:
            break
        joined = joined or verb.dep_ == "conj"
        verb = verb.head
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
        return _dep_subject(ctx, frame.idx) if frame is not None else None
    if subj.lower_ in _RELATIVE and verb.dep_ in ("relcl", "acl:relcl") and verb.head.i != verb.i:
        subj = verb.head  # "Ada Kroll, who signed …": the noun the clause is about
    elif subj.lower_ in _RELATIVE and subj.i > 1 and doc[subj.i - 1].text == "," and doc[subj.i - 2].pos_ in (
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
        if doc[left - 1].dep_ in _NP_LEFT and left <= doc[left - 1].head.i <= subj.i:
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
        named = _person_before(ctx, doc[left - 2].idx + len(doc[left - 2].text))
        if named is not None:
            return named.start, named.end
    return a, b


def _quoted(ctx: _Ctx, tok: Any) -> bool:
    """The token lies inside a quotation."""
    return tok.idx < len(ctx.masked) and ctx.masked[tok.idx] == MASK


def _frame_verb(ctx: _Ctx, a: int, before: Any) -> Any:
    """The main verb of the clause that opens the sentence at ``a`` and ends before the
    token ``before``: the first verb outside quotations after a subject (its own, or one
    the parse hung on a quotation's verb), not one of a subordinate clause ("When Ada
    Kroll arrived, …")."""
    for tok in ctx.doc[before.sent.start : before.i]:
        if tok.idx < a or tok.pos_ != "VERB" or _quoted(ctx, tok) or any(c.dep_ == "mark" for c in tok.children):
            continue
        if tok.dep_ in ("relcl", "acl:relcl", "acl", "amod"):
            continue
        if any(c.dep_ in _DEP_SUBJ and c.i < tok.i and c.lower_ not in _RELATIVE for c in tok.children) or any(
            t.dep_ in _DEP_SUBJ and _quoted(ctx, t.head) for t in ctx.doc[before.sent.start : tok.i]
        ):
            return tok
    return None


def _fronted_name(ctx: _Ctx, verb: Any) -> tuple[int, int] | None:
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


def _speaker_from_subject(ctx: _Ctx, cue_pos: int, att: Attribution) -> bool:
    """Fill ``att``'s speaker from the parse's subject of the speech verb at ``cue_pos``."""
    found = _dep_subject(ctx, cue_pos)
    if found is None:
        return False
    a, b = found
    person = next((p for p in ctx.persons if p.start <= b - 1 < p.end or (a <= p.start and p.end == b)), None)
    if person is not None and not _possessive(ctx, person):
        att.speaker_start, att.speaker_end, att.speaker_text = person.start, person.end, person.text
        att.role = att.role or role_of(ctx.text, person.start, person.end)
        att.via += "+parse"
        return True
    trial = Attribution(att.start, att.end, att.kind)
    if not _speaker_from_phrase(ctx, a, b, trial) or not trial.speaker_text:
        return False
    if trial.speaker_start is None and len(trial.speaker_text.split()) > 6:
        return False
    att.speaker_text, att.speaker_start, att.speaker_end = trial.speaker_text, trial.speaker_start, trial.speaker_end
    att.role = att.role or trial.role
    att.via += trial.via + "+parse"
    return True


_SHORT_NP_RE = re.compile(
    r"(?i)(?:a|an|the|one|another|some|several|many|two|three)"
    r"(?:\s+(?!(?:of|the|a|an|and|or|in|on|at|to|for|with|by|from)\b)[a-z][\w\-]*){1,2}$"
)


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


def _np_before(ctx: _Ctx, pos: int) -> tuple[int, int] | None:
    """Offsets of the noun phrase whose last token ends at ``pos`` (parse only)."""
    if ctx.doc is None or pos > len(ctx.doc.text):
        return None
    span = ctx.doc.char_span(max(0, pos - 1), pos, alignment_mode="expand")
    if span is None or not len(span):
        return None
    tok = span[-1]
    if tok.pos_ not in ("NOUN", "PROPN") or tok.ent_type_ in ("DATE", "TIME"):
        return None
    return _np_span(ctx.doc, tok)


def _resolve_group(ctx: _Ctx, pos: int, plural: bool) -> tuple[int, int] | None:
    """What "it" or "they" at ``pos`` stands for: the nearest noun subject before it, in this
    sentence or the two before (parse only), that is not a person named alone ("it" is no
    person; "they" no single one) nor inside a quotation."""
    doc = ctx.doc
    if doc is None or pos > len(doc.text):
        return None
    k = ctx.sentence_at(pos)
    for j in range(k, max(-1, k - 3), -1):
        a, b = ctx.sentences[j]
        span = doc.char_span(a, min(b, pos), alignment_mode="contract")
        if span is None:
            continue
        for tok in reversed([t for t in span if t.dep_ in _DEP_SUBJ and t.pos_ in ("NOUN", "PROPN")]):
            if MASK in ctx.masked[tok.idx : tok.idx + len(tok)] or tok.ent_type_ in ("DATE", "TIME"):
                continue
            many = tok.tag_ in ("NNS", "NNPS")
            body = tok.lower_ in _COLLECTIVE or tok.ent_type_ == "ORG"
            if (plural and not (many or body)) or (not plural and many):
                continue  # "it" is one thing or body; "they" many, or a body that speaks as many
            if any(p.start <= tok.idx < p.end for p in ctx.persons) and not (plural and tok.tag_ == "NNPS"):
                continue
            return _np_span(doc, tok)
    return None


_NO_SUBJECT = {"after", "before", "while", "when", "since", "despite", "by", "upon", "in", "on", "without",
               "instead of", "as", "for", "with", "of", "to", "and", "but", "or", "then", "also"}


def _speaker_from_phrase(ctx: _Ctx, a: int, b: int, att: Attribution) -> bool:
    """Fill ``att``'s speaker from the subject phrase ``text[a:b]``; False when it is empty."""
    text = ctx.text
    while a < b and text[a] in _PUNCT + MASK + DOUBLE_MARKS:
        a += 1
    while b > a and text[b - 1] in _PUNCT:
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
    if phrase.lower() in _NO_SUBJECT:
        return False  # "After saying …": the clause has no subject of its own
    rest = phrase.rsplit(None, 1)
    if " " in phrase and rest[-1].lower() in _RELATIVE:
        # "… turned to the Lakeside Water Board which reported": the noun before it
        np = _np_before(ctx, a + len(rest[0]))
        if np is None:
            return False
        a, b = np
        phrase = text[a:b]
    named_first = any(p.start == a for p in ctx.persons)  # "Scott Pruitt, the attorney general, one of…"
    if ", " in phrase and len(phrase.split()) > 6 and not named_first:
        # "Speaking in Lune on Friday, Kroll called…": the subject is the last clause
        cut = a + phrase.rindex(", ") + 2
        trial = Attribution(att.start, att.end, att.kind)
        if len(text[cut:b].split()) <= 6 and _speaker_from_phrase(ctx, cut, b, trial) and (
            trial.speaker_start is not None or (trial.speaker_text or "").lower() in PRONOUNS
            or _SHORT_NP_RE.match(trial.speaker_text or "")
        ):  # a name, a pronoun or "one questioner", not an apposition ("X, regional director of Y")
            att.speaker_text, att.speaker_start = trial.speaker_text, trial.speaker_start
            att.speaker_end = trial.speaker_end
            att.role = att.role or trial.role
            att.via += trial.via
            return True
    person = _person_in(ctx, a, b)
    if person is not None:
        att.speaker_start, att.speaker_end, att.speaker_text = person.start, person.end, person.text
        att.role = att.role or role_of(text, person.start, person.end)
        return True
    first = re.sub(r"['’](?:s|d|ll|ve|re)$", "", phrase.split()[0].lower()) if phrase.split() else ""
    # the pronoun stands alone as the subject ("he", "he also", "it's")
    alone = len(phrase.split()) <= 2 or first != phrase.split()[0].lower()
    if first in ("it", "they") and alone:
        group = _resolve_group(ctx, a, plural=first == "they")
        if group is not None:  # "the council … what it called": the subject named before
            att.speaker_text = text[group[0] : group[1]]
            att.via += "+group"
            return True
    gender = PRONOUNS.get(first, "m" if first == "his" else None)  # "his" stands alone for its owner
    if gender is not None and alone:
        ref = _resolve_pronoun(ctx, a, gender, quoted=ctx.text[att.start : att.end])
        att.speaker_text = first
        if ref is not None and gender in ("m", "f"):
            att.speaker_start, att.speaker_end, att.speaker_text = ref.start, ref.end, ref.text
            att.via += "+pronoun"
        return True
    words = phrase.split()
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
        ctx.persons.append(p)
        ctx.persons.sort(key=lambda x: x.start)
        att.speaker_start, att.speaker_end, att.speaker_text = start, b, name
        att.role = att.role or title or role_of(text, start, b)
        return True
    verb = _finite_verb_at(ctx, a, b)
    if verb is not None:  # "The candidate has mocked a reporter, referred to …": the words before the verb
        return verb > a and _speaker_from_phrase(ctx, a, verb, att)
    owned = re.match(r"^(?P<own>.+?)(?:['’]s?)?\s+(?P<noun>[a-z]+)$", phrase)
    if owned and owned.group("noun") in _SAID_NOUNS and is_name_like(owned.group("own")):
        # "Valastro's argument was that “…”": the owner's words ("his argument": a pronoun, above)
        return _speaker_from_phrase(ctx, a, a + len(owned.group("own")), att)
    d = re.match(r"^(?:the|this|that)\s+(?:[\w\-]+\s+){0,3}?(?P<head>[a-z][\w\-]*)$", phrase, re.IGNORECASE)
    if d and d.group("head").lower() in TITLE_HEADS:  # "the senator": the senator named before
        ref = _resolve_description(ctx, a, d.group("head").lower())
        if ref is not None:
            att.speaker_start, att.speaker_end, att.speaker_text = ref.start, ref.end, ref.text
            att.role = att.role or phrase
            att.via += "+title"
            return True
    att.speaker_text = phrase
    return True


def _finite_verb_at(ctx: _Ctx, a: int, b: int) -> int | None:
    """Where the parse finds a finite verb in ``text[a:b]`` before any comma or relative
    pronoun (parse only)."""
    if ctx.doc is None or b > len(ctx.doc.text):
        return None
    span = ctx.doc.char_span(a, b, alignment_mode="contract")
    for tok in span if span is not None else []:
        if tok.lower_ in _RELATIVE or tok.text == ",":
            return None
        if tok.tag_ in ("VBD", "VBZ", "VBP", "MD") and tok.pos_ in ("VERB", "AUX"):
            return tok.idx
    return None


_ABBREV_DOT_RE = re.compile(r"\b([A-Z][a-z]{0,3})\.(?=[\s,)\-]|[A-Z])")


def _soft_dots(s: str) -> str:
    """``s`` with the full stops of abbreviations ("Rep.", "G.K.", "R-Ky.", "U.S.") made
    harmless, same length, so that they end no speaker phrase (the sentence end has gone)."""
    return _ABBREV_DOT_RE.sub(lambda m: m.group(1) + "\u00b7", s)


def _after(ctx: _Ctx, q: QuoteSpan, hi: int, att: Attribution) -> bool:
    """`“…,” said X` / `“…,” X said` / `“…,” X, role, said` / `“…” — X, role`."""
    seg = _soft_dots(ctx.masked[q.outer_end : hi])
    d = re.match(r"^[^\S\n]*[—–―][^\S\n]*(?P<name>[^,\n—–―]{2,60}?)"  # no-break spaces too
                 r"(?:,[^\S\n]*(?P<role>[^\n]{2,120}?))?[^\S\n]*\.?[^\S\n]*$",
                 ctx.text[q.outer_end : ctx.text.find("\n", q.outer_end) % (len(ctx.text) + 1)])
    if d and is_name_like(strip_title(d.group("name").strip())[0]):
        name, title = strip_title(d.group("name").strip())
        start = q.outer_end + d.start("name") + d.group("name").index(name)
        _speaker_from_phrase(ctx, start, start + len(name), att)
        att.role, att.cue, att.via = att.role or d.group("role") or title, "—", "dash"
        return True
    # "“…” about the decision, said X": a short prepositional tail may come first
    # ("“…” that Kroll can win, said X": the quotation's own clause goes on first)
    m = re.match(rf"^[\s,.;:!?—–-]*(?:(?:about|of|on|for|to|with|at|that)\s[^,.;:!?{MASK}\n]{{1,80}},\s+)?"
                 rf"{_AUX}(?P<cue>{_CUE})\s+(?!that\b)", seg, re.IGNORECASE)
    if m and m.group("cue").lower() in _INVERTIBLE and m.group("cue")[0].islower():  # "“…,” Read said": a name
        a = q.outer_end + m.end()
        end = _PHRASE_END_RE.search(seg, m.end())
        b = q.outer_end + end.start() if end else hi
        if _speaker_from_phrase(ctx, a, b, att):
            att.cue = " ".join(m.group("cue").lower().split())
            if att.speaker_start is None:  # "said Kroll's deputy, Jo Bell, who …": the name
                named = _person_in(ctx, b, b + 80)
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
    m = re.match(
        rf"^[\s,.;:!?—–-]*(?P<subj>[^.;:!?{MASK}]{{1,120}}?)\s+{_AUX}(?P<cue>{_CUE})\b", seg, re.IGNORECASE
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
            or _person_in(ctx, cut, cut + len(last)) is not None
        ):
            # "“…” to cut costs, she said" / "“…” that would …, counsel Ada Kroll wrote": the
            # subject is the last clause
            a = cut
    if m and len(ctx.text[a : q.outer_end + m.end("subj")].split()) <= 14 and _speaker_from_phrase(
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
    tok = _token_at(ctx, q.outer_end + v.start("cue"))
    if (v.group("cue").endswith("ed") if tok is None else tok.tag_ in ("VBD", "VBZ") and tok.pos_ == "VERB"
            and tok.lemma_ not in ("be", "have", "do", "go", "come", "follow")) and _speaker_from_phrase(
        ctx, q.outer_end + v.start("subj"), q.outer_end + v.end("subj"), att
    ):
        att.cue, att.via = v.group("cue").lower(), "after-verb" + att.via
        return True
    return False


_VERB_AFTER_RE = re.compile(
    r"^[\s,]*(?P<subj>(?:he|she|they|I|we)|(?:the|a|an|one)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?|"
    r"[A-Z][\w.’'\-]+(?:\s+[A-Z][\w.’'\-]+){0,3})\s+(?P<cue>[a-z]+)"
    r"(?:\s+(?:in|on|back|up|out|off|along|again))?(?:\s+[a-z]+ly)?\s*(?:[.!?;]|$)"
)


_VENUES = {"speech", "interview", "book", "memoir", "blog", "page", "account", "feed", "testimony", "address"}
_OWNED = _SAID_NOUNS | _MESSAGES | _VENUES  # "From Kroll's Facebook post:"
_FROM_OWNER_RE = re.compile(r"(?:\b(?i:from|in)\s+|^|[.!?]\s+)(?P<own>[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,3})['’]s?"
                            r"(?:\s+[\w\-]+){0,2}?\s+(?P<noun>[\w\-]+)\s*:\s*$")


def _before(ctx: _Ctx, q: QuoteSpan, lo: int, att: Attribution) -> bool:
    """`X said: “…”` / `X told reporters: “…”` / `According to X, “…”`."""
    seg = ctx.masked[lo : q.outer_start]
    if not seg.strip() or not (re.search(r"[:,]\s*$|\b(?:that|saying)\s*$", seg)
                               or _CUE_END_RE.search(seg)):  # "Protesters chanted “…”"
        return False
    if _label(ctx, lo, seg, att):
        return True
    cues = list(_BEFORE_CUE_RE.finditer(seg))
    # a participle with no subject in the parse ("X responded on Facebook writing, “…”")
    # yields to the verb before it
    while len(cues) > 1 and cues[-1].group("cue").lower().endswith("ing") and _dep_subject(
        ctx, lo + cues[-1].start("cue")
    ) is None:
        cues.pop()
    if not cues:
        own = _FROM_OWNER_RE.search(seg)
        if own and own.group("noun").lower() in _OWNED and _speaker_from_phrase(
            ctx, lo + own.start("own"), lo + own.end("own"), att
        ):  # "From Kroll's Facebook post: “…”"
            att.cue, att.via = ":", "before-owner" + att.via
            return True
        return re.search(r":\s*$", seg) is not None and _colon_frame(ctx, lo + len(seg.rstrip()) - 1, att)
    m = cues[-1]
    tail = seg[m.end() :]
    cue = " ".join(m.group("cue").lower().split())
    if len(tail.split()) > 8:  # "X … said she has the quality for the job: “…”": the verb's subject
        if seg.rstrip().endswith(":") and _speaker_from_subject(ctx, lo + m.start("cue"), att):
            att.cue, att.via = cue, "before-colon" + att.via
            return True
        return False
    inverted = (cue in _INVERTIBLE and m.group("cue")[0].islower() and seg[: m.start()].rstrip().endswith(",")
                and re.match(r"\s*[A-Z]", tail) is not None
                and _person_in(ctx, lo + m.end(), lo + len(seg)) is not None)
    if cue in ("according to", "in the words of") or not seg[: m.start()].strip(_PUNCT + MASK) or inverted:
        a = lo + m.end()  # "According to X, “…”" / "Said Ellis: “…”" / "Of the plan, said Ellis, “…”"
        b = lo + len(seg.rstrip(" ,:"))
    else:
        a, b = lo, lo + m.start()
        if _speaker_from_subject(ctx, lo + m.start("cue"), att):
            att.cue = cue
            att.via = "before" + att.via
            return True
        if cue.endswith("ing"):  # "X emailed supporters saying": the words before are no subject phrase,
            # but a name right before the participle is its subject ("footage of Ada Kroll asking, “…”")
            named = _person_before(ctx, lo + m.start("cue"))
            if named is None:
                return False
            att.speaker_start, att.speaker_end, att.speaker_text = named.start, named.end, named.text
            att.cue, att.via = cue, "before-participle"
            return True
    if _speaker_from_phrase(ctx, a, b, att):
        att.cue = cue
        att.via = "before" + att.via
        return True
    return False


_LABEL_START_RE = re.compile(r"^(?:.*\s[-—–]\s+)?(?:more\s+from\s+)?", re.IGNORECASE)


def _label(ctx: _Ctx, lo: int, seg: str, att: Attribution) -> bool:
    """Transcript and digest layouts: a speaker label, no verb, before a colon: `Rep. Ada Kroll
    (D-Lune): “…”`, `HEADLINE - Ada Kroll: “…”`, `More from Kroll: “…”`."""
    body = seg.rstrip()
    if not body.endswith(":"):
        return False
    body = body[:-1].rstrip()
    start = _LABEL_START_RE.match(body).end()
    label = body[start:]
    a = lo + start
    if not label[:1].isupper() or len(label.split()) > 8 or MASK in label or _BEFORE_CUE_RE.search(label):
        return False
    span = ctx.doc.char_span(a, a + len(label), alignment_mode="expand") if ctx.doc is not None else None
    if span is None and ctx.doc is not None:
        return False
    if span is not None and any(t.pos_ in ("VERB", "AUX") for t in span):
        return False  # "The timing doesn't surprise Ada Kroll:" is a clause, not a label
    trial = Attribution(att.start, att.end, att.kind)
    if not _speaker_from_phrase(ctx, a, a + len(label), trial) or (
        trial.speaker_start is None and not is_name_like(strip_title(trial.speaker_text or "")[0])
    ):
        return False
    att.speaker_text, att.speaker_start, att.speaker_end = trial.speaker_text, trial.speaker_start, trial.speaker_end
    att.role, att.cue, att.via = att.role or trial.role, ":", "label" + trial.via
    return True


def _colon_frame(ctx: _Ctx, colon: int, att: Attribution) -> bool:
    """`X made the following comment: “…”` / `The Times reports: “…”`: with no speech verb
    before the colon, the subject of the clause that introduces the quotation (parse only)."""
    doc = ctx.doc
    tok = _token_at(ctx, colon)
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
    found = _speaker_from_subject(ctx, verb.idx, trial)
    # (a parse may give the verb a second subject after it: its object, see _dep_subject)
    obj = next((c for c in verb.children if c.pos_ == "PROPN" and (
        c.dep_ in ("obj", "dobj") or (c.dep_ == "nsubj" and c.i > verb.i))), None)
    person = None if obj is None else _person_at(ctx, obj.idx)
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


def _pull_quote(ctx: _Ctx, q: QuoteSpan, att: Attribution) -> bool:
    """A quotation alone on its line, then `— Name, role` on the next."""
    paras = [p for p in paragraphs(ctx.text) if p[0] >= q.outer_end]
    if not paras:
        return False
    a, b = paras[0]
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
    person = _person_in(ctx, start, end)
    if person is None:
        person = Person(start, end, name, gender_of_title(title))
        ctx.persons.append(person)
        ctx.persons.sort(key=lambda x: x.start)
    att.speaker_start, att.speaker_end, att.speaker_text = person.start, person.end, person.text
    att.role = m.group("role") or title
    att.cue = "—"
    att.via = "pull-quote"
    return True


def _sentence_subject(ctx: _Ctx, k: int, att: Attribution) -> bool:
    """The first person (or resolved pronoun) of sentence ``k``."""
    a, b = ctx.sentences[k]
    if not ctx.masked[a:b].strip(_PUNCT + MASK + DOUBLE_MARKS):
        return False
    if ctx.doc is not None:  # "…, Schiff said." then a quotation: the one who said it
        cue = _CUE_RE.search(ctx.masked, a, b)
        trial = Attribution(att.start, att.end, att.kind)
        if cue and _speaker_from_subject(ctx, cue.start("cue"), trial) and trial.speaker_start is not None:
            att.speaker_start, att.speaker_end = trial.speaker_start, trial.speaker_end
            att.speaker_text = trial.speaker_text
            att.role = att.role or trial.role
            return True
    person = _person_in(ctx, a, b)
    words = ctx.masked[a:b].split()
    first = words[0].lower() if words else ""
    if first in PRONOUNS and PRONOUNS[first] in ("m", "f") and (person is None or person.start > a + 6):
        ref = _resolve_pronoun(ctx, a, PRONOUNS[first], quoted=ctx.text[att.start : att.end])
        if ref is not None:
            person = ref
    if person is None:
        return False
    att.speaker_start, att.speaker_end, att.speaker_text = person.start, person.end, person.text
    att.role = att.role or role_of(ctx.text, person.start, person.end)
    return True


def _speaker(ctx: _Ctx, q: QuoteSpan, k: int, prev: Attribution | None, para_start: int) -> Attribution:
    att = Attribution(q.start, q.end, "direct")
    sa, sb = ctx.sentences[k]
    nxt = [s.outer_start for s in ctx.spans if s.outer_start >= q.outer_end]
    hi = min([sb, *nxt[:1]]) if nxt and nxt[0] < sb else sb
    prv = [s.outer_end for s in ctx.spans if s.outer_end <= q.outer_start]
    lo = max(sa, prv[-1]) if prv else sa
    if _after(ctx, q, hi, att) or _before(ctx, q, lo, att) or _pull_quote(ctx, q, att):
        return att
    intro = k > 0 and not ctx.masked[lo : q.outer_start].strip() and ctx.masked[:lo].rstrip().endswith(":")
    if intro and _before(ctx, q, ctx.sentences[k - 1][0], att):  # "The Times reports:" then a block quote
        return att
    if prev is not None and prev.speaker_text and prev.start >= para_start and not _other_person_between(ctx, prev, q):
        _inherit(att, prev, "split")
        return att
    if ctx.masked[lo : q.outer_start].strip(_PUNCT):
        return att  # mid-sentence without a cue: handled as partial/scare by the caller
    for j in (k - 1, k + 1):
        if 0 <= j < len(ctx.sentences) and ctx.sentences[j][0] >= para_start and _sentence_subject(ctx, j, att):
            att.via = "neighbour"
            return att
    if prev is not None and prev.speaker_text and prev.speaker_start is not None:
        _inherit(att, prev, "previous paragraph")
    return att


def _other_person_between(ctx: _Ctx, prev: Attribution, q: QuoteSpan) -> bool:
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


def _is_direct(ctx: _Ctx, q: QuoteSpan, lo: int, hi: int) -> bool:
    """A quotation that is a sentence of its own or the object of `X said:`."""
    before = ctx.masked[lo : q.outer_start]
    if not before.strip(_PUNCT + MASK + DOUBLE_MARKS):
        return True
    if re.search(r":\s*$", before):
        return True
    if re.search(rf"\b(?:{_CUE}|{_PARTICIPLE_CUE})(?:\s+\S+){{0,6}}?\s*,\s*$", before, re.IGNORECASE):
        return True
    inner = ctx.text[q.start : q.outer_end]
    after = ctx.masked[q.outer_end : hi]
    ends_inside = bool(re.search(r"[,.!?][”\"»]?\s*$", ctx.text[q.outer_start : q.outer_end].rstrip("”\"»")))
    return ends_inside and bool(re.match(r"^\s*(?:[,—–-]\s*)?\S", after)) and inner[:1].isupper()


_MAIN_AFTER_RE = re.compile(
    r"(?:[^,.;:!?]{0,200}?,)?\s+(?P<subj>(?:he|she|they|it)\b|(?:[A-Z][\w.’'\-]+\s){1,3}(?=\S))"
)


def _partial(ctx: _Ctx, q: QuoteSpan, k: int, att: Attribution) -> tuple[Attribution, Attribution | None]:
    """A quotation inside a sentence: partial with the sentence's speaker, else scare; and
    the reported statement around it (`X said the plan was “a disaster”`), if any."""
    sa, sb = ctx.sentences[k]
    before = ctx.masked[sa : q.outer_start]
    # a cue word the parse makes a noun with no owner is no cue ("offered states billions")
    cues = [c for c in _ANY_CUE_RE.finditer(before) if not _stray_noun(ctx, sa + c.start("cue"))]
    around = None
    if cues and not att.speaker_text:
        m = cues[-1]
        cue = " ".join(m.group("cue").lower().split())
        if cue in ("according to", "in the words of"):
            end = _PHRASE_END_RE.search(ctx.masked, sa + m.end() + 1, q.outer_start)
            _speaker_from_phrase(ctx, sa + m.end(), end.start() if end else q.outer_start, att)
        else:
            # the parse's subject of the nearest speech word that has one ("She says X's
            # tweets accusing Y are “lies”": she, not the tweets)
            parsed = next((c for c in reversed(cues) if _speaker_from_subject(ctx, sa + c.start("cue"), att)), None)
            if parsed is not None and _nominal(ctx, sa + parsed.start("cue")):
                # "X told CNN that Y's comments “…”": the words are X's report, not Y's comments
                for c in reversed(cues[: cues.index(parsed)]):
                    trial = Attribution(att.start, att.end, att.kind)
                    if not _nominal(ctx, sa + c.start("cue")) and _speaker_from_subject(
                        ctx, sa + c.start("cue"), trial
                    ) and trial.speaker_start is not None:
                        att.speaker_text, att.speaker_start, att.speaker_end = (trial.speaker_text, trial.speaker_start,
                                                                                trial.speaker_end)
                        att.role, att.via, parsed = trial.role, trial.via, c
                        break
            if parsed is None and not _speaker_from_phrase(ctx, sa, sa + m.start(), att) and (
                m.group("cue").lower().endswith("ing")
            ):  # "After saying her foot was “swollen,” she was …": the main clause's subject
                main = _MAIN_AFTER_RE.match(ctx.masked, q.outer_end)
                if main:
                    _speaker_from_phrase(ctx, main.start("subj"), main.end("subj"), att)
            m = parsed or m
            cue = " ".join(m.group("cue").lower().split())
            around = _complement(ctx, sa + m.end(), sb, att)
        att.cue = cue
        att.via = "partial" + att.via
    elif not cues and "," in ctx.text[q.end : q.outer_end + 1] and _after(ctx, q, sb, att):  # "…, “x,” he said."
        att.via = "partial-" + att.via
    elif not cues and (verb_end := _clause_subject(ctx, q, sa, att)):  # "X likened the plan to a “time bomb”"
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


def _token_at(ctx: _Ctx, pos: int) -> Token | None:
    """The parse's token covering the character at ``pos`` (None without a parse)."""
    if ctx.doc is None or pos >= len(ctx.doc.text):
        return None
    span = ctx.doc.char_span(pos, pos + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _nominal(ctx: _Ctx, pos: int) -> bool:
    """The word at ``pos`` is a noun, or a participle describing one ("X's tweets accusing Y")."""
    tok = _token_at(ctx, pos)
    return tok is not None and (tok.pos_ == "NOUN" or (tok.tag_ == "VBG" and tok.dep_ == "acl"
                                                      and tok.head.pos_ == "NOUN"))


def _stray_noun(ctx: _Ctx, pos: int) -> bool:
    """The word at ``pos`` is a noun without a possessor ("states", not "Kroll's claim")."""
    tok = _token_at(ctx, pos)
    return tok is not None and tok.pos_ == "NOUN" and not any(
        c.dep_ in ("nmod:poss", "poss") for c in tok.children
    )


def _clause_subject(ctx: _Ctx, q: QuoteSpan, sa: int, att: Attribution) -> int:
    """The person who is the subject of the verb governing a quotation inside a sentence
    ("X likened the refugees to a “vicious snake”", "X blasted Y as a “disgrace”"): the
    words are theirs even without a speech verb (parse only; a person named before the verb,
    not "the bill"). Returns the end of the verb (0 when there is no such person)."""
    doc = ctx.doc
    if doc is None or q.end > len(doc.text):
        return 0
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or not len(span):
        return 0
    verb = span.root
    while verb.pos_ != "VERB" and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ != "VERB" or not sa <= verb.idx < q.outer_start:
        return 0
    trial = Attribution(att.start, att.end, att.kind)
    known = list(ctx.persons)
    found = _speaker_from_subject(ctx, verb.idx, trial)
    person = next((p for p in known if (p.start, p.end) == (trial.speaker_start, trial.speaker_end)), None)
    ctx.persons[:] = known  # a capitalised subject ("Workers") is no new person here
    if not found or person is None or not _strong(ctx, person):
        return 0
    if not sa <= trial.speaker_start < verb.idx or "pronoun" in trial.via:
        return False  # a person named in this sentence, before the verb
    att.speaker_text, att.speaker_start, att.speaker_end = trial.speaker_text, trial.speaker_start, trial.speaker_end
    att.role, att.via = att.role or trial.role, trial.via
    return verb.idx + len(verb.text)


def _complement(ctx: _Ctx, a: int, b: int, att: Attribution) -> Attribution | None:
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

_INDIRECT_RE = re.compile(
    rf"^(?P<subj>[^,;:{MASK}]{{2,120}}?(?:,[^,;{MASK}]{{2,100}},)?)\s+{_AUX}(?P<cue>said|says|told\s+[^,.;{MASK}]{{1,60}}?(?=\s+(?:(?:this|last|on)\s+\w+\s+)?that\s)|"
    rf"added|argued|insisted|warned|claimed|stated|explained|noted|predicted|acknowledged|admitted|"
    rf"announced|confirmed|maintained|contended|believes|reported)\s+(?:(?:on|last|this|earlier|late|in)\s+\w+\s+)?(?:that\s+)?(?P<content>.{{12,}})$",
    re.IGNORECASE,
)
_INDIRECT_TAIL_RE = re.compile(
    rf"^(?P<content>.{{12,}}?),\s+(?:(?P<subj1>[^,;:{MASK}]{{2,80}}?)\s+{_AUX}(?P<cue1>said|says|added|told\s+[^,.;{MASK}]{{1,40}})|"
    rf"(?P<cue2>said|says|added|according\s+to)\s+(?!(?:on|in|at|to|from|during|after|before|last|this|with|by|"
    rf"for|that|yesterday|today|earlier|later)\b)(?P<subj2>[^;:{MASK}]{{2,100}}?))$",
    re.IGNORECASE,
)
_ACCORDING_HEAD_RE = re.compile(rf"^According\s+to\s+(?P<subj>[^,;{MASK}]{{2,100}}?),\s+(?P<content>.{{12,}})$")


def _indirect(ctx: _Ctx, a: int, b: int) -> Attribution | None:
    """`X said (that) …` / `…, X said.` / `…, according to X.` in a sentence with no quotation."""
    text = ctx.masked[a:b].rstrip()
    text = text[:-1] if text.endswith((".", "!")) else text
    for rx in (_ACCORDING_HEAD_RE, _INDIRECT_RE, _INDIRECT_TAIL_RE):
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
        if not _speaker_from_phrase(ctx, a + sa, a + sb, att):
            return None
        if att.speaker_start is None and att.speaker_text and att.speaker_text.split()[0].lower() in (
            "it", "this", "that", "there", "what", "which"
        ):
            return None
        return att
    return None


# ---------------------------------------------------------------------------- API


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
        others = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("ORG", "LOC", "GPE", "NORP", "FAC")]
        found = [p for p in found if not any(a <= p.start and p.end <= b for a, b in others)]
    if persons:  # where NER and the rules overlap, the longer span wins (NER's on a tie)
        def beaten(p: Person, others: list[Person], strict: bool) -> bool:
            return any(o.start < p.end and p.start < o.end
                       and (o.end - o.start > p.end - p.start or (not strict and o.end - o.start == p.end - p.start))
                       for o in others)

        ner = [p for p in persons if not beaten(p, found, strict=True)]
        found = [p for p in found if not beaten(p, persons, strict=False)]
        persons = sorted([*ner, *found], key=lambda p: p.start)
    else:
        persons = found
    persons = add_surname_mentions(text, masked, [_whole_name(text, p) for p in persons
                                                  if MASK not in masked[p.start : p.end]
                                                  and p.text.rstrip(".").lower() not in _TITLE_STEMS])  # "Sen"
    ctx = _Ctx(text, framed, spans, persons, doc=doc)
    for lo, hi in paragraphs(text):
        ctx.sentences.extend(sentence_spans(masked, lo, hi))
    _infer_genders(ctx)
    out: list[Attribution] = []
    prev: Attribution | None = None
    para_starts = [p[0] for p in paragraphs(text)]
    for q in spans:
        k = ctx.sentence_at(q.outer_start)
        para_start = max([p for p in para_starts if p <= q.outer_start], default=0)
        sa, sb = ctx.sentences[k]
        prv = [s.outer_end for s in spans if s.outer_end <= q.outer_start]
        lo = max(sa, prv[-1]) if prv else sa
        inner = text[q.start : q.end]
        mid = bool(masked[lo : q.outer_start].strip(_PUNCT + MASK + DOUBLE_MARKS))
        if mid and _is_title_case_name(inner) and not _is_direct(ctx, q, lo, sb):
            continue  # a name or title in quotation marks
        if mid and _TITLED_RE.search(masked[lo : q.outer_start]) and _is_title_case_name(inner.rstrip(",."), 14):
            continue  # the editorial, entitled “A Name for It,” ran …
        if _is_direct(ctx, q, lo, sb):
            att = _speaker(ctx, q, k, prev, para_start)
        else:
            att, around = _partial(ctx, q, k, Attribution(q.start, q.end, "partial"))
            if around is not None and not any(x.start == around.start and x.end == around.end for x in out):
                out.append(around)
        out.append(att)
        if att.speaker_start is not None:
            ctx.speakers.add(att.speaker_text or "")
        if att.kind == "direct" or att.via.startswith("partial-after"):
            prev = att  # a split quotation goes on from it ("…, “…,” X said. “…”")
    # reported speech, also around partial quotes ("X said the plan was “a disaster”")
    quoted = [(x.start, x.end) for x in out if x.kind in ("direct", "indirect")]
    for a, b in ctx.sentences:
        if any(qa < b and a < qb for qa, qb in quoted):
            continue
        att = _indirect(ctx, a, b)
        if att is not None:
            out.append(att)
    out.sort(key=lambda x: x.start)
    return out, ctx.persons
