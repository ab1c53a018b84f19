// Copy buttons: any element with data-copy="text" copies that text when pressed and says so in
// its data-copy-done label for a moment (read out by screen readers: the label is its name).
// Without JavaScript, buttons stay hidden (the text is on the page) and links stay links.
const copyText = async (text) => {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Plain http (a phone on the local network): the old way, through a selected text field.
  const field = document.createElement("textarea");
  field.value = text;
  field.setAttribute("readonly", "");
  field.style.position = "fixed";
  field.style.opacity = "0";
  document.body.append(field);
  field.select();
  document.execCommand("copy");
  field.remove();
};

for (const control of document.querySelectorAll("[data-copy]")) {
  control.hidden = false;
  const label = control.textContent;
  control.addEventListener("click", async (event) => {
    event.preventDefault();
    try {
      await copyText(control.dataset.copy);
      control.textContent = control.dataset.copyDone || label;
    } catch {
      control.textContent = control.dataset.copyFailed || label;
    }
    setTimeout(() => {
      control.textContent = label;
    }, 2500);
  });
}
