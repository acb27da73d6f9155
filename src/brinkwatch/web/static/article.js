// Article page: the stored text with its events, quotes and actors highlighted (hover: codes),
// and lists of each beside it. Spans overlap, so the text is cut at every span boundary and
// each piece carries the classes and titles of every span covering it.
"use strict";
(() => {
  const { api, el, load, signed, pair, nav, pathParts, clear, state } = BW;
  nav("articles");
  const id = pathParts()[1];

  function annotations(body) {
    const out = [];
    body.events.forEach((e, n) => {
      const quad = "q" + e.quad_class;
      const who = pair(e.source_country || e.source_text || "?", e.target_country || e.target_text || "?", "→");
      const title = `event ${e.cameo} ${e.cameo_name || ""} · ${who} · Goldstein ${signed(e.goldstein)}` +
        (e.plover_event ? ` · PLOVER ${e.plover_event}` : "") + (e.negated ? " · negated" : "");
      const span = e.spans.evidence || e.spans.sentence;
      if (span) out.push({ start: span.start, end: span.end, cls: "event " + quad, title, anchor: null });
      const trigger = e.spans.trigger;
      if (trigger) out.push({ start: trigger.start, end: trigger.end, cls: "trigger", title, anchor: "ev-" + n });
    });
    body.quotes.forEach((q, n) => {
      const span = q.spans.content;
      const speaker = q.speaker_name || q.speaker_text || "unknown speaker";
      if (span) out.push({ start: span.start, end: span.end, cls: "quote",
        title: `quote (${q.type}) · ${speaker}${q.speaker_code ? " " + q.speaker_code : ""}`, anchor: "qu-" + n });
    });
    body.actors.forEach((a) => {
      const codes = [a.code, a.country, a.sector].filter(Boolean).join(" · ");
      out.push({ start: a.start, end: a.end, cls: "actor", title: `actor ${a.name || a.text}${codes ? " → " + codes : ""}`, anchor: null });
    });
    return out.filter((x) => x.end > x.start);
  }

  function renderText(text, notes) {
    const cuts = new Set([0, text.length]);
    notes.forEach((x) => { cuts.add(Math.max(0, Math.min(text.length, x.start))); cuts.add(Math.max(0, Math.min(text.length, x.end))); });
    const points = [...cuts].sort((x, y) => x - y);
    const box = el("div", { class: "text", id: "article-text" });
    const anchored = new Set();
    for (let i = 0; i + 1 < points.length; i++) {
      const [from, to] = [points[i], points[i + 1]];
      const piece = text.slice(from, to);
      const covering = notes.filter((x) => x.start <= from && x.end >= to);
      if (!covering.length) { box.appendChild(document.createTextNode(piece)); continue; }
      const classes = [...new Set(covering.flatMap((x) => x.cls.split(" ")))].join(" ");
      const titles = [...new Set(covering.map((x) => x.title))].join("\n");
      const anchor = covering.map((x) => x.anchor).find((x) => x && !anchored.has(x));
      if (anchor) anchored.add(anchor);
      box.appendChild(el("span", { class: classes, title: titles, id: anchor || null }, piece));
    }
    return box;
  }

  function focusOn(anchor) {
    return (event) => {
      event.preventDefault();
      document.querySelectorAll(".text .focus").forEach((n) => n.classList.remove("focus"));
      const node = document.getElementById(anchor);
      if (node) { node.classList.add("focus"); node.scrollIntoView({ block: "center", behavior: "smooth" }); }
    };
  }

  function sideList(target, items, row, empty) {
    if (!items.length) { state(target, "empty", empty); return; }
    clear(target).appendChild(el("ul", {}, items.map(row)));
  }

  function render(body, target) {
    const art = body.article;
    document.title = (art.title || art.id) + " · brinkwatch";
    document.getElementById("title").textContent = art.title || art.id;
    const sub = clear(document.getElementById("subtitle"));
    sub.append([art.outlet, art.published, art.dateline].filter(Boolean).join(" · "));
    if (art.url) sub.append(" · ", el("a", { href: art.url, rel: "noopener noreferrer" }, "original"));
    if (art.duplicate_of) sub.append(" · near-duplicate of ", el("a", { href: `/articles/${encodeURIComponent(art.duplicate_of)}` }, art.duplicate_of));
    target.appendChild(renderText(art.text || "", annotations(body)));
    sideList(document.getElementById("events"), body.events, (e, n) => {
      const link = el("a", { href: "#ev-" + n }, e.spans.trigger ? e.spans.trigger.text : e.cameo);
      link.addEventListener("click", focusOn("ev-" + n));
      return el("li", {}, el("span", { class: "badge q" + e.quad_class, title: e.cameo_name || "" }, e.cameo), " ",
        pair(e.source_country || e.source_text || "?", e.target_country || e.target_text || "?", "→"), " · ", link);
    }, "No events coded in this article.");
    sideList(document.getElementById("quotes"), body.quotes, (q, n) => {
      const link = el("a", { href: "#qu-" + n }, "“" + q.content + "”");
      link.addEventListener("click", focusOn("qu-" + n));
      return el("li", {}, el("strong", {}, q.speaker_name || q.speaker_text || "unknown"), ": ", link);
    }, "No quotes found in this article.");
    const actors = new Map();
    body.actors.forEach((x) => { const key = x.code || x.name || x.text; actors.set(key, [(actors.get(key) || [x, 0])[0], (actors.get(key) || [x, 0])[1] + 1]); });
    sideList(document.getElementById("actors"), [...actors.values()], ([x, count]) =>
      el("li", {}, x.name || x.text, " ", el("span", { class: "muted" }, [x.code, `×${count}`].filter(Boolean).join(" "))),
      "No actors resolved in this article.");
  }

  ["events", "quotes", "actors"].forEach((s) => state(document.getElementById(s), "loading", "Loading…"));
  load(document.getElementById("text"), () => api(`/articles/${encodeURIComponent(id)}`), render,
    ["This article is empty."]).then((found) => {
    if (found === null) ["events", "quotes", "actors"].forEach((s) => state(document.getElementById(s), "empty", "–"));
  });
})();
