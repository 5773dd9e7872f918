"""The ``peacekg`` command line: thin commands that call the library and format its result.

Exit codes: 0 success; 1 the data failed a check; 2 bad input (a source file,
a seed, a query, a parameter); 3 something the command needs is missing (Java,
an endpoint).
"""

from __future__ import annotations

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="peacekg")
def cli() -> None:
    """peacekg: a knowledge graph of peace-process arguments, every statement anchored in its text."""


# Each command group lives in its own module and adds itself here, so that
# features stay apart and no command module imports this one.
from . import build, link, query, serve  # noqa: E402

for _group in (build, link, query, serve):
    _group.register(cli)

