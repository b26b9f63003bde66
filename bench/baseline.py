"""Pinned benchmark figures (``bench/baseline.json``) and the check that a run kept them.

Each benchmark script adds ``--floor`` and ``--update-baseline`` to its options
(:func:`add_arguments`), builds a dict of its headline figures and ends with
:func:`report`. Each pinned figure has a ``value`` (the figure last measured), which way is
``better`` (``higher`` or ``lower``) and the noise it may move by: ``tolerance`` (absolute,
in the figure's unit), ``relative`` (a share of the value: speeds on a shared machine) or
``bound`` (a fixed limit, whatever the value: memory, a time limit). With ``--floor`` a
figure that falls past its limit is printed and the script exits 1; a figure the run
reports that has no pin (another configuration, another size) is listed, not checked.
``--update-baseline`` (or ``NEWSLOOM_BENCH_UPDATE=1``) rewrites the pinned values with the
run's figures instead: a floor moved on purpose (lowered, or raised after a gain), which the
commit and CHANGELOG.md must say. ``NEWSLOOM_BENCH_BASELINE`` names another baseline file (tests, trials).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_PATH = HERE / "baseline.json"
PATH_ENV, UPDATE_ENV = "NEWSLOOM_BENCH_BASELINE", "NEWSLOOM_BENCH_UPDATE"
REMINDER = ("A floor moved on purpose: say so in the commit message and in CHANGELOG.md "
            "(which figure, from what to what, and why).")


def baseline_path() -> Path:
    return Path(os.environ.get(PATH_ENV) or DEFAULT_PATH)


def load(path: Path | None = None) -> dict[str, Any]:
    return json.loads((path or baseline_path()).read_text(encoding="utf-8"))


def limit(pin: dict[str, Any]) -> tuple[float, str]:
    """The floor (``better: higher``) or ceiling (``lower``) of a pinned figure, and how it
    was drawn from the value ("0.936 − 0.010", "250 − 50%", "bound")."""
    value, sign = float(pin["value"]), 1 if pin["better"] == "higher" else -1
    places = _places(pin)
    if "bound" in pin:
        return float(pin["bound"]), "bound"
    if "relative" in pin:
        share = float(pin["relative"])
        return round(value - sign * share * abs(value), 10), f"{_fmt(value, places)} {_op(sign)} {share:.0%}"
    tol = float(pin["tolerance"])
    return round(value - sign * tol, 10), f"{_fmt(value, places)} {_op(sign)} {_fmt(tol, places)}"


def check(bench: str, figures: dict[str, float], baseline: dict[str, Any] | None = None) -> list[str]:
    """The figures of ``bench`` that fell past their pinned limits, one readable line each
    ("quotes.dev.speaker 0.912 < floor 0.926 (baseline 0.936 − 0.010)"); figures without a
    pin are not checked."""
    pins = _pins(bench, baseline)
    fell = []
    for name, got in figures.items():
        pin = pins.get(name)
        if pin is None:
            continue
        bar, how = limit(pin)
        higher = pin["better"] == "higher"
        if (got < bar) if higher else (got > bar):
            places = _places(pin)
            shown, bar_shown = _fmt(got, places), _fmt(bar, places)
            while shown == bar_shown and places < 6:  # 0.9309 against a floor of 0.931
                places += 1
                shown = _fmt(got, places)
            why = f"bound; baseline {_fmt(float(pin['value']), _places(pin))}" if how == "bound" else f"baseline {how}"
            fell.append(f"{bench}.{name} {shown} {'<' if higher else '>'} {'floor' if higher else 'ceiling'} "
                        f"{bar_shown} ({why})")
    return fell


def update(bench: str, figures: dict[str, float], path: Path | None = None) -> list[str]:
    """Rewrite the pinned values of ``bench`` with ``figures`` in the baseline file (the
    direction, tolerance, bound and note stay); one line per figure changed. Figures with no
    pin are left out: a new figure is pinned by hand, with its direction and tolerance."""
    path = path or baseline_path()
    data = load(path)
    pins = data.get(bench, {}).get("figures", {})
    today = dt.date.today().isoformat()
    lines = []
    for name, got in figures.items():
        pin = pins.get(name)
        if pin is None:
            continue
        new = _stored(got)
        if new != pin["value"]:
            lines.append(f"{bench}.{name} {pin['value']} -> {new}")
            pin["value"], pin["source"] = new, f"--update-baseline {today}"
            bar, how = limit(pin)
            if how == "bound" and ((new < bar) if pin["better"] == "higher" else (new > bar)):
                lines.append(f"  its bound {pin['bound']} is kept: move it by hand in {path.name} if that is meant")
    path.write_text(dumps(data), encoding="utf-8")
    return lines


def dumps(data: dict[str, Any]) -> str:
    """The baseline as JSON with one line per pinned figure."""
    out = ["{"]
    for i, (bench, entry) in enumerate(data.items()):
        end = "," if i < len(data) - 1 else ""
        if not isinstance(entry, dict) or "figures" not in entry:
            out.append(f"  {json.dumps(bench)}: {json.dumps(entry, ensure_ascii=False)}{end}")
            continue
        out.append(f"  {json.dumps(bench)}: {{")
        for key, val in entry.items():
            if key != "figures":
                out.append(f"    {json.dumps(key)}: {json.dumps(val, ensure_ascii=False)},")
        figures = list(entry["figures"].items())
        out.append('    "figures": {' + ("" if figures else "}"))
        if not figures:
            out.append(f"  }}{end}")
            continue
        for j, (name, pin) in enumerate(figures):
            comma = "," if j < len(figures) - 1 else ""
            out.append(f"      {json.dumps(name)}: {json.dumps(pin, ensure_ascii=False)}{comma}")
        out.append("    }")
        out.append(f"  }}{end}")
    out.append("}")
    return "\n".join(out) + "\n"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--floor", action="store_true",
                        help="exit 1 when a figure falls past its floor in bench/baseline.json")
    parser.add_argument("--update-baseline", action="store_true",
                        help=f"rewrite this benchmark's pinned figures with this run's (also {UPDATE_ENV}=1); "
                             "the commit and CHANGELOG.md must say so")


def report(bench: str, figures: dict[str, float], args: argparse.Namespace) -> int:
    """Check (``--floor``) or rewrite (``--update-baseline``) the pinned figures of ``bench``;
    the script's exit status: 1 when a figure fell under ``--floor``, else 0."""
    path = baseline_path()
    if not figures:  # the run measured nothing (data absent, a timing study)
        return 0
    if getattr(args, "update_baseline", False) or os.environ.get(UPDATE_ENV) == "1":
        lines = update(bench, figures, path)
        print(f"baseline: {bench} in {path}: " + ("; ".join(lines) if lines else "no pinned figure changed"))
        if lines:
            print(f"baseline: {REMINDER}")
        _unpinned(bench, figures)
        return 0
    if not getattr(args, "floor", False):
        return 0
    baseline = load(path)
    pins = _pins(bench, baseline)
    checked = [name for name in figures if name in pins]
    _unpinned(bench, figures, baseline)
    fell = check(bench, figures, baseline)
    for line in fell:
        print(f"FLOOR: {line}")
    if fell:
        print(f"FLOOR: {len(fell)} of {len(checked)} pinned figures of {bench} fell ({path.name}). If that is meant, "
              f"rerun with --update-baseline and say so in the commit and CHANGELOG.md.")
        return 1
    if checked:
        print(f"floor {bench}: {len(checked)} pinned figures held")
    else:
        print(f"floor {bench}: no figure of this run is pinned (a configuration other than make bench's): "
              "not checked")
    return 0


