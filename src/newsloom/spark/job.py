"""The Spark job: per-article work in ``mapPartitions``, corpus stages per block, Parquet out.

    spark-submit --master yarn -m newsloom.spark.job s3://bucket/cc-news/*.warc.gz --out s3://bucket/out

Inputs are expanded to files (directories walked) on the driver; each file is a task
unit, so WARC files (thousands of records each) spread across executors. Records go
through :func:`newsloom.work.run_jobs` in batches, the very function the worker processes
of ``analyze`` run, so both paths produce the same articles. The articles are
then cut into blocks of articles that may interact (:mod:`newsloom.spark.blocks`), and
each block runs the single-machine corpus stages (entities and quotes across articles,
provenance, stories, digests) over an in-memory store. Tables: articles, entities, quotes,
derivations, stories, rejected.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import pickle
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsloom.ingest import iter_documents
from newsloom.ingest.files import walk
from newsloom.model import Rejection
from newsloom.nlp import model_error
from newsloom.spark.blocks import DEFAULT_PACK
from newsloom.work import BATCH_DOCS, Job, chunked, run_jobs

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

TABLES = ("articles", "entities", "quotes", "derivations", "stories", "rejected")
ROWS = ("kind string, idx long, seq long, id string, fingerprint string, source string, data string,"
        " analysis binary, keys array<string>, terms array<string>, outlets array<string>,"
        " credits array<string>, site string, dateline string, credited_source string")


def expand_inputs(inputs: Iterable[str]) -> list[str]:
    """Files (directories walked, sorted, hidden files skipped) and URLs, in input order."""
    out: list[str] = []
    for target in inputs:
        path = Path(target)
        if "://" in target and not target.startswith("file://"):
            out.append(target)
        elif path.is_dir():
            out += [str(p) for p in walk(path) if p.is_file()]
        else:
            out.append(target)
    return out


def process_partition(targets: Iterable[tuple[str, int]], model: str | None = None) -> Iterator[tuple[Any, ...]]:
    """A row (see ``ROWS``) for every document of the partition's inputs: the article or
    rejection in contract JSON, and for an article its analysis (pickled, so the corpus
    stages need not parse it again) and blocking features. Documents go through
    :func:`newsloom.work.run_jobs` in batches, as in a worker process of ``analyze``."""
    from newsloom.spark.blocks import features
    from newsloom.stages import article_stages

    stages = article_stages(model)  # built once per partition; the NLP model is cached per worker
    for target, index in targets:
        for group in chunked(enumerate(iter_documents([target])), BATCH_DOCS):
            raws = [(seq, item) for seq, item in group if not isinstance(item, Rejection)]
            outcomes = dict(zip([seq for seq, _ in raws],
                                run_jobs([Job(raw) for _, raw in raws], stages),
                                strict=True))
            for seq, item in group:
                out, analysis = (item, None) if isinstance(item, Rejection) else outcomes[seq]
                data = json.dumps({**out.to_dict(), "_idx": index, "_seq": seq}, ensure_ascii=False)
                if isinstance(out, Rejection):
                    yield ("rejected", index, seq, None, None, out.source, data, *[None] * 8)
                    continue
                try:
                    feats = features(out, analysis)
                except Exception:  # an article the blocking cannot read still gets its own block
                    feats = {"keys": [], "terms": [], "outlets": [], "credits": []}
                yield ("articles", index, seq, out.id, out.fingerprint, out.source, data,
                       pickle.dumps(analysis) if analysis is not None else None,
                       feats["keys"], feats["terms"], feats["outlets"], feats["credits"],
                       out.site, out.dateline, out.credited_source)


def dedupe(articles: DataFrame) -> tuple[DataFrame, DataFrame]:
    """As the store does: one article per fingerprint (the first in input order), and a
    later article reusing an id under another fingerprint rejected with NL010."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    from newsloom.errors import NewsloomError

    first = F.row_number().over(Window.partitionBy("fingerprint").orderBy("idx", "seq"))
    articles = articles.withColumn("_n", first).filter("_n = 1").drop("_n")
    rank = F.row_number().over(Window.partitionBy("id").orderBy("idx", "seq"))
    ranked = articles.withColumn("_n", rank)
    kept = ranked.filter("_n = 1").drop("_n")
    clashes = ranked.filter("_n > 1")
    err = NewsloomError("NL010", "")
    collisions = clashes.select(
        "source", F.lit(err.code).alias("code"),
        F.concat(F.lit(err.reason.rstrip(": ") + ": "), F.col("id")).alias("reason"),
        F.col("idx").alias("_idx"), F.col("seq").alias("_seq"),
    )
    return kept, collisions


