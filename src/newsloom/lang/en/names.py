"""Words about names: what is no name though capitalised, the particles inside names, and
the head words that make a capitalised phrase an organisation, a place or a paper."""

from __future__ import annotations

from newsloom.lang.en.calendar import MONTHS, WEEKDAYS
from newsloom.lang.en.titles import COMPANY_ABBREVIATIONS

# fmt: off
#: Capitalised words that start sentences or name things other than people.
NOT_NAME_WORDS = frozenset({
    "the", "a", "an", "but", "and", "or", "so", "yet", "in", "on", "at", "for", "of", "to", "by",
    "with", "from", "as", "if", "when", "while", "after", "before", "since", "this", "that",
    "these", "those", "it", "its", "he", "she", "they", "we", "i", "you", "his", "her", "their",
    "our", "my", "there", "here", "what", "who", "why", "how", "where", "which", "meanwhile",
    "however", "still", "now", "then", "also", "according", "asked", "despite", "during",
    *(w.lower() for w in (*WEEKDAYS, *MONTHS)),
    "mr", "mrs", "ms", "no", "yes", "one", "two", "some", "many",
    "most", "all", "both", "each", "every", "other", "another", "such", "last", "next",
    "new", "read", "more", "only", "just", "even", "not", "do", "does", "did", "is", "are",
    "was", "were", "will", "would", "could", "should", "can", "might", "let", "we're",
})
#: Head words that make a capitalised phrase an organisation or place, not a person.
ORG_WORDS = frozenset({
    "union", "association", "authority", "line", "port", "ministry", "department", "council",
    "committee", "party", "government", "university", "college", "school", "bank", "group",
    "company", "corporation", "corp", "inc", "ltd", "club", "trust", "league", "house",
    "office", "agency", "service", "court", "parliament", "congress", "senate", "assembly",
    "commission", "institute", "foundation", "centre", "center", "fund", "army", "navy",
    "police", "board", "bureau", "federation", "partners", "capital", "street", "road",
    "city", "state", "states", "republic", "kingdom", "island", "islands", "county", "times",
    "post", "news", "journal", "kremlin", "pentagon", "white", "campaign", "administration",
    "athletic", "terminal", "quay", "gate", "network", "press", "wire", "media", "reuters",
})
# fmt: on
#: Lower-case particles inside a name ("Ada de la Cruz", "Jo van Brakel").
NAME_PARTICLES = ("de", "da", "del", "della", "der", "den", "van", "von", "bin", "ibn", "al", "el", "la", "le", "du",
                  "dos", "di", "ter")
#: Last words of organisations and places named after a person ("Pope Ada Kroll Foundation").
NAMED_AFTER = frozenset({
    "foundation", "institute", "university", "college", "center", "centre", "committee", "council", "party", "school",
    "hospital", "association", "fund", "group", "club", "church", "county", "city", "airport", "library", "museum",
    "prize", "award", "act", "law", "street", "avenue", "square",
})
#: Last words of places and papers named after a first name ("Virginia Beach", "Charlotte Observer").
PLACE_OR_PAPER = frozenset({
    "beach", "lake", "river", "island", "bay", "valley", "hill", "hills", "springs", "falls", "park", "heights", "hole",
    "harbor", "harbour", "port", "point", "creek", "mountain", "post", "times", "observer", "journal", "herald",
    "tribune", "news", "gazette", "daily", "magazine", "review",
})
#: Generational suffixes after a surname ("Harry F. Byrd Sr.", "Martin Luther King, Jr."):
#: not the surname a lone mention repeats.
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})

#: Last words of a company's name that are no part of what it is called ("Tarrow Mining Co." is
#: "Tarrow Mining Company"), lower case without full stops.
COMPANY_SUFFIXES = frozenset({a.lower() for a in COMPANY_ABBREVIATIONS} | {
    "company", "corporation", "incorporated", "limited", "llc", "plc"})
