// A document's argument map, drawn by Cytoscape.js from the JSON the page carries:
// statements as boxes (their speaker below the summary), relations as labelled arrows.
(function () {
  "use strict";
  var container = document.getElementById("argument-map");
  var data = document.getElementById("argument-data");
  if (!container || !data || typeof cytoscape === "undefined") { return; }
  var elements = JSON.parse(data.textContent).map(function (element) {
    var d = element.data;
    if (!d.source) { d.caption = d.label + "\n— " + d.speaker + " (" + d.mode + ", ¶" + d.paragraph + ")"; }
    return element;
  });
  var cy = cytoscape({
    container: container,
    elements: elements,
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
      {selector: "edge[relation = 'contrastsWith']", style: {"line-style": "dashed"}}
    ],
    // Layered from premises to conclusions, the same at every load.
    layout: {name: "breadthfirst", directed: true, animate: false, padding: 16, spacingFactor: 1.05}
  });
  cy.on("tap", "node", function (event) {
    var href = event.target.data("href");
    if (href && href.charAt(0) === "/") { window.location.href = href; }
  });
  container.dataset.ready = "true";
  container.dataset.nodes = String(cy.nodes().length);
  container.dataset.edges = String(cy.edges().length);
})();
