// Opens a page that `rumourmill serve` serves in headless Chromium, edits the article
// on disk, and waits for the page to reload by itself and show the new title.
//
// node reload.mjs URL FILE OLD_TITLE NEW_TITLE
import { readFileSync, writeFileSync } from "node:fs";
import puppeteer from "puppeteer-core";

const [url, file, oldTitle, newTitle] = process.argv.slice(2);
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
try {
  const page = await browser.newPage();
  // The server subscribes the page's event stream to changes before it answers.
  const connected = page.waitForResponse((response) => response.url().endsWith("/__rumourmill/events"), { timeout: 10000 });
  await page.goto(url, { waitUntil: "load" });
  await connected;
  const before = await page.$eval("h1", (h1) => h1.textContent);
  if (!before.includes(oldTitle)) throw new Error(`the page shows ${JSON.stringify(before)} before the edit`);
  // A mark that a reload wipes: the new title must come with a new page, not a patch.
  await page.evaluate(() => { window.rumourmillMark = true; });

  const started = Date.now();
  writeFileSync(file, readFileSync(file, "utf8").replace(oldTitle, newTitle));
  await page.waitForFunction((title) => document.querySelector("h1")?.textContent.includes(title), { timeout: 10000 }, newTitle);
  const marked = await page.evaluate(() => window.rumourmillMark === true);
  if (marked) throw new Error("the title changed without a reload");
  console.log(JSON.stringify({ reloaded: true, title: await page.$eval("h1", (h1) => h1.textContent), ms: Date.now() - started }));
  if (process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT });
} finally {
  await browser.close();
}
