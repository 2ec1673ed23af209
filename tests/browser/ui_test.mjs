// Browser test of the naskah web UI against a running `naskah serve`.
//
//   cd tests/browser && npm ci && \
//   NASKAH_URL=http://127.0.0.1:18080 NASKAH_OPERATOR=op NASKAH_OPERATOR_PASSWORD=secret \
//   NASKAH_UPLOAD_FILE=/path/scan.pdf NASKAH_ARTIFACTS=/tmp/ui-artifacts NASKAH_QUERY=pelayanan \
//   NASKAH_XSS_ID=<sha256 of the hostile sample> NASKAH_VIEWER=v NASKAH_VIEWER_PASSWORD=secret \
//   node ui_test.mjs
//
// Drives the system Chromium (/usr/bin/chromium, or $CHROMIUM) through playwright-core.
// Prints one line per step; exits 0 when every step passed, 1 at the first failure (and saves
// failure.png in NASKAH_ARTIFACTS).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

const BASE = (process.env.NASKAH_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '');
const USER = process.env.NASKAH_OPERATOR || '';
const PASSWORD = process.env.NASKAH_OPERATOR_PASSWORD || '';
const UPLOAD_FILE = process.env.NASKAH_UPLOAD_FILE || '';
const ARTIFACTS = path.resolve(process.env.NASKAH_ARTIFACTS || 'ui-artifacts');
const QUERY = process.env.NASKAH_QUERY || '';
const XSS_ID = (process.env.NASKAH_XSS_ID || '').toLowerCase();
const VIEWER = process.env.NASKAH_VIEWER || '';
const VIEWER_PASSWORD = process.env.NASKAH_VIEWER_PASSWORD || '';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// An addendum and the agreement it amends (the family tree step).
const FAMILY_ID = (process.env.NASKAH_FAMILY_ID || '').toLowerCase();
const FAMILY_PARENT = (process.env.NASKAH_FAMILY_PARENT || '').toLowerCase();
// A text PDF of three pages, page n saying "HALAMAN-n" (the scan beside its text step).
const PAGES_ID = (process.env.NASKAH_PAGES_ID || '').toLowerCase();
const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const UPLOAD_TIMEOUT_MS = 180_000;
const ID_RE = /^[0-9a-f]{64}$/;

class StepFailure extends Error {}
function fail(msg) { throw new StepFailure(msg); }
function check(cond, msg) { if (!cond) fail(msg); }

function usage(msg) {
  console.error(`ui_test: ${msg}`);
  console.error('needs NASKAH_URL, NASKAH_OPERATOR, NASKAH_OPERATOR_PASSWORD, NASKAH_UPLOAD_FILE, NASKAH_ARTIFACTS, NASKAH_QUERY, NASKAH_XSS_ID');
  process.exit(1);
}
if (!USER || !PASSWORD) usage('NASKAH_OPERATOR and NASKAH_OPERATOR_PASSWORD must be set');
if (!QUERY) usage('NASKAH_QUERY must be set');
if (!VIEWER || !VIEWER_PASSWORD) usage('NASKAH_VIEWER and NASKAH_VIEWER_PASSWORD must be set');
if (!ID_RE.test(XSS_ID)) usage('NASKAH_XSS_ID must be a sha256 (64 hex digits)');
if (!ID_RE.test(PAGES_ID)) usage('NASKAH_PAGES_ID must be a sha256 (64 hex digits)');
if (!UPLOAD_FILE || !fs.existsSync(UPLOAD_FILE)) usage(`NASKAH_UPLOAD_FILE does not name a file: "${UPLOAD_FILE}"`);
if (!fs.existsSync(CHROMIUM)) usage(`no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM)`);
fs.mkdirSync(ARTIFACTS, { recursive: true });

const pageErrors = [];
const consoleErrors = [];
const dialogs = [];
let browser, context, page;
let stepNo = 0, passed = 0;
const started = Date.now();

function log(line) { process.stdout.write(line + '\n'); }

