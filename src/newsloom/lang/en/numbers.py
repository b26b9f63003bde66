"""Number words and what figures are counted in: spelled numbers and their values,
ordinals, scales, currencies and units of measure."""

from __future__ import annotations

ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
#: Spelled numbers and their values ("a dozen" 12, "forty" 40).
NUMBER_VALUES: dict[str, int] = {
    **{w: i for i, w in enumerate(ONES)},
    **{w: 20 + 10 * i for i, w in enumerate(TENS)},
    "a": 1, "an": 1, "one": 1, "a dozen": 12, "dozen": 12, "a couple of": 2, "a hundred": 100, "one hundred": 100,
    "hundred": 100,
}
#: Counts in the plural that need no number ("dozens of ships", "thousands").
PLURAL_COUNTS = ("dozens", "hundreds", "thousands", "millions", "billions")
#: Words that count without saying how many ("a few days", "half").
VAGUE_COUNTS = ("a", "an", "several", "few", "half")
#: Words that hedge a number ("about 40", "nearly two hours").
HEDGES = ("about", "some", "nearly", "almost", "over")
#: Words before a count of time that leave it a duration ("about three years", "the past two days").
DURATION_LEADS = frozenset({
    "about", "around", "approximately", "roughly", "nearly", "almost", "some", "more than", "less than", "at least",
    "at most", "up to", "just over", "just under", "barely", "the first", "the last", "the past", "the next",
    "the previous", "the coming", "the following", "another", "a further",
})
ORDINAL_WORDS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                 "eleventh", "twelfth", "twentieth", "hundredth")

#: Scale words and their values ("$95 million", "€2bn").
SCALE_VALUES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9,
                "b": 1e9, "trillion": 1e12, "tn": 1e12}
#: The scale words the NER patterns take: all but "b".
SCALES = tuple(w for w in SCALE_VALUES if w != "b")

#: Signs the NER patterns take before an amount ("€2 billion", "HK$40").
CURRENCY_SIGNS = ("$", "€", "£", "¥", "₽", "₹", "US$", "C$", "A$", "HK$")
#: Signs and codes the figure rules read, with the ISO code each stands for.
CURRENCY_OF_SYMBOL = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "USD": "USD", "EUR": "EUR",
                    "GBP": "GBP", "C$": "CAD", "A$": "AUD"}
#: Currency names, with the ISO code each stands for.
CURRENCY_OF_NAME = {"dollar": "USD", "euro": "EUR", "pound": "GBP", "yen": "JPY", "yuan": "CNY", "rouble": "RUB",
                  "ruble": "RUB", "rupee": "INR", "cent": "USD cents"}
#: Every word of money the NER patterns take after a number ("75 pence", "2 million hryvnia").
CURRENCY_WORDS = ("dollar", "dollars", "euro", "euros", "pound", "pounds", "sterling", "yen", "yuan", "renminbi",
                  "rouble", "roubles", "ruble", "rubles", "rupee", "rupees", "franc", "francs", "cents", "cent",
                  "pence", "hryvnia", "won", "pesos", "peso", "usd", "eur", "gbp")
#: ISO codes written before or after an amount ("USD 40", "40 EUR").
CURRENCY_CODES = ("USD", "EUR", "GBP", "RUB", "CNY", "JPY")
#: Units of measure ("12 km", "3,000 tonnes", "40 mph").
UNITS = ("km", "kilometers", "kilometres", "kilometer", "kilometre", "miles", "mile", "meters", "metres", "meter",
         "metre", "m2", "feet", "foot", "ft", "inches", "inch", "cm", "mm", "kg", "kilograms", "kilogram", "kilos",
         "grams", "gram", "pounds", "lbs", "lb", "tons", "tonnes", "ton", "tonne", "barrels", "barrel", "bpd", "acres",
         "acre", "hectares", "hectare", "litres", "liters", "litre", "liter", "gallons", "gallon", "degrees", "degree",
         "mph", "km/h", "kph", "megawatts", "mw", "gw", "gigawatts", "kwh", "square", "cubic")
