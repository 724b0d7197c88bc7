/* Tutoring pages, live. Without it the pages work by reloading. */
(function () {
  'use strict';

  /* A conversation: messages and the state arrive on the event stream. */
  var end = document.getElementById('bas');
  var list = document.getElementById('messages');
  var state = document.getElementById('etat');

  if (end && list && window.EventSource) {
    var source = new EventSource(end.getAttribute('data-stream'));

    source.addEventListener('message', function (event) {
      var id = 'm' + event.lastEventId;
      if (document.getElementById(id)) return;
      list.insertAdjacentHTML('beforeend', event.data);
    });
    source.addEventListener('etat', function (event) {
      var wait = document.getElementById('attente');
      if (state) state.innerHTML = event.data;
      /* The wait and the hours were about finding a tuteur. */
      if (wait) wait.parentNode.removeChild(wait);
    });
  }

  /* Sending a message stays on the page; the stream brings it back. */
  var form = document.querySelector('form[data-live-form]');
  if (form && window.fetch && window.FormData && list) {
    form.addEventListener('submit', function (event) {
      var text = form.querySelector('textarea[name=texte]');
      var snippet = form.querySelector('select[name=modele]');
      if (!text.value.trim() && !(snippet && snippet.value)) return;
      event.preventDefault();
      fetch(form.action, {
        method: 'POST',
        body: new URLSearchParams(new FormData(form)),
        credentials: 'same-origin',
        redirect: 'manual'
      }).then(function (response) {
        if (response.type === 'opaqueredirect' || response.ok) {
          text.value = '';
          if (snippet) snippet.value = '';
        } else {
          form.submit();
        }
      }, function () { form.submit(); });
    });
  }

  /* A ready-made answer fills the text, which the tuteur may edit. */
  var snippets = document.querySelector('select[data-snippets]');
  if (snippets) {
    snippets.addEventListener('change', function () {
      var option = snippets.options[snippets.selectedIndex];
      var text = document.getElementById('texte');
      if (option && option.getAttribute('data-body') && text) {
        text.value = option.getAttribute('data-body');
        snippets.value = '';
      }
    });
  }

  /* The console: the queue reloads when it changes, and a heartbeat
     tells the server the tuteur is on line while the page is open. */
  var queue = document.getElementById('file-attente');
  if (queue && window.EventSource && window.fetch) {
    var queueSource = new EventSource(queue.getAttribute('data-queue-stream'));

    var refreshPending = false;

    /* One reload at most every 3 s, however many questions arrive. */
    queueSource.addEventListener('file', function () {
      if (refreshPending) return;
      refreshPending = true;
      setTimeout(function () {
        fetch(location.pathname, { credentials: 'same-origin' }).then(function (r) {
          return r.text();
        }).then(function (html) {
          var next = new DOMParser().parseFromString(html, 'text/html').getElementById('file-attente');
          if (next) queue.innerHTML = next.innerHTML;
        }).finally(function () { refreshPending = false; });
      }, 3000);
    });
    setInterval(function () {
      var body = new URLSearchParams();
      body.set('csrf', queue.getAttribute('data-csrf'));
      fetch(queue.getAttribute('data-presence'), { method: 'POST', body: body, credentials: 'same-origin' });
    }, 30000);
  }
})();
