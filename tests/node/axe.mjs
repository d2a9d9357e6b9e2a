// Runs axe-core over pages of a built site in headless Chromium, at a phone's width and a
// desktop's, in the light scheme and the dark, and looks for anything wider than the
// phone's screen. Prints one JSON object: every violation and every overflow found.
//
// node axe.mjs FOLDER BASE_PATH PATH...
import { createRequire } from "node:module";
import { launch, serveSite } from "./static.mjs";

const [folder, basePath, ...paths] = process.argv.slice(2);
const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const site = await serveSite(folder, basePath);
const browser = await launch();
const violations = [];
const overflows = [];
try {
  const page = await browser.newPage();
  for (const path of paths) {
    for (const width of [360, 1280]) {
      for (const scheme of ["light", "dark"]) {
        await page.setViewport({ width, height: 800 });
        await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
        await page.goto(site.url(path), { waitUntil: "networkidle0" });
        await page.addScriptTag({ path: axePath });
        const result = await page.evaluate(async () => {
          const { violations } = await window.axe.run(document, { resultTypes: ["violations"] });
          return violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
        });
        for (const v of result) violations.push({ path, width, scheme, ...v });
        if (width === 360) {
          const wide = await page.evaluate(() => {
            const limit = document.documentElement.clientWidth;
            // An element inside a box that scrolls sideways on purpose, such as a wide
            // table, stays inside that box.
            const scrolls = (el) => {
              for (let p = el.parentElement; p; p = p.parentElement) {
                if (["auto", "scroll"].includes(getComputedStyle(p).overflowX)) return true;
              }
              return false;
            };
            const found = [];
            for (const el of document.querySelectorAll("body *")) {
              const box = el.getBoundingClientRect();
              if (box.width === 0 || el.closest(".vh, .skip")) continue;
              if ((box.right > limit + 0.5 || box.left < -0.5) && !scrolls(el)) {
                found.push(`${el.tagName.toLowerCase()}${el.className ? "." + String(el.className).split(" ").join(".") : ""} ${Math.round(box.left)}..${Math.round(box.right)}`);
              }
            }
            if (document.documentElement.scrollWidth > limit) found.push(`the page scrolls to ${document.documentElement.scrollWidth} px`);
            return found;
          });
          for (const element of wide) overflows.push({ path, scheme, element });
        }
      }
    }
  }
} finally {
  await browser.close();
  site.close();
}
// The site's 404 page is asked for on purpose; nothing else may be missing.
const missing = site.missing.filter((path) => !path.endsWith("404.html"));
console.log(JSON.stringify({ violations, overflows, missing }, null, 1));
