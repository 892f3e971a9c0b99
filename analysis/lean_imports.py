"""Decline one optional import that costs two seconds at every start of the report runner.

jsonschema, which nbformat imports (and so papermill and nbconvert), builds a
parser for the ``iri`` and ``iri-reference`` format checks when the optional
package ``rfc3987-syntax`` is installed (jupyter-events brings it): about two
seconds, each time the report runner or its page worker starts. Nothing there
checks those formats: the notebook schemas of nbformat use no ``format`` keyword.

Importing this module first marks that package as absent (``None`` in
``sys.modules``, Python's documented way to block an import), so jsonschema
skips those two checks as it does when the package is not installed. A process
that has already imported the package keeps it.
"""

from __future__ import annotations

import sys

sys.modules.setdefault("rfc3987_syntax", None)