def run(
    inputs: list[str], out: str, master: str | None = None, partitions: int | None = None,
    pack: int = DEFAULT_PACK, info: dict[str, float] | None = None, model: str | None = None,
) -> dict[str, int]:
    """Run the job and write ``<out>/<table>.parquet``; returns row counts per table.

    ``pack``: articles per block that small components are packed into (1: one block per
    component). ``info``, when given, receives the blocking figures (edges, rounds,
    blocks, largest_block) and the seconds spent on the article stages, the blocking,
    and the corpus stages with the writing (``seconds_articles``, ``seconds_blocking``,
    ``seconds_corpus``). ``model``: the spaCy pipeline of the article stages (None: the
    shipped one); it travels to the executors with their tasks.
    """
    import time

    from pyspark import StorageLevel
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    from newsloom.spark import check_environment
    from newsloom.spark.blocks import assign_blocks, merge_entities, outlet_directory, run_block

    check_environment()
    # Workers must run this interpreter (the one newsloom is installed in) unless told otherwise.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("newsloom")
    if master:
        builder = builder.master(master)
    if (master or "").startswith("local"):  # one machine, small data: fewer, fixed stages
        cores = (master or "").partition("[")[2].rstrip("]")
        cores = str(os.cpu_count() or 2) if cores in ("", "*") else cores
        builder = (builder.config("spark.sql.shuffle.partitions", str(int(cores.split(",")[0])))
                   .config("spark.sql.adaptive.enabled", "false"))
    spark = builder.config("spark.ui.enabled", "false").getOrCreate()
    try:
        sc = spark.sparkContext
        targets = expand_inputs(inputs)
        slices = partitions or max(1, min(len(targets), sc.defaultParallelism * 4))
        t0 = time.perf_counter()
        rows = sc.parallelize([(t, i) for i, t in enumerate(targets)], slices).mapPartitions(
            functools.partial(process_partition, model=model))
        base = spark.createDataFrame(rows, ROWS).persist(StorageLevel.MEMORY_AND_DISK)
        rejected = spark.read.json(base.filter(base.kind == "rejected").rdd.map(lambda r: r.data))
        t1 = time.perf_counter()  # reading the rejections computed (and cached) every row
        kept, collisions = dedupe(base.filter(base.kind == "articles"))
        rejected = rejected.unionByName(collisions, allowMissingColumns=True) if rejected.columns else collisions
        arts = kept.withColumn("n", F.shiftleft("idx", 32) + F.col("seq")).persist(StorageLevel.MEMORY_AND_DISK)

        # Corpus stages: blocks of articles that may interact, each run as the local pipeline would.
        blocks, figures = assign_blocks(arts.select("n", "keys", "terms"), pack)
        t2 = time.perf_counter()
        if info is not None:
            info.update(figures)
        directory = sc.broadcast(outlet_directory(arts))
        groups = max(1, min(figures["blocks"], partitions or sc.defaultParallelism * 4))
        results = (
            arts.join(blocks, "n").select("block", "n", "data", "analysis").rdd
            .map(lambda r: (r.block, (r.n, r.data, r.analysis)))
            .groupByKey(groups)
            .flatMap(lambda kv: run_block(kv[0], kv[1], directory.value, model))
        )
        res = spark.createDataFrame(results, "tbl string, key string, data string").persist(
            StorageLevel.MEMORY_AND_DISK)
        tables: dict[str, DataFrame] = {}
        for table in TABLES[:-1]:
            part = res.filter(res.tbl == table).rdd
            if table == "entities":
                data = part.map(lambda r: (r.key, r.data)).groupByKey().map(lambda kv: merge_entities(kv[1]))
            else:
                data = part.map(lambda r: r.data)
            tables[table] = spark.read.json(data).withColumnsRenamed({"_k1": "_idx", "_k2": "_seq"})
        tables["rejected"] = rejected
        # rows per table in one pass (an entity written by several blocks is one row)
        per = res.groupBy("tbl").agg(F.count("*").alias("rows"), F.countDistinct("key").alias("keys")).collect()
        counts = {t: 0 for t in TABLES}
        counts.update({r["tbl"]: r["keys"] if r["tbl"] == "entities" else r["rows"] for r in per})
        for table, data in tables.items():
            if not data.columns:
                continue
            data = data.orderBy("_idx", "_seq").drop("_idx", "_seq")
            data.write.mode("overwrite").parquet(f"{out}/{table}.parquet")
            if table == "rejected":
                counts[table] = data.count()
        if info is not None:
            info.update(seconds_articles=round(t1 - t0, 2), seconds_blocking=round(t2 - t1, 2),
                        seconds_corpus=round(time.perf_counter() - t2, 2))
        return counts
    finally:
        spark.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="newsloom.spark.job", description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--out", required=True)
    parser.add_argument("--master", default=None)
    parser.add_argument("--partitions", type=int, default=None)
    parser.add_argument("--pack", type=int, default=DEFAULT_PACK, help="articles per block (small components packed)")
    parser.add_argument("--model", default=None,
                        help="spaCy pipeline for the article stages (default: the shipped en_newsloom)")
    args = parser.parse_args(argv)
    # as `analyze --model`: a model that does not load ends the job before Spark starts
    if error := model_error(args.model):
        print(error, file=sys.stderr)
        return 2
    info: dict[str, float] = {}
    counts = run(args.inputs, args.out, args.master, args.partitions, pack=args.pack, info=info, model=args.model)
    print(json.dumps({**counts, "blocking": info}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
