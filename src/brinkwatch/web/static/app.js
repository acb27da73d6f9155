// brinkwatch dashboard: shared helpers. Every page reads the public JSON API (/api/v1) and
// builds the DOM with createElement/textContent: text from the store never becomes markup.
"use strict";

const BW = (() => {
  const API = "/api/v1";

  async function api(path) {
    const response = await fetch(API + path, { headers: { Accept: "application/json" } });
    let body = null;
    try { body = await response.json(); } catch (e) { body = null; }
    if (!response.ok) {
      const message = body && body.message ? body.message : response.status + " " + response.statusText;
      throw new Error(message);
    }
    return body;
  }

  // el("a", {href: "/x", class: "c"}, "text", child, ...): strings become text nodes.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key.startsWith("on")) throw new Error("no inline handlers");
      else node.setAttribute(key, String(value));
    }
    append(node, children);
    return node;
  }

  function append(node, children) {
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function svg(tag, attrs) {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
    return node;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

  function state(target, kind, ...message) {
    clear(target).appendChild(el("p", { class: "state " + kind }, ...message));
  }

  async function load(target, fetcher, render, emptyMessage) {
    state(target, "loading", "Loading…");
    try {
      const data = await fetcher();
      const empty = data === null || (Array.isArray(data) && data.length === 0);
      if (empty) { state(target, "empty", ...emptyMessage); return data; }
      clear(target);
      render(data, target);
      return data;
    } catch (error) {
      state(target, "error", "Could not load: " + error.message);
      return null;
    }
  }

  const num = (v, digits = 1) => (v === null || v === undefined ? "–" : Number(v).toFixed(digits));
  const signed = (v, digits = 1) => (v === null || v === undefined ? "–" : (v > 0 ? "+" : "") + Number(v).toFixed(digits));
  const pair = (a, b, arrow = "–") => a + " " + arrow + " " + b;
  const code = (text) => el("code", {}, text);

  // A sentence with the first occurrence of `word` highlighted (as text, not markup).
  function highlighted(sentence, word) {
    const text = (sentence || "").trim();
    const at = word ? text.indexOf(word) : -1;
    if (at < 0) return el("span", { class: "sentence" }, text);
    return el("span", { class: "sentence" }, text.slice(0, at), el("mark", {}, word),
      text.slice(at + word.length));
  }

  function sparkline(values, width = 120, height = 28) {
    const box = svg("svg", { class: "spark", width, height, viewBox: `0 0 ${width} ${height}`,
      role: "img", "aria-label": "tension over the last periods" });
    const clean = values.map((v) => (v === null ? 0 : v));
    if (!clean.length) return box;
    const lo = Math.min(0, ...clean), hi = Math.max(0.001, ...clean);
    const x = (i) => (clean.length === 1 ? width / 2 : (i * (width - 4)) / (clean.length - 1) + 2);
    const y = (v) => height - 3 - ((v - lo) * (height - 6)) / (hi - lo);
    box.appendChild(svg("line", { x1: 0, x2: width, y1: y(0), y2: y(0), stroke: "#dfe3ea" }));
    const points = clean.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
    box.appendChild(svg("polyline", { points, fill: "none", stroke: "#c0392b", "stroke-width": 1.6 }));
    const last = clean.length - 1;
    box.appendChild(svg("circle", { cx: x(last), cy: y(clean[last]), r: 2.4, fill: "#c0392b" }));
    return box;
  }

  function nav(current) {
    document.querySelectorAll("header.top nav a").forEach((a) => {
      if (a.dataset.page === current) a.classList.add("here");
    });
  }

  function pathParts() { return location.pathname.split("/").filter(Boolean).map(decodeURIComponent); }

  function query(params) {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== "" && v !== null && v !== undefined) search.set(k, v);
    const text = search.toString();
    return text ? "?" + text : "";
  }

  return { api, el, append, svg, clear, state, load, num, signed, pair, code, highlighted,
    sparkline, nav, pathParts, query };
})();
