// Alert page: why it fired — the chain of events, each with the sentences that reported it.
"use strict";
(() => {
  const { api, el, load, num, signed, pair, highlighted, nav, pathParts, clear, state } = BW;
  nav("alerts");
  const id = pathParts()[1];

  function report(r) {
    return el("div", { class: "report" },
      highlighted(r.sentence, r.trigger),
      el("div", { class: "meta" },
        el("a", { href: `/articles/${encodeURIComponent(r.article_id)}` }, "open the article"),
        r.outlet ? " · " + r.outlet : "",
        r.url ? [" · ", el("a", { href: r.url, rel: "noopener noreferrer" }, "source")] : ""));
  }

  function step(e) {
    const reports = e.reports && e.reports.length ? e.reports
      : [{ sentence: e.evidence, trigger: null, article_id: e.article_id, url: e.url }];
    return el("li", { class: "q" + e.quad_class },
      el("div", { class: "head" }, `${e.date}  ${pair(e.source, e.target, "→")}  `,
        el("span", { class: "badge q" + e.quad_class }, "CAMEO " + e.cameo), " ",
        el("span", { class: "muted" }, `Goldstein ${signed(e.goldstein)} · ${e.articles} article(s)`)),
      reports.map(report));
  }

  function render(a) {
    document.title = `${a.kind} ${a.source}–${a.target} · brinkwatch`;
    const title = document.getElementById("title");
    clear(title).append(el("span", { class: "badge " + a.kind }, a.kind), " ",
      el("a", { href: `/dyads/${a.source}/${a.target}` }, pair(a.source, a.target, a.kind === "spiral" ? "→" : "–")));
    document.getElementById("subtitle").textContent = `${a.window_start} … ${a.window_end} · score ${num(a.score, 2)}`;
    const summary = document.getElementById("summary");
    clear(summary).append(el("h2", {}, "Reason"), el("p", {}, a.reason),
      el("dl", { class: "kv" },
        el("dt", {}, "first seen"), el("dd", {}, a.first_seen),
        el("dt", {}, "updated"), el("dd", {}, `${a.updated_at} (${a.updates} updates)`),
        el("dt", {}, "events"), el("dd", {}, a.n_events)));
  }

  const chain = document.getElementById("chain");
  state(document.getElementById("summary"), "loading", "Loading…");
  load(chain, async () => {
    const alert = await api(`/alerts/${encodeURIComponent(id)}`);
    render(alert);
    return alert.events;
  }, (events, target) => target.appendChild(el("ol", { class: "chain" }, events.map(step))),
  ["This alert has no events stored with it."]).then((found) => {
    if (found === null) state(document.getElementById("summary"), "error", "No such alert.");
  });
})();
