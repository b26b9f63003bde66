"""The Spark job (local[2]) gives the single-machine result: articles, rejections, entities,
quotes, derivations and stories. Skipped without PySpark/Java (but for the pure-Python parts)."""

from __future__ import annotations

import json

import pytest

from newsloom import Pipeline, Store
from newsloom.model import Article

pyspark = pytest.importorskip("pyspark")

from newsloom.spark import java_version  # noqa: E402
from newsloom.spark.blocks import JSON_FIELDS, BlockStore, merge_entities  # noqa: E402
from newsloom.spark.job import expand_inputs, run  # noqa: E402

needs_java = pytest.mark.skipif(java_version() is None, reason="no Java runtime for Spark")
TABLES = ("articles", "entities", "quotes", "derivations", "stories")
FERRY = "The ferry to the island will run twice a day from May, the operator said on Monday morning."
GLACIER = ("Scientists at the Tarnvik observatory measured the Sollen glacier retreating 42 metres last summer, "
           "the fastest loss recorded since monitoring began in 1961. “The ice is thinning from below and the "
           "melt season is now three weeks longer,” said hydrologist Ingrid Bakkevold, who leads the survey team.")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, demo_dir):
    """The demo corpus, plus records sharing nothing with it: a duplicate id, a duplicate
    text, a broken line, and a glacier report with its rewrite (a block of their own)."""
    extra = tmp_path_factory.mktemp("extra") / "extra.jsonl"
    extra.write_text("\n".join(json.dumps(x) for x in [
        {"id": "dup", "text": FERRY}, {"id": "dup", "text": FERRY + " A second, different text."},
        {"id": "same-text", "text": FERRY}, "not an object",
        {"id": "glacier-1", "title": "Sollen glacier retreats 42 metres", "site": "northpost.example",
         "published": "2025-09-02", "text": GLACIER},
        {"id": "glacier-2", "title": "Sollen glacier loses 42 metres in a summer", "site": "fjordtimes.example",
         "published": "2025-09-03",
         "text": GLACIER + " The Tarnvik team will publish its full survey in November, Bakkevold said."},
    ]))
    return [str(demo_dir), str(extra)]


@pytest.fixture(scope="module")
def local(inputs):
    """The single-machine result: the contract tables as the store writes them (JSONL form)."""
    with Store(":memory:") as store:
        Pipeline(store).run(inputs)
        rows = {t: list(store.iter_data(t)) for t in (*TABLES, "rejected")}
    return rows


@pytest.fixture(scope="module")
def spark_out(tmp_path_factory, inputs):
    """One Spark run for the module; pack=1 keeps every component a block of its own."""
    d = tmp_path_factory.mktemp("spark")
    info: dict[str, float] = {}
    counts = run(inputs, str(d / "out"), master="local[2]", partitions=4, pack=1, info=info)
    return d / "out", counts, info


def read(path):
    import pyarrow.parquet as pq

    return pq.read_table(path).to_pylist()


def norm(x):
    """Rows compared field by field: Parquet structs hold None for keys a row lacks."""
    if isinstance(x, dict):
        return {k: norm(v) for k, v in sorted(x.items()) if v is not None}
    if isinstance(x, list):
        return [norm(v) for v in x]
    return x


def key_of(table: str, row: dict) -> tuple | str:
    return (row["derived_id"], row["source_id"]) if table == "derivations" else row["id"]


def spark_table(out, table: str) -> dict:
    rows = read(out / f"{table}.parquet")
    for r in rows:
        for f in JSON_FIELDS.get(table, ()):
            r[f] = json.loads(r[f])
    return {key_of(table, r): r for r in rows}


def original_by_text(rows: list[dict], text: dict[str, str]) -> list[dict]:
    """An altered quote's diff names the original by id; between copies of the same wording
    ``quotes.match`` picks one in set order (hash-seeded), so compare the wording."""
    out = []
    for r in rows:
        if r.get("diff"):
            r = {**r, "diff": {**r["diff"], "original": text[r["diff"]["original"]]}}
        out.append(r)
    return out


