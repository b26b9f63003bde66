"""newsloom's spaCy pipeline: load the shipped ``en_newsloom`` model or any installed one.

``load()`` gives the model shipped in ``newsloom/models/en_newsloom`` (trained from open
data by ``training/build.py``; rebuild with ``make model``), cached per process.
``load("en_core_web_trf")`` loads any installed spaCy pipeline or model directory instead.
``parse(nlp, text)`` runs a pipeline over an article paragraph by paragraph.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

DEFAULT_MODEL_NAME = "en_newsloom"
MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
DEFAULT_MODEL_PATH = MODELS_DIR / DEFAULT_MODEL_NAME
# the accurate pipeline (a fine-tuned transformer; needs torch: ``pip install newsloom[trf]``)
TRF_MODEL_NAME = "en_newsloom_trf"
SHIPPED = (DEFAULT_MODEL_NAME, TRF_MODEL_NAME)
ENV_VAR = "NEWSLOOM_MODEL"

__all__ = [
    "DEFAULT_MODEL_NAME", "DEFAULT_MODEL_PATH", "ENV_VAR", "SHIPPED", "TRF_MODEL_NAME",
    "ModelNotFoundError", "common_words", "drop_unsupported", "finds_entities", "headline_lines", "load",
    "model_path", "parse", "positional_capital", "select", "select_or_error", "selected",
]

# a paragraph: a line's text, from its first non-space to its last
_PARAGRAPH_RE = re.compile(r"\S(?:[^\n]*\S)?")
_ODD_SPACE_RE = re.compile(r"[^\S\n ]")
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
_BYLINE_RE = re.compile(r"\(?(?:[Bb][Yy]\s|.*\b(?:[Rr]eporting|[Ee]diting|[Ww]ritten|[Ww]riting) by\s)")
# the words title case leaves in lower case
_TITLE_CASE_SMALL = {"a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "of", "on", "in", "at", "to",
                     "by", "as", "up", "off", "via", "vs", "per", "from", "with", "into", "over", "than"}
_NAME_LABELS = {"PERSON", "PER", "ORG", "LOC", "GPE", "MISC", "NORP", "FAC"}
# tokens after which a capital letter says nothing about a name: an opening quotation mark,
# and a dash or colon before a space ("(CW) — Cranes were …", not "Farr-Jones");
# not a bracket, which opens lists of names ("( Miller 10 , Rowson 55 )")
_QUOTE_OPENERS = {"“", '"', "‘", "'", "«"}
_BREAKS = {"—", "–", "-", ":"}


class ModelNotFoundError(Exception):
    """The requested spaCy pipeline is neither shipped nor installed."""


def selected() -> str | None:
    """The model the engine uses: ``$NEWSLOOM_MODEL`` (``analyze --model`` sets it), else
    None for the shipped default."""
    return os.environ.get(ENV_VAR) or None


def select(name: str) -> None:
    """Make ``name`` the engine's model (``--model``): it is loaded here once, so that a name
    that does not load fails now rather than in every article, then ``$NEWSLOOM_MODEL`` tells
    the article stages (and Spark's workers). Raises :class:`ModelNotFoundError`."""
    load(name)
    os.environ[ENV_VAR] = name


def select_or_error(name: str | None) -> str | None:
    """:func:`select` ``name`` when one is given; the one-line error of a model that does not
    load (the CLI and the Spark job end with exit status 2 on it), else None."""
    if not name:
        return None
    try:
        select(name)
    except ModelNotFoundError as exc:
        return f"newsloom: {exc}"
    return None


def model_path(name: str | None) -> Path:
    """Where a model lives: a shipped name's folder in the package, else ``name`` as a path
    (for an installed package name, a path that need not exist)."""
    name = name or DEFAULT_MODEL_NAME
    return MODELS_DIR / name if name in SHIPPED else Path(name)


@functools.lru_cache(maxsize=4)
def load(name: str | None = None) -> Language:
    """Load a spaCy pipeline: the shipped ``en_newsloom`` when ``name`` is None,
    ``en_newsloom_trf`` (shipped, needs torch), or any installed pipeline or model folder.

    Raises :class:`ModelNotFoundError` when the model cannot be found or loaded.
    """
    from newsloom.nlp import components  # noqa: F401  (registers the rule components)

    name = name or DEFAULT_MODEL_NAME
    path = model_path(name)
    if name in SHIPPED and not (path / "meta.json").is_file():
        raise ModelNotFoundError(
            f"model {name!r} not found at {path}; rebuild it with `make model`"
            + (" (python training/build.py)" if name == DEFAULT_MODEL_NAME
               else " (python training/encoder.py, then --assemble)")
        )
    if (path / "config.cfg").is_file() and "newsloom_encoder" in (path / "config.cfg").read_text():
        try:
            from newsloom.nlp import encoder  # noqa: F401  (registers newsloom_encoder)
        except ImportError as exc:
            raise ModelNotFoundError(
                f"model {name!r} needs torch: pip install 'newsloom[trf]' ({exc})"
            ) from exc
    try:
        return spacy.load(path if name in SHIPPED else name)
    except OSError as exc:
        raise ModelNotFoundError(
            f"spaCy model {name!r} is not installed (try `python -m spacy download {name}`), "
            f"or load() with no name for the shipped {DEFAULT_MODEL_NAME!r} "
            "(rebuild it with `make model`)"
        ) from exc


def finds_entities(nlp: Language) -> bool:
    """Whether the pipeline has a component that names entities (``ner``, or the encoder
    of ``en_newsloom_trf`` set to do it)."""
    return "ner" in nlp.pipe_names or any(
        getattr(nlp.get_pipe(name), "set_ents", False) for name in nlp.pipe_names
    )


@functools.lru_cache(maxsize=4)
def common_words(nlp: Language) -> frozenset[str]:
    """The lowercase words the pipeline's rule lemmatizer lists as nouns, verbs, adjectives
    or adverbs (its ``lemma_index`` table, from WordNet; empty without one)."""
    for name in nlp.pipe_names:
        lookups = getattr(nlp.get_pipe(name), "lookups", None)
        if lookups is not None and lookups.has_table("lemma_index"):
            index = lookups.get_table("lemma_index")
            return frozenset(w for pos in ("noun", "verb", "adj", "adv") for w in index.get(pos, ()))
    return frozenset()


def _forms(word: str) -> set[str]:
    """``word`` lowercased, with the plural and verb endings a lemma table lacks taken off."""
    w = word.lower()
    forms = {w}
    for end, add in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e")):
        if w.endswith(end) and len(w) > len(end) + 2:
            forms.add(w[: -len(end)] + add)
    return forms


def positional_capital(ent: Span, common: frozenset[str]) -> bool:
    """Whether a one-word entity is a common word whose capital only its place explains.

    A model without pretrained word knowledge takes the capitalised first word of a sentence,
    a quotation or a line for a person ("Cranes were moving", "Tickets for Saturday", "— Spend a
    morning"). Such a word is dropped when it is a common word (``common``) that the text never
    capitalises in mid-sentence and that no longer entity contains.
    """
    if len(ent) != 1 or not common or ent.label_ not in ("PERSON", "PER"):
        return False
    tok = ent[0]
    word = tok.text
    if not word[:1].isupper() or word.isupper() or not _forms(word) & common:
        return False
    doc = tok.doc
    prev = doc[tok.i - 1] if tok.i else None
    if not (tok.is_sent_start or prev is None or prev.is_space or prev.text in _QUOTE_OPENERS
            or (prev.text in _BREAKS and prev.whitespace_)):
        return False
    if re.search(rf"[\w,;] +{re.escape(word)}\b", doc.text):
        return False  # "said Price": a name after all
    return not any(len(e) > 1 and word in e.text.split() for e in doc.ents)


def parse(nlp: Language, text: str) -> Doc:
    """``nlp(text)``, run line by line (a line is a paragraph) and joined into one Doc of
    ``text``, with every whitespace character but the line break a plain space (same offsets).

    The treebanks a parser learns from have no whitespace tokens, so a paragraph break
    ("\\n\\n" or "\\n", one token) at the start of a sentence became that sentence's root in 30% of
    the sentences of news articles, taking the subject and every speech verb's dependents
    with it. Paragraphs are parsed on their own; the breaks between them are bare tokens.
    """
    # a no-break space or tab is one token of its own, which the parser takes for a word
    # ("it\xa0said": two subjects); a plain space keeps every offset
    text = _ODD_SPACE_RE.sub(" ", text)
    spans = [(m.start(), m.end()) for m in _PARAGRAPH_RE.finditer(text)]
    if len(spans) <= 1 and (not spans or spans[0] == (0, len(text))):
        return drop_unsupported(nlp, nlp(text))
    parsed = iter(nlp.pipe(text[a:b] for a, b in spans))
    docs: list[Doc] = []
    pos = 0
    for a, b in spans:
        if a > pos:
            docs.append(nlp.make_doc(text[pos:a]))
        docs.append(next(parsed))
        pos = b
    if pos < len(text):
        docs.append(nlp.make_doc(text[pos:]))
    return drop_unsupported(nlp, Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"]))


def headline_lines(text: str) -> list[tuple[int, int]]:
    """Lines set in title case or capitals (headlines: "Senator Was Headed to Court But
    Diverted"): 3 to 25 words, every word but the short function words capitalised; not a
    byline ("By Ada Kroll", "(Reporting by …; Editing by …)")."""
    out = []
    for m in _PARAGRAPH_RE.finditer(text):
        words = [w for w in _WORD_RE.findall(m.group()) if w.lower() not in _TITLE_CASE_SMALL]
        lower = any(not w[0].isupper() for w in words)
        byline = _BYLINE_RE.match(m.group())  # "By Ada Kroll and Tomas Rieck": names
        if len(words) >= 3 and len(m.group().split()) <= 25 and not lower and not byline:
            out.append((m.start(), m.end()))
    return out


def drop_unsupported(nlp: Language, doc: Doc) -> Doc:
    """Drop the names a capital letter alone suggested: common words first in a sentence
    (:func:`positional_capital`), and names in a headline line that the rest of the text never
    writes — NER takes capitals for names, so in title case "Trump Is Merely", "Avoid Bad
    Optics". A headline name whose first words are a name of the text, or its last words
    ("Trump" of "Donald Trump"), is cut to them."""
    common = common_words(nlp)
    heads = headline_lines(doc.text) if len(doc.ents) else []
    ends = [0, *(x for span in heads for x in span), len(doc.text)]
    body = "\n".join(doc.text[ends[i] : ends[i + 1]] for i in range(0, len(ends), 2))  # the text less its headlines

    def in_headline(e: Span) -> bool:
        return any(a <= e.start_char < b for a, b in heads)

    names = {e.text for e in doc.ents if not in_headline(e)}

    def written(span: Span) -> bool:  # "JAPAN" in a headline in capitals: "Japan"
        flags = re.IGNORECASE if span.text.isupper() else 0
        return re.search(rf"\b{re.escape(span.text)}\b", body, flags) is not None

    def supported(e: Span) -> Span | None:
        if positional_capital(e, common):
            return None
        if e.label_ not in _NAME_LABELS or not in_headline(e) or written(e):
            return e
        for end in range(e.end - 1, e.start, -1):
            if (head := doc[e.start : end].text) in names or any(n.endswith(" " + head) for n in names):
                return Span(doc, e.start, end, e.label_)
        return None

    kept = [supported(e) for e in doc.ents]
    if kept != list(doc.ents):
        doc.ents = [e for e in kept if e is not None]
    return doc

