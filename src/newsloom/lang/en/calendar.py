"""Calendar words: months, weekdays and their abbreviations, parts of the day, seasons,
units of time and the words that place a date relative to now."""

from __future__ import annotations

from newsloom.lang import trie_regex

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
#: The months that are nothing else: "May" is also a verb and a name.
UNAMBIGUOUS_MONTHS = tuple(m for m in MONTHS if m != "May")
#: Short forms written with a full stop ("Feb. 13"); "May" needs none, September has two.
MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
#: The short forms the rules trust most: the NER patterns take them without a full stop as
#: well, the date rules on their own, with no day or year ("in Sept."). "Mar", "Apr", "Jun"
#: and "Jul" are left out: other words and names share them.
LONE_MONTH_ABBREVIATIONS = ("Jan", "Feb", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
#: Any month, in full or short (no full stop), as a regex source ("Sept", "June", "Dec").
MONTH_PATTERN = f"(?:{trie_regex({*MONTHS, *MONTH_ABBREVIATIONS})})"

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: Short forms written with a full stop ("Tues."), several for some days.
WEEKDAY_ABBREVIATIONS = ("Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun")

PARTS_OF_DAY = ("morning", "afternoon", "evening", "night")
SEASONS = ("spring", "summer", "autumn", "fall", "winter")
#: Days relative to the day of writing.
DEICTIC_DAYS = ("yesterday", "today", "tomorrow")

#: Units a duration is counted in ("three weeks", "90 minutes").
DURATION_UNITS = ("second", "minute", "hour", "day", "week", "month", "year", "decade")
#: The units of a clock: TIMEX3 writes them after a "T".
CLOCK_UNITS = DURATION_UNITS[:3]
#: Every unit of time the date rules read.
TIME_UNITS = (*DURATION_UNITS, "century", "quarter", "weekend")
#: Plurals of :data:`TIME_UNITS`.
TIME_UNIT_PLURALS = {u: "centuries" if u == "century" else u + "s" for u in TIME_UNITS}
#: Short clock units ("90 mins").
CLOCK_UNIT_ABBREVIATIONS = ("min", "mins", "hrs")

#: Words that place a period relative to now ("last week", "early May", "later this month").
RELATIVE_TIME_WORDS = ("last", "next", "this", "past", "coming", "previous", "early", "late", "mid", "earlier",
                       "later")
#: Time zones written after a clock time ("10 a.m. EST").
TIME_ZONES = ("GMT", "UTC", "ET", "EST", "EDT", "CET", "BST", "PT", "PST")
#: Marks of the half of the day after a clock time.
MERIDIEM_MARKS = ("a.m.", "p.m.", "am", "pm", "a.m", "p.m")
#: Every calendar word and abbreviation, lower-cased: never a name ("Feb", "Thursday").
#: One-word feasts and observances: dates, never a person, an organisation or a place.
HOLIDAYS = ("Christmas", "Xmas", "Easter", "Whitsun", "Pentecost", "Lent", "Advent", "Epiphany", "Ramadan", "Eid",
            "Diwali", "Hanukkah", "Chanukah", "Passover", "Purim", "Thanksgiving", "Halloween", "Hogmanay", "Vesak",
            "Navratri", "Nowruz")
CALENDAR_WORDS = frozenset(w.lower() for w in (*MONTHS, *MONTH_ABBREVIATIONS, *WEEKDAYS, *WEEKDAY_ABBREVIATIONS,
                                               *HOLIDAYS))

# Participles that date a thing's own history, not the sentence's event: "the temple, built
# in 1663, collapsed" (a timeline reads the collapse, not 1663, from that sentence).
ORIGIN_PARTICIPLES = ("built", "rebuilt", "founded", "established", "consecrated", "constructed", "erected",
                      "completed", "opened", "inaugurated", "dedicated", "born", "formed", "created",
                      "launched", "incorporated", "restored", "renovated", "designed", "listed", "dating")
