"""Every input a user has gets in: headline-only items, JSONL of any size, reused ids, slow
documents, exports from a store, and clear one-line errors for the rest."""

from __future__ import annotations

import json
import time
import tracemalloc

import pytest
from click.testing import CliRunner

from newsloom.cli import estimate_total, main
from newsloom.ingest.files import FileSource
from newsloom.model import Article, RawDocument, Rejection
from newsloom.pipeline import Pipeline
from newsloom.store import Store
from newsloom.work import process_or_reject

BODY = (
    "The Vellis water board approved a budget of 4 million crowns on Tuesday, its chair Ana Pohl said. "
    "“We cannot wait another winter for the new pipes,” Pohl told reporters at the town hall."
)
HEADLINES = [
    "Vellis water board approves 4 million crown budget for new pipes",
    "Kestrel Bay ferry strike enters its second week",
    "Marrowgate council shuts two libraries to save money",
]


def run(tmp_path, *targets, **options) -> tuple[Store, object]:
    store = Store(str(tmp_path / "t.db"))
    report = Pipeline(store, **options).run([str(t) for t in targets])
    return store, report


def texts_by_source(store: Store) -> dict[str, str]:
    return {a.source.rsplit("/", 1)[-1]: a.text for a in store.articles()}


def test_headline_only_items_are_articles(tmp_path):
    jsonl = tmp_path / "alerts.jsonl"
    jsonl.write_text(
        json.dumps({"id": "a1", "title": HEADLINES[0], "site": "wire.example"}) + "\n"  # no text at all
        + json.dumps({"id": "a2", "title": HEADLINES[1], "text": HEADLINES[1]}) + "\n"  # text is the title
    )
    (tmp_path / "alert.txt").write_text(HEADLINES[2] + "\n")  # a one-line text file
    (tmp_path / "feed.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Bay Wire</title>'
        "<item><title>Saltreach port reopens after storm damage</title>"
        "<link>https://bay.example/port</link></item></channel></rss>"
    )
    with_store, report = run(tmp_path, tmp_path)
    with with_store as store:
        got = texts_by_source(store)
        assert not report.rejected, report.rejected
        assert got["alerts.jsonl#1"] == HEADLINES[0]
        assert got["alerts.jsonl#2"] == HEADLINES[1]
        assert got["alert.txt"] == HEADLINES[2]
        assert got["port"] == "Saltreach port reopens after storm damage"
        assert all(a.title for a in store.articles())
        assert store.counts()["stories"] >= 1


def test_a_record_with_nothing_is_still_empty(tmp_path):
    jsonl = tmp_path / "x.jsonl"
    jsonl.write_text(json.dumps({"id": "n1", "url": "https://x.example/1"}) + "\n")
    with run(tmp_path, jsonl)[0] as store:
        assert [r.code for r in store.result().rejected] == ["NL003"]


def test_jsonl_streams_past_the_size_limit_and_limits_each_record(tmp_path):
    path = tmp_path / "dump.jsonl"
    records = [{"id": f"r{i}", "title": f"Item {i}", "text": BODY} for i in range(40)]
    lines = [json.dumps(r) for r in records]
    lines.insert(10, json.dumps({"id": "huge", "text": "word " * 2000}))  # one record over the limit
    path.write_text("\n".join(lines) + "\n")
    assert path.stat().st_size > 5000
    items = list(FileSource(max_bytes=5000).read(str(path)))
    docs = [i for i in items if isinstance(i, RawDocument)]
    rejected = [i for i in items if isinstance(i, Rejection)]
    assert [d.id for d in docs] == [r["id"] for r in records]
    assert [(r.source.rsplit("/", 1)[-1], r.code) for r in rejected] == [("dump.jsonl#11", "NL006")]
    assert estimate_total([str(path)]) == 41  # the progress bar counts records


