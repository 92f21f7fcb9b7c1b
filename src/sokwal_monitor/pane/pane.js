// The coding pane (sokwal_monitor.pane.CodingPane): the browser half.
// It shows what Python sends (turns, codings, codes, hits, status) and sends back one
// message per action; Python does the action in one store transaction.
// Offsets sent to Python count Unicode code points of the document's stored text.

const h = (tag, attrs = {}, ...kids) => {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "text") el.textContent = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const kid of kids.flat()) if (kid !== null && kid !== undefined) el.append(kid);
  return el;
};
const cp = (s) => { let n = 0; for (const _ of s) n++; return n; };  // code points
const alpha = (hex, a) => hex + Math.round(a * 255).toString(16).padStart(2, "0");
const flat = (s, n = 60) => { const t = s.replace(/\s+/g, " ").trim(); return t.length > n ? t.slice(0, n - 1) + "…" : t; };

const KEYS = [
  ["select text, then 1–9, 0", "code the selection with that code (no selection: the whole turn, on/off)"],
  ["/", "code filter: type letters, Enter codes the selection with the first match"],
  ["j / ↓, k / ↑", "next / previous turn"],
  ["u", "next turn you have not coded"],
  ["a, x", "accept / reject the suggestion shown above the text"],
  ["Ctrl+Z, Ctrl+Y (Ctrl+Shift+Z)", "undo, redo"],
  ["f", "search box"],
  ["Esc", "close a popup, leave a box"],
  ["?", "show or hide this list"],
];

