// The console's access to the agent: the signed-in person, the anti-forgery token, and fetch with both.
export const session = { name: null, role: null, csrf: null };
const rank = { viewer: 1, supervisor: 2, admin: 3 };

export class ApiError extends Error {
  constructor(status, message, body) { super(message); this.status = status; this.body = body; }
}

// Signing out, or a 401 from anywhere (an API call, the live feed), leaves for the sign-in page once: a second
// navigation to it would abort the first while the page unloads.
let leaving = false;
export function toSignIn() {
  if (leaving) return;
  leaving = true;
  location.assign('/signin');
}

export const can = (role) => (rank[String(session.role).toLowerCase()] ?? 0) >= rank[role];

export async function api(method, url, body) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-CSRF-Token'] = session.csrf ?? '';
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(url, {
    method, headers, credentials: 'same-origin', cache: 'no-store',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) {
    toSignIn();
    throw new ApiError(401, 'signed out');
  }
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = text; }
  if (!response.ok) {
    const why = data?.detail || data?.title || data?.error || (typeof data === 'string' && data) || response.statusText;
    throw new ApiError(response.status, `${response.status}: ${why}`, data);
  }
  return data;
}

/** Builds an element: h('li', {class: 'x', onclick}, 'text', child). */
export function h(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'class') e.className = v;
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) e.append(c instanceof Node ? c : String(c));
  return e;
}

export function notify(message, ok = false) {
  const n = document.getElementById('notice');
  n.textContent = message;
  n.className = ok ? 'notice ok' : 'notice';
  n.hidden = false;
  clearTimeout(notify.timer);
  notify.timer = setTimeout(() => { n.hidden = true; }, ok ? 4000 : 10000);
}

/** Runs a supervisor's act; the answer, good or bad, goes to the notice line. */
export async function act(what, method, url, body) {
  try {
    const result = await api(method, url, body);
    notify(`${what}: done`, true);
    return result;
  } catch (err) {
    notify(`${what} refused — ${err.message}`);
    return null;
  }
}

export const time = (v) => v ? new Date(v).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' }) : '';
export const pct = (v) => v === null || v === undefined ? '–' : `${(v * 100).toFixed(0)} %`;
export function ago(v, now = Date.now()) {
  if (!v) return '';
  const s = Math.max(0, Math.round((now - new Date(v).getTime()) / 1000));
  return s < 60 ? `${s}s ago` : s < 3600 ? `${Math.floor(s / 60)}m ago` : `${Math.floor(s / 3600)}h ago`;
}
export function debounce(fn, ms) {
  let t = null;
  return (...a) => { clearTimeout(t); t = setTimeout(() => fn(...a), ms); };
}
