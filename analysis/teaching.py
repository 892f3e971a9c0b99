"""Student and instructor editions of the lessons in ``notebooks/teaching/``, from one source.

The source notebooks are the complete lessons, solutions included. Cell tags
mark the parts of an exercise:

``solution``
    The answer cell. Its first lines may be ``# prompt: <what to do>``; the
    rest assigns the answer(s), e.g. ``coverage = gap.sources["amount"].sum() / gap.gap``.
``check``
    The cell right after a solution cell. It calls a function of
    :mod:`analysis.exercises` with the answer and the expected value computed
    from the data, so it says "Correct!" or raises an error whose message is a hint.
``instructor``
    Notes for the teacher (discussion of the "Think about it" questions); they
    appear in the instructor edition only.

The student edition replaces each solution cell by a placeholder: every name
assigned by the solution and read by its check cell becomes ``name = ...``,
with the prompt as a comment (``coverage = ...  # your answer: <prompt>``).
Outputs are cleared; check cells are kept and tagged ``raises-exception``, so
that "Run all" in JupyterLab goes on past an exercise not yet done. Worked
cells must therefore never read an answer variable.

The instructor edition is the source, executed top to bottom from the source
folder (so relative paths resolve as in the lessons). Both editions are built
in a temporary folder inside the output folder and only then moved into place,
so a failing lesson never leaves half an edition behind.
"""

from __future__ import annotations

import ast
import copy
import shutil
import tempfile
from pathlib import Path

import nbformat
from nbclient.exceptions import CellExecutionError

from analysis import config
from analysis.errors import TeachingError
from analysis.notebook_outputs import execute

SOLUTION_TAG = "solution"
CHECK_TAG = "check"
INSTRUCTOR_TAG = "instructor"
EXERCISE_TAG = "exercise"  # the placeholder cell of the student edition
PROMPT_PREFIX = "# prompt:"
EDITIONS = ("student", "instructor")
_DEFAULT_PROMPT = "replace ... with your answer"
_INLINE_WIDTH = 100  # a longer one-name placeholder puts its prompt on a line above


def find_lessons(source_dir: Path = config.TEACHING_DIR) -> list[Path]:
    """The lesson notebooks of `source_dir` (``[0-9]*.ipynb``), in reading order.

    Raises
    ------
    TeachingError
        If the folder does not exist or holds no lesson.
    """
    source_dir = Path(source_dir)
    lessons = sorted(source_dir.glob("[0-9]*.ipynb")) if source_dir.is_dir() else []
    if not lessons:
        raise TeachingError(
            source_dir, "no lesson found; expected notebooks named like 01-topic.ipynb"
        )
    return lessons


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def split_prompt(source: str) -> tuple[str, str]:
    """Split a solution cell into its prompt (the leading ``# prompt:`` lines) and its code."""
    lines = source.splitlines()
    prompt = []
    while lines and lines[0].strip().startswith(PROMPT_PREFIX):
        prompt.append(lines.pop(0).strip()[len(PROMPT_PREFIX) :].strip())
    return " ".join(p for p in prompt if p), "\n".join(lines)


def _assigned_names(tree: ast.Module) -> list[str]:
    names: list[str] = []

    def add(target: ast.expr) -> None:
        if isinstance(target, ast.Name) and target.id not in names:
            names.append(target.id)
        elif isinstance(target, ast.Tuple | ast.List):
            for element in target.elts:
                add(element)

    for node in tree.body:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                add(target)
        elif isinstance(node, ast.AnnAssign | ast.AugAssign):
            add(node.target)
    return names


def answer_names(solution_source: str, check_source: str) -> list[str]:
    """Names the solution assigns (at top level) and the check cell reads, in solution order.

    Raises
    ------
    SyntaxError
        If either cell is not valid Python.
    """
    assigned = _assigned_names(ast.parse(split_prompt(solution_source)[1]))
    read = {n.id for n in ast.walk(ast.parse(check_source)) if isinstance(n, ast.Name)}
    return [name for name in assigned if name in read]


def placeholder_source(solution_source: str, check_source: str) -> str:
    """The student's version of a solution cell: ``name = ...`` lines with the prompt.

    >>> placeholder_source("# prompt: gap minus sources\\nresidual = 1 - 2", "check(residual)")
    'residual = ...  # your answer: gap minus sources'
    """
    prompt = split_prompt(solution_source)[0] or _DEFAULT_PROMPT
    names = answer_names(solution_source, check_source)
    if len(names) == 1:
        line = f"{names[0]} = ...  # your answer: {prompt}"
        if len(line) <= _INLINE_WIDTH:
            return line
    return "\n".join([f"# Your turn: {prompt}", *(f"{n} = ...  # your answer" for n in names)])


