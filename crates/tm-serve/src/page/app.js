// The review page: the draft against its source, the findings at their spans, the memory's
// matches per Russian sentence, the glossary. Everything it knows comes from this server's API;
// every text from the user or the memory is inserted as text, never as markup.
"use strict";

const $ = (id) => document.getElementById(id);
let last = null; // the last check's answer
let timer = null;
let sequence = 0;

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child instanceof Node ? child : String(child ?? ""));
  return node;
}

async function api(path, options = {}) {
  const response = await fetch(path, options);
  const body = await response.json().catch(() => ({ error: response.statusText }));
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

function status(text) { $("status").textContent = text; }

async function check() {
  const draft = $("draft").value;
  if (!draft.trim()) { status("Paste an English draft to check."); return; }
  const mine = ++sequence;
  status("Checking…");
  try {
    const answer = await api("/api/check", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ source: $("source").value, draft }),
    });
    if (mine !== sequence) return; // a newer check is on its way
    last = { ...answer, sourceText: $("source").value, draftText: draft };
    render();
    const n = answer.findings.length;
    status(n === 0 ? "No findings." : `${n} finding${n === 1 ? "" : "s"}.`);
  } catch (error) {
    if (mine === sequence) status(`Check failed: ${error.message}`);
  }
}

function later() {
  clearTimeout(timer);
  timer = setTimeout(check, 700);
}

// A sentence's text with the findings inside it marked, and the glossary terms outside them
// underlined: each opens its explanation (Enter or a click).
function marked(text, start, end, findings, terms) {
  const within = (x) => x.start >= start && x.end <= end && x.end > x.start;
  const spans = [
    ...findings.filter(within).map((f) => ({ start: f.start, end: f.end, finding: f })),
    ...terms.filter(within).map((t) => ({ start: t.start, end: t.end, term: t })),
  ].sort((a, b) => a.start - b.start || (a.finding ? -1 : 1));
  const out = [];
  let at = start;
  for (const span of spans) {
    if (span.start < at) continue; // a term inside a finding: the finding shows it
    out.push(text.slice(at, span.start));
    const open = span.finding ? () => explain(span.finding) : () => termEntry(span.term);
    const attributes = span.finding
      ? { class: span.finding.severity, title: `${span.finding.code} ${span.finding.rule}: ${span.finding.message}` }
      : { class: "term", title: `glossary: ${span.term.concept}`, "data-concept": span.term.concept };
    out.push(element(span.finding ? "mark" : "span", {
      ...attributes, tabindex: "0", onclick: open, onkeydown: (e) => { if (e.key === "Enter") open(); },
    }, text.slice(span.start, span.end)));
    at = span.end;
  }
  out.push(text.slice(at, end));
  return out;
}

async function termEntry(term) {
  const concepts = await api(`/api/glossary?id=${encodeURIComponent(term.concept)}`).catch(() => []);
  $("panel").replaceChildren(element("h3", {}, "Glossary"), ...concepts.map(concept));
}

