"""``python -m bench.suggest``: how good `peacekg suggest` is on texts its rules were not written from.

Every evaluation text (``tests/data/texts/dev/`` and ``tests/data/texts/heldout/``,
reported apart: ``<doc>.txt``, its seed record ``<doc>.yaml``, its gold
statements ``<doc>.gold.yaml`` in the curation format and its registry
additions ``<doc>.entities.yaml``) is added to a scratch copy of the project
with its entities registered (as after a curator accepted the proposed
entities), and suggested for by each extractor; the learned cues leave the
text's own gold out. The essay is scored leaving one paragraph out (cues
learned from the other paragraphs). The baseline suggests every sentence as
one authors' claim. How suggestions are matched and scored:
:mod:`bench.scoring`. Writes bench/SUGGEST.md.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import yaml

from peacekg.curate.suggested import records
from peacekg.extract.base import load, spacy_installed
from peacekg.extract.corpus import load_corpus
from peacekg.extract.cues import learn
from peacekg.extract.model import AUTHORS, Suggestion
from peacekg.extract.text import sentences
from peacekg.project import Project, find_project

from .scoring import Score, pred_of, score

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ROOT / "tests" / "data" / "texts"
ESSAY = "carment-belo-ukraine"
OUT = Path(__file__).resolve().parent / "SUGGEST.md"
SETS = ("dev", "heldout")


def text_ids(which: str) -> list[str]:
    return sorted(p.name.removesuffix(".gold.yaml") for p in (TEXTS / which).glob("*.gold.yaml"))


def scratch(root: Path, base: Project, sets: tuple[str, ...] = SETS) -> Project:
    """A copy of the project's sources with the evaluation texts of ``sets`` added, their gold as curated."""
    for name in ("seeds", "ontology"):
        shutil.copytree(base.root / name, root / name)
    (root / "graph" / "statements").mkdir(parents=True)
    shutil.copy(base.statements_dir / f"{ESSAY}.yaml", root / "graph" / "statements")
    registry = yaml.safe_load(base.entities_source.read_text(encoding="utf-8"))
    for which in sets:
        for doc in text_ids(which):
            folder = TEXTS / which
            shutil.copy(folder / f"{doc}.txt", root / "seeds")
            shutil.copy(folder / f"{doc}.yaml", root / "seeds")
            shutil.copy(folder / f"{doc}.gold.yaml", root / "graph" / "statements" / f"{doc}.yaml")
            extra = folder / f"{doc}.entities.yaml"
            if extra.is_file():
                added = yaml.safe_load(extra.read_text(encoding="utf-8")) or {}
                known = {e["id"] for e in registry["entities"]}
                registry["entities"] += [e for e in added.get("entities") or [] if e["id"] not in known]
    (root / "graph" / "entities.yaml").write_text(yaml.safe_dump(registry, sort_keys=False, allow_unicode=True),
                                                  encoding="utf-8")
    return Project(root)


def baseline(corpus, doc_id: str, paragraphs: set[int] | None = None) -> list[Suggestion]:
    document = corpus.documents[doc_id]
    return [Suggestion(f"b{i}", "Claim", AUTHORS, AUTHORS, "claim", None, None, s, 0.0, "baseline")
            for i, s in enumerate(sentences(document.text))
            if s.paragraph not in document.without_content and (not paragraphs or s.paragraph in paragraphs)]


def run(corpus, extractor: str | None, doc_id: str, paragraphs: set[int] | None = None, *,
        timed: bool = False) -> Score:
    """One document (or some of its paragraphs) suggested for and scored against its gold; ``timed``:
    nothing reused from an earlier run (the cues learned afresh), as `peacekg suggest` does."""
    document = corpus.documents[doc_id]
    gold = [g for g in corpus.statements if g.document == doc_id and (not paragraphs or g.paragraph in paragraphs)]
    t, cpu = time.perf_counter(), time.process_time()
    if extractor == "baseline":
        statements, entities = baseline(corpus, doc_id, paragraphs), set()
    else:
        cls, _ = load(extractor)
        cues = learn(corpus, exclude={(doc_id, p) for p in (paragraphs or range(1, document.paragraph_count + 1))},
                     mentions_of=None if timed else corpus.__dict__.setdefault("_mentions_for_cues", {}))
        found = cls(corpus, cues=cues).extract(doc_id, paragraphs=paragraphs)
        records(corpus, found)  # every suggestion compiled by the build's code, as `peacekg suggest` does
        statements = found.statements
        entities = {m.entity for m in found.mentions}
    seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
    if paragraphs:
        chars = sum(len(document.text[slice(*document.paragraph_span(p))]) for p in paragraphs)
    else:
        chars = len(document.text)
    shown = "\n".join(document.text[slice(*document.paragraph_span(p))] for p in sorted(paragraphs)) \
        if paragraphs else document.text
    result = score([pred_of(s) for s in statements], gold, shown, corpus.entities, entities)
    result.seconds, result.cpu, result.chars = seconds, cpu, chars
    return result


