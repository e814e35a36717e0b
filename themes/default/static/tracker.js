// attestor's tracker tables: sort by a column, filter by text.
// The pages are whole without this script (every filter is a page of its
// own); it only adds, to each table marked `sortable` or `filterable`,
// header buttons that sort its rows and a box that hides the rows that do
// not hold the words typed. It runs from file:// as from a server, and
// requests nothing.
(function () {
  "use strict";

  function cellText(row, column) {
    var cell = row.cells[column];
    if (!cell) return "";
    return (cell.getAttribute("data-sort") || cell.textContent || "").trim();
  }

  // Numbers as numbers (a cell's data-sort, a count), empty cells last,
  // the rest as text with the digits in it read as numbers (T-9 < T-10).
  function compare(a, b) {
    if (a === "" || b === "") return (a === "") - (b === "");
    var number = /^-?\d+(\.\d+)?$/;
    if (number.test(a) && number.test(b)) return parseFloat(a) - parseFloat(b);
    return a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" });
  }

  function makeSortable(table) {
    var head = table.tHead;
    var body = table.tBodies[0];
    if (!head || !body || !head.rows[0]) return;
    var headers = head.rows[0].cells;
    Array.prototype.forEach.call(headers, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (other) {
          other.removeAttribute("aria-sort");
        });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var order = compare(cellText(a, column), cellText(b, column));
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  var n_filters = 0;

  function makeFilterable(table) {
    var body = table.tBodies[0];
    if (!body || body.rows.length < 2) return;
    n_filters += 1;
    var id = "filter-" + n_filters;
    var box = document.createElement("div");
    box.className = "table-filter";
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = "Filter these rows";
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.autocomplete = "off";
    var count = document.createElement("span");
    count.className = "help";
    count.setAttribute("aria-live", "polite");
    box.appendChild(label);
    box.appendChild(input);
    box.appendChild(count);
    table.parentNode.insertBefore(box, table);
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      Array.prototype.forEach.call(body.rows, function (row) {
        var text = row.textContent.toLowerCase();
        var keep = words.every(function (word) { return text.indexOf(word) !== -1; });
        row.hidden = !keep;
        if (keep) shown += 1;
      });
      count.textContent = words.length ? shown + " of " + body.rows.length + " rows" : "";
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("table.filterable"), makeFilterable);
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), makeSortable);
})();