def _unpinned(bench: str, figures: dict[str, float], baseline: dict[str, Any] | None = None) -> None:
    pins = _pins(bench, baseline)
    rest = [name for name in figures if name not in pins]
    if rest:
        print(f"floor {bench}: not pinned: " + ", ".join(rest))


def _pins(bench: str, baseline: dict[str, Any] | None = None) -> dict[str, dict[str, Any]]:
    data = baseline if baseline is not None else load()
    return data.get(bench, {}).get("figures", {})


def _places(pin: dict[str, Any]) -> int:
    """Decimal places to print a pinned figure with: as many as its value or tolerance has, and
    3 for a share (0.950, not 0.95)."""
    def places(x: Any) -> int:
        text = repr(float(x))
        return 0 if "e" in text or text.endswith(".0") else len(text.split(".")[1])
    share = 3 if 0 < abs(float(pin["value"])) < 1 else 0
    return min(4, max(share, places(pin["value"]), places(pin.get("tolerance", 0)), places(pin.get("bound", 0))))


def _fmt(x: float, places: int) -> str:
    return f"{x:.{places}f}"


def _op(sign: int) -> str:
    return "−" if sign > 0 else "+"


def _stored(x: float) -> float | int:
    """A measured figure as the baseline keeps it: counts as integers, others to 4 places
    (1 place past 100)."""
    if float(x).is_integer():
        return int(x)
    return round(float(x), 4 if abs(x) < 100 else 1)
