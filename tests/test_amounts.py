"""Amount forms found by the blind corpora (PDF line breaks, ESA and Brazilian units, basis
points, price-base years, cents, accounting brackets, full-width signs); their scores; and
that the extractor's quick tests agree with its full expressions."""

from __future__ import annotations

import importlib.util
import re

import pytest

from analysis import amounts, config
from analysis import lexicon as lx
from analysis.extract import extract_mentions

_SPEC = importlib.util.spec_from_file_location(
    "evaluate_extraction", config.ROOT / "bench" / "evaluate_extraction.py"
)
scorer = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(scorer)
FIXTURE_DIRS = sorted(p for p in (config.ROOT / "tests" / "fixtures").iterdir() if p.is_dir())


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("of which\nM€ 5,520.1 came from Member States", "M€ 5,520.1", 5.5201e9, "EUR"),
        ("staff costs of k€ 412,300 and more", "k€ 412,300", 4.123e8, "EUR"),
        (
            "treasury interest total-\nled EUR 61.2\nmillion, a yield",
            "EUR 61.2\nmillion",
            6.12e7,
            "EUR",
        ),
        ("the contribution of €752\n  million passed through", "€752\n  million", 7.52e8, "EUR"),
        ("valued at about ₹1.2 lakh-crore today", "₹1.2 lakh-crore", 1.2e12, "INR"),
        ("firms pledged 150 million reais for it", "150 million reais", 1.5e8, "BRL"),
        ("budgeted at R$ 380 milhões last year", "R$ 380 milhões", 3.8e8, "BRL"),
        ("The yield widened 85bps on the day", "85bps", 0.0085, "percent"),
    ],
)
def test_amount_forms(text, surface, value, unit):
    _assert_one_figure(text, surface, value, unit)


def _assert_one_figure(text, surface, value, unit):
    """`text` gives exactly one figure written `surface`, with this value and unit."""
    found = extract_mentions(text)
    row = found[found["surface"] == surface]
    assert len(row) == 1, found[["surface", "value", "unit"]].to_string()
    assert row["value"].iloc[0] == pytest.approx(value)
    assert row["unit"].iloc[0] == unit


def test_a_range_split_by_a_line_break_is_one_range():
    found = extract_mentions("requirements of between €1.1 billion\nand €1.4 billion in Q1")
    money = found[found["kind"] == "money"]
    assert money[["low", "high"]].values.tolist() == [[1.1e9, 1.4e9]]


def test_basis_points_and_a_percentage_are_two_figures():
    found = extract_mentions("The yield widened 85bps to 9.1pc.")
    assert found["value"].tolist() == pytest.approx([0.0085, 0.091])


def test_in_2020_dollars_is_a_price_base_year_not_an_amount():
    found = extract_mentions("Programmes above $500 million in 2020 dollars grew.")
    assert found[["surface", "kind"]].values.tolist() == [
        ["$500 million", "money"],
        ["2020", "year"],
    ]


def test_a_table_caption_number_is_not_a_cell():
    text = "Table 3.2-1: Budget by domain (M€)\n\nDomain   2024\nNavigation   356.0\n"
    found = extract_mentions(text)
    assert found[found["kind"] == "money"]["surface"].tolist() == ["356.0"]


@pytest.mark.parametrize("corpus", [f"blind{n}" for n in (*range(2, 16), 17, 18)])
def test_blind_corpus_scores(corpus):
    folder = config.ROOT / "tests" / "fixtures" / corpus
    expected = scorer.load_expected(folder.parent / f"{corpus}_expected.csv", folder)
    expected, found = scorer.match_figures(expected, scorer.extract_corpus(folder))
    recall = (expected["found_row"] >= 0).mean()
    precision = found["matched"].mean()
    assert recall >= 0.95, scorer.format_listing(scorer.describe_misses(expected))
    assert precision >= 0.95, scorer.format_listing(scorer.describe_false_positives(found))


# --- the quick tests before the tail expression change nothing ------------------------------

_TAIL_WORDS = sorted(
    {
        *lx.SCALES,
        *lx.CURRENCY_WORDS,
        *lx.DOLLAR_ADJECTIVES,
        *lx.OTHER_ADJECTIVES,
        *lx.CURRENCY_CODES,
        *lx.CODE_ALIASES,
        *lx.CURRENCY_PREFIXES,  # symbols are read after the amount too: "295 mln zł"
        *"per cent|percent|pct|pc|pp|percentage points|bps|bp|basis points|M€|MEUR|k€".split("|"),
        *"cent|cents|¢".split("|"),
    }
)


