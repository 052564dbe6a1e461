// The paperkg explorer: lookup cards, neighbourhood drawings and a SPARQL editor.
// Everything talks to this server only; data reaches the page through textContent, never as HTML.
"use strict";

const $ = (id) => document.getElementById(id);
const MAX_ROWS_SHOWN = 1000;

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

function linkButton(text, onClick) {
  const button = el("button", { type: "button", class: "link" }, text);
  button.addEventListener("click", onClick);
  return button;
}

// ---- Lookup -------------------------------------------------------------------------------

async function lookup(name) {
  const out = $("lookup-result");
  $("lookup-name").value = name;
  out.replaceChildren(el("p", {}, `Looking up ${name}…`));
  try {
    const response = await fetch(`/api/lookup?name=${encodeURIComponent(name)}`);
    const body = await response.json();
    if (body.status === "found") {
      out.replaceChildren(...body.cards.map(card));
    } else {
      out.replaceChildren(notFound(name, body.suggestions || []));
    }
  } catch (error) {
    out.replaceChildren(el("p", { class: "error" }, `Lookup failed: ${error}`));
  }
}

function notFound(name, suggestions) {
  const p = el("p", {}, `No entity named “${name}”.`);
  if (suggestions.length) {
    p.append(" Did you mean: ");
    suggestions.forEach((s, i) => {
      if (i) p.append(", ");
      p.append(linkButton(`${s.name} (${s.type}, ${s.papers})`, () => lookup(s.name)));
    });
  }
  return p;
}

function card(c) {
  const facts = el("dl");
  const fact = (term, value) => value && facts.append(el("dt", {}, term), el("dd", {}, value));
  fact("IRI", c.iri);
  fact("Aliases", c.aliases.join(", "));
  fact("Same as", c.external_ids.join(", "));
  fact("Derived from", c.derived_from.join(", "));
  fact("Parent task", c.parents.join(", "));
  fact("Subtasks", c.children.join(", "));
  const papers = el("ul");
  for (const paper of c.papers.slice(0, 25)) {
    const item = el("li", {}, paper.title);
    if (paper.introduces) item.append(el("span", { class: "tag" }, "introduces"));
    if (paper.quote) item.append(el("blockquote", {}, paper.quote));
    for (const url of paper.code) item.append(el("div", {}, "code: ", el("a", { href: url, rel: "noopener noreferrer" }, url)));
    papers.append(item);
  }
  const related = el("p", {}, "Co-mentioned: ");
  c.related.forEach((r, i) => {
    if (i) related.append(", ");
    related.append(linkButton(`${r.name} (${r.type}, ${r.papers})`, () => lookup(r.name)));
  });
  const draw = linkButton("Draw its neighbourhood", () => drawGraph(c.name, 2));
  return el("article", { class: "card" },
    el("h3", {}, c.name, el("span", { class: "tag" }, c.type)),
    facts,
    el("p", {}, `Papers (${c.papers.length}):`), papers,
    c.related.length ? related : "",
    el("p", {}, draw));
}

// ---- Neighbourhood graph ------------------------------------------------------------------

function drawGraph(name, depth) {
  $("graph-name").value = name;
  $("graph-depth").value = String(depth);
  const status = $("graph-status");
  const view = $("graph-view");
  const query = `name=${encodeURIComponent(name)}&depth=${depth}`;
  status.textContent = `Drawing the neighbourhood of ${name}…`;
  const image = el("img", { alt: `Neighbourhood graph of ${name}, depth ${depth}` });
  image.addEventListener("load", () => {
    status.textContent = `Neighbourhood of ${name} (depth ${depth}), laid out by Graphviz.`;
  });
  // Without Graphviz on the server (or for an unknown name) fall back to the JSON form.
  image.addEventListener("error", () => drawJson(name, query));
  image.src = `/api/graph?${query}&format=svg`;
  view.replaceChildren(image);
  $("graph-heading").scrollIntoView({ block: "nearest" });
}

