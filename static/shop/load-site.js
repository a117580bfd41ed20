// Written into every public page (shop/in_page.py): fetches the page's module
// (data-src) once the page has loaded and painted, so that on a slow phone
// the script neither shares the first round trips with the page's pictures
// nor runs before the reader sees the page. Everything it adds is an
// enhancement: every page works without it.
const src = document.currentScript.dataset.src;
addEventListener("load", () => {
  requestAnimationFrame(() => {
    setTimeout(() => {
      const script = document.createElement("script");
      script.type = "module";
      script.src = src;
      document.head.append(script);
    });
  });
});
