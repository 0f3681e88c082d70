// The queues, acted on in the page: approvals, exceptions, pauses, closed aisles, holds, the models.
// Each list is fetched when the live feed says it changed; a viewer sees every list, every button disabled.
import { api, act, can, h, time, pct, notify, debounce } from './api.js';

const loaders = {
  approvals: debounce(loadApprovals, 150),
  exceptions: debounce(loadExceptions, 150),
  pauses: debounce(loadPauses, 150),
  blocks: debounce(loadPlanning, 150),
  planning: debounce(loadPlanning, 150),
  holds: debounce(loadHolds, 150),
};

export function queueTopics(topics) {
  for (const t of topics) loaders[t]?.();
}

export function startQueues() {
  document.getElementById('pause-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = new FormData(e.target);
    if (await act(`Pause ${f.get('target')} ${f.get('name')}`, 'PUT', `/api/governance/pauses/${f.get('target')}/${encodeURIComponent(f.get('name'))}`, reason(f))) e.target.reset();
    loadPauses();
  });
  document.getElementById('block-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = new FormData(e.target);
    if (await act(`Close ${f.get('kind')} ${f.get('name')}`, 'PUT', `/api/planning/blocks/${f.get('kind')}/${encodeURIComponent(f.get('name'))}`, reason(f))) e.target.reset();
    loadPlanning();
  });
  document.getElementById('hold-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = new FormData(e.target);
    if (await act(`Hold ${f.get('order')}`, 'POST', `/api/governance/holds/${encodeURIComponent(f.get('order'))}`, reason(f))) e.target.reset();
    loadHolds();
  });
  document.getElementById('override-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = new FormData(e.target);
    let outcome;
    try { outcome = JSON.parse(f.get('outcome')); } catch { notify('The outcome must be a JSON object'); return; }
    if (await act(`Override decision ${f.get('seq')}`, 'POST', `/api/governance/decisions/${f.get('seq')}/override`, { outcome, reason: f.get('reason') })) e.target.reset();
  });
  document.getElementById('reenable').addEventListener('click', async () => {
    await act('Re-enable the models', 'POST', '/api/planning/reenable', { reason: 'drift reviewed in the console' });
    loadPlanning();
  });
  setInterval(tickClocks, 1000);
}

const reason = (f) => f.get('reason') ? { reason: f.get('reason') } : undefined;
const disabled = () => !can('supervisor');

async function loadApprovals() {
  const box = document.getElementById('approvals');
  let list;
  try { list = await api('GET', '/api/approvals'); } catch (err) { box.replaceChildren(h('p', { class: 'muted' }, `Approvals not available: ${err.message}`)); return; }
  const badge = document.getElementById('queue-badge');
  badge.hidden = list.length === 0;
  badge.textContent = `${list.length}`;
  badge.setAttribute('aria-label', `${list.length} approvals waiting`);
  box.replaceChildren(...(list.length ? list.map(approvalCard) : [h('p', { class: 'st-ok' }, '✓ nothing waits for approval')]));
}