def evaluate(project: Project | None = None, *, extractors=("baseline", "rules", "spacy"),
             sets: tuple[str, ...] = SETS) -> dict[tuple[str, str], Score]:
    """(set, extractor) -> its summed score; sets are "essay" and those of ``sets`` that have texts."""
    base = project or find_project()
    extractors = [e for e in extractors if e != "spacy" or spacy_installed()]
    results: dict[tuple[str, str], Score] = {}
    for which in ("essay", *sets):  # each set in a project of its own: its registry, its texts
        if which != "essay" and not text_ids(which):
            continue
        with tempfile.TemporaryDirectory() as tmp:
            corpus = load_corpus(scratch(Path(tmp), base, () if which == "essay" else (which,)))
            for extractor in extractors:
                total = Score()
                if which == "essay":
                    essay = corpus.documents[ESSAY]
                    for p in sorted({g.paragraph for g in corpus.statements if g.document == ESSAY}):
                        total.add(run(corpus, extractor, ESSAY, {p}))
                    whole = run(corpus, extractor, ESSAY, timed=True)  # timed on the whole essay
                    total.seconds, total.cpu, total.chars = whole.seconds, whole.cpu, len(essay.text)
                else:
                    for doc in text_ids(which):
                        total.add(run(corpus, extractor, doc, timed=True))
                results[(which, extractor)] = total
    order = {"baseline": 0, "rules": 1, "spacy": 2}
    return dict(sorted(results.items(), key=lambda kv: (order.get(kv[0][1], 3), ("essay", *SETS).index(kv[0][0]))))


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f} % ({a}/{b})" if b else "n/a"


def figures(s: Score) -> dict[str, float]:
    """The headline figures of one row, as fractions (what the CI test holds at floors)."""
    c = s.counts
    r = c["matched"] / c["gold"] if c["gold"] else 0.0
    p = c["matched"] / c["pred"] if c["pred"] else 0.0
    f = lambda a, b: c[a] / c[b] if c[b] else 0.0  # noqa: E731
    return {"recall": r, "precision": p, "f1": 2 * r * p / (r + p) if r + p else 0.0,
            "accept": f("accept", "gold"), "accept_acts": f("accept_acts", "gold_acts"),
            "imputed_mode": f("mode_imputed", "matched_imputed"), "hedge": f("right_hedge", "matched"),
            "polarity": f("right_polarity", "matched"), "relations": f("rel_any", "rel_gold"),
            "relations_type": f("rel_type", "rel_gold"), "mention_recall": f("m_hit", "m_gold"),
            "mention_precision": f("m_hit", "m_pred"),
            "seconds_per_10k": s.seconds / s.chars * 10_000 if s.chars else 0.0,
            "cpu_per_10k": s.cpu / s.chars * 10_000 if s.chars else 0.0}


GOALS = [("f1", 0.85, "span F1 >= 85 %"), ("accept", 0.70, "accept-as-is recall >= 70 %"),
         ("accept_acts", 0.60, "actors' acts and positions accept-as-is >= 60 %"),
         ("imputed_mode", 0.75, "imputed mode right >= 75 %"), ("hedge", 0.90, "hedge right >= 90 %"),
         ("polarity", 0.90, "polarity right >= 90 %"), ("relations", 0.50, "relation recall >= 50 %"),
         ("relations_type", 0.35, "relation of the right type >= 35 %"),
         ("mention_recall", 0.90, "mention recall >= 90 %"), ("mention_precision", 0.85, "mention precision >= 85 %")]
NAMES = {"essay": "essay (leave one paragraph out)", "dev": "development texts", "heldout": "held-out texts"}


