// Network page: countries on a circle, a curved edge per direction with events (width: events,
// colour: share of conflict), drawn as SVG; the edges as a table below.
"use strict";
(() => {
  const { api, el, svg, load, num, pair, nav, query } = BW;
  nav("network");
  const SIZE = 640, CENTRE = SIZE / 2, RING = SIZE / 2 - 70;

  function colour(edge) {
    const total = (edge.conflict || 0) + (edge.cooperation || 0);
    const share = total > 0 ? edge.conflict / total : 0.5;
    const red = Math.round(30 + share * 162), green = Math.round(132 - share * 75);
    return `rgb(${red},${green},${Math.round(73 - share * 30)})`;
  }

  function draw(body, target) {
    const nodes = body.nodes, edges = body.edges;
    const place = new Map(nodes.map((n, i) => {
      const angle = (2 * Math.PI * i) / nodes.length - Math.PI / 2;
      return [n.id, { x: CENTRE + RING * Math.cos(angle), y: CENTRE + RING * Math.sin(angle), node: n }];
    }));
    const most = Math.max(...edges.map((e) => e.events), 1);
    const box = svg("svg", { viewBox: `0 0 ${SIZE} ${SIZE}`, role: "img", "aria-label": "actor network", id: "network-svg" });
    const defs = svg("defs", {});
    const marker = svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 5, markerHeight: 5, orient: "auto-start-reverse", markerUnits: "userSpaceOnUse" });
    marker.setAttribute("markerWidth", "12");
    marker.setAttribute("markerHeight", "12");
    marker.appendChild(svg("path", { d: "M0,0 L10,5 L0,10 z", fill: "#5f6b7a" }));
    defs.appendChild(marker);
    box.appendChild(defs);
    const radius = new Map(nodes.map((n) => [n.id, 10 + (18 * Math.sqrt(n.events)) / Math.sqrt(Math.max(...nodes.map((m) => m.events), 1))]));
    for (const e of edges) {
      const s = place.get(e.source), t = place.get(e.target);
      if (!s || !t) continue;
      const dx = t.x - s.x, dy = t.y - s.y, len = Math.hypot(dx, dy) || 1;
      const bend = 0.12 * len; // each direction curves to its own side
      const cx = (s.x + t.x) / 2 - (dy / len) * bend, cy = (s.y + t.y) / 2 + (dx / len) * bend;
      // end the arrow at the target circle's edge, along the curve's last tangent
      const tx = t.x - cx, ty = t.y - cy, tl = Math.hypot(tx, ty) || 1, stop = radius.get(e.target) + 3;
      const ex = t.x - (tx / tl) * stop, ey = t.y - (ty / tl) * stop;
      const path = svg("path", { d: `M${s.x},${s.y} Q${cx},${cy} ${ex},${ey}`, fill: "none", "marker-end": "url(#arrow)",
        stroke: colour(e), "stroke-width": 1.5 + (8 * e.events) / most, "stroke-opacity": 0.75, class: "edge" });
      const title = svg("title", {});
      title.textContent = `${pair(e.source, e.target, "→")}: ${e.events} events, conflict ${num(e.conflict)}, cooperation ${num(e.cooperation)}`;
      path.appendChild(title);
      box.appendChild(path);
    }
    for (const { x, y, node } of place.values()) {
      const r = radius.get(node.id);
      const circle = svg("circle", { cx: x, cy: y, r, fill: "#1f2a44", class: "node" });
      const title = svg("title", {});
      title.textContent = `${node.id}: ${node.events} events`;
      circle.appendChild(title);
      box.appendChild(circle);
      // the label outside the ring, away from the edges that meet at the node
      const ux = (x - CENTRE) / RING, uy = (y - CENTRE) / RING;
      const anchor = ux > 0.3 ? "start" : ux < -0.3 ? "end" : "middle";
      const label = svg("text", { x: x + ux * (r + 8), y: y + uy * (r + 10) + (uy > 0.3 ? 10 : uy < -0.3 ? -2 : 5), "text-anchor": anchor });
      label.textContent = node.id;
      box.appendChild(label);
    }
    target.appendChild(box);
  }

  function table(edges, target) {
    const head = el("tr", {}, ...["from", "to", "events", "conflict", "cooperation"].map((h, i) => el("th", { class: i > 1 ? "num" : "" }, h)));
    const rows = edges.map((e) => el("tr", {},
      el("td", {}, e.source), el("td", {}, e.target),
      el("td", { class: "num" }, e.events), el("td", { class: "num" }, num(e.conflict)),
      el("td", { class: "num" }, num(e.cooperation))));
    target.appendChild(el("table", {}, el("thead", {}, head), el("tbody", {}, rows)));
  }

  function show(params) {
    const empty = ["No country-to-country events in this period."];
    const request = api("/network" + query(params));
    load(document.getElementById("graph"), async () => { const b = await request; return b.edges.length ? b : null; }, draw, empty);
    load(document.getElementById("edges"), async () => (await request).edges, table, empty);
  }

  document.getElementById("period").addEventListener("submit", (event) => {
    event.preventDefault();
    show(Object.fromEntries([...new FormData(event.target)].filter(([, v]) => v !== "")));
  });
  show({});
})();
