// Crawls a built attestor portal in headless Chromium and reports what a
// visitor would hit: console errors and warnings (CSP violations among
// them), uncaught exceptions, failed requests, requests that leave the site
// (blocked: Chromium resolves no other host), links to missing files or
// missing #fragments, axe-core WCAG 2.1 AA violations on every page, and
// horizontal scrolling on a 400 px screen. It saves screenshots of the main
// pages (in light and dark mode) and measures the dashboard's height.
//
//   node crawl.mjs PORTAL --screenshots DIR [--base-path /sub/path/]
//        [--base-url URL] [--json FILE] [--axe all|sample] [--contexts N]
//        [--limit N]
//
// The portal is served by Node's http server on 127.0.0.1 (a random port)
// under the base path, as GitHub Pages serves a project site: nothing
// outside the folder is served, and a missing path gets the portal's
// 404.html with status 404. `--base-url` is the URL the portal was built
// for; absolute links under it are checked as links into the folder.
// `--axe sample` runs axe-core on a few pages per folder only (a quick look
// at a big portal); the default, `all`, runs it on every page. `--limit N`
// visits N pages spread over the portal, to time a change quickly (links
// are still checked on every page).
// Exit status: 0 when nothing is wrong, 1 on any problem, 2 on bad usage.
//
// Where the time goes, per page and browser context, on the generated
// 1,000-document tree (4,418 pages), measured on 2 cores shared with other
// builds (load average 13 to 18, so every figure is inflated and noisy):
// axe-core 0.7 to 1.4 s (the tracker's facet pages, 994 of them with about
// 1,300 text nodes each for the colour-contrast rule, 3 to 5 s; that rule is
// 3/4 of axe's time there), loading the page 0.3 to 0.55 s, the 400 px check
// 0.06 to 0.2 s; the crawl used 0.66 to 0.8 CPU seconds a page in all
// (renderer 57 %, browser process 22 %, compositor 8 %, Node 8 %). Before
// this shape, sending axe-core into each page cost 0.3 to 0.4 s (as an init
// script about 0.07 CPU seconds of it remain, in the load) and asking each
// page for its links 0.1 s; side by side on 100 pages under that load the
// two shapes took the same wall time, and the new one 0 to 10 % less CPU.
// So: links, fragments and titles are
// read in Node from the files, each parsed once, not asked of the browser
// page by page; axe-core is installed once per browser context as an init
// script rather than sent over the wire with every page; and each page is
// laid out at 400 px as it loads (the scroll check), then once at 1400 px
// for axe, not at 1400, 400 and 1400 again. `N` contexts (default 2, one
// per core) crawl side by side. The summary gives the seconds of each step
// and the CPU seconds of the run, which say more than the wall clock on a
// busy machine.

import { createServer } from "node:http";
import { readFile, stat, readdir, mkdir, writeFile } from "node:fs/promises";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Parser } from "htmlparser2";
import { chromium } from "playwright-core";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
// Pages per folder that axe-core checks with `--axe sample`.
const AXE_PER_FOLDER = 6;
const NARROW = { width: 400, height: 900 };
const WIDE = { width: 1400, height: 900 };
// A page that takes longer than this to load, or axe-core longer than this
// to check, is reported (a busy CI machine is slow, not this slow).
const PAGE_TIMEOUT_MS = 120_000;
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
    "usage: node crawl.mjs PORTAL --screenshots DIR [--base-path /sub/path/] [--base-url URL] [--json FILE] [--axe all|sample] [--contexts N] [--limit N]",
  );
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { basePath: "/sub/path/", axe: "all", contexts: 2, baseUrl: null, json: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => argv[++i] ?? usage(`${arg} needs a value`);
    if (arg === "--screenshots") opts.screenshots = value();
    else if (arg === "--base-path") opts.basePath = value();
    else if (arg === "--base-url") opts.baseUrl = value().replace(/\/+$/, "");
    else if (arg === "--json") opts.json = value();
    else if (arg === "--axe") opts.axe = value();
    else if (arg === "--contexts") opts.contexts = Number(value());
    else if (arg === "--limit") opts.limit = Number(value());
    else if (arg.startsWith("-")) usage(`unknown flag ${arg}`);
    else if (opts.portal) usage(`one portal folder only, got ${arg} too`);
    else opts.portal = path.resolve(arg);
  }
  if (!opts.portal) usage("no portal folder given");
  if (!opts.screenshots) usage("no --screenshots folder given");
  if (!["all", "sample"].includes(opts.axe)) usage("--axe takes all or sample");
  if (opts.limit !== undefined && !(Number.isInteger(opts.limit) && opts.limit > 0)) usage("--limit takes a whole number, 1 or more");
  if (!Number.isInteger(opts.contexts) || opts.contexts < 1) usage("--contexts takes a whole number, 1 or more");
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

