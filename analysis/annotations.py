"""Curated meaning of figures: load ``data/annotations.yaml`` and link it to extracted mentions.

An annotation says what one figure of one article *means*: which mission, which
quantity (total cost, funding gap, a funding source, a planned launch...), which
party, how firmly the article words it (status) and, for hindsight, which row of
the outcomes table settles it. It names the figure by quoting it exactly as the
article writes it, with ``occurrence`` (1-based) when the quote appears more than
once; linking then finds that position in the text and the extracted mention
that covers it, so that a changed article or a wrong quote fails loudly.

File format: a YAML list of mappings. Fields (see :data:`FIELDS`):

==============  ========  ===================================================
field           required  meaning
==============  ========  ===================================================
id              yes       unique slug, e.g. ``exomars-total-cost``
article         yes       article id (file stem)
quote           yes       the figure exactly as written, e.g. ``€1.2 billion``
occurrence      no        which occurrence of the quote (default 1)
mission         yes       mission name, e.g. ``ExoMars``
quantity        yes       one of :data:`QUANTITIES`
label           yes       short human label
party           no        who provides or says it (``Italy``, ``Roscosmos``)
status          no        one of :data:`STATUSES` (default ``reported``);
                          required for ``funding_source``
condition       no        free text for conditional figures
claim           no        for ``funding_gap``: the article's word for how much
                          is covered (``most``...), see ``funding.CLAIM_RULES``
converts        no        for ``*_conversion``: id of the annotation converted
series          no        for planned/actual dates: a key grouping the plans of
                          one event (``exomars-rover-launch``) for slips
as_of           no        ISO date the figure refers to (default: publication)
outcome_ref     no        outcomes.csv id (``O15``) that settles the claim
materialised    with ref  curated reading of the outcome: yes, no, partly,
                          pending or unknown (YAML ``yes``/``no`` booleans ok)
note            no        free text
==============  ========  ===================================================
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import yaml

from analysis import config
from analysis.errors import AnnotationError
from analysis.funding import CLAIM_RULES, STATUSES

# Quantity -> kind of mention it must link to, and for dated quantities the
# timeline event they stand for: (event kind, planned or actual).
QUANTITIES: dict[str, tuple[str, tuple[str, str] | None]] = {
    "total_cost": ("money", None),
    "total_cost_conversion": ("money", None),
    "funding_gap": ("money", None),
    "funding_source": ("money", None),
    "cost": ("money", None),
    "forecast_probability": ("percent", None),
    "planned_launch": ("time", ("launch", "planned")),
    "planned_flyby": ("time", ("flyby", "planned")),
    "planned_missions": ("time", ("missions", "planned")),
    "planned_meeting": ("time", ("meeting", "planned")),
    "planned_decision": ("time", ("decision", "planned")),
    "plan_period": ("time", ("plan_period", "planned")),
    "meeting": ("time", ("meeting", "actual")),
    "agreement": ("time", ("agreement", "actual")),
    "talks": ("time", ("talks", "actual")),
    "suspension": ("time", ("suspension", "actual")),
    "statement": ("time", ("statement", "actual")),
    "establishment": ("time", ("establishment", "actual")),
}
MATERIALISED = ("yes", "no", "partly", "pending", "unknown")
REQUIRED = ("id", "article", "quote", "mission", "quantity", "label")
OPTIONAL = (
    "occurrence",
    "party",
    "status",
    "condition",
    "claim",
    "converts",
    "series",
    "as_of",
    "outcome_ref",
    "materialised",
    "note",
)
FIELDS = (*REQUIRED, *OPTIONAL)
COLUMNS = list(FIELDS)
_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_OUTCOME_REF = re.compile(r"O\d+")
_MENTION_KINDS = {"money": ("money",), "percent": ("percent",), "time": ("year", "date")}


def _text(entry: dict, field: str, where: str, path) -> str:
    value = entry.get(field)
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise AnnotationError(where, field, f"expected text, got {value!r}", path)
    return str(value).strip()


def _check_entry(entry, index: int, path) -> dict:
    where = f"#{index + 1}"
    if not isinstance(entry, dict):
        raise AnnotationError(where, "-", f"entry is not a mapping: {entry!r}", path)
    if isinstance(entry.get("id"), str) and entry["id"].strip():
        where = entry["id"].strip()
    unknown = sorted(set(entry) - set(FIELDS))
    if unknown:
        raise AnnotationError(
            where, unknown[0], f"unknown field; allowed: {', '.join(FIELDS)}", path
        )
    row = {}
    for field in REQUIRED:
        value = _text(entry, field, where, path)
        if not value:
            raise AnnotationError(where, field, "missing required field", path)
        row[field] = value
    if not _ID.fullmatch(row["id"]):
        raise AnnotationError(
            where, "id", "expected a lower-case slug such as exomars-total-cost", path
        )
    for field in OPTIONAL:
        if field not in ("occurrence", "as_of", "materialised"):
            row[field] = _text(entry, field, where, path)

    occurrence = entry.get("occurrence", 1)
    if isinstance(occurrence, bool) or not isinstance(occurrence, int) or occurrence < 1:
        raise AnnotationError(
            where, "occurrence", f"expected a positive integer, got {occurrence!r}", path
        )
    row["occurrence"] = occurrence

    if row["quantity"] not in QUANTITIES:
        raise AnnotationError(
            where,
            "quantity",
            f"unknown value {row['quantity']!r}; allowed: {', '.join(QUANTITIES)}",
            path,
        )
    if not row["status"]:
        if row["quantity"] == "funding_source":
            raise AnnotationError(where, "status", "a funding_source needs a status", path)
        row["status"] = "reported"
    if row["status"] not in STATUSES:
        raise AnnotationError(
            where,
            "status",
            f"unknown value {row['status']!r}; allowed: {', '.join(STATUSES)}",
            path,
        )
    if row["claim"] and row["claim"] not in CLAIM_RULES:
        raise AnnotationError(
            where,
            "claim",
            f"unknown value {row['claim']!r}; allowed: {', '.join(CLAIM_RULES)}",
            path,
        )
    if row["claim"] and row["quantity"] != "funding_gap":
        raise AnnotationError(where, "claim", "only a funding_gap annotation carries a claim", path)
    if row["quantity"].endswith("_conversion") and not row["converts"]:
        raise AnnotationError(
            where, "converts", "a conversion must name the annotation it converts", path
        )

    as_of = entry.get("as_of")
    if as_of is None or as_of == "":
        row["as_of"] = ""
    elif isinstance(as_of, dt.date) and not isinstance(as_of, dt.datetime):
        row["as_of"] = as_of.isoformat()
    else:
        try:
            row["as_of"] = dt.date.fromisoformat(str(as_of)).isoformat()
        except ValueError:
            raise AnnotationError(
                where, "as_of", f"expected an ISO date, got {as_of!r}", path
            ) from None

    if row["outcome_ref"] and not _OUTCOME_REF.fullmatch(row["outcome_ref"]):
        raise AnnotationError(
            where,
            "outcome_ref",
            f"expected an outcomes id such as O15, got {row['outcome_ref']!r}",
            path,
        )
    materialised = entry.get("materialised")
    if isinstance(materialised, bool):  # YAML 1.1 reads unquoted yes/no as booleans
        materialised = "yes" if materialised else "no"
    materialised = "" if materialised is None else str(materialised).strip()
    if materialised and materialised not in MATERIALISED:
        raise AnnotationError(
            where,
            "materialised",
            f"unknown value {materialised!r}; allowed: {', '.join(MATERIALISED)}",
            path,
        )
    if row["outcome_ref"] and not materialised:
        raise AnnotationError(
            where, "materialised", "an outcome_ref needs a curated materialised value", path
        )
    if materialised and not row["outcome_ref"]:
        raise AnnotationError(
            where, "outcome_ref", "materialised is given but no outcome_ref", path
        )
    row["materialised"] = materialised
    return row


def load_annotations(path: str | Path = config.ANNOTATIONS_PATH) -> pd.DataFrame:
    """Read and validate the curated annotation file.

    Returns
    -------
    DataFrame with columns :data:`COLUMNS` (text columns as strings, "" when
    absent; ``occurrence`` as int), in file order.

    Raises
    ------
    AnnotationError
        Malformed YAML, an entry that is not a mapping, a missing or unknown
        field, a value outside its allowed set, a duplicate id or a duplicate
        (article, quote, occurrence), or a ``converts`` naming no annotation. The
        message names the annotation id (or ``#n``, its position), the field and
        the file.
    """
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AnnotationError("-", "-", "file not found", path) from None
    except (yaml.YAMLError, UnicodeDecodeError, ValueError) as err:
        # ValueError: PyYAML's own date parsing of an impossible date (as_of: 2012-13-40)
        reason = " ".join(str(err).split())
        raise AnnotationError("-", "-", f"malformed YAML: {reason}", path) from err
    if raw is None:
        raw = []
    if not isinstance(raw, list):
        raise AnnotationError("-", "-", "expected a YAML list of annotations", path)
    rows = [_check_entry(entry, i, path) for i, entry in enumerate(raw)]
    seen_ids: set[str] = set()
    seen_quotes: dict[tuple, str] = {}
    for row in rows:
        if row["id"] in seen_ids:
            raise AnnotationError(row["id"], "id", "duplicate id", path)
        seen_ids.add(row["id"])
        key = (row["article"], row["quote"], row["occurrence"])
        if key in seen_quotes:
            raise AnnotationError(
                row["id"],
                "quote",
                f"duplicates annotation '{seen_quotes[key]}' (same article, quote and occurrence)",
                path,
            )
        seen_quotes[key] = row["id"]
    for row in rows:
        if row["converts"] and row["converts"] not in seen_ids:
            raise AnnotationError(
                row["id"], "converts", f"no annotation with id {row['converts']!r}", path
            )
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.astype({c: "str" for c in COLUMNS if c != "occurrence"}).astype(
        {"occurrence": "int64"}
    )


def find_quote(text: str, quote: str, occurrence: int) -> tuple[int, int] | None:
    """Offsets of the `occurrence`-th (1-based) appearance of `quote` in `text`, or None."""
    pos = -1
    for _ in range(occurrence):
        pos = text.find(quote, pos + 1)
        if pos < 0:
            return None
    return pos, pos + len(quote)


def pick_mention(candidates: pd.DataFrame, start: int, end: int) -> pd.DataFrame:
    """The one mention among `candidates` that a quote at [start, end) stands for (or none).

    The shortest mention covering the whole quote wins; failing that, the single
    mention lying inside the quote. An empty frame means no unambiguous figure.
    """
    covering = candidates[(candidates["start"] <= start) & (candidates["end"] >= end)]
    if len(covering):
        lengths = covering["end"] - covering["start"]
        return covering.loc[[lengths.idxmin()]]
    inside = candidates[(candidates["start"] >= start) & (candidates["end"] <= end)]
    return inside if len(inside) == 1 else candidates.iloc[0:0]


MENTION_FIELDS = [
    "mention_id",
    "kind",
    "surface",
    "start",
    "end",
    "value",
    "low",
    "high",
    "unit",
    "qualifier",
    "hedge",
    "date",
    "sentence",
]


def link_annotations(
    annotations: pd.DataFrame, mentions: pd.DataFrame, texts: dict[str, str]
) -> pd.DataFrame:
    """Join each annotation to exactly one extracted mention.

    Parameters
    ----------
    annotations : from :func:`load_annotations`.
    mentions : the mentions table (extraction contract plus ``mention_id``).
    texts : article id -> article text (the text the offsets refer to).

    Returns
    -------
    The annotations with the mention's columns (:data:`MENTION_FIELDS`) added.

    Raises
    ------
    AnnotationError
        An unknown article; a quote (or its n-th occurrence) not in the article;
        no extracted mention covering the quote, or several; a mention of the
        wrong kind for the quantity; two annotations on one mention.
    """
    by_article = {aid: group for aid, group in mentions.groupby("article_id", sort=False)}
    empty = mentions.iloc[0:0]
    linked = []
    owner: dict[str, str] = {}
    for row in annotations.to_dict("records"):
        ann_id, article = row["id"], row["article"]
        if article not in texts:
            raise AnnotationError(ann_id, "article", f"article {article!r} is not in the corpus")
        span = find_quote(texts[article], row["quote"], row["occurrence"])
        if span is None:
            count = texts[article].count(row["quote"])
            reason = (
                f"quote {row['quote']!r} is not in article {article!r}"
                if count == 0
                else f"quote {row['quote']!r} occurs {count} time(s) in article {article!r}, "
                f"not {row['occurrence']}"
            )
            raise AnnotationError(ann_id, "quote", reason)
        start, end = span
        pool = by_article.get(article, empty)
        pool = pool[(pool["start"] < end) & (pool["end"] > start)]
        chosen = pick_mention(pool, start, end)
        if chosen.empty:
            found = ", ".join(repr(s) for s in pool["surface"]) or "none"
            raise AnnotationError(
                ann_id,
                "quote",
                f"no single extracted figure at {article}[{start}:{end}] ({row['quote']!r}); "
                f"mentions there: {found}",
            )
        mention = chosen.iloc[0]
        wanted = _MENTION_KINDS[QUANTITIES[row["quantity"]][0]]
        if mention["kind"] not in wanted:
            raise AnnotationError(
                ann_id,
                "quantity",
                f"{row['quantity']!r} needs a {'/'.join(wanted)} figure, "
                f"but {mention['surface']!r} is a {mention['kind']}",
            )
        mid = str(mention["mention_id"])
        if mid in owner:
            raise AnnotationError(
                ann_id, "quote", f"same figure ({mid}) as annotation '{owner[mid]}'"
            )
        owner[mid] = ann_id
        linked.append({**row, **{f: mention[f] for f in MENTION_FIELDS}})
    columns = [*annotations.columns, *MENTION_FIELDS]
    if not linked:
        return pd.DataFrame(columns=columns)
    return pd.DataFrame(linked, columns=columns)
