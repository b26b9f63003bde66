"""The catalogue of attribution rules: every id a quote's ``rule`` can hold, what it does and
where it lives.

A quote's ``rule`` (``Attribution.via``) is the ``+``-joined list of the ids that found its
speaker, in the order they applied: a *frame* or *context* rule first (which reading of the
text proposed the speaker), then *resolution* steps (a pronoun or a description resolved to
a person) and the *choice* that made it the answer (``ranked``: the learned ranker picked it
among the candidates; ``same_as``: taken from the other outlets carrying the quotation);
``co-speaker`` marks a second person who said it with the speaker. ``after+pronoun`` is the
frame `“…,” he said` with "he" resolved. The order in which a direct quotation's rules are
tried is :data:`newsloom.quotes.direct.DIRECT_RULES`; docs/pipeline.md shows this table and
``tests/test_quote_rules.py`` holds a case for each id.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """One attribution rule: ``step`` is frame, context, partial, indirect, resolution,
    co-speaker or choice; ``certain``: a named speaker from this frame stands (the ranker is not asked)."""

    id: str
    step: str
    where: str
    doc: str
    certain: bool = False


RULES: dict[str, Rule] = {r.id: r for r in (
    # the frames around a direct quotation (quotes/frames.py), tried in direct.DIRECT_RULES' order
    Rule("after", "frame", "frames.after_frame",
         "the frame follows the quotation, subject then verb: `“…,” X said` (a short quotation inside the "
         "subject does not cut it; \"“…” to cut costs, she said\": the last clause)", certain=True),
    Rule("after-inverted", "frame", "frames.after_frame",
         "the frame follows, verb then subject: `“…,” said X, role` (a description followed by a name in "
         "apposition gives the name)", certain=True),
    Rule("after-verb", "frame", "frames.after_frame",
         "after a quotation ending in a comma or question mark, a short subject and any verb that ends the "
         "sentence: `“…?” Ada repeated.`", certain=True),
    Rule("dash", "frame", "frames.after_frame", "`“…” — X, role` on the quotation's own line", certain=True),
    Rule("pull-quote", "frame", "frames.pull_quote",
         "a quotation alone on its line, then `— Name, role` on the next", certain=True),
    Rule("before", "frame", "frames.before_frame",
         "the frame precedes: `X said: “…”`, `X told reporters: “…”`, `According to X, “…”`, `Said X: “…”`",
         certain=True),
    Rule("before-colon", "frame", "frames.before_frame",
         "a long clause between the speech verb and the colon: the verb's subject in the parse "
         "(`X … said she has the quality for the job: “…”`)", certain=True),
    Rule("before-participle", "frame", "frames.before_frame",
         "a participle cue before the quotation (`… saying, “…”`): the name right before it, else the main "
         "clause's subject", certain=True),
    Rule("before-owner", "frame", "frames.before_frame",
         "the owner of a message before a colon: `From Kroll's Facebook post: “…”`", certain=True),
    Rule("label", "frame", "frames.before_frame",
         "a speaker label with no verb before a colon: `Rep. Ada Kroll (D-Lune): “…”`, "
         "`HEADLINE - Ada Kroll: “…”`, `More from Kroll: “…”`", certain=True),
    Rule("colon", "frame", "frames.before_frame",
         "no speech verb before the colon: the subject of the clause that introduces the quotation "
         "(`X made the following comment: “…”`; parse only)", certain=True),
    Rule("colon-object", "frame", "frames.before_frame",
         "that clause does something to a person, who speaks: `The timing does not surprise pollster "
         "Ada Kroll: “…”`", certain=True),
    Rule("intro", "frame", "direct._intro",
         "a block quotation after a sentence that ends in a colon (`The Times reports:` then the quotation); "
         "the frame's id follows", certain=True),
    # a direct quotation with no frame (quotes/direct.py)
    Rule("sentence", "context", "direct._sentence",
         "the cue comes later in the quotation's sentence: `“Harbour Lights” was to be a “farewell,” said X`"),
    Rule("split", "context", "direct._split",
         "no frame: it continues the previous direct quotation of its paragraph (same `split_group`), no one "
         "else being named between them"),
    Rule("neighbour", "context", "direct._neighbour",
         "the subject of the previous or the next sentence (the next paragraph's only when it opens with a "
         "name)"),
    Rule("previous-paragraph", "context", "direct._previous",
         "the last named speaker before it, of any kind, partial quotes included"),
    Rule("nearby", "context", "candidates.candidates",
         "a person named in the quotation's sentence or the three before or one after it, proposed to the "
         "ranker"),
    # quotations inside a sentence (quotes/partial.py)
    Rule("partial", "partial", "partial.partial",
         "a mid-sentence quotation after a speech word: the subject of the nearest speech word that has one, or "
         "the phrase before it (`called the offer “…”`, `according to X, the deal was “…”`)"),
    Rule("partial-relative", "partial", "partial.partial",
         "`in what X called “…”`, `a clip that X dubbed “…”`: X's word, whatever the parse"),
    Rule("partial-clause", "partial", "indirect.clause_subject",
         "no speech word: the person who is the subject of the verb governing the quotation (`X likened the "
         "plan to a “time bomb”`; parse only)"),
    Rule("partial-frame", "partial", "partial.partial",
         "a mid-sentence quotation whose frame follows it (`…, “x,” he said.`), read by the after rules (the "
         "frame's id follows: `partial-frame+after+pronoun`)"),
    # reported speech (quotes/indirect.py)
    Rule("around-partial", "indirect", "indirect.complement",
         "the `indirect` statement around a partial quote: `X said the plan was “a disaster”`"),
    Rule("indirect", "indirect", "indirect.indirect",
         "reported speech in a sentence with no quotation: `X said (that) …`, `…, X said.`, `…, according to "
         "X.`, `According to X, …`", certain=True),
    Rule("indirect-parse", "indirect", "indirect.parsed_report",
         "a speech verb of the parse with a subject and a clausal complement, for the frames the patterns "
         "miss: `In a statement, X said …`, `X told reporters on Monday that …`; `found`/`showed` when the "
         "subject is a document (`the audit found that …`)", certain=True),
    # how the speaker phrase became a speaker (quotes/phrases.py)
    Rule("parse", "resolution", "phrases.speaker_from_subject",
         "the speaker is the grammatical subject of the speech verb in the parse"),
    Rule("pronoun", "resolution", "anaphora.resolve_pronoun",
         "the speaker phrase was he/she (or \"his\"), resolved to a person"),
    Rule("title", "resolution", "anaphora.resolve_description",
         "a description (\"the senator\") resolved to the latest person with that title or role"),
    Rule("group", "resolution", "syntax.resolve_group",
         "\"it\"/\"they\" resolved to the body named before (\"the council … what it called\")"),
    Rule("author", "resolution", "phrases.speaker_from_phrase",
         "a document speaks for its owner or author: `the union's release said` (the union), `the findings, "
         "released by the coroner's office, said` (the coroner's office)"),
    Rule("poll", "resolution", "indirect.poll_source",
         "a share of respondents gave way to the poll the sentence names"),
    Rule("co-speaker", "co-speaker", "cospeakers.co_speakers",
         "two people joined by \"and\" are the subject of the speech verb (`Mr. Brill and Vice President Sam "
         "Okafor called it “…”`, `said Ada Kroll and Tom Brill`): both said it"),
    # the choice among candidates
    Rule("ranked", "choice", "rank.Ranker",
         "the learned ranker chose this candidate over the rules' own answer (quotes/rank.py)"),
    Rule("same_as", "choice", "match.group",
         "the copy named no one; the speaker is the person the other outlets carrying the quotation name "
         "(quotes/match.py)"),
)}

#: Steps whose presence makes a frame's answer uncertain: the subject was resolved, not named.
RESOLVING = frozenset(r.id for r in RULES.values() if r.step == "resolution" and r.id != "parse")


def ids(via: str | None) -> list[str]:
    """The rule ids of a ``via`` (a quote's ``rule``), in order."""
    return [p for p in (via or "").split("+") if p]
