// The index's search over every card: the cards' text comes from preview/search.js (PV_INDEX); each hit
// links to the card on its page, which opens with the same search typed in.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var MAX = 200; // hits listed; the count is of all of them
  var search = document.getElementById("pv-search");
  var kind = document.getElementById("pv-kind");
  var flagged = document.getElementById("pv-flagged");
  var results = document.getElementById("pv-results");
  var hits = document.getElementById("pv-hits");
  var found = document.getElementById("pv-found");
  var none = document.getElementById("pv-none");
  var shown = document.getElementById("pv-shown");
  var total = document.getElementById("pv-total").textContent;
  var index = window.PV_INDEX;
  var texts = index ? index.cards.map(function (c) { return (c[4] + " " + c[5]).toLowerCase(); }) : [];

  function cut(text, n) { return text.length > n ? text.slice(0, n - 1) + "…" : text; }

  function hit(card) {
    var domain = index.domains[card[0]], page = index.pages[domain[1]];
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = "preview/" + page[0] + "?q=" + encodeURIComponent(search.value.trim()) + "#" + card[3];
    a.textContent = cut(card[4], 200) || "(empty front)";
    var back = document.createElement("div");
    back.className = "pv-hit-back";
    back.textContent = cut(card[5], 200);
    var meta = document.createElement("div");
    meta.className = "pv-meta";
    meta.textContent = (card[1] === "cloze" ? "Cloze" : "Q/A") + " · " + page[1] + " › " + domain[0] +
      (card[2] ? " · flagged" : "");
    li.append(a, back, meta);
    return li;
  }

  function apply() {
    var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var asked = words.length || kind.value || flagged.checked;
    results.hidden = !asked;
    hits.textContent = "";
    if (!asked) { shown.textContent = total; return; }
    if (!index) { found.textContent = "The search index (preview/search.js) is missing: build again."; return; }
    var matched = [];
    for (var i = 0; i < texts.length; i++) {
      var c = index.cards[i];
      if ((!kind.value || c[1] === kind.value) && (!flagged.checked || c[2]) &&
          words.every(function (w) { return texts[i].indexOf(w) >= 0; })) matched.push(c);
    }
    var list = document.createDocumentFragment();
    matched.slice(0, MAX).forEach(function (c) { list.appendChild(hit(c)); });
    hits.appendChild(list);
    shown.textContent = matched.length;
    found.textContent = matched.length + " cards match" +
      (matched.length > MAX ? "; the first " + MAX + " are listed (another word narrows the search)" : "");
    none.hidden = matched.length > 0;
  }

  [search, kind, flagged].forEach(function (el) { el.addEventListener("input", apply); });
  apply();
});
