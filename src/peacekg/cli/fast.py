"""``peacekg query NAME [options]`` without click, for the start-up time of the command run most.

Importing click costs more than running a saved query on the essay
(bench/RESULTS.md, *Cold start*), so :func:`peacekg.cli.main` hands the plain
forms of ``peacekg query`` to :func:`run` first. It knows that one command
only, and gives up (returns None) on anything else, ``--help`` or a value it
does not take, so that click answers with its usual help and messages: the
click command in :mod:`.query` stays the definition of the command, and both
print through :mod:`.output`.

>>> run(["query", "--help"]) is None, run(["queries"]) is None, run(["query", "x", "--format", "png"]) is None
(True, True, True)
"""

from __future__ import annotations

import sys

from .output import FORMATS, GRAPH_FORMATS

_VALUED = ("--format", "--endpoint", "--timeout", "--limit", "--offset", "--columns")


def parse(argv: list[str]) -> dict | None:
    """The options of a plain ``peacekg query`` command line, or None if click should read it.

    >>> parse(["query", "actor-statements", "--param", "actor", "ukraine", "--limit=5", "--format", "csv"])["limit"]
    5
    """
    if len(argv) < 2 or argv[0] != "query" or argv[1].startswith("-"):
        return None
    options = {"name": argv[1], "params": {}, "fmt": None, "endpoint": None, "timeout": None,
               "limit": None, "offset": None, "iris": False, "columns": None}
    words = list(argv[2:])
    while words:
        word = words.pop(0)
        key, eq, value = word.partition("=")
        if key == "--param" and not eq:
            if len(words) < 2:
                return None
            name, given = words.pop(0), words.pop(0)
            options["params"].setdefault(name, []).append(given)
            continue
        if word == "--iris":
            options["iris"] = True
            continue
        if key not in _VALUED:
            return None
        if not eq:
            if not words:
                return None
            value = words.pop(0)
        try:
            if key == "--format":
                if value not in FORMATS + GRAPH_FORMATS:
                    return None
                options["fmt"] = value
            elif key in ("--endpoint", "--columns"):
                options[key[2:]] = value
            elif key == "--timeout":
                options["timeout"] = float(value)
                if not options["timeout"] >= 0.01:
                    return None
            else:
                number = int(value)
                if number < 0:
                    return None
                options[key[2:]] = number
        except ValueError:
            return None
    options["params"] = {k: v[0] if len(v) == 1 else v for k, v in options["params"].items()}
    return options


def run(argv: list[str]) -> int | None:
    """Run a plain ``peacekg query`` and give its exit code; None when click should handle ``argv``."""
    options = parse(argv)
    if options is None:
        return None
    import warnings

    from ..errors import PeacekgError, PeacekgWarning
    from ..query.run import run_query
    from .output import print_result

    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", PeacekgWarning)
            try:
                result = run_query(options["name"], endpoint=options["endpoint"], timeout=options["timeout"],
                                   limit=options["limit"], offset=options["offset"], **options["params"])
            finally:  # as cli.common.warnings_to_stderr shows them
                for warning in caught:
                    if issubclass(warning.category, PeacekgWarning):
                        sys.stderr.write(f"peacekg: warning: {warning.message}\n")
                    else:
                        warnings.showwarning(warning.message, warning.category, warning.filename, warning.lineno)
        print_result(result, options["fmt"], iris=options["iris"], columns=options["columns"],
                     limit=options["limit"], endpoint=options["endpoint"], timeout=options["timeout"] or 30.0)
    except PeacekgError as exc:
        sys.stderr.write(f"peacekg: error: {exc}\n")
        return exc.exit_code
    except TypeError as exc:  # a --param named like one of run_query's own options
        if "multiple values" not in str(exc):
            raise
        return None
    return 0
