// The admin console: saves the settings through the page API and pages the audit journal.
(function () {
  'use strict';
  var root = document.getElementById('console');
  var form = document.getElementById('settings');
  var journal = document.getElementById('journal');
  var result = document.getElementById('result');
  // Journal failures get their own notice, so they never hide the answer to a settings save.
  var journalResult = document.getElementById('journal-result');

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var tabs = Array.prototype.map.call(form.querySelectorAll('input[name="tabs"]:checked'), function (box) { return box.value; });
    var body = {
      tabs: tabs,
      nonAdminsMayUse: form.elements.nonAdminsMayUse.checked,
      usersMayResetOwn: form.elements.usersMayResetOwn.checked
    };
    PageApi.show(result, 'info', root.dataset.msgWorking);
    PageApi.send('PUT', '/api/settings', body).then(function (answer) {
      if (answer.ok) {
        PageApi.show(result, 'success', root.dataset.msgSaved);
        loadJournal(1);
      } else {
        PageApi.show(result, 'error', answer.data && answer.data.message ? answer.data.message : root.dataset.msgNetwork);
      }
    }, function () {
      PageApi.show(result, 'error', root.dataset.msgNetwork);
    });
  });

  function loadJournal(page) {
    PageApi.send('GET', '/api/audit?page=' + encodeURIComponent(page), undefined, 'text/html').then(function (answer) {
      if (answer.ok) {
        // The fragment is the app's own server-rendered, escaped HTML.
        journal.innerHTML = answer.data;
        journalResult.hidden = true;
        PageApi.fit();
      } else {
        PageApi.show(journalResult, 'error', answer.data && answer.data.message ? answer.data.message : root.dataset.msgNetwork);
      }
    }, function () {
      PageApi.show(journalResult, 'error', root.dataset.msgNetwork);
    });
  }

  journal.addEventListener('click', function (event) {
    var button = event.target.closest('button[data-page]');
    if (button) { loadJournal(button.dataset.page); }
  });
})();
