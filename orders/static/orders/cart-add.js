// Product pages may come from the response cache, so their "Add to cart" form carries no CSRF
// token and submits by GET, which answers with a confirmation form that has one (no JavaScript
// needed). Here it posts in one step instead: fetch a token (orders:csrf_token, never cached;
// it also sets the CSRF cookie), add it to the form and post.
for (const form of document.querySelectorAll("form[data-csrf-token-url]")) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const response = await fetch(form.dataset.csrfTokenUrl, { credentials: "same-origin" });
      if (!response.ok) throw new Error(`token: ${response.status}`);
      const { token } = await response.json();
      const field = document.createElement("input");
      field.type = "hidden";
      field.name = "csrfmiddlewaretoken";
      field.value = token;
      form.append(field);
      form.method = "post";
    } catch {
      // Offline or refused: the GET confirmation page still works.
    }
    form.submit();
  });
}
