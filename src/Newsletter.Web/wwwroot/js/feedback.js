// The "More like this" / "Less like this" page: records the vote its link asks for as soon as the page opens,
// so a reader who clicked in their email need not decide twice. Opening the link (a GET) records nothing, since
// mail scanners fetch every link; this POST is what records. Without script, or if it fails, the button does it.
const form = document.querySelector("form[data-feedback-auto='true']");

if (form) {
  form.setAttribute("aria-busy", "true");
  try {
    const response = await fetch(form.action, { method: "POST", headers: { Accept: "application/json" }, credentials: "omit" });
    if (response.ok) {
      for (const ask of document.querySelectorAll("[data-feedback-ask]")) ask.hidden = true;
      for (const recorded of document.querySelectorAll("[data-feedback-recorded]")) recorded.hidden = false;
      const status = document.querySelector("[data-feedback-status]");
      // Rewritten after showing it, so that screen readers announce the live region.
      if (status) status.textContent = status.textContent;
    }
  } catch {
    // Offline or refused: the button is still there.
  } finally {
    form.removeAttribute("aria-busy");
  }
}