async function step(name, fn) {
  stepNo++;
  const t0 = Date.now();
  try {
    await fn();
    await assertHealthy();
  } catch (e) {
    const msg = e instanceof StepFailure ? e.message : (e && e.stack ? e.stack.split('\n').slice(0, 4).join('\n  ') : String(e));
    log(`FAIL ${String(stepNo).padStart(2)} ${name}: ${msg}`);
    if (page) {
      log(`     at ${page.url()}`);
      try { await page.screenshot({ path: path.join(ARTIFACTS, 'failure.png'), fullPage: true }); log(`     screenshot: ${path.join(ARTIFACTS, 'failure.png')}`); } catch (_) { /* page gone */ }
    }
    for (const c of consoleErrors) log(`     console error: ${c}`);
    log(`${passed} passed, 1 failed`);
    if (browser) await browser.close().catch(() => {});
    process.exit(1);
  }
  passed++;
  log(`ok   ${String(stepNo).padStart(2)} ${name} (${Date.now() - t0} ms)`);
}

// After every step: no uncaught exception, no CSP violation, no dialog, no injected script ran.
async function assertHealthy() {
  if (pageErrors.length) fail(`uncaught exception in the page: ${pageErrors.join(' | ')}`);
  const csp = consoleErrors.filter((c) => /Content Security Policy|Refused to (execute|apply|load)/i.test(c));
  if (csp.length) fail(`Content-Security-Policy violation: ${csp.join(' | ')}`);
  if (dialogs.length) fail(`unexpected dialog: ${dialogs.join(' | ')}`);
  const xss = await page.evaluate(() => typeof window.__xss).catch(() => 'undefined');
  if (xss !== 'undefined') fail('window.__xss is set: a hostile document ran script');
}

async function shot(name) {
  await page.evaluate(() => { window.scrollTo(0, 0); return document.fonts && document.fonts.ready; }).catch(() => {});
  await page.screenshot({ path: path.join(ARTIFACTS, name), fullPage: true });
}
function urlOf() { return new URL(page.url()); }
async function waitPath(re, what, timeout = 15_000) {
  try { await page.waitForURL((u) => re.test(u.pathname), { timeout }); } catch (_) { fail(`expected to be on ${what}, but the page is ${page.url()}`); }
}
async function waitState(selector, states, timeout = 30_000) {
  try {
    await page.waitForFunction(([sel, ok]) => { const el = document.querySelector(sel); return !!el && ok.includes(el.dataset.state); }, [selector, states], { timeout });
  } catch (_) {
    const st = await page.evaluate((sel) => { const el = document.querySelector(sel); return el ? el.dataset.state : 'absent'; }, selector);
    const msg = await page.evaluate(() => { const e = document.querySelector('.state-error'); return e ? e.textContent.trim() : ''; });
    fail(`${selector} did not reach state ${states.join('|')} (is ${st})${msg ? ': ' + msg : ''}`);
  }
  return page.evaluate((sel) => document.querySelector(sel).dataset.state, selector);
}
async function resultsTotal() { return page.evaluate(() => Number(document.querySelector('#results').dataset.total || 0)); }

