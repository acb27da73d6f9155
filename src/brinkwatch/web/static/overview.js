// Overview: pairs by tension (with sparklines), the newest alerts, articles with search.
"use strict";
(() => {
  const { api, el, load, num, signed, pair, code, sparkline, nav, query } = BW;
  nav("overview");

  function dyadRow(d, rank) {
    return el("tr", {},
      el("td", { class: "num" }, rank + 1),
      el("td", {}, el("a", { href: `/dyads/${encodeURIComponent(d.a)}/${encodeURIComponent(d.b)}`, class: "pair" }, pair(d.a, d.b))),
      el("td", {}, sparkline(d.sparkline)),
      el("td", { class: "num " + (d.recent_tension > 0.05 ? "pos" : d.recent_tension < -0.05 ? "neg" : "zero") }, signed(d.recent_tension)),
      el("td", { class: "num" }, signed(d.tension)),
      el("td", { class: "num" }, d.events),
      el("td", { class: "num" }, num(d.conflict)),
      el("td", { class: "num" }, num(d.cooperation)));
  }

  function dyadTable(items, target) {
    const head = el("tr", {}, ...["#", "pair", "last 30 periods", "tension", "now", "events", "conflict", "coop."]
      .map((h, i) => el("th", { class: i > 2 || i === 0 ? "num" : "" }, h)));
    target.appendChild(el("table", { id: "dyad-table" }, el("thead", {}, head),
      el("tbody", {}, items.map(dyadRow))));
  }

  function alertItem(a) {
    return el("li", {},
      el("span", { class: "badge " + a.kind }, a.kind), " ",
      el("a", { href: `/alerts/${a.id}` }, pair(a.source, a.target, a.kind === "spiral" ? "→" : "–")),
      " ", el("span", { class: "muted" }, `${a.window_start} … ${a.window_end} · score ${num(a.score)}`),
      el("div", { class: "reason" }, a.reason));
  }

  function articleRow(a) {
    return el("tr", {},
      el("td", { class: "nowrap" }, a.published || "–"),
      el("td", {}, el("a", { href: `/articles/${encodeURIComponent(a.id)}` }, a.title || a.id)),
      el("td", { class: "muted" }, a.outlet || ""));
  }

  let next = null;
  function showArticles(q, more) {
    const target = document.getElementById("articles");
    const cursor = more ? next : null;
    const fetcher = async () => {
      const body = await api("/articles" + query({ q, limit: 10, cursor }));
      next = body.next;
      return more ? body.items : body.items;
    };
    if (more) {
      fetcher().then((items) => {
        document.querySelector("#articles tbody").append(...items.map(articleRow));
        moreButton(q);
      });
      return;
    }
    load(target, fetcher, (items) => {
      target.appendChild(el("table", {}, el("tbody", {}, items.map(articleRow))));
      moreButton(q);
    }, q ? ["No article matches ", code(q), "."] : ["No articles stored yet: add some with ", code("brinkwatch ingest FILES --db DB"), "."]);
  }

  function moreButton(q) {
    const old = document.querySelector("#articles button.more");
    if (old) old.remove();
    if (!next) return;
    const button = el("button", { class: "more", type: "button" }, "More articles");
    button.addEventListener("click", () => showArticles(q, true));
    document.getElementById("articles").appendChild(button);
  }

  load(document.getElementById("dyads"), async () => (await api("/dyads?limit=12")).items, dyadTable,
    ["No country-to-country events stored yet. Ingest articles with ", code("brinkwatch ingest"), "."]);
  load(document.getElementById("alerts"), async () => (await api("/alerts?limit=8")).items,
    (items, target) => target.appendChild(el("ul", { class: "alerts" }, items.map(alertItem))),
    ["No alerts: no pair has escalated, spiralled or calmed down in the stored events."]);
  document.getElementById("search").addEventListener("submit", (event) => {
    event.preventDefault();
    showArticles(new FormData(event.target).get("q").trim(), false);
  });
  showArticles("", false);
})();
