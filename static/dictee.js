/* Dictation player in ES5: one sentence at a time, with a slow voice.
   Without it the page keeps one audio player per sentence. */
(function () {
  'use strict';

  function button(label, className) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'btn ' + className;
    b.textContent = label;
    return b;
  }

  /* Each li[data-sentence] contains the normal then the slow <audio>. */
  function setUp(box) {
    var items = box.querySelectorAll('li[data-sentence]');
    var list = box.querySelector('.dictation-tracks');
    var audio = document.createElement('audio');
    var current = 0;
    var player, status, previous, play, next, slowBox, slowLabel;

    if (!items.length || !list || box.hasAttribute('data-ready')) return;
    box.setAttribute('data-ready', '');

    player = document.createElement('div');
    player.className = 'dictation-player';
    status = document.createElement('p');
    status.className = 'dictation-status';
    status.setAttribute('aria-live', 'polite');
    previous = button('Phrase précédente', 'btn-secondary');
    play = button('Écouter la phrase', 'btn-primary');
    next = button('Phrase suivante', 'btn-secondary');
    slowLabel = document.createElement('label');
    slowLabel.className = 'dictation-slow';
    slowBox = document.createElement('input');
    slowBox.type = 'checkbox';
    slowLabel.appendChild(slowBox);
    slowLabel.appendChild(document.createTextNode(' Voix lente'));

    function show() {
      status.textContent = 'Phrase ' + (current + 1) + ' sur ' + items.length;
      previous.disabled = current === 0;
      next.disabled = current === items.length - 1;
    }

    function start() {
      var players = items[current].querySelectorAll('audio');
      var source = players[slowBox.checked && players.length > 1 ? 1 : 0];
      var playing;

      audio.pause();
      audio.src = source.currentSrc || source.getAttribute('src');
      /* Older browsers return nothing. A new sentence chosen before the
         last one loaded aborts it: that is no failure to report. */
      playing = audio.play();
      if (playing && playing.catch)
        playing.catch(function (err) {
          if (err && err.name === 'AbortError') return;
          status.textContent = 'La lecture n\'a pas pu démarrer. Réessaie.';
        });
    }

    previous.addEventListener('click', function () { current--; show(); start(); });
    next.addEventListener('click', function () { current++; show(); start(); });
    play.addEventListener('click', start);

    player.appendChild(status);
    player.appendChild(previous);
    player.appendChild(play);
    player.appendChild(next);
    player.appendChild(slowLabel);
    audio.className = 'dictation-audio';
    audio.setAttribute('aria-hidden', 'true');
    player.appendChild(audio);
    Array.prototype.forEach.call(items, function (item) { item.hidden = true; });
    list.parentNode.insertBefore(player, list.nextSibling);
    show();
  }

  Array.prototype.forEach.call(document.querySelectorAll('[data-dictation]'), setUp);
})();
