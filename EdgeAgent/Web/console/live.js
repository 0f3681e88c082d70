// The live floor: one EventSource on /api/live. The first message is a snapshot; every later one a batch of
// whole rows that changed. A dropped connection reconnects by itself and sends Last-Event-ID, and the agent
// replays what was missed (or a fresh snapshot). Drawing is coalesced to one pass per animation frame.
import { h, time, pct, ago, toSignIn } from './api.js';
import { VirtualList, cells } from './vlist.js';

const state = {
  pickers: new Map(), tasks: new Map(), devices: new Map(), counts: null, conveyor: null, bridge: null,
  events: [], cartons: new Map(), seq: 0, site: '', gateway: '',
};
const dirty = new Set();
const listeners = [];
let source = null;
let frame = false;

// For tests and the bench: the last applied batch and when its rows reached the DOM.
const assignedTo = new Map();
const probe = window.__console = {
  seq: 0, batches: 0, snapshots: 0, lastEventId: 0, drawnAt: 0, drawn: [],
  floorPickers: () => state.pickers.values(),
  taskZone: (id) => state.tasks.get(id)?.zone ?? null,
  taskCount: () => state.tasks.size,
  assignedTo: (id) => assignedTo.get(id) ?? null,
  // The bench sets watch to a device id: seen['device:seq'] is when that device's floor event reached the DOM.
  watch: null, seen: {},
  // Tasks as they became assigned (time, zone, picker), for the tests.
  assignments: [],
};
let watched = [];

export function onTopics(fn) { listeners.push(fn); }
export const floor = state;

export function startLive() {
  const pickerList = new VirtualList(document.getElementById('pickers'), 'picker-row', drawPicker);
  const taskList = new VirtualList(document.getElementById('tasks'), 'task-row', drawTask);
  const deviceList = new VirtualList(document.getElementById('devices'), 'device-row', drawDevice);
  document.getElementById('task-zone').addEventListener('change', () => mark('tasks'));
  document.getElementById('task-status').addEventListener('change', () => mark('tasks'));

  function draw() {
    frame = false;
    if (dirty.has('pickers')) {
      const list = [...state.pickers.values()].sort((a, b) => a.id.localeCompare(b.id));
      pickerList.setItems(list);
      document.getElementById('picker-count').textContent = `${list.length} logged in`;
    }
    if (dirty.has('tasks')) drawTasks(taskList);
    if (dirty.has('devices')) {
      const list = [...state.devices.values()].sort((a, b) => rankDevice(a) - rankDevice(b) || a.deviceId.localeCompare(b.deviceId));
      deviceList.setItems(list);
      const online = list.filter(d => d.online && !d.stale).length;
      document.getElementById('device-count').textContent = `${online} of ${list.length} online`;
    }
    if (dirty.has('counts')) drawCounts();
    if (dirty.has('conveyor')) drawConveyor();
    if (dirty.has('bridge')) drawBridge();
    if (dirty.has('events')) drawEvents();
    dirty.clear();
    probe.drawnAt = performance.timeOrigin + performance.now();
    for (const key of watched) if (!(key in probe.seen)) probe.seen[key] = probe.drawnAt;
    watched = [];
    probe.drawn.push([probe.lastEventId, probe.drawnAt]);
    if (probe.drawn.length > 2000) probe.drawn.splice(0, 1000);
  }

  function mark(...what) {
    what.forEach(w => dirty.add(w));
    if (!frame) { frame = true; requestAnimationFrame(draw); }
  }
  startLive.mark = mark;

  // The ages of devices move on without any message.
  setInterval(() => { if (state.devices.size) deviceList.schedule(); }, 5000);

  connect(mark);
}

