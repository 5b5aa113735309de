// The complaint form inside a cached public page carries the page's time, not this visitor's.
// When the visitor starts typing, ask once for a fresh stamp, so the fill time counts from now
// and the form goes through without a confirmation step. Without this script the form still works
// (the server asks once for confirmation when the page is old).
(function () {
  var form = document.querySelector('form[action="/publik/aduan"]');
  if (!form || !window.fetch) return;
  var asked = false;
  form.addEventListener('focusin', function () {
    if (asked) return;
    asked = true;
    var kind = form.elements.targetKind && form.elements.targetKind.value;
    var id = form.elements.targetId && form.elements.targetId.value;
    if (!/^(rt|rw)$/.test(kind) || !/^\d{1,9}$/.test(id)) return;
    fetch('/publik/aduan/stempel?' + kind + '=' + id, { credentials: 'omit', cache: 'no-store' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (j) { if (j && typeof j.stamp === 'string' && form.elements.stamp) form.elements.stamp.value = j.stamp; })
      .catch(function () { /* no signal: the page's stamp stays, the server asks to confirm if it is old */ });
  });
})();
