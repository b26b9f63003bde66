"""Shared fixtures: the demo corpus, the seeds (when ../shared is present), a fresh store."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run, so CI is reproducible; explore new
# ones with `HYPOTHESIS_PROFILE=explore pytest` and pin what they find as @example.
settings.register_profile("newsloom", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "newsloom"))

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "examples" / "demo"
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    return DEMO


@pytest.fixture(scope="session")
def expected() -> dict:
    return json.loads((DEMO.parent / "demo.expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def demo_result():
    """The demo corpus analysed once into an in-memory store."""
    import newsloom

    return newsloom.analyze([DEMO])


@pytest.fixture(scope="session")
def demo_by_name(demo_result) -> dict:
    """Demo articles keyed by file name (``name#id`` for JSONL lines)."""
    out = {}
    for a in demo_result.articles:
        name = Path(a.source.split("#")[0]).name
        out[f"{name}#{a.id}" if "#" in a.source else name] = a
    return out


@pytest.fixture(scope="session")
def seeds() -> dict:
    """Seed articles cleaned, keyed by their numeric prefix ("000"…); skipped without shared/."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is absent")
    from newsloom.clean import clean
    from newsloom.model import RawDocument

    return {
        p.name[:3]: clean(RawDocument(source=str(p), text=p.read_text(encoding="utf-8")))
        for p in sorted(SEEDS.glob("*.txt"))
    }
