// The search box as an ARIA 1.2 combobox over /suggest, and the filter input of a long facet list.
// Suggestions are only ever inserted as text nodes.

const MIN_CHARS = 2; // fewer typed characters complete to too much to be useful
const DEBOUNCE_MS = 120;
const LIMIT = 8;

// Case and accents ignored, as the server folds names.
export const folded = (s) => String(s || '').normalize('NFD').replace(/\p{Mn}/gu, '').toLowerCase();

// What a suggestion may replace: the whole input (multi-word names: "palo alto n"), and, when the
// input has more than one word, its last word alone ("ransomware lockb").
function fragments(text) {
  const whole = text.replace(/^\s+/, '');
  const out = [];
  if (whole.trim().length >= MIN_CHARS) out.push(whole);
  const last = /(\S+)$/.exec(whole)?.[1] || '';
  if (last !== whole && last.length >= MIN_CHARS) out.push(last);
  return out;
}

const KIND_LABEL = { actor: 'Actor', vendor: 'Vendor', region: 'Region', word: 'Word' };

// Turns `input` into a combobox. `fetchJson(path, signal)` asks the API (with its key);
// `pick(suggestion, rest)` applies an entity, `rest` being the input without the completed
// fragment. A word completes the word in the box.
export function attachSuggest(input, { fetchJson, pick }) {
  const list = document.createElement('ul');
  list.id = `${input.id}-suggestions`;
  list.className = 'suggest';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', 'Suggestions');
  list.hidden = true;
  input.after(list);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', list.id);

  let options = []; // [{ s, fragment }]
  let active = -1;
  let timer = 0;
  let request = null;

  const close = () => {
    request?.abort();
    clearTimeout(timer);
    list.hidden = true;
    list.replaceChildren();
    options = [];
    active = -1;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  };

  const highlight = (i) => {
    active = i;
    [...list.children].forEach((li, j) => li.setAttribute('aria-selected', String(j === i)));
    if (i < 0) input.removeAttribute('aria-activedescendant');
    else {
      input.setAttribute('aria-activedescendant', list.children[i].id);
      list.children[i].scrollIntoView({ block: 'nearest' });
    }
  };

  const choose = (i) => {
    const { s, fragment } = options[i];
    const before = input.value.slice(0, input.value.length - fragment.length);
    close();
    if (s.kind === 'word') {
      input.value = `${before}${s.text} `;
      input.focus();
    } else {
      input.value = before.trim(); // the page keeps what a focused box holds
      pick(s, before.trim());
    }
  };

  const optionNode = ({ s }, i) => {
    const li = document.createElement('li');
    li.id = `${list.id}-${i}`;
    li.setAttribute('role', 'option');
    li.setAttribute('aria-selected', 'false');
    li.className = `suggestion-option ${s.kind}`;
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = s.text;
    li.append(name);
    if (s.matched && folded(s.matched) !== folded(s.text)) {
      const alias = document.createElement('span');
      alias.className = 'alias';
      alias.textContent = `“${s.matched}”`;
      li.append(' ', alias);
    }
    const meta = document.createElement('span');
    meta.className = 'meta';
    meta.textContent = `${KIND_LABEL[s.kind] || s.kind} · ${Number(s.count).toLocaleString('en-GB')}`;
    li.append(meta);
    li.addEventListener('mousedown', (e) => e.preventDefault()); // keep the focus in the box
    li.addEventListener('click', () => choose(i));
    return li;
  };

  const show = (found) => {
    options = found;
    active = -1;
    list.replaceChildren(...found.map(optionNode));
    list.hidden = found.length === 0;
    input.setAttribute('aria-expanded', String(found.length > 0));
    input.removeAttribute('aria-activedescendant');
  };

  // The whole input's completions first, then the last word's; each suggestion once.
  const lookup = async () => {
    const asked = fragments(input.value);
    if (!asked.length) return close();
    request?.abort();
    const mine = (request = new AbortController());
    try {
      const answers = await Promise.all(asked.map((f) =>
        fetchJson(`/suggest?q=${encodeURIComponent(f)}&limit=${LIMIT}`, mine.signal)));
      if (mine.signal.aborted || document.activeElement !== input) return;
      const seen = new Set();
      const found = [];
      answers.forEach((a, i) => {
        for (const s of a.suggestions || []) {
          const key = `${s.kind}:${s.canonical}`;
          if (seen.has(key) || found.length >= LIMIT) continue;
          seen.add(key);
          found.push({ s, fragment: asked[i] });
        }
      });
      show(found);
    } catch {
      if (!mine.signal.aborted) close(); // a failed lookup shows nothing; the search still works
    }
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(lookup, DEBOUNCE_MS);
  });
  input.addEventListener('blur', close);
  input.form?.addEventListener('submit', close); // a lookup still waiting is not shown over the results
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && list.hidden) {
      request?.abort(); // a lookup still on its way is not shown after this
      clearTimeout(timer);
      return;
    }
    if (list.hidden || e.altKey || e.ctrlKey || e.metaKey) return;
    const n = options.length;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      highlight(e.key === 'ArrowDown' ? (active + 1) % n : active <= 0 ? n - 1 : active - 1);
    } else if (e.key === 'Enter' && active >= 0) {
      e.preventDefault();
      choose(active);
    } else if (e.key === 'Escape') {
      e.preventDefault(); // the first Escape closes the list; the next one clears the box as before
      close();
    }
  });
  return { close };
}

// A text input that narrows a facet's list to the values whose label contains what is typed;
// emptied, the list is as it was (values beyond the preview hidden again).
export function facetFilter(legend, items) {
  const hiddenBefore = new Map(items.map((li) => [li, li.hidden]));
  const input = document.createElement('input');
  input.type = 'search';
  input.className = 'facet-filter';
  input.placeholder = 'Filter values';
  input.setAttribute('aria-label', `Filter ${legend.toLowerCase()} values`);
  input.addEventListener('input', () => {
    const typed = folded(input.value.trim());
    for (const li of items) {
      const label = li.querySelector('.name')?.textContent ?? li.textContent; // not the count
      li.hidden = typed ? !folded(label).includes(typed) : hiddenBefore.get(li);
    }
  });
  return input;
}
