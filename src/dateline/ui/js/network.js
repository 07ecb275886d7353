// Actor network: who acts on whom, edges coloured by PLOVER type, a small force layout.
'use strict';

const GW = 960, GH = 600, STEPS = 300;

function layout(nodes, edges) {
  nodes.forEach((n, i) => {
    const a = 2 * Math.PI * i / nodes.length;
    n.x = GW / 2 + GH * 0.35 * Math.cos(a); n.y = GH / 2 + GH * 0.35 * Math.sin(a);
  });
  const index = new Map(nodes.map((n) => [n.id, n]));
  for (let step = 0; step < STEPS; step++) {
    const cool = 1 - step / STEPS;
    for (const a of nodes) {
      let fx = (GW / 2 - a.x) * 0.01, fy = (GH / 2 - a.y) * 0.01;
      for (const b of nodes) {
        if (a === b) continue;
        const dx = a.x - b.x, dy = a.y - b.y, d2 = Math.max(dx * dx + dy * dy, 25);
        fx += 4000 * dx / d2; fy += 4000 * dy / d2;
      }
      a.fx = fx; a.fy = fy;
    }
    for (const e of edges) {
      const s = index.get(e.source), t = index.get(e.target);
      const dx = t.x - s.x, dy = t.y - s.y;
      s.fx += dx * 0.02; s.fy += dy * 0.02; t.fx -= dx * 0.02; t.fy -= dy * 0.02;
    }
    for (const n of nodes) {
      n.x = Math.min(GW - 40, Math.max(40, n.x + Math.max(-20, Math.min(20, n.fx)) * cool));
      n.y = Math.min(GH - 20, Math.max(20, n.y + Math.max(-20, Math.min(20, n.fy)) * cool));
    }
  }
  return index;
}

const typeClass = (type) => 't-' + String(type || 'OTHER').replace(/[^A-Z_]/g, '');

function draw(body) {
  const index = layout(body.nodes, body.edges);
  const svg = DL.svg('svg', {viewBox: '0 0 ' + GW + ' ' + GH, class: 'network', role: 'img'});
  svg.append(DL.svg('defs', {}, DL.svg('marker', {id: 'arrow', viewBox: '0 0 10 10', refX: 18, refY: 5, markerWidth: 6, markerHeight: 6, orient: 'auto'},
    DL.svg('path', {d: 'M0 0L10 5L0 10z', class: 'arrowhead'}))));
  for (const e of body.edges) {
    const s = index.get(e.source), t = index.get(e.target);
    const line = DL.svg('line', {x1: s.x, y1: s.y, x2: t.x, y2: t.y, class: 'edge ' + typeClass(e.type), 'stroke-width': Math.min(1 + e.n, 8), 'marker-end': 'url(#arrow)'});
    line.append(DL.svg('title', {text: e.source + ' \u2192 ' + e.target + ': ' + e.type + ' \u00D7' + e.n}));
    svg.append(line);
  }
  for (const n of body.nodes) {
    const link = DL.svg('a', {class: 'node'});
    link.setAttribute('href', '/ui/events?actor=' + encodeURIComponent(n.id));
    link.append(DL.svg('circle', {cx: n.x, cy: n.y, r: 5 + Math.min(n.n, 10)}),
      DL.svg('text', {x: n.x + 8, y: n.y - 8, text: n.id + (n.country ? ' (' + n.country + ')' : '')}));
    svg.append(link);
  }
  document.getElementById('graph').replaceChildren(svg);
  const types = [...new Set(body.edges.map((e) => e.type))].sort();
  document.getElementById('legend').replaceChildren(...types.map((t) => DL.el('span', {class: 'swatch ' + typeClass(t), text: t})));
}

async function load() {
  try {
    const body = await DL.getJSON('/network?' + DL.filterQuery(DL.params()).toString());
    DL.status(body.nodes.length + ' actors, ' + body.edges.length + ' links');
    draw(body);
  } catch (e) {
    DL.status(e.message, true);
  }
}

document.addEventListener('DOMContentLoaded', () => {
  DL.buildFilters(document.getElementById('filters'), load);
  load();
});