def _tail_cases():
    """Text after a number: every unit word in several cases, then every word of the corpora."""
    for word in _TAIL_WORDS:
        for form in (word, word.upper(), word.title(), word + "s", word + " dollars"):
            yield f"5 {form} more"
            yield f"5 billion {form}, more"
            yield f"5bn {form}."
    for sign in ("%", "％", "¢", "&#37;", "&nbsp;percent", "(", "–", "-", '"', "/", "  %", "\n%"):
        for after in (" more", "more", ""):
            yield f"5 {sign}{after}"
            yield f"5{sign}{after}"
    for folder in (config.SEEDS_DIR, *FIXTURE_DIRS):
        for path in sorted(folder.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            for m in re.finditer(r"\d(?!\d)", text):
                yield text[m.start() : m.start() + 30]


def _prefix_cases():
    """Text before a number: every currency marker, then every number of the corpora."""
    markers = (*lx.CURRENCY_PREFIXES, *lx.CURRENCY_CODES, *lx.CODE_ALIASES, "MEUR", "kUSD", "M€")
    markers += ("MNOK", "kSEK", "BDKK", "TEUR", "KEURO", "KEUR")
    for marker in (*markers, "US\u00a0$", "US\t$"):
        for before in ("paid ", "x", "", "5", "é"):
            for gap in ("", " ", "\u00a0", "\n", "  ", "&nbsp;"):
                yield f"{before}{marker}{gap}5", len(f"{before}{marker}{gap}")
    for folder in (config.SEEDS_DIR, *FIXTURE_DIRS):
        for path in sorted(folder.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            for m in re.finditer(r"(?<![0-9])[0-9]", text):
                yield text, m.start()


# An independent reading of the currency marker before a number: one regular expression
# searched back from the number (what the extractor did before its table look-up).
_REFERENCE_PREFIX = re.compile(
    r"(?:(?P<sym>" + amounts._SYMBOLS + r")"
    r"|(?<![A-Za-z])(?P<scode>[MkKTB])(?P<code2>EURO|EUR|USD|GBP|CHF|JPY|NOK|SEK|DKK|€)"
    r"|(?<![A-Za-z])(?P<code>" + amounts._CODES + r"))(?: {0,2}[\s\u200b\u2060\ufeff]|&nbsp;)?$"
)


def _reference_prefix(text: str, pos: int):
    m = _REFERENCE_PREFIX.search(text, max(0, pos - 20), pos)
    if m is None:
        return None, pos, None
    if m["sym"]:
        symbol = re.sub(r"^US\s\$$", "US$", m["sym"])
        return lx.CURRENCY_PREFIXES[symbol], m.start(), None
    if m["scode"]:
        code = "EUR" if m["code2"] == "€" else m["code2"]
        return code, m.start(), {"M": 1e6, "B": 1e9}.get(m["scode"], 1e3)  # k, K, T: thousand
    return lx.CODE_ALIASES.get(m["code"], m["code"]), m.start(), None


def test_currency_prefix_look_up_agrees_with_a_regular_expression():
    cases = list(_prefix_cases())
    assert len(cases) > 1000
    for text, pos in cases:
        found = amounts._prefix_currency(text, pos)
        reference = _reference_prefix(text, pos)
        assert found == reference, f"{text[max(0, pos - 12) : pos + 3]!r}: {found} != {reference}"


def test_us_and_a_no_break_space_before_the_dollar_sign_is_us_dollars():
    found = extract_mentions("It cost US\u00a0$5 million and US $6 million.")
    assert found[["value", "unit"]].values.tolist() == [[5e6, "USD"], [6e6, "USD"]]


def test_quick_tail_tests_agree_with_the_full_expression():
    cases = list(_tail_cases())
    assert len(cases) > 1000
    for case in cases:
        for has_currency in (False, True):
            quick = amounts._tail(case, 1, has_currency)
            full = amounts._read_tail(case, 1, has_currency, False)
            assert quick == full, f"{case!r}: quick {quick} != full {full}"


# --- forms found by the third blind corpus ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("Taiwan's fund raised NT$5 billion last year.", "NT$5 billion", 5e9, "TWD"),
        ("売上高 ￥300 billion, approx.", "￥300 billion", 3e11, "JPY"),
        ("The margin rose to 23.1％ in the year.", "23.1％", 0.231, "percent"),
        ("The ministry paid 295 mln zł for the satellite.", "295 mln zł", 2.95e8, "PLN"),
        ("KASA will get 1.1 tln won next year.", "1.1 tln won", 1.1e12, "KRW"),
        ("Its market share rose 3pp on the year.", "3pp", 0.03, "percent"),
    ],
)
def test_third_blind_corpus_forms(text, surface, value, unit):
    _assert_one_figure(text, surface, value, unit)


