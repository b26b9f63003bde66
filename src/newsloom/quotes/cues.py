"""Cue patterns: the regexes the attribution rules match, built from the speech verbs and
phrases of :mod:`newsloom.lang.en.speech` ("said", "told", "according to", "called")."""

from __future__ import annotations

import re

from newsloom.lang import alternation
from newsloom.lang.en.speech import CUE_AUXILIARIES, CUE_VERBS, PARTIAL_CUES, PARTICIPLE_CUES

# Longest first: "was quoted as saying" before "said".
CUE = alternation(sorted(CUE_VERBS, key=len, reverse=True))
_PCUE = alternation(sorted(PARTIAL_CUES, key=len, reverse=True))
AUX = rf"(?:(?:{alternation(CUE_AUXILIARIES)})\s+)*"
CUE_RE = re.compile(rf"\b{AUX}(?P<cue>{CUE})\b", re.IGNORECASE)
#: Before a quotation a participle reports it too ("…, telling reporters, “…”").
PARTICIPLE_CUE = alternation(PARTICIPLE_CUES)
BEFORE_CUE_RE = re.compile(rf"\b{AUX}(?P<cue>{CUE}|{PARTICIPLE_CUE})\b", re.IGNORECASE)
CUE_END_RE = re.compile(rf"\b(?:{CUE}|{PARTICIPLE_CUE})\s*$", re.IGNORECASE)
ANY_CUE_RE = re.compile(rf"\b(?P<cue>{CUE}|{_PCUE})\b", re.IGNORECASE)
