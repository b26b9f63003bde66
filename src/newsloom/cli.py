"""The ``newsloom`` command line.

Exit status of ``analyze``: 0 when every input was processed, 1 when the batch ran but
one or more inputs were rejected (each named on stderr with its reason), 2 for a usage
error or when the store cannot be opened.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from pathlib import Path

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from newsloom.export import Outputs
from newsloom.ingest.decode import MAX_BYTES
from newsloom.ingest.files import JSONL_SUFFIXES, SUFFIXES, walk
from newsloom.model import Rejection
from newsloom.pipeline import DOC_TIMEOUT, Pipeline
from newsloom.store import Store
from newsloom.version import __version__

err_console = Console(stderr=True)


def _lines(path: Path, chunk: int = 1 << 22) -> int:
    """Lines of a file, counted in constant memory."""
    n, last = 0, b"\n"
    with path.open("rb") as fh:
        while block := fh.read(chunk):
            n += block.count(b"\n")
            last = block[-1:]
    return n + (last != b"\n")


def estimate_total(targets: list[str]) -> int | None:
    """Documents the targets hold (JSONL records counted), for the progress bar."""
    total = 0
    for target in targets:
        path = Path(target)
        files = [p for p in walk(path) if p.is_file()] if path.is_dir() else [path]
        for f in files:
            if f.suffix.lower() in JSONL_SUFFIXES:
                try:
                    total += max(1, _lines(f))
                except OSError:
                    total += 1
            elif f.suffix.lower() in SUFFIXES or not path.is_dir():
                total += 1
    return total or None


def _size(value: str) -> int:
    """'20MB', '512k', '1G' or a byte count."""
    units = {"": 1, "B": 1, "K": 1 << 10, "KB": 1 << 10, "M": 1 << 20, "MB": 1 << 20, "G": 1 << 30, "GB": 1 << 30}
    text = value.strip().upper().replace(" ", "")
    number = text.rstrip("KMGB")
    try:
        size = int(float(number) * units[text[len(number):]])
    except (KeyError, ValueError):
        raise click.BadParameter(f"{value!r} is not a size such as 20MB, 512KB or 1GB") from None
    if size <= 0:
        raise click.BadParameter(f"{value!r} must be more than 0")
    return size


def _site(value: str | None) -> str | None:
    """``--site``: an outlet name, not blank."""
    if value is not None and not value.strip():
        raise click.BadParameter("give the outlet's name, e.g. --site 'Harbour Times'")
    return value.strip() if value else None


def _outputs(outputs: Outputs) -> None:
    """Refuse unwritable outputs before any work starts (exit 2)."""
    try:
        outputs.prepare()
    except OSError as exc:
        err_console.print(f"newsloom: {exc}", highlight=False)
        sys.exit(2)


_EXPORT_OPTIONS = [
    click.option("--json", "-o", "json_out", type=click.Path(dir_okay=False), help="Write the JSON contract here."),
    click.option("--jsonl", "jsonl_dir", type=click.Path(file_okay=False),
                 help="Write one JSONL file per table here."),
    click.option("--csv", "csv_out", type=click.Path(dir_okay=False), help="Write the articles as CSV here."),
    click.option("--html", "html_out", type=click.Path(dir_okay=False), help="Write a self-contained HTML report."),
]


def export_options(fn):  # type: ignore[no-untyped-def]
    for option in reversed(_EXPORT_OPTIONS):
        fn = option(fn)
    return fn


@click.group()
@click.version_option(__version__, prog_name="newsloom")
def main() -> None:
    """newsloom: turn a pile of news articles into stories people can trust."""


@main.command()
@click.argument("inputs", nargs=-1, type=str)
@click.option("--input-dir", "input_dirs", multiple=True, help="A directory to read (repeatable).")
@click.option("--db", default="newsloom.db", show_default=True, help="SQLite store to write.")
@export_options
@click.option("--batch-size", default=200, show_default=True, type=click.IntRange(1),
              help="Documents read ahead for the workers: a killed run loses at most the two batches in flight.")
@click.option("--max-size", default=f"{MAX_BYTES >> 20}MB", show_default=True, callback=lambda c, p, v: _size(v),
              help="Largest input: per record for JSONL (any file size streams), per file or page otherwise.")
@click.option("--doc-timeout", default=DOC_TIMEOUT, show_default=True, type=click.FloatRange(0),
              help="Seconds one document may take through the analysis before it is rejected (NL017); 0: no limit.")
@click.option("--workers", "-j", default=len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
              else os.cpu_count() or 1, show_default="the machine's cores",
              type=click.IntRange(0), help="Processes that analyse articles, each loading the model once "
              "(0: this process, between storing them).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
@click.option("--model", "model_name", envvar="NEWSLOOM_MODEL", default=None,
              help="spaCy pipeline for parsing and NER: en_newsloom (default, fast), "
              "en_newsloom_trf (accurate, needs torch), or any installed pipeline or model folder.")
@click.option("--site", default=None, callback=lambda c, p, v: _site(v),
              help="Outlet of input files that name none (no site or url field, no newsloom.toml).")
def analyze(
    inputs: tuple[str, ...],
    input_dirs: tuple[str, ...],
    db: str,
    json_out: str | None,
    jsonl_dir: str | None,
    csv_out: str | None,
    html_out: str | None,
    batch_size: int,
    max_size: int,
    doc_timeout: float,
    workers: int,
    quiet: bool,
    model_name: str | None,
    site: str | None,
) -> None:
    """Analyse INPUTs into the store: files and directories (.txt, .html, .jsonl, .json,
    RSS/Atom .xml, .warc[.gz]), article URLs and feed URLs."""
    targets = list(inputs) + list(input_dirs)
    if not targets:
        raise click.UsageError("give at least one INPUT file or directory")
    outputs = Outputs(json_out, jsonl_dir, csv_out, html_out)
    _outputs(outputs)
    _check_model(model_name)
    store = _open_store(db, create=True)
    started = time.monotonic()
    with store:
        pipeline = Pipeline(store, chunk_size=batch_size, max_bytes=max_size, doc_timeout=doc_timeout or None,
                            workers=workers, site=site, model=model_name)
        pipeline.start()  # fork the workers before the progress bar starts its thread
        with Progress(
            TextColumn("[bold]analyse"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(),
            TextColumn("{task.fields[current]}"), console=err_console, disable=quiet, transient=True,
        ) as progress:
            task = progress.add_task("analyse", total=estimate_total(targets), current="", rate="")

            def on_item(source: str, rejection: Rejection | None) -> None:
                if rejection is not None:
                    line = f"rejected {rejection.source}: {rejection.reason}"
                    if quiet:
                        click.echo(line, err=True)
                    else:
                        progress.console.print(line, style="red", soft_wrap=True, highlight=False, markup=False)
                done = progress.tasks[0].completed + 1
                rate = done / max(time.monotonic() - started, 1e-6)
                progress.update(task, advance=1, current=Path(source).name if source else "",
                                rate=f"{rate:.1f} docs/s")

            report = pipeline.run(targets, on_item=on_item)
        counts = store.counts()
        _write(outputs, store)
    elapsed = time.monotonic() - started
    if not quiet:
        table = Table(title=f"newsloom · {db}", show_header=True)
        table.add_column("")
        table.add_column("this run", justify="right")
        table.add_column("in store", justify="right")
        table.add_row("documents read", str(report.documents), "")
        table.add_row("articles added", str(report.added), str(counts["articles"]))
        table.add_row("already in store", str(report.unchanged), "")
        table.add_row("rejected", str(len(report.rejected)), str(counts["rejections"]))
        other = sum(n for lang, n in report.languages.items() if lang not in ("en", "?"))
        if other:
            langs = ", ".join(f"{lang} {n}" for lang, n in report.languages.most_common() if lang not in ("en", "?"))
            table.add_row(f"not in English ({langs})", str(other), "")
        if report.partly_analysed:
            table.add_row("long texts analysed in part", str(report.partly_analysed), "")
        for name in ("stories", "quotes", "entities", "derivations"):
            table.add_row(name, "", str(counts[name]))
        table.add_section()
        rate = report.documents / elapsed if elapsed > 0 else 0.0
        table.add_row("wall time", f"{elapsed:.1f} s", "")
        table.add_row("rate", f"{rate:.1f} docs/s", "")
        err_console.print(table)
        reasons = Counter(r.code + " " + r.reason.split(":")[0].split("] ")[-1] for r in report.rejected)
        for reason, n in reasons.most_common():
            err_console.print(f"  rejected ×{n}: {reason}", highlight=False)
    sys.exit(0 if report.ok else 1)


def _write(outputs: Outputs, store: Store) -> None:
    """Write the outputs; one that fails now (a full disk) ends the run with exit 2, naming it."""
    try:
        outputs.write(store)
    except OSError as exc:
        err_console.print(f"newsloom: cannot write {exc.filename or 'the output'}: {exc.strerror or exc}",
                          highlight=False)
        sys.exit(2)


def _open_store(db: str, create: bool = False) -> Store:
    """The store at ``db`` (``create``: its folder made when missing), or exit 2 naming it."""
    try:
        if create:
            Path(db).parent.mkdir(parents=True, exist_ok=True)
        return Store(db)
    except Exception as exc:  # a store we cannot open ends the run
        err_console.print(f"newsloom: cannot open store {db}: {exc}", highlight=False)
        sys.exit(2)


@main.command()
@click.option("--db", default="newsloom.db", show_default=True, type=click.Path(dir_okay=False),
              help="SQLite store to export from.")
@export_options
def export(db: str, json_out: str | None, jsonl_dir: str | None, csv_out: str | None, html_out: str | None) -> None:
    """Write a store's contents (JSON, JSONL tables, CSV, HTML report) without analysing anything."""
    outputs = Outputs(json_out, jsonl_dir, csv_out, html_out)
    if not outputs:
        raise click.UsageError("give at least one of --json, --jsonl, --csv, --html")
    if not Path(db).is_file():
        err_console.print(f"newsloom: no store at {db}", highlight=False)
        sys.exit(2)
    _outputs(outputs)
    with _open_store(db) as store:
        _write(outputs, store)


