// Keywords as the server reads the free-text field: separated by commas or line breaks, trimmed, and
// duplicates (ignoring case) dropped, keeping the first spelling.
export function parseKeywords(text) {
  const seen = new Set();
  const keywords = [];
  for (const part of text.split(/[,\r\n]/)) {
    const keyword = part.trim();
    if (keyword && !seen.has(keyword.toLowerCase())) {
      seen.add(keyword.toLowerCase());
      keywords.push(keyword);
    }
  }
  return keywords;
}

export const formatKeywords = (keywords) => keywords.join(", ");

export const sameKeyword = (a, b) => a.toLowerCase() === b.toLowerCase();

// The plain text input as a keyword list. It stays exactly what the user typed; adding or removing a
// keyword rewrites it as "a, b, c".
export function textKeywordField(input) {
  const listeners = [];
  const notify = () => listeners.forEach((listener) => listener());
  input.addEventListener("input", notify);
  const field = {
    get: () => parseKeywords(input.value),
    has: (keyword) => field.get().some((k) => sameKeyword(k, keyword)),
    add(keyword) {
      if (!field.has(keyword)) {
        input.value = formatKeywords([...field.get(), keyword]);
        notify();
      }
    },
    remove(keyword) {
      input.value = formatKeywords(field.get().filter((k) => !sameKeyword(k, keyword)));
      notify();
    },
    onChange: (listener) => listeners.push(listener),
  };
  return field;
}
