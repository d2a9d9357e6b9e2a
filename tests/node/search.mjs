// Searches a built site's /search/ page in headless Chromium as a reader would: types
// each query into the box, reads the titles of the results, then narrows by a status.
// Prints one JSON object: for each query, the titles found and the compressed bytes the
// page downloaded from its first request to the results, all included.
//
// node search.mjs FOLDER BASE_PATH STATUS QUERY...
import { launch, serveSite } from "./static.mjs";

const [folder, basePath, status, ...queries] = process.argv.slice(2);
const site = await serveSite(folder, basePath);
const browser = await launch();
const out = { queries: [] };
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 360, height: 800 });
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => { if (message.type() === "error") errors.push(message.text()); });
  const results = () => page.$$eval(".results li a", (links) => links.map((a) => a.textContent));
  for (const query of queries) {
    // Each query starts from a fresh page and an empty cache, as a reader's first would.
    site.sent.clear();
    const client = await page.createCDPSession();
    await client.send("Network.clearBrowserCache");
    await page.goto(site.url("search/"), { waitUntil: "networkidle0" });
    await page.type("#q", query);
    // The search of the whole query, not of a part typed before a pause, is done.
    await page.waitForFunction(
      (wanted) => new URLSearchParams(location.search).get("q") === wanted && /^\d+ articles?$/.test(document.querySelector(".search-status").textContent),
      { timeout: 20000 },
      query,
    );
    await page.waitForNetworkIdle();
    const bytes = [...site.sent.values()].reduce((a, b) => a + b, 0);
    const files = [...site.sent.keys()];
    const entities = await page.$$eval(".entity-hits a", (links) => links.map((a) => a.textContent));
    const titles = await results();
    const count = await page.$eval(".search-status", (p) => p.textContent);
    await page.select("#status", status);
    // The page puts the filter in its address as it starts the search, and says how many
    // articles it found once it is done.
    await page.waitForFunction(
      (wanted) => location.search.includes(`status=${wanted}`) && /^\d+ articles?$/.test(document.querySelector(".search-status").textContent),
      { timeout: 20000 },
      status,
    );
    await page.waitForNetworkIdle();
    const narrowed = await page.$eval(".search-status", (p) => p.textContent);
    const badges = await page.$$eval(".results li", (items) => items.map((li) => [...li.querySelectorAll(".badge")].map((b) => b.textContent)));
    out.queries.push({ query, count, titles, entities, bytes, files: files.length, narrowed, badges, url: page.url() });
  }
  out.errors = errors;
  out.missing = site.missing;
} finally {
  await browser.close();
  site.close();
}
console.log(JSON.stringify(out, null, 1));
