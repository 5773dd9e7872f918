"""Asking the built graph: saved queries, binding, running embedded or remote, results, exports.

* :mod:`.catalogue` reads the saved queries (``queries/*.rq``, grlc headers);
* :mod:`.run` binds parameters and runs a query on the embedded store (:mod:`.store`)
  or on an endpoint (:mod:`.remote`), giving a :class:`~.results.Result`;
* :mod:`.terms` turns RDF terms into the values and labels people read;
* :mod:`.export` writes the graph in an RDF format; :mod:`.remote` also pushes it;
* :mod:`.checks` runs the quality checks; :mod:`.stats` counts the graph's coverage of the texts.

It reads the graph the build wrote, so it may import the shared modules,
:mod:`peacekg.sources` and :mod:`peacekg.compile`, never :mod:`peacekg.wikidata`,
:mod:`peacekg.web` or :mod:`peacekg.cli`.
"""
