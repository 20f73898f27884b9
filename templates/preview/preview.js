// Search and filters: a card is shown when it matches every word typed and every filter chosen.
(function () {
  "use strict";
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.pv-card"));
  var text = cards.map(function (c) { return c.textContent.toLowerCase(); });
  var search = document.getElementById("pv-search");
  var domain = document.getElementById("pv-domain");
  var kind = document.getElementById("pv-kind");
  var flagged = document.getElementById("pv-flagged");
  var night = document.getElementById("pv-night");

  function apply() {
    var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    cards.forEach(function (c, i) {
      var ok = (!domain.value || c.dataset.domain === domain.value) &&
        (!kind.value || c.dataset.kind === kind.value) &&
        (!flagged.checked || c.hasAttribute("data-flags")) &&
        words.every(function (w) { return text[i].indexOf(w) >= 0; });
      c.hidden = !ok;
      if (ok) shown++;
    });
    document.querySelectorAll(".pv-section").forEach(function (s) {
      s.hidden = !s.querySelector("article.pv-card:not([hidden])");
    });
    document.querySelectorAll(".pv-domain").forEach(function (d) {
      d.querySelector(".pv-n").textContent = d.querySelectorAll("article.pv-card:not([hidden])").length;
      d.hidden = !d.querySelector("article.pv-card:not([hidden])");
    });
    document.getElementById("pv-shown").textContent = shown;
    document.getElementById("pv-none").hidden = shown > 0;
  }

  [search, domain, kind, flagged].forEach(function (el) { el.addEventListener("input", apply); });
  night.addEventListener("change", function () { document.body.classList.toggle("night_mode", night.checked); });
  // A page of the paged preview opened from the index's search: that search, and the card it found.
  var asked = /[?&]q=([^&]*)/.exec(location.search);
  if (asked) search.value = decodeURIComponent(asked[1].replace(/\+/g, " "));
  apply();
  var target = location.hash && document.getElementById(location.hash.slice(1));
  if (target) target.scrollIntoView();
})();
