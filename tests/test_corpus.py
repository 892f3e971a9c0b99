"""Tests for analysis.corpus: reading articles, listing paths, the manifest."""

from __future__ import annotations

import datetime as dt
import shutil
import warnings

import pandas as pd
import pytest

from analysis import config
from analysis.corpus import (
    MANIFEST_COLUMNS,
    iter_article_paths,
    iter_articles,
    load_manifest,
    manifest_from_reference,
    parse_published,
    read_article,
)
from analysis.errors import ArticleError, EmptyArticleWarning, ManifestError
from analysis.tidy import write_csv_atomic

REFERENCE = config.REFERENCE_DIR / "seed_metadata.csv"
SEED_IDS = [
    "000_68b91a6bcf91f8a5",
    "001_eea371f707e93cba",
    "002_ca68f9291fa4b14b",
    "003_e7fef18789723566",
    "004_faaaa2ee92681040",
]

# --- read_article -------------------------------------------------------------------


def test_read_article_decodes_a_seed_exactly():
    path = config.SEEDS_DIR / "003_e7fef18789723566.txt"
    text = read_article(path)
    assert text.startswith("The European Space Agency (ESA) and the Russian space agency")
    assert text.encode("utf-8") == path.read_bytes()


def test_read_article_keeps_the_bom_so_offsets_match_a_plain_utf8_decode(fixtures_dir):
    text = read_article(fixtures_dir / "bom_article.txt")
    assert text[0] == "\ufeff"
    assert text.index("€") == 15  # BOM + "ESA asked for " (14 characters)
    assert text == (fixtures_dir / "bom_article.txt").read_text(encoding="utf-8")


def test_read_article_keeps_crlf_line_ends(fixtures_dir):
    text = read_article(fixtures_dir / "crlf_article.txt")
    assert text.count("\r\n") == 2
    assert len(text) == 50  # 53 bytes, minus 1 for "é" (2 bytes) and 2 for "€" (3 bytes)


def test_latin1_file_is_rejected_naming_file_byte_and_offset(fixtures_dir):
    path = fixtures_dir / "latin1_article.txt"
    with pytest.raises(ArticleError) as info:
        read_article(path)
    message = str(info.value)
    assert "latin1_article.txt" in message
    assert "not valid UTF-8" in message
    assert "0xE8" in message and "byte offset 9" in message  # "Le minist" is 9 bytes
    assert info.value.path == str(path)


def test_binary_file_is_rejected_at_its_first_nul_byte(fixtures_dir):
    with pytest.raises(ArticleError, match=r"binary_article\.txt.*NUL byte at byte offset 8"):
        read_article(fixtures_dir / "binary_article.txt")


