// The card form: Stripe.js (or localstripe's stand-in) collects the card and
// confirms a SetupIntent, so the card number never reaches our server; the
// server then charges the resulting payment method. When the bank asks for
// 3-D Secure, the server re-renders the page with the PaymentIntent's secret
// and this module runs the authentication, then goes to the thank-you page.

const form = document.getElementById("card-payment-form");
const status = document.getElementById("card-status");
const errorBox = document.getElementById("payment-error");

function showError(message) {
  errorBox.textContent = message;
  status.textContent = "";
}

async function authenticate(stripe) {
  await stripe.confirmCardPayment(form.dataset.actionSecret);
  // Success or not, the thank-you page asks Stripe and says what happened.
  window.location.assign(form.dataset.doneUrl);
}

function mountCardForm(stripe) {
  const card = stripe.elements().create("card");
  card.mount("#card-element");
  const button = form.querySelector("button[type=submit]");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    button.disabled = true;
    errorBox.textContent = "";
    status.textContent = "Checking your card…";
    const result = await stripe.confirmCardSetup(form.dataset.setupSecret, {
      payment_method: { card },
    });
    if (result.error) {
      showError(result.error.message || "Your card could not be used.");
      button.disabled = false;
      return;
    }
    status.textContent = "Taking payment…";
    form.elements.payment_method.value = result.setupIntent.payment_method;
    form.submit();
  });
}

if (form && typeof window.Stripe === "function") {
  const stripe = window.Stripe(form.dataset.publishableKey);
  if (form.dataset.actionSecret) {
    authenticate(stripe);
  } else {
    mountCardForm(stripe);
  }
} else if (form) {
  showError("The card form could not load. Please reload the page.");
}
