"""The four jobs of ``peacekg link``, on a project: suggest, check, check locally, refresh the cache.

They read the registry and the curated mappings, ask the endpoint through a
:class:`~.client.SparqlClient`, and write only their own outputs, atomically:
``graph/links/candidates.sssom.tsv`` and ``graph/wikidata.ttl``. The curated
``graph/links/wikidata.sssom.tsv`` is never written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..errors import EndpointError, PeacekgError, Problem, SourceError
from ..project import Project
from ..sources.registry import Entity
from ..sources import sssom
from .check import Drift, check_links, check_local
from ..sources.links import links_path, read_links

CANDIDATES = "candidates.sssom.tsv"


def cache_dir(project: Project) -> Path:
    """Where fetched batches are kept between runs (not committed)."""
    return project.root / ".peacekg-cache" / "link"


def clear_cache(project: Project) -> int:
    """Forget the batches fetched by earlier runs; return how many there were."""
    files = sorted(cache_dir(project).glob("*.json"))
    for path in files:
        path.unlink()
    return len(files)


def load_registry(project: Project):
    """The registry's entities and the ontology's vocabulary; SourceError if the registry is bad."""
    from ..compile.pipeline import load_registry as load_checked_registry

    problems: list[Problem] = []
    vocab, _documents, entities = load_checked_registry(project, problems)
    if problems:
        raise SourceError(problems)
    return entities, vocab


def load_links(project: Project) -> tuple[sssom.MappingSet, str]:
    """The curated mapping set (empty if there is none yet) and its path as shown."""
    path = links_path(project.links_dir)
    shown = project.relative(path)
    problems: list[Problem] = []
    mset = read_links(path, shown, problems)
    if problems:
        raise SourceError(problems)
    return mset or sssom.MappingSet({}, []), shown


@dataclass
class Suggestions:
    entities: list[Entity]
    candidates: list
    path: Path
    requests: int


def suggest(project: Project, client, *, only: list[str] | None = None, batch_size: int = 20,
            language: str = "en", limit: int = 3, strict_type: bool = False, progress=None,
            today: dt.date | None = None) -> Suggestions:
    """Candidates for the unlinked entities, written to ``graph/links/candidates.sssom.tsv``."""
    from ..project import package_version
    from .client import _write_atomically
    from .reconcile import candidate_set, linkable, reconcile

    entities, vocab = load_registry(project)
    mset, _shown = load_links(project)
    linked = {m.entity_id for m in mset.mappings if m.qid}
    unknown = sorted(set(only or []) - set(entities))
    if unknown:
        raise PeacekgError(f"no entity {', '.join(map(repr, unknown))} in graph/entities.yaml")
    todo = [e for e in entities.values()
            if e.id not in linked and linkable(e, vocab) and (not only or e.id in only)]
    try:
        candidates = reconcile(client, todo, batch_size=batch_size, language=language, limit=limit,
                               strict_type=strict_type, on_batch=progress)
    except EndpointError as exc:
        raise EndpointError(f"{exc}\nbatches answered so far are kept in "
                            f"{project.relative(cache_dir(project))}: run again to resume; "
                            "no mapping file was changed") from None
    path = project.links_dir / CANDIDATES
    data = sssom.dumps(candidate_set(candidates, endpoint=client.endpoint, tool=f"peacekg link {package_version()}",
                                     today=today))
    _write_atomically(path, data.encode("utf-8"))
    return Suggestions(todo, candidates, path, client.requests)


def check(project: Project, client, *, batch_size: int = 50, language: str = "en",
          progress=None) -> tuple[int, list[Drift]]:
    """Drift of the curated links (see :mod:`.check`)."""
    entities, _vocab = load_registry(project)
    mset, _shown = load_links(project)
    return check_links(client, mset, entities, batch_size=batch_size, language=language, on_batch=progress)


def check_offline(project: Project) -> int:
    """The offline checks; raise SourceError listing every problem; return the rows checked."""
    entities, _vocab = load_registry(project)
    mset, shown = load_links(project)
    problems = check_local(mset, entities, shown)
    if problems:
        raise SourceError(problems)
    return len(mset.mappings)


def refresh_cache(project: Project, client, *, now: dt.datetime | None = None, batch_size: int = 25,
                  language: str = "en", progress=None) -> tuple[Path, int, bool]:
    """Fetch the facts of the linked items into ``graph/wikidata.ttl``; (path, triples, changed)."""
    from .cache import fetch_facts, write_cache

    mset, _shown = load_links(project)
    now = now or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    graph = fetch_facts(client, mset, fetched=now, batch_size=batch_size, language=language, on_batch=progress)
    path = project.graph_dir / "wikidata.ttl"
    return path, len(graph), write_cache(graph, path)
