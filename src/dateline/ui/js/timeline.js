// Timeline: one lane per action; announcements against what occurred; follow-through table.
'use strict';

const W = 960, LANE = 40, LEFT = 150, RIGHT = 40, TOP = 40;

function day(value) {
  const t = Date.parse(String(value).slice(0, 10).padEnd(10, '-01').replace(/-$/, '-01'));
  return Number.isNaN(t) ? null : t;
}

function marker(ev, x, y) {
  const href = DL.articleHref(ev.doc_id, ev.event_id);
  const label = ev.date + ' ' + ev.status + ': ' + (ev.source_text || '?') + ' ' + ev.trigger + ' ' + (ev.target_text || '');
  let shape;
  if (ev.phase === 'announcement') {
    shape = DL.svg('polygon', {points: [x, y - 7, x + 7, y, x, y + 7, x - 7, y].join(' '), class: 'mk announcement'});
  } else if (ev.phase === 'occurrence') {
    shape = DL.svg('circle', {cx: x, cy: y, r: 6, class: 'mk occurrence'});
  } else {
    shape = DL.svg('rect', {x: x - 5, y: y - 5, width: 10, height: 10, class: 'mk other'});
  }
  shape.append(DL.svg('title', {text: label}));
  const link = DL.svg('a', {class: 'tl-event', 'data-doc': ev.doc_id}, shape);
  link.setAttribute('href', href);
  return link;
}

// The axis: the 2nd-98th percentile of the dates (a few old background dates would squeeze
// everything else), or every date with ?range=all.
const LOW_Q = 0.02, HIGH_Q = 0.98;

function axisRange(times, full) {
  const sorted = [...times].sort((a, b) => a - b);
  if (full) return [sorted[0], sorted[sorted.length - 1]];
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];
  return [at(LOW_Q), at(HIGH_Q)];
}

function ticks(t0, t1) {
  const years = (t1 - t0) / (365.25 * 86400000);
  const out = [];
  const start = new Date(t0);
  if (years > 2) {
    const step = Math.max(1, Math.ceil(years / 8));
    for (let y = start.getUTCFullYear() + 1; Date.UTC(y, 0, 1) <= t1; y += step) out.push([Date.UTC(y, 0, 1), String(y)]);
  } else {
    const months = Math.max(1, Math.ceil(years * 12 / 8));
    for (let m = start.getUTCMonth() + 1, y = start.getUTCFullYear(); Date.UTC(y, m, 1) <= t1; m += months) {
      const d = new Date(Date.UTC(y, m, 1));
      out.push([d.getTime(), d.toISOString().slice(0, 7)]);
    }
  }
  return out;
}

function outMarker(x, y, side, list) {
  const dx = side < 0 ? -1 : 1;
  const shape = DL.svg('polygon', {points: [x + 6 * dx, y, x - 2 * dx, y - 6, x - 2 * dx, y + 6].join(' '), class: 'mk out'});
  const dates = list.map((ev) => ev.date).join(', ');
  shape.append(DL.svg('title', {text: list.length + (side < 0 ? ' earlier' : ' later') + ' event(s) outside the axis: ' + dates}));
  return DL.svg('g', {class: 'tl-out'}, shape, DL.svg('text', {x: x + 10 * dx, y: y + 4, class: 'axis' + (side < 0 ? ' end' : ''), text: String(list.length)}));
}

function axis(svg, t0, t1, x, height) {
  for (const [t, label] of ticks(t0, t1)) {
    svg.append(DL.svg('line', {x1: x(t), x2: x(t), y1: 22, y2: height - 6, class: 'tick'}));
    svg.append(DL.svg('text', {x: x(t), y: 16, class: 'axis mid', text: label}));
  }
  svg.append(DL.svg('text', {x: LEFT, y: 30, class: 'axis', text: new Date(t0).toISOString().slice(0, 10)}));
  svg.append(DL.svg('text', {x: W - RIGHT, y: 30, class: 'axis end', text: new Date(t1).toISOString().slice(0, 10)}));
}

function lane(svg, events, y, t0, t1, x) {
  const early = [], late = [];
  for (const ev of events) {
    const t = day(ev.date);
    if (t === null) continue;
    if (t < t0) early.push(ev); else if (t > t1) late.push(ev); else svg.append(marker(ev, x(t), y));
  }
  if (early.length) svg.append(outMarker(LEFT - 4, y, -1, early));
  if (late.length) svg.append(outMarker(W - RIGHT + 4, y, 1, late));
}