@needs_java
@pytest.mark.parametrize("table", TABLES)
def test_spark_tables_equal_single_machine(spark_out, local, table):
    out, counts, _ = spark_out
    mine = spark_table(out, table)
    theirs = local[table]
    if table == "quotes":
        text = {r["id"]: r["text"] for r in theirs}
        mine = {k: r for k, r in zip(mine, original_by_text(list(mine.values()), text), strict=True)}
        theirs = original_by_text(theirs, text)
    assert counts[table] == len(mine) == len(theirs)
    assert set(mine) == {key_of(table, r) for r in theirs}
    for row in theirs:
        assert norm(mine[key_of(table, row)]) == norm(row), (table, key_of(table, row))


@needs_java
def test_spark_rejections_equal_single_machine(spark_out, local):
    out, _, _ = spark_out
    rejected = {(r["source"], r["code"]) for r in read(out / "rejected.parquet")}
    assert rejected == {(r["source"], r["code"]) for r in local["rejected"]}
    assert {code for _, code in rejected} == {"NL008", "NL010"}


@needs_java
def test_extra_records_are_blocks_of_their_own(spark_out, local):
    """The demo is one block, the ferry texts another, the glacier pair a third; each
    block still finds its derivation and its story."""
    out, _, info = spark_out
    assert info["blocks"] == 3 and info["largest_block"] == len(local["articles"]) - 4
    derivations = spark_table(out, "derivations")
    assert derivations[("glacier-2", "glacier-1")]["kind"] in ("copy", "rewrite")
    stories = {tuple(sorted(s["article_ids"])) for s in spark_table(out, "stories").values()}
    assert ("glacier-1", "glacier-2") in stories and ("dup", "same-text") in stories


def test_inputs_are_expanded_to_files(demo_dir):
    files = expand_inputs([str(demo_dir), "https://example.invalid/feed.xml"])
    assert files[-1] == "https://example.invalid/feed.xml"
    assert all(not f.endswith(".md") for f in files) and len(files) == 9


def test_entity_rows_from_several_blocks_merge():
    a = {"id": "e1", "name": "Ada Moss", "type": "PERSON", "aliases": ["Moss"],
         "roles": [{"text": "mayor", "article_ids": ["x"]}], "article_ids": ["x"],
         "mentions": [{"article_id": "x", "start": 0, "end": 8, "text": "Ada Moss"}], "_k1": 5, "_k2": 0}
    b = {**a, "aliases": ["Moss", "A. Moss"], "roles": [{"text": "mayor", "article_ids": ["y"]}],
         "article_ids": ["y"], "mentions": [{"article_id": "y", "start": 3, "end": 7, "text": "Moss"}], "_k1": 1}
    merged = json.loads(merge_entities([json.dumps(a), json.dumps(b)]))
    assert merged["_k1"] == 1 and merged["aliases"] == ["Moss", "A. Moss"]
    assert merged["article_ids"] == ["y", "x"] and merged["roles"] == [{"text": "mayor", "article_ids": ["y", "x"]}]
    assert [m["article_id"] for m in merged["mentions"]] == ["y", "x"]


def test_block_store_sees_outlets_in_other_blocks():
    """A credit to an outlet whose articles sit in another block is not an external source."""
    from newsloom.provenance import stage

    text = "Harbour officials said the new ferry terminal would open in March. " * 3
    art = Article(id="a1", source="a1", fingerprint="f1", site="smallpaper.example",
                  credited_source="Coastline Wire", text=text)
    directory = {"coastlinewire": [{"id": "cw-1", "site": "coastlinewire.com", "dateline": None,
                                    "credited_source": None}]}
    for store, external in ((Store(":memory:"), True), (BlockStore(directory), False)):
        with store:
            store.add_articles([art], [])
            stage(store, ["a1"])
            found = [d.source_id for d in store.derivations_of("a1")]
            assert (found == ["external:coastline wire"]) is external, found


