// Screenshots of a built site's pages at a phone's width and a desktop's, light and dark,
// for docs/screenshots.
//
// node screenshots.mjs FOLDER BASE_PATH OUT NAME=PATH...
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { launch, serveSite } from "./static.mjs";

const [folder, basePath, out, ...pages] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const site = await serveSite(folder, basePath);
const browser = await launch();
try {
  const page = await browser.newPage();
  for (const spec of pages) {
    const at = spec.indexOf("=");
    const [name, path] = [spec.slice(0, at), spec.slice(at + 1)];
    for (const [width, height] of [[360, 780], [1280, 900]]) {
      for (const scheme of ["light", "dark"]) {
        await page.setViewport({ width, height, deviceScaleFactor: 1 });
        await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
        await page.goto(site.url(path), { waitUntil: "networkidle0" });
        if (process.env.FULL !== "1") await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: join(out, `${name}-${width}-${scheme}.png`), fullPage: process.env.FULL === "1" });
      }
    }
  }
} finally {
  await browser.close();
  site.close();
}
