({phoneMax, cardMaxWidth, inlineCardMaxWidth, cardMaxHeight, heroMaxHeight, headerMax}) => {
  // Run in the page by layout.py: what is wrong with the layout at this width.
  const problems = [];
  const root = document.documentElement;
  const width = root.clientWidth;
  const phone = width < phoneMax;
  const name = (el) => {
    const classes = [...el.classList].slice(0, 2).map((c) => "." + c).join("");
    const text = (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 40);
    return `<${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${classes}> "${text}"`;
  };
  const hidden =
    ".visually-hidden, .sr-only, .skip-link, .kit-box__trap, [hidden], details:not([open]) > :not(summary)";
  const insideScroller = (el) => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== "visible") return true;
    }
    return false;
  };

  if (root.scrollWidth > width + 1) {
    problems.push(`the page is ${root.scrollWidth}px wide in a ${width}px viewport`);
  }
  for (const el of document.body.querySelectorAll("*")) {
    if (el.closest(hidden) || insideScroller(el)) continue;
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height) continue;
    if (box.left < -1 || box.right > width + 1) {
      problems.push(`${name(el)} spans ${Math.round(box.left)} to ${Math.round(box.right)}px`);
    }
  }
  for (const el of document.querySelectorAll("main h1, main h2, main h3, main p, main li, main .button, main button")) {
    if (el.closest(hidden) || insideScroller(el) || !el.offsetParent) continue;
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === "visible") {
      problems.push(`${name(el)} runs ${el.scrollWidth - el.clientWidth}px out of its box`);
    }
  }

  for (const list of document.querySelectorAll(".cards")) {
    const items = [...list.children].filter((li) => li.offsetParent);
    if (phone && items.length > 1) {
      const top = items[0].getBoundingClientRect().top;
      const inRow = items.filter((li) => Math.abs(li.getBoundingClientRect().top - top) < 2).length;
      if (inRow < 2) problems.push(`${name(list)}: one product card per row on a phone`);
    }
  }
  for (const card of document.querySelectorAll(".card, .article-card, .kit-file")) {
    const box = card.getBoundingClientRect();
    if (!box.width) continue;
    const limit = card.closest(".article-product") ? inlineCardMaxWidth : cardMaxWidth;
    if (box.width > limit) problems.push(`${name(card)} is ${Math.round(box.width)}px wide`);
    if (box.height > cardMaxHeight) problems.push(`${name(card)} is ${Math.round(box.height)}px tall`);
  }

  // Cards side by side line up what a reader compares: the prices of
  // printables, the titles of the kit's files (their pictures differ in shape).
  const rowsOf = (items) => {
    const rows = new Map();
    for (const item of items) {
      const box = item.getBoundingClientRect();
      if (!box.width) continue;
      const top = Math.round(box.top);
      const row = [...rows.keys()].find((t) => Math.abs(t - top) < 2) ?? top;
      rows.set(row, [...(rows.get(row) || []), item]);
    }
    return [...rows.values()].filter((row) => row.length > 1);
  };
  const lineUp = (lists, cardSelector, partSelector, what) => {
    for (const list of document.querySelectorAll(lists)) {
      for (const row of rowsOf(list.querySelectorAll(cardSelector))) {
        const tops = row
          .map((card) => card.querySelector(partSelector))
          .filter((part) => part && part.offsetParent)
          .map((part) => Math.round(part.getBoundingClientRect().top));
        if (tops.length > 1 && Math.max(...tops) - Math.min(...tops) > 2) {
          problems.push(`${name(list)}: the ${what} of cards in one row do not line up (${tops.join(", ")}px)`);
        }
      }
    }
  };
  // A card saying "Added to your basket" under its buttons is taller for a
  // moment; the others in its row still line up.
  lineUp(".cards", ":scope > li > .card:not(:has(.card__added:not(:empty)))", ".price", "prices");
  lineUp(".kit-files", ":scope > .kit-file", ".kit-file__title", "titles");
  // A card's button says what it does on one line.
  for (const button of document.querySelectorAll(".card button, .kit-file .button")) {
    if (!button.offsetParent || button.closest(hidden)) continue;
    // Its visible words only: a visually hidden part is laid out 1px wide.
    const tops = [];
    const words = document.createTreeWalker(button, NodeFilter.SHOW_TEXT);
    while (words.nextNode()) {
      if (words.currentNode.parentElement.closest(hidden)) continue;
      const range = document.createRange();
      range.selectNodeContents(words.currentNode);
      for (const r of range.getClientRects()) if (r.width) tops.push(r.top);
    }
    tops.sort((a, b) => a - b);
    const lines = tops.filter((top, i) => i === 0 || top - tops[i - 1] > 4).length;
    if (lines > 1) problems.push(`${name(button)} wraps onto ${lines} lines`);
  }

  for (const hero of document.querySelectorAll(".article-hero")) {
    const box = hero.getBoundingClientRect();
    const column = hero.closest("article").querySelector(".article-body");
    if (box.height > heroMaxHeight) problems.push(`the hero is ${Math.round(box.height)}px tall`);
    if (box.width < 1.5 * box.height) problems.push(`the hero is ${Math.round(box.width)}x${Math.round(box.height)}, not a wide band`);
    if (column && box.width > column.getBoundingClientRect().width + 1) {
      problems.push(`the hero (${Math.round(box.width)}px) is wider than the text`);
    }
  }

  // What follows an article's body (its questions, its series) keeps to the
  // body's column instead of running the width of the page.
  for (const body of document.querySelectorAll("article .article-body")) {
    const column = body.getBoundingClientRect().width;
    for (const part of body.closest("article").querySelectorAll(".article-faq, .article-series")) {
      const width = part.getBoundingClientRect().width;
      if (width > column + 1) problems.push(`${name(part)} is ${Math.round(width)}px wide, the text ${Math.round(column)}px`);
    }
  }

  const header = document.querySelector(".site-header");
  if (header) {
    const height = header.getBoundingClientRect().height;
    const most = phone ? headerMax.phone : headerMax.desktop;
    if (height > most) problems.push(`the header is ${Math.round(height)}px tall (one row is at most ${most}px)`);
    const inner = header.querySelector(".site-header__inner") || header;
    const rows = new Set(
      [...inner.children]
        .filter((child) => child.offsetParent)
        .map((child) => { const b = child.getBoundingClientRect(); return Math.round((b.top + b.bottom) / 20); })
    );
    if (rows.size > 1) problems.push(`the header's parts sit on ${rows.size} rows`);
  }
  return problems;
}
