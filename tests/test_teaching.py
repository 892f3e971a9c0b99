"""Teaching editions: no solution in the student edition, checks that fail with their hint
on the placeholders and pass with the solutions, atomic builds.

The lessons are built once for the module (the instructor edition executes every
lesson) and the student edition is executed once, with errors allowed; the
build-behaviour tests use tiny lessons written into tmp_path.
"""

from __future__ import annotations

import ast
import re

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from analysis import cli, config
from analysis.errors import AnalysisError, TeachingError
from analysis.teaching import (
    build_editions,
    check_lesson,
    find_lessons,
    placeholder_source,
    split_prompt,
    student_edition,
)

LESSONS = find_lessons(config.TEACHING_DIR)


def _tags(cell) -> list[str]:
    return list(cell.metadata.get("tags", []))


def _tagged(notebook, tag: str) -> list:
    return [c for c in notebook.cells if tag in _tags(c)]


def _check_calls(source: str) -> list[ast.Call]:
    """The check_value / check_frame calls of a check cell, in order."""
    return [
        node
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id.startswith("check_")
    ]


def _first_check(source: str) -> tuple[str, str]:
    """(answer name, hint) of the first check call, read from the cell's source."""
    call = min(_check_calls(source), key=lambda c: (c.lineno, c.col_offset))
    hint = next(k.value for k in call.keywords if k.arg == "hint")
    return ast.literal_eval(call.args[0]), ast.literal_eval(hint)


def _run(notebook, folder) -> None:
    NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(folder)}},
    ).execute()


def _errors(cell) -> list:
    return [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]