function draw(body) {
  const times = body.lanes.flatMap((l) => l.events).map((e) => day(e.date)).filter((t) => t !== null);
  const chart = document.getElementById('chart');
  if (!times.length) { chart.replaceChildren(DL.el('p', {class: 'hint', text: 'No dated events match.'})); return; }
  const full = DL.params().get('range') === 'all';
  const [t0, t1] = axisRange(times, full);
  const span = Math.max(t1 - t0, 86400000);
  const x = (t) => LEFT + (W - LEFT - RIGHT) * (t - t0) / span;
  const height = TOP + LANE * body.lanes.length + 10;
  const svg = DL.svg('svg', {viewBox: '0 0 ' + W + ' ' + height, class: 'timeline', role: 'img'});
  axis(svg, t0, t1, x, height);
  body.lanes.forEach((l, i) => {
    const y = TOP + LANE * i + LANE / 2;
    svg.append(DL.svg('line', {x1: LEFT, x2: W - RIGHT, y1: y, y2: y, class: 'lane'}));
    svg.append(DL.svg('text', {x: LEFT - 32, y: y + 4, class: 'lane-label', text: l.action}));
    lane(svg, l.events, y, t0, t1, x);
  });
  chart.replaceChildren(svg);
  const outside = times.filter((t) => t < t0 || t > t1).length;
  const all = axisRange(times, true).map((t) => new Date(t).toISOString().slice(0, 10));
  const toggle = document.getElementById('range-toggle');
  toggle.textContent = full ? 'show the bulk of the dates (2nd\u201398th percentile)'
    : outside + ' events outside the axis: show the full range (' + all.join(' \u2013 ') + ')';
  toggle.hidden = !full && outside === 0;
}

const FT_LABELS = {carried_out: 'carried out', partly: 'partly', disputed: 'disputed', no_sign_yet: 'no sign yet'};

function actorText(actor) {
  if (!actor) return '';
  return actor.text || actor.country || '';
}

function evidenceCell(rec) {
  const items = (rec.evidence || []).map((ev) => DL.el('li', {},
    DL.el('a', {href: DL.articleHref(ev.document), text: (ev.date || '?') + ' ' + ev.document}),
    ' ' + (ev.role || '').replace(/_/g, ' ') + ' (' + (ev.status || '') + ')'));
  return DL.el('td', {}, items.length ? DL.el('ul', {class: 'evidence'}, ...items) : DL.el('span', {class: 'hint', text: 'no later report'}));
}

function ftRow(rec) {
  const cluster = DL.el('a', {href: '/ui/events?plover=false&cluster=' + encodeURIComponent(rec.cluster || ''),
    text: actorText(rec.source) + ' ' + (rec.action || '') + (rec.target ? ' \u2192 ' + actorText(rec.target) : '')});
  const status = String(rec.status || '');
  return DL.el('tr', {class: 'ft-row ft-' + status.replace(/[^a-z_]/g, '')},
    DL.el('td', {text: rec.announced || ''}), DL.el('td', {}, cluster, ' ', DL.el('span', {class: 'hint', text: rec.type || ''})),
    DL.el('td', {text: '\u2192'}), DL.el('td', {}, DL.el('span', {class: 'st ft-st-' + status.replace(/[^a-z_]/g, ''), text: FT_LABELS[status] || status})),
    evidenceCell(rec), DL.el('td', {text: rec.as_of || ''}), DL.el('td', {class: 'hint', text: rec.storyline || ''}));
}

const FT_SHOWN = 25; // rows listed before "show all" (resolved announcements come first)

function followthrough(body) {
  const rows = body.followthrough || [];
  const more = document.getElementById('ft-more');
  const showAll = DL.params().get('ft') === 'all';
  more.hidden = showAll || rows.length <= FT_SHOWN;
  more.textContent = 'show all ' + rows.length + ' announcements';
  const counts = {};
  for (const r of rows) counts[r.status] = (counts[r.status] || 0) + 1;
  const summary = Object.entries(counts).map(([k, v]) => v + ' ' + (FT_LABELS[k] || k)).join(', ');
  document.getElementById('ft-note').textContent = body.note || (rows.length ? rows.length + ' announcements: ' + summary : 'No announcements match.');
  const table = document.getElementById('ft-table');
  const cols = ['announced', 'announcement', '', 'status', 'follow-through evidence', 'as of', 'storyline'];
  table.tHead.replaceChildren(DL.el('tr', {}, ...cols.map((c) => DL.el('th', {text: c}))));
  table.tBodies[0].replaceChildren(...(showAll ? rows : rows.slice(0, FT_SHOWN)).map(ftRow));
}

async function load() {
  try {
    const body = await DL.getJSON('/timeline?' + DL.filterQuery(DL.params()).toString());
    DL.status(body.lanes.length + ' lanes, ' + body.lanes.reduce((n, l) => n + l.events.length, 0) + ' dated events');
    draw(body);
    followthrough(body);
  } catch (e) {
    DL.status(e.message, true);
  }
}

document.addEventListener('DOMContentLoaded', () => {
  DL.buildFilters(document.getElementById('filters'), load, ['range', 'ft']);
  document.getElementById('ft-more').addEventListener('click', () => {
    const params = DL.params();
    params.set('ft', 'all');
    history.pushState(null, '', '?' + params.toString());
    load();
  });
  document.getElementById('range-toggle').addEventListener('click', () => {
    const params = DL.params();
    if (params.get('range') === 'all') params.delete('range'); else params.set('range', 'all');
    history.pushState(null, '', '?' + params.toString());
    load();
  });
  load();
});
