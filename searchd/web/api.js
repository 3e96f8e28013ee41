// The API as the page calls it: with the tab's API key when it has one, and every failure an
// Error carrying the status and the problem document's words (and request id).

export const KEY_STORE = 'briefing-search-key';

export function apiKey() {
  try {
    return sessionStorage.getItem(KEY_STORE);
  } catch {
    return null;
  }
}

export async function api(path, signal) {
  const key = apiKey();
  const res = await fetch(path, { signal, headers: key ? { Authorization: `Bearer ${key}` } : {} });
  let body = null;
  try {
    body = await res.json();
  } catch { /* not JSON */ }
  if (!res.ok) {
    const said = (body && (body.detail || body.title)) || `${res.status} ${res.statusText}`;
    // The id to quote in an error report: the operator finds the request's log line by it.
    const id = (body && body.request_id) || res.headers.get('X-Request-Id');
    const err = new Error(id ? `${said} (request ${id})` : said);
    err.status = res.status;
    throw err;
  }
  return body;
}