function approvalCard(a) {
  const c = a.context ?? {};
  const alternatives = c.alternatives ?? [];
  const runnerUp = alternatives.find(x => !/rule/i.test(x.summary ?? '')) ?? alternatives[0];
  const rule = alternatives.find(x => /rule/i.test(x.summary ?? ''));
  let inputs = c.inputs;
  try { inputs = JSON.stringify(typeof inputs === 'string' ? JSON.parse(inputs) : inputs); } catch { /* shown as given */ }
  const edit = h('input', { class: 'wide', value: JSON.stringify(a.outcome), 'aria-label': `edited outcome of approval ${a.id}` });
  const why = h('input', { placeholder: 'reason (needed to reject)', 'aria-label': `reason for approval ${a.id}` });
  const card = h('div', { class: 'approval', 'data-approval': a.id },
    h('strong', {}, `#${a.id} ${a.actionType}`), ' ', h('span', { class: a.lowConfidence ? 'st-warn' : 'muted' }, a.lowConfidence ? '▼ low confidence' : `zone ${a.zone ?? '–'}`),
    h('p', {}, a.summary),
    h('dl', {},
      h('dt', {}, 'Decision'), h('dd', {}, JSON.stringify(a.outcome)),
      h('dt', {}, 'Trigger'), h('dd', {}, c.trigger ?? '–'),
      h('dt', {}, 'Inputs'), h('dd', { class: 'hash' }, inputs ?? '–'),
      h('dt', {}, 'Model · confidence'), h('dd', {}, `${method(c.method)} · ${pct(c.confidence)} (threshold ${pct(a.threshold)})${c.fallback ? ' · rule fallback' : ''}`),
      h('dt', {}, 'Runner-up'), h('dd', {}, runnerUp ? `${runnerUp.summary}${runnerUp.confidence ? ` (${pct(runnerUp.confidence)})` : ''}` : '–'),
      h('dt', {}, "Rule's alternative"), h('dd', {}, rule ? rule.summary : '–'),
      h('dt', {}, 'Orders affected'), h('dd', {}, (c.affectedOrders ?? []).join(', ') || '–'),
      h('dt', {}, 'Deadline'), h('dd', {}, `${time(a.deadline)}, then ${a.onTimeout}`)),
    h('div', { class: 'actions' },
      h('button', { type: 'button', 'data-act': 'approve', disabled: disabled(), onclick: async () => { await act(`Approve #${a.id}`, 'POST', `/api/approvals/${a.id}/approve`, why.value ? { reason: why.value } : undefined); loadApprovals(); } }, '✓ Approve'),
      h('button', { type: 'button', class: 'secondary', 'data-act': 'reject', disabled: disabled(), onclick: async () => { await act(`Reject #${a.id}`, 'POST', `/api/approvals/${a.id}/reject`, { reason: why.value }); loadApprovals(); } }, '✕ Reject'),
      why),
    h('div', { class: 'actions' }, edit,
      h('button', { type: 'button', class: 'secondary', 'data-act': 'edit', disabled: disabled(), onclick: async () => {
        let outcome; try { outcome = JSON.parse(edit.value); } catch { notify('The edited outcome must be a JSON object'); return; }
        await act(`Edit #${a.id}`, 'POST', `/api/approvals/${a.id}/edit`, { outcome, reason: why.value || undefined }); loadApprovals();
      } }, '✎ Approve as edited')));
  return card;
}

function method(m) {
  if (!m) return '–';
  if (typeof m === 'string') return m;
  const kind = m.kind ?? m.Kind ?? '', name = m.name ?? m.Name ?? '', version = m.version ?? m.Version ?? '';
  return `${kind}${name ? ` ${name}` : ''}${version ? `@${version}` : ''}` || '–';
}

let codes = ['fixed', 'replenished', 'relabelled', 'restocked', 'cycle-counted', 'false-alarm', 'duplicate'];

// What a supervisor has chosen or typed on an exception's row, by exception id: the list is redrawn whenever
// the floor changes, and a redraw must not undo a half-made resolution (the code picked, the note typed).
const drafts = new Map();