def test_utf16_text_is_rejected_as_not_utf8(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_text("ESA paid €5m.", encoding="utf-16-le")
    with pytest.raises(ArticleError, match="NUL byte at byte offset 1"):
        read_article(path)


def test_empty_file_is_a_valid_article_with_a_warning(fixtures_dir):
    with pytest.warns(EmptyArticleWarning, match=r"empty_article\.txt' is empty"):
        assert read_article(fixtures_dir / "empty_article.txt") == ""


def test_blank_file_warns_too(fixtures_dir):
    with pytest.warns(EmptyArticleWarning, match="blank"):
        assert read_article(fixtures_dir / "blank_article.txt") == "  \n\n\t\n"


def test_a_normal_article_does_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        read_article(config.SEEDS_DIR / "002_ca68f9291fa4b14b.txt")


def test_missing_and_directory_paths_are_article_errors(tmp_path):
    with pytest.raises(ArticleError, match=r"nope\.txt': no such file or directory"):
        read_article(tmp_path / "nope.txt")
    with pytest.raises(ArticleError, match="is a directory"):
        read_article(tmp_path)


# --- iter_article_paths -------------------------------------------------------------


def _touch(folder, *names):
    for name in names:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("x", encoding="utf-8")


def test_folder_lists_txt_files_sorted_by_stem_skipping_others(tmp_path):
    _touch(tmp_path, "b.txt", "a-b.txt", "a.txt", ".hidden.txt", "notes.md", "sub/c.txt")
    # by name "a-b.txt" < "a.txt" ('-' < '.'), by stem "a" < "a-b"
    assert [p.name for p in iter_article_paths(tmp_path)] == ["a.txt", "a-b.txt", "b.txt"]


def test_paths_keep_the_order_given_and_accept_a_single_path(tmp_path):
    _touch(tmp_path, "z.txt", "d/a.txt", "d/b.txt")
    given = [tmp_path / "z.txt", tmp_path / "d"]
    assert [p.name for p in iter_article_paths(given)] == ["z.txt", "a.txt", "b.txt"]
    assert [p.name for p in iter_article_paths(str(tmp_path / "z.txt"))] == ["z.txt"]


def test_missing_path_is_an_article_error_before_any_file_is_yielded(tmp_path):
    _touch(tmp_path, "a.txt")
    paths = iter_article_paths([tmp_path / "a.txt", tmp_path / "missing"])
    with pytest.raises(ArticleError, match=r"missing': no such file or directory"):
        next(paths)


def test_non_txt_file_and_empty_folder_are_rejected(tmp_path):
    _touch(tmp_path, "manifest.csv")
    with pytest.raises(ArticleError, match=r"manifest\.csv': not a \.txt file"):
        list(iter_article_paths(tmp_path / "manifest.csv"))
    with pytest.raises(ArticleError, match="no .txt article files"):
        list(iter_article_paths(tmp_path))


def test_two_files_with_one_article_id_are_rejected(tmp_path):
    _touch(tmp_path, "one/a.txt", "two/a.txt")
    with pytest.raises(ArticleError, match=r"article id 'a' is already used by '.*one/a\.txt'"):
        list(iter_article_paths([tmp_path / "one", tmp_path / "two"]))


# --- parse_published and the manifest -----------------------------------------------

D = dt.date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "2011-12-01/2011-12-31 (best estimate c. 2011-12-21)",
            (D(2011, 12, 1), D(2011, 12, 31), D(2011, 12, 21)),
        ),
        (
            "2012-11-19/2012-11-23 (most likely 20-21 Nov 2012)",
            (D(2012, 11, 19), D(2012, 11, 23), D(2012, 11, 20)),
        ),
        ("2022-06-13/2022-06-14", (D(2022, 6, 13), D(2022, 6, 14), D(2022, 6, 13))),
        ("2007-03-22", (D(2007, 3, 22), D(2007, 3, 22), D(2007, 3, 22))),
        ("2012-11-19/2012-11-23", (D(2012, 11, 19), D(2012, 11, 23), D(2012, 11, 21))),
        ("2022-03", (D(2022, 3, 1), D(2022, 3, 31), D(2022, 3, 16))),
        ("2024-02", (D(2024, 2, 1), D(2024, 2, 29), D(2024, 2, 15))),
        ("2020", (D(2020, 1, 1), D(2020, 12, 31), D(2020, 7, 1))),  # 365 days // 2 = 182
        (
            "2012-11-19/2012-11-23 (most likely 21 November 2012)",
            (D(2012, 11, 19), D(2012, 11, 23), D(2012, 11, 21)),
        ),
    ],
)
def test_parse_published(value, expected):
    assert parse_published(value) == expected


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("2012-11-23/2012-11-19", "ends before it starts"),
        ("2012-11-19/2012-11-23 (most likely 25 Nov 2012)", "outside the range"),
        ("2012-11-19/2012-11-23 (date unknown)", "names no day"),
        ("yesterday", "not an ISO date"),
        ("2012-13-01", "month must be in 1..12"),
    ],
)
def test_parse_published_rejects(value, reason):
    with pytest.raises(ValueError, match=reason):
        parse_published(value)


HAND_CHECKED = {  # earliest, latest, best, from the reference's published column
    "000_68b91a6bcf91f8a5": ("2011-12-01", "2011-12-31", "2011-12-21"),
    "001_eea371f707e93cba": ("2022-06-13", "2022-06-14", "2022-06-13"),
    "002_ca68f9291fa4b14b": ("2007-03-22", "2007-03-22", "2007-03-22"),
    "003_e7fef18789723566": ("2012-11-19", "2012-11-23", "2012-11-20"),
    "004_faaaa2ee92681040": ("2024-11-22", "2024-11-22", "2024-11-22"),
}


def test_manifest_from_reference_matches_hand_checked_dates():
    frame = manifest_from_reference(REFERENCE)
    assert list(frame.columns) == MANIFEST_COLUMNS
    assert frame["article_id"].tolist() == SEED_IDS
    for name in ["published_earliest", "published_latest", "published_best"]:
        assert pd.api.types.is_datetime64_any_dtype(frame[name])
    got = {
        row.article_id: tuple(
            f"{d:%Y-%m-%d}"
            for d in (row.published_earliest, row.published_latest, row.published_best)
        )
        for row in frame.itertuples()
    }
    assert got == HAND_CHECKED
    register = frame.set_index("article_id").loc["002_ca68f9291fa4b14b"]
    assert register["outlet"] == "The Register (theregister.co.uk)"
    assert register["date_precision"] == "day"
    assert register["published_as_given"] == "2007-03-22"


def test_committed_manifest_is_what_the_reference_regenerates(tmp_path):
    regenerated = write_csv_atomic(manifest_from_reference(REFERENCE), tmp_path / "manifest.csv")
    assert regenerated.read_bytes() == config.MANIFEST_PATH.read_bytes()


def test_manifest_lists_exactly_the_seed_files():
    manifest = load_manifest(config.MANIFEST_PATH)
    on_disk = sorted(p.name for p in config.SEEDS_DIR.glob("*.txt"))
    assert manifest["file"].tolist() == on_disk


