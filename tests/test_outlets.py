"""Outlets: how inputs name theirs (--site, newsloom.toml, a record's site, a feed entry's link)
and how every page and the brief label a source with it. Invented outlets and text only."""

from __future__ import annotations

import json
import socket

from click.testing import CliRunner

from newsloom.cli import main
from newsloom.digest.brief import sections
from newsloom.digest.common import StoryData
from newsloom.ingest import iter_documents
from newsloom.ingest.files import FileSource
from newsloom.model import Article, Derivation, RawDocument, Rejection, Story
from newsloom.report.views import credit_note, outlet
from newsloom.store import Store

BODY = ("The harbour board voted on Tuesday to rebuild the north pier before the winter storms, "
        "and the works will close the ferry ramp for six weeks from the start of next month.")


def read(target, site: str | None = None) -> tuple[dict[str, RawDocument], list[Rejection]]:
    docs, rejected = {}, []
    for item in FileSource(site=site).read(str(target)):
        if isinstance(item, Rejection):
            rejected.append(item)
        else:
            docs[item.source.split("/")[-1]] = item
    return docs, rejected


def test_sidecar_names_a_folder_and_below_and_a_deeper_one_overrides(tmp_path):
    (tmp_path / "newsloom.toml").write_text('site = "Harbour Times"\n[sites]\n"wire/*.txt" = "Coastline Wire"\n')
    (tmp_path / "wire").mkdir()
    (tmp_path / "quay").mkdir()
    (tmp_path / "quay" / "newsloom.toml").write_text('site = "Quay Courier"\n')
    for rel in ("a.txt", "b.html", "wire/w.txt", "quay/q.txt"):
        (tmp_path / rel).write_text(BODY if rel.endswith(".txt") else f"<p>{BODY}</p>")
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"text": BODY, "site": "Pier Gazette"}) + "\n"  # its own site wins
        + json.dumps({"text": BODY}) + "\n"  # none: the sidecar names it
        + json.dumps({"text": BODY, "url": "https://www.ramp.example/x"}) + "\n")  # its host does
    docs, rejected = read(tmp_path, site="Fallback Post")
    assert not rejected
    assert {k: d.site for k, d in docs.items()} == {
        "a.txt": "Harbour Times", "b.html": "Harbour Times", "w.txt": "Coastline Wire", "q.txt": "Quay Courier",
        "feed.jsonl#1": "Pier Gazette", "feed.jsonl#2": "Harbour Times", "feed.jsonl#3": None}
    # a file named on its own finds the sidecar of its folder too
    assert read(tmp_path / "quay" / "q.txt")[0]["q.txt"].site == "Quay Courier"


def test_site_option_names_files_without_a_sidecar(tmp_path):
    (tmp_path / "n.txt").write_text(BODY)
    assert read(tmp_path, site="Fallback Post")[0]["n.txt"].site == "Fallback Post"
    assert read(tmp_path)[0]["n.txt"].site is None


def test_a_broken_sidecar_is_rejected_once_and_its_files_still_read(tmp_path):
    (tmp_path / "newsloom.toml").write_text('sight = "Typo Times"\n')
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "b.txt").write_text(BODY)
    docs, rejected = read(tmp_path, site="Fallback Post")
    assert [(r.source.split("/")[-1], r.code) for r in rejected] == [("newsloom.toml", "NL002")]
    assert "sight" in rejected[0].reason
    assert {d.site for d in docs.values()} == {"Fallback Post"}


def test_feed_entries_with_links_are_known_by_their_host_not_the_feed_title(tmp_path):
    (tmp_path / "bay.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Bay Wire - Latest</title>'
        "<link>https://www.baywire.example/</link>"
        f"<item><title>Pier to be rebuilt</title><link>https://baywire.example/pier</link>"
        f"<description>{BODY}</description></item>"
        f"<item><title>Ferry ramp to close</title><description>{BODY}</description></item>"
        "</channel></rss>")
    linked, bare = [d for d in iter_documents([tmp_path / "bay.xml"]) if isinstance(d, RawDocument)]
    assert linked.site is None and linked.url == "https://baywire.example/pier"  # cleaning takes its host
    assert bare.site == "baywire.example"


def test_analyze_site_option_reaches_the_store(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "pier.txt").write_text(BODY)
    db = tmp_path / "o.db"
    res = CliRunner().invoke(main, ["analyze", str(src), "--db", str(db), "--site", "Harbour Times", "-q",
                                    "--workers", "1"])
    assert res.exit_code == 0, res.output
    with Store(db) as store:
        assert [a.site for a in store.result().articles] == ["Harbour Times"]
    blank = CliRunner().invoke(main, ["analyze", str(src), "--db", str(db), "--site", " "])
    assert blank.exit_code == 2 and "--site" in blank.output


def article(aid: str, **kw: object) -> Article:
    return Article(id=aid, source=f"/in/{aid}.txt", fingerprint=aid, text=BODY, **kw)


def test_a_source_is_labelled_with_its_own_outlet_never_the_one_it_credits():
    scraper = article("copy", title="Pier plan", credited_source="Coastline Wire")
    assert outlet(scraper) == "copy.txt"  # a file, with its title beside it, not "Coastline Wire"
    assert outlet(article("s", site="Copy Corner", credited_source="Coastline Wire")) == "Copy Corner"
    assert outlet(article("u", url="https://www.pier.example/a")) == "pier.example"
    assert credit_note(scraper) == "credits Coastline Wire" and credit_note(article("o")) is None


def test_brief_sources_show_own_outlet_and_credit():
    wire = article("wire", site="Coastline Wire", title="Pier to be rebuilt", published="2031-04-01")
    copy = article("copy", title="Pier plan", published="2031-04-02", credited_source="Coastline Wire")
    data = StoryData(story=Story(id="st", title="Pier", article_ids=["wire", "copy"]),
                     articles={"wire": wire, "copy": copy},
                     derivations={"copy": Derivation("copy", "wire", "copy", True, 0.99)})
    _, sources = sections(data)
    assert [(s["outlet"], s["title"]) for s in sources] == [("Coastline Wire", "Pier to be rebuilt"),
                                                           ("copy.txt", "Pier plan")]
    assert sources[1]["how"] == "copy of [1], credited · credits Coastline Wire"


def test_serve_refuses_a_busy_port_before_saying_it_serves(tmp_path):
    db = tmp_path / "s.db"
    Store(db).close()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        res = CliRunner().invoke(main, ["serve", "--db", str(db), "--port", str(port)])
    assert res.exit_code == 2
    assert f"cannot serve on 127.0.0.1:{port}" in res.output and "serving" not in res.output
