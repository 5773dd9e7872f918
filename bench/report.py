"""bench/RESULTS.md from the figures of one run: machine facts, goals, tables.

>>> ms(0.00042), ms(0.0123), ms(2.5)
('0.42 ms', '12.3 ms', '2.50 s')
>>> speedup(0.5, 0.01)
'x50'
"""

from __future__ import annotations

import os
import platform
import subprocess
import time
from pathlib import Path

ENGINE_ORDER = ("pyoxigraph", "pyoxigraph-disk", "oxigraph-server", "rdflib")
GOALS = {"cold_s": 0.2, "cold_vs_cli": 3.0, "load_s": 4.0, "reopen_s": 0.1, "rss_mb": 1024.0, "speedup": 10.0,
         "overhead": 1.1, "entity_s": 0.010, "p50_s": 0.005, "rps": 2000.0, "big_rss_mb": 8192.0}
#: The endpoint under load before this run's changes (issue 14): clients -> (p50, req/s), saved queries and pages.
LOAD_BEFORE = {10: (0.044, 260), 50: (0.070, 745), 200: (0.330, 583)}


def ms(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    if seconds < 0.001:
        return f"{seconds * 1000:.2f} ms"
    if seconds < 1:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds:.2f} s"


def speedup(reference: float | None, value: float | None, qualifier: str = "") -> str:
    """``reference / value`` as a speed-up; ``qualifier`` '>' for a lower bound, '~' for an estimate."""
    if not reference or not value:
        return ""
    ratio = reference / value
    return f"x{qualifier}{ratio:.0f}" if ratio >= 10 else f"x{qualifier}{ratio:.1f}"


