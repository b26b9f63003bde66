"""The one-file HTML report and the view builders the web app shares with it."""

from __future__ import annotations

import re

import pytest

from newsloom.model import Disagreement, Result, Side
from newsloom.report import views
from newsloom.report.render import anchor, render_report, write_html
from newsloom.report.sample import HOSTILE, fixture_result


@pytest.fixture(scope="module")
def sample() -> Result:
    return fixture_result()


@pytest.fixture(scope="module")
def report(sample) -> str:
    return render_report(sample)


def test_diff_segments_mark_changed_words():
    diff = views.diff_segments("keep the bridge open safely for another winter",
                               "keep the bridge open for one more winter")
    assert {"op": "del", "text": "safely "} in diff
    assert any(s["op"] == "ins" and "one more" in s["text"] for s in diff)
    assert "".join(s["text"] for s in diff if s["op"] != "ins") == "keep the bridge open safely for another winter"


def test_quotes_are_grouped_by_speaker_with_every_outlet(sample):
    index = views.Index(sample)
    groups = views.quote_groups(index, sample.quotes)
    mayor = next(g for g in groups if g["speaker"] == "Ilse Brandvik")
    assert len(mayor["quotes"]) == 1
    cluster = mayor["quotes"][0]
    assert {c["outlet"] for c in cluster["carriers"]} == {"Riverton Post", "Copy Daily", "Buzz Farm"}
    assert cluster["altered"] and "safely" in cluster["text"]
    altered = [c for c in cluster["carriers"] if c["diff"]]
    assert [c["outlet"] for c in altered] == ["Buzz Farm"]


def test_graph_layers_sources_above_derivatives(sample):
    index = views.Index(sample)
    g = views.graph(index, sample.stories[0].article_ids)
    pos = {n["id"]: n for n in g["nodes"]}
    assert pos["external:cnn-like.example"]["external"] and not pos["w1"]["external"]
    assert pos["w1"]["y"] < pos["w2"]["y"] and pos["external:cnn-like.example"]["y"] < pos["w4"]["y"]
    kinds = {(e["source"], e["derived"]): (e["kind"], e["credited"]) for e in g["edges"]}
    assert kinds[("w1", "w3")] == ("rewrite", False) and kinds[("w1", "w2")] == ("copy", True)


def test_citations_point_at_the_passage(sample):
    index = views.Index(sample)
    story = views.story_view(index, sample.stories[0])
    cite = story["summary"][1]["citations"][0]
    assert cite["id"] == "w1" and cite["paragraph"] == 2
    assert "cost $12 million" in cite["passage"]


def test_annotate_marks_quotes_and_entities(sample):
    index = views.Index(sample)
    paras = views.annotate(index, index.articles["w1"])
    quoted = "".join(s["text"] for p in paras for s in p["segments"] if s["quote"])
    assert "We cannot keep the bridge open safely" in quoted
    named = {s["entity"]["name"] for p in paras for s in p["segments"] if s["entity"]}
    assert {"Ilse Brandvik", "Old Harbour Bridge"} <= named



def test_report_is_self_contained_and_script_free(report):
    assert "<script" not in report.lower()
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", report)
    assert "<link" not in report and "@import" not in report
    assert "Content-Security-Policy" in report


def test_report_escapes_hostile_text(report):
    assert HOSTILE not in report
    assert "&lt;script&gt;alert(" in report
    assert "<img src=x" not in report and "<b>Nobody</b>" not in report


def test_report_links_resolve_in_page(report):
    ids = set(re.findall(r'id="([^"]+)"', report))
    targets = {h[1:] for h in re.findall(r'href="(#[^"]+)"', report)}
    assert targets - {"top"} <= ids
    assert f"{anchor('a', 'w1')}-p2" in targets  # a citation into the article's passage


def test_report_shows_every_section(report):
    for text in ("Old Harbour Bridge closes for repairs", "Timeline", "Provenance", "<svg", "<del>", "<ins>",
                 "Mayor of Riverton", "Disagreements", "$15 million", "cnn-like.example", "removed in cleaning"):
        assert text in report


