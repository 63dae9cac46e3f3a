// The dashboard's script: a file of its own, as the page's Content-Security-Policy allows no inline script.
(function () {
  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(location.search);
  for (const k of ["station", "from", "to"]) if (params.get(k === "station" ? "stationId" : k)) $(k).value = params.get(k === "station" ? "stationId" : k);
  // The token lives in the field and this tab's sessionStorage only, never in the URL (history, logs, Referer).
  if (params.has("token")) {
    params.delete("token");
    history.replaceState(null, "", location.pathname + (params.toString() ? "?" + params : ""));
  }
  $("token").value = sessionStorage.getItem("homeward-token") || "";
  const SVG = "http://www.w3.org/2000/svg";
  const COLORS = ["#1f4e79", "#c55a11", "#548235", "#7030a0"];
  const KIND_LABELS = { SOCIAL_WORK_PROJECT: "社工项目", HOSPITAL_POST: "驻医院", STAFF_PATROL: "站外巡查", PARTNER_TEAM: "社会力量" };

  async function api(path) {
    const res = await fetch(path, { headers: { "Authorization": "Bearer " + $("token").value, "Accept": "application/json" } });
    if (!res.ok) throw new Error(path + " → " + res.status + " " + (await res.text()));
    return res.json();
  }

  function el(name, attrs, text) {
    const e = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function svg(width, height) { return el("svg", { width, height, viewBox: `0 0 ${width} ${height}` }); }

  /** rows: [{label, values: {series: n}}]; draws grouped vertical bars. */
  function bars(container, rows, series, labels) {
    const w = 500, h = 220, pad = 30;
    const max = Math.max(1, ...rows.flatMap(r => series.map(s => r.values[s] || 0)));
    const s = svg(w, h);
    const group = (w - pad) / Math.max(rows.length, 1);
    const bw = Math.max(2, group / (series.length + 1));
    rows.forEach((r, i) => {
      series.forEach((name, j) => {
        const v = r.values[name] || 0, bh = (h - pad * 1.5) * v / max;
        const x = pad + i * group + j * bw, y = h - pad - bh;
        s.appendChild(el("rect", { class: "bar", x, y, width: bw - 1, height: bh, fill: COLORS[j % 4],
          "data-key": r.key, "data-series": name, "data-value": v }));
        if (v > 0 && rows.length <= 16) s.appendChild(el("text", { x: x + bw / 2, y: y - 2, "text-anchor": "middle" }, v));
      });
      s.appendChild(el("text", { x: pad + i * group + group / 2 - bw / 2, y: h - pad + 12, "text-anchor": "middle" },
        rows.length > 16 && i % 2 ? "" : r.label));
    });
    series.forEach((name, j) => {
      s.appendChild(el("rect", { x: pad + j * 90, y: 2, width: 10, height: 10, fill: COLORS[j % 4] }));
      s.appendChild(el("text", { x: pad + 14 + j * 90, y: 11 }, labels[j]));
    });
    container.replaceChildren(s);
  }

  function lines(container, points, series, labels) {
    const w = 500, h = 220, pad = 30;
    const max = Math.max(1, ...points.flatMap(p => series.map(s => p[s])));
    const s = svg(w, h);
    const x = (i) => pad + i * (w - 2 * pad) / Math.max(points.length - 1, 1);
    const y = (v) => h - pad - (h - 2 * pad) * v / max;
    series.forEach((name, j) => {
      s.appendChild(el("polyline", { fill: "none", stroke: COLORS[j], "stroke-width": 2, "data-series": name,
        points: points.map((p, i) => x(i) + "," + y(p[name])).join(" ") }));
      points.forEach((p, i) => s.appendChild(el("circle", { cx: x(i), cy: y(p[name]), r: 2.5, fill: COLORS[j],
        "data-series": name, "data-date": p.asOf, "data-value": p[name] })));
      s.appendChild(el("rect", { x: pad + j * 150, y: 2, width: 10, height: 10, fill: COLORS[j] }));
      s.appendChild(el("text", { x: pad + 14 + j * 150, y: 11 }, labels[j]));
    });
    points.forEach((p, i) => { if (i % 3 === 0) s.appendChild(el("text", { x: x(i), y: h - 8, "text-anchor": "middle" }, p.asOf.substring(0, 7))); });
    container.replaceChildren(s);
  }

  function table(container, name, header, rows) {
    const t = document.createElement("table");
    t.innerHTML = "<thead><tr>" + header.map(h => "<th>" + h + "</th>").join("") + "</tr></thead>";
    const body = document.createElement("tbody");
    for (const r of rows) {
      const tr = document.createElement("tr");
      tr.innerHTML = r.map(c => "<td>" + (c === null || c === undefined ? "—" : c) + "</td>").join("");
      body.appendChild(tr);
    }
    t.appendChild(body);
    const csv = [header, ...rows].map(r => r.map(c => '"' + String(c ?? "").replace(/"/g, '""') + '"').join(",")).join("\n");
    const a = document.createElement("a");
    a.className = "export";
    a.textContent = "导出 CSV";
    a.download = name + ".csv";
    a.href = "data:text/csv;charset=utf-8," + encodeURIComponent("\ufeff" + csv);
    container.replaceChildren(t, a);
  }

  async function load() {
    document.body.dataset.state = "loading";
    $("error").textContent = "";
    sessionStorage.setItem("homeward-token", $("token").value);
    const station = $("station").value.trim();
    const from = $("from").value, to = $("to").value;
    const q = (extra) => "from=" + from + "&to=" + to + (station ? "&stationId=" + encodeURIComponent(station) : "") + (extra || "");
    try {
      const [series, fs, monthly, notices, flow, ...outreach] = await Promise.all([
        api("/api/reports/retention-series?" + q()),
        api("/api/reports/family-search?" + q()),
        api("/api/reports/family-search/monthly?" + q()),
        api("/api/reports/notices?" + q()),
        api("/api/reports/flow?" + q()),
        ...Object.keys(KIND_LABELS).map(k => api("/api/reports/outreach?" + q("&programKind=" + k)))
      ]);
      $("card-successes").textContent = fs.successes;
      $("card-retained").textContent = fs.retainedSuccesses;
      $("card-notices").textContent = notices.persons;
      $("card-retention").textContent = series.length ? series[series.length - 1].retained10Days : "–";

      lines($("retention").querySelector(".chart"), series, ["retained10Days", "retained3Months", "unidentifiedRetained3Months"],
        ["滞留10天以上", "长期滞留3个月以上", "其中无身份"]);
      table($("retention").querySelector(".table"), "retention", ["日期", "在站", "滞留10天以上", "3个月以上", "无身份3个月以上"],
        series.map(r => [r.asOf, r.inStation, r.retained10Days, r.retained3Months, r.unidentifiedRetained3Months]));

      const channels = fs.byChannel.filter(c => c.count > 0);
      bars($("channels").querySelector(".chart"), channels.map(c => ({ key: c.channel, label: c.label, values: { count: c.count } })),
        ["count"], ["成功例数"]);
      table($("channels").querySelector(".table"), "family-search-by-channel", ["渠道", "类别", "例数", "占比%"],
        fs.byChannel.map(c => [c.label, fs.byCategory.find(k => k.category === categoryOf(c.channel)).label, c.count, c.sharePercent]));

      bars($("monthly").querySelector(".chart"), monthly.map(m => ({ key: m.month, label: m.month.substring(5), values: { all: m.successes, retained: m.retainedSuccesses } })),
        ["all", "retained"], ["寻亲成功", "其中滞留人员"]);
      table($("monthly").querySelector(".table"), "family-search-monthly", ["月份", "寻亲成功", "其中滞留人员"],
        monthly.map(m => [m.month, m.successes, m.retainedSuccesses]));

      const kinds = Object.keys(KIND_LABELS);
      bars($("outreach").querySelector(".chart"), outreach.map((o, i) => ({ key: kinds[i], label: KIND_LABELS[kinds[i]], values: { identified: o.identified, rescued: o.rescued } })),
        ["identified", "rescued"], ["确定身份", "成功救助"]);
      table($("outreach").querySelector(".table"), "outreach-by-kind", ["项目类型", "确定身份", "成功救助", "上年同期确定身份", "上年同期成功救助"],
        outreach.map((o, i) => [KIND_LABELS[kinds[i]], o.identified, o.rescued, o.previousYear.identified, o.previousYear.rescued]));
      // Flow (docs/definitions.md): this period and the same period a year earlier.
      const flowRow = (label, f) => [label, f.admissions, f.exits, f.finalPlacements, f.placementRatePercent, f.averageInStation,
        f.turnover, f.lengthOfStay.medianDays, f.lengthOfStay.past10Days, f.lengthOfStay.past3Months, f.inEntrustedCare, f.inHospital];
      table($("flow").querySelector(".table"), "flow", ["期间", "入站", "离站", "安置", "安置率%", "平均在站", "周转率",
        "在站天数中位数", "滞留10天以上离站", "3个月以上离站", "期末托养", "期末住院"],
        [flowRow(flow.from + "–" + flow.to, flow), flowRow("上年同期", flow.previousYear)]);
      document.body.dataset.state = "ready";
    } catch (e) {
      $("error").textContent = e.message;
      document.body.dataset.state = "error";
    }
  }

  function categoryOf(channel) {
    if (channel === "STAFF_INQUIRY") return "STATION";
    if (channel === "PARTNER") return "SOCIAL";
    return "AGENCY";
  }

  $("load").addEventListener("click", load);
  if ($("token").value) load(); else document.body.dataset.state = "needs-token";
})();
