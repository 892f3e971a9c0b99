"""HTML of the reports: executed notebooks without code, and the run's index page.

The pages are self-contained and safe to e-mail:

- nbconvert's ``lab`` template is used with its script blocks (require.js,
  MathJax, Mermaid, widgets: all loaded from a CDN) emptied, JavaScript outputs
  dropped, and images embedded as ``data:`` URIs. LaTeX in Markdown therefore
  shows as its source.
- HTML and Markdown *outputs* may carry text from articles, so they pass through
  :func:`clean_output_html`: a tag allow-list (no ``<script>``, ``<style>``,
  ``<iframe>``, ``<form>``, no ``on*`` or ``style`` attributes, images only from
  ``data:`` URIs). A disallowed tag stays visible as escaped text. Plain-text
  outputs, tracebacks and DataFrame cells are escaped by nbconvert and pandas.
  Notebooks should still escape article text they put into Markdown
  (``html.escape``), so it reads as written.
- :func:`remote_references` finds any remote script, style, font or image
  reference; :func:`export_html` refuses to write a page that has one.
"""

from __future__ import annotations

import functools
import html
import re
import threading
import urllib.parse
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import nbformat

if TYPE_CHECKING:  # only annotations: the page worker need not import pandas
    import pandas as pd

# bleach and nbconvert are imported where they are used: the report runner writes
# its pages in a worker process (analysis.page_worker) and need not import them.

_TEMPLATE = r"""{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block data_widget_view scoped -%}{%- endblock data_widget_view -%}
"""

_TAGS = frozenset(
    "a abbr b blockquote br caption cite code col colgroup dd del details div dl dt em "
    "figcaption figure h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s samp small "
    "span strong sub summary sup table tbody td tfoot th thead tr u ul".split()
)
_ANY_TAG_ATTRIBUTES = frozenset({"class", "id", "title", "lang", "dir"})
_TAG_ATTRIBUTES = {
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align"},
    "col": {"span"},
    "table": {"border"},
    "ol": {"start"},
}
_STYLE_ELEMENT = re.compile(r"<style\b[^>]*>.*?</style\s*>", re.IGNORECASE | re.DOTALL)
_REMOTE = r"""(?:https?:)?//[^"'()\s>]*"""  # and the address, for the message
_SRC_TAGS = "script|img|iframe|embed|source|audio|video|input|track"
_REMOTE_PATTERNS = [
    re.compile(rf"""<(?:{_SRC_TAGS})\b[^>]*\bsrc\s*=\s*["']?\s*{_REMOTE}""", re.I),
    re.compile(rf"""<link\b[^>]*\bhref\s*=\s*["']?\s*{_REMOTE}""", re.I),
    re.compile(rf"""<object\b[^>]*\bdata\s*=\s*["']?\s*{_REMOTE}""", re.I),
    re.compile(rf"""url\(\s*["']?\s*{_REMOTE}""", re.I),
    re.compile(rf"""@import\s+(?:url\()?\s*["']?\s*{_REMOTE}""", re.I),
    re.compile(rf"""\bimport\s*(?:\(|[^;'"]*from\s*)\s*["']{_REMOTE}""", re.I),
]


def _allowed_attribute(tag: str, name: str, value: str) -> bool:
    if name in _ANY_TAG_ATTRIBUTES:
        return True
    if name not in _TAG_ATTRIBUTES.get(tag, ()):
        return False
    if tag == "img" and name == "src":
        return value.startswith("data:image/")
    if tag == "a" and name == "href":
        return value.startswith(("#", "http://", "https://", "mailto:"))
    return True


@functools.cache
def _cleaner():
    import bleach

    return bleach.Cleaner(
        tags=_TAGS,
        attributes=_allowed_attribute,
        protocols={"http", "https", "mailto", "data"},
        strip=False,
        strip_comments=True,
    )


def clean_output_html(fragment: str) -> str:
    """Return a notebook output's HTML with only harmless tags and attributes left.

    ``<style>`` elements are removed with their content (pandas adds one to every
    DataFrame; the page's own CSS styles the table). Other disallowed tags, such
    as ``<script>``, are kept as escaped text, so a reader sees them and a
    browser never runs them.
    """
    return _cleaner().clean(_STYLE_ELEMENT.sub("", fragment))


def remote_references(page: str) -> list[str]:
    """Return the snippets of `page` that would make a browser fetch a remote resource."""
    found = []
    for pattern in _REMOTE_PATTERNS:
        found.extend(m.group(0) for m in pattern.finditer(page))
    return found


_local = threading.local()  # one exporter per thread: reused, never shared between threads


def _exporter():
    if getattr(_local, "exporter", None) is None:
        _local.exporter = _new_exporter()
    return _local.exporter


def _new_exporter():
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name="lab",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
        sanitize_html=True,  # routes Markdown and HTML through "clean_html", i.e. ours
        filters={"clean_html": clean_output_html},
        raw_template=_TEMPLATE,
    )