def test_empty_result_renders(tmp_path):
    path = tmp_path / "empty.html"
    write_html(Result(), path)
    assert "No stories yet" in path.read_text(encoding="utf-8")


def test_story_with_empty_sections_renders(sample):
    html = render_report(Result(articles=sample.articles[-1:], stories=sample.stories[-1:]))
    for what in ("No summary yet", "No timeline yet", "No copies or rewrites found", "No quotes yet"):
        assert what in html


def test_report_of_the_demo_corpus(demo_result, tmp_path):
    path = tmp_path / "demo.html"
    write_html(demo_result, path)
    html = path.read_text(encoding="utf-8")
    assert "<script" not in html.lower()
    assert all(a.title and a.title.split(" ")[0] in html for a in demo_result.articles)


def test_demo_report_leads_with_the_brief_and_folds_long_lists(demo_result):
    page = render_report(demo_result)
    story = page[page.index('<article class="story"'):]
    order = [story.index(f'class="{sec}"') for sec in
             ("summary-sec", "key-quotes-sec", "timeline-sec", "figures-sec", "disagreements-sec", "graph-sec")]
    assert order == sorted(order)  # what a reader wants first, the provenance after
    assert page.count('<details class="fold article-fold"') == len(demo_result.articles)
    assert "outlets</span>" in story[: story.index("timeline-sec")]  # a key quote carried by several outlets


def test_disagreements_read_without_field_names(sample):
    index = views.Index(sample)
    (d,) = views.story_view(index, sample.stories[0])["disagreements"]
    assert [s["text"] for s in d["sides"]] == ["$12 million", "$15 million"] and d["about"] == "repair cost"
    quote = views.disagreement_view(index, Disagreement(kind="quote", about="Ada Kroll", sides=[
        Side(value="the last offer we can afford", article_ids=["w1"]),
        Side(value="the best offer we can afford", article_ids=["w3"])]))
    assert quote["label"] == "Quoted differently"
    assert {"op": "del", "text": "last"} in quote["diff"] and {"op": "ins", "text": "best"} in quote["diff"]


def test_brief_html_is_styled_like_the_report(tmp_path, demo_dir):
    from click.testing import CliRunner

    from newsloom.cli import main

    db = str(tmp_path / "d.db")
    assert CliRunner().invoke(main, ["analyze", str(demo_dir), "--db", db, "-q"]).exit_code == 0
    res = CliRunner().invoke(main, ["brief", "dockworkers", "--db", db, "--format", "html"])
    assert res.exit_code == 0, res.output
    assert "<style>" in res.output and ".topbar" in res.output and 'class="story brief"' in res.output
    assert "Key quotes" in res.output and 'href="#src-1"' in res.output


def test_two_articles_of_one_outlet_on_one_line_are_told_apart_by_their_day():
    from newsloom.model import Article

    arts = [Article(id=i, source=i, fingerprint=i, site=site, published=day, text="A line.")
            for i, site, day in (("o", "tarrowwire.com", "2026-03-09T08:00:00+00:00"),
                                 ("f", "tarrowwire.com", "2026-03-11"), ("r", "marlowherald.com", "2026-03-09"))]
    cites = views.citations(views.Index(Result(articles=arts)), ["o", "r", "f"])
    assert [c.get("label") for c in cites] == ["tarrowwire.com · 9 Mar", None, "tarrowwire.com · 11 Mar"]
    same_day = [Article(id=i, source=i, fingerprint=i, site="tarrowwire.com", published=day, text="A line.")
                for i, day in (("a", "2026-03-09T08:00:00+00:00"), ("b", "2026-03-09T17:30:00+00:00"), ("c", None))]
    cites = views.citations(views.Index(Result(articles=same_day)), ["a", "b", "c"])
    assert [c["label"] for c in cites] == ["tarrowwire.com · 9 Mar 08:00", "tarrowwire.com · 9 Mar 17:30",
                                          "tarrowwire.com (3)"]
    parts = views.told_apart([views.citation(views.Index(Result(articles=same_day)), i) for i in ("a", "a")])
    assert [c.get("label") for c in parts] == [None, None]  # one article's two parts of a quotation
