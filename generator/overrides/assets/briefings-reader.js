// The reader's conveniences, each on top of a page that works without it: the briefing's
// print button, the questions page's filter, the claims ledger's order, and a name and a tab stop on every table that
// scrolls sideways (axe: scrollable-region-focusable). It fetches nothing.
//
// MkDocs copies it from the theme overrides (generator/overrides/assets/) into the site;
// overrides/main.html loads it on every page.
(function () {
  "use strict";

  function printButtons() {
    document.querySelectorAll("[data-bf-print]").forEach(function (button) {
      button.addEventListener("click", function () {
        window.print();
      });
      button.hidden = false;
    });
  }

  // The questions page: each question carries its status and the fronts it concerns
  // (data-status, data-fronts); the form's choices also stand in the address
  // (?front=kursk&status=open), so that a filtered list can be linked to.
  function questionFilter(form) {
    var questions = Array.prototype.slice.call(document.querySelectorAll("article.bf-question[data-status]"));
    var count = form.querySelector(".bf-filter-count");
    var fields = { front: form.elements.front, status: form.elements.status };
    var asked = new URLSearchParams(window.location.search);
    Object.keys(fields).forEach(function (name) {
      var wanted = asked.get(name);
      var field = fields[name];
      if (wanted && Array.prototype.some.call(field.options, function (o) { return o.value === wanted; })) {
        field.value = wanted;
      }
    });

    function visible(root) {
      return root.querySelector("article.bf-question[data-status]:not([hidden])") !== null;
    }

    function apply() {
      var front = fields.front.value;
      var status = fields.status.value;
      var shown = 0;
      questions.forEach(function (question) {
        var match = (!front || question.dataset.fronts.split(" ").indexOf(front) >= 0) &&
          (!status || question.dataset.status === status);
        question.hidden = !match;
        if (match) shown += 1;
      });
      document.querySelectorAll(".bf-status-block .bf-group").forEach(function (group) {
        group.hidden = !visible(group);
      });
      document.querySelectorAll(".bf-status-block").forEach(function (block) {
        var none = block.querySelector("[data-bf-none]");
        if (none) none.hidden = visible(block);
      });
      count.textContent = shown + " of " + questions.length + " questions shown";
      remember(fields);
    }

    listen(form, apply);
  }

  // The form's choices in the address, so that what it shows can be linked to.
  function remember(fields) {
    var address = new URL(window.location.href);
    Object.keys(fields).forEach(function (name) {
      if (fields[name].value) address.searchParams.set(name, fields[name].value);
      else address.searchParams.delete(name);
    });
    window.history.replaceState(window.history.state, "", address.href);
  }

  // Apply a form's choices now and on every change; it is shown once it works.
  function listen(form, apply) {
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    apply();
    form.hidden = false;
  }

  // The claims ledger: each claim carries how many independent sources back it
  // (data-backing, -1 where its briefing cannot tell); each list of claims can be put in
  // that order, most first, and back in the page's own (newest briefing first). The
  // choice stands in the address (?order=backing).
  function claimSort(form) {
    // Briefings of one `source` cannot tell: with no count to order by, no control.
    if (!document.querySelector('ul.bf-claims > li[data-backing]:not([data-backing="-1"])')) return;
    var lists = Array.prototype.slice.call(document.querySelectorAll("ul.bf-claims"));
    var original = lists.map(function (list) {
      return Array.prototype.slice.call(list.children);
    });
    var field = form.elements.order;
    if (new URLSearchParams(window.location.search).get("order") === "backing") field.value = "backing";

    function apply() {
      lists.forEach(function (list, index) {
        var items = original[index].slice();
        if (field.value === "backing") {
          // Array.prototype.sort is stable: equal counts keep the page's order.
          items.sort(function (a, b) {
            return Number(b.dataset.backing) - Number(a.dataset.backing);
          });
        }
        items.forEach(function (item) {
          list.appendChild(item);
        });
      });
      remember({ order: field });
    }

    listen(form, apply);
  }

  // Material wraps each plain table in a box that scrolls sideways when the table is too
  // wide; a keyboard reaches such a box only with a tab stop, and a screen reader names it
  // by the heading above it.
  function scrollingTables() {
    document.querySelectorAll(".md-typeset .md-typeset__scrollwrap").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", "Table: " + heading(box) + " (scrolls sideways)");
        box.dataset.bfScrolls = "";
      } else if (!scrolls && box.hasAttribute("data-bf-scrolls")) {
        ["tabindex", "role", "aria-label", "data-bf-scrolls"].forEach(function (name) {
          box.removeAttribute(name);
        });
      }
    });
  }

  function heading(element) {
    for (var node = element.previousElementSibling; node; node = node.previousElementSibling) {
      if (/^H[1-6]$/.test(node.tagName)) {
        return Array.prototype.filter.call(node.childNodes, function (child) {
          return !(child.classList && child.classList.contains("headerlink"));
        }).map(function (child) {
          return child.textContent;
        }).join("").trim();
      }
    }
    var title = document.querySelector(".md-content h1");
    return title ? title.textContent.trim() : document.title;
  }

  function start() {
    printButtons();
    var form = document.querySelector("form[data-bf-filter]");
    if (form) questionFilter(form);
    var sort = document.querySelector("form[data-bf-sort]");
    if (sort) claimSort(sort);
    scrollingTables();
    var pending = 0;
    window.addEventListener("resize", function () {
      window.clearTimeout(pending);
      pending = window.setTimeout(scrollingTables, 150);
    });
    // Material wraps tables as it starts, which may be after this script runs.
    window.addEventListener("load", scrollingTables);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