def test_approx_with_a_full_stop_is_approximately():
    found = extract_mentions("The lander cost approx. ¥21.4 billion.")
    assert found[["surface", "qualifier"]].values.tolist() == [["¥21.4 billion", "approximately"]]


def test_a_change_by_a_range_is_one_range():
    found = extract_mentions("Prices will decline by 10% to 15% as boosters are reused.")
    assert found[["surface", "low", "high"]].values.tolist() == [["10% to 15%", 0.1, 0.15]]


def test_a_change_to_a_level_stays_two_figures():
    found = extract_mentions("Revenue fell 4% to 12% of sales, then rose 5% to 9%.")
    assert found["surface"].tolist() == ["4%", "12%", "5%", "9%"]


def test_an_amount_in_brackets_after_its_currency_is_an_accounting_loss():
    found = extract_mentions("Net loss per share was $(0.31), against $(0.36), and (0.2) pts.")
    money = found[found["kind"] == "money"]
    assert money[["surface", "value", "unit", "qualifier"]].values.tolist() == [
        ["$(0.31)", 0.31, "USD", "minus"],
        ["$(0.36)", 0.36, "USD", "minus"],
    ]


def test_a_year_in_brackets_after_a_code_like_word_stays_a_year():
    found = extract_mentions("The ESA (2023) and Rs (2024) reports.")
    assert found[["surface", "kind"]].values.tolist() == [["2023", "year"], ["2024", "year"]]


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("The app costs 99 cents a month.", "99 cents", 0.99, "USD"),
        ("SES paid out €1.2bn, a dividend of 50 cents a share.", "50 cents", 0.5, "EUR"),
        ("Tokyo paid ¥300 and 40 cents more.", "40 cents", 0.4, "USD"),  # yen have no cents
        ("A chip costs 35¢ to make.", "35¢", 0.35, "USD"),
    ],
)
def test_cents_are_hundredths_of_the_currency_just_named(text, surface, value, unit):
    _assert_one_figure(text, surface, value, unit)


# --- forms found by the fourth blind corpus --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("The fund holds SR4.5bn.", "SR4.5bn", 4.5e9, "SAR"),
        ("Pretoria set aside R450 million for SANSA.", "R450 million", 4.5e8, "ZAR"),
        ("Abuja approved N2.7 billion for NASRDA.", "N2.7 billion", 2.7e9, "NGN"),
        ("NASRDA got ₦32.6 billion this year.", "₦32.6 billion", 3.26e10, "NGN"),
        ("Cairo pledged E£1.3 billion.", "E£1.3 billion", 1.3e9, "EGP"),
        ("The agency has LE 450 million.", "LE 450 million", 4.5e8, "EGP"),
        ("TUA's budget is TL 11.5 billion.", "TL 11.5 billion", 1.15e10, "TRY"),
        ("AEM spent Mex$68.4 million.", "Mex$68.4 million", 6.84e7, "MXN"),
        ("BRIN has Rp 1.02 trillion.", "Rp 1.02 trillion", 1.02e12, "IDR"),
        ("GISTDA received ฿1.41 billion.", "฿1.41 billion", 1.41e9, "THB"),
        ("PhilSA asked for ₱1.54 billion.", "₱1.54 billion", 1.54e9, "PHP"),
        ("Vietnam set ₫1,000 billion aside.", "₫1,000 billion", 1e12, "VND"),
        ("Vietnam set 1,040 billion dong aside.", "1,040 billion dong", 1.04e12, "VND"),
        ("Kazakhstan spent ₸48.2 billion.", "₸48.2 billion", 4.82e10, "KZT"),
        ("Kyiv found ₴1.3 billion.", "₴1.3 billion", 1.3e9, "UAH"),
        ("Dhaka allotted Tk 2,765 crore.", "Tk 2,765 crore", 2.765e10, "BDT"),
        ("Dhaka allotted BDT 132 crore.", "BDT 132 crore", 1.32e9, "BDT"),
        ("Prague paid 85 million Kč.", "85 million Kč", 8.5e7, "CZK"),
        ("Budapest paid 900 million Ft.", "900 million Ft", 9e8, "HUF"),
        ("Bucharest paid 20 million lei.", "20 million lei", 2e7, "RON"),
        ("It is priced at $1.2 bil. in all.", "$1.2 bil", 1.2e9, "USD"),
    ],
)
def test_fourth_blind_corpus_forms(text, surface, value, unit):
    _assert_one_figure(text, surface, value, unit)


