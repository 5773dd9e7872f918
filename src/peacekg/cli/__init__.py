"""The ``peacekg`` command line: one module per command group, registered by :mod:`.main`.

Commands are thin: they call the library and format its result. Shared helpers
live in :mod:`.common`, which the command modules import, so no module imports
the one that imports it. The command line is the last stage: it may import
every other package, and none imports it.

:func:`main` tries :mod:`.fast` first, which runs a plain ``peacekg query``
without importing click; everything else goes to the click group :data:`cli`,
imported only then.
"""

from __future__ import annotations

import sys


def main() -> None:  # pragma: no cover - console script entry point
    from .fast import run

    code = run(sys.argv[1:])
    if code is not None:
        sys.exit(code)
    from .main import cli

    cli()


def __getattr__(name: str):
    if name == "cli":
        from .main import cli

        return cli
    raise AttributeError(f"module 'peacekg.cli' has no attribute {name!r}")


__all__ = ["cli", "main"]
