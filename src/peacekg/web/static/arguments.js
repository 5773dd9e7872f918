// A document's argument map, drawn by Cytoscape.js from the JSON the page carries:
// statements as boxes (their speaker below the summary), relations as labelled arrows.
// Layered by the text: one row per paragraph, top to bottom, each row's statements left to
// right in the order the text makes them, so a reader finds a passage where it stands in the
// essay. It opens readable (boxes at their own size, the first paragraphs in view), with zoom
// buttons; a click shows a statement's neighbourhood and its relations in the side panel; the
// relation types can be switched off one by one.
(function () {
  "use strict";
  var container = document.getElementById("argument-map");
  var data = document.getElementById("argument-data");
  if (!container || !data || typeof cytoscape === "undefined") { return; }
  var COLUMN = 210, ROW = 120, START_ZOOM = 1;
  var elements = JSON.parse(data.textContent);
  var nodes = elements.filter(function (e) { return !e.data.source; });
  var edges = elements.filter(function (e) { return e.data.source; });

  // Rows by paragraph, columns by the text's order within the paragraph.
  var byParagraph = {};
  nodes.forEach(function (n) {
    var d = n.data;
    d.caption = d.label + "\n— " + d.speaker + " (" + d.mode + ", ¶" + d.paragraph + ")";
    (byParagraph[d.paragraph] = byParagraph[d.paragraph] || []).push(n);
  });
  Object.keys(byParagraph).map(Number).sort(function (a, b) { return a - b; }).forEach(function (p, row) {
    byParagraph[p].sort(function (a, b) { return a.data.start - b.data.start || (a.data.id < b.data.id ? -1 : 1); })
      .forEach(function (n, column) { n.position = {x: column * COLUMN + (row % 2) * COLUMN / 3, y: row * ROW}; });
  });

  var cy = cytoscape({
    container: container,
    elements: nodes.concat(edges),
    minZoom: 0.1, maxZoom: 3, wheelSensitivity: 0.3,
    style: [
      {selector: "node", style: {
        "shape": "round-rectangle", "label": "data(caption)", "text-wrap": "wrap", "text-max-width": 170,
        "font-size": 9, "text-valign": "center", "color": "#1f2933", "width": 180, "height": 64,
        "background-color": "#eef2f7", "border-width": 1, "border-color": "#3b6ea5"}},
      {selector: "node[?authors]", style: {"border-style": "solid"}},
      {selector: "node[!authors]", style: {"border-style": "dashed", "border-color": "#c2410c", "border-width": 2}},
      {selector: "edge", style: {
        "label": "data(label)", "font-size": 8, "color": "#52606d", "curve-style": "bezier",
        "target-arrow-shape": "triangle", "width": 1.2, "line-color": "#9aa5b1", "target-arrow-color": "#7b8794",
        "text-background-color": "#ffffff", "text-background-opacity": 0.9, "text-rotation": "autorotate"}},
      {selector: "edge[relation = 'attacks'], edge[relation = 'misses']", style: {
        "line-color": "#c2410c", "target-arrow-color": "#c2410c", "target-arrow-shape": "tee"}},
      {selector: "edge[relation = 'contrastsWith']", style: {"line-style": "dashed"}},
      {selector: ".faded", style: {"opacity": 0.15}},
      {selector: "node.focus", style: {"border-width": 3, "border-color": "#1d4ed8", "background-color": "#dbeafe"}},
      {selector: ".hidden", style: {"display": "none"}}
    ],
    layout: {name: "preset", fit: false}
  });

  function openingView() {
    cy.zoom(START_ZOOM);
    var first = cy.nodes().not(".hidden").min(function (n) { return n.position("y") * 1e6 + n.position("x"); });
    if (first.ele) { cy.pan({x: 110 - first.ele.position("x") * START_ZOOM, y: 60 - first.ele.position("y") * START_ZOOM}); }
  }
  openingView();

  // Zoom buttons, and + - 0 on the keyboard when the map has the focus.
  function zoomBy(factor) {
    cy.zoom({level: cy.zoom() * factor, renderedPosition: {x: container.clientWidth / 2, y: container.clientHeight / 2}});
  }
  var actions = {
    "zoom-in": function () { zoomBy(1.25); },
    "zoom-out": function () { zoomBy(0.8); },
    "zoom-fit": function () { cy.fit(cy.elements().not(".hidden"), 20); },
    "zoom-reset": function () { clearFocus(); openingView(); }
  };
  document.querySelectorAll("[data-map-action]").forEach(function (button) {
    button.addEventListener("click", function () { actions[button.dataset.mapAction](); });
  });
  container.tabIndex = 0;
  container.addEventListener("keydown", function (event) {
    var key = {"+": "zoom-in", "=": "zoom-in", "-": "zoom-out", "0": "zoom-reset", "Escape": "zoom-reset"}[event.key];
    if (key) { actions[key](); event.preventDefault(); }
  });

  // A statement's neighbourhood: it, its relations and the statements at their other end.
  var panel = document.getElementById("argument-focus");
  function clearFocus() {
    cy.elements().removeClass("faded focus");
    if (panel) { panel.hidden = true; }
    container.dataset.focus = "";
  }
  function text(tag, content, className) {
    var el = document.createElement(tag);
    el.textContent = content;
    if (className) { el.className = className; }
    return el;
  }
  function focus(node) {
    var hood = node.closedNeighborhood().not(".hidden");
    cy.elements().addClass("faded").removeClass("focus");
    hood.removeClass("faded");
    node.addClass("focus");
    container.dataset.focus = node.id();
    container.dataset.neighbours = String(hood.nodes().length - 1);
    if (!panel) { return; }
    panel.replaceChildren();
    var d = node.data();
    panel.appendChild(text("h2", d.label));
    panel.appendChild(text("p", d.speaker + " · " + d.mode + " · ¶" + d.paragraph, "meta"));
    var list = document.createElement("ul");
    node.connectedEdges().not(".hidden").forEach(function (edge) {
      var outgoing = edge.source().id() === node.id();
      var other = outgoing ? edge.target() : edge.source();
      var item = document.createElement("li");
      item.appendChild(text("span", outgoing ? edge.data("label") + " " : "← " + edge.data("label") + " ", "relation"));
      var link = text("a", other.data("label"));
      link.href = other.data("href");
      link.addEventListener("click", function (event) { event.preventDefault(); focus(other); cy.center(other); });
      item.appendChild(link);
      list.appendChild(item);
    });
    panel.appendChild(list);
    var open = text("a", "Open the statement");
    open.href = d.href;
    open.className = "open-statement";
    panel.appendChild(open);
    panel.hidden = false;
  }
  cy.on("tap", "node", function (event) { focus(event.target); });
  cy.on("dbltap", "node", function (event) {
    var href = event.target.data("href");
    if (href && href.charAt(0) === "/") { window.location.href = href; }
  });
  cy.on("tap", function (event) { if (event.target === cy) { clearFocus(); } });

  // Relation types, each one a switch: an arrow of a type switched off is hidden, and so is a
  // statement left with no arrow shown.
  var filters = document.getElementById("relation-filters");
  if (filters) {
    var counts = {};
    edges.forEach(function (e) { counts[e.data.relation] = (counts[e.data.relation] || 0) + 1; });
    Object.keys(counts).sort().forEach(function (relation) {
      var label = document.createElement("label");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.checked = true;
      box.value = relation;
      box.addEventListener("change", applyFilters);
      label.appendChild(box);
      var name = cy.edges("[relation = '" + relation + "']")[0].data("label").replace(/^part \d+ of$/, "part of");
      label.appendChild(document.createTextNode(" " + name + " (" + counts[relation] + ")"));
      filters.appendChild(label);
    });
  }
  function applyFilters() {
    var off = {};
    filters.querySelectorAll("input").forEach(function (box) { if (!box.checked) { off[box.value] = true; } });
    cy.batch(function () {
      cy.edges().forEach(function (e) { e.toggleClass("hidden", !!off[e.data("relation")]); });
      cy.nodes().forEach(function (n) { n.toggleClass("hidden", n.connectedEdges().not(".hidden").length === 0); });
    });
    container.dataset.visibleEdges = String(cy.edges().not(".hidden").length);
    container.dataset.visibleNodes = String(cy.nodes().not(".hidden").length);
  }

  container.dataset.ready = "true";
  container.dataset.nodes = String(cy.nodes().length);
  container.dataset.edges = String(cy.edges().length);
  container.dataset.visibleEdges = container.dataset.edges;
  container.dataset.visibleNodes = container.dataset.nodes;
  window.peacekgArgumentMap = cy;  // for the browser tests: zoom level, positions
})();
