// Opens a page of `attestor serve` in headless Chromium, changes the
// document it shows, and waits for the page to show the change by itself
// (the reload script), reporting console messages and page errors such as
// a Content-Security-Policy violation.
//
// node serve-reload.mjs URL FILE MARKER  (prints one JSON line)
import { chromium } from "playwright-core";
import { appendFileSync } from "node:fs";

const [url, file, marker] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox"],
});
const result = { reloaded: false, messages: [] };
try {
  const page = await browser.newPage();
  page.on("console", (m) => result.messages.push(`${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => result.messages.push(`pageerror: ${e}`));
  await page.goto(url);
  // The poll starts after the load event; give it a moment to be asked.
  await page.waitForTimeout(500);
  appendFileSync(file, `\n\n${marker}\n`);
  await page.waitForFunction((m) => document.body.innerText.includes(m), marker, {
    timeout: 90000,
  });
  result.reloaded = true;
} catch (err) {
  result.messages.push(`harness: ${err}`);
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
