// The live preview: as keywords change, asks POST /api/preview what the last 7 days' papers would have
// brought and shows how many match and the top titles. Requests wait until typing pauses, and an answer
// that arrives after a newer request was sent is dropped. Titles are set as text; snippets are the API's
// HTML, which it has already encoded (only its <mark> tags are markup).
const DELAY_MS = 300;
const SHOWN = 3;

export function livePreview(panel, field) {
  const summary = panel.querySelector("[data-preview-summary]");
  const list = panel.querySelector("[data-preview-list]");
  const more = document.createElement("p");
  more.className = "preview-more";
  list.after(more);
  panel.hidden = false;

  let timer = 0;
  let controller = null;
  let shownFor = null;

  function say(...parts) {
    summary.replaceChildren(...parts);
    list.replaceChildren();
    more.textContent = "";
  }

  function strong(text) {
    const element = document.createElement("strong");
    element.textContent = text;
    return element;
  }

  function render(result) {
    const { total, papers } = result;
    if (total === 0) {
      say(strong("No papers"), " from the last 7 days match. Try a broader or different keyword.");
      return;
    }

    summary.replaceChildren(strong(`${total} ${total === 1 ? "paper" : "papers"}`), " from the last 7 days match.");
    list.replaceChildren(...papers.map((paper) => {
      const item = document.createElement("li");
      const title = document.createElement("span");
      title.className = "preview-title";
      title.textContent = paper.title;
      item.append(title);
      if (paper.snippet) {
        const snippet = document.createElement("span");
        snippet.className = "preview-snippet";
        snippet.innerHTML = paper.snippet; // already HTML-encoded by the API, with <mark> around matches
        item.append(snippet);
      }
      // Why it is there: the keywords its words matched, and those it matched by meaning only.
      const why = [(paper.matched || []).join(", "), paper.related && paper.related.length ? `related to ${paper.related.join(", ")}` : ""]
        .filter(Boolean).join(" · ");
      if (why) {
        const reason = document.createElement("span");
        reason.className = "preview-why";
        reason.textContent = why;
        item.append(reason);
      }
      return item;
    }));
    more.textContent = total > papers.length ? `and ${total - papers.length} more` : "";
  }

  async function update() {
    const keywords = field.get();
    const key = JSON.stringify(keywords.map((k) => k.toLowerCase()));
    if (key === shownFor) return;
    shownFor = key;
    controller?.abort();
    if (keywords.length === 0) {
      panel.removeAttribute("aria-busy");
      say("Type a keyword to see what the last 7 days would have brought.");
      return;
    }

    const request = new AbortController();
    controller = request;
    panel.setAttribute("aria-busy", "true");
    try {
      const response = await fetch("/api/preview", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ keywords, limit: SHOWN }),
        signal: request.signal,
      });
      const body = await response.json();
      if (response.ok) {
        render(body);
      } else {
        say(Object.values(body.errors ?? {}).flat()[0] ?? "These keywords can't be previewed.");
      }
    } catch (error) {
      if (error.name === "AbortError") return;
      shownFor = null; // try again on the next change
      say("The preview isn't available right now. You can still subscribe.");
    } finally {
      if (controller === request) panel.removeAttribute("aria-busy");
    }
  }

  field.onChange(() => {
    clearTimeout(timer);
    timer = setTimeout(update, DELAY_MS);
  });
  update();
}
