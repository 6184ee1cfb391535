// qcweave review workbench: small enhancements; every page works without them.
"use strict";
(function () {
  // choosing a record scrolls its quote into view and marks it
  function select(anchor) {
    document.querySelectorAll("mark.active").forEach(function (m) { m.classList.remove("active"); });
    document.querySelectorAll("li.rec.selected").forEach(function (l) { l.classList.remove("selected"); });
    document.querySelectorAll('mark[data-rec="' + anchor + '"]').forEach(function (m) { m.classList.add("active"); });
    // scroll the text and the list, each in its own box (not the window)
    var a = document.getElementById(anchor);
    var text = document.getElementById("text");
    if (a && text) { text.scrollTop = Math.max(0, a.offsetTop - text.clientHeight / 3); }
    var li = document.getElementById("rec-" + anchor);
    var side = li ? li.closest("aside") : null;
    if (li) { li.classList.add("selected"); }
    if (li && side) {
      var top = li.offsetTop;
      if (top < side.scrollTop || top > side.scrollTop + side.clientHeight - 40) { side.scrollTop = Math.max(0, top - 20); }
    }
  }
  document.addEventListener("click", function (e) {
    var j = e.target.closest ? e.target.closest("a.jump") : null;
    if (j) { e.preventDefault(); select(j.dataset.target); history.replaceState(null, "", "#" + j.dataset.target); return; }
    var m = e.target.closest ? e.target.closest("mark[data-rec]") : null;
    if (m && m.dataset.rec.charAt(0) === "q") {
      if (document.getElementById("rec-" + m.dataset.rec)) { select(m.dataset.rec); }
    }
  });
  // selecting text in the document fills the form that adds a record
  var text = document.getElementById("text");
  var quote = document.getElementById("add-quote");
  var start = document.getElementById("add-start");
  if (text && quote) {
    text.addEventListener("mouseup", function () {
      var sel = window.getSelection();
      if (!sel || sel.isCollapsed) { return; }
      var s = sel.toString().trim();
      if (!s) { return; }
      var node = sel.getRangeAt(0).startContainer;
      var el = node.nodeType === 3 ? node.parentElement : node;
      if (el && el.dataset && el.dataset.o !== undefined && node.nodeType === 3) {
        var before = node.textContent.slice(0, sel.getRangeAt(0).startOffset);
        start.value = String(Number(el.dataset.o) + Array.from(before).length);
      } else {
        start.value = "";
      }
      quote.value = s;
      var d = document.getElementById("addrec");
      if (d) { d.open = true; }
    });
  }
  // page images: the boxes' coordinates are PDF points
  document.querySelectorAll("figure.pageimg").forEach(function (f) {
    var img = f.querySelector("img");
    var svg = f.querySelector("svg");
    var dpi = Number(f.dataset.dpi) || 100;
    function size() {
      if (img.naturalWidth) {
        svg.setAttribute("viewBox", "0 0 " + (img.naturalWidth * 72 / dpi) + " " + (img.naturalHeight * 72 / dpi));
      }
    }
    img.addEventListener("load", size);
    size();
  });
  // a link to a quote shows it in the text's box, the page itself at its top
  function arrive() {
    if (location.hash.length > 1 && document.getElementById("rec-" + location.hash.slice(1))) {
      select(location.hash.slice(1));
      window.scrollTo(0, 0);
    } else if (location.hash === "#hl" && document.getElementById("hl") && text) {
      text.scrollTop = Math.max(0, document.getElementById("hl").offsetTop - text.clientHeight / 3);
      window.scrollTo(0, 0);
    }
  }
  arrive();
  window.addEventListener("load", function () { setTimeout(arrive, 0); });
})();
