"""The ``peacekg`` command line: thin commands that call the library and format its result.

Exit codes: 0 success; 1 the data failed a check; 2 bad input (a source file,
a seed, a query, a parameter); 3 something the command needs is missing (Java,
an endpoint).
"""

from __future__ import annotations

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="peacekg")
@click.option("--verbose", is_flag=True, help="Show the log messages of peacekg's libraries on stderr.")
def cli(verbose: bool) -> None:
    """peacekg: a knowledge graph of peace-process arguments, every statement anchored in its text."""
    import logging

    if verbose:
        logging.basicConfig(level=logging.INFO, format="%(levelname)s:%(name)s: %(message)s")
    else:  # libraries that configure logging when imported (pyLODE) find it configured, and stay quiet
        logging.getLogger().addHandler(logging.NullHandler())


# Each command group lives in its own module and adds itself here, so that
# features stay apart and no command module imports this one.
from . import build, curate, link, query, serve  # noqa: E402

for _group in (build, curate, link, query, serve):
    _group.register(cli)