(async () => {
  log(`naskah UI test against ${BASE} (artifacts in ${ARTIFACTS})`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  context = await browser.newContext({ viewport: DESKTOP, acceptDownloads: true, locale: 'id-ID' });
  page = await context.newPage();
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (e) => pageErrors.push(`${e.name}: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('dialog', (d) => { dialogs.push(`${d.type()}: ${d.message()}`); d.dismiss().catch(() => {}); });

  const searchPath = `/search?q=${encodeURIComponent(QUERY)}`;

  await step('a signed-out visit goes to the login page with ?next=', async () => {
    await page.goto(BASE + searchPath);
    await waitPath(/^\/login\/?$/, '/login');
    const next = urlOf().searchParams.get('next');
    check(next === searchPath, `next should be ${searchPath}, is ${next}`);
    await page.locator('#login-form').waitFor({ state: 'visible' });
    check(await page.locator('#login-user').isVisible() && await page.locator('#login-password').isVisible(), 'user and password fields are not visible');
    await shot('login.png');
  });

  await step('a wrong password is refused with a message', async () => {
    await page.fill('#login-user', USER);
    await page.fill('#login-password', PASSWORD + '-wrong');
    await page.click('#login-submit');
    const err = page.locator('#login-error');
    await err.waitFor({ state: 'visible' });
    const text = (await err.textContent()).trim();
    check(text.length > 0, 'the error box is empty');
    check(/^\/login/.test(urlOf().pathname), 'left the login page after a wrong password');
  });

  await step('log in through the form and land on ?next', async () => {
    await page.fill('#login-user', USER);
    await page.fill('#login-password', PASSWORD);
    await page.click('#login-submit');
    try {
      await page.waitForURL((u) => u.pathname === '/search', { timeout: 15_000 });
    } catch (_) {
      const e = await page.locator('#login-error').textContent().catch(() => '');
      fail(`login did not reach /search${e ? ': ' + e.trim() : ''}`);
    }
    check(urlOf().searchParams.get('q') === QUERY, `the query of ?next was lost: ${page.url()}`);
    await page.locator('#topbar').waitFor({ state: 'visible' });
    const name = (await page.textContent('#user-name')).trim();
    check(name === USER, `the top bar shows user "${name}", expected "${USER}"`);
    check(await page.locator('#nav-upload').isVisible(), 'the upload link is hidden for an operator');
  });

  await step('the login page never redirects off-site (?next=//…)', async () => {
    await page.goto(`${BASE}/login?next=${encodeURIComponent('//evil.example/x')}`);
    await page.waitForURL((u) => u.pathname === '/search', { timeout: 15_000 }).catch(() => {});
    const u = urlOf();
    check(u.origin === new URL(BASE).origin && u.pathname === '/search', `went to ${page.url()}`);
  });

  let total0 = 0;
  await step(`search "${QUERY}" and see hits`, async () => {
    await page.goto(BASE + '/search');
    await waitState('#results', ['ready', 'empty']);
    await page.fill('#q', QUERY);
    await page.press('#q', 'Enter');
    await page.waitForURL((u) => u.searchParams.get('q') === QUERY, { timeout: 10_000 });
    await waitState('#results', ['ready', 'empty']);
    const hits = await page.locator('#hits .hit').count();
    check(hits > 0, `no hit for "${QUERY}"`);
    total0 = await resultsTotal();
    check(total0 >= hits, `total ${total0} < hits shown ${hits}`);
    check(await page.locator('#result-summary').textContent().then((s) => s.trim().length > 0), 'no result summary');
    check(await page.locator('#facets input[type=checkbox]').count() > 0, 'no facet filters');
    // Each hit with its first page as a thumbnail.
    try {
      await page.waitForFunction(() => { const i = document.querySelector('#hits .hit .hit-thumb img'); return i && i.complete && i.naturalWidth > 0; }, null, { timeout: 30_000 });
    } catch (_) { fail('the first hit has no thumbnail'); }
    await shot('search.png');
    log(`     ${total0} hits, ${hits} on the first page`);
  });

  await step('a facet filter changes the URL and the results; Back restores them', async () => {
    const options = await page.$$eval('#facets input[type=checkbox][data-facet]', (els) => els.map((el, i) => ({
      i, facet: el.dataset.facet, value: el.dataset.value, checked: el.checked,
      count: Number((el.closest('label').querySelector('.facet-count') || {}).textContent?.replace(/\D/g, '') || 0),
    })));
    check(options.length > 0, 'no facet checkbox');
    const pick = options.find((o) => !o.checked && o.count > 0 && o.count < total0) || options.find((o) => !o.checked);
    check(pick, 'every facet value is already checked');
    const before = page.url();
    const firstBefore = await page.locator('#hits .hit').first().getAttribute('data-id');
    await page.locator('#facets input[type=checkbox][data-facet]').nth(pick.i).check();
    try {
      await page.waitForFunction(([f, v]) => new URL(location.href).searchParams.getAll(f).includes(v) &&
        ['ready', 'empty'].includes(document.querySelector('#results').dataset.state), [pick.facet, pick.value], { timeout: 15_000 });
    } catch (_) { fail(`the URL did not get ${pick.facet}=${pick.value}: ${page.url()}`); }
    check(page.url() !== before, 'the URL did not change');
    const total1 = await resultsTotal();
    if (pick.count < total0) {
      check(total1 !== total0, `the total stayed ${total0} after filtering ${pick.facet}=${pick.value}`);
      if (total1 !== pick.count) log(`     note: facet said ${pick.count}, filtered total is ${total1}`);
    }
    check(await page.locator('#active-filters .filter-chip').count() > 0, 'no active-filter chip shown');
    const checked = await page.locator('#facets input[type=checkbox][data-facet]:checked').count();
    check(checked > 0, 'the clicked filter is not shown checked');
    log(`     ${pick.facet}=${pick.value}: ${total0} → ${total1} hits (first hit ${firstBefore ? firstBefore.slice(0, 8) : '-'})`);
    await page.goBack();
    try {
      await page.waitForFunction(([f]) => !new URL(location.href).searchParams.has(f) &&
        ['ready', 'empty'].includes(document.querySelector('#results').dataset.state), [pick.facet], { timeout: 15_000 });
    } catch (_) { fail(`Back did not remove the filter: ${page.url()}`); }
    check(await resultsTotal() === total0, `after Back the total is ${await resultsTotal()}, expected ${total0}`);
  });

  let agreementId = '';
  await step('open an agreement from the results', async () => {
    const link = page.locator('#hits .hit a.hit-title').first();
    const href = await link.getAttribute('href');
    check(/^\/agreement\/[0-9a-f]{64}$/.test(href || ''), `bad agreement link ${href}`);
    await link.click();
    await waitPath(/^\/agreement\/[0-9a-f]{64}$/, 'an agreement page');
    agreementId = urlOf().pathname.split('/').pop();
    await waitState('#agreement', ['ready']);
    const title = (await page.textContent('#agreement-title')).trim();
    check(title.length > 0, 'the agreement has no title line');
    check(await page.locator('#fields tr').count() >= 10, 'the field table is incomplete');
    check(await page.locator('#page-text').isVisible(), 'the page text is not shown');
    const hasScan = await page.evaluate(() => !!document.querySelector('#page-img')?.getAttribute('src'));
    if (hasScan) {
      await page.locator('#viewer').scrollIntoViewIfNeeded(); // the page image is loaded lazily
      try {
        await page.waitForFunction(() => { const i = document.querySelector('#page-img'); return (i.complete && i.naturalWidth > 0) || document.querySelector('.scan.is-error'); }, null, { timeout: 60_000 });
      } catch (_) { fail('the page image did not load within 60 s'); }
      check(await page.locator('.scan.is-error').count() === 0, 'the page image failed to load');
    }
    await shot('agreement.png');
    log(`     ${agreementId.slice(0, 12)}… “${title.slice(0, 60)}”`);
  });

  await step('the download link answers 200 with the original', async () => {
    const href = await page.getAttribute('#download', 'href');
    check(href === `/api/agreements/${agreementId}/file`, `unexpected download link ${href}`);
    const res = await page.request.get(BASE + href);
    check(res.status() === 200, `download answered ${res.status()}`);
    const body = await res.body();
    check(body.length > 0, 'the download is empty');
    const cd = res.headers()['content-disposition'] || '';
    if (!/attachment/i.test(cd)) log(`     note: Content-Disposition is "${cd}"`);
    log(`     ${body.length} bytes, ${res.headers()['content-type'] || '?'}`);
  });

  await step('a hostile document is shown as text, its script never runs', async () => {
    await page.goto(`${BASE}/agreement/${XSS_ID}`);
    await waitState('#agreement', ['ready']);
    await page.click('#text-mode'); // the whole text, all pages
    const text = await page.textContent('#page-text');
    check(text.includes('<script>window.__xss=1</script>'), 'the text "<script>window.__xss=1</script>" is not in the page text');
    check(text.includes('"><img src=x onerror="window.__xss=1">'), 'the text "\\"><img src=x onerror=…>" is not in the page text');
    // The hostile number the parser doubted is listed, as text, under "Perlu diperiksa" (the
    // parser drops the marks that end the line, the final '">').
    const review = await page.textContent('#review-list').catch(() => '');
    check(review.includes('1"><img src=x onerror="window.__xss=1'), `the doubted number is not shown as text under Perlu diperiksa: "${review}"`);
    const visible = await page.getByText('<script>window.__xss=1</script>', { exact: false }).first().isVisible();
    check(visible, 'the text containing <script> is not visible');
    const injected = await page.evaluate(() => ({
      xss: typeof window.__xss,
      scripts: [...document.scripts].map((s) => s.getAttribute('src') || 'inline'),
      onerror: document.querySelectorAll('[onerror]').length,
      imgx: [...document.images].filter((i) => i.getAttribute('src') === 'x').length,
    }));
    check(injected.xss === 'undefined', 'window.__xss is defined');
    check(injected.scripts.every((s) => s.startsWith('/assets/')), `unexpected script elements: ${injected.scripts.join(', ')}`);
    check(injected.onerror === 0 && injected.imgx === 0, 'an injected <img onerror> element is in the DOM');
  });

  await step(`upload ${path.basename(UPLOAD_FILE)} and wait until it is searchable`, async () => {
    await page.click('#nav-upload');
    await waitPath(/^\/upload\/?$/, '/upload');
    await page.locator('#dropzone').waitFor({ state: 'visible' });
    const name = path.basename(UPLOAD_FILE);
    await page.setInputFiles('#file-input', UPLOAD_FILE);
    const t0 = Date.now();
    let last = '';
    for (;;) {
      const row = await page.evaluate((n) => {
        const li = [...document.querySelectorAll('li.upload-row')].find((x) => x.dataset.name === n);
        if (!li) return null;
        const err = li.querySelector('.upload-error');
        return { state: li.dataset.state, sha: li.dataset.sha256 || '', error: err ? err.textContent.trim() : '' };
      }, name);
      const state = row ? row.state : 'absent';
      if (state !== last) { log(`     ${((Date.now() - t0) / 1000).toFixed(1)} s: ${state}`); last = state; }
      if (state === 'searchable') break;
      if (state === 'refused' || state === 'error') fail(`the upload was ${state}: ${row.error}`);
      if (Date.now() - t0 > UPLOAD_TIMEOUT_MS) fail(`not searchable after ${UPLOAD_TIMEOUT_MS / 1000} s (state ${state})`);
      await page.waitForTimeout(1000);
    }
    const open = page.locator('li.upload-row[data-state="searchable"] a.upload-open').first();
    check(await open.isVisible(), 'a searchable upload has no link to its agreement');
    await shot('upload.png');
    await open.click();
    await waitPath(/^\/agreement\/[0-9a-f]{64}$/, 'the uploaded agreement');
    await waitState('#agreement', ['ready']);
  });

  // A date `days` from today, as the browser's date inputs take it.
  const isoDay = (days) => { const d = new Date(Date.now() + days * 86400000); return d.toISOString().slice(0, 10); };

  await step('an operator corrects the period in the UI and sees the status change', async () => {
    const uploaded = urlOf().pathname.split('/').pop();
    const before = await page.getAttribute('.doc-head .badge', 'data-status').catch(() => null);
    await page.click('#edit');
    await page.locator('#edit-form').waitFor({ state: 'visible' });
    // Checked before it is sent: an end before the start is refused in Indonesian.
    await page.fill('#edit-effective_date', isoDay(-400));
    await page.fill('#edit-end_date', isoDay(-500));
    await page.click('#edit-save');
    await page.locator('#edit-errors').waitFor({ state: 'visible' });
    const message = (await page.textContent('#edit-errors')).trim();
    check(/Tanggal berakhir tidak boleh sebelum/.test(message), `no Indonesian error for an end before the start: "${message}"`);
    await page.fill('#edit-end_date', isoDay(-10));
    await page.fill('#edit-reason', 'dibaca dari naskah asli');
    await page.click('#edit-save');
    await page.waitForFunction(() => !document.querySelector('#edit-form') && document.querySelector('#agreement').dataset.state === 'ready', null, { timeout: 30_000 });
    const after = await page.getAttribute('.doc-head .badge', 'data-status');
    check(after === 'expired', `the status is "${after}" after the end date was set 10 days ago (was "${before}")`);
    check(await page.locator('#field-end .corrected-chip').count() === 1, 'the end date is not marked as corrected');
    await page.locator('#history .history-item[data-field="end_date"]').first().waitFor({ timeout: 15_000 });
    const item = (await page.textContent('#history .history-item[data-field="end_date"]')).trim();
    check(item.includes(USER), `the history does not say who changed it: "${item}"`);
    const rec = await (await page.request.get(`${BASE}/api/agreements/${uploaded}`)).json();
    check(rec.end_date === isoDay(-10) && rec.corrected.includes('end_date'), `the record says end ${rec.end_date}, corrected ${rec.corrected}`);
    await shot('corrected.png');
  });

  await step('a viewer sees no edit button, and the API refuses a viewer\'s correction (403)', async () => {
    const id = urlOf().pathname.split('/').pop();
    const viewerContext = await browser.newContext({ viewport: DESKTOP, locale: 'id-ID' });
    try {
      const signIn = await viewerContext.request.post(`${BASE}/api/login`, { data: { user: VIEWER, password: VIEWER_PASSWORD } });
      check(signIn.status() === 200, `the viewer could not sign in (${signIn.status()})`);
      const csrf = (await signIn.json()).csrf;
      const viewerPage = await viewerContext.newPage();
      await viewerPage.goto(`${BASE}/agreement/${id}`);
      await viewerPage.waitForFunction(() => document.querySelector('#agreement')?.dataset.state === 'ready', null, { timeout: 30_000 });
      check(await viewerPage.locator('#download').count() === 1, 'the viewer does not see the agreement');
      check(await viewerPage.locator('#edit').count() === 0, 'a viewer sees an edit button');
      const patch = await viewerContext.request.fetch(`${BASE}/api/agreements/${id}`, {
        method: 'PATCH', headers: { 'X-CSRF-Token': csrf, 'Content-Type': 'application/json' },
        data: JSON.stringify({ changes: { place: 'Tidak Boleh' } }),
      });
      check(patch.status() === 403, `a viewer's PATCH answered ${patch.status()}`);
    } finally {
      await viewerContext.close();
    }
  });

  await step('the review queue takes a reviewer from one flagged agreement to the next', async () => {
    await page.click('#nav-review');
    await waitPath(/^\/review\/?$/, '/review');
    await waitState('#review', ['ready']);
    const items = await page.locator('#review .review-list li').count();
    log(`     ${items} agreement(s) to review`);
    if (items === 0) return;
    await page.click('#review-start');
    await waitPath(/^\/agreement\/[0-9a-f]{64}$/, 'the first agreement to review');
    await waitState('#agreement', ['ready']);
    const onward = items > 1 ? '#review-next' : '#review-done';
    check(await page.locator(onward).count() === 1, `no ${onward} button in the review queue`);
    if (items > 1) {
      const first = urlOf().pathname;
      await page.click('#review-next');
      await page.waitForFunction((p) => location.pathname !== p, first);
      await waitState('#agreement', ['ready']);
    }
  });

  if (FAMILY_ID) await step('an addendum shows its family as a tree of links; keluarga: finds it', async () => {
    await page.goto(`${BASE}/agreement/${FAMILY_ID}`);
    await waitState('#agreement', ['ready']);
    const members = await page.locator('#family .family-tree li').count();
    check(members === 2, `the family tree has ${members} members, expected the addendum and its parent`);
    check(await page.locator(`#family a[href="/agreement/${FAMILY_PARENT}"]`).count() === 1, 'no link to the parent in the family tree');
    check(await page.locator(`#family li[data-id="${FAMILY_ID}"].family-this`).count() === 1, 'this agreement is not marked in its family');
    await page.click(`#family a[href="/agreement/${FAMILY_PARENT}"]`);
    await waitPath(new RegExp(`^/agreement/${FAMILY_PARENT}$`), 'the parent agreement');
    await waitState('#agreement', ['ready']);
    const extended = await page.locator('#end-extended').count();
    check(extended === 1, 'the parent does not say its end was changed by the addendum');
    await shot('family.png');
    await page.click('#family-search');
    await page.waitForURL((u) => (u.searchParams.get('q') || '').startsWith('keluarga:'), { timeout: 10_000 });
    await waitState('#results', ['ready', 'empty']);
    const hits = await page.locator('#hits .hit').count();
    check(hits === 2, `keluarga: found ${hits} agreements, expected 2`);
  });

  await step('a mistyped address shows the app\'s "not found" page, not raw JSON', async () => {
    for (const wrong of ['/dasbor-salah', '/dashboard/x', '/agreement/abc']) {
      await page.goto(BASE + wrong);
      await page.locator('#topbar').waitFor({ state: 'visible' });
      const text = await page.evaluate(() => document.body.innerText);
      check(!text.includes('"error"'), `${wrong} shows raw JSON`);
      if (wrong !== '/agreement/abc') {  // that one is the agreement page's "not a valid address"
        const heading = (await page.textContent('.main-notfound h1')).trim();
        check(heading === 'Halaman tidak ditemukan', `${wrong} shows "${heading}"`);
      }
    }
  });

  await step('a multi-page text PDF shows page n of the scan beside page n of the text', async () => {
    await page.goto(`${BASE}/agreement/${PAGES_ID}?page=2`);
    await waitState('#agreement', ['ready']);
    for (const n of [2, 3, 1]) {
      if (n === 3) await page.click('#page-next');
      if (n === 1) await page.selectOption('#page-select', '1');
      const info = (await page.textContent('#page-info')).trim();
      check(info === `Halaman ${n} dari 3`, `page ${n}: the pager says "${info}"`);
      const text = await page.textContent('#page-text');
      check(text.includes(`HALAMAN-${n}`) && !/HALAMAN-[0-9]/.test(text.replace(`HALAMAN-${n}`, '')), `page ${n}: the text shown is "${text.slice(0, 80)}"`);
      const src = await page.getAttribute('#page-img', 'src');
      check(src === `/api/agreements/${PAGES_ID}/pages/${n}`, `page ${n}: the scan shown is ${src}`);
      await page.locator('#viewer').scrollIntoViewIfNeeded();
      await page.waitForFunction(() => { const i = document.querySelector('#page-img'); return (i.complete && i.naturalWidth > 0) || document.querySelector('.scan.is-error'); }, null, { timeout: 60_000 });
      check(await page.locator('.scan.is-error').count() === 0, `page ${n}: the scan did not load`);
    }
    await shot('pages.png');
  });

  await step('no English message of the server in the Indonesian UI', async () => {
    // What the server says in English: the records' warnings, the checks' reasons and an
    // upload's refusal. Each page that shows them must say them in Indonesian.
    const english = new Set();
    const ids = [PAGES_ID, XSS_ID, agreementId, FAMILY_ID, FAMILY_PARENT].filter((x) => ID_RE.test(x || ''));
    const warned = {};
    for (const id of ids) {
      const rec = await (await page.request.get(`${BASE}/api/agreements/${id}`)).json();
      for (const w of rec.warnings || []) english.add(w);
      for (const c of rec.checks || []) if (c.reason && c.reason.en) english.add(c.reason.en);
      warned[id] = (rec.warnings || []).length;
    }
    const stats = await (await page.request.get(`${BASE}/api/stats`)).json();
    for (const row of [...(stats.suspicious || []), ...(stats.expired || []), ...(stats.expiring || [])]) {
      for (const c of row.checks || []) if (c.reason && c.reason.en) english.add(c.reason.en);
      for (const w of (row.record && row.record.warnings) || []) english.add(w);
    }
    check(english.size > 0, 'the server sent no English message to look for');
    const refusedName = 'bukan-pindaian.pdf';
    const refusedPath = path.join(ARTIFACTS, refusedName);
    fs.writeFileSync(refusedPath, 'Ini hanya teks biasa, bukan PDF.\n');
    await page.goto(`${BASE}/upload`);
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/upload'));
    await page.setInputFiles('#file-input', refusedPath);
    const refusal = await (await answer).json();
    check(refusal.error && refusal.error.message, 'the refused upload came without its message');
    english.add(refusal.error.message);
    await waitState(`.upload-row[data-name="${refusedName}"]`, ['refused']);
    const said = (await page.textContent(`.upload-row[data-name="${refusedName}"] .upload-error`)).trim();
    check(said === 'Jenis berkas tidak didukung.', `the refusal says "${said}"`);
    const scan = async (where) => {
      const text = await page.evaluate(() => document.body.innerText);
      for (const e of english) check(!text.includes(e), `${where} shows the server's English "${e}"`);
    };
    await scan('the upload page');
    for (const id of ids) {
      await page.goto(`${BASE}/agreement/${id}`);
      await waitState('#agreement', ['ready']);
      await scan(`the agreement ${id.slice(0, 12)}…`);
      const shown = await page.locator('#warning-list li[data-code]').count();
      check(shown === warned[id], `the agreement ${id.slice(0, 12)}… shows ${shown} of its ${warned[id]} warnings`);
    }
    await page.goto(`${BASE}/dashboard`);
    await waitState('#dashboard', ['ready']);
    await scan('the dashboard');
    await page.goto(`${BASE}${searchPath}`);
    await waitState('#results', ['ready']);
    await scan('the search page');
    const warnings = Object.values(warned).reduce((a, b) => a + b, 0);
    check(warnings > 0, 'none of the agreements looked at has a warning');
    log(`     ${english.size} English messages (${warnings} warnings) looked for on ${ids.length + 3} pages`);
  });

  await step('on a 390 × 844 phone: no page scrolls sideways, the scan comes right after the heading', async () => {
    const phone = await browser.newContext({ viewport: PHONE, locale: 'id-ID', storageState: await context.storageState(), isMobile: true, hasTouch: true });
    try {
      const p = await phone.newPage();
      p.on('pageerror', (e) => pageErrors.push(`${e.name}: ${e.message}`));
      const pages = [[searchPath, '#results'], [`/agreement/${PAGES_ID}`, '#agreement'], ['/dashboard', '#dashboard'], ['/upload', null], ['/review', null], ['/tidak-ada', null]];
      for (const [where, ready] of pages) {
        await p.goto(BASE + where);
        if (ready) await p.waitForFunction((sel) => { const el = document.querySelector(sel); return el && ['ready', 'empty'].includes(el.dataset.state); }, ready, { timeout: 30_000 });
        else await p.locator('#topbar').waitFor({ state: 'visible' });
        const { scroll, width } = await p.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth }));
        check(scroll <= width, `${where} is ${scroll} px wide on a ${width} px phone`);
        const menu = await p.evaluate(() => {
          const links = [...document.querySelectorAll('#topbar .mainnav a')].map((a) => a.getBoundingClientRect()).filter((b) => b.width > 0);
          return { links: links.length, off: links.filter((b) => b.right > document.documentElement.clientWidth).length };
        });
        check(menu.links > 0 && menu.off === 0, `${where}: ${menu.off} of the menu's ${menu.links} links are off the screen`);
      }
      await p.goto(`${BASE}/agreement/${PAGES_ID}`);
      await p.waitForFunction(() => document.querySelector('#agreement')?.dataset.state === 'ready');
      const tops = await p.evaluate(() => ({ viewer: document.querySelector('#viewer').getBoundingClientRect().top + scrollY, details: document.querySelector('#details').getBoundingClientRect().top + scrollY }));
      check(tops.viewer < tops.details, `the scan (${tops.viewer} px) comes below the fields (${tops.details} px)`);
      check(tops.viewer < PHONE.height, `the scan starts ${Math.round(tops.viewer)} px down, below the first screen`);
      await p.screenshot({ path: path.join(ARTIFACTS, 'phone-agreement.png') });
    } finally {
      await phone.close();
    }
  });

  await step('open the dashboard', async () => {
    await page.click('#nav-dashboard');
    await waitPath(/^\/dashboard\/?$/, '/dashboard');
    await waitState('#dashboard', ['ready']);
    const tiles = await page.locator('#dashboard .tile').count();
    check(tiles === 5, `expected 5 count tiles, saw ${tiles}`);
    const total = await page.textContent('#dashboard .tile-total .tile-value');
    check(/\d/.test(total || ''), 'the total tile shows no number');
    for (const id of ['#dash-expiring', '#dash-expired', '#dash-suspicious']) check(await page.locator(id).isVisible(), `${id} table is missing`);
    await shot('dashboard.png');
  });

  await step('switch the language to English and back', async () => {
    const nav = page.locator('#nav-dashboard');
    const idText = (await nav.textContent()).trim();
    await page.click('#topbar .lang-btn[data-lang="en"]');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    check((await nav.textContent()).trim() === 'Dashboard', `nav says "${(await nav.textContent()).trim()}" in English`);
    await waitState('#dashboard', ['ready']);
    check((await page.textContent('#dashboard h1')).trim() === 'Dashboard', 'the dashboard heading is not in English');
    await page.reload();
    await waitState('#dashboard', ['ready']);
    check(await page.evaluate(() => document.documentElement.lang) === 'en', 'English was not kept across a reload');
    await page.click('#topbar .lang-btn[data-lang="id"]');
    await page.waitForFunction(() => document.documentElement.lang === 'id');
    check((await nav.textContent()).trim() === idText, `nav says "${(await nav.textContent()).trim()}" back in Indonesian, expected "${idText}"`);
  });

  await step('log out', async () => {
    await page.click('#logout');
    await waitPath(/^\/login\/?$/, '/login');
    await page.goto(BASE + '/dashboard');
    await waitPath(/^\/login\/?$/, '/login (the session should be over)');
    const res = await page.request.get(BASE + '/api/me');
    check(res.status() === 401, `/api/me answers ${res.status()} after logout`);
    // Signed out, a mistyped address leads to the sign-in page too.
    await page.goto(BASE + '/agreement/abc');
    await waitPath(/^\/login\/?$/, '/login (signed out, from a mistyped address)');
  });

  if (consoleErrors.length) for (const c of consoleErrors) log(`     console error (recorded): ${c}`);
  log(`${passed} passed, 0 failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  await browser.close();
  process.exit(0);
})().catch(async (e) => {
  log(`FAIL test harness: ${e && e.stack ? e.stack : e}`);
  if (page) await page.screenshot({ path: path.join(ARTIFACTS, 'failure.png'), fullPage: true }).catch(() => {});
  if (browser) await browser.close().catch(() => {});
  process.exit(1);
});
