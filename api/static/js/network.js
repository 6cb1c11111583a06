// The network explorer: draws the explorer JSON (embedded in #network-data) with vis-network. A click on an
// actor or a group opens its panel, a click on a tie shows the relation record and its source; filters and
// the search hide what does not match (positions stay put); derived ties are dashed and off until switched on.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("network-data").textContent);
  const root = document.body.dataset.root || "";
  const box = document.getElementById("network");
  const panel = document.getElementById("panel");
  const shown = document.getElementById("shown");
  const SPHERES = { "public": "#3b7dd8", "private": "#e07b39", "non-profit": "#3a9e6a", "public-private": "#8e5cc2" };
  const DERIVED_COLOURS = { "same-cell": "#b07d2b", "served-from": "#7a8791", "signposting": "#2b8a8a" };
  const SHAPES = { "bridge": "star", "broker": "diamond", "shared-cells": "triangle" };
  const DIRECTED = new Set(["member-of", "coordinates", "part-of", "funds", "signposts-to", "signposting", "served-from"]);
  const nodesById = new Map(data.nodes.map((n) => [n.id, n]));
  const controls = {};
  for (const id of ["view", "derived", "f-type", "f-sphere", "f-relation", "f-determinant", "f-phase", "search", "depth"]) {
    controls[id] = document.getElementById(id);
  }
  let focus = null;
  let network = null;
  let drawn = { nodes: new vis.DataSet(), edges: new vis.DataSet() };

  function label(scheme, code) {
    return (data.labels[scheme] && data.labels[scheme][code]) || code;
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  function link(href, text) {
    return el("a", { href: root + href }, text);
  }

  function actorButton(id) {
    const node = nodesById.get(id);
    if (!node) return document.createTextNode(id === "region" ? data.scope.label : id);
    const button = el("button", { type: "button", class: "linkish", "data-actor": id }, node.name);
    button.addEventListener("click", () => select(id));
    return button;
  }

  // ---- what the page offers to choose from
  function options(select, values, name) {
    for (const value of [...values].sort((a, b) => name(a).localeCompare(name(b)))) {
      select.append(el("option", { value: value }, name(value)));
    }
  }

  function setUp() {
    const views = [];
    if (data.nodes.length && data.actors <= data.cap) views.push(["actors", "each actor"]);
    for (const g of data.groupings) views.push([g.by, "grouped by " + g.by.replace("-", " ")]);
    for (const [value, text] of views) controls.view.append(el("option", { value: value }, text));
    controls.view.value = data.grouped || !views.length || views[0][0] !== "actors" ? (views.find((v) => v[0] !== "actors") || views[0])[0] : "actors";
    const types = new Set(), spheres = new Set(), determinants = new Set(), phases = new Set(), relations = new Set();
    for (const n of data.nodes) {
      n.types.forEach((t) => types.add(t));
      types.add(n.group);
      spheres.add(n.sphere || "unknown");
      for (const s of n.services) {
        s.determinants_up.forEach((d) => determinants.add(d));
        s.phases.forEach((p) => phases.add(p));
      }
    }
    for (const e of data.edges) relations.add(e.derived ? e.kind : e.relation);
    options(controls["f-type"], types, (c) => label("actor-type", c));
    options(controls["f-sphere"], spheres, (c) => c);
    options(controls["f-relation"], relations, (c) => data.derived_kinds[c] ? "derived: " + c.replace("-", " ") : c.replace(/-/g, " "));
    options(controls["f-determinant"], determinants, (c) => label("determinant", c));
    options(controls["f-phase"], phases, (c) => label("phase", c));
    const names = document.getElementById("actor-names");
    for (const n of data.nodes) names.append(el("option", { value: n.name }));
  }

  // ---- the drawing
  function tooltip(n) {
    const lines = [n.name, "type: " + (n.types.map((t) => label("actor-type", t)).join(", ") || "unknown"),
      "sphere: " + (n.sphere || "unknown") + (n.seat ? " · seat: " + n.seat : "") + (n.local ? "" : " (serves from elsewhere)"),
      n.services.length + " service(s) here"];
    for (const m of n.marks) lines.push(markName(m.kind) + ": " + m.reason);
    return lines.join("\n");
  }

  function markName(kind) {
    return { "bridge": "joins public and private", "broker": "broker", "single-point": "single point of failure",
      "shared-cells": "shares cells across spheres (derived)" }[kind] || kind;
  }

  function actorNode(n) {
    const kinds = new Set(n.marks.map((m) => m.kind));
    const shape = ["bridge", "broker", "shared-cells"].map((k) => kinds.has(k) && SHAPES[k]).find(Boolean) || "dot";
    const colour = SPHERES[n.sphere] || "#8a949e";
    const single = kinds.has("single-point");
    return {
      id: n.id, label: n.name.length > 38 ? n.name.slice(0, 36) + "…" : n.name, title: tooltip(n), shape: shape,
      size: 10 + 4 * Math.sqrt(n.services.length), borderWidth: single ? 4 : 1,
      color: { background: colour, border: single ? "#c0392b" : "#33414e", highlight: { background: colour, border: "#111" } },
      font: { size: 14, color: "#1d232a", strokeWidth: 3, strokeColor: "#fff" },
    };
  }

  function edgeStyle(e, index) {
    const derived = e.derived;
    return {
      id: "e" + index, from: e.source, to: e.target, derived: derived, kind: e.kind, relation: e.relation,
      label: derived ? { "same-cell": "same cell", "served-from": "serves from elsewhere", "signposting": "signposts (service)" }[e.kind]
        : e.relation.replace(/-/g, " "),
      title: (derived ? "derived: " + data.derived_kinds[e.kind] + "\n" : "recorded: ") + e.detail,
      dashes: derived ? [6, 6] : false, width: derived ? 1.2 : 2.5,
      color: { color: derived ? DERIVED_COLOURS[e.kind] : "#2f3d4a", highlight: "#c0392b" },
      arrows: DIRECTED.has(e.relation) || DIRECTED.has(e.kind) ? "to" : "",
      font: { size: 11, align: "middle", color: derived ? "#6b5a2b" : "#1d232a" },
      smooth: bend(e),
    };
  }

  // the first tie between two actors is straight, the others bow out to either side so that none hides another
  const pairCount = new Map();
  function bend(e) {
    const key = [e.source, e.target].sort().join(" ");
    const n = pairCount.get(key) || 0;
    pairCount.set(key, n + 1);
    if (n === 0) return { enabled: false };
    return { enabled: true, type: n % 2 ? "curvedCW" : "curvedCCW", roundness: 0.15 * Math.ceil(n / 2) };
  }

  function grouping() {
    return data.groupings.find((g) => g.by === controls.view.value);
  }

  function groupLabel(g, by) {
    if (by === "actor-type") return label("actor-type", g.key);
    return g.label;
  }

  function build() {
    const view = controls.view.value;
    const nodes = [], edges = [];
    if (view === "actors") {
      data.nodes.forEach((n) => nodes.push(actorNode(n)));
      if (data.edges.some((e) => e.kind === "served-from")) {
        nodes.push({ id: "region", label: data.scope.label, shape: "box", color: { background: "#eef2f5", border: "#7a8791" },
          title: "the scope: actors seated elsewhere serve it", font: { size: 14 } });
      }
      pairCount.clear();
      data.edges.forEach((e, i) => edges.push(edgeStyle(e, i)));
    } else {
      const g = grouping();
      const biggest = Math.max(1, ...g.groups.map((x) => x.actors.length));
      for (const x of g.groups) {
        const count = x.actors.length + (x.actors.length === 1 ? " actor" : " actors");
        nodes.push({ id: "g:" + x.key, label: groupLabel(x, g.by) + "\n" + count, title: groupLabel(x, g.by) + ": " + count, shape: "dot",
          size: 12 + 38 * Math.sqrt(x.actors.length / biggest), color: { background: "#9fb7cf", border: "#33414e" },
          font: { size: 14, multi: false } });
      }
      g.ties.forEach((t, i) => {
        if (t.recorded) edges.push({ id: "r" + i, from: "g:" + t.source, to: "g:" + t.target, derived: false, kind: "recorded",
          label: t.recorded + " recorded", width: 1 + Math.min(t.recorded, 8), color: { color: "#2f3d4a" },
          title: t.recorded + " recorded ties between the two groups" });
        if (t.derived) edges.push({ id: "d" + i, from: "g:" + t.source, to: "g:" + t.target, derived: true, kind: "derived",
          label: t.derived + " derived", dashes: [6, 6], color: { color: "#b07d2b" }, smooth: { type: "curvedCW", roundness: 0.25 },
          title: t.derived + " derived ties (same cell, serving from elsewhere, signposting through services)" });
      });
    }
    drawn = { nodes: new vis.DataSet(nodes), edges: new vis.DataSet(edges) };
    for (const id of ["f-type", "f-sphere", "f-relation", "f-determinant", "f-phase", "search", "depth"]) {
      controls[id].disabled = view !== "actors";
    }
    const options = {
      physics: { solver: "forceAtlas2Based", forceAtlas2Based: { gravitationalConstant: -60, springLength: 140 },
        stabilization: { iterations: 300 } },
      layout: { randomSeed: 11 },  // the same picture on every visit
      interaction: { hover: true, tooltipDelay: 150 },
      nodes: { shape: "dot" },
      edges: { selectionWidth: 2 },
    };
    if (network) network.destroy();
    network = new vis.Network(box, drawn, options);
    box.dataset.ready = "false";
    // ready (for a user's click, or a test's) once the layout is fixed, fitted and drawn
    network.once("stabilizationIterationsDone", () => {
      network.setOptions({ physics: false });
      network.fit({ animation: false });
      network.once("afterDrawing", () => { box.dataset.ready = "true"; });
      network.redraw();
    });
    network.on("click", (params) => {
      if (params.nodes.length) show(params.nodes[0]);
      else if (params.edges.length) showEdge(params.edges[0]);
    });
    apply();
  }

  // ---- filters, focus and the derived-ties switch: hide, never remove, so the picture keeps its layout
  function matches(n) {
    const type = controls["f-type"].value, sphere = controls["f-sphere"].value;
    const det = controls["f-determinant"].value, phase = controls["f-phase"].value;
    if (type && !n.types.includes(type) && n.group !== type) return false;
    if (sphere && (n.sphere || "unknown") !== sphere) return false;
    if (det || phase) {
      return n.services.some((s) => (!det || s.determinants_up.includes(det)) && (!phase || s.phases.includes(phase)));
    }
    return true;
  }

  function neighbourhood(start, depth, edges) {
    const reach = new Set([start]);
    let frontier = [start];
    for (let d = 0; d < depth; d++) {
      const next = [];
      for (const e of edges) {
        for (const [a, b] of [[e.from, e.to], [e.to, e.from]]) {
          if (frontier.includes(a) && !reach.has(b)) { reach.add(b); next.push(b); }
        }
      }
      frontier = next;
    }
    return reach;
  }

  function apply() {
    const derivedOn = controls.derived.checked;
    const view = controls.view.value;
    const relation = controls["f-relation"].value;
    const edges = drawn.edges.get();
    const nodes = drawn.nodes.get();
    const edgeOk = (e) => (derivedOn || !e.derived) && (!relation || view !== "actors" || (e.derived ? e.kind : e.relation) === relation);
    let visible;
    if (view === "actors") {
      visible = new Set(nodes.filter((n) => n.id === "region" ? derivedOn : matches(nodesById.get(n.id))).map((n) => n.id));
      if (relation) {
        const touched = new Set(edges.filter(edgeOk).flatMap((e) => [e.from, e.to]));
        visible = new Set([...visible].filter((id) => touched.has(id)));
      }
      if (focus) {
        const reach = neighbourhood(focus.id, focus.depth, edges.filter((e) => edgeOk(e) && visible.has(e.from) && visible.has(e.to)));
        visible = new Set([...visible].filter((id) => reach.has(id)));
        visible.add(focus.id);
      }
    } else {
      visible = new Set(nodes.map((n) => n.id));
    }
    drawn.nodes.update(nodes.map((n) => ({ id: n.id, hidden: !visible.has(n.id) })));
    const shownEdges = edges.filter((e) => edgeOk(e) && visible.has(e.from) && visible.has(e.to));
    const ids = new Set(shownEdges.map((e) => e.id));
    drawn.edges.update(edges.map((e) => ({ id: e.id, hidden: !ids.has(e.id) })));
    const dashed = shownEdges.filter((e) => e.derived).length;
    const actorsShown = [...visible].filter((id) => id !== "region").length;
    box.dataset.visibleNodes = String(actorsShown);
    box.dataset.visibleEdges = String(shownEdges.length);
    box.dataset.dashedEdges = String(dashed);
    shown.textContent = " · showing " + actorsShown + (view === "actors" ? " actors, " : " groups, ") +
      (shownEdges.length - dashed) + " recorded and " + dashed + " derived ties" + (focus ? " around " + nodesById.get(focus.id).name : "");
  }

  // ---- panels
  function listOf(items) {
    const ul = el("ul");
    items.forEach((item) => ul.append(item));
    return ul;
  }

  function recordItem(r) {
    return el("li", {}, r.source ? "Source: " + r.source : "No source title", r.locator ? " (" + r.locator + ")" : "",
      r.inferred ? el("span", { class: "tag" }, "inferred") : null, r.note ? el("div", { class: "muted" }, r.note) : null,
      el("div", { class: "muted" }, "record " + r.id));
  }

  function show(id) {
    if (id === "region") return;
    if (id.startsWith("g:")) return showGroup(id.slice(2));
    const n = nodesById.get(id);
    panel.replaceChildren();
    panel.append(el("h3", {}, link("/actors/" + encodeURIComponent(n.id), n.name)),
      el("p", { class: "muted" }, (n.types.map((t) => label("actor-type", t)).join(", ") || "type unknown") + " · sphere " +
        (n.sphere || "unknown") + (n.seat ? " · seated in " + n.seat : "") + (n.local ? "" : " · serves the region from elsewhere")));
    for (const m of n.marks) {
      panel.append(el("p", { class: "mark mark-" + m.kind }, el("strong", {}, markName(m.kind) + ": "), m.reason));
    }
    panel.append(el("h4", {}, "Services here (" + n.services.length + ")"));
    if (!n.services.length) panel.append(el("p", { class: "muted" }, "No service of this actor is recorded as available here."));
    panel.append(listOf(n.services.map((s) => el("li", { class: "service" },
      link("/services/" + encodeURIComponent(s.id), s.name), s.mode !== "direct" ? el("span", { class: "tag" }, s.mode) : null,
      el("div", {}, "Determinant: " + (s.determinants.map((d) => label("determinant", d)).join(", ") || "—")),
      el("div", {}, "Phase: " + (s.phases.map((p) => label("phase", p)).join(", ") || "not stated") +
        " · instrument: " + (s.instruments.map((i) => label("instrument", i)).join(", ") || "—") +
        " · role: " + (s.roles.map((r) => label("role", r)).join(", ") || "—")),
      el("div", { class: "muted" }, "Source: " + (s.source || "not named") + (s.locator ? " (" + s.locator + ")" : ""))))));
    const ties = data.edges.filter((e) => e.source === id || e.target === id);
    const recorded = ties.filter((e) => !e.derived), derived = ties.filter((e) => e.derived);
    panel.append(el("h4", {}, "Recorded relations (" + recorded.length + ")"));
    if (!recorded.length) panel.append(el("p", { class: "muted" }, "None recorded: add them in relations.csv."));
    panel.append(listOf(recorded.map((e) => el("li", {}, e.source === id ? e.relation.replace(/-/g, " ") + " → " : "← " + e.relation.replace(/-/g, " ") + " ",
      actorButton(e.source === id ? e.target : e.source), listOf(e.records.map(recordItem))))));
    if (derived.length) {
      panel.append(el("h4", {}, "Derived ties (" + derived.length + ")"));
      panel.append(listOf(derived.map((e) => el("li", {}, data.derived_kinds[e.kind] + ": ", actorButton(e.source === id ? e.target : e.source),
        el("div", { class: "muted" }, e.detail)))));
    }
    if (controls.view.value === "actors") {
      const button = el("button", { type: "button" }, "Focus on its neighbourhood");
      button.addEventListener("click", () => { focus = { id: id, depth: Number(controls.depth.value) }; apply(); });
      panel.append(el("p", {}, button));
    }
  }

  function showGroup(key) {
    const g = grouping();
    const group = g.groups.find((x) => x.key === key);
    panel.replaceChildren(el("h3", {}, groupLabel(group, g.by)), el("p", {}, group.actors.length + " actors"));
    if (g.by !== "actor-type" && /^[A-Z]{2}[A-Z0-9-]*$/.test(group.key)) {
      panel.append(el("p", {}, link("/regions/" + encodeURIComponent(group.key) + "/network", "Open the network of " + groupLabel(group, g.by))));
    }
    const known = group.actors.filter((a) => nodesById.has(a));
    known.sort((a, b) => nodesById.get(b).marks.length - nodesById.get(a).marks.length);
    panel.append(listOf(known.slice(0, 60).map((a) => el("li", {}, actorButton(a),
      ...nodesById.get(a).marks.map((m) => el("span", { class: "tag" }, markName(m.kind)))))));
    if (known.length < group.actors.length) {
      panel.append(el("p", { class: "muted" }, (group.actors.length - known.length) + " more actors are counted but not listed at this scope; open a region to see them."));
    }
  }

  function showEdge(edgeId) {
    const e = drawn.edges.get(edgeId);
    if (!e || controls.view.value !== "actors") {
      panel.replaceChildren(el("h3", {}, "Ties between two groups"), el("p", {}, e ? e.title : ""));
      return;
    }
    const record = data.edges[Number(edgeId.slice(1))];
    panel.replaceChildren(el("h3", {}, record.derived ? "Derived tie" : "Recorded relation"),
      el("p", {}, actorButton(record.source), " — " + (record.derived ? data.derived_kinds[record.kind] : record.relation.replace(/-/g, " ")) + " — ",
        actorButton(record.target)),
      el("p", { class: "muted" }, record.detail));
    if (record.records.length) panel.append(el("h4", {}, "Relationship record"), listOf(record.records.map(recordItem)));
    else if (record.derived) panel.append(el("p", { class: "muted" }, "Derived from the services' data, not a recorded relation."));
  }

  function select(id) {
    if (!nodesById.has(id)) return;
    if (controls.view.value === "actors" && network) {
      network.selectNodes([id]);
      network.focus(id, { scale: 1.1, animation: false });
    }
    show(id);
  }

  function searchFocus() {
    const text = controls.search.value.trim().toLowerCase();
    if (!text) return;
    const found = data.nodes.find((n) => n.name.toLowerCase() === text) || data.nodes.find((n) => n.name.toLowerCase().includes(text));
    if (!found) { shown.textContent = " · no actor named like “" + controls.search.value + "”"; return; }
    focus = { id: found.id, depth: Number(controls.depth.value) };
    apply();
    select(found.id);
  }

  // ---- wiring
  setUp();
  build();
  controls.view.addEventListener("change", () => { focus = null; build(); });
  for (const id of ["derived", "f-type", "f-sphere", "f-relation", "f-determinant", "f-phase"]) controls[id].addEventListener("change", apply);
  controls.depth.addEventListener("change", () => { if (focus) { focus.depth = Number(controls.depth.value); apply(); } });
  document.getElementById("focus").addEventListener("click", searchFocus);
  controls.search.addEventListener("keydown", (ev) => { if (ev.key === "Enter") searchFocus(); });
  document.getElementById("reset").addEventListener("click", () => {
    focus = null;
    for (const id of ["f-type", "f-sphere", "f-relation", "f-determinant", "f-phase", "search"]) controls[id].value = "";
    apply();
  });
  for (const button of document.querySelectorAll("button[data-actor]")) {
    button.addEventListener("click", () => select(button.dataset.actor));
  }
  document.getElementById("png").addEventListener("click", (ev) => {
    const canvas = box.querySelector("canvas");
    const copy = document.createElement("canvas");
    copy.width = canvas.width;
    copy.height = canvas.height;
    const context = copy.getContext("2d");
    context.fillStyle = "#fff";
    context.fillRect(0, 0, copy.width, copy.height);
    context.drawImage(canvas, 0, 0);
    ev.currentTarget.href = copy.toDataURL("image/png");
  });
  // for tests and for other scripts: where an actor, or the middle of a straight tie, is drawn on the page
  function onPage(id) {
    const p = network.canvasToDOM(network.getPosition(id));
    const r = box.getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  }
  window.kgExplorer = {
    position: onPage,
    nodeAt: (x, y) => {
      const r = box.getBoundingClientRect();
      return network.getNodeAt({ x: x - r.left, y: y - r.top }) || null;
    },
    edgeMiddle: (source, target) => {
      const a = onPage(source), b = onPage(target);
      return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    },
  };
})();
