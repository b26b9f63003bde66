"""The analysis pipeline: ingest → clean → per-article stages → store → corpus stages.

Documents stream through in chunks; the workers analyse a chunk in parts of
``work.BATCH_DOCS`` documents, and each part is written in one transaction as soon as it is
done, so an interrupted run loses at most the chunks in flight (the one being stored and the
one the workers analyse meanwhile) and a rerun picks up where it stopped
(articles are keyed by content fingerprint, so nothing is added twice). Later stages plug
in as *article stages* (one article at a time: NLP, entities, quotes, dates) or *corpus
stages* (over the store after new articles arrive: provenance, stories, timelines), which
are given the ids of every article they have not yet finished and must be idempotent.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsloom import stages
from newsloom.clean import LineStats, body_lines, site_of
from newsloom.errors import NewsloomError
from newsloom.ingest import iter_documents, sources
from newsloom.ingest.base import reject
from newsloom.ingest.decode import MAX_BYTES
from newsloom.model import Article, RawDocument, Rejection
from newsloom.pipeline_types import CorpusStage, Stages
from newsloom.store import BATCH, Store
from newsloom.work import (
    BATCH_DOCS,
    DOC_TIMEOUT,
    Job,
    Outcome,
    Workers,
    chunked,
    job,
    process_document,
    process_or_reject,
)


@dataclass
class RunReport:
    """What one run did: counts, and every rejection with its reason."""

    documents: int = 0
    added: int = 0
    unchanged: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    languages: Counter[str] = field(default_factory=Counter)  # articles added, by language ("?": unknown)
    partly_analysed: int = 0  # articles longer than the NLP stages read

    @property
    def ok(self) -> bool:
        return not self.rejected


@dataclass
class _Chunk:
    """One chunk of ingest output on its way to the store."""

    items: int
    rejections: list[Rejection] = field(default_factory=list)
    unchanged: int = 0
    fresh: list[RawDocument] = field(default_factory=list)
    jobs: list[Job] = field(default_factory=list)

    def parts(self, size: int) -> list[_Chunk]:
        """The chunk in parts of at most ``size`` new documents, each stored as soon as the
        workers finish it; the first part carries the rejections and unchanged documents."""
        if len(self.fresh) <= size:
            return [self]
        head = len(self.rejections) + self.unchanged
        return [
            _Chunk(items=len(self.fresh[k : k + size]) + (head if k == 0 else 0),
                   rejections=self.rejections if k == 0 else [], unchanged=self.unchanged if k == 0 else 0,
                   fresh=self.fresh[k : k + size], jobs=self.jobs[k : k + size])
            for k in range(0, len(self.fresh), size)
        ]


# documents: fewer make the corpus stages' fixed cost per run count (every 64 cost a 2-worker
# run of 924 texts more CPU than its shorter last run saved)
CORPUS_EVERY_MIN = 200


class Pipeline:
    """Runs documents through the stages into a :class:`Store`.

    Documents stream through in chunks of ``chunk_size``; the corpus stages run after every
    ``corpus_every`` documents stored or rejected (by default: see :meth:`_corpus_interval`) and at the
    end, so what they hold stays bounded. The
    article stages run in ``workers`` processes (0: in this one); the output is the same.
    ``model``: the spaCy pipeline the default stages parse with (None: the shipped one).
    """

    def __init__(
        self,
        store: Store,
        *,
        article_stages: Stages | None = None,
        corpus_stages: list[CorpusStage] | None = None,
        chunk_size: int = 200,
        corpus_every: int | None = None,
        max_bytes: int = MAX_BYTES,
        doc_timeout: float | None = DOC_TIMEOUT,
        workers: int = 0,
        site: str | None = None,
        model: str | None = None,
    ) -> None:
        self.store = store
        self.site = site  # the outlet of input files that name none
        self.workers = workers
        self.max_bytes = max_bytes
        self.doc_timeout = doc_timeout
        self.article_stages = stages.article_stages(model) if article_stages is None else article_stages
        self.corpus_stages = stages.corpus_stages(model) if corpus_stages is None else corpus_stages
        self.chunk_size = chunk_size
        self.corpus_every = corpus_every
        self.stats = LineStats()
        self._workers: Workers | None = None
        self._analyses: dict[str, Any] = {}  # stored articles' analyses, until the corpus stages take them
        self._stored: int | None = None  # articles in the store, counted once a run

    def start(self) -> Workers:
        """The worker processes of the next :meth:`run`, started now (a caller about to start
        threads of its own, such as a progress bar, starts them first); ``run`` ends them."""
        if self._workers is None:
            self._workers = Workers(self.workers, self.article_stages, self.doc_timeout)
            self._workers.start()
        return self._workers

    def _corpus_interval(self) -> int:
        """Documents between two runs of the corpus stages: ``corpus_every`` when given,
        else a tenth of the corpus, at least ``CORPUS_EVERY_MIN``, at most ``store.BATCH``
        (what a corpus stage holds stays bounded). Often in a small corpus, so that they run
        while the workers parse, not all at the end; in a large one no more often than a tenth
        of the corpus (each run rewrites whatever the new articles touch, however large: a
        famous name's entity, a story). Checked after each part the workers finish."""
        if self.corpus_every is not None:
            return self.corpus_every
        if self._stored is None:
            self._stored = self.store.count("articles")  # once a run; :meth:`_store` adds to it
        return min(BATCH, max(CORPUS_EVERY_MIN, self._stored // 10))

    def _run_corpus_stages(self) -> None:
        # Corpus stages see every article they have not finished, not only this run's: a run
        # killed after storing articles leaves them pending, and the next run completes them.
        pending = self.store.pending_ids()
        if pending:
            for stage in self.corpus_stages:
                stage(self.store, pending, self._analyses)
            self.store.mark_corpus_done(pending)
        self._analyses.clear()

    def _admit(self, chunk: list[RawDocument | Rejection], in_flight: set[str]) -> _Chunk:
        """Sort a chunk of ingest output: rejections, documents already stored or in flight, and
        jobs for the rest (the repetition statistics see every new document, in input order)."""
        out = _Chunk(items=len(chunk))
        for item in chunk:
            if isinstance(item, Rejection):
                out.rejections.append(item)
            elif item.fingerprint in in_flight or self.store.has_fingerprint(item.fingerprint):
                out.unchanged += 1
            else:
                in_flight.add(item.fingerprint)
                out.fresh.append(item)
        for raw in out.fresh:
            self.stats.observe(site_of(raw), body_lines(raw))
        out.jobs = [job(raw, self.stats) for raw in out.fresh]
        return out

    def _store(self, chunk: _Chunk, outcomes: list[Outcome], report: RunReport) -> list[Article]:
        """Write a chunk's articles and rejections in one transaction, in input order; keep
        their analyses for the corpus stages."""
        articles: list[Article] = []
        rejections = list(chunk.rejections)
        taken: set[str] = set()
        for raw, (outcome, analysis) in zip(chunk.fresh, outcomes, strict=True):
            if isinstance(outcome, Article) and (outcome.id in taken or self.store.id_taken(outcome.id)):
                # a reused id: the analysis is dropped, so nothing of it reaches the first article's records
                outcome = reject(raw.source, NewsloomError("NL010", outcome.id))
            if isinstance(outcome, Rejection):
                rejections.append(outcome)
                continue
            taken.add(outcome.id)
            articles.append(outcome)
            if analysis is not None:
                self._analyses[outcome.id] = analysis
            report.languages[outcome.language or "?"] += 1
            report.partly_analysed += bool(outcome.analysed_chars)  # 0: not read at all (not English)
        self.store.add_articles(articles, rejections)
        if self._stored is not None:
            self._stored += len(articles)
        report.documents += chunk.items
        report.unchanged += chunk.unchanged
        report.added += len(articles)
        report.rejected += rejections
        chunk.rejections = rejections
        return articles

    def run(
        self,
        targets: Iterable[str | Path],
        on_item: Callable[[str, Rejection | None], None] | None = None,
    ) -> RunReport:
        """Analyse everything the targets hold; ``on_item`` hears of each document.

        The workers analyse the next chunk while this process stores the one before and runs
        the corpus stages, so both sides stay busy.
        """
        report = RunReport()
        run_id = self.store.start_run()
        self._stored = None
        since_corpus = 0
        in_flight: set[str] = set()
        waiting: list[tuple[_Chunk, Callable[[], list[Outcome]]]] = []

        def store_oldest() -> None:
            nonlocal since_corpus
            chunk, outcomes = waiting.pop(0)
            articles = self._store(chunk, outcomes(), report)
            in_flight.difference_update(raw.fingerprint for raw in chunk.fresh)
            since_corpus += chunk.items  # documents, not articles: a chunk with a rejection still counts whole
            if since_corpus >= self._corpus_interval():
                self._run_corpus_stages()
                since_corpus = 0
            if on_item:
                for a in articles:
                    on_item(a.source, None)
                for r in chunk.rejections:
                    on_item(r.source, r)
                for _ in range(chunk.items - len(articles) - len(chunk.rejections)):
                    on_item("", None)

        with self.start() as workers:
            for items in chunked(iter_documents(targets, sources(self.max_bytes, self.site)), self.chunk_size):
                parts = self._admit(items, in_flight).parts(BATCH_DOCS)
                waiting += [(part, workers.submit(part.jobs)) for part in parts]
                while len(waiting) > len(parts):  # the workers analyse this chunk while the one before is stored
                    store_oldest()
            while waiting:
                store_oldest()
        self._workers = None
        self._run_corpus_stages()
        self.store.finish_run(
            run_id, inputs=report.documents, added=report.added,
            unchanged=report.unchanged, rejected=len(report.rejected),
        )
        return report


__all__ = ["Pipeline", "RunReport", "process_document", "process_or_reject"]
