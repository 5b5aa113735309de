// The receipt form on a phone with a weak signal (issue 19). Progressive enhancement only: without
// this script the form posts as it always did.
// - The evidence the chosen category needs is listed as the category is chosen.
// - A quick check (no file) runs every rule that needs no file before any byte of a photo is
//   sent: the server's own rules, with the message and the fields the full post would give.
// - Photos are shrunk on the phone (longest side 1600 px, JPEG quality 0,8, orientation kept);
//   the original goes when the browser cannot, or when the shrunk file is not smaller.
// - Without signal, the form (with its shrunk photos) is kept on the phone (outbox.js) and sent
//   when the signal returns, once: the form's one-time key travels with it.
(function () {
  var MAX_SIDE = 1600;
  var QUALITY = 0.8;
  var USED_KEYS = 'dana-rt-used-keys';

  function newKey() {
    var b = new Uint8Array(18);
    crypto.getRandomValues(b);
    return btoa(String.fromCharCode.apply(null, b)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function usedKeys() {
    try { return JSON.parse(localStorage.getItem(USED_KEYS) || '[]'); } catch (e) { return []; }
  }
  function markUsed(key) {
    try { localStorage.setItem(USED_KEYS, JSON.stringify(usedKeys().concat([key]).slice(-50))); } catch (e) { /* private mode */ }
  }

  /** A photo made small for a weak signal, or the file as chosen when that is not possible or not smaller. */
  function shrink(file) {
    var canvasOk = typeof HTMLCanvasElement !== 'undefined' && HTMLCanvasElement.prototype.toBlob;
    if (!/^image\/(jpeg|png|webp)$/.test(file.type) || !window.createImageBitmap || !canvasOk) return Promise.resolve(file);
    return createImageBitmap(file, { imageOrientation: 'from-image' })
      .then(function (bmp) {
        var scale = Math.min(1, MAX_SIDE / Math.max(bmp.width, bmp.height));
        var canvas = document.createElement('canvas');
        canvas.width = Math.max(1, Math.round(bmp.width * scale));
        canvas.height = Math.max(1, Math.round(bmp.height * scale));
        var g = canvas.getContext('2d');
        if (!g) return file;
        g.imageSmoothingQuality = 'high';
        g.drawImage(bmp, 0, 0, canvas.width, canvas.height);
        if (bmp.close) bmp.close();
        return new Promise(function (resolve) {
          canvas.toBlob(function (blob) {
            if (!blob || blob.size >= file.size) return resolve(file);
            var name = file.name.replace(/\.[^.]*$/, '') + '.jpg';
            resolve(new File([blob], name, { type: 'image/jpeg', lastModified: file.lastModified }));
          }, 'image/jpeg', QUALITY);
        });
      })
      .catch(function () { return file; });
  }

  function init(form) {
    if (!form || form.dataset.ready) return;
    form.dataset.ready = '1';
    var keyInput = form.querySelector('input[name="requestKey"]');
    // A copy of the page opened without signal carries a key already used by a queued receipt.
    if (keyInput && usedKeys().indexOf(keyInput.value) !== -1) keyInput.value = newKey();
    var category = form.querySelector('#category');
    var needed = form.querySelector('#evidence-needed');
    var box = form.querySelector('.quick-check');
    var status = form.querySelector('.upload-status');
    var bar = form.querySelector('.upload-progress');
    var button = form.querySelector('button[type="submit"]:not(.js-draft)');
    var buttonLabel = button ? button.textContent : '';
    var fileInputs = Array.prototype.slice.call(form.querySelectorAll('input[type="file"][data-kind]'));

    function chosenKinds() {
      return fileInputs.filter(function (i) { return i.files && i.files.length; }).map(function (i) { return i.getAttribute('data-kind'); });
    }

    function showEvidence() {
      var opt = category && category.selectedOptions[0];
      var kinds = opt && opt.value ? (opt.getAttribute('data-evidence') || '').split(' ').filter(Boolean) : [];
      var have = chosenKinds();
      fileInputs.forEach(function (input) {
        var label = form.querySelector('label[for="' + input.id + '"]');
        var required = kinds.indexOf(input.getAttribute('data-kind')) !== -1;
        if (label) label.classList.toggle('evidence-required', required);
        if (required) { var d = input.closest('details'); if (d) d.open = true; }
      });
      if (!needed) return;
      needed.textContent = '';
      if (!kinds.length) { needed.textContent = 'Pilih kategori: bukti yang wajib dilampirkan muncul di sini.'; return; }
      var head = document.createElement('strong');
      head.textContent = 'Bukti wajib untuk ' + opt.textContent.replace(/^\S+ · /, '') + ':';
      needed.appendChild(head);
      var ul = document.createElement('ul');
      ul.className = 'plain evidence-list';
      kinds.forEach(function (k) {
        var input = fileInputs.filter(function (i) { return i.getAttribute('data-kind') === k; })[0];
        var label = input && form.querySelector('label[for="' + input.id + '"]');
        var li = document.createElement('li');
        var ok = have.indexOf(k) !== -1;
        li.className = ok ? 'ok' : 'missing';
        li.setAttribute('data-kind', k);
        li.textContent = (ok ? '✔ ' : '○ ') + (label ? label.textContent : k) + (ok ? ' (dipilih)' : ' (belum dipilih)');
        ul.appendChild(li);
      });
      needed.appendChild(ul);
    }

    function clearErrors() {
      form.querySelectorAll('.js-field-error').forEach(function (e) { e.remove(); });
      form.querySelectorAll('[aria-invalid="true"]').forEach(function (e) { e.removeAttribute('aria-invalid'); });
      if (box) { box.hidden = true; box.textContent = ''; }
    }

    /** The refusal the full post would show: the message on top, each field marked. */
    function showRefusal(message, errors) {
      if (box) {
        box.className = 'quick-check alert alert-error';
        box.textContent = message + ' Belum ada foto yang dikirim; berkas yang dipilih tetap terpilih.';
        box.hidden = false;
      }
      Object.keys(errors || {}).forEach(function (field) {
        var input = field.indexOf('file_') === 0
          ? fileInputs.filter(function (i) { return i.getAttribute('data-kind') === field.slice(5); })[0]
          : field === 'items' ? form.querySelector('[name="itemName"]') : form.querySelector('[name="' + field + '"]');
        if (!input) return;
        input.setAttribute('aria-invalid', 'true');
        var d = input.closest('details'); if (d) d.open = true;
        var p = document.createElement('p');
        p.className = 'field-error js-field-error';
        p.id = (input.id || field) + '-error';
        p.textContent = errors[field];
        input.insertAdjacentElement('afterend', p);
      });
      (box || form).scrollIntoView({ block: 'start' });
    }

    function say(text) { if (status) { status.hidden = !text; status.textContent = text; } }
    function busy(on, text) {
      if (button) { button.disabled = on; button.textContent = on ? text : buttonLabel; }
      if (!on) { say(''); if (bar) bar.hidden = true; }
    }

    /** The form's fields without its files, as [name, value] pairs. */
    function textFields() {
      var out = [];
      new FormData(form).forEach(function (v, k) { if (typeof v === 'string') out.push([k, v]); });
      return out;
    }

    function quickCheck(kinds) {
      var body = new URLSearchParams();
      textFields().forEach(function (f) { body.append(f[0], f[1]); });
      kinds.forEach(function (k) { body.append('evidenceKind', k); });
      return fetch(form.getAttribute('action') + '/periksa', {
        method: 'POST',
        body: body,
        credentials: 'same-origin',
        headers: { Accept: 'application/json' },
      }).then(function (res) {
        var type = res.headers.get('content-type') || '';
        if (type.indexOf('json') === -1) return { ok: false, message: 'Sesi berakhir atau halaman kedaluwarsa. Muat ulang halaman lalu coba lagi.', errors: {} };
        return res.json().then(function (j) { return j.ok ? j : { ok: false, message: j.message, errors: j.errors || {} }; });
      });
    }

    function shrunkFiles() {
      var jobs = [];
      fileInputs.forEach(function (input) {
        Array.prototype.forEach.call(input.files || [], function (file) {
          jobs.push(shrink(file).then(function (f) { return { field: input.name, name: f.name, blob: f, before: file.size }; }));
        });
      });
      return Promise.all(jobs);
    }

    function label() {
      var d = form.querySelector('#description');
      var a = form.querySelector('#amount');
      return (d ? d.value : '') + (a && a.value ? ' (Rp' + a.value + ')' : '');
    }

    function queue(files) {
      if (!window.DanaOutbox || !window.DanaOutbox.supported) {
        window.alert('Tidak ada sinyal. Isian Anda masih ada; kirim lagi saat sinyal kembali.');
        return Promise.resolve();
      }
      var key = keyInput ? keyInput.value : newKey();
      var what = label();
      return window.DanaOutbox.add({ url: form.getAttribute('action'), requestKey: key, label: what, fields: textFields(), files: files }).then(function () {
        markUsed(key);
        if (keyInput) keyInput.value = newKey();
        form.reset();
        showEvidence();
        say('Tidak ada sinyal: kuitansi "' + what + '" disimpan di ponsel dan dikirim otomatis saat sinyal kembali.');
        if (box) {
          box.className = 'quick-check alert alert-info';
          box.textContent = 'Tidak ada sinyal: kuitansi disimpan di ponsel ini dan akan dikirim otomatis saat sinyal kembali. Anda dapat mencatat kuitansi berikutnya.';
          box.hidden = false;
        }
      });
    }

    function swapPage(xhr) {
      // The server answers with a whole page (the redirect target, or the form with its errors).
      var doc = new DOMParser().parseFromString(xhr.responseText, 'text/html');
      document.title = doc.title;
      document.body.innerHTML = doc.body.innerHTML;
      if (xhr.responseURL) history.replaceState(null, '', xhr.responseURL);
      window.scrollTo(0, 0);
      if (window.DanaRT) window.DanaRT.enhance(document.body);
      init(document.querySelector('form[data-own-submit]'));
      if (window.DanaOutbox) window.DanaOutbox.show();
    }

    function upload(files) {
      var data = new FormData();
      textFields().forEach(function (f) { data.append(f[0], f[1]); });
      files.forEach(function (f) { data.append(f.field, f.blob, f.name); });
      var xhr = new XMLHttpRequest();
      xhr.open('post', form.getAttribute('action'));
      xhr.upload.addEventListener('progress', function (e) {
        if (!e.lengthComputable) return;
        var pct = Math.round((e.loaded / e.total) * 100);
        if (bar) { bar.hidden = false; bar.value = pct; }
        if (button) button.textContent = pct < 100 ? 'Mengunggah… ' + pct + '%' : 'Memeriksa berkas…';
      });
      xhr.addEventListener('load', function () { swapPage(xhr); });
      xhr.addEventListener('error', function () {
        // The connection dropped during the upload: keep the receipt on the phone; the same key
        // makes the later send harmless if the server did get this one.
        busy(false);
        queue(files);
      });
      busy(true, 'Mengunggah…');
      if (bar) { bar.hidden = false; bar.value = 0; }
      xhr.send(data);
    }

    if (category) category.addEventListener('change', showEvidence);
    fileInputs.forEach(function (i) { i.addEventListener('change', showEvidence); });
    showEvidence();

    // A saved draft opened again: its photos go back into the file fields.
    var draftFiles = Array.prototype.slice.call(form.querySelectorAll('.draft-files li'));
    if (draftFiles.length && window.DataTransfer && window.fetch) {
      Promise.all(draftFiles.map(function (li) {
        return fetch(li.getAttribute('data-href'), { credentials: 'same-origin' }).then(function (r) { return r.ok ? r.blob() : null; }).then(function (b) {
          return b ? { field: li.getAttribute('data-field'), file: new File([b], li.getAttribute('data-name'), { type: li.getAttribute('data-mime') }) } : null;
        });
      })).then(function (got) {
        fileInputs.forEach(function (input) {
          var mine = got.filter(function (g) { return g && g.field === input.name; });
          if (!mine.length) return;
          var dt = new DataTransfer();
          mine.forEach(function (g) { dt.items.add(g.file); });
          input.files = dt.files;
        });
        showEvidence();
      }).catch(function () { say('Foto draf tidak dapat dimuat; pilih ulang fotonya.'); });
    }

    /** "Simpan draf": no rule is checked (a draft may be incomplete); the shrunk photos are kept with it. */
    function saveDraft(url) {
      if (navigator.onLine === false) { window.alert('Tidak ada sinyal: draf belum dapat disimpan ke server. Gunakan "Simpan dan kirim": kuitansi disimpan di ponsel dan dikirim saat sinyal kembali.'); return; }
      busy(true, 'Menyimpan draf…');
      shrunkFiles().then(function (files) {
        var data = new FormData();
        textFields().forEach(function (f) { data.append(f[0], f[1]); });
        files.forEach(function (f) { data.append(f.field, f.blob, f.name); });
        var xhr = new XMLHttpRequest();
        xhr.open('post', url);
        xhr.addEventListener('load', function () { swapPage(xhr); });
        xhr.addEventListener('error', function () { busy(false); window.alert('Koneksi terputus. Draf belum tersimpan; isian Anda masih ada.'); });
        xhr.send(data);
      });
    }

    form.addEventListener('submit', function (ev) {
      if (!window.FormData || !window.fetch || !window.XMLHttpRequest || !window.DOMParser) return;
      ev.preventDefault();
      if (button && button.disabled) return;
      clearErrors();
      if (ev.submitter && ev.submitter.classList.contains('js-draft')) return saveDraft(ev.submitter.getAttribute('formaction'));
      var kinds = chosenKinds();
      var photos = fileInputs.some(function (i) { return i.files && i.files.length; });
      busy(true, 'Memeriksa isian…');
      if (photos) say('Memperkecil foto…');
      var shrinking = shrunkFiles();
      var offline = navigator.onLine === false;
      var check = offline ? Promise.resolve({ offline: true }) : quickCheck(kinds).catch(function () { return { offline: true }; });
      Promise.all([check, shrinking])
        .then(function (r) {
          var verdict = r[0];
          var files = r[1];
          if (verdict.offline) { busy(false); return queue(files); }
          if (!verdict.ok) { busy(false); showRefusal(verdict.message, verdict.errors); return; }
          var before = files.reduce(function (a, f) { return a + f.before; }, 0);
          var after = files.reduce(function (a, f) { return a + f.blob.size; }, 0);
          if (files.length) say('Foto diperkecil: ' + Math.round(before / 1024) + ' KB menjadi ' + Math.round(after / 1024) + ' KB.');
          upload(files);
        })
        .catch(function () { busy(false); window.alert('Kuitansi belum terkirim; isian Anda masih ada. Silakan coba lagi.'); });
    });
  }

  init(document.querySelector('form[data-own-submit]'));
})();
