// Map: event places on the offline Natural Earth 110m base map (equirectangular).
'use strict';

const MW = 960, MH = 480;
const px = (lon) => (lon + 180) * MW / 360;
const py = (lat) => (90 - lat) * MH / 180;

function ringPath(ring) {
  // A jump of more than 180 degrees crosses the antimeridian: lift the pen there.
  return ring.map((p, i) => (i && Math.abs(p[0] - ring[i - 1][0]) < 180 ? 'L' : 'M') +
    px(p[0]).toFixed(1) + ' ' + py(p[1]).toFixed(1)).join('');
}

function countryPath(feature) {
  const g = feature.geometry;
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const d = polys.map((poly) => poly.map(ringPath).join('')).join('');
  const path = DL.svg('path', {d: d, class: 'country'});
  path.append(DL.svg('title', {text: feature.properties.name || ''}));
  return path;
}

function viewBox(params) {
  const box = (params.get('bbox') || '').split(',').map(Number);
  if (box.length !== 4 || box.some(Number.isNaN)) return '0 0 ' + MW + ' ' + MH;
  const [x0, y0, x1, y1] = [px(box[0]), py(box[3]), px(box[2]), py(box[1])];
  return [x0, y0, Math.max(x1 - x0, 1), Math.max(y1 - y0, 1)].map((v) => v.toFixed(1)).join(' ');
}

// A popup beside the clicked place listing its events (positioned through the CSSOM, which
// the CSP allows; no style attribute is written).
function popupAt(clickEvent) {
  const box = document.getElementById('map');
  const popup = document.getElementById('place-popup');
  const rect = box.getBoundingClientRect();
  const x = clickEvent ? clickEvent.clientX - rect.left : rect.width / 2;
  const y = clickEvent ? clickEvent.clientY - rect.top : rect.height / 2;
  popup.style.left = Math.min(Math.max(0, x + 12), Math.max(0, rect.width - 380)) + 'px';
  popup.style.top = Math.min(Math.max(0, y + 12), Math.max(0, rect.height - 120)) + 'px';
  popup.hidden = false;
  return popup;
}

async function showPlace(point, clickEvent) {
  const d = 0.01;
  const params = DL.filterQuery(DL.params());
  const box = [Math.max(-180, point.lon - d), Math.max(-90, point.lat - d), Math.min(180, point.lon + d), Math.min(90, point.lat + d)];
  params.set('bbox', box.map((v) => v.toFixed(4)).join(','));
  const popup = popupAt(clickEvent);
  const close = DL.el('button', {type: 'button', class: 'close', 'aria-label': 'close', text: '\u00D7'});
  close.addEventListener('click', () => { popup.hidden = true; });
  const all = DL.el('a', {href: '/ui/events?' + params.toString(), text: 'all in the events table'});
  const list = DL.el('ul', {class: 'event-list'});
  popup.replaceChildren(close, DL.el('h3', {text: (point.name || '?') + (point.country ? ' (' + point.country + ')' : '')}), list, all);
  params.set('limit', '100');
  params.set('sort', 'date');
  try {
    const body = await DL.getJSON('/events?' + params.toString());
    popup.querySelector('h3').append(' \u00B7 ' + body.total + ' events');
    list.replaceChildren(...body.items.map((ev) => DL.el('li', {class: 'place-event'},
      DL.el('a', {href: DL.articleHref(ev.doc_id, ev.event_id), text: (ev.date || 'undated') + ' ' + ev.type + ' / ' + ev.status}),
      ' ', (ev.source_text || '?') + ' \u2192 ' + (ev.target_text || '?'))));
  } catch (e) {
    DL.status(e.message, true);
  }
}

async function load() {
  const params = DL.params();
  try {
    const [world, body] = await Promise.all([
      DL.getJSON('/static/world-110m.geojson'),
      DL.getJSON('/map?' + DL.filterQuery(params).toString())]);
    const svg = DL.svg('svg', {viewBox: viewBox(params), class: 'worldmap', role: 'img', preserveAspectRatio: 'xMidYMid meet'});
    svg.append(DL.svg('rect', {x: 0, y: 0, width: MW, height: MH, class: 'sea'}));
    const land = DL.svg('g', {class: 'land'}, ...world.features.map(countryPath));
    const dots = DL.svg('g', {class: 'points'});
    for (const point of body.points) {
      const dot = DL.svg('circle', {cx: px(point.lon), cy: py(point.lat), r: (3 + 2 * Math.sqrt(point.n)).toFixed(1), class: 'point', tabindex: 0});
      dot.append(DL.svg('title', {text: (point.name || '?') + ': ' + point.n + ' events (' + (point.types || []).join(', ') + ')'}));
      dot.addEventListener('click', (event) => showPlace(point, event));
      dot.addEventListener('keydown', (event) => { if (event.key === 'Enter') showPlace(point, null); });
      dots.append(dot);
    }
    svg.append(land, dots);
    document.getElementById('map-svg').replaceChildren(svg);
    DL.status(body.points.length + ' places');
  } catch (e) {
    DL.status(e.message, true);
  }
}

document.addEventListener('DOMContentLoaded', () => {
  DL.buildFilters(document.getElementById('filters'), load);
  load();
});
