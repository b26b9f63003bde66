"""The docs stay true to the code, both ways (in the manner of datasette's documentation tests).

Checked: the error codes, every CLI command and option (with its default), every field of
the JSON contract (the dataclasses, the schema, and the demo corpus's own output), every
attribution rule id the code can produce, the web routes, the code names the docs cite,
the benchmark options, and every relative link; and the README stays short. The demo is
analysed once for the whole module (a few seconds).
"""

from __future__ import annotations

import ast
import dataclasses
import importlib
import pkgutil
import re
from functools import cache
from pathlib import Path
from typing import Any

import click
import pytest

import newsloom
from newsloom import model
from newsloom.cli import main
from newsloom.errors import CODES

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
README = ROOT / "README.md"
PAGES = [README, *sorted(DOCS.glob("*.md"))]
TABLES = ("articles", "entities", "quotes", "derivations", "stories", "rejected")
FILE_SUFFIXES = {"toml", "db", "json", "jsonl", "html", "csv", "py", "md", "css", "png", "txt"}


@cache
def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def prose(doc: str) -> str:
    """``doc`` without its fenced code blocks (a ``# comment`` there is no heading)."""
    return re.sub(r"^```.*?^```", "", doc, flags=re.S | re.M)


def sections(doc: str, level: int) -> dict[str, str]:
    """Heading title → body, for headings of ``level`` (a body runs to the next heading of
    that level or above, so it holds its subsections)."""
    out: dict[str, str] = {}
    title, body, fenced = None, [], False
    for line in doc.splitlines():
        fenced ^= line.startswith("```")
        m = None if fenced else re.match(r"^(#+) (.*)$", line)
        if m and len(m.group(1)) <= level:
            if title is not None:
                out[title] = "\n".join(body)
            title, body = (m.group(2).strip(), []) if len(m.group(1)) == level else (None, [])
        elif title is not None:
            body.append(line)
    if title is not None:
        out[title] = "\n".join(body)
    return out


def tables(body: str) -> list[list[list[str]]]:
    """The Markdown tables in ``body``: each a list of rows of cells, header and rule left out."""
    found: list[list[str]] = [[]]
    for line in body.splitlines():
        if line.startswith("|"):
            found[-1].append(line)
        elif found[-1]:
            found.append([])
    return [[[c.strip() for c in re.split(r"(?<!\\)\|", row.strip())[1:-1]] for row in block[2:]]
            for block in found if block]


def first_table(body: str) -> list[list[str]]:
    return (tables(body) or [[]])[0]


def names(cell: str) -> list[str]:
    """The names a first cell documents: each backticked token's first word."""
    return [m.split()[0] for m in re.findall(r"`([^`]+)`", cell) if m.split()]


def code_lines(doc: str) -> list[str]:
    """Lines inside fenced code blocks."""
    return [line for block in re.findall(r"```[^\n]*\n(.*?)```", doc, re.S) for line in block.splitlines()]


# ------------------------------------------------------------------------ error codes


def documented_codes() -> dict[str, str]:
    body = sections(text(DOCS / "pipeline.md"), 2)["Error codes"]
    return {row[0]: row[1] for table in tables(body) for row in table if re.fullmatch(r"NL\d{3}", row[0])}


def test_error_codes_table_matches_the_code_both_ways():
    documented = documented_codes()
    assert set(CODES) - set(documented) == set(), "codes missing from docs/pipeline.md's Error codes"
    assert set(documented) - set(CODES) == set(), "documented codes that newsloom.errors does not define"
    for code, message in CODES.items():
        assert documented[code].startswith(message), f"{code}: the doc should start with {message!r}"


def test_codes_raised_and_cited_are_defined():
    raised = {c for p in (ROOT / "src").rglob("*.py") for c in re.findall(r"\bNL\d{3}\b", text(p))}
    cited = {c for page in PAGES for c in re.findall(r"\bNL\d{3}\b", text(page))}
    assert raised - set(CODES) == set(), "codes used in src/ but not in newsloom.errors.CODES"
    assert cited - set(CODES) == set(), "codes the docs cite that do not exist"


# ------------------------------------------------------------------------ command line


def cli_sections() -> dict[str, str]:
    out = {}
    for title, body in sections(text(DOCS / "cli.md"), 2).items():
        m = re.fullmatch(r"`newsloom (\w+)`", title)
        if m:
            out[m.group(1)] = body
    return out


def usage(name: str, cmd: click.Command) -> str:
    ctx = click.Context(cmd, info_name=name, parent=click.Context(main, info_name="newsloom"))
    return " ".join([ctx.command_path, *cmd.collect_usage_pieces(ctx)])


