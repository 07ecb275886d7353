// Actor network: the top actors by degree on a circle (neighbours placed side by side),
// links weighted by event count and coloured by their commonest PLOVER type, radial labels
// that never overlap; click an actor to list its events.
'use strict';

const GW = 960, GH = 760, CX = GW / 2, CY = GH / 2, RADIUS = 250;
const LABEL_MAX = 22; // characters shown beside a node; the full name is on hover and click
const TOP_DEFAULT = 30;

const typeClass = (type) => 't-' + String(type || 'OTHER').replace(/[^A-Z_]/g, '');
const short = (text) => (text.length > LABEL_MAX ? text.slice(0, LABEL_MAX - 1) + '\u2026' : text);

// Circle order: start from the busiest actor, then always take the unplaced actor most
// strongly tied to those already placed (ties: the busier), so linked actors sit close.
function circleOrder(nodes, edges) {
  const weight = new Map(nodes.map((n) => [n.id, new Map()]));
  for (const e of edges) {
    for (const [a, b] of [[e.source, e.target], [e.target, e.source]]) {
      weight.get(a).set(b, (weight.get(a).get(b) || 0) + e.n);
    }
  }
  const left = new Set(nodes.map((n) => n.id));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const order = [];
  const pull = new Map(nodes.map((n) => [n.id, 0]));
  while (left.size) {
    let best = null;
    for (const id of left) {
      const n = byId.get(id);
      if (!best || pull.get(id) > pull.get(best.id) || (pull.get(id) === pull.get(best.id) && n.n > best.n)) best = n;
    }
    order.push(best);
    left.delete(best.id);
    for (const [other, w] of weight.get(best.id)) pull.set(other, pull.get(other) + w);
  }
  return order;
}

function place(nodes, edges) {
  const order = circleOrder(nodes, edges);
  order.forEach((n, i) => {
    n.angle = 2 * Math.PI * i / order.length - Math.PI / 2;
    n.x = CX + RADIUS * Math.cos(n.angle);
    n.y = CY + RADIUS * Math.sin(n.angle);
    n.r = Math.min(4 + 2 * Math.sqrt(n.n), 16);
  });
  return new Map(order.map((n) => [n.id, n]));
}

// A curve bowed towards the centre, ending at the target's rim (the arrowhead shows).
function edgePath(s, t) {
  const qx = (s.x + t.x) / 2 * 0.6 + CX * 0.4, qy = (s.y + t.y) / 2 * 0.6 + CY * 0.4;
  const dx = t.x - qx, dy = t.y - qy, d = Math.hypot(dx, dy) || 1;
  const ex = t.x - dx / d * (t.r + 2), ey = t.y - dy / d * (t.r + 2);
  return 'M' + s.x.toFixed(1) + ' ' + s.y.toFixed(1) + 'Q' + qx.toFixed(1) + ' ' + qy.toFixed(1) + ' ' + ex.toFixed(1) + ' ' + ey.toFixed(1);
}

function nodeLabel(n) {
  const deg = n.angle * 180 / Math.PI;
  const flip = Math.cos(n.angle) < 0;
  const gap = n.r + 5;
  const x = n.x + gap * Math.cos(n.angle), y = n.y + gap * Math.sin(n.angle);
  return DL.svg('text', {x: x.toFixed(1), y: y.toFixed(1), dy: '0.35em', class: 'label' + (flip ? ' flip' : ''),
    transform: 'rotate(' + (flip ? deg + 180 : deg).toFixed(1) + ' ' + x.toFixed(1) + ' ' + y.toFixed(1) + ')', text: short(n.label)});
}

function drawNode(n, onPick) {
  const group = DL.svg('g', {class: 'node ' + (n.kind === 'country' ? 'k-country' : 'k-entity'), tabindex: 0, role: 'button', 'data-id': n.id});
  const title = n.label + ' \u2014 ' + n.n + ' events' + (n.aliases.length ? '\nas: ' + n.aliases.join('; ') : '');
  group.append(DL.svg('title', {text: title}), DL.svg('circle', {cx: n.x.toFixed(1), cy: n.y.toFixed(1), r: n.r.toFixed(1)}), nodeLabel(n));
  group.addEventListener('click', () => onPick(n));
  group.addEventListener('keydown', (e) => { if (e.key === 'Enter') onPick(n); });
  return group;
}

