/* Ardoise progressive enhancement in ES5. Pages work without it. */
(function () {
  'use strict';

  function each(list, fn) {
    Array.prototype.forEach.call(list, fn);
  }

  function lockSubmits(form, on) {
    each(form.elements, function (b) { if (b.type === 'submit') b.disabled = on; });
  }

  /* (a) form[data-once] is sent once. Buttons lock on the next tick, as
     a disabled submitter drops its name=value. A text-only submitter
     reads "Envoi…", except in browsers without event.submitter. */
  document.addEventListener('submit', function (event) {
    var form = event.target;
    var button = event.submitter;

    if (!form.hasAttribute('data-once')) return;
    if (form.hasAttribute('data-sent')) return event.preventDefault();
    setTimeout(function () {
      if (event.defaultPrevented) return;
      form.setAttribute('data-sent', '');
      lockSubmits(form, true);
      if (button && button.tagName === 'BUTTON' && !button.children.length) {
        button.setAttribute('data-label', button.textContent);
        button.textContent = 'Envoi…';
      }
    }, 0);
  });

  /* Pages back from the back/forward cache get their buttons back. */
  window.addEventListener('pageshow', function (event) {
    if (!event.persisted) return;
    each(document.querySelectorAll('form[data-sent]'), function (form) {
      form.removeAttribute('data-sent');
      lockSubmits(form, false);
    });
    each(document.querySelectorAll('[data-label]'), function (b) {
      b.textContent = b.getAttribute('data-label');
    });
  });

  /* A progress dot: filled or not, with the text screen readers hear. */
  function markDot(dot, filled) {
    var label = dot.querySelector('.sr-only');

    dot.classList.toggle('filled', filled);
    if (label) label.textContent = filled ? 'choisie' : '\u00e0 choisir';
  }

  /* (b) Picture password. Without JS each picture submits name=pick.
     Here picks collect in input[name=pictures], each fills a dot, and
     the form is sent at the last dot, or at 3 picks without dots. */
  document.addEventListener('click', function (event) {
    var button = event.target.closest('button.picture, button.picture-clear');
    var form = button && button.form;
    var field = form && form.querySelector('input[name=pictures]');
    var dots, chosen, needed, status;

    if (!field || !form.classList.contains('picture-form')) return;
    event.preventDefault();
    dots = form.querySelectorAll('.picture-progress li.dot');
    status = form.querySelector('.picture-status');

    if (button.classList.contains('picture-clear')) {
      field.value = '';
      each(dots, function (d) { markDot(d, false); });
      if (status) status.textContent = 'Aucune image choisie.';
      return;
    }

    chosen = field.value ? field.value.split(' ') : [];
    needed = dots.length || 3;
    if (chosen.length >= needed) return;
    chosen.push(button.value);
    field.value = chosen.join(' ');
    if (dots[chosen.length - 1]) markDot(dots[chosen.length - 1], true);
    if (status) status.textContent = chosen.length + ' image' + (chosen.length > 1 ? 's' : '') + ' sur ' + needed + '.';
    if (chosen.length < needed) return;
    (form.requestSubmit || form.submit).call(form);
  });

  /* (c) input.blank grows with the answer, like CSS field-sizing. */
  document.addEventListener('input', function (event) {
    var input = event.target;

    if (input.tagName === 'INPUT' && input.classList.contains('blank'))
      input.style.width = Math.max(8, input.value.length + 2) + 'ch';
  });
})();

/* Reading help in ES5: "Écouter" played in the page and "Syllabes en
   couleur" on short texts. Pages work without it. */
