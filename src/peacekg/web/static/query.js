// The query page: one SPARQL editor (YASGUI on this server's /sparql) and, beside it, the
// catalogue of saved queries: open one to load it into the editor with its description and
// parameters. Results show labels (looked up at /api/labels) and plain values, linking to the
// graph's pages. Everything is built with textContent, or escaped, never from raw strings.
// Every error shows where the results would be, in the words the CLI uses: the server's message
// for a query it refuses (line, column, the word there), and for a saved query whose answer is
// empty, each value that names nothing with the closest names (from /api/queries/<name>).
(function () {
  "use strict";
  var BASE = "https://w3id.org/peacekg/";
  var root = document.getElementById("yasgui");
  var prefixes = JSON.parse(document.getElementById("prefixes").textContent);
  var saved = {};        // name -> saved query (from /api/queries)
  var LABELS = {};       // IRI -> label, or null when it has none
  var WANTED = decodeURIComponent(window.location.hash.slice(1));  // read before YASGUI takes the hash over

  function escape(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }
  function local(iri) {
    if (iri.indexOf(BASE) !== 0) { return /^https?:/.test(iri) ? iri : null; }
    var rest = iri.slice(BASE.length);
    return rest.indexOf("ontology#") === 0 ? "/ontology#" + rest.slice(9) : "/" + rest;
  }
  function compact(iri) {
    var best = "";
    Object.keys(prefixes).forEach(function (p) {
      if (iri.indexOf(prefixes[p]) === 0 && prefixes[p].length > (prefixes[best] || "").length) { best = p; }
    });
    return best ? best + ":" + iri.slice(prefixes[best].length) : iri;
  }

  // Table cells: a label (or the prefixed IRI) linking to this server's page; literals as their value.
  var Table = Yasgui.Yasr.plugins.table;
  Table.prototype.getUriLinkFromBinding = function (binding) {
    var iri = binding.value, href = local(iri), text = LABELS[iri] || compact(iri);
    if (!href) { return "<span class='iri' title='" + escape(iri) + "'>" + escape(text) + "</span>"; }
    return "<a class='iri' href='" + escape(href) + "' title='" + escape(iri) + "'>" + escape(text) + "</a>";
  };
  Table.prototype.formatLiteral = function (binding) {
    return escape(binding.value);
  };

  // YASR reads the endpoint with new URL(), which needs an absolute one (else its error view fails).
  var endpoint = new URL(root.dataset.endpoint, window.location.href).href;
  var yasgui = new Yasgui(root, {
    requestConfig: {endpoint: endpoint, method: "POST"},
    persistenceId: null,                       // always start from the saved queries
    endpointCatalogueOptions: {getData: function () { return [{endpoint: endpoint}]; }},
    yasqe: {autocompleters: ["prefixes", "variables"], editorHeight: "260px"},  // no remote lookups
    yasr: {prefixes: prefixes, openIriInNewWindow: false}
  });

  // The message shown in place of the results: an error, or why an answer is empty.
  var NOTES = {query: null, notes: []};  // the hints of the saved query last bound, for its own text only
  function messageBox(tab) {
    var panel = tab.getYasr() && tab.getYasr().rootEl;
    if (!panel) { return null; }
    var box = panel.previousElementSibling;
    if (!box || !box.classList.contains("query-message")) {
      box = el("div", "", "query-message error");
      box.setAttribute("role", "alert");
      box.hidden = true;
      panel.parentNode.insertBefore(box, panel);
    }
    return box;
  }
  function say(tab, lines, failed) {
    var box = messageBox(tab), panel = tab.getYasr() && tab.getYasr().rootEl;
    if (!box) { return; }
    box.textContent = "";
    lines.forEach(function (line) { box.appendChild(el("p", line)); });
    box.hidden = !lines.length;
    box.dataset.kind = failed ? "error" : "hint";
    if (panel) { panel.hidden = Boolean(failed && lines.length); }  // no empty table under an error
  }
  function rowsOf(tab) {
    var yasr = tab.getYasr(), results = yasr && yasr.results;
    if (!results || !results.getBindings) { return null; }
    var bindings = results.getBindings();
    return bindings ? bindings.length : null;
  }
  function listen(tab) {
    var yasqe = tab.getYasqe();
    if (!yasqe || yasqe.__peacekg) { return; }
    yasqe.__peacekg = true;
    yasqe.on("query", function () { say(tab, [], false); root.dataset.answered = "false"; });
    yasqe.on("queryResponse", function (_, response) {
      if (response instanceof Error || (response && response.ok === false)) {  // the server's own words
        var text = (response.message || response.statusText || "the query failed").trim();
        say(tab, text.split("\n").filter(Boolean), true);
      } else {
        window.setTimeout(function () {  // once YASR has read the answer
          var empty = rowsOf(tab) === 0, own = NOTES.query === yasqe.getValue();
          say(tab, empty && own ? NOTES.notes : [], false);
        }, 0);
      }
      window.setTimeout(function () { root.dataset.answered = "true"; }, 0);
    });
  }

  // After each answer: fetch the labels of its IRIs not yet known, then draw it again with them.
  function watch(tab) {
    listen(tab);
    var yasr = tab.getYasr();
    if (!yasr || yasr.__peacekg) { return; }
    yasr.__peacekg = true;
    yasr.on("drawn", function () {
      var bindings = (yasr.results && yasr.results.getBindings && yasr.results.getBindings()) || [];
      var wanted = {};
      bindings.forEach(function (row) {
        Object.keys(row).forEach(function (v) {
          if (row[v].type === "uri" && !(row[v].value in LABELS)) { wanted[row[v].value] = true; }
        });
      });
      var iris = Object.keys(wanted).slice(0, 2000);
      if (!iris.length) { root.dataset.labelled = "true"; return; }
      root.dataset.labelled = "false";
      fetch("/api/labels", {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(iris)})
        .then(function (r) { return r.ok ? r.json() : {}; })
        .then(function (found) {
          iris.forEach(function (iri) { LABELS[iri] = found[iri] || null; });
          yasr.refresh();
        });
    });
  }

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    if (cls) { node.className = cls; }
    return node;
  }

  function bound(query, values) {
    var params = new URLSearchParams(values);
    return fetch("/api/queries/" + encodeURIComponent(query.name) + "?" + params.toString())
      .then(function (r) { return r.json().then(function (body) { return {ok: r.ok, body: body}; }); });
  }

  // Load a saved query into the editor, with its description and parameter form.
  function open(name) {
    var current = document.getElementById("current");
    current.textContent = "";
    var query = saved[name];
    document.querySelectorAll("#catalogue a[data-query]").forEach(function (a) {
      a.classList.toggle("active", a.dataset.query === name);
    });
    if (!query) { return; }
    var tab = yasgui.getTab();
    tab.setQuery(query.bound);
    current.appendChild(el("h3", query.name));
    if (query.summary) { current.appendChild(el("p", query.summary, "summary")); }
    if (query.description) { current.appendChild(el("p", query.description, "description")); }
    var form = el("form");
    query.params.forEach(function (p) {
      var label = el("label", p.name + " (" + p.kind + ")");
      var input = el("input");
      input.name = p.name;
      input.value = p.default || "";
      label.appendChild(input);
      form.appendChild(label);
    });
    var run = el("button", "Run");
    run.type = "submit";
    form.appendChild(run);
    var message = el("p", "", "error");
    form.appendChild(message);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var values = {};
      new FormData(form).forEach(function (v, k) { values[k] = v; });
      bound(query, values).then(function (answer) {
        if (!answer.ok) {  // a value refused before any query runs: said where the results would be
          message.textContent = answer.body.error;
          say(tab, [answer.body.error], true);
          root.dataset.answered = "true";
          return;
        }
        message.textContent = "";
        NOTES = {query: answer.body.text, notes: answer.body.notes || []};
        tab.setQuery(answer.body.text);
        tab.query();
      });
    });
    current.appendChild(form);
  }

  function list(queries) {
    var catalogue = document.getElementById("catalogue");
    var ul = el("ul", "", "names");
    queries.forEach(function (q) {
      var li = el("li");
      var a = el("a", q.name);
      a.href = "#" + q.name;
      a.dataset.query = q.name;
      a.addEventListener("click", function (event) {
        event.preventDefault();
        window.history.replaceState(null, "", "#" + q.name);
        open(q.name);
      });
      li.appendChild(a);
      if (q.summary) { li.appendChild(el("span", q.summary, "summary")); }
      ul.appendChild(li);
    });
    catalogue.appendChild(ul);
  }

  fetch("/api/queries").then(function (r) {
    if (!r.ok) { throw new Error("the saved queries could not be read (HTTP " + r.status + ")"); }
    return r.json();
  }).catch(function (error) {
    document.getElementById("catalogue").appendChild(el("p", String(error.message || error), "error"));
    return [];
  }).then(function (queries) {
    queries.forEach(function (q) { saved[q.name] = q; });
    list(queries);
    var start = saved[WANTED] ? WANTED : (queries[0] && queries[0].name);
    watch(yasgui.getTab());
    yasgui.on("tabSelect", function (_, id) { window.setTimeout(function () { watch(yasgui.getTab(id)); }, 0); });
    if (start) { open(start); }
    root.dataset.ready = "true";
  });
})();
