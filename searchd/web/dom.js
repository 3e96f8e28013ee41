// What every view of the page builds with: elements from data (text only ever as text nodes),
// dates as people read them, and region names.

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
  'September', 'October', 'November', 'December'];

// h('a', {href: '/', click: fn}, 'text', node, [more]): functions become listeners; strings text nodes.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (typeof v === 'function') el.addEventListener(k, v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  el.append(...children.flat(Infinity).filter((c) => c != null && c !== false && c !== ''));
  return el;
}

export function fmtDate(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s || '');
  return m ? `${+m[3]} ${MONTHS[+m[2] - 1]} ${m[1]}` : s || '';
}
export const time = (s) => (s ? h('time', { datetime: s }, fmtDate(s)) : null);
// "29 May 2026 · Series · STATUS": the dots are decoration, hidden from screen readers.
export const metaLine = (items) => h('p', { class: 'meta' }, items.filter(Boolean)
  .flatMap((m, i) => (i ? [h('span', { 'aria-hidden': 'true' }, '·'), m] : [m])));
export const plural = (n, one, many) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
export const paragraphs = (text) =>
  String(text || '').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean).map((p) => h('p', null, p));
export const monthLabel = (m) => `${MONTHS[+m.slice(5, 7) - 1]} ${m.slice(0, 4)}`;
export const shortMonth = (m) => `${MONTHS[+m.slice(5, 7) - 1].slice(0, 3)} ${m.slice(0, 4)}`;

export const regionNames = new Map(); // ISO code -> country name, from the API's facet labels
let displayNames = null;
export function regionName(code) {
  if (regionNames.has(code)) return regionNames.get(code);
  try {
    displayNames ??= new Intl.DisplayNames(['en'], { type: 'region' });
    return displayNames.of(code) || code;
  } catch {
    return code;
  }
}
export const valueLabel = (facet, v) => (facet === 'region' ? regionName(v) : v);

// The pages of the views: a briefing, an entity, the outlook.
export const briefingHref = (id) => `/b/${encodeURIComponent(id)}`;
export const entityHref = (kind, name) => `/e/${kind}/${encodeURIComponent(name)}`;
