{|/*
 * The portal side of app frames: opens frames by submitting their hidden forms, answers BX24
 * messages from frames this page opened (matched by APP_SID and window), and runs the tab bar
 * and the user picker.
 */
(function () {
  'use strict';

  var appOrigin = document.body.getAttribute('data-app-origin');

  function frameFor(appSid, source) {
    var frames = document.querySelectorAll('iframe[data-app-sid]');
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].getAttribute('data-app-sid') === appSid && frames[i].contentWindow === source) {
        return frames[i];
      }
    }
    return null;
  }

  function reply(frame, message, result) {
    if (!message.callbackId) { return; }
    frame.contentWindow.postMessage({
      source: 'bx24-parent', appSid: message.appSid, callbackId: message.callbackId, result: result
    }, appOrigin);
  }

  function finishInstall(frame, message) {
    fetch('/simulator/api/install-finish', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'APP_SID=' + encodeURIComponent(message.appSid)
    }).then(function (response) {
      if (response.ok) {
        // Bitrix24 reloads the frame with the application URL once the app is installed.
        window.location.reload();
      } else {
        response.text().then(function (text) { frame.insertAdjacentText('beforebegin', 'installFinish failed: ' + text); });
      }
    });
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== appOrigin) { return; }
    var message = event.data;
    if (!message || message.source !== 'bx24-shim') { return; }
    var frame = frameFor(message.appSid, event.source);
    if (!frame) { return; }
    if (message.command === 'getInitData') {
      reply(frame, message, JSON.parse(frame.getAttribute('data-init')));
    } else if (message.command === 'resizeWindow') {
      var height = parseInt(message.params.height, 10);
      if (height > 0) { frame.style.height = Math.max(120, height) + 'px'; }
      reply(frame, message, {});
    } else if (message.command === 'installFinish') {
      finishInstall(frame, message);
    }
  });

  function openFrame(panel) {
    var form = panel.querySelector('form[data-frame-form]');
    if (form && !form.hasAttribute('data-opened')) {
      form.setAttribute('data-opened', '');
      form.submit();
    }
  }

  document.querySelectorAll('form[data-frame-form][data-autoload]').forEach(function (form) {
    form.setAttribute('data-opened', '');
    form.submit();
  });

  document.querySelectorAll('.tabs .tab').forEach(function (tab) {
    tab.addEventListener('click', function () {
      var name = tab.getAttribute('data-tab');
      document.querySelectorAll('.tabs .tab').forEach(function (t) { t.classList.toggle('active', t === tab); });
      document.querySelectorAll('.tab-panel').forEach(function (panel) {
        var shown = panel.getAttribute('data-panel') === name;
        panel.hidden = !shown;
        if (shown) { openFrame(panel); }
      });
    });
  });

  var picker = document.getElementById('user-picker');
  if (picker) {
    picker.addEventListener('change', function () { picker.form.submit(); });
  }
})();
|}
