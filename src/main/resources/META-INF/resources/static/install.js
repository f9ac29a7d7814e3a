// Tells Bitrix24 the installation is complete; Bitrix24 then delivers ONAPPINSTALL and opens the app.
(function () {
  var finished = false;
  function finish() {
    if (finished || typeof BX24 === 'undefined') { return; }
    finished = true;
    BX24.installFinish();
  }
  document.getElementById('install-finish').addEventListener('click', finish);
  if (typeof BX24 !== 'undefined') { BX24.init(finish); }
})();
