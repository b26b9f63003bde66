"""Quotes across outlets on every surface (store, exports, web pages), direct quotes kept
apart from reported speech, and no quotation or reported statement starting in a dateline."""

from __future__ import annotations

import csv
import json
import re
import sqlite3
import warnings
from pathlib import Path

import pytest

from newsloom.clean import clean
from newsloom.export import CSV_FIELDS, quotes_csv_path, write_csv, write_jsonl
from newsloom.model import Article, RawDocument
from newsloom.quotes.attribute import attribute
from newsloom.store import Store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from newsloom.web import create_app  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
FIXTURES = Path(__file__).parent / "fixtures"
MARKS = "\"'“”‘’«»„"


@pytest.fixture(scope="module")
def demo_db(demo_dir, tmp_path_factory) -> Path:
    import newsloom

    db = tmp_path_factory.mktemp("surfaces") / "demo.db"
    newsloom.analyze([demo_dir], db=db)
    return db


@pytest.fixture(scope="module")
def demo_quotes(demo_db) -> dict[str, dict]:
    """The demo's quotes as the store gives them (``same_as`` read off the groups), by id."""
    with Store(demo_db) as store:
        return {q.id: q.to_dict() for q in store.quotes()}


@pytest.fixture(scope="module")
def client(demo_db):
    with TestClient(create_app(demo_db)) as c:
        yield c


def _links(rows: list[dict]) -> dict[str, set[str]]:
    return {r["id"]: set(r["same_as"]) for r in rows}


# Store and exports ---------------------------------------------------------------------------------


def test_jsonl_quotes_carry_same_as_and_altered(demo_db, demo_quotes, tmp_path):
    with Store(demo_db) as store:
        write_jsonl(store, tmp_path)
    rows = [json.loads(line) for line in (tmp_path / "quotes.jsonl").read_text(encoding="utf-8").splitlines()]
    assert _links(rows) == _links(list(demo_quotes.values()))
    assert max(len(r["same_as"]) for r in rows) >= 3, "the demo has a quotation carried by four outlets"
    by_id = {r["id"]: r for r in rows}
    for r in rows:  # symmetric, and never within one article
        for other in r["same_as"]:
            assert r["id"] in by_id[other]["same_as"] and by_id[other]["article_id"] != r["article_id"]
    altered = [r for r in rows if r["altered"]]
    assert altered and all(r["diff"]["original"] in r["same_as"] for r in altered)


def test_csv_writes_articles_as_before_and_quotes_beside_them(demo_db, demo_quotes, tmp_path):
    path = tmp_path / "articles.csv"
    with Store(demo_db) as store:
        paths = write_csv(store, path)
    assert paths == [path, tmp_path / "articles.quotes.csv"] and quotes_csv_path(path) == paths[1]
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == CSV_FIELDS["articles"] and len(list(reader)) == 10
    with paths[1].open(encoding="utf-8", newline="") as fh:
        rows = [{**r, "same_as": json.loads(r["same_as"])} for r in csv.DictReader(fh)]
    assert _links(rows) == _links(list(demo_quotes.values()))
    assert {r["id"] for r in rows if r["altered"] == "True"} == {i for i, q in demo_quotes.items() if q["altered"]}
    assert all(json.loads(r["diff"])["text"] for r in rows if r["altered"] == "True")


def test_a_view_gives_same_as_to_tools_reading_the_tables(demo_db, demo_quotes):
    """datasette and the sqlite3 shell read the tables, not the store's Python."""
    conn = sqlite3.connect(f"file:{demo_db}?mode=ro", uri=True)
    rows = conn.execute("SELECT id, same_as, altered, diff FROM quotes_same_as").fetchall()
    assert {i: set(json.loads(s)) for i, s, _, _ in rows} == _links(list(demo_quotes.values()))
    assert all(diff and "{+" in diff for _, _, altered, diff in rows if altered)


# Web pages -----------------------------------------------------------------------------------------


def _main_story(client) -> dict:
    stories = client.get("/api/stories").json()["stories"]
    return max(stories, key=lambda s: s["articles"])


