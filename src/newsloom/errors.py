"""Errors with stable codes, in the manner of spaCy's ``E001``-style messages.

An input that cannot be processed becomes a :class:`~newsloom.model.Rejection` carrying
one of these codes; the batch goes on. Codes never change meaning once published.
"""

from __future__ import annotations

CODES: dict[str, str] = {
    "NL001": "not found",
    "NL002": "unreadable",
    "NL003": "empty",
    "NL004": "binary content",
    "NL005": "undecodable text",
    "NL006": "too large",
    "NL007": "unsupported input type",
    "NL008": "bad JSON line",
    "NL009": "no article text after cleaning",
    "NL010": "id already used by another article",
    "NL011": "processing failed",
    "NL012": "fetch failed",
    "NL013": "disallowed by robots.txt",
    "NL014": "bad archive",
    "NL015": "not a feed",
    "NL016": "bad JSON file",
    "NL017": "analysis took too long",
}


class NewsloomError(Exception):
    """An error about one input; ``str()`` is the one-line message shown to users."""

    def __init__(self, code: str, detail: str = "") -> None:
        self.code = code
        self.detail = detail
        super().__init__(f"[{code}] {CODES.get(code, 'error')}" + (f": {detail}" if detail else ""))

    @property
    def reason(self) -> str:
        return str(self)
