// The dashboard's script: a file of its own, as the page's Content-Security-Policy allows no inline script.
// Charts are ECharts (served by this service from its WebJar, ADR 26), drawn on canvas: its SVG renderer and
// HTML tooltips write style attributes, which the policy refuses.
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(location.search);
  for (const k of ["station", "from", "to"]) if (params.get(k === "station" ? "stationId" : k)) $(k).value = params.get(k === "station" ? "stationId" : k);
  // The token lives in the field and this tab's sessionStorage only, never in the URL (history, logs, Referer).
  if (params.has("token")) {
    params.delete("token");
    history.replaceState(null, "", location.pathname + (params.toString() ? "?" + params : ""));
  }
  $("token").value = sessionStorage.getItem("homeward-token") || "";

  const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  const COLORS = ["#1f4e79", "#c55a11", "#548235", "#7030a0"];
  const KIND_LABELS = { SOCIAL_WORK_PROJECT: "社工项目", HOSPITAL_POST: "驻医院", STAFF_PATROL: "站外巡查", PARTNER_TEAM: "社会力量" };
  /** Column headers of the drill-down lists (the .xlsx export takes its own from the service). */
  const COLUMNS = {
    stayId: "受助编号", personId: "人员编号", name: "姓名", caseId: "寻亲案件编号", programId: "项目编号", stationId: "站点",
    admittedAt: "入站时间", dischargedAt: "离站时间", arrivalChannel: "来站方式", exitType: "离站方式", channel: "寻亲渠道",
    partnerId: "合作组织", firstLeadChannel: "首条线索渠道", occurredAt: "寻亲成功时间", retained: "滞留人员",
    firstAt: "首次刊播寻亲公告时间", identifiedAt: "核查身份时间", rescuedAt: "救助时间", flags: "重点人员类别"
  };

  /**
   * Why the dashboard looks (X-Purpose), sent with every request: the audit rows of its drill-down lists and
   * exports (reporting) and of the names looked up (intake) say STATISTICS, not UNSPECIFIED.
   */
  const PURPOSE = "STATISTICS";

  async function api(path, body) {
    const headers = { "Authorization": "Bearer " + $("token").value, "Accept": "application/json", "X-Purpose": PURPOSE };
    if (body) {
      headers["Content-Type"] = "application/json";
    }
    const res = await fetch(path, body ? { method: "POST", headers, body: JSON.stringify(body) } : { headers });
    if (!res.ok) {
      const error = new Error(path + " → " + res.status + " " + (await res.text()));
      error.status = res.status;
      throw error;
    }
    return res.json();
  }

  /** The period and station in the header, as query parameters; {shiftYears: -1} gives the same period a year earlier. */
  function period(options) {
    const shift = (options && options.shiftYears) || 0;
    const move = (d) => shift ? (Number(d.substring(0, 4)) + shift) + (d.substring(4) === "-02-29" ? "-02-28" : d.substring(4)) : d;
    return { from: move($("from").value), to: move($("to").value), station: $("station").value.trim() };
  }

  function query(p, extra) {
    return "from=" + p.from + "&to=" + p.to + (p.station ? "&stationId=" + encodeURIComponent(p.station) : "") + (extra || "");
  }

  function asOfQuery(asOf, p, extra) {
    return "asOf=" + asOf + (p.station ? "&stationId=" + encodeURIComponent(p.station) : "") + (extra || "");
  }

  function nextMonth(month) { // "2018-12" → "2019-01-01"
    const y = Number(month.substring(0, 4)), m = Number(month.substring(5, 7));
    return m === 12 ? (y + 1) + "-01-01" : y + "-" + String(m + 1).padStart(2, "0") + "-01";
  }

  // ---------------------------------------------------------------- drawing

  /** One value of a chart: the number, and the list behind it (a drill-down request: title and path). */
  const mark = (value, title, path) => ({ value, drill: { title, path } });

  function barOption(categories, series) {
    return {
      color: COLORS,
      aria: { enabled: true },
      tooltip: { trigger: "item", renderMode: "richText" },
      legend: { top: 0, type: "scroll" },
      grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: categories, axisLabel: { interval: 0, rotate: categories.length > 5 ? 30 : 0 } },
      yAxis: { type: "value", minInterval: 1 },
      series: series.map((s) => ({ name: s.label, type: "bar", data: s.data, cursor: "pointer",
        label: { show: categories.length <= 16, position: "top" } }))
    };
  }

  function lineOption(categories, series) {
    return {
      color: COLORS,
      aria: { enabled: true },
      tooltip: { trigger: "item", renderMode: "richText" },
      legend: { top: 0, type: "scroll" },
      grid: { left: 28, right: 36, top: 32, bottom: 8, containLabel: true }, // room for the first and last date
      xAxis: { type: "category", data: categories, boundaryGap: false },
      yAxis: { type: "value", minInterval: 1 },
      series: series.map((s) => ({ name: s.label, type: "line", data: s.data, symbolSize: 9, showSymbol: true, cursor: "pointer" }))
    };
  }

  function table(name, header, rows) {
    const t = document.createElement("table");
    const head = t.createTHead().insertRow();
    for (const h of header) head.appendChild(document.createElement("th")).textContent = h;
    const body = t.createTBody();
    for (const r of rows) {
      const tr = body.insertRow();
      for (const c of r) tr.insertCell().textContent = c === null || c === undefined ? "—" : c;
    }
    const csv = [header, ...rows].map((r) => r.map((c) => '"' + String(c ?? "").replace(/"/g, '""') + '"').join(",")).join("\n");
    const a = document.createElement("a");
    a.className = "export";
    a.textContent = "导出 CSV";
    a.download = name + ".csv";
    a.href = "data:text/csv;charset=utf-8," + encodeURIComponent("\ufeff" + csv);
    const wrap = document.createElement("div");
    wrap.append(t, a);
    return wrap;
  }

  // ---------------------------------------------------------------- the figures

  /**
   * Every panel of the dashboard: where its numbers come from (load), what it draws (chart: an ECharts
   * option whose values are marks carrying their drill-down), the table under it, and a line of text.
   * Each panel is built by frame(): a per-figure marker (e.g. "changed since publication") goes into
   * its .badges element, found by the figure's id.
   */
  const FIGURES = [
    {
      id: "retention", title: "滞留人数（每月1日）",
      load: (p) => api("/api/reports/retention-series?" + query(p)),
      chart: (series, p) => lineOption(series.map((r) => r.asOf), [
        ["retained10Days", "滞留10天以上"], ["retained3Months", "长期滞留3个月以上"], ["unidentifiedRetained3Months", "其中无身份"]
      ].map(([key, label]) => ({ label, data: series.map((r) => mark(r[key], label + "（" + r.asOf + "）",
        "/api/reports/retention/members?" + asOfQuery(r.asOf, p, "&figure=" + key))) }))),
      table: (series) => table("retention", ["日期", "在站", "滞留10天以上", "3个月以上", "无身份3个月以上"],
        series.map((r) => [r.asOf, r.inStation, r.retained10Days, r.retained3Months, r.unidentifiedRetained3Months]))
    },
    {
      // Flow beside retention: what came in and went out over the period, against the same period a year earlier.
      id: "flow", title: "流转：入站、离站、安置、在站天数",
      load: (p) => api("/api/reports/flow?" + query(p)),
      chart: (flow, p) => {
        const figures = [["admissions", "入站", (f) => f.admissions], ["exits", "离站", (f) => f.exits],
          ["finalPlacements", "安置", (f) => f.finalPlacements],
          ["exitsPast10Days", "在站10天以上离站", (f) => f.lengthOfStay.past10Days],
          ["exitsPast3Months", "3个月以上离站", (f) => f.lengthOfStay.past3Months],
          ["inEntrustedCare", "期末托养", (f) => f.inEntrustedCare], ["inHospital", "期末住院", (f) => f.inHospital]];
        const before = period({ shiftYears: -1 });
        const series = (label, f, q) => ({ label, data: figures.map(([key, name, value]) =>
          mark(value(f), name + "（" + label + "）", "/api/reports/flow/members?" + query(q, "&figure=" + key))) });
        return barOption(figures.map((f) => f[1]), [series("本期", flow, p), series("上年同期", flow.previousYear, before)]);
      },
      text: (f) => "在站天数中位数 " + (f.lengthOfStay.medianDays ?? "—") + " 天；安置率 " + (f.placementRatePercent ?? "—")
        + "%；周转率 " + (f.turnover ?? "—") + " 次；平均在站 " + (f.averageInStation ?? "—") + " 人",
      table: (flow) => {
        const row = (label, f) => [label, f.admissions, f.exits, f.finalPlacements, f.placementRatePercent, f.averageInStation,
          f.turnover, f.lengthOfStay.medianDays, f.lengthOfStay.past10Days, f.lengthOfStay.past3Months, f.inEntrustedCare, f.inHospital];
        return table("flow", ["期间", "入站", "离站", "安置", "安置率%", "平均在站", "周转率", "在站天数中位数",
          "滞留10天以上离站", "3个月以上离站", "期末托养", "期末住院"], [row(flow.from + "–" + flow.to, flow), row("上年同期", flow.previousYear)]);
      }
    },
    {
      id: "channels", title: "寻亲成功：按线索渠道",
      load: (p) => api("/api/reports/family-search?" + query(p)),
      chart: (fs, p) => {
        const channels = fs.byChannel.filter((c) => c.count > 0);
        return barOption(channels.map((c) => c.label), [{ label: "成功例数", data: channels.map((c) =>
          mark(c.count, "寻亲成功：" + c.label, "/api/reports/family-search/members?" + query(p, "&channel=" + c.channel))) }]);
      },
      table: (fs) => table("family-search-by-channel", ["渠道", "类别", "例数", "占比%"],
        fs.byChannel.map((c) => [c.label, (fs.byCategory.find((k) => k.category === categoryOf(c.channel)) || {}).label, c.count, c.sharePercent]))
    },
    {
      id: "monthly", title: "寻亲成功：按月",
      load: (p) => api("/api/reports/family-search/monthly?" + query(p)),
      chart: (months, p) => {
        const month = (m, extra) => "/api/reports/family-search/members?" + query({ from: m + "-01", to: nextMonth(m), station: p.station }, extra);
        return barOption(months.map((m) => m.month.substring(2)), [
          { label: "寻亲成功", data: months.map((m) => mark(m.successes, "寻亲成功（" + m.month + "）", month(m.month))) },
          { label: "其中滞留人员", data: months.map((m) => mark(m.retainedSuccesses, "寻亲成功的滞留人员（" + m.month + "）",
            month(m.month, "&retained=true"))) }]);
      },
      table: (months) => table("family-search-monthly", ["月份", "寻亲成功", "其中滞留人员"],
        months.map((m) => [m.month, m.successes, m.retainedSuccesses]))
    },
    {
      id: "outreach", title: "站外救助：按项目类型",
      load: (p) => Promise.all(Object.keys(KIND_LABELS).map((k) => api("/api/reports/outreach?" + query(p, "&programKind=" + k)))),
      chart: (outreach, p) => {
        const kinds = Object.keys(KIND_LABELS);
        const series = (figure, label) => ({ label, data: outreach.map((o, i) => mark(o[figure], label + "：" + KIND_LABELS[kinds[i]],
          "/api/reports/outreach/members?" + query(p, "&programKind=" + kinds[i] + "&figure=" + figure))) });
        return barOption(kinds.map((k) => KIND_LABELS[k]), [series("identified", "确定身份"), series("rescued", "成功救助")]);
      },
      table: (outreach) => {
        const kinds = Object.keys(KIND_LABELS);
        return table("outreach-by-kind", ["项目类型", "确定身份", "成功救助", "上年同期确定身份", "上年同期成功救助"],
          outreach.map((o, i) => [KIND_LABELS[kinds[i]], o.identified, o.rescued, o.previousYear.identified, o.previousYear.rescued]));
      }
    },
    {
      id: "at-risk", title: "重点人员（期末在站）",
      load: (p) => api("/api/reports/at-risk?" + asOfQuery(p.to, p)),
      chart: (r, p) => barOption(r.byFlag.map((f) => f.label), [{ label: "人数", data: r.byFlag.map((f) =>
        mark(f.persons, "重点人员：" + f.label + "（" + r.asOf + "）", "/api/reports/at-risk/members?" + asOfQuery(r.asOf, p, "&figure=" + f.flag))) }]),
      text: (r) => r.asOf + " 在站 " + r.inStation + " 人，其中重点人员 " + r.atRisk + " 人",
      table: (r) => table("at-risk", ["类别", "人数", "上年同日"],
        r.byFlag.map((f) => [f.label, f.persons, (r.previousYear.byFlag.find((b) => b.flag === f.flag) || {}).persons]))
    }
  ];

  /** The four headline numbers, each a button onto the list behind it. */
  const CARDS = [
    { id: "successes", label: "寻亲成功", from: "channels", value: (fs) => fs.successes,
      drill: (fs, p) => ({ title: "寻亲成功", path: "/api/reports/family-search/members?" + query(p) }) },
    { id: "retained", label: "其中滞留人员", from: "channels", value: (fs) => fs.retainedSuccesses,
      drill: (fs, p) => ({ title: "寻亲成功的滞留人员", path: "/api/reports/family-search/members?" + query(p, "&retained=true") }) },
    { id: "notices", label: "刊播寻亲公告人数", from: "notices", value: (n) => n.persons,
      drill: (n, p) => ({ title: "刊播寻亲公告的受助人员", path: "/api/reports/notices/members?" + query(p) }) },
    { id: "retention", label: "期末滞留10天以上", from: "retention", value: (s) => s.length ? s[s.length - 1].retained10Days : "–",
      drill: (s, p) => s.length ? { title: "滞留10天以上（" + s[s.length - 1].asOf + "）",
        path: "/api/reports/retention/members?" + asOfQuery(s[s.length - 1].asOf, p, "&figure=retained10Days") } : null }
  ];

  const charts = new Map();

  function frame(figure) {
    let section = document.querySelector('section[data-figure="' + figure.id + '"]');
    if (section) return section;
    section = document.createElement("section");
    section.id = figure.id;
    section.dataset.figure = figure.id;
    const h2 = section.appendChild(document.createElement("h2"));
    h2.append(figure.title);
    h2.appendChild(document.createElement("span")).className = "badges";
    section.appendChild(document.createElement("p")).className = "hint";
    section.appendChild(document.createElement("div")).className = "chart";
    section.appendChild(document.createElement("div")).className = "table";
    $("figures").appendChild(section);
    const chart = echarts.init(section.querySelector(".chart"), null, { renderer: "canvas" });
    chart.on("click", (e) => { if (e.data && e.data.drill) openDrill(e.data.drill); });
    chart.on("finished", () => { section.querySelector(".chart").dataset.drawn = "true"; });
    charts.set(figure.id, chart);
    return section;
  }

  function draw(figure, data, p) {
    const section = frame(figure);
    section.querySelector(".hint").textContent = figure.text ? figure.text(data) : "点击图中的柱或点，查看其背后的名单";
    section.querySelector(".chart").dataset.drawn = "false";
    charts.get(figure.id).setOption(figure.chart(data, p), true);
    section.querySelector(".table").replaceChildren(figure.table(data));
  }

  function drawCards(loaded, p) {
    $("cards").replaceChildren(...CARDS.filter((card) => loaded[card.from] !== undefined).map((card) => {
      const data = loaded[card.from];
      const b = document.createElement("button");
      b.type = "button";
      b.className = "card";
      b.id = "card-" + card.id;
      b.dataset.card = card.id;
      b.appendChild(document.createElement("div")).textContent = card.label;
      const n = b.appendChild(document.createElement("div"));
      n.className = "n";
      n.textContent = card.value(data);
      const target = card.drill(data, p);
      if (target) b.addEventListener("click", () => openDrill(target));
      return b;
    }));
  }

  // ---------------------------------------------------------------- the list behind a figure

  let drilled = null;
  /** Rows per page of a drill-down list: names are looked up (and audited by intake) for the page shown only. */
  const PAGE = 100;

  /** Opens the list behind a figure; a role that may not see people gets a sentence saying so, not a list. */
  async function openDrill(target) {
    drilled = target;
    const state = (s) => { document.body.dataset.drill = s; };
    state("loading");
    $("drill").hidden = false;
    $("drill-title").textContent = target.title;
    $("drill-status").textContent = "载入中…";
    $("drill-table").replaceChildren();
    $("drill-xlsx").hidden = true;
    $("drill-pages").hidden = true;
    try {
      target.rows = await api(target.path);
      if (drilled !== target) return;
      $("drill-xlsx").hidden = false;
      await showPage(target, 0);
    } catch (e) {
      if (drilled !== target) return;
      $("drill-status").textContent = e.status === 403 ? "名单只对站内工作人员、寻亲组和管理员显示；您的角色只能看统计数字。" : e.message;
      state(e.status === 403 ? "forbidden" : "error");
    }
    $("drill").scrollIntoView({ block: "nearest" });
  }

  /** One page of the list, with the names of its people for a role that may read them (intake decides and audits). */
  async function showPage(target, page) {
    document.body.dataset.drill = "loading";
    const rows = target.rows;
    const pages = Math.max(1, Math.ceil(rows.length / PAGE));
    const shown = rows.slice(page * PAGE, (page + 1) * PAGE);
    const ids = [...new Set(shown.map((r) => r.personId).filter(Boolean))];
    let names = null, note = "";
    if (ids.length) {
      try {
        names = new Map((await api("/api/reports/person-names", { personIds: ids }))
          .map((n) => [n.personId, n.name || "（身份未明）"]));
      } catch (e) {
        note = e.status === 403 ? "（姓名只对可查阅人员档案的角色显示）" : "（姓名暂时无法读取）";
      }
    }
    if (drilled !== target) return;
    target.page = page;
    $("drill-status").textContent = "共 " + rows.length + " 条" + (pages > 1 ? "，第 " + (page + 1) + "/" + pages + " 页" : "") + note;
    $("drill-table").replaceChildren(memberTable(shown, names));
    $("drill-pages").hidden = pages <= 1;
    $("drill-prev").disabled = page === 0;
    $("drill-next").disabled = page >= pages - 1;
    document.body.dataset.drill = "ready";
  }

  function memberTable(rows, names) {
    const t = document.createElement("table");
    const keys = rows.length ? Object.keys(rows[0]) : [];
    const named = names && keys.includes("personId");
    const columns = named ? keys.flatMap((k) => k === "personId" ? [k, "name"] : [k]) : keys;
    const head = t.createTHead().insertRow();
    for (const k of columns) head.appendChild(document.createElement("th")).textContent = COLUMNS[k] || k;
    const body = t.createTBody();
    for (const r of rows) {
      const tr = body.insertRow();
      for (const k of columns) {
        const td = tr.insertCell();
        td.textContent = k === "name" ? (names.get(r.personId) || "—") : cell(r[k]);
        if (k === "name") td.className = "person-name";
      }
    }
    return t;
  }

  function cell(v) {
    if (v === null || v === undefined) return "—";
    if (v === true) return "是";
    if (v === false) return "否";
    if (Array.isArray(v)) return v.join("、");
    if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}T/.test(v)) return new Date(v).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });
    return v;
  }

  /** The same list as .xlsx, fetched with the token (a plain link could not carry it). */
  async function exportDrill() {
    const res = await fetch(drilled.path, { headers: { "Authorization": "Bearer " + $("token").value, "Accept": XLSX, "X-Purpose": PURPOSE } });
    if (!res.ok) {
      $("drill-status").textContent = "导出失败：" + res.status;
      return;
    }
    const a = document.createElement("a");
    a.href = URL.createObjectURL(await res.blob());
    a.download = drilled.title + ".xlsx";
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 60000);
  }

  // ---------------------------------------------------------------- loading

  async function load() {
    document.body.dataset.state = "loading";
    $("error").textContent = "";
    sessionStorage.setItem("homeward-token", $("token").value);
    const p = period();
    const sources = [{ id: "notices", load: (q) => api("/api/reports/notices?" + query(q)) }, ...FIGURES];
    const results = await Promise.allSettled(sources.map((f) => f.load(p)));
    const loaded = {};
    const errors = [];
    sources.forEach((f, i) => {
      const r = results[i];
      if (r.status === "fulfilled") {
        loaded[f.id] = r.value;
        if (f.chart) draw(f, r.value, p);
      } else if (r.reason.status === 403) {
        // a figure this role may not see (e.g. 重点人员 for outreach workers) is left out, the rest still shows
        if (f.chart) frame(f).querySelector(".hint").textContent = "您的角色无权查看此项统计。";
      } else {
        errors.push(r.reason.message);
      }
    });
    drawCards(loaded, p);
    // marks of the period shown before are not this period's: gone until the status says otherwise
    for (const figure of FIGURES) frame(figure).querySelector(".badges").replaceChildren();
    try {
      markPublications(await api("/api/reports/publications/status?" + query(p)));
    } catch (e) {
      errors.push(e.message);
    }
    $("error").textContent = errors.join("\n");
    document.body.dataset.state = errors.length ? "error" : "ready";
  }

  // ---------------------------------------------------------------- published figures

  /** Which panel shows the figures of a published report type (the outreach panel holds one report per programme kind). */
  const PUBLISHED_IN = { "retention-series": "retention", "flow": "flow", "family-search": "channels",
    "family-search-monthly": "monthly", "outreach": "outreach" };

  /**
   * Marks each panel whose report was published for this period: "已发布" with the date, or "发布后有变动" naming the
   * figures that differ now (back-dated records since publication), so a reader knows the published number is not today's.
   */
  function markPublications(statuses) {
    const byFigure = new Map();
    for (const s of statuses) {
      const id = PUBLISHED_IN[s.type];
      if (!id) continue;
      if (!byFigure.has(id)) byFigure.set(id, []);
      byFigure.get(id).push(s);
    }
    for (const figure of FIGURES) {
      const badges = frame(figure).querySelector(".badges");
      const reports = byFigure.get(figure.id) || [];
      const published = reports.filter((s) => s.latestPublication);
      if (!published.length) {
        badges.replaceChildren();
        continue;
      }
      const changed = published.filter((s) => s.changedSincePublication);
      const latest = published.map((s) => s.latestPublication)
        .reduce((a, b) => (a.publishedAt > b.publishedAt ? a : b));
      // a panel drawn from several reports (outreach: one per programme kind) says which of them were published
      const part = published.length < reports.length
        ? "（" + published.map((s) => KIND_LABELS[s.parameters.programKind] || s.type).join("、") + "）" : "";
      const badge = document.createElement("span");
      badge.className = "badge " + (changed.length ? "changed" : "published");
      badge.dataset.publication = latest.publicationId;
      badge.textContent = (changed.length ? "发布后有变动" : "已发布 " + cell(latest.publishedAt)) + part;
      badge.title = changed.length
        ? "发布于 " + cell(latest.publishedAt) + "（" + latest.publishedBy + "）；此后补录的记录改变了：" +
          [...new Set(changed.flatMap((s) => s.changedFigures))].join("、")
        : "发布于 " + cell(latest.publishedAt) + "（" + latest.publishedBy + "），数字与发布时相同";
      badges.replaceChildren(badge);
    }
  }

  function categoryOf(channel) {
    if (channel === "STAFF_INQUIRY") return "STATION";
    if (channel === "PARTNER") return "SOCIAL";
    return "AGENCY";
  }

  $("load").addEventListener("click", load);
  $("drill-close").addEventListener("click", () => { $("drill").hidden = true; drilled = null; });
  $("drill-xlsx").addEventListener("click", exportDrill);
  $("drill-prev").addEventListener("click", () => drilled && showPage(drilled, drilled.page - 1));
  $("drill-next").addEventListener("click", () => drilled && showPage(drilled, drilled.page + 1));
  window.addEventListener("resize", () => charts.forEach((c) => c.resize()));
  if ($("token").value) load(); else document.body.dataset.state = "needs-token";
})();
