"""Links to Wikidata at work: proposing, checking and caching them (``peacekg link``).

* :mod:`.kinds` says which Wikidata classes fit which pko class;
* :mod:`.client` talks to a SPARQL endpoint through SPARQLWrapper (User-Agent,
  timeouts, retries honouring ``Retry-After``, a cache of fetched batches);
* :mod:`.reconcile` proposes candidates for unlinked entities, :mod:`.check`
  reports drift of curated links, :mod:`.cache` refreshes ``graph/wikidata.ttl``;
* :mod:`.run` ties them into the ``peacekg link`` runs.

The curated mapping file itself is a source (:mod:`peacekg.sources.sssom`,
:mod:`peacekg.sources.links`). This stage may import the shared modules,
:mod:`peacekg.sources`, :mod:`peacekg.compile` and :mod:`peacekg.query`, never
:mod:`peacekg.web` or :mod:`peacekg.cli`.
"""