def options(cmd: click.Command) -> list[click.Option]:
    return [p for p in cmd.params if isinstance(p, click.Option)]


def test_every_command_is_documented_with_its_usage():
    documented = cli_sections()
    assert set(documented) == set(main.commands), "docs/cli.md needs one '## `newsloom CMD`' per command"
    for name, cmd in main.commands.items():
        assert usage(name, cmd) in documented[name], f"docs/cli.md: the usage line of {name}"


def test_every_option_and_argument_is_documented_with_its_default():
    for name, cmd in main.commands.items():
        rows = {n: row for row in first_table(cli_sections()[name]) for n in names(row[0])}
        opts = {o for p in options(cmd) for o in [*p.opts, *p.secondary_opts]}
        args = {p.human_readable_name for p in cmd.params if isinstance(p, click.Argument)}
        assert opts - set(rows) == set(), f"{name}: options missing from its table in docs/cli.md"
        assert args - set(rows) == set(), f"{name}: arguments missing from its table in docs/cli.md"
        assert set(rows) - opts - args == set(), f"{name}: documented options it does not have"
        for p in options(cmd):
            row = rows[p.opts[0]][1]
            if p.envvar:
                assert p.envvar in row, f"{name} {p.opts[0]}: ${p.envvar} is not documented"
            if p.show_default is True and p.default is not None and isinstance(p.default, str | int | float):
                shown = f"{p.default:g}" if isinstance(p.default, float) else str(p.default)
                assert f"`{shown}`" in row, f"{name} {p.opts[0]}: its default {shown} is not documented"


def test_command_lines_in_the_docs_use_real_options():
    known = {o for cmd in main.commands.values() for p in options(cmd) for o in [*p.opts, *p.secondary_opts]}
    cited = set(re.findall(r"(?<![\w-])(--[a-z][\w-]*)", text(DOCS / "cli.md")))
    assert cited - known - {"--version", "--help"} == set(), "docs/cli.md cites options that do not exist"
    for page in PAGES:
        for line in code_lines(text(page)):
            m = re.match(r"\s*newsloom (\w+)\b(.*)", line)
            if not m:
                continue
            cmd = main.commands.get(m.group(1))
            assert cmd is not None, f"{page.name}: no command {m.group(1)!r}: {line}"
            allowed = {o for p in options(cmd) for o in [*p.opts, *p.secondary_opts]} | {"--help"}
            used = set(re.findall(r"(?<![\w-])(--?[a-zA-Z][\w-]*)", m.group(2).split("#")[0]))
            assert used - allowed == set(), f"{page.name}: {line.strip()}"


def test_benchmark_options_exist():
    for page in PAGES:
        for script, rest in re.findall(r"python (bench/\w+\.py)([^`\n]*)", text(page)):
            source = text(ROOT / script) + text(ROOT / "bench" / "baseline.py")  # --floor, --update-baseline
            for opt in re.findall(r"(?<![\w-])(--[a-z][\w-]*)", rest):
                assert f'"{opt}"' in source, f"{page.name}: {script} has no option {opt}"


def test_every_bench_script_is_documented():
    docs = "".join(text(p) for p in PAGES)
    missing = [p.name for p in (ROOT / "bench").glob("*.py") if f"bench/{p.name}" not in docs]
    assert missing == [], "bench scripts the docs never name"


# ------------------------------------------------------------------------ JSON contract


def documented_fields() -> dict[str, set[str]]:
    """Contract path ("", "articles[]", "articles[].dates[]", "quotes.jsonl"…) → fields."""
    out = {}
    doc = text(DOCS / "contract.md")
    for level in (2, 3):
        for title, body in sections(doc, level).items():
            m = re.fullmatch(r"`([\w.\[\]]+)`", title)
            if m or title == "Top level":
                out[m.group(1) if m else ""] = {n for row in first_table(body) for n in names(row[0])}
    return out


def static_fields() -> dict[str, set[str]]:
    """Fields of the dataclasses the contract serialises, by path."""
    out: dict[str, set[str]] = {}

    def walk(cls: type, path: str) -> None:
        out[path] = {f.name for f in dataclasses.fields(cls)}
        for name, item in model._fields(cls):
            if item is not None:
                walk(item, f"{path}.{name}[]" if path else f"{name}[]")

    walk(model.Result, "")
    out[""].add("version")
    return out


