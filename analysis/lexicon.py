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
    "$US": "USD",
    "CN¥": "CNY",
    "RMB¥": "CNY",
    "Rmb": "CNY",
    "SFr": "CHF",
    "Dh": "AED",
    "Dhs": "AED",
    "KSh": "KES",
    "Ksh": "KES",
    "Sh": "KES",  # Kenya's press ("Sh1.2 billion"); Tanzania writes TSh, Uganda USh
    "Euro": "EUR",  # "Euro 214.6 million" (not "Euro 2024", the football: see amounts)
    "EURO": "EUR",
    "&#x20AC;": "EUR",
    "&#x24;": "USD",
    "&#163;": "GBP",
    "&amp;euro;": "EUR",  # escaped twice, in feeds
    "&amp;pound;": "GBP",
    "US $": "USD",
    "USD$": "USD",
    "AU$": "AUD",
    "A$": "AUD",
    "CA$": "CAD",
    "C$": "CAD",
    "NZ$": "NZD",
    "HK$": "HKD",
    "S$": "SGD",
    "NT$": "TWD",
    "Mex$": "MXN",
    "MX$": "MXN",
    "E£": "EGP",
    "R$": "BRL",
    "Rs.": "INR",
    "Rs": "INR",
    "Rbl": "RUB",  # Russian wires in English: "Rbl 42.7 bln"
    "GH¢": "GHS",  # Ghana's cedi, with the cent sign or the cedi sign
    "GH₵": "GHS",
    "CLP$": "CLP",
    "AR$": "ARS",
    "COP$": "COP",
    "S/.": "PEN",  # Peru's sol
    "S/": "PEN",
    "Php": "PHP",
    "Bt": "THB",  # the Bangkok Post's baht
    "DM": "DEM",  # the currencies the euro replaced, in histories: Deutschmarks,
    "FF": "FRF",  # French francs (ECU, the European currency unit, is a code alias)
    "RM": "MYR",  # Malaysia's ringgit: "RM120 million"
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
    "￥": "JPY",  # the full-width yen sign of Japanese and Chinese typesetting
    "zł": "PLN",
    "₦": "NGN",
    "₱": "PHP",
    "₫": "VND",
    "฿": "THB",
    "₸": "KZT",
    "₴": "UAH",
    "₮": "MNT",
    "Kč": "CZK",
    "Ft": "HUF",
    "kr": "SEK",  # or NOK, DKK, ISK: see analysis.context.local_krona
    "Rp.": "IDR",
    "Rp": "IDR",
    "Tk.": "BDT",
    "Tk": "BDT",
    "SR": "SAR",
    "TL": "TRY",
    "LE": "EGP",
    "&euro;": "EUR",
    "&pound;": "GBP",
    "&yen;": "JPY",
    "&#36;": "USD",
    "&#8364;": "EUR",
    "&#8362;": "ILS",
    "&#8377;": "INR",
    "&#8381;": "RUB",
    "&#8361;": "KRW",
    "&#165;": "JPY",
}

# Single letters that are currencies only when glued to an amount with a scale:
# South Africa's "R450 million", Nigeria's "N2.7 billion", the Philippines' "P2.1 billion"
# (not "R2", "N2" or "P2" alone).
LETTER_CURRENCIES: dict[str, str] = {"R": "ZAR", "N": "NGN", "P": "PHP"}

# ISO 4217 codes recognised before or after an amount ("EUR 30m", "30 million USD").
# A curated list: every 3-letter capitalised word would catch acronyms such as ESA.
CURRENCY_CODES: frozenset[str] = frozenset(
    "EUR USD GBP JPY RUB CHF CNY INR CAD AUD NZD HKD SGD BRL KRW ILS TRY AED SAR ZAR "
    "SEK NOK DKK PLN RON CZK HUF MXN ARS IDR THB MYR PHP VND UAH KZT TWD "
    "EGP NGN PKR BDT LKR NPR KES GHS MAD QAR KWD OMR BHD JOD CLP PEN ISK BGN COP IRR "
    "DEM FRF ITL XEU MNT".split()
)
CODE_ALIASES: dict[str, str] = {"RMB": "CNY", "NIS": "ILS", "ECU": "XEU"}

