"""A papermill engine that writes the executed notebook once, when execution ends.

Registered with papermill as :data:`ENGINE_NAME` on import; the report runner
passes ``engine_name=ENGINE_NAME`` to ``papermill.execute_notebook``.
"""

from __future__ import annotations

# isort: off
from analysis import lean_imports  # noqa: F401 - before papermill
# isort: on

from papermill.engines import NBClientEngine, NotebookExecutionManager, papermill_engines


class SaveOnceManager(NotebookExecutionManager):
    """Papermill's execution state, written to the output notebook only when execution ends.

    Papermill's own manager rewrites (and validates) the whole notebook, images
    included, at the start and at the end of every cell: a quarter of a second
    per report. The notebook is written once here, when execution ends, also
    when a cell failed, timed out or the kernel died; papermill writes it again
    after a success or a cell error.
    """

    _ended = False

    def save(self, **kwargs):
        if self._ended:
            super().save(**kwargs)

    def notebook_complete(self, **kwargs):
        self._ended = True
        super().notebook_complete(**kwargs)


class SaveOnceEngine(NBClientEngine):
    """Papermill's nbclient engine with :class:`SaveOnceManager`."""

    @classmethod
    def execute_notebook(
        cls, nb, kernel_name, output_path=None, progress_bar=False, log_output=False, **kwargs
    ):
        manager = SaveOnceManager(
            nb, output_path=output_path, progress_bar=progress_bar, log_output=log_output
        )
        manager.notebook_start()
        try:
            cls.execute_managed_notebook(manager, kernel_name, log_output=log_output, **kwargs)
        finally:
            manager.cleanup_pbar()
            manager.notebook_complete()
        return manager.nb


ENGINE_NAME = "analysis-save-once"
papermill_engines.register(ENGINE_NAME, SaveOnceEngine)