@needs_java
def test_a_full_sentence_key_still_links_its_first_articles(monkeypatch):
    """A long sentence in more articles than a bucket holds (a wire story copied that often)
    still pairs its first articles with the others sharing two such sentences; one shared
    sentence (boilerplate) pairs nothing."""
    from pyspark.sql import SparkSession

    from newsloom.spark import blocks

    monkeypatch.setattr(blocks, "MAX_BUCKET", 3)
    spark = SparkSession.builder.master("local[1]").config("spark.ui.enabled", "false").getOrCreate()
    rows = [(n, ["s1", "s2"], []) for n in range(6)] + [(6, ["s1"], [])]
    arts = spark.createDataFrame(rows, "n long, keys array<string>, terms array<string>")
    got = {(r.a, r.b) for r in blocks.blocking_edges(arts).collect()}
    assert got == {(a, b) for a in range(6) for b in range(a + 1, 6)}


@pytest.mark.parametrize("entry", ["spark-submit", pytest.param("cli", marks=needs_java)])  # cli checks Java first
def test_an_unknown_model_ends_the_job_before_spark_starts(tmp_path, capsys, monkeypatch, entry):
    from click.testing import CliRunner

    from newsloom.cli import main as cli
    from newsloom.spark.job import main

    monkeypatch.delenv("NEWSLOOM_MODEL", raising=False)  # restored after the test
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "ferry", "text": FERRY}) + "\n")
    args = [str(src), "--out", str(tmp_path / "out"), "--model", "no_such_pipeline"]
    if entry == "cli":
        res = CliRunner().invoke(cli, ["spark", *args])
        status, said = res.exit_code, res.output
    else:
        status, said = main(args), capsys.readouterr().err
    assert status == 2 and "no_such_pipeline" in said
    assert not (tmp_path / "out").exists()


@needs_java
def test_the_selected_model_reaches_the_workers(tmp_path):
    """The model ``--model`` selects is the one the workers load (it travels with their tasks):
    an unknown name there rejects the article with its name, never a silent fall-back to rules."""
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "ferry", "text": FERRY}) + "\n")
    counts = run([str(src)], str(tmp_path / "out"), master="local[1]", model="no_such_pipeline")
    assert (counts["articles"], counts["rejected"]) == (0, 1)
    (row,) = read(tmp_path / "out" / "rejected.parquet")
    assert row["code"] == "NL011" and "no_such_pipeline" in row["reason"]


@needs_java
def test_spark_quotes_carry_same_as(spark_out, local):
    """Parquet keeps each quotation's copies in other outlets and its altered flag, as the
    store's own exports do."""
    out, _, _ = spark_out
    rows = read(out / "quotes.parquet")
    links = {r["id"]: set(r["same_as"]) for r in rows}
    assert links == {r["id"]: set(r["same_as"]) for r in local["quotes"]}
    assert max(len(v) for v in links.values()) >= 3
    assert any(r["altered"] and r["same_as"] for r in rows)


def test_blocking_features_list_an_outlet_as_the_provenance_stage_does():
    """The corpus-wide outlet directory holds the keys the provenance stage lists: an
    agency's host code ("(UAN)" on uanewswire.in) among its outlet's, so a scraper's credit to
    "(UAN)" in another block finds the agency, as on one machine."""
    from newsloom.provenance.decide import credited_keys, own_keys
    from newsloom.spark.blocks import features

    agency = Article(id="a", source="a", fingerprint="a", site="uanewswire.in", text="Text of the report.")
    scraper = Article(id="s", source="s", fingerprint="s", site="dailybuzz.example", credited_source="UAN",
                      text="Text of the report.")
    got = {a.id: features(a, None) for a in (agency, scraper)}
    assert set(got["a"]["outlets"]) == own_keys(agency)
    assert set(got["s"]["credits"]) == set().union(*credited_keys(scraper))
    assert set(got["s"]["credits"]) & set(got["a"]["outlets"])