# Currency words written after the amount ("two billion dollars", "500 crore rupees").
# The optional adjective before a word ("Canadian dollars") picks the code.
CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD",
    "buck": "USD",  # spoken: "a couple hundred million bucks"
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
    "rial": "IRR",  # Iran's rial (Saudi Arabia's is the riyal)
    "toman": "IRR",  # ten rials: see CURRENCY_WORD_FACTORS
    "cedi": "GHS",
    "tugrik": "MNT",
    "deutschmark": "DEM",
    "deutsche mark": "DEM",
    "ecu": "XEU",
    "pesewa": "GHS",  # a hundredth of a cedi
    "agorot": "ILS",  # hundredths of a shekel
    "soles": "PEN",  # Peru's sol, plural only: "sols" are Martian days
    "rand": "ZAR",
    "zloty": "PLN",
    "hryvnia": "UAH",
    "tenge": "KZT",
    "lira": "TRY",
    "krona": "SEK",
    "kronor": "SEK",
    "krone": "NOK",
    "kroner": "NOK",
    "peso": "MXN",
    "ringgit": "MYR",
    "rupiah": "IDR",
    "baht": "THB",
    "naira": "NGN",
    "reais": "BRL",
    "real": "BRL",
    "dong": "VND",
    "leu": "RON",
    "lei": "RON",
    "forint": "HUF",
    "koruna": "CZK",
    "taka": "BDT",
}
# Currency words that count other than one unit of their ISO currency: a toman is ten
# rials, a pesewa a hundredth of a cedi, agorot hundredths of a shekel.
CURRENCY_WORD_FACTORS: dict[str, float] = {"toman": 10.0, "pesewa": 0.01, "agorot": 0.01}
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
# Country adjectives before kronor, kroner and pesos, which several countries use.
OTHER_ADJECTIVES: dict[str, str] = {
    "swedish": "SEK",
    "norwegian": "NOK",
    "danish": "DKK",
    "mexican": "MXN",
    "philippine": "PHP",
    "argentine": "ARS",
    "chilean": "CLP",
    "colombian": "COP",
    "egyptian": "EGP",
    "pakistani": "PKR",
    "sri lankan": "LKR",
    "nepalese": "NPR",
    "nigerian": "NGN",
    "czech": "CZK",
    "swiss": "",
    "indian": "",
    "japanese": "",
    "chinese": "",
    "russian": "",
    "turkish": "",
    "south african": "",
}

# Scale words and abbreviations, with their multipliers.
SCALES: dict[str, float] = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mil-\nlion": 1e6,  # hyphenated across a line in text taken from a PDF
    "mn": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bil-\nlion": 1e9,
    "bn": 1e9,
    "bln": 1e9,
    "b": 1e9,
    "bi": 1e9,
    "mi": 1e6,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
    "trln": 1e12,
    "tln": 1e12,
    "tr": 1e12,
    "bil": 1e9,
    "lakh": 1e5,
    "lakhs": 1e5,
    "lac": 1e5,
    "lacs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
    "cr": 1e7,
    "milhões": 1e6,
    "bilhões": 1e9,
    "mil": 1e6,  # Malaysian copy: "RM98.5 mil"
    "mill": 1e6,  # Norwegian: "NOK 860 mill."
    "mrd": 1e9,  # milliard, in Nordic and German copy: "NOK 1,2 mrd"
}
# Scales only after an amount that has a currency: single letters ("€23m", "$5k";
# "23 m" alone is more likely metres) and Brazil's "R$ 1.2 bi", "R$ 340 mi" (bilhões,
# milhões; "340 mi" alone is miles), Malaysia's "RM98.5 mil" (millions), and Nordic
# "mill." and "mrd" (a mill, or a stray abbreviation, alone).
CURRENCY_ONLY_SCALES = frozenset({"k", "m", "b", "bi", "mi", "mil", "mill", "mrd"})

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
    "in the region of",
    "approx",
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
    "went",
    "gone",
    "go",
    "goes",
    "going",
    "jumps",
    "climbs",
    "drops",
    "declines",
    "hiked",
    "ballooned",
    "shrank",
    "moved",
    "shifted",
    "swung",
    "soared",
    "plunged",
    "slumped",
    "surged",
    "lift",
    "lifted",
    "lifting",
    "raising",
    "cutting",
    "reducing",
    "boosting",
    "taking",
    "took",
    "bringing",
    "brought",
    "widened",
    "narrowed",
    "tightened",
    "eased",
    "gained",
    "slipped",
    "edged",
    "climbing",
    "sliding",
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
    "couple": 2,  # "a couple hundred million"
}
