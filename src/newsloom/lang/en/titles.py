"""Titles, honorifics, role words and the abbreviations that take a full stop inside a
sentence ("Mr.", "Sen.", "Inc.", "Feb.")."""

from __future__ import annotations

from newsloom.lang.en.calendar import MONTH_ABBREVIATIONS

# fmt: off
#: Words that make a title on their own (the head of "Deputy Foreign Minister").
TITLE_HEADS = frozenset({
    "president", "vice-president", "secretary", "minister", "premier", "chancellor", "editor", "correspondent",
    "alderman", "alderwoman",
    "senator", "sen.", "rep.", "representative", "congressman", "congresswoman", "gov.",
    "governor", "mayor", "ambassador", "envoy", "spokesman", "spokeswoman", "spokesperson",
    "chairman", "chairwoman", "chair", "director", "commissioner", "ceo", "cfo", "chief",
    "judge", "justice", "king", "queen", "prince", "princess", "pope", "emperor", "sheikh",
    "general", "gen.", "lt.", "col.", "capt.", "sgt.", "adm.", "maj.", "colonel", "captain",
    "admiral", "commodore", "major", "lieutenant", "sergeant", "commander", "marshal", "dr.", "mr.",
    "mrs.", "ms.", "miss", "prof.", "professor", "rev.", "reverend", "speaker", "leader",
    "lawmaker", "adviser", "advisor", "attorney", "prosecutor", "councillor", "councilor",
    "councilman", "councilwoman", "diplomat", "negotiator", "coach", "striker", "midfielder",
    "defender", "goalkeeper", "manager", "founder", "executive", "economist", "analyst",
    "officer", "inspector", "superintendent", "sheriff", "marshall", "president-elect",
    "mp", "mep", "st.", "sir", "dame", "lord", "lady", "archbishop", "bishop", "cardinal",
    "imam", "rabbi", "father", "sister", "brother", "ayatollah", "tsar", "czar",
    "pollster", "strategist", "consultant", "activist", "historian", "columnist", "journalist",
    "commentator", "lawyer", "pastor", "whip", "republican", "democrat",  # "Republican Ada Kroll"
})
#: Words that may sit inside a title ("Secretary of State", "Deputy Prime Minister").
TITLE_MODIFIERS = frozenset({
    "deputy", "vice", "acting", "former", "foreign", "prime", "finance", "defence",
    "defense", "state", "interior", "home", "economy", "economic", "trade", "health",
    "treasury", "justice", "education", "energy", "labor", "labour", "agriculture",
    "transport", "transportation", "commerce", "homeland", "security", "national",
    "assistant", "undersecretary", "under", "associate", "senior", "special", "junior",
    "executive", "operating", "financial", "general", "attorney", "supreme", "high",
    "crown", "grand", "first", "lady", "majority", "minority", "opposition", "party",
    "house", "senate", "press", "white", "environment", "culture", "sports", "digital",
    "external", "affairs", "european", "union", "team", "head", "top", "chief", "staff",
    "lead", "u.s.", "us", "uk", "u.k.", "un", "u.n.", "eu", "nato", "russian", "ukrainian",
    "american", "british", "french", "german", "chinese", "israeli", "iranian", "indian",
    "japanese", "italian", "spanish", "saudi", "turkish", "polish", "dutch", "belgian",
    "democratic", "gop",
})
# fmt: on
#: Words that join the parts of a title ("Secretary of State", "Minister for Trade and Industry").
TITLE_CONNECTORS = frozenset({"of", "for", "the", "and", "&"})
TITLE_WORDS = TITLE_HEADS | TITLE_MODIFIERS

#: Titles written short, before a name, with a full stop ("Sen. Ada Kroll", "Maj. Jo Bell").
TITLE_ABBREVIATIONS = ("Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Sgt", "Capt", "Prof", "St",
                       "Jr", "Sr", "Rev", "Adm", "Maj")
#: Titles whose short form is written with a full stop: "Sen." for "senator".
TITLE_SHORT_FORMS = {"senator": "sen", "governor": "gov", "representative": "rep", "congressman": "rep",
                     "congresswoman": "rep", "general": "gen", "professor": "prof", "doctor": "dr"}
#: Titles that, before one or two capitalised words, say a person follows ("Senator Sanders"
#: labelled an organisation); not those that open names of other things too ("Premier
#: League", "Judge Business School", "Dr. Martens", "Sheikh Jarrah").
PERSON_HONORIFICS = frozenset({
    "mr.", "mrs.", "ms.", "sen.", "senator", "rep.", "gov.", "governor", "president", "mayor", "secretary",
    "congressman", "congresswoman", "speaker", "rev.",
})
COMPANY_ABBREVIATIONS = ("Co", "Inc", "Corp", "Ltd")
#: Words (lower case) a full stop follows inside a sentence: titles, plural titles ("Sens."),
#: "Ft." and "Mt." of places, "No.", "vs.", companies and months.
ABBREVIATIONS = frozenset({
    *(a.lower() for a in TITLE_ABBREVIATIONS), "fr", "cmdr", "supt", "hon", "sens", "reps", "govs", "gens",
    "ft", "mt", "no", "vs", *(a.lower() for a in COMPANY_ABBREVIATIONS), *(a.lower() for a in MONTH_ABBREVIATIONS),
})

#: Titles and forms of address that tell a person's gender.
GENDER_TITLES = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f",
                 "sir": "m", "lady": "f", "dame": "f", "king": "m", "queen": "f"}
#: Role nouns that tell a person's gender ("spokeswoman", "his wife").
ROLE_GENDERS = {
    **dict.fromkeys(("spokeswoman", "chairwoman", "congresswoman", "businesswoman", "councilwoman", "woman",
                     "mother", "wife", "daughter", "sister", "widow", "grandmother", "actress", "queen"), "f"),
    **dict.fromkeys(("spokesman", "chairman", "congressman", "businessman", "councilman", "man", "father",
                     "husband", "son", "brother", "widower", "grandfather", "actor", "king"), "m"),
}
#: The "-man" roles that serve women too ("spokesman Ada Kroll").
GENERIC_MAN_ROLES = frozenset(w for w, g in ROLE_GENDERS.items() if g == "m" and w.endswith("man") and w != "man")

# fmt: off
#: Endings of lower-case words that name a role ("crane operator", "general secretary", "economist").
ROLE_SUFFIXES = ("er", "or", "ist", "ant", "ent", "man", "woman", "person", "ian", "ary", "ee",
                 "chief", "head", "chair", "leader", "envoy", "aide", "official", "owner", "pilot")
# fmt: on
#: Adjectives that may open a role ("retired crane operator").
ROLE_ADJECTIVES = frozenset({"retired", "veteran", "longtime", "interim", "outgoing", "incoming", "former", "late"})
#: Words with a role-like ending that are no roles ("earlier", "month's").
NOT_ROLES = frozenset({
    "earlier", "later", "longer", "other", "never", "however", "over", "under", "after", "ever", "whether", "together",
    "rather", "further", "number", "order", "summer", "winter", "quarter", "center", "centre", "matter", "letter",
    "paper", "water", "border", "sector", "percent", "government", "statement", "agreement", "event", "moment",
    "parliament", "department", "ministry", "dictionary", "salary", "january", "february", "summary", "anniversary",
    "boundary", "territory", "history", "country",
})
#: Words that end a role read back from a name ("who", "said").
ROLE_STOP = frozenset({"said", "says", "told", "who", "which", "that", "and", "but", "has", "had", "was", "is"})
