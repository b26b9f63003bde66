"""Corpus stages at scale: blocking, connected components, and the local stages per block.

The corpus stages (entities and quotes across articles, provenance, stories, digests) look
at articles together, so the job first cuts the corpus into *blocks*: sets of articles that
may interact, such that two articles in different blocks should neither derive from each
other nor share a story or a quotation. Each block then runs the very corpus stages of the
single-machine pipeline (:func:`newsloom.stages.corpus_stages`) over an in-memory
:class:`~newsloom.store.Store` holding its articles in input order.

Blocking keys, per article (:func:`features`):

* ``l…`` / ``s…``: its provenance index keys (:func:`newsloom.provenance.index.signature`):
  MinHash bands and long-sentence fingerprints. Two articles sharing one long sentence, or
  ``MIN_BANDS`` bands (bigram Jaccard ≈ 0.06), may derive from each other: the bar of the
  provenance index's strong candidates (a lower one joins most of a day's political news
  into one component: 153 of 200 PolNeAR texts at 3 bands);
* ``p…``: its passage keys: two articles sharing ``MIN_PASSAGES`` of them may share a
  passage retold under a new frame (the index's weak candidates);
* ``t…``: its ``STORY_KEYS`` rarest story terms (:func:`newsloom.stories.article_terms`)
  among those in 2…``STORY_MAX_DF`` articles; two articles sharing ``STORY_MIN_SHARED`` of
  them may land in one story (the stories stage's own bar), or ``SHORT_MIN_SHARED`` when
  one is a short item;
* ``f…``: its anchor keys (the facts a sentence names: its names and figures): ``MIN_ANCHORS`` of them shared
  with ``MIN_SHARED`` bands may be a paraphrase (the index asks for anchors of ``MIN_ANCHORS``
  sentences, two keys each: this bar keeps every pair it finds);
* ``q…``: the normalised words of each of its quotations (identical quotations match).

Keys held by more than ``MAX_BUCKET`` articles (a MinHash band value: ``BAND_BUCKET``) are
skipped (ubiquitous phrases, as the provenance index skips them), but for a long
sentence's: its first ``EARLY`` articles stay paired with the others sharing
``EARLY_SENTENCES`` such sentences (a wire story copied by more sites than that). The
pairs are edges; connected components (min-label propagation with DataFrame joins) are the
blocks, and small components are packed together in input order up to ``pack`` articles
per block, which only adds context.

Outlet credits resolve corpus-wide: the outlets every article credits are looked up in a
directory of all articles' own outlets (:class:`BlockStore`), so a credit to an outlet whose
articles sit in another block is not mistaken for an external one.
"""

from __future__ import annotations

import json
import pickle
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from newsloom.model import Article
from newsloom.provenance.index import (
    ANCHOR_BUCKET,
    BAND_BUCKET,
    EARLY,
    EARLY_SENTENCES,
    MIN_ANCHORS,
    MIN_BANDS,
    MIN_PASSAGES,
    MIN_SHARED,
)
from newsloom.provenance.tables import Outlets
from newsloom.store import Store
from newsloom.stories import MIN_SHARED as STORY_MIN_SHARED
from newsloom.stories import SHORT_MIN_SHARED, SHORT_TERMS

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

STORY_KEYS = 15  # rarest story terms kept per article (the stories stage probes with 15)
STORY_MAX_DF = 200  # the stories stage never probes with a term held by more articles
MAX_BUCKET = 200  # a key held by more articles says nothing (the provenance index's cap)
DEFAULT_PACK = 1000  # articles per block that small components are packed into
OUTLET_LIMIT = 3  # articles looked up per credited outlet key (as provenance does)
OUTPUT_TABLES = ("articles", "entities", "quotes", "derivations", "stories")
# Contract fields whose items are free-form dicts (their keys and value types vary from row
# to row): written as JSON text, so every run gets the same Parquet schema.
JSON_FIELDS = {"stories": ("timeline", "figures", "disagreements")}


