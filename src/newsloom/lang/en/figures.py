"""Words around figures: the nouns a count counts, and the words that measure nothing
("of", "rose", "percent"), which the figure rules skip or stop at."""

from __future__ import annotations

#: Counted nouns folded into one unit ("vessels" are ships).
UNIT_SYNONYMS = {"vessels": "ships", "boats": "ships", "persons": "people", "individuals": "people"}
#: Nouns for people, one unit for all ("workers", "residents").
PEOPLE = frozenset({"members", "workers", "dockworkers", "strikers", "people", "employees", "staff", "residents"})
#: Counted nouns whose plural takes no "s" ("23 people", "four children", "12 crew").
PLURAL_NOUNS = frozenset({"people", "children", "men", "women", "police", "personnel", "staff", "crew", "cattle",
                          "sheep", "livestock", "aircraft", "deer", "fish"})
#: Words that count people straight after a number ("146 injured", "23 dead", "40 missing").
COUNTED_PEOPLE = frozenset({"dead", "killed", "injured", "wounded", "hurt", "missing", "displaced", "evacuated",
                            "rescued", "arrested", "detained", "stranded", "homeless"})
#: What befell people, by kind: words of one kind say the same ("23 dead" / "23 killed").
FATES = {**dict.fromkeys(("dead", "died", "killed", "deaths", "lives", "fatalities"), "dead"),
         **dict.fromkeys(("injured", "hurt", "wounded", "injuries"), "injured")}
#: Counts that measure even when small: casualties and units of measure.
MEASURED = frozenset({
    "dead", "died", "deaths", "killed", "injured", "hurt", "wounded", "missing", "casualties", "victims", "hostages",
    "votes", "seats", "miles",
    "kilometres", "kilometers", "km", "metres", "meters", "feet", "tonnes", "tons", "barrels", "acres", "hectares",
    "degrees", "points", "goals",
})
#: Words near a figure that say what kind of number it is, not which quantity.
SCALE_AND_HEDGE = frozenset({"thousand", "million", "billion", "trillion", "per", "percent", "cent", "about",
                             "roughly", "nearly", "some", "around", "almost"})

#: Words between a figure and the noun phrase it measures ("wages rose by 11%"): skipped.
SKIP_BEFORE = frozenset("""by of to at from about around nearly almost some approximately roughly was were
is are be been being rose fell down up worth over under than more less just the a an totalling
totaling reached hit risen fallen increased decreased declining rising falling climbed dropped grew
cut raised lowered gained lost jumped slipped slid added estimated put valued further another
after before for since within during until
of at least most only had has have""".split())
#: Function words that end the noun phrase a figure measures.
MEASURE_STOPS = frozenset("""and or but that which who whom whose when while with without for in on into
onto as if he she it they we i you his her its their our this these those there here said says
told also has have had not no will would could should may might can""".split())
#: Words after a number that are no unit ("5 of them", "40 percent", "3 million").
NOT_UNIT = frozenset("""of to and or in on at for from by with per against than as after before over under
about a an the percent per cent million billion thousand trillion who which that more less each
worth was is has as this its across less unless plus thus always perhaps towards afterwards us yes""".split())
#: Last words that make no noun phrase of a measure ("rose by", "said").
NOT_NOUN = frozenset("""of on in at to by for from with about against into over under than as and or but
that which who was were is are be been has have had said says would will could should may might""".split())