def notebook_html(notebook: str | Path | nbformat.NotebookNode, *, title: str = "") -> str:
    """Render an executed notebook as one self-contained HTML page without code cells.

    Raises
    ------
    ValueError
        If the page would still fetch a remote resource (a template bug).
    """
    node = notebook if isinstance(notebook, nbformat.NotebookNode) else _read(notebook)
    if title:
        node.metadata["title"] = title
    page, _ = _exporter().from_notebook_node(node)
    remote = remote_references(page)
    if remote:
        raise ValueError(f"the report page would fetch remote resources: {remote[:3]}")
    return page


def export_html(notebook: str | Path, target: str | Path, *, title: str = "") -> Path:
    """Write :func:`notebook_html` of `notebook` to `target`; return `target`."""
    target = Path(target)
    target.write_text(notebook_html(notebook, title=title), encoding="utf-8")
    return target


def warm_up() -> None:
    """Import nbconvert and compile its templates by rendering a small notebook once.

    The first page of a process otherwise takes half a second longer than the rest.
    """
    v4 = nbformat.v4
    book = v4.new_notebook(
        cells=[
            v4.new_markdown_cell("# Warm-up\n\nSome *text*."),
            v4.new_code_cell(
                "x",
                outputs=[
                    v4.new_output("stream", name="stdout", text="x\n"),
                    v4.new_output("execute_result", {"text/html": "<b>x</b>", "text/plain": "x"}),
                    v4.new_output("display_data", {"text/markdown": "**x**"}),
                ],
            ),
        ]
    )
    notebook_html(book, title="warm-up")


def _read(path: str | Path) -> nbformat.NotebookNode:
    return nbformat.read(str(path), as_version=4)


# --- index page ---------------------------------------------------------------------

_INDEX_CSS = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 70em; padding: 0 1em;
       color: #1b1b1b; line-height: 1.4; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
code { font-size: 90%; }
.failed { color: #a40000; font-weight: bold; }
.note { color: #555; }
"""
MAX_CHANGE_ROWS = 200  # the full list is in changes.csv


def render_index(
    *,
    run_id: str,
    reports: Sequence[Mapping],
    changes: pd.DataFrame | None,
    previous_run: str | None,
    exit_status: int,
) -> str:
    """Return the run's ``index.html``: the changes first, then a link to every report.

    `reports` items have ``notebook``, ``param_set``, ``parameters`` (a mapping),
    ``html`` (file name in the run folder or ""), ``status`` and ``seconds``.
    Every value is escaped.
    """
    e = html.escape
    title = f"Reports of run {run_id}"
    skipped = sum(r.get("status") == "skipped" for r in reports)
    state = "all reports succeeded" if exit_status == 0 else "some reports failed: not published"
    if exit_status == 0 and skipped:
        state = f"published; {skipped} report(s) skipped: this corpus has no figures for them"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
        f"<title>{e(title)}</title><style>{_INDEX_CSS}</style></head><body>",
        f"<h1>{e(title)}</h1>",
        f'<p class="note">{e(state)}.</p>',
        "<h2>What changed</h2>",
        _changes_html(changes, previous_run),
        "<h2>Reports</h2>",
        _reports_html(reports),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _changes_html(changes: pd.DataFrame | None, previous_run: str | None) -> str:
    e = html.escape
    if changes is None:
        return "<p>This is the first published run: there is nothing to compare with.</p>"
    since = f"since the published run <code>{e(previous_run or '')}</code>"
    if changes.empty:
        return f"<p>No change in the articles or figures {since}.</p>"
    items = changes.drop_duplicates(["change", "table", "key"])["change"].value_counts()
    counts = ", ".join(f"{n} {e(kind)}{'' if n == 1 else 's'}" for kind, n in items.items())
    shown = changes.head(MAX_CHANGE_ROWS)
    head = "".join(f"<th>{e(c)}</th>" for c in shown.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{e(str(v))}</td>" for v in row) + "</tr>"
        for row in shown.itertuples(index=False)
    )
    more = ""
    if len(changes) > len(shown):
        more = f'<p class="note">First {len(shown)} of {len(changes)} rows; all are in '
        more += '<a href="changes.csv">changes.csv</a>.</p>'
    return (
        f'<p>{counts} {since} (<a href="changes.csv">changes.csv</a>).</p>'
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}"
    )


def _reports_html(reports: Sequence[Mapping]) -> str:
    e = html.escape
    rows = []
    for report in reports:
        params = report.get("parameters") or {}
        shown = "<br>".join(
            f"<code>{e(k)}</code> = <code>{e(repr(v))}</code>" for k, v in params.items()
        )
        name = f"{report['notebook']} [{report['param_set']}]"
        if report.get("html"):
            link = f'<a href="{e(urllib.parse.quote(report["html"]))}">{e(name)}</a>'
        else:
            link = e(name)
        status = report.get("status", "")
        css = ' class="failed"' if status == "failed" else ""
        if status == "skipped":
            status = f"skipped: {report.get('error', '').split(' (cell')[0]}"
        rows.append(
            f"<tr><td>{link}</td><td>{shown or '<span class=note>defaults</span>'}</td>"
            f"<td{css}>{e(status)}</td><td>{float(report.get('seconds', 0)):.1f} s</td></tr>"
        )
    return (
        "<table><thead><tr><th>report</th><th>parameters</th><th>status</th><th>time</th></tr>"
        f"</thead><tbody>{''.join(rows)}</tbody></table>"
    )