@pytest.mark.parametrize(
    "text",
    [
        "R2-D2 and N95 masks were on board.",
        "The SR-71 flew at 25 km; the 5 ft wall stood.",
        "Astronauts breathe N2 and O2 at 1 bar.",
        "Route R5 and runway N2 were closed for 3 hours.",
        "Spain won Euro 2024 in Berlin.",
        "The 23 m mast and a 5 k run.",
        "They were five and six years old.",
        "The road is 340 mi long, built over 20-odd years.",
    ],
)
def test_letters_units_and_names_that_look_like_currencies_are_not_money(text):
    found = extract_mentions(text)
    assert found[found["kind"] == "money"].empty, found[["surface", "unit"]].to_string()


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Islamabad: Pakistan's SUPARCO gets Rs5.7bn; Pakistan and Karachi agree.", "PKR"),
        ("ISRO in India gets Rs5.7bn; India and Delhi agree; Pakistan objects.", "INR"),
        ("Oslo: Norway's agency sells at 38.50 kr a share; Norwegian investors bought.", "NOK"),
        ("The stock closed at 38.50 kr.", "SEK"),
        ("Cairo: Egypt's agency got half a billion pounds; Egypt and Egypt agree.", "EGP"),
        ("London: the UK agency got half a billion pounds; Britain agrees.", "GBP"),
        (
            "Manila: the Philippines' PhilSA got 2 billion pesos; Filipino and Philippine firms.",
            "PHP",
        ),
        ("The Mexican agency got 2 billion pesos.", "MXN"),
        ("Paris: France's CNES paid 2.7bn francs; French officials agreed.", "FRF"),
        ("The fee was 5 francs in Geneva.", "CHF"),
        ("Santiago: Chile's agency got $85 billion; Chile and Chile agree.", "CLP"),
        ("Santiago: Chile's agency got 85 million dollars; Chile and Chile agree.", "USD"),
        (  # a story about one country marking S$ and US$ writes its bare "$" for the S$
            "Singapore's papers write S$ and US$; its fund is $150m; Singapore, Singapore.",
            "SGD",
        ),
        (  # a regional round-up in dollars names several countries
            "Chile, Chile and Chile spent $85 million; Mexico, Mexico, Mexico and Mexico more.",
            "USD",
        ),
    ],
)
def test_shared_markers_follow_the_country_the_article_is_about(text, unit):
    found = extract_mentions(text)
    assert found[found["kind"] == "money"]["unit"].tolist() == [unit]


def test_a_change_in_percentage_points_to_a_level_is_two_figures():
    found = extract_mentions("The share rose by 0.5 percentage point to 4.6% in 2025.")
    assert found[found["kind"] == "percent"]["surface"].tolist() == [
        "0.5 percentage point",
        "4.6%",
    ]


# --- forms found by the fifth blind corpus ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "low", "high"),
    [
        ("Odds fell by seven to eight percent.", "seven to eight percent", 0.07, 0.08),
        ("Twenty-five to thirty percent agreed.", "Twenty-five to thirty percent", 0.25, 0.3),
        ("It needs two to three billion euros.", "two to three billion euros", 2e9, 3e9),
    ],
)
def test_a_range_written_in_words_is_one_range(text, surface, low, high):
    found = extract_mentions(text)
    assert found[["surface", "low", "high"]].values.tolist() == [
        [surface, pytest.approx(low), pytest.approx(high)]
    ]


@pytest.mark.parametrize(
    "text",
    ["It costs several hundred million euros.", "A few hundred million dollars went."],
)
def test_a_vague_amount_in_words_is_not_a_figure(text):
    assert extract_mentions(text).empty


def test_between_two_amounts_in_words_is_one_range():
    found = extract_mentions("Odds were between five and six percent; it was five and six.")
    assert found[["surface", "low", "high", "qualifier"]].values.tolist() == [
        ["five and six percent", 0.05, 0.06, "between"]
    ]


