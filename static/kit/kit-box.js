// The starter kit box answers in place: the form is posted with fetch and the
// reply is shown inside the box. Thanks take the place of the form (its
// fields are hidden, the live status line stays and says what happens next);
// what to fix is shown beside the fields. Without JavaScript the same form
// posts and the server answers with a page of its own.

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
    status.textContent =
      reply.message || "Please check the highlighted fields.";
    if (reply.ok) {
      showDone(form, status);
    }
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