def test_story_api_groups_a_quote_with_every_outlet_and_its_diff(client):
    story = client.get(f"/api/story/{_main_story(client)['id']}").json()
    clusters = [q for sp in story["quotes"] for q in sp["quotes"]]
    assert max(len(q["carriers"]) for q in clusters) >= 4
    altered = next(q for q in clusters if any(c["diff"] for c in q["carriers"]))
    diff = next(c["diff"] for c in altered["carriers"] if c["diff"])
    assert {s["op"] for s in diff} == {"same", "del", "ins"}
    assert "".join(s["text"] for s in diff if s["op"] != "ins") == altered["text"]


def test_article_page_lists_the_other_outlets_of_each_quote(client, demo_quotes):
    carried = next(q for q in demo_quotes.values() if len(q["same_as"]) >= 3)
    page = client.get(f"/api/article/{carried['article_id']}").json()
    mine = next(q for q in page["quotes"] if q["id"] == carried["id"])
    assert {c["quote_id"] for c in mine["carriers"]} == {carried["id"], *carried["same_as"]}
    altered = next(q for q in demo_quotes.values() if q["altered"])
    page = client.get(f"/api/article/{altered['article_id']}").json()
    mine = next(q for q in page["quotes"] if q["id"] == altered["id"])
    assert mine["diff"] and any(s["op"] == "ins" for s in mine["diff"]) and mine["original"] != mine["text"]
    html = client.get(f"/article/{altered['article_id']}").text
    assert "<ins>" in html and "<del>" in html


def _visible(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def test_reported_speech_is_never_in_quotation_marks(client, demo_quotes):
    indirect = [q for q in demo_quotes.values() if q["kind"] == "indirect"]
    assert indirect
    story = client.get(f"/story/{_main_story(client)['id']}").text
    blockquotes = [_visible(b) for b in re.findall(r"<blockquote>(.*?)</blockquote>", story, re.S)]
    for q in indirect:
        assert not any(q["text"] in b for b in blockquotes), q["text"]
    for article_id in {q["article_id"] for q in indirect}:
        html = client.get(f"/article/{article_id}").text
        for q in (q for q in indirect if q["article_id"] == article_id):
            text = _visible(q["text"].replace("&", "&amp;"))
            for page in (html, story):
                for m in re.finditer(re.escape(text), _visible(page)):
                    before, after = _visible(page)[max(0, m.start() - 1)], _visible(page)[m.end():m.end() + 1]
                    assert not (before in MARKS and after in MARKS), q["text"]
        assert re.search(r'<span class="reported" title="reported speech', html)


def test_reported_speech_reads_with_its_cue():
    from newsloom.report.views import reported_lead

    assert reported_lead("Jo Bell", "said") == "Jo Bell said that"
    assert reported_lead("Jo Bell", "called") == "Jo Bell called"
    assert reported_lead("Jo Bell", "according to") == "According to Jo Bell,"
    assert reported_lead("Jo Bell", "told") == "Jo Bell told … that"


# Datelines -------------------------------------------------------------------------------------------


def _fixture_article() -> Article:
    text = (FIXTURES / "quotes_dateline.txt").read_text(encoding="utf-8")
    return clean(RawDocument(source="quotes_dateline.txt", text=text))


def test_no_quote_span_starts_inside_a_dateline():
    from newsloom.clean.credit import dateline_end
    from newsloom.clean.sentences import paragraphs

    article = _fixture_article()
    text = article.text
    found, _ = attribute(text)
    assert {x.kind for x in found} >= {"indirect", "direct"}
    openings = [(lo, lo + dateline_end(text[lo:hi])) for lo, hi in paragraphs(text)]
    assert any(b > a for a, b in openings), "the fixture has datelines"
    for x in found:
        assert not any(a <= x.start < b for a, b in openings), text[x.start:x.end]
        assert not text[x.start:].startswith(("KESTON", "By "))
    reported = sorted(text[x.start:x.end] for x in found if x.kind == "indirect")
    assert reported[0].startswith("Ferry crews on the Keston crossing accepted")
    assert reported[1].startswith("the night sailing would return in March")