def test_a_change_in_words_to_a_level_is_not_a_range():
    found = extract_mentions("The share rose to eight percent.")
    assert found[["surface", "low"]].values.tolist() == [["eight percent", 0.08]]


# --- forms found by the sixth and seventh blind corpora --------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("Revenue was EUR 2,871 m in 2024.", "EUR 2,871 m", 2.871e9, "EUR"),
        ("Cash rose to NOK 212 m.", "NOK 212 m", 2.12e8, "NOK"),
        ("Revenue reached Euro 214.6 million.", "Euro 214.6 million", 2.146e8, "EUR"),
        ("The fund holds Sh1.2 billion.", "Sh1.2 billion", 1.2e9, "KES"),
        ("A grant of KSh 500 million was paid.", "KSh 500 million", 5e8, "KES"),
        ("Prizes of Dhs250,000 were awarded.", "Dhs250,000", 2.5e5, "AED"),
        ("It will cost MX$7.5 billion.", "MX$7.5 billion", 7.5e9, "MXN"),
        ("It got NIS&nbsp;300 million.", "NIS&nbsp;300 million", 3e8, "ILS"),
        ("It got &#8362;1.2 billion.", "&#8362;1.2 billion", 1.2e9, "ILS"),
        ("Funding of MNOK 250 was granted.", "MNOK 250", 2.5e8, "NOK"),
        ("The fee was CHF 48'000.", "CHF 48'000", 4.8e4, "CHF"),
        ("It will cost R$ 1.2 bi in all.", "R$ 1.2 bi", 1.2e9, "BRL"),
        ("It will cost R$ 340 mi in all.", "R$ 340 mi", 3.4e8, "BRL"),
        ("It had a 20-odd per cent stake.", "20-odd per cent", 0.2, "percent"),
        ("A franc is CHF 1.20; a coin is 90 centimes.", "90 centimes", 0.9, "CHF"),
        ("It raised NOK 1 048 mil-\nlion in all.", "NOK 1 048 mil-\nlion", 1.048e9, "NOK"),
        (
            "It costs a hundred and fifty million euros.",
            "a hundred and fifty million euros",
            1.5e8,
            "EUR",
        ),
        (
            "It costs two hundred and fifty million dollars.",
            "two hundred and fifty million dollars",
            2.5e8,
            "USD",
        ),
        (
            "Revenue was one point two billion dollars.",
            "one point two billion dollars",
            1.2e9,
            "USD",
        ),
        (
            "Sales of one hundred and twelve point four million dollars.",
            "one hundred and twelve point four million dollars",
            1.124e8,
            "USD",
        ),
    ],
)
def test_sixth_and_seventh_blind_corpus_forms(text, surface, value, unit):
    _assert_one_figure(text, surface, value, unit)


# --- amounts in words: compound, hyphenated, and small ones with no scale word ----------------


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        (
            "He paid one million two hundred thousand dollars for it.",
            "one million two hundred thousand dollars",
            1.2e6,
            "USD",
        ),
        ("The UK gave two thousand million pounds.", "two thousand million pounds", 2e9, "GBP"),
        (
            "The mission costs two-and-a-half billion dollars.",
            "two-and-a-half billion dollars",
            2.5e9,
            "USD",
        ),
        ("The ticket cost four euros.", "four euros", 4.0, "EUR"),
        ("A fee of twenty-five dollars applies.", "twenty-five dollars", 25.0, "USD"),
        ("It costs each citizen about thirty euros a year.", "thirty euros", 30.0, "EUR"),
        ("They charged one dollar.", "one dollar", 1.0, "USD"),
    ],
)
def test_amounts_in_words_without_digits(text, surface, value, unit):
    _assert_one_figure(text, surface, value, unit)


def test_a_small_range_in_words_is_one_range():
    found = extract_mentions("Tickets cost five to ten dollars each.")
    assert found[["surface", "low", "high", "unit"]].values.tolist() == [
        ["five to ten dollars", 5.0, 10.0, "USD"]
    ]


@pytest.mark.parametrize(
    "text",
    [
        "It lives on a dollar a day.",  # an article, not a number
        "The dollar fell against the euro.",
        "It carried two pounds of fuel.",  # a weight
        "Several dollars changed hands.",  # no number
    ],
)
def test_currency_words_without_a_number_are_not_amounts(text):
    assert extract_mentions(text).empty


