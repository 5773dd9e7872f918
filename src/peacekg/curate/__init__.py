"""Curation: add a document, suggest statements and entities, write curated YAML round-trip.

Every write goes through :mod:`peacekg.curate.transaction`: the sources are
changed, the build checks them, and on any refusal every file is put back byte
for byte.
"""