function render() {
  const body = $("aligned").querySelector("tbody");
  body.replaceChildren();
  const sourceFindings = last.findings.filter((f) => f.side === "source");
  const draftFindings = last.findings.filter((f) => f.side === "draft");
  const terms = { source: last.terms.filter((t) => t.side === "source"), draft: last.terms.filter((t) => t.side === "draft") };
  const cell = (indices, sentences, text, findings, side) => {
    if (indices.length === 0) {
      return element("td", { class: "gap" }, side === "source" ? "— added in the draft" : "— not translated");
    }
    const td = element("td");
    for (const i of indices) {
      const s = sentences[i];
      const span = element("span", { class: "sentence", "data-index": i }, ...marked(text, s.start, s.end, findings, terms[side]), " ");
      td.append(span);
      if (side === "source") {
        td.append(element("button", { type: "button", class: "matches", onclick: () => matches(i) }, "matches"));
      }
    }
    return td;
  };
  const rows = last.alignment.length > 0 ? last.alignment
    : last.draft_sentences.map((_, i) => ({ source: [], draft: [i] }));
  for (const bead of rows) {
    body.append(element("tr", {},
      cell(bead.source, last.source_sentences, last.sourceText, sourceFindings, "source"),
      cell(bead.draft, last.draft_sentences, last.draftText, draftFindings, "draft")));
  }
  const list = $("findings");
  list.replaceChildren();
  for (const finding of last.findings) {
    const item = element("li", {},
      element("span", { class: `severity-${finding.severity}` }, finding.severity), " ",
      element("span", { class: "code" }, `${finding.code} ${finding.rule}`), ` ${finding.side} ${finding.line}:${finding.display_column ?? finding.column} — ${finding.message} `);
    if (finding.fix) item.append(element("button", { type: "button", onclick: () => applyFixes([finding]) }, "Apply fix"));
    item.append(" ", element("button", { type: "button", onclick: () => rule(finding.code) }, "About the rule"));
    list.append(item);
  }
  $("fix-all").disabled = !last.findings.some((f) => f.fix && f.side === "draft");
  $("summary").textContent = `${last.source_sentences.length} Russian, ${last.draft_sentences.length} English sentences`;
}

// Applies fixes to the draft (from the end, so earlier offsets stay valid) and checks again.
function applyFixes(findings) {
  if (!last || $("draft").value !== last.draftText) { check(); return; }
  let text = last.draftText;
  const fixes = findings.filter((f) => f.fix && f.side === "draft").map((f) => f.fix).sort((a, b) => b.start - a.start);
  let floor = Infinity;
  for (const fix of fixes) {
    if (fix.end > floor) continue;
    text = text.slice(0, fix.start) + fix.replacement + text.slice(fix.end);
    floor = fix.start;
  }
  $("draft").value = text;
  check();
}

async function explain(finding) {
  const panel = $("panel");
  panel.replaceChildren(element("h3", {}, `${finding.code} ${finding.rule}`), element("p", {}, finding.message));
  if (finding.note) panel.append(element("p", { class: "hint" }, finding.note));
  if (finding.fix) panel.append(element("button", { type: "button", onclick: () => applyFixes([finding]) }, `Replace with “${finding.fix.replacement}”`));
  if (finding.term) {
    const concepts = await api(`/api/glossary?q=${encodeURIComponent(finding.term)}`).catch(() => []);
    panel.append(...concepts.map(concept));
  }
}

function concept(c) {
  const box = element("div", { class: "concept" }, element("h4", {}, c.id + (c.subject ? ` · ${c.subject}` : "")));
  const list = element("ul");
  for (const t of c.terms) list.append(element("li", { lang: t.lang }, `${t.lang} ${t.text} (${t.status})${t.note ? ` — ${t.note}` : ""}`));
  box.append(list);
  if (c.note) box.append(element("p", {}, c.note));
  for (const e of c.examples) box.append(element("p", { class: "hint" }, `${e.fires ? "✓" : "✗"} ${e.text}`));
  return box;
}

async function rule(code) {
  const about = await api(`/api/rule/${encodeURIComponent(code)}`).catch((e) => ({ doc: e.message }));
  $("panel").replaceChildren(element("h3", {}, `${code} ${about.name ?? ""}`), element("pre", { class: "rule" }, about.doc));
}

async function matches(index) {
  const sentence = last.source_sentences[index];
  const panel = $("panel");
  panel.replaceChildren(element("h3", {}, "Memory"), element("p", { lang: "ru" }, sentence.text));
  const found = await api(`/api/search?q=${encodeURIComponent(sentence.text)}`).catch((e) => { panel.append(element("p", {}, e.message)); return []; });
  if (found.length === 0) panel.append(element("p", { class: "hint" }, "No match at 75 % or above."));
  for (const m of found) {
    const changed = m.changes.filter((c) => c.kind === "number").map((c) => `${c.from || "∅"} → ${c.to || "∅"}`);
    const box = element("div", { class: "match" },
      element("span", { class: "score" }, `${m.score} %`), ` ${m.band}`,
      element("p", { lang: "ru" }, m.source), element("p", { lang: "en" }, m.target));
    if (changed.length) box.append(element("p", { class: "changed" }, `numbers: ${changed.join(", ")}`));
    box.append(element("button", { type: "button", onclick: () => take(index, m.target) }, "Use this translation"));
    panel.append(box);
  }
}

