// Receipts captured without signal wait on the phone (IndexedDB, with their shrunk photos) and are
// sent when the signal returns, each once: every queued form keeps its one-time key (requestKey),
// and the server answers a second post of the same key with the receipt the first one made.
// Loaded on every page, so "menunggu sinyal (N kuitansi)" shows wherever the chair is.
// Progressive enhancement only: without it (or without IndexedDB) nothing is queued.
(function () {
  var DB = 'dana-rt';
  var STORE = 'outbox';
  var idb = window.indexedDB;

  if ('serviceWorker' in navigator && location.protocol !== 'file:') {
    navigator.serviceWorker.register('/sw.js').catch(function () { /* no worker: the app works as before */ });
  }

  function open() {
    return new Promise(function (resolve, reject) {
      var r = idb.open(DB, 1);
      r.onupgradeneeded = function () { r.result.createObjectStore(STORE, { keyPath: 'requestKey' }); };
      r.onsuccess = function () { resolve(r.result); };
      r.onerror = function () { reject(r.error); };
    });
  }

  function run(mode, fn) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var t = db.transaction(STORE, mode);
        var result = fn(t.objectStore(STORE));
        t.oncomplete = function () { db.close(); resolve(result && 'result' in result ? result.result : undefined); };
        t.onerror = function () { db.close(); reject(t.error); };
      });
    });
  }

  var all = function () { return run('readonly', function (s) { return s.getAll(); }); };
  var put = function (item) { return run('readwrite', function (s) { s.put(item); }); };
  var remove = function (key) { return run('readwrite', function (s) { s.delete(key); }); };

  function banner() {
    var el = document.getElementById('outbox-banner');
    if (!el) {
      el = document.createElement('div');
      el.id = 'outbox-banner';
      el.className = 'outbox-banner';
      el.setAttribute('role', 'status');
      var main = document.querySelector('main') || document.body;
      main.insertBefore(el, main.firstChild);
    }
    return el;
  }

  function show() {
    if (!idb) return Promise.resolve();
    return all().then(function (items) {
      var waiting = items.filter(function (i) { return !i.refused; });
      var refused = items.filter(function (i) { return i.refused; });
      if (!items.length) { var old = document.getElementById('outbox-banner'); if (old) old.remove(); return; }
      var el = banner();
      el.textContent = '';
      if (waiting.length) {
        var p = document.createElement('p');
        p.className = 'outbox-waiting';
        p.textContent = 'Menunggu sinyal (' + waiting.length + ' kuitansi): tersimpan di ponsel ini dan dikirim otomatis saat sinyal kembali.';
        el.appendChild(p);
      }
      refused.forEach(function (i) {
        var p = document.createElement('p');
        p.className = 'outbox-refused';
        p.textContent = 'Kuitansi tertunda "' + i.label + '" ditolak server: ' + i.refused + ' ';
        var b = document.createElement('button');
        b.type = 'button';
        b.className = 'btn btn-small btn-ghost';
        b.textContent = 'Hapus dari ponsel';
        b.addEventListener('click', function () { remove(i.requestKey).then(show); });
        p.appendChild(b);
        el.appendChild(p);
      });
    });
  }

  function formOf(item) {
    var data = new FormData();
    // The session's current token: the one captured with the form may be older.
    var live = document.querySelector('input[name="_csrf"]');
    item.fields.forEach(function (f) { data.append(f[0], f[0] === '_csrf' && live ? live.value : f[1]); });
    item.files.forEach(function (f) { data.append(f.field, f.blob, f.name); });
    return data;
  }

  function messageOf(html) {
    var doc = new DOMParser().parseFromString(html, 'text/html');
    var alert = doc.querySelector('.alert-error, .error-message, main p');
    return alert ? alert.textContent.trim().replace(/\s+/g, ' ').slice(0, 300) : 'ditolak.';
  }

  /** Sends one queued receipt: true when the server has it (now or from an earlier try). */
  function send(item) {
    return fetch(item.url, { method: 'POST', body: formOf(item), credentials: 'same-origin', headers: { Accept: 'text/html' } }).then(function (res) {
      // The session ended: the post was sent to sign in again; the receipt waits for the next sign-in.
      if (res.url && new URL(res.url, location.href).pathname === '/login') throw new Error('signed-out');
      if (res.ok) return remove(item.requestKey).then(function () { return true; });
      if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
        return res.text().then(function (html) { item.refused = messageOf(html); return put(item); }).then(function () { return false; });
      }
      throw new Error('http ' + res.status);
    });
  }

  var delay = 2000;
  var timer = null;
  var busy = false;

  function flushNow() {
    if (busy || !idb) return Promise.resolve();
    busy = true;
    var work = function () {
      return all().then(function (items) {
        var queue = items.filter(function (i) { return !i.refused; });
        return queue.reduce(function (p, item) { return p.then(function () { return send(item); }); }, Promise.resolve());
      });
    };
    // One tab sends at a time (the key makes a second send harmless, the lock makes it rare).
    var locked = navigator.locks ? navigator.locks.request('dana-rt-outbox', work) : work();
    return locked
      .then(function () { delay = 2000; })
      .catch(function (e) {
        if (window.console) console.info('dana-rt outbox: not sent yet (' + (e && e.message) + ')');
        // No signal yet (or signed out): try again later, waiting longer each time, up to a minute.
        clearTimeout(timer);
        timer = setTimeout(flush, delay);
        delay = Math.min(delay * 2, 60000);
      })
      .then(function () { busy = false; return show(); });
  }

  function flush() {
    if (navigator.onLine === false) return Promise.resolve();
    return flushNow();
  }

  window.DanaOutbox = {
    supported: !!idb,
    /** Keeps a receipt form on the phone: { url, requestKey, label, fields: [[name, value]], files: [{ field, name, blob }] }. */
    add: function (item) { item.queuedAt = new Date().toISOString(); return put(item).then(show); },
    count: function () { return idb ? all().then(function (i) { return i.length; }) : Promise.resolve(0); },
    flush: flush,
    show: show,
  };

  window.addEventListener('online', function () { delay = 2000; flush(); });
  if (idb) show().then(flush).catch(function () { /* private mode without IndexedDB */ });
})();