def test_jsonl_reading_holds_one_record_at_a_time(tmp_path):
    path = tmp_path / "big.jsonl"
    line = json.dumps({"title": "Small item", "text": BODY}) + "\n"
    with path.open("w") as fh:
        for i in range(40_000):  # about 12 MB
            fh.write(line.replace("Small item", f"Small item {i}"))
    tracemalloc.start()
    n = sum(1 for _ in FileSource().read(str(path)))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert n == 40_000
    assert peak < 2_000_000, peak  # a few records' worth, not the file


def test_a_reused_id_never_touches_the_first_article(tmp_path):
    second = "“The ferry will run all night,” said Jonas Beck, the harbour master of Orlen, on Friday."
    path = tmp_path / "dup.jsonl"
    path.write_text(json.dumps({"id": "same", "text": BODY}) + "\n" + json.dumps({"id": "same", "text": second}) + "\n")
    with run(tmp_path, path)[0] as store:
        result = store.result()
        assert [r.code for r in result.rejected] == ["NL010"]
        [article] = result.articles
        assert article.text.startswith("The Vellis water board")
        # the first article's own quotations, not the rejected record's at its offsets
        assert any("another winter" in q.text for q in result.quotes)
        assert not [q for q in result.quotes if "Beck" in (q.speaker or "")]
    alone = tmp_path / "alone"
    alone.mkdir()
    (alone / "one.jsonl").write_text(json.dumps({"id": "same", "text": BODY}) + "\n")
    with run(alone, alone / "one.jsonl")[0] as store:
        assert [q.to_dict() for q in store.result().quotes] == [q.to_dict() for q in result.quotes]


def test_a_document_past_its_deadline_is_rejected_and_the_batch_goes_on(tmp_path):
    def slow(article: Article) -> Article:
        if "slow" in article.text:
            while True:  # a stage stuck in Python code
                time.sleep(0.01)
        return article

    docs = [RawDocument(source="slow.txt", text="A slow story. " + BODY), RawDocument(source="fine.txt", text=BODY)]
    out = [process_or_reject(d, [slow], timeout=0.5) for d in docs]
    assert isinstance(out[0], Rejection) and out[0].code == "NL017" and out[0].source == "slow.txt"
    assert isinstance(out[1], Article)


def test_broken_link_and_bad_json_file_are_named(tmp_path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "one.json").write_text('{"title": "Broken", ')
    res = CliRunner().invoke(main, ["analyze", str(tmp_path), "--db", str(tmp_path / "x.db"), "-q"])
    assert res.exit_code == 1
    lines = [x for x in res.output.splitlines() if x.startswith("rejected")]
    assert any("gone.txt" in x and "NL001" in x and "broken link" in x for x in lines), lines
    assert any("one.json" in x and "NL016" in x and "bad JSON file" in x for x in lines), lines


def test_non_english_articles_are_stored_and_counted(tmp_path):
    german = (
        "Der Stadtrat von Vellis hat am Dienstag die neuen Wasserleitungen beschlossen. Die Kosten "
        "liegen bei vier Millionen Euro, sagte die Vorsitzende. „Wir können nicht noch einen Winter "
        "warten“, sagte sie nach der Sitzung im Rathaus."
    )
    (tmp_path / "de.txt").write_text(german)
    (tmp_path / "en.txt").write_text(BODY)
    res = CliRunner().invoke(main, ["analyze", str(tmp_path), "--db", str(tmp_path / "x.db")])
    assert res.exit_code == 0, res.output
    assert "not in English (de 1)" in res.output
    with Store(str(tmp_path / "x.db")) as store:
        result = store.result()
        de = next(a for a in result.articles if a.language == "de")
        assert de.text.startswith("Der Stadtrat")
        assert not [q for q in result.quotes if q.article_id == de.id]
        assert not [e for e in result.entities if de.id in e.article_ids]


