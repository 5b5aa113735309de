// Progressive enhancement only: every page works without this file.
(function () {
  document.documentElement.classList.add('js');

  function enhance(root) {
    // Year selects submit themselves.
    root.querySelectorAll('select.auto-submit').forEach(function (el) {
      el.addEventListener('change', function () { if (el.form) el.form.submit(); });
    });

    root.querySelectorAll('.js-print').forEach(function (b) { b.addEventListener('click', function () { window.print(); }); });

    // Destructive buttons ask first.
    root.querySelectorAll('.js-confirm').forEach(function (btn) {
      btn.addEventListener('click', function (ev) {
        if (!window.confirm(btn.getAttribute('data-confirm') || 'Lanjutkan?')) ev.preventDefault();
      });
    });

    // A submit button marked js-once cannot be clicked twice (the server also posts once per form key).
    root.querySelectorAll('form').forEach(function (form) {
      form.addEventListener('submit', function () {
        form.querySelectorAll('button.js-once').forEach(function (b) { setTimeout(function () { b.disabled = true; }, 0); });
      });
    });

    // Uploads show progress; on a lost connection the page and what was typed stay as they are.
    root.querySelectorAll('form.upload-form').forEach(function (form) {
      // A form with its own script (the receipt form: receipt-form.js) sends itself.
      if (form.hasAttribute('data-own-submit')) return;
      form.addEventListener('submit', function (ev) {
        if (!window.XMLHttpRequest || !window.FormData || !window.DOMParser) return;
        ev.preventDefault();
        var bar = form.querySelector('.upload-progress');
        var button = ev.submitter || form.querySelector('button[type="submit"]');
        var data = new FormData(form);
        // The button that was pressed (e.g. "save" or "submit") travels with the form.
        if (ev.submitter && ev.submitter.name) data.append(ev.submitter.name, ev.submitter.value);
        var xhr = new XMLHttpRequest();
        // getAttribute: a field named "action" would shadow form.action.
        xhr.open(form.getAttribute('method') || 'post', form.getAttribute('action') || location.href);
        var label = button ? button.textContent : '';
        xhr.upload.addEventListener('progress', function (e) {
          if (!e.lengthComputable) return;
          var pct = Math.round((e.loaded / e.total) * 100);
          if (bar) { bar.hidden = false; bar.value = pct; }
          if (button) button.textContent = pct < 100 ? 'Mengunggah… ' + pct + '%' : 'Memeriksa berkas…';
        });
        xhr.addEventListener('load', function () {
          // The server answers with a whole page (the redirect target, or the form with its errors): show it.
          var doc = new DOMParser().parseFromString(xhr.responseText, 'text/html');
          document.title = doc.title;
          document.body.innerHTML = doc.body.innerHTML;
          if (xhr.responseURL) history.replaceState(null, '', xhr.responseURL);
          window.scrollTo(0, 0);
          enhance(document.body);
        });
        xhr.addEventListener('error', function () {
          if (button) { button.disabled = false; button.textContent = label; }
          if (bar) bar.hidden = true;
          window.alert('Koneksi terputus. Berkas belum terkirim; isian Anda masih ada. Silakan coba lagi.');
        });
        if (button) { button.disabled = true; button.textContent = 'Mengunggah…'; }
        if (bar) { bar.hidden = false; bar.value = 0; }
        xhr.send(data);
      });
    });
  }

  // The review page: go through sixty RTs from the keyboard.
  document.addEventListener('keydown', function (ev) {
    var items = Array.prototype.slice.call(document.querySelectorAll('.review-item'));
    if (!items.length || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var tag = (ev.target && ev.target.tagName) || '';
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return;
    var current = items.indexOf(document.activeElement && document.activeElement.closest ? document.activeElement.closest('.review-item') : null);
    var focus = function (i) { var el = items[Math.max(0, Math.min(items.length - 1, i))]; el.focus(); el.scrollIntoView({ block: 'start' }); };
    var item = items[current];
    if (ev.key === 'j') { focus(current + 1); ev.preventDefault(); }
    else if (ev.key === 'k') { focus(current - 1); ev.preventDefault(); }
    else if (item && ev.key === 'v') { var b = item.querySelector('.js-verify'); if (b) { b.click(); ev.preventDefault(); } }
    else if (item && (ev.key === 'r' || ev.key === 'x')) {
      // Opens the return (or reject) form and puts the cursor in it; rejecting still needs its confirmation ticked.
      var s = item.querySelector(ev.key === 'r' ? '.js-return' : '.js-reject');
      var d = s && s.closest('details');
      if (d) { d.open = true; var first = d.querySelector(ev.key === 'r' ? 'input[type="checkbox"], input[name="note"]' : 'input[name="reason"]'); if (first) first.focus(); ev.preventDefault(); }
    }
    else if (item && ev.key === 'f') { var p = item.querySelector('.js-viewer'); if (p) { p.click(); ev.preventDefault(); } }
  });

  // For a page's own script that swaps the page in place (receipt-form.js).
  window.DanaRT = { enhance: enhance };
  enhance(document);

  // Back on the review page after a decision: the next item (the URL's anchor) has the keyboard.
  var target = location.hash && document.getElementById(location.hash.slice(1));
  if (target && target.classList.contains('review-item')) target.focus({ preventScroll: true });
})();
