"""Clean scraped plain text: body paragraphs apart from titles, bylines, captions and junk.

Every non-empty input line ends in exactly one place: the body ``text``, ``captions``,
or ``removed`` with a reason (metadata lines such as the title and byline are recorded
there too, with a ``metadata:`` reason), so nothing is thrown away.

A body an extractor already chose (trafilatura's, for HTML) is trusted: only lines with
strong evidence (the lexicon, metadata and credit forms, captions) leave it, the scored
classifier never runs on it, and it is never emptied.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from newsloom.clean import credit
from newsloom.clean.lines import LineStats, features, is_substantive, score, words
from newsloom.clean.sentences import sentence_count
from newsloom.lang import alternation
from newsloom.lang.en.boilerplate import BOILERPLATE, BOX_HEADINGS, CAPTION_CUES, METADATA_LABELS
from newsloom.lang.en.bylines import BYLINE_LEADS, NAME_LINKS
from newsloom.lang.en.calendar import MONTH_PATTERN, WEEKDAYS
from newsloom.model import RemovedLine


def compile_phrases(phrases: Iterable[str]) -> re.Pattern[str]:
    """One regex for ``phrases`` (regex sources), each matching a whole line, ignoring case."""
    return re.compile(r"^(?:" + "|".join(phrases) + r")$", re.IGNORECASE)


BOILERPLATE_RE = {reason: compile_phrases(p) for reason, p in BOILERPLATE.items()}
BOX_RE = compile_phrases(BOX_HEADINGS)
LABEL_RE = re.compile(r"^" + METADATA_LABELS + r"\s*:?\s*$", re.IGNORECASE)
CAPTION_RE = re.compile("|".join(CAPTION_CUES), re.IGNORECASE)
_DATE = (
    rf"(?:{MONTH_PATTERN}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+{MONTH_PATTERN}\.?,?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
)
_DATE_RE = re.compile(_DATE)
_DATE_LINE_RE = re.compile(
    rf"^(?:(?:date|published|posted|updated|last updated|posted on|published on)\s*:?\s*)?"
    rf"(?:(?:{alternation(WEEKDAYS)}),?\s+)?(?P<date>{_DATE})"
    r"(?:\s*(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?)?\.?$",
    re.IGNORECASE,
)
_CAPTION_DATE_END_RE = re.compile(rf",\s*{_DATE}\.?\s*$")
# A name token in any script: letters with inner apostrophes or hyphens ("O’Neill", "Weiß",
# "Okonjo-Hale"), or an initial. Capitals are checked in byline_name: the regex ignores case.
_LETTER = r"[^\W\d_]"
_NAME_TOKEN = rf"(?:{_LETTER}+(?:['’\-]{_LETTER}+)*|{_LETTER}\.)"
_LINK = "".join(rf"{w}\s+|" for w in NAME_LINKS)  # "and\s+|&\s+|…": a link, then "al-" glued on
_BYLINE_RE = re.compile(
    rf"^(?:{'|'.join(BYLINE_LEADS)})\s+"
    rf"(?P<name>{_NAME_TOKEN}(?:\s+(?:{_LINK}al-)?{_NAME_TOKEN}){{1,5}})"
    r"(?:\s*[,|]\s*[\w .]{0,40})?$",
    re.IGNORECASE,
)
_NOT_NAMES = re.compile(rf"\b(?:{MONTH_PATTERN}|{alternation(WEEKDAYS)}|The)\b")
_BREADCRUMB_SEP_RE = re.compile(r"\s(?:›|»|>|/|\||·|→)\s")


@dataclass
class CleanText:
    """What the plain-text cleaner found."""

    text: str = ""
    title: str | None = None
    byline: str | None = None
    published: str | None = None
    dateline: str | None = None
    credited_source: str | None = None
    cited_outlets: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    removed: list[RemovedLine] = field(default_factory=list)


def is_own_outlet(name: str, site: str | None) -> bool:
    """True when ``name`` is the site itself, its initials ("CW" for Coastline Wire) or the code
    its host spells ("UAN" on uanewswire.in)."""
    if not site:
        return False
    words = [w for w in re.split(r"[\s.\-]+", site) if w and w.lower() not in {"the", "www"}]
    initials = "".join(w[0] for w in words).upper()
    # whole words or host labels only: "AP" is not the outlet of scraper5.net
    runs = {"".join(words[i:j]).lower() for i in range(len(words)) for j in range(i + 1, len(words) + 1)}
    compact = re.sub(r"[\W_]+", "", name.lower())
    return compact in runs or name.upper() == initials or (" " not in site and compact in credit.host_codes(site))


def parse_date(text: str) -> str | None:
    """An ISO date (YYYY-MM-DD) for a date string, or None."""
    import dateparser  # imported lazily: it is slow to import and rarely needed

    value = dateparser.parse(
        text, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": False}
    )
    return value.date().isoformat() if value else None


def byline_name(line: str) -> str | None:
    """The name in a "By Jürgen Weiß" line, or None."""
    m = _BYLINE_RE.match(line.strip())
    if not m or _NOT_NAMES.search(m.group("name")) or len(words(line)) > 12:
        return None
    name = m.group("name")
    tokens = [t.removeprefix("al-") for t in name.split() if t.lower() not in NAME_LINKS]
    return name if all(t[:1].isupper() for t in tokens) else None


def is_caption(line: str) -> bool:
    """A photo caption: credit cues, or one sentence ending ", <full date>." (wire style)."""
    if CAPTION_RE.search(line):
        return True
    if not _CAPTION_DATE_END_RE.search(line) or any(c in line for c in "\"“”"):
        return False
    return len(words(line)) <= 50 and sentence_count(line) == 1


def is_breadcrumb(line: str, next_line: str | None) -> bool:
    """"Home › News › Title" or "Home Latest News Title" (the title line follows)."""
    if not re.match(r"^home\b", line, re.IGNORECASE) or line.rstrip().endswith("."):
        return False
    if _BREADCRUMB_SEP_RE.search(line):
        return True
    return bool(next_line) and line.rstrip().endswith(next_line.strip())


def whole_line_junk(line: str) -> str | None:
    """The reason a line is furniture on its own (lexicon, empty label), or None."""
    bare = line.strip(" |").rstrip(".!:").strip()  # " |": a one-cell table row of trafilatura's
    if LABEL_RE.match(line.strip()):
        return f"empty metadata label '{line.strip()}'"
    for reason, rx in BOILERPLATE_RE.items():
        if rx.match(bare):
            return reason
    return None


def clean_text(
    raw: str,
    *,
    title_hint: str | None = None,
    site: str | None = None,
    stats: LineStats | None = None,
    extracted: bool = False,
) -> CleanText:
    """Split ``raw`` into body, metadata, captions and junk (see module docstring).

    ``extracted``: ``raw`` is a body an extractor chose, not a whole scraped page.
    """
    out = CleanText(title=title_hint)
    units = [(i, line.strip()) for i, line in enumerate(raw.split("\n")) if line.strip()]
    n = len(units)
    label: dict[int, tuple[str, str]] = {}  # unit index -> (kind, reason)

    def drop(k: int, reason: str) -> None:
        label[k] = ("removed", reason)

    body_units = [k for k, (_, line) in enumerate(units) if is_substantive(line)]
    first_body = body_units[0] if body_units else n
    last_body = body_units[-1] if body_units else -1

    # 1. Lines that are what they are on their own.
    for k, (_, line) in enumerate(units):
        if k in label:
            continue
        nxt = units[k + 1][1] if k + 1 < n else None
        in_edge = k < first_body or k > last_body
        if is_breadcrumb(line, nxt):
            drop(k, "navigation breadcrumb")
        elif BOX_RE.match(line.strip().rstrip(":")):
            drop(k, f"editorial box '{line.strip()}'")
            if nxt is not None and not is_caption(nxt):
                drop(k + 1, f"editorial box '{line.strip()}' content")
        elif (outlet := credit.credit_from_line(line)) and (
            in_edge or len(words(line)) <= 12 or credit.house_style_credit(line)
        ):
            drop(k, f"credit line: {outlet}")
            if not is_own_outlet(outlet, site):  # "© 2025 The Site. All rights reserved." credits no one
                out.credited_source = out.credited_source or outlet
        elif (name := byline_name(line)) and in_edge:
            drop(k, "metadata: byline")
            out.byline = out.byline or name
        elif (m := _DATE_LINE_RE.match(line)) and in_edge:
            drop(k, "metadata: date")
            out.published = out.published or parse_date(m.group("date"))
        elif credit.dateline(line)[0]:
            label[k] = ("body", "")  # "CITY (AP) — …" opens the story, however short
        elif reason := whole_line_junk(line):
            drop(k, reason)
        elif is_caption(line):
            label[k] = ("caption", "caption")

    # 2. The title: a hinted title line, else the first short unlabelled head line.
    for k in range(min(first_body, n)):
        line = units[k][1]
        if k in label:
            continue
        if title_hint and " ".join(line.split()) == " ".join(title_hint.split()):
            drop(k, "metadata: title")
            break
        if title_hint or extracted or credit.dateline(line)[0]:
            continue  # a dateline opens the body, it is no title; an extractor's body has none
        n_words = len(words(line))
        # A headline has no full stop, except a short one-sentence first line (some feeds add one).
        headline = 2 <= n_words <= 30 and not line.endswith(".")
        if headline or (k == 0 and 2 <= n_words <= 15 and sentence_count(line) == 1):
            drop(k, "metadata: title")
            out.title = line
            break
    # No title found while a body follows: some scrapers glue the title to the body as its
    # first line of prose, which is left there.

    # 3. Score the rest, unless an extractor chose the body: the score is weak evidence
    # that its short lines (subheads, list items, one-line quotes) are furniture.
    for k, (_, line) in [] if extracted else enumerate(units):
        if k in label or k in body_units:
            continue
        zone = "head" if k < first_body else "tail" if k > last_body else "middle"
        repeats = stats.documents_with(site, line) - 1 if stats else 0
        total, reason = score(features(line, zone, repeats))
        if total > 0:
            drop(k, reason)

    if extracted and all(label.get(k, ("body",))[0] != "body" for k in range(n)):
        label.clear()  # every line looked like furniture: the extractor's judgement stands

    # 4. Assemble.
    body: list[str] = []
    for k, (lineno, line) in enumerate(units):
        kind, reason = label.get(k, ("body", ""))
        if kind == "removed":
            out.removed.append(RemovedLine(text=line, reason=reason, line=lineno))
        elif kind == "caption":
            out.captions.append(line)
        else:
            body.append(line)
    out.text = "\n\n".join(body)

    for paragraph in body[:3]:  # a lead may follow a standfirst or a "The Latest" line
        place, _date, agency = credit.dateline(paragraph)
        if place or agency:
            out.dateline = place
            if agency and credit.is_agency_name(agency) and not is_own_outlet(agency, site):
                out.credited_source = out.credited_source or agency
            break
    for paragraph in body[:3]:
        if out.credited_source:
            break
        out.credited_source = credit.trailing_report_credit(paragraph)
    for paragraph in body[-2:]:  # a wire's sign-off may end the last paragraph
        if out.credited_source:
            break
        out.credited_source = credit.house_style_credit(paragraph)
    out.cited_outlets = [o for o in credit.cited_outlets(out.text) if o != out.credited_source]
    return out