def check_lesson(notebook, name: str) -> None:
    """Check the exercise structure of a lesson: each solution cell followed by its check.

    Cells are numbered from 1 in messages, as a reader counts them.

    Raises
    ------
    TeachingError
        A solution cell that is not code, not followed by a code cell tagged
        ``check``, not valid Python, or assigning no name its check cell reads.
    """
    cells = notebook.cells
    for i, cell in enumerate(cells):
        if SOLUTION_TAG not in _tags(cell):
            continue
        number = i + 1
        if cell.cell_type != "code":
            raise TeachingError(name, "a cell tagged 'solution' must be a code cell", number)
        if CHECK_TAG in _tags(cell):
            raise TeachingError(name, "a cell cannot be tagged both 'solution' and 'check'", number)
        after = cells[i + 1] if i + 1 < len(cells) else None
        if after is None or after.cell_type != "code" or CHECK_TAG not in _tags(after):
            raise TeachingError(
                name, "a solution cell must be followed by a code cell tagged 'check'", number
            )
        try:
            names = answer_names(cell.source, after.source)
        except SyntaxError as err:
            raise TeachingError(
                name, f"the solution or its check is not valid Python ({err.msg})", number
            ) from err
        if not names:
            raise TeachingError(
                name,
                "the solution assigns no name that its check cell reads "
                "(write e.g. `coverage = ...` and check `coverage`)",
                number,
            )


def student_edition(notebook, name: str = "lesson"):
    """A copy of the lesson with solutions replaced by placeholders and no outputs.

    Instructor-only cells are dropped; check cells get the ``raises-exception``
    tag. The source notebook is not changed.
    """
    check_lesson(notebook, name)
    student = copy.deepcopy(notebook)
    cells = []
    for i, cell in enumerate(student.cells):
        tags = _tags(cell)
        if INSTRUCTOR_TAG in tags:
            continue
        if SOLUTION_TAG in tags:
            cell.source = placeholder_source(cell.source, student.cells[i + 1].source)
            tags = [EXERCISE_TAG if t == SOLUTION_TAG else t for t in tags]
        elif CHECK_TAG in tags and "raises-exception" not in tags:
            tags.append("raises-exception")
        if tags:
            cell.metadata["tags"] = tags
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            cell.metadata.pop("execution", None)
        cells.append(cell)
    student.cells = cells
    student.metadata.pop("widgets", None)
    return student


def instructor_edition(path: Path, *, timeout: int = 600):
    """The lesson at `path`, executed top to bottom in its own folder (solutions included).

    Raises
    ------
    TeachingError
        If a cell fails, naming the cell and the error (exit status 1).
    """
    path = Path(path)
    notebook = nbformat.read(path, as_version=4)
    check_lesson(notebook, path.name)
    try:
        execute(notebook, path.parent, timeout=timeout)
    except CellExecutionError as err:
        failed = next(
            (
                i + 1
                for i, cell in enumerate(notebook.cells)
                if any(o.get("output_type") == "error" for o in cell.get("outputs", []))
            ),
            None,
        )
        reason = f"the solutions do not run: {err.ename}: {err.evalue}"
        raise TeachingError(path.name, reason, failed, exit_status=1) from err
    notebook.metadata.pop("widgets", None)
    return notebook


def _publish(built: Path, out_dir: Path) -> None:
    """Move each built edition into `out_dir`, replacing the previous one by renames."""
    for edition in EDITIONS:
        target = out_dir / edition
        retired = built / f"previous-{edition}"
        replacing = target.exists()
        if replacing:
            target.rename(retired)
        try:
            (built / edition).rename(target)
        except OSError:
            if replacing:
                retired.rename(target)
            raise


def build_editions(
    out_dir: Path = config.BUILD_DIR / "teaching", *, source_dir: Path = config.TEACHING_DIR
) -> list[Path]:
    """Write ``student/`` and ``instructor/`` editions of every lesson into `out_dir`.

    Parameters
    ----------
    out_dir : folder that receives ``student/`` and ``instructor/`` (other
        content of the folder is left alone).
    source_dir : folder of the lesson notebooks with their solutions.

    Returns
    -------
    The paths of the notebooks written, student edition first.

    Raises
    ------
    TeachingError
        A malformed lesson (exit status 2) or a solution that fails to run
        (exit status 1); `out_dir` then keeps its previous editions untouched.
    """
    out_dir, source_dir = Path(out_dir), Path(source_dir)
    lessons = find_lessons(source_dir)
    sources = {path: nbformat.read(path, as_version=4) for path in lessons}
    for path, notebook in sources.items():
        check_lesson(notebook, path.name)
    if out_dir.exists() and not out_dir.is_dir():
        raise TeachingError(out_dir, "the output path exists and is not a folder")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        built = Path(tempfile.mkdtemp(prefix=".building-", dir=out_dir))
    except OSError as err:
        raise TeachingError(out_dir, f"cannot create the output folder ({err})") from err
    try:
        for edition in EDITIONS:
            (built / edition).mkdir()
        for path, notebook in sources.items():
            nbformat.write(student_edition(notebook, path.name), built / "student" / path.name)
            nbformat.write(instructor_edition(path), built / "instructor" / path.name)
        _publish(built, out_dir)
    except OSError as err:
        raise TeachingError(out_dir, f"cannot write the editions ({err})") from err
    finally:
        shutil.rmtree(built, ignore_errors=True)
    return [out_dir / edition / path.name for edition in EDITIONS for path in lessons]