def features(article: Article, analysis: Any) -> dict[str, Any]:
    """Blocking keys, story terms and outlet keys of one article (computed in the workers)."""
    from newsloom.provenance.decide import credited_keys, own_keys, profile
    from newsloom.provenance.index import ANCHOR_BAND, PASSAGE_BAND, SENTENCE_BAND, signature
    from newsloom.quotes.match import MIN_WORDS, form_id, words
    from newsloom.stories import article_terms

    kinds = {SENTENCE_BAND: "s", PASSAGE_BAND: "p", ANCHOR_BAND: "f"}
    keys = [f"{kinds.get(k >> 32, 'l')}{k}" for k in signature(profile(article, set()))]
    quotes = set()
    for att in getattr(analysis, "attributions", []):
        ws = words(article.text[att.start:att.end])
        if len(ws) >= MIN_WORDS:
            quotes.add("q" + form_id(" ".join(ws)))
    return {
        "keys": keys + sorted(quotes),
        "terms": sorted(article_terms(article)),
        "outlets": sorted(own_keys(article)),  # as the provenance stage lists them, codes with them
        "credits": sorted(set().union(*credited_keys(article))),
    }


def blocking_edges(arts: DataFrame) -> DataFrame:
    """Candidate pairs ``(a, b)``, ``a < b``, from ``arts(n, keys, terms)``."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    terms = arts.select("n", F.explode("terms").alias("term"))
    df = F.count("*").over(Window.partitionBy("term"))
    rank = F.row_number().over(Window.partitionBy("n").orderBy("df", "term"))
    story = (terms.withColumn("df", df).filter(F.col("df").between(2, STORY_MAX_DF))
             .withColumn("_r", rank).filter(F.col("_r") <= STORY_KEYS)
             .select("n", F.concat(F.lit("t"), "term").alias("key")))
    keys = arts.select("n", F.explode("keys").alias("key")).union(story)  # unique per article
    sized = keys.withColumn("size", F.count("*").over(Window.partitionBy("key")))
    kind = F.substring("key", 1, 1)
    # a band value's and an anchor's own caps, as the index keeps them
    cap = (F.when(kind == "l", min(BAND_BUCKET, MAX_BUCKET)).when(kind == "f", min(ANCHOR_BUCKET, MAX_BUCKET))
           .otherwise(MAX_BUCKET))
    keys = sized.filter((F.col("size") >= 2) & (F.col("size") <= cap)).select("n", "key")
    shared = {k: F.sum(F.when(F.col("kind") == k, 1).otherwise(0)) for k in "lstqpf"}
    short = arts.select("n", (F.size("terms") < SHORT_TERMS).alias("short"))
    pairs = (keys.alias("x").join(keys.alias("y"), "key")
             .filter(F.col("x.n") < F.col("y.n"))
             .select(F.col("x.n").alias("a"), F.col("y.n").alias("b"), kind.alias("kind"))
             .groupBy("a", "b").agg(*(v.alias(k) for k, v in shared.items()))
             .join(short.withColumnRenamed("n", "a").withColumnRenamed("short", "sa"), "a")
             .join(short.withColumnRenamed("n", "b").withColumnRenamed("short", "sb"), "b"))
    story_bar = F.when(F.col("sa") | F.col("sb"), SHORT_MIN_SHARED).otherwise(STORY_MIN_SHARED)
    pairs = pairs.filter((F.col("l") >= MIN_BANDS) | (F.col("s") >= 1) | (F.col("t") >= story_bar)
                         | (F.col("q") >= 1) | (F.col("p") >= MIN_PASSAGES)
                         | ((F.col("f") >= MIN_ANCHORS) & (F.col("l") >= MIN_SHARED)))
    # a long sentence in more articles than MAX_BUCKET (a wire story copied that often): its
    # EARLY first articles stay linked to the others sharing EARLY_SENTENCES such sentences,
    # as the provenance index keeps them
    full = (sized.filter((F.col("size") > MAX_BUCKET) & (F.substring("key", 1, 1) == "s"))
            .withColumn("_r", F.row_number().over(Window.partitionBy("key").orderBy("n"))))
    early = (full.filter(F.col("_r") <= EARLY).select("n", "key").alias("x")
             .join(full.select("n", "key").alias("y"), "key").filter(F.col("x.n") != F.col("y.n"))
             .groupBy(F.least("x.n", "y.n").alias("a"), F.greatest("x.n", "y.n").alias("b")).count()
             .filter(F.col("count") >= EARLY_SENTENCES))
    return pairs.select("a", "b").union(early.select("a", "b")).distinct()


def components(edges: DataFrame, max_rounds: int = 200) -> tuple[DataFrame, int]:
    """``(n, label)`` for every vertex of ``edges``: the smallest ``n`` of its component,
    by min-label propagation (one join per round; rounds ≈ the components' diameter)."""
    from pyspark.sql import functions as F

    both = edges.union(edges.select(F.col("b").alias("a"), F.col("a").alias("b")))
    labels = both.groupBy("a").agg(F.least(F.col("a"), F.min("b")).alias("label")).withColumnRenamed("a", "n")
    for rounds in range(1, max_rounds + 1):
        # every vertex takes the smallest label among its neighbours' and its own
        nb = (both.join(labels.withColumnRenamed("n", "b"), "b")
              .groupBy("a").agg(F.min("label").alias("m")).withColumnRenamed("a", "n"))
        new = (labels.join(nb, "n").select("n", F.least("label", "m").alias("label"), F.col("label").alias("old"))
               .localCheckpoint())
        labels = new.select("n", "label")
        if new.filter("label != old").isEmpty():
            return labels, rounds
    raise RuntimeError(f"blocking: components did not converge in {max_rounds} rounds")


def assign_blocks(arts: DataFrame, pack: int) -> tuple[DataFrame, dict[str, int]]:
    """``(n, block)`` for every article of ``arts(n, keys, terms)``, and blocking figures."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    edges = blocking_edges(arts).localCheckpoint()
    n_edges = edges.count()
    labels, rounds = components(edges) if n_edges else (None, 0)
    blocks = arts.select("n")
    if labels is not None:
        blocks = blocks.join(labels, "n", "left")
    else:
        blocks = blocks.withColumn("label", F.lit(None).cast("long"))
    blocks = blocks.select("n", F.coalesce("label", "n").alias("label"))
    if pack > 1:
        # pack whole components, in input order, into blocks of about ``pack`` articles
        sizes = blocks.groupBy("label").agg(F.count("*").alias("size"))
        before = F.sum("size").over(Window.orderBy("label").rowsBetween(Window.unboundedPreceding, -1))
        bins = sizes.select("label", F.floor(F.coalesce(before, F.lit(0)) / pack).alias("bin"))
        first = F.min("label").over(Window.partitionBy("bin"))
        bins = bins.select("label", first.alias("block"))
        blocks = blocks.join(bins, "label").select("n", "block")
    else:
        blocks = blocks.withColumnRenamed("label", "block")
    blocks = blocks.localCheckpoint()
    per = blocks.groupBy("block").agg(F.count("*").alias("size")).agg(
        F.count("*").alias("blocks"), F.max("size").alias("largest")).first()
    info = {"edges": n_edges, "rounds": rounds, "blocks": int(per["blocks"] or 0),
            "largest_block": int(per["largest"] or 0)}
    return blocks, info


def outlet_directory(arts: DataFrame) -> dict[str, list[dict[str, Any]]]:
    """For each outlet key some article credits: the first ``OUTLET_LIMIT`` articles (by id,
    as the store's index lists them) whose own outlet it is, with the fields that name it."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    credited = arts.select(F.explode("credits").alias("key")).distinct()
    own = arts.select(F.explode("outlets").alias("key"), "id", "site", "dateline", "credited_source")
    rank = F.row_number().over(Window.partitionBy("key").orderBy("id"))
    rows = own.join(credited, "key").withColumn("_r", rank).filter(F.col("_r") <= OUTLET_LIMIT).collect()
    out: dict[str, list[dict[str, Any]]] = {}
    for r in sorted(rows, key=lambda r: (r["key"], r["id"])):
        out.setdefault(r["key"], []).append(
            {"id": r["id"], "site": r["site"], "dateline": r["dateline"], "credited_source": r["credited_source"]})
    return out


class BlockStore(Store):
    """An in-memory store for one block whose outlet lookups see the whole corpus.

    Provenance resolves an article's credit ("via Coastline Wire") through the articles of
    that outlet: here the corpus-wide ``directory`` lists them from the start (the first
    ``OUTLET_LIMIT`` by id, as the store's index lists them, so the block's own articles of
    an outlet add none before them), those in other blocks as stubs carrying only the fields
    that name their outlet.
    """

    def __init__(self, directory: dict[str, list[dict[str, Any]]]) -> None:
        super().__init__(":memory:")
        self.stubs = {e["id"]: e for entries in directory.values() for e in entries}
        Outlets(self).add([(key, e["id"]) for key, entries in directory.items() for e in entries])

    def articles_by_ids(self, ids: list[str]) -> dict[str, Article]:
        out = super().articles_by_ids(ids)
        for i in ids:
            if i not in out and (e := self.stubs.get(i)):
                out[i] = Article(id=i, source="", fingerprint="", site=e["site"], dateline=e["dateline"],
                                 credited_source=e["credited_source"])
        return out


def _row(data: dict[str, Any], k1: int, k2: int) -> str:
    return json.dumps({**data, "_k1": k1, "_k2": k2}, ensure_ascii=False)


def run_block(
    block: int, rows: Iterable[tuple[int, str, bytes | None]], directory: dict[str, list[dict[str, Any]]],
    model: str | None = None,
) -> Iterator[tuple[str, str, str]]:
    """Run the corpus stages (parsing with ``model`` what has no analysis) over one block's
    articles ``(n, article JSON, pickled analysis)``;
    yields ``(table, entity id or "", row JSON)``, rows carrying their output order in
    ``_k1``/``_k2`` (articles: input order; the rest: block, then row in the block)."""
    from newsloom.stages import corpus_stages

    items = sorted(rows, key=lambda r: r[0])
    articles = [Article.from_dict(json.loads(data)) for _, data, _ in items]
    order = {a.id: n for a, (n, _, _) in zip(articles, items, strict=True)}
    analyses = {a.id: pickle.loads(blob) for a, (_, _, blob) in zip(articles, items, strict=True) if blob}
    store = BlockStore(directory)
    try:
        for i in range(0, len(articles), 200):  # the pipeline's chunks, in input order
            store.add_articles(articles[i:i + 200], [])
        pending = store.pending_ids()
        for stage in corpus_stages(model):
            stage(store, pending, analyses)
        for row in store.iter_data("articles"):
            yield "articles", "", _row(row, order[row["id"]], 0)
        for table in OUTPUT_TABLES[1:]:
            for pos, row in enumerate(store.iter_data(table)):
                for f in JSON_FIELDS.get(table, ()):
                    row[f] = json.dumps(row.get(f, []), ensure_ascii=False)
                yield table, row["id"] if table == "entities" else "", _row(row, block, pos)
    finally:
        store.close()


def merge_entities(rows: Iterable[str]) -> str:
    """One entity row from the rows several blocks wrote under one id (ids hash the type and
    the lower-cased name): aliases, roles, articles and mentions united, first block first."""
    ordered = sorted((json.loads(r) for r in rows), key=lambda e: (e["_k1"], e["_k2"]))
    if len(ordered) == 1:
        return json.dumps(ordered[0], ensure_ascii=False)
    out = ordered[0]
    for e in ordered[1:]:
        out["aliases"] += [x for x in e.get("aliases", []) if x not in out["aliases"]]
        roles = {r["text"]: r for r in out["roles"]}
        for r in e.get("roles", []):
            if r["text"] in roles:
                roles[r["text"]]["article_ids"] += [a for a in r["article_ids"]
                                                    if a not in roles[r["text"]]["article_ids"]]
            else:
                out["roles"].append(r)
                roles[r["text"]] = r
        out["article_ids"] += [a for a in e.get("article_ids", []) if a not in out["article_ids"]]
        seen = {(m["article_id"], m["start"], m["end"]) for m in out["mentions"]}
        out["mentions"] += [m for m in e.get("mentions", []) if (m["article_id"], m["start"], m["end"]) not in seen]
    return json.dumps(out, ensure_ascii=False)
