// Timeline: one lane per action; announcements against what occurred; follow-through table.
'use strict';

const W = 960, LANE = 44, LEFT = 150, RIGHT = 20, TOP = 30;

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

function draw(body) {
  const events = body.lanes.flatMap((l) => l.events).map((e) => day(e.date)).filter((t) => t !== null);
  const chart = document.getElementById('chart');
  if (!events.length) { chart.replaceChildren(DL.el('p', {class: 'hint', text: 'No dated events match.'})); return; }
  const [t0, t1] = [Math.min(...events), Math.max(...events)];
  const span = Math.max(t1 - t0, 86400000);
  const x = (t) => LEFT + (W - LEFT - RIGHT) * (t - t0) / span;
  const height = TOP + LANE * body.lanes.length + 10;
  const svg = DL.svg('svg', {viewBox: '0 0 ' + W + ' ' + height, class: 'timeline', role: 'img'});
  svg.append(DL.svg('text', {x: LEFT, y: 16, class: 'axis', text: new Date(t0).toISOString().slice(0, 10)}));
  svg.append(DL.svg('text', {x: W - RIGHT, y: 16, class: 'axis end', text: new Date(t1).toISOString().slice(0, 10)}));
  body.lanes.forEach((lane, i) => {
    const y = TOP + LANE * i + LANE / 2;
    svg.append(DL.svg('line', {x1: LEFT, x2: W - RIGHT, y1: y, y2: y, class: 'lane'}));
    svg.append(DL.svg('text', {x: LEFT - 8, y: y + 4, class: 'lane-label', text: lane.action}));
    for (const ev of lane.events) {
      const t = day(ev.date);
      if (t !== null) svg.append(marker(ev, x(t), y));
    }
  });
  chart.replaceChildren(svg);
}

function followthrough(body) {
  const note = document.getElementById('ft-note');
  note.textContent = body.note || '';
  const table = document.getElementById('ft-table');
  const cols = ['storyline', 'action', 'type', 'announced', 'status', 'as_of', 'cluster'];
  table.tHead.replaceChildren(DL.el('tr', {}, ...cols.map((c) => DL.el('th', {text: c}))));
  table.tBodies[0].replaceChildren(...(body.followthrough || []).map((row) =>
    DL.el('tr', {}, ...cols.map((c) => DL.el('td', {text: row[c] === undefined || row[c] === null ? '' : typeof row[c] === 'object' ? JSON.stringify(row[c]) : row[c]})))));
}

async function load() {
  try {
    const body = await DL.getJSON('/timeline?' + DL.filterQuery(DL.params()).toString());
    DL.status(body.lanes.length + ' actions');
    draw(body);
    followthrough(body);
  } catch (e) {
    DL.status(e.message, true);
  }
}

document.addEventListener('DOMContentLoaded', () => {
  DL.buildFilters(document.getElementById('filters'), load);
  load();
});
