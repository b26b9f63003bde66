"""The HTML path keeps the body trafilatura chose, less only lines with strong furniture evidence.

Pages are built here from invented stories and outlets.
"""

from __future__ import annotations

import unicodedata

from newsloom.clean import clean
from newsloom.clean.text import byline_name, clean_text
from newsloom.model import RawDocument

LEAD = (
    "The Marrowdale town council voted on Tuesday to reopen the old ferry landing for the "
    "summer, after two years in which the pier stood fenced off and the boats sailed from Fenwick instead."
)
SECOND = (
    "Councillor Ilse Varga said the repairs had cost less than feared, and that the harbour "
    "board would pay for the new railings out of its own reserve rather than raise the mooring fees."
)
THIRD = (
    "Shop owners on the quay welcomed the decision, saying that the loss of the ferry trade "
    "had cut their takings by a third in each of the past two summers."
)


def page(*body: str, title: str = "Marrowdale ferry landing to reopen", head: str = "") -> str:
    """An invented news page: site chrome around an article whose blocks are ``body``."""
    blocks = "\n".join(body)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | The Marrowdale Lantern</title>
<meta property="og:site_name" content="The Marrowdale Lantern">{head}</head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article><h1>{title}</h1>
{blocks}
</article></main>
<footer><p>© 2031 The Marrowdale Lantern. All rights reserved.</p></footer>
</body></html>"""


def html_article(html: str):
    return clean(RawDocument(source="lantern.html", html=html, url="https://lantern.example/ferry"))


def test_short_body_lines_trafilatura_keeps_are_kept():
    # Subheads and a closing fact list are short and unpunctuated: the scored classifier
    # calls such lines furniture, but they are part of the article trafilatura chose.
    facts = ["Opening day: 1 June", "Crossings: six a day", "Fare: two crowns"]
    html = page(
        f"<p>{LEAD}</p>", "<h2>Who pays for it</h2>", f"<p>{SECOND}</p>", f"<p>{THIRD}</p>",
        "<h2>The timetable</h2>", "<ul>" + "".join(f"<li>{f}</li>" for f in facts) + "</ul>",
    )
    text = html_article(html).text
    for line in (LEAD, SECOND, THIRD, "Who pays for it", "The timetable", *facts):
        assert line in text


def test_furniture_lines_inside_the_body_go_and_nothing_else():
    html = page(
        f"<p>{LEAD}</p>", "<p>Share this article</p>", f"<p>{SECOND}</p>",
        "<p>Lesen Sie auch: Fenwick plant neue Kaimauer</p>", f"<p>{THIRD}</p>",
        "<h2>What happens next</h2>",
        "<p>The landing opens on the first of June.</p>",
    )
    article = html_article(html)
    reasons = {r.text: r.reason for r in article.removed}
    assert reasons["Share this article"] == "share prompt"
    assert reasons["Lesen Sie auch: Fenwick plant neue Kaimauer"] == "related links"
    assert article.text.split("\n\n") == [
        LEAD, SECOND, THIRD, "What happens next", "The landing opens on the first of June.",
    ]


def test_a_body_trafilatura_finds_is_never_emptied():
    # A short notice of fragments (all of them "furniture" to the scorer) is still the page's body.
    notices = ["Harbour road closed Friday.", "Diversion via Kiln Lane.", "Ferry landing open from 1 June."]
    html = page(*(f"<p>{n}</p>" for n in notices), title="Town notices")
    text = html_article(html).text
    assert text.strip()
    assert all(n in text for n in notices)
    # Even a body of lexicon furniture alone stays: the extractor found nothing better.
    assert clean_text("Share this\nLeave a comment", extracted=True).text == "Share this\n\nLeave a comment"


def test_xhtml_page_with_an_encoding_declaration_is_read():
    html = '<?xml version="1.0" encoding="UTF-8"?>\n' + page(f"<p>{LEAD}</p>", f"<p>{SECOND}</p>")
    assert LEAD in html_article(html).text


def test_text_is_nfc_as_trafilatura_returns_it():
    decomposed = unicodedata.normalize("NFD", "Jürgen Weiß of the Fährverein said the café would reopen too.")
    text = html_article(page(f"<p>{LEAD}</p>", f"<p>{decomposed}</p>", f"<p>{SECOND}</p>")).text
    assert unicodedata.normalize("NFC", decomposed) in text


def test_tables_in_the_article_are_kept():
    table = ("<table><tr><th>Route</th><th>Crossings</th></tr>"
             "<tr><td>Marrowdale to Fenwick</td><td>six a day</td></tr></table>")
    text = html_article(page(f"<p>{LEAD}</p>", table, f"<p>{SECOND}</p>")).text
    assert "Marrowdale to Fenwick" in text


def test_unicode_bylines():
    assert byline_name("By Jürgen Weiß") == "Jürgen Weiß"
    assert byline_name("By Åsa Öberg and Łukasz Żak") == "Åsa Öberg and Łukasz Żak"
    assert byline_name("by the way, nobody came") is None
    out = clean_text(f"Ferry landing to reopen\nBy Jürgen Weiß\n{LEAD}\n{SECOND}")
    assert out.byline == "Jürgen Weiß"
    assert "Jürgen" not in out.text