function render({ model, el }) {
  const send = (msg) => model.send(msg);
  let sel = null;          // {start, end, text}: the passage selected, in code points
  let resizing = null;     // a coding id being resized by the next selection
  let collapsed = new Set();
  let turnEls = new Map(); // segment id -> {row, text}
  let turnSig = new Map();
  let turnChars = new Map();
  let pendingHit = null;

  const root = h("div", { class: "skp", tabindex: "0", "data-lm-suppress-shortcuts": "true" });
  el.append(root);

  // -- header -------------------------------------------------------------------------
  const docInfo = h("span", { class: "skp-docinfo" });
  const progress = h("span", { class: "skp-progress" });
  const docPick = h("select", { class: "skp-docpick", title: "Open another document" });
  const coders = h("input", { type: "checkbox" });
  const undoBtn = h("button", { class: "skp-btn", title: "Undo (Ctrl+Z)", onclick: () => send({ action: "undo" }) }, "↶ Undo");
  const redoBtn = h("button", { class: "skp-btn", title: "Redo (Ctrl+Y)", onclick: () => send({ action: "redo" }) }, "↷ Redo");
  const help = h("div", { class: "skp-help", hidden: true },
    h("table", {}, KEYS.map(([k, v]) => h("tr", {}, h("th", { text: k }), h("td", { text: v })))));
  const header = h("div", { class: "skp-head" },
    h("div", { class: "skp-head-row" }, docInfo, progress),
    h("div", { class: "skp-head-row" },
      h("button", { class: "skp-btn", title: "Previous turn (k)", onclick: () => send({ action: "previous" }) }, "◀ Previous"),
      h("button", { class: "skp-btn", title: "Next turn (j)", onclick: () => send({ action: "next" }) }, "Next ▶"),
      h("button", { class: "skp-btn", title: "Next turn you have not coded (u)", onclick: () => send({ action: "next_uncoded" }) }, "Next uncoded"),
      undoBtn, redoBtn, docPick,
      h("label", { class: "skp-check", title: "Also show colleagues' codings that are not open suggestions" }, coders, " every coder"),
      h("button", { class: "skp-btn", title: "Read the store again", onclick: () => send({ action: "refresh" }) }, "⟳"),
      h("button", { class: "skp-btn", title: "Keys", onclick: () => { help.hidden = !help.hidden; } }, "?")),
    help);
  coders.addEventListener("change", () => send({ action: "show_coders", on: coders.checked }));
  docPick.addEventListener("change", () => send({ action: "open_document", doc_id: docPick.value }));

  // -- selection bar, document --------------------------------------------------------
  const selInfo = h("span", { class: "skp-sel" }, "No passage selected.");
  const widen = h("select", { class: "skp-widen", title: "What accepting a suggestion codes" },
    h("option", { value: "span" }, "accept: as suggested"),
    h("option", { value: "sentence" }, "accept: its sentence"),
    h("option", { value: "turn" }, "accept: the whole turn"));
  const sugBox = h("span", { class: "skp-sug" });
  const docEl = h("div", { class: "skp-doc" });
  const main = h("div", { class: "skp-main" },
    h("div", { class: "skp-selbar" }, selInfo),
    h("div", { class: "skp-sugbar" }, sugBox, widen),
    docEl);

  // -- side: code tree, new code, memos, search ---------------------------------------
  const filter = h("input", { class: "skp-filter", type: "text", placeholder: "Filter codes (/), Enter codes" });
  const tree = h("div", { class: "skp-tree", role: "tree" });
  const newName = h("input", { type: "text", placeholder: "name_of_code", class: "skp-in" });
  const newParent = h("select", { class: "skp-in" });
  const newDef = h("input", { type: "text", placeholder: "definition", class: "skp-in" });
  const newForm = h("div", { class: "skp-newcode", hidden: true }, newName, newParent, newDef,
    h("button", { class: "skp-btn", onclick: () => send({ action: "add_code", name: newName.value, parent: newParent.value, definition: newDef.value }) }, "Add code"));
  const segMemo = h("textarea", { class: "skp-memo", rows: 2, placeholder: "Memo on this turn" });
  const docMemo = h("textarea", { class: "skp-memo", rows: 2, placeholder: "Memo on this document" });
  const memoBox = h("details", { class: "skp-memos" }, h("summary", {}, "Memos"),
    segMemo, h("button", { class: "skp-btn", onclick: () => send({ action: "memo", kind: "segment", text: segMemo.value }) }, "Save turn memo"),
    docMemo, h("button", { class: "skp-btn", onclick: () => send({ action: "memo", kind: "document", text: docMemo.value }) }, "Save document memo"));
  const q = h("input", { class: "skp-q", type: "search", placeholder: "Search the store (f)" });
  const lemma = h("input", { type: "checkbox" });
  const fProject = h("select", { class: "skp-in", title: "Project" });
  const fWave = h("select", { class: "skp-in", title: "Wave" });
  const fRole = h("select", { class: "skp-in", title: "Speaker" },
    h("option", { value: "*" }, "every speaker"), h("option", { value: "respondent" }, "respondents"),
    h("option", { value: "interviewer" }, "interviewers"), h("option", { value: "" }, "no role (reports)"));
  const fCoded = h("select", { class: "skp-in", title: "Coded or not" },
    h("option", { value: "*" }, "coded or not"), h("option", { value: "yes" }, "coded"), h("option", { value: "no" }, "not coded"));
  const hitList = h("div", { class: "skp-hits" });
  const hitCode = h("select", { class: "skp-in", title: "Code for all hits" });
  const confirmBox = h("span", { class: "skp-confirm" });
  const doSearch = () => send({ action: "search", query: q.value, lemma: lemma.checked, project_id: fProject.value, wave: fWave.value, role: fRole.value, coded: fCoded.value });
  const searchBox = h("div", { class: "skp-search" },
    h("div", { class: "skp-row" }, q, h("button", { class: "skp-btn", onclick: doSearch }, "Search")),
    h("div", { class: "skp-row" }, h("label", { class: "skp-check", title: "geleerd finds leren" }, lemma, " lemma"), fProject, fWave, fRole, fCoded),
    hitList,
    h("div", { class: "skp-row skp-hitcode" }, hitCode,
      h("button", { class: "skp-btn", onclick: () => askCodeHits() }, "Code all hits…"), confirmBox));
  const side = h("div", { class: "skp-side" },
    h("div", { class: "skp-row" }, filter,
      h("button", { class: "skp-btn", title: "Add a code to the codebook", onclick: () => { newForm.hidden = !newForm.hidden; if (!newForm.hidden) newName.focus(); } }, "+ Code")),
    newForm, tree, memoBox, searchBox);

  const msg = h("div", { class: "skp-msg", role: "status" });
  const pop = h("div", { class: "skp-pop", hidden: true });
  root.append(header, h("div", { class: "skp-body" }, main, side), msg, pop);

  // -- code tree ----------------------------------------------------------------------
  const codeByName = () => new Map(model.get("codes").map((c) => [c.name, c]));
  function drawTree() {
    const codes = model.get("codes");
    const f = filter.value.trim().toLowerCase();
    tree.replaceChildren();
    const hidden = new Set();
    for (const c of codes) {
      if (c.parent && (collapsed.has(c.parent) || hidden.has(c.parent))) hidden.add(c.name);
      if (f ? !c.name.toLowerCase().includes(f) : hidden.has(c.name)) continue;
      const arrow = c.has_children
        ? h("button", { class: "skp-arrow", title: collapsed.has(c.name) ? "Open" : "Close", onclick: (e) => { e.stopPropagation(); collapsed.has(c.name) ? collapsed.delete(c.name) : collapsed.add(c.name); drawTree(); } }, collapsed.has(c.name) ? "▸" : "▾")
        : h("span", { class: "skp-arrow" });
      const row = h("div", { class: "skp-code", role: "treeitem", "data-code": c.name, title: c.definition, style: `padding-left:${0.2 + 1.1 * (f ? 0 : c.depth)}em`, onclick: () => codeWith(c.name) },
        arrow,
        h("span", { class: "skp-swatch", style: `background:${c.color}` }),
        h("span", { class: "skp-label", text: c.name }),
        c.key ? h("kbd", { class: "skp-key", text: c.key }) : null,
        h("span", { class: "skp-count", title: "your codings: this document / all", text: `${c.n_doc}/${c.n_all}` }),
        h("button", { class: "skp-pen", title: "Memo on this code", onclick: (e) => { e.stopPropagation(); codeMemo(c, e); } }, "✎"));
      tree.append(row);
    }
    newParent.replaceChildren(h("option", { value: "" }, "(top level)"), ...codes.map((c) => h("option", { value: c.name }, c.name)));
    const kept = hitCode.value;
    hitCode.replaceChildren(...codes.map((c) => h("option", { value: c.name }, c.name)));
    if (kept) hitCode.value = kept;
  }
  function codeWith(code) {
    if (sel) { send({ action: "code", code, start: sel.start, end: sel.end }); clearSel(); }
    else send({ action: "code", code });
    root.focus();
  }
  filter.addEventListener("input", drawTree);
  filter.addEventListener("keydown", (e) => {
    if (e.key === "Enter") { const first = tree.querySelector(".skp-code"); if (first) { codeWith(first.dataset.code); filter.value = ""; drawTree(); } }
    else if (e.key === "Escape") { filter.value = ""; drawTree(); root.focus(); }
  });
  q.addEventListener("keydown", (e) => { if (e.key === "Enter") doSearch(); else if (e.key === "Escape") root.focus(); });

  // -- the document -------------------------------------------------------------------
  function drawDoc() {
    const turns = model.get("turns");
    docEl.replaceChildren();
    turnEls = new Map(); turnSig = new Map(); turnChars = new Map();
    const frag = document.createDocumentFragment();
    for (const t of turns) {
      const text = h("div", { class: "skp-text", "data-start": t.start });
      text.textContent = t.text;
      const who = h("div", { class: "skp-who" },
        h("span", { class: "skp-speaker", text: t.speaker || (t.role ? t.role : "—") }),
        t.role ? h("span", { class: "skp-role", text: t.role }) : null,
        t.time ? h("span", { class: "skp-time", text: t.time }) : null);
      const row = h("div", { class: "skp-turn" + (t.scope ? "" : " skp-out") + (t.role === "interviewer" ? " skp-iv" : ""), "data-id": t.id }, who, text);
      frag.append(row);
      turnEls.set(t.id, { row, text, turn: t });
    }
    docEl.append(frag);
    drawCodings();
    markCurrent(true);
    showHit();  // a hit in another document: its turns are here only now
    const d = model.get("doc");
    docInfo.textContent = d.path ? `${d.path}  ·  ${d.project_id || "no project"}  ·  ${d.wave || "no wave"}  ·  ${d.kind}` : "No segment matches the filters.";
  }

  function buckets() {
    const turns = model.get("turns");
    const starts = turns.map((t) => t.start);
    const out = new Map();
    for (const c of model.get("codings")) {
      let lo = 0, hi = starts.length;  // first turn with start > c.start, minus one
      while (lo < hi) { const mid = (lo + hi) >> 1; if (starts[mid] <= c.start) lo = mid + 1; else hi = mid; }
      for (let i = Math.max(0, lo - 1); i < turns.length && turns[i].start < c.end; i++) {
        if (turns[i].end <= c.start) continue;
        const id = turns[i].id;
        if (!out.has(id)) out.set(id, []);
        out.get(id).push(c);
      }
    }
    return out;
  }

  function drawCodings() {
    const colours = new Map(model.get("codes").map((c) => [c.name, c.color]));
    const per = buckets();
    for (const [id, { text, turn }] of turnEls) {
      const cs = per.get(id) || [];
      const sig = cs.map((c) => `${c.id}|${c.open}|${c.memo}`).join(",");
      if (turnSig.get(id) === sig) continue;
      turnSig.set(id, sig);
      drawTurn(text, turn, cs, colours);
    }
    drawSuggestion();
  }

  function drawTurn(el, turn, cs, colours) {
    if (!cs.length) { el.textContent = turn.text; return; }
    const chars = Array.from(turn.text);
    const n = chars.length;
    const cuts = new Set([0, n]);
    const spans = cs.map((c) => {
      const a = Math.min(Math.max(c.start - turn.start, 0), n), b = Math.min(Math.max(c.end - turn.start, 0), n);
      cuts.add(a); cuts.add(b);
      return [a, b, c];
    });
    const pts = [...cuts].sort((x, y) => x - y);
    el.replaceChildren();
    for (let i = 0; i + 1 < pts.length; i++) {
      const a = pts[i], b = pts[i + 1];
      const piece = chars.slice(a, b).join("");
      const over = spans.filter(([s, e]) => s <= a && b <= e && s < e).map(([, , c]) => c);
      if (!over.length) { el.append(piece); continue; }
      const own = over.filter((c) => c.mine), sugg = over.filter((c) => !c.mine && c.open), other = over.filter((c) => !c.mine && !c.open);
      const style = [];
      if (own.length === 1) style.push(`background:${alpha(colours.get(own[0].code) || "#888888", 0.33)}`);
      else if (own.length > 1) {
        const step = 100 / own.length;
        style.push("background:linear-gradient(to bottom," + own.map((c, k) => `${alpha(colours.get(c.code) || "#888888", 0.4)} ${k * step}% ${(k + 1) * step}%`).join(",") + ")");
      }
      if (sugg.length) style.push(`border-bottom:2px dashed ${colours.get(sugg[0].code) || "#b58900"}`);
      else if (other.length) style.push(`border-bottom:2px dotted ${colours.get(other[0].code) || "#666666"}`);
      const title = over.map((c) => `${c.code} · ${c.mine ? "you" : c.coder} · ${c.origin}${c.score !== null ? (c.origin === "model" ? ` p=${c.score.toFixed(2)}` : ` ×${c.score}`) : ""}${c.open ? " · suggestion" : ""}${c.memo ? " — " + c.memo : ""}`).join("\n");
      el.append(h("span", { class: "skp-hl" + (own.length ? " skp-own" : "") + (sugg.length ? " skp-sugg" : "") + (other.length ? " skp-other" : ""), style: style.join(";"), title, "data-c": over.map((c) => c.id).join(" ") }, piece));
    }
  }

  function markCurrent(scroll) {
    const cur = model.get("current");
    for (const old of docEl.querySelectorAll(".skp-cur")) old.classList.remove("skp-cur");
    const t = turnEls.get(cur);
    if (t) {
      t.row.classList.add("skp-cur");
      if (scroll) t.row.scrollIntoView({ block: "nearest" });
    }
    const s = model.get("status");
    progress.textContent = s.position ? `turn ${s.position} of ${s.n_segments} in scope · ${s.progress}` : (s.progress || "");
    drawSuggestion();
  }

  // the first open suggestion on the current turn, with accept / reject
  function currentSuggestion() {
    const t = turnEls.get(model.get("current"));
    if (!t) return null;
    return model.get("codings").find((c) => c.open && c.start < t.turn.end && c.end > t.turn.start) || null;
  }
  function drawSuggestion() {
    const c = currentSuggestion();
    sugBox.replaceChildren();
    if (!c) { sugBox.append(h("span", { class: "skp-dim", text: "No open suggestion on this turn." })); return; }
    const how = c.origin === "model" && c.score !== null ? ` p=${c.score.toFixed(2)}` : "";
    sugBox.append(
      h("span", { class: "skp-sugtext", title: c.memo || "" }, "Suggestion: ", h("b", { text: c.code }), ` · ${c.coder}${how}`),
      h("button", { class: "skp-btn skp-accept", title: "Accept (a)", onclick: () => accept(c) }, "✓ Accept"),
      h("button", { class: "skp-btn skp-reject", title: "Reject (x): recorded, not shown again", onclick: () => reject(c) }, "✗ Reject"));
  }
  const accept = (c, how) => send({ action: "accept", id: c.id, widen: how || widen.value });
  const reject = (c) => send({ action: "reject", id: c.id });

  // -- selection -> offsets -----------------------------------------------------------
  function pointOf(node, offset) {
    // the absolute offset (code points) of a DOM point inside a turn's text, or null
    const elm = node.nodeType === 1 ? node : node.parentElement;
    const text = elm && elm.closest(".skp-text");
    if (!text || !docEl.contains(text)) {
      const row = elm && elm.closest(".skp-turn");
      if (!row) return null;
      const t = turnEls.get(row.dataset.id).turn;
      return { abs: t.start, turn: t };  // in the speaker line: the turn's start
    }
    const r = document.createRange();
    r.setStart(text, 0);
    r.setEnd(node, offset);
    const t = turnEls.get(text.parentElement.dataset.id).turn;
    return { abs: t.start + cp(r.toString()), turn: t };
  }
  function charAt(abs) {
    for (const { turn } of turnEls.values()) {
      if (turn.start <= abs && abs < turn.end) {
        let chars = turnChars.get(turn.id);
        if (!chars) { chars = Array.from(turn.text); turnChars.set(turn.id, chars); }
        return chars[abs - turn.start];
      }
    }
    return " ";
  }
  function readSelection() {
    const s = window.getSelection();
    if (!s || s.rangeCount === 0 || s.isCollapsed) return null;
    const r = s.getRangeAt(0);
    if (!docEl.contains(r.commonAncestorContainer)) return null;
    const a = pointOf(r.startContainer, r.startOffset), b = pointOf(r.endContainer, r.endOffset);
    if (!a || !b) return null;
    let start = a.abs, end = b.abs;
    while (start < end && /\s/.test(charAt(start))) start++;
    while (end > start && /\s/.test(charAt(end - 1))) end--;
    if (start >= end) return null;
    return { start, end, text: s.toString() };
  }
  function clearSel() {
    sel = null;
    selInfo.textContent = "No passage selected.";
    selInfo.classList.remove("skp-has");
    window.getSelection()?.removeAllRanges();
  }
  docEl.addEventListener("mouseup", (e) => {
    const found = readSelection();
    if (found) {
      sel = found;
      if (resizing) { send({ action: "resize", id: resizing, start: sel.start, end: sel.end }); resizing = null; clearSel(); return; }
      selInfo.textContent = `Selected «${flat(sel.text)}» (${sel.start}–${sel.end}): press a code or its key`;
      selInfo.classList.add("skp-has");
      return;
    }
    sel = null;
    selInfo.textContent = "No passage selected.";
    selInfo.classList.remove("skp-has");
    const hl = e.target.closest && e.target.closest(".skp-hl");
    const row = e.target.closest && e.target.closest(".skp-turn");
    if (hl) openPop(hl.dataset.c.split(" "), e);
    else if (row && row.dataset.id !== model.get("current")) send({ action: "goto", id: row.dataset.id });
  });

  // -- popups: a highlight's codings, a code's memo -----------------------------------
  function place(e) {
    const box = root.getBoundingClientRect();
    pop.style.left = `${Math.max(0, Math.min(e.clientX - box.left, box.width - 340))}px`;
    pop.style.top = `${e.clientY - box.top + 12}px`;
    pop.hidden = false;
  }
  function openPop(ids, e) {
    const byId = new Map(model.get("codings").map((c) => [c.id, c]));
    pop.replaceChildren(h("button", { class: "skp-close", title: "Close (Esc)", onclick: () => { pop.hidden = true; } }, "×"));
    for (const id of ids) {
      const c = byId.get(id);
      if (!c) continue;
      const head = h("div", { class: "skp-pophead" }, h("b", { text: c.code }), ` · ${c.mine ? "you" : c.coder} · ${c.origin}` + (c.score !== null ? ` · ${c.origin === "model" ? "p=" + c.score.toFixed(2) : "×" + c.score}` : ""));
      const item = h("div", { class: "skp-popitem" }, head);
      if (c.mine) {
        const memo = h("textarea", { class: "skp-memo", rows: 2, placeholder: "Memo on this coding" });
        memo.value = c.memo;
        item.append(memo, h("div", { class: "skp-row" },
          h("button", { class: "skp-btn", onclick: () => { send({ action: "memo", kind: "coding", id: c.id, text: memo.value }); pop.hidden = true; } }, "Save memo"),
          h("button", { class: "skp-btn", title: "Select the new passage next", onclick: () => { resizing = c.id; pop.hidden = true; msg.textContent = `Select the new passage for '${c.code}': it is changed when you release the mouse (Esc: cancel).`; } }, "Resize…"),
          h("button", { class: "skp-btn skp-danger", onclick: () => { send({ action: "remove", id: c.id }); pop.hidden = true; } }, "Remove")));
      } else {
        if (c.memo) item.append(h("div", { class: "skp-dim", text: c.memo }));
        if (c.open) item.append(h("div", { class: "skp-row" },
          h("button", { class: "skp-btn skp-accept", onclick: () => { accept(c, "span"); pop.hidden = true; } }, "✓ Accept"),
          h("button", { class: "skp-btn", onclick: () => { accept(c, "sentence"); pop.hidden = true; } }, "✓ sentence"),
          h("button", { class: "skp-btn", onclick: () => { accept(c, "turn"); pop.hidden = true; } }, "✓ turn"),
          h("button", { class: "skp-btn skp-reject", onclick: () => { reject(c); pop.hidden = true; } }, "✗ Reject")));
      }
      pop.append(item);
    }
    place(e);
  }
  function codeMemo(c, e) {
    const memo = h("textarea", { class: "skp-memo", rows: 3, placeholder: `Memo on code ${c.name}` });
    pop.replaceChildren(h("button", { class: "skp-close", onclick: () => { pop.hidden = true; } }, "×"),
      h("div", { class: "skp-pophead" }, h("b", { text: c.name }), h("div", { class: "skp-dim", text: c.definition })),
      memo, h("button", { class: "skp-btn", onclick: () => { send({ action: "memo", kind: "code", code: c.name, text: memo.value }); pop.hidden = true; } }, "Save memo"));
    pendingCodeMemo = memo;
    send({ action: "memo_read", kind: "code", code: c.name });
    place(e);
  }
  let pendingCodeMemo = null;

  // -- search hits --------------------------------------------------------------------
  function drawHits() {
    const hits = model.get("hits");
    hitList.replaceChildren();
    confirmBox.replaceChildren();
    if (!hits.rows) return;
    if (!hits.rows.length && hits.query) hitList.append(h("div", { class: "skp-dim", text: "No hits." }));
    for (const r of hits.rows) {
      // whole words only: a context cut mid-word starts (or ends) at the next space, with …
      let before = r.before.replace(/\s+/g, " "), after = r.after.replace(/\s+/g, " ");
      if (before.length >= 50 && before.indexOf(" ") > 0) before = "…" + before.slice(before.indexOf(" "));
      if (after.length >= 50 && after.lastIndexOf(" ") > 0) after = after.slice(0, after.lastIndexOf(" ")) + " …";
      const name = r.path.split("/").pop();
      hitList.append(h("div", { class: "skp-hit", title: r.path, onclick: () => { pendingHit = r; send({ action: "goto", id: r.segment_id }); } },
        h("div", { class: "skp-hitwhere", text: r.role ? `${name} · ${r.role}` : name }),
        h("div", { class: "skp-kwic" },
          h("span", { class: "skp-before" }, h("span", { text: before })),
          h("b", { class: "skp-hitword", text: r.hit }),
          h("span", { class: "skp-after", text: after }))));
    }
  }
  function askCodeHits() {
    const rows = (model.get("hits").rows || []).length;
    if (!rows) { msg.textContent = "Search first: there are no hits to code."; return; }
    confirmBox.replaceChildren(`Code ${rows} hits as '${hitCode.value}'? `,
      h("button", { class: "skp-btn skp-yes", onclick: () => { send({ action: "code_hits", code: hitCode.value }); confirmBox.replaceChildren(); } }, "Yes"),
      h("button", { class: "skp-btn", onclick: () => confirmBox.replaceChildren() }, "No"));
  }
  function showHit() {
    if (!pendingHit) return;
    const r = pendingHit;
    const t = turnEls.get(r.segment_id);
    if (!t) return;
    pendingHit = null;
    t.row.scrollIntoView({ block: "center" });
    // select the hit, so that a code key codes it at once
    const walker = document.createTreeWalker(t.text, NodeFilter.SHOW_TEXT);
    const want = [r.start - t.turn.start, r.end - t.turn.start];
    const pts = [];
    let seen = 0, node;
    while ((node = walker.nextNode())) {
      const chars = Array.from(node.data);
      for (const [k, w] of want.entries()) {
        if (pts[k] === undefined && w <= seen + chars.length) pts[k] = [node, chars.slice(0, w - seen).join("").length];
      }
      seen += chars.length;
    }
    if (pts[0] && pts[1]) {
      const range = document.createRange();
      range.setStart(...pts[0]); range.setEnd(...pts[1]);
      const s = window.getSelection(); s.removeAllRanges(); s.addRange(range);
      sel = { start: r.start, end: r.end, text: r.hit };
      selInfo.textContent = `Selected «${flat(r.hit)}» (${r.start}–${r.end}): press a code or its key`;
      selInfo.classList.add("skp-has");
    }
    root.focus({ preventScroll: true });
  }

  // -- keyboard: never reaches JupyterLab while the pane has focus ---------------------
  root.addEventListener("keydown", (e) => {
    e.stopPropagation();
    const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement;
    if (e.key === "Escape") { pop.hidden = true; resizing = null; help.hidden = true; if (typing) root.focus(); return; }
    if (typing) return;
    const ctrl = e.ctrlKey || e.metaKey;
    const key = e.key;
    const done = () => e.preventDefault();
    if (ctrl && (key === "z" || key === "Z")) { send({ action: e.shiftKey ? "redo" : "undo" }); return done(); }
    if (ctrl && (key === "y" || key === "Y")) { send({ action: "redo" }); return done(); }
    if (ctrl || e.altKey) return;
    if (key === "j" || key === "ArrowDown") { send({ action: "next" }); return done(); }
    if (key === "k" || key === "ArrowUp") { send({ action: "previous" }); return done(); }
    if (key === "u") { send({ action: "next_uncoded" }); return done(); }
    if (key === "a") { const c = currentSuggestion(); if (c) accept(c); return done(); }
    if (key === "x") { const c = currentSuggestion(); if (c) reject(c); return done(); }
    if (key === "/") { filter.focus(); return done(); }
    if (key === "f") { q.focus(); return done(); }
    if (key === "?") { help.hidden = !help.hidden; return done(); }
    const code = model.get("codes").find((c) => c.key && c.key === key);
    if (code) { codeWith(code.name); return done(); }
  });
  // a key press on the pane also must not reach the notebook's handlers on the way up
  for (const type of ["keyup", "keypress"]) root.addEventListener(type, (e) => e.stopPropagation());

  // -- model changes ------------------------------------------------------------------
  function drawStatus() {
    const s = model.get("status");
    if (s.message !== undefined) {
      msg.textContent = s.message;
      msg.classList.toggle("skp-error", !!s.error);
    }
    undoBtn.disabled = !s.can_undo;
    redoBtn.disabled = !s.can_redo;
    root.dataset.seq = s.seq;
    markCurrent(false);
    showHit();
  }
  function drawDocs() {
    docPick.replaceChildren(...model.get("documents").map((d) => h("option", { value: d.doc_id }, `${d.path} (${d.n})`)));
    docPick.value = model.get("doc").doc_id || "";
  }
  function drawFilters() {
    const f = model.get("filters");
    fProject.replaceChildren(h("option", { value: "*" }, "every project"), ...(f.projects || []).map((p) => h("option", { value: p }, p)));
    fWave.replaceChildren(h("option", { value: "*" }, "every wave"), ...(f.waves || []).map((w) => h("option", { value: w }, w)));
  }
  function drawMemos() {
    const m = model.get("memos");
    segMemo.value = m.segment || "";
    docMemo.value = m.document || "";
    if (pendingCodeMemo && m.code !== undefined) { pendingCodeMemo.value = m.code; pendingCodeMemo = null; }
  }

  const on = (name, fn) => model.on(`change:${name}`, fn);
  on("turns", drawDoc);
  on("doc", () => { docPick.value = model.get("doc").doc_id || ""; });
  on("codings", drawCodings);
  on("codes", () => { drawTree(); drawCodings(); });
  on("current", () => { markCurrent(true); showHit(); });
  on("status", drawStatus);
  on("hits", drawHits);
  on("memos", drawMemos);
  on("documents", drawDocs);
  on("filters", drawFilters);
  drawFilters(); drawDocs(); drawTree(); drawDoc(); drawHits(); drawMemos(); drawStatus();
  return () => { root.remove(); };
}

export default { render };
