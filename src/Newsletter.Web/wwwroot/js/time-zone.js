// On a first visit, replaces the default time zone (UTC) with the browser's own, when the server knows it.
// After a failed submit the field keeps what the user chose, so the page does not ask for this.
export function detectTimeZone(input) {
  if (!input || input.dataset.detectTimeZone !== "true" || input.value !== "UTC") return;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const known = input.list && [...input.list.options].some((option) => option.value === zone);
  if (zone && known) input.value = zone;
}