#: Last words that make a name a place's ("Roosevelt Park", "Capitol Hill", "Polk County"): never a
#: person, and a place whatever the model labels (its organisation is "… County Council").
PLACE_HEADS = frozenset({
    "park", "hill", "square", "avenue", "river", "lake", "bay", "beach", "valley", "mountain", "mountains",
    "canyon", "harbor", "harbour", "peninsula", "strait", "sea", "ocean", "desert", "heights", "plaza",
    "boulevard", "bridge", "airport", "station", "coast", "county", "province", "township", "parish", "borough",
    "island", "islands", "city", "street", "road",
})
#: First words of places' names, in English and the languages news names streets and
#: landforms in ("Mount Gelora", "Avenida Errázuriz", "Piazza Ardenghi", "Jalan Sudirman").
PLACE_OPENERS = frozenset({
    "mount", "mt", "lake", "cape", "avenida", "calle", "rua", "piazza", "piazzale", "plaza", "praça",
    "cerro", "ilha", "lago", "praia", "jalan", "sungai", "gunung", "pulau", "kampung",
})
#: Nouns of a landform, a waterway or an area after its name ("the Vouga river", "the
#: Machar Colony area"): the name is a place's.
PLACE_AFTER = frozenset({
    "river", "stream", "creek", "brook", "canal", "lake", "lagoon", "estuary", "delta", "basin", "valley",
    "mountains", "hills", "highlands", "plateau", "volcano", "island", "islands", "archipelago", "peninsula",
    "strait", "passage", "bay", "gulf", "coast", "reef", "desert", "forest", "area", "district", "region",
    "province", "suburb", "neighbourhood", "neighborhood", "village", "township",
})
#: The AP style's abbreviations of US states, without their full stops ("R-Fla.", "Pasadena, Calif.").
STATE_ABBREVIATIONS = frozenset({
    "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Ky", "La", "Md",
    "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "N.H", "N.J", "N.M", "N.Y", "N.C", "N.D", "Okla",
    "Ore", "Pa", "R.I", "S.C", "S.D", "Tenn", "Tex", "Vt", "Va", "Wash", "W.Va", "Wis", "Wyo",
})
#: Last words that make a name an organisation's ("Clinton Global Initiative", "Faith & Freedom
#: Coalition"): the organisation words, and heads a person's surname never is in news.
ORG_HEADS = ORG_WORDS | frozenset({
    "initiative", "coalition", "research", "alliance", "organization", "organisation", "society", "caucus",
    "project", "forum", "movement", "front", "church", "museum", "hospital", "library", "airlines", "airways",
    "holdings", "ventures", "systems", "technologies", "laboratories", "labs", "academy", "brigade", "battalion",
    "regiment", "channel", "radio", "television", "magazine", "herald", "tribune", "gazette", "daily", "observer",
    "institution", "cooperative", "consortium", "federation", "council", "conference",
    # the plural of a line of business ends a company's name, never a person's ("Saltmarsh Ferries")
    "ferries", "stores", "industries", "services", "motors", "foods", "brands", "resources", "enterprises",
    "solutions", "products", "communications", "pharmaceuticals", "properties", "investments", "logistics",
    "colleges", "hotels", "resorts", "restaurants", "studios", "records", "publishers", "mills", "mines",
    "farms", "bakeries", "breweries", "fisheries", "shipyards", "utilities", "insurers", "builders",
})
#: Organisation words that end places' names as often ("New York State", "Czech Republic",
#: "Green Line", "Brandenburg Gate", "English Channel"): no head of either.
AMBIGUOUS_HEADS = frozenset({
    "state", "states", "republic", "kingdom", "federation", "line", "gate", "quay", "channel", "port", "capital",
    "white",
})
#: Last words of the names of events, laws, prizes and works ("Merriman Smith Award",
#: "Affordable Care Act", "Mexican War"): names no entity type here fits.
EVENT_HEADS = frozenset({
    "award", "awards", "prize", "medal", "act", "law", "bill", "amendment", "treaty", "accord", "accords",
    "doctrine", "rule", "war", "games", "cup", "championship", "championships", "tournament", "olympics",
    "festival", "marathon", "summit", "day", "week", "month", "era", "crisis", "scandal",
})

