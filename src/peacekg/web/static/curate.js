// The curation panel (peacekg serve --curate): select words of the text to fill the form,
// save (the build checks it; a refusal shows its file:line messages), or accept, edit and
// reject suggestions. Every write carries this session's token in a header.
(function () {
  "use strict";
  var panel = document.getElementById("curate");
  if (!panel) { return; }
  var doc = panel.dataset.doc;
  var token = document.querySelector("meta[name='peacekg-token']").content;
  var form = document.getElementById("curate-form");
  var message = document.getElementById("curate-message");

  function say(text, ok) {
    message.textContent = text;
    message.className = "curate-message " + (ok ? "ok" : "refused");
    message.hidden = false;
  }

  function post(path, body) {
    return fetch(path, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-Peacekg-Token": token},
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {error: response.statusText}; })
        .then(function (data) { data.status = response.status; return data; });
    });
  }

  function done(id) {
    return function (data) {
      if (data.ok) {
        var query = id ? "?saved=" + encodeURIComponent(id) + "#ev-" + id : "?t=" + Date.now();
        window.location.assign("/doc/" + doc + query);
      } else {
        say((data.problems || [data.error]).join("\n"), false);
      }
    };
  }

  function slug(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "")
      .split("-").slice(0, 6).join("-");
  }

  function set(name, value) {
    var field = form.elements[name];
    if (!field) { return; }
    if (field.multiple) {
      var values = [].concat(value || []);
      Array.prototype.forEach.call(field.options, function (o) { o.selected = values.indexOf(o.value) >= 0; });
    } else {
      field.value = value == null ? "" : value;
    }
  }

  function fill(record) {
    set("id", record.id); set("quote", record.quote); set("paragraph", record.paragraph || record.inParagraph);
    set("kind", record.type); set("holder", record.agent);
    set("speaker", record.accordingTo || record.assertedBy || (record.pending || {}).speaker || "authors");
    set("mode", record.mode || (record.pending || {}).mode || "asserted");
    set("status", record.status); set("mechanism", record.mechanism); set("about", record.about);
    set("supports", record.supports); set("summary", record.summary);
    set("target", record.target); set("territory", record.territory);
  }

  function records() {
    return Array.prototype.map.call(panel.querySelectorAll("li.suggestion[data-start]"), function (li) {
      return JSON.parse(li.dataset.record);
    });
  }

  document.getElementById("essay").addEventListener("mouseup", function () {
    var selection = window.getSelection();
    var text = selection ? selection.toString().replace(/\s+/g, " ").trim() : "";
    if (!text) { return; }
    var para = selection.anchorNode && selection.anchorNode.parentElement &&
      selection.anchorNode.parentElement.closest("p.para");
    var number = para ? parseInt(para.id.slice(1), 10) : null;
    var match = records().filter(function (r) {
      return r.inParagraph === number && r.quote.replace(/\s+/g, " ").indexOf(text) >= 0;
    })[0];
    if (match) { fill(match); }
    set("quote", text);
    set("paragraph", number);
    if (!match) { set("id", doc + "-p" + number + "-" + slug(text)); }
    if (match) { set("id", match.id + "-edited"); }
    form.elements.quote.focus();
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var body = {};
    ["id", "quote", "kind", "holder", "speaker", "mode", "status", "mechanism", "target", "territory", "supports",
     "summary"]
      .forEach(function (name) { body[name] = form.elements[name].value; });
    body.paragraph = form.elements.paragraph.value ? parseInt(form.elements.paragraph.value, 10) : null;
    body.about = Array.prototype.filter.call(form.elements.about.options, function (o) { return o.selected; })
      .map(function (o) { return o.value; });
    post("/curate/" + doc + "/statement", body).then(done(body.id));
  });

  panel.addEventListener("click", function (event) {
    var li = event.target.closest("li");
    if (!li || event.target.tagName !== "BUTTON") { return; }
    var record = JSON.parse(li.dataset.record);
    if (event.target.classList.contains("accept")) {
      post("/curate/" + doc + "/accept", {id: record.id}).then(done(record.id));
    } else if (event.target.classList.contains("reject")) {
      post("/curate/" + doc + "/reject", {id: record.id}).then(done(null));
    } else if (event.target.classList.contains("edit")) {
      fill(record);
    } else if (event.target.classList.contains("register")) {
      post("/curate/entity", {id: record.id, type: record.type, label: record.label}).then(done(null));
    }
  });

  var suggest = document.getElementById("curate-suggest");
  if (suggest) {
    suggest.addEventListener("click", function () { post("/curate/" + doc + "/suggest", {}).then(done(null)); });
  }
})();
