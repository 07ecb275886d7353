// Article view: the stored text with every annotated span highlighted and clickable.
'use strict';

const KINDS = ['event-sentence', 'entity', 'time', 'place', 'quote', 'speaker', 'event'];

// Every annotation of the record as {kind, start, end, label, item}.
function annotations(rec) {
  const out = [];
  const add = (kind, start, end, label, item) => {
    if (Number.isInteger(start) && Number.isInteger(end) && end > start) out.push({kind, start, end, label, item});
  };
  for (const e of rec.entities || []) add('entity', e.start, e.end, 'entity ' + e.type, e);
  for (const t of rec.times || []) add('time', t.start, t.end, 'time ' + (t.value || ''), t);
  for (const p of rec.places || []) add('place', p.start, p.end, 'place ' + (p.name || ''), p);
  for (const q of rec.quotes || []) {
    add('quote', q.start, q.end, 'quote (' + q.kind + ')', q);
    add('speaker', q.speaker_start, q.speaker_end, 'speaker ' + (q.speaker || ''), q);
  }
  for (const ev of rec.events || []) {
    add('event-sentence', ev.start, ev.end, 'event sentence ' + ev.id, ev);
    add('event', ev.trigger_start, ev.trigger_end, 'event ' + ev.type + ' / ' + ev.status, ev);
  }
  return out;
}

// Cut the text at every span edge; each piece knows which annotations cover it.
function segments(text, anns) {
  const cuts = new Set([0, text.length]);
  for (const a of anns) { cuts.add(Math.min(a.start, text.length)); cuts.add(Math.min(a.end, text.length)); }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [s, e] = [points[i], points[i + 1]];
    out.push({start: s, end: e, covers: anns.filter((a) => a.start <= s && a.end >= e)});
  }
  return out;
}

function detail(list, text) {
  const box = document.getElementById('detail');
  box.replaceChildren(...list.map((a) => {
    const rows = DL.el('dl');
    rows.append(DL.el('dt', {text: 'span'}), DL.el('dd', {text: text.slice(a.start, a.end)}));
    for (const [key, value] of Object.entries(a.item)) {
      if (value === null || value === '' || (Array.isArray(value) && !value.length)) continue;
      rows.append(DL.el('dt', {text: key}), DL.el('dd', {text: typeof value === 'object' ? JSON.stringify(value) : value}));
    }
    return DL.el('section', {class: 'card k-' + a.kind}, DL.el('h3', {text: a.label}), rows);
  }));
}

function select(node, seg, text) {
  for (const old of document.querySelectorAll('.seg.selected')) old.classList.remove('selected');
  node.classList.add('selected');
  const inner = [...seg.covers].sort((a, b) => (a.end - a.start) - (b.end - b.start));
  detail(inner, text);
}

function renderText(rec) {
  const anns = annotations(rec);
  const box = document.getElementById('text');
  const nodes = segments(rec.text, anns).map((seg) => {
    const piece = rec.text.slice(seg.start, seg.end);
    if (!seg.covers.length) return document.createTextNode(piece);
    const kinds = [...new Set(seg.covers.map((a) => a.kind))];
    const span = DL.el('span', {class: 'seg ' + kinds.map((k) => 'k-' + k).join(' '), tabindex: 0, 'data-start': seg.start, text: piece});
    for (const ev of seg.covers.filter((a) => a.kind === 'event')) span.setAttribute('data-event', ev.item.id);
    span.addEventListener('click', () => select(span, seg, rec.text));
    span.addEventListener('keydown', (e) => { if (e.key === 'Enter') select(span, seg, rec.text); });
    return span;
  });
  box.replaceChildren(...nodes);
  const legend = document.getElementById('legend');
  legend.replaceChildren(...KINDS.map((k) => DL.el('span', {class: 'seg k-' + k, text: k})));
}

function renderEvents(rec) {
  const list = document.getElementById('event-list');
  list.replaceChildren(...(rec.events || []).map((ev) => {
    const item = DL.el('li', {id: 'ev-' + ev.id, class: 'event-item'},
      DL.el('span', {class: 'st st-' + String(ev.status).replace(/[^a-z_]/g, ''), text: ev.status}), ' ',
      DL.el('strong', {text: ev.type + ' / ' + ev.action}), ' ',
      (ev.source && ev.source.text) || '?', ' \u2192 ', (ev.target && ev.target.text) || '?',
      ev.date ? ' (' + ev.date + ')' : '');
    item.addEventListener('click', () => {
      const node = document.querySelector('.seg[data-event="' + CSS.escape(ev.id) + '"]');
      if (node) { node.scrollIntoView({block: 'center'}); node.click(); }
    });
    return item;
  }));
}

function renderMeta(rec) {
  document.getElementById('title').textContent = rec.title || rec.id;
  document.title = 'dateline \u00B7 ' + (rec.title || rec.id);
  const meta = document.getElementById('meta');
  const href = DL.safeHref(rec.url);
  meta.replaceChildren(rec.published || 'undated', ' \u00B7 ', rec.id, ' \u00B7 ',
    href ? DL.el('a', {href: href, rel: 'noopener noreferrer nofollow', text: rec.url}) : (rec.url || 'no URL'),
    ' \u00B7 ', DL.el('a', {href: '/documents/' + encodeURIComponent(rec.id), text: 'JSON'}));
}

async function load() {
  const id = DL.params().get('id');
  if (!id) { DL.status('no document id: open an article from the events table', true); return; }
  try {
    const rec = await DL.getJSON('/documents/' + encodeURIComponent(id));
    renderMeta(rec);
    renderText(rec);
    renderEvents(rec);
    const hash = decodeURIComponent(window.location.hash.slice(1));
    if (hash) {
      const item = document.getElementById('ev-' + hash);
      if (item) item.click();
    }
  } catch (e) {
    DL.status(e.message, true);
  }
}

document.addEventListener('DOMContentLoaded', load);
