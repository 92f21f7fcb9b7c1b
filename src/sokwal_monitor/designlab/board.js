(function () {
  "use strict";
  // The sorting board: cards from the embedded card set, groups made by dragging.
  // Pointer events (mouse, pen and touch alike); the state is saved in localStorage
  // after every change and exported as the board JSON of docs/designlab.md.
  var SET = JSON.parse(document.getElementById("cardset").textContent);
  var CARDS = {}, ORDER = [];
  SET.cards.forEach(function (c) { CARDS[c.card_id] = c; ORDER.push(c.card_id); });
  var PALETTE = ["#f6c85f", "#9dd866", "#6fb7d6", "#f4a3a8", "#ffa056", "#8cc5b6",
                 "#c9a7e0", "#dddddd"];
  var PREFIX = "sokwal-board:" + SET.set_id + ":";
  var INDEX = PREFIX;  // the list of this set's boards and the last one opened
  var MAX_UNDO = 200;
  var $ = function (id) { return document.getElementById(id); };
  var pileEl = $("pile-cards"), boardEl = $("board"), statusEl = $("status");
  var nameEl = $("board-name"), boardsEl = $("boards"), undoEl = $("undo");
  var copyEl = $("copy-mode");
  var state = null, history = [], copyMode = false;

  function fresh(name) {
    return {board: name, groups: [], pile: ORDER.slice(), next: 1};
  }
  function storage() {
    try { return window.localStorage; } catch (e) { return null; }
  }
  function readIndex() {
    var s = storage(), raw = s && s.getItem(INDEX);
    try {
      var index = raw ? JSON.parse(raw) : null;
      if (index && Array.isArray(index.boards)) return index;
    } catch (e) { /* a damaged index starts afresh */ }
    return {boards: [], last: ""};
  }
  function writeIndex(index) {
    var s = storage();
    if (s) s.setItem(INDEX, JSON.stringify(index));
  }
  function say(text, bad) {
    statusEl.textContent = text;
    statusEl.className = bad ? "bad" : "";
  }
  function save() {
    var s = storage();
    if (!s) { say("Let op: deze browser bewaart niets; exporteer het bord.", true); return; }
    try {
      s.setItem(PREFIX + state.board, JSON.stringify(state));
      var index = readIndex();
      if (index.boards.indexOf(state.board) < 0) index.boards.push(state.board);
      index.last = state.board;
      writeIndex(index);
      var now = new Date();
      say("Bewaard in deze browser om " + pad(now.getHours()) + ":" + pad(now.getMinutes()) +
          ":" + pad(now.getSeconds()));
    } catch (e) {
      say("Bewaren lukt niet (" + e.name + "); exporteer het bord.", true);
    }
  }
  function pad(n) { return (n < 10 ? "0" : "") + n; }

  // -- checking a board (from storage or a file) ----------------------------------
  function clean(data) {
    // A board object as the board uses it, or throws an Error saying what is wrong.
    if (!data || typeof data !== "object") throw new Error("geen bord");
    if (!Array.isArray(data.groups) || !Array.isArray(data.pile)) throw new Error("geen bord");
    var seen = {}, groups = [], next = 1;
    data.groups.forEach(function (g, i) {
      if (!g || typeof g !== "object" || !Array.isArray(g.cards)) throw new Error("groep " + (i + 1));
      var id = String(g.group_id || ("g" + (i + 1)));
      if (seen[id]) throw new Error("groep " + id + " staat er twee keer in");
      seen[id] = true;
      var m = /^g(\d+)$/.exec(id);
      if (m) next = Math.max(next, Number(m[1]) + 1);
      var cards = [];
      g.cards.forEach(function (c) {
        c = String(c);
        if (!CARDS[c]) throw new Error("kaart " + c + " hoort niet bij deze kaartenset");
        if (cards.indexOf(c) < 0) cards.push(c);
      });
      var colour = /^#[0-9a-fA-F]{6}$/.test(String(g.colour)) ? String(g.colour) : PALETTE[0];
      groups.push({group_id: id, name: String(g.name || "").slice(0, 120), colour: colour,
                   x: Math.max(0, Math.min(5000, Number(g.x) || 0)),
                   y: Math.max(0, Math.min(5000, Number(g.y) || 0)),
                   votes: Math.max(0, Math.min(999, Math.floor(Number(g.votes) || 0))),
                   note: String(g.note || "").slice(0, 5000), cards: cards});
    });
    var placed = {};
    groups.forEach(function (g) { g.cards.forEach(function (c) { placed[c] = true; }); });
    var pile = [];
    data.pile.forEach(function (c) {
      c = String(c);
      if (!CARDS[c]) throw new Error("kaart " + c + " hoort niet bij deze kaartenset");
      if (!placed[c] && pile.indexOf(c) < 0) pile.push(c);
    });
    ORDER.forEach(function (c) { if (!placed[c] && pile.indexOf(c) < 0) pile.push(c); });
    var name = String(data.board || "bord").trim().slice(0, 80) || "bord";
    return {board: name, groups: groups, pile: pile,
            next: Math.max(next, Number(data.next) || 1)};
  }
  function load(name) {
    var s = storage(), raw = s && s.getItem(PREFIX + name);
    if (raw) {
      try { return clean(JSON.parse(raw)); } catch (e) {
        say("Het bewaarde bord '" + name + "' is beschadigd; een leeg bord is geopend.", true);
      }
    }
    return fresh(name);
  }

  // -- changes and undo ---------------------------------------------------------------
  function change(fn) {
    var before = JSON.stringify(state);
    fn();
    if (JSON.stringify(state) === before) { render(); return; }
    history.push(before);
    if (history.length > MAX_UNDO) history.shift();
    save();
    render();
  }
  function undo() {
    if (!history.length) return;
    state = JSON.parse(history.pop());
    save();
    render();
    say("Ongedaan gemaakt; nog " + history.length + " stap(pen) terug mogelijk.");
  }
  function group(id) {
    for (var i = 0; i < state.groups.length; i++) {
      if (state.groups[i].group_id === id) return state.groups[i];
    }
    return null;
  }
  function inSomeGroup(cardId) {
    return state.groups.some(function (g) { return g.cards.indexOf(cardId) >= 0; });
  }
  function takeFrom(from, cardId) {
    if (from === "pile") {
      state.pile = state.pile.filter(function (c) { return c !== cardId; });
    } else {
      var g = group(from);
      if (g) g.cards = g.cards.filter(function (c) { return c !== cardId; });
      if (!inSomeGroup(cardId) && state.pile.indexOf(cardId) < 0) state.pile.unshift(cardId);
    }
  }
  function newGroup(x, y) {
    var n = state.groups.length;
    var g = {group_id: "g" + state.next, name: "", colour: PALETTE[n % PALETTE.length],
             x: Math.round(x), y: Math.round(y), votes: 0, note: "", cards: []};
    state.next += 1;
    state.groups.push(g);
    return g;
  }
  function freeSpot() {
    var n = state.groups.length, perRow = Math.max(1, Math.floor((boardEl.clientWidth - 20) / 290));
    return {x: 20 + (n % perRow) * 290, y: 20 + Math.floor(n / perRow) * 330};
  }
  function moveCard(cardId, from, to, copy, at) {
    change(function () {
      if (to === "pile") {
        if (from !== "pile") {
          var g = group(from);
          if (g) g.cards = g.cards.filter(function (c) { return c !== cardId; });
          if (!inSomeGroup(cardId) && state.pile.indexOf(cardId) < 0) state.pile.unshift(cardId);
        }
        return;
      }
      var target = to === "new" ? newGroup(at.x, at.y) : group(to);
      if (!target || to === from) return;
      if (target.cards.indexOf(cardId) < 0) target.cards.push(cardId);
      if (from === "pile" || !copy) takeFrom(from, cardId);
    });
  }

  // -- rendering ------------------------------------------------------------------------
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function cardEl(cardId, where) {
    var c = CARDS[cardId];
    var e = el("div", "card" + (where === "pile" ? " in-pile" : ""));
    e.setAttribute("data-card", cardId);
    e.setAttribute("data-from", where);
    var head = el("div", "card-head");
    head.appendChild(el("b", "cid", cardId));
    head.appendChild(el("span", "meta", c.meta));
    if (where !== "pile") {
      var more = el("button", "more", "⋯");
      more.type = "button";
      more.title = "Kopiëren naar een andere groep, of terug naar de stapel";
      more.setAttribute("aria-label", "Menu van kaart " + cardId);
      more.addEventListener("click", function (ev) { ev.stopPropagation(); cardMenu(more, cardId, where); });
      head.appendChild(more);
    }
    e.appendChild(head);
    e.appendChild(el("p", "text", c.text + (c.cut ? " …" : "")));
    e.addEventListener("pointerdown", startCardDrag);
    return e;
  }
  function render() {
    nameEl.value = state.board;
    undoEl.disabled = !history.length;
    $("pile-count").textContent = String(state.pile.length);
    pileEl.textContent = "";
    state.pile.forEach(function (c) { pileEl.appendChild(cardEl(c, "pile")); });
    if (!state.pile.length) pileEl.appendChild(el("p", "empty", "Alle kaarten liggen in een groep."));
    boardEl.textContent = "";
    if (!state.groups.length) {
      boardEl.appendChild(el("p", "hint", "Sleep een kaart hierheen om een groep te maken."));
    }
    state.groups.forEach(function (g) { boardEl.appendChild(groupEl(g)); });
    var boards = readIndex().boards.slice();
    if (boards.indexOf(state.board) < 0) boards.push(state.board);
    boardsEl.textContent = "";
    boards.sort().forEach(function (b) {
      var o = el("option", "", b);
      o.value = b;
      o.selected = b === state.board;
      boardsEl.appendChild(o);
    });
    var o = el("option", "", "+ nieuw bord");
    o.value = "\u0000new";
    boardsEl.appendChild(o);
  }
  function groupEl(g) {
    var e = el("section", "group");
    e.setAttribute("data-group", g.group_id);
    e.style.left = g.x + "px";
    e.style.top = g.y + "px";
    e.style.borderColor = g.colour;
    var head = el("div", "group-head");
    head.style.background = g.colour;
    head.addEventListener("pointerdown", startGroupDrag);
    var grip = el("span", "grip", "⠿");
    grip.title = "Groep verplaatsen: hier vastpakken en slepen";
    head.appendChild(grip);
    var name = el("input", "group-name");
    name.type = "text";
    name.value = g.name;
    name.placeholder = "Naam van de groep";
    name.maxLength = 120;
    name.setAttribute("aria-label", "Naam van de groep");
    editable(name, function (v) { g.name = v; });
    head.appendChild(name);
    var del = el("button", "delete", "✕");
    del.type = "button";
    del.title = "Groep opheffen (de kaarten gaan terug naar de stapel)";
    del.setAttribute("aria-label", "Groep opheffen");
    del.addEventListener("click", function () {
      change(function () {
        state.groups = state.groups.filter(function (x) { return x.group_id !== g.group_id; });
        g.cards.slice().reverse().forEach(function (c) {
          if (!inSomeGroup(c) && state.pile.indexOf(c) < 0) state.pile.unshift(c);
        });
      });
    });
    head.appendChild(del);
    e.appendChild(head);
    var votes = el("div", "votes");
    var minus = el("button", "vote-minus", "−");
    minus.type = "button";
    minus.title = "Stip eraf";
    minus.setAttribute("aria-label", "Stip eraf");
    minus.disabled = !g.votes;
    minus.addEventListener("click", function () { change(function () { g.votes = Math.max(0, g.votes - 1); }); });
    var plus = el("button", "vote-plus", "+ stip");
    plus.type = "button";
    plus.title = "Stem op deze groep (een stip)";
    plus.addEventListener("click", function () { change(function () { g.votes += 1; }); });
    var dots = el("span", "dots", g.votes ? new Array(Math.min(g.votes, 12) + 1).join("●") +
                  (g.votes > 12 ? "+" : "") : "");
    dots.title = g.votes + " stip(pen)";
    var count = el("span", "vote-count", String(g.votes));
    votes.appendChild(minus);
    votes.appendChild(plus);
    votes.appendChild(dots);
    votes.appendChild(count);
    e.appendChild(votes);
    var list = el("div", "group-cards");
    g.cards.forEach(function (c) { list.appendChild(cardEl(c, g.group_id)); });
    if (!g.cards.length) list.appendChild(el("p", "empty", "Sleep kaarten hierheen."));
    e.appendChild(list);
    var note = el("textarea", "note");
    note.value = g.note;
    note.placeholder = "Notitie bij deze groep";
    note.rows = 2;
    note.setAttribute("aria-label", "Notitie bij de groep");
    editable(note, function (v) { g.note = v; });
    e.appendChild(note);
    var swatches = el("div", "swatches");
    PALETTE.forEach(function (colour) {
      var b = el("button", "swatch" + (colour === g.colour ? " chosen" : ""));
      b.type = "button";
      b.style.background = colour;
      b.title = "Kleur " + colour;
      b.setAttribute("aria-label", "Kleur " + colour);
      b.addEventListener("click", function () { change(function () { g.colour = colour; }); });
      swatches.appendChild(b);
    });
    e.appendChild(swatches);
    return e;
  }
  function editable(input, set) {
    // typing saves at once; one undo step per edit (from focus to leaving the field)
    var before = null;
    input.addEventListener("focus", function () { before = JSON.stringify(state); });
    input.addEventListener("input", function () { set(input.value); save(); });
    input.addEventListener("change", function () {
      if (before !== null && before !== JSON.stringify(state)) {
        history.push(before);
        if (history.length > MAX_UNDO) history.shift();
        undoEl.disabled = false;
      }
      before = JSON.stringify(state);
    });
  }

  // -- the card menu: copy to a group, back to the pile ----------------------------------
  var menuEl = null;
  function closeMenu() {
    if (menuEl) { menuEl.remove(); menuEl = null; }
  }
  function cardMenu(button, cardId, from) {
    closeMenu();
    menuEl = el("div", "menu");
    menuEl.setAttribute("role", "menu");
    menuEl.appendChild(el("p", "menu-title", "Kaart " + cardId));
    state.groups.forEach(function (g) {
      if (g.group_id === from || g.cards.indexOf(cardId) >= 0) return;
      var b = el("button", "", "Kopieer naar " + (g.name || "groep zonder naam (" + g.group_id + ")"));
      b.type = "button";
      b.setAttribute("data-copy-to", g.group_id);
      b.addEventListener("click", function () { closeMenu(); moveCard(cardId, from, g.group_id, true); });
      menuEl.appendChild(b);
    });
    var pile = el("button", "", "Uit deze groep halen");
    pile.type = "button";
    pile.addEventListener("click", function () { closeMenu(); moveCard(cardId, from, "pile", false); });
    menuEl.appendChild(pile);
    document.body.appendChild(menuEl);
    var box = button.getBoundingClientRect();
    menuEl.style.left = Math.min(box.left, window.innerWidth - 260) + "px";
    menuEl.style.top = (box.bottom + 4) + "px";
  }
  document.addEventListener("pointerdown", function (ev) {
    if (menuEl && !menuEl.contains(ev.target)) closeMenu();
  });

  // -- dragging cards and groups with pointer events ------------------------------------------
  var drag = null;
  function startCardDrag(ev) {
    if (ev.button !== 0 || ev.target.closest("button")) return;
    var card = ev.currentTarget;
    drag = {kind: "card", el: card, id: ev.pointerId, x0: ev.clientX, y0: ev.clientY,
            card: card.getAttribute("data-card"), from: card.getAttribute("data-from"),
            ghost: null, moved: false};
    card.setPointerCapture(ev.pointerId);
    card.addEventListener("pointermove", onMove);
    card.addEventListener("pointerup", onUp);
    card.addEventListener("pointercancel", onCancel);
  }
  function startGroupDrag(ev) {
    if (ev.button !== 0 || ev.target.closest("input, button, textarea")) return;
    var head = ev.currentTarget, box = head.parentNode;
    drag = {kind: "group", el: head, box: box, id: ev.pointerId, x0: ev.clientX, y0: ev.clientY,
            group: box.getAttribute("data-group"), left: box.offsetLeft, top: box.offsetTop,
            moved: false};
    head.setPointerCapture(ev.pointerId);
    head.addEventListener("pointermove", onMove);
    head.addEventListener("pointerup", onUp);
    head.addEventListener("pointercancel", onCancel);
    ev.preventDefault();
  }
  function onMove(ev) {
    if (!drag || ev.pointerId !== drag.id) return;
    var dx = ev.clientX - drag.x0, dy = ev.clientY - drag.y0;
    if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 6) return;
    if (!drag.moved) {
      drag.moved = true;
      if (drag.kind === "card") {
        var box = drag.el.getBoundingClientRect();
        drag.dx = drag.x0 - box.left;
        drag.dy = drag.y0 - box.top;
        drag.ghost = drag.el.cloneNode(true);
        drag.ghost.classList.add("ghost");
        drag.ghost.style.width = box.width + "px";
        document.body.appendChild(drag.ghost);
        drag.el.classList.add("dragging");
      } else {
        drag.box.classList.add("moving");
      }
    }
    if (drag.kind === "card") {
      drag.ghost.style.left = (ev.clientX - drag.dx) + "px";
      drag.ghost.style.top = (ev.clientY - drag.dy) + "px";
      highlight(target(ev.clientX, ev.clientY));
    } else {
      drag.box.style.left = Math.max(0, drag.left + dx) + "px";
      drag.box.style.top = Math.max(0, drag.top + dy) + "px";
    }
    ev.preventDefault();
  }
  function target(x, y) {
    var hit = document.elementFromPoint(x, y);
    if (!hit) return null;
    var g = hit.closest(".group");
    if (g) return {to: g.getAttribute("data-group"), el: g};
    if (hit.closest("#pile")) return {to: "pile", el: $("pile")};
    if (hit.closest("#board")) {
      var b = boardEl.getBoundingClientRect();
      return {to: "new", el: boardEl,
              at: {x: Math.max(0, x - b.left + boardEl.scrollLeft - 40),
                   y: Math.max(0, y - b.top + boardEl.scrollTop - 20)}};
    }
    return null;
  }
  var lit = null;
  function highlight(t) {
    var e = t ? t.el : null;
    if (lit === e) return;
    if (lit) lit.classList.remove("drop");
    lit = e;
    if (lit) lit.classList.add("drop");
  }
  function finish() {
    if (!drag) return null;
    var d = drag;
    drag = null;
    d.el.removeEventListener("pointermove", onMove);
    d.el.removeEventListener("pointerup", onUp);
    d.el.removeEventListener("pointercancel", onCancel);
    if (d.ghost) d.ghost.remove();
    d.el.classList.remove("dragging");
    highlight(null);
    return d;
  }
  function onUp(ev) {
    if (!drag || ev.pointerId !== drag.id) return;
    var d = finish();
    if (!d.moved) return;
    if (d.kind === "group") {
      var g = group(d.group);
      var left = d.box.offsetLeft, top = d.box.offsetTop;
      change(function () { if (g) { g.x = left; g.y = top; } });
      return;
    }
    var t = target(ev.clientX, ev.clientY);
    if (!t) { render(); return; }
    var copy = copyMode || ev.altKey || ev.ctrlKey || ev.metaKey || ev.shiftKey;
    moveCard(d.card, d.from, t.to, copy, t.at);
  }
  function onCancel(ev) {
    if (!drag || ev.pointerId !== drag.id) return;
    finish();
    render();
  }

  // -- export and import ------------------------------------------------------------------
  function exported() {
    return {
      format: "sokwal-board",
      version: 1,
      set_id: SET.set_id,
      board: state.board,
      exported_at: new Date().toISOString(),
      cards: SET.cards.map(function (c) {
        return {card_id: c.card_id, doc_id: c.doc_id, start_char: c.start_char,
                end_char: c.end_char, sha256: c.sha256};
      }),
      groups: state.groups.map(function (g) {
        return {group_id: g.group_id, name: g.name, colour: g.colour, x: g.x, y: g.y,
                votes: g.votes, note: g.note, cards: g.cards.slice()};
      }),
      pile: state.pile.slice()
    };
  }
  function fileName() {
    var name = state.board.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "") || "bord";
    return "bord-" + name + "-" + SET.set_id + ".json";
  }
  $("export").addEventListener("click", function () {
    var blob = new Blob([JSON.stringify(exported(), null, 1)], {type: "application/json"});
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url;
    a.download = fileName();
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    say("Geëxporteerd als " + a.download);
  });
  $("import-file").addEventListener("change", function (ev) {
    var file = ev.target.files && ev.target.files[0];
    ev.target.value = "";
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      try {
        var data = JSON.parse(String(reader.result));
        if (!data || data.format !== "sokwal-board" || data.version !== 1) {
          throw new Error("dit is geen bord-bestand van sokwal (versie 1)");
        }
        if (data.set_id !== SET.set_id) {
          throw new Error("dit bord hoort bij kaartenset " + String(data.set_id).slice(0, 40) +
                          ", niet bij " + SET.set_id);
        }
        var next = clean(data);
        change(function () { state = next; });
        say("Bord '" + state.board + "' ingelezen uit " + file.name);
      } catch (e) {
        say("Inlezen lukt niet: " + e.message, true);
      }
    };
    reader.onerror = function () { say("Inlezen lukt niet: het bestand is niet te lezen", true); };
    reader.readAsText(file);
  });

  // -- the toolbar -------------------------------------------------------------------------
  $("new-group").addEventListener("click", function () {
    var at = freeSpot();
    change(function () { newGroup(at.x, at.y); });
  });
  undoEl.addEventListener("click", undo);
  copyEl.addEventListener("click", function () {
    copyMode = !copyMode;
    copyEl.setAttribute("aria-pressed", copyMode ? "true" : "false");
    say(copyMode ? "Kopieer-modus: een gesleepte kaart blijft ook in haar oude groep."
                 : "Kopieer-modus uit: slepen verplaatst een kaart.");
  });
  nameEl.addEventListener("change", function () {
    var name = nameEl.value.trim().slice(0, 80);
    if (!name || name === state.board) { nameEl.value = state.board; return; }
    var s = storage(), index = readIndex();
    if (index.boards.indexOf(name) >= 0) {
      say("Er is al een bord '" + name + "'; kies het in de lijst of geef een andere naam.", true);
      nameEl.value = state.board;
      return;
    }
    if (s) s.removeItem(PREFIX + state.board);
    index.boards = index.boards.filter(function (b) { return b !== state.board; });
    writeIndex(index);
    state.board = name;
    history = history.map(function (h) { var o = JSON.parse(h); o.board = name; return JSON.stringify(o); });
    save();
    render();
  });
  boardsEl.addEventListener("change", function () {
    var pick = boardsEl.value;
    if (pick === "\u0000new") {
      var boards = readIndex().boards, n = boards.length + 1;
      while (boards.indexOf("bord " + n) >= 0) n += 1;
      state = fresh("bord " + n);
    } else {
      state = load(pick);
    }
    history = [];
    save();
    render();
  });
  document.addEventListener("keydown", function (ev) {
    var typing = ev.target.closest && ev.target.closest("input, textarea");
    if ((ev.ctrlKey || ev.metaKey) && !ev.shiftKey && ev.key.toLowerCase() === "z" && !typing) {
      ev.preventDefault();
      undo();
    }
    if (ev.key === "Escape") closeMenu();
  });

  // -- start: the last board of this card set, or a new one ---------------------------------
  var index = readIndex();
  state = index.last ? load(index.last) : fresh("bord 1");
  save();
  render();
  document.documentElement.setAttribute("data-ready", "true");
})();
