"""The per-article work, free of any store: clean, give an id, run the article stages within a
deadline; in this process or in a pool of worker processes.

The parent process keeps ingest, ordering, ids and the store; it hands each document to the
work with what the work needs and nothing else (the site's repetition counts of the
document's own lines), and gets back the article or its rejection with the article's
analysis, in input order. So the output is the same for any number of workers.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, TypeVar

from newsloom.clean import LineStats, body_lines, clean, site_of
from newsloom.errors import NewsloomError
from newsloom.ingest.base import reject
from newsloom.model import Article, RawDocument, Rejection
from newsloom.pipeline_types import AnalysingStage, Stages

T = TypeVar("T")
DOC_TIMEOUT = 60.0  # seconds one document may take through the article stages
BATCH_DOCS = 64  # documents parsed together (spaCy's pipe is several times faster than one call each)
BATCH_CHARS = 200_000  # ... within this many characters, so one batch stays a few seconds long


class _Deadline:
    """Raises NL017 in the work in hand when it runs past ``seconds`` of wall clock.

    A SIGALRM timer, so it works on a process's main thread where the platform has SIGALRM
    (elsewhere it does nothing: the article stages are linear in length and bounded, this is
    the last guard); a timer the caller had set is restored after it.
    """

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.armed = False

    def _fire(self, signum: int, frame: object) -> None:
        raise NewsloomError("NL017", f"over {self.seconds:g} s")

    def __enter__(self) -> _Deadline:
        usable = hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread()
        if self.seconds and usable:
            self.previous = signal.signal(signal.SIGALRM, self._fire)
            self.outer = signal.setitimer(signal.ITIMER_REAL, self.seconds)  # a timer the caller had
            self.started = time.monotonic()
            self.armed = True
        return self

    def __exit__(self, *exc: object) -> None:
        if self.armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
            delay, interval = self.outer
            if delay:  # give the caller's timer back, less the time spent here
                signal.setitimer(signal.ITIMER_REAL, max(delay - (time.monotonic() - self.started), 1e-3), interval)


def _headline(raw: RawDocument, article: Article) -> str | None:
    """The headline of a plain-text item that is nothing but its headline, else None.

    Feed entries without summary, wire alerts and exports of headlines are news too; the
    cleaner takes such a line for the title and leaves no body.
    """
    title = " ".join((article.title or raw.title or "").split())
    if raw.text is None or not title:
        return None
    lines = {" ".join(x.split()) for x in raw.text.split("\n")} - {""}
    return title if lines <= {title, " ".join((raw.title or "").split())} else None


def prepare(raw: RawDocument, stats: LineStats | None = None) -> Article:
    """Clean one document and give it its id; raises NL009 when no words are left."""
    article = clean(raw, stats)
    if not article.text.strip():
        headline = _headline(raw, article)
        if headline is None:
            raise NewsloomError("NL009", f"{len(article.removed)} lines, all furniture")
        article.text = headline
        article.removed = [r for r in article.removed if " ".join(r.text.split()) != headline]
    article.id = raw.id or article.fingerprint[:12]
    return article


def run_stages(articles: list[Article], article_stages: Stages) -> list[Outcome]:
    """Every stage over the articles in turn, each article with what the analysing stage found
    in it (None without one); a stage with a ``batch`` method gets them all at once."""
    analyses: list[Any] = [None] * len(articles)
    for stage in article_stages:
        if isinstance(stage, AnalysingStage):
            pairs = stage.batch(articles)
            articles, analyses = [a for a, _ in pairs], [x for _, x in pairs]
            continue
        batch = getattr(stage, "batch", None)
        articles = batch(articles) if batch is not None else [stage(a) for a in articles]
    return list(zip(articles, analyses, strict=True))


def analyse(
    article: Article, article_stages: Stages, timeout: float | None = DOC_TIMEOUT,
) -> Outcome:
    """Run the article stages on a prepared article, within ``timeout`` seconds (NL017): the
    article with its analysis."""
    with _Deadline(timeout):
        return run_stages([article], article_stages)[0]


def process_document(
    raw: RawDocument, article_stages: Stages, stats: LineStats | None = None,
    timeout: float | None = DOC_TIMEOUT,
) -> Article:
    """Clean, give an id, run the article stages, for one document (the pipeline's workers
    and the Spark job run the same steps in batches: :func:`run_jobs`). Raises
    :class:`NewsloomError` when the document yields no article."""
    return analyse(prepare(raw, stats), article_stages, timeout)[0]


def guarded(raw: RawDocument, work: Callable[[], T]) -> T | Rejection:
    """``work()``, with every failure turned into a rejection naming the input."""
    try:
        return work()
    except NewsloomError as err:
        return reject(raw.source, err)
    except Exception as exc:  # one document must never stop the batch
        return reject(raw.source, NewsloomError("NL011", f"{type(exc).__name__}: {exc}".splitlines()[0][:200]))


def process_or_reject(
    raw: RawDocument, article_stages: Stages, stats: LineStats | None = None,
    timeout: float | None = DOC_TIMEOUT,
) -> Article | Rejection:
    """:func:`process_document`, with every failure turned into a rejection naming the input."""
    return guarded(raw, lambda: process_document(raw, article_stages, stats, timeout))


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last one shorter), read lazily."""
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@dataclass
class Job:
    """One document, with the repetition counts its site's earlier documents give its lines."""

    raw: RawDocument
    stats: LineStats | None = None


