// Crawls a built attestor portal in headless Chromium and reports what a
// visitor would hit: console errors and warnings (CSP violations among
// them), uncaught exceptions, failed requests, requests that leave the site
// (blocked: Chromium resolves no other host),
// links to missing files or missing #fragments, axe-core WCAG 2.1 AA
// violations, and horizontal scrolling on a 400 px screen. It saves
// screenshots of the main pages and measures the dashboard's height.
//
//   node crawl.mjs PORTAL --screenshots DIR [--base-path /sub/path/]
//        [--base-url URL] [--json FILE] [--axe all|sample] [--contexts 2]
//
// The portal is served by Node's http server on 127.0.0.1 (a random port)
// under the base path, as GitHub Pages serves a project site: nothing
// outside the folder is served, and a missing path gets the portal's
// 404.html with status 404. `--base-url` is the URL the portal was built
// for; absolute links under it are checked as links into the folder.
// Exit status: 0 when nothing is wrong, 1 on any problem, 2 on bad usage.

import { createServer } from "node:http";
import { readFile, stat, readdir, mkdir, writeFile } from "node:fs/promises";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
// Pages per folder that axe-core checks when a portal is too big to check
// every page in a few minutes (see `--axe`).
const AXE_PER_FOLDER = 6;
const AXE_ALL_UP_TO = 600;
const NARROW = 400;
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml",
};

function usage(message) {
  console.error(`error: ${message}`);
  console.error(
    "usage: node crawl.mjs PORTAL --screenshots DIR [--base-path /sub/path/] [--base-url URL] [--json FILE] [--axe all|sample] [--contexts N]",
  );
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { basePath: "/sub/path/", axe: "auto", contexts: 2, baseUrl: null, json: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => argv[++i] ?? usage(`${arg} needs a value`);
    if (arg === "--screenshots") opts.screenshots = value();
    else if (arg === "--base-path") opts.basePath = value();
    else if (arg === "--base-url") opts.baseUrl = value().replace(/\/+$/, "");
    else if (arg === "--json") opts.json = value();
    else if (arg === "--axe") opts.axe = value();
    else if (arg === "--contexts") opts.contexts = Number(value());
    else if (arg.startsWith("-")) usage(`unknown flag ${arg}`);
    else if (opts.portal) usage(`one portal folder only, got ${arg} too`);
    else opts.portal = path.resolve(arg);
  }
  if (!opts.portal) usage("no portal folder given");
  if (!opts.screenshots) usage("no --screenshots folder given");
  if (!["all", "sample", "auto"].includes(opts.axe)) usage("--axe takes all, sample or auto");
  if (!opts.basePath.startsWith("/")) opts.basePath = `/${opts.basePath}`;
  if (!opts.basePath.endsWith("/")) opts.basePath += "/";
  return opts;
}

async function walk(dir, rel = "") {
  const out = [];
  for (const entry of await readdir(path.join(dir, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await walk(dir, child)));
    else if (entry.isFile()) out.push(child);
  }
  return out;
}

/** The file of the portal a URL path names, or null: never outside it. */
function fileOf(portal, basePath, urlPath) {
  if (!urlPath.startsWith(basePath)) return null;
  let rel;
  try {
    rel = decodeURIComponent(urlPath.slice(basePath.length));
  } catch {
    return null;
  }
  if (rel === "" || rel.endsWith("/")) rel += "index.html";
  const full = path.resolve(portal, rel);
  if (full !== portal && !full.startsWith(portal + path.sep)) return null;
  return { rel: path.relative(portal, full).split(path.sep).join("/"), full };
}

