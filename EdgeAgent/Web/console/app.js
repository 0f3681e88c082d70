// The supervisor console: who is signed in, the tabs, and the parts that fill them.
import { api, session, can, notify, toSignIn } from './api.js';
import { startLive, onTopics } from './live.js';
import { startQueues, queueTopics } from './queues.js';
import { startKpis, loadKpis, reloadKpis } from './kpis.js';
import { startAudit, loadChain } from './audit.js';
import { startLabels, drawRecentLabels } from './labels.js';

const visible = () => document.querySelector('.tabs [aria-selected="true"]').dataset.tab;

function show(tab) {
  for (const b of document.querySelectorAll('.tabs button')) b.setAttribute('aria-selected', String(b.dataset.tab === tab));
  for (const s of document.querySelectorAll('section.tab')) s.hidden = s.dataset.tab !== tab;
  if (tab === 'kpis') loadKpis();
  if (tab === 'audit') loadChain();
  if (tab === 'labels') drawRecentLabels();
  if (location.hash !== `#${tab}`) history.replaceState(null, '', `#${tab}`);
}

async function main() {
  let me;
  try { me = await api('GET', '/api/session'); } catch (err) { if (err.status !== 401) notify(`Cannot read the session: ${err.message}`); return; }
  Object.assign(session, me);
  document.getElementById('who').textContent = `${me.name} · ${me.role}`;
  // A viewer sees everything and can do none of it; the agent refuses them anyway.
  for (const e of document.querySelectorAll('.supervisor button, button.supervisor, .supervisor input, .supervisor select')) e.disabled = !can('supervisor');
  document.getElementById('signout').addEventListener('click', async () => {
    try { await api('DELETE', '/api/session'); } finally { toSignIn(); }
  });
  for (const b of document.querySelectorAll('.tabs button')) b.addEventListener('click', () => show(b.dataset.tab));
  startQueues();
  startKpis();
  startAudit();
  startLabels();
  onTopics((topics) => {
    queueTopics(topics);
    if (visible() === 'kpis' && topics.includes('kpis')) reloadKpis();
    if (visible() === 'audit' && topics.includes('audit')) loadChain();
    if (visible() === 'labels') drawRecentLabels();
  });
  startLive();
  show((location.hash || '#floor').slice(1).replace(/[^a-z]/g, '') || 'floor');
}

main();
