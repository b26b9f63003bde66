"""Cue vocabulary: the speech verbs and phrases that report words ("said", "told",
"according to"), those that bring in a partial quotation ("called", "dubbed"), and the
patterns built from them that the attribution rules match.
"""

from __future__ import annotations

import re

# fmt: off
CUE_VERBS = [
    "said", "says", "say", "told", "tells", "added", "adds", "asked", "asks", "stated", "states",
    "commented", "comments", "explained", "explains", "noted", "notes", "wrote", "writes",
    "argued", "argues", "insisted", "insists", "warned", "warns", "declared", "declares",
    "recalled", "recalls", "continued", "continues", "replied", "replies", "responded",
    "tweeted", "posted", "announced", "announces", "claimed", "claims", "suggested", "suggests",
    "acknowledged", "admitted", "admits", "conceded", "stressed", "stresses", "emphasised",
    "emphasized", "predicted", "quipped", "joked", "remarked", "observed", "maintained",
    "contended", "urged", "vowed", "promised", "complained", "lamented", "cautioned", "shouted",
    "testified", "answered", "confirmed", "denied", "reiterated", "agreed", "countered",
    "boasted", "concluded", "mused", "pleaded", "demanded", "wondered", "exclaimed", "recounted",
    "thundered", "fumed", "chimed", "pointed out", "reads", "read", "sings", "sang", "chanted",
    "reports", "reported", "concludes", "responds", "agrees", "yelled", "screamed", "whispered",
    "scoffed", "snapped", "barked", "retorted", "interjected", "elaborated", "beamed", "echoed",
    "shot back", "fired back", "will say", "would say", "remembers", "remembered", "recounts",
    "went on", "assured", "assures", "is quoted as saying", "was quoted as saying", "were quoted as saying",
    "according to", "in the words of",
]
#: Verbs that introduce a partial quotation inside a sentence ("called the offer “…”").
PARTIAL_CUES = ["called", "calls", "call", "described", "describes", "dubbed", "dubs", "termed",
                "labelled", "labeled", "branded", "characterised", "characterized", "referred to",
                "hailed", "slammed", "denounced", "decried", "praised",
                "saying", "calling", "claiming", "telling", "describing", "insisting", "arguing",
                "warning", "noting", "adding", "accused", "accusing", "thinks", "believes", "promising",
                "promised", "cited", "cites", "ruled", "announcing", "claim", "accuse", "calls",
                "chanting", "shouting", "yelling", "writing", "tweeting", "declaring", "asking"]
# fmt: on
CUE = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in sorted(CUE_VERBS, key=len, reverse=True))
_PCUE = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in sorted(PARTIAL_CUES, key=len, reverse=True))
AUX = r"(?:(?:has|have|had|would|will|also|later|then|previously|once|repeatedly|again|further|simply|only)\s+)*"
CUE_RE = re.compile(rf"\b{AUX}(?P<cue>{CUE})\b", re.IGNORECASE)
#: Before a quotation a participle reports it too ("…, telling reporters, “…”").
PARTICIPLE_CUE = ("saying|telling|adding|writing|noting|asking|explaining|declaring|insisting|arguing|warning|"
                  "tweeting|chanting|shouting|yelling")
BEFORE_CUE_RE = re.compile(rf"\b{AUX}(?P<cue>{CUE}|{PARTICIPLE_CUE})\b", re.IGNORECASE)
CUE_END_RE = re.compile(rf"\b(?:{CUE}|{PARTICIPLE_CUE})\s*$", re.IGNORECASE)
ANY_CUE_RE = re.compile(rf"\b(?P<cue>{CUE}|{_PCUE})\b", re.IGNORECASE)
#: Cues that may come before their speaker ("“…,” said X", "“…,” recalls X").
INVERTIBLE = {"said", "says", "added", "adds", "asked", "wrote", "writes", "continued", "explained",
              "noted", "argued", "insisted", "warned", "declared", "recalled", "replied", "according to",
              "in the words of", "tweeted", "posted", "stated", "commented", "remarked", "observed",
              "responded", "concluded", "beamed", "echoed", "shouted", "retorted", "quipped", "joked",
              # also inverted in news ("“…,” agrees X", "“…,” reads the sign", "“…,” recalls X")
              "agrees", "agreed", "reads", "read", "recalls", "notes", "explains", "insists", "warns", "argues",
              "concludes", "continues", "countered", "answered", "replies", "responds", "lamented", "cautioned",
              "asks", "mused", "boasted", "scoffed", "snapped", "interjected", "exclaimed", "conceded",
              "acknowledged", "admitted", "predicted", "remembers", "remembered", "recounted", "recounts"}
