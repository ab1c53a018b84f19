// Progressive enhancement: mount Stripe's Payment Element on the order page.
// Without JavaScript the page still shows the order and a link to check the payment.
const form = document.getElementById("payment-form");

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.onload = resolve;
    script.onerror = reject;
    document.head.appendChild(script);
  });
}

async function start() {
  if (!form) return;
  const { publishableKey, clientSecret, returnUrl, stripeJs } = form.dataset;
  const message = document.getElementById("payment-message");
  const button = document.getElementById("payment-submit");
  try {
    await loadScript(stripeJs);
  } catch {
    return;
  }
  const stripe = window.Stripe(publishableKey);
  const elements = stripe.elements({ clientSecret });
  const container = document.getElementById("payment-element");
  container.replaceChildren();
  elements.create("payment").mount(container);
  button.hidden = false;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    button.disabled = true;
    const { error } = await stripe.confirmPayment({ elements, confirmParams: { return_url: returnUrl } });
    if (error) {
      message.textContent = error.message;
      message.hidden = false;
      button.disabled = false;
    }
  });
}

start();