# --- forms from the tenth, eleventh and twelfth blind corpora ---------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("Funding reached Rbl 42.7 bln.", "Rbl 42.7 bln", 4.27e10, "RUB"),
        ("The agency gets RM120 million.", "RM120 million", 1.2e8, "MYR"),
        ("Its budget is RM98.5 mil this year.", "RM98.5 mil", 9.85e7, "MYR"),
        ("It got 38 trillion rials.", "38 trillion rials", 3.8e13, "IRR"),
        ("It got 1,200 billion tomans.", "1,200 billion tomans", 1.2e13, "IRR"),  # ten rials
        ("Contracts of 500 KEURO were let.", "500 KEURO", 5e5, "EUR"),
        ("An impairment of TEUR 38,500 was booked.", "TEUR 38,500", 3.85e7, "EUR"),
        ("Growth was 10-ish percent.", "10-ish percent", 0.1, "percent"),
        ("It cost a couple hundred million bucks.", "couple hundred million bucks", 2e8, "USD"),
        ("Ghana gave GH¢120m.", "GH¢120m", 1.2e8, "GHS"),
        ("Ghana gave GH₵45.6 million.", "GH₵45.6 million", 4.56e7, "GHS"),
        ("A stamp costs 50 pesewas.", "50 pesewas", 0.5, "GHS"),
        ("PhilSA got P2.1 billion.", "P2.1 billion", 2.1e9, "PHP"),
        ("PhilSA got Php 12.3 million.", "Php 12.3 million", 1.23e7, "PHP"),
        ("CONIDA got S/ 45.3 million.", "S/ 45.3 million", 4.53e7, "PEN"),
        ("CONIDA got S/. 1,000 million.", "S/. 1,000 million", 1e9, "PEN"),
        ("CONIDA got 2.4 million soles.", "2.4 million soles", 2.4e6, "PEN"),
        ("The fund has CLP$3.2 billion.", "CLP$3.2 billion", 3.2e9, "CLP"),
        ("CONAE has AR$98 billion.", "AR$98 billion", 9.8e10, "ARS"),
        ("Thailand set aside Bt7.1 billion.", "Bt7.1 billion", 7.1e9, "THB"),
        ("Bonn paid DM 1.2 billion.", "DM 1.2 billion", 1.2e9, "DEM"),
        ("Bonn paid 22 billion Deutschmarks.", "22 billion Deutschmarks", 2.2e10, "DEM"),
        ("Paris paid FF 36 billion.", "FF 36 billion", 3.6e10, "FRF"),
        ("Europe paid ECU 480m.", "ECU 480m", 4.8e8, "XEU"),
        ("Europe paid 5.2 billion ECU.", "5.2 billion ECU", 5.2e9, "XEU"),
        ("Revenue was NOK 1,2 mrd in all.", "NOK 1,2 mrd", 1.2e9, "NOK"),
        ("Costs were NOK 860 mill. in all.", "NOK 860 mill", 8.6e8, "NOK"),
        ("It paid NOK 11 240 315,20 in fees.", "NOK 11 240 315,20", 11240315.2, "NOK"),
        ("EBITDA was MSEK -4.2 in the quarter.", "MSEK -4.2", 4.2e6, "SEK"),
        ("The bond trades at 1,420 agorot.", "1,420 agorot", 14.2, "ILS"),
        ("A 12.5-basis-point step-down applies.", "12.5-basis-point", 0.00125, "percent"),
        ("Net loss  $  88,419 in 2025.", "$  88,419", 88419.0, "USD"),
        ("The fund holds ¥\u200b1 trillion.", "¥\u200b1 trillion", 1e12, "JPY"),
        ("Turnout was 15\u2060% lower.", "15\u2060%", 0.15, "percent"),
        ("Growth was 24&percnt; in all.", "24&percnt;", 0.24, "percent"),
        ("Mongolia set aside MNT 45 billion.", "MNT 45 billion", 4.5e10, "MNT"),
        ("It costs ₮10 billion.", "₮10 billion", 1e10, "MNT"),
        ("It costs 50 million tugriks.", "50 million tugriks", 5e7, "MNT"),
        ("Growth was 6.2 per-\ncent in all.", "6.2 per-\ncent", 0.062, "percent"),
        ("<![CDATA[ESA pays &amp;euro;45 million]]>", "&amp;euro;45 million", 4.5e7, "EUR"),
    ],
)
def test_tenth_to_twelfth_blind_corpus_forms(text, surface, value, unit):
    _assert_one_figure(text, surface, value, unit)


