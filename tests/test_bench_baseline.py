"""bench/baseline.json and bench/baseline.py: the pinned figures and their check (no benchmark runs)."""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "bench" / "baseline.json"
_spec = importlib.util.spec_from_file_location("bench_baseline", ROOT / "bench" / "baseline.py")
assert _spec and _spec.loader
baseline = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(baseline)


def _make_bench_lines() -> list[str]:
    """The commands of the Makefile's ``bench`` target."""
    lines = (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("bench:"))
    body = []
    for line in lines[start + 1:]:
        if not line.startswith("\t"):
            break
        body.append(line.strip())
    return body


def _benches() -> dict[str, dict]:
    return {k: v for k, v in json.loads(BASELINE.read_text(encoding="utf-8")).items() if not k.startswith("_")}


def test_baseline_parses_and_names_existing_scripts() -> None:
    benches = _benches()
    assert benches
    for name, entry in benches.items():
        assert entry["script"] == f"bench/{name}.py"
        assert (ROOT / entry["script"]).is_file(), entry["script"]
        for fig, pin in entry["figures"].items():
            assert pin["better"] in ("higher", "lower"), (name, fig)
            assert isinstance(pin["value"], int | float), (name, fig)
            noise = [k for k in ("tolerance", "relative", "bound") if k in pin]
            assert len(noise) == 1, (name, fig, noise)
            assert pin[noise[0]] >= 0 or noise[0] == "bound", (name, fig)
            bar, _ = baseline.limit(pin)
            # the pinned value itself holds its floor
            assert (pin["value"] >= bar) if pin["better"] == "higher" else (pin["value"] <= bar), (name, fig)


def test_make_bench_runs_every_pinned_script_with_floor() -> None:
    runs = [line for line in _make_bench_lines() if re.search(r"bench/\w+\.py|call floor,", line)]
    scripts = {re.search(r"bench/(\w+)\.py|call floor,(\w+)\.py", line).group(1, 2) for line in runs}
    assert {a or b for a, b in scripts} == set(_benches())
    # every script runs with --floor: directly, or through the Makefile's floor function
    assert all("--floor" in line or "call floor," in line for line in runs)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^floor = .*bench/\$\(1\) --floor", makefile, re.M)


PINS = {
    "speaker": {"value": 0.936, "better": "higher", "tolerance": 0.01},
    "rate": {"value": 250, "better": "higher", "relative": 0.5},
    "p99_ms": {"value": 1000, "better": "lower", "relative": 0.5},
    "lost": {"value": 0, "better": "lower", "tolerance": 0},
    "peak_mb": {"value": 800, "better": "lower", "bound": 1536},
    "margin": {"value": 0.006, "better": "higher", "bound": 0.0},
}
DATA = {"quotes": {"script": "bench/quotes.py", "figures": PINS}}


@pytest.mark.parametrize(("figures", "fell"), [
    ({"speaker": 0.930, "rate": 130, "p99_ms": 1490, "lost": 0, "peak_mb": 1500, "margin": 0.0}, []),
    ({"speaker": 0.926}, []),  # on the floor is no drop
    ({"speaker": 0.912}, ["quotes.speaker 0.912 < floor 0.926 (baseline 0.936 − 0.010)"]),
    ({"rate": 120.0}, ["quotes.rate 120 < floor 125 (baseline 250 − 50%)"]),
    ({"p99_ms": 1600.0}, ["quotes.p99_ms 1600 > ceiling 1500 (baseline 1000 + 50%)"]),
    ({"lost": 1}, ["quotes.lost 1 > ceiling 0 (baseline 0 + 0)"]),
    ({"peak_mb": 1600.0}, ["quotes.peak_mb 1600 > ceiling 1536 (bound; baseline 800)"]),
    ({"margin": -0.001}, ["quotes.margin -0.001 < floor 0.000 (bound; baseline 0.006)"]),
    ({"speaker": 0.9259}, ["quotes.speaker 0.9259 < floor 0.926 (baseline 0.936 − 0.010)"]),
    ({"other": 0.0, "speaker": 0.99}, []),  # a figure with no pin is not checked
])
def test_check_flags_drops_beyond_tolerance_only(figures: dict[str, float], fell: list[str]) -> None:
    assert baseline.check("quotes", figures, DATA) == fell


def test_check_of_an_unpinned_bench_is_empty() -> None:
    assert baseline.check("nowhere", {"speaker": 0.0}, DATA) == []


def test_update_rewrites_pinned_values(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    shutil.copy(BASELINE, path)
    before = json.loads(path.read_text(encoding="utf-8"))
    pin = before["quotes"]["figures"]["dev.speaker"]
    lines = baseline.update("quotes", {"dev.speaker": 0.9123456, "dev.unpinned": 1.0}, path)
    after = json.loads(path.read_text(encoding="utf-8"))
    new = after["quotes"]["figures"]["dev.speaker"]
    assert new["value"] == 0.9123
    assert new["better"] == pin["better"] and new["tolerance"] == pin["tolerance"]
    assert new["source"].startswith("--update-baseline ")
    assert "dev.unpinned" not in after["quotes"]["figures"]
    assert lines == [f"quotes.dev.speaker {pin['value']} -> 0.9123"]
    # everything else is as it was
    after["quotes"]["figures"]["dev.speaker"] = pin
    assert after == before
    # the new value is the new floor's base: 0.9123 − 0.01
    rewritten = json.loads(path.read_text(encoding="utf-8"))
    assert baseline.check("quotes", {"dev.speaker": 0.905}, rewritten) == []
    assert baseline.check("quotes", {"dev.speaker": 0.900}, rewritten) != []


def test_report_floor_exit_and_update_by_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(baseline.dumps(DATA), encoding="utf-8")
    monkeypatch.setenv(baseline.PATH_ENV, str(path))
    monkeypatch.delenv(baseline.UPDATE_ENV, raising=False)
    args = argparse.Namespace(floor=True, update_baseline=False)
    assert baseline.report("quotes", {"speaker": 0.94, "other": 1.0}, args) == 0
    assert "not pinned: other" in capsys.readouterr().out
    assert baseline.report("quotes", {"speaker": 0.90}, args) == 1
    assert "FLOOR: quotes.speaker 0.900 < floor 0.926" in capsys.readouterr().out
    assert baseline.report("quotes", {"speaker": 0.90}, argparse.Namespace(floor=False, update_baseline=False)) == 0
    monkeypatch.setenv(baseline.UPDATE_ENV, "1")
    assert baseline.report("quotes", {"speaker": 0.90}, args) == 0
    out = capsys.readouterr().out
    assert "quotes.speaker 0.936 -> 0.9" in out and "CHANGELOG.md" in out
    assert json.loads(path.read_text(encoding="utf-8"))["quotes"]["figures"]["speaker"]["value"] == 0.9
    monkeypatch.delenv(baseline.UPDATE_ENV)
    assert baseline.report("quotes", {"speaker": 0.90}, args) == 0  # the new floor holds


def test_every_bench_script_takes_floor_and_update() -> None:
    for name in _benches():
        text = (ROOT / "bench" / f"{name}.py").read_text(encoding="utf-8")
        assert "add_arguments(" in text and f'report("{name}"' in text, name