function connect(mark) {
  const pill = document.getElementById('live');
  source = new EventSource('/api/live');
  source.addEventListener('open', () => { pill.dataset.state = 'live'; pill.textContent = '● live'; });
  source.addEventListener('error', async () => {
    pill.dataset.state = 'down';
    pill.textContent = source.readyState === EventSource.CLOSED ? '✕ disconnected' : '↻ reconnecting';
    if (source.readyState === EventSource.CLOSED) {
      // Refused outright (signed out, or the agent restarted): check the session, then start again.
      const r = await fetch('/api/session', { cache: 'no-store' });
      if (r.status === 401) { toSignIn(); return; }
      setTimeout(() => connect(mark), 1000);
    }
  });
  source.addEventListener('snapshot', (e) => {
    const s = JSON.parse(e.data);
    state.pickers = new Map(s.pickers.map(p => [p.id, p]));
    state.tasks = new Map(s.tasks.map(t => [t.id, t]));
    state.devices = new Map(s.health.devices.map(d => [d.deviceId, d]));
    state.counts = s.counts;
    state.conveyor = s.health.conveyor;
    state.bridge = s.health.bridge;
    state.events = s.recentEvents;
    state.seq = s.seq;
    document.getElementById('site').textContent = `· site ${s.site} · gateway ${s.gatewayId}`;
    probe.seq = s.seq; probe.snapshots++;
    probe.lastEventId = s.recentEvents.length ? s.recentEvents[0].id : 0;
    mark('pickers', 'tasks', 'devices', 'counts', 'conveyor', 'bridge', 'events');
    listeners.forEach(fn => fn(['approvals', 'exceptions', 'pauses', 'blocks', 'holds', 'planning', 'kpis', 'audit']));
  });
  source.addEventListener('batch', (e) => {
    const b = JSON.parse(e.data);
    for (const t of b.tasks) {
      const known = state.tasks.get(t.id);
      if (known && known.revision > t.revision) continue;
      if (t.assignedTo) { assignedTo.set(t.id, t.assignedTo); if (assignedTo.size > 20000) assignedTo.clear(); }
      if (t.status === 'Assigned' && known?.status !== 'Assigned') {
        probe.assignments.push({ task: t.id, zone: t.zone, picker: t.assignedTo, at: Date.now() });
        if (probe.assignments.length > 5000) probe.assignments.splice(0, 2500);
      }
      if (t.status === 'Open' || t.status === 'Assigned') state.tasks.set(t.id, t); else state.tasks.delete(t.id);
    }
    for (const p of b.pickers) state.pickers.set(p.id, p);
    for (const id of b.removedPickers) state.pickers.delete(id);
    if (b.counts) state.counts = b.counts;
    if (probe.watch) for (const e of b.events) if (e.deviceId === probe.watch) watched.push(`${e.deviceId}:${e.seq}`);
    for (const e of b.events) {
      const sscc = /^(carton|label)\./.test(e.type) && /\b(\d{18})\b/.exec(e.summary);
      if (sscc) { state.cartons.delete(sscc[1]); state.cartons.set(sscc[1], e); if (state.cartons.size > 30) state.cartons.delete(state.cartons.keys().next().value); }
    }
    if (b.events.length) {
      state.events = [...b.events.slice().reverse(), ...state.events].slice(0, 50);
      probe.lastEventId = b.events[b.events.length - 1].id;
    }
    if (b.health) {
      for (const d of b.health.devices) state.devices.set(d.deviceId, d);
      state.conveyor = b.health.conveyor;
      state.bridge = b.health.bridge;
      mark('devices', 'conveyor', 'bridge');
    }
    state.seq = b.seq; probe.seq = b.seq; probe.batches++;
    if (b.tasks.length) mark('tasks');
    if (b.pickers.length || b.removedPickers.length) mark('pickers');
    if (b.counts) mark('counts');
    if (b.events.length) mark('events');
    if (b.topics.length) listeners.forEach(fn => fn(b.topics));
  });
}

/**
 * What a picker row says they do: the task in hand (and, on a second line, the next one when a person decided it for
 * them or has yet to decide it), or what they wait for, or idle.
 */
export function pickerDoing(p, task) {
  const waitsOn = p.awaitingApproval ? 'approval' : 'a supervisor';
  if (!p.currentTaskId) return p.awaitingDecision ? `waiting: ${waitsOn} for ${p.awaitingTask}` : 'idle';
  const doing = `${p.currentTaskId}${task ? ` · ${task.location}` : ''}`;
  if (!p.awaitingDecision) return doing;
  // Short enough for the column's second line; the row's title says it in full.
  return `${doing}\nnext ${p.awaitingTask}${p.nextDecidedBy ? ` ✓ ${p.nextDecidedBy}` : `: ${p.awaitingApproval ? 'approval' : 'supervisor'}`}`;
}

