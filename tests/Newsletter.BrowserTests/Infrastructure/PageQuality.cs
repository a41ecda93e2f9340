using Microsoft.Playwright;

namespace Newsletter.BrowserTests.Infrastructure;

/// <summary>
/// Checks every page must pass, run in the browser on the rendered page: nothing wider than the viewport,
/// every control labelled, text contrast of at least 4.5:1 (3:1 for large text), no inline script or inline
/// event handler (a later content security policy forbids them), and an antiforgery token in every POST form
/// except the one-click unsubscribe form and the feedback page's forms (marked <c>data-token-capability</c>:
/// the token in their address is the capability; see FeedbackModel).
/// </summary>
public static class PageQuality
{
    public static async Task AssertAsync(IPage page, string name)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"{name}: the page is {overflow} px wider than the {page.ViewportSize?.Width} px viewport");

        var problems = await page.EvaluateAsync<string[]>(Script);
        Assert.True(problems.Length == 0, $"{name}:\n{string.Join("\n", problems)}");
    }

    private const string Script = """
        () => {
          const problems = [];
          const visible = (el) => {
            const rect = el.getBoundingClientRect();
            return rect.width > 0 && rect.height > 0 && getComputedStyle(el).visibility !== "hidden";
          };
          const describe = (el) => `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${el.className ? "." + String(el.className).split(" ").join(".") : ""}`;

          for (const el of document.querySelectorAll("input:not([type=hidden]), select, textarea")) {
            if (visible(el) && !(el.labels?.length || el.getAttribute("aria-label") || el.getAttribute("aria-labelledby"))) {
              problems.push(`no label: ${describe(el)}`);
            }
          }
          for (const el of document.querySelectorAll("button, a[href]")) {
            if (visible(el) && !(el.textContent.trim() || el.getAttribute("aria-label"))) problems.push(`no accessible name: ${describe(el)}`);
          }

          for (const script of document.scripts) {
            if (!script.src) problems.push("inline <script>");
          }
          for (const el of document.querySelectorAll("*")) {
            for (const attribute of el.attributes) {
              if (attribute.name.startsWith("on")) problems.push(`inline handler ${attribute.name} on ${describe(el)}`);
            }
            if (el.getAttribute("style")) problems.push(`inline style on ${describe(el)}`);
          }

          for (const form of document.querySelectorAll("form")) {
            const post = (form.getAttribute("method") ?? "get").toLowerCase() === "post";
            const oneClick = form.querySelector("button[name='List-Unsubscribe']");
            const capability = form.hasAttribute("data-token-capability") && /^\/feedback\/[A-Za-z0-9_-]+(\/undo)?$/.test(form.getAttribute("action") ?? "");
            if (post && !oneClick && !capability && !form.querySelector("input[name='__RequestVerificationToken']")) {
              problems.push(`POST form without antiforgery token: ${describe(form)}`);
            }
          }

          const parse = (color) => {
            const match = color.match(/rgba?\(([^)]+)\)/);
            if (!match) return null;
            const [r, g, b, a = 1] = match[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
            return { r, g, b, a };
          };
          const over = (top, bottom) => ({
            r: top.r * top.a + bottom.r * (1 - top.a),
            g: top.g * top.a + bottom.g * (1 - top.a),
            b: top.b * top.a + bottom.b * (1 - top.a),
            a: 1,
          });
          const backgroundOf = (el) => {
            const layers = [];
            for (let e = el; e; e = e.parentElement) {
              const bg = parse(getComputedStyle(e).backgroundColor);
              if (bg && bg.a > 0) {
                layers.push(bg);
                if (bg.a >= 1) break;
              }
            }
            return layers.reverse().reduce((below, layer) => over(layer, below), { r: 255, g: 255, b: 255, a: 1 });
          };
          const luminance = ({ r, g, b }) => {
            const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
            return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
          };
          const checked = new Set();
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            const el = walker.currentNode.parentElement;
            if (!walker.currentNode.textContent.trim() || checked.has(el)) continue;
            checked.add(el);
            if (!visible(el) || el.closest("[hidden], .visually-hidden, .skip, option, datalist, script, style, noscript")) continue;
            const style = getComputedStyle(el);
            const background = backgroundOf(el);
            let color = parse(style.color);
            if (!color) continue;
            if (color.a < 1) color = over(color, background);
            const [light, dark] = [luminance(color), luminance(background)].sort((x, y) => y - x);
            const ratio = (light + 0.05) / (dark + 0.05);
            const size = parseFloat(style.fontSize);
            const large = size >= 24 || (parseInt(style.fontWeight, 10) >= 700 && size >= 18.66);
            if (ratio < (large ? 3 : 4.5)) {
              problems.push(`contrast ${ratio.toFixed(2)}:1 for "${walker.currentNode.textContent.trim().slice(0, 40)}" in ${describe(el)}`);
            }
          }
          return problems;
        }
        """;
}
