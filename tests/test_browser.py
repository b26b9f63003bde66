"""The web app in a real headless Chromium (Debian's chromium + chromium-driver, via Selenium).

Chromium is installed with apt when absent; without root/apt or selenium these tests skip
and say why.
"""

from __future__ import annotations

import pytest

pytest.importorskip("selenium", reason="selenium is not installed (pip install -e '.[test]')")

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.expected_conditions import staleness_of  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from newsloom.report.sample import fixture_result, write_store  # noqa: E402
from newsloom.web.browser import chromium, ensure_chromium, running_server, screenshot  # noqa: E402

_problem = ensure_chromium()
pytestmark = pytest.mark.skipif(_problem is not None, reason=f"no browser: {_problem}")


@pytest.fixture(scope="module")
def driver():
    with chromium(1280, 900) as d:
        d.set_page_load_timeout(20)
        d.implicitly_wait(5)  # elements that scripts add after load
        yield d


@pytest.fixture(scope="module")
def sample_url(tmp_path_factory):
    db = write_store(fixture_result(), tmp_path_factory.mktemp("browser") / "sample.db")
    with running_server(db) as url:
        yield url


@pytest.fixture(scope="module")
def demo_url(demo_dir, tmp_path_factory):
    import newsloom

    db = tmp_path_factory.mktemp("browser-demo") / "demo.db"
    newsloom.analyze([demo_dir], db=db)
    with running_server(db) as url:
        yield url


def _search(driver, text: str) -> None:
    """Submit a search and wait for the results page (a busy machine loads it late)."""
    box = driver.find_element(By.NAME, "q")
    box.clear()
    box.send_keys(text)
    box.submit()
    WebDriverWait(driver, 20).until(staleness_of(box))


def test_demo_corpus_list_search_and_article(driver, demo_url, tmp_path):
    driver.get(demo_url + "/")
    assert "newsloom" in driver.title
    assert len(driver.find_elements(By.CSS_SELECTOR, ".articles-sec .row")) == 10
    _search(driver, "dockworkers")
    assert "q=dockworkers" in driver.current_url
    hits = driver.find_elements(By.CSS_SELECTOR, ".hit a")
    assert hits and driver.find_elements(By.CSS_SELECTOR, ".snippet mark")
    hits[0].click()
    assert "/article/" in driver.current_url
    assert driver.find_elements(By.CSS_SELECTOR, ".body p")
    screenshot(driver, tmp_path / "demo-article.png")
    assert (tmp_path / "demo-article.png").stat().st_size > 5000


def test_story_graph_quotes_timeline_and_citation(driver, sample_url, tmp_path):
    driver.get(sample_url + "/")
    _search(driver, "bridge")
    driver.find_element(By.CSS_SELECTOR, ".stories-sec .card-title").click()
    assert driver.current_url.endswith("/story/st-bridge")
    graph = driver.find_element(By.CSS_SELECTOR, "svg.graph")
    assert graph.is_displayed() and graph.size["width"] > 300
    assert len(graph.find_elements(By.CSS_SELECTOR, "g.node")) == 6  # five articles and one external source
    assert len(graph.find_elements(By.CSS_SELECTOR, "line.edge")) == 4
    assert len(driver.find_elements(By.CSS_SELECTOR, ".speaker")) == 3
    assert driver.find_element(By.CSS_SELECTOR, ".variant del").text.strip() == "safely"
    assert len(driver.find_elements(By.CSS_SELECTOR, ".timeline li")) == 2
    assert not driver.find_elements(By.TAG_NAME, "script")
    screenshot(driver, tmp_path / "story.png")
    cite = driver.find_elements(By.CSS_SELECTOR, ".summary .cite")[2]  # sentence 2, first citation
    cite.click()
    assert driver.current_url.endswith("/article/w1#a-w1-p2")
    target = driver.execute_script("return document.querySelector(':target')")
    assert target is not None and "$12 million" in target.text


def test_hostile_article_stays_inert(driver, sample_url):
    driver.get(sample_url + "/article/w5")
    assert not driver.find_elements(By.TAG_NAME, "script") and not driver.find_elements(By.CSS_SELECTOR, ".body img")
    assert '<script>alert("pwned")</script>' in driver.find_element(By.CSS_SELECTOR, "h1").text


