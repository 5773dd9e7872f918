// The search box of every page: suggestions as one types (entities by name or alias,
// then statements by their words), from /api/search. Built with textContent only.
(function () {
  "use strict";
  var box = document.getElementById("search-box");
  var list = document.getElementById("suggestions");
  if (!box || !list) { return; }
  var timer = null, asked = "", active = -1;

  function items() { return list.querySelectorAll("li[role='option']"); }
  function close() { list.hidden = true; list.textContent = ""; active = -1; box.setAttribute("aria-expanded", "false"); }
  function mark(index) {
    var options = items();
    options.forEach(function (li, i) { li.classList.toggle("active", i === index); li.setAttribute("aria-selected", i === index); });
    active = index;
  }
  function option(hit, kind) {
    var li = document.createElement("li");
    li.setAttribute("role", "option");
    li.className = kind;
    var a = document.createElement("a");
    a.href = hit.href;
    a.textContent = hit.label;
    li.appendChild(a);
    var note = document.createElement("span");
    note.className = "note";
    note.textContent = hit.matched ? "also called “" + hit.matched + "”" : (kind === "statement" ? "“" + hit.quote + "”" : hit.kind);
    li.appendChild(note);
    return li;
  }
  function show(answer) {
    if (answer.q !== box.value.trim()) { return; }  // an older answer
    list.textContent = "";
    answer.entities.forEach(function (hit) { list.appendChild(option(hit, "entity")); });
    answer.statements.forEach(function (hit) { list.appendChild(option(hit, "statement")); });
    var all = document.createElement("li");
    all.className = "all";
    var a = document.createElement("a");
    a.href = "/search?q=" + encodeURIComponent(answer.q);
    a.textContent = (answer.entities.length || answer.statements.length) ? "All results for “" + answer.q + "”" : "Nothing found for “" + answer.q + "”";
    all.appendChild(a);
    list.appendChild(all);
    list.hidden = false;
    box.setAttribute("aria-expanded", "true");
    active = -1;
  }
  function ask() {
    var text = box.value.trim();
    if (text === asked) { return; }
    asked = text;
    if (!text) { close(); return; }
    fetch("/api/search?q=" + encodeURIComponent(text)).then(function (r) { return r.json(); }).then(show)
      .catch(function () { close(); });
  }
  box.addEventListener("input", function () { window.clearTimeout(timer); timer = window.setTimeout(ask, 120); });
  box.addEventListener("keydown", function (event) {
    var options = items();
    if (event.key === "ArrowDown" && options.length) { event.preventDefault(); mark((active + 1) % options.length); }
    else if (event.key === "ArrowUp" && options.length) { event.preventDefault(); mark((active - 1 + options.length) % options.length); }
    else if (event.key === "Enter" && active >= 0) { event.preventDefault(); window.location.href = options[active].querySelector("a").href; }
    else if (event.key === "Escape") { close(); }
  });
  document.addEventListener("click", function (event) { if (!box.form.contains(event.target)) { close(); } });
})();