async function drawJson(name, query) {
  const status = $("graph-status");
  const response = await fetch(`/api/graph?${query}&format=json`);
  if (!response.ok) {
    status.textContent = (await response.text()).trim();
    $("graph-view").replaceChildren();
    return;
  }
  const graph = await response.json();
  $("graph-view").replaceChildren(radial(graph, name));
  status.textContent = `Neighbourhood of ${name}: ${graph.nodes.length} nodes (simple layout).`;
}

const COLOURS = { paper: "#e8e8e8", code: "#c8c8c8", model: "#9ecae1", dataset: "#fdd49e",
  metric: "#fbb4c4", task: "#b8e186", method: "#fdae6b", url: "#ffffff" };

// Rings by hop distance from the centre (node 0).
function radial(graph, name) {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  const hops = new Map([[0, 0]]);
  for (let changed = true; changed;) {
    changed = false;
    for (const e of graph.edges) {
      for (const [a, b] of [[e.source, e.target], [e.target, e.source]]) {
        if (hops.has(a) && !hops.has(b)) { hops.set(b, hops.get(a) + 1); changed = true; }
      }
    }
  }
  const rings = [];
  for (const node of graph.nodes) (rings[hops.get(node.id) ?? 1] ||= []).push(node);
  const at = new Map();
  const size = 260 * Math.max(1, rings.length - 1) + 120;
  rings.forEach((ring, r) => ring.forEach((node, i) => {
    const angle = (2 * Math.PI * i) / ring.length;
    at.set(node.id, [size / 2 + r * 240 * Math.cos(angle), size / 2 + r * 240 * Math.sin(angle)]);
  }));
  svg.setAttribute("viewBox", `0 0 ${size} ${size}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", `Neighbourhood graph of ${name}`);
  const make = (tag, attributes) => {
    const node = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
    return svg.appendChild(node);
  };
  for (const e of graph.edges) {
    const [x1, y1] = at.get(e.source), [x2, y2] = at.get(e.target);
    make("line", { x1, y1, x2, y2, stroke: e.kind === "introduces" ? "#2b8cbe" : "#999" });
  }
  for (const node of graph.nodes) {
    const [x, y] = at.get(node.id);
    make("circle", { cx: x, cy: y, r: 7, fill: COLOURS[node.kind] || "#fff", stroke: "#555" });
    const label = make("text", { x: x + 9, y: y + 4, "font-size": 11 });
    label.textContent = node.label.length > 40 ? `${node.label.slice(0, 39)}…` : node.label;
  }
  return svg;
}

// ---- Leaderboard -------------------------------------------------------------------------

async function showBoards(dataset, metric, task) {
  const status = $("board-status");
  const view = $("board-view");
  $("board-dataset").value = dataset;
  const params = new URLSearchParams({ dataset });
  if (metric) params.set("metric", metric);
  if (task) params.set("task", task);
  status.textContent = `Loading the leaderboards of ${dataset}…`;
  view.replaceChildren();
  try {
    const response = await fetch(`/api/leaderboard?${params}`);
    if (!response.ok) {
      status.textContent = (await response.text()).trim();
      return;
    }
    const body = await response.json();
    view.replaceChildren(...body.boards.map((b) => board(body, b)));
    const count = body.boards.length;
    status.textContent = count
      ? `${body.dataset}: ${count} metric${count === 1 ? "" : "s"}.`
      : `No results on ${body.dataset} in the store.`;
  } catch (error) {
    status.textContent = `The leaderboard could not be loaded: ${error}`;
  }
}

function board(boards, b) {
  const head = el("tr", {}, ...["Rank", "Value", "Model", "Paper", "Quote"].map((h) => el("th", { scope: "col" }, h)));
  const body = el("tbody");
  for (const e of b.entries) {
    const model = e.model ? linkButton(e.model, () => lookup(e.model)) : "–";
    const cell = el("td", {}, model);
    if (e.disputed) cell.append(el("span", { class: "tag" }, "disputed"));
    body.append(el("tr", { class: e.disputed ? "disputed" : "" },
      el("td", {}, String(e.rank)), el("td", {}, e.value_text), cell,
      el("td", {}, el("div", {}, e.paper.title), el("small", {}, e.paper.id)),
      el("td", {}, e.quote || "")));
  }
  const caption = `${boards.dataset} · ${b.metric} (${b.better} is better; ${b.entries.length} of ${b.results} results)`;
  const parts = [el("table", { class: "board" }, el("caption", {}, caption), el("thead", {}, head), body)];
  if (b.disagreements.length) {
    const list = el("ul", { class: "disagreements" });
    for (const d of b.disagreements) {
      const values = d.values.map((v) => `${v.value_text} (${v.papers.map((p) => p.id).join(", ")})`);
      list.append(el("li", {}, `Papers disagree on ${d.model}: ${values.join(" vs ")}`));
    }
    parts.push(list);
  }
  return el("article", { class: "board" }, ...parts);
}

// ---- SPARQL -------------------------------------------------------------------------------

let canned = [];

async function loadCanned() {
  const select = $("canned");
  try {
    canned = await (await fetch("/api/queries")).json();
  } catch (error) {
    $("canned-description").textContent = `Could not load the canned queries: ${error}`;
    return;
  }
  for (const q of canned) select.append(el("option", { value: q.name }, q.name));
  select.addEventListener("change", () => {
    const chosen = canned.find((q) => q.name === select.value);
    $("canned-description").textContent = chosen ? chosen.description : "";
    if (chosen) $("sparql-text").value = chosen.query;
  });
}

async function runQuery() {
  const status = $("sparql-status");
  const out = $("sparql-results");
  status.textContent = "Running…";
  out.replaceChildren();
  const started = performance.now();
  let response;
  try {
    response = await fetch("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/sparql-query",
        Accept: "application/sparql-results+json, text/turtle;q=0.9" },
      body: $("sparql-text").value,
    });
  } catch (error) {
    status.textContent = `The query could not be sent: ${error}`;
    return;
  }
  const millis = Math.round(performance.now() - started);
  if (!response.ok) {
    status.textContent = `Error ${response.status}: ${(await response.text()).trim()}`;
    status.className = "error";
    return;
  }
  status.className = "";
  if ((response.headers.get("Content-Type") || "").startsWith("text/turtle")) {
    out.replaceChildren(el("pre", {}, await response.text()));
    status.textContent = `Graph result in ${millis} ms.`;
    return;
  }
  const results = await response.json();
  if ("boolean" in results) {
    status.textContent = `Answer: ${results.boolean} (${millis} ms).`;
    return;
  }
  const rows = results.results.bindings;
  out.replaceChildren(table(results.head.vars, rows));
  const shown = rows.length > MAX_ROWS_SHOWN ? `, first ${MAX_ROWS_SHOWN} shown` : "";
  status.textContent = `${rows.length} row${rows.length === 1 ? "" : "s"} in ${millis} ms${shown}.`;
}

function table(vars, rows) {
  const head = el("tr", {}, ...vars.map((v) => el("th", { scope: "col" }, v)));
  const body = el("tbody");
  for (const row of rows.slice(0, MAX_ROWS_SHOWN)) {
    body.append(el("tr", {}, ...vars.map((v) => el("td", {}, row[v] ? row[v].value : ""))));
  }
  return el("table", {}, el("caption", { class: "visually-hidden" }, "Query results"), el("thead", {}, head), body);
}

// ---- Wiring -------------------------------------------------------------------------------

document.addEventListener("DOMContentLoaded", () => {
  $("lookup-form").addEventListener("submit", (event) => {
    event.preventDefault();
    lookup($("lookup-name").value.trim());
  });
  $("graph-form").addEventListener("submit", (event) => {
    event.preventDefault();
    drawGraph($("graph-name").value.trim(), Number($("graph-depth").value));
  });
  $("board-form").addEventListener("submit", (event) => {
    event.preventDefault();
    showBoards($("board-dataset").value.trim(), $("board-metric").value.trim(), $("board-task").value.trim());
  });
  $("sparql-form").addEventListener("submit", (event) => {
    event.preventDefault();
    runQuery();
  });
  $("sparql-text").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      runQuery();
    }
  });
  loadCanned();
});
