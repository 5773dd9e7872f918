// The curation form (peacekg serve --curate): every field of the model for a statement of a
// given kind, holders, speakers, mechanisms and places chosen from the registry by search or
// created with their class, relations to other statements, and the server's refusals said
// next to the field they concern. Used by curate.js as window.PeacekgCurateForm.
(function () {
  "use strict";

  // Fields shown first for each kind (the rest of the model is under "More fields").
  var BY_KIND = {
    QuantityStatement: ["amount", "unit", "amountQualifier", "previousAmount", "about", "pointInTime"],
    Proposal: ["status", "mechanism", "target", "territory", "addressee", "exceptFor", "pointInTime"],
    Rejection: ["mechanism", "about", "exceptFor", "pointInTime"],
    Position: ["status", "mechanism", "target", "about", "exceptFor"],
    Policy: ["status", "mechanism", "recipient", "target", "territory", "pointInTime"],
    Claim: ["about", "mechanism", "exceptFor"],
    ReportedFact: ["about", "pointInTime"],
    Event: ["eventType", "pointInTime", "startTime", "endTime", "location", "participant"],
    Membership: ["organisation", "memberState", "status", "startTime", "endTime"],
    Occupation: ["organisation", "role", "officeIn", "predecessor", "startTime", "endTime"],
    Affiliation: ["organisation", "role", "startTime", "endTime"],
    Authorship: ["work"],
    Characterisation: ["characterisedAs", "about", "target"],
    Question: ["about", "addressee"],
    Residence: ["location", "group", "territory"]
  };
  var STANCE = ["polarity", "modality", "hedge", "doubleNegation"];  // the hard sentences' too, when the model has them
  var MULTI = {about: true, participant: true, exceptFor: true};
  var LABELS = {agent: "holder (whose it is)", assertedBy: "speaker (who says it)", type: "kind",
    amountQualifier: "approximation", previousAmount: "previous amount", pointInTime: "date",
    startTime: "from (date)", endTime: "until (date)", status: "status", hedge: "hedge (the words)",
    rejectionOf: "rejection of", characterisedAs: "characterised as", doubleNegation: "double negation (the words)",
    conditionalOn: "conditional on", optionOf: "an option of (a choice)", answers: "answers (a question)",
    exceptFor: "except for"};
  var CONCEPTS = {unit: "units", amountQualifier: "amountQualifiers", polarity: "polarity", modality: "modality",
    mode: "modes", role: "roles", restatementKind: "restatementKinds", characterisedAs: "kinds"};
  var SKIP = {id: 1, type: 1, quote: 1, paragraph: 1, prefix: 1, summary: 1, note: 1, agent: 1, assertedBy: 1,
    mode: 1, evidence: 1, also: 1, replaces: 1};
  var PRECISION = {4: "year", 7: "month", 10: "day"};

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { node.textContent = attrs[k]; } else if (attrs[k] !== null && attrs[k] !== undefined) {
        node.setAttribute(k, attrs[k]);
      }
    });
    (children || []).forEach(function (c) { if (c) { node.appendChild(c); } });
    return node;
  }

  function slug(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "")
      .split("-").slice(0, 7).join("-");
  }

  function fold(text) { return String(text || "").toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, ""); }

  function Form(container, ctx) {
    // ctx: {state(), label(id), statements(), onPick(row)}
    this.container = container;
    this.ctx = ctx;
    this.widgets = {};
    this.newRows = [];
    this.relationRows = [];
  }

  Form.prototype.vocab = function () { return this.ctx.state().vocab; };

  Form.prototype.relationTypes = function () {
    var props = this.vocab().properties;
    return Object.keys(props).filter(function (k) { return props[k].values === "statement"; }).sort();
  };

  Form.prototype.label = function (name) {
    var text = LABELS[name] || name.replace(/([A-Z])/g, " $1").toLowerCase();
    return text;
  };

  // --- widgets: each {name, node, get(), set(value), focus()} -----------------------------
  Form.prototype.field = function (name, control, hint) {
    var id = "cf-" + name;
    control.id = control.id || id;
    control.setAttribute("aria-describedby", id + "-error");
    var wrap = el("div", {"class": "field", "data-field": name}, [
      el("label", {"for": control.id, text: this.label(name)}), control,
      hint ? el("small", {"class": "hint", text: hint}) : null,
      el("p", {"class": "field-error", id: id + "-error", hidden: "hidden"})]);
    return wrap;
  };

  Form.prototype.select = function (name, values, empty) {
    var select = el("select", {name: name});
    if (empty !== false) { select.appendChild(el("option", {value: "", text: empty || "—"})); }
    values.forEach(function (v) { select.appendChild(el("option", {value: v, text: v})); });
    var node = this.field(name, select);
    return {name: name, node: node, control: select,
      get: function () { return select.value || null; },
      set: function (v) {
        if (v && !Array.prototype.some.call(select.options, function (o) { return o.value === v; })) {
          select.appendChild(el("option", {value: v, text: v}));
        }
        select.value = v || "";
      },
      focus: function () { select.focus(); }};
  };

  Form.prototype.text = function (name, opts) {
    opts = opts || {};
    var input = el(opts.area ? "textarea" : "input", {name: name, rows: opts.area ? 3 : null,
      inputmode: opts.inputmode || null, placeholder: opts.placeholder || null});
    var node = this.field(name, input, opts.hint);
    var w = {name: name, node: node, control: input,
      get: function () {
        var v = input.value.trim();
        if (!v) { return null; }
        if (opts.number && /^-?\d+(\.\d+)?$/.test(v.replace(/[_,]/g, ""))) { return Number(v.replace(/[_,]/g, "")); }
        if (opts.integer && /^\d+$/.test(v)) { return parseInt(v, 10); }
        return opts.area ? input.value : v;
      },
      set: function (v) { input.value = v === null || v === undefined ? "" : String(v); if (opts.onset) { opts.onset(); } },
      focus: function () { input.focus(); }};
    if (opts.date) {
      var out = el("output", {"class": "hint", "for": input.id || ("cf-" + name)});
      node.insertBefore(out, node.querySelector(".field-error"));
      opts.onset = function () {
        var v = input.value.trim();
        out.textContent = v ? (PRECISION[v.length] && /^\d{4}(-\d{2}){0,2}$/.test(v)
          ? "precision: " + PRECISION[v.length] : "a date is YYYY, YYYY-MM or YYYY-MM-DD") : "";
      };
      input.addEventListener("input", opts.onset);
    }
    return w;
  };

  // A search box over the registry (or the curated statements); "create" adds a new entity row.
  Form.prototype.picker = function (name, kind, multiple) {
    var self = this;
    var listId = "cf-" + name + "-list";
    var input = el("input", {name: name + "-search", role: "combobox", "aria-autocomplete": "list",
      "aria-expanded": "false", "aria-controls": listId, placeholder: kind === "statement"
        ? "words of the statement, or pick it in the text" : "type to search the registry"});
    var list = el("ul", {"class": "picker-list", role: "listbox", id: listId, hidden: "hidden"});
    var chips = el("ul", {"class": "chips"});
    var node = this.field(name, input);
    node.classList.add("picker");
    node.insertBefore(chips, input);
    node.insertBefore(list, input.nextSibling);
    var values = [], options = [], active = 0;

    function candidates() {
      var state = self.ctx.state();
      if (kind === "statement") {
        return self.ctx.statements().map(function (s) {
          return {id: s.id, label: s.quote, note: s.id + " · " + (s.type || "")};
        });
      }
      var pool = kind === "mechanism" ? state.mechanisms : kind === "any" ? state.entities.concat(state.mechanisms)
        : state.entities;
      var out = pool.map(function (e) {
        return {id: e.id, label: e.label, aliases: e.aliases || [], note: e.id + " · " + (e.classes || []).join(", ")};
      });
      if (name === "agent" || name === "assertedBy") { out.unshift({id: "authors", label: "the authors", note: "authors"}); }
      self.newRows.forEach(function (row) {
        out.push({id: row.id(), label: row.labelValue(), note: "new · " + row.cls()});
      });
      if (kind !== "mechanism") {  // the suggester's proposed entities: created when chosen
        (state.proposedEntities || []).forEach(function (e) {
          if (!out.some(function (c) { return c.id === e.id || fold(c.label) === fold(e.label); })) {
            out.push({id: e.id, label: e.label, note: "not in the registry yet: create it as " + e.type, proposed: e});
          }
        });
      }
      return out;
    }

    function render(show) {
      var q = fold(input.value.trim());
      list.textContent = "";
      options = [];
      if (!show) { list.hidden = true; input.setAttribute("aria-expanded", "false"); return; }
      var ranked = candidates().map(function (c) {
        var names = [c.label].concat(c.aliases || []).map(fold), hay = names.join(" | ") + " | " + fold(c.id);
        var rank = !q ? 2 : names.some(function (n) { return n === q; }) ? 0
          : names.some(function (n) { return n.indexOf(q) === 0; }) ? 1 : hay.indexOf(q) >= 0 ? 2 : -1;
        return [rank, c];
      }).filter(function (p) { return p[0] >= 0; }).sort(function (a, b) { return a[0] - b[0]; })
        .slice(0, 8).map(function (p) { return p[1]; });
      options = ranked.slice();
      var exact = ranked.some(function (c) { return fold(c.label) === q; });
      if (kind !== "statement" && q && !exact) {
        options.push({create: input.value.trim()});
      }
      options.forEach(function (o, i) {
        var li = el("li", {role: "option", id: listId + "-" + i, "aria-selected": i === active ? "true" : "false",
          "class": i === active ? "active" : null});
        if (o.create) {
          li.appendChild(el("span", {text: "create “" + o.create + "” (choose its class)"}));
          li.classList.add("create");
        } else {
          li.appendChild(el("span", {text: o.label.length > 90 ? o.label.slice(0, 88) + "…" : o.label}));
          li.appendChild(el("span", {"class": "note", text: o.note}));
        }
        li.addEventListener("mousedown", function (event) { event.preventDefault(); choose(i); });
        list.appendChild(li);
      });
      list.hidden = options.length === 0;
      input.setAttribute("aria-expanded", options.length ? "true" : "false");
      if (options.length) { input.setAttribute("aria-activedescendant", listId + "-" + active); }
    }

    function chipsRender() {
      chips.textContent = "";
      values.forEach(function (v, i) {
        var remove = el("button", {type: "button", "class": "remove", "aria-label": "remove " + self.ctx.label(v),
          text: "×"});
        remove.addEventListener("click", function () { values.splice(i, 1); chipsRender(); });
        chips.appendChild(el("li", {"data-id": v}, [el("span", {text: self.ctx.label(v)}), remove]));
      });
      if (!multiple) { chips.hidden = true; }
    }

    function choose(i) {
      var o = options[i];
      if (!o) { return; }
      var id;
      if (o.create || o.proposed) {
        var row = self.newEntity(o.create || o.proposed.label, kind, node, o.proposed);
        id = row.id();
        row.onchange = function (oldId, newId) {
          values = values.map(function (v) { return v === oldId ? newId : v; });
          if (!multiple && values[0] === newId) { input.value = row.labelValue(); }
          chipsRender();
        };
      } else {
        id = o.id;
      }
      if (multiple) {
        if (values.indexOf(id) < 0) { values.push(id); }
        input.value = "";
      } else {
        values = [id];
        input.value = o.create ? o.create : (kind === "statement" ? id : o.label);
      }
      active = 0;
      chipsRender();
      render(false);
      if (o.create || o.proposed) { self.newRows[self.newRows.length - 1].focus(); }
    }

    input.addEventListener("input", function () { active = 0; if (!multiple) { values = []; } render(true); });
    input.addEventListener("focus", function () { if (input.value) { render(true); } });
    input.addEventListener("blur", function () { render(false); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (list.hidden) { render(true); return; }
        active = (active + (event.key === "ArrowDown" ? 1 : options.length - 1)) % Math.max(options.length, 1);
        render(true);
      } else if (event.key === "Enter" && !event.ctrlKey && !event.metaKey) {
        if (!list.hidden && options.length) { event.preventDefault(); choose(active); }
      } else if (event.key === "Escape" && !list.hidden) {
        event.stopPropagation(); render(false);
      }
    });
    var w = {name: name, node: node, control: input, kind: kind,
      get: function () { return multiple ? (values.length ? values.slice() : null) : (values[0] || null); },
      set: function (v) {
        values = v === null || v === undefined ? [] : [].concat(v);
        input.value = multiple || !values.length ? "" : (kind === "statement" ? values[0] : self.ctx.label(values[0]));
        chipsRender();
      },
      focus: function () { input.focus(); },
      pickValue: function (id) {
        if (multiple) { if (values.indexOf(id) < 0) { values.push(id); } } else { values = [id]; input.value = id; }
        chipsRender();
      }};
    chipsRender();
    return w;
  };

  // A new registry entry made from a picker: label, class and id, placed under that picker.
  Form.prototype.newEntity = function (label, kind, after, proposed) {
    var self = this, state = this.ctx.state();
    var classes = kind === "mechanism" ? state.vocab.mechanismClasses : state.vocab.entityClasses;
    proposed = proposed || (state.proposedEntities || []).filter(function (e) { return fold(e.label) === fold(label); })[0];
    var byField = {mechanism: "Mechanism", agent: "Organisation", place: "Place", person: "Person"};
    var cls = proposed && classes.indexOf(proposed.type) >= 0 ? proposed.type : (byField[kind] || "Organisation");
    var n = this.newRows.length;
    var labelIn = el("input", {name: "entities-" + n + "-label", id: "cf-new-" + n + "-label", value: label});
    var clsIn = el("select", {name: "entities-" + n + "-type", id: "cf-new-" + n + "-type"});
    var common = kind === "mechanism" ? [] : ["State", "Organisation", "Person", "PopulationGroup", "Place"];
    common.concat(["—"]).concat(classes).forEach(function (c) {
      var o = el("option", {value: c === "—" ? "" : c, text: c === "—" ? "──────" : c});
      if (c === "—") { o.disabled = true; }
      clsIn.appendChild(o);
    });
    clsIn.value = cls;
    var idIn = el("input", {name: "entities-" + n + "-id", id: "cf-new-" + n + "-id",
      value: proposed && proposed.id ? proposed.id : slug(label)});
    function err(f) { return el("p", {"class": "field-error", id: "cf-new-" + n + "-" + f + "-error", hidden: "hidden"}); }
    [labelIn, clsIn, idIn].forEach(function (c) { c.setAttribute("aria-describedby", c.id + "-error"); });
    var remove = el("button", {type: "button", "class": "remove", text: "don't create"});
    var node = el("fieldset", {"class": "new-entity", "data-new": String(n)}, [
      el("legend", {text: kind === "mechanism" ? "new mechanism" : "new entity"}),
      el("div", {"class": "field", "data-field": "label"}, [el("label", {"for": labelIn.id, text: "label"}), labelIn, err("label")]),
      el("div", {"class": "field", "data-field": "type"}, [el("label", {"for": clsIn.id, text: "class"}), clsIn, err("type")]),
      el("div", {"class": "field", "data-field": "id"}, [el("label", {"for": idIn.id, text: "id"}), idIn, err("id")]),
      remove]);
    after.parentNode.insertBefore(node, after.nextSibling);
    var lastId = idIn.value;
    var row = {node: node, kind: kind, onchange: null,
      id: function () { return idIn.value.trim(); }, labelValue: function () { return labelIn.value.trim(); },
      cls: function () { return clsIn.value; }, focus: function () { clsIn.focus(); },
      record: function () { return {id: idIn.value.trim(), type: clsIn.value, label: labelIn.value.trim()}; }};
    function changed() { if (row.onchange && lastId !== idIn.value.trim()) { row.onchange(lastId, idIn.value.trim()); } lastId = idIn.value.trim(); }
    labelIn.addEventListener("input", function () { idIn.value = slug(labelIn.value); changed(); });
    idIn.addEventListener("input", changed);
    remove.addEventListener("click", function () {
      node.remove();
      self.newRows.splice(self.newRows.indexOf(row), 1);
    });
    this.newRows.push(row);
    return row;
  };

  // A relation to another statement: its type, the statement, and a button to pick it by a click.
  Form.prototype.relation = function (type, target) {
    var self = this, n = this.relationRows.length;
    var box = el("div", {"class": "relation-row"});
    var types = el("select", {name: "relation-" + n + "-type", id: "cf-rel-" + n + "-type", "aria-label": "type of relation"});
    this.relationTypes().forEach(function (t) { types.appendChild(el("option", {value: t, text: self.label(t)})); });
    var types_ = this.relationTypes();  // a rejection is most often the rejection of a proposal
    types.value = type || (this.kind === "Rejection" && types_.indexOf("rejectionOf") >= 0 ? "rejectionOf" : "supports");
    var picker = this.picker("relation-" + n, "statement", false);
    picker.node.querySelector("label").textContent = "other statement";
    var pick = el("button", {type: "button", "class": "pick", "aria-keyshortcuts": "Alt+r", text: "pick in the text"});
    var remove = el("button", {type: "button", "class": "remove", text: "remove"});
    box.appendChild(el("div", {"class": "field", "data-field": "relation-type"}, [
      el("label", {"for": types.id, text: "relation"}), types]));
    box.appendChild(picker.node);
    box.appendChild(el("div", {"class": "relation-buttons"}, [pick, remove]));
    var row = {node: box, picker: picker, type: function () { return types.value; },
      focus: function () { types.focus(); }, typeSelect: types, pickButton: pick};
    pick.addEventListener("click", function () { self.ctx.onPick(row); });
    remove.addEventListener("click", function () { box.remove(); self.relationRows.splice(self.relationRows.indexOf(row), 1); });
    if (target) { picker.set(target); }
    this.relationBox.appendChild(box);
    this.relationRows.push(row);
    return row;
  };

  Form.prototype.widgetFor = function (name) {
    var prop = this.vocab().properties[name] || {};
    var vocab = this.vocab();
    if (name === "status") {
      var kind = this.kind;
      var statuses = vocab.statuses[kind + "Status"] || vocab.statuses.Status || [];
      return this.select(name, statuses);
    }
    if (CONCEPTS[name]) { return this.select(name, vocab[CONCEPTS[name]] || []); }
    if (prop.values === "concept") { return this.text(name, {hint: "a value of " + prop.range}); }
    if (prop.values === "literal") {
      if (/Time$/.test(name)) { return this.text(name, {date: true, placeholder: "YYYY, YYYY-MM or YYYY-MM-DD"}); }
      if (/[aA]mount$/.test(name)) { return this.text(name, {number: true, inputmode: "decimal", placeholder: "digits, e.g. 700"}); }
      if (/Precision$|^order$/.test(name)) { return this.text(name, {integer: true, inputmode: "numeric"}); }
      return this.text(name);
    }
    var range = [].concat(prop.range || []);
    var kindOf = range.indexOf("Mechanism") >= 0 ? (range.length === 1 ? "mechanism" : "any")
      : range.indexOf("Place") >= 0 || range.indexOf("Territory") >= 0 ? "place"
      : range.indexOf("Person") >= 0 ? "person" : "agent";
    return this.picker(name, kindOf, !!MULTI[name]);
  };

  Form.prototype.add = function (parent, w) {
    this.widgets[w.name] = w;
    parent.appendChild(w.node);
    return w;
  };

  // Draw the form for ``record`` (YAML keys); ``mode`` is "suggestion", "incomplete" or "new".
  Form.prototype.render = function (record, mode) {
    var self = this, vocab = this.vocab();
    this.container.textContent = "";
    this.widgets = {};
    this.mode = mode;
    var head = el("div", {"class": "head"});
    this.container.appendChild(head);
    var id = this.add(head, this.text("id"));
    if (mode === "suggestion") {
      id.control.readOnly = true;
      id.node.insertBefore(el("small", {"class": "hint", text: "a suggestion keeps its id"}), id.node.querySelector(".field-error"));
    }
    this.add(head, this.text("quote", {area: true}));
    this.add(head, this.text("paragraph", {integer: true, inputmode: "numeric"}));
    var kind = this.add(head, this.select("type", vocab.statementKinds, false));
    this.body = el("div", {"class": "body"});
    this.container.appendChild(this.body);
    kind.control.addEventListener("change", function () {  // the fields below the kind, drawn again
      var current = self.values(), kept = self.newRows.map(function (r) { return [r.kind, r.record()]; });
      current.type = kind.get();
      self.renderBody(current);
      kept.forEach(function (pair) {
        var owner = Object.keys(self.widgets).map(function (k) { return self.widgets[k]; }).filter(function (w) {
          return [].concat(w.get() || []).indexOf(pair[1].id) >= 0;
        })[0];
        var row = self.newEntity(pair[1].label, pair[0], (owner || self.widgets.agent).node);
        row.node.querySelector("select").value = pair[1].type;
        row.node.querySelector("input[name$='-id']").value = pair[1].id;
        if (owner) { owner.set(owner.get()); }
      });
    });
    ["id", "quote", "paragraph", "type"].forEach(function (name) {
      if (record[name] !== undefined) { self.widgets[name].set(record[name]); }
    });
    if (!record.type) { kind.set("Claim"); }
    this.renderBody(record);
  };

  Form.prototype.renderBody = function (record) {
    var self = this, vocab = this.vocab();
    Object.keys(this.widgets).forEach(function (k) {
      if (["id", "quote", "paragraph", "type"].indexOf(k) < 0) { delete self.widgets[k]; }
    });
    this.newRows = [];
    this.relationRows = [];
    this.hidden = {};
    this.kind = record.type || "Claim";
    var c = this.body;
    c.textContent = "";
    this.add(c, this.picker("agent", "agent", false));
    this.add(c, this.picker("assertedBy", "agent", false));
    this.add(c, this.select("mode", vocab.modes));
    var specific = el("fieldset", {"class": "kind-fields"}, [el("legend", {text: "for a " + this.kind})]);
    c.appendChild(specific);
    var shown = {};
    (BY_KIND[this.kind] || ["about"]).forEach(function (name) {
      if (vocab.properties[name]) { self.add(specific, self.widgetFor(name)); shown[name] = 1; }
    });
    var stance = el("fieldset", {"class": "stance"}, [el("legend", {text: "stance"})]);
    c.appendChild(stance);
    STANCE.forEach(function (name) {
      if (vocab.properties[name]) { self.add(stance, self.widgetFor(name)); shown[name] = 1; }
    });
    this.relationBox = el("fieldset", {"class": "relations"}, [el("legend", {text: "relations to other statements"})]);
    c.appendChild(this.relationBox);
    var addRel = el("button", {type: "button", id: "cf-add-relation", text: "add a relation"});
    addRel.addEventListener("click", function () { self.relation(null, null).focus(); });
    this.relationBox.appendChild(addRel);
    var relations = this.relationTypes();
    this.add(c, this.text("summary"));
    this.add(c, this.text("note", {area: true}));
    var more = el("details", {"class": "more-fields"}, [el("summary", {text: "More fields of the model"})]);
    c.appendChild(more);
    (vocab.fields[this.kind] || []).forEach(function (name) {
      if (!shown[name] && !SKIP[name] && relations.indexOf(name) < 0) { self.add(more, self.widgetFor(name)); }
    });
    Object.keys(this.widgets).forEach(function (name) {
      if (record[name] !== undefined && c.contains(self.widgets[name].node)) { self.widgets[name].set(record[name]); }
    });
    if (!record.assertedBy) { this.widgets.assertedBy.set("authors"); }
    relations.forEach(function (t) {
      [].concat(record[t] || []).forEach(function (target) { self.relation(t, target); });
    });
    Object.keys(record).forEach(function (k) {  // a value the form did not place is kept, never dropped
      if (!self.widgets[k] && relations.indexOf(k) < 0 && ["confidence", "cue", "pending", "start", "end", "inParagraph",
        "refused", "entities"].indexOf(k) < 0) {
        self.hidden[k] = record[k];
      }
    });
    if (Object.keys(this.widgets).some(function (k) { return more.contains(self.widgets[k].node) && record[k] !== undefined; })) {
      more.open = true;
    }
  };

  // The record the form holds (YAML keys), and the new entities it creates.
  Form.prototype.values = function () {
    var self = this, out = {};
    Object.keys(this.hidden || {}).forEach(function (k) { out[k] = self.hidden[k]; });
    Object.keys(this.widgets).forEach(function (name) {
      var v = self.widgets[name].get();
      if (v !== null && v !== undefined) { out[name] = v; }
    });
    this.relationRows.forEach(function (row) {
      var target = row.picker.get();
      if (!target) { return; }
      var t = row.type();
      out[t] = out[t] ? [].concat(out[t], target) : target;
    });
    var first = ["id", "type", "agent", "assertedBy", "mode"], last = ["summary", "note", "quote", "paragraph", "prefix"];
    var ordered = {};  // the file's usual order: who and how first, the words last
    first.concat(Object.keys(out).filter(function (k) { return first.indexOf(k) < 0 && last.indexOf(k) < 0; }))
      .concat(last).forEach(function (k) { if (k in out) { ordered[k] = out[k]; } });
    return ordered;
  };

  Form.prototype.entities = function () {
    return this.newRows.map(function (r) { return r.record(); });
  };

  Form.prototype.clearErrors = function () {
    this.container.querySelectorAll(".field-error").forEach(function (p) { p.hidden = true; p.textContent = ""; });
    this.container.querySelectorAll("[aria-invalid]").forEach(function (c) { c.removeAttribute("aria-invalid"); });
  };

  // Put each of the server's ``errors`` next to its field; return those that have no field here.
  Form.prototype.showErrors = function (errors) {
    var self = this, left = [], first = null;
    this.clearErrors();
    (errors || []).forEach(function (e) {
      var node = self.errorNode(e.field || "");
      if (!node) { left.push(e); return; }
      var p = node.querySelector(".field-error");
      p.textContent = p.textContent ? p.textContent + "; " + e.message : e.message;
      p.hidden = false;
      var control = node.querySelector("input, select, textarea");
      if (control) { control.setAttribute("aria-invalid", "true"); }
      var details = node.closest("details");
      if (details) { details.open = true; }
      first = first || control;
    });
    return {left: left, first: first};
  };

  Form.prototype.errorNode = function (field) {
    var m = /^entities\[(\d+)\]\.?(\w*)$/.exec(field);
    if (m) {
      var row = this.newRows[parseInt(m[1], 10)];
      if (!row) { return null; }
      return row.node.querySelector(".field[data-field='" + (m[2] === "class" ? "type" : m[2] || "label") + "']");
    }
    if (this.widgets[field]) { return this.widgets[field].node; }
    var rel = this.relationRows.filter(function (r) { return r.type() === field; })[0];
    return rel ? rel.picker.node : null;
  };

  window.PeacekgCurateForm = Form;
  window.PeacekgCurateForm.slug = slug;
})();
