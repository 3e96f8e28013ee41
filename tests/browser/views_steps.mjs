// Steps of the browser test for the views besides the search (search_page.test.mjs calls them
// with its page, helpers and base URL): an entity page opened from a chip, the Outlook view
// filtered with its own controls. Each answer is checked against the API it is drawn from.

// An API answer as the page would get it (with the tab's key when searchd wants one).
async function apiJson(page, path) {
  return page.evaluate(async (p) => {
    const key = sessionStorage.getItem('briefing-search-key');
    const res = await fetch(p, { headers: key ? { Authorization: `Bearer ${key}` } : {} });
    return res.json();
  }, path);
}

// From a briefing's actor chip to the actor's page: its timeline has a bar for each month the
// API lists, counting every briefing; its co-occurring entities are the API's and open their own
// pages.
export async function entityPage(page, { base, check, ok, timeout }) {
  const briefingId = '2026-11-24-unc1069-pypi-crypto-developers';
  await page.goto(`${base}/b/${encodeURIComponent(briefingId)}`);
  const chip = page.locator('.briefing .chip.actor', { hasText: 'UNC1069' });
  await chip.waitFor({ timeout });
  await chip.click();
  await page.waitForURL((url) => url.pathname === '/e/actor/UNC1069', { timeout });
  await page.locator('.entity h1').waitFor({ timeout });
  check((await page.locator('.entity h1').textContent()) === 'UNC1069', 'the chip did not open the UNC1069 page');
  const api = await apiJson(page, '/entities/actor/UNC1069');
  const bars = await page.locator('.timeline .month').evaluateAll((items) =>
    items.map((li) => ({ month: li.dataset.month, count: Number(li.dataset.count) })));
  check(JSON.stringify(bars) === JSON.stringify(api.timeline),
    `the timeline shows ${JSON.stringify(bars).slice(0, 200)}, the API ${JSON.stringify(api.timeline).slice(0, 200)}`);
  check(bars.reduce((n, b) => n + b.count, 0) === api.briefings && api.briefings > 1,
    `the timeline does not count the ${api.briefings} briefings`);
  check(bars.length > 1 && bars.some((b) => b.count === 0) === api.timeline.some((m) => m.count === 0),
    'the timeline leaves out its empty months');
  const withActors = await page.locator('.co-occurring .with.actor a').allTextContents();
  check(withActors.length > 0 && withActors.length === api.co_occurring.actor.length &&
    withActors[0] === api.co_occurring.actor[0].label,
  `co-occurring actors read ${withActors.join(', ')}`);
  const vendors = await page.locator('.co-occurring .with.vendor a').allTextContents();
  check(vendors.length === api.co_occurring.vendor.length, 'co-occurring vendors differ from the API');
  check(await page.locator('.entity .facts').textContent().then((t) => t.includes('North Korea')),
    'the attributed country is not shown');
  const other = api.co_occurring.actor[0].name;
  await page.locator('.co-occurring .with.actor a').first().click();
  await page.waitForURL((url) => decodeURIComponent(url.pathname) === `/e/actor/${other}`, { timeout });
  await page.locator('.entity h1', { hasText: other }).waitFor({ timeout });
  ok(`a chip opens the UNC1069 page: ${bars.length} months counting ${api.briefings} briefings, ` +
    `${withActors.length} co-occurring actors (${withActors[0]} first, whose page opens)`);
}

// The Outlook view narrowed to short-term risks with its own selects: every item listed is one,
// and as many as the API counts.
export async function outlookView(page, { base, check, ok, timeout }) {
  await page.goto(`${base}/`);
  await page.locator('.views a', { hasText: 'Outlook' }).click();
  await page.waitForURL((url) => url.pathname === '/o', { timeout });
  await page.locator('#outlook-kind').waitFor({ timeout });
  await page.selectOption('#outlook-kind', 'risk');
  await page.waitForURL((url) => url.searchParams.get('kind') === 'risk', { timeout });
  await page.locator('#outlook-horizon').waitFor({ timeout });
  await page.selectOption('#outlook-horizon', 'short');
  await page.waitForURL((url) => url.searchParams.get('horizon') === 'short', { timeout });
  await page.waitForFunction(() => !document.getElementById('outlook-view').hasAttribute('aria-busy') &&
    document.querySelector('#outlook-view .status strong'), null, { timeout });
  const api = await apiJson(page, '/outlook?kind=risk&horizon=short&per_page=20');
  const items = await page.locator('.outlook-item').evaluateAll((lis) =>
    lis.map((li) => ({ kind: li.dataset.kind, horizon: li.dataset.horizon })));
  check(items.length > 0 && items.length === api.items.length, `the view lists ${items.length} items, the API ${api.items.length}`);
  check(items.every((i) => i.kind === 'risk' && i.horizon === 'short'), 'an item listed is not a short-term risk');
  const status = await page.locator('#outlook-view .status strong').textContent();
  check(Number(status.replace(/[^0-9]/g, '')) === api.total, `the view counts "${status}", the API ${api.total}`);
  const all = await apiJson(page, '/outlook?per_page=1');
  check(api.total < all.total, 'filtering to short-term risks did not narrow the outlook');
  ok(`the Outlook view filtered to short-term risks lists ${api.total} of ${all.total} items, all short-term risks`);
}

// A pair of near-duplicate advisories (the same Citrix ShareFile advisory re-issued under the
// next number) shows as one hit with "1 similar briefing", which opens to the other.
export async function nearDuplicates(page, { base, check, ok, timeout }) {
  const kept = '20230818001-Citrix-ShareFile-Vulnerability';
  const folded = '20230818002-Citrix-ShareFile-Vulnerability';
  await page.goto(`${base}/?q=${encodeURIComponent('Citrix ShareFile')}`);
  await page.locator('#hits .hit').first().waitFor({ timeout });
  const ids = await page.locator('#hits .hit-link').evaluateAll((links) =>
    links.map((a) => decodeURIComponent(new URL(a.href).pathname.slice(3))));
  check(ids.includes(kept) && !ids.includes(folded), `the pair is not one hit: ${ids.join(', ')}`);
  const hit = page.locator('#hits .hit', { has: page.locator(`a.hit-link[href="/b/${kept}"]`) });
  const summary = hit.locator('details.similar summary');
  check((await summary.textContent()) === '1 similar briefing', `the hit says "${await summary.textContent()}"`);
  check(!(await hit.locator(`details.similar a[href="/b/${folded}"]`).isVisible()), 'the folded one shows before opening');
  await summary.click();
  await hit.locator(`details.similar a[href="/b/${folded}"]`).waitFor({ state: 'visible', timeout });
  ok(`the near-duplicate pair ${kept} / ${folded.slice(0, 11)} is one hit with "1 similar briefing", which opens to the other`);
}
