// Shared by the app's pages: calls the page API with the page's app-session and keeps the
// Bitrix24 iframe as tall as its content.
(function () {
  'use strict';
  var meta = document.querySelector('meta[name="app-session"]');
  var session = meta ? meta.getAttribute('content') : '';

  function fit() {
    if (typeof BX24 !== 'undefined' && BX24.fitWindow) {
      BX24.fitWindow();
    }
  }

  // accept: what the caller can read on success, e.g. 'text/html' for the journal's fragment;
  // errors always come as JSON, so it is accepted too.
  function send(method, path, body, accept) {
    var headers = { 'Authorization': 'Bearer ' + session, 'Accept': accept ? accept + ', application/json' : 'application/json' };
    var options = { method: method, headers: headers };
    if (body !== undefined) {
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    return fetch(path, options).then(function (response) {
      var type = response.headers.get('Content-Type') || '';
      var read = type.indexOf('application/json') === 0 ? response.json() : response.text();
      return read.then(function (data) { return { ok: response.ok, status: response.status, data: data }; });
    });
  }

  function show(element, kind, text) {
    element.className = 'notice notice--' + kind;
    element.textContent = text;
    element.hidden = false;
    fit();
  }

  window.PageApi = { send: send, show: show, fit: fit };
  if (typeof BX24 !== 'undefined' && BX24.init) {
    BX24.init(fit);
  }
  window.addEventListener('load', fit);
})();
