"""peacekg's web face: the SPARQL endpoint, the pages of ``peacekg serve`` and the ontology docs.

Nothing here is imported by ``import peacekg`` or by ``peacekg query``: the
server's libraries (Starlette, uvicorn, Jinja2, werkzeug, pyLODE) load
only when a command that needs them runs. This stage may import every stage
before it (the shared modules, :mod:`peacekg.sources`, :mod:`peacekg.compile`,
:mod:`peacekg.query`, :mod:`peacekg.wikidata`), never :mod:`peacekg.cli`.
"""
