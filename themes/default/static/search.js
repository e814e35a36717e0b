// attestor's search: reads the index that search-index.js handed over
// (window.attestorSearch), matches every word of the query in each entry's
// title, path or id, headings and text, and lists the results. Results are
// built with textContent only: nothing from the docs is ever parsed as HTML.
(function () {
  "use strict";
  var data = window.attestorSearch;
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!form || !input || !status || !list) return;
  var noScript = document.getElementById("search-nojs");
  if (noScript) noScript.hidden = true;
  if (!data || !data.entries) {
    status.textContent = "The search index (search-index.js) did not load.";
    return;
  }
  var KINDS = { plan: "Plan", session: "Session log", tracker: "Tracker", evidence: "Evidence", page: "Page", task: "Task" };
  var MAX_RESULTS = 100;
  // Fields of an entry: [kind, title, url, path, extra, text].
  var lower = data.entries.map(function (e) {
    return [e[1].toLowerCase(), e[3].toLowerCase(), e[4].toLowerCase(), e[5].toLowerCase()];
  });

  function words(query) {
    return query.toLowerCase().split(/\s+/).map(function (w) {
      return w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    }).filter(function (w) { return w.length > 0; });
  }

  function score(idx, terms, whole) {
    var f = lower[idx];
    var total = 0;
    for (var i = 0; i < terms.length; i++) {
      var t = terms[i];
      var s = 0;
      if (f[1] === t) s += 100;
      if (f[0].indexOf(t) === 0) s += 15;
      else if (f[0].indexOf(t) >= 0) s += 10;
      if (f[1].indexOf(t) >= 0) s += 6;
      if (f[2].indexOf(t) >= 0) s += 3;
      if (f[3].indexOf(t) >= 0) s += 1;
      if (s === 0) return 0;
      total += s;
    }
    if (terms.length > 1 && f[0].indexOf(whole) >= 0) total += 20;
    return total;
  }

  function snippet(idx, terms) {
    var text = data.entries[idx][5];
    var low = lower[idx][3];
    var at = -1, len = 0;
    for (var i = 0; i < terms.length && at < 0; i++) {
      at = low.indexOf(terms[i]);
      len = terms[i].length;
    }
    var p = document.createElement("p");
    p.className = "snippet";
    if (at < 0) {
      p.textContent = text.slice(0, 160) + (text.length > 160 ? "…" : "");
      return p;
    }
    var start = Math.max(0, at - 70);
    var end = Math.min(text.length, at + len + 130);
    p.appendChild(document.createTextNode((start > 0 ? "…" : "") + text.slice(start, at)));
    var mark = document.createElement("mark");
    mark.textContent = text.slice(at, at + len);
    p.appendChild(mark);
    p.appendChild(document.createTextNode(text.slice(at + len, end) + (end < text.length ? "…" : "")));
    return p;
  }

  function result(idx, terms) {
    var e = data.entries[idx];
    var li = document.createElement("li");
    var head = document.createElement("div");
    var kind = document.createElement("span");
    kind.className = "kind " + e[0];
    kind.textContent = KINDS[e[0]] || e[0];
    var a = document.createElement("a");
    a.href = e[2];
    a.textContent = e[0] === "task" ? e[3] + " " + e[1] : e[1];
    head.appendChild(kind);
    head.appendChild(document.createTextNode(" "));
    head.appendChild(a);
    li.appendChild(head);
    var path = document.createElement("div");
    path.className = "path";
    path.textContent = e[0] === "task" ? e[4] : e[3];
    li.appendChild(path);
    if (e[5]) li.appendChild(snippet(idx, terms));
    return li;
  }

  function run(query) {
    while (list.firstChild) list.removeChild(list.firstChild);
    var terms = words(query);
    if (terms.length === 0) {
      status.textContent = "Type a word, an id or a path: every word must match.";
      return;
    }
    var whole = terms.join(" ");
    var hits = [];
    for (var i = 0; i < lower.length; i++) {
      var s = score(i, terms, whole);
      if (s > 0) hits.push([s, i]);
    }
    hits.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
    var shown = hits.slice(0, MAX_RESULTS);
    var fragment = document.createDocumentFragment();
    shown.forEach(function (h) { fragment.appendChild(result(h[1], terms)); });
    list.appendChild(fragment);
    var n = hits.length;
    var text = n === 0 ? "No results for “" + query.trim() + "”." :
      n + (n === 1 ? " result" : " results") + " for “" + query.trim() + "”" +
      (n > shown.length ? ", the first " + shown.length + " shown." : ".");
    status.textContent = text;
  }

  var params = new URLSearchParams(window.location.search);
  var initial = params.get("q") || "";
  input.value = initial;
  run(initial);
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value); }, 150);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run(input.value);
  });
})();
