"""newsloom's spaCy pipeline: load the shipped ``en_newsloom`` model or any installed one.

``load()`` gives the model shipped in ``newsloom/models/en_newsloom`` (trained from open
data by ``training/build.py``; rebuild with ``make model``), cached per process.
``load("en_core_web_trf")`` loads any installed spaCy pipeline or model directory instead.
``parse(nlp, text)`` runs a pipeline over an article paragraph by paragraph.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from pathlib import Path
from typing import TYPE_CHECKING

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from newsloom.clean.sentences import sentence_ends
from newsloom.lang.en.words import TITLE_CASE_SMALL as _TITLE_CASE_SMALL

if TYPE_CHECKING:
    from newsloom.model import Article

DEFAULT_MODEL_NAME = "en_newsloom"
MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
DEFAULT_MODEL_PATH = MODELS_DIR / DEFAULT_MODEL_NAME
# the accurate pipeline (a fine-tuned transformer; needs torch: ``pip install newsloom[trf]``)
TRF_MODEL_NAME = "en_newsloom_trf"
SHIPPED = (DEFAULT_MODEL_NAME, TRF_MODEL_NAME)
#: The NLP-driven stages (parse, quotes, entities, dates, figures) read at most this many
#: characters of an article; the rest stays in its text, unanalysed (``Article.analysed_chars``).
ANALYSED_CHARS = 100_000
#: Paragraphs the model runs on at once: as fast as spaCy's default of 1,000, at half the memory.
PIPE_BATCH = 128
#: Longer runs of non-space characters are cut into tokens of this length without the tokenizer.
LONG_RUN = 200

__all__ = [
    "ANALYSED_CHARS", "DEFAULT_MODEL_NAME", "DEFAULT_MODEL_PATH", "SHIPPED", "TRF_MODEL_NAME",
    "ModelNotFoundError", "analysed_length", "bound", "common_words", "drop_unsupported", "english",
    "finds_entities", "headline_lines", "load", "model_error", "model_path", "parse", "parse_many",
    "positional_capital",
]

# a paragraph: a line's text, from its first non-space to its last
_PARAGRAPH_RE = re.compile(r"\S(?:[^\n]*\S)?")
_ODD_SPACE_RE = re.compile(r"[^\S\n ]")
_LONG_RUN_RE = re.compile(rf"(?<!\S)\S{{{LONG_RUN},}}")
_AFTER_WORD_RE = re.compile(r"[\w,;] +(?=\S)")  # "said Price": what may come next is written mid-sentence
_BOUNDARY_RE = re.compile(r"\b")
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
_BYLINE_RE = re.compile(r"\(?(?:[Bb][Yy]\s|.*\b(?:[Rr]eporting|[Ee]diting|[Ww]ritten|[Ww]riting) by\s)")
_NAME_LABELS = {"PERSON", "PER", "ORG", "LOC", "GPE", "MISC", "NORP", "FAC"}
# tokens after which a capital letter says nothing about a name: an opening quotation mark,
# and a dash or colon before a space ("(CW) — Cranes were …", not "Farr-Jones");
# not a bracket, which opens lists of names ("( Miller 10 , Rowson 55 )")
_QUOTE_OPENERS = {"“", '"', "‘", "'", "«"}
_BREAKS = {"—", "–", "-", ":"}


def english(article: Article) -> bool:
    """Whether the English pipeline and rules may read the article: its language is unknown or
    English. Other languages get no English NLP (no entities, quotes, roles, dates, figures)."""
    return (article.language or "en").lower().startswith("en")


def analysed_length(text: str, limit: int = ANALYSED_CHARS) -> int:
    """How much of ``text`` the NLP-driven stages read: all of it up to ``limit`` characters,
    else a prefix cut at a paragraph break, else a sentence end, else a space, in the last
    half of the limit (a text with none of these, at the limit)."""
    if len(text) <= limit:
        return len(text)
    half = limit // 2
    cut = text.rfind("\n", half, limit + 1)
    if cut < 0:
        cut = max(sentence_ends(text, half, limit), default=-1)
    if cut < 0:
        cut = text.rfind(" ", half, limit + 1)
    return cut if cut > 0 else limit


def bound(article: Article) -> str:
    """The part of ``article.text`` the NLP-driven stages read (:func:`analysed_length`; none
    of a text not in English), recorded in ``article.analysed_chars`` (None: all of it).
    Offsets into it are offsets into the text."""
    n = analysed_length(article.text) if english(article) else 0
    article.analysed_chars = None if n == len(article.text) else n
    return article.text[:n]


class ModelNotFoundError(Exception):
    """The requested spaCy pipeline is neither shipped nor installed."""


def model_error(name: str | None) -> str | None:
    """The one-line error of a model ``name`` that does not load (the CLI and the Spark job end
    with exit status 2 on it, before any work), else None. Loading it here also caches it for
    the article stages of this process and of the workers it forks."""
    if not name:
        return None
    try:
        load(name)
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


class _Capitals:
    """What :func:`positional_capital` asks of the whole doc, found in one pass (a search of the
    text per entity was quadratic): which of ``words`` the text writes after a word, comma or
    semicolon and spaces ("said Price"), and the words of entities longer than one token."""

    def __init__(self, doc: Doc, words: set[str]) -> None:
        text = doc.text
        lengths = {len(w) for w in words}
        self.mid = {w for m in _AFTER_WORD_RE.finditer(text) for n in lengths
                    if (w := text[m.end() : m.end() + n]) in words and _BOUNDARY_RE.match(text, m.end() + n)}
        self.in_longer = {w for e in doc.ents if len(e) > 1 for w in e.text.split()}


def positional_capital(ent: Span, common: frozenset[str], capitals: _Capitals | None = None) -> bool:
    """Whether a one-word entity is a common word whose capital only its place explains.

    A model without pretrained word knowledge takes the capitalised first word of a sentence,
    a quotation or a line for a name ("Cranes were moving", "Tickets for Saturday", "— Spend a
    morning"). Such a word is dropped when it is a common word (``common``) that the text never
    capitalises in mid-sentence and that no longer entity contains. ``capitals``: the doc's
    :class:`_Capitals` for every one-word entity, when many are asked.
    """
    if len(ent) != 1 or not common or ent.label_ not in _NAME_LABELS:
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
    capitals = capitals or _Capitals(doc, {word})
    # "said Price": a name after all
    return word not in capitals.mid and word not in capitals.in_longer


def parse(nlp: Language, text: str) -> Doc:
    """``nlp(text)``, run line by line (a line is a paragraph) and joined into one Doc of
    ``text``, with every whitespace character but the line break a plain space (same offsets).

    The treebanks a parser learns from have no whitespace tokens, so a paragraph break
    ("\\n\\n" or "\\n", one token) at the start of a sentence became that sentence's root in 30% of
    the sentences of news articles, taking the subject and every speech verb's dependents
    with it. Paragraphs are parsed on their own; the breaks between them are bare tokens.
    """
    return parse_many(nlp, [text])[0]


def parse_many(nlp: Language, texts: list[str]) -> list[Doc]:
    """:func:`parse` of each text, with the paragraphs of all of them in one ``nlp.pipe``
    (several times faster than a call per paragraph or per text on short texts)."""
    # a no-break space or tab is one token of its own, which the parser takes for a word
    # ("it\xa0said": two subjects); a plain space keeps every offset
    texts = [_ODD_SPACE_RE.sub(" ", text) for text in texts]
    spans = [[(m.start(), m.end()) for m in _PARAGRAPH_RE.finditer(text)] for text in texts]
    pieces = (_tokenize(nlp, text[a:b]) for text, own in zip(texts, spans, strict=True) for a, b in own)
    parsed = iter(nlp.pipe(pieces, batch_size=PIPE_BATCH))
    out = []
    for text, own in zip(texts, spans, strict=True):
        if len(own) == 1 and own[0] == (0, len(text)):
            out.append(drop_unsupported(nlp, next(parsed)))
            continue
        docs: list[Doc] = []
        pos = 0
        for a, b in own:
            if a > pos:
                docs.append(nlp.make_doc(text[pos:a]))
            docs.append(next(parsed))
            pos = b
        if pos < len(text) or not docs:
            docs.append(nlp.make_doc(text[pos:]))
        out.append(drop_unsupported(nlp, Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"])))
    return out


def _tokenize(nlp: Language, text: str) -> Doc:
    """``nlp.make_doc(text)``, but a run of over ``LONG_RUN`` non-space characters (a link, a
    code, a row of quotation marks) is cut into tokens of that length: the tokenizer's prefix
    and suffix search is quadratic in a run's length (20,000 marks took a minute)."""
    runs = list(_LONG_RUN_RE.finditer(text))
    if not runs:
        return nlp.make_doc(text)
    docs: list[Doc] = []
    pos = 0
    for m in runs:
        if m.start() > pos:
            docs.append(nlp.make_doc(text[pos : m.start()]))
        words = [text[a : min(a + LONG_RUN, m.end())] for a in range(m.start(), m.end(), LONG_RUN)]
        space = text.startswith(" ", m.end())  # the space after the run is its last token's, as the tokenizer has it
        docs.append(Doc(nlp.vocab, words=words, spaces=[False] * (len(words) - 1) + [space]))
        pos = m.end() + space
    if pos < len(text):
        docs.append(nlp.make_doc(text[pos:]))
    return Doc.from_docs(docs, ensure_whitespace=False)


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
    ents = doc.ents  # (each access builds the tuple anew)
    if not ents:
        return doc
    common = common_words(nlp)
    text = doc.text  # (each access joins every token anew)
    heads = headline_lines(text)
    head_starts = [a for a, _ in heads]
    ends = [0, *(x for span in heads for x in span), len(text)]
    body = "\n".join(text[ends[i] : ends[i + 1]] for i in range(0, len(ends), 2))  # the text less its headlines
    capitals = _Capitals(doc, {e[0].text for e in ents if len(e) == 1})

    def in_headline(e: Span) -> bool:
        k = bisect_right(head_starts, e.start_char) - 1
        return k >= 0 and e.start_char < heads[k][1]

    names = {e.text for e in ents if not in_headline(e)}
    tails = {n[i + 1 :] for n in names for i, c in enumerate(n) if c == " "}  # "Trump" of "Donald Trump"

    @functools.cache  # a name a headline list repeats is looked for once
    def written(name: str) -> bool:  # "JAPAN" in a headline in capitals: "Japan"
        flags = re.IGNORECASE if name.isupper() else 0
        return re.search(rf"\b{re.escape(name)}\b", body, flags) is not None

    def supported(e: Span) -> Span | None:
        if positional_capital(e, common, capitals):
            return None
        if e.label_ not in _NAME_LABELS or not in_headline(e) or written(e.text):
            return e
        for end in range(e.end - 1, e.start, -1):
            if (head := doc[e.start : end].text) in names or head in tails:
                return Span(doc, e.start, end, e.label_)
        return None

    kept = [supported(e) for e in ents]
    if kept != list(ents):
        doc.ents = [e for e in kept if e is not None]
    return doc

