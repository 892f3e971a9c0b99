"""The report runner declines the slow optional IRI parser and still validates notebooks."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import sys
import analysis.reports, analysis.page_worker
import nbformat
assert sys.modules["rfc3987_syntax"] is None
book = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
nbformat.validate(book)
book.cells[0]["outputs"] = "not a list"
try:
    nbformat.validate(book)
except nbformat.ValidationError:
    print("invalid notebook refused")
"""


def test_runner_imports_skip_the_iri_parser_and_still_validate():
    out = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, check=True
    ).stdout
    assert out == "invalid notebook refused\n"


def test_a_process_that_already_has_the_parser_keeps_it():
    code = (
        "import sys, rfc3987_syntax\nimport analysis.lean_imports\n"
        "print(sys.modules['rfc3987_syntax'] is rfc3987_syntax)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "True\n"
