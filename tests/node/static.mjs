// Serves a built site's folder under its base path, as GitHub Pages does: gzip for
// text, `index.html` for a folder, the site's 404 page for what it does not have. Each
// response's compressed size is kept, so that a test can say what a page downloaded.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import { gzipSync } from "node:zlib";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".json": "application/json", ".xml": "application/xml", ".svg": "image/svg+xml",
  ".png": "image/png", ".jpg": "image/jpeg", ".txt": "text/plain",
};

export async function serveSite(folder, basePath = "/") {
  const sent = new Map();
  const missing = [];
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, "http://x").pathname);
    let file = path.startsWith(basePath) ? join(folder, path.slice(basePath.length)) : null;
    try {
      if (file && (await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = gzipSync(await readFile(file));
      sent.set(path, body.length);
      response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "content-encoding": "gzip" });
      response.end(body);
    } catch {
      missing.push(path);
      response.writeHead(404, { "content-type": TYPES[".html"] });
      response.end(await readFile(join(folder, "404.html")).catch(() => "not found"));
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, url: (path) => origin + basePath + path.replace(/^\//, ""), sent, missing, close: () => server.close() };
}

export async function launch() {
  const { default: puppeteer } = await import("puppeteer-core");
  return puppeteer.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
}
