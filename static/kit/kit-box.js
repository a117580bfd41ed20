// The starter kit box answers in place: the form is posted with fetch and the
// reply (thanks, or what to fix) is shown inside the box. Without JavaScript
// the same form posts and the server answers with a page.

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
  button.disabled = true;
  try {
    const response = await fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    const reply = await response.json();
    showErrors(form, reply.errors || {});
    if (reply.ok) {
      form.reset();
    }
    status.textContent =
      reply.message || "Please check the highlighted fields.";
  } catch {
    // Let the browser post the form as it would without JavaScript.
    form.removeEventListener("submit", submit);
    form.submit();
  } finally {
    button.disabled = false;
  }
}

for (const form of document.querySelectorAll("form[data-kit-box]")) {
  form.addEventListener("submit", submit);
}