def test_load_manifest_types_dates_and_equals_the_built_frame():
    loaded = load_manifest(config.MANIFEST_PATH)
    pd.testing.assert_frame_equal(loaded, manifest_from_reference(REFERENCE))
    assert loaded.loc[3, "published_best"] == pd.Timestamp("2012-11-20")


def test_minimal_manifest_fills_missing_columns(tmp_path):
    path = tmp_path / "manifest.csv"
    path.write_text("article_id,published_best\na,2020-05-04\nb,\n", encoding="utf-8")
    frame = load_manifest(path)
    assert list(frame.columns) == MANIFEST_COLUMNS
    assert frame["outlet"].tolist() == ["", ""]
    assert frame["published_best"].iloc[0] == pd.Timestamp("2020-05-04")
    assert pd.isna(frame["published_best"].iloc[1])


def _manifest_with(tmp_path, **changes):
    frame = pd.read_csv(config.MANIFEST_PATH, dtype=str, keep_default_na=False)
    for column, (row, value) in changes.items():
        frame.loc[row, column] = value
    path = tmp_path / "manifest.csv"
    frame.to_csv(path, index=False)
    return path


@pytest.mark.parametrize(
    ("changes", "field", "reason"),
    [
        ({"published_best": (1, "13/06/2022")}, "published_best", "not an ISO date"),
        ({"published_latest": (0, "2011-02-30")}, "published_latest", "not an ISO date"),
        ({"published_best": (0, "2012-01-05")}, "published_latest", "out of order"),
        ({"published_best": (0, "2011-11-30")}, "published_best", "out of order"),
        ({"article_id": (1, "000_68b91a6bcf91f8a5")}, "article_id", "duplicated"),
        ({"article_id": (2, " ")}, "article_id", "empty article id"),
        ({"date_precision": (2, "week")}, "date_precision", "'week' is not one of"),
        ({"file": (4, "other.txt")}, "file", "does not have the article id"),
    ],
)
def test_bad_manifest_names_file_and_field(tmp_path, changes, field, reason):
    path = _manifest_with(tmp_path, **changes)
    with pytest.raises(ManifestError, match=reason) as info:
        load_manifest(path)
    assert info.value.field == field
    assert str(path) in str(info.value)


def test_manifest_missing_column_or_file(tmp_path):
    path = tmp_path / "manifest.csv"
    path.write_text("article_id,published\na,2020-01-01\n", encoding="utf-8")
    with pytest.raises(ManifestError, match="field 'published_best': column missing"):
        load_manifest(path)
    with pytest.raises(ManifestError, match="no such file"):
        load_manifest(tmp_path / "absent.csv")


# --- iter_articles ------------------------------------------------------------------


def test_iter_articles_uses_the_manifest_beside_the_articles():
    articles = list(iter_articles(config.SEEDS_DIR))
    assert [a.article_id for a in articles] == SEED_IDS
    by_id = {a.article_id: a for a in articles}
    assert by_id["003_e7fef18789723566"].published_best == D(2012, 11, 20)
    assert by_id["001_eea371f707e93cba"].published_best == D(2022, 6, 13)
    assert by_id["002_ca68f9291fa4b14b"].text == read_article(
        config.SEEDS_DIR / f"{SEED_IDS[2]}.txt"
    )


def test_iter_articles_without_a_manifest_has_unknown_dates(seed_copy):
    (seed_copy / "manifest.csv").unlink()
    assert {a.published_best for a in iter_articles(seed_copy)} == {None}


def test_iter_articles_with_an_explicit_manifest(tmp_path):
    shutil.copy(config.SEEDS_DIR / f"{SEED_IDS[0]}.txt", tmp_path)
    shutil.copy(config.SEEDS_DIR / f"{SEED_IDS[3]}.txt", tmp_path)
    manifest = load_manifest(config.MANIFEST_PATH).iloc[[3]]  # only 003 has a row
    got = {a.article_id: a.published_best for a in iter_articles(tmp_path, manifest)}
    assert got == {SEED_IDS[0]: None, SEED_IDS[3]: D(2012, 11, 20)}
    path_given = {
        a.article_id: a.published_best for a in iter_articles(tmp_path, config.MANIFEST_PATH)
    }
    assert path_given[SEED_IDS[0]] == D(2011, 12, 21)


def test_iter_articles_reads_one_article_at_a_time(tmp_path, fixtures_dir):
    _touch(tmp_path, "a.txt", "b.txt")
    stream = iter_articles(tmp_path)
    assert next(stream).article_id == "a"
    # b.txt is read only when asked for: breaking it now makes the next step fail
    shutil.copy(fixtures_dir / "latin1_article.txt", tmp_path / "b.txt")
    with pytest.raises(ArticleError, match=r"b\.txt"):
        next(stream)
