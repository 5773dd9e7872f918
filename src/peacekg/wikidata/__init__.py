"""Links to Wikidata: curated SSSOM mappings, their compilation, the reconciler and the cache.

* :mod:`.sssom` reads and writes mapping sets in SSSOM/TSV;
* :mod:`.links` compiles the curated mappings into ``graph/links.ttl``;
* :mod:`.kinds` says which Wikidata classes fit which pko class;
* :mod:`.client` talks to a SPARQL endpoint through SPARQLWrapper (User-Agent,
  timeouts, retries honouring ``Retry-After``, a cache of fetched batches);
* :mod:`.reconcile` proposes candidates for unlinked entities, :mod:`.check`
  reports drift of curated links, :mod:`.cache` refreshes ``graph/wikidata.ttl``.
"""
