"""Write the JSON contract (one document), JSONL tables or CSV. JSONL and CSV stream from the
store, so they work for corpora larger than memory."""

from __future__ import annotations

import csv
import dataclasses
import json
import os
from pathlib import Path
from typing import Any

from newsloom.model import Article, Quote, Result
from newsloom.report.html import write_html
from newsloom.store import Store

TABLES = ("articles", "entities", "quotes", "derivations", "stories", "rejected")
SCHEMA_PATH = Path(__file__).parent / "schema" / "newsloom-v1.schema.json"


def write_json(result: Result, path: str | Path) -> None:
    """The whole contract in one JSON document."""
    Path(path).write_text(json.dumps(result.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")


def write_jsonl(store: Store, directory: str | Path) -> list[Path]:
    """One ``<table>.jsonl`` file per contract array, streamed from the store."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for table in TABLES:
        path = out / f"{table}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for row in store.iter_data(table):
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        paths.append(path)
    return paths


def _flat(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


#: CSV columns per table: the contract fields, and for quotes the word diff of an altered copy
CSV_FIELDS = {
    "articles": [f.name for f in dataclasses.fields(Article)],
    "quotes": [*(f.name for f in dataclasses.fields(Quote)), "diff"],
}


def quotes_csv_path(path: str | Path) -> Path:
    """Where ``--csv PATH`` puts the quotes: beside it, ``articles.csv`` → ``articles.quotes.csv``
    (a name derived from the articles file's, so it never overwrites that one)."""
    path = Path(path)
    return path.with_name(f"{path.stem}.quotes.csv")


def _write_table_csv(store: Store, table: str, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=CSV_FIELDS[table], extrasaction="ignore")
        writer.writeheader()
        for row in store.iter_data(table):
            writer.writerow({k: _flat(v) for k, v in row.items()})


def write_csv(store: Store, path: str | Path) -> list[Path]:
    """Articles as CSV at ``path`` and the quotes beside it (:func:`quotes_csv_path`), with
    ``same_as`` and ``altered``: the form spreadsheet users ask for (list and dict fields
    JSON-encoded). Returns both paths."""
    paths = [Path(path), quotes_csv_path(path)]
    for table, out in zip(("articles", "quotes"), paths, strict=True):
        _write_table_csv(store, table, out)
    return paths


@dataclasses.dataclass
class Outputs:
    """Where a run writes its exports (any may be None)."""

    json: str | None = None
    jsonl: str | None = None
    csv: str | None = None
    html: str | None = None

    def prepare(self) -> None:
        """Create the folders the outputs go in, before any work starts; raise ``OSError`` with
        a one-line message naming the path when one cannot be written."""
        files = {"--json": self.json, "--csv": self.csv, "--html": self.html}
        for option, name in files.items():
            if name is None:
                continue
            path = Path(name)
            if path.is_dir():
                raise OSError(f"{option} {name}: is a folder, give a file name")
            if path.exists() and not os.access(path, os.W_OK):
                raise OSError(f"{option} {name}: the file cannot be written")
            _writable_folder(option, path.parent)
        if self.jsonl is not None:
            if Path(self.jsonl).is_file():
                raise OSError(f"--jsonl {self.jsonl}: is a file, give a folder")
            _writable_folder("--jsonl", Path(self.jsonl))

    def write(self, store: Store) -> None:
        """Write every output asked for from the store."""
        if self.jsonl:
            write_jsonl(store, self.jsonl)
        if self.csv:
            write_csv(store, self.csv)
        if self.json or self.html:  # one document: the whole corpus in memory
            result = store.result()
            if self.json:
                write_json(result, self.json)
            if self.html:
                write_html(result, self.html)

    def __bool__(self) -> bool:
        return any((self.json, self.jsonl, self.csv, self.html))


def _writable_folder(option: str, folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OSError(f"{option}: cannot create folder {folder}: {exc.strerror or exc}") from None
    if not os.access(folder, os.W_OK):
        raise OSError(f"{option}: folder {folder} is not writable")


def load_schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def validate(data: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` if ``data`` breaks the contract."""
    import jsonschema

    jsonschema.validate(data, load_schema())
