// Dyad page: the pair's series (uPlot, vendored) with alert windows marked, its alerts, and
// its events with filters and "more" pages.
"use strict";
(() => {
  const { api, el, load, num, signed, pair, code, highlighted, nav, pathParts, query, clear, state } = BW;
  nav("dyads");
  const [, a, b] = pathParts().map((p) => p.toUpperCase());
  document.getElementById("title").textContent = pair(a, b);
  document.title = `${a}–${b} · brinkwatch`;
  const ALERT_COLOURS = { escalation: "rgba(192,57,43,0.13)", spiral: "rgba(214,137,16,0.16)", "de-escalation": "rgba(30,132,73,0.13)" };
  let plot = null;

  const day = (iso) => Date.parse(iso + "T00:00:00Z") / 1000;

  // Alert windows: a faint band over the plot, and a labelled strip per kind along its top
  // (one lane each, so overlapping windows stay readable).
  const LANES = { escalation: 0, spiral: 1, "de-escalation": 2 };
  const STRIPS = { escalation: "#c0392b", spiral: "#d68910", "de-escalation": "#1e8449" };

  function alertBands(alerts, periodDays) {
    return (u) => {
      const { ctx } = u;
      const px = devicePixelRatio, top = u.bbox.top, height = u.bbox.height;
      const half = (periodDays * 86400) / 2;
      ctx.save();
      for (const al of alerts) {
        const x0 = u.valToPos(day(al.window_start) - half, "x", true);
        const x1 = u.valToPos(day(al.window_end) + half, "x", true);
        const width = Math.max(x1 - x0, 3 * px);
        ctx.fillStyle = ALERT_COLOURS[al.kind] || "rgba(0,0,0,0.06)";
        ctx.globalAlpha = 0.45;
        ctx.fillRect(x0, top, width, height);
        ctx.globalAlpha = 1;
        const lane = top + (LANES[al.kind] || 0) * 17 * px;
        ctx.fillStyle = STRIPS[al.kind] || "#5f6b7a";
        ctx.fillRect(x0, lane, width, 15 * px);
        ctx.fillStyle = "#fff";
        ctx.font = `600 ${11 * px}px system-ui, sans-serif`;
        ctx.fillText(al.kind, x0 + 4 * px, lane + 11 * px, width - 6 * px);
      }
      ctx.restore();
    };
  }

  const DAY_FORMAT = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });
  const dayTicks = (u, splits) => splits.map((s) => (s === null ? "" : DAY_FORMAT.format(new Date(s * 1000))));

  function drawChart(body, target) {
    const periods = body.periods;
    const periodDays = body.freq === "week" ? 7 : 1;
    const xs = periods.map((p) => day(p.period));
    const data = [xs, periods.map((p) => p.conflict), periods.map((p) => -p.cooperation),
      periods.map((p) => p.tension)];
    const bars = uPlot.paths.bars({ size: [0.7, 60] });
    const width = Math.max(320, target.clientWidth || 900);
    const pad = (periodDays * 86400) / 2 + 1;
    const opts = {
      width, height: 340,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
      series: [
        { label: "period", value: (u, v) => (v === null ? "–" : new Date(v * 1000).toISOString().slice(0, 10)) },
        { label: "conflict", stroke: "#c0392b", fill: "rgba(192,57,43,0.55)", paths: bars, points: { show: false } },
        { label: "cooperation (down)", stroke: "#1e8449", fill: "rgba(30,132,73,0.55)", paths: bars, points: { show: false } },
        { label: "tension (EWMA)", stroke: "#1d2433", width: 2, points: { show: true, size: 5 } },
      ],
      axes: [
        { values: dayTicks, space: 60, incrs: [86400, 2 * 86400, 7 * 86400, 14 * 86400, 28 * 86400, 91 * 86400, 365 * 86400] },
        { label: "Goldstein-weighted", size: 60 },
      ],
      // headroom above the bars for the alert strips
      scales: { x: { time: true, range: (u, lo, hi) => [lo - pad, hi + pad] },
        y: { range: (u, lo, hi) => [Math.min(lo, 0) * 1.1, Math.max(hi, 1) * 1.35] } },
      hooks: { drawClear: [alertBands(body.alerts, periodDays)] },
      legend: { live: true },
    };
    if (plot) plot.destroy();
    plot = new uPlot(opts, data, target);
    target.dataset.points = String(xs.length);
  }

  function legend(body) {
    const holder = clear(document.getElementById("legend"));
    holder.append(el("span", { class: "muted" }, `Per ${body.freq}, events weighted by ${body.weight}. Alert windows:`),
      ...Object.keys(STRIPS).map((k) => el("span", {}, el("i", { style: `background:${STRIPS[k]}` }), k)));
  }

  function alertItem(al) {
    return el("li", {},
      el("span", { class: "badge " + al.kind }, al.kind), " ",
      el("a", { href: `/alerts/${al.id}` }, `${al.window_start} … ${al.window_end}`),
      " ", el("span", { class: "muted" }, "score " + num(al.score)),
      el("div", { class: "reason" }, al.reason));
  }

  function showSeries(freq) {
    const chart = document.getElementById("chart");
    const alerts = document.getElementById("alerts");
    state(alerts, "loading", "Loading…");
    load(chart, async () => {
      const body = await api(`/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}` + query({ freq }));
      legend(body);
      if (body.alerts.length) {
        clear(alerts).appendChild(el("ul", { class: "alerts" }, body.alerts.map(alertItem)));
      } else {
        state(alerts, "empty", "No alerts for this pair.");
      }
      return body.periods.length ? body : null;
    }, drawChart, ["No events between ", code(a), " and ", code(b), " are stored."]).then((found) => {
      if (found === null && alerts.querySelector(".loading")) state(alerts, "empty", "No alerts for this pair.");
    });
  }

  function eventRow(e) {
    const first = e.evidence[0] || {};
    return el("tr", {},
      el("td", { class: "nowrap" }, e.date || "–"),
      el("td", { class: "nowrap" }, pair(e.source_country, e.target_country, "→")),
      el("td", {}, el("span", { class: "badge q" + e.quad_class, title: e.cameo_name || "" }, e.cameo)),
      el("td", { class: "num" }, signed(e.goldstein)),
      el("td", { class: "num" }, e.num_articles),
      el("td", {}, highlighted(first.sentence, first.trigger),
        first.article_id ? [" ", el("a", { href: `/articles/${encodeURIComponent(first.article_id)}` }, "article")] : ""));
  }

  let filters = {}, next = null;
  function showEvents(more) {
    const target = document.getElementById("events");
    const params = { pair: `${a}-${b}`, limit: 25, ...filters, cursor: more ? next : null };
    const fetcher = async () => { const body = await api("/events" + query(params)); next = body.next; return body.items; };
    const render = (items) => {
      let tbody = target.querySelector("tbody");
      if (!tbody) {
        const head = el("tr", {}, ...["date", "who", "CAMEO", "Goldstein", "articles", "evidence"].map((h) => el("th", {}, h)));
        tbody = el("tbody", {});
        target.appendChild(el("table", { id: "events-table" }, el("thead", {}, head), tbody));
      }
      tbody.append(...items.map(eventRow));
      const old = target.querySelector("button.more");
      if (old) old.remove();
      if (next) {
        const button = el("button", { class: "more", type: "button" }, "More events");
        button.addEventListener("click", () => showEvents(true));
        target.appendChild(button);
      }
    };
    if (more) fetcher().then(render).catch((error) => state(target, "error", "Could not load: " + error.message));
    else load(target, fetcher, render, ["No events match these filters."]);
  }

  const freqSelect = document.querySelector("#freqform select");
  freqSelect.addEventListener("change", () => showSeries(freqSelect.value));
  document.getElementById("eventfilters").addEventListener("submit", (event) => {
    event.preventDefault();
    filters = Object.fromEntries([...new FormData(event.target)].filter(([, v]) => v !== ""));
    showEvents(false);
  });
  showSeries("day");
  showEvents(false);
})();
