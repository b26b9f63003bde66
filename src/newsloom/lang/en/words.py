"""Function words: stop words, pronouns, the small words of title case, and words that
open a sentence or a clause without naming anything."""

from __future__ import annotations

#: Function words (and "said", "says") that carry no topic.
STOPWORDS = frozenset(
    """
    a about after again against all also an and any are as at be because been before being
    between both but by can could did do does during each few for from further had has have
    having he her here hers him his how i if in into is it its itself just me more most my no
    nor not now of off on once only or other our out over own same she should so some such
    than that the their them then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your said
    says
    """.split()
)
#: Pronouns that may stand for a speaker, with their gender or number ("p": plural, "s": the writer).
PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f", "they": "p", "i": "s", "we": "p"}
#: Pronouns and the like that a clitic joins ("He's", "I've", "There'll", "Let's").
CLITIC_HOSTS = frozenset({"i", "you", "he", "she", "it", "we", "they", "that", "there", "here", "what", "who", "let"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})
#: Words that open a sentence and name nothing ("However, …", "According to …").
SENTENCE_OPENERS = frozenset({"but", "and", "yet", "however", "meanwhile", "still", "now", "while", "although",
                              "though", "according", "earlier", "later", "last"})
#: Words that open a sentence leaning on the one before it: a pronoun or possessive standing
#: for what it named ("He said…", "Its chair…"), a contrast or addition to it ("But the…").
LEANS_BACK = frozenset({"he", "she", "it", "they", "his", "her", "its", "their", "but", "and", "yet", "also", "so",
                        "still", "instead", "however", "nevertheless", "moreover", "furthermore", "besides"})
#: Openings of those words that lean on nothing: "So far, …", "It is not yet clear …".
STANDS_ALONE = ("so far", "it is not", "it is unclear", "it is clear", "it is likely", "it is expected",
                "it is understood", "it was not", "it was unclear", "it was clear", "it was the first")
#: Words that open a phrase with no subject in it ("after the vote", "instead of").
NO_SUBJECT = frozenset({"after", "before", "while", "when", "since", "despite", "by", "upon", "in", "on", "without",
                        "instead of", "as", "for", "with", "of", "to", "and", "but", "or", "then", "also"})
#: The words title case leaves in lower case ("Talks Break Down in the Night").
TITLE_CASE_SMALL = frozenset({"a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "of", "on", "in", "at",
                              "to", "by", "as", "up", "off", "via", "vs", "per", "from", "with", "into", "over",
                              "than"})
#: The lower-case words of a name or title in capitals ("Party of the Left", "Jo van Brakel").
NAME_SMALL_WORDS = frozenset({"of", "the", "and", "de", "a", "an", "for", "on", "in", "to", "&", "van", "von"})

#: Inflexions a story's terms fold away ("ferries", "ferry"; "striking", "strikes", "strike"),
#: longest first, each with what replaces it; a final "e" goes too. An English light
#: stemmer's table.
INFLEXIONS = (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("s", ""))
#: Determiners that name an owner given elsewhere ("his statement", "its chair").
POSSESSIVE_DETERMINERS = frozenset({"his", "her", "its", "their", "our", "my", "your"})
#: Words after which a quotation sits inside a phrase (a preposition's object, a noun's
#: determiner): "projects like “Mars exploration,”", "the platform “Harbour Talk,”".
PHRASE_WORDS = frozenset({"like", "as", "of", "for", "to", "with", "about", "from", "than", "into", "on", "in",
                          "at", "by", "the", "a", "an", "these", "those", *POSSESSIVE_DETERMINERS})
#: Words of a time, not of a who ("last year's budget", "the week's figures").
TIME_WORDS = frozenset({"last", "this", "next", "yesterday", "today", "tomorrow", "year", "years", "week", "weeks",
                        "month", "months", "day", "days", "night", "morning", "afternoon", "evening", "weekend",
                        "season", "quarter", "decade", "century"})
