"""newsloom's spaCy pipeline: load the shipped ``en_newsloom`` model or any installed one.

``load()`` gives the model shipped in ``newsloom/models/en_newsloom`` (trained from open
data by ``training/build.py``; rebuild with ``make model``), cached per process.
``load("en_core_web_trf")`` loads any installed spaCy pipeline or model directory instead.
"""

from __future__ import annotations

import functools
from pathlib import Path

import spacy
from spacy.language import Language

DEFAULT_MODEL_NAME = "en_newsloom"
DEFAULT_MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / DEFAULT_MODEL_NAME

__all__ = ["DEFAULT_MODEL_NAME", "DEFAULT_MODEL_PATH", "ModelNotFoundError", "load"]


class ModelNotFoundError(Exception):
    """The requested spaCy pipeline is neither shipped nor installed."""


@functools.lru_cache(maxsize=4)
def load(name: str | None = None) -> Language:
    """Load a spaCy pipeline: the shipped ``en_newsloom`` when ``name`` is None.

    Raises :class:`ModelNotFoundError` when the model cannot be found.
    """
    from newsloom.nlp import components  # noqa: F401  (registers the rule components)

    if name is None or name == DEFAULT_MODEL_NAME:
        if not (DEFAULT_MODEL_PATH / "meta.json").is_file():
            raise ModelNotFoundError(
                f"model {DEFAULT_MODEL_NAME!r} not found at {DEFAULT_MODEL_PATH}; "
                "rebuild it with `make model` (python training/build.py)"
            )
        return spacy.load(DEFAULT_MODEL_PATH)
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelNotFoundError(
            f"spaCy model {name!r} is not installed (try `python -m spacy download {name}`), "
            f"or load() with no name for the shipped {DEFAULT_MODEL_NAME!r} "
            "(rebuild it with `make model`)"
        ) from exc
