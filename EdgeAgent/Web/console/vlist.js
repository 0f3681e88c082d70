// A virtualised list: only the rows in view (plus a margin) exist in the DOM, so 5,000 tasks cost the same
// to redraw as 20. Rows have a fixed height; a redraw is coalesced to one per animation frame.
export class VirtualList {
  constructor(container, rowClass, render, rowHeight = 40) {
    this.container = container;
    this.rowClass = rowClass;
    this.render = render;
    this.rowHeight = rowHeight;
    this.items = [];
    this.rows = [];
    this.spacer = document.createElement('div');
    this.spacer.style.height = '0px';
    container.append(this.spacer);
    container.addEventListener('scroll', () => this.schedule(), { passive: true });
    this.pending = false;
  }

  setItems(items) { this.items = items; this.schedule(); }

  schedule() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => { this.pending = false; this.draw(); });
  }

  draw() {
    const h = this.rowHeight;
    this.spacer.style.height = `${this.items.length * h}px`;
    const view = this.container.clientHeight || 400;
    const first = Math.max(0, Math.floor(this.container.scrollTop / h) - 4);
    const last = Math.min(this.items.length, Math.ceil((this.container.scrollTop + view) / h) + 4);
    const needed = last - first;
    while (this.rows.length < needed) {
      const row = document.createElement('div');
      row.className = `row ${this.rowClass}`;
      this.container.append(row);
      this.rows.push(row);
    }
    for (let i = 0; i < this.rows.length; i++) {
      const row = this.rows[i];
      if (i >= needed) { row.hidden = true; continue; }
      const item = this.items[first + i];
      row.hidden = false;
      row.style.top = `${(first + i) * h}px`;
      this.render(row, item);
    }
    if (this.onDraw) this.onDraw();
  }
}

/** Fills a row's cells with texts (and class names), reusing its spans. */
export function cells(row, values) {
  while (row.children.length < values.length) row.append(document.createElement('span'));
  values.forEach((v, i) => {
    const [text, cls] = Array.isArray(v) ? v : [v, ''];
    const span = row.children[i];
    const t = text === null || text === undefined ? '' : String(text);
    if (span.textContent !== t) span.textContent = t;
    if (span.className !== cls) span.className = cls;
  });
}