def output_fields(data: Any, path: str = "", out: dict[str, set[str]] | None = None) -> dict[str, set[str]]:
    """Keys of every object in ``data``, by path (union over the items of each array)."""
    out = {} if out is None else out
    if isinstance(data, dict):
        out.setdefault(path, set()).update(data)
        for k, v in data.items():
            output_fields(v, f"{path}.{k}" if path else k, out)
    elif isinstance(data, list):
        for item in data:
            output_fields(item, f"{path}[]", out)
    return out


def schema_fields(node: dict, path: str = "", out: dict[str, set[str]] | None = None) -> dict[str, set[str]]:
    out = {} if out is None else out
    if "properties" in node:
        out.setdefault(path, set()).update(node["properties"])
        for k, v in node["properties"].items():
            schema_fields(v, f"{path}.{k}" if path else k, out)
    if isinstance(node.get("items"), dict):
        for branch in node["items"].get("anyOf", [node["items"]]):
            schema_fields(branch, f"{path}[]", out)
    return out


@pytest.fixture(scope="module")
def demo_output() -> tuple[dict, dict[str, list[dict]]]:
    """The demo corpus's JSON contract and JSONL rows, from one analysis in memory."""
    from newsloom.pipeline import Pipeline
    from newsloom.store import Store

    with Store(":memory:") as store:
        Pipeline(store, workers=1).run([str(ROOT / "examples" / "demo")])
        return store.result().to_dict(), {t: list(store.iter_data(t)) for t in TABLES}


def contract_fields(data: dict) -> dict[str, set[str]]:
    actual = static_fields()
    for path, keys in output_fields(data).items():
        actual.setdefault(path, set()).update(keys)
    return actual


def test_contract_fields_documented_both_ways(demo_output):
    actual, documented = contract_fields(demo_output[0]), documented_fields()
    contract = {p for p in documented if not p.endswith(".jsonl")}
    assert set(actual) - contract == set(), "arrays of objects with no table in docs/contract.md"
    assert contract - set(actual) == set(), "tables in docs/contract.md for no array of the output"
    for path in actual:
        assert actual[path] - documented[path] == set(), f"docs/contract.md `{path}`: fields missing"
        assert documented[path] - actual[path] == set(), f"docs/contract.md `{path}`: fields that do not exist"


def test_schema_fields_are_documented():
    from newsloom.export import load_schema

    documented = documented_fields()
    for path, keys in schema_fields(load_schema()).items():
        assert keys - documented.get(path, set()) == set(), f"schema fields missing from docs/contract.md `{path}`"


def test_jsonl_extras_documented_both_ways(demo_output):
    actual, documented = contract_fields(demo_output[0]), documented_fields()
    extras = {}
    for table, rows in demo_output[1].items():
        keys = set().union(*rows) - actual[f"{table}[]"] if rows else set()
        if keys:
            extras[f"{table}.jsonl"] = keys
    assert extras == {p: f for p, f in documented.items() if p.endswith(".jsonl")}


# ------------------------------------------------------------------------ attribution rules

RULE_SOURCES = [*sorted((ROOT / "src" / "newsloom" / "quotes").glob("*.py")), ROOT / "src/newsloom/attribution.py"]


def _strings(node: ast.AST) -> set[str]:
    return {n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value}


def _is_via(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "via"


def rule_ids_in_code() -> set[str]:
    """Every string the code puts into an attribution's ``via`` (a quote's ``rule``): what is
    assigned or appended to ``….via``, passed as ``via=``, or passed to a ``via`` parameter."""
    ids: set[str] = set()
    for path in RULE_SOURCES:
        tree = ast.parse(text(path))
        via_param = {f.name: [a.arg for a in f.args.args].index("via") for f in ast.walk(tree)
                     if isinstance(f, ast.FunctionDef) and "via" in [a.arg for a in f.args.args]}
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign | ast.AugAssign):
                for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                    if _is_via(target):
                        ids |= _strings(node.value)
                    elif isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple):
                        ids |= {s for t, v in zip(target.elts, node.value.elts, strict=True) if _is_via(t)
                                for s in _strings(v)}
            elif isinstance(node, ast.Call):
                ids |= {s for kw in node.keywords if kw.arg == "via" for s in _strings(kw.value)}
                name = getattr(node.func, "id", getattr(node.func, "attr", None))
                if name in via_param and len(node.args) > via_param[name]:
                    ids |= _strings(node.args[via_param[name]])
    return ids


def documented_rules() -> dict[str, tuple[str, str]]:
    """Rule id → (step, doc), from docs/pipeline.md's catalogue."""
    body = sections(text(DOCS / "pipeline.md"), 3)["Attribution rules"]
    return {re.fullmatch(r"`([^`]+)`", row[0]).group(1): (row[1], row[2]) for row in first_table(body)}


