// The essay page's filters: highlight only the passages of statements of one kind,
// holder or speaker; the others stay as plain text.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var data = document.getElementById("filter-data");
  if (!form || !data) { return; }
  var statements = JSON.parse(data.textContent);
  var count = document.getElementById("filter-count");
  var marks = document.querySelectorAll("mark.ev[data-ev]");

  function matches(ids, wanted) {
    return ids.some(function (id) {
      return (statements[id] || []).some(function (s) {
        return Object.keys(wanted).every(function (k) { return !wanted[k] || s[k] === wanted[k]; });
      });
    });
  }
  function apply() {
    var wanted = {};
    new FormData(form).forEach(function (v, k) { wanted[k] = v; });
    var any = Object.keys(wanted).some(function (k) { return wanted[k]; });
    var shown = {};
    marks.forEach(function (m) {
      var ids = m.dataset.ev.split(" ");
      var on = !any || matches(ids, wanted);
      m.classList.toggle("dim", !on);
      if (on) { ids.forEach(function (id) { if (!any || matches([id], wanted)) { shown[id] = true; } }); }
    });
    var total = Object.keys(statements).length;
    count.textContent = any ? Object.keys(shown).length + " of " + total + " passages highlighted" : total + " passages";
    document.body.dataset.filtered = any ? "true" : "false";
  }
  form.addEventListener("change", apply);
  apply();
})();