# What the work gives back for one job: the article (with its analysis, which the corpus
# stages fold in) or the rejection.
Outcome = tuple[Article | Rejection, Any]


def job(raw: RawDocument, stats: LineStats) -> Job:
    """A job carrying only the counts of ``raw``'s own lines (``stats`` has seen ``raw``)."""
    site = site_of(raw)
    seen = stats.counts.get(site)
    if seen is None:
        return Job(raw)
    mine = Counter({k: seen[k] for k in {stats.key(x) for x in body_lines(raw)} if k in seen})
    return Job(raw, LineStats(max_words=stats.max_words, counts={site: mine}))


def _batches(articles: list[Article]) -> Iterator[list[Article]]:
    """Articles in batches of at most ``BATCH_DOCS`` and ``BATCH_CHARS``; two articles under
    one id never share a batch (a stage keeps each article's analysis under its id)."""
    batch: list[Article] = []
    size = 0
    for article in articles:
        full = len(batch) >= BATCH_DOCS or size + len(article.text) > BATCH_CHARS
        if batch and (full or any(a.id == article.id for a in batch)):
            yield batch
            batch, size = [], 0
        batch.append(article)
        size += len(article.text)
    if batch:
        yield batch


def run_jobs(
    jobs: list[Job], article_stages: Stages, timeout: float | None = DOC_TIMEOUT,
) -> list[Outcome]:
    """The work for ``jobs``, in order: each article with its analysis, or the rejection.
    Articles go through the stages in batches, each batch within up to twice ``timeout``; a
    batch that runs past it or fails is done again one article at a time, each within
    ``timeout``, so only the slow article is rejected (NL017)."""
    prepared = [guarded(j.raw, functools.partial(prepare, j.raw, j.stats)) for j in jobs]
    done: dict[int, Outcome] = {}
    index = {id(p): i for i, p in enumerate(prepared)}
    for batch in _batches([p for p in prepared if isinstance(p, Article)]):
        # a full batch may take twice one document's allowance (a slow model's long articles)
        allowance = timeout * (1 + len(batch) / BATCH_DOCS) if timeout else None
        try:
            with _Deadline(allowance):
                results = run_stages(batch, article_stages)
        except Exception:  # one slow or failing article: find it by going one at a time
            alone = [guarded(jobs[index[id(a)]].raw, functools.partial(analyse, a, article_stages, timeout))
                     for a in batch]
            results = [(r, None) if isinstance(r, Rejection) else r for r in alone]
        for source, result in zip(batch, results, strict=True):
            done[index[id(source)]] = result
    return [done.get(i, (p, None)) for i, p in enumerate(prepared)]


