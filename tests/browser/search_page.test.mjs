// Drives the search page in Debian's Chromium (never a downloaded browser) against a running
// searchd: search, facet, briefing view, back, keyboard, and a screenshot of the results.
//
// Environment:
//   SEARCHD_URL                 where searchd serves, e.g. http://127.0.0.1:40123 (required)
//   BROWSER_TEST_SCREENSHOT     where to save the results page's screenshot (optional)
//   BROWSER_TEST_DEPS           folder holding node_modules/playwright-core (default: this folder)
//   CHROMIUM                    the browser (default /usr/bin/chromium)
import { mkdtemp, mkdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { entityPage, nearDuplicates, outlookView } from './views_steps.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const deps = process.env.BROWSER_TEST_DEPS || here;
let chromium;
try {
  ({ chromium } = createRequire(join(deps, 'package.json'))('playwright-core'));
} catch (e) {
  console.error(`FAIL: playwright-core is not installed under ${deps} (npm ci --prefix ${deps}): ${e.message}`);
  process.exit(1);
}

const BASE = (process.env.SEARCHD_URL || process.argv[2] || '').replace(/\/+$/, '');
const SCREENSHOT = process.env.BROWSER_TEST_SCREENSHOT || '';
const EXECUTABLE = process.env.CHROMIUM || '/usr/bin/chromium';
const STEP_TIMEOUT_MS = 15000;
const WHOLE_TEST_MS = 180000;
const SEED_ID = '000_cc0477336c8268c0';
// The Markdown advisory run_browser_test.sh writes (keep the two in step).
const MARKDOWN_ID = '20240109-browser-structure';
const MARKDOWN_VENDOR_URL = 'https://vendor.example/security/advisory-2024-001';
const API_KEY = process.env.API_KEY || '';  // set when searchd runs with --api-keys

let passed = 0;
function check(condition, message) {
  if (!condition) throw new Error(message);
}
function ok(message) {
  passed += 1;
  console.log(`ok ${passed} - ${message}`);
}

// The number the status line announces ("13 briefings for …").
async function announcedTotal(page) {
  const text = await page.locator('#status strong').textContent();
  const n = Number(String(text).replace(/[^0-9]/g, ''));
  check(Number.isFinite(n), `status line has no count: "${text}"`);
  return n;
}

async function waitForResults(page, what) {
  await page.waitForFunction(() => {
    const results = document.getElementById('results');
    return !document.getElementById('search-view').hidden && !results.hasAttribute('aria-busy') &&
      document.querySelector('#status strong') !== null;
  }, null, { timeout: STEP_TIMEOUT_MS }).catch(() => {
    throw new Error(`results did not appear (${what})`);
  });
}

// The feed of what is on screen: the head's alternate link and the visible "Feed" link name the
// search (without its page), and fetching it answers Atom listing the same briefings.
async function checkFeedLinks(page, pick) {
  const head = await page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute('href');
  const visible = await page.locator('#feed-link').getAttribute('href');
  check(head === visible, `the head's feed link ${head} and the visible one ${visible} differ`);
  const url = new URL(head, BASE);
  check(url.pathname === '/feed' && url.searchParams.get('q') === 'UNC1069' &&
    url.searchParams.getAll('actor').includes(pick.name), `the feed link ${head} is not the search on screen`);
  const reply = await page.request.get(url.href,
    { headers: API_KEY ? { Authorization: `Bearer ${API_KEY}` } : {} });
  check(reply.status() === 200, `the feed answered ${reply.status()}`);
  check(/^application\/atom\+xml/.test(reply.headers()['content-type'] || ''), 'the feed is not Atom');
  const entries = ((await reply.text()).match(/<entry>/g) || []).length;
  check(entries === Math.min(pick.n, 50), `the feed lists ${entries} briefings, the page ${pick.n}`);
  ok(`the page links the feed of what is on screen (${head}), which lists its ${entries} briefings`);
}

async function run(context) {
  const problems = [];
  const page = context.pages()[0] || (await context.newPage());
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // With keys, the first request's 401 is how the page learns to ask: the browser logs it.
    const expected401 = API_KEY && /status of 401/.test(m.text()) && passed === 0;
    if (m.type() === 'error' && !expected401) problems.push(`console error: ${m.text()}`);
  });
  await page.setViewportSize({ width: 1280, height: 1000 });

  // 1. Type a query and press Enter (with keys: the page asks for the key first, once).
  await page.goto(`${BASE}/`);
  if (API_KEY) {
    await page.locator('#api-key').waitFor({ timeout: STEP_TIMEOUT_MS });
    await page.locator('#api-key').fill(API_KEY);
    await page.locator('#api-key').press('Enter');
    ok('the page asked for the API key');
  }
  await waitForResults(page, 'the first page');
  const everything = await announcedTotal(page);
  check(everything > 0, 'the empty query lists no briefings');
  ok(`the page lists ${everything} briefings for the empty query`);

  await page.locator('#q').click();
  await page.keyboard.type('UNC1069');
  await page.keyboard.press('Enter');
  await page.waitForURL(/[?&]q=UNC1069/);
  await page.waitForFunction(() => /UNC1069/.test(document.getElementById('status').textContent));
  await waitForResults(page, 'q=UNC1069');
  const total = await announcedTotal(page);
  const hits = await page.locator('#hits .hit').count();
  check(total > 0 && hits > 0, `no hits for UNC1069 (total ${total}, hits ${hits})`);
  const marks = await page.locator('#hits .snippet mark').allTextContents();
  check(marks.length > 0, 'no <mark> in the snippets');
  check(marks.some((m) => /unc1069/i.test(m)), `no mark holds UNC1069: ${JSON.stringify(marks)}`);
  ok(`Enter searches: ${total} hits, ${marks.length} marks`);

  const legends = await page.locator('#facets fieldset legend').allTextContents();
  check(legends.join() === 'Actor,Vendor,Region,Series,Category,Status,Date',
    `expected actor, vendor, region, series, category, status and date filters, found ${legends.join(', ')}`);
  const regionLabels = await page.locator('#facets fieldset:nth-of-type(3) .name').allTextContents();
  check(regionLabels.some((l) => l.length > 2), `region facet shows codes, not names: ${regionLabels}`);
  ok('the sidebar shows actor, vendor, region (by name) and date facets');

  if (SCREENSHOT) {
    await mkdir(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    ok(`screenshot saved to ${SCREENSHOT}`);
  }

  // 2. Tick an actor whose count is below the total: the list narrows and the URL says so.
  const actors = page.locator('#facets fieldset:first-of-type li:not([hidden])');
  let pick = null;
  for (let i = 0; i < (await actors.count()); i++) {
    const n = Number(await actors.nth(i).locator('.count').textContent());
    if (n > 0 && n < total) {
      pick = { row: actors.nth(i), name: await actors.nth(i).locator('.name').textContent(), n };
      break;
    }
  }
  check(pick, 'no actor facet value narrows the UNC1069 results');
  await pick.row.locator('input[type=checkbox]').check();
  await page.waitForURL((url) => url.searchParams.getAll('actor').includes(pick.name));
  await page.waitForFunction((n) => {
    const s = document.querySelector('#status strong');
    return s && Number(s.textContent.replace(/[^0-9]/g, '')) === n;
  }, pick.n).catch(() => {
    throw new Error(`ticking ${pick.name} did not narrow the results to ${pick.n}`);
  });
  await waitForResults(page, `actor=${pick.name}`);
  const narrowed = await page.locator('#hits .hit').count();
  check(narrowed > 0 && narrowed <= pick.n && pick.n < total, `narrowed list has ${narrowed} hits`);
  const pressed = await page.locator('#hits .hit').evaluateAll((items, name) =>
    items.every((li) => [...li.querySelectorAll('.chip.actor[aria-pressed="true"]')]
      .some((c) => c.textContent.includes(name))), pick.name);
  check(pressed, `some hit does not carry the ticked actor ${pick.name}`);
  check(await page.locator(`#facets input[type=checkbox]:checked`).count() === 1, 'the tick did not stay');
  check(await page.evaluate(() => document.activeElement?.type === 'checkbox' && document.activeElement.checked),
    'the ticked box lost focus when the results were redrawn');
  const filteredUrl = page.url();
  ok(`ticking actor ${pick.name} narrows ${total} -> ${pick.n} and the URL holds it`);
  await checkFeedLinks(page, pick);

  // 2b. Export: the menu's CSV link names the search on screen (not its page), and the file it
  // downloads holds every one of its briefings (with keys, fetched with the key and saved).
  await page.locator('#export-menu summary').click();
  const csvLink = page.locator('#export-menu a[data-format="csv"]');
  const exportUrl = new URL(await csvLink.getAttribute('href'), BASE);
  check(exportUrl.pathname === '/export' && exportUrl.searchParams.get('q') === 'UNC1069' &&
    exportUrl.searchParams.getAll('actor').includes(pick.name) && !exportUrl.searchParams.has('page'),
  `the CSV link does not name the search on screen: ${exportUrl}`);
  const [download] = await Promise.all([page.waitForEvent('download'), csvLink.click()]);
  const csvText = await readFile(await download.path(), 'utf8');
  const csvRows = csvText.split('\r\n').filter((line) => line !== '');
  check(/^briefings-.*\.csv$/.test(download.suggestedFilename()), `download named ${download.suggestedFilename()}`);
  check(csvRows[0].startsWith('id,published,title,'), `the CSV starts with ${csvRows[0]}`);
  check(csvRows.length - 1 === pick.n, `the CSV has ${csvRows.length - 1} rows, the search ${pick.n}`);
  await page.locator('#export-menu summary').click();
  ok(`the Export menu downloads the ${pick.n} briefings on screen as CSV`);

  // 3. Open a briefing: the view shows its key takeaway and perspectives.
  const first = page.locator('#hits .hit-link').first();
  const title = (await first.textContent()).trim();
  await first.click();
  await page.waitForURL(/\/b\//);
  await page.locator('.briefing h1').waitFor();
  check((await page.locator('.briefing h1').textContent()).trim() === title, 'briefing title differs');
  const takeaway = await page.locator('.briefing .takeaway p').textContent();
  check(takeaway && takeaway.trim().length > 10, 'the briefing shows no key takeaway');
  const perspectives = await page.locator('.briefing .perspectives dt').count();
  check(perspectives > 0, 'the briefing shows no perspectives');
  ok(`the briefing "${title}" shows its key takeaway and ${perspectives} perspectives`);

  // 4. Back: the filtered results come back from the URL.
  await page.goBack();
  await page.waitForURL(filteredUrl);
  await waitForResults(page, 'back');
  check(await announcedTotal(page) === pick.n, 'back did not restore the filtered total');
  check(await page.locator('#q').inputValue() === 'UNC1069', 'back did not restore the query box');
  check(await page.locator('#facets input[type=checkbox]:checked').count() === 1, 'back lost the tick');
  ok('back restores the filtered results, the query and the tick');

  // 5. Keyboard: "/" focuses the box (without typing a slash), ArrowDown moves into the results,
  // the help opens and Escape closes it.
  await page.locator('#status').click();
  await page.keyboard.press('/');
  check(await page.evaluate(() => document.activeElement?.id) === 'q', '"/" did not focus the search box');
  check(await page.locator('#q').inputValue() === 'UNC1069', '"/" was typed into the box');
  await page.keyboard.press('ArrowDown');
  check(await page.evaluate(() => document.activeElement?.classList.contains('hit-link')),
    'ArrowDown from the box did not focus the first result');
  await page.keyboard.press('/');
  await page.locator('#help-btn').click();
  await page.locator('#help').waitFor({ state: 'visible' });
  await page.keyboard.press('Escape');
  await page.locator('#help').waitFor({ state: 'hidden' });
  ok('"/" focuses the search box, ArrowDown reaches the results, Escape closes the help');

  // 6. A pasted link to the page-text seed shows its whole structure.
  await page.goto(`${BASE}/b/${encodeURIComponent(SEED_ID)}`);
  await page.locator('.briefing h1').waitFor();
  const text = await page.locator('.briefing').textContent();
  for (const want of ['Key takeaway', 'In plain English', 'Root causes', '65% likely', 'Short term',
    'First reported in', 'Causes and effects', 'Different perspectives', '29 May 2026']) {
    check(text.includes(want), `the seed's view lacks "${want}"`);
  }
  ok('a pasted /b/ link shows the seed briefing with outlook, sources and perspectives');

  // 7. Words that together find less than a page: the page says which were given up, as text,
  // with a link that asks for every word.
  await page.goto(`${BASE}/?q=${encodeURIComponent('UNC1069 xqzvw')}`);
  await waitForResults(page, 'q=UNC1069 xqzvw');
  await page.locator('#relaxed').waitFor({ state: 'visible' });
  const relaxed = (await page.locator('#relaxed').textContent()).replace(/\s+/g, ' ');
  check(/^Results without: xqzvw/.test(relaxed), `the relaxed line reads "${relaxed}"`);
  check(await page.locator('#relaxed s').allTextContents().then((w) => w.join() === 'xqzvw'),
    'the given-up word is not struck through');
  const strict = await page.locator('#relaxed a').getAttribute('href');
  check(new URL(strict, BASE).searchParams.get('q') === 'UNC1069 +xqzvw', `the link asks for ${strict}`);
  check(await page.locator('#hits .hit').count() > 0, 'no hits for the relaxed query');
  await page.goto(`${BASE}/?q=UNC1069`);
  await waitForResults(page, 'q=UNC1069 again');
  check(await page.locator('#relaxed').isHidden(), 'the relaxed line shows when nothing was relaxed');
  ok(`a relaxed query shows "${relaxed.trim()}"`);

  // 8. The judged queries over the real advisories: a relevant one in the top 3, and the words
  // the query gave up shown on the page.
  const RELEVANT = JSON.parse(process.env.BROWSER_RELEVANT || '{}');
  for (const [query, relevantIds] of Object.entries(RELEVANT)) {
    await page.goto(`${BASE}/?q=${encodeURIComponent(query)}`);
    await waitForResults(page, `q=${query}`);
    const top = (await page.locator('#hits .hit-link').evaluateAll((links) =>
      links.slice(0, 3).map((a) => decodeURIComponent(new URL(a.href).pathname.slice(3)))));
    check(top.some((id) => relevantIds.includes(id)),
          `"${query}": no relevant advisory in the top 3 (${top.join(', ')})`);
    check(await page.locator('#relaxed').isVisible(), `"${query}": no relaxed line`);
    const line = (await page.locator('#relaxed').textContent()).replace(/\s+/g, ' ').trim();
    check(/^Results without: \S/.test(line), `"${query}": the relaxed line reads "${line}"`);
    ok(`"${query}": ${top[0]} first; ${line}`);
  }

  await markdownStructure(page);
  await suggestActor(page);

  // 10. The views besides the search (views_steps.mjs).
  const steps = { base: BASE, check, ok, timeout: STEP_TIMEOUT_MS };
  await entityPage(page, steps);
  await outlookView(page, steps);
  await nearDuplicates(page, steps);

  check(problems.length === 0, `the page reported errors:\n  ${problems.join('\n  ')}`);
  ok('no script errors or CSP violations');
}

// 9. The Markdown advisory keeps its heading, list, code and reference link; its javascript:
// link and its <script> stay text; its date alone shows no time of day.
async function markdownStructure(page) {
  await page.goto(`${BASE}/b/${encodeURIComponent(MARKDOWN_ID)}`);
  await page.locator('.briefing h1').waitFor();
  const body = page.locator('.briefing .body');
  const heading = await body.locator('h3').allTextContents();
  check(heading.length === 1 && heading[0] === 'Affected products',
    `the source's "## Affected products" is not one h3: ${JSON.stringify(heading)}`);
  const items = await body.locator(':scope > ul > li').evaluateAll((lis) =>
    lis.map((li) => li.firstChild.textContent));
  check(JSON.stringify(items) === JSON.stringify(['Widget Server 4.2', 'Widget Client 1.0']),
    `the list items are ${JSON.stringify(items)}`);
  const nested = await body.locator(':scope > ul > li > ul > li').allTextContents();
  check(nested.length === 1 && nested[0] === 'on Windows', `the nested item is ${JSON.stringify(nested)}`);
  const link = body.locator('a', { hasText: 'vendor advisory' });
  check(await link.count() === 1, 'the reference link [vendor advisory][vendor] is not one link');
  check(await link.getAttribute('href') === MARKDOWN_VENDOR_URL, `the link goes to ${await link.getAttribute('href')}`);
  check(await link.getAttribute('rel') === 'noopener noreferrer', 'the link lacks rel="noopener noreferrer"');
  const text = await body.textContent();
  check(text.includes('do not follow this link'), 'the javascript: link lost its text');
  check(await body.locator('a', { hasText: 'this link' }).count() === 0, 'the javascript: link is a link');
  check(await page.locator('a[href^="javascript:" i]').count() === 0, 'a javascript: href reached the page');
  check(await page.locator('.briefing script').count() === 0 && text.includes("<script>document.title = 'owned'</script>"),
    'the <script> in the source is not shown as text');
  check((await body.locator('pre code').textContent()).includes('reg query HKLM\\Software\\Widget'),
    'the code block is not a <pre><code>');
  const meta = await page.locator('.briefing header .meta').textContent();
  check(meta.includes('9 January 2024'), `the date line reads "${meta}"`);
  check(!/\d{1,2}:\d{2}|UTC/.test(meta), `a date-only source shows a time of day: "${meta}"`);
  check(await page.locator('.briefing header time').getAttribute('datetime') === '2024-01-09',
    'the <time> of a date-only source holds a time of day');
  if (SCREENSHOT) await page.screenshot({ path: join(dirname(SCREENSHOT), 'markdown-briefing.png'), fullPage: true });
  ok('a Markdown advisory shows its heading, nested list, code and reference link; javascript: and <script> stay text; no time of day');
}

// 10. The search box completes an actor from two typed letters with the keyboard alone: "/"
// focuses it, ArrowDown moves through the combobox's options, Enter makes the actor a filter, as
// ticking it does; Escape closes the list first and clears the box only after. A long facet list
// narrows to the values its filter input matches.
async function suggestActor(page) {
  await page.goto(`${BASE}/`);
  await waitForResults(page, 'the first page, for suggestions');
  const headers = API_KEY ? { Authorization: `Bearer ${API_KEY}` } : {};
  const names = await page.locator('#facets fieldset:first-of-type li .name').allTextContents();
  const counts = await page.locator('#facets fieldset:first-of-type li .count').allTextContents();
  let pick = null;
  for (let i = 0; i < names.length && !pick; i++) {
    const letters = names[i].slice(0, 2);
    if (!/^[A-Za-z0-9]{2}$/.test(letters)) continue;
    const reply = await page.request.get(`${BASE}/suggest?q=${encodeURIComponent(letters)}`, { headers });
    check(reply.status() === 200, `/suggest answered ${reply.status()}`);
    const at = (await reply.json()).suggestions.findIndex((s) => s.kind === 'actor' && s.canonical === names[i]);
    if (at >= 0) pick = { name: names[i], letters, at, n: Number(counts[i].replace(/[^0-9]/g, '')) };
  }
  check(pick, `no actor of the facet list is suggested for its first two letters: ${names.join(', ')}`);

  const box = page.locator('#q');
  await page.locator('#status').click();
  await page.keyboard.press('/');
  check(await page.evaluate(() => document.activeElement?.id) === 'q', '"/" did not focus the search box');
  await page.keyboard.type(pick.letters);
  const list = page.locator('#q-suggestions');
  await list.waitFor({ state: 'visible' });
  check(await box.getAttribute('role') === 'combobox', 'the search box is not a combobox');
  check(await box.getAttribute('aria-expanded') === 'true', 'the open combobox is not aria-expanded');
  check(await box.getAttribute('aria-controls') === 'q-suggestions', 'the combobox does not control its list');
  check(await list.getAttribute('role') === 'listbox', 'the suggestions are not a listbox');
  for (let i = 0; i <= pick.at; i++) await page.keyboard.press('ArrowDown');
  const active = await box.getAttribute('aria-activedescendant');
  const option = page.locator(`[id="${active}"]`);
  check(active && await option.getAttribute('role') === 'option', `aria-activedescendant names ${active}, no option`);
  check(await option.getAttribute('aria-selected') === 'true', 'the active option is not aria-selected');
  check((await option.locator('.name').textContent()) === pick.name, `ArrowDown reached "${await option.textContent()}"`);
  check(await page.locator('#q-suggestions [aria-selected="true"]').count() === 1, 'more than one option selected');
  if (SCREENSHOT) await page.screenshot({ path: join(dirname(SCREENSHOT), 'suggestions.png') });
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.searchParams.getAll('actor').includes(pick.name));
  await waitForResults(page, `actor=${pick.name} from the suggestions`);
  check(await announcedTotal(page) === pick.n, `the actor filter finds ${await announcedTotal(page)}, its facet said ${pick.n}`);
  check(await box.inputValue() === '', `the completed letters stayed in the box: "${await box.inputValue()}"`);
  check(await box.getAttribute('aria-expanded') === 'false', 'the list stayed open after Enter');
  ok(`"${pick.letters}" + ArrowDown ×${pick.at + 1} + Enter filters by actor ${pick.name} (${pick.n} briefings)`);

  await box.focus();
  await page.keyboard.type(pick.letters);
  await list.waitFor({ state: 'visible' });
  await page.keyboard.press('Escape');
  await list.waitFor({ state: 'hidden' });
  check(await box.inputValue() === pick.letters, 'the first Escape changed the box');
  check(await box.getAttribute('aria-expanded') === 'false', 'Escape left the combobox aria-expanded');
  await page.keyboard.press('Escape');
  check(await box.inputValue() === '', 'the second Escape did not clear the box as before');
  ok('Escape closes the suggestions, and a second one clears the box');

  await page.goto(`${BASE}/`);
  await waitForResults(page, 'the first page, for the facet filter');
  const facet = page.locator('#facets fieldset:first-of-type');
  const filter = facet.locator('.facet-filter');
  check(await filter.count() === 1, 'the long actor list has no filter input');
  const all = await facet.locator('li').count();
  const target = (await facet.locator('li').nth(all - 1).locator('.name').textContent()).trim();
  await filter.fill(target.toLowerCase());
  const visible = await facet.locator('li:not([hidden]) .name').allTextContents();
  check(visible.includes(target) && visible.length < all, `filtering for "${target}" shows ${visible.join(', ')}`);
  await filter.fill('');
  check(await facet.locator('li:not([hidden])').count() <= 8, 'emptying the filter did not restore the preview');
  ok(`the actor list's filter input narrows ${all} values to ${visible.length} for "${target}"`);
}

async function main() {
  if (!BASE) throw new Error('set SEARCHD_URL (e.g. http://127.0.0.1:8080)');
  const watchdog = setTimeout(() => {
    console.error(`FAIL: the browser test took longer than ${WHOLE_TEST_MS / 1000} s`);
    process.exit(2);
  }, WHOLE_TEST_MS);
  const profile = await mkdtemp(join(tmpdir(), 'briefing-browser-'));
  let context = null;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: EXECUTABLE,
      headless: true,
      timeout: 30000,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    await run(context);
    console.log(`${passed} passed, 0 failed`);
  } finally {
    await context?.close().catch(() => {});
    await rm(profile, { recursive: true, force: true }).catch(() => {});
    clearTimeout(watchdog);
  }
}

main().catch((e) => {
  console.error(`FAIL: ${e.message}`);
  console.log(`${passed} passed, 1 failed`);
  process.exitCode = 1;
});
