"""The CLI end to end, its exit codes and outputs, and the JSON contract."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from newsloom.cli import main
from newsloom.export import load_schema, validate
from newsloom.store import Store

CONTRACT_KEYS = {"version", "articles", "entities", "quotes", "derivations", "stories"}
ARTICLE_FIELDS = {"id", "source", "title", "byline", "published", "site", "credited_source",
                  "cited_outlets", "language", "text", "captions", "removed", "dates", "figures"}


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory, demo_dir):
    out = tmp_path_factory.mktemp("cli")
    res = CliRunner().invoke(main, [
        "analyze", str(demo_dir), "--db", str(out / "d.db"), "--json", str(out / "d.json"),
        "--jsonl", str(out / "jsonl"), "--csv", str(out / "a.csv"), "--html", str(out / "r.html"),
    ])
    return res, out


def test_demo_run_succeeds_and_writes_outputs(demo_run):
    res, out = demo_run
    assert res.exit_code == 0, res.output
    for name in ("d.db", "d.json", "a.csv", "r.html", "jsonl/articles.jsonl", "jsonl/stories.jsonl"):
        assert (out / name).exists(), name
    assert "articles added" in res.output


def test_json_output_follows_the_contract(demo_run, expected):
    data = json.loads((demo_run[1] / "d.json").read_text())
    validate(data)
    assert data.keys() >= CONTRACT_KEYS and data["version"] == 1
    assert len(data["articles"]) == len(expected["articles"])
    for article in data["articles"]:
        assert article.keys() >= ARTICLE_FIELDS
    jsonl_ids = [json.loads(x)["id"] for x in (demo_run[1] / "jsonl" / "articles.jsonl").read_text().splitlines()]
    assert jsonl_ids == [a["id"] for a in data["articles"]]


def test_schema_rejects_a_broken_document():
    import jsonschema

    with pytest.raises(jsonschema.ValidationError):
        validate({"version": 1, "articles": [{"id": 3}], "entities": [], "quotes": [],
                  "derivations": [], "stories": []})
    assert load_schema()["title"].startswith("newsloom JSON contract")


def test_html_report_escapes_article_text(tmp_path):
    hostile = tmp_path / "x.txt"
    hostile.write_text(
        "Council <b>votes</b>\n\nThe council voted on Tuesday <script>alert(1)</script> to keep the "
        "night buses running for another year, after residents protested outside the hall."
    )
    res = CliRunner().invoke(main, ["analyze", str(hostile), "--db", str(tmp_path / "x.db"),
                                    "--html", str(tmp_path / "r.html"), "-q"])
    assert res.exit_code == 0, res.output
    page = (tmp_path / "r.html").read_text()
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_exit_status_1_names_each_rejected_input(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("The mayor opened the new swimming pool on Saturday, two years later than "
                    "planned and well over budget, to applause from a small crowd of residents.")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\xff\x00binary")
    res = CliRunner().invoke(main, ["analyze", str(good), str(bad), str(tmp_path / "gone.txt"),
                                    "--db", str(tmp_path / "x.db"), "-q"])
    assert res.exit_code == 1
    lines = [x for x in res.output.splitlines() if x.startswith("rejected")]
    assert len(lines) == 2
    assert any("bad.txt" in x and "NL004" in x for x in lines)
    assert any("gone.txt" in x and "NL001" in x for x in lines)


def test_usage_error_is_exit_2():
    assert CliRunner().invoke(main, ["analyze"]).exit_code == 2


def test_an_unknown_model_is_exit_2_and_named(tmp_path, monkeypatch):
    monkeypatch.delenv("NEWSLOOM_MODEL", raising=False)  # restored after the test
    good = tmp_path / "a.txt"
    good.write_text("The harbour council of Velmaro met on Monday and approved the plan.\n")
    res = CliRunner().invoke(main, ["analyze", str(good), "--db", str(tmp_path / "x.db"),
                                    "--model", "no_such_pipeline", "-q"])
    assert res.exit_code == 2
    assert "no_such_pipeline" in res.output
    assert not (tmp_path / "x.db").exists()


def test_model_option_selects_the_pipeline(tmp_path, monkeypatch):
    """``--model`` reaches the article stages as an argument: no environment is set for it."""
    from newsloom.nlp import DEFAULT_MODEL_PATH

    if not (DEFAULT_MODEL_PATH / "meta.json").is_file():
        pytest.skip("en_newsloom not built")
    monkeypatch.delenv("NEWSLOOM_MODEL", raising=False)  # restored after the test
    good = tmp_path / "a.txt"
    good.write_text("Velmaro pier to be rebuilt\n\nThe harbour council of Velmaro voted on Monday to "
                    "rebuild the old pier before the summer season, after a storm broke it in March.\n\n"
                    "“We will rebuild the pier, and we will do it well,” said Mayor Ilsa Brandvold after "
                    "the vote, which passed by nine votes to two.\n")
    res = CliRunner().invoke(main, ["analyze", str(good), "--db", str(tmp_path / "x.db"), "--workers", "0",
                                    "--model", str(DEFAULT_MODEL_PATH), "-q"])
    assert res.exit_code == 0, res.output
    assert "NEWSLOOM_MODEL" not in os.environ
    with Store(str(tmp_path / "x.db")) as store:
        assert [q.speaker for q in store.result().quotes] == ["Ilsa Brandvold"]


def test_console_script_runs():
    res = subprocess.run([sys.executable, "-m", "newsloom.cli", "--version"], capture_output=True, text=True)
    assert res.returncode == 0 and "newsloom" in res.stdout
