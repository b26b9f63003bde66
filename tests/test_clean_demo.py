"""Cleaning on the bundled demo corpus, checked against examples/demo.expected.json."""

from __future__ import annotations

import pytest

FIELDS = ("title", "byline", "published", "credited_source", "cited_outlets", "captions")


def test_every_demo_article_is_accepted(demo_result, expected):
    assert not demo_result.rejected
    assert len(demo_result.articles) == len(expected["articles"])


@pytest.mark.parametrize("field", FIELDS)
def test_metadata_matches_expected(demo_by_name, expected, field):
    for name, want in expected["articles"].items():
        got = getattr(demo_by_name[name], field)
        assert got == want[field], f"{name}: {field}"


def test_junk_is_removed_with_a_reason(demo_by_name, expected):
    for name, want in expected["articles"].items():
        article = demo_by_name[name]
        paragraphs = set(article.text.split("\n\n"))
        removed = [r for r in article.removed if r.reason]
        for junk in want.get("junk", []):
            assert junk not in paragraphs, f"{name}: {junk!r} left in text"
            assert any(junk in r.text for r in removed), f"{name}: {junk!r} not in removed"


def test_scraper_copy_keeps_the_original_body(demo_by_name):
    original, copy = demo_by_name["01_original.txt"], demo_by_name["02_scraper_copy.txt"]
    assert copy.text == original.text


def test_captions_are_not_body(demo_by_name):
    for article in demo_by_name.values():
        for caption in article.captions:
            assert caption not in article.text


def test_editorial_box_is_removed(demo_by_name, expected):
    box = expected["articles"]["08_analysis.txt"]["editorial_box"]
    article = demo_by_name["08_analysis.txt"]
    assert box["text"] not in article.text
    reasons = {r.text: r.reason for r in article.removed}
    assert reasons[box["label"]].startswith("editorial box")
    assert reasons[box["text"]].startswith("editorial box")


def test_datelines(demo_by_name, expected):
    for name, want in expected["articles"].items():
        if "dateline" in want:
            assert demo_by_name[name].dateline == want["dateline"], name


def test_html_page_furniture_is_listed_as_removed(demo_by_name):
    article = demo_by_name["05_independent.html"]
    reasons = {r.reason for r in article.removed}
    assert "html boilerplate" in reasons
    assert "Related stories" in {r.text for r in article.removed}
    assert "Related stories" not in article.text


def test_language_is_english(demo_result):
    assert {a.language for a in demo_result.articles} == {"en"}
