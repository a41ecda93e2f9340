// Turns the server's list of popular keywords into toggle buttons that add a keyword to the field, or take
// it out again. Without JavaScript the list stays as plain text to read and type from.
export function keywordSuggestions(container, field) {
  const label = container.querySelector(".suggestions-label");
  if (label) label.textContent = "Add a popular keyword";
  const buttons = [];
  for (const item of container.querySelectorAll(".chip-suggestion")) {
    const keyword = item.textContent.trim();
    const button = document.createElement("button");
    button.type = "button";
    button.className = "chip-add";
    button.textContent = keyword;
    button.addEventListener("click", () => (field.has(keyword) ? field.remove(keyword) : field.add(keyword)));
    item.replaceChildren(button);
    buttons.push([keyword, button]);
  }

  const update = () => buttons.forEach(([keyword, button]) => button.setAttribute("aria-pressed", String(field.has(keyword))));
  field.onChange(update);
  update();
}
