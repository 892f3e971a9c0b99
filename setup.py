"""Install hook: compile the extractor's modules to C with mypyc when a compiler is present.

Everything else about the package is in pyproject.toml. The modules listed in
analysis/compiled_core.py are compiled from the very source that runs without them;
each extension is optional, so with no C compiler (or ANALYSIS_PURE_PYTHON=1) the
package installs as pure Python and gives the same results, more slowly. After a
build, compiled_sources.json records the SHA-256 of each source compiled, so that
analysis.compiled_core never runs a build older than its source.
"""

from __future__ import annotations

import json
import os
import runpy
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
CORE = runpy.run_path(str(ROOT / "analysis" / "compiled_core.py"))


def _extensions() -> list:
    if os.environ.get(CORE["PURE_PYTHON_ENV"]) == "1":
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:  # installed without build isolation and without mypy
        return []
    # mypyc's incremental cache has crashed on edited sources ("ValueError: value is not
    # in list" in emit_undefined_attr_check); a clean type check costs a few seconds.
    shutil.rmtree(ROOT / "build" / "mypy-cache", ignore_errors=True)
    paths = [f"analysis/{name}.py" for name in CORE["COMPILED_MODULES"]]
    extensions = mypycify(paths, opt_level="3", separate=True)
    for extension in extensions:
        extension.optional = True  # no compiler: warn and install the Python source
    return extensions


class BuildAndRecord(build_ext):
    """build_ext that records the sources compiled, once every extension has built.

    The record is removed first and written only after a complete build, so an
    interrupted or failed build leaves no record and the Python source runs.
    """

    def run(self) -> None:
        target = ROOT if self.inplace else Path(self.build_lib)
        manifest = target / "analysis" / CORE["MANIFEST_NAME"]
        manifest.unlink(missing_ok=True)
        self.failed: list[str] = []
        super().run()
        if not self.extensions or self.failed:
            return
        manifest.parent.mkdir(parents=True, exist_ok=True)
        hashes = CORE["source_hashes"](ROOT / "analysis")
        manifest.write_text(json.dumps(hashes, indent=1, sort_keys=True) + "\n", encoding="utf-8")

    def build_extension(self, ext) -> None:
        try:
            super().build_extension(ext)
        except Exception:
            self.failed.append(ext.name)  # an optional extension: setuptools warns, goes on
            raise


setup(ext_modules=_extensions(), cmdclass={"build_ext": BuildAndRecord})