def _check_model(name: str | None) -> None:
    """``--model``: the pipeline the article stages load; one that does not load is exit 2."""
    from newsloom.nlp import model_error

    if error := model_error(name):
        err_console.print(error)
        sys.exit(2)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", required=True, help="Directory (or s3://…, hdfs://…) for the Parquet tables.")
@click.option("--master", default="local[*]", show_default=True, help="Spark master URL.")
@click.option("--partitions", type=int, default=None, help="Input partitions (default: 4 per core).")
@click.option("--pack", type=int, default=None,
              help="Articles per block that small blocks are packed into (default 1000; 1: no packing).")
@click.option("--model", "model_name", envvar="NEWSLOOM_MODEL", default=None,
              help="spaCy pipeline for the article stages, as for analyze (the workers load it).")
def spark(inputs: tuple[str, ...], out: str, master: str, partitions: int | None, pack: int | None,
          model_name: str | None) -> None:
    """Run the pipeline on Apache Spark (article stages per input file, corpus stages per
    block of related articles) and write Parquet tables to --out."""
    from newsloom.spark import check_environment
    from newsloom.spark.blocks import DEFAULT_PACK
    from newsloom.spark.job import run

    try:
        check_environment()
    except RuntimeError as exc:
        err_console.print(f"newsloom spark: {exc}", highlight=False)
        sys.exit(2)
    _check_model(model_name)
    info: dict[str, float] = {}
    counts = run(list(inputs), out, master=master, partitions=partitions,
                 pack=DEFAULT_PACK if pack is None else pack, info=info, model=model_name)
    for table, n in counts.items():
        click.echo(f"{table}: {n} rows → {out}/{table}.parquet")
    if info:
        err_console.print(f"blocks: {info['blocks']} (largest {info['largest_block']} articles; "
                          f"{info['edges']} candidate pairs, {info['rounds']} propagation rounds)", highlight=False)
    sys.exit(1 if counts.get("rejected") else 0)


@main.command()
@click.option("--db", default="newsloom.db", show_default=True, type=click.Path(dir_okay=False),
              help="SQLite store to serve.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
def serve(db: str, host: str, port: int) -> None:
    """Browse the store in a web app: stories, search, articles, entities, and a JSON API."""
    if not Path(db).is_file():
        err_console.print(f"newsloom: no store at {db} (run `newsloom analyze … --db {db}` first)")
        sys.exit(2)
    from newsloom.web.app import bind, serve_socket

    try:  # bound here, before saying so: a busy port is a usage error, not a crash after the banner
        sock = bind(host, port)
    except OSError as exc:
        err_console.print(f"newsloom: cannot serve on {host}:{port}: {exc.strerror or exc}", highlight=False)
        sys.exit(2)
    err_console.print(f"newsloom: serving {db} on http://{host}:{sock.getsockname()[1]}/  (Ctrl+C stops)")
    serve_socket(db, sock)


@main.command()
@click.argument("story")
@click.option("--db", default="newsloom.db", show_default=True, type=click.Path(dir_okay=False),
              help="SQLite store to read.")
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here instead of stdout.")
def brief(story: str, db: str, fmt: str, output: str | None) -> None:
    """Tell STORY (an id, an id prefix or words of its title) as a short cited article."""
    if not Path(db).is_file():
        err_console.print(f"newsloom: no store at {db}")
        sys.exit(2)
    from newsloom.digest import brief as render

    with Store(db) as store:
        found = store.find_stories(story)
        if len(found) != 1:
            err_console.print(f"newsloom: {len(found)} stories match {story!r}"
                              + "".join(f"\n  {s.id}  {s.title}" for s in found[:20]), highlight=False)
            sys.exit(2)
        text = (render.html_page if fmt == "html" else render.markdown)(store, found[0])
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


if __name__ == "__main__":
    main()
