// The outlook across briefings (/o): the risks, opportunities and precedents the briefings
// foresee, each on its own, filtered by kind, horizon, probability and words (and any /search
// facet in the URL), most likely or newest first; filled from /outlook.
import { api } from './api.js';
import { briefingHref, h, plural, time } from './dom.js';

const KINDS = [['', 'Any kind'], ['risk', 'Risks'], ['opportunity', 'Opportunities'], ['precedent', 'Precedents']];
const HORIZONS = [['', 'Any horizon'], ['short', 'Short term'], ['medium', 'Medium term'], ['long', 'Long term']];
const PROBABILITIES = [['', 'Any probability'], ['0.5', '50% or more'], ['0.6', '60% or more'],
  ['0.7', '70% or more'], ['0.8', '80% or more']];
const SORTS = [['probability', 'Most likely first'], ['date', 'Newest first']];
const HORIZON_TEXT = Object.fromEntries(HORIZONS.slice(1));
const PER_PAGE = 20;

function select(name, label, options, value, change) {
  return h('label', null, label, ' ', h('select', { name, id: `outlook-${name}`, change },
    options.map(([v, text]) => h('option', { value: v, selected: v === value }, text))));
}

function item(o) {
  const facts = [o.horizon && (HORIZON_TEXT[o.horizon] || o.horizon),
    typeof o.probability === 'number' && `${Math.round(o.probability * 100)}% likely`].filter(Boolean);
  return h('li', { class: `outlook-item kind-${o.kind || 'other'}`, 'data-kind': o.kind, 'data-horizon': o.horizon },
    h('p', { class: 'kind' }, o.kind ? o.kind[0].toUpperCase() + o.kind.slice(1) : 'Outlook',
      facts.length ? h('span', { class: 'muted' }, ` · ${facts.join(' · ')}`) : null),
    h('p', null, o.text),
    h('p', { class: 'from muted' }, 'From ', h('a', { href: briefingHref(o.id) }, o.title || o.id), ' · ', time(o.published)));
}

export async function showOutlook(view, signal, navigate) {
  const params = new URLSearchParams(location.search);
  const page = Math.max(1, parseInt(params.get('page'), 10) || 1);
  const go = (change) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(change)) if (v) next.set(k, v); else next.delete(k);
    if (!('page' in change)) next.delete('page');
    navigate(`/o${next.toString() ? `?${next}` : ''}`);
  };
  const pick = (name) => (e) => go({ [name]: e.target.value });
  const words = h('input', { type: 'search', name: 'q', id: 'outlook-q', value: params.get('q') || '',
    placeholder: 'Words in the item' });
  const form = h('form', { class: 'outlook-filters', role: 'search', 'aria-label': 'Outlook filters',
    submit: (e) => {
      e.preventDefault();
      go({ q: words.value.trim() });
    } },
  h('label', { for: 'outlook-q', class: 'vh' }, 'Words'), words,
  select('kind', 'Kind', KINDS, params.get('kind') || '', pick('kind')),
  select('horizon', 'Horizon', HORIZONS, params.get('horizon') || '', pick('horizon')),
  select('min_probability', 'Probability', PROBABILITIES, params.get('min_probability') || '', pick('min_probability')),
  select('sort', 'Order', SORTS, params.get('sort') || 'probability', pick('sort')),
  h('button', { type: 'submit' }, 'Apply'));
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' }, 'Loading…');
  const list = h('ol', { class: 'outlook-items' });
  const pager = h('nav', { class: 'pager', 'aria-label': 'Outlook pages' });
  document.title = 'Outlook · Briefing search';
  view.replaceChildren(h('h1', { tabindex: '-1' }, 'Outlook'),
    h('p', { class: 'muted' }, 'What the briefings foresee, each risk, opportunity and precedent on its own.'),
    form, status, list, pager);

  const query = new URLSearchParams(params);
  query.set('per_page', String(PER_PAGE));
  view.setAttribute('aria-busy', 'true');
  const data = await api(`/outlook?${query}`, signal).finally(() => view.removeAttribute('aria-busy'));
  status.replaceChildren(h('strong', null, plural(data.total, 'item', 'items')));
  list.replaceChildren(...data.items.map(item));
  const last = Math.ceil(data.total / PER_PAGE);
  pager.replaceChildren(
    page > 1 ? h('a', { href: '#', rel: 'prev', click: (e) => { e.preventDefault(); go({ page: String(page - 1) }); } }, '← Previous') : null,
    last > 1 ? h('span', { class: 'current' }, `Page ${page} of ${last}`) : null,
    page < last ? h('a', { href: '#', rel: 'next', click: (e) => { e.preventDefault(); go({ page: String(page + 1) }); } }, 'Next →') : null);
}