function serve(portal, basePath) {
  const notFound = path.join(portal, "404.html");
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    const file = fileOf(portal, basePath, url.pathname);
    try {
      if (file && (await stat(file.full)).isFile()) {
        const type = TYPES[path.extname(file.full).toLowerCase()] ?? "application/octet-stream";
        // Pages are fetched fresh; the stylesheet, scripts and images are cached.
        const cache = type.startsWith("text/html") ? "no-cache" : "max-age=3600";
        res.writeHead(200, { "content-type": type, "cache-control": cache });
        res.end(await readFile(file.full));
        return;
      }
    } catch {
      // Missing: fall through to the page not found.
    }
    if (file && existsSync(notFound)) {
      res.writeHead(404, { "content-type": TYPES[".html"] });
      res.end(await readFile(notFound));
    } else {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/** Pages axe-core checks: all of a small portal, else a spread per folder. */
function axeSelection(pages, mode) {
  if (mode === "all" || (mode === "auto" && pages.length <= AXE_ALL_UP_TO)) return new Set(pages);
  const byFolder = new Map();
  for (const page of pages) {
    const folder = page.includes("/") ? page.slice(0, page.lastIndexOf("/")) : page;
    if (!byFolder.has(folder)) byFolder.set(folder, []);
    byFolder.get(folder).push(page);
  }
  const chosen = new Set();
  for (const list of byFolder.values()) {
    const n = Math.min(AXE_PER_FOLDER, list.length);
    for (let k = 0; k < n; k++) chosen.add(list[Math.floor((k * list.length) / n)]);
  }
  return chosen;
}

/** The pages to screenshot: name -> portal-relative URL (with a query). */
function screenshotTargets(portal, files) {
  const has = (rel) => files.has(rel);
  const targets = { dashboard: "index.html", tracker: "tasks.html" };
  let status = {};
  try {
    status = JSON.parse(readFileSync(path.join(portal, "status.json"), "utf8"));
  } catch {
    // No status.json: the plan and task shots are left out and reported.
  }
  const plans = (status.documents ?? []).filter((d) => d.kind === "plan" && d.url && has(d.url));
  const plan = plans.find((d) => !/(^|\/)(archive|old)\//.test(d.path)) ?? plans[0];
  if (plan) targets.plan = plan.url;
  const task = (status.tasks ?? []).find((t) => t.url && !t.url.includes("#") && has(t.url));
  if (task) targets.task = task.url;
  targets.graph = "graph.html";
  const word = (task?.title ?? plan?.title ?? "plan").split(/\W+/).find((w) => w.length > 3) ?? "plan";
  targets.search = `search.html?q=${encodeURIComponent(word.toLowerCase())}`;
  return targets;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const files = new Set(await walk(opts.portal));
  const pages = [...files].filter((f) => f.endsWith(".html")).sort();
  const axePages = axeSelection(pages, opts.axe);
  const server = await serve(opts.portal, opts.basePath);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const site = `${origin}${opts.basePath}`;
  const axeSource = readFileSync(path.join(HERE, "node_modules/axe-core/axe.min.js"), "utf8");
  await mkdir(opts.screenshots, { recursive: true });

  const problems = [];
  const notes = [];
  const problem = (page, kind, detail) => problems.push({ page, kind, detail });
  const idsOf = new Map(); // page rel -> Set of ids
  const links = []; // { from, rel, fragment }

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
      // Every host but the loopback server resolves to nothing.
      "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    ],
  });

  /** A link's target inside the portal, or a problem if it leaves it. */
  function linkTarget(from, href) {
    let url;
    try {
      url = new URL(href);
    } catch {
      return;
    }
    if (!["http:", "https:"].includes(url.protocol)) return; // mailto:, data:
    let urlPath;
    if (url.origin === origin) urlPath = url.pathname;
    else if (opts.baseUrl && href.startsWith(`${opts.baseUrl}/`)) {
      urlPath = opts.basePath + href.slice(opts.baseUrl.length + 1).split(/[?#]/)[0];
    } else {
      problem(from, "link off the site", href);
      return;
    }
    const file = fileOf(opts.portal, opts.basePath, urlPath);
    if (!file) {
      problem(from, "link outside the portal", href);
      return;
    }
    links.push({ from, rel: file.rel, fragment: decodeURIComponent(url.hash.slice(1)), href });
  }

  async function newPage() {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const state = { current: null, expect404: false };
    const page = await context.newPage();
    // Chromium resolves no host but the loopback one (see the launch flags),
    // so a request off the site fails; it is reported here. No `route`:
    // intercepting every request would turn off the HTTP cache and double
    // the cost of each page.
    page.on("request", (req) => {
      const url = new URL(req.url());
      if (["http:", "https:", "ws:", "wss:"].includes(url.protocol) && url.origin !== origin) {
        problem(state.current, "request off the site (blocked)", req.url());
      }
    });
    page.on("console", (msg) => {
      // The page not found reports its own status 404: that is the test.
      const own404 = state.expect404 && msg.text().includes("status of 404") && msg.location()?.url?.endsWith(state.current);
      if ((msg.type() === "error" || msg.type() === "warning") && !own404) {
        const at = msg.location()?.url ? ` (${msg.location().url})` : "";
        problem(state.current, `console ${msg.type()}`, msg.text() + at);
      }
    });
    page.on("pageerror", (err) => problem(state.current, "uncaught exception", String(err)));
    page.on("requestfailed", (req) => {
      // ERR_ABORTED: the next navigation cancelled it (a favicon, mostly).
      if (new URL(req.url()).origin === origin && req.failure()?.errorText !== "net::ERR_ABORTED") {
        problem(state.current, "request failed", `${req.url()}: ${req.failure()?.errorText}`);
      }
    });
    page.on("response", (res) => {
      const url = new URL(res.url());
      if (url.origin !== origin || res.status() < 400) return;
      if (state.expect404 && res.request().isNavigationRequest()) return;
      problem(state.current, `HTTP ${res.status()}`, url.pathname);
    });
    return { context, page, state };
  }

  async function visit(tab, rel) {
    const { page, state } = tab;
    state.current = rel;
    const response = await page.goto(site + rel.split("/").map(encodeURIComponent).join("/"), {
      waitUntil: "load",
    });
    if (!response || response.status() !== 200) {
      problem(rel, "page did not load", `status ${response?.status()}`);
    }
    const found = await page.evaluate(() => ({
      ids: [...document.querySelectorAll("[id], a[name]")].map((e) => e.id || e.getAttribute("name")),
      hrefs: [...document.querySelectorAll("a[href]")].map((a) => [a.getAttribute("href"), a.href]),
      title: document.title,
    }));
    idsOf.set(rel, new Set(found.ids));
    if (!found.title.trim()) problem(rel, "no title", "");
    for (const [raw, href] of found.hrefs) {
      if (raw.startsWith("#")) links.push({ from: rel, rel, fragment: decodeURIComponent(raw.slice(1)), href: raw });
      else linkTarget(rel, href);
    }
    if (axePages.has(rel)) await checkPage(page, rel);
  }

  /** axe-core at 1400 px, then the page at 400 px: no horizontal scroll. */
  async function checkPage(page, rel) {
    const defined = await page.evaluate(() => typeof window.axe !== "undefined");
    if (!defined) await page.evaluate(axeSource);
    const result = await page.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
      AXE_TAGS,
    );
    for (const v of result.violations) {
      const targets = v.nodes.slice(0, 5).map((n) => n.target.join(" ")).join(" | ");
      const more = v.nodes.length > 5 ? ` (+${v.nodes.length - 5} more)` : "";
      problem(rel, `axe ${v.id} (${v.impact})`, `${v.help}: ${targets}${more}`);
    }
    await page.setViewportSize({ width: NARROW, height: 900 });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    if (wide > NARROW) {
      const culprit = await page.evaluate((limit) => {
        const over = [...document.body.querySelectorAll("*")].filter((e) => e.getBoundingClientRect().right > limit + 1);
        const leaf = over.find((e) => ![...e.children].some((c) => over.includes(c))) ?? over[0];
        if (!leaf) return "";
        const id = leaf.id ? `#${leaf.id}` : "";
        const cls = leaf.className && typeof leaf.className === "string" ? `.${leaf.className.trim().split(/\s+/).join(".")}` : "";
        return `${leaf.tagName.toLowerCase()}${id}${cls}`;
      }, NARROW);
      problem(rel, "horizontal scroll at 400 px", `page is ${wide} px wide; widest: ${culprit}`);
    }
    await page.setViewportSize({ width: 1400, height: 900 });
  }

  // Visit every page with N tabs in their own contexts, side by side.
  const tabs = await Promise.all(Array.from({ length: Math.max(1, opts.contexts) }, newPage));
  let next = 0;
  let done = 0;
  const timings = [];
  await Promise.all(
    tabs.map(async (tab) => {
      while (next < pages.length) {
        const rel = pages[next++];
        const at = Date.now();
        try {
          await visit(tab, rel);
        } catch (err) {
          problem(rel, "visit failed", String(err).split("\n")[0]);
        }
        timings.push([Date.now() - at, rel]);
        if (++done % 250 === 0) console.error(`[${done}/${pages.length}] ${Math.round((Date.now() - started) / 1000)} s`);
      }
    }),
  );
  const slowest = timings.sort((a, b) => b[0] - a[0]).slice(0, 5).map(([ms, rel]) => ({ page: rel, seconds: ms / 1000 }));
  const crawled = Date.now();

  // The page not found, two folders deep, as a host serves it.
  const tab = tabs[0];
  const missing = "no/such/page.html";
  tab.state.current = missing;
  tab.state.expect404 = true;
  const response = await tab.page.goto(site + missing, { waitUntil: "load" });
  if (response.status() !== 404) problem(missing, "page not found", `status ${response.status()}, not 404`);
  // The theme sets the body's margin to 0; a browser's own default is 8 px.
  const styled = await tab.page.evaluate(() => getComputedStyle(document.body).marginTop === "0px");
  if (!styled) problem(missing, "page not found", "no stylesheet applied two folders deep");
  const notFoundLinks = await tab.page.evaluate(() => [...document.querySelectorAll("a[href]")].map((a) => a.href));
  for (const href of notFoundLinks) {
    if (!href.includes("#")) linkTarget(missing, href);
  }
  await checkPage(tab.page, missing);
  tab.state.expect404 = false;

  // Links and fragments, now that every page's ids are known.
  for (const link of links) {
    if (!files.has(link.rel)) {
      problem(link.from, "broken link", `${link.href} (no file ${link.rel})`);
      continue;
    }
    if (!link.fragment) continue;
    let ids = idsOf.get(link.rel);
    if (!ids) {
      const text = readFileSync(path.join(opts.portal, link.rel), "utf8");
      ids = new Set([...text.matchAll(/\bid=["']?([^"'\s>]+)/g)].map((m) => m[1]));
      idsOf.set(link.rel, ids);
    }
    if (!ids.has(link.fragment)) problem(link.from, "broken fragment", `${link.href} (no id "${link.fragment}" in ${link.rel})`);
  }

  // Screenshots and the dashboard's height.
  const shots = {};
  let dashboardHeight = null;
  for (const [name, rel] of Object.entries(screenshotTargets(opts.portal, files))) {
    const file = rel.split("?")[0];
    if (!files.has(file)) {
      notes.push(`no ${name} screenshot: ${file} is not in the portal`);
      continue;
    }
    tab.state.current = rel;
    await tab.page.goto(site + rel, { waitUntil: "networkidle" });
    const height = await tab.page.evaluate(() => document.documentElement.scrollHeight);
    if (name === "dashboard") dashboardHeight = height;
    const out = path.join(opts.screenshots, `${name}.png`);
    await tab.page.screenshot({ path: out, fullPage: height <= 8000 });
    shots[name] = { page: rel, file: out, height };
    // The same page in dark mode: a screenshot, and axe-core on its colours.
    tab.state.current = `${rel} (dark)`;
    await tab.page.emulateMedia({ colorScheme: "dark" });
    await checkPage(tab.page, tab.state.current);
    const dark = path.join(opts.screenshots, `${name}-dark.png`);
    await tab.page.screenshot({ path: dark });
    await tab.page.emulateMedia({ colorScheme: "light" });
  }

  await browser.close();
  server.close();
  const summary = {
    portal: opts.portal,
    pages: pages.length,
    axe_pages: axePages.size + 1,
    axe_mode: axePages.size === pages.length ? "all" : `sample (${AXE_PER_FOLDER} per folder)`,
    links: links.length,
    seconds: Math.round((Date.now() - started) / 100) / 10,
    crawl_seconds: Math.round((crawled - started) / 100) / 10,
    slowest,
    dashboard_height: dashboardHeight,
    screenshots: shots,
    notes,
    problems,
  };
  if (opts.json) await writeFile(opts.json, JSON.stringify(summary, null, 2));
  for (const p of problems) console.log(`problem: ${p.page}: ${p.kind}: ${p.detail}`);
  for (const n of notes) console.log(`note: ${n}`);
  for (const [name, shot] of Object.entries(shots)) console.log(`screenshot: ${name}: ${shot.file} (${shot.page}, ${shot.height} px tall)`);
  for (const slow of slowest) console.log(`slow: ${slow.page}: ${slow.seconds} s`);
  console.log(
    `crawled ${summary.pages} pages (axe-core on ${summary.axe_pages}, ${summary.axe_mode}), ${summary.links} links, ` +
      `in ${summary.seconds} s; dashboard ${dashboardHeight} px tall at 1400 px; ${problems.length} problems`,
  );
  process.exit(problems.length ? 1 : 0);
}

main().catch((err) => {
  console.error(`error: ${err.stack ?? err}`);
  process.exit(2);
});
