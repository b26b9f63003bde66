"""The Spark job (local[2]) gives the single-machine pipeline's articles. Skipped without PySpark/Java."""

from __future__ import annotations

import json

import pytest

pyspark = pytest.importorskip("pyspark")

import newsloom  # noqa: E402
from newsloom.spark import java_version  # noqa: E402
from newsloom.spark.job import expand_inputs, run  # noqa: E402

pytestmark = pytest.mark.skipif(java_version() is None, reason="no Java runtime for Spark")
FIELDS = ("id", "title", "byline", "published", "site", "credited_source", "text", "captions", "language")


@pytest.fixture(scope="module")
def spark_out(tmp_path_factory, demo_dir):
    d = tmp_path_factory.mktemp("spark")
    extra = d / "extra.jsonl"
    body = "The ferry to the island will run twice a day from May, the operator said on Monday morning."
    extra.write_text("\n".join(json.dumps(x) for x in [
        {"id": "dup", "text": body}, {"id": "dup", "text": body + " A second, different text."},
        {"id": "same-text", "text": body}, "not an object",
    ]))
    inputs = [str(demo_dir), str(extra)]
    counts = run(inputs, str(d / "out"), master="local[2]", partitions=4)
    return inputs, d / "out", counts


def read(path):
    import pyarrow.parquet as pq

    return pq.read_table(path).to_pylist()


def test_spark_articles_equal_single_machine(spark_out):
    inputs, out, counts = spark_out
    local = newsloom.analyze(inputs)
    spark_rows = {r["id"]: r for r in read(out / "articles.parquet")}
    assert counts["articles"] == len(spark_rows) == len(local.articles)
    for article in local.articles:
        row = spark_rows[article.id]
        for field in FIELDS:
            assert row[field] == getattr(article, field), (article.id, field)
        assert [r["text"] for r in row["removed"]] == [r.text for r in article.removed]


def test_spark_rejections_equal_single_machine(spark_out):
    inputs, out, _ = spark_out
    local = newsloom.analyze(inputs)
    rejected = {(r["source"], r["code"]) for r in read(out / "rejected.parquet")}
    assert rejected == {(r.source, r.code) for r in local.rejected}
    assert {code for _, code in rejected} == {"NL008", "NL010"}


def test_inputs_are_expanded_to_files(demo_dir):
    files = expand_inputs([str(demo_dir), "https://example.invalid/feed.xml"])
    assert files[-1] == "https://example.invalid/feed.xml"
    assert all(not f.endswith(".md") for f in files) and len(files) == 9
