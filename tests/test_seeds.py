"""The real scraped seeds: the behaviours issue 2 asks for (skipped without ../shared)."""

from __future__ import annotations

import pytest

JUNK = {
    "000": ["Related Posts", "This post appeared first on cnn.com", "by"],
    "002": ["Date:", "Source link", "LEAVE A REPLY", "Please enter your comment!",
            "Please enter your name here", "Share post:", "Popular", "More like this", "Related",
            "Why We Wrote This"],
}


@pytest.mark.parametrize("seed", sorted(JUNK))
def test_junk_lines_leave_text_and_are_kept_with_reasons(seeds, seed):
    article = seeds[seed]
    body_lines = set(article.text.split("\n\n"))
    removed = {r.text: r.reason for r in article.removed}
    for junk in JUNK[seed]:
        assert junk not in body_lines
        assert junk in removed and removed[junk]


def test_breadcrumb_removed_and_title_found(seeds):
    a = seeds["000"]
    assert a.title and a.title.startswith("Trump and Zelensky")
    crumbs = [r for r in a.removed if r.text.startswith("Home ")]
    assert crumbs and crumbs[0].reason == "navigation breadcrumb"
    assert not a.text.startswith("Home")


def test_titles_found(seeds):
    for key in ("000", "002", "003", "004"):
        assert seeds[key].title, key
        assert seeds[key].title not in seeds[key].text


def test_credited_sources(seeds):
    assert seeds["000"].credited_source == "cnn.com"
    assert seeds["004"].credited_source == "Caliber.Az"
    assert seeds["001"].credited_source is None
    assert seeds["003"].credited_source is None


def test_cited_outlet_is_not_the_credit(seeds):
    assert "Financial Times" in seeds["000"].cited_outlets
    assert seeds["000"].credited_source != "Financial Times"


def test_wire_rewrite_byline_at_end(seeds):
    assert seeds["004"].byline == "Aghakazim Guliyev"
    assert "Guliyev" not in seeds["004"].text


def test_newsstand_photo_is_a_caption_not_body(seeds):
    a = seeds["002"]
    assert any("newsstand" in c for c in a.captions)
    assert "newsstand" not in a.text


def test_editorial_box_content_removed(seeds):
    a = seeds["002"]
    box = [r for r in a.removed if r.reason.startswith("editorial box")]
    assert len(box) == 2  # the heading and its paragraph


def test_pull_quote_attributions_stay_in_body(seeds):
    paragraphs = seeds["001"].text.split("\n\n")
    assert sum(p.startswith("— ") for p in paragraphs) == 3
    assert not seeds["001"].removed


def test_subheading_inside_body_is_kept(seeds):
    """A short heading between body paragraphs is content, not furniture."""
    reasons = {r.reason for r in seeds["002"].removed}
    assert not reasons & {"short fragment", "fragment without sentence punctuation", "low score"}
    assert len(seeds["002"].text.split("\n\n")) == 8
