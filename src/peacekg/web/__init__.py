"""peacekg's web face: the SPARQL endpoint and the pages of ``peacekg serve``.

Nothing here is imported by ``import peacekg`` or by ``peacekg query``: the
server's libraries (Starlette, uvicorn, Jinja2, pebble, werkzeug) load only
when a command that needs them runs.
"""
