"""Write the JSON contract (one document), JSONL tables or CSV. JSONL and CSV stream from the
store, so they work for corpora larger than memory."""

from __future__ import annotations

import csv
import dataclasses
import json
from pathlib import Path
from typing import Any

from newsloom.model import Article, Result
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


def write_csv(store: Store, path: str | Path) -> None:
    """Articles as CSV (list fields JSON-encoded), the form spreadsheet users ask for."""
    fields = [f.name for f in dataclasses.fields(Article)]
    with Path(path).open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        for row in store.iter_data("articles"):
            writer.writerow({k: _flat(v) for k, v in row.items()})


def load_schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def validate(data: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` if ``data`` breaks the contract."""
    import jsonschema

    jsonschema.validate(data, load_schema())
