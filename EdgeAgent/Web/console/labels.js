// Label preview: the carton label as the printer prints it (SVG rendered by the agent from the ZPL its
// template produces), and a reprint that goes through the printer group.
import { act, can, h, time } from './api.js';
import { floor } from './live.js';

let current = null;

export function startLabels() {
  document.getElementById('label-form').addEventListener('submit', (e) => {
    e.preventDefault();
    show(new FormData(e.target).get('sscc'));
  });
  document.getElementById('reprint').addEventListener('click', async () => {
    if (!current) return;
    const r = await act(`Reprint ${current}`, 'POST', `/api/labels/${current}/reprint`);
    document.getElementById('reprint-result').textContent = r ? `Sent to the printer group: ${r.submitted ?? 'queued'} (job ${r.jobId ?? '?'})` : 'Refused; see the notice above.';
  });
}

export function drawRecentLabels() {
  // Cartons seen since the page opened (newest first), then those in the recent events.
  const seen = new Map([...floor.cartons.entries()].reverse());
  for (const e of floor.events) {
    const m = /^(carton|label)\./.test(e.type) && /\b(\d{18})\b/.exec(e.summary);
    if (m && !seen.has(m[1])) seen.set(m[1], e);
  }
  const list = document.getElementById('label-recent');
  list.replaceChildren(...(seen.size ? [...seen.entries()].slice(0, 15).map(([sscc, e]) =>
    h('li', { 'data-sscc': sscc }, h('button', { type: 'button', class: 'secondary', onclick: () => show(sscc) }, sscc), h('span', { class: 'muted' }, `${e.type} ${time(e.at)}`)))
    : [h('li', { class: 'muted' }, 'No carton seen yet; enter an SSCC.')]));
}

function show(sscc) {
  current = sscc;
  document.getElementById('label-sscc').textContent = sscc;
  const img = h('img', { src: `/api/labels/${sscc}/preview.svg`, alt: `Carton label for SSCC ${sscc} as printed`, 'data-label': sscc });
  img.addEventListener('error', () => document.getElementById('label-preview').replaceChildren(h('p', { class: 'st-bad' }, `✕ no label for ${sscc}: no carton with that SSCC was released`)));
  document.getElementById('label-preview').replaceChildren(img);
  const reprint = document.getElementById('reprint');
  reprint.hidden = false;
  reprint.disabled = !can('supervisor');
  document.getElementById('reprint-result').textContent = '';
}
