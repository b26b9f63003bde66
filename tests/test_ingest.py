"""Ingest: every input ends as a document or a rejection naming it; the batch goes on."""

from __future__ import annotations

import json

from newsloom.ingest import iter_documents
from newsloom.model import RawDocument, Rejection

BODY = (
    "The river ferry resumed service on Monday after a week of repairs, the operator said, "
    "and the first crossing carried more than forty passengers and two delivery vans."
)


def collect(*targets):
    items = list(iter_documents([str(t) for t in targets]))
    return (
        [i for i in items if isinstance(i, RawDocument)],
        {i.source: i for i in items if isinstance(i, Rejection)},
    )


def test_directory_walk_reads_known_types_and_skips_others(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "sub" / "b.html").write_text(f"<html><body><p>{BODY}</p></body></html>")
    (tmp_path / "notes.md").write_text("# not an article")
    (tmp_path / ".hidden.txt").write_text(BODY)
    docs, rejected = collect(tmp_path)
    assert [d.source.split("/")[-1] for d in docs] == ["a.txt", "b.html"]
    assert docs[1].html and not docs[1].text
    assert not rejected


def test_bad_files_are_rejected_with_codes(tmp_path):
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\x03PNG")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blank.txt").write_text("   \n\t\n")
    (tmp_path / "data.csv").write_text("a,b\n1,2\n")
    docs, rejected = collect(*sorted(tmp_path.iterdir()), tmp_path / "missing.txt")
    codes = {src.split("/")[-1]: r.code for src, r in rejected.items()}
    assert codes == {"binary.txt": "NL004", "empty.txt": "NL003", "blank.txt": "NL003",
                     "data.csv": "NL007", "missing.txt": "NL001"}
    for _src, r in rejected.items():
        assert "\n" not in r.reason and r.reason.startswith(f"[{r.code}]")
    assert not docs


def test_encodings(tmp_path):
    text = "Café owners in Zürich said the new rules were “unfair”. " + BODY
    (tmp_path / "utf16.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (tmp_path / "cp1252.txt").write_bytes(text.encode("cp1252"))
    (tmp_path / "crlf.txt").write_bytes(text.replace(". ", ".\r\n").encode())
    docs, rejected = collect(tmp_path)
    assert not rejected
    for d in docs:
        assert "Café" in d.text and "Zürich" in d.text and "\r" not in d.text


def test_jsonl_lines_and_bad_lines(tmp_path):
    lines = [
        json.dumps({"id": "x1", "text": BODY, "title": "Ferry back", "url": "https://ferries.example/a",
                    "published": "2024-05-06", "site": "Ferry News", "byline": "Ana Lu"}),
        "{not json",
        json.dumps({"id": "x2", "html": f"<p>{BODY}</p>"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "x3", "title": "Headline only"}),  # a headline is an article
        json.dumps({"id": "x4", "url": "https://ferries.example/b"}),  # nothing to read
        "",
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines))
    docs, rejected = collect(path)
    assert [d.id for d in docs] == ["x1", "x2", "x3"]
    assert docs[0].site == "Ferry News" and docs[0].published == "2024-05-06"
    assert docs[1].html and docs[1].text is None
    assert docs[2].text == docs[2].title == "Headline only"
    assert {k.rsplit("#", 1)[1]: r.code for k, r in rejected.items()} == {"2": "NL008", "4": "NL008", "6": "NL003"}


def test_oversized_file_is_rejected(tmp_path):
    from newsloom.ingest.files import FileSource

    path = tmp_path / "big.txt"
    path.write_text(BODY * 100)
    items = list(FileSource(max_bytes=1000).read(str(path)))
    assert isinstance(items[0], Rejection) and items[0].code == "NL006"


def test_fingerprint_ignores_whitespace_but_not_site():
    a = RawDocument(source="a", text="One  two\nthree")
    b = RawDocument(source="b", text="One two three")
    c = RawDocument(source="c", text="One two three", site="other.example")
    assert a.fingerprint == b.fingerprint != c.fingerprint


def test_an_html_page_in_a_legacy_encoding_it_declares_is_read_in_it(tmp_path):
    from newsloom.ingest.decode import declared_charset

    body = "港口工人罢工进入第三周，码头停工。"  # invented: "Port workers' strike enters its third week"
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>'
            f"<body><p>{body}</p></body></html>")
    (tmp_path / "page.html").write_bytes(page.encode("gb2312"))
    docs, rejected = collect(tmp_path / "page.html")
    assert not rejected and body in docs[0].html
    assert declared_charset(b'<meta charset="no-such-codec">') is None
