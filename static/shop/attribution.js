// What led the reader here, kept in this tab only (sessionStorage, never a
// cookie, never sent by itself): the landing's referrer domain and UTM tags,
// and the last article read. It goes to the shop only with a kit sign-up or
// an addition to the basket, as fields of that form
// (shop/attribution/touches.py reads them). Without JavaScript those forms
// still name their article and page themselves.

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
