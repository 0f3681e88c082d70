// KPIs over time: a number and a small uPlot chart per KPI, from /api/kpis/series (fetched when the tab is
// open and the live feed says a KPI moved, at most every few seconds).
import uPlot from '/vendor/uplot/uPlot.esm.js';
import { api, h, pct, debounce } from './api.js';

const kpis = [
  ['touches', 'Manual touches', 'count'], ['touchesAvoided', 'Touches avoided', 'count'],
  ['exceptionResolutionSeconds', 'Exception resolution', 'minutes'], ['orderCycleSeconds', 'Order cycle', 'minutes'],
  ['onTimeRate', 'On time to cut-off', 'rate'], ['fillRate', 'Fill rate', 'rate'], ['overrideRate', 'Overrides', 'rate'],
  ['lowConfidenceShare', 'Low-confidence decisions', 'rate'], ['fallbackRate', 'Rule fallback', 'rate'], ['drift', 'Model drift', 'rate'],
];
const charts = new Map();

const format = (kind, v) => v === null || v === undefined || Number.isNaN(v) ? '–'
  : kind === 'rate' ? pct(v) : kind === 'minutes' ? `${(v / 60).toFixed(1)} min` : `${Math.round(v)}`;

export const reloadKpis = debounce(loadKpis, 2000);

export function startKpis() {
  document.getElementById('kpi-range').addEventListener('change', loadKpis);
}

export async function loadKpis() {
  const box = document.getElementById('kpi-tiles');
  const range = document.getElementById('kpi-range').value;
  let data;
  try { data = await api('GET', `/api/kpis/series?range=${range}`); } catch (err) { box.replaceChildren(h('p', { class: 'muted' }, `KPIs not available: ${err.message}`)); return; }
  if (!charts.size) box.replaceChildren();
  for (const [key, title, kind] of kpis) {
    const points = data.series?.[key] ?? [];
    const series = [points.map(p => p[0]), points.map(p => p[1])];
    let entry = charts.get(key);
    if (!entry) {
      const value = h('div', { class: 'value', 'data-kpi': key });
      const plot = h('div', { class: 'plot' });
      box.append(h('div', { class: 'card tile' }, h('div', { class: 'muted' }, title), value, plot));
      const chart = new uPlot({
        width: 280, height: 90, legend: { show: false }, cursor: { show: true },
        scales: { x: { time: true } },
        axes: [{ show: false }, { size: 46, values: (u, v) => v.map(x => format(kind, x)) }],
        series: [{}, { label: title, stroke: '#0b5cad', width: 2, fill: 'rgba(11,92,173,.08)', value: (u, v) => format(kind, v) }],
      }, series, plot);
      entry = { chart, value };
      charts.set(key, entry);
    } else {
      entry.chart.setData(series);
    }
    entry.value.textContent = `${format(kind, data.totals?.[key])}`;
    entry.value.title = `${title} over the ${range} (buckets of ${data.bucketMinutes} min)`;
  }
}
