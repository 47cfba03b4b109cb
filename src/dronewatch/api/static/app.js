/* dronewatch dashboard: map, timeline, incident list and incident view over the REST API.
 *
 * Plain JavaScript, no library, nothing fetched from another host. Every string that comes
 * from the API (article text, titles, names, flag messages) is put into the page with
 * textContent / createTextNode, never as HTML, so markup inside an article stays text.
 * The view's whole state lives in the query string: reload and back/forward restore it.
 */
(function () {
  "use strict";

  var MEASURES = ["launched", "intercepted", "hit", "killed", "injured"];
  var WEAPONS = ["drone", "missile", "naval_drone", "glide_bomb", "unknown"];
  var SIDES = ["RU", "UA", "BY"];
  var FLAGS = ["date_conflict", "count_conflict", "breakdown_mismatch", "sides_disagree",
               "unknown_place", "single_source", "reference_mismatch"];
  var LIST_KEYS = ["region", "weapon", "side", "flag"];
  var WEAPON_COLOURS = {drone: "#d9822b", missile: "#b8322a", naval_drone: "#2874a6",
                        glide_bomb: "#7d3c98", unknown: "#7f8c8d"};
  // Sequential classes for the map, light to dark.
  var SHADES = ["#fde0c5", "#facba6", "#f8b58b", "#f59e72", "#f2855d", "#ef6a4c", "#c9413a"];
  var TIMELINE_ROWS = [
    {label: "launched", measures: ["launched"]},
    {label: "intercepted", measures: ["intercepted"]},
    {label: "hit", measures: ["hit"]},
    {label: "casualties", measures: ["killed", "injured"]}
  ];
  var SVG_NS = "http://www.w3.org/2000/svg";
  // The map opens on Ukraine, Belarus and European Russia; "all of Russia" fits every shape.
  var WEST_BOX = {lon: [20, 61], lat: [42, 68]};

  var state = readState();
  var regions = null;          // {features, byCode: {code: feature}}
  var generation = 0;          // answers of an older render are dropped
  var nextCursor = null;

  // --- small helpers ----------------------------------------------------------------------

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG_NS, tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  function words(s) { return String(s).replace(/_/g, " "); }

  function fmt(n) { return Number(n).toLocaleString("en-US", {maximumFractionDigits: 1}); }

  function showError(message) {
    var box = $("error");
    box.textContent = message;
    box.hidden = false;
  }

  // --- state <-> URL ----------------------------------------------------------------------

  function readState() {
    var q = new URLSearchParams(window.location.search);
    var s = {since: q.get("since") || "", until: q.get("until") || "",
             measure: q.get("measure") || "intercepted", whole: q.get("whole") === "1",
             incident: q.get("incident") || "", night: q.get("night") || ""};
    LIST_KEYS.forEach(function (k) { s[k] = q.getAll(k).filter(Boolean); });
    if (MEASURES.indexOf(s.measure) < 0) { s.measure = "intercepted"; }
    return s;
  }

  function query(s, opts) {
    var q = new URLSearchParams();
    if (s.since) { q.set("since", s.since); }
    if (s.until) { q.set("until", s.until); }
    LIST_KEYS.forEach(function (k) {
      if (opts && opts.without === k) { return; }
      s[k].forEach(function (v) { q.append(k, v); });
    });
    if (opts && opts.ui) {
      if (s.measure !== "intercepted") { q.set("measure", s.measure); }
      if (s.whole) { q.set("whole", "1"); }
      if (s.incident) { q.set("incident", s.incident); }
      if (s.night) { q.set("night", s.night); }
    }
    return q;
  }

  function go(change) {
    Object.keys(change).forEach(function (k) { state[k] = change[k]; });
    var qs = query(state, {ui: true}).toString();
    window.history.pushState(null, "", qs ? "?" + qs : window.location.pathname);
    render();
  }

  window.addEventListener("popstate", function () { state = readState(); render(); });

  // --- API --------------------------------------------------------------------------------

  function getJSON(path, params) {
    var qs = params ? params.toString() : "";
    var url = "api/" + path + (qs ? "?" + qs : "");
    return fetch(url, {headers: {Accept: "application/json"}}).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (!r.ok) {
          var detail = body && body.detail;
          if (Array.isArray(detail)) {
            detail = detail.map(function (d) { return d.msg || JSON.stringify(d); }).join("; ");
          }
          throw new Error("GET /api/" + path + ": " + r.status + " " + (detail || r.statusText));
        }
        return body;
      });
    });
  }

  // --- filters form -----------------------------------------------------------------------

  function buildForm() {
    checkboxes("f-weapon", "weapon", WEAPONS);
    checkboxes("f-side", "side", SIDES);
    checkboxes("f-flag", "flag", FLAGS);
    MEASURES.forEach(function (m) { $("f-measure").appendChild(el("option", {value: m}, m)); });
    $("f-since").addEventListener("change", function (e) { go({since: e.target.value, night: "", incident: ""}); });
    $("f-until").addEventListener("change", function (e) { go({until: e.target.value, night: "", incident: ""}); });
    $("f-measure").addEventListener("change", function (e) { go({measure: e.target.value}); });
    $("f-whole").addEventListener("change", function (e) { go({whole: e.target.checked}); });
    $("f-region-add").addEventListener("change", function (e) {
      var code = e.target.value;
      e.target.value = "";
      if (code && state.region.indexOf(code) < 0) { go({region: state.region.concat([code])}); }
    });
    $("f-clear").addEventListener("click", function () {
      go({since: "", until: "", night: "", region: [], weapon: [], side: [], flag: [], incident: ""});
    });
    $("filters").addEventListener("submit", function (e) { e.preventDefault(); });
    $("load-more").addEventListener("click", function () { loadIncidents(false, generation); });
    $("incident-close").addEventListener("click", function () { go({incident: ""}); });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && state.incident) { go({incident: ""}); }
    });
  }

  function checkboxes(id, key, values) {
    var box = $(id);
    values.forEach(function (v) {
      var input = el("input", {type: "checkbox", name: key, value: v});
      input.addEventListener("change", function () {
        var chosen = Array.prototype.filter.call(
          box.querySelectorAll("input"), function (i) { return i.checked; }
        ).map(function (i) { return i.value; });
        var change = {incident: ""};
        change[key] = chosen;
        go(change);
      });
      var label = el("label");
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + words(v)));
      box.appendChild(label);
    });
  }

  function syncForm() {
    $("f-since").value = state.since;
    $("f-until").value = state.until;
    $("f-measure").value = state.measure;
    $("f-whole").checked = state.whole;
    ["weapon", "side", "flag"].forEach(function (key) {
      $("f-" + key).querySelectorAll("input").forEach(function (i) {
        i.checked = state[key].indexOf(i.value) >= 0;
      });
    });
    var chips = $("f-regions");
    clear(chips);
    state.region.forEach(function (code) {
      var chip = el("button", {type: "button", "class": "chip", "data-code": code,
                               title: "remove this region from the filter"},
                    regionName(code) + " ×");
      chip.addEventListener("click", function () {
        go({region: state.region.filter(function (c) { return c !== code; }), incident: ""});
      });
      chips.appendChild(chip);
    });
  }

  function regionName(code) {
    var f = regions && regions.byCode[code];
    return f ? f.properties.name + " (" + code + ")" : code;
  }

  // --- map --------------------------------------------------------------------------------

  // Albers equal-area conic for Eastern Europe and Russia (parallels 50°N and 64°N).
  var PROJ = (function () {
    var rad = Math.PI / 180, p1 = 50 * rad, p2 = 64 * rad, p0 = 56 * rad, lon0 = 45;
    var n = (Math.sin(p1) + Math.sin(p2)) / 2;
    var c = Math.cos(p1) * Math.cos(p1) + 2 * n * Math.sin(p1);
    var rho0 = Math.sqrt(c - 2 * n * Math.sin(p0)) / n;
    return function (lon, lat) {
      var rho = Math.sqrt(c - 2 * n * Math.sin(lat * rad)) / n;
      var theta = n * (lon - lon0) * rad;
      return [1000 * rho * Math.sin(theta), -1000 * (rho0 - rho * Math.cos(theta))];
    };
  })();

  function pathOf(geometry) {
    var parts = [];
    var polys = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    polys.forEach(function (rings) {
      rings.forEach(function (ring) {
        ring.forEach(function (pt, i) {
          var xy = PROJ(pt[0], pt[1]);
          parts.push((i ? "L" : "M") + xy[0].toFixed(1) + " " + xy[1].toFixed(1));
        });
        parts.push("Z");
      });
    });
    return parts.join("");
  }

  function extent(points) {
    var xs = points.map(function (p) { return p[0]; }), ys = points.map(function (p) { return p[1]; });
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs);
    var y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
    return [x0, y0, x1 - x0, y1 - y0].map(function (v) { return v.toFixed(0); }).join(" ");
  }

  function westBox() {
    var pts = [];
    for (var lon = WEST_BOX.lon[0]; lon <= WEST_BOX.lon[1]; lon += 1) {
      pts.push(PROJ(lon, WEST_BOX.lat[0]), PROJ(lon, WEST_BOX.lat[1]));
    }
    return extent(pts);
  }

  function loadRegions() {
    return fetch("static/regions.geojson").then(function (r) {
      if (!r.ok) { throw new Error("static/regions.geojson: " + r.status); }
      return r.json();
    }).then(function (collection) {
      var map = $("map"), byCode = {}, all = [];
      var layer = svg("g", {"class": "regions"});
      collection.features.forEach(function (f) {
        var p = f.properties;
        var path = svg("path", {d: pathOf(f.geometry), "class": p.code ? "region" : "region nocode",
                                "data-country": p.country});
        if (p.code) {
          path.setAttribute("data-code", p.code);
          path.setAttribute("tabindex", "0");
          byCode[p.code] = f;
          path.addEventListener("click", function () { toggleRegion(p.code); });
          path.addEventListener("keydown", function (e) {
            if (e.key === "Enter" || e.key === " ") { e.preventDefault(); toggleRegion(p.code); }
          });
        }
        path.appendChild(svg("title", null, p.code ? p.name + " (" + p.code + ")" : p.name));
        f.path = path;
        layer.appendChild(path);
        var ring = f.geometry.type === "Polygon" ? f.geometry.coordinates[0] : f.geometry.coordinates[0][0];
        ring.forEach(function (pt) { all.push(PROJ(pt[0], pt[1])); });
      });
      map.appendChild(layer);
      map.appendChild(svg("g", {"class": "labels"}));
      regions = {features: collection.features, byCode: byCode, west: westBox(), whole: extent(all)};
      var add = $("f-region-add");
      Object.keys(byCode).sort(function (a, b) {
        return byCode[a].properties.name.localeCompare(byCode[b].properties.name);
      }).forEach(function (code) {
        add.appendChild(el("option", {value: code}, byCode[code].properties.name + " (" + code + ")"));
      });
    });
  }

  function toggleRegion(code) {
    var has = state.region.indexOf(code) >= 0;
    go({region: has ? state.region.filter(function (c) { return c !== code; })
                    : state.region.concat([code]), incident: ""});
  }

  function shade(value, max) {
    if (!value) { return null; }
    var i = max <= 1 ? SHADES.length - 1
                     : Math.round((SHADES.length - 1) * Math.log(value) / Math.log(max));
    return SHADES[Math.max(0, Math.min(SHADES.length - 1, i))];
  }

  function drawMap(stats) {
    var map = $("map");
    map.setAttribute("viewBox", state.whole ? regions.whole : regions.west);
    var totals = {}, points = {}, missing = [];
    (stats.by_region || []).forEach(function (r) {
      if (r.measure !== state.measure) { return; }
      totals[r.region] = (totals[r.region] || 0) + r.value;
      if (r.lat !== null && r.lat !== undefined) { points[r.region] = [r.lon, r.lat, r.name]; }
    });
    var max = 0;
    Object.keys(totals).forEach(function (c) { max = Math.max(max, totals[c]); });
    regions.features.forEach(function (f) {
      var code = f.properties.code, path = f.path;
      if (!code) { return; }
      var value = totals[code] || 0;
      var fill = shade(value, max);
      path.style.fill = fill || "";
      path.setAttribute("data-value", String(value));
      path.classList.toggle("selected", state.region.indexOf(code) >= 0);
      path.querySelector("title").textContent =
        f.properties.name + " (" + code + "): " + fmt(value) + " " + state.measure;
    });
    var labels = map.querySelector("g.labels");
    clear(labels);
    var placed = [];
    Object.keys(totals).forEach(function (code) {
      if (!regions.byCode[code]) { missing.push(code); }
      var at = points[code];
      if (!at || !totals[code]) { return; }
      var xy = PROJ(at[0], at[1]);
      var text = svg("text", {x: xy[0].toFixed(1), y: xy[1].toFixed(1), "data-code": code,
                              "class": "value-label"}, fmt(totals[code]));
      labels.appendChild(text);
      placed.push({node: text, value: totals[code], x: xy[0], y: xy[1]});
    });
    var unlabelled = separateLabels(labels, placed);
    var caption = "Incidents' " + state.measure + " figures per region" +
      (state.region.length ? " (selected regions outlined; the map ignores the region filter)" : "") +
      ". Click a region to filter by it." +
      (unlabelled ? " " + unlabelled + (unlabelled === 1 ? " region's figure is" : " regions' figures are") +
                    " too crowded to label: point at a region for its figure." : "");
    if (missing.length) { caption += " Not on the map: " + missing.join(", ") + "."; }
    $("map-caption").textContent = caption;
    drawLegend(max);
  }

  // Labels of small neighbouring regions (around Moscow) would print over each other: the
  // biggest figures are placed first, each at its region's centre or moved a label's height
  // or width away (with a line back to the centre); one that finds no free place is hidden
  // (its region's tooltip still gives the figure). Returns how many were hidden.
  function separateLabels(layer, labels) {
    var taken = [], hidden = 0;
    var moves = [[0, 0], [0, -1], [0, 1], [1, 0], [-1, 0], [1, -1], [-1, -1], [1, 1], [-1, 1],
                 [0, -2], [0, 2], [2, 0], [-2, 0]];
    labels.sort(function (a, b) { return b.value - a.value; });
    labels.forEach(function (label) {
      var box = label.node.getBBox(), pad = 2;
      var spot = moves.map(function (m) {
        return {dx: m[0] * (box.width + pad), dy: m[1] * (box.height + pad)};
      }).filter(function (m) {
        var x0 = box.x + m.dx - pad, y0 = box.y + m.dy - pad;
        return !taken.some(function (t) {
          return x0 < t.x1 && t.x0 < x0 + box.width + 2 * pad &&
                 y0 < t.y1 && t.y0 < y0 + box.height + 2 * pad;
        });
      })[0];
      if (!spot) {
        label.node.setAttribute("display", "none");
        hidden += 1;
        return;
      }
      taken.push({x0: box.x + spot.dx - pad, y0: box.y + spot.dy - pad,
                  x1: box.x + spot.dx + box.width + pad, y1: box.y + spot.dy + box.height + pad});
      if (spot.dx || spot.dy) {
        label.node.setAttribute("x", (label.x + spot.dx).toFixed(1));
        label.node.setAttribute("y", (label.y + spot.dy).toFixed(1));
        layer.insertBefore(svg("line", {x1: label.x.toFixed(1), y1: label.y.toFixed(1),
                                        x2: (label.x + spot.dx * 0.7).toFixed(1),
                                        y2: (label.y + spot.dy * 0.7).toFixed(1),
                                        "class": "leader"}), layer.firstChild);
      }
    });
    return hidden;
  }

  function drawLegend(max) {
    var legend = $("map-legend");
    clear(legend);
    if (!max) {
      legend.appendChild(el("span", {"class": "muted"}, "no " + state.measure + " figures for these filters"));
      return;
    }
    var steps = max <= 1 ? [1] : SHADES.map(function (_, i) {
      return Math.round(Math.exp(Math.log(max) * i / (SHADES.length - 1)));
    });
    steps.filter(function (v, i, all) { return all.indexOf(v) === i; }).forEach(function (v) {
      var item = el("span", {"class": "legend-item"});
      var swatch = el("span", {"class": "swatch"});
      swatch.style.background = shade(v, max);
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(fmt(v)));
      legend.appendChild(item);
    });
  }

  // --- timeline ---------------------------------------------------------------------------

  function dayNumber(iso) { return Math.floor(Date.parse(iso + "T00:00:00Z") / 86400000); }

  function isoOf(dayNum) { return new Date(dayNum * 86400000).toISOString().slice(0, 10); }

  // Days, weeks (from Monday) or months, so that the chart keeps readable bars.
  function bucketer(first, last) {
    var span = last - first + 1;
    if (span <= 100) {
      return {unit: "day", key: function (d) { return d; },
              range: function (k) { return [isoOf(k), isoOf(k)]; }};
    }
    if (span <= 730) {
      return {unit: "week", key: function (d) { return d - ((d + 3) % 7); },
              range: function (k) { return [isoOf(k), isoOf(k + 6)]; }};
    }
    return {unit: "month", key: function (d) {
      var iso = isoOf(d);
      return dayNumber(iso.slice(0, 8) + "01");
    }, range: function (k) {
      var start = isoOf(k), y = +start.slice(0, 4), m = +start.slice(5, 7);
      var end = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
      return [start, end];
    }};
  }

  // An incident covering several nights is drawn over those nights, an equal share on each,
  // never piled on its last day: `by_day` holds its figure whole on that day, and `spread`
  // names those figures with their first day.
  function spreadOver(byDay, spread) {
    var rows = byDay.map(function (r) {
      return {day: r.day, weapon: r.weapon, measure: r.measure, value: r.value};
    });
    var whole = {};
    rows.forEach(function (r) { whole[r.day + "|" + r.weapon + "|" + r.measure] = r; });
    (spread || []).forEach(function (s) {
      var row = whole[s.day + "|" + s.weapon + "|" + s.measure];
      if (!row) { return; }
      row.value -= s.value;
      var first = dayNumber(s.start) + 1, last = dayNumber(s.day), nights = last - first + 1;
      for (var d = first; d <= last; d++) {
        rows.push({day: isoOf(d), weapon: s.weapon, measure: s.measure, value: s.value / nights});
      }
    });
    return rows.filter(function (r) { return r.value > 0; });
  }

  function drawTimeline(stats) {
    var chart = $("timeline");
    clear(chart);
    var rows = spreadOver(stats.by_day || [], stats.spread);
    var days = rows.map(function (r) { return dayNumber(r.day); }).filter(function (d) { return !isNaN(d); });
    if (!days.length) {
      chart.setAttribute("viewBox", "0 0 900 40");
      chart.appendChild(svg("text", {x: 10, y: 24, "class": "muted"}, "no figures for these filters"));
      $("timeline-caption").textContent = "";
      $("timeline-legend").textContent = "";
      return;
    }
    var first = Math.min.apply(null, days), last = Math.max.apply(null, days);
    var b = bucketer(first, last);
    var keys = [];
    for (var d = b.key(first); d <= last; d = b.key(d + (b.unit === "month" ? 32 : b.unit === "week" ? 7 : 1))) {
      keys.push(d);
    }
    // sums[row][bucket][weapon]
    var sums = TIMELINE_ROWS.map(function () { return {}; });
    rows.forEach(function (r) {
      var k = b.key(dayNumber(r.day));
      TIMELINE_ROWS.forEach(function (row, i) {
        if (row.measures.indexOf(r.measure) < 0) { return; }
        var cell = sums[i][k] = sums[i][k] || {};
        cell[r.weapon] = (cell[r.weapon] || 0) + r.value;
      });
    });
    var left = 90, width = 900, rowH = 64, gap = 14, top = 8;
    var plotW = width - left - 10, barW = plotW / keys.length;
    var height = top + TIMELINE_ROWS.length * (rowH + gap) + 24;
    chart.setAttribute("viewBox", "0 0 " + width + " " + height);
    TIMELINE_ROWS.forEach(function (row, i) {
      var y0 = top + i * (rowH + gap), max = 0;
      keys.forEach(function (k) {
        var cell = sums[i][k] || {}, total = 0;
        Object.keys(cell).forEach(function (w) { total += cell[w]; });
        max = Math.max(max, total);
      });
      chart.appendChild(svg("text", {x: 0, y: y0 + rowH / 2, "class": "row-label"}, row.label));
      chart.appendChild(svg("text", {x: left - 6, y: y0 + 10, "class": "row-max"}, max ? fmt(max) : ""));
      chart.appendChild(svg("line", {x1: left, x2: width - 10, y1: y0 + rowH, y2: y0 + rowH, "class": "axis"}));
      keys.forEach(function (k, j) {
        var cell = sums[i][k];
        if (!cell || !max) { return; }
        var y = y0 + rowH, range = b.range(k);
        var group = svg("g", {"class": "bar", "data-row": row.label, "data-start": range[0]});
        WEAPONS.forEach(function (w) {
          if (!cell[w]) { return; }
          var h = rowH * cell[w] / max;
          y -= h;
          var rect = svg("rect", {x: (left + j * barW + barW * 0.1).toFixed(2), y: y.toFixed(2),
                                  width: Math.max(barW * 0.8, 0.8).toFixed(2), height: h.toFixed(2),
                                  "data-weapon": w, "data-value": String(cell[w])});
          rect.style.fill = WEAPON_COLOURS[w];
          rect.appendChild(svg("title", null, (range[0] === range[1] ? range[0] : range[0] + " to " + range[1]) +
                               ": " + fmt(cell[w]) + " " + words(w) + " " + row.label));
          group.appendChild(rect);
        });
        group.addEventListener("click", function () { go({since: range[0], until: range[1], incident: ""}); });
        chart.appendChild(group);
      });
    });
    var yAxis = top + TIMELINE_ROWS.length * (rowH + gap) + 12;
    var ticks = Math.min(keys.length, 6);
    for (var t = 0; t < ticks; t++) {
      var j = Math.round(t * (keys.length - 1) / Math.max(ticks - 1, 1));
      chart.appendChild(svg("text", {x: (left + (j + 0.5) * barW).toFixed(1), y: yAxis, "class": "tick"},
                            b.range(keys[j])[0]));
    }
    $("timeline-caption").textContent = "Per " + b.unit + ", stacked by weapon; a figure covering " +
      "several nights is shared out over them. Click a bar to keep its " + b.unit + " only.";
    var legend = $("timeline-legend");
    clear(legend);
    WEAPONS.forEach(function (w) {
      var item = el("span", {"class": "legend-item"}), swatch = el("span", {"class": "swatch"});
      swatch.style.background = WEAPON_COLOURS[w];
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(words(w)));
      legend.appendChild(item);
    });
  }

  // --- incident list ----------------------------------------------------------------------

  function when(w) {
    if (!w || !w.start) { return "date unknown"; }
    var s = String(w.start).slice(0, 10), e = w.end ? String(w.end).slice(0, 10) : s;
    return s === e ? s : s + " – " + e;
  }

  var COUNTRY_NAMES = {RU: "Russia", UA: "Ukraine", BY: "Belarus"};

  // A place in the dashboard's own words: the gazetteer's town, the region's own name with
  // its code, the sea or the country; never the source's wording ("Тульской области"),
  // which the evidence view keeps (whereWithWords).
  function where(loc) {
    if (!loc) { return "place unknown"; }
    var codes = loc.admin1 || (loc.region ? [].concat(loc.region) : []);
    var parts = loc.place ? [loc.place] : [];
    if (codes && codes.length) {
      parts = parts.concat(codes.map(regionName));
    } else if (loc.water_body) {
      parts.push(loc.water_body);
    } else if (loc.country) {
      parts.push(COUNTRY_NAMES[loc.country] || loc.country);
    }
    return parts.length ? parts.join(", ") : "place unknown";
  }

  function whereWithWords(loc) {
    var said = loc && (loc.facility || loc.text), ours = where(loc);
    return ours + (said && ours.indexOf(said) < 0 ? " — “" + said + "”" : "");
  }

  function valuesLine(values) {
    var parts = [];
    MEASURES.forEach(function (m) {
      var bySide = values && values[m];
      if (!bySide) { return; }
      Object.keys(bySide).forEach(function (side) {
        parts.push(m + " " + fmt(bySide[side].value) + (side !== "unknown" ? " (" + side + ")" : ""));
      });
    });
    return parts.join(" · ") || "no figures";
  }

  function badge(flag) {
    var b = el("span", {"class": "badge flag-" + flag.kind, "data-kind": flag.kind,
                        title: flag.message || ""}, words(flag.kind));
    return b;
  }

  function incidentItem(inc) {
    var li = el("li", {"class": "incident", "data-id": inc.id});
    var open = el("button", {type: "button", "class": "open"});
    open.appendChild(el("span", {"class": "when"}, when(inc.when)));
    open.appendChild(el("span", {"class": "weapon weapon-" + inc.weapon}, words(inc.weapon || "unknown")));
    open.appendChild(el("span", {"class": "where"}, where(inc.location)));
    open.addEventListener("click", function () { go({incident: inc.id}); });
    li.appendChild(open);
    li.appendChild(el("div", {"class": "values"}, valuesLine(inc.values)));
    var meta = el("div", {"class": "meta"});
    var flags = inc.flags || [];
    flags.forEach(function (f) { meta.appendChild(badge(f)); });
    var nDocs = (inc.documents || []).length;
    var nClaims = inc.n_claims || 0;
    meta.appendChild(el("span", {"class": "muted"}, fmt(nClaims) + (nClaims === 1 ? " claim · " : " claims · ") + nDocs +
                        (nDocs === 1 ? " source" : " sources")));
    li.appendChild(meta);
    if (inc.id === state.incident) { li.classList.add("current"); }
    return li;
  }

  function loadIncidents(reset, gen) {
    var params = query(state);
    params.set("sort", "-date");
    params.set("limit", "50");
    if (!reset && nextCursor) { params.set("cursor", nextCursor); }
    return getJSON("incidents", params).then(function (page) {
      if (gen !== generation) { return; }
      var list = $("incidents");
      if (reset) { clear(list); }
      page.items.filter(ofNight).forEach(function (inc) { list.appendChild(incidentItem(inc)); });
      nextCursor = page.next_cursor || null;
      $("load-more").hidden = !nextCursor;
      var n = list.children.length;
      $("list-caption").textContent = n ? "Newest first; " + n + (nextCursor ? " shown so far" : " in all") + "."
                                        : "No incident matches these filters.";
    });
  }

  // --- incident view ----------------------------------------------------------------------

  // Python counts characters by code point, JavaScript strings by UTF-16 unit.
  function unitOffsets(text) {
    if (!/[\uD800-\uDFFF]/.test(text)) { return null; }
    var map = [], unit = 0;
    Array.from(text).forEach(function (ch) { map.push(unit); unit += ch.length; });
    map.push(unit);
    return map;
  }

  function highlighted(text, spans) {
    var box = el("div", {"class": "article-text"});
    var units = unitOffsets(text);
    var at = function (i) { return units ? units[Math.max(0, Math.min(i, units.length - 1))] : i; };
    var merged = [];
    spans.map(function (s) { return {start: at(s.start), end: at(s.end), claims: [s.claim]}; })
      .filter(function (s) { return s.end > s.start && s.start >= 0 && s.end <= text.length; })
      .sort(function (a, b) { return a.start - b.start || b.end - a.end; })
      .forEach(function (s) {
        var last = merged[merged.length - 1];
        if (last && s.start < last.end) {
          last.end = Math.max(last.end, s.end);
          last.claims = last.claims.concat(s.claims);
        } else {
          merged.push(s);
        }
      });
    var pos = 0;
    merged.forEach(function (s) {
      if (s.start > pos) { box.appendChild(document.createTextNode(text.slice(pos, s.start))); }
      var mark = el("mark", {"data-start": s.start, "data-end": s.end,
                             title: s.claims.map(claimSummary).join("\n")}, text.slice(s.start, s.end));
      box.appendChild(mark);
      pos = s.end;
    });
    if (pos < text.length) { box.appendChild(document.createTextNode(text.slice(pos))); }
    return box;
  }

  function figures(claim) {
    var parts = [];
    MEASURES.forEach(function (m) {
      var c = claim[m];
      if (!c) { return; }
      var q = c.qualifier && c.qualifier !== "exact" ? words(c.qualifier) + " " : "";
      parts.push(m + ": " + q + fmt(c.value));
    });
    return parts.join(", ") || "no figure";
  }

  function claimant(claim) {
    var c = claim.claimant || {};
    var who = c.name || "unnamed source";
    var extra = [c.side ? "side " + c.side : "side unknown", c.role].filter(Boolean).join(", ");
    return who + " (" + extra + ")";
  }

  function claimSummary(claim) {
    return claimant(claim) + ": " + figures(claim);
  }

  function safeHref(url) {
    return /^https?:\/\//i.test(url || "") ? url : null;
  }

  function documentView(doc, claims) {
    var art = el("article", {"class": "document", "data-doc": doc.id});
    art.appendChild(el("h3", null, doc.title || doc.id));
    var meta = el("p", {"class": "muted"});
    meta.appendChild(document.createTextNode([doc.outlet, doc.published, doc.id].filter(Boolean).join(" · ")));
    if (doc.url) {
      meta.appendChild(document.createTextNode(" · "));
      var href = safeHref(doc.url);
      var link = el(href ? "a" : "span", href ? {href: href, rel: "noopener noreferrer nofollow",
                                                 target: "_blank"} : null, doc.url);
      meta.appendChild(link);
    }
    art.appendChild(meta);
    var list = el("ul", {"class": "claims"});
    var spans = [];
    claims.forEach(function (c) {
      var li = el("li", {"class": "claim", "data-claim": c.id});
      li.appendChild(el("strong", {"class": "claimant"}, claimant(c)));
      li.appendChild(document.createTextNode(" — " + figures(c) + " · " + words(c.weapon || "unknown") +
                                             " · " + whereWithWords(c.location) + " · " + when(c.when)));
      list.appendChild(li);
      (c.evidence || []).forEach(function (e) { spans.push({start: e.start, end: e.end, claim: c}); });
    });
    art.appendChild(list);
    art.appendChild(highlighted(doc.text || "", spans));
    return art;
  }

  function valuesTable(values) {
    var table = el("table", {"class": "values-table"});
    var head = el("tr");
    ["measure", "side", "value", "how it was chosen", "sources"].forEach(function (h) {
      head.appendChild(el("th", null, h));
    });
    table.appendChild(head);
    MEASURES.forEach(function (m) {
      var bySide = values && values[m];
      if (!bySide) { return; }
      Object.keys(bySide).forEach(function (side) {
        var v = bySide[side], tr = el("tr");
        var q = v.qualifier && v.qualifier !== "exact" ? words(v.qualifier) + " " : "";
        [m, side, q + fmt(v.value), v.how || "", v.documents === undefined ? "" : v.documents]
          .forEach(function (cell) { tr.appendChild(el("td", null, cell)); });
        table.appendChild(tr);
      });
    });
    return table;
  }

  function showIncident(inc) {
    var panel = $("incident-panel"), box = $("incident");
    clear(box);
    $("incident-title").textContent = words(inc.weapon || "unknown") + " · " + where(inc.location) +
      " · " + when(inc.when);
    panel.setAttribute("data-id", inc.id);
    box.appendChild(el("p", {"class": "muted"}, "Incident " + inc.id + (inc.when && inc.when.how ?
      " · dates: " + inc.when.how : "")));
    box.appendChild(el("h3", null, "Figures"));
    box.appendChild(valuesTable(inc.values));
    box.appendChild(el("h3", null, "Flags"));
    var flags = el("ul", {"class": "flags"});
    (inc.flags || []).forEach(function (f) {
      var li = el("li", {"class": "flag", "data-kind": f.kind});
      li.appendChild(badge(f));
      li.appendChild(el("span", {"class": "why"}, f.message || ""));
      flags.appendChild(li);
    });
    if (!flags.children.length) { flags.appendChild(el("li", {"class": "muted"}, "no flag: the sources agree")); }
    box.appendChild(flags);
    box.appendChild(el("h3", null, "Sources"));
    var docs = (inc.documents || []).map(function (d) { return typeof d === "string" ? {id: d} : d; });
    docs.forEach(function (doc) {
      var mine = (inc.claims || []).filter(function (c) { return c.doc_id === doc.id; });
      box.appendChild(documentView(doc, mine));
    });
    var opening = panel.hidden;
    panel.hidden = false;
    if (opening) {
      panel.scrollTop = 0;
      $("incident-close").focus({preventScroll: true});  // keyboard users land in the view
    }
  }

  function loadIncident(id, gen) {
    return getJSON("incidents/" + encodeURIComponent(id)).then(function (inc) {
      if (gen === generation) { showIncident(inc); }
    });
  }

  // --- render -----------------------------------------------------------------------------

  // --- night series (series.js draws it) ----------------------------------------------------

  function seriesQuery() {  // every night of the filters: the selected dates are brushed
    var q = query(state, {without: "flag"});
    q.delete("since");
    q.delete("until");
    q.set("measure", state.measure);
    return q;
  }

  // a night picked on the chart: the incidents that end on its morning (the date range
  // alone would also list those that start that evening)
  function ofNight(inc) {
    var w = inc.when || {};
    return !state.night || String(w.end || w.start || "").slice(0, 10) === state.night;
  }

  function drawSeries(data) {
    window.dronewatchSeries.draw($("series"), $("series-legend"), $("series-caption"), data,
                                 {since: state.since, until: state.until}, function (since, until) {
      go({since: since, until: until, night: since === until ? since : "", incident: ""});
    });
  }

  function render() {
    var gen = ++generation;
    $("error").hidden = true;
    syncForm();
    nextCursor = null;
    var work = [];
    var mapStats = getJSON("stats", query(state, {without: "region"}));
    var stats = state.region.length ? getJSON("stats", query(state)) : mapStats;
    work.push(mapStats.then(function (s) { if (gen === generation) { drawMap(s); } }));
    work.push(stats.then(function (s) { if (gen === generation) { drawTimeline(s); } }));
    work.push(getJSON("series", seriesQuery()).then(function (s) { if (gen === generation) { drawSeries(s); } }));
    work.push(loadIncidents(true, gen));
    if (state.incident) {
      work.push(loadIncident(state.incident, gen));
    } else {
      $("incident-panel").hidden = true;
    }
    return Promise.all(work).then(function () {
      if (gen === generation) { document.body.setAttribute("data-ready", String(gen)); }
    }).catch(function (e) {
      if (gen === generation) { showError(e.message); }
    });
  }

  function start() {
    buildForm();
    getJSON("health").then(function (h) {
      $("health").textContent = fmt(h.documents) + " documents · " + fmt(h.claims) + " claims · " +
        fmt(h.incidents) + " incidents in the store";
    }).catch(function (e) { showError(e.message); });
    loadRegions().then(render).catch(function (e) { showError(e.message); });
  }

  start();
})();