@pytest.mark.parametrize(
    ("text", "surface", "low", "high"),
    [
        ("Odds are seven or eight percent.", "seven or eight percent", 0.07, 0.08),
        ("Odds are 7 or 8 percent.", "7 or 8 percent", 0.07, 0.08),
        ("It costs 5.5 billion or 6 billion yen.", "5.5 billion or 6 billion yen", 5.5e9, 6e9),
        ("It costs one or two million dollars.", "one or two million dollars", 1e6, 2e6),
        ("Grants of between £250,000 and £5m.", "£250,000 and £5m", 2.5e5, 5e6),
        ("A cap of between MEUR 80 and 95.", "MEUR 80 and 95", 8e7, 9.5e7),
        ("Prices of 500-2000 KEURO apply.", "500-2000 KEURO", 5e5, 2e6),
        ("It needs P3 billion to P4 billion.", "P3 billion to P4 billion", 3e9, 4e9),
    ],
)
def test_ranges_with_or_and_with_a_scale_given_once(text, surface, low, high):
    found = extract_mentions(text)
    found = found[found["kind"].isin(["money", "percent"])]
    assert found[["surface", "low", "high"]].values.tolist() == [
        [surface, pytest.approx(low), pytest.approx(high)]
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Launches in 2023 or 2024 are planned.",  # two years, not a span
        "It spends MEUR 80 to 2030.",  # "to 2030" is until 2030
    ],
)
def test_a_year_after_or_or_to_stays_a_year(text):
    found = extract_mentions(text)
    years = found[found["kind"] == "year"]
    assert years["low"].tolist() == years["high"].tolist()
    assert len(years) == (2 if " or " in text else 1)


@pytest.mark.parametrize(
    "text",
    [
        "In FY2024 dollars that is more.",
        "It is $2.1B in FY2024 $.",
        "It was $10.8 billion in fiscal 2021 dollars.",
        "Table 2. Annual cost (2024 €)",
        "Measured in 2020 dollars, it grew.",
    ],
)
def test_a_year_naming_the_prices_is_a_year_not_money(text):
    found = extract_mentions(text)
    assert not found.query("kind == 'money' and value > 1800 and value < 2100").shape[0]
    assert len(found.query("kind == 'year'")) == 1


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        (
            "Net sales amounted to SEK 45.3 million (38.1), up 19 percent.",
            [("SEK 45.3 million", 4.53e7), ("38.1", 3.81e7), ("19 percent", 0.19)],
        ),
        ("EBITDA was SEK -4.2 million (-6.8).", [("SEK -4.2 million", 4.2e6), ("6.8", 6.8e6)]),
        ("The gross margin was 41 percent (36).", [("41 percent", 0.41), ("36", 0.36)]),
        ("It cost €5 million (3) in 2024.", [("€5 million", 5e6)]),  # a footnote mark
        ("It cost €7 million (2023).", [("€7 million", 7e6)]),  # a year
    ],
)
def test_a_comparative_in_brackets_takes_the_unit_of_the_amount_before(text, figures):
    found = extract_mentions(text).query("kind in ['money', 'percent']")
    assert [(s, pytest.approx(v)) for s, v in figures] == list(
        zip(found["surface"], found["value"], strict=True)
    )


def test_a_year_at_a_line_end_before_a_unit_line_is_a_year():
    found = extract_mentions("Institutional budgets, 2023\nUSD million (current prices)\n")
    assert found[["surface", "kind"]].values.tolist() == [["2023", "year"]]


def test_a_bare_amount_takes_the_currency_of_the_amount_just_before():
    text = (
        "Germany put in €5 billion. France was behind at 3.6 billion. "
        "Costs could run to 430 to 460 million."
    )
    money = extract_mentions(text).query("kind == 'money'")
    assert money[["surface", "low", "high", "unit"]].values.tolist() == [
        ["€5 billion", 5e9, 5e9, "EUR"],
        ["3.6 billion", 3.6e9, 3.6e9, "EUR"],
        ["430 to 460 million", 4.3e8, 4.6e8, "EUR"],
    ]


@pytest.mark.parametrize(
    "text",
    [
        "About 3.6 billion were spent.",  # no amount before it
        "It cost $5 billion. Earth has 8 billion people.",  # a noun after it
        "It cost $5 billion. It has shares outstanding of 500 million.",  # counted before it
        "It cost $5 billion. Work began. Crews trained. Tests ran. It hit 3.6 billion.",
    ],
)
def test_a_bare_amount_without_a_currency_nearby_is_not_money(text):
    money = extract_mentions(text).query("kind == 'money'")
    assert money["surface"].tolist() == (["$5 billion"] if "$5 billion" in text else [])