def _follow_parent(parent: int) -> None:
    """In a worker: end with the process that started it. A forked worker holds both ends of
    its job pipe, so a parent killed with SIGKILL would otherwise leave it waiting forever."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="newsloom-follow-parent", daemon=True).start()


def _in_worker(jobs: list[Job], article_stages: Stages, timeout: float | None) -> list[Outcome]:
    # the stages travel by reference (module functions); the model loads once per worker process
    return run_jobs(jobs, article_stages, timeout)


class Workers:
    """Runs jobs in a pool of ``n`` worker processes, or in this process when ``n`` is 0;
    results come back in submission order either way. One worker is not the same as none:
    this process stores articles and runs the corpus stages while it parses.

    A worker that dies (killed, out of memory, a crash in native code) costs only its own
    documents: they are tried again one at a time, and the one that kills a worker again is
    rejected (NL011). When workers die three times in a row on their own, the rest of the
    run goes on in this process.
    """

    RETRIES = 3

    def __init__(self, n: int, article_stages: Stages, timeout: float | None = DOC_TIMEOUT) -> None:
        self.n = n
        self.article_stages = article_stages
        self.timeout = timeout
        self._pool: ProcessPoolExecutor | None = None
        self._deaths = 0  # worker deaths since the last job a worker finished

    @property
    def pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # fork where there is one: no re-import of the caller's __main__, a fast start
            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
            self._pool = ProcessPoolExecutor(self.n, mp_context=context, initializer=_follow_parent,
                                             initargs=(os.getpid(),))
        return self._pool

    @property
    def parallel(self) -> bool:
        return self.n > 0 and self._deaths < self.RETRIES

    def _here(self, jobs: list[Job]) -> list[Outcome]:
        return run_jobs(jobs, self.article_stages, self.timeout)

    def submit(self, jobs: list[Job]) -> Callable[[], list[Outcome]]:
        """Start ``jobs``; the returned function waits for their outcomes."""
        # the same parts for any n: a batch's parse is the same floating-point work whoever runs it
        parts = [jobs[i : i + BATCH_DOCS] for i in range(0, len(jobs), BATCH_DOCS)]
        if not self.parallel:
            outcomes = [o for part in parts for o in self._here(part)]
            return lambda: outcomes
        pool = self.pool
        futures = [pool.submit(_in_worker, part, self.article_stages, self.timeout) for part in parts]
        return lambda: [o for part, f in zip(parts, futures, strict=True) for o in self._result(part, f, pool)]

    def _result(self, part: list[Job], future: Future[list[Outcome]], pool: ProcessPoolExecutor) -> list[Outcome]:
        try:
            outcomes = future.result()
        except (BrokenProcessPool, CancelledError):  # a worker died: its documents go again one at a time
            if self._pool is pool:  # a pool started since then is healthy
                self.close()
            return [self._alone(j) for j in part]
        self._deaths = 0
        return outcomes

    def _alone(self, one: Job) -> Outcome:
        if not self.parallel:
            return self._here([one])[0]
        pool = self.pool
        try:
            outcome = pool.submit(_in_worker, [one], self.article_stages, self.timeout).result()[0]
        except (BrokenProcessPool, CancelledError):
            self._deaths += 1
            if self._pool is pool:
                self.close()
            return reject(one.raw.source, NewsloomError("NL011", "the worker process analysing it died")), None
        self._deaths = 0
        return outcome

    def start(self) -> None:
        """Start the worker processes now (they start on first use otherwise): before a caller
        starts threads of its own, so that nothing but this process is forked."""
        if self.parallel:
            for f in [self.pool.submit(os.getpid) for _ in range(self.n)]:
                f.result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
