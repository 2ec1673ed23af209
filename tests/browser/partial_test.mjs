// naskah UI with a shard down: the search page and the dashboard say the answer is partial
// and name the shard. Run by ShardsE2E.TheApiSaysWhenAShardIsDown against a naskah serve
// whose index.shards has one stopped xapian-tcpsrv.
//   NASKAH_URL NASKAH_USER NASKAH_PASSWORD NASKAH_DOWN (the shard's address) NASKAH_ARTIFACTS
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

const BASE = (process.env.NASKAH_URL || '').replace(/\/+$/, '');
const USER = process.env.NASKAH_USER || '';
const PASSWORD = process.env.NASKAH_PASSWORD || '';
const DOWN = process.env.NASKAH_DOWN || '';
const ARTIFACTS = path.resolve(process.env.NASKAH_ARTIFACTS || 'ui-artifacts');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
if (!BASE || !USER || !PASSWORD || !DOWN) {
  console.error('partial_test: needs NASKAH_URL, NASKAH_USER, NASKAH_PASSWORD, NASKAH_DOWN');
  process.exit(1);
}
fs.mkdirSync(ARTIFACTS, { recursive: true });

function fail(msg) { throw new Error(msg); }

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
let page;
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'id-ID' });
  page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(`${BASE}/login`);
  await page.fill('#login-user', USER);
  await page.fill('#login-password', PASSWORD);
  await page.click('#login-submit');
  await page.waitForURL((url) => !/\/login/.test(url.pathname));

  for (const [where, file] of [['/search?q=kerja+sama', 'partial-search.png'], ['/dashboard', 'partial-dashboard.png']]) {
    await page.goto(`${BASE}${where}`);
    const notice = page.locator('#partial-notice');
    await notice.waitFor({ state: 'visible' });
    const text = await notice.textContent();
    if (!text.includes(DOWN)) fail(`${where}: the notice does not name ${DOWN}: ${text}`);
    if (!/belum lengkap/.test(text)) fail(`${where}: the notice does not say the results are incomplete: ${text}`);
    await page.screenshot({ path: path.join(ARTIFACTS, file), fullPage: true });
    console.log(`ok ${where}: ${text.trim().slice(0, 120)}`);
  }
} catch (e) {
  if (page) await page.screenshot({ path: path.join(ARTIFACTS, 'partial-failure.png'), fullPage: true }).catch(() => {});
  console.error(`FAIL ${e.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
