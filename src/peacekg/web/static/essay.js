// The essay page: clicking a highlighted passage lists the statements it supports;
// arriving at #ev-<id> (from a statement page) highlights that passage.
(function () {
  "use strict";
  var panel = document.getElementById("panel");
  var hint = document.getElementById("panel-hint");

  function show(ids, scroll) {
    var sections = panel.querySelectorAll("section.supports");
    sections.forEach(function (s) { s.hidden = ids.indexOf(s.dataset.for) < 0; });
    hint.hidden = ids.length > 0;
    document.querySelectorAll("mark.ev.current").forEach(function (m) { m.classList.remove("current"); });
    document.querySelectorAll("mark.ev").forEach(function (m) {
      var covered = m.dataset.ev.split(" ");
      if (ids.some(function (id) { return covered.indexOf(id) >= 0; })) { m.classList.add("current"); }
    });
    if (scroll) {
      var anchor = document.getElementById("ev-" + ids[0]);
      if (anchor) { anchor.scrollIntoView({block: "center"}); }
    }
  }

  document.getElementById("essay").addEventListener("click", function (event) {
    var mark = event.target.closest("mark.ev");
    if (mark) { show(mark.dataset.ev.split(" "), false); }
  });
  document.getElementById("essay").addEventListener("keydown", function (event) {
    var mark = event.target.closest("mark.ev");
    if (mark && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      show(mark.dataset.ev.split(" "), false);
    }
  });

  function fromHash() {
    var hash = decodeURIComponent(window.location.hash.slice(1));
    if (hash.indexOf("ev-") === 0) { show([hash.slice(3)], true); }
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