function drawPicker(row, p) {
  row.dataset.id = p.id;
  const doing = pickerDoing(p, p.currentTaskId ? state.tasks.get(p.currentTaskId) : null);
  const pace = p.pace >= 1.15 ? [`▼ ${p.pace.toFixed(2)}×`, 'st-warn'] : p.pace <= 0.87 ? [`▲ ${p.pace.toFixed(2)}×`, 'st-ok'] : [`● ${p.pace.toFixed(2)}×`, ''];
  cells(row, [p.id, p.position ?? 'depot', [doing, !p.awaitingDecision ? '' : p.currentTaskId ? 'two-lines' : 'st-warn'], p.currentTaskId ? p.step : '–', pace, p.tasksDone]);
  const next = p.currentTaskId && p.awaitingDecision
    ? `; next ${p.awaitingTask}, ${p.nextDecidedBy ? `decided by ${p.nextDecidedBy}` : `waiting for ${p.awaitingApproval ? 'an approval' : 'a supervisor'}`}`
    : '';
  row.title = `${p.id} on ${p.deviceId}: ${p.tasksDone} done, ${p.shortPicks} short, ${p.rejections} rejected scans; pace is actual over the model's predicted time${next}`;
}

function risk(t, now) {
  const minutes = (new Date(t.dueAt).getTime() - now) / 60000;
  return (t.lateRisk ?? 0) >= 0.5 || (minutes < 30 && t.status === 'Open');
}

function drawTasks(list) {
  const zone = document.getElementById('task-zone').value;
  const status = document.getElementById('task-status').value;
  const all = [...state.tasks.values()];
  const items = all.filter(t => (!zone || t.zone === zone) && (!status || t.status === status))
    .sort((a, b) => a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.id.localeCompare(b.id));
  list.setItems(items);
  document.getElementById('task-count').textContent = `${items.length} shown of ${all.length}`;
  const zones = [...new Set(all.map(t => t.zone || '–'))].sort();
  const select = document.getElementById('task-zone');
  const have = [...select.options].map(o => o.value);
  for (const z of zones) if (!have.includes(z)) select.append(h('option', { value: z }, z));
  drawZones(all, zones);
  drawOrdersAtRisk(all);
}

function drawTask(row, t) {
  row.dataset.id = t.id;
  const atRisk = risk(t, Date.now());
  const status = t.status === 'Assigned' ? ['◆ assigned', 'st-ok'] : ['○ open', ''];
  const lateRisk = t.lateRisk === null || t.lateRisk === undefined ? (atRisk ? ['▲ cut-off', 'st-bad'] : '–') : [`${atRisk ? '▲ ' : ''}${pct(t.lateRisk)}`, atRisk ? 'st-bad' : ''];
  cells(row, [t.id, `${t.zone || '–'} · ${t.location}`, `${t.sku} × ${t.quantity}`, t.orderId, time(t.dueAt), status, t.assignedTo ?? '', lateRisk]);
}

const buckets = [['overdue', -Infinity, 0], ['< 30 min', 0, 30], ['30–60', 30, 60], ['1–2 h', 60, 120], ['later', 120, Infinity]];

function drawZones(all, zones) {
  const now = Date.now();
  document.getElementById('zones-head').replaceChildren(h('tr', {}, h('th', {}, 'Zone'), ...buckets.map(b => h('th', {}, b[0])), h('th', {}, 'at risk')));
  const rows = zones.map(z => {
    const mine = all.filter(t => (t.zone || '–') === z);
    const counts = buckets.map(([, lo, hi]) => mine.filter(t => { const m = (new Date(t.dueAt).getTime() - now) / 60000; return m >= lo && m < hi; }).length);
    const atRisk = mine.filter(t => risk(t, now)).length;
    return h('tr', {}, h('td', {}, z), ...counts.map(c => h('td', {}, c || '·')), h('td', { class: atRisk ? 'st-bad' : 'st-ok' }, atRisk ? `▲ ${atRisk}` : '✓ 0'));
  });
  document.getElementById('zones').replaceChildren(...rows);
}

function drawOrdersAtRisk(all) {
  const now = Date.now();
  const orders = new Map();
  for (const t of all) {
    if (!t.orderId) continue;
    const o = orders.get(t.orderId) ?? { id: t.orderId, lines: 0, dueAt: t.dueAt, lateRisk: 0, risky: false };
    o.lines++;
    if (t.dueAt < o.dueAt) o.dueAt = t.dueAt;
    o.lateRisk = Math.max(o.lateRisk, t.lateRisk ?? 0);
    o.risky ||= risk(t, now);
    orders.set(t.orderId, o);
  }
  const risky = [...orders.values()].filter(o => o.risky).sort((a, b) => b.lateRisk - a.lateRisk || (a.dueAt < b.dueAt ? -1 : 1)).slice(0, 12);
  document.getElementById('orders-at-risk').replaceChildren(...(risky.length ? risky.map(o =>
    h('li', { 'data-order': o.id }, h('span', { class: 'st-bad' }, '▲'), h('strong', {}, o.id),
      `${o.lines} open line${o.lines > 1 ? 's' : ''}, cut-off ${time(o.dueAt)}${o.lateRisk ? `, late risk ${pct(o.lateRisk)}` : ''}`))
    : [h('li', { class: 'st-ok' }, '✓ no order at risk')]));
}