def test_rule_catalogue_matches_the_code_both_ways():
    from newsloom.quotes.rules import RULES

    produced = {part for s in rule_ids_in_code() for part in s.split("+") if part}
    assert len(produced) > 10, "the rule ids were not found: has Attribution.via moved?"
    assert produced - set(RULES) == set(), "rule ids the code produces missing from quotes/rules.py's RULES"
    assert set(RULES) - produced == set(), "catalogued rule ids the code never produces"
    documented = documented_rules()
    assert documented == {r.id: (r.step, r.doc) for r in RULES.values()}, (
        "docs/pipeline.md's catalogue differs from quotes/rules.py's RULES")


def test_rule_functions_exist():
    import importlib

    from newsloom.quotes.rules import RULES

    for rule in RULES.values():
        module, _, name = rule.where.partition(".")
        assert hasattr(importlib.import_module(f"newsloom.quotes.{module}"), name), rule


def test_demo_rules_read_as_the_catalogue_says(demo_output):
    from newsloom.quotes.rules import RULES, ids

    rules = {q["rule"] for q in demo_output[1]["quotes"]}
    assert len(rules) > 5
    for rule in rules:
        assert set(ids(rule)) <= set(RULES), f"{rule!r}: an id is not in the catalogue"


# ------------------------------------------------------------------------ web app


def test_web_routes_documented_both_ways(tmp_path):
    from newsloom.store import Store
    from newsloom.web.app import create_app

    db = tmp_path / "empty.db"
    with Store(db):
        pass
    routes = {r.path.replace("{ident:path}", "ID") for r in create_app(db).routes}
    doc = text(DOCS / "web.md")
    endpoints = {p.rstrip("/…") or "/" for p in re.findall(r"`GET (/[^`?\s]*)", doc)}
    pages = set(re.findall(r"\*\*`(/[^`]*)`\*\*", doc))
    assert routes - endpoints - pages == set(), "routes missing from docs/web.md"
    assert (endpoints | pages) - routes == set(), "docs/web.md documents routes the app does not have"


# ------------------------------------------------------------------------ names and links


@cache
def newsloom_modules() -> frozenset[str]:
    return frozenset(m.name for m in pkgutil.iter_modules(newsloom.__path__))


def resolve(dotted: str) -> bool:
    """``dotted`` (``newsloom.store.BATCH``) is an importable module or an attribute of one."""
    parts = dotted.split(".")
    for i in range(len(parts), 0, -1):
        try:
            obj: Any = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        try:
            for part in parts[i:]:
                obj = getattr(obj, part)
        except AttributeError:
            return False
        return True
    return False


def test_code_names_in_the_docs_exist():
    for page in PAGES:
        doc = text(page)
        cited = set(re.findall(r"\bnewsloom(?:\.[A-Za-z_]\w*)+", doc))
        cited |= {"newsloom." + m for m in re.findall(r"`([a-z_]+(?:\.[A-Za-z_]\w*)+)(?:\(\))?`", doc)
                  if m.split(".")[0] in newsloom_modules()}
        for dotted in sorted(cited):
            if dotted.rsplit(".", 1)[-1] in FILE_SUFFIXES:
                continue  # a file (newsloom.toml, quotes.jsonl), not a name
            assert resolve(dotted), f"{page.name}: {dotted} does not exist"


def slug(heading: str) -> str:
    """GitHub's anchor for a heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    return {slug(h) for h in re.findall(r"^#+ (.*)$", prose(text(path)), re.M)}


def test_relative_links_resolve():
    for page in PAGES:
        for target in re.findall(r"\]\(([^)\s]+)\)", text(page)):
            if re.match(r"^[a-z]+:", target):
                continue
            path, _, anchor = target.partition("#")
            dest = (page.parent / path).resolve() if path else page
            assert dest.exists(), f"{page.name}: broken link {target}"
            if anchor and dest.suffix == ".md":
                assert anchor in anchors(dest), f"{page.name}: no heading #{anchor} in {dest.name}"


def test_readme_is_short_and_every_page_is_linked():
    readme = text(README)
    assert len(readme.splitlines()) <= 200, "README.md over 200 lines: move reference to docs/"
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b|\bsession \d+|\bthis round\b", readme), \
        "dated history in README.md: it belongs in CHANGELOG.md"
    assert "docs/index.md" in readme
    index = text(DOCS / "index.md")
    for page in DOCS.glob("*.md"):
        assert page.name == "index.md" or f"]({page.name}" in index, f"docs/index.md does not link {page.name}"