def _stdout(cell) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.output_type == "stream")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Both editions of the real lessons, built once."""
    out = tmp_path_factory.mktemp("teaching")
    return out, build_editions(out, source_dir=config.TEACHING_DIR)


@pytest.fixture(scope="module")
def student_runs(built):
    """Each student edition executed untouched, errors allowed: {lesson name: notebook}."""
    out, _ = built
    runs = {}
    for lesson in LESSONS:
        notebook = nbformat.read(out / "student" / lesson.name, as_version=4)
        _run(notebook, out / "student")
        runs[lesson.name] = notebook
    return runs


def _source(lesson):
    return nbformat.read(lesson, as_version=4)


# --- the lessons themselves -----------------------------------------------------------


def test_three_or_four_lessons_in_reading_order():
    names = [p.name for p in LESSONS]
    assert 3 <= len(names) <= 4
    assert names == sorted(names)
    assert all(re.fullmatch(r"0\d-[a-z0-9-]+\.ipynb", n) for n in names)


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_lesson_has_title_one_parameters_cell_exercises_and_questions(lesson):
    notebook = _source(lesson)
    check_lesson(notebook, lesson.name)
    assert notebook.cells[0].cell_type == "markdown"
    assert notebook.cells[0].source.startswith("# Lesson ")
    assert len(_tagged(notebook, "parameters")) == 1
    assert 3 <= len(_tagged(notebook, "solution")) <= 5
    prose = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    assert 1 <= prose.count("**Think about it.**") <= 2
    assert "def " not in "\n".join(c.source for c in notebook.cells if c.cell_type == "code")


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_expected_values_are_computed_not_typed_in(lesson):
    for cell in _tagged(_source(lesson), "check"):
        for call in _check_calls(cell.source):
            expected = call.args[2]
            assert not isinstance(expected, ast.Constant), ast.unparse(call)
            assert any(k.arg == "hint" and ast.literal_eval(k.value) for k in call.keywords)


# --- student edition: no solutions ----------------------------------------------------


def _solution_lines(notebook) -> list[str]:
    """Code lines of the solution cells that carry content (not prompts, blanks or brackets)."""
    lines = []
    for cell in _tagged(notebook, "solution"):
        for line in split_prompt(cell.source)[1].splitlines():
            if re.search(r"\w", line):
                lines.append(line.strip())
    return lines


@pytest.mark.slow
@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_student_edition_contains_no_solution_code(built, lesson):
    out, _ = built
    student = nbformat.read(out / "student" / lesson.name, as_version=4)
    solutions = _solution_lines(_source(lesson))
    assert solutions
    everything = "\n".join(c.source for c in student.cells)
    for line in solutions:
        assert line not in everything, line
    assert not _tagged(student, "solution")
    assert not _tagged(student, "instructor")
    assert all(
        not c.get("outputs") and c.get("execution_count") is None
        for c in student.cells
        if c.cell_type == "code"
    )


@pytest.mark.slow
@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_each_solution_became_a_placeholder_before_its_unchanged_check(built, lesson):
    out, _ = built
    source = _source(lesson)
    student = nbformat.read(out / "student" / lesson.name, as_version=4)
    kept = [c for c in source.cells if "instructor" not in _tags(c)]
    assert len(student.cells) == len(kept)
    for original, cell in zip(kept, student.cells, strict=True):
        if "solution" in _tags(original):
            assert _tags(cell) == ["exercise"]
            statements = ast.parse(cell.source).body
            assert statements
            for statement in statements:  # only `name = ...` lines
                assert isinstance(statement, ast.Assign)
                assert isinstance(statement.value, ast.Constant)
                assert statement.value.value is Ellipsis
        else:
            assert cell.source == original.source
            if "check" in _tags(original):
                assert "raises-exception" in _tags(cell)


@pytest.mark.slow
@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_each_check_fails_on_the_placeholder_with_its_hint(student_runs, lesson):
    notebook = student_runs[lesson.name]
    checks = _tagged(notebook, "check")
    assert checks
    for cell in checks:
        name, hint = _first_check(cell.source)
        errors = _errors(cell)
        assert len(errors) == 1, cell.source
        error = errors[0]
        assert error.ename == "ExerciseIncomplete"
        assert error.ename != "AssertionError"
        assert f"'{name}' has no answer yet" in error.evalue
        assert f"Hint: {hint}" in error.evalue
        # the student sees the message alone, not a stack of package frames
        assert error.traceback == [f"ExerciseIncomplete: {error.evalue}"]


@pytest.mark.slow
@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_only_checks_fail_in_the_untouched_student_edition(student_runs, lesson):
    for cell in student_runs[lesson.name].cells:
        if cell.cell_type == "code" and "check" not in _tags(cell):
            assert not _errors(cell), cell.source


# --- instructor edition: solutions pass -----------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_each_check_passes_with_the_solution(built, lesson):
    out, _ = built
    instructor = nbformat.read(out / "instructor" / lesson.name, as_version=4)
    source = _source(lesson)
    assert [c.source for c in instructor.cells] == [c.source for c in source.cells]
    for cell in instructor.cells:
        assert not _errors(cell), cell.source
    for cell in _tagged(instructor, "check"):
        lines = _stdout(cell).splitlines()
        assert len(lines) == len(_check_calls(cell.source))
        assert all(line.startswith("Correct! ") for line in lines), lines


@pytest.mark.slow
def test_build_lists_every_notebook_written(built):
    out, written = built
    expected = [out / e / p.name for e in ("student", "instructor") for p in LESSONS]
    assert written == expected
    assert all(p.is_file() for p in written)
    assert sorted(p.name for p in out.iterdir()) == ["instructor", "student"]


# --- placeholders -----------------------------------------------------------------------


def test_placeholder_puts_a_short_prompt_after_the_answer():
    source = "# prompt: identified sources / gap\ncoverage = gap.identified / gap.gap"
    assert placeholder_source(source, "check_value('c', coverage, 1)") == (
        "coverage = ...  # your answer: identified sources / gap"
    )


def test_placeholder_keeps_only_answers_the_check_reads():
    source = (
        "# prompt: read low and high\n# prompt: of the percent row\n"
        "row = odds.iloc[0]\nlow, high = row['low'], row['high']"
    )
    check = "check_value('low', low, x)\ncheck_value('high', high, y)"
    assert placeholder_source(source, check) == (
        "# Your turn: read low and high of the percent row\n"
        "low = ...  # your answer\nhigh = ...  # your answer"
    )


def test_placeholder_without_prompt_or_with_a_long_one():
    assert placeholder_source("total = 1 + 2", "check(total)") == (
        "total = ...  # your answer: replace ... with your answer"
    )
    long_prompt = "word " * 30
    assert placeholder_source(f"# prompt: {long_prompt}\ntotal = 3", "check(total)") == (
        f"# Your turn: {long_prompt.strip()}\ntotal = ...  # your answer"
    )


def test_annotated_and_augmented_assignments_are_answers():
    source = "n: int = 0\nn += 3\nm = n"
    assert placeholder_source(source, "check(n, m)").splitlines()[1:] == [
        "n = ...  # your answer",
        "m = ...  # your answer",
    ]


# --- malformed lessons ------------------------------------------------------------------


def _lesson(*cells):
    notebook = new_notebook()
    for kind, source, tags in cells:
        cell = new_markdown_cell(source) if kind == "md" else new_code_cell(source)
        cell.id = f"c{len(notebook.cells)}"
        if tags:
            cell.metadata["tags"] = tags
        notebook.cells.append(cell)
    return notebook


GOOD = (
    ("md", "# Lesson 1 · Doubling", []),
    ("code", "from analysis.exercises import check_value\nx = 2", []),
    ("code", "# prompt: twice x\ny = x * 2", ["solution"]),
    ("code", "check_value('y', y, x + x, hint='add x to itself')", ["check"]),
    ("md", "Only for the teacher: y is 4.", ["instructor"]),
)


@pytest.mark.parametrize(
    ("cells", "cell", "words"),
    [
        (GOOD[:3], 3, "must be followed by a code cell tagged 'check'"),
        ((GOOD[2], GOOD[0], GOOD[3]), 1, "must be followed by a code cell tagged 'check'"),
        ((("md", "y = 1", ["solution"]), GOOD[3]), 1, "must be a code cell"),
        ((("code", "y = (", ["solution"]), GOOD[3]), 1, "not valid Python"),
        ((("code", "z = 4", ["solution"]), GOOD[3]), 1, "assigns no name that its check"),
        ((("code", "y = 4", ["solution", "check"]), GOOD[3]), 1, "both 'solution' and 'check'"),
    ],
)
def test_malformed_lesson_names_the_cell(cells, cell, words):
    with pytest.raises(TeachingError) as info:
        check_lesson(_lesson(*cells), "01-bad.ipynb")
    assert info.value.cell == cell
    assert f"lesson '01-bad.ipynb', cell {cell}: " in str(info.value)
    assert words in str(info.value)
    assert isinstance(info.value, AnalysisError)


def test_student_edition_of_a_tiny_lesson():
    source = _lesson(*GOOD)
    student = student_edition(source, "01-doubling.ipynb")
    assert [c.source for c in student.cells] == [
        "# Lesson 1 · Doubling",
        "from analysis.exercises import check_value\nx = 2",
        "y = ...  # your answer: twice x",
        "check_value('y', y, x + x, hint='add x to itself')",
    ]
    assert _tags(student.cells[3]) == ["check", "raises-exception"]
    assert student.cells[2].id == "c2"  # stable ids: rebuilding gives the same file
    assert source.cells[2].source == "# prompt: twice x\ny = x * 2"  # the source is not changed


def test_no_lesson_in_the_folder(tmp_path):
    with pytest.raises(TeachingError, match="no lesson found"):
        build_editions(tmp_path / "out", source_dir=tmp_path)
    assert not (tmp_path / "out").exists()


def test_cli_reports_an_output_path_that_is_a_file(tmp_path, capsys):
    target = tmp_path / "teaching"
    target.write_text("not a folder")
    assert cli.main(["teaching", "build", "--output", str(target)]) == 2
    assert "exists and is not a folder" in capsys.readouterr().err
    assert target.read_text() == "not a folder"


# --- atomic builds ----------------------------------------------------------------------


def _write_lessons(folder, **lessons):
    folder.mkdir()
    for name, cells in lessons.items():
        nbformat.write(_lesson(*cells), folder / f"{name}.ipynb")


@pytest.mark.slow
def test_failing_solution_leaves_the_previous_editions_untouched(tmp_path):
    wrong = (GOOD[0], GOOD[1], ("code", "y = x * 3", ["solution"]), GOOD[3])
    _write_lessons(tmp_path / "src", **{"01-doubling": GOOD, "02-wrong": wrong})
    out = tmp_path / "out"
    (out / "student").mkdir(parents=True)
    (out / "student" / "old.ipynb").write_text("previous edition")
    (out / "notes.txt").write_text("the teacher's own file")
    with pytest.raises(TeachingError) as info:
        build_editions(out, source_dir=tmp_path / "src")
    assert info.value.exit_status == 1
    assert "lesson '02-wrong.ipynb', cell 4: the solutions do not run: ExerciseWrong" in str(
        info.value
    )
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt", "student"]
    assert [p.name for p in (out / "student").iterdir()] == ["old.ipynb"]


@pytest.mark.slow
def test_rebuild_replaces_the_editions_and_keeps_other_files(tmp_path):
    _write_lessons(tmp_path / "src", **{"01-doubling": GOOD})
    out = tmp_path / "out"
    (out / "student").mkdir(parents=True)
    (out / "student" / "old.ipynb").write_text("previous edition")
    (out / "notes.txt").write_text("the teacher's own file")
    written = build_editions(out, source_dir=tmp_path / "src")
    assert written == [
        out / "student" / "01-doubling.ipynb",
        out / "instructor" / "01-doubling.ipynb",
    ]
    assert sorted(p.name for p in out.iterdir()) == ["instructor", "notes.txt", "student"]
    assert [p.name for p in (out / "student").iterdir()] == ["01-doubling.ipynb"]
    instructor = nbformat.read(written[1], as_version=4)
    assert _stdout(instructor.cells[3]) == "Correct! y = 4\n"
    assert instructor.cells[4].source == "Only for the teacher: y is 4."
    student = nbformat.read(written[0], as_version=4)
    assert len(student.cells) == 4