def report(results: dict[tuple[str, str], Score]) -> str:
    lines = ["# `peacekg suggest` on texts its rules were not written from", "",
             "Made by `python -m bench.suggest`; what each figure counts is in `bench/scoring.py`'s docstring. "
             "Rows: the baseline (every sentence one authors' claim), the `rules` extractor and the `spacy` "
             "extractor (en_core_web_sm 3.8.0). The held-out texts were written by another hand and never read "
             "while the rules were written; they are reported apart.", "",
             "## Statements", "",
             "| texts | extractor | gold | suggested | recall | precision | F1 | accept-as-is | actors' acts accept-as-is | s per 10,000 chars (wall / CPU) |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for (which, name), s in results.items():
        c, f = s.counts, figures(s)
        lines.append(f"| {NAMES[which]} | {name} | {c['gold']} | {c['pred']} | {_pct(c['matched'], c['gold'])} | "
                     f"{_pct(c['matched'], c['pred'])} | {100 * f['f1']:.1f} % | {_pct(c['accept'], c['gold'])} | "
                     f"{_pct(c['accept_acts'], c['gold_acts'])} | {f['seconds_per_10k']:.2f} / {f['cpu_per_10k']:.2f} |")
    lines += ["", "## On the matched statements", "",
              "| texts | extractor | speaker | holder | mode | kind | polarity | hedge | imputed: mode | reported: mode | own: mode |",
              "|---|---|---|---|---|---|---|---|---|---|---|"]
    for (which, name), s in results.items():
        c = s.counts
        cells = [_pct(c[f"right_{k}"], c["matched"]) for k in ("speaker", "holder", "mode", "kind", "polarity", "hedge")]
        cells += [_pct(c[f"mode_{g}"], c[f"matched_{g}"]) for g in ("imputed", "reported", "own")]
        lines.append(f"| {NAMES[which]} | {name} | " + " | ".join(cells) + " |")
    lines += ["", "## Argument relations and mentions", "",
              "| texts | extractor | relations found (any type) | of the right type | mention recall | mention precision (lower bound) |",
              "|---|---|---|---|---|---|"]
    for (which, name), s in results.items():
        c = s.counts
        lines.append(f"| {NAMES[which]} | {name} | {_pct(c['rel_any'], c['rel_gold'])} | "
                     f"{_pct(c['rel_type'], c['rel_gold'])} | {_pct(c['m_hit'], c['m_gold'])} | "
                     f"{_pct(c['m_hit'], c['m_pred'])} |")
    lines += ["", "## Goals (issue 21), for the spacy extractor", "", "| goal | " +
              " | ".join(NAMES[w] for w in ("dev", "heldout", "essay") if (w, "spacy") in results) + " |",
              "|---|" + "---|" * sum((w, "spacy") in results for w in ("dev", "heldout", "essay"))]
    for key, floor, label in GOALS + [("f1_over_baseline", 0.10, "F1 at least 10 points over the baseline"),
                                      ("speed", 2.0, "<= 2 s per 10,000 characters")]:
        cells = []
        for w in ("dev", "heldout", "essay"):
            if (w, "spacy") not in results:
                continue
            f = figures(results[(w, "spacy")])
            if key == "f1_over_baseline":
                value = f["f1"] - figures(results[(w, "baseline")])["f1"]
                cells.append(f"{100 * value:+.1f} points: {'met' if value >= floor else '**not met**'}")
            elif key == "speed":
                value, cpu = f["seconds_per_10k"], f["cpu_per_10k"]
                cells.append(f"{value:.2f} s wall, {cpu:.2f} s CPU: {'met' if value <= floor else '**not met**'}"
                             f"{'' if value <= floor else ' (CPU: met)' if cpu <= floor else ''}")
            else:
                cells.append(f"{100 * f[key]:.1f} %: {'met' if f[key] >= floor else '**not met**'}")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--extractor", action="append", help="only these (baseline, rules, spacy; repeatable)")
    args = parser.parse_args()
    results = evaluate(extractors=tuple(args.extractor or ("baseline", "rules", "spacy")))
    text = report(results) + NOTES
    args.out.write_text(text, encoding="utf-8")
    print(text)


NOTES = """
## Read with care

- Timings are wall time on this machine (2 cores shared with other work), the pipeline loaded once
  beforehand; they include learning the cues and compiling every suggestion with the build's code.
  The essay's time is that of one run on the whole essay.
- The essay's rules were partly written while looking at the essay, so its figures flatter them; the
  development texts were read while the spacy extractor's lexicons were tuned; only the held-out
  texts say what a new text gets.
- Each set is scored in a project of its own (the essay alone; the development texts; the held-out
  texts), whose registry holds the set's entities (as after a curator accepted the proposed ones), so
  the mention figures measure finding and mapping names, not discovering them.
- Figures are deterministic (timings aside); `tests/test_suggest_figures.py` holds them at floors.

## The essay's fall to 18 %, and what this benchmark measures now

The earlier benchmark counted a curated statement as found when a suggestion overlapped it *with the
same kind and the same holder* (`agent`). When the model moved the authors' own statements to their
speaker (`assertedBy`, the authors by default) and dropped their `agent`, the benchmark read the
holder of 87 claims and 41 assessments as the string "None", while the rules still suggested them
with the holder `authors`: recall fell from 63 % to 18 % and precision from 69 % to 17 %, and nothing
failed because no test ran the benchmark. Now a gold statement's holder is its `agent` or, without
one, its speaker (`bench/scoring.py`), statements are matched by span (overlap of at least half the
shorter span, one to one, greedily), and kind, holder and mode are scored apart on the matched
pairs. On that footing the same rules extractor found 69.8 % of the essay's 189 statements at 89.2 %
precision (67.3 % of 199 at 90.5 % once issue 20's re-reading added statements), and the CI test
would fail on a fall like that one.
"""


if __name__ == "__main__":
    main()
