// The SPARQL workbench: a gallery of the named competency queries (parameters bound by the server), the
// YASQE editor with this graph's own prefixes, results as a table (region codes linked to their dashboards,
// inferred rows marked), a bar chart, a node-link graph for CONSTRUCT / DESCRIBE, the raw response,
// downloads and share links that carry the query compressed in the URL fragment (no server-side writes).
(function () {
  "use strict";
  const root = document.body.dataset.root || "";
  const examples = JSON.parse(document.getElementById("gallery-data").textContent);
  const byName = new Map(examples.map((e) => [e.name, e]));
  const prefixes = JSON.parse(document.getElementById("prefix-data").textContent);
  const $ = (id) => document.getElementById(id);
  const result = $("result"), status = $("status");
  const NUMERIC = /#(integer|decimal|double|float|long|int|short|nonNegativeInteger|positiveInteger)$/;
  const REGION_COLUMNS = /^(region|code|country|partnerRegion|publishedCode|seat|model)$/;
  const REGION_CODE = /^[A-Z]{2}(-[A-Z0-9]{1,5}|[A-Z0-9]{0,3})$/;
  const BASE = "https://w3id.org/rckg/";
  const BLANK = "SELECT ?actor ?name WHERE {\n  ?actor a rc:Actor ; rdfs:label ?name .\n}\nORDER BY ?name\nLIMIT 50\n";
  let current = null;  // the chosen example, or null for an own query
  let last = null;  // the last answer: { kind: "bindings" | "boolean" | "graph", ... }
  let graphView = null;

  // ---- the editor: autocompletion from this server only (prefix.cc and LOV are never asked)
  Yasqe.defaults.autocompleters = ["prefixes", "variables"];
  const yasqe = new Yasqe($("yasqe"), {
    value: BLANK, persistenceId: null, showQueryButton: false, consumeShareLink: null, createShareableLink: null,
    autocompleters: ["prefixes", "variables"], prefixCcApi: root + "/sparql/prefixes.json", editorHeight: "320px",
    requestConfig: { endpoint: root + "/sparql", method: "POST" },
    extraKeys: { "Ctrl-Enter": () => run(), "Cmd-Enter": () => run() },
  });

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  // ---- choosing an example
  function choose(name, params, text) {
    current = name ? byName.get(name) : null;
    for (const b of document.querySelectorAll("button.example")) b.classList.toggle("active", b.dataset.name === (name || ""));
    $("q-title").textContent = current ? current.title : "Your own query";
    $("q-answers").textContent = current ? current.answers : "Any SELECT, ASK, CONSTRUCT or DESCRIBE on this graph; the project's prefixes are declared for you.";
    $("q-source").replaceChildren(...(current ? [el("strong", {}, "Source: "), current.source] : []));
    const form = $("params");
    form.replaceChildren();
    for (const p of current ? current.params : []) {
      const value = params && params[p.name] !== undefined ? params[p.name] : p.value;
      form.append(el("label", { title: p.description }, p.name + " (" + p.kind + ")",
        el("input", { name: p.name, value: value, "data-kind": p.kind, size: "18" })));
    }
    if (current && current.params.length) form.append(el("span", { class: "muted" }, "bound by the server as ?" + current.params.map((p) => p.name).join(", ?")));
    yasqe.setValue(text || (current ? current.text : BLANK));
    $("share-link").hidden = true;
  }

  function params() {
    const values = {};
    for (const input of $("params").querySelectorAll("input")) values[input.name] = input.value.trim();
    return values;
  }

  // ---- running: a named query goes to /sparql/named/{name} with its parameters, anything else to /sparql
  // an own query may use the project's prefixes without declaring them: /sparql needs them declared
  function declared(text) {
    const missing = Object.keys(prefixes).filter((p) => new RegExp("(^|[^\\w:])" + p + ":").test(text.replace(/#.*$/gm, ""))
      && !new RegExp("PREFIX\\s+" + p + ":", "i").test(text));
    return missing.map((p) => "PREFIX " + p + ": <" + prefixes[p] + ">\n").join("") + text;
  }

  function request(format) {
    const body = new URLSearchParams();
    body.set("query", current ? yasqe.getValue() : declared(yasqe.getValue()));
    let url = root + "/sparql";
    if (current) {
      url = root + "/sparql/named/" + encodeURIComponent(current.name);
      for (const [k, v] of Object.entries(params())) body.set(k, v);
    }
    const accept = { json: "application/sparql-results+json", csv: "text/csv", tsv: "text/tab-separated-values" };
    const headers = { "Content-Type": "application/x-www-form-urlencoded",
      Accept: format ? accept[format] : "application/sparql-results+json, application/n-triples;q=0.9" };
    return fetch(url + (format ? "?format=" + format : ""), { method: "POST", body: body, headers: headers });
  }

  async function run() {
    result.dataset.state = "running";
    status.textContent = "Running …";
    const started = performance.now();
    let response, text;
    try {
      response = await request(isGraphQuery() ? null : "json");
      text = await response.text();
    } catch (error) {
      return fail("The server did not answer: " + error);
    }
    $("raw").textContent = text;
    if (!response.ok) {
      let detail = text;
      try { detail = JSON.parse(text).detail || text; } catch (_) { /* not JSON */ }
      return fail(detail);
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    const type = response.headers.get("content-type") || "";
    if (type.includes("sparql-results+json")) {
      const data = JSON.parse(text);
      if ("boolean" in data) {
        last = { kind: "boolean", value: data.boolean };
        status.textContent = "ASK: " + data.boolean + " (" + seconds + " s)";
        $("view-table").replaceChildren(el("p", { class: "boolean" }, String(data.boolean)));
        return settle("rows", "table");
      }
      last = { kind: "bindings", vars: data.head.vars, rows: data.results.bindings };
      status.textContent = last.rows.length + " row" + (last.rows.length === 1 ? "" : "s") + " in " + seconds + " s";
      drawTable();
      const chartable = prepareChart();
      if (!last.rows.length) {
        $("view-table").append(el("p", { class: "empty" }, "No rows." + (current ? " " + current.source : "")));
        return settle("empty", "table");
      }
      return settle("rows", current && current.chart && chartable ? "chart" : "table");
    }
    last = { kind: "graph", triples: parseNTriples(text) };
    status.textContent = last.triples.length + " triples in " + seconds + " s";
    return settle(last.triples.length ? "graph" : "empty", "graph");
  }

  function isGraphQuery() {
    const text = yasqe.getValue().replace(/#.*$/gm, "");
    return /\b(CONSTRUCT|DESCRIBE)\b/i.test(text);
  }

  function fail(message) {
    last = null;
    status.textContent = "";
    $("view-table").replaceChildren(el("p", { class: "warning" }, message));
    settle("error", "table");
  }

  function settle(state, view) {
    result.dataset.state = state;
    result.dataset.rows = last && last.kind === "bindings" ? String(last.rows.length) : "";
    show(view);
  }

  // ---- views
  function show(view) {
    for (const tab of document.querySelectorAll("#tabs [role=tab]")) tab.setAttribute("aria-selected", String(tab.dataset.view === view));
    for (const pane of document.querySelectorAll("#result .view")) pane.hidden = pane.dataset.view !== view;
    result.dataset.view = view;
    if (view === "chart") drawChart();
    if (view === "graph") drawGraph();
  }

  function localLink(iri) {
    const nuts = iri.match(/^http:\/\/data\.europa\.eu\/nuts\/code\/([A-Z0-9]+)$/) || iri.match(/^https:\/\/w3id\.org\/rckg\/id\/region\/([A-Z0-9-]+)$/);
    if (nuts) return root + "/regions/" + encodeURIComponent(nuts[1]) + "/dashboard";
    for (const kind of ["actor", "service"]) {
      if (iri.startsWith(BASE + "id/" + kind + "/")) return root + "/" + kind + "s/" + encodeURIComponent(iri.slice((BASE + "id/" + kind + "/").length));
    }
    if (iri.startsWith(BASE)) return root + "/" + iri.slice(BASE.length);
    return null;
  }

  function cell(variable, term) {
    if (!term) return el("td");
    if (term.type === "uri") {
      const href = localLink(term.value);
      return el("td", {}, href ? el("a", { href: href }, term.value.split("/").pop()) : term.value);
    }
    if (REGION_COLUMNS.test(variable) && REGION_CODE.test(term.value)) {
      return el("td", {}, el("a", { href: root + "/regions/" + encodeURIComponent(term.value) + "/dashboard", title: "dashboard of " + term.value }, term.value));
    }
    if (term.datatype && term.datatype.endsWith("#boolean")) {
      const yes = term.value === "true";
      return el("td", { class: yes ? "yes" : "no" }, variable === "inferred" && yes ? el("span", { class: "tag inferred" }, "inferred") : term.value);
    }
    return el("td", {}, term.value);
  }

  function drawTable() {
    const head = el("tr", {}, ...last.vars.map((v) => el("th", {}, v)));
    const body = last.rows.slice(0, 2000).map((row) => {
      const tr = el("tr", {}, ...last.vars.map((v) => cell(v, row[v])));
      if (row.inferred && row.inferred.value === "true") tr.classList.add("inferred-row");
      return tr;
    });
    const table = el("table", { class: "results" }, el("thead", {}, head), el("tbody", {}, ...body));
    const parts = [el("div", { class: "scroll" }, table)];
    if (last.rows.length > 2000) parts.push(el("p", { class: "muted" }, "The first 2,000 of " + last.rows.length + " rows are shown; download them all."));
    if (last.vars.includes("inferred")) parts.unshift(el("p", { class: "note" }, "Rows marked inferred are not stated by the source but read from its text; the source and locator columns say where."));
    $("view-table").replaceChildren(...parts);
  }

  // ---- chart: a horizontal bar chart drawn as SVG; a numeric column, or the count of rows per label
  function numericVars() {
    return last.vars.filter((v) => last.rows.some((r) => r[v]) && last.rows.every((r) => !r[v] || (r[v].datatype && NUMERIC.test(r[v].datatype))));
  }

  function prepareChart() {
    const labels = $("chart-label"), values = $("chart-value");
    labels.replaceChildren();
    values.replaceChildren();
    if (!last.rows.length) return false;
    const numbers = numericVars();
    last.vars.filter((v) => !numbers.includes(v)).forEach((v) => labels.append(el("option", { value: v }, v)));
    numbers.forEach((v) => values.append(el("option", { value: v }, v)));
    values.append(el("option", { value: "" }, "count of rows"));
    const spec = current && current.chart;
    if (spec) {
      if (last.vars.includes(spec[0])) labels.value = spec[0];
      values.value = spec[1] && numbers.includes(spec[1]) ? spec[1] : (spec[1] ? values.value : "");
    } else if (!numbers.length) {
      values.value = "";
    }
    return labels.options.length > 0;
  }

  function drawChart() {
    const target = $("chart");
    if (!last || last.kind !== "bindings" || !last.rows.length || !$("chart-label").value) {
      target.replaceChildren(el("p", { class: "muted" }, "Run a SELECT query with a label column to chart it."));
      return;
    }
    const labelVar = $("chart-label").value, valueVar = $("chart-value").value;
    const totals = new Map();
    for (const row of last.rows) {
      const key = row[labelVar] ? row[labelVar].value.split("/").pop() : "(none)";
      const add = valueVar ? Number(row[valueVar] ? row[valueVar].value : 0) : 1;
      totals.set(key, (valueVar && totals.has(key) && !isFinite(add)) ? totals.get(key) : (totals.get(key) || 0) + add);
    }
    const bars = [...totals.entries()].sort((a, b) => b[1] - a[1]);
    const shown = bars.slice(0, 40);
    const max = Math.max(...shown.map((b) => b[1]), 0) || 1;
    const rowH = 22, labelW = 300, width = 820, barW = width - labelW - 70;
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 " + width + " " + (shown.length * rowH + 30));
    svg.setAttribute("class", "bars");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", (valueVar || "rows") + " by " + labelVar);
    shown.forEach(([key, value], i) => {
      const y = i * rowH + 4;
      const text = document.createElementNS(ns, "text");
      text.setAttribute("x", labelW - 6); text.setAttribute("y", y + 15); text.setAttribute("text-anchor", "end");
      text.textContent = key.length > 44 ? key.slice(0, 42) + "…" : key;
      const rect = document.createElementNS(ns, "rect");
      rect.setAttribute("x", labelW); rect.setAttribute("y", y); rect.setAttribute("height", rowH - 6);
      rect.setAttribute("width", Math.max(1, barW * value / max));
      const title = document.createElementNS(ns, "title");
      title.textContent = key + ": " + value;
      rect.append(title);
      const number = document.createElementNS(ns, "text");
      number.setAttribute("x", labelW + Math.max(1, barW * value / max) + 4); number.setAttribute("y", y + 15);
      number.setAttribute("class", "value");
      number.textContent = Number.isInteger(value) ? value : value.toFixed(2);
      svg.append(text, rect, number);
    });
    const caption = (valueVar ? "Sum of " + valueVar : "Rows") + " by " + labelVar +
      (bars.length > shown.length ? " — the 40 largest of " + bars.length : "");
    target.replaceChildren(el("p", { class: "muted" }, caption), svg);
  }

  // ---- graph: CONSTRUCT / DESCRIBE results as nodes and links
  function parseNTriples(text) {
    const term = /\s*(<[^>]*>|_:\S+|"(?:[^"\\]|\\.)*"(?:@[\w-]+|\^\^<[^>]*>)?)/y;
    const triples = [];
    for (const line of text.split("\n")) {
      if (!line.trim() || line.trim().startsWith("#")) continue;
      term.lastIndex = 0;
      const parts = [];
      for (let i = 0; i < 3; i++) {
        const m = term.exec(line);
        if (!m) break;
        parts.push(m[1]);
      }
      if (parts.length === 3) triples.push(parts);
    }
    return triples;
  }

  function short(t) {
    if (t.startsWith("<")) return t.slice(1, -1).split(/[/#]/).pop();
    if (t.startsWith('"')) return JSON.parse(t.replace(/(@[\w-]+|\^\^<[^>]*>)$/, ""));
    return t;
  }

  function drawGraph() {
    const target = $("graph");
    if (graphView) { graphView.destroy(); graphView = null; }
    if (!last || last.kind !== "graph" || !last.triples.length) {
      target.replaceChildren(el("p", { class: "muted" }, "Run a CONSTRUCT or DESCRIBE query to see its graph."));
      return;
    }
    target.replaceChildren();
    const nodes = new Map(), edges = [], notes = new Map();
    for (const [s, p, o] of last.triples.slice(0, 1500)) {
      if (!nodes.has(s)) nodes.set(s, { id: s, label: short(s), shape: "dot", size: 10 });
      if (o.startsWith('"')) {
        notes.set(s, (notes.get(s) || "") + short(p) + ": " + short(o) + "\n");
        if (short(p) === "label" || short(p) === "prefLabel" || short(p) === "name") nodes.get(s).label = short(o);
        continue;
      }
      if (!nodes.has(o)) nodes.set(o, { id: o, label: short(o), shape: "dot", size: 8 });
      edges.push({ from: s, to: o, label: short(p), arrows: "to", font: { size: 10 } });
    }
    for (const [id, text] of notes) nodes.get(id).title = text;
    graphView = new vis.Network(target, { nodes: new vis.DataSet([...nodes.values()]), edges: new vis.DataSet(edges) },
      { physics: { stabilization: { iterations: 200 } }, interaction: { hover: true } });
  }

  // ---- downloads and share links
  async function download(format) {
    const response = await request(format);
    const blob = await response.blob();
    const a = el("a", { href: URL.createObjectURL(blob), download: (current ? current.name : "query") + "." + format });
    document.body.append(a);
    a.click();
    a.remove();
  }

  function toBase64Url(bytes) {
    let text = "";
    bytes.forEach((b) => { text += String.fromCharCode(b); });
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  async function pack(state) {
    const stream = new Blob([JSON.stringify(state)]).stream().pipeThrough(new CompressionStream("deflate-raw"));
    return toBase64Url(new Uint8Array(await new Response(stream).arrayBuffer()));
  }

  async function unpack(code) {
    const binary = atob(code.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    return JSON.parse(await new Response(stream).text());
  }

  async function share() {
    const state = { n: current ? current.name : "", p: current ? params() : {} };
    if (!current || yasqe.getValue() !== current.text) state.q = yasqe.getValue();
    const url = location.origin + location.pathname + "#s=" + (await pack(state));
    history.replaceState(null, "", url);
    const field = $("share-link");
    field.value = url;
    field.hidden = false;
    field.select();
    if (navigator.clipboard) navigator.clipboard.writeText(url).catch(() => {});
  }

  async function restore() {
    const match = location.hash.match(/^#s=([\w-]+)$/);
    if (!match) return false;
    try {
      const state = await unpack(match[1]);
      choose(byName.has(state.n) ? state.n : "", state.p, state.q);
      return true;
    } catch (_) {
      status.textContent = "This share link could not be read.";
      return false;
    }
  }

  // ---- wiring
  for (const button of document.querySelectorAll("button.example")) {
    button.addEventListener("click", () => { choose(button.dataset.name); run(); });
  }
  $("run").addEventListener("click", run);
  $("share").addEventListener("click", share);
  for (const button of document.querySelectorAll("[data-download]")) button.addEventListener("click", () => download(button.dataset.download));
  for (const tab of document.querySelectorAll("#tabs [role=tab]")) tab.addEventListener("click", () => show(tab.dataset.view));
  $("chart-label").addEventListener("change", drawChart);
  $("chart-value").addEventListener("change", drawChart);
  restore().then((restored) => { if (!restored) choose(examples[0].name); run(); });
})();