# fmt: off
#: Common nouns that say what a name next to them is: "the website Mashable", "health insurers
#: Cigna, Aetna and Humana", "Judicial Watch, a conservative advocacy group", "the book
#: ''Strangers No More''" (MISC: a work, an event or an operation, no entity type here).
DESCRIPTOR_TYPES = {
    **dict.fromkeys((
        "company", "firm", "group", "organization", "organisation", "party", "union", "bank", "insurer", "agency",
        "charity", "nonprofit", "non-profit", "university", "college", "school", "club", "team", "band",
        "retailer", "chain", "automaker", "carmaker", "manufacturer", "startup", "start-up", "conglomerate",
        "lender", "airline", "fund", "institute", "foundation", "coalition", "lobby", "watchdog", "brand",
        "store", "restaurant", "hotel", "studio", "subsidiary", "regulator",
        "think-tank", "tank", "consultancy", "supplier", "hospital", "church", "movement",
        "militia", "insurgency", "federation", "association", "society"), "ORG"),
    **dict.fromkeys(("newspaper", "paper", "magazine", "tabloid", "broadsheet", "broadcaster", "outlet", "wire",
                     "daily", "weekly", "channel"), "OUTLET"),
    **dict.fromkeys(("website", "site", "app", "platform", "blog", "forum", "podcast"), "PLATFORM"),
    **dict.fromkeys(("city", "town", "village", "province", "county", "region", "country", "island", "capital",
                     "district", "neighborhood", "neighbourhood", "suburb", "river", "borough", "municipality",
                     "enclave", "peninsula", "territory", "republic", "emirate", "kingdom"), "PLACE"),
    **dict.fromkeys(("book", "novel", "film", "movie", "song", "album", "play", "musical", "series", "show",
                     "documentary", "poem", "opera", "memoir", "hashtag", "slogan", "program", "programme",
                     "operation", "campaign", "initiative", "bill", "law", "act", "plan", "treaty", "conference",
                     "summit", "festival", "convention", "award", "prize", "visa", "grant", "drug", "vaccine",
                     "ship", "vessel", "rifle", "aircraft", "storm"), "MISC"),
    **dict.fromkeys(("actor", "actress", "singer", "rapper", "musician", "comedian", "author", "writer", "poet",
                     "artist", "aide", "official", "spokesman", "spokeswoman", "spokesperson", "economist",
                     "professor", "analyst", "reporter", "lawyer", "attorney", "candidate", "businessman",
                     "businesswoman", "billionaire", "entrepreneur", "investor", "donor", "player", "star", "athlete",
                     "son", "daughter", "wife", "husband", "mother", "father", "brother", "sister", "widow",
                     "chairman", "chairwoman", "founder", "director", "executive", "senator", "governor", "mayor",
                     "lawmaker", "congressman", "congresswoman", "adviser", "advisor", "strategist", "trader",
                     "student", "teacher", "resident", "veteran", "soldier", "officer", "nominee", "judge"),
                    "PERSON"),
}
# fmt: on

#: Prefixes written with a hyphen before a name, no part of it ("ex-Trump", "Anti-Brexit", "Sino-US").
HYPHEN_PREFIXES = frozenset({
    "ex", "anti", "pro", "non", "post", "pre", "neo", "mid", "sino", "afro", "franco", "anglo", "multi", "self",
    "semi", "former", "then", "un", "super", "ultra", "pseudo", "quasi", "cross", "counter", "mega",
})

#: Nouns naming a vessel before its name ("the ferry Santa Lucena Express", "tanker Kora"): a
#: thing, not a person or place, with or without a determiner (none of them is a verb before a name).
VESSEL_WORDS = frozenset({
    "ferry", "ship", "vessel", "tanker", "freighter", "yacht", "boat", "liner", "trawler", "barge", "tugboat",
    "frigate", "destroyer", "submarine", "warship", "catamaran", "cruiser", "steamer", "schooner",
})
#: Prefixes of ships' names ("MV Sigavou Star", "HMS Ardent").
SHIP_PREFIXES = ("MV", "MS", "SS", "HMS", "USS", "RMS", "MT", "FV", "HMAS", "HMCS")
