"""``peacekg add`` (a new text as a seed) and ``peacekg suggest`` (statements to curate)."""

from __future__ import annotations

from pathlib import Path

import click

from .common import reports_errors


def register(cli: click.Group) -> None:
    @cli.command()
    @click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
    @click.option("--id", "doc_id", required=True, help="The document's id: lower-case letters, digits, hyphens.")
    @click.option("--author", "authors", multiple=True, help="An author's name as the text gives it (repeatable).")
    @click.option("--title", default=None, help="The title, if the text or its source gives one.")
    @click.option("--date", default=None, help="The date of publication, if known (YYYY, YYYY-MM or YYYY-MM-DD).")
    @click.option("--url", default=None, help="Where the text was published, if known.")
    @click.option("--reason/--no-reason", default=True, show_default=True,
                  help="Check consistency with HermiT when building (needs Java).")
    @reports_errors
    def add(file: Path, doc_id: str, authors: tuple[str, ...], title: str | None, date: str | None,
            url: str | None, reason: bool) -> None:
        """Add FILE (UTF-8 text) as seeds/ID.txt with its record, and build.

        \b
        Refuses an existing id, a text that is not UTF-8, an empty text and a
        text that is already a seed; then nothing is written.
        """
        from ..curate.add import add_document
        from ..project import find_project

        project = find_project()
        added = add_document(project, file, doc_id=doc_id, authors=list(authors), title=title, date=date,
                             url=url, reason=reason)
        for path in (added.text, added.record, added.statements):
            click.echo(f"wrote {project.relative(path)}")
        for entity in added.new_entities:
            click.echo(f"registered author {entity} in graph/entities.yaml")
        from ..compile.counts import summary

        click.echo(f"built the graph: {summary(added.counts)}; next: peacekg suggest {added.id}")

    @cli.command()
    @click.argument("doc_id", metavar="ID")
    @click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
                  help="Where to write (default graph/statements/ID.suggested.yaml; never the curated file).")
    @click.option("--extractor", default=None,
                  help="Which extractor reads the text: spacy (the nlp extra) or rules; default spacy if installed.")
    @click.option("--model", default=None,
                  help="The spaCy pipeline, any installed one by name (default en_core_web_sm); never downloaded.")
    @reports_errors
    def suggest(doc_id: str, out: Path | None, extractor: str | None, model: str | None) -> None:
        """Suggest statements, mentions and new entities for document ID, to curate.

        \b
        Each suggestion has its quote (anchored as the build anchors it), a
        confidence and the cue that produced it; offline and deterministic.
        """
        from ..curate.suggested import suggest_document
        from ..project import find_project

        project = find_project()
        written = suggest_document(project, doc_id, out=out, extractor=extractor, model=model)
        if written.note:
            click.echo(written.note)
        click.echo(f"wrote {project.relative(written.path)}: {written.statements} statements "
                   f"({written.incomplete} incomplete), {written.entities} new entities, "
                   f"{written.mentions} mentions ({written.seconds:.2f}s)")
