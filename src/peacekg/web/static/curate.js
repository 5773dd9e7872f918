// The curation panel (peacekg serve --curate): review the suggestions in text order, one at a
// time or as a list, with keys (a accept, x reject, e edit, j/k next/previous, u undo, n new);
// accept in a batch above a confidence; edit every field (curate-fields.js); relate statements
// by clicking the other one in the text or the list. The page updates in place from
// GET /api/curate/<doc>/state after every decision; every write carries the session's token.
(function () {
  "use strict";
  var panel = document.getElementById("curate");
  if (!panel || !window.PeacekgCurateForm) { return; }
  var doc = panel.dataset.doc;
  var token = document.querySelector("meta[name='peacekg-token']").content;
  var essay = document.getElementById("essay");
  var list = document.getElementById("curate-suggestions");
  var done = document.getElementById("curate-statements");
  var status = document.getElementById("curate-status");
  var formEl = document.getElementById("curate-form");
  var formError = document.getElementById("curate-form-error");
  var pickHint = document.getElementById("curate-pick");
  var state = null, items = [], currentId = null, editing = null, picking = null, busy = false;
  document.querySelector(".essay-layout").classList.add("curating");

  function byId(id) { return document.getElementById(id); }

  function labelOf(id) {
    if (id === "authors") { return "the authors"; }
    var found = state && state.entities.concat(state.mechanisms).filter(function (e) { return e.id === id; })[0];
    if (found) { return found.label; }
    var row = form && form.newRows.filter(function (r) { return r.id() === id; })[0];
    return row ? row.labelValue() : id;
  }

  var form = new window.PeacekgCurateForm(byId("curate-fields"), {
    state: function () { return state; },
    label: labelOf,
    statements: function () { return state.statements; },
    onPick: startPick
  });

  function say(text, ok) {
    status.textContent = text;
    status.className = "curate-status " + (ok === false ? "refused" : ok ? "ok" : "neutral");
  }

  function request(method, path, body) {
    var started = performance.now();
    var init = {method: method, credentials: "same-origin", headers: {"Accept": "application/json"}};
    if (body) {
      init.headers["Content-Type"] = "application/json";
      init.headers["X-Peacekg-Token"] = token;
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(function (response) {
      return response.json().catch(function () { return {error: response.status + " " + response.statusText}; })
        .then(function (data) {
          data.status = response.status;
          data.ms = Math.round(performance.now() - started);
          return data;
        });
    }, function () { return {status: 0, error: "the server does not answer: is peacekg serve still running?"}; });
  }

  function post(action, body) { return request("POST", "/api/curate/" + doc + "/" + action, body); }

  // --- the state, drawn in place ------------------------------------------------------------
  function describe(r) {
    var words = (r.type || "Statement").replace(/([a-z])([A-Z])/g, "$1 $2") + " by " + labelOf(r.agent || "authors");
    if (r.assertedBy && r.assertedBy !== (r.agent || "authors")) { words += ", reported by " + labelOf(r.assertedBy); }
    if (r.mode && r.mode !== "claim") { words += " (" + r.mode + ")"; }
    var extra = [];
    if (r.status) { extra.push(r.status); }
    if (r.mechanism) { extra.push(labelOf(r.mechanism)); }
    if (r.amount !== undefined) { extra.push(r.amount + (r.unit ? " " + r.unit : "")); }
    return words + (extra.length ? ": " + extra.join(", ") : "");
  }

  function refresh(keepFrom) {
    return request("GET", "/api/curate/" + doc + "/state").then(function (data) {
      if (data.status !== 200) { say(data.error || "the state could not be read", false); return; }
      apply(data, keepFrom);
    });
  }

  // A build made outside the page (peacekg build, another editor) is seen within seconds.
  var seenOutside = null;
  window.setInterval(function () {
    if (busy || !state || document.visibilityState !== "visible") { return; }
    request("GET", "/api/curate/" + doc + "/state").then(function (data) {
      if (data.status !== 200 || busy || data.graph_version === state.graph_version) { return; }
      apply(data);
    });
  }, 4000);

  function apply(data, keepFrom) {
    state = data;
    items = state.suggestions.map(function (s) { return {record: s, incomplete: false}; })
      .concat(state.incomplete.filter(function (s) {
        return !state.statements.some(function (c) { return c.id === s.id; });
      }).map(function (s) { return {record: s, incomplete: true}; }))
      .sort(function (a, b) { return a.record.start - b.record.start || (a.incomplete ? 1 : 0) - (b.incomplete ? 1 : 0); });
    if (!items.some(function (i) { return i.record.id === currentId; })) {
      var after = items.filter(function (i) { return keepFrom === undefined || i.record.start >= keepFrom; })[0];
      currentId = (after || items[0] || {record: {}}).record.id || null;
    }
    draw();
    var outside = state.outside_build;
    if (outside && seenOutside !== null && outside.graph_version !== seenOutside) {
      say("A build made outside this page was picked up (graph version " + outside.graph_version + ").", true);
    }
    seenOutside = outside ? outside.graph_version : 0;
  }

  function draw() {
    list.textContent = "";
    items.forEach(function (item, index) {
      var r = item.record;
      var li = document.createElement("li");
      li.className = "suggestion" + (item.incomplete ? " incomplete" : "") + (r.id === currentId ? " current" : "");
      li.dataset.id = r.id;
      if (r.id === currentId) { li.setAttribute("aria-current", "true"); }
      var head = document.createElement("strong");
      head.textContent = describe(r);
      var quote = document.createElement("q");
      quote.textContent = r.quote;
      var by = document.createElement("span");
      by.className = "by";
      by.textContent = (index + 1) + " of " + items.length + " · ¶" + r.inParagraph + " · confidence " + r.confidence +
        " · " + (item.incomplete ? "incomplete: " + (r.refused || []).map(function (m) {
          return m.replace(/^[a-z0-9-]+: /, "");
        }).join("; ") : r.cue);
      li.appendChild(head); li.appendChild(quote); li.appendChild(by);
      var buttons = document.createElement("span");
      buttons.className = "buttons";
      [["accept", "a"], ["edit", "e"], ["reject", "x"]].forEach(function (b) {
        if (item.incomplete && b[0] === "accept") { return; }  // completed in the form, or rejected
        var button = document.createElement("button");
        button.type = "button"; button.className = b[0]; button.dataset.action = b[0];
        button.innerHTML = b[0] + " <kbd>" + b[1] + "</kbd>";
        buttons.appendChild(button);
      });
      li.appendChild(buttons);
      list.appendChild(li);
    });
    if (!items.length) {
      var none = document.createElement("li");
      none.className = "hint";
      none.textContent = "No suggestion left. Select words of the text and press n to add a statement.";
      list.appendChild(none);
    }
    done.textContent = "";
    state.statements.forEach(function (s) {
      var li = document.createElement("li");
      li.dataset.id = s.id;
      li.className = "curated" + (picking ? " pickable" : "");
      li.tabIndex = picking ? 0 : -1;
      var head = document.createElement("strong");
      head.textContent = describe(s);
      var quote = document.createElement("q");
      quote.textContent = s.quote;
      var id = document.createElement("span");
      id.className = "by";
      id.textContent = s.id;
      li.appendChild(head); li.appendChild(quote); li.appendChild(id);
      done.appendChild(li);
    });
    byId("curate-done-count").textContent = "(" + state.statements.length + ")";
    byId("curate-progress").textContent = items.length + " suggestions left · " + state.statements.length +
      " curated · graph version " + state.graph_version;
    var undo = byId("curate-undo");
    undo.disabled = !state.undo;
    undo.title = state.undo ? state.undo + " decisions can be undone" : "nothing to undo";
    updateBatch();
    highlight();
  }

  function current() { return items.filter(function (i) { return i.record.id === currentId; })[0] || null; }

  function move(step) {
    var index = items.indexOf(current());
    var next = items[Math.min(Math.max(index + step, 0), items.length - 1)];
    if (next) { currentId = next.record.id; draw(); scrollToCurrent(); }
  }

  function scrollToCurrent() {
    var li = list.querySelector("li.current");
    if (li) { li.scrollIntoView({block: "nearest"}); }
    var ranges = rangesFor(current() && current().record);
    if (ranges.length) {
      var rect = ranges[0].getBoundingClientRect();
      if (rect.top < 0 || rect.bottom > window.innerHeight) {
        window.scrollBy({top: rect.top - window.innerHeight / 3});
      }
    }
  }

  // --- where a record's words are in the page ------------------------------------------------
  function plain(text) { return text.replace(/[‘’]/g, "'").replace(/[“”]/g, "\"").replace(/\s/g, " "); }

  function paragraphText(p) {
    var nodes = [], text = "", walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT), node;
    while ((node = walker.nextNode())) {
      if (node.parentElement.closest(".pnum")) { continue; }
      nodes.push([node, text.length]);
      text += node.data;
    }
    return {nodes: nodes, text: text};
  }

  function rangeIn(p, start, end) {
    var info = paragraphText(p), range = document.createRange(), set = false;
    info.nodes.forEach(function (pair) {
      var node = pair[0], at = pair[1], len = node.data.length;
      if (!set && start >= at && start <= at + len) { range.setStart(node, start - at); set = true; }
      if (set && end >= at && end <= at + len) { range.setEnd(node, end - at); }
    });
    return set ? range : null;
  }

  function locate(record) {  // [paragraph element, start, end] of the record's quote
    if (!record || !record.quote) { return null; }
    var quote = plain(record.quote.replace(/\s+/g, " ").trim());
    var number = record.inParagraph || record.paragraph;
    var paras = number ? [byId("p" + number)] : Array.prototype.slice.call(essay.querySelectorAll("p.para"));
    for (var i = 0; i < paras.length; i += 1) {
      if (!paras[i]) { continue; }
      var at = plain(paragraphText(paras[i]).text).indexOf(quote);
      if (at >= 0) { return [paras[i], at, at + quote.length]; }
    }
    return number ? locate({quote: record.quote}) : null;
  }

  function rangesFor(record) {
    var where = locate(record);
    var range = where && rangeIn(where[0], where[1], where[2]);
    return range ? [range] : [];
  }

  function highlight() {
    if (!window.CSS || !CSS.highlights || typeof Highlight === "undefined") { return; }
    var now = new Highlight(), curated = new Highlight();
    rangesFor(current() && current().record).forEach(function (r) { now.add(r); });
    state.statements.forEach(function (s) { rangesFor(s).forEach(function (r) { curated.add(r); }); });
    CSS.highlights.set("curate-current", now);
    CSS.highlights.set("curate-done", curated);
  }

  // --- decisions ----------------------------------------------------------------------------
  function after(data, what, record) {
    busy = false;
    if (data.ok) {
      say(what + " (" + data.ms + " ms; graph version " + data.graph_version + ").", true);
      closeForm();
      return refresh(record ? record.start : undefined).then(function () { return data; });
    }
    return data;
  }

  function accept(item) {
    if (!item || busy) { return; }
    if (item.incomplete) { edit(item); return; }
    busy = true;
    post("accept", {id: item.record.id}).then(function (data) {
      var result = after(data, "Accepted " + item.record.id, item.record);
      if (!data.ok) { edit(item); refused(data); }
      return result;
    });
  }

  function reject(item) {
    if (!item || busy) { return; }
    busy = true;
    post("reject", {id: item.record.id}).then(function (data) {
      if (!data.ok) { say(data.error, false); }
      after(data, "Rejected " + item.record.id, item.record);
    });
  }

  function undo() {
    if (busy) { return; }
    busy = true;
    post("undo", {}).then(function (data) {
      if (!data.ok) { say(data.error, false); }
      after(data, "Undid the last decision");
    });
  }

  function updateBatch() {
    var above = parseFloat(byId("curate-above").value);
    var n = isNaN(above) ? 0 : state.suggestions.filter(function (s) { return s.confidence >= above; }).length;
    byId("curate-above-count").textContent = n + (n === 1 ? " suggestion" : " suggestions");
  }

  byId("curate-above").addEventListener("input", function () { if (state) { updateBatch(); } });
  byId("curate-batch").addEventListener("submit", function (event) {
    event.preventDefault();
    var error = byId("curate-batch-error");
    var above = parseFloat(byId("curate-above").value);
    error.hidden = true;
    if (isNaN(above) || above < 0 || above > 1) {
      error.textContent = "the confidence is a number from 0 to 1"; error.hidden = false; return;
    }
    busy = true;
    post("accept", {above: above}).then(function (data) {
      if (!data.ok) {
        busy = false;
        error.textContent = (data.errors || [{message: data.error}]).map(function (e) { return e.message; }).join("; ");
        error.hidden = false;
        return;
      }
      after(data, "Accepted " + [].concat(data.id).length + " suggestions at or above " + above);
    });
  });

  // --- the form -----------------------------------------------------------------------------
  function clean(record) {
    var out = {};
    Object.keys(record).forEach(function (k) {
      if (["confidence", "cue", "pending", "start", "end", "inParagraph", "refused"].indexOf(k) < 0) { out[k] = record[k]; }
    });
    return out;
  }

  function openForm(record, mode) {
    editing = {record: record, mode: mode};
    form.render(clean(record), mode);
    formEl.hidden = false;
    formError.hidden = true;
    byId("curate-form-title").textContent = mode === "new" ? "New statement" : (mode === "incomplete"
      ? "Complete the suggestion " : "Edit the suggestion ") + (mode === "new" ? "" : record.id);
    formEl.scrollIntoView({block: "nearest"});
    var first = form.widgets[({QuantityStatement: "amount"})[record.type]] || form.widgets.type;
    first.focus();
  }

  function closeForm() {
    editing = null;
    stopPick();
    formEl.hidden = true;
    form.container.textContent = "";
  }

  function edit(item) {
    if (!item) { return; }
    openForm(item.record, item.incomplete ? "incomplete" : "suggestion");
  }

  function refused(data) {
    var shown = form.showErrors(data.errors || [{field: "", message: data.error}]);
    var left = shown.left.map(function (e) { return e.message; });
    formError.textContent = left.length ? left.join("; ")
      : (data.errors.length === 1 ? "One field needs a change: see the red words above." :
        data.errors.length + " fields need a change: see the red words above.");
    formError.hidden = false;
    say("Not saved: " + (data.error || "refused") + ". Nothing was written.", false);
    if (shown.first) { shown.first.focus(); }
  }

  function save() {
    if (!editing || busy) { return; }
    var record = form.values(), entities = form.entities(), base = clean(editing.record), path, body;
    if (editing.mode === "suggestion") {
      var edits = {};
      Object.keys(record).forEach(function (k) {
        if (JSON.stringify(record[k]) !== JSON.stringify(base[k])) { edits[k] = record[k]; }
      });
      Object.keys(base).forEach(function (k) { if (!(k in record) && k !== "id") { edits[k] = null; } });
      delete edits.id;
      path = "accept"; body = {id: base.id, edits: edits, entities: entities};
    } else {
      path = "statement"; body = record; body.entities = entities;
    }
    busy = true;
    var item = editing;
    post(path, body).then(function (data) {
      busy = false;
      if (data.ok) { after(data, "Saved " + data.id, item.record); } else { refused(data); }
    });
  }

  formEl.addEventListener("submit", function (event) { event.preventDefault(); save(); });
  byId("curate-cancel").addEventListener("click", closeForm);
  formEl.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); save(); }
    if (event.key === "Escape") { event.preventDefault(); if (picking) { stopPick(); } else { closeForm(); list.focus(); } }
    if (event.altKey && event.key === "r") {
      event.preventDefault();
      var row = form.relationRows[form.relationRows.length - 1] || form.relation(null, null);
      startPick(row);
    }
  });

  // --- relations: pick the other statement in the text or the list ----------------------------
  function startPick(row) {
    picking = row;
    pickHint.textContent = "Click the other statement (" + row.type() + ") in the text or in the curated list; Esc to stop.";
    pickHint.hidden = false;
    if (row.pickButton) {  // said where the curator looks too
      row.pickButton.textContent = "now click the other statement in the text or the curated list (Esc stops)";
      row.pickButton.setAttribute("aria-pressed", "true");
    }
    document.body.classList.add("picking");
    draw();
  }

  function stopPick() {
    if (picking && picking.pickButton) {
      picking.pickButton.textContent = "pick in the text";
      picking.pickButton.removeAttribute("aria-pressed");
    }
    picking = null;
    pickHint.hidden = true;
    document.body.classList.remove("picking");
  }

  function picked(id) {
    if (!picking) { return; }
    picking.picker.pickValue(id);
    var row = picking;
    stopPick();
    draw();
    say("Related by " + row.type() + " to " + id + ".", true);
    row.typeSelect.focus();
  }

  function statementAt(x, y) {
    var caret = document.caretRangeFromPoint ? document.caretRangeFromPoint(x, y) : null;
    var p = caret && caret.startContainer.parentElement && caret.startContainer.parentElement.closest("p.para");
    if (!p) { return null; }
    var info = paragraphText(p), offset = null;
    info.nodes.forEach(function (pair) { if (pair[0] === caret.startContainer) { offset = pair[1] + caret.startOffset; } });
    if (offset === null) { return null; }
    var found = state.statements.filter(function (s) {
      var where = locate(s);
      return where && where[0] === p && where[1] <= offset && offset <= where[2];
    });
    return found.length ? found[0].id : null;
  }

  essay.addEventListener("click", function (event) {
    if (!picking) { return; }
    event.preventDefault();
    event.stopPropagation();
    var id = statementAt(event.clientX, event.clientY);
    if (id) { picked(id); } else { say("No curated statement there: accept it first, or pick another.", false); }
  }, true);
  done.addEventListener("click", function (event) {
    var li = event.target.closest("li.curated");
    if (li && picking) { picked(li.dataset.id); }
  });
  done.addEventListener("keydown", function (event) {
    var li = event.target.closest("li.curated");
    if (li && picking && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); picked(li.dataset.id); }
  });

  // --- new statements from selected words ----------------------------------------------------
  function fromSelection() {
    var selection = window.getSelection();
    var text = selection ? selection.toString().replace(/\s+/g, " ").trim() : "";
    var para = text && selection.anchorNode && selection.anchorNode.parentElement &&
      selection.anchorNode.parentElement.closest("p.para");
    var number = para ? parseInt(para.id.slice(1), 10) : null;
    openForm({id: text ? doc + "-p" + number + "-" + window.PeacekgCurateForm.slug(text) : "", quote: text,
      paragraph: number, type: "Claim", agent: "authors", assertedBy: "authors", mode: "claim"}, "new");
  }

  byId("curate-new").addEventListener("click", fromSelection);
  byId("curate-undo").addEventListener("click", undo);
  byId("curate-view").addEventListener("change", function (event) {
    list.classList.toggle("one", event.target.value === "one");
    scrollToCurrent();
  });
  list.addEventListener("click", function (event) {
    var li = event.target.closest("li.suggestion");
    if (!li) { return; }
    currentId = li.dataset.id;
    var item = current(), action = event.target.closest("button") && event.target.closest("button").dataset.action;
    if (action === "accept") { accept(item); } else if (action === "reject") { reject(item); } else if (action === "edit") {
      edit(item);
    } else { draw(); }
  });

  // --- keys ---------------------------------------------------------------------------------
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (target.closest && target.closest("input, select, textarea, [contenteditable]")) { return; }
    if (event.key === "Escape" && picking) { stopPick(); return; }
    var keys = {a: function () { accept(current()); }, x: function () { reject(current()); },
      e: function () { edit(current()); }, j: function () { move(1); }, k: function () { move(-1); },
      u: undo, n: fromSelection, b: function () { byId("curate-above").focus(); byId("curate-above").select(); }};
    if (keys[event.key]) { event.preventDefault(); keys[event.key](); }
  });

  refresh().then(function () {
    if (!status.textContent && items.length) {
      say("The suggestion in blue in the text is the current one: a to accept it, e to edit it, x to reject it.", null);
    }
  });
})();
