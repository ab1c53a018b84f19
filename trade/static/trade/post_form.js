// A small enhancement of the request form; it works fully without it.
// Changing the delivery province reloads the form with that province's wards. Without
// JavaScript the "Show the wards of this province" button does the same; here it is
// removed, so that Enter in a text field still saves the post.
const button = document.querySelector("[data-province-refresh]");
const province = document.querySelector("select[name=province_code]");
if (button && province) {
  const form = button.form;
  button.closest("p").remove();
  province.addEventListener("change", () => {
    const flag = document.createElement("input");
    flag.type = "hidden";
    flag.name = "change_province";
    flag.value = "1";
    form.append(flag);
    form.submit();
  });
}
