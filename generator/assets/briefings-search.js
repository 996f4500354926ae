// Search with Pagefind in Material's search dialog, for sites too large for Material's
// one-file index (generator/search.py says when). Pagefind's module, its WebAssembly and
// the index chunks a query needs are fetched only once a reader starts to search.
(() => {
  "use strict";
  const box = document.querySelector("[data-bf-search]");
  const toggle = document.getElementById("__search");
  if (!box || !toggle) return;
  const form = box.querySelector("form");
  const input = box.querySelector(".md-search__input");
  const meta = box.querySelector(".md-search-result__meta");
  const list = box.querySelector(".md-search-result__list");
  const placeholder = meta.textContent;
  const bundle = new URL(box.dataset.bundle, document.baseURI).href;
  const root = new URL(box.dataset.root, document.baseURI).pathname;
  const SHOWN = 10;
  let engine = null; // the promise of Pagefind's module, once asked for
  let asked = 0; // the number of the latest query: answers to earlier ones are dropped

  // A large site's index comes in parts (generator/search.py): the bundle is the first,
  // `parts/K/` the others, searched together.
  async function parts() {
    const answer = await fetch(bundle + "parts.json");
    const n = answer.ok ? (await answer.json()).parts : 1;
    return Number.isSafeInteger(n) && n > 1 ? n : 1;
  }

  function load() {
    engine ??= Promise.all([import(bundle + "pagefind.js"), parts()]).then(async ([pagefind, n]) => {
      const options = { baseUrl: root, excerptLength: 24 };
      await pagefind.options(options);
      await pagefind.init();
      const more = Array.from({ length: n - 1 }, (_, k) => pagefind.mergeIndex(`${bundle}parts/${k + 1}/`, options));
      await Promise.all(more);
      return pagefind;
    });
    return engine;
  }

  function element(tag, className) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    return node;
  }

  // Text only: a textarea parses its content as text, so entities are decoded and any
  // markup stays literal text, never an element.
  const decoder = document.createElement("textarea");
  function text(html) {
    decoder.innerHTML = html;
    return decoder.value;
  }

  // Pagefind's excerpt is text with <mark> around the words found. Only those marks
  // become elements; everything else is set as text.
  function excerpt(html) {
    const p = element("p");
    for (const part of html.split(/(<mark>[\s\S]*?<\/mark>)/)) {
      if (part.startsWith("<mark>")) {
        const mark = element("mark");
        mark.textContent = text(part.slice(6, -7));
        p.append(mark);
      } else if (part) {
        p.append(text(part));
      }
    }
    return p;
  }

  function item(result) {
    const href = new URL(result.url, location.href);
    if (href.protocol !== location.protocol || href.host !== location.host) return null;
    const li = element("li", "md-search-result__item");
    const link = element("a", "md-search-result__link");
    link.href = href.href;
    const article = element("article", "md-search-result__article md-typeset");
    const title = element("h1");
    title.textContent = text(result.meta.title || result.url);
    article.append(element("div", "md-search-result__icon md-icon"), title, excerpt(result.excerpt || ""));
    link.append(article);
    li.append(link);
    return li;
  }

  function count(n) {
    if (n === 0) return box.dataset.none;
    if (n === 1) return box.dataset.one;
    return box.dataset.other.replace("#", n.toLocaleString());
  }

  async function search(query) {
    const n = ++asked;
    if (!query.trim()) {
      meta.textContent = placeholder;
      list.replaceChildren();
      return;
    }
    try {
      const pagefind = await load();
      const found = await pagefind.debouncedSearch(query, {}, 120);
      if (found === null || n !== asked) return;
      const data = await Promise.all(found.results.slice(0, SHOWN).map((result) => result.data()));
      if (n !== asked) return;
      meta.textContent = count(found.results.length);
      list.replaceChildren(...data.map(item).filter(Boolean));
    } catch (error) {
      meta.textContent = "Search is not available: " + error.message;
    }
  }

  function open(value) {
    if (toggle.checked !== value) {
      toggle.checked = value;
      toggle.dispatchEvent(new Event("change"));
    }
  }

  function typing(target) {
    return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName));
  }

  toggle.addEventListener("change", () => {
    if (toggle.checked) {
      input.focus();
      load().catch(() => {});
    } else {
      input.blur();
    }
  });
  input.addEventListener("focus", () => open(true));
  input.addEventListener("input", () => search(input.value));
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", () => {
    setTimeout(() => search(""));
    input.focus();
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      list.querySelector("a")?.click();
    }
  });
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (toggle.checked) {
      if (event.key === "Escape") {
        open(false);
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        const stops = [input, ...list.querySelectorAll("a")];
        const at = stops.indexOf(document.activeElement);
        const step = event.key === "ArrowDown" ? 1 : -1;
        stops[(at + step + stops.length) % stops.length].focus();
        event.preventDefault();
      }
    } else if (["/", "s", "f"].includes(event.key) && !typing(event.target)) {
      event.preventDefault();
      open(true);
    }
  });
})();
