"""The build: compile the sources into graphs, validate them, write deterministic Turtle.

* :mod:`.pipeline` is ``peacekg build`` (``peacekg.build()``): every source read and
  checked, the graphs compiled, then validated and written;
* :mod:`.validate` runs the SHACL shapes (pySHACL) and the consistency check (HermiT);
* :mod:`.write` serialises deterministic Turtle and replaces files atomically.

It comes after :mod:`peacekg.sources` and may import it and the shared modules,
never :mod:`peacekg.query`, :mod:`peacekg.wikidata`, :mod:`peacekg.web` or
:mod:`peacekg.cli`.
"""
