"""The ``peacekg`` command line: one module per command group, registered by :mod:`.main`.

Commands are thin: they call the library and format its result. Shared helpers
live in :mod:`.common`, which the command modules import, so no module imports
the one that imports it. The command line is the last stage: it may import
every other package, and none imports it.
"""

from .main import cli, main

__all__ = ["cli", "main"]
