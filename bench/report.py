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
GOALS = {"cold_s": 0.2, "cold_vs_cli": 5.0, "load_s": 5.0, "reopen_s": 0.1, "rss_mb": 1024.0, "speedup": 10.0,
         "overhead": 1.2, "entity_s": 0.020}


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
        load = ms(e.get("load_s")) + (f" (median of 3; lenient {ms(e['lenient_load_s'])})" if e.get("lenient_load_s") else "")
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
        out += ["", "One-entity queries on pyoxigraph in memory, with the parameters bound as peacekg binds them "
                "(a VALUES clause opening the WHERE group) and, for comparison, by a VALUES clause trailing the "
                "query (as before this benchmark).", "",
                "| query | VALUES opening WHERE (peacekg) | trailing VALUES | same rows |", "|---|---|---|---|"]
        for name in entity:
            f = _q(ox_all, name)
            same = "-" if f.get("trailing_rows") is None else ("yes" if f.get("trailing_rows") == f.get("rows") else
                                                               f"**no** ({f.get('trailing_rows')} rows)")
            out.append(f"| {name} | {cell(f, None)} | {ms(f.get('trailing_median_s'))} | {same} |")
    out += ["", "`*` a query about one entity or statement (an IRI parameter whose default is a registry entity or a statement).", ""]
    return out


def _met(ok: bool | None) -> str:
    return "n/a" if ok is None else ("yes" if ok else "**no**")


def goals_section(results: dict) -> list[str]:
    cli, out = results.get("cli", {}), []
    pk, ox = cli.get("peacekg", {}).get("median_s"), cli.get("oxigraph", {}).get("median_s")
    out += ["## Goals", "", "| goal | target | measured | met |", "|---|---|---|---|",
            f"| cold `peacekg query {cli.get('query')}` on the essay | <= 0.2 s | {ms(pk)} | "
            f"{_met(pk <= GOALS['cold_s'] if pk else None)} |",
            f"| ... against the `oxigraph query` CLI | <= 5x | "
            f"{f'x{pk / ox:.1f} ({ms(ox)})' if pk and ox else '-'} | {_met(pk / ox <= GOALS['cold_vs_cli'] if pk and ox else None)} |"]
    if not results["sizes"]:
        return out + [""]
    label = list(results["sizes"])[-1]
    entry = results["sizes"][label]
    engines = entry["engines"]
    mem, disk, rd = engines.get("pyoxigraph", {}), engines.get("pyoxigraph-disk", {}), engines.get("rdflib", {})
    load, reopen = mem.get("load_s"), (entry.get("store") or {}).get("reopen", {}).get("median_s")
    rss = mem.get("peak_rss_mb")
    lenient = f" (median of 3; `lenient=True` {ms(mem['lenient_load_s'])})" if mem.get("lenient_load_s") else ""
    out += [f"| load {label} N-Quads into pyoxigraph | <= 5 s | {ms(load)}{lenient} | "
            f"{_met(load <= GOALS['load_s'] if load else None)} |",
            f"| reopen the {label} on-disk store (`open_store`, fresh process) | <= 0.1 s | {ms(reopen)} "
            f"(raw `Store.read_only` {ms(disk.get('reopen_s'))}) | {_met(reopen <= GOALS['reopen_s'] if reopen else None)} |",
            f"| peak memory, pyoxigraph at {label} | <= 1 GB | {rss:.0f} MB |" + f" {_met(rss <= GOALS['rss_mb'])} |"
            if rss else f"| peak memory at {label} | <= 1 GB | - | n/a |"]
    slow, heavy, far, fast = [], [], [], 0
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
        own = q.get("peacekg_median_s")
        if own and own / q["median_s"] > GOALS["overhead"]:
            heavy.append(f"{name} (x{own / q['median_s']:.2f})")
        if info.get("one_entity") and q["median_s"] > GOALS["entity_s"]:
            far.append(f"{name} ({ms(q['median_s'])})")
    n = len(results["queries"])
    entity = [name for name, info in results["queries"].items() if info.get("one_entity")]
    out += [f"| every saved query >= 10x faster than rdflib at {label} | {n} of {n} | {fast} of {n}"
            f"{': not ' + ', '.join(slow) if slow else ''} | {_met(not slow)} |",
            f"| peacekg's overhead over pyoxigraph (`run_query` / `Store.query`) | <= 1.2x | "
            f"{'over: ' + ', '.join(heavy) if heavy else 'all within'} | {_met(not heavy)} |",
            f"| one-entity queries at {label}, median | <= 20 ms | "
            f"{'over: ' + ', '.join(far) if far else ', '.join(entity) + ' within'} | {_met(not far if entity else None)} |", ""]
    return out


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
            row("`python -c 'import peacekg.cli, peacekg.cli.query, peacekg.query.run'` (what `peacekg query` imports)",
                cli.get("imports")),
            row(f"`peacekg query {cli.get('query')}` ({cli.get('peacekg_rows')} rows)", cli.get("peacekg")),
            row(f"`oxigraph query` on an oxigraph store of the same files, same query ({cli.get('oxigraph_rows')} rows)",
                cli.get("oxigraph")),
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
  OPTIONALs and a sort (some 30 µs a row). Staying under 20 ms for so popular an entity would take
  a page parameter (LIMIT/OFFSET) in the saved query.
- **Class hierarchies.** `mechanisms-of-class` and `mechanism-taxonomy` walk `rdfs:subClassOf*`,
  pyoxigraph's weakest pattern: their lead over rdflib is the smallest (about 10x at 1M, on either
  side of the goal from run to run). It would take the build writing the types the ontology
  implies (every superclass as an `rdf:type`), so that the queries match a type instead of a path.
- **Load.** pyoxigraph's `bulk_load` validates every IRI; `lenient=True` skips that, for data one
  trusts (peacekg's own build output). The load figure is the median of three strict loads.
- **peacekg's overhead.** `run_query` returns a `Result` that holds the answer as W3C SPARQL JSON:
  pyoxigraph serialises every answer to JSON and parses it back (`peacekg/results.py`), which costs
  about as much again as reading the rows, plus a fixed few tenths of a millisecond per call
  (finding the project, binding, paths). Meeting 1.2x would take a `Result` that keeps the terms it
  reads from pyoxigraph's solutions and writes JSON only when asked to serialise.
- **Cold start.** `peacekg query` pays Python's start, the imports of click, pyoxigraph and peacekg
  (the row above shows them alone), then parses the essay's Turtle and runs the query; the Rust
  CLI pays for none of that. Reopening a cached on-disk store is no faster than parsing the essay,
  so the essay stays in memory; closing the gap to 5x would take a query path without click and
  dataclasses' import of `inspect`.
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
             "(2 when a run takes over 1 s, none over 10 s; at 1M, 2 for every engine but pyoxigraph in memory), "
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
    lines += goals_section(results) + cli_section(results) + store_section(results)
    for label, entry in results["sizes"].items():
        lines += size_section(label, entry, results["queries"])
    lines += [NOTES]
    return "\n".join(lines).rstrip() + "\n"
