// Enhances every preferences form (subscribe, manage): keyword chips where asked for, clickable keyword
// suggestions, the live preview, and the browser's time zone. Each form works the same without it.
import { chipKeywordField } from "./keyword-chips.js";
import { textKeywordField } from "./keyword-list.js";
import { keywordSuggestions } from "./keyword-suggestions.js";
import { livePreview } from "./live-preview.js";
import { detectTimeZone } from "./time-zone.js";

for (const form of document.querySelectorAll("form[data-preferences]")) {
  const input = form.querySelector("[data-keywords]");
  if (!input) continue;
  const field = input.dataset.chips === "true" ? chipKeywordField(input) : textKeywordField(input);
  const suggestions = form.querySelector("[data-suggestions]");
  if (suggestions) keywordSuggestions(suggestions, field);
  const preview = form.querySelector("[data-preview]");
  if (preview) livePreview(preview, field);
  detectTimeZone(form.querySelector("[data-detect-time-zone]"));
}