// Puts a match's translation in place of the draft sentences aligned with Russian sentence `index`.
function take(index, target) {
  const bead = last.alignment.find((b) => b.source.includes(index));
  let text = last.draftText;
  if (bead && bead.draft.length > 0) {
    const first = last.draft_sentences[bead.draft[0]];
    const lastOne = last.draft_sentences[bead.draft[bead.draft.length - 1]];
    text = text.slice(0, first.start) + target + text.slice(lastOne.end);
  } else {
    text = text.replace(/\s*$/, "") + "\n" + target + "\n";
  }
  $("draft").value = text;
  check();
}

async function concordance(event) {
  event.preventDefault();
  const q = $("concordance").value.trim();
  if (!q) return;
  const hits = await api(`/api/concordance?q=${encodeURIComponent(q)}&in=${$("concordance-in").value}`).catch((e) => { $("lookup").textContent = e.message; return null; });
  if (!hits) return;
  $("lookup").replaceChildren(element("h3", {}, `${hits.length} unit${hits.length === 1 ? "" : "s"}`),
    ...hits.map((h) => element("div", { class: "match" }, element("p", { lang: "ru" }, h.source), element("p", { lang: "en" }, h.target))));
}

async function glossary(event) {
  event.preventDefault();
  const q = $("glossary").value.trim();
  if (!q) return;
  const found = await api(`/api/glossary?q=${encodeURIComponent(q)}`).catch(() => []);
  $("lookup").replaceChildren(element("h3", {}, `${found.length} concept${found.length === 1 ? "" : "s"}`), ...found.map(concept));
}

function download() {
  const blob = new Blob([$("draft").value], { type: "text/plain;charset=utf-8" });
  const link = element("a", { href: URL.createObjectURL(blob), download: "draft.en.txt" });
  document.body.append(link);
  link.click();
  link.remove();
}

async function loadPairs() {
  const pairs = await api("/api/pairs").catch(() => []);
  for (const p of pairs) $("project-pairs").append(element("option", { value: p.draft }, p.source ? `${p.draft} ← ${p.source}` : p.draft));
  const stats = await api("/api/stats").catch(() => null);
  if (stats) $("memory-stats").textContent = `memory: ${stats.units} units`;
}

async function openPair() {
  const draft = $("project-pairs").value;
  if (!draft) return;
  const pair = await api(`/api/pair?draft=${encodeURIComponent(draft)}`).catch((e) => { status(e.message); return null; });
  if (!pair) return;
  $("source").value = pair.source ?? "";
  $("draft").value = pair.draft;
  check();
}

function readFile(input, target) {
  const file = input.files[0];
  if (!file) return;
  file.text().then((text) => { $(target).value = text; check(); });
}

document.addEventListener("DOMContentLoaded", () => {
  $("check").addEventListener("click", check);
  $("fix-all").addEventListener("click", () => last && applyFixes(last.findings));
  $("download").addEventListener("click", download);
  $("draft").addEventListener("input", later);
  $("source").addEventListener("input", later);
  $("project-pairs").addEventListener("change", openPair);
  $("source-file").addEventListener("change", (e) => readFile(e.target, "source"));
  $("draft-file").addEventListener("change", (e) => readFile(e.target, "draft"));
  $("concordance-form").addEventListener("submit", concordance);
  $("glossary-form").addEventListener("submit", glossary);
  document.addEventListener("keydown", (e) => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) check(); });
  loadPairs();
});
