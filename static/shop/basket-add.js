// A product card's "Add to basket" answers in place: the form is posted with
// fetch, the card says what happened (a live region, so screen readers hear
// it too) and the header's basket count follows. "Buy now" and browsers
// without JavaScript post the form as it is: the server sends the reader back
// to the same card, or on to checkout.

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
  button.disabled = true;
  try {
    const response = await fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    const reply = await response.json();
    showReply(status, reply);
    if (reply.ok) {
      showCount(reply.count);
    }
  } catch {
    // Let the browser post the form as it would without JavaScript.
    form.removeEventListener("submit", add);
    form.submit();
  } finally {
    button.disabled = false;
  }
}

for (const form of document.querySelectorAll("form[data-basket-add]")) {
  form.addEventListener("submit", add);
}
