"""The web app over a store: pages, JSON API, search, filters, escaping, concurrent reads."""

from __future__ import annotations

import threading
import warnings

import pytest

from newsloom.model import Article
from newsloom.report.sample import HOSTILE, fixture_result, write_store
from newsloom.store import Store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from newsloom.web import create_app

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory):
    return write_store(fixture_result(), tmp_path_factory.mktemp("web") / "sample.db")


@pytest.fixture(scope="module")
def client(sample_db):
    with TestClient(create_app(sample_db)) as c:
        yield c


@pytest.fixture(scope="module")
def demo_client(demo_dir, tmp_path_factory):
    import newsloom

    db = tmp_path_factory.mktemp("demo") / "demo.db"
    newsloom.analyze([demo_dir], db=db)
    with TestClient(create_app(db)) as c:
        yield c


PAGES = ["/", "/?q=bridge", "/story/st-bridge", "/story/st-cup", "/article/w1", "/article/w3", "/article/w4",
         "/article/w5", "/entity/e-brandvik", "/entity/e-evil", "/?outlet=Buzz+Farm", "/?person=e-reyl"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_escaped_and_script_free(client, path):
    r = client.get(path)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "<script" not in r.text.lower() and "<img" not in r.text and HOSTILE not in r.text
    assert "default-src 'none'" in r.headers["content-security-policy"]


def test_story_page_has_every_section(client):
    html = client.get("/story/st-bridge").text
    for text in ("<svg", 'class="edge rewrite uncredited"', "cnn-like.example", "<del>", "<ins>", "Mayor of Riverton",
                 "2025-03-03", "$15 million", 'href="/article/w1#a-w1-p2"', 'href="/entity/e-brandvik"'):
        assert text in html


def test_article_page_highlights_and_aligns(client):
    html = client.get("/article/w3").text
    assert 'class="q altered"' in html and 'class="ent ent-person"' in html
    assert 'class="aligned"' in html and "<del>12</del>" in html and "<ins>15</ins>" in html
    original = client.get("/article/w1").text
    assert "<details" in original and "Share this: Facebook Twitter" in original


def test_json_api_behind_every_page(client):
    story = client.get("/api/story/st-bridge").json()
    assert story["title"] == "Old Harbour Bridge closes for repairs" and story["graph"]["edges"]
    assert client.get("/api/article/w5").json()["title"].startswith(HOSTILE)  # raw in JSON, escaped in HTML
    assert client.get("/api/entity/e-brandvik").json()["quotes"][0]["speaker"] == "Ilse Brandvik"
    listing = client.get("/api/stories", params={"q": "winter"}).json()
    assert [s["id"] for s in listing["stories"]] == ["st-bridge"]
    assert {h["id"] for h in listing["hits"]["quotes"]} == {"q1", "q2", "q3"}
    assert client.get("/healthz").json()["articles"] == 6


def test_search_and_filters(client):
    def stories(**params: str) -> list[str]:
        return [s["id"] for s in client.get("/api/stories", params=params).json()["stories"]]

    assert stories() == ["st-bridge", "st-cup"]
    assert stories(q="rovers cup") == ["st-cup"]
    assert stories(q="brid") == ["st-bridge"]  # prefix search
    assert stories(q='"unbalanced (') == []  # FTS syntax in input is not an error
    assert stories(outlet="Riverton Ledger") == ["st-cup"]
    assert stories(person="e-reyl") == ["st-bridge"]
    assert stories(**{"from": "2025-03-06"}) == ["st-cup"] and stories(to="2025-03-01") == ["st-bridge"]
    html = client.get("/", params={"q": "winter"}).text
    assert "<mark>winter</mark>" in html


@pytest.mark.parametrize(("params", "named"), [({"from": "garbage"}, "from='garbage'"),
                                               ({"to": "2025-02-30"}, "to='2025-02-30'"),
                                               ({"from": "2025-3-6"}, "from='2025-3-6'"),
                                               ({"from": "2025-03-06", "to": "2025-03-01"}, "from=2025-03-06")])
def test_bad_filter_values_are_400_naming_them(client, params, named):
    r = client.get("/api/stories", params=params)
    assert r.status_code == 400 and named in r.json()["error"]
    page = client.get("/", params=params)
    assert page.status_code == 400 and named.replace("'", "&#39;") in page.text


def test_missing_records_are_404(client):
    assert client.get("/story/nope").status_code == 404
    r = client.get("/api/entity/nope")
    assert r.status_code == 404 and r.json()["status"] == 404


def test_new_articles_are_searchable_while_serving(tmp_path):
    db = write_store(fixture_result(), tmp_path / "grow.db")
    with TestClient(create_app(db)) as c:
        assert not c.get("/api/search", params={"q": "zeppelin"}).json()["articles"]
        with Store(db) as store:
            store.add_articles([Article(id="z1", source="z.txt", fingerprint="fz", text="A zeppelin landed.")], [])
        assert [h["id"] for h in c.get("/api/search", params={"q": "zeppelin"}).json()["articles"]] == ["z1"]


def test_concurrent_reads_while_writing(tmp_path):
    db = write_store(fixture_result(), tmp_path / "busy.db")
    errors: list[str] = []
    with TestClient(create_app(db)) as c:
        def read() -> None:
            for path in ("/", "/story/st-bridge", "/article/w3", "/?q=bridge") * 5:
                r = c.get(path)
                if r.status_code != 200:
                    errors.append(f"{path}: {r.status_code}")

        def write() -> None:
            with Store(db) as store:
                for n in range(20):
                    store.add_articles([Article(id=f"n{n}", source=f"n{n}", fingerprint=f"n{n}", text="bridge")], [])

        threads = [threading.Thread(target=read) for _ in range(4)] + [threading.Thread(target=write)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert not errors


def test_demo_corpus_pages(demo_client):
    listing = demo_client.get("/api/stories").json()
    assert listing["counts"]["articles"] == 10
    for a in listing["articles"]:
        assert demo_client.get(f"/article/{a['id']}").status_code == 200
    for s in listing["stories"]:
        assert demo_client.get(f"/story/{s['id']}").status_code == 200
    assert demo_client.get("/api/search", params={"q": "dockworkers"}).json()["articles"]
