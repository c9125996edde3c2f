/**
 * The script of the HTML diagram page: fit to the window on open, pan and zoom (mouse, wheel,
 * keyboard), and on a click the step's line and tag, its notes (findings, coverage, changes)
 * and the path from the call's start to it. Plain browser JavaScript, inlined in the page so
 * it works with no network; it reads the page's JSON data block and touches nothing else.
 *
 * @module
 */

/** The page script. It contains no `</` so it can sit inside a `<script>` element as is. */
export const PAGE_SCRIPT = `(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('flow-data').textContent);
  var svg = document.getElementById('diagram');
  var W = data.width, H = data.height;
  var view = { x: 0, y: 0, w: W, h: H };
  function apply() { svg.setAttribute('viewBox', [view.x, view.y, view.w, view.h].join(' ')); }
  function box() { return svg.getBoundingClientRect(); }
  function fit() {
    var b = box();
    var scale = Math.min(b.width / W, b.height / H);
    // small plans keep their natural size rather than being blown up
    if (scale > 1) scale = 1;
    view.w = b.width / scale; view.h = b.height / scale;
    view.x = (W - view.w) / 2; view.y = Math.min(0, (H - view.h) / 2);
    apply();
  }
  function zoom(factor, cx, cy) {
    var b = box();
    var px = cx === undefined ? 0.5 : (cx - b.left) / b.width;
    var py = cy === undefined ? 0.5 : (cy - b.top) / b.height;
    var nw = view.w / factor, nh = view.h / factor;
    view.x += (view.w - nw) * px; view.y += (view.h - nh) * py;
    view.w = nw; view.h = nh;
    apply();
  }
  function pan(dx, dy) { view.x += dx * view.w; view.y += dy * view.h; apply(); }

  svg.addEventListener('wheel', function (ev) {
    ev.preventDefault();
    zoom(ev.deltaY > 0 ? 1 / 1.15 : 1.15, ev.clientX, ev.clientY);
  }, { passive: false });
  var drag = null;
  svg.addEventListener('pointerdown', function (ev) {
    if (ev.button !== 0) return;
    drag = { x: ev.clientX, y: ev.clientY, moved: false };
  });
  window.addEventListener('pointermove', function (ev) {
    if (!drag) return;
    var b = box();
    var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
    if (!drag.moved) return;
    view.x -= dx * view.w / b.width; view.y -= dy * view.h / b.height;
    drag.x = ev.clientX; drag.y = ev.clientY;
    apply();
  });
  window.addEventListener('pointerup', function () { setTimeout(function () { drag = null; }, 0); });

  var byId = {};
  Array.prototype.forEach.call(svg.querySelectorAll('g.step'), function (g) { byId[g.id] = g; });
  var edgeEls = Array.prototype.slice.call(svg.querySelectorAll('g.edge'));
  var panel = document.getElementById('details');

  /** The shortest way from the start to a step, as the edges it takes (breadth first). */
  function pathTo(target) {
    var out = {};
    edgeEls.forEach(function (e, i) {
      var f = e.getAttribute('data-from');
      (out[f] = out[f] || []).push(i);
    });
    var via = { start: -1 }, queue = ['start'];
    for (var q = 0; q !== queue.length && !(target in via); q++) {
      (out[queue[q]] || []).forEach(function (i) {
        var t = edgeEls[i].getAttribute('data-to');
        if (!(t in via)) { via[t] = i; queue.push(t); }
      });
    }
    if (!(target in via)) return null;
    var edges = [], at = target;
    while (via[at] !== -1) { edges.push(via[at]); at = edgeEls[via[at]].getAttribute('data-from'); }
    return edges;
  }
  function clear() {
    Array.prototype.forEach.call(svg.querySelectorAll('.on-path, .selected'), function (el) {
      el.classList.remove('on-path'); el.classList.remove('selected');
    });
  }
  function text(el, value) { el.textContent = value; }
  function select(id) {
    clear();
    var g = byId[id];
    if (!g) return;
    g.classList.add('selected');
    var info = data.nodes[g.getAttribute('data-node')] || {};
    var path = pathTo(id);
    if (path) path.forEach(function (i) {
      edgeEls[i].classList.add('on-path');
      var f = byId[edgeEls[i].getAttribute('data-from')];
      if (f) f.classList.add('on-path');
    });
    text(document.getElementById('d-title'), info.label || id);
    text(document.getElementById('d-line'), (info.line ? 'line ' + info.line + ' · ' : '') + (info.path || ''));
    text(document.getElementById('d-xml'), info.xml || '');
    var notes = document.getElementById('d-notes');
    notes.textContent = '';
    (info.notes || []).forEach(function (n) {
      var li = document.createElement('li');
      li.className = 'note-' + n.kind;
      li.textContent = n.text;
      notes.appendChild(li);
    });
    text(document.getElementById('d-reach'), path ? (path.length === 0 ? 'The call starts here.' : 'Reached from the start in ' + path.length + ' step' + (path.length === 1 ? '' : 's') + ' (highlighted).') : 'Not reachable from the start.');
    panel.hidden = false;
  }
  Object.keys(byId).forEach(function (id) {
    var g = byId[id];
    g.addEventListener('click', function () { if (!drag || !drag.moved) select(id); });
    g.addEventListener('keydown', function (ev) { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); select(id); } });
  });
  document.getElementById('d-close').addEventListener('click', function () { clear(); panel.hidden = true; });
  Array.prototype.forEach.call(document.querySelectorAll('[data-act]'), function (b) {
    b.addEventListener('click', function () {
      var act = b.getAttribute('data-act');
      if (act === 'fit') fit(); else zoom(act === 'in' ? 1.25 : 0.8);
    });
  });
  window.addEventListener('keydown', function (ev) {
    if (ev.target && ev.target.tagName === 'INPUT') return;
    var k = ev.key;
    if (k === '+' || k === '=') zoom(1.25);
    else if (k === '-' || k === '_') zoom(0.8);
    else if (k === '0' || k === 'f') fit();
    else if (k === 'ArrowLeft') pan(-0.1, 0);
    else if (k === 'ArrowRight') pan(0.1, 0);
    else if (k === 'ArrowUp') pan(0, -0.1);
    else if (k === 'ArrowDown') pan(0, 0.1);
    else if (k === 'Escape') { clear(); panel.hidden = true; }
    else return;
    ev.preventDefault();
  });
  window.addEventListener('resize', fit);
  fit();
  document.documentElement.setAttribute('data-ready', 'true');
})();`;
