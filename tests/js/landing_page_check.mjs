// Opens mcpd's landing page in Debian's headless Chromium (driven by playwright-core, no
// browser download), checks the rendered title, searches through the page's search box,
// and saves two screenshots for the caller to read back with OCR:
//   before.png  the page as loaded (the title, no results)
//   after.png   after the search (the first result's title visible)
// Then it searches for a page whose title holds markup and checks that the markup shows
// as text and creates no element. Every request that leaves 127.0.0.1 is aborted and
// counted, and Content-Security-Policy violations are collected; either fails the check.
//
//   node landing_page_check.mjs --url http://127.0.0.1:PORT --query WORDS
//     --expect-result "TITLE" --markup-query WORD --markup-title "TITLE" --out DIR
//     [--chromium /usr/bin/chromium] [--timeout-ms 15000]
// Prints one line of JSON with what it saw; exits 1 with a reason on any failure.
import { chromium } from 'playwright-core';
import path from 'node:path';

function parseArgs(argv) {
  const args = { chromium: '/usr/bin/chromium', timeoutMs: 15000 };
  for (let i = 2; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '').replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    args[name] = argv[i + 1];
  }
  for (const required of ['url', 'query', 'expectResult', 'markupQuery', 'markupTitle', 'out']) {
    if (!args[required]) throw new Error(`missing --${required}`);
  }
  args.timeoutMs = Number(args.timeoutMs);
  return args;
}

function fail(message) {
  console.error(`landing_page_check: ${message}`);
  process.exit(1);
}

const args = parseArgs(process.argv);
const origin = new URL(args.url).origin;
if (new URL(args.url).hostname !== '127.0.0.1') fail(`--url must be on 127.0.0.1: ${args.url}`);

const browser = await chromium.launch({
  executablePath: args.chromium,
  // Tests run as root, where Chromium's sandbox cannot start.
  args: ['--no-sandbox', '--no-proxy-server', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
  timeout: args.timeoutMs,
});
const seen = { offOrigin: [], cspViolations: [], pageErrors: [] };
try {
  const context = await browser.newContext({
    viewport: { width: 1100, height: 900 },
    deviceScaleFactor: 2, // sharper glyphs for OCR
  });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + '/')) return route.continue();
    seen.offOrigin.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.setDefaultTimeout(args.timeoutMs);
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.cspViolations.push(message.text());
  });
  page.on('pageerror', (error) => seen.pageErrors.push(String(error)));

  const response = await page.goto(args.url + '/', { waitUntil: 'load' });
  if (!response || response.status() !== 200) fail(`GET / answered ${response?.status()}`);
  const title = await page.title();
  const heading = (await page.locator('h1').textContent())?.trim();
  const mcpUrl = (await page.locator('#mcp-url').textContent())?.trim();
  const certificate = (await page.locator('#certificate').textContent())?.trim();
  await page.screenshot({ path: path.join(args.out, 'before.png') });

  // A person's search: type into the box and press Enter.
  await page.locator('#search-input').fill('');
  await page.locator('#search-input').type(args.query, { delay: 20 });
  await page.locator('#search-input').press('Enter');
  const first = page.locator('#results li.result .title').first();
  await first.waitFor({ state: 'visible', timeout: args.timeoutMs });
  const firstTitle = (await first.textContent())?.trim();
  if (firstTitle !== args.expectResult) {
    fail(`first result is "${firstTitle}", expected "${args.expectResult}"`);
  }
  const searchStatus = (await page.locator('#search-status').textContent())?.trim();
  const addressBar = page.url();
  await page.screenshot({ path: path.join(args.out, 'after.png') });

  // Corpus text with markup: shown as text, no element made from it.
  await page.locator('#search-input').fill(args.markupQuery);
  await page.locator('#search-input').press('Enter');
  await page.locator('#results li.result .title', { hasText: 'zebra' }).first()
    .waitFor({ state: 'visible', timeout: args.timeoutMs });
  const markup = await page.evaluate(() => {
    const results = document.getElementById('results');
    return {
      title: results.querySelector('.title').textContent,
      elements: [...results.querySelectorAll('b, script, img')].length,
      link: results.querySelector('.title').tagName,
    };
  });
  if (markup.title !== args.markupTitle) {
    fail(`markup title shown as "${markup.title}", expected the text "${args.markupTitle}"`);
  }
  if (markup.elements !== 0) fail(`corpus markup became ${markup.elements} element(s)`);

  if (seen.offOrigin.length) fail(`requests left ${origin}: ${seen.offOrigin.join(', ')}`);
  if (seen.cspViolations.length) fail(`CSP violations: ${seen.cspViolations.join(' | ')}`);
  if (seen.pageErrors.length) fail(`script errors: ${seen.pageErrors.join(' | ')}`);
  console.log(JSON.stringify({ title, heading, mcpUrl, certificate, firstTitle, searchStatus,
    addressBar, markup }));
} catch (error) {
  fail(error.stack || String(error));
} finally {
  await browser.close();
}