def test_phone_width_has_no_sideways_scroll(sample_url):
    with chromium(390, 844) as phone:
        for path in ("/", "/story/st-bridge", "/article/w3"):
            phone.get(sample_url + path)
            width = phone.execute_script("return document.documentElement.scrollWidth")
            assert width <= 392, f"{path} is {width}px wide"


def _open_folds(driver, scope: str) -> None:
    """Open the folded lists (``<details>``) in ``scope`` so their text is visible."""
    for summary in driver.find_elements(By.CSS_SELECTOR, f"{scope} details:not([open]) > summary"):
        summary.click()


def _largest_demo_story(driver, demo_url: str) -> str:
    import json

    driver.get(demo_url + "/api/stories")
    stories = json.loads(driver.find_element(By.TAG_NAME, "body").text)["stories"]
    return max(stories, key=lambda s: s["articles"])["id"]


QUOTE_MARKS = "\"'“”‘’«»„"


def test_demo_story_shows_a_quote_across_outlets_with_its_diff(driver, demo_url):
    driver.get(f"{demo_url}/story/{_largest_demo_story(driver, demo_url)}")
    _open_folds(driver, ".quotes-sec")
    clusters = driver.find_elements(By.CSS_SELECTOR, ".quotes-sec .quote-cluster")
    carried = [c for c in clusters if len(c.find_elements(By.CSS_SELECTOR, ".carriers .cite")) >= 2]
    assert carried, "no quote shows two or more outlets"
    assert any(c.find_element(By.CSS_SELECTOR, ".carriers").text.split()[0] in ("3", "4") for c in carried)
    diffed = [c for c in carried if c.find_elements(By.CSS_SELECTOR, ".variant del")
              and c.find_elements(By.CSS_SELECTOR, ".variant ins")]
    assert diffed and diffed[0].find_element(By.CSS_SELECTOR, ".variant del").is_displayed()


def test_demo_reported_speech_is_never_in_quotation_marks(driver, demo_url):
    driver.get(f"{demo_url}/story/{_largest_demo_story(driver, demo_url)}")
    _open_folds(driver, ".quotes-sec")
    reported = driver.find_elements(By.CSS_SELECTOR, ".quote-cluster[data-kind=indirect]")
    assert reported, "the demo story has reported speech"
    for cluster in reported:
        assert not cluster.find_elements(By.TAG_NAME, "blockquote")
        text = cluster.find_element(By.CSS_SELECTOR, ".reported").text.strip()
        assert text[0] not in QUOTE_MARKS, text  # it opens with its speaker and cue, not a mark
    # every indirect quote on an article page: neither in the quote list nor in the text
    link = driver.find_element(By.CSS_SELECTOR, ".articles-sec .row a")
    link.click()
    items = driver.find_elements(By.CSS_SELECTOR, "li[data-kind=indirect]")
    assert items
    for item in items:
        text = item.find_element(By.CSS_SELECTOR, ".reported").text.strip()
        assert text[0] not in QUOTE_MARKS, text
    inside_marks = driver.execute_script(
        "return [...document.querySelectorAll('.body .reported')].filter(e => e.closest('.q, q, blockquote')"
        " || getComputedStyle(e, '::before').content.match(/[\"“‘«]/)).length")
    assert inside_marks == 0 and driver.find_elements(By.CSS_SELECTOR, ".body .reported")


# a TIMEX value as the extractor writes it: 2025-10-14TAF, 2025-W43, 2025-02-13T00:00, P2Y, PRESENT_REF…
RAW_TIMEX = r"\b\d{4}-(W\d\d|\d\d(-\d\d)?(T[\dA-Z:]+)?)\b|\bP\d+[YMWDH]\b|\b[A-Z]+_REF\b|\b(date_text|status)\b"


def test_demo_timeline_reads_as_words(driver, demo_url):
    import re

    driver.get(f"{demo_url}/story/{_largest_demo_story(driver, demo_url)}")
    labels = [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".timeline-sec .date")]
    assert labels, "the demo story has a timeline"
    raw = [t for t in labels if re.search(RAW_TIMEX, t)]
    assert not raw, raw
    section = driver.find_element(By.CSS_SELECTOR, ".timeline-sec").text
    assert not re.search(r"\b(date_text|status|kind)\b", section)