def machine() -> dict:
    """Facts about this machine and the software measured."""
    import pyoxigraph
    import rdflib
    import SPARQLWrapper

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next((int(line.split()[1]) // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), None)
    oxigraph = subprocess.run([_tool("oxigraph"), "--version"], capture_output=True, text=True).stdout.strip()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=Path(__file__).parent).stdout.strip()
    return {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "cpu": cpu, "cores": os.cpu_count(),
            "memory_mb": mem, "os": f"{platform.system()} {platform.release()}",
            "python": platform.python_version(), "pyoxigraph": pyoxigraph.__version__, "rdflib": rdflib.__version__,
            "SPARQLWrapper": SPARQLWrapper.__version__, "oxigraph": oxigraph, "commit": commit,
            "load_average": " ".join(f"{x:.2f}" for x in os.getloadavg())}


def _tool(name: str) -> str:
    from .cold import tool

    return tool(name)


def _q(engine: dict, name: str) -> dict:
    return (engine.get("queries") or {}).get(name) or {}


def _reference(figures: dict) -> float | None:
    """rdflib's time for the ratios: measured, or the cap / prediction it is known to exceed."""
    return {"ok": figures.get("median_s"), "timeout": figures.get("limit_s"),
            "predicted": figures.get("predicted_s")}.get(figures.get("status"))


def _qualifier(figures: dict) -> str:
    if figures.get("status") == "timeout" or figures.get("basis") in ("stopped", "predicted"):
        return ">"
    return "~" if figures.get("status") == "predicted" else ""


def cell(figures: dict, reference: float | None, qualifier: str = "") -> str:
    status = figures.get("status")
    if status == "ok":
        text = ms(figures["median_s"])
        if figures.get("runs", 0) < 2:
            text += f" ({figures.get('runs', 0) + 1} run)"
        ratio = speedup(reference, figures["median_s"], qualifier)
        return f"{text} ({ratio})" if ratio else text
    if status == "timeout":
        return f"> {figures['limit_s']:.0f} s (stopped)"
    if status == "predicted":
        if figures["basis"] == "measured":
            return (f"~{ms(figures['predicted_s'])}: not run ({ms(figures['basis_s'])} at {figures['from']}, "
                    f"in proportion over the {figures['limit_s']:.0f} s cap)")
        return (f"> {figures['limit_s']:.0f} s: not run (over {ms(figures['basis_s'])} at {figures['from']} "
                f"already)")
    if status == "budget":
        return "not run (budget)"
    if status == "error":
        return f"error: {figures['error'][:80]}"
    return "-"


def size_section(label: str, entry: dict, queries: dict) -> list[str]:
    engines = entry["engines"]
    out = [f"## {label} triples", "",
           f"Corpus: {entry['triples']:,} quads, {entry['bytes'] / 1e6:.0f} MB of N-Quads, generated in "
           f"{entry['generate_s']:.1f} s.", "",
           "| engine | load | reopen | peak RSS | load vs rdflib |", "|---|---|---|---|---|"]
    rd = engines.get("rdflib", {})
    for name in ENGINE_ORDER:
        e = engines.get(name)
        if not e:
            continue
        if "error" in e and "queries" not in e:
            out.append(f"| {name} | error: {e['error'][-120:]} | | | |")
            continue
        rss = e.get("server_peak_rss_mb") or e.get("peak_rss_mb")
        where = " (server)" if e.get("server_peak_rss_mb") else ""
        load = ms(e.get("load_s")) + (f" (median of 3; strict `bulk_load` {ms(e['strict_load_s'])})"
                                      if e.get("strict_load_s") else "")
        out.append(f"| {name} | {load} | {ms(e.get('reopen_s'))} | {rss:.0f} MB{where} | "
                   f"{speedup(rd.get('load_s'), e.get('load_s'))} |")
    out += ["", "Median of the warm runs of each saved query (its speed-up over rdflib in brackets); "
            "`run_query` is the same query through peacekg's API on the same store, with its overhead over "
            "pyoxigraph's own `Store.query`. Every engine runs the text peacekg runs: the saved query with "
            "its default parameters in a VALUES clause opening its WHERE group.", "",
            "| query | rows | pyoxigraph | run_query (overhead) | pyoxigraph-disk | oxigraph-server | rdflib |",
            "|---|---|---|---|---|---|---|"]
    for name in queries:
        ref = _reference(_q(rd, name))
        ox = _q(engines.get("pyoxigraph", {}), name)
        rows = {e: _q(engines.get(e, {}), name).get("rows") for e in ENGINE_ORDER}
        known = {r for r in rows.values() if r is not None}
        row_text = str(known.pop()) if len(known) == 1 else " / ".join(f"{e}: {r}" for e, r in rows.items() if r is not None) + " (differ!)"
        own = ox.get("peacekg_median_s")
        overhead = f"{ms(own)} (x{own / ox['median_s']:.2f})" if own and ox.get("median_s") else "-"
        cells = [cell(_q(engines.get(e, {}), name), ref, _qualifier(_q(rd, name))) for e in ENGINE_ORDER]
        mark = " *" if queries[name].get("one_entity") else ""
        out.append(f"| {name}{mark} | {row_text} | {cells[0]} | {overhead} | {cells[1]} | {cells[2]} | {cells[3]} |")
    entity = [n for n, info in queries.items() if info.get("one_entity")]
    ox_all = engines.get("pyoxigraph", {})
    if entity and ox_all.get("queries"):
        out += ["", "One-entity queries on pyoxigraph in memory: the whole answer with the parameters bound as "
                "peacekg binds them (a VALUES clause opening the WHERE group) and, for comparison, by a VALUES "
                "clause trailing the query (as before issue 6); then one page of 50 rows through "
                "`run_query(limit=50)` (`peacekg query --limit 50`), the first and one from the middle of the answer.", "",
                "| query | rows | whole answer | trailing VALUES | same rows | first page | page in the middle |",
                "|---|---|---|---|---|---|---|"]
        for name in entity:
            f = _q(ox_all, name)
            same = "-" if f.get("trailing_rows") is None else ("yes" if f.get("trailing_rows") == f.get("rows") else
                                                               f"**no** ({f.get('trailing_rows')} rows)")
            deep = f"{ms(f.get('deep_paged_median_s'))} (offset {f.get('deep_offset')})" if f.get("deep_paged_median_s") else "-"
            out.append(f"| {name} | {f.get('rows', '-')} | {cell(f, None)} | {ms(f.get('trailing_median_s'))} | {same} | "
                       f"{ms(f.get('paged_median_s'))} | {deep} |")
    out += ["", "`*` a query about one entity or statement (an IRI parameter whose default is a registry entity or a statement).", ""]
    return out


def _met(ok: bool | None) -> str:
    return "n/a" if ok is None else ("yes" if ok else "**no**")


def _size_with(results: dict, engine: str, most: int = 1_000_000) -> str | None:
    """The largest size, up to ``most`` triples, at which ``engine`` ran."""
    from .generate import parse_size

    labels = [label for label, entry in results["sizes"].items()
              if engine in entry["engines"] and parse_size(label) <= most]
    return max(labels, key=parse_size) if labels else None


def _load_goals(results: dict) -> list[str]:
    run = results.get("load_run") or {}
    if not run.get("targets"):
        return [f"| the endpoint under load | p50 <= 5 ms at 10, >= 2,000 req/s at 50 | "
                f"{run.get('error', 'not run')} | n/a |"]
    out = []
    for clients, key, goal, ok in ((10, "p50_s", "p50 <= 5 ms", lambda f: f["p50_s"] <= GOALS["p50_s"]),
                                   (50, "rps", ">= 2,000 req/s", lambda f: f["rps"] >= GOALS["rps"])):
        figures = {name: next((f for f in runs if f["clients"] == clients), None)
                   for name, runs in run["targets"].items()}
        shown = "; ".join(f"{name.split(' (')[0]}: " + (ms(f["p50_s"]) if key == "p50_s" else f"{f['rps']:,.0f} req/s")
                          for name, f in figures.items() if f)
        met = all(ok(f) for name, f in figures.items() if f and not name.startswith("search"))
        out.append(f"| endpoint, {clients} concurrent clients, saved queries and pages (search beside) | {goal} | "
                   f"{shown} | {_met(met)} |")
    return out


def goals_section(results: dict) -> list[str]:
    cli, out = results.get("cli", {}), []
    pk, ox = cli.get("peacekg", {}).get("median_s"), cli.get("oxigraph", {}).get("median_s")
    out += ["## Goals", "", "| goal | target | measured | met |", "|---|---|---|---|",
            f"| cold `peacekg query {cli.get('query')}` on the essay | <= 0.2 s | {ms(pk)} | "
            f"{_met(pk <= GOALS['cold_s'] if pk else None)} |",
            f"| ... against the `oxigraph query` CLI | <= 3x | "
            f"{f'x{pk / ox:.1f} ({ms(ox)})' if pk and ox else '-'} | {_met(pk / ox <= GOALS['cold_vs_cli'] if pk and ox else None)} |"]
    if not results["sizes"]:
        return out + _load_goals(results) + [""]
    label = _size_with(results, "pyoxigraph") or list(results["sizes"])[-1]
    entry = results["sizes"][label]
    engines = entry["engines"]
    mem, disk, rd = engines.get("pyoxigraph", {}), engines.get("pyoxigraph-disk", {}), engines.get("rdflib", {})
    load, reopen = mem.get("load_s"), (entry.get("store") or {}).get("reopen", {}).get("median_s")
    rss = mem.get("peak_rss_mb")
    strict = f" (median of 3, `Store.load(lenient=True)`; strict `bulk_load` {ms(mem['strict_load_s'])})" \
        if mem.get("strict_load_s") else ""
    out += [f"| load {label} N-Quads into pyoxigraph | <= 4 s | {ms(load)}{strict} | "
            f"{_met(load <= GOALS['load_s'] if load else None)} |",
            f"| reopen the {label} on-disk store (`open_store`, fresh process) | <= 0.1 s | {ms(reopen)} "
            f"(raw `Store.read_only` {ms(disk.get('reopen_s'))}) | {_met(reopen <= GOALS['reopen_s'] if reopen else None)} |",
            f"| peak memory, pyoxigraph at {label} | <= 1 GB | {rss:.0f} MB |" + f" {_met(rss <= GOALS['rss_mb'])} |"
            if rss else f"| peak memory at {label} | <= 1 GB | - | n/a |"]
    slow, far, fast = [], [], 0
    for name, info in results["queries"].items():
        q, r = _q(mem, name), _q(rd, name)
        if q.get("status") != "ok":
            slow.append(f"{name} (pyoxigraph: {q.get('status')})")
            continue
        ref = _reference(r)
        if ref is not None:
            if ref / q["median_s"] >= GOALS["speedup"]:
                fast += 1
            else:
                slow.append(f"{name} ({speedup(ref, q['median_s'], _qualifier(r))})")
        else:
            slow.append(f"{name} (rdflib {r.get('status', 'not run')})")
        if info.get("one_entity"):
            worst = max(t for t in (q.get("paged_median_s"), q.get("deep_paged_median_s")) if t is not None) \
                if q.get("paged_median_s") is not None else q["median_s"]
            if worst > GOALS["entity_s"]:
                far.append(f"{name} ({ms(worst)})")
    n = len(results["queries"])
    entity = [name for name, info in results["queries"].items() if info.get("one_entity")]
    out.append(f"| every saved query >= 10x faster than rdflib at {label} | {n} of {n} | {fast} of {n}"
               f"{': not ' + ', '.join(slow) if slow else ''} | {_met(not slow)} |")
    for at in [lab for lab in results["sizes"] if lab in ("100k", "1m")] or [label]:
        heavy, worst = [], 0.0
        for name in results["queries"]:
            q = _q(results["sizes"][at]["engines"].get("pyoxigraph", {}), name)
            own = q.get("peacekg_median_s")
            if own and q.get("median_s"):
                worst = max(worst, own / q["median_s"])
                if own / q["median_s"] > GOALS["overhead"]:
                    heavy.append(f"{name} (x{own / q['median_s']:.2f})")
        out.append(f"| `run_query` / `Store.query` at {at}, every saved query | <= 1.1x | "
                   f"{'over: ' + ', '.join(heavy) if heavy else f'all within (worst x{worst:.2f})'} | "
                   f"{_met(not heavy if worst else None)} |")
    out.append(f"| one-entity queries at {label}, a page of 50 rows (first, and from the middle) | <= 10 ms | "
               f"{'over: ' + ', '.join(far) if far else ', '.join(entity) + ' within'} | "
               f"{_met(not far if entity else None)} |")
    out += _load_goals(results)
    from .generate import parse_size

    for big in [lab for lab in results["sizes"] if parse_size(lab) > 1_000_000]:
        for name in ("pyoxigraph-disk", "oxigraph-server"):
            e = results["sizes"][big]["engines"].get(name)
            if not e:
                out.append(f"| {big}: {name} | load, peak memory <= 8 GB | not run | n/a |")
                continue
            if "error" in e and "queries" not in e:
                out.append(f"| {big}: {name} | load, peak memory <= 8 GB | error: {e['error'][-100:]} | **no** |")
                continue
            peak = e.get("server_peak_rss_mb") or e.get("peak_rss_mb")
            done = sum(1 for q in (e.get("queries") or {}).values() if q.get("status") == "ok")
            reopen = f", reopen {ms(e['reopen_s'])}" if e.get("reopen_s") else ""
            out.append(f"| {big}: {name} | peak memory <= 8 GB | load {ms(e.get('load_s'))}{reopen}, peak "
                       f"{peak:,.0f} MB, {done} of {n} queries measured | {_met(peak <= GOALS['big_rss_mb'])} |")
    return out + [""]


def growth_section(results: dict) -> list[str]:
    """How each query's median grows with the corpus, per engine that ran at every size."""
    from .generate import parse_size

    labels = sorted(results["sizes"], key=parse_size)
    if len(labels) < 2:
        return []
    out = ["## Growth with the data", "",
           "Median of each saved query at each size (the same figures as the tables below); the last column is "
           "the factor from the largest size but one to the largest (10 for a tenfold corpus means it grows in "
           "proportion). pyoxigraph in memory runs up to 1M, the on-disk store and the server at every size.", ""]
    for engine in ("pyoxigraph", "pyoxigraph-disk", "oxigraph-server"):
        have = [lab for lab in labels if engine in results["sizes"][lab]["engines"]]
        if len(have) < 2:
            continue
        out += [f"**{engine}**", "", "| query | " + " | ".join(have) + f" | {have[-2]} -> {have[-1]} |",
                "|---|" + "---|" * (len(have) + 1)]
        for name in results["queries"]:
            figs = [_q(results["sizes"][lab]["engines"][engine], name) for lab in have]
            cells = [ms(f["median_s"]) if f.get("status") == "ok" else
                     ("over the cap" if f.get("status") in ("timeout", "predicted") else
                      "not run (budget)" if f.get("status") == "budget" else "-") for f in figs]
            a, b = figs[-2].get("median_s"), figs[-1].get("median_s")
            growth = f"x{b / a:.1f}" if a and b and figs[-1].get("status") == "ok" else "-"
            out.append(f"| {name} | " + " | ".join(cells) + f" | {growth} |")
        out.append("")
    return out


def load_section(results: dict) -> list[str]:
    run = results.get("load_run")
    if not run:
        return []
    out = ["## The endpoint under load", "",
           "`peacekg serve` on 127.0.0.1 (the essay graph, "
           f"{run.get('workers', '?')} query workers), kept-alive HTTP/1.1 connections each sending its next "
           f"request when the last answer is read, {run.get('seconds', 0):g} s per row (`bench/load.py`). The clients "
           "are Python on the same two cores, so they take CPU from the server. Before this issue's changes "
           "(same machine, one earlier run, saved queries and pages): p50 44 ms at 10 clients (260 req/s), "
           "70 ms at 50 (745 req/s), 330 ms at 200 (583 req/s), 0 errors.", ""]
    if "error" in run:
        return out + [f"Not measured: {run['error']}", ""]
    out += ["| target | clients | requests | req/s | p50 | p99 | errors |", "|---|---|---|---|---|---|---|"]
    for name, runs in run["targets"].items():
        for f in runs:
            out.append(f"| {name} | {f['clients']} | {f['requests']:,} | {f['rps']:,.0f} | {ms(f['p50_s'])} | "
                       f"{ms(f['p99_s'])} | {f['errors']} |")
    return out + [""]


def cli_section(results: dict) -> list[str]:
    cli = results.get("cli", {})
    def row(title, fig):
        if not fig:
            return f"| {title} | - | - |"
        if "error" in fig:
            return f"| {title} | error: {fig['error'][-150:]} | |"
        return f"| {title} | {ms(fig['median_s'])} | {ms(fig['first_s'])} |"
    return ["## Cold start on the essay graph", "",
            f"Wall time of a fresh process, median of {results['args']['cold_runs']} runs (and the first run; "
            "`peacekg build`: 1 run with --quick, else 3), with Python caching bytecode as it does by default.",
            "", "| command | median | first |", "|---|---|---|",
            row("`python -c pass` (the floor)", cli.get("python_pass")),
            row("`python -c 'import peacekg.cli.fast, peacekg.query.run'` (what `peacekg query` imports)",
                cli.get("imports")),
            row(f"`peacekg query {cli.get('query')}` ({cli.get('peacekg_rows')} rows)", cli.get("peacekg")),
            row(f"`oxigraph query` on an oxigraph store of the same files, same query ({cli.get('oxigraph_rows')} rows)",
                cli.get("oxigraph")),
            row(f"`peacekg suggest {cli.get('suggest_document', '')}` (suggestions for the whole essay, written aside)",
                cli.get("suggest")),
            row("`peacekg build` (SHACL and HermiT included)", cli.get("build")),
            row("`peacekg build --no-reason`", cli.get("build_no_reason")), ""]


def store_section(results: dict) -> list[str]:
    out = ["## Reopening a built store against parsing the Turtle", "",
           "`open_store()` in a fresh process: parsing every file into memory, against building the on-disk "
           "cache once and reopening it read-only (median of the runs; the import of peacekg is not counted).", "",
           "| graph | Turtle | parse | build the cache (once) | reopen | query in memory | query reopened |",
           "|---|---|---|---|---|---|---|"]
    rows = [("essay", results.get("store_essay"))]
    rows += [(f"{label} corpus", e["store"]) for label, e in results["sizes"].items() if e.get("store")]
    for title, s in rows:
        if not s:
            continue
        q = f" ({s['query']})" if s.get("query") else ""
        out.append(f"| {title}, {s['parse'].get('triples', 0):,} triples | {s['bytes'] / 1e6:.1f} MB | "
                   f"{ms(s['parse'].get('median_s'))} | {ms(s['cache_build'].get('median_s'))} | "
                   f"{ms(s['reopen'].get('median_s'))} | {ms(s.get('query_memory_s'))}{q} | {ms(s.get('query_reopened_s'))} |")
    return out + [""]


NOTES = """## Reading the figures

- **Corpora.** Each corpus is the real graph (ontology, registry, links, the essay) plus synthetic
  documents, each a copy of the essay's graph (statement nodes of every class with their qualifiers,
  evidence with quote and position selectors, direct triples) in which each registry entity is kept
  with probability 0.25 or replaced by a synthetic entity of its class (`bench/generate.py`). So
  Russia, the default of `actor-statements`, is an agent in about a quarter of the documents, and
  the answer of a one-entity query grows with the corpus; the rows column shows by how much. There
  is no Wikidata cache graph in the corpora (none is committed), so the `wikidata-*` queries that
  read it answer nothing.
- **Parameters.** peacekg binds a saved query's parameters with a VALUES clause that opens the WHERE
  group (`peacekg.query.run.bound_text`). Before this benchmark the clause trailed the query; Oxigraph joins
  a trailing VALUES after the whole pattern, so a one-statement query scanned every statement first
  (the one-entity table at each size compares the two). `statement-evidence` also needed its
  required patterns before its OPTIONALs: a pattern after an OPTIONAL is joined after it.
- **One-entity queries** read every row of their answer: at 1M triples Russia is the agent of over
  a thousand statements (the rows column), and `actor-statements` returns them all, with three
  OPTIONALs and a sort. A page of 50 (`peacekg query --limit 50 --offset N`, `run_query(limit=,
  offset=)`, and the web explorer's `?page=N` of a resource's statements) is what a person reads;
  the one-entity table times the first page and one from the middle of the answer. Oxigraph still
  evaluates and sorts the whole answer before it cuts a page (ORDER BY needs every row), so a page
  costs less than the whole answer by what reading the rows into Python costs, not by the share of
  rows it keeps; a page in a subquery would not see the parameter's VALUES clause (see the UNION
  note), so the page's time grows with the entity's degree.
- **Class hierarchies.** The build writes every class each resource belongs to, its stated one and
  each above it, as its own named graph, `graph/closure.ttl` (`peacekg.compile.closure`; the
  corpora get theirs from `bench/generate.py`), under `pko:instanceOf` rather than `rdf:type`, so
  that `?x a ?class` still answers with the stated class only. `mechanisms-of-class`,
  `mechanism-taxonomy`, `organisations` and `wikidata-place-population` match
  `?x pko:instanceOf pko:Guarantee` instead of walking `rdfs:subClassOf*`, Oxigraph's weakest
  pattern. `peacekg push` sends the file, so the queries give the same rows on a server.
- **UNION beside a parameter.** Oxigraph evaluates a UNION apart from the VALUES clause that binds a
  parameter and joins the two afterwards, so a UNION whose branches use the parameter reads every
  triple of its pattern. `proposals` took 6.3 s at 1M for its rejecters (a UNION inside an
  OPTIONAL); a property path (`pko:rejectedBy|^pko:rejectionOf/pko:agent`) gives the same rows in
  0.16 s, on Virtuoso too. `statements-about` keeps its UNION (the entity, or its government in one
  hop): the path `pko:ofState?` answers it in 6 ms at 1M against some 250 ms, but Virtuoso 7.2
  answers the path with no rows (tests/test_virtuoso.py), and a saved query must give the same rows
  on every SPARQL 1.1 server.
- **Load.** peacekg parses its own build output, checked when it was written, with `Store.load(...,
  lenient=True)`: no IRI or literal is validated again, and for a store in memory `load` is faster
  than `bulk_load` (which builds its own sorted runs). The load figure is the median of three such
  loads of the corpus's N-Quads, beside one strict `bulk_load` (every IRI validated).
- **peacekg's overhead.** `run_query` returns a `Result` that keeps pyoxigraph's solutions as
  pyoxigraph gives them, read to the last (the query has run to its end; `len()` counts them), and
  makes tuples of terms only when rows are read; it writes the W3C formats with pyoxigraph's own
  serialisers when asked (an unread answer straight out). The run_query column is
  `len(run_query(...))`: the answer taken whole into a `Result`; the baseline reads every term of
  every row and keeps none. Per call peacekg adds some 10 microseconds (binding the defaults, the
  VALUES clause, the lexical scan; each remembered for a saved query), no search for the project
  when a store is given, and the graph's prefixes only for a query that does not declare its own
  (passing them cost a small query a seventh). Keeping a long answer's solutions alive costs more
  than letting each go, which is what is left on answers of tens of thousands of rows.
- **Cold start.** `peacekg query` is handled by `peacekg/cli/fast.py` without importing click, and
  peacekg's records are named tuples, not dataclasses (whose import of `inspect` took a tenth of
  the start); `tests/test_query_cli.py` fails if click, dataclasses, inspect, PyYAML (unless a
  default is needed), decimal or datetime enter a plain query. What is left is Python's own start
  (the first row), pyoxigraph's import and the parse of the essay; the Rust CLI pays for none of that.
- **This wave's features.** `peacekg suggest` on the essay is in the cold-start table; search by
  prefix (the search box's `/api/search?q=`) is in the load run; reconciling a batch of 100 names
  is not measured: it asks Wikidata's endpoint, and the benchmark runs offline (the candidates'
  offline cache answers only names already asked). `bench/SUGGEST.md` has the suggestions' quality.
- **Past 1M triples.** Only pyoxigraph's on-disk store and the Oxigraph server run at 10M, with one
  warm run per query and a cap of 60 s; a query whose time at 1M, grown tenfold, passes the cap is
  not run. rdflib is left out past 1M: it took over a minute and 2.2 GB to load 1M and over its cap
  on most queries there already (a tenfold corpus would need some 20 GB and hours), and
  pyoxigraph in memory is the engine of the smaller sizes (its 10M would be the disk store's
  figures with more memory). The endpoint's load run is on the essay graph.
- **The store cache.** Reopening a built on-disk store takes milliseconds at any size, where parsing
  grows with the graph; but queries on the on-disk store are slower than in memory (the
  pyoxigraph-disk column), so the cache pays for short runs (a CLI query, a worker start) on a big
  graph, and is used above 1 MB of Turtle only.
- **rdflib.** Its time limit is in proportion to the corpus; a query over it at one size is not run
  at the next (its time there is at least the limit grown in proportion); `~` marks a time estimated
  that way from a measured one, `>` a lower bound. Where an engine's row count differs from the
  others', the rows column says so.
"""


def render(results: dict) -> str:
    m = results.get("machine", {})
    args = results["args"]
    lines = ["# Benchmark results", "",
             f"Produced by `{results.get('command', 'python -m bench')}` (sizes {args['sizes']}) on {m.get('date')} in "
             f"{results.get('wall_s', 0) / 60:.1f} minutes; every figure below comes from that run. "
             "Regenerate with the same command (see README, *Benchmarks*).", "",
             f"Machine: {m.get('cpu')}, {m.get('cores')} cores, {m.get('memory_mb')} MB RAM, {m.get('os')}; "
             f"load average at start {m.get('load_average')} (the machine is shared). Python {m.get('python')}, "
             f"pyoxigraph {m.get('pyoxigraph')}, rdflib {m.get('rdflib')}, SPARQLWrapper {m.get('SPARQLWrapper')}, "
             f"{m.get('oxigraph')}; peacekg at {m.get('commit')}.", "",
             f"Method: one process per engine and size; each query once cold, then {args['repeats']} warm runs "
             "(21 when the cold run takes under 10 ms, 2 when it takes over 1 s, none over 10 s; at 1M, 2 for "
             "every engine but pyoxigraph in memory), "
             "median of the warm runs; every answer is read to the "
             f"last term. A query is stopped after {args['cap']:.0f} s at 1M "
             "triples (in proportion at smaller sizes, 10 s at least; rdflib's Python code can be interrupted, "
             "pyoxigraph's cannot, so a slow one finishes); one whose time at a smaller size, grown in proportion "
             "to the data, passes the cap is not run again and is shown as over it; the whole run has a budget of "
             f"{args['budget']:.0f} s, and rdflib runs last at each size on what is left. Peak memory is the "
             "process's maximum RSS (for the server, the server's own).", ""]
    if results.get("federated"):
        lines += [f"Not benchmarked: {', '.join(results['federated'])} (federated: it asks a remote service, "
                  "and the benchmark runs offline).", ""]
    lines += goals_section(results) + cli_section(results) + store_section(results) + load_section(results)
    lines += growth_section(results)
    for label, entry in results["sizes"].items():
        lines += size_section(label, entry, results["queries"])
    lines += [NOTES]
    return "\n".join(lines).rstrip() + "\n"
