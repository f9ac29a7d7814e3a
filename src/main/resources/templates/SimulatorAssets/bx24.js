{|/*
 * BX24 for the Bitrix24 simulator: the subset of Bitrix24's frame library the app's pages use.
 * Like the real one it reads DOMAIN, PROTOCOL, LANG and APP_SID from the frame's URL and talks to
 * the portal page (the parent window) with postMessage, accepting answers only from the portal origin.
 */
(function () {
  'use strict';

  var query = new URLSearchParams(window.location.search);
  var appSid = query.get('APP_SID') || '';
  var lang = query.get('LANG') || 'en';
  var domain = query.get('DOMAIN');
  var portalOrigin = domain ? (query.get('PROTOCOL') === '1' ? 'https://' : 'http://') + domain : null;
  var framed = window.parent !== window && portalOrigin !== null;
  var callbacks = {};
  var nextCallbackId = 1;
  var initData = null;
  var initWaiters = [];
  var initRequested = false;

  function send(command, params, callback) {
    if (!framed) {
      if (callback) { callback({}); }
      return;
    }
    var callbackId = null;
    if (callback) {
      callbackId = 'cb' + (nextCallbackId++);
      callbacks[callbackId] = callback;
    }
    window.parent.postMessage({
      source: 'bx24-shim', appSid: appSid, command: command, params: params || {}, callbackId: callbackId
    }, portalOrigin);
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== portalOrigin || event.source !== window.parent) { return; }
    var message = event.data;
    if (!message || message.source !== 'bx24-parent' || message.appSid !== appSid) { return; }
    var callback = callbacks[message.callbackId];
    if (callback) {
      delete callbacks[message.callbackId];
      callback(message.result);
    }
  });

  function whenInitialized(callback) {
    if (initData) { callback(); return; }
    initWaiters.push(callback);
    if (initRequested) { return; }
    initRequested = true;
    send('getInitData', {}, function (data) {
      initData = data || {};
      var waiters = initWaiters;
      initWaiters = [];
      waiters.forEach(function (waiter) { waiter(); });
    });
  }

  function contentHeight() {
    return Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0);
  }

  window.BX24 = {
    /** Calls back once the portal has handed over the frame's data. */
    init: function (callback) { whenInitialized(function () { if (callback) { callback(); } }); },
    /** Ends the installation: the portal marks the app installed, sends ONAPPINSTALL and reloads the frame. */
    installFinish: function () { send('installFinish', {}); },
    fitWindow: function (callback) { send('resizeWindow', { width: '100%', height: contentHeight() }, callback); },
    resizeWindow: function (width, height, callback) { send('resizeWindow', { width: width, height: height }, callback); },
    getLang: function () { return initData && initData.LANG ? initData.LANG : lang; },
    getDomain: function () { return domain; },
    isAdmin: function () { return !!(initData && initData.IS_ADMIN); },
    getAuth: function () {
      if (!initData || !initData.AUTH_ID) { return false; }
      return {
        access_token: initData.AUTH_ID, refresh_token: initData.REFRESH_ID,
        expires_in: initData.AUTH_EXPIRES, domain: domain, member_id: initData.MEMBER_ID
      };
    },
    placement: {
      info: function () {
        return { placement: initData ? initData.PLACEMENT : null, options: initData ? initData.PLACEMENT_OPTIONS : {} };
      }
    }
  };
})();
|}
