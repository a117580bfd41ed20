// The shop's enhancements for its public pages, in one module so that a page
// asks for one script, not three. Each part has its own block (the two forms
// that answer in place share postInPlace) and only enhances: every page works
// without JavaScript.

// Posts a form with fetch and hands its JSON reply to onReply. When that
// fails, the browser posts the form as it would without JavaScript.
async function postInPlace(form, button, listener, onReply) {
  button.disabled = true;
  try {
    const response = await fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    onReply(await response.json());
  } catch {
    form.removeEventListener("submit", listener);
    form.submit();
  } finally {
    button.disabled = false;
  }
}

// A product card's "Add to basket" answers in place: the form is posted with
// fetch, the card says what happened (a live region, so screen readers hear
// it too) and the header's basket count follows. "Buy now" and browsers
// without JavaScript post the form as it is: the server sends the reader back
// to the same card, or on to checkout.
{
  function showCount(count) {
    const badge = document.querySelector(".basket-count");
    if (!badge) {
      return;
    }
    badge.textContent = String(count);
    const words = badge.nextElementSibling;
    if (words && words.classList.contains("visually-hidden")) {
      words.textContent = count === 1 ? " item" : " items";
    }
  }

  function showReply(status, reply) {
    status.replaceChildren(reply.message);
    if (reply.ok) {
      const link = document.createElement("a");
      link.href = reply.basket_url;
      link.textContent = "View basket";
      status.append(" ", link);
    }
  }

  async function add(event) {
    const form = event.currentTarget;
    if (event.submitter && event.submitter.name === "buy_now") {
      return;
    }
    event.preventDefault();
    const status = form.querySelector("[data-basket-status]");
    const button = event.submitter || form.querySelector("button");
    await postInPlace(form, button, add, (reply) => {
      showReply(status, reply);
      if (reply.ok) {
        showCount(reply.count);
      }
    });
  }

  for (const form of document.querySelectorAll("form[data-basket-add]")) {
    form.addEventListener("submit", add);
  }
}

// What led the reader here, kept in this tab only (sessionStorage, never a
// cookie, never sent by itself): the landing's referrer domain and UTM tags,
// and the last article read. It goes to the shop only with a kit sign-up or
// an addition to the basket, as fields of that form
// (shop/attribution/touches.py reads them). Without JavaScript those forms
// still name their article and page themselves.
{
  const KEY = "gotobetter-attribution";
  const UTM = ["utm_source", "utm_medium", "utm_campaign"];

  function read() {
    try {
      return JSON.parse(sessionStorage.getItem(KEY)) || {};
    } catch {
      return {};
    }
  }

  function write(state) {
    try {
      sessionStorage.setItem(KEY, JSON.stringify(state));
    } catch {
      // Storage refused (private mode, full): nothing is remembered.
    }
  }

  function externalDomain() {
    try {
      const url = new URL(document.referrer);
      return url.host === location.host ? "" : url.hostname;
    } catch {
      return "";
    }
  }

  function remember() {
    const state = read();
    const params = new URLSearchParams(location.search);
    const tags = {};
    for (const name of UTM) {
      tags[name] = (params.get(name) || "").slice(0, 100);
    }
    const referrer = externalDomain();
    if (referrer || UTM.some((name) => tags[name])) {
      state.landing = { referrer, ...tags };
    }
    const article = document.querySelector("article[data-article]");
    if (article) {
      state.article = { slug: article.dataset.article, at: Date.now() };
    }
    write(state);
  }

  function leadsToSale(form) {
    if (!(form instanceof HTMLFormElement) || form.method !== "post") {
      return false;
    }
    const path = new URL(form.action, location.href).pathname;
    return path.startsWith("/basket/add/") || path === "/kit/claim/";
  }

  function setField(form, name, value) {
    let field = form.querySelector(`input[type=hidden][name="${name}"]`);
    if (!field) {
      field = document.createElement("input");
      field.type = "hidden";
      field.name = name;
      form.append(field);
    }
    field.value = value;
  }

  // Capturing: the fields are in place before the kit box's own handler reads
  // the form.
  document.addEventListener(
    "submit",
    (event) => {
      const form = event.target;
      if (!leadsToSale(form)) {
        return;
      }
      const state = read();
      if (state.article) {
        const age = Math.max(0, Math.round((Date.now() - state.article.at) / 1000));
        setField(form, "attribution_article", state.article.slug);
        setField(form, "attribution_article_age", String(age));
      }
      if (state.landing) {
        setField(form, "attribution_referrer", state.landing.referrer || "");
        for (const name of UTM) {
          setField(form, `attribution_${name}`, state.landing[name] || "");
        }
      }
    },
    true,
  );

  remember();
}

// The starter kit box answers in place: the form is posted with fetch and the
// reply is shown inside the box. Thanks take the place of the form (its
// fields are hidden, the live status line stays and says what happens next);
// what to fix is shown beside the fields. Without JavaScript the same form
// posts and the server answers with a page of its own.
{
  function showDone(form, status) {
    for (const child of form.children) {
      if (child !== status) {
        child.hidden = true;
      }
    }
    status.classList.add("kit-box__done");
    status.tabIndex = -1;
    status.focus();
  }

  function showErrors(form, errors) {
    for (const slot of form.querySelectorAll("[data-error-for]")) {
      const messages = errors[slot.dataset.errorFor] || [];
      slot.textContent = messages[0] || "";
      const field = form.elements[slot.dataset.errorFor];
      if (field) {
        field.toggleAttribute("aria-invalid", messages.length > 0);
      }
    }
  }

  async function submit(event) {
    const form = event.currentTarget;
    event.preventDefault();
    const status = form.querySelector("[data-kit-status]");
    const button = form.querySelector("button[type=submit]");
    await postInPlace(form, button, submit, (reply) => {
      showErrors(form, reply.errors || {});
      status.textContent =
        reply.message || "Please check the highlighted fields.";
      if (reply.ok) {
        showDone(form, status);
      }
    });
  }

  for (const form of document.querySelectorAll("form[data-kit-box]")) {
    form.addEventListener("submit", submit);
  }
}

// Every part above is in place: the browser tests wait for this mark before
// they use what the module adds.
document.documentElement.dataset.enhanced = "";
