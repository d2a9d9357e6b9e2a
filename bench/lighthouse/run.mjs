// Lighthouse scores of pages of a built site, mobile and desktop, served as GitHub Pages
// serves them (gzip, under the base path). Timing-based scores vary from run to run, so
// this is a benchmark to read, not a test.
//
//   cargo run --release -- build --output /tmp/blog
//   (cd bench/lighthouse && npm ci)
//   node bench/lighthouse/run.mjs /tmp/blog /transfer-blog/ "" articles/trent-real-madrid/ ...
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import { serveSite } from "../../tests/node/static.mjs";

const [folder, basePath, ...paths] = process.argv.slice(2);
const site = await serveSite(folder, basePath);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
const rows = [];
try {
  for (const path of paths) {
    for (const formFactor of ["mobile", "desktop"]) {
      const config = formFactor === "desktop"
        ? { extends: "lighthouse:default", settings: { formFactor: "desktop", screenEmulation: { mobile: false, width: 1350, height: 940, deviceScaleFactor: 1, disabled: false }, throttling: { rttMs: 40, throughputKbps: 10240, cpuSlowdownMultiplier: 1 } } }
        : undefined;
      const result = await lighthouse(site.url(path), { port: chrome.port, output: "json", logLevel: "error" }, config);
      const { categories, audits } = result.lhr;
      const score = (id) => Math.round(categories[id].score * 100);
      const failed = Object.values(audits)
        .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "manual" && a.scoreDisplayMode !== "notApplicable")
        .map((a) => a.id);
      rows.push({ path: "/" + path, formFactor, performance: score("performance"), accessibility: score("accessibility"), "best-practices": score("best-practices"), seo: score("seo"), failed });
    }
  }
} finally {
  await chrome.kill();
  site.close();
}
for (const row of rows) {
  console.log(`${row.path.padEnd(44)} ${row.formFactor.padEnd(8)} perf ${row.performance}  a11y ${row.accessibility}  bp ${row["best-practices"]}  seo ${row.seo}  ${row.failed.length ? "below 1: " + row.failed.join(", ") : ""}`);
}
