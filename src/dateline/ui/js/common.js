// dateline UI helpers. Every piece of data reaches the page through textContent or
// setAttribute on an allowlisted attribute: never innerHTML, never a data-built URL scheme.
'use strict';

const DL = {};

DL.SVG_NS = 'http://www.w3.org/2000/svg';

// A link target only when it is this site's path or an http(s) URL; else null.
DL.safeHref = function (value) {
  const text = String(value || '');
  if (text.startsWith('/') && !text.startsWith('//')) return text;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') ? url.href : null;
  } catch (e) {
    return null;
  }
};

// Build an element: attrs {class, text, href, title, ...}; children are nodes or strings.
DL.el = function (tag, attrs, ...children) {
  const node = document.createElement(tag);
  DL.setAttrs(node, attrs || {});
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
};

DL.svg = function (tag, attrs, ...children) {
  const node = document.createElementNS(DL.SVG_NS, tag);
  DL.setAttrs(node, attrs || {});
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
};

DL.setAttrs = function (node, attrs) {
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined) continue;
    if (key === 'text') node.textContent = String(value);
    else if (key === 'class') node.setAttribute('class', String(value));
    else if (key === 'href') {
      const href = DL.safeHref(value);
      if (href) node.setAttribute('href', href);
    } else if (key.startsWith('on')) throw new Error('no event attributes: ' + key);
    else node.setAttribute(key, String(value));
  }
};

DL.status = function (message, isError) {
  const box = document.getElementById('status');
  if (!box) return;
  box.textContent = message || '';
  box.className = isError ? 'status error' : 'status';
};

DL.getJSON = async function (url) {
  const response = await fetch(url, {headers: {Accept: 'application/json'}});
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const detail = typeof body.detail === 'string' ? body.detail : JSON.stringify(body.detail);
    throw new Error(response.status + ': ' + detail);
  }
  return body;
};

DL.params = function () {
  return new URLSearchParams(window.location.search);
};

DL.articleHref = function (docId, eventId) {
  return '/ui/article?id=' + encodeURIComponent(docId) + (eventId ? '#' + encodeURIComponent(eventId) : '');
};

// The filter form shared by the events, map, network and timeline pages.
DL.FILTERS = [
  ['actor', 'actor', 'text'], ['country', 'country (ISO)', 'text'], ['type', 'type', 'select'],
  ['status', 'status', 'select'], ['since', 'from (YYYY-MM-DD)', 'text'],
  ['until', 'to', 'text'], ['text', 'text', 'text'], ['bbox', 'box w,s,e,n', 'text'],
  ['min_confidence', 'min confidence (0-1)', 'text'],
  ['plover', 'PLOVER only (hide OTHER)', 'check'],
  ['main', "each sentence's main event only", 'check'],
];

// A check box's state when the URL does not name it: PLOVER only is on, main only is off.
DL.CHECK_DEFAULTS = {plover: true, main: false};

// A check box's state from the page's URL (true/1 or false/0), else its default.
DL.checkOn = function (params, name) {
  const value = params.get(name);
  if (value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  return DL.CHECK_DEFAULTS[name];
};

// The PLOVER-only toggle is on unless the page's URL says plover=false.
DL.ploverOn = function (params) {
  return DL.checkOn(params, 'plover');
};

DL.filterInput = function (name, kind, stats, current) {
  if (kind === 'check') {
    const box = DL.el('input', {name: name, id: 'f-' + name, type: 'checkbox'});
    box.checked = DL.checkOn(current, name);
    return box;
  }
  if (kind !== 'select') {
    const input = DL.el('input', {name: name, id: 'f-' + name, type: 'text', size: 12});
    input.value = current.get(name) || '';
    return input;
  }
  const input = DL.el('select', {name: name, id: 'f-' + name}, DL.el('option', {value: '', text: 'any'}));
  for (const row of (name === 'type' ? stats.types : stats.statuses) || []) {
    const value = row[name];
    if (value) input.append(DL.el('option', {value: value, text: value + ' (' + row.n + ')'}));
  }
  input.value = current.get(name) || '';
  return input;
};

// The filters in the form as a query string; a check box is written only off its default.
DL.formQuery = function (form) {
  const next = new URLSearchParams();
  for (const [name, , kind] of DL.FILTERS) {
    if (kind === 'check') {
      const on = form.elements[name].checked;
      if (on !== DL.CHECK_DEFAULTS[name]) next.set(name, on ? 'true' : 'false');
      continue;
    }
    const value = form.elements[name].value.trim();
    if (value) next.set(name, value);
  }
  return next;
};

DL.buildFilters = async function (form, onChange, keep) {
  const current = DL.params();
  let stats = {types: [], statuses: []};
  try { stats = await DL.getJSON('/stats'); } catch (e) { DL.status(e.message, true); }
  for (const [name, label, kind] of DL.FILTERS) {
    const input = DL.filterInput(name, kind, stats, current);
    const text = DL.el('label', {for: 'f-' + name, text: label});
    form.append(...(kind === 'check' ? [input, text] : [text, input]));
  }
  form.append(DL.el('button', {type: 'submit', text: 'Apply'}));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = DL.formQuery(form);
    for (const key of keep || []) {
      if (DL.params().get(key)) next.set(key, DL.params().get(key));
    }
    history.pushState(null, '', '?' + next.toString());
    onChange(next);
  });
  window.addEventListener('popstate', () => onChange(DL.params()));
};

// Only the filter keys, from any query string; check boxes are always explicit for the API.
DL.filterQuery = function (params) {
  const out = new URLSearchParams();
  for (const [name, , kind] of DL.FILTERS) {
    if (kind === 'check') out.set(name, DL.checkOn(params, name) ? 'true' : 'false');
    else if (params.get(name)) out.set(name, params.get(name));
  }
  if (params.get('actor_key')) out.set('actor_key', params.get('actor_key'));
  return out;
};

DL.twin = function () {
  const link = document.querySelector('link[rel=alternate][type="application/json"]');
  return link ? link.getAttribute('href') : null;
};
