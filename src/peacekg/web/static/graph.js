// An entity's neighbourhood, drawn by Cytoscape.js from the JSON the page carries.
(function () {
  "use strict";
  var container = document.getElementById("graph");
  var data = document.getElementById("graph-data");
  if (!container || !data || typeof cytoscape === "undefined") { return; }
  var elements = JSON.parse(data.textContent);
  var cy = cytoscape({
    container: container,
    elements: elements,
    style: [
      {selector: "node", style: {
        "label": "data(label)", "font-size": 10, "text-wrap": "wrap", "text-max-width": 120,
        "text-background-color": "#ffffff", "text-background-opacity": 0.8, "text-background-padding": 1,
        "text-valign": "bottom", "text-margin-y": 4, "color": "#1f2933",
        "background-color": "#3b6ea5", "width": 18, "height": 18}},
      {selector: "node[kind = 'focus']", style: {
        "background-color": "#c2410c", "width": 30, "height": 30, "font-weight": "bold", "font-size": 13}},
      {selector: "node[kind = 'statement']", style: {
        "shape": "round-rectangle", "background-color": "#9aa5b1", "width": 12, "height": 12,
        "font-size": 9, "color": "#52606d"}},
      {selector: "edge", style: {
        "label": "data(label)", "font-size": 7, "color": "#7b8794", "curve-style": "bezier",
        "target-arrow-shape": "triangle", "arrow-scale": 0.7, "width": 1.2,
        "line-color": "#cbd2d9", "target-arrow-color": "#9aa5b1", "text-rotation": "autorotate"}}
    ],
    // Rings, the same at every load: the entity in the middle, its statements around it,
    // what they name outside.
    layout: {name: "concentric", animate: false, padding: 12, minNodeSpacing: 26, spacingFactor: 1.1,
             concentric: function (node) { return {focus: 3, statement: 2}[node.data("kind")] || 1; },
             levelWidth: function () { return 1; }}
  });
  cy.on("tap", "node", function (event) {
    var href = event.target.data("href");
    if (href && href.charAt(0) === "/") { window.location.href = href; }
  });
  container.dataset.ready = "true";
})();
