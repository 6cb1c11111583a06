// The dashboard's heat map: a click (or Enter) on a cell lists its providers and services in the side panel,
// split into direct provision, signposting and channelling; category rows fold their sub-determinants.
(function () {
  "use strict";
  const source = document.getElementById("dashboard-data");
  const panel = document.getElementById("cell-panel");
  if (!source || !panel) return;
  const data = JSON.parse(source.textContent);
  const root = document.body.dataset.root || "";
  const MODES = [["direct", "Direct provision"], ["signposting", "Signposted"], ["channelling", "Channelled"]];

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
    for (const child of children) node.append(child);
    return node;
  }

  function link(href, text) {
    return el("a", { href: href }, text);
  }

  function serviceItem(service, row) {
    const item = el("li", {},
      link(root + "/actors/" + encodeURIComponent(service.provider), data.names[service.provider] || service.provider),
      ": ", link(root + "/services/" + encodeURIComponent(service.id), service.name));
    const source = [];
    if (service.locator) source.push(service.locator);
    if (service.dataset) source.push("data set " + service.dataset);
    if (source.length) item.append(el("span", { class: "muted" }, " — source: " + source.join(", ")));
    if (service.inferred) item.append(" ", el("span", { class: "tag" }, "inferred"));
    if (service.recorded_at !== row) {
      item.append(" ", el("span", { class: "tag" }, "recorded for " + (data.labels[service.recorded_at] || service.recorded_at)));
    }
    return item;
  }

  function show(td) {
    const key = td.dataset.row + "|" + td.dataset.phase;
    const cell = data.cells[key];
    if (!cell) return;
    document.querySelectorAll("td.n.selected").forEach((n) => n.classList.remove("selected"));
    td.classList.add("selected");
    const phase = td.closest("table").querySelectorAll("thead th")[td.cellIndex].textContent;
    panel.replaceChildren(
      el("h3", {}, (data.labels[cell.row] || cell.row) + " · " + phase),
      el("p", { class: "state" }, el("span", { class: "swatch s-" + cell.state }), " " + data.states[cell.state]));
    if (cell.state === "category") {
      const parent = document.querySelector('#heatmap tr[data-row="' + cell.row + '"]').dataset.parent;
      panel.append(el("p", { class: "muted" }, "No service names this sub-determinant itself; the services marked “recorded for " +
        (data.labels[parent] || parent) + "” are recorded for the whole category and cover it."));
    }
    let listed = 0;
    for (const [mode, title] of MODES) {
      const services = cell.services.filter((s) => s.mode === mode);
      if (!services.length) continue;
      listed += services.length;
      const list = el("ul", { class: "mode-" + mode });
      services.forEach((s) => list.append(serviceItem(s, cell.row)));
      panel.append(el("h4", {}, title + " (" + new Set(services.map((s) => s.provider)).size + ")"), list);
    }
    if (!listed) panel.append(el("p", {}, "No service is recorded for this cell."));
  }

  document.querySelectorAll("#heatmap td.n").forEach((td) => {
    td.addEventListener("click", () => show(td));
    td.addEventListener("keydown", (event) => { if (event.key === "Enter" || event.key === " ") { event.preventDefault(); show(td); } });
  });

  document.querySelectorAll("#heatmap button.fold").forEach((button) => {
    button.addEventListener("click", () => {
      const row = button.closest("tr");
      const folded = row.classList.toggle("folded");
      button.setAttribute("aria-expanded", String(!folded));
      document.querySelectorAll('#heatmap tr[data-parent="' + row.dataset.row + '"]').forEach((sub) => { sub.hidden = folded; });
    });
  });
})();
