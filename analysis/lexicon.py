"""Word lists the extractor recognises: currencies, scales, qualifiers, hedges, months.

Kept apart from the parsing code so that adding a currency or a qualifier is a
one-line change here, with no regular expression to edit.
"""

from __future__ import annotations

# Currency markers written before the amount, mapped to ISO 4217 codes.
# Longer markers first: the regular expression built from them tries them in order.
CURRENCY_PREFIXES: dict[str, str] = {
    "U.S.$": "USD",
    "US$": "USD",
    "US $": "USD",
    "USD$": "USD",
    "AU$": "AUD",
    "A$": "AUD",
    "CA$": "CAD",
    "C$": "CAD",
    "NZ$": "NZD",
    "HK$": "HKD",
    "S$": "SGD",
    "R$": "BRL",
    "Rs.": "INR",
    "Rs": "INR",
    "SFr.": "CHF",
    "Fr.": "CHF",
    "€": "EUR",
    "$": "USD",
    "£": "GBP",
    "¥": "JPY",
    "₽": "RUB",
    "₹": "INR",
    "₩": "KRW",
    "₪": "ILS",
    "₺": "TRY",
    "&euro;": "EUR",
    "&pound;": "GBP",
    "&yen;": "JPY",
    "&#36;": "USD",
    "&#8364;": "EUR",
}

# ISO 4217 codes recognised before or after an amount ("EUR 30m", "30 million USD").
# A curated list: every 3-letter capitalised word would catch acronyms such as ESA.
CURRENCY_CODES: frozenset[str] = frozenset(
    "EUR USD GBP JPY RUB CHF CNY INR CAD AUD NZD HKD SGD BRL KRW ILS TRY AED SAR ZAR "
    "SEK NOK DKK PLN RON CZK HUF MXN ARS IDR THB MYR PHP VND UAH KZT".split()
)
CODE_ALIASES: dict[str, str] = {"RMB": "CNY", "NIS": "ILS"}

# Currency words written after the amount ("two billion dollars", "500 crore rupees").
# The optional adjective before a word ("Canadian dollars") picks the code.
CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD",
    "euro": "EUR",
    "pound": "GBP",
    "sterling": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rupee": "INR",
    "ruble": "RUB",
    "rouble": "RUB",
    "franc": "CHF",
    "won": "KRW",
    "shekel": "ILS",
    "dirham": "AED",
    "riyal": "SAR",
    "rand": "ZAR",
    "zloty": "PLN",
    "hryvnia": "UAH",
    "tenge": "KZT",
}
DOLLAR_ADJECTIVES: dict[str, str] = {
    "us": "USD",
    "u.s.": "USD",
    "american": "USD",
    "australian": "AUD",
    "canadian": "CAD",
    "new zealand": "NZD",
    "hong kong": "HKD",
    "singapore": "SGD",
}
# Adjectives allowed before other currency words; they do not change the code.
OTHER_ADJECTIVES = ("swiss", "indian", "japanese", "chinese", "russian", "south african")

# Scale words and abbreviations, with their multipliers.
SCALES: dict[str, float] = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "bln": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
    "lakh": 1e5,
    "lakhs": 1e5,
    "lac": 1e5,
    "lacs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
    "cr": 1e7,
}
# Single letters are scales only when glued to an amount that has a currency
# ("€23m", "$5k"); "23 m" or "23m" alone is more likely metres.
SINGLE_LETTER_SCALES = frozenset({"k", "m", "b"})

# Words before an amount that say how exact it is, kept in the `qualifier` column.
QUALIFIERS: tuple[str, ...] = (
    "nearly",
    "almost",
    "about",
    "around",
    "roughly",
    "approximately",
    "some",
    "circa",
    "up to",
    "more than",
    "over",
    "at least",
    "at most",
    "less than",
    "under",
    "below",
    "above",
    "in excess of",
    "upwards of",
    "as much as",
    "as little as",
    "close to",
    "an estimated",
    "estimated",
    "just over",
    "just under",
    "well over",
    "no more than",
    "no less than",
    "not more than",
)

# Words before a year that place it in time, kept in the `qualifier` column.
YEAR_QUALIFIERS: tuple[str, ...] = (
    "in",
    "after",
    "before",
    "by",
    "since",
    "until",
    "till",
    "through",
    "during",
    "from",
    "around",
    "circa",
    "early",
    "mid",
    "late",
    "end of",
    "beginning of",
    "start of",
)

# Words that hedge a sentence; every one found is recorded per mention.
HEDGES: tuple[str, ...] = (
    "potential",
    "potentially",
    "could",
    "might",
    "may",
    "if",
    "would",
    "expected",
    "expects",
    "expect",
    "planned",
    "plans",
    "plan",
    "estimated",
    "estimate",
    "estimates",
    "likely",
    "unlikely",
    "possible",
    "possibly",
    "perhaps",
    "proposed",
    "projected",
    "forecast",
    "anticipated",
    "hoped",
    "hopes",
    "uncertain",
)

# Verbs of change: "rose from €1bn to €2bn" is two amounts, not a range.
CHANGE_WORDS: tuple[str, ...] = (
    "rose",
    "rise",
    "rises",
    "rising",
    "risen",
    "increase",
    "increased",
    "increases",
    "increasing",
    "grew",
    "grow",
    "grows",
    "growing",
    "grown",
    "fell",
    "fall",
    "falls",
    "falling",
    "fallen",
    "cut",
    "cuts",
    "climbed",
    "climb",
    "jumped",
    "jump",
    "raised",
    "raise",
    "reduced",
    "reduce",
    "dropped",
    "drop",
    "declined",
    "decline",
    "slashed",
    "boosted",
    "up",
    "down",
    "doubled",
    "halved",
    "revised",
    "changed",
)

MONTHS: dict[str, int] = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

# A month name with no day or year counts as a date only after one of these,
# so that "May" the verb and "Jan" the first name are not read as months.
MONTH_PREPOSITIONS: tuple[str, ...] = (
    "in",
    "since",
    "until",
    "by",
    "from",
    "during",
    "early",
    "mid",
    "late",
    "last",
    "next",
    "this",
    "of",
    "before",
    "after",
    "between",
    "and",
    "to",
    "through",
    "end of",
)

# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st no nos vs etc inc ltd co corp gen gov sen rep jr sr "
    "jan feb mar apr jun jul aug sep sept oct nov dec rs fr sfr approx est fig "
    "e.g i.e u.s u.k u.n a.m p.m".split()
)

NUMBER_WORDS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
