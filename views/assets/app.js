// Progressive enhancement only: every page works without this file.
document.documentElement.classList.add('js');

// Year selects submit themselves.
document.querySelectorAll('select.auto-submit').forEach((el) => {
  el.addEventListener('change', () => el.form && el.form.submit());
});

// Destructive buttons ask first.
document.querySelectorAll('.js-confirm').forEach((btn) => {
  btn.addEventListener('click', (ev) => {
    if (!window.confirm(btn.getAttribute('data-confirm') || 'Lanjutkan?')) ev.preventDefault();
  });
});

// Uploads show progress; on failure the page and what was typed stay as they are.
document.querySelectorAll('form.upload-form').forEach((form) => {
  form.addEventListener('submit', (ev) => {
    if (!window.XMLHttpRequest || !window.FormData) return;
    ev.preventDefault();
    const bar = form.querySelector('.upload-progress');
    const button = ev.submitter || form.querySelector('button[type="submit"]');
    const xhr = new XMLHttpRequest();
    xhr.open(form.method, form.action);
    xhr.upload.addEventListener('progress', (e) => {
      if (bar && e.lengthComputable) { bar.hidden = false; bar.value = Math.round((e.loaded / e.total) * 100); }
    });
    xhr.addEventListener('load', () => {
      // The server answers with a full page (a redirect target or the form with its errors).
      document.open();
      document.write(xhr.responseText);
      document.close();
      if (xhr.responseURL) history.replaceState(null, '', xhr.responseURL);
    });
    xhr.addEventListener('error', () => {
      if (button) button.disabled = false;
      window.alert('Koneksi terputus. Berkas belum terkirim; silakan coba lagi.');
    });
    const data = new FormData(form);
    // The button that was pressed (e.g. "save" or "submit") travels with the form.
    if (ev.submitter && ev.submitter.name) data.append(ev.submitter.name, ev.submitter.value);
    if (button) button.disabled = true;
    if (bar) { bar.hidden = false; bar.value = 0; }
    xhr.send(data);
  });
});

// A submit button marked js-once cannot be clicked twice (the server also posts once per form key).
document.querySelectorAll('form').forEach((form) => {
  form.addEventListener('submit', () => {
    form.querySelectorAll('button.js-once').forEach((b) => { setTimeout(() => { b.disabled = true; }, 0); });
  });
});
