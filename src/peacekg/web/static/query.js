// The query page: YASGUI on this server's /sparql, one tab per saved query, with the
// query's description and parameters beside the editor. Everything is built with
// textContent, never from HTML strings, so a description cannot inject markup.
(function () {
  "use strict";
  var BASE = "https://w3id.org/peacekg/";
  var root = document.getElementById("yasgui");
  var prefixes = JSON.parse(document.getElementById("prefixes").textContent);
  var saved = {};       // name -> saved query (from /api/queries)
  var tabOf = {};       // name -> YASGUI tab id

  var yasgui = new Yasgui(root, {
    requestConfig: {endpoint: root.dataset.endpoint, method: "POST"},
    copyEndpointOnNewTab: true,
    persistenceId: null,                       // always start from the saved queries
    endpointCatalogueOptions: {getData: function () { return [{endpoint: root.dataset.endpoint}]; }},
    yasqe: {autocompleters: ["prefixes", "variables"], editorHeight: "240px"},  // no remote lookups
    yasr: {prefixes: prefixes, openIriInNewWindow: false}
  });

  // Links to this graph's IRIs go to this server's pages.
  function localise(yasr) {
    yasr.resultsEl.querySelectorAll("a[href^='" + BASE + "']").forEach(function (a) {
      var rest = a.getAttribute("href").slice(BASE.length);
      a.setAttribute("href", rest.indexOf("ontology#") === 0 ? "/ontology#" + rest.slice(9) : "/" + rest);
      a.removeAttribute("target");
    });
  }
  function watch(tab) {
    var yasr = tab.getYasr();
    if (yasr && !yasr.__peacekg) {
      yasr.__peacekg = true;
      yasr.on("drawn", function () { localise(yasr); });
    }
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

  // The description and parameter form of the saved query whose tab is active.
  function describe(name) {
    var current = document.getElementById("current");
    current.textContent = "";
    var query = saved[name];
    if (!query) { return; }
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
        if (!answer.ok) { message.textContent = answer.body.error; return; }
        message.textContent = "";
        var tab = yasgui.getTab(tabOf[name]);
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
      a.title = q.summary;
      a.dataset.query = q.name;
      a.addEventListener("click", function (event) {
        event.preventDefault();
        yasgui.selectTabId(tabOf[q.name]);
      });
      li.appendChild(a);
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
    var first = Object.keys(yasgui._tabs)[0];
    queries.forEach(function (q) {
      saved[q.name] = q;
      var tab = yasgui.addTab(false, {name: q.name, yasqe: {value: q.bound}});
      tabOf[q.name] = tab.getId();
    });
    if (first && queries.length) { yasgui.getTab(first).close(); }
    list(queries);
    yasgui.on("tabSelect", function (_, id) {
      var name = Object.keys(tabOf).find(function (n) { return tabOf[n] === id; });
      describe(name);
      window.setTimeout(function () { watch(yasgui.getTab(id)); }, 0);
    });
    var wanted = decodeURIComponent(window.location.hash.slice(1));
    var start = saved[wanted] ? wanted : (queries[0] && queries[0].name);
    if (start) { yasgui.selectTabId(tabOf[start]); describe(start); }
    watch(yasgui.getTab());
    root.dataset.ready = "true";
  });
})();
