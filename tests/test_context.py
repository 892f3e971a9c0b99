"""The words around a figure: local dollars, changes versus ranges, range openers."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis import context as cx
from analysis.extract import extract_mentions

CANADIAN = (
    "Ottawa will spend $2.05 billion on Canadarm3. The Canadian Space Agency said Canada "
    "would also fund lunar rovers worth $150 million."
)
AUSTRALIAN = (
    "The Australian Space Agency's budget of $41 million was cut, while NASA spends $US25 "
    "billion a year. Australia's sector is worth $5.7 billion."
)
AMERICAN = "NASA asked Congress for $25.4 billion; Canada pledged help."
# Marks the Hong Kong dollar "HK$" and names Hong Kong three times: its bare "$" is US.
ASIAN_MARKETS = (
    "In Hong Kong, Orbital raised HK$5 billion. Hong Kong investors also bought $1.06 "
    "billion of US-listed shares, a Hong Kong broker said; Beijing added $2,700 per kg."
)
# Marks "C$" too, but is a story about Canada (named six times): its bare "$" is Canadian.
CANADIAN_MARKED = (
    "Canada's budget gives the Canadian Space Agency C$1.2 billion. Ottawa said Canada "
    "would add $150 million; Canadian firms and Canada's provinces welcome Canada's plan."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (CANADIAN, "CAD"),
        (AUSTRALIAN, "AUD"),
        (AMERICAN, "USD"),
        ("", "USD"),
        (ASIAN_MARKETS, "USD"),
        (CANADIAN_MARKED, "CAD"),
    ],
)
def test_local_dollar_follows_the_country_the_article_is_about(text, expected):
    assert cx.local_dollar(text) == expected


def test_bare_dollars_in_an_australian_story_are_australian_but_us_dollars_stay_us():
    units = dict(zip(*extract_mentions(AUSTRALIAN)[["surface", "unit"]].T.values, strict=True))
    assert units == {"$41 million": "AUD", "$US25 billion": "USD", "$5.7 billion": "AUD"}


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        ("Costs rose from €1 billion to €1.4 billion.", ["€1 billion", "€1.4 billion"]),
        ("Estimates range from €1 billion to €1.4 billion.", ["€1 billion to €1.4 billion"]),
        ("The share went from roughly 2% to 8%.", ["2%", "8%"]),
        ("Prices may rise 15 to 20 per cent.", ["15 to 20 per cent"]),
        ("Funding fell from $1.5 billion to $523 million.", ["$1.5 billion", "$523 million"]),
    ],
)
def test_a_change_is_two_figures_and_a_range_is_one(text, surfaces):
    assert list(extract_mentions(text)["surface"]) == surfaces


@pytest.mark.parametrize(
    ("text", "opener"),
    [("worth between €5m", "between"), ("from roughly €5m", "from"), ("the €5m", "")],
)
def test_range_opener_allows_a_qualifier_in_between(text, opener):
    assert cx.range_opener(text, len(text) - 3)[0] == opener


def test_a_number_too_long_for_a_float_is_not_a_figure():
    text = "It is " + "9" * 400 + "% or $" + "9" * 330 + " billion, and €5m."
    assert list(extract_mentions(text)["surface"]) == ["€5m"]


@given(
    st.lists(st.text("abcd", min_size=1, max_size=5), min_size=1, max_size=8),
    st.text("abcd", max_size=6),
)
def test_the_hedge_trie_matches_exactly_its_words(words, other):
    pattern = re.compile(cx._trie(words))
    assert all(pattern.fullmatch(word) for word in words)
    assert bool(pattern.fullmatch(other)) == (other in words)
