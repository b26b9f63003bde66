"""Feeds, URLs, WARC and other extractors' JSON. The network is a server on 127.0.0.1."""

from __future__ import annotations

import gzip
import io
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import newsloom
from newsloom.ingest import iter_documents
from newsloom.ingest.web import Fetcher, UrlSource
from newsloom.model import RawDocument, Rejection

PARA = ("The tram line to the eastern districts reopened on Wednesday after nine months of works, "
        "and the city said the journey into the centre now takes eleven minutes less than before.")


def page(title: str, body: str = PARA) -> str:
    return (f"<html><head><title>{title}</title><meta property='og:site_name' content='Tram Times'>"
            f"</head><body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1><p>{body}</p>"
            f"<p>{body.replace('Wednesday', 'Thursday')}</p></article></body></html>")


FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Tram Times</title><link>{base}/</link>
<item><title>Tram line reopens</title><link>{base}/a1</link><pubDate>Wed, 05 Mar 2025 09:00:00 GMT</pubDate>
<description>The eastern tram line is running again.</description></item>
<item><title>Gone story</title><link>{base}/missing</link>
<description>Riders welcomed the faster trips on the first morning of service.</description></item>
<item><title>Private story</title><link>{base}/private/p1</link><description>Hidden.</description></item>
</channel></rss>"""


class Handler(BaseHTTPRequestHandler):
    hits: dict[str, int] = {}

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        Handler.hits[self.path] = Handler.hits.get(self.path, 0) + 1
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        routes = {
            "/robots.txt": ("text/plain", "User-agent: *\nDisallow: /private/\n"),
            "/a1": ("text/html; charset=utf-8", page("Tram line reopens")),
            "/a2": ("text/html; charset=utf-8", page("Riders return to the trams")),
            "/feed.xml": ("application/rss+xml", FEED.format(base=base)),
            "/private/p1": ("text/html", page("Private")),
        }
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path == "/flaky" and Handler.hits[self.path] == 1:
            self.send_response(503)
            self.end_headers()
            return
        if self.path == "/flaky":
            routes["/flaky"] = ("text/html", page("Flaky page recovered"))
        if self.path not in routes:
            self.send_response(404)
            self.end_headers()
            return
        ctype, body = routes[self.path]
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture()
def source():
    fetcher = Fetcher(timeout=0.5, retries=1, backoff=0.01, per_host_interval=0.0)
    yield UrlSource(fetcher)
    fetcher.close()


def split(items):
    items = list(items)
    return ([i for i in items if isinstance(i, RawDocument)],
            {i.source: i for i in items if isinstance(i, Rejection)})


def test_article_url(server, source):
    docs, rejected = split(source.read(f"{server}/a1"))
    assert not rejected and docs[0].url == f"{server}/a1" and docs[0].html and docs[0].fetched


def test_feed_entries_are_fetched_with_robots_and_fallback(server, source):
    docs, rejected = split(source.read(f"{server}/feed.xml"))
    by_url = {d.source: d for d in docs}
    assert by_url[f"{server}/a1"].html  # the article page itself
    assert by_url[f"{server}/a1"].published == "2025-03-05T09:00:00Z"
    gone = by_url[f"{server}/missing"]  # 404: falls back to the feed's own headline and line
    assert gone.text.startswith("Gone story") and "faster trips" in gone.text
    assert "/private/p1" not in "".join(Handler.hits)  # robots.txt disallows it
    assert by_url[f"{server}/private/p1"].text.startswith("Private story")
    assert not rejected


def test_dead_slow_and_flaky_urls(server, source):
    _, rejected = split(source.read(f"{server}/nothing-here"))
    assert "HTTP 404" in rejected[f"{server}/nothing-here"].reason
    _, rejected = split(source.read(f"{server}/slow"))
    assert rejected[f"{server}/slow"].code == "NL012" and "timed out" in rejected[f"{server}/slow"].reason
    docs, rejected = split(source.read(f"{server}/flaky"))  # 503 once, then retried
    assert docs and not rejected
    _, rejected = split(source.read(f"{server}/private/p1"))
    assert rejected[f"{server}/private/p1"].code == "NL013"
    _, rejected = split(source.read("http://127.0.0.1:9/closed"))
    assert rejected["http://127.0.0.1:9/closed"].code == "NL012"


def test_analyze_mixes_urls_and_files(server, tmp_path):
    local = tmp_path / "local.txt"
    local.write_text(PARA)
    result = newsloom.analyze([f"{server}/a2", str(local), f"{server}/nothing"])
    assert len(result.articles) == 2
    web = next(a for a in result.articles if a.url)
    assert web.title == "Riders return to the trams" and web.site == "Tram Times"
    assert [r.code for r in result.rejected] == ["NL012"]


def write_warc(path, pages, gz=True):
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for url, ctype, body in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(body.encode()),
                                           http_headers=headers,
                                           warc_headers_dict={"WARC-Date": "2025-03-06T10:00:00Z"})
        writer.write_record(record)
    path.write_bytes(buf.getvalue())


def test_warc_records(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, [("https://trams.example/a", "text/html", page("Tram line reopens")),
                      ("https://trams.example/logo.png", "image/png", "PNG"),
                      ("https://trams.example/b", "text/html", page("Riders return"))])
    docs, rejected = split(iter_documents([path]))
    assert [d.url for d in docs] == ["https://trams.example/a", "https://trams.example/b"]
    assert docs[0].fetched == "2025-03-06T10:00:00Z" and not rejected
    result = newsloom.analyze([path])
    assert {a.site for a in result.articles} == {"Tram Times"}
    assert all(a.fetched for a in result.articles)


def test_gzip_bomb_and_junk_posing_as_warc(tmp_path):
    bomb = tmp_path / "bomb.warc.gz"
    bomb.write_bytes(gzip.compress(b"\0" * 20_000_000))
    junk = tmp_path / "junk.warc"
    junk.write_bytes(b"not an archive at all")
    truncated = tmp_path / "cut.warc.gz"
    write_warc(truncated, [("https://t.example/a", "text/html", page("A"))])
    truncated.write_bytes(truncated.read_bytes()[:60])
    _, rejected = split(iter_documents([bomb, junk, truncated]))
    assert {k.split("/")[-1]: r.code for k, r in rejected.items()} == {
        "bomb.warc.gz": "NL014", "junk.warc": "NL014", "cut.warc.gz": "NL014"}


def test_local_feed_file_uses_entry_content(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text(FEED.format(base="https://trams.example"))
    docs, _ = split(iter_documents([path]))
    assert [d.title for d in docs] == ["Tram line reopens", "Gone story", "Private story"]
    # the feed's title names the feed, not the outlet: a linked entry is known as its page is
    assert docs[0].site is None and docs[0].url == "https://trams.example/a1"


def test_news_please_and_trafilatura_json(tmp_path):
    (tmp_path / "np.json").write_text(json.dumps({
        "title": "Tram line reopens", "maintext": PARA, "date_publish": "2025-03-05 09:00:00",
        "url": "https://trams.example/a1", "source_domain": "trams.example", "authors": ["Ida Kern", "Bo Lund"]}))
    (tmp_path / "tf.json").write_text(json.dumps([{
        "title": "Riders return", "text": PARA, "date": "2025-03-06", "source": "https://trams.example/a2",
        "sitename": "Tram Times", "author": "Ida Kern"}]))
    docs, rejected = split(iter_documents([tmp_path]))
    assert not rejected
    np_doc, tf_doc = docs
    assert np_doc.byline == "Ida Kern, Bo Lund" and np_doc.site == "trams.example"
    assert np_doc.published.startswith("2025-03-05")
    assert tf_doc.url == "https://trams.example/a2" and tf_doc.site == "Tram Times"
