// The search page: the URL holds the state; /search and /briefings/{id} fill the views, and
// entity_view.js and outlook_view.js the entity pages (/e/{kind}/{name}) and the outlook (/o).
// Briefing text is only ever inserted as text nodes (the snippet's <mark> is parsed here).
import { KEY_STORE, api, apiKey } from './api.js';
import { MONTHS, briefingHref, entityHref, fmtDate, h, metaLine, monthLabel, paragraphs, plural,
  regionNames, shortMonth, time, valueLabel } from './dom.js';
import { showEntity } from './entity_view.js';
import { showOutlook } from './outlook_view.js';
import { attachSuggest, facetFilter } from './suggest.js';

const $ = (id) => document.getElementById(id);
// [facet, legend, the hit's field]: the entity facets first (their hits carry lists of values).
const ENTITY_FACETS = [
  ['actor', 'Actor', 'actors'],
  ['vendor', 'Vendor', 'vendors'],
  ['region', 'Region', 'regions'],
];
const FACETS = [...ENTITY_FACETS,
  ['series', 'Series', 'series'],
  ['category', 'Category', 'category'],
  ['status', 'Status', 'status'],
];
const isEntityFacet = (f) => ENTITY_FACETS.some(([e]) => e === f);
const PREVIEW = 8; // facet values shown before "Show all"
const MAX_DEPTH = 10000; // the API refuses page * per_page beyond this

const ui = {};
const expanded = new Set(); // facets showing all their values
const cache = new Map(); // query string -> /search answer, for back/forward
let inflight = null;
let lastSearchHref = '/';
let lastOpenedId = null;

// ---- Text helpers

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e) => {
    if (e[0] !== '#') return ENTITIES[e.toLowerCase()] ?? m;
    const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : m;
  });
}

// The API's snippet is escaped text whose only markup is <mark>: split on the tags and build
// text nodes and <mark> elements ourselves.
function snippetNodes(snippet) {
  const out = [];
  let marked = false;
  for (const part of String(snippet || '').split(/(<mark>|<\/mark>)/)) {
    if (part === '<mark>') marked = true;
    else if (part === '</mark>') marked = false;
    else if (part) out.push(marked ? h('mark', null, decodeEntities(part)) : decodeEntities(part));
  }
  return out;
}

