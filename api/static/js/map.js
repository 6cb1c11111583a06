// The map: the regions of the page's measure (embedded as JSON by the server) drawn with d3-geo from the
// vendored NUTS 2024 or US TopoJSON; colour by value, a legend, a tooltip, a click opens the dashboard.
// A region the measure gives 0 is drawn as "none recorded", one it has no value for as "no data", and a
// boundary with no region in the data as "not in the data": three different things a reader must tell apart.
(function () {
  "use strict";
  var svg = document.getElementById("map");
  var source = document.getElementById("map-data");
  if (!svg || !source) return;
  var data = JSON.parse(source.textContent);
  var root = document.body.dataset.root || "";
  var NS = "http://www.w3.org/2000/svg";
  var WIDTH = 960, HEIGHT = 700;
  var ZERO = "#e5675a", NODATA = "#c9ced3", ABSENT = "#eef0f2", BEST = "#3a9e6a";
  var BLUES = ["#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];
  var REDS = ["#fdd0a2", "#fdae6b", "#fd8d3c", "#e6550d", "#a63603"];
  var values = {};
  data.regions.forEach(function (r) { values[r.code] = r; });

  function bins() {
    var present = data.regions.map(function (r) { return r.value; })
      .filter(function (v) { return v !== null && (data.measure === "indicator" || v > 0); });
    if (!present.length) return [];
    var lo = Math.min.apply(null, present), hi = Math.max.apply(null, present);
    var integer = data.measure !== "indicator" && data.measure !== "covered";
    var count = Math.min(5, integer ? hi - lo + 1 : 5);
    var edges = [];
    for (var i = 0; i < count; i++) {
      var a = lo + (hi - lo) * i / count, b = lo + (hi - lo) * (i + 1) / count;
      if (integer) { a = Math.ceil(a); b = i === count - 1 ? hi : Math.ceil(b) - 1; if (b < a) b = a; }
      edges.push([a, b]);
    }
    return edges;
  }
  var edges = bins();
  var ramp = data.higher_is_worse ? REDS : BLUES;

  function colour(value) {
    if (value === null || value === undefined) return NODATA;
    if (data.measure !== "indicator" && value === 0) return data.higher_is_worse ? BEST : ZERO;
    for (var i = 0; i < edges.length; i++) if (value <= edges[i][1] + 1e-9) return ramp[Math.round(i * (ramp.length - 1) / Math.max(1, edges.length - 1))];
    return ramp[ramp.length - 1];
  }

  function shown(value) {
    if (value === null || value === undefined) return "no data";
    if (data.measure === "covered") return Math.round(value * 100) + " %";
    return Number.isInteger(value) ? String(value) : value.toFixed(2);
  }

  function legend() {
    var box = document.getElementById("map-legend");
    var items = [];
    if (data.measure !== "indicator") {
      items.push([data.higher_is_worse ? BEST : ZERO, data.higher_is_worse ? "no gap" :
        (data.measure === "covered" ? "no cell covered" : "0: no direct provider recorded")]);
    }
    edges.forEach(function (e, i) {
      var c = ramp[Math.round(i * (ramp.length - 1) / Math.max(1, edges.length - 1))];
      var label = e[0] === e[1] ? shown(e[0]) : shown(e[0]) + "–" + shown(e[1]);
      items.push([c, label]);
    });
    items.push([NODATA, "no data for this region"]);
    items.push([ABSENT, "not in the data"]);
    items.forEach(function (item) {
      var span = document.createElement("span");
      var sw = document.createElement("i");
      sw.style.background = item[0];
      span.appendChild(sw);
      span.appendChild(document.createTextNode(item[1]));
      box.appendChild(span);
    });
    var what = document.createElement("span");
    what.className = "muted";
    what.textContent = data.title + (data.unit ? " (" + data.unit + ")" : "");
    box.appendChild(what);
  }

  function codeOf(feature) {
    if (data.level === "us") return feature.properties && feature.properties.postal ? "US-" + feature.properties.postal : null;
    return feature.properties && feature.properties.NUTS_ID ? feature.properties.NUTS_ID : String(feature.id);
  }

  // far overseas regions are drawn but not fitted, so Europe does not shrink to fit the Caribbean
  function inEurope(feature) {
    var c = d3.geoCentroid(feature);
    return c[0] > -25 && c[0] < 45 && c[1] > 34 && c[1] < 72;
  }

  function tooltip(event, text) {
    var tip = document.getElementById("map-tip");
    var box = svg.parentElement.getBoundingClientRect();
    tip.textContent = text;
    tip.hidden = false;
    tip.style.left = (event.clientX - box.left + 12) + "px";
    tip.style.top = (event.clientY - box.top + 12) + "px";
  }

  function draw(topology) {
    var object = data.level === "us" ? topology.objects.states : topology.objects["nuts" + data.level];
    var features = topojson.feature(topology, object).features;
    if (data.country) features = features.filter(function (f) { return (codeOf(f) || "").indexOf(data.country) === 0; });
    var fitted = data.level === "us" ? features : features.filter(inEurope);
    var projection = data.level === "us" ? d3.geoAlbersUsa() : d3.geoAzimuthalEqualArea().rotate([-10, -52]);
    projection.fitExtent([[10, 10], [WIDTH - 10, HEIGHT - 10]], {type: "FeatureCollection", features: fitted.length ? fitted : features});
    var path = d3.geoPath(projection);
    var group = document.createElementNS(NS, "g");
    features.forEach(function (feature) {
      var d = path(feature);
      if (!d) return;
      var code = codeOf(feature);
      var region = values[code];
      var el = document.createElementNS(NS, "path");
      el.setAttribute("d", d);
      el.setAttribute("data-code", code);
      el.setAttribute("fill", region ? colour(region.value) : ABSENT);
      el.setAttribute("class", region ? "region" : "region absent");
      var name = region ? region.label : (feature.properties && (feature.properties.NAME_LATN || feature.properties.name)) || code;
      var text = name + " (" + code + "): " + (region ? shown(region.value) + (region.year ? " (" + region.year + ")" : "") : "not in the data");
      var title = document.createElementNS(NS, "title");
      title.textContent = text;
      el.appendChild(title);
      if (region) {
        el.setAttribute("data-value", region.value === null ? "" : String(region.value));
        el.addEventListener("click", function () { window.location.href = root + "/regions/" + encodeURIComponent(code) + "/dashboard"; });
      }
      el.addEventListener("mousemove", function (event) { tooltip(event, text); });
      el.addEventListener("mouseleave", function () { document.getElementById("map-tip").hidden = true; });
      group.appendChild(el);
    });
    svg.appendChild(group);
    svg.setAttribute("data-drawn", String(group.childNodes.length));
  }

  legend();
  fetch(svg.getAttribute("data-geo")).then(function (r) { return r.json(); }).then(draw);
})();
