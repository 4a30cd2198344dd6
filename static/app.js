// app.js: the little that pages do better with a script; every page works without it.
//
// An import's page shows a <progress data-poll="/imports/N/progress"> while its check or
// import runs: ask how far it is every second, move the bar, and reload the page once the
// job has finished, so that its results show.
(function () {
  'use strict';
  function poll(bar) {
    var text = document.getElementById(bar.id + '-text');
    var url = bar.getAttribute('data-poll');
    function tick() {
      fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (p) {
          if (!p) return;
          if (p.status !== 'checking' && p.status !== 'running') {
            window.location.reload();
            return;
          }
          if (p.total > 0) {
            bar.max = p.total;
            bar.value = p.done;
          }
          if (text) text.textContent = p.done + ' / ' + p.total;
          window.setTimeout(tick, 1000);
        })
        .catch(function () { window.setTimeout(tick, 3000); });
    }
    window.setTimeout(tick, 500);
  }
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('progress[data-poll]').forEach(poll);
  });
})();
