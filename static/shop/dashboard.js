// What Oscar's dashboard templates do in inline handlers, which the
// Content-Security-Policy refuses to run, done here instead.

// "Cancel" links that go back a page, or close a pop-up.
document.addEventListener("click", (event) => {
  const link = event.target.closest("a[onclick]");
  if (!link) return;
  const handler = link.getAttribute("onclick");
  if (handler.includes("history.go(-1)")) {
    event.preventDefault();
    window.history.back();
  } else if (handler.includes("window.close()")) {
    event.preventDefault();
    window.close();
  }
});

// A product image's preview: once a picked file shows, its upload button
// goes; a file that is not an image brings it back, with a word why.
// Load and error do not bubble, so they are caught on the way down.
function uploadButtonFor(preview) {
  return preview.closest(".image-input")?.querySelector("button");
}

document.addEventListener(
  "load",
  (event) => {
    if (!event.target.matches?.("img[data-upload-preview]")) return;
    uploadButtonFor(event.target)?.setAttribute("hidden", "");
  },
  true,
);

document.addEventListener(
  "error",
  (event) => {
    if (!event.target.matches?.("img[data-upload-preview]")) return;
    uploadButtonFor(event.target)?.removeAttribute("hidden");
    window.alert("Unrecognized image type!");
  },
  true,
);

// Oscar's editor is TinyMCE, used under its open-source licence (GPL); said
// so, it stops warning that it runs "in evaluation mode".
window.tinymce?.overrideDefaults({ license_key: "gpl" });
