"""Quoted spans in an article: quotation marks paired by glyph and context.

Curly quotes, straight quotes and guillemets are classed as opening or closing by the
glyph *and* by what surrounds them (a “ glued to the end of a word closes, a " after a space
opens), so mis-typed and straight marks pair up as well as typographic ones. A quote left
open is capped at the end of its paragraph — unless the next paragraph opens with a quote
mark, the news convention for a quotation running over several paragraphs — so an
unbalanced mark never swallows the rest of the article. Single quotes (‘…’) count only in
a paragraph with no double quotes, where they are the house style (headlines, British copy).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsloom.clean.sentences import paragraphs

OPENERS = "“„«"
CLOSERS = "”»"
STRAIGHT = '"'
DOUBLE_MARKS = OPENERS + CLOSERS + STRAIGHT
MASK = "\u2588"  # stands in for quoted text, so its full stops split no sentence
_LEFT_OPEN_CTX = "([{—–-/:;"  # a mark after these opens
_RIGHT_CLOSE_CTX = ".,;:!?)]}—–-…"  # a mark before these closes


@dataclass
class QuoteSpan:
    """One quotation: ``start``/``end`` bound its content (marks excluded).

    ``outer_start``/``outer_end`` include the marks; ``closed`` is False when the quote
    was capped at a paragraph end for want of a closing mark.
    """

    start: int
    end: int
    outer_start: int
    outer_end: int
    closed: bool = True


def _role(text: str, i: int, lo: int, hi: int) -> str:
    """'open', 'close' or 'either' for the mark at ``text[i]`` inside paragraph [lo, hi)."""
    c = text[i]
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    left_open = prev.isspace() or prev in _LEFT_OPEN_CTX or prev in DOUBLE_MARKS
    right_close = nxt.isspace() or nxt in _RIGHT_CLOSE_CTX or nxt in DOUBLE_MARKS
    if c in OPENERS:
        return "close" if (right_close and not left_open) else "open"
    if c in CLOSERS:
        return "open" if (left_open and not right_close) else "close"
    if left_open and not right_close:
        return "open"
    if right_close and not left_open:
        return "close"
    return "either"


def _content(text: str, a: int, b: int) -> tuple[int, int]:
    """Trim whitespace, and one trailing comma or full stop (the contract's convention)."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a and text[b - 1] in ",.":
        b -= 1
    return a, b


def _opens_with_quote(text: str, lo: int, hi: int) -> bool:
    return lo < hi and text[lo] in OPENERS + STRAIGHT


def _single_quotes(text: str, lo: int, hi: int) -> list[QuoteSpan]:
    """‘…’ spans closed within the paragraph (an apostrophe is never taken for a mark)."""
    out: list[QuoteSpan] = []
    i = lo
    while i < hi:
        if text[i] == "‘" and (i == lo or not text[i - 1].isalnum()):
            j = i + 1
            while j < hi:
                if text[j] == "’" and (j + 1 >= hi or not text[j + 1].isalnum()) and not text[j - 1].isspace():
                    break
                j += 1
            if j < hi and j > i + 1:
                a, b = _content(text, i + 1, j)
                out.append(QuoteSpan(a, b, i, j + 1))
                i = j
        i += 1
    return out


def _wrapper(text: str, lo: int, hi: int) -> set[int]:
    """Straight marks a scraper wrapped round a paragraph that has its own curly ones
    ("\"“…,” Kroll said.\""): the leading one, and a trailing one after a closing mark or
    full stop."""
    end = text[lo:hi].rstrip()
    if not (end.startswith(STRAIGHT) and end[1:2] in OPENERS):
        return set()
    last = lo + len(end) - 1
    return {lo, last} if text[last] == STRAIGHT and text[last - 1] in CLOSERS + ".!?" else {lo}


_DOUBLE_MARK_RE = re.compile(f"[{re.escape(DOUBLE_MARKS)}]")


def find_spans(text: str) -> list[QuoteSpan]:
    """Every quotation in ``text``, in order; multi-paragraph quotations are one span."""
    spans: list[QuoteSpan] = []
    paras = paragraphs(text)
    carry: int | None = None  # opening offset of a quote running on from the last paragraph
    for k, (lo, hi) in enumerate(paras):
        if not _DOUBLE_MARK_RE.search(text, lo, hi):
            if carry is None:
                spans.extend(_single_quotes(text, lo, hi))
            continue
        depth = 0
        opened = -1
        noise = _wrapper(text, lo, hi)
        for i in range(lo, hi):
            if text[i] not in DOUBLE_MARKS or i in noise:
                continue
            role = _role(text, i, lo, hi)
            if role == "either":
                role = "close" if depth else "open"
            if role == "open":
                if depth == 0:
                    opened = carry if (carry is not None and i == lo) else i
                depth = 1 if text[i] == STRAIGHT else depth + 1  # straight marks never nest
                carry = None
            elif depth:
                depth -= 1
                if depth == 0:
                    a, b = _content(text, opened + 1, i)
                    if b > a:
                        spans.append(QuoteSpan(a, b, opened, i + 1))
        carry = None
        if depth:
            nxt = paras[k + 1] if k + 1 < len(paras) else None
            if nxt is not None and _opens_with_quote(text, *nxt):
                carry = opened  # the quotation goes on in the next paragraph
            else:
                a, b = _content(text, opened + 1, hi)
                if b > a:
                    spans.append(QuoteSpan(a, b, opened, hi, closed=False))
    return spans
