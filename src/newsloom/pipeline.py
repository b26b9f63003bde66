"""The analysis pipeline: ingest → clean → per-article stages → store → corpus stages.

Documents stream through in chunks; each chunk is written in one transaction, so an
interrupted run loses at most the chunk in flight and a rerun picks up where it stopped
(articles are keyed by content fingerprint, so nothing is added twice). Later stages plug
in as *article stages* (one article at a time: NLP, entities, quotes, dates) or *corpus
stages* (over the store after new articles arrive: provenance, stories, timelines), which
are given the ids of every article they have not yet finished and must be idempotent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsloom import stages
from newsloom.clean import LineStats, body_lines, clean, site_of
from newsloom.errors import NewsloomError
from newsloom.ingest import iter_documents
from newsloom.model import Article, RawDocument, Rejection
from newsloom.pipeline_types import ArticleStage, CorpusStage
from newsloom.store import BATCH, Store


@dataclass
class RunReport:
    """What one run did: counts, and every rejection with its reason."""

    documents: int = 0
    added: int = 0
    unchanged: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    new_ids: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.rejected


def _chunks(items: Iterator[RawDocument | Rejection], size: int) -> Iterator[list[RawDocument | Rejection]]:
    chunk: list[RawDocument | Rejection] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def process_document(
    raw: RawDocument, article_stages: list[ArticleStage], stats: LineStats | None = None
) -> Article:
    """The per-article work, free of any store: clean, give an id, run the article stages.

    The single-machine pipeline and the Spark job both call this, so they agree.
    Raises :class:`NewsloomError` when the document yields no article.
    """
    article = clean(raw, stats)
    if not article.text.strip():
        raise NewsloomError("NL009", f"{len(article.removed)} lines, all furniture")
    article.id = raw.id or article.fingerprint[:12]
    for stage in article_stages:
        article = stage(article)
    return article


def rejection(raw: RawDocument, err: NewsloomError) -> Rejection:
    return Rejection(source=raw.source, reason=err.reason, code=err.code)


def process_or_reject(
    raw: RawDocument, article_stages: list[ArticleStage], stats: LineStats | None = None
) -> Article | Rejection:
    """:func:`process_document`, with every failure turned into a rejection naming the input."""
    try:
        return process_document(raw, article_stages, stats)
    except NewsloomError as err:
        return rejection(raw, err)
    except Exception as exc:  # one document must never stop the batch
        return rejection(raw, NewsloomError("NL011", f"{type(exc).__name__}: {exc}".splitlines()[0][:200]))


class Pipeline:
    """Runs documents through the stages into a :class:`Store`.

    Documents stream through in chunks of ``chunk_size``; the corpus stages run after every
    ``corpus_every`` stored articles and at the end, so what they hold stays bounded.
    """

    def __init__(
        self,
        store: Store,
        *,
        article_stages: list[ArticleStage] | None = None,
        corpus_stages: list[CorpusStage] | None = None,
        chunk_size: int = 200,
        corpus_every: int = BATCH,
    ) -> None:
        self.store = store
        self.article_stages = stages.article_stages() if article_stages is None else article_stages
        self.corpus_stages = stages.corpus_stages() if corpus_stages is None else corpus_stages
        self.chunk_size = chunk_size
        self.corpus_every = corpus_every
        self.stats = LineStats()


    def _run_corpus_stages(self) -> None:
        # Corpus stages see every article they have not finished, not only this run's: a run
        # killed after storing articles leaves them pending, and the next run completes them.
        pending = self.store.pending_ids()
        if pending:
            for stage in self.corpus_stages:
                stage(self.store, pending)
            self.store.mark_corpus_done(pending)

    def run(
        self,
        targets: Iterable[str | Path],
        on_item: Callable[[str, Rejection | None], None] | None = None,
    ) -> RunReport:
        """Analyse everything the targets hold; ``on_item`` hears of each document."""
        report = RunReport()
        run_id = self.store.start_run()
        since_corpus = 0
        for chunk in _chunks(iter_documents(targets), self.chunk_size):
            fresh: list[RawDocument] = []
            seen: set[str] = set()
            rejections: list[Rejection] = []
            for item in chunk:
                report.documents += 1
                if isinstance(item, Rejection):
                    rejections.append(item)
                elif item.fingerprint in seen or self.store.has_fingerprint(item.fingerprint):
                    report.unchanged += 1
                else:
                    seen.add(item.fingerprint)
                    fresh.append(item)
            for raw in fresh:
                self.stats.observe(site_of(raw), body_lines(raw))
            articles: list[Article] = []
            taken: set[str] = set()
            for raw in fresh:
                outcome = process_or_reject(raw, self.article_stages, self.stats)
                if isinstance(outcome, Article) and (outcome.id in taken or self.store.id_taken(outcome.id)):
                    outcome = rejection(raw, NewsloomError("NL010", outcome.id))
                if isinstance(outcome, Rejection):
                    rejections.append(outcome)
                else:
                    taken.add(outcome.id)
                    articles.append(outcome)
            self.store.add_articles(articles, rejections)
            since_corpus += len(articles)
            if since_corpus >= self.corpus_every:  # what a corpus stage holds stays bounded
                self._run_corpus_stages()
                since_corpus = 0
            report.added += len(articles)
            report.new_ids += [a.id for a in articles]
            report.rejected += rejections
            if on_item:
                for a in articles:
                    on_item(a.source, None)
                for r in rejections:
                    on_item(r.source, r)
                for _ in range(len(chunk) - len(articles) - len(rejections)):
                    on_item("", None)
        self._run_corpus_stages()
        self.store.finish_run(
            run_id, inputs=report.documents, added=report.added,
            unchanged=report.unchanged, rejected=len(report.rejected),
        )
        return report