/** CPU seconds used so far by this process and every process it started
 * (Chromium's among them), from /proc; null where there is none. */
function cpuSeconds() {
  if (!existsSync("/proc/self/stat")) return null;
  const parents = new Map();
  const ticks = new Map();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    let line;
    try {
      line = readFileSync(`/proc/${name}/stat`, "utf8");
    } catch {
      continue; // ended meanwhile
    }
    // After "pid (comm) ": state, ppid, ..., utime, stime, cutime, cstime.
    const f = line.slice(line.lastIndexOf(")") + 2).split(" ");
    parents.set(Number(name), Number(f[1]));
    ticks.set(Number(name), Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]));
  }
  let total = 0;
  for (const [pid, t] of ticks) {
    for (let p = pid; p > 1; p = parents.get(p) ?? 0) {
      if (p === process.pid) {
        total += t;
        break;
      }
    }
  }
  return total / 100; // USER_HZ is 100 on Linux
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

/** What a page's HTML holds for the link check, as a browser reads it:
 * every id (and `<a name>`), the links a visitor can follow (`a` and
 * `area` hrefs, SVG's `xlink:href` too, and form actions), the document's
 * title and its `<base href>`. Entities are decoded; the text of scripts,
 * styles and comments is not markup. */
function readPage(html) {
  const page = { ids: new Set(), links: [], title: null, base: null };
  let title = null; // the first HTML <title>'s text while inside it
  let svg = 0;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (attrs.id !== undefined) page.ids.add(attrs.id);
        if (name === "svg") svg += 1;
        if (name === "a" && attrs.name !== undefined) page.ids.add(attrs.name);
        if (name === "a" || name === "area") {
          const href = attrs.href ?? attrs["xlink:href"];
          if (href !== undefined) page.links.push(href);
        }
        if (name === "form" && attrs.action) page.links.push(attrs.action);
        if (name === "base" && attrs.href !== undefined && page.base === null) page.base = attrs.href;
        if (name === "title" && svg === 0 && page.title === null && title === null) title = "";
      },
      ontext(text) {
        if (title !== null) title += text;
      },
      onclosetag(name) {
        if (name === "title" && title !== null) {
          page.title = title;
          title = null;
        }
        if (name === "svg" && svg > 0) svg -= 1;
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return page;
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
  // Chromium keeps its connections open between pages; so does the server.
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/** Pages axe-core checks: all of them, or with `sample` a spread per folder. */
function axeSelection(pages, mode) {
  if (mode === "all") return new Set(pages);
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

/** A portal-relative path as a URL path: each segment encoded. */
function encodePath(rel) {
  const [file, query] = rel.split("?");
  return file.split("/").map(encodeURIComponent).join("/") + (query === undefined ? "" : `?${query}`);
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
  // Printed as found: a long crawl shows its problems while it runs.
  const problem = (page, kind, detail) => {
    problems.push({ page, kind, detail });
    console.log(`problem: ${page}: ${kind}: ${detail}`);
  };
  // Seconds spent in each step, summed over the contexts.
  const spent = {};
  const timed = async (step, work) => {
    const at = performance.now();
    try {
      return await work();
    } finally {
      spent[step] = (spent[step] ?? 0) + (performance.now() - at) / 1000;
    }
  };

  const launched = chromium.launch({
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
  // Keep a launch failure for the await below, not an unhandled rejection.
  launched.catch(() => {});

  /** A link's target inside the portal: { rel, fragment }, or null after
   * reporting a link that leaves the site or the portal, or cannot be read. */
  function linkTarget(from, raw, pageUrl) {
    let url;
    try {
      url = new URL(raw, pageUrl);
    } catch {
      problem(from, "broken link", `${raw} (not a URL)`);
      return null;
    }
    if (!["http:", "https:"].includes(url.protocol)) return null; // mailto:, data:
    let urlPath;
    if (url.origin === origin) urlPath = url.pathname;
    else if (opts.baseUrl && url.href.startsWith(`${opts.baseUrl}/`)) {
      urlPath = opts.basePath + url.href.slice(opts.baseUrl.length + 1).split(/[?#]/)[0];
    } else {
      problem(from, "link off the site", raw);
      return null;
    }
    const file = fileOf(opts.portal, opts.basePath, urlPath);
    if (!file) {
      problem(from, "link outside the portal", raw);
      return null;
    }
    let fragment = url.hash.slice(1);
    try {
      fragment = decodeURIComponent(fragment);
    } catch {
      // Not percent-encoded UTF-8: the browser looks for the id as written.
    }
    return { rel: file.rel, fragment };
  }

  // Every page read once, while Chromium starts: its ids for the fragment
  // check, its links, its title.
  const read = await timed("read", async () => {
    const out = new Map();
    for (const rel of pages) {
      const html = await readFile(path.join(opts.portal, rel), "utf8");
      out.set(rel, readPage(html));
    }
    return out;
  });
  const idsOf = (rel) => {
    if (!read.has(rel) && files.has(rel)) read.set(rel, readPage(readFileSync(path.join(opts.portal, rel), "utf8")));
    return read.get(rel)?.ids ?? new Set();
  };
  let nLinks = 0;
  /** Checks one link of `from` (shown at `pageUrl`): its file, its fragment. */
  function checkLink(from, raw, pageUrl) {
    nLinks += 1;
    const target = linkTarget(from, raw, pageUrl);
    if (!target) return;
    if (!files.has(target.rel)) {
      problem(from, "broken link", `${raw} (no file ${target.rel})`);
    } else if (target.fragment && !idsOf(target.rel).has(target.fragment)) {
      problem(from, "broken fragment", `${raw} (no id "${target.fragment}" in ${target.rel})`);
    }
  }
  for (const rel of pages) {
    const page = read.get(rel);
    const pageUrl = site + encodePath(rel);
    let base = pageUrl;
    if (page.base !== null) {
      try {
        base = new URL(page.base, pageUrl).href;
      } catch {
        problem(rel, "broken link", `<base href="${page.base}"> (not a URL)`);
      }
    }
    if (!page.title?.trim()) problem(rel, "no title", "");
    for (const raw of page.links) checkLink(rel, raw, base);
  }

  const browser = await launched;

  async function newTab() {
    const context = await browser.newContext({ viewport: WIDE });
    // axe-core in every document of the context from its start: sent to
    // Chromium once, not with each page.
    await context.addInitScript({ content: axeSource });
    const state = { current: null, expect404: false, width: WIDE.width };
    const page = await context.newPage();
    page.setDefaultTimeout(PAGE_TIMEOUT_MS);
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

  async function setWidth(tab, size) {
    if (tab.state.width === size.width) return;
    await tab.page.setViewportSize(size);
    tab.state.width = size.width;
  }

  /** The page at 400 px: no horizontal scroll. The viewport is left there. */
  async function checkNarrow(tab, label) {
    await setWidth(tab, NARROW);
    const wide = await tab.page.evaluate(() => document.documentElement.scrollWidth);
    if (wide <= NARROW.width) return;
    const culprit = await tab.page.evaluate((limit) => {
      // An element past the edge, or one whose content overflows it there.
      const past = (e) => {
        const box = e.getBoundingClientRect();
        return box.right > limit + 1 || box.left + e.scrollWidth > limit + 1;
      };
      const over = [...document.body.querySelectorAll("*")].filter(past);
      const leaf = over.find((e) => ![...e.children].some((c) => over.includes(c))) ?? over[0];
      if (!leaf) return "";
      const id = leaf.id ? `#${leaf.id}` : "";
      const cls = leaf.className && typeof leaf.className === "string" ? `.${leaf.className.trim().split(/\s+/).join(".")}` : "";
      return `${leaf.tagName.toLowerCase()}${id}${cls}`;
    }, NARROW.width);
    problem(label, "horizontal scroll at 400 px", `page is ${wide} px wide; widest: ${culprit}`);
  }

  let axeChecked = 0; // runs of axe-core
  let axePagesChecked = 0; // pages of the crawl it checked to the end
  /** axe-core at 1400 px: WCAG 2.1 A and AA, violations only. */
  async function checkAxe(tab, label) {
    await setWidth(tab, WIDE);
    const { page } = tab;
    // The init script put axe-core in the page; a page that replaced it
    // (or a document the script missed) gets it again.
    if (!(await page.evaluate(() => typeof window.axe?.run === "function"))) await page.evaluate(axeSource);
    // axe-core preloads two assets before it checks: every stylesheet
    // again (the CSSOM) and the page's audio and video. Of the A and AA
    // rules only `no-autoplay-audio` reads either (the CSSOM is for an
    // experimental rule, which a run by tag leaves out), and only where the
    // page has a media element; elsewhere the preload is 0.1 to 0.2 s of
    // every page's check for nothing.
    const result = await page.evaluate(
      (tags) =>
        window.axe.run(document, {
          runOnly: { type: "tag", values: tags },
          resultTypes: ["violations"],
          preload: document.querySelector("audio, video") !== null,
        }),
      AXE_TAGS,
    );
    axeChecked += 1;
    for (const v of result.violations) {
      const targets = v.nodes.slice(0, 5).map((n) => n.target.join(" ")).join(" | ");
      const more = v.nodes.length > 5 ? ` (+${v.nodes.length - 5} more)` : "";
      problem(label, `axe ${v.id} (${v.impact})`, `${v.help}: ${targets}${more}`);
    }
  }

  /** One page of the crawl: loaded (laid out at 400 px as it loads, the
   * scroll check), then checked by axe-core at 1400 px. */
  async function visit(tab, rel) {
    const { page, state } = tab;
    state.current = rel;
    const response = await timed("load", async () => {
      // Once the new document is committed the old one is gone: the width
      // changes for the new page only, before its first layout, mostly.
      const response = await page.goto(site + encodePath(rel), { waitUntil: "commit" });
      await setWidth(tab, NARROW);
      await page.waitForLoadState("load");
      return response;
    });
    if (!response || response.status() !== 200) {
      problem(rel, "page did not load", `status ${response?.status()}`);
    }
    await timed("narrow", () => checkNarrow(tab, rel));
    if (axePages.has(rel)) {
      await timed("axe", () => checkAxe(tab, rel));
      axePagesChecked += 1;
    }
  }

  /** The links of the page a tab shows, read from its DOM (what its
   * scripts wrote included): a link into the same document needs its id
   * there, any other is checked as the crawl checks every page's links. */
  async function checkDomLinks(tab, label) {
    const found = await tab.page.evaluate(() => ({
      ids: [...document.querySelectorAll("[id], a[name]")].map((e) => e.id || e.getAttribute("name")),
      hrefs: [...document.querySelectorAll("a[href], area[href]")].map((a) => a.getAttribute("href")),
      url: document.URL,
    }));
    const here = found.url.split("#")[0];
    const ids = new Set(found.ids);
    for (const raw of found.hrefs) {
      let url;
      try {
        url = new URL(raw, found.url);
      } catch {
        checkLink(label, raw, found.url); // reported there
        continue;
      }
      if (url.href.split("#")[0] !== here) {
        checkLink(label, raw, found.url);
        continue;
      }
      nLinks += 1;
      let fragment = url.hash.slice(1);
      try {
        fragment = decodeURIComponent(fragment);
      } catch {
        // As written.
      }
      if (fragment && !ids.has(fragment)) problem(label, "broken fragment", `${raw} (no id "${fragment}" on the page)`);
    }
  }

  // Visit every page with N tabs in their own contexts, side by side.
  const tabs = await Promise.all(Array.from({ length: opts.contexts }, newTab));
  const visits = opts.limit && opts.limit < pages.length
    ? Array.from({ length: opts.limit }, (_, k) => pages[Math.floor((k * pages.length) / opts.limit)])
    : pages;
  const cpuAtCrawl = cpuSeconds();
  const crawlStarted = Date.now();
  let next = 0;
  let done = 0;
  const timings = [];
  await Promise.all(
    tabs.map(async (tab) => {
      while (next < visits.length) {
        const rel = visits[next++];
        const at = Date.now();
        try {
          await visit(tab, rel);
        } catch (err) {
          problem(rel, "visit failed", String(err).split("\n")[0]);
          // The tab may be anywhere now: its width is set again next time.
          tab.state.width = null;
        }
        timings.push([Date.now() - at, rel]);
        if (++done % 250 === 0) console.error(`[${done}/${visits.length}] ${Math.round((Date.now() - started) / 1000)} s`);
      }
    }),
  );
  const slowest = timings.sort((a, b) => b[0] - a[0]).slice(0, 5).map(([ms, rel]) => ({ page: rel, seconds: ms / 1000 }));
  const crawled = Date.now();
  const cpuCrawl = cpuSeconds();

  // The page not found, two folders deep, as a host serves it.
  const tab = tabs[0];
  const missing = "no/such/page.html";
  tab.state.current = missing;
  tab.state.expect404 = true;
  await setWidth(tab, WIDE);
  const response = await tab.page.goto(site + missing, { waitUntil: "load" });
  if (response.status() !== 404) problem(missing, "page not found", `status ${response.status()}, not 404`);
  // The theme sets the body's margin to 0; a browser's own default is 8 px.
  const styled = await tab.page.evaluate(() => getComputedStyle(document.body).marginTop === "0px");
  if (!styled) problem(missing, "page not found", "no stylesheet applied two folders deep");
  await checkDomLinks(tab, missing);
  await checkAxe(tab, missing);
  await checkNarrow(tab, missing);
  tab.state.expect404 = false;

  // Screenshots and the dashboard's height; the links of each page as the
  // browser shows them (search results are written by the page's script).
  const shots = {};
  let dashboardHeight = null;
  await timed("screenshots", async () => {
    for (const [name, rel] of Object.entries(screenshotTargets(opts.portal, files))) {
      const file = rel.split("?")[0];
      if (!files.has(file)) {
        notes.push(`no ${name} screenshot: ${file} is not in the portal`);
        continue;
      }
      tab.state.current = rel;
      await setWidth(tab, WIDE);
      await tab.page.goto(site + encodePath(rel), { waitUntil: "networkidle" });
      await checkDomLinks(tab, rel);
      const height = await tab.page.evaluate(() => document.documentElement.scrollHeight);
      if (name === "dashboard") dashboardHeight = height;
      const out = path.join(opts.screenshots, `${name}.png`);
      await tab.page.screenshot({ path: out, fullPage: height <= 8000 });
      shots[name] = { page: rel, file: out, height };
      // The same page in dark mode: axe-core on its colours, and a screenshot.
      tab.state.current = `${rel} (dark)`;
      await tab.page.emulateMedia({ colorScheme: "dark" });
      await checkAxe(tab, tab.state.current);
      await checkNarrow(tab, tab.state.current);
      await setWidth(tab, WIDE);
      const dark = path.join(opts.screenshots, `${name}-dark.png`);
      await tab.page.screenshot({ path: dark });
      await tab.page.emulateMedia({ colorScheme: "light" });
    }
  });

  const cpuEnd = cpuSeconds(); // before Chromium's processes end
  await browser.close();
  server.close();
  const round = (x) => Math.round(x * 10) / 10;
  const summary = {
    portal: opts.portal,
    pages: pages.length,
    visited: visits.length,
    // Pages of the portal axe-core checked; axe_runs adds the page not
    // found at depth and the screenshot pages in dark mode.
    axe_pages: axePagesChecked,
    axe_runs: axeChecked,
    axe_mode: opts.axe === "all" ? "all" : `sample (${AXE_PER_FOLDER} per folder)`,
    links: nLinks,
    contexts: opts.contexts,
    seconds: round((Date.now() - started) / 1000),
    crawl_seconds: round((crawled - crawlStarted) / 1000),
    seconds_per_page: visits.length ? Math.round((crawled - crawlStarted) / visits.length) / 1000 : null,
    // The CPU time of the crawl and of the whole run (Node and Chromium):
    // what the wall clock would be on one idle core.
    cpu_seconds: cpuEnd === null ? null : { crawl: round(cpuCrawl - cpuAtCrawl), total: round(cpuEnd) },
    step_seconds: Object.fromEntries(Object.entries(spent).map(([k, v]) => [k, round(v)])),
    slowest,
    dashboard_height: dashboardHeight,
    screenshots: shots,
    notes,
    problems,
  };
  if (opts.json) await writeFile(opts.json, JSON.stringify(summary, null, 2));
  for (const n of notes) console.log(`note: ${n}`);
  for (const [name, shot] of Object.entries(shots)) console.log(`screenshot: ${name}: ${shot.file} (${shot.page}, ${shot.height} px tall)`);
  for (const slow of slowest) console.log(`slow: ${slow.page}: ${slow.seconds} s`);
  const steps = Object.entries(summary.step_seconds).map(([k, v]) => `${k} ${v} s`).join(", ");
  const cpu = summary.cpu_seconds ? `; CPU ${summary.cpu_seconds.crawl} s in the crawl, ${summary.cpu_seconds.total} s in all` : "";
  console.log(`steps (summed over ${opts.contexts} contexts): ${steps}${cpu}`);
  console.log(
    `crawled ${summary.visited} of ${summary.pages} pages, axe-core on ${axePagesChecked} of them (${summary.axe_mode}; ${axeChecked} runs with dark mode and the page not found), ` +
      `${summary.links} links, in ${summary.seconds} s (crawl ${summary.crawl_seconds} s, ${summary.seconds_per_page} s a page); ` +
      `dashboard ${dashboardHeight} px tall at 1400 px; ${problems.length} problems`,
  );
  process.exit(problems.length ? 1 : 0);
}

main().catch((err) => {
  console.error(`error: ${err.stack ?? err}`);
  process.exit(2);
});
