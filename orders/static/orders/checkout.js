// Small enhancements of the checkout form; it works fully without them.
const form = document.querySelector(".checkout-form");
if (form) {
  // Changing the province reloads the form with that province's wards (the button does the same without JS).
  const province = form.querySelector("select[name=province]");
  const refresh = form.querySelector("[data-province-refresh]");
  if (province && refresh) {
    refresh.hidden = true;
    province.addEventListener("change", () => refresh.click());
  }
  // A second click while the first submission is on its way does nothing (the server is idempotent anyway).
  form.addEventListener("submit", (event) => {
    const button = event.submitter;
    if (button && button.hasAttribute("data-once")) {
      if (form.dataset.sent) event.preventDefault();
      form.dataset.sent = "1";
    }
  });
}
// The company invoice's fields show only once its box is ticked (without JS they are always shown).
const invoiceBox = document.querySelector("[data-invoice] input[type=checkbox]");
const invoiceFields = document.querySelector("[data-invoice-fields]");
if (invoiceBox && invoiceFields) {
  const sync = () => {
    invoiceFields.hidden = !invoiceBox.checked;
  };
  invoiceBox.addEventListener("change", sync);
  sync();
}