(function () {
  'use strict';

  /* Texts longer than this get no syllable button. */
  var SYLLABLE_MAX_CHARS = 300;
  var VOWELS = 'aeiouyàâäéèêëîïôöùûüÿœæ';
  /* Consonant pairs that start a syllable together: "ta-ble", "ma-chine". */
  var ONSETS = ['bl', 'cl', 'fl', 'gl', 'pl', 'br', 'cr', 'dr', 'fr', 'gr', 'pr', 'tr', 'vr', 'ch', 'ph', 'th', 'gn'];
  var WORD = /([A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u00FF\u0152\u0153]+)/;
  var player = null;
  var playing = null;

  function each(list, fn) {
    Array.prototype.forEach.call(list, fn);
  }

  function stopPlaying() {
    if (playing) playing.classList.remove('playing');
    playing = null;
  }

  /* (d) a[data-listen] opens the audio file without JS. Here one <audio>
     element, made on the first click, plays it in the page; a second
     click on the playing link stops it. */
  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a[data-listen]');
    var started;

    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    if (!player) {
      player = document.createElement('audio');
      player.className = 'listen-player';
      player.addEventListener('ended', stopPlaying);
      player.addEventListener('error', stopPlaying);
      document.body.appendChild(player);
    }
    if (playing === link && !player.paused) {
      player.pause();
      stopPlaying();
      return;
    }
    stopPlaying();
    playing = link;
    link.classList.add('playing');
    player.src = link.href;
    started = player.play();
    if (started && started.catch) started.catch(stopPlaying);
  });

  /* A letter that sounds as a vowel. The u of "qu", and of "gu" before
     e, i or y, belongs to the consonant. */
  function isVowel(word, i) {
    var c = word.charAt(i).toLowerCase();
    var before = i > 0 ? word.charAt(i - 1).toLowerCase() : '';
    var after = word.charAt(i + 1).toLowerCase();

    if (VOWELS.indexOf(c) < 0) return false;
    if (c === 'u' && before === 'q') return false;
    if (c === 'u' && before === 'g' && after && 'eiyéèê'.indexOf(after) >= 0) return false;
    return true;
  }

  /* Written syllables of a French word: a cut before a single consonant
     between vowels, before a pair of ONSETS, otherwise before the last
     consonant of a group ("pom-me", "ar-bre", "en-fant"). Known limits:
     a vowel pair is always one sound ("poé-sie" for "po-é-sie"), y and x
     count as letters like the others ("crayon" stays whole), and a final
     mute e makes its own syllable ("ta-ble"), as in written syllables. */
  function syllables(word) {
    var parts = [];
    var start = 0;
    var i = 0;
    var n = word.length;
    var consonants, run, cut;

    while (i < n && !isVowel(word, i)) i++;
    while (i < n) {
      while (i < n && isVowel(word, i)) i++;
      consonants = i;
      while (i < n && !isVowel(word, i)) i++;
      if (i >= n) break;
      run = word.slice(consonants, i).toLowerCase();
      if (run.length <= 1) cut = consonants;
      else if (ONSETS.indexOf(run.slice(-2)) >= 0) cut = i - 2;
      else cut = i - 1;
      parts.push(word.slice(start, cut));
      start = cut;
    }
    parts.push(word.slice(start));
    return parts;
  }

  /* Text nodes of `root` that may hold spans (not those of a <select>). */
  function textNodes(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, null, false);
    var nodes = [];
    var node;

    while ((node = walker.nextNode()))
      if (!node.parentNode.closest('option, select, textarea, script, button')) nodes.push(node);
    return nodes;
  }

  function colourSyllables(root) {
    var count = 0;

    each(textNodes(root), function (text) {
      var fragment = document.createDocumentFragment();

      each(text.nodeValue.split(WORD), function (piece, index) {
        if (index % 2 === 0) {
          if (piece) fragment.appendChild(document.createTextNode(piece));
          return;
        }
        each(syllables(piece), function (syllable) {
          var span = document.createElement('span');
          span.className = count++ % 2 ? 'syl-b' : 'syl-a';
          span.textContent = syllable;
          fragment.appendChild(span);
        });
      });
      text.parentNode.replaceChild(fragment, text);
    });
  }

  function plainSyllables(root) {
    each(root.querySelectorAll('.syl-a, .syl-b'), function (span) {
      span.parentNode.replaceChild(document.createTextNode(span.textContent), span);
    });
    root.normalize();
  }

  /* (e) With body.syllabes, each short text gets a toggle button. */
  function addSyllableButton(block) {
    var length = block.textContent.replace(/\s+/g, ' ').trim().length;
    var button;

    if (length === 0 || length > SYLLABLE_MAX_CHARS) return;
    button = document.createElement('button');
    button.type = 'button';
    button.className = 'btn btn-syllables';
    button.setAttribute('aria-pressed', 'false');
    button.textContent = 'Syllabes en couleur';
    button.addEventListener('click', function () {
      var on = button.getAttribute('aria-pressed') !== 'true';
      if (on) colourSyllables(block);
      else plainSyllables(block);
      button.setAttribute('aria-pressed', on ? 'true' : 'false');
    });
    block.parentNode.insertBefore(button, block.nextSibling);
  }

  if (document.body && document.body.classList.contains('syllabes'))
    each(document.querySelectorAll('main .prompt, main .activity-intro, main .lead'), addSyllableButton);
})();

// "Imprimer la fiche" buttons of the resource pages.
document.addEventListener("click", function (event) {
	var target = event.target;
	if (target && target.closest && target.closest("[data-print]")) window.print();
});

/* The calculator's keys (/outils/calculatrice) edit the box in the page
   instead of sending the form, so each key answers at once. The "=" key
   still sends the form: the server calculates. Without JavaScript every
   key is a submit button that the server applies. */
(function () {
  'use strict';

  var box = document.getElementById('calcul');

  if (!box || !box.form || !box.form.classList.contains('calculator')) return;
  box.form.addEventListener('click', function (event) {
    var key = event.target.closest ? event.target.closest('button.key') : null;
    var value, text;

    if (!key) return;
    event.preventDefault();
    value = key.value;
    text = box.value;
    if (value === 'C') {
      text = '';
    } else if (value === '\u232b') {
      text = text.replace(/\s+$/, '');
      text = Array.from(text).slice(0, -1).join('').replace(/\s+$/, '');
    } else if (text.length + value.length <= box.maxLength) {
      text += value;
    }
    box.value = text;
    box.focus();
  });
})();

/* Indicators: when a signed-in page is left (tab closed, another site, or
 * the next page), tell the server, so the time until the next page does
 * not count as connection time. The sign-out form carries the CSRF token. */
(function () {
  'use strict';
  var token = document.querySelector('form.signout input[name="csrf"]');

  if (!token || !navigator.sendBeacon) return;
  window.addEventListener('pagehide', function () {
    navigator.sendBeacon('/evenement/fin', new URLSearchParams({ csrf: token.value }));
  });
})();