const rankDevice = (d) => !d.online ? 0 : d.stale ? 1 : 2;

function drawDevice(row, d) {
  row.dataset.id = d.deviceId;
  const st = !d.online ? ['✕ offline', 'st-bad'] : d.stale ? ['◐ stale', 'st-warn'] : ['● online', 'st-ok'];
  const battery = d.battery === null || d.battery === undefined ? '–' : [`${d.battery < 20 ? '▼ ' : ''}${d.battery} %`, d.battery < 20 ? 'st-warn' : ''];
  cells(row, [`${d.deviceId} (${d.kind})`, st, battery, ago(d.lastSeen)]);
}

function drawCounts() {
  const c = state.counts;
  if (!c) return;
  document.getElementById('counts').replaceChildren(...[['Open', c.open], ['Assigned', c.assigned], ['Picked', c.picked], ['Short', c.shortPicked]]
    .map(([k, v]) => h('span', { 'data-count': k.toLowerCase() }, `${k}: ${v}`)));
}

const printerFlags = [['paperOut', 'paper out'], ['headOpen', 'head open'], ['ribbonOut', 'ribbon out'], ['paused', 'paused'], ['overTemperature', 'over temperature'], ['bufferFull', 'buffer full']];

function drawConveyor() {
  const c = state.conveyor;
  const box = document.getElementById('conveyor');
  if (!c) { box.replaceChildren(h('p', { class: 'muted' }, 'No conveyor line on this gateway.')); return; }
  const light = c.faults.length ? h('p', { class: 'st-bad' }, `▲ stack light ${c.faultLight ?? ''}: ${c.faults.join(', ')}`) : h('p', { class: 'st-ok' }, `✓ line running, stack light ${c.faultLight ?? '–'}`);
  const printers = c.printers.map(p => {
    const s = p.lastStatus;
    const flags = s ? printerFlags.filter(([k]) => s[k]).map(([, n]) => n) : [];
    const st = p.healthy === false ? ['✕ fault', 'st-bad'] : p.healthy ? ['● ready', 'st-ok'] : ['? unknown', 'st-warn'];
    return h('li', { 'data-printer': p.id }, h('strong', {}, p.id), h('span', { class: st[1] }, st[0]),
      `~HS: ${s ? (flags.length ? flags.join(', ') : 'no fault') + `, ${s.labelsRemaining} in batch, ${s.formatsInBuffer} formats buffered` : 'no answer yet'}`,
      p.healthy === false && p.faults ? ` (${p.faults})` : '', `, ${p.queuedJobs} queued`);
  });
  box.replaceChildren(light, h('ul', { class: 'plain' }, ...printers));
}

function drawBridge() {
  const b = state.bridge;
  const box = document.getElementById('bridge');
  if (!b) { box.replaceChildren(h('p', { class: 'muted' }, 'Standalone: no central configured; events stay on the gateway.')); return; }
  const conn = b.connected ? h('p', { class: 'st-ok' }, '● connected') : h('p', { class: 'st-bad' }, `✕ disconnected${b.lastError ? `: ${b.lastError}` : ''}`);
  const quota = b.quotaAlarm ? h('p', { class: 'st-bad' }, '▲ outbox quota reached: telemetry shed, business events held back') : h('p', { class: 'st-ok' }, '✓ outbox within quota');
  const rows = b.lanes.map(l => h('tr', {}, h('td', {}, l.lane), h('td', {}, l.backlog), h('td', {}, `${Math.round(l.backlogBytes / 1024)} KiB`), h('td', {}, l.oldestUnackedAge ?? '–'), h('td', {}, l.shed)));
  box.replaceChildren(conn, quota, h('table', {}, h('thead', {}, h('tr', {}, ...['Lane', 'Backlog', 'Size', 'Oldest unacked', 'Shed'].map(t => h('th', {}, t)))), h('tbody', {}, ...rows)),
    h('p', { class: 'muted small' }, `${b.eventsAcked} events acknowledged by central`));
}

function drawEvents() {
  document.getElementById('events').replaceChildren(...state.events.slice(0, 40).map(e =>
    h('li', { 'data-event': e.id }, `${time(e.at)} ${e.type} ${e.deviceId} — ${e.summary}`)));
}
