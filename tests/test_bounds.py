"""Hostile documents: every article stage is linear in the text, and the NLP-driven analysis
reads a bounded prefix (``Article.analysed_chars``). All texts are invented."""

from __future__ import annotations

import random
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from newsloom import attribution
from newsloom.model import Article, RawDocument
from newsloom.nlp import ANALYSED_CHARS, analysed_length, english
from newsloom.stages import article_stages
from newsloom.timeline import dates, figures
from newsloom.work import analyse, prepare

GUARD_S = 60  # generous: each input takes seconds; the quadratic paths took many minutes
_WORDS = ("harbour crane ledger parcel violet quarry lantern meadow copper signal orchard ferry "
          "granite whistle marble tunnel beacon saddle timber cobalt pebble thistle").split()
_NAMES = ["Ada Kroll", "Wes Tamaki", "Ines Varga", "Tomas Ruiz"]


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(n))


def one_quotation(size: int) -> str:
    """One paragraph: a speaker, then a quotation of many sentences."""
    rng = random.Random(1)
    parts = ["Ada Kroll said on Monday: “"]
    n = len(parts[0])
    while n < size:
        s = _words(rng, rng.randint(6, 16)).capitalize() + rng.choice([". ", "! ", "? ", ", said Ada Kroll. "])
        parts.append(s)
        n += len(s)
    return "".join(parts) + "”"


def unpunctuated(size: int) -> str:
    """Words, no punctuation, no line break."""
    rng = random.Random(2)
    return " ".join(rng.choice(_WORDS) for _ in range(size // 6))


def quotation_list(lines: int) -> str:
    """A list of short quoted lines, each with a speaker, a figure and a date."""
    rng = random.Random(3)
    return "\n".join(f"- {rng.choice(_NAMES)} said: “{_words(rng, 5).capitalize()} {i} tonnes.” "
                     f"She added it was on March {i % 28 + 1}." for i in range(lines))


HOSTILE: dict[str, Callable[[], str]] = {
    "1 MB one quotation": lambda: one_quotation(1_000_000),
    "5 MB unpunctuated words": lambda: unpunctuated(5_000_000),
    "200,000 quotation marks": lambda: "The crowd wrote " + '"' * 200_000 + " on the wall.",
    "10,000-line list": lambda: quotation_list(10_000),
}


@contextmanager
def guard(seconds: int) -> Iterator[None]:
    """Fail (rather than hang) when the block runs past ``seconds``."""
    def expire(_signum: int, _frame: object) -> None:
        raise TimeoutError(f"over {seconds} s")

    old = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@pytest.fixture(scope="module")
def stages() -> list:
    return article_stages()


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_document_is_analysed_up_to_the_bound(name: str, stages: list) -> None:
    text = HOSTILE[name]()
    with guard(GUARD_S):
        article, analysis = analyse(prepare(RawDocument(source=name, text=text)), stages)
    n = article.analysed_chars
    assert n is not None and 0 < n <= ANALYSED_CHARS < len(article.text)
    found = [*((a.start, a.end) for a in analysis.attributions),
             *((m.start, m.end) for e in analysis.entities for m in e.mentions),
             *((d.start, d.end) for d in article.dates), *((f.start, f.end) for f in article.figures)]
    assert all(0 <= a <= b <= n for a, b in found)  # offsets into the text, inside the prefix


def test_prefix_ends_at_a_paragraph_or_sentence() -> None:
    paras = "\n".join(f"Paragraph {i} says the ferry left. It came back." for i in range(5000))
    n = analysed_length(paras)
    assert n <= ANALYSED_CHARS and paras[n] == "\n"
    one = one_quotation(300_000)
    n = analysed_length(one)
    assert n <= ANALYSED_CHARS and one[n - 2 : n] in (". ", "! ", "? ")
    assert analysed_length('"' * 200_000) == ANALYSED_CHARS  # no break at all: the limit


def test_short_article_is_analysed_whole(stages: list) -> None:
    text = "Ada Kroll said: “The ferry will sail on Monday.” The port spent $5 million on it."
    article, analysis = analyse(prepare(RawDocument(source="short", text=text)), stages)
    assert article.analysed_chars is None and article.dates and article.figures
    assert analysis.attributions


def test_corpus_reanalysis_honours_the_prefix() -> None:
    text = quotation_list(4_000)
    article = Article(id="long", source="long", fingerprint="long", text=text)
    analysis = attribution.analyse_parsed(article)
    assert article.analysed_chars is not None and article.analysed_chars < len(text)
    assert analysis.attributions and all(a.end <= article.analysed_chars for a in analysis.attributions)


def test_no_english_nlp_for_another_language() -> None:
    text = ("Ada Kroll sagte am Montag: „Die Fähre fährt am 3. März.“ Der Hafen kostete 5 Millionen Euro. "
            "Tomas Ruiz said: “We will build it.”")
    article = Article(id="de", source="de", fingerprint="de", text=text, language="de")
    assert not english(article)
    analysis = attribution.analyse_parsed(article)
    assert not analysis.attributions and not analysis.entities
    article = figures.stage(dates.stage(article))
    assert not article.dates and not article.figures and article.analysed_chars == 0
    for lang in (None, "en", "en-GB"):
        article.language = lang
        assert english(article)
