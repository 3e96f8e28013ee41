// An entity's page (/e/{kind}/{name}): who or what it is, a monthly timeline of the briefings
// naming it, the entities they name with it, and the latest of them; filled from /entities.
import { api } from './api.js';
import { briefingHref, entityHref, h, metaLine, monthLabel, plural, regionNames, shortMonth,
  time } from './dom.js';

const KINDS = { actor: 'Actor', vendor: 'Vendor', region: 'Region' };

// The search for every briefing tagged with the entity, newest first.
const searchFor = (kind, name) => `/?${new URLSearchParams({ [kind]: name })}`;

function timeline(months) {
  if (!months.length) return null;
  const max = Math.max(1, ...months.map((m) => m.count));
  return h('figure', { class: 'timeline' },
    h('figcaption', null, 'Briefings a month'),
    h('ol', { class: 'histogram', 'aria-label': 'Briefings a month' }, months.map((m) =>
      h('li', { class: 'month', 'data-month': m.month, 'data-count': m.count,
        'aria-label': `${monthLabel(m.month)}: ${plural(m.count, 'briefing', 'briefings')}`,
        title: `${monthLabel(m.month)}: ${m.count}` },
      h('span', { class: `bar h${Math.round((m.count / max) * 10)}` })))),
    h('div', { class: 'axis', 'aria-hidden': 'true' }, h('span', null, shortMonth(months[0].month)),
      h('span', null, shortMonth(months[months.length - 1].month))));
}

function coOccurring(e) {
  const lists = Object.entries(KINDS).map(([kind, legend]) => {
    const values = e.co_occurring?.[kind] || [];
    if (!values.length) return null;
    return h('section', { class: `with ${kind}` }, h('h3', null, `${legend}s`),
      h('ol', null, values.map((v) => h('li', null,
        h('a', { class: `chip ${kind}`, href: entityHref(kind, v.name) }, v.label || v.name),
        h('span', { class: 'count', 'aria-label': plural(v.count, 'briefing', 'briefings') }, String(v.count))))));
  }).filter(Boolean);
  return lists.length ? h('section', { class: 'co-occurring' },
    h('h2', null, 'Named with it most'), h('div', { class: 'with-lists' }, lists)) : null;
}

function facts(e) {
  const rows = [];
  if (e.aliases?.length) rows.push(['Also known as', e.aliases.join(', ')]);
  if (e.country) {
    rows.push(['Attributed to', h('a', { href: entityHref('region', e.country) }, e.country_label || e.country)]);
  }
  if (e.type) rows.push(['Type', e.type]);
  if (e.first_seen) rows.push(['First seen', time(e.first_seen)], ['Last seen', time(e.last_seen)]);
  return rows.length ? h('dl', { class: 'facts' }, rows.map(([k, v]) => [h('dt', null, k), h('dd', null, v)])) : null;
}

function entityArticle(e) {
  const legend = KINDS[e.kind] || e.kind;
  return h('article', { class: 'entity' },
    h('header', null, h('p', { class: 'kicker' }, legend), h('h1', { tabindex: '-1' }, e.label || e.name),
      metaLine([plural(e.briefings, 'briefing', 'briefings'),
        e.label && e.label !== e.name && e.name,
        e.briefings > 0 && h('a', { href: searchFor(e.kind, e.name) }, 'Search them')])),
    facts(e),
    timeline(e.timeline || []),
    coOccurring(e),
    (e.latest || []).length > 0 && h('section', { class: 'latest' }, h('h2', null, 'Latest briefings'),
      h('ol', null, e.latest.map((b) => h('li', null, time(b.published), ' ',
        h('a', { href: briefingHref(b.id) }, b.title || b.id))))));
}

export async function showEntity(view, s, signal) {
  view.replaceChildren(h('p', { class: 'loading' }, 'Loading…'));
  let e;
  try {
    e = await api(`/entities/${encodeURIComponent(s.kind)}/${encodeURIComponent(s.name)}`, signal);
  } catch (err) {
    if (err.status !== 404) throw err;
    document.title = 'Not found · Briefing search';
    view.replaceChildren(h('div', { class: 'notice', role: 'alert' },
      h('h1', { tabindex: '-1' }, 'Not found'), h('p', null, err.message)));
    return;
  }
  for (const v of e.co_occurring?.region || []) regionNames.set(v.name, v.label);
  if (e.kind === 'region') regionNames.set(e.name, e.label);
  document.title = `${e.label || e.name} · Briefing search`;
  view.replaceChildren(entityArticle(e));
}
