"""Extraction: suggested statements, mentions and new entities read from a text.

Between ``sources`` (and the build's code, which checks what is extracted) and
``curate`` (which writes the suggestions for a person to accept). Two
extractors of one interface (:mod:`.base`): ``rules`` and ``spacy``.
"""