async function loadExceptions() {
  const box = document.getElementById('exceptions');
  let list;
  try { list = await api('GET', '/api/exceptions?limit=200'); } catch (err) { box.replaceChildren(h('p', { class: 'muted' }, `Exceptions not available: ${err.message}`)); return; }
  const open = new Set(list.map(x => String(x.id)));
  for (const id of [...drafts.keys()]) if (!open.has(id)) drafts.delete(id);
  if (!list.length) { box.replaceChildren(h('p', { class: 'st-ok' }, '✓ no open exception')); return; }
  const teams = new Map();
  for (const x of list) (teams.get(x.queue) ?? teams.set(x.queue, []).get(x.queue)).push(x);
  // Keep the focus (and the caret in a note) where the supervisor had it.
  const focused = box.contains(document.activeElement) ? document.activeElement.getAttribute('aria-label') : null;
  const caret = focused && document.activeElement.selectionStart;
  box.replaceChildren(...[...teams.entries()].map(([team, cases]) => h('div', { class: 'team' }, h('h3', {}, `${team} · ${cases.length}`), ...cases.map(exceptionRow))));
  if (focused) {
    const again = [...box.querySelectorAll('[aria-label]')].find(e => e.getAttribute('aria-label') === focused);
    again?.focus();
    if (again && typeof caret === 'number' && 'setSelectionRange' in again) again.setSelectionRange(caret, caret);
  }
}

function exceptionRow(x) {
  const sev = { Critical: '▲▲ critical', High: '▲ high', Medium: '■ medium', Low: '○ low' }[x.severity] ?? x.severity;
  const key = String(x.id);
  const draft = drafts.get(key) ?? {};
  const remember = () => drafts.set(key, { code: code.value, note: note.value });
  const code = h('select', { 'aria-label': `resolution code for exception ${x.id}`, onchange: remember }, ...codes.map(c => h('option', { value: c }, c)));
  const note = h('input', { placeholder: 'note', 'aria-label': `note for exception ${x.id}`, oninput: remember });
  if (draft.code && codes.includes(draft.code)) code.value = draft.code;
  if (draft.note) note.value = draft.note;
  return h('div', { class: 'exception', 'data-exception': x.id, 'data-type': x.type },
    h('strong', {}, `#${x.id} ${x.type}`), ' ', h('span', { class: /Critical|High/.test(x.severity) ? 'st-bad' : 'st-warn' }, sev), ' ',
    h('span', {}, `${x.subject} · ${x.occurrences}× · ${x.status}${x.acknowledgedBy ? ` by ${x.acknowledgedBy}` : ''}${x.level ? ` · escalated ×${x.level}` : ''}`), ' ',
    h('span', { class: 'sla', 'data-due': x.dueAt ?? '' }, ''),
    h('p', { class: 'muted small' }, x.lastDetail),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', 'data-act': 'acknowledge', disabled: disabled() || x.status !== 'Open', onclick: async () => { await act(`Acknowledge #${x.id}`, 'POST', `/api/exceptions/${x.id}/acknowledge`); loadExceptions(); } }, 'Acknowledge'),
      code, note,
      h('button', { type: 'button', 'data-act': 'resolve', disabled: disabled(), onclick: async () => { await act(`Resolve #${x.id}`, 'POST', `/api/exceptions/${x.id}/resolve`, { code: code.value, note: note.value || undefined }); loadExceptions(); } }, '✓ Resolve'),
      h('button', { type: 'button', class: 'secondary', 'data-act': 'escalate', disabled: disabled(), onclick: async () => { await act(`Escalate #${x.id}`, 'POST', `/api/exceptions/${x.id}/escalate`, { note: note.value || undefined }); loadExceptions(); } }, '▲ Escalate')));
}

function tickClocks() {
  const now = Date.now();
  for (const s of document.querySelectorAll('#exceptions .sla')) {
    if (!s.dataset.due) { s.textContent = 'no SLA clock'; continue; }
    const left = Math.round((new Date(s.dataset.due).getTime() - now) / 1000);
    const m = Math.floor(Math.abs(left) / 60), sec = Math.abs(left) % 60;
    s.textContent = left >= 0 ? `⏱ ${m}:${String(sec).padStart(2, '0')} to SLA` : `▲ SLA passed ${m}:${String(sec).padStart(2, '0')} ago`;
    s.className = `sla ${left < 0 ? 'st-bad' : left < 300 ? 'st-warn' : ''}`;
  }
}

