// The review page and the side-by-side page (progressive enhancement; without it, links and forms work).
// 1. A photo viewer: the full photo is fetched only when opened; zoom with buttons, +/-, the wheel or two fingers;
//    arrows go to the item's other photos; Esc closes and gives the keyboard back to the link.
// 2. Decisions post in the background: the item leaves the list and the next one takes the keyboard.
(function () {
  if (!window.fetch || !document.querySelector) return;

  var viewer = null;
  function buildViewer() {
    var d = document.createElement('div');
    d.className = 'viewer';
    d.setAttribute('role', 'dialog');
    d.setAttribute('aria-modal', 'true');
    d.setAttribute('aria-label', 'Foto bukti');
    d.hidden = true;
    d.innerHTML =
      '<div class="viewer-bar"><span class="viewer-title"></span>' +
      '<button type="button" class="btn btn-ghost" data-act="prev" aria-label="Foto sebelumnya">‹</button>' +
      '<button type="button" class="btn btn-ghost" data-act="out" aria-label="Perkecil">−</button>' +
      '<button type="button" class="btn btn-ghost" data-act="fit">Pas layar</button>' +
      '<button type="button" class="btn btn-ghost" data-act="in" aria-label="Perbesar">+</button>' +
      '<button type="button" class="btn btn-ghost" data-act="next" aria-label="Foto berikutnya">›</button>' +
      '<a class="btn btn-ghost viewer-open" target="_blank" rel="noopener">Tab baru</a>' +
      '<button type="button" class="btn" data-act="close">Tutup</button></div>' +
      '<div class="viewer-stage" tabindex="0" aria-label="Foto; geser untuk melihat bagian lain"><img alt=""></div>';
    document.body.appendChild(d);
    var state = { links: [], i: 0, zoom: 1, opener: null };
    var img = d.querySelector('img');
    var stage = d.querySelector('.viewer-stage');
    function apply() {
      img.style.width = state.zoom === 1 ? '' : Math.round(state.zoom * 100) + '%';
      img.style.maxWidth = state.zoom === 1 ? '100%' : 'none';
      img.style.maxHeight = state.zoom === 1 ? '100%' : 'none';
    }
    function show(i) {
      state.i = (i + state.links.length) % state.links.length;
      var a = state.links[state.i];
      state.zoom = 1;
      apply();
      img.src = a.getAttribute('href');
      img.alt = a.querySelector('img') ? a.querySelector('img').alt : a.textContent;
      d.querySelector('.viewer-title').textContent = img.alt + ' (' + (state.i + 1) + '/' + state.links.length + ')';
      d.querySelector('.viewer-open').href = a.getAttribute('href');
    }
    function zoom(f) { state.zoom = Math.max(1, Math.min(6, state.zoom * f)); apply(); }
    function close() { d.hidden = true; img.removeAttribute('src'); document.body.classList.remove('viewer-on'); if (state.opener) state.opener.focus(); }
    d.addEventListener('click', function (ev) {
      var b = ev.target.closest('[data-act]');
      if (!b) return;
      var act = b.getAttribute('data-act');
      if (act === 'close') close();
      else if (act === 'in') zoom(1.5);
      else if (act === 'out') zoom(1 / 1.5);
      else if (act === 'fit') { state.zoom = 1; apply(); }
      else if (act === 'prev') show(state.i - 1);
      else if (act === 'next') show(state.i + 1);
    });
    d.addEventListener('keydown', function (ev) {
      if (ev.key === 'Escape') { close(); ev.preventDefault(); }
      else if (ev.key === '+' || ev.key === '=') { zoom(1.5); ev.preventDefault(); }
      else if (ev.key === '-') { zoom(1 / 1.5); ev.preventDefault(); }
      else if (ev.key === '0') { state.zoom = 1; apply(); ev.preventDefault(); }
      else if (ev.key === 'ArrowRight' && state.zoom === 1) { show(state.i + 1); ev.preventDefault(); }
      else if (ev.key === 'ArrowLeft' && state.zoom === 1) { show(state.i - 1); ev.preventDefault(); }
      else if (ev.key === 'Tab') {
        // Keep the keyboard inside the dialog.
        var f = Array.prototype.slice.call(d.querySelectorAll('button, a[href], [tabindex="0"]'));
        var at = f.indexOf(document.activeElement);
        if (ev.shiftKey && at <= 0) { f[f.length - 1].focus(); ev.preventDefault(); }
        else if (!ev.shiftKey && at === f.length - 1) { f[0].focus(); ev.preventDefault(); }
      }
      ev.stopPropagation();
    });
    stage.addEventListener('wheel', function (ev) { if (ev.ctrlKey || ev.metaKey) { zoom(ev.deltaY < 0 ? 1.2 : 1 / 1.2); ev.preventDefault(); } }, { passive: false });
    // Two fingers: the distance between them sets the zoom.
    var touches = {}, startDist = 0, startZoom = 1;
    function dist() { var p = Object.keys(touches).map(function (k) { return touches[k]; }); return p.length < 2 ? 0 : Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y); }
    stage.addEventListener('pointerdown', function (ev) { touches[ev.pointerId] = { x: ev.clientX, y: ev.clientY }; if (Object.keys(touches).length === 2) { startDist = dist(); startZoom = state.zoom; } });
    stage.addEventListener('pointermove', function (ev) {
      if (!touches[ev.pointerId]) return;
      touches[ev.pointerId] = { x: ev.clientX, y: ev.clientY };
      if (Object.keys(touches).length === 2 && startDist > 0) { state.zoom = Math.max(1, Math.min(6, startZoom * dist() / startDist)); apply(); }
    });
    ['pointerup', 'pointercancel', 'pointerleave'].forEach(function (t) { stage.addEventListener(t, function (ev) { delete touches[ev.pointerId]; startDist = 0; }); });
    return {
      open: function (link) {
        var group = link.getAttribute('data-group');
        var all = Array.prototype.slice.call(document.querySelectorAll('a.js-viewer[data-group="' + group + '"]'));
        // One entry per photo (a thumbnail and its text link open the same photo).
        var seen = {};
        state.links = all.filter(function (a) { var h = a.getAttribute('href'); if (seen[h]) return false; seen[h] = true; return true; });
        state.opener = link;
        d.hidden = false;
        document.body.classList.add('viewer-on');
        show(Math.max(0, state.links.map(function (a) { return a.getAttribute('href'); }).indexOf(link.getAttribute('href'))));
        d.querySelector('[data-act="close"]').focus();
      },
    };
  }

  document.addEventListener('click', function (ev) {
    var link = ev.target.closest && ev.target.closest('a.js-viewer');
    if (!link || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.button !== 0) return;
    ev.preventDefault();
    viewer = viewer || buildViewer();
    viewer.open(link);
  });

  // Decisions in the background: the server answers with its message; the item leaves the list.
  var live = document.createElement('div');
  live.className = 'alert alert-success review-live';
  live.setAttribute('role', 'status');
  live.hidden = true;
  var main = document.querySelector('main');
  if (main) main.insertBefore(live, main.firstChild);

  document.addEventListener('submit', function (ev) {
    var form = ev.target;
    if (!form.classList || !form.classList.contains('js-decision') || !window.URLSearchParams) return;
    ev.preventDefault();
    var item = form.closest('.review-item');
    var buttons = form.querySelectorAll('button');
    Array.prototype.forEach.call(buttons, function (b) { b.disabled = true; });
    fetch(form.getAttribute('action'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Dana-RT': 'latar', Accept: 'application/json' },
      body: new URLSearchParams(new FormData(form)).toString(),
    })
      .then(function (res) {
        return res.json().then(function (body) { return { ok: res.ok, body: body }; }, function () { return { ok: false, body: null }; });
      })
      .then(function (r) {
        if (!r.body) { form.submit(); return; }
        live.hidden = false;
        live.className = 'alert review-live ' + (r.ok ? 'alert-success' : 'alert-error');
        live.textContent = r.body.message;
        Array.prototype.forEach.call(buttons, function (b) { b.disabled = false; });
        if (!r.ok || !item) return;
        var next = item.nextElementSibling;
        while (next && !next.classList.contains('review-item')) next = next.nextElementSibling;
        var prev = item.previousElementSibling;
        while (prev && !prev.classList.contains('review-item')) prev = prev.previousElementSibling;
        item.parentNode.removeChild(item);
        var count = document.querySelector('.js-pending-count');
        if (count) count.textContent = String(Math.max(0, Number(count.textContent) - 1));
        var go = next || prev;
        if (go) { go.focus({ preventScroll: true }); go.scrollIntoView({ block: 'start' }); }
      })
      .catch(function () { form.submit(); });
  });
})();
