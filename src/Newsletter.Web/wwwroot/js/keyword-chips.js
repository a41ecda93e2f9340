import { formatKeywords, parseKeywords, sameKeyword } from "./keyword-list.js";

// Turns the comma-separated keywords input into chips: each keyword a chip with a remove button, and a text
// box where Enter or a comma adds what was typed. The original input stays in the form (hidden) and always
// holds the chips plus anything still being typed, so the form posts exactly what the user sees.
export function chipKeywordField(input) {
  const chips = parseKeywords(input.value);
  const listeners = [];

  const editor = document.createElement("div");
  editor.className = "chip-editor";
  if (input.getAttribute("aria-invalid") === "true") editor.dataset.invalid = "true";

  const list = document.createElement("ul");
  list.className = "chips";
  list.setAttribute("aria-label", "Your keywords");

  // The label's "for" names the original id: hand it to the box the user types in.
  const entry = document.createElement("input");
  entry.type = "text";
  entry.id = input.id;
  input.id = `${input.id}-value`;
  entry.className = "chip-entry";
  entry.autocomplete = "off";
  entry.spellcheck = false;
  entry.maxLength = 100;
  entry.placeholder = "Add a keyword, then Enter";
  entry.setAttribute("aria-describedby", input.getAttribute("aria-describedby") ?? "");
  entry.setAttribute("aria-invalid", input.getAttribute("aria-invalid") ?? "false");

  const announcer = document.createElement("p");
  announcer.className = "visually-hidden";
  announcer.setAttribute("role", "status");

  editor.append(list, entry);
  const help = input.closest("[data-keywords-field]")?.querySelector(".help");
  help?.querySelector("[data-text-help]")?.setAttribute("hidden", "");
  help?.querySelector("[data-chips-help]")?.removeAttribute("hidden");
  input.type = "hidden";
  input.after(editor, announcer);
  editor.addEventListener("click", (event) => {
    if (event.target === editor || event.target === list) entry.focus();
  });

  const pending = () => parseKeywords(entry.value);
  const all = () => {
    const keywords = [...chips];
    for (const keyword of pending()) {
      if (!keywords.some((k) => sameKeyword(k, keyword))) keywords.push(keyword);
    }
    return keywords;
  };

  function sync() {
    input.value = formatKeywords(all());
    listeners.forEach((listener) => listener());
  }

  function render() {
    list.replaceChildren(...chips.map((keyword, index) => {
      const item = document.createElement("li");
      item.className = "chip";
      const text = document.createElement("span");
      text.textContent = keyword;
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "chip-remove";
      remove.textContent = "×";
      remove.setAttribute("aria-label", `Remove ${keyword}`);
      remove.addEventListener("click", () => {
        removeKeyword(keyword);
        const next = list.querySelectorAll(".chip-remove")[Math.min(index, chips.length - 1)];
        (next ?? entry).focus();
      });
      item.append(text, remove);
      return item;
    }));
  }

  function addKeyword(keyword) {
    if (chips.some((k) => sameKeyword(k, keyword))) return false;
    chips.push(keyword);
    return true;
  }

  function removeKeyword(keyword) {
    const index = chips.findIndex((k) => sameKeyword(k, keyword));
    if (index < 0) return;
    chips.splice(index, 1);
    render();
    sync();
    announcer.textContent = `Removed ${keyword}.`;
  }

  // Moves what was typed into chips; with keepLast, the text after the last comma stays in the box.
  function commit(keepLast = false) {
    const parts = entry.value.split(/[,\r\n]/);
    const rest = keepLast ? parts.pop() : "";
    const added = parseKeywords(parts.join(",")).filter(addKeyword);
    entry.value = rest.trimStart();
    if (added.length > 0) {
      render();
      announcer.textContent = `Added ${added.join(", ")}.`;
    }
    sync();
  }

  entry.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && entry.value.trim() !== "") {
      event.preventDefault(); // add the keyword; an empty box lets Enter submit the form
      commit();
    } else if (event.key === "Backspace" && entry.value === "" && chips.length > 0) {
      removeKeyword(chips[chips.length - 1]);
    }
  });
  entry.addEventListener("input", () => (entry.value.includes(",") ? commit(true) : sync()));
  entry.addEventListener("blur", () => commit());

  render();
  return {
    get: all,
    has: (keyword) => all().some((k) => sameKeyword(k, keyword)),
    add(keyword) {
      if (addKeyword(keyword)) {
        render();
        sync();
        announcer.textContent = `Added ${keyword}.`;
      }
    },
    remove: removeKeyword,
    onChange: (listener) => listeners.push(listener),
  };
}
