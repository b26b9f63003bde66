"""Speech cues: the verbs and phrases that report words ("said", "told", "according to"),
those that bring in a partial quotation ("called", "dubbed"), and the nouns for what was
said and what carries it ("statement", "tweet")."""

from __future__ import annotations

# fmt: off
#: Verbs and phrases that report a quotation ("“…,” she said", "according to X, “…”").
CUE_VERBS = (
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
)
#: Verbs that introduce a partial quotation inside a sentence ("called the offer “…”").
PARTIAL_CUES = ("called", "calls", "call", "described", "describes", "dubbed", "dubs", "termed",
                "labelled", "labeled", "branded", "characterised", "characterized", "referred to",
                "hailed", "slammed", "denounced", "decried", "praised",
                "saying", "calling", "claiming", "telling", "describing", "insisting", "arguing",
                "warning", "noting", "adding", "accused", "accusing", "thinks", "believes", "promising",
                "promised", "cited", "cites", "ruled", "announcing", "claim", "accuse", "calls",
                "chanting", "shouting", "yelling", "writing", "tweeting", "declaring", "asking")
# fmt: on
#: Participles that report a quotation before it ("…, telling reporters, “…”").
PARTICIPLE_CUES = ("saying", "telling", "adding", "writing", "noting", "asking", "explaining", "declaring",
                   "insisting", "arguing", "warning", "tweeting", "chanting", "shouting", "yelling")
#: Cues that may come before their speaker ("“…,” said X", "“…,” recalls X").
INVERTIBLE = frozenset({
    "said", "says", "added", "adds", "asked", "wrote", "writes", "continued", "explained", "noted", "argued",
    "insisted", "warned", "declared", "recalled", "replied", "according to", "in the words of", "tweeted", "posted",
    "stated", "commented", "remarked", "observed", "responded", "concluded", "beamed", "echoed", "shouted",
    "retorted", "quipped", "joked",
    # also inverted in news ("“…,” agrees X", "“…,” reads the sign", "“…,” recalls X")
    "agrees", "agreed", "reads", "read", "recalls", "notes", "explains", "insists", "warns", "argues", "concludes",
    "continues", "countered", "answered", "replies", "responds", "lamented", "cautioned", "asks", "mused", "boasted",
    "scoffed", "snapped", "interjected", "exclaimed", "conceded", "acknowledged", "admitted", "predicted",
    "remembers", "remembered", "recounted", "recounts",
})
#: Cues that take a reported clause: "X said (that) …", not "X called the offer …".
REPORTING_VERBS = ("said", "says", "told", "added", "argued", "insisted", "warned", "claimed", "stated", "explained",
                   "noted", "predicted", "acknowledged", "admitted", "announced", "confirmed", "maintained",
                   "contended", "believes", "reported")
#: Verbs (lemmas) whose clausal complement is what someone reported: "X said/argues/has
#: warned (that) …" (read off the parse, any tense), and those that report only with a
#: document for subject ("the audit found that …").
REPORTING_LEMMAS = frozenset({
    "say", "tell", "add", "argue", "insist", "warn", "claim", "state", "explain", "note", "predict", "acknowledge",
    "admit", "announce", "confirm", "maintain", "contend", "report", "allege", "stress", "emphasize", "emphasise",
    "assert", "testify", "concede", "reveal", "write", "tweet", "believe",
})
FINDING_LEMMAS = frozenset({"find", "show", "conclude", "estimate", "suggest"})
#: Words that may stand between a speaker and the cue ("X has also said").
CUE_AUXILIARIES = ("has", "have", "had", "would", "will", "also", "later", "then", "previously", "once",
                   "repeatedly", "again", "further", "simply", "only")
#: Cues after which the quotation is the speaker's word for a thing ("what X called “…”").
NAMING_CUES = ("called", "calls", "dubbed", "dubs", "termed", "terms", "labelled", "labeled", "described as",
               "describes as", "characterised as", "characterized as", "referred to as", "branded")
#: Past participles that name or describe, not act ("a group called …", "a man known as …").
NAMING_PARTICIPLES = frozenset({"called", "named", "known", "dubbed", "titled", "entitled", "labelled", "labeled",
                                "nicknamed"})
#: Words before a quoted title ("a book entitled “…”").
TITLE_CUES = ("entitled", "titled", "headlined", "named")
#: Lemmas of the verbs of a speech aside ("…, he said, …").
ASIDE_LEMMAS = frozenset({"say", "tell", "add", "note", "explain", "argue", "write", "recall", "insist"})

#: Nouns for what someone said ("His assumption was that “…”": his words).
SAID_NOUNS = frozenset({
    "assumption", "argument", "claim", "view", "message", "answer", "response", "reply", "point", "position",
    "comment", "comments", "words", "remarks", "statement", "promise", "pledge", "warning", "complaint",
    "explanation", "advice", "verdict", "conclusion", "prediction", "retort",
})
#: What carries words ("a statement saying …", "signs reading …").
MESSAGES = frozenset({
    "statement", "letter", "email", "e-mail", "note", "post", "tweet", "message", "memo", "release", "sign", "ad",
    "advert", "advertisement", "video", "banner", "poster", "flyer", "leaflet", "notice", "document", "filing",
    "petition", "column", "editorial", "text", "placard", "shirt", "t-shirt",
})
#: What an organisation or a person produces and a sentence may make the speaker ("the
#: union's release said", "the findings, released by the coroner's office, said"): its
#: owner or author is who speaks.
DOCUMENTS = MESSAGES | frozenset({
    "report", "reports", "findings", "study", "survey", "poll", "audit", "review", "analysis", "investigation",
    "inquiry", "ruling", "decision", "judgment", "judgement", "order", "records", "data", "figures", "estimate",
    "estimates", "documents", "filings", "complaint", "lawsuit", "bulletin", "update", "notes",
    "minutes", "transcript", "assessment", "forecast", "briefing", "summary", "proposal", "plan", "budget",
})
#: Where someone says things ("in her speech:", "From Kroll's blog:").
VENUES = frozenset({"speech", "interview", "book", "memoir", "blog", "page", "account", "feed", "testimony",
                    "address"})
#: Bodies that speak as one ("the campaign said").
COLLECTIVE = frozenset({"campaign", "team", "government", "administration", "council", "committee", "party",
                        "group", "police", "family", "staff", "board", "panel", "court", "company", "union"})
#: Groups that speak and that no role ending covers ("officials", "voters" are role words).
SPEAKING_GROUPS = frozenset({"source", "sources", "people", "critics"})
