"""The package's exceptions: one base class, narrow subclasses carrying their data.

Every error a user can cause derives from :class:`AnalysisError`; the CLI turns
these into one line on stderr and a documented exit status.
"""

from __future__ import annotations


class AnalysisError(Exception):
    """Base class for every error the package raises on purpose."""

    exit_status = 2  # bad input or configuration, see analysis.cli


class ArticleError(AnalysisError):
    """An article file that cannot be read as UTF-8 text."""

    def __init__(self, path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"cannot read article '{self.path}': {reason}")


class ManifestError(AnalysisError):
    """A manifest or reference table with a missing or malformed field."""

    def __init__(self, path, field: str, reason: str):
        self.path = str(path)
        self.field = field
        self.reason = reason
        super().__init__(f"bad manifest '{self.path}', field '{field}': {reason}")


class ParameterError(AnalysisError, ValueError):
    """A parameter value outside what is allowed."""

    def __init__(self, name: str, value, expected: str):
        self.name = name
        self.value = value
        self.expected = expected
        super().__init__(f"invalid value {value!r} for parameter '{name}'; expected {expected}")


class CurrencyError(AnalysisError, ValueError):
    """An unknown currency code or a date outside the rate history."""


class AnnotationError(AnalysisError):
    """A curated annotation that is malformed or does not match its article."""

    def __init__(self, annotation_id: str, field: str, reason: str, path=None):
        self.annotation_id = annotation_id
        self.field = field
        self.reason = reason
        self.path = str(path) if path is not None else None
        where = f" in '{self.path}'" if self.path else ""
        super().__init__(f"annotation '{annotation_id}'{where}, field '{field}': {reason}")


class ModelError(AnalysisError, ValueError):
    """Data that a model cannot work with (e.g. a mission with no total cost)."""


class SchemaError(AnalysisError):
    """A tidy table that does not satisfy its declared schema."""

    def __init__(self, table: str, reason: str):
        self.table = table
        self.reason = reason
        super().__init__(f"table '{table}' breaks its schema: {reason}")


class ReportError(AnalysisError):
    """A notebook that failed while building the reports."""

    exit_status = 1

    def __init__(self, notebook: str, param_set: str, reason: str, kept=None):
        self.notebook = notebook
        self.param_set = param_set
        self.reason = reason
        self.kept = str(kept) if kept is not None else None
        keep = f"; the failed notebook is kept at '{self.kept}'" if self.kept else ""
        super().__init__(
            f"notebook '{notebook}' with parameters '{param_set}' failed: {reason}{keep}"
        )


class UnknownCurrencyError(CurrencyError):
    """A currency code that is not ISO 4217, or has no ECB reference rate."""

    def __init__(self, code, parameter: str, expected: str):
        self.code = code
        self.parameter = parameter
        self.expected = expected
        super().__init__(
            f"unknown currency {code!r} in parameter '{parameter}'; expected {expected}"
        )


class RateDateError(CurrencyError):
    """A date for which the ECB history holds no rate of a currency."""

    def __init__(self, currency: str, on, first, last, parameter: str = "on", gap_days: int = 0):
        self.currency = currency
        self.on = on
        self.first = first
        self.last = last
        self.parameter = parameter
        where = f" or the {gap_days} days before" if gap_days else ""
        super().__init__(
            f"no ECB reference rate for {currency} on {on}{where} (parameter '{parameter}'); "
            f"the ECB history covers {currency} from {first} to {last}"
        )


class EmptyArticleWarning(UserWarning):
    """An article file that is empty or blank: valid, but it has no figures."""


class ConfigError(ParameterError):
    """A report configuration item (notebook, parameter set, folder) that cannot be used.

    Raised before any notebook runs; `item` names what is wrong (a notebook, a
    parameter of a parameter set, a folder) and `source` where it came from.
    """

    def __init__(self, item: str, value, expected: str, source=None):
        self.item = item
        self.name = item
        self.value = value
        self.expected = expected
        self.source = str(source) if source is not None else None
        where = f" in '{self.source}'" if self.source else ""
        AnalysisError.__init__(
            self, f"bad configuration{where}: {item} = {value!r}; expected {expected}"
        )


class RunLockedError(AnalysisError):
    """Another report run holds the lock of the output folder for longer than the timeout."""

    def __init__(self, lock_path, timeout: float):
        self.lock_path = str(lock_path)
        self.timeout = timeout
        super().__init__(
            f"another report run is writing to this output folder (lock '{self.lock_path}' "
            f"still held after waiting {timeout:g} s); try again when it has finished"
        )


class ExerciseError(AnalysisError):
    """Feedback on a teaching exercise; shown in a notebook as its message alone, no stack."""

    def _render_traceback_(self) -> list[str]:
        # IPython prints these lines instead of a traceback: the hint is what matters.
        return [f"{type(self).__name__}: {self}"]


class ExerciseIncomplete(ExerciseError):
    """A teaching exercise whose answer is still the placeholder (``...`` or None)."""

    def __init__(self, name: str, hint: str = ""):
        self.name = name
        self.hint = hint
        tip = f" Hint: {hint}" if hint else ""
        super().__init__(
            f"'{name}' has no answer yet: in the exercise cell above, replace the ... after "
            f"'{name} =' with your answer, then run that cell and this one again.{tip}"
        )


class ExerciseWrong(ExerciseError):
    """A teaching exercise whose answer differs from the value computed from the data."""

    def __init__(self, name: str, answer, reason: str, hint: str = ""):
        self.name = name
        self.answer = answer
        self.reason = reason
        self.hint = hint
        tip = f" Hint: {hint}" if hint else ""
        super().__init__(f"'{name}' is not right yet: {reason}.{tip}")


class TeachingError(AnalysisError):
    """A lesson notebook that cannot be made into editions, or whose solutions fail to run."""

    def __init__(self, notebook, reason: str, cell: int | None = None, exit_status: int = 2):
        self.notebook = str(notebook)
        self.reason = reason
        self.cell = cell
        self.exit_status = exit_status
        where = f", cell {cell}" if cell is not None else ""
        super().__init__(f"lesson '{self.notebook}'{where}: {reason}")


class ManifestWarning(UserWarning):
    """An article with no manifest row (its date is unknown), or a row with no article."""


class NoDataError(ModelError):
    """The corpus holds no figures for what is asked (e.g. a mission with no annotated gap).

    A report notebook that stops on this error is *skipped*, not failed: the run
    still publishes, and the index says why that report is empty.
    """