def test_a_table_header_with_a_multiplier_scales_its_cells():
    text = "Segment results (Unit: 100 million yen)\n\n            FY2023\nOrders     9,252\n"
    found = extract_mentions(text)
    assert found[found["kind"] == "money"][["surface", "value"]].values.tolist() == [
        ["9,252", 9.252e11]
    ]


def test_an_amount_in_brackets_is_not_a_table_header():
    text = "Income of ₹ 2,364.18 crore (₹ 2,36,418 lakh)\n\n(₹ in crore)\nRevenue   2,212.75\n"
    money = extract_mentions(text).query("kind == 'money'")
    assert money.set_index("surface").loc["2,212.75", "value"] == pytest.approx(2.21275e10)


def test_a_glued_code_and_scale_header_and_a_row_in_its_own_currency():
    text = "Estimates (EURm unless stated)\n           2024A\nSales      1,051\nEPS (EUR)   1.02\n"
    money = extract_mentions(text).query("kind == 'money'")
    assert money[["surface", "value"]].values.tolist() == [["1,051", 1.051e9]]


def test_a_header_naming_its_price_year_is_still_a_unit():
    text = "Budget (EUR million, 2023 prices)\n\nScience    1,204.5\n"
    money = extract_mentions(text).query("kind == 'money'")
    assert money[["surface", "value"]].values.tolist() == [["1,204.5", 1.2045e9]]


# --- forms found by the ninth blind corpus ---------------------------------------------------


def test_a_column_named_in_percent_holds_percentages():
    text = (
        "Contracts by country (in thousands of euros)\n\n"
        "Country     Value      Share (%)\n"
        "Germany     700,490    26.2\n"
    )
    found = extract_mentions(text)
    assert found[["surface", "kind", "value"]].values.tolist() == [
        ["700,490", "money", pytest.approx(7.0049e8)],
        ["26.2", "percent", pytest.approx(0.262)],
    ]


def test_a_row_of_percentages_is_not_a_line_of_column_names():
    text = (
        "($M, unaudited)     Q3 2025    Q3 2024\n"
        "Gross margin          26.7%      21.1%\n"
        "Adjusted EBITDA      (19.9)     (21.8)\n"
    )
    money = extract_mentions(text).query("kind == 'money'")
    assert money[["surface", "value"]].values.tolist() == [["19.9", 1.99e7], ["21.8", 2.18e7]]


def test_a_row_label_can_give_the_unit_of_its_own_cells():
    text = "Budgets:\n\n                2024-25    2025-26\nResource (£m)     512.7      533.0\n"
    money = extract_mentions(text).query("kind == 'money'")
    assert money[["surface", "value", "unit"]].values.tolist() == [
        ["512.7", pytest.approx(5.127e8), "GBP"],
        ["533.0", pytest.approx(5.33e8), "GBP"],
    ]


def test_martian_sols_are_not_perus_soles():
    assert (
        extract_mentions("The rover drove on sol 1000 and 2,000 sols later.")
        .query("kind == 'money'")
        .empty
    )


def _number_word_cases():
    """Places before a scale or currency word: written forms, then every word of the corpora."""
    for words in ("two", "Twenty-five", "a hundred and", "three quarters of a", "one million two"):
        for gap in (" ", "-", "  ", "\n", " - ", "             "):
            for before in ("", "x", "5", "é", "the "):
                text = f"{before}{words}{gap}"
                yield text + "million", len(text)
    for folder in (config.SEEDS_DIR, *FIXTURE_DIRS):
        for path in sorted(folder.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            for m in re.finditer(r"(?<=\s)[A-Za-z]", text):
                yield text, m.start()


def test_quick_number_word_test_agrees_with_the_full_expression():
    for text, pos in _number_word_cases():
        full = amounts._WORD_NUMBER.search(text, max(0, pos - 48), pos)
        if full is not None and text[full.start() - 1 : full.start()].isdigit():
            full = None
        quick = amounts._number_words_before(text, pos)
        assert (quick and quick.span()) == (full and full.span()), repr(text[pos - 30 : pos])


def test_the_escapes_of_a_web_address_are_not_percentages():
    found = extract_mentions("Read more: https://x.example/?utm_term=save%2020%25%20now")
    assert found.query("kind == 'percent'").empty