async function loadPauses() {
  const box = document.getElementById('pauses');
  let list;
  try { list = await api('GET', '/api/governance/pauses'); } catch (err) { box.replaceChildren(h('li', { class: 'muted' }, err.message)); return; }
  box.replaceChildren(...(list.length ? list.map(p => h('li', { 'data-pause': `${p.target}:${p.name}`.toLowerCase() },
    h('span', { class: 'st-warn' }, '⏸ paused'), h('strong', {}, `${p.target} ${p.name}`), `by ${p.pausedBy} at ${time(p.pausedAt)}${p.reason ? ` — ${p.reason}` : ''} (audit #${p.auditSeq})`,
    h('button', { type: 'button', class: 'secondary', disabled: disabled(), onclick: async () => { await act(`Resume ${p.target} ${p.name}`, 'DELETE', `/api/governance/pauses/${String(p.target).toLowerCase()}/${encodeURIComponent(p.name)}`); loadPauses(); } }, '▶ Resume')))
    : [h('li', { class: 'st-ok' }, '▶ automation running everywhere')]));
}

async function loadPlanning() {
  let p;
  try { p = await api('GET', '/api/planning'); } catch (err) { document.getElementById('planning').textContent = err.message; return; }
  const d = p.drift ?? {};
  document.getElementById('planning').replaceChildren(
    h('p', {}, `Plan #${p.seq} by ${p.method}${p.fallbackReason ? ` (${p.fallbackReason})` : ''} · ${p.models || 'no models'}`),
    h('p', { class: p.modelsSwitchedOff ? 'st-bad' : 'st-ok' }, p.modelsSwitchedOff ? '▲ models off after a drift alarm: the rule plans until a supervisor re-enables them' : '✓ models trusted'),
    h('p', { class: 'muted small' }, d.pickDurationDrift === null || d.pickDurationDrift === undefined ? 'drift: no evidence yet' : `drift: pick times ${pct(d.pickDurationDrift)} off the prediction over ${d.pickSamples} picks`));
  document.getElementById('reenable').hidden = !p.modelsSwitchedOff;
  document.getElementById('reenable').disabled = disabled();
  const blocks = p.blocks ?? [];
  document.getElementById('blocks').replaceChildren(...(blocks.length ? blocks.map(b => h('li', { 'data-block': b.id.toLowerCase() },
    h('span', { class: 'st-bad' }, '⛔ closed'), h('strong', {}, `${b.aisle ? 'aisle' : 'zone'} ${b.name}`), `by ${b.blockedBy} at ${time(b.blockedAt)}${b.reason ? ` — ${b.reason}` : ''}`,
    h('button', { type: 'button', class: 'secondary', disabled: disabled(), onclick: async () => { await act(`Reopen ${b.aisle ? 'aisle' : 'zone'} ${b.name}`, 'DELETE', `/api/planning/blocks/${b.aisle ? 'aisle' : 'zone'}/${encodeURIComponent(b.name)}`); loadPlanning(); } }, 'Reopen')))
    : [h('li', { class: 'st-ok' }, '✓ every aisle open')]));
}

async function loadHolds() {
  const box = document.getElementById('holds');
  let list;
  try { list = await api('GET', '/api/governance/holds'); } catch (err) { box.replaceChildren(h('li', { class: 'muted' }, `Holds not available: ${err.message}`)); return; }
  box.replaceChildren(...(list.length ? list.map(o => h('li', { 'data-hold': o.id },
    h('span', { class: 'st-warn' }, '✋ held'), h('strong', {}, o.id), `by ${o.heldBy} at ${time(o.heldAt)}`,
    h('button', { type: 'button', class: 'secondary', disabled: disabled(), onclick: async () => { await act(`Release ${o.id}`, 'POST', `/api/governance/holds/${encodeURIComponent(o.id)}/release`); loadHolds(); } }, 'Release')))
    : [h('li', { class: 'st-ok' }, '✓ no order on hold')]));
}
