""""Did you mean": the known names closest to an unknown one, for the messages of the sources' checks.

>>> did_you_mean("atlantis", ["russia", "ukraine"])
''
>>> did_you_mean("rusia", ["russia", "ukraine", "russian-minorities"])
"; did you mean 'russia'?"
>>> did_you_mean("nato-enlargment", ["nato", "nato-enlargement", "nato-forward-presence"])
"; did you mean 'nato-enlargement'?"
"""

from __future__ import annotations

import difflib
from typing import Iterable

#: How many names a hint offers at most.
SHOWN = 3


def did_you_mean(name: str, known: Iterable[str], *, cutoff: float = 0.75) -> str:
    """``; did you mean 'x'?`` (or 'x', 'y'...) for the names of ``known`` close to ``name``; '' if none is."""
    names = list(dict.fromkeys(str(k) for k in known))
    lowered = {n.casefold(): n for n in names}
    if name.casefold() in lowered and lowered[name.casefold()] != name:
        return f"; did you mean {lowered[name.casefold()]!r}?"
    close = difflib.get_close_matches(name, names, n=SHOWN, cutoff=cutoff)
    if not close:
        return ""
    return "; did you mean " + ", ".join(repr(c) for c in close) + "?"
