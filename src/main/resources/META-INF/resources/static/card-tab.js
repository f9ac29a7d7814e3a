// The card tab: builds the page-API request of the chosen action, asks for confirmation in a
// dialog, sends it and reports the outcome. Every text comes from data attributes.
(function () {
  'use strict';
  var root = document.getElementById('card-tab');
  var dialog = document.getElementById('confirm');
  var result = document.getElementById('result');
  var pending = null;

  function invalid(message) {
    var error = new Error(message);
    error.invalidInput = true;
    return error;
  }

  function wholeNumber(value) {
    return /^\d+$/.test(value) ? Number(value) : null;
  }

  function target() {
    var body = { entityTypeId: Number(root.dataset.entityTypeId) };
    var lead = document.querySelector('input[name="leadCustomerType"]:checked');
    if (lead) {
      body.leadCustomerType = Number(lead.value);
    }
    var category = document.getElementById('category');
    if (category) {
      var value = category.value.trim();
      if (value !== '') {
        if (wholeNumber(value) === null) { throw invalid(root.dataset.msgCategoryMissing); }
        body.categoryId = wholeNumber(value);
      } else if (category.required) {
        throw invalid(root.dataset.msgCategoryMissing);
      }
    }
    return body;
  }

  function chosenUser() {
    var typed = document.getElementById('user-id').value.trim();
    var picked = document.getElementById('colleague').value;
    var id = wholeNumber(typed !== '' ? typed : picked);
    if (!id) { throw invalid(root.dataset.msgUserMissing); }
    return id;
  }

  function request(action) {
    var body = target();
    switch (action) {
      case 'reset-own': body.scope = 'P'; return { path: '/api/card-layouts/reset', body: body };
      case 'reset-user': body.scope = 'P'; body.userId = chosenUser(); return { path: '/api/card-layouts/reset', body: body };
      case 'reset-common': body.scope = 'C'; return { path: '/api/card-layouts/reset', body: body };
      default: return { path: '/api/card-layouts/force-common', body: body };
    }
  }

  function run(call) {
    PageApi.show(result, 'info', root.dataset.msgWorking);
    PageApi.send('POST', call.path, call.body).then(function (answer) {
      if (answer.ok) {
        PageApi.show(result, 'success', root.dataset.msgDone);
      } else {
        PageApi.show(result, 'error', answer.data && answer.data.message ? answer.data.message : root.dataset.msgNetwork);
      }
    }, function () {
      PageApi.show(result, 'error', root.dataset.msgNetwork);
    });
  }

  document.querySelectorAll('[data-action]').forEach(function (button) {
    button.addEventListener('click', function () {
      try {
        pending = request(button.dataset.action);
      } catch (error) {
        if (!error.invalidInput) { throw error; }
        PageApi.show(result, 'error', error.message);
        return;
      }
      document.getElementById('confirm-text').textContent = button.dataset.confirm;
      dialog.showModal();
    });
  });
  document.getElementById('confirm-cancel').addEventListener('click', function () {
    pending = null;
    dialog.close();
  });
  document.getElementById('confirm-yes').addEventListener('click', function () {
    var call = pending;
    pending = null;
    dialog.close();
    if (call) { run(call); }
  });
})();