def test_export_writes_from_a_store_without_analysing(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(BODY)
    db = str(tmp_path / "x.db")
    assert CliRunner().invoke(main, ["analyze", str(tmp_path / "in"), "--db", db, "-q"]).exit_code == 0
    out = tmp_path / "new" / "deeper"  # folders that do not exist yet
    res = CliRunner().invoke(main, ["export", "--db", db, "--json", str(out / "a.json"), "--jsonl", str(out / "t"),
                                    "--csv", str(out / "a.csv"), "--html", str(out / "r.html")])
    assert res.exit_code == 0, res.output
    assert json.loads((out / "a.json").read_text())["articles"][0]["text"] == BODY
    for name in ("t/articles.jsonl", "a.csv", "r.html"):
        assert (out / name).stat().st_size > 0, name
    assert CliRunner().invoke(main, ["export", "--db", str(tmp_path / "none.db"), "--csv", str(out / "b.csv")]
                              ).exit_code == 2


@pytest.mark.parametrize("option", ["--json", "--csv", "--html", "--jsonl"])
def test_an_unwritable_output_is_refused_before_any_work(tmp_path, option):
    (tmp_path / "a.txt").write_text(BODY)
    blocked = tmp_path / "a.txt" / "out" / "x"  # its folder cannot be made: a.txt is a file
    db = tmp_path / "x.db"
    res = CliRunner().invoke(main, ["analyze", str(tmp_path / "a.txt"), "--db", str(db), option, str(blocked)])
    assert res.exit_code == 2
    assert f"{option}: cannot create folder" in res.output and "a.txt" in res.output
    assert not db.exists()  # refused before the store was opened


def test_max_size_option_sets_the_limit(tmp_path):
    (tmp_path / "a.txt").write_text(BODY)
    res = CliRunner().invoke(main, ["analyze", str(tmp_path / "a.txt"), "--db", str(tmp_path / "x.db"),
                                    "--max-size", "100B", "-q"])
    assert res.exit_code == 1 and "NL006" in res.output
    bad = CliRunner().invoke(main, ["analyze", str(tmp_path / "a.txt"), "--max-size", "lots"])
    assert bad.exit_code == 2 and "not a size" in bad.output


def test_line_statistics_stay_bounded_and_keep_what_repeats():
    from newsloom.clean import LineStats

    stats = LineStats(max_lines=100)
    for i in range(1000):  # a dump of headlines: each seen once, with the site's share line
        stats.observe("wire.example", [f"Headline number {i}", "Share this story"])
    assert len(stats.counts["wire.example"]) <= 101
    assert stats.documents_with("wire.example", "Share this story") == 1000


def _breaks_on_marker(article: Article) -> Article:
    if "MARKER" in article.text:
        raise RuntimeError("a later stage broke")
    return article


def test_a_rejected_document_leaves_nothing_for_an_article_under_its_id(tmp_path):
    from newsloom import attribution

    second = "“The ferry will run all night,” said Jonas Beck, the harbour master of Orlen. MARKER"
    path = tmp_path / "dup.jsonl"
    path.write_text(json.dumps({"id": "same", "text": BODY}) + "\n" + json.dumps({"id": "same", "text": second}) + "\n")
    store = Store(str(tmp_path / "t.db"))
    with store:  # one document a chunk: the first is stored before the second is analysed
        Pipeline(store, chunk_size=1, article_stages=[attribution.Analyser(), _breaks_on_marker]).run([str(path)])
        result = store.result()
        assert [r.code for r in result.rejected] == ["NL011"]
        assert any("another winter" in q.text for q in result.quotes)
        assert not [q for q in result.quotes if "Beck" in (q.speaker or "")]


def test_a_newsloom_toml_above_the_input_folder_counts_for_nothing(tmp_path):
    (tmp_path / "newsloom.toml").write_text('site = "Stray Outlet"\n')
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(BODY)
    docs = [d for d in FileSource().read(str(tmp_path / "in")) if isinstance(d, RawDocument)]
    assert [d.site for d in docs] == [None]
    (tmp_path / "in" / "newsloom.toml").write_text('site = "Harbour Times"\n')
    docs = [d for d in FileSource().read(str(tmp_path / "in")) if isinstance(d, RawDocument)]
    assert [d.site for d in docs] == ["Harbour Times"]
