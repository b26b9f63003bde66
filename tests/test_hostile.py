"""Hostile input: each file is processed or rejected with one line naming it; the batch goes on."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import newsloom
from newsloom.cli import main

PROSE = ("The harbour board met on Thursday and agreed to dredge the northern channel before winter, "
         "a decision the fishing cooperative had sought for years.")


def hostile_files(d):
    files = {
        "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        "empty.txt": b"",
        "whitespace.txt": b" \n\t\n   \n",
        "latin1.txt": ("Jos\u00e9 Mart\u00ednez said the caf\u00e9 would stay open. " + PROSE).encode("latin-1"),
        "cp1252.txt": ("\u201cWe are ready,\u201d said Ren\u00e9e \u2014 the mayor. " + PROSE).encode("cp1252"),
        "utf16.txt": ("UTF-16 with a BOM. " + PROSE).encode("utf-16"),
        "mixed.txt": ("Caf\u00e9 owners cheered. " + PROSE + "\n").encode()
        + ("D\u00e9j\u00e0 vu, said the " + PROSE).encode("cp1252"),
        "broken.html": f"<html><body><div><p>{PROSE}<p>{PROSE}<div><span>unclosed".encode(),
        "truncated.html": f"<html><head><title>Cut</title></head><body><article><p>{PROSE}</p><p>The".encode(),
        "nobody.html": b"<html><head><title>Only a head</title></head></html>",
        "quotes.txt": ("\u201cThis quote never ends, said nobody. " + PROSE + "\n\n\u201d\u201c\u201c\u201d "
                       + PROSE + ' "nested \u201cquotes\u201d here" ' + PROSE).encode(),
        "nopunct.txt": (" ".join(["word"] * 300)).encode(),
        "longsentence.txt": (" ".join(f"clause{i} and" for i in range(10_000)) + ".").encode(),
        "emoji_rtl.txt": ("Fans celebrated \U0001f389\U0001f3c6 in the square. \u05e9\u05dc\u05d5\u05dd "
                          "\u0645\u0631\u062d\u0628\u0627 " + PROSE).encode(),
        "german.txt": ("Der Stadtrat hat am Donnerstag beschlossen, die Br\u00fccke \u00fcber den Fluss "
                       "bis zum Winter zu erneuern, und die Anwohner sind mit dem Plan nicht zufrieden. "
                       "Die Kosten sind nach Angaben der Verwaltung deutlich gestiegen.").encode(),
        "bad.jsonl": (json.dumps({"id": "ok1", "text": PROSE}) + "\n{broken\n" + json.dumps({"id": "ok2"})
                      + "\n" + json.dumps({"id": "ok3", "text": PROSE + " Again."})).encode(),
        "allfurniture.txt": b"Share this:\nRelated Posts\nLEAVE A REPLY\nPopular\n",
    }
    for name, data in files.items():
        (d / name).write_bytes(data)
    with (d / "huge.txt").open("wb") as fh:  # past the size limit: rejected without being read
        fh.truncate(21 * 1024 * 1024)
    return files


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    d = tmp_path_factory.mktemp("hostile")
    hostile_files(d)
    res = CliRunner().invoke(main, ["analyze", str(d), "--db", str(d / "h.db"), "-q"])
    return d, res, newsloom.Store(d / "h.db").result()


def by_name(result):
    return {a.source.split("/")[-1]: a for a in result.articles}


def test_batch_finishes_with_exit_1_and_one_line_per_rejection(batch):
    d, res, result = batch
    assert res.exit_code == 1, res.output
    lines = [x for x in res.output.splitlines() if x.startswith("rejected ")]
    assert len(lines) == len(result.rejected)
    codes = {r.source.split("/")[-1]: r.code for r in result.rejected}
    assert codes == {"binary.txt": "NL004", "empty.txt": "NL003", "whitespace.txt": "NL003",
                     "huge.txt": "NL006", "nobody.html": "NL009", "allfurniture.txt": "NL009",
                     "bad.jsonl#2": "NL008", "bad.jsonl#3": "NL003"}
    for line, r in zip(lines, result.rejected, strict=False):
        assert line.count("\n") == 0 and r.source.split("/")[-1] in " ".join(lines)


def test_everything_else_is_processed(batch):
    _, _, result = batch
    names = set(by_name(result))
    for name in ("latin1.txt", "cp1252.txt", "utf16.txt", "mixed.txt", "broken.html", "truncated.html",
                 "quotes.txt", "nopunct.txt", "longsentence.txt", "emoji_rtl.txt", "german.txt",
                 "bad.jsonl#1", "bad.jsonl#4"):
        assert name in names, name


def test_text_survives_encodings(batch):
    arts = by_name(batch[2])
    assert "Jos\u00e9 Mart\u00ednez" in arts["latin1.txt"].text
    assert "Ren\u00e9e" in arts["cp1252.txt"].text and "\u201cWe are ready" in arts["cp1252.txt"].text
    assert "Caf\u00e9" in arts["mixed.txt"].text and "D\u00e9j\u00e0" in arts["mixed.txt"].text
    assert "\U0001f389" in arts["emoji_rtl.txt"].text


def test_non_english_is_marked(batch):
    arts = by_name(batch[2])
    assert arts["german.txt"].language == "de"
    assert arts["latin1.txt"].language == "en"


def test_unbalanced_quotes_do_not_swallow_text(batch):
    text = by_name(batch[2])["quotes.txt"].text
    assert text.count(PROSE) == 3


def test_every_input_is_accounted_for(batch):
    d, _, result = batch
    files = {p.name for p in d.iterdir() if p.suffix in {".txt", ".html", ".jsonl"}}
    seen = {s.split("/")[-1].split("#")[0] for s in [a.source for a in result.articles]
            + [r.source for r in result.rejected]}
    assert files == seen