// Links to the outside world only for http(s) URLs: data never becomes a javascript: link.
function safeUrl(u) {
  try {
    const url = new URL(u);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

// ---- State in the URL

// The search fields are always present (empty on a briefing's page), so any view can start a search.
function readState() {
  const p = new URLSearchParams(location.search);
  const s = { view: 'search', q: p.get('q') || '', from: p.get('from') || '', to: p.get('to') || '',
    sort: p.get('sort') || '', page: Math.max(1, parseInt(p.get('page'), 10) || 1) };
  for (const [f] of FACETS) s[f] = [...new Set(p.getAll(f).filter(Boolean))];
  const decoded = (text) => {
    try {
      return decodeURIComponent(text);
    } catch {
      return text;
    }
  };
  const b = /^\/b\/(.+)$/.exec(location.pathname);
  const e = /^\/e\/([a-z]+)\/(.+)$/.exec(location.pathname);
  if (b) {
    s.view = 'briefing';
    s.id = decoded(b[1]);
  } else if (e) {
    s.view = 'entity';
    s.kind = e[1];
    s.name = decoded(e[2]);
  } else if (location.pathname === '/o') {
    s.view = 'outlook';
  }
  return s;
}
const NO_FILTERS = { ...Object.fromEntries(FACETS.map(([f]) => [f, []])), from: '', to: '', page: 1 };

function queryString(s) {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  for (const [f] of FACETS) for (const v of s[f]) p.append(f, v);
  if (s.from) p.set('from', s.from);
  if (s.to) p.set('to', s.to);
  if (s.sort) p.set('sort', s.sort);
  if (s.page > 1) p.set('page', String(s.page));
  return p.toString();
}
const searchHref = (s) => {
  const qs = queryString(s);
  return qs ? `/?${qs}` : '/';
};

// The Atom feed of what is on screen: the same search without paging or order (a feed lists
// the newest written first). The head's alternate link (for browsers and readers that look for
// one) and the visible "Feed" link both follow the search.
function showFeedLinks(s) {
  const qs = queryString({ ...s, sort: '', page: 1 });
  const href = qs ? `/feed?${qs}` : '/feed';
  $('feed-alternate').setAttribute('href', href);
  $('feed-link').setAttribute('href', href);
}

// A new search state from the current one: filters change the result set, so back to page 1.
function withChange(change) {
  const s = readState();
  return searchHref({ ...s, page: 1, ...change });
}

function toggled(list, v) {
  return list.includes(v) ? list.filter((x) => x !== v) : [...list, v];
}

function navigate(href, state = {}) {
  history.replaceState({ ...history.state, scrollY: window.scrollY }, '');
  history.pushState(state, '', href);
  route({ pushed: true });
}

// ---- API

function startRequest() {
  inflight?.abort();
  inflight = new AbortController();
  return inflight;
}

// With --api-keys the data routes answer 401: ask for the key and keep it for this tab.
function keyForm(message) {
  const input = h('input', { type: 'password', id: 'api-key', autocomplete: 'off' });
  return h('form', { class: 'notice', submit: (e) => {
    e.preventDefault();
    try {
      sessionStorage.setItem(KEY_STORE, input.value.trim());
    } catch { /* storage disabled */ }
    cache.clear();
    route();
  } },
  h('p', null, message),
  h('label', { for: 'api-key' }, 'API key '), input, ' ', h('button', { type: 'submit' }, 'Use key'));
}

function problemView(err, what) {
  if (err.status === 401) return keyForm('This server needs an API key.');
  return h('div', { class: 'notice', role: 'alert' }, h('p', null, `${what}: ${err.message}`));
}

// ---- Routing

async function route(opts = {}) {
  closeHelp(false);
  const s = readState();
  if (s.view === 'briefing') return showBriefing(s.id, opts);
  if (s.view === 'entity') return showOtherView(ui.entityView, (ctl) => showEntity(ui.entityView, s, ctl.signal));
  if (s.view === 'outlook') return showOtherView(ui.outlookView, (ctl) => showOutlook(ui.outlookView, ctl.signal, navigate));
  return showSearch(s, opts);
}

// The entity and outlook views: one shown, the others hidden; their module fills it.
async function showOtherView(view, fill) {
  for (const v of [ui.searchView, ui.briefingView, ui.entityView, ui.outlookView]) v.hidden = v !== view;
  const ctl = startRequest();
  try {
    await fill(ctl);
  } catch (err) {
    if (err.name === 'AbortError') return;
    view.replaceChildren(backLink(), problemView(err, 'The page could not be loaded'));
    return;
  }
  window.scrollTo(0, 0);
  view.querySelector('h1')?.focus({ preventScroll: true });
}

function restoreScroll(opts) {
  const y = history.state?.scrollY;
  window.scrollTo(0, opts.pushed || y == null ? 0 : y);
}

// ---- Search view

async function showSearch(s, opts) {
  for (const v of [ui.briefingView, ui.entityView, ui.outlookView]) v.hidden = true;
  ui.searchView.hidden = false;
  if (document.activeElement !== ui.q || opts.popstate) ui.q.value = s.q;
  ui.sort.value = s.sort || (s.q ? 'relevance' : 'date');
  document.title = s.q ? `${s.q} · Briefing search` : 'Briefing search';
  lastSearchHref = searchHref(s);

  const qs = queryString(s);
  const ctl = startRequest();
  let data = opts.popstate ? cache.get(qs) : null;
  // The first view's results may have come with the page (a JSON data island): render without
  // waiting. Read once, then removed, so a later search never shows them.
  const island = document.getElementById('first-results');
  const initial = island ? JSON.parse(island.textContent) : null;
  island?.remove();
  if (!data && initial && initial.query === location.search.slice(1)) data = initial.data;
  if (!data) {
    ui.results.setAttribute('aria-busy', 'true');
    try {
      data = await api(`/search${qs ? `?${qs}` : ''}`, ctl.signal);
    } catch (err) {
      if (err.name === 'AbortError') return;
      ui.results.removeAttribute('aria-busy');
      renderFailure(err);
      return;
    }
    cache.set(qs, data);
    if (cache.size > 30) cache.delete(cache.keys().next().value);
  }
  if (ctl !== inflight) return;
  ui.results.removeAttribute('aria-busy');

  const before = document.activeElement;
  const focusKey = before?.dataset?.key;
  const inSidebar = Boolean(before?.closest?.('#facets'));
  renderSearch(s, data);
  if (!(opts.pushed && inSidebar)) restoreScroll(opts);
  if (focusKey) focusByKey(focusKey);
  else if (opts.popstate && lastOpenedId) focusByKey(`hit:${lastOpenedId}`);
  const lost = !document.activeElement || document.activeElement === document.body;
  if (opts.pushed && lost) ui.results.focus({ preventScroll: true });
}

function focusByKey(key) {
  const el = document.querySelector(`[data-key="${CSS.escape(key)}"]`);
  el?.focus({ preventScroll: !!el.closest('#facets') });
}

function renderFailure(err) {
  ui.status.textContent = 'The search failed.';
  ui.hits.replaceChildren(h('li', null, problemView(err, 'The search failed')));
  ui.pager.replaceChildren();
  ui.active.replaceChildren();
  ui.suggestion.hidden = true;
  ui.relaxed.hidden = true;
}

function renderSearch(s, data) {
  showFeedLinks(s);
  for (const v of data.facets?.region || []) regionNames.set(v.value, v.label);
  const total = data.total || 0;
  const took = data.took_ms < 10 ? data.took_ms.toFixed(1) : Math.round(data.took_ms);
  const count = `${data.total_exact === false ? 'About ' : ''}${plural(total, 'briefing', 'briefings')}`;
  const order = { relevance: '', oldest: ', oldest first' }[s.sort] ?? ', newest first';
  const what = s.q ? ` for “${s.q}”` : order;
  ui.status.replaceChildren(h('strong', null, count), what, h('span', { class: 'took' }, ` · ${took} ms`));

  ui.suggestion.hidden = !data.suggestion;
  if (data.suggestion) {
    ui.suggestion.replaceChildren('Did you mean ',
      h('a', { href: withChange({ q: data.suggestion }) }, data.suggestion), '?');
  }
  renderRelaxed(s, data.relaxed || []);
  ui.active.replaceChildren(...activeFilters(s));
  renderExport(s);
  ui.hits.replaceChildren(...(data.hits || []).map((hit) => hitItem(hit, s)));
  if (!data.hits?.length) ui.hits.append(noHits(s, total));
  ui.pager.replaceChildren(...pager(s, data));
  ui.facets.replaceChildren(...FACETS.map(([f, legend]) => facetBox(s, f, legend, data.facets?.[f] || [])),
    dateBox(s, data.facets?.date || []));
}

// The words the engine gave up to find a page ("Results without: backdoor"), with a link that
// asks for them again as +word.
function renderRelaxed(s, words) {
  ui.relaxed.hidden = !words.length;
  if (!words.length) return;
  let strict = s.q;
  for (const w of words) strict = strict.replace(w, w.includes(' ') ? `+"${w}"` : `+${w}`);
  ui.relaxed.replaceChildren('Results without: ',
    ...words.flatMap((w, i) => [i ? ', ' : '', h('s', null, w)]),
    ' · ', h('a', { href: withChange({ q: strict }) }, 'must include every word'));
}

function noHits(s, total) {
  if (total > 0) {
    return h('li', { class: 'empty' }, 'No briefings on this page. ',
      h('a', { href: searchHref({ ...s, page: 1 }) }, 'Back to the first page'));
  }
  const filtered = FACETS.some(([f]) => s[f].length) || s.from || s.to;
  return h('li', { class: 'empty' }, h('p', null, 'No briefings match.'),
    h('p', { class: 'muted' }, filtered ? 'Try removing a filter, or use fewer words.'
      : 'Try fewer words, a prefix like typh*, or OR between alternatives.'));
}

function activeFilters(s) {
  const chips = [];
  for (const [f, legend] of FACETS) {
    for (const v of s[f]) {
      chips.push(h('a', { class: 'chip', href: withChange({ [f]: s[f].filter((x) => x !== v) }),
        'aria-label': `Remove filter ${legend} ${valueLabel(f, v)}` }, `${legend}: ${valueLabel(f, v)}`));
    }
  }
  if (s.from || s.to) {
    chips.push(h('a', { class: 'chip', href: withChange({ from: '', to: '' }),
      'aria-label': 'Remove date filter' }, `Date: ${rangeText(s)}`));
  }
  if (chips.length > 1) {
    chips.push(h('a', { href: searchHref({ ...s, ...NO_FILTERS }) }, 'Clear all filters'));
  }
  return chips;
}

function hitItem(hit, s) {
  return h('li', { class: 'hit' }, h('article', null,
    h('h2', { class: 'hit-title' },
      h('a', { class: 'hit-link', href: briefingHref(hit.id), 'data-key': `hit:${hit.id}` }, hit.title)),
    metaLine([time(hit.published), hit.series && h('span', null, hit.series),
      hit.status && h('span', { class: 'badge' }, hit.status)]),
    hit.snippet && h('p', { class: 'snippet' }, snippetNodes(hit.snippet)),
    entityChips(hit, s),
    similarBlock(hit),
    relatedBlock(hit.related || [])));
}

// The near-duplicates folded into a hit (re-issues, copies): "N similar", opened on demand.
function similarBlock(hit) {
  const n = hit.similar_count || 0;
  if (!n) return null;
  return h('details', { class: 'similar' }, h('summary', null, plural(n, 'similar briefing', 'similar briefings')),
    h('ul', null, (hit.similar || []).map((x) => h('li', null,
      h('a', { href: briefingHref(x.id) }, x.title || x.id), ` · ${fmtDate(x.published)}`))));
}

function entityChips(hit, s) {
  const chips = [];
  for (const [f, legend, field] of ENTITY_FACETS) {
    for (const v of hit[field] || []) {
      const on = s[f].includes(v);
      chips.push(h('button', { type: 'button', class: `chip ${f}`, 'aria-pressed': String(on),
        'data-key': `chip:${hit.id}:${f}:${v}`,
        click: () => navigate(withChange({ [f]: toggled(s[f], v) })) },
      h('span', { class: 'vh' }, `${legend}: `), valueLabel(f, v)));
    }
  }
  return chips.length ? h('div', { class: 'chips', role: 'group', 'aria-label': 'Filter by' }, chips) : null;
}

function relatedBlock(items) {
  if (!items.length) return null;
  return h('div', { class: 'related' }, h('h3', null, 'Related events'),
    h('ul', null, items.map((r) => h('li', null, h('a', { href: briefingHref(r.id) }, r.title || r.id),
      ` · ${fmtDate(r.published)}${r.reason && r.reason !== 'link' ? ` · ${r.reason}` : ''}`))));
}

function pager(s, data) {
  const per = data.per_page || 10;
  const last = Math.min(Math.ceil((data.total || 0) / per), Math.floor(MAX_DEPTH / per));
  const page = s.page;
  if (last <= 1 && page <= 1) return [];
  const link = (p, text, rel) => h('a', { href: searchHref({ ...s, page: p }), rel,
    'aria-label': text === String(p) ? `Page ${p}` : null }, text);
  const items = [];
  items.push(page > 1 ? link(page - 1, '← Previous', 'prev') : h('span', { class: 'off' }, '← Previous'));
  let prev = 0;
  for (let p = 1; p <= last; p++) {
    if (p !== 1 && p !== last && Math.abs(p - page) > 2) continue;
    if (p - prev > 1) items.push(h('span', { class: 'gap', 'aria-hidden': 'true' }, '…'));
    items.push(p === page ? h('span', { class: 'current', 'aria-current': 'page' }, String(p)) : link(p, String(p)));
    prev = p;
  }
  items.push(page < last ? link(page + 1, 'Next →', 'next') : h('span', { class: 'off' }, 'Next →'));
  return items;
}

// ---- Facet sidebar

function facetBox(s, f, legend, values) {
  const selected = s[f];
  const items = values.map((v) => ({ value: v.value, label: v.label || v.value, count: v.count }));
  for (const v of selected) {
    if (!items.some((i) => i.value === v)) items.unshift({ value: v, label: valueLabel(f, v), count: null });
  }
  const all = expanded.has(f);
  const shown = items.filter((it, i) => all || i < PREVIEW || selected.includes(it.value));
  // Every value is listed; those beyond the preview are hidden until "Show all" or the filter.
  const list = h('ul', { class: 'ticks' }, items.map((it) => {
    const id = `f-${f}-${items.indexOf(it)}`;
    return h('li', { hidden: !shown.includes(it) },
      h('input', { type: 'checkbox', id, checked: selected.includes(it.value), 'data-key': `${f}:${it.value}`,
        change: () => navigate(withChange({ [f]: toggled(s[f], it.value) })) }),
      h('label', { for: id }, h('span', { class: 'name' }, it.label),
        it.count != null && h('span', { class: 'count' }, it.count.toLocaleString('en-GB'))),
      isEntityFacet(f) && h('a', { class: 'entity-link', href: entityHref(f, it.value),
        'aria-label': `${legend} page: ${it.label}`, title: `${legend} page: ${it.label}` }, '›'));
  }));
  const box = h('fieldset', { class: 'facet' },
    h('legend', null, legend),
    selected.length > 0 && h('button', { type: 'button', class: 'clear', 'data-key': `clear:${f}`,
      'aria-label': `Clear ${legend.toLowerCase()} filter`, click: () => navigate(withChange({ [f]: [] })) }, 'Clear'),
    items.length > PREVIEW && facetFilter(legend, [...list.children]),
    items.length ? list : h('p', { class: 'muted none' }, 'None in these results'),
    items.length > PREVIEW && h('button', { type: 'button', class: 'more', 'aria-expanded': String(all),
      click: () => {
        if (all) expanded.delete(f);
        else expanded.add(f);
        const fresh = facetBox(readState(), f, legend, values);
        box.replaceWith(fresh);
        fresh.querySelector('.more').focus();
      } }, all ? 'Show fewer' : `Show all ${items.length}`));
  return box;
}

// ---- Date histogram

const monthOf = (d) => (/^\d{4}-\d{2}/.test(d) ? d.slice(0, 7) : '');
const firstDay = (m) => `${m}-01`;
function lastDay(m) {
  const [y, mo] = m.split('-').map(Number);
  return `${m}-${String(new Date(Date.UTC(y, mo, 0)).getUTCDate()).padStart(2, '0')}`;
}
function nextMonth(m) {
  const [y, mo] = m.split('-').map(Number);
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
}

// The API lists months that have briefings; fill the gaps so the axis is time.
function fillMonths(buckets) {
  const counts = new Map(buckets.map((b) => [b.value, b.count]));
  const keys = [...counts.keys()].filter((k) => /^\d{4}-\d{2}$/.test(k)).sort();
  if (!keys.length) return [];
  const out = [];
  for (let m = keys[0]; m <= keys[keys.length - 1] && out.length < 600; m = nextMonth(m)) {
    out.push({ value: m, count: counts.get(m) || 0 });
  }
  return out;
}

function rangeText(s) {
  const isDay = (d) => /^\d{4}-\d{2}-\d{2}$/.test(d);
  const f = isDay(s.from) ? fmtDate(s.from) : s.from;
  const t = isDay(s.to) ? fmtDate(s.to) : s.to;
  if (f && t) return `${f} – ${t}`;
  return f ? `from ${f}` : `until ${t}`;
}

function setMonths(a, b) {
  const [lo, hi] = a <= b ? [a, b] : [b, a];
  const s = readState();
  if (s.from === firstDay(lo) && s.to === lastDay(hi)) navigate(withChange({ from: '', to: '' }));
  else navigate(withChange({ from: firstDay(lo), to: lastDay(hi) }));
}

function dateBox(s, buckets) {
  const months = fillMonths(buckets);
  const max = Math.max(1, ...months.map((m) => m.count));
  const lo = monthOf(s.from) || (s.from ? '' : '0000-00');
  const hi = monthOf(s.to) || (s.to ? '' : '9999-99');
  const ranged = Boolean(s.from || s.to);
  const inRange = (m) => ranged && lo && hi && m >= lo && m <= hi;
  const focusIndex = Math.max(0, months.findIndex((m) => inRange(m.value)));
  const bars = months.map((m, i) => h('button', {
    type: 'button', class: `month${inRange(m.value) ? ' sel' : ''}`, 'data-month': m.value,
    'data-key': `month:${m.value}`, tabindex: i === focusIndex ? '0' : '-1', 'aria-pressed': String(inRange(m.value)),
    'aria-label': `${monthLabel(m.value)}: ${plural(m.count, 'briefing', 'briefings')}`, title: `${monthLabel(m.value)}: ${m.count}`,
  }, h('span', { class: `bar h${Math.round((m.count / max) * 10)}` })));
  const hist = h('div', { class: 'histogram', role: 'group', 'aria-label': 'Briefings per month' }, bars);
  wireHistogram(hist);
  const dateInput = (name, label) => h('label', null, label, h('input', { type: 'date', name,
    value: /^\d{4}-\d{2}-\d{2}$/.test(s[name]) ? s[name] : '' }));
  const range = h('form', { class: 'range', submit: (e) => {
    e.preventDefault();
    navigate(withChange({ from: range.elements.from.value, to: range.elements.to.value }));
  } }, dateInput('from', 'From'), dateInput('to', 'To'), h('button', { type: 'submit', 'data-key': 'range' }, 'Apply'));
  return h('fieldset', { class: 'facet dates' },
    h('legend', null, 'Date'),
    ranged && h('button', { type: 'button', class: 'clear', 'data-key': 'clear:date', 'aria-label': 'Clear date filter',
      click: () => navigate(withChange({ from: '', to: '' })) }, 'Clear'),
    months.length ? [hist, h('div', { class: 'axis', 'aria-hidden': 'true' },
      h('span', null, shortMonth(months[0].value)), h('span', null, shortMonth(months[months.length - 1].value)))]
      : h('p', { class: 'muted none' }, 'No dates in these results'),
    h('p', { class: 'hint muted' }, ranged ? rangeText(s) : 'Click a month, or drag across months.'),
    range);
}

// Click one month or drag across several; keys: arrows move, Enter/Space picks a month.
function wireHistogram(hist) {
  let drag = null;
  const monthAt = (e) => document.elementFromPoint(e.clientX, e.clientY)?.closest?.('[data-month]');
  const paint = () => {
    for (const b of hist.children) {
      const m = b.dataset.month;
      b.classList.toggle('drag', !!drag && m >= (drag.a < drag.b ? drag.a : drag.b) && m <= (drag.a < drag.b ? drag.b : drag.a));
    }
  };
  hist.addEventListener('pointerdown', (e) => {
    const b = e.target.closest('[data-month]');
    if (!b || e.button !== 0) return;
    e.preventDefault();
    drag = { a: b.dataset.month, b: b.dataset.month };
    window.addEventListener('pointerup', end, { once: true });
    paint();
  });
  hist.addEventListener('pointermove', (e) => {
    const b = drag && monthAt(e);
    if (b && hist.contains(b) && b.dataset.month !== drag.b) {
      drag.b = b.dataset.month;
      paint();
    }
  });
  const end = () => {
    if (!drag) return;
    const { a, b } = drag;
    drag = null;
    paint();
    setMonths(a, b);
  };
  hist.addEventListener('pointercancel', () => {
    drag = null;
    paint();
  });
  hist.addEventListener('click', (e) => {
    const b = e.target.closest('[data-month]');
    if (b && e.detail === 0) setMonths(b.dataset.month, b.dataset.month); // keys; pointers end above
  });
  hist.addEventListener('keydown', (e) => {
    const list = [...hist.children];
    const i = list.indexOf(document.activeElement);
    if (i < 0) return;
    const to = { ArrowLeft: i - 1, ArrowRight: i + 1, Home: 0, End: list.length - 1 }[e.key];
    if (to == null) return;
    e.preventDefault();
    const next = list[Math.max(0, Math.min(list.length - 1, to))];
    list[i].tabIndex = -1;
    next.tabIndex = 0;
    next.focus();
  });
}

// ---- Briefing view

async function showBriefing(id, opts) {
  for (const v of [ui.searchView, ui.entityView, ui.outlookView]) v.hidden = true;
  ui.briefingView.hidden = false;
  lastOpenedId = id;
  ui.briefingView.replaceChildren(h('p', { class: 'loading' }, 'Loading…'));
  const ctl = startRequest();
  const path = `/briefings/${encodeURIComponent(id)}`;
  let b;
  let related = [];
  let thread = [];
  // Related events and the thread are extras: the briefing shows without them.
  const extra = (p) => api(p, ctl.signal).catch((e) => (e.name === 'AbortError' ? Promise.reject(e) : null));
  try {
    const [doc, rel, story] = await Promise.all([api(path, ctl.signal), extra(`${path}/related`), extra(`${path}/thread`)]);
    b = doc;
    related = rel?.related || [];
    thread = story?.thread || [];
  } catch (err) {
    if (err.name === 'AbortError') return;
    document.title = 'Briefing not found · Briefing search';
    ui.briefingView.replaceChildren(backLink(), err.status === 404
      ? h('div', { class: 'notice', role: 'alert' }, h('h1', { tabindex: '-1' }, 'Briefing not found'),
        h('p', null, `No briefing has the id “${id}”.`))
      : problemView(err, 'The briefing could not be loaded'));
    return;
  }
  if (ctl !== inflight) return;
  document.title = `${b.title} · Briefing search`;
  ui.briefingView.replaceChildren(backLink(), briefingArticle(b, related, thread));
  restoreScroll(opts);
  if (!opts.popstate) ui.briefingView.querySelector('h1')?.focus({ preventScroll: true });
}

function backLink() {
  const fromSearch = history.state?.back;
  return h('p', { class: 'back' }, h('a', { href: fromSearch || lastSearchHref, click: (e) => {
    if (fromSearch && !e.ctrlKey && !e.metaKey && !e.shiftKey) {
      e.preventDefault();
      history.back();
    }
  } }, '← Back to results'));
}

const HORIZON = { short: 'Short term', medium: 'Medium term', long: 'Long term' };
const cap = (s) => (s ? s[0].toUpperCase() + s.slice(1) : '');

function section(cls, title, ...content) {
  const body = content.flat(Infinity).filter(Boolean);
  return body.length ? h('section', { class: cls }, h('h2', null, title), body) : null;
}

// ---- The body's structure (body_blocks): the source's headings, paragraphs, lists and code,
// built as elements and text nodes. Only http(s) targets become links; the source's h1 shows as
// h2, so that the page's own h1 stays the title.

function spanNodes(spans) {
  return (spans || []).map((s) => {
    if (typeof s === 'string') return s;
    const url = safeUrl(s.href);
    if (!url) return s.text;
    const host = new URL(url).host;
    return [h('a', { href: url, rel: 'noopener noreferrer', title: url }, s.text),
      !String(s.text).includes(host) && h('span', { class: 'link-host' }, ` (${host})`)];
  });
}

const lineNodes = (lines) => (lines || []).flatMap((line, i) => [i ? h('br') : null, spanNodes(line)]);

function listNode(ordered, start, items) {
  return h(ordered ? 'ol' : 'ul', { start: ordered && start !== 1 ? start : null },
    (items || []).map((item) => h('li', null, spanNodes(item.spans),
      item.list && listNode(item.list.ordered, 1, item.list.items))));
}

function bodyBlockNode(block) {
  switch (block.type) {
    case 'heading': return h(`h${Math.min(4, Math.max(2, (block.level || 1) + 1))}`, null, spanNodes(block.spans));
    case 'paragraph': return h('p', null, lineNodes(block.lines));
    case 'list': return listNode(block.ordered, block.start ?? 1, block.items);
    case 'code': return h('pre', null, h('code', null, block.text));
    default: return null;
  }
}

const bodyNodes = (b) => (Array.isArray(b.body_blocks) && b.body_blocks.length
  ? b.body_blocks.map(bodyBlockNode) : paragraphs(b.body));

// The story this briefing belongs to, oldest first, the briefing itself marked as current.
function threadSection(b, thread) {
  if (thread.length < 2) return null;
  return h('nav', { class: 'thread', 'aria-label': 'This story' }, h('h2', null, 'This story'),
    h('ol', null, thread.map((t) => h('li', { class: t.id === b.id ? 'current' : null },
      time(t.published), ' ', t.id === b.id
        ? h('span', { 'aria-current': 'page' }, t.title)
        : h('a', { href: briefingHref(t.id) }, t.title),
      t.update ? h('span', { class: 'badge' }, `Update ${t.update}`) : null))));
}

function briefingArticle(b, related, thread = []) {
  const hhmm = /T(\d{2}:\d{2})/.exec(b.published || '');
  const fr = b.first_reported;
  const frUrl = safeUrl(fr?.url);
  const sourceUrl = safeUrl(b.url);
  const events = [...related].sort((x, y) => String(x.published).localeCompare(String(y.published)));
  const analysis = b.analysis || {};
  return h('article', { class: 'briefing' },
    h('header', null,
      b.series && h('p', { class: 'kicker' }, b.series),
      h('h1', { tabindex: '-1' }, b.title),
      metaLine([time(b.published), hhmm && `${hhmm[1]} UTC`, b.read_minutes && `${b.read_minutes} min read`,
        b.category, b.status && h('span', { class: 'badge' }, b.status)])),
    threadSection(b, thread),
    b.summary && h('p', { class: 'lede' }, b.summary),
    b.key_takeaway && h('section', { class: 'takeaway' }, h('h2', null, 'Key takeaway'), h('p', null, b.key_takeaway)),
    h('div', { class: 'body' }, bodyNodes(b)),
    (analysis.plain_english || analysis.root_causes) && h('section', { class: 'analysis' },
      h('h2', null, 'Deep analysis'),
      analysis.plain_english && [h('h3', null, 'In plain English'), paragraphs(analysis.plain_english)],
      analysis.root_causes && [h('h3', null, 'Root causes'), paragraphs(analysis.root_causes)]),
    section('outlook', 'What could happen next?', (b.outlook || []).length && h('ul', null, b.outlook.map((o) =>
      h('li', { class: `kind-${o.kind || 'other'}` }, h('p', { class: 'kind' }, cap(o.kind)), h('p', null, o.text),
        h('p', { class: 'muted' }, [HORIZON[o.horizon] || cap(o.horizon),
          typeof o.probability === 'number' && `${Math.round(o.probability * 100)}% likely`].filter(Boolean).join(' · ')))))),
    fr && (fr.title || fr.source) && section('first-reported', 'First reported in',
      h('p', { class: 'fr-title' }, frUrl ? h('a', { href: frUrl, rel: 'noopener noreferrer' }, fr.title || fr.source) : fr.title),
      h('p', { class: 'muted' }, [fr.source, fmtDate(fr.date)].filter(Boolean).join(' · '))),
    section('causes', 'Causes and effects', paragraphs(b.causes_effects)),
    section('perspectives', 'Different perspectives', (b.perspectives || []).length && h('dl', null,
      b.perspectives.map((p) => [h('dt', null, p.party), h('dd', null, p.text)]))),
    section('entities', 'Actors, vendors and regions', ENTITY_FACETS.map(([f, legend, field]) => (b[field] || []).length &&
      h('div', { class: 'chips' }, h('span', { class: 'chips-label' }, `${legend}s`),
        b[field].map((v) => h('a', { class: `chip ${f}`, href: entityHref(f, v), title: `${legend} page: ${valueLabel(f, v)}` }, valueLabel(f, v)))))),
    section('related-events', 'Related events', events.length && h('ol', null, events.map((r) => h('li', null,
      time(r.published), h('a', { href: briefingHref(r.id) }, r.title || r.id),
      r.reason && h('span', { class: 'reason' }, r.reason === 'link' ? 'linked' : r.reason))))),
    sourceUrl && h('p', { class: 'source' }, h('a', { href: sourceUrl, rel: 'noopener noreferrer' }, 'Read original')));
}

// ---- Help popover and keyboard

function openHelp() {
  ui.help.hidden = false;
  ui.helpBtn.setAttribute('aria-expanded', 'true');
  ui.help.querySelector('a')?.focus();
}
function closeHelp(returnFocus) {
  if (ui.help.hidden) return;
  ui.help.hidden = true;
  ui.helpBtn.setAttribute('aria-expanded', 'false');
  if (returnFocus) ui.helpBtn.focus();
}

const isTyping = (el) =>
  el?.matches?.('input:not([type=checkbox]):not([type=radio]):not([type=button]), textarea, select, [contenteditable]');

function onKeydown(e) {
  if (e.key === 'Escape' && !ui.help.hidden) {
    e.preventDefault();
    closeHelp(true);
    return;
  }
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
  const t = e.target;
  if (e.key === '/' && !isTyping(t)) {
    e.preventDefault();
    ui.q.focus();
    ui.q.select();
    return;
  }
  if ((e.key !== 'ArrowDown' && e.key !== 'ArrowUp') || ui.searchView.hidden) return;
  const links = [...ui.hits.querySelectorAll('.hit-link')];
  if (!links.length) return;
  const item = t.closest?.('#hits > li');
  const i = item ? [...ui.hits.children].indexOf(item) : -1;
  const down = e.key === 'ArrowDown';
  if (i >= 0) {
    e.preventDefault();
    if (i === 0 && !down) ui.q.focus();
    else links[Math.max(0, Math.min(links.length - 1, i + (down ? 1 : -1)))].focus();
  } else if (down && (t === ui.q || t === document.body || t === ui.results)) {
    e.preventDefault();
    links[0].focus();
  }
}

// ---- Export menu: every briefing of the search on screen (not the page) as a file, from /export

function exportHref(s, format) {
  const p = new URLSearchParams(queryString({ ...s, page: 1 }));
  p.set('format', format);
  return `/export?${p}`;
}

function renderExport(s) {
  for (const a of document.querySelectorAll('#export-menu a[data-format]')) a.href = exportHref(s, a.dataset.format);
}

// A plain link cannot send the API key: with one, the file is fetched with it and saved from memory.
async function exportWithKey(e) {
  const key = apiKey();
  if (!key) return;
  e.preventDefault();
  const res = await fetch(e.currentTarget.href, { headers: { Authorization: `Bearer ${key}` } });
  if (!res.ok) {
    ui.status.textContent = `The export failed (${res.status}).`;
    return;
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') || '')?.[1] || 'briefings';
  const url = URL.createObjectURL(await res.blob());
  h('a', { href: url, download: name }).click();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

function wireExport() {
  for (const a of document.querySelectorAll('#export-menu a[data-format]')) a.addEventListener('click', exportWithKey);
}

function init() {
  for (const id of ['q', 'help', 'status', 'suggestion', 'relaxed', 'active', 'hits', 'pager', 'facets', 'results', 'sort'])
    ui[id] = $(id);
  ui.helpBtn = $('help-btn');
  ui.searchView = $('search-view');
  ui.briefingView = $('briefing-view');
  ui.entityView = $('entity-view');
  ui.outlookView = $('outlook-view');
  history.scrollRestoration = 'manual';

  $('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    closeHelp(false);
    navigate(withChange({ q: ui.q.value.trim() }));
  });
  ui.sort.addEventListener('change', () => navigate(withChange({ sort: ui.sort.value })));
  ui.helpBtn.addEventListener('click', () => (ui.help.hidden ? openHelp() : closeHelp(true)));
  document.addEventListener('click', (e) => {
    if (!ui.help.hidden && !e.target.closest('#help, #help-btn')) closeHelp(false);
  });
  const toggle = $('filters-toggle');
  toggle.addEventListener('click', () => {
    const open = ui.facets.classList.toggle('open');
    toggle.setAttribute('aria-expanded', String(open));
  });

  // Same-page links change the view without a reload.
  document.addEventListener('click', (e) => {
    const a = e.target.closest?.('a[href]');
    if (!a || e.defaultPrevented || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    if (a.getAttribute('href').startsWith('#') || a.target) return;
    const url = new URL(a.href, location.href);
    const ours = url.pathname === '/' || url.pathname === '/o' || /^\/[be]\//.test(url.pathname);
    if (url.origin !== location.origin || !ours) return;
    e.preventDefault();
    const fromSearch = !ui.searchView.hidden && url.pathname.startsWith('/b/');
    navigate(url.pathname + url.search, fromSearch ? { back: location.pathname + location.search } : {});
  });
  wireExport();
  // A picked entity becomes a filter, as a chip does; the rest of the box stays the query.
  attachSuggest(ui.q, { fetchJson: api, pick: (sug, rest) => {
    const s = readState();
    navigate(withChange({ q: rest, [sug.kind]: s[sug.kind].includes(sug.canonical) ? s[sug.kind] : [...s[sug.kind], sug.canonical] }));
  } });
  document.addEventListener('keydown', onKeydown);
  window.addEventListener('popstate', () => route({ popstate: true }));
  route({ popstate: true });
}

init();