function draw(body, onPick) {
  const index = place(body.nodes, body.edges);
  const svg = DL.svg('svg', {viewBox: '0 0 ' + GW + ' ' + GH, class: 'network', role: 'img'});
  const types = [...new Set(body.edges.map((e) => e.type))].sort();
  svg.append(DL.svg('defs', {}, ...types.map((t) => DL.svg('marker', {id: 'arrow-' + typeClass(t), viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: 'userSpaceOnUse', orient: 'auto', class: 'arrow ' + typeClass(t)},
    DL.svg('path', {d: 'M0 0L10 5L0 10z'})))));
  const lines = DL.svg('g', {class: 'edges'});
  for (const e of body.edges) {
    const s = index.get(e.source), t = index.get(e.target);
    const path = DL.svg('path', {d: edgePath(s, t), class: 'edge ' + typeClass(e.type), 'data-source': e.source, 'data-target': e.target,
      'stroke-width': (1 + 1.5 * Math.sqrt(e.n - 1)).toFixed(1), 'marker-end': 'url(#arrow-' + typeClass(e.type) + ')'});
    const kinds = Object.entries(e.types).map(([k, v]) => k + ' \u00D7' + v).join(', ');
    path.append(DL.svg('title', {text: s.label + ' \u2192 ' + t.label + ': ' + e.n + ' events (' + kinds + ')'}));
    lines.append(path);
  }
  svg.append(lines, DL.svg('g', {class: 'nodes'}, ...body.nodes.map((n) => drawNode(n, onPick))));
  document.getElementById('graph').replaceChildren(svg);
  document.getElementById('legend').replaceChildren(...types.map((t) => DL.el('span', {class: 'swatch ' + typeClass(t), text: t})));
}

function highlight(id) {
  for (const node of document.querySelectorAll('#graph .node')) node.classList.toggle('picked', node.getAttribute('data-id') === id);
  for (const edge of document.querySelectorAll('#graph .edge')) {
    const on = edge.getAttribute('data-source') === id || edge.getAttribute('data-target') === id;
    edge.classList.toggle('dim', !on);
  }
}

function eventRow(ev) {
  const cells = [ev.date || '', ev.type, ev.status, ev.source_text || '', ev.target_text || '', ev.trigger || ''];
  const tr = DL.el('tr', {class: 'event-row'}, ...cells.map((c) => DL.el('td', {text: c})));
  tr.append(DL.el('td', {}, DL.el('a', {href: DL.articleHref(ev.doc_id, ev.event_id), text: ev.doc_id})));
  return tr;
}

async function pick(node) {
  highlight(node.id);
  const params = DL.filterQuery(DL.params());
  params.set('actor_key', node.id);
  document.getElementById('actor-title').textContent = 'Events of ' + node.label;
  const link = document.getElementById('actor-link');
  link.setAttribute('href', '/ui/events?' + params.toString());
  link.textContent = 'open in the events table';
  params.set('limit', '50');
  params.set('sort', 'date');
  try {
    const body = await DL.getJSON('/events?' + params.toString());
    document.getElementById('actor-total').textContent = body.total + ' events' + (body.total > body.items.length ? ' (first ' + body.items.length + ' shown)' : '');
    const table = document.getElementById('actor-events');
    table.tHead.replaceChildren(DL.el('tr', {}, ...['date', 'type', 'status', 'source', 'target', 'trigger', 'document'].map((c) => DL.el('th', {text: c}))));
    table.tBodies[0].replaceChildren(...body.items.map(eventRow));
  } catch (e) {
    DL.status(e.message, true);
  }
}

function topN() {
  const value = Number(DL.params().get('top'));
  return Number.isInteger(value) && value >= 1 && value <= 200 ? value : TOP_DEFAULT;
}

async function load() {
  const params = DL.filterQuery(DL.params());
  params.delete('actor_key');
  params.set('top', String(topN()));
  document.getElementById('top').value = String(topN());
  try {
    const body = await DL.getJSON('/network?' + params.toString());
    DL.status(body.nodes.length + ' of ' + body.actors_total + ' actors (top ' + body.top + ' by events), ' +
      body.edges.length + ' links, ' + body.events + ' events between named or coded actors');
    draw(body, pick);
  } catch (e) {
    DL.status(e.message, true);
  }
}

document.addEventListener('DOMContentLoaded', () => {
  DL.buildFilters(document.getElementById('filters'), load, ['top']);
  document.getElementById('top').addEventListener('change', (event) => {
    const params = DL.params();
    params.set('top', event.target.value);
    history.pushState(null, '', '?' + params.toString());
    load();
  });
  load();
});
