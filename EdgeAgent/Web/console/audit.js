// Audit search: by order, task, device or person over a time range; one record with its hash and neighbours;
// the chain's verification state.
import { api, h, time } from './api.js';

let query = null;
let before = null;

export function startAudit() {
  document.getElementById('audit-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const f = new FormData(e.target);
    query = new URLSearchParams();
    for (const k of ['order', 'task', 'device', 'person']) if (f.get(k)) query.set(k, f.get(k));
    for (const k of ['from', 'to']) if (f.get(k)) query.set(k, new Date(f.get(k)).toISOString());
    before = null;
    search(false);
  });
  document.getElementById('audit-more').addEventListener('click', () => search(true));
}

export async function loadChain() {
  const box = document.getElementById('chain');
  try {
    const c = await api('GET', '/api/audit/chain');
    const intact = c.intact;
    box.replaceChildren(h('h2', {}, 'Audit chain'), h('p', { class: intact ? 'st-ok' : 'st-bad', 'data-chain': intact ? 'intact' : 'broken' },
      intact ? `✓ intact: records 1–${c.verifiedUpTo} verified (head #${c.headSeq})` : `✕ broken at #${c.brokenAt ?? '?'}: ${c.problem ?? ''} (verified up to #${c.verifiedUpTo})`,
      c.checkedAt ? `, checked ${time(c.checkedAt)}` : ''));
  } catch (err) {
    box.replaceChildren(h('h2', {}, 'Audit chain'), h('p', { class: 'muted' }, `Not available: ${err.message}`));
  }
  if (!query) { query = new URLSearchParams(); search(false); }
}

async function search(more) {
  const list = document.getElementById('audit-results');
  const q = new URLSearchParams(query);
  q.set('limit', '50');
  if (more && before) q.set('before', before);
  let data;
  try { data = await api('GET', `/api/audit/search?${q}`); } catch (err) { list.replaceChildren(h('li', { class: 'muted' }, err.message)); return; }
  const records = Array.isArray(data) ? data : data.records ?? [];
  const items = records.map(r => h('li', { 'data-seq': r.seq, tabindex: 0, onclick: () => open(r.seq), onkeydown: (e) => { if (e.key === 'Enter') open(r.seq); } },
    h('strong', {}, `#${r.seq}`), time(r.at), h('span', {}, r.summary ?? `${r.kind} ${r.actionType}`), h('span', { class: 'muted' }, r.actor)));
  if (more) list.append(...items); else list.replaceChildren(...(items.length ? items : [h('li', { class: 'muted' }, 'No record matches.')]));
  before = data.next ?? data.before ?? (records.length ? records[records.length - 1].seq : null);
  document.getElementById('audit-more').hidden = records.length < 50;
}

async function open(seq) {
  for (const li of document.querySelectorAll('#audit-results li')) li.setAttribute('aria-current', String(li.dataset.seq === String(seq)));
  const box = document.getElementById('audit-record');
  let data;
  try { data = await api('GET', `/api/audit/records/${seq}`); } catch (err) { box.textContent = err.message; return; }
  const r = data.record ?? data;
  const prev = data.previous ?? null;
  const next = data.next ?? null;
  const link = (x, label) => x ? h('button', { type: 'button', class: 'secondary', onclick: () => open(x.seq ?? x) }, `${label} #${x.seq ?? x}`) : h('span', { class: 'muted' }, `no ${label.toLowerCase()}`);
  const fields = ['seq', 'at', 'kind', 'actionType', 'actor', 'verdict', 'trigger', 'method', 'methodVersion', 'confidence', 'right', 'scope', 'outcome', 'reason', 'decisionSeq', 'inputs'];
  box.className = '';
  box.replaceChildren(
    h('table', { 'data-record': r.seq }, h('tbody', {}, ...fields.filter(f => r[f] !== undefined && r[f] !== null && r[f] !== '').map(f => h('tr', {}, h('th', {}, f), h('td', { class: f === 'inputs' || f === 'outcome' ? 'hash' : '' }, f === 'at' ? new Date(r.at).toISOString() : String(r[f])))),
      h('tr', {}, h('th', {}, 'hash'), h('td', { class: 'hash', 'data-hash': '' }, r.hash ?? data.hash)),
      h('tr', {}, h('th', {}, 'previous hash'), h('td', { class: 'hash' }, r.previousHash ?? r.prevHash ?? data.prevHash)),
      h('tr', {}, h('th', {}, 'checks'), h('td', { class: data.hashValid && data.linkValid ? 'st-ok' : 'st-bad' },
        `${data.hashValid ? '✓' : '✕'} hash matches the record, ${data.linkValid ? '✓' : '✕'} links to the previous record`)))),
    h('div', { class: 'actions' }, link(prev, 'Previous'), link(next, 'Next')));
}
