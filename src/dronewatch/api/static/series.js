// The night-by-night chart of the dashboard: each side's national claim and the reference
// table's figure (GET /api/series), drawn in SVG with no library. The selected date range is
// brushed (shaded); a click on a night, or a drag across several, calls back with the range.
// app.js owns the state and calls `dronewatchSeries.draw`.
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";
  var SERIES = [
    {key: "RU", label: "Russian side claims", colour: "#b8322a"},
    {key: "UA", label: "Ukrainian side claims", colour: "#2874a6"},
    {key: "reference", label: "reference table", colour: "#333333", dash: "5 4"}
  ];
  var OTHER_COLOURS = ["#7d3c98", "#1e8449", "#b9770e"];
  var H = 220, PAD = {left: 46, right: 12, top: 12, bottom: 26};

  function node(tag, attrs, text) {
    var n = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    if (text !== undefined) { n.textContent = text; }
    return n;
  }

  function dayNumber(iso) { return Math.floor(Date.parse(iso + "T00:00:00Z") / 86400000); }

  function isoOf(d) { return new Date(d * 86400000).toISOString().slice(0, 10); }

  function lines(data) {
    var out = SERIES.filter(function (s) { return s.key === "reference" ? data.reference_table
                                                                      : data.sides.indexOf(s.key) >= 0; });
    data.sides.forEach(function (side, i) {
      if (side !== "RU" && side !== "UA") {
        out.push({key: side, label: side + " side claims", colour: OTHER_COLOURS[i % OTHER_COLOURS.length]});
      }
    });
    return out;
  }

  function valueOf(point, key) {
    return key === "reference" ? point.reference : point.claims[key];
  }

  function draw(svg, legend, caption, data, range, onRange) {
    while (svg.firstChild) { svg.removeChild(svg.firstChild); }
    while (legend.firstChild) { legend.removeChild(legend.firstChild); }
    var W = Math.max(400, Math.round(svg.getBoundingClientRect().width) || 800);  // the panel's width
    svg.setAttribute("viewBox", "0 0 " + W + " " + H);
    var nights = data.nights;
    if (!nights.length) {
      caption.textContent = "No national " + data.measure + " figure for these filters.";
      return;
    }
    var shown = lines(data);
    var first = dayNumber(nights[0].night), last = dayNumber(nights[nights.length - 1].night);
    var max = 1;
    nights.forEach(function (p) {
      shown.forEach(function (s) { var v = valueOf(p, s.key); if (v != null) { max = Math.max(max, v); } });
    });
    var span = Math.max(1, last - first);
    var step = (W - PAD.left - PAD.right) / (span + 1);
    function x(day) { return PAD.left + (day - first + 0.5) * step; }
    function y(v) { return H - PAD.bottom - (v / max) * (H - PAD.top - PAD.bottom); }

    // axes: a baseline, the top value, the first and last nights
    svg.appendChild(node("line", {x1: PAD.left, x2: W - PAD.right, y1: y(0), y2: y(0), "class": "axis"}));
    svg.appendChild(node("text", {x: PAD.left - 4, y: y(max) + 4, "text-anchor": "end", "class": "tick"},
                         max.toLocaleString("en-US")));
    svg.appendChild(node("text", {x: PAD.left - 4, y: y(0), "text-anchor": "end", "class": "tick"}, "0"));
    svg.appendChild(node("text", {x: PAD.left, y: H - 6, "class": "tick"}, isoOf(first)));
    svg.appendChild(node("text", {x: W - PAD.right, y: H - 6, "text-anchor": "end", "class": "tick"}, isoOf(last)));

    // the brush: the selected date range
    if (range.since || range.until) {
      var lo = range.since ? Math.max(first, dayNumber(range.since)) : first;
      var hi = range.until ? Math.min(last, dayNumber(range.until)) : last;
      if (lo <= hi) {
        svg.appendChild(node("rect", {x: x(lo) - step / 2, y: PAD.top, width: (hi - lo + 1) * step,
                                      height: H - PAD.top - PAD.bottom, "class": "brush"}));
      }
    }

    shown.forEach(function (s) {
      var d = "", pen = "M";
      var byDay = {};
      nights.forEach(function (p) { byDay[dayNumber(p.night)] = p; });
      for (var day = first; day <= last; day++) {  // the line joins the nights with a figure (dots)
        var p = byDay[day], v = p ? valueOf(p, s.key) : null;
        if (v == null) { continue; }
        d += pen + x(day).toFixed(1) + " " + y(v).toFixed(1) + " ";
        pen = "L";
      }
      var attrs = {d: d, fill: "none", stroke: s.colour, "stroke-width": 2, "class": "series-line",
                   "data-series": s.key};
      if (s.dash) { attrs["stroke-dasharray"] = s.dash; }
      svg.appendChild(node("path", attrs));
      nights.forEach(function (p) {
        var v = valueOf(p, s.key);
        if (v == null) { return; }
        var dot = node("circle", {cx: x(dayNumber(p.night)), cy: y(v), r: 3, fill: s.colour,
                                  "class": "series-point", "data-series": s.key, "data-night": p.night});
        dot.appendChild(node("title", {}, p.night + ": " + s.label + " " + v.toLocaleString("en-US")));
        svg.appendChild(dot);
      });
    });

    // one hit area per night: a click picks that night, a drag a range of nights
    var pressed = null;
    nights.forEach(function (p) {
      var day = dayNumber(p.night);
      var hit = node("rect", {x: x(day) - step / 2, y: PAD.top, width: step, height: H - PAD.top - PAD.bottom,
                              "class": "night", "data-night": p.night, tabindex: "0", role: "button",
                              "aria-label": "show the incidents of the night to " + p.night});
      hit.addEventListener("mousedown", function () { pressed = p.night; });
      hit.addEventListener("mouseup", function () {
        var a = pressed || p.night, b = p.night;
        pressed = null;
        onRange(a < b ? a : b, a < b ? b : a);
      });
      hit.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); onRange(p.night, p.night); }
      });
      svg.appendChild(hit);
    });

    shown.forEach(function (s) {
      var item = document.createElement("span");
      item.className = "key";
      var swatch = document.createElement("i");
      swatch.style.borderTop = "3px " + (s.dash ? "dashed " : "solid ") + s.colour;
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(s.key === "reference" ? data.reference_table + " " + s.label : s.label));
      legend.appendChild(item);
    });
    caption.textContent = "National " + data.measure + " figures per night (the night ending on the date)" +
      (data.regions.length ? ", incidents covering " + data.regions.join(", ") : "") +
      ". Click a night, or drag across nights, to list their incidents.";
  }

  window.dronewatchSeries = {draw: draw};
}());
