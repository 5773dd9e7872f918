"""The curated sources and their reading: what curators edit, read with line numbers and checked.

* :mod:`.sourcefile` reads YAML with the line of every node, so problems name ``file:line``;
* :mod:`.seeds` reads a text's record and checks the text's sha256;
* :mod:`.vocab` is the ontology's vocabulary that sources may use (classes, statuses, units);
* :mod:`.registry` reads ``graph/entities.yaml``; :mod:`.statements` compiles one
  document's statements, each anchored by :mod:`.evidence` (exact quotes, code-point offsets);
* :mod:`.sssom` and :mod:`.links` read the curated links (``graph/links/*.sssom.tsv``).

This is the first stage: it imports only what every stage shares (``errors``,
``namespaces``, ``project``), never a later stage.
"""
