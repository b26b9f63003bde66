"""The Spark job: per-article work in ``mapPartitions``, results as Parquet tables.

    spark-submit --master yarn -m newsloom.spark.job s3://bucket/cc-news/*.warc.gz --out s3://bucket/out

Inputs are expanded to files (directories walked) on the driver; each file is a task
unit, so WARC files (thousands of records each) spread across executors. Every record
goes through :func:`newsloom.pipeline.process_or_reject`, the very function the
single-machine pipeline calls, so both paths produce the same articles.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from newsloom.clean import LineStats
from newsloom.ingest import iter_documents
from newsloom.ingest.files import accepts
from newsloom.model import Article, Rejection
from newsloom.pipeline import process_or_reject

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

TABLES = ("articles", "rejected")


def expand_inputs(inputs: Iterable[str]) -> list[str]:
    """Files (directories walked, sorted, hidden files skipped) and URLs, in input order."""
    out: list[str] = []
    for target in inputs:
        path = Path(target)
        if "://" in target and not target.startswith("file://"):
            out.append(target)
        elif path.is_dir():
            out += [
                str(p) for p in sorted(path.rglob("*"))
                if p.is_file() and accepts(p) and not any(x.startswith(".") for x in p.relative_to(path).parts)
            ]
        else:
            out.append(target)
    return out


def process_partition(targets: Iterable[tuple[str, int]]) -> Iterator[tuple[str, int, int, str]]:
    """(kind, input index, sequence, contract JSON) for every document of the partition's inputs."""
    from newsloom.stages import article_stages

    stages = article_stages()  # built once per partition; the NLP model is cached per worker
    stats = LineStats()
    for target, index in targets:
        for seq, item in enumerate(iter_documents([target])):
            out: Article | Rejection = item if isinstance(item, Rejection) else process_or_reject(item, stages, stats)
            kind = "articles" if isinstance(out, Article) else "rejected"
            data = {**out.to_dict(), "_idx": index, "_seq": seq}  # input order, for dedup below
            yield kind, index, seq, json.dumps(data, ensure_ascii=False)


def dedupe(articles: DataFrame) -> tuple[DataFrame, DataFrame | None]:
    """As the store does: one article per fingerprint (the first in input order), and a
    later article reusing an id under another fingerprint rejected with NL010."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    from newsloom.errors import NewsloomError

    first = F.row_number().over(Window.partitionBy("fingerprint").orderBy("_idx", "_seq"))
    articles = articles.withColumn("_n", first).filter("_n = 1").drop("_n")
    rank = F.row_number().over(Window.partitionBy("id").orderBy("_idx", "_seq"))
    ranked = articles.withColumn("_n", rank)
    kept = ranked.filter("_n = 1").drop("_n")
    clashes = ranked.filter("_n > 1")
    if clashes.isEmpty():
        return kept, None
    err = NewsloomError("NL010", "")
    collisions = clashes.select(
        "source", F.lit(err.code).alias("code"),
        F.concat(F.lit(err.reason.rstrip(": ") + ": "), F.col("id")).alias("reason"), "_idx", "_seq",
    )
    return kept, collisions


def run(inputs: list[str], out: str, master: str | None = None, partitions: int | None = None) -> dict[str, int]:
    """Run the job and write ``<out>/<table>.parquet``; returns row counts per table."""
    from pyspark.sql import SparkSession

    from newsloom.spark import check_environment

    check_environment()
    # Workers must run this interpreter (the one newsloom is installed in) unless told otherwise.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("newsloom")
    if master:
        builder = builder.master(master)
    spark = builder.config("spark.ui.enabled", "false").getOrCreate()
    try:
        sc = spark.sparkContext
        targets = expand_inputs(inputs)
        slices = partitions or max(1, min(len(targets), sc.defaultParallelism * 4))
        rows = sc.parallelize([(t, i) for i, t in enumerate(targets)], slices).mapPartitions(process_partition)
        df = spark.createDataFrame(rows, "kind string, idx long, seq long, data string").cache()
        tables = {t: spark.read.json(df.filter(df.kind == t).rdd.map(lambda r: r.data)) for t in TABLES}
        if "fingerprint" in tables["articles"].columns:
            articles, collisions = dedupe(tables["articles"])
            tables["articles"] = articles
            if collisions is not None and "source" in tables["rejected"].columns:
                tables["rejected"] = tables["rejected"].unionByName(collisions, allowMissingColumns=True)
            elif collisions is not None:
                tables["rejected"] = collisions
        counts: dict[str, int] = {}
        for table, data in tables.items():
            if not data.columns:
                counts[table] = 0
                continue
            data = data.orderBy("_idx", "_seq").drop("_idx", "_seq")
            data.write.mode("overwrite").parquet(f"{out}/{table}.parquet")
            counts[table] = data.count()
        return counts
    finally:
        spark.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="newsloom.spark.job", description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--out", required=True)
    parser.add_argument("--master", default=None)
    parser.add_argument("--partitions", type=int, default=None)
    args = parser.parse_args(argv)
    counts = run(args.inputs, args.out, args.master, args.partitions)
    print(json.dumps(counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
