// Events table: the /events list with the shared filters, sortable columns and paging.
'use strict';

const COLUMNS = [
  ['date', 'date', 'date'], ['type', 'type', 'type'], ['action', 'action', null],
  ['status', 'status', 'status'], ['source_text', 'source', 'source'],
  ['target_text', 'target', null], ['trigger', 'trigger', null], ['place_name', 'place', null],
  ['doc_id', 'document', 'doc'],
];
const PAGE = 50;

function query() {
  const params = DL.params();
  const out = DL.filterQuery(params);
  for (const key of ['sort', 'offset', 'actor_key']) {
    if (params.get(key)) out.set(key, params.get(key));
  }
  out.set('limit', String(PAGE));
  return out;
}

function go(changes) {
  const params = query();
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) params.delete(key); else params.set(key, value);
  }
  params.delete('limit');
  history.pushState(null, '', '?' + params.toString());
  load();
}

function header(sort) {
  const row = DL.el('tr');
  for (const [, label, key] of COLUMNS) {
    if (!key) { row.append(DL.el('th', {text: label})); continue; }
    const mark = sort === key ? ' \u25B2' : sort === '-' + key ? ' \u25BC' : '';
    const button = DL.el('button', {type: 'button', class: 'sort', 'data-key': key, text: label + mark});
    button.addEventListener('click', () => go({sort: sort === key ? '-' + key : key, offset: null}));
    row.append(DL.el('th', {}, button));
  }
  return row;
}

function cell(row, col) {
  if (col === 'doc_id') {
    return DL.el('td', {}, DL.el('a', {href: DL.articleHref(row.doc_id, row.event_id), class: 'doc-link', text: row.doc_id}));
  }
  const value = row[col];
  const td = DL.el('td', {text: value === null || value === undefined ? '' : value});
  if (col === 'status' && value) td.className = 'st st-' + String(value).replace(/[^a-z_]/g, '');
  return td;
}

// The actor picked on the network page, shown as a removable filter.
function actorChip(params) {
  const box = document.getElementById('actor-chip');
  const key = params.get('actor_key');
  if (!key) { box.replaceChildren(); return; }
  const remove = DL.el('button', {type: 'button', class: 'linkish', text: 'remove'});
  remove.addEventListener('click', () => go({actor_key: null, offset: null}));
  box.replaceChildren('actor (from the network): ', DL.el('strong', {text: key.replace(/^[ec]:/, '').replace('/', ' ')}), ' ', remove);
}

async function load() {
  const params = query();
  let body;
  try {
    body = await DL.getJSON('/events?' + params.toString());
  } catch (e) {
    DL.status(e.message, true);
    return;
  }
  DL.status(body.total + ' events match' + (DL.ploverOn(params) && !params.get('type') ? ' (PLOVER only: untick the box to include OTHER)' : ''));
  actorChip(params);
  const table = document.getElementById('events-table');
  table.tHead.replaceChildren(header(params.get('sort')));
  table.tBodies[0].replaceChildren(...body.items.map((row) => {
    const tr = DL.el('tr', {class: 'event-row'});
    for (const [col] of COLUMNS) tr.append(cell(row, col));
    return tr;
  }));
  const downloads = document.getElementById('downloads');
  const filters = DL.filterQuery(params).toString();
  downloads.replaceChildren('Download: ', ...['csv', 'jsonl', 'parquet'].map((fmt) =>
    DL.el('a', {href: '/events.' + fmt + (filters ? '?' + filters : ''), class: 'dl', text: fmt})));
  const offset = body.offset;
  document.getElementById('range').textContent = body.total
    ? (offset + 1) + '\u2013' + (offset + body.items.length) + ' of ' + body.total : 'none';
  document.getElementById('prev').disabled = offset <= 0;
  document.getElementById('next').disabled = offset + body.items.length >= body.total;
}

document.addEventListener('DOMContentLoaded', () => {
  DL.buildFilters(document.getElementById('filters'), () => load(), ['actor_key', 'sort']);
  document.getElementById('prev').addEventListener('click', () => {
    go({offset: String(Math.max(0, Number(query().get('offset') || 0) - PAGE))});
  });
  document.getElementById('next').addEventListener('click', () => {
    go({offset: String(Number(query().get('offset') || 0) + PAGE)});
  });
  load();
});
