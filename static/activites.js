/* Ardoise activities in ES5: drag and drop with a keyboard alternative for
   the ordering, matching and sorting questions, highlighting for text
   analysis, and answers kept in the browser until the server has them.
   Every question works without this file: the plain fields stay in the
   form (hidden when enhanced) and are what is sent. */
(function () {
  'use strict';

  var RETRY_MS = 5000;
  var DRAG_THRESHOLD_PX = 6;

  function each(list, fn) {
    Array.prototype.forEach.call(list, fn);
  }

  function make(tag, className, text) {
    var node = document.createElement(tag);

    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function button(className, text, label) {
    var b = make('button', className, text);

    b.type = 'button';
    if (label) b.setAttribute('aria-label', label);
    return b;
  }

  function quoted(text) {
    return '\u00ab\u00a0' + text + '\u00a0\u00bb';
  }

  /* Replace the format hint of the fields, which speaks of typing or
     picking, by one about moving. */
  function setHint(id, text) {
    var hint = document.getElementById(id + '-aide');

    if (hint) hint.textContent = text;
  }

  /* One polite live region per question, for screen-reader messages. */
  function announcer(root) {
    var region = make('p', 'sr-only');

    region.setAttribute('aria-live', 'polite');
    root.appendChild(region);
    return function (text) {
      region.textContent = '';
      setTimeout(function () { region.textContent = text; }, 50);
    };
  }

  /* Keyboard instructions, named by each movable item. */
  function instructions(root, id, text) {
    var p = make('p', 'sr-only', text);

    p.id = id + '-consigne';
    root.appendChild(p);
    return p.id;
  }

  /* ---- pointer drag, shared by lists and boxes ---- */

  /* Make `item` draggable with a mouse, a pen or a finger. `onDrop(x, y)`
     gets the page point where the item was released. */
  function draggable(item, onDrop) {
    var start = null;
    var dragging = false;

    item.addEventListener('pointerdown', function (event) {
      if (event.button !== 0 || event.target.closest('.move')) return;
      start = { x: event.clientX, y: event.clientY };
      dragging = false;
      item.setPointerCapture(event.pointerId);
    });
    item.addEventListener('pointermove', function (event) {
      if (!start) return;
      var dx = event.clientX - start.x;
      var dy = event.clientY - start.y;

      if (!dragging && Math.abs(dx) + Math.abs(dy) < DRAG_THRESHOLD_PX) return;
      dragging = true;
      item.classList.add('dragging');
      item.style.transform = 'translate(' + dx + 'px,' + dy + 'px)';
    });
    function end(event) {
      if (!start) return;
      var wasDragging = dragging;

      start = null;
      dragging = false;
      item.classList.remove('dragging');
      item.style.transform = '';
      if (wasDragging && event.type === 'pointerup') {
        item.style.pointerEvents = 'none';
        onDrop(event.clientX, event.clientY);
        item.style.pointerEvents = '';
        item.setAttribute('data-dropped', '');
      }
    }
    item.addEventListener('pointerup', end);
    item.addEventListener('pointercancel', end);
    /* A drag must not also count as a click on the item. */
    item.addEventListener('click', function (event) {
      if (!item.hasAttribute('data-dropped')) return;
      item.removeAttribute('data-dropped');
      event.preventDefault();
      event.stopImmediatePropagation();
    }, true);
  }

  /* ---- a list put in order: ordering, and the right column of matching ---- */

  /* `list` contains the items (li); `sync` writes the plain fields after
     each move; `describe(li, position)` returns the sentence announcing an
     item's new position. */
  function reorderable(list, id, sync, describe, say) {
    var consigne = instructions(list.parentNode, id,
      'Espace ou Entrée pour prendre l\u2019élément, flèches haut et bas pour le déplacer, Espace ou Entrée pour le poser.');
    var held = null;

    function items() {
      return Array.prototype.slice.call(list.children);
    }

    function move(li, delta) {
      var all = items();
      var to = all.indexOf(li) + delta;

      if (to < 0 || to >= all.length) return;
      if (delta < 0) list.insertBefore(li, all[to]);
      else list.insertBefore(li, all[to].nextSibling);
      sync();
      say(describe(li, items().indexOf(li) + 1));
    }

    function setHeld(li) {
      if (held) held.classList.remove('held');
      held = li;
      if (li) li.classList.add('held');
    }

    each(items(), function (li) {
      var text = li.getAttribute('data-text');
      var grab = button('grab', text);
      var up = button('move btn-link', '\u2191', 'Monter ' + quoted(text));
      var down = button('move btn-link', '\u2193', 'Descendre ' + quoted(text));

      grab.setAttribute('aria-describedby', consigne);
      grab.setAttribute('aria-pressed', 'false');
      li.textContent = '';
      li.appendChild(grab);
      li.appendChild(up);
      li.appendChild(down);
      up.addEventListener('click', function () { move(li, -1); grab.focus(); });
      down.addEventListener('click', function () { move(li, 1); grab.focus(); });
      grab.addEventListener('click', function () {
        var taking = held !== li;

        setHeld(taking ? li : null);
        grab.setAttribute('aria-pressed', taking ? 'true' : 'false');
        say(taking ? quoted(text) + ' pris. Flèches pour le déplacer.' : quoted(text) + ' posé. ' + describe(li, items().indexOf(li) + 1));
      });
      grab.addEventListener('keydown', function (event) {
        if (held !== li) return;
        if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
          event.preventDefault();
          move(li, event.key === 'ArrowUp' ? -1 : 1);
          grab.focus();
        } else if (event.key === 'Escape' || event.key === 'Tab') {
          setHeld(null);
          grab.setAttribute('aria-pressed', 'false');
        }
      });
      draggable(li, function (x, y) {
        var target = document.elementFromPoint(x, y);
        var over = target && target.closest('li');
        var all = items();

        if (!over || over.parentNode !== list || over === li) return;
        if (all.indexOf(over) < all.indexOf(li)) list.insertBefore(li, over);
        else list.insertBefore(li, over.nextSibling);
        sync();
        say(describe(li, items().indexOf(li) + 1));
      });
    });
  }

  /* Ordering: the rank fields get the position of each item. */
  function enhanceOrder(list) {
    var id = list.getAttribute('data-order');
    var entries = [];
    var shown = make('ol', 'reorder');
    var say;

    each(list.querySelectorAll('li.order-item'), function (li) {
      var input = li.querySelector('input');
      var rank = parseInt(input.value, 10);

      entries.push({ text: li.querySelector('.order-text').textContent, input: input, rank: rank });
    });
    /* Fields already filled (a form shown again) give the first order. */
    if (entries.every(function (e) { return e.rank > 0; }))
      entries.sort(function (a, b) { return a.rank - b.rank; });
    entries.forEach(function (e) {
      var li = make('li', 'reorder-item');

      li.setAttribute('data-text', e.text);
      li.ardoiseInput = e.input;
      shown.appendChild(li);
    });
    list.hidden = true;
    list.parentNode.insertBefore(shown, list.nextSibling);
    setHint(id, 'Fais glisser les éléments pour les mettre dans l\u2019ordre, ou utilise les boutons \u2191 et \u2193.');
    say = announcer(list.parentNode);
    function sync() {
      each(shown.children, function (li, position) { li.ardoiseInput.value = String(position + 1); });
      saveAnswers(list.closest('form'));
    }
    reorderable(shown, id, sync, function (li, position) {
      return quoted(li.getAttribute('data-text')) + '\u00a0: position ' + position + ' sur ' + shown.children.length + '.';
    }, say);
    sync();
  }

  /* Matching: the right items are put in front of the left ones; row k's
     select gets the display value of the item in row k. */
  function enhanceMatch(list) {
    var id = list.getAttribute('data-match');
    var selects = list.querySelectorAll('select');
    var lefts = [];
    var rights = [];
    var used = {};
    var board = make('div', 'match-board');
    var left = make('ol', 'match-left');
    var right = make('ol', 'reorder match-right');
    var say;

    each(list.querySelectorAll('label'), function (label) { lefts.push(label.textContent); });
    each(selects[0].options, function (option) {
      if (option.value !== '') rights.push({ value: option.value, text: option.textContent });
    });
    /* Rows already chosen (a form shown again) come first, in their row. */
    var order = [];
    each(selects, function (select) {
      var pick = rights.filter(function (r) { return r.value === select.value && !used[r.value]; })[0];

      if (pick) used[pick.value] = true;
      order.push(pick || null);
    });
    var rest = rights.filter(function (r) { return !used[r.value]; });
    order = order.map(function (pick) { return pick || rest.shift(); }).concat(rest);

    lefts.forEach(function (text) { left.appendChild(make('li', 'match-left-item', text)); });
    for (var k = lefts.length; k < order.length; k++)
      left.appendChild(make('li', 'match-left-item match-unused', '(non utilisé)'));
    order.forEach(function (r) {
      var li = make('li', 'reorder-item');

      li.setAttribute('data-text', r.text);
      li.setAttribute('data-value', r.value);
      right.appendChild(li);
    });
    board.appendChild(left);
    board.appendChild(right);
    list.hidden = true;
    list.parentNode.insertBefore(board, list.nextSibling);
    setHint(id, 'Fais glisser chaque élément de droite en face de celui qui va avec, ou utilise les boutons \u2191 et \u2193.');
    say = announcer(list.parentNode);
    function sync() {
      each(selects, function (select, row) { select.value = right.children[row].getAttribute('data-value'); });
      saveAnswers(list.closest('form'));
    }
    reorderable(right, id, sync, function (li, position) {
      var partner = position <= lefts.length ? 'en face de ' + quoted(lefts[position - 1]) : 'non utilisé';

      return quoted(li.getAttribute('data-text')) + '\u00a0: ' + partner + '.';
    }, say);
    sync();
  }

  /* ---- sorting: boxes, one per category and one for items to sort ---- */

  function enhanceSort(root) {
    var id = root.getAttribute('data-sort');
    var names = ['À classer'];
    var boxes = [];
    var board = make('div', 'sort-board');
    var consigne;
    var say;
    var held = null;

    each(root.querySelectorAll('.sort-categories li'), function (li) { names.push(li.textContent); });
    names.forEach(function (name, b) {
      var box = make('section', 'sort-box' + (b === 0 ? ' sort-unsorted' : ''));
      var heading = make('p', 'sort-name', name);

      heading.id = id + '-boite' + b;
      box.setAttribute('aria-labelledby', heading.id);
      box.setAttribute('role', 'group');
      box.appendChild(heading);
      box.appendChild(make('ul', 'sort-list'));
      board.appendChild(box);
      boxes.push(box);
    });
    consigne = instructions(root, id, 'Espace ou Entrée pour prendre l\u2019élément, flèches pour changer de catégorie, Espace ou Entrée pour le poser.');
    say = announcer(root);

    function place(chip, b) {
      boxes[b].querySelector('.sort-list').appendChild(chip);
      chip.ardoiseSelect.value = b === 0 ? '' : String(b - 1);
      chip.ardoiseBox = b;
      saveAnswers(root.closest('form'));
    }

    function moveTo(chip, b) {
      if (b < 0 || b >= boxes.length) return;
      place(chip, b);
      chip.querySelector('.grab').focus();
      say(quoted(chip.getAttribute('data-text')) + '\u00a0: ' + names[b] + '.');
    }

    each(root.querySelectorAll('.sort-items select'), function (select) {
      var text = select.closest('li').querySelector('label').textContent;
      var chip = make('li', 'sort-chip');
      var grab = button('grab', text);
      var back = button('move btn-link', '\u2190', 'Catégorie précédente pour ' + quoted(text));
      var next = button('move btn-link', '\u2192', 'Catégorie suivante pour ' + quoted(text));

      chip.setAttribute('data-text', text);
      chip.ardoiseSelect = select;
      grab.setAttribute('aria-describedby', consigne);
      grab.setAttribute('aria-pressed', 'false');
      chip.appendChild(back);
      chip.appendChild(grab);
      chip.appendChild(next);
      back.addEventListener('click', function () { moveTo(chip, chip.ardoiseBox - 1); });
      next.addEventListener('click', function () { moveTo(chip, chip.ardoiseBox + 1); });
      grab.addEventListener('click', function () {
        var taking = held !== chip;

        if (held) held.classList.remove('held');
        held = taking ? chip : null;
        chip.classList.toggle('held', taking);
        grab.setAttribute('aria-pressed', taking ? 'true' : 'false');
        say(taking ? quoted(text) + ' pris. Flèches pour changer de catégorie.' : quoted(text) + ' posé dans ' + names[chip.ardoiseBox] + '.');
      });
      grab.addEventListener('keydown', function (event) {
        var delta = { ArrowLeft: -1, ArrowUp: -1, ArrowRight: 1, ArrowDown: 1 }[event.key];

        if (held !== chip) return;
        if (delta) {
          event.preventDefault();
          moveTo(chip, chip.ardoiseBox + delta);
        } else if (event.key === 'Escape' || event.key === 'Tab') {
          held = null;
          chip.classList.remove('held');
          grab.setAttribute('aria-pressed', 'false');
        }
      });
      draggable(chip, function (x, y) {
        var target = document.elementFromPoint(x, y);
        var box = target && target.closest('.sort-box');
        var b = boxes.indexOf(box);

        if (b >= 0) moveTo(chip, b);
      });
      place(chip, select.value === '' ? 0 : parseInt(select.value, 10) + 1);
    });
    root.querySelector('.sort-items').hidden = true;
    root.appendChild(board);
    setHint(id, 'Fais glisser chaque élément dans sa catégorie, ou utilise les boutons \u2190 et \u2192.');
  }

  /* ---- text analysis: the words are highlighted, the boxes hidden ---- */

  function enhanceAnalysis(root) {
    var hint = document.getElementById(root.getAttribute('aria-labelledby').replace(/-texte$/, '-aide'));

    root.classList.add('enhanced');
    if (hint) hint.textContent = 'Touche chaque mot ou groupe de mots demandé pour le surligner. Touche-le de nouveau pour l\u2019enlever.';
  }

  /* ---- answers kept until the server has them ---- */

  var saveTimer = null;

  function storageKey(form) {
    var version = form.querySelector('input[name=version]');

    return 'ardoise-reponses:' + form.getAttribute('action') + ':' + (version ? version.value : '');
  }

  /* The fields as [name, value] pairs, as a browser would send them. The
     CSRF token is left out of what is stored (`withToken` false). */
  function formPairs(form, withToken) {
    var pairs = [];

    each(form.elements, function (field) {
      if (!field.name || field.disabled || (field.name === 'csrf' && !withToken)) return;
      if ((field.type === 'checkbox' || field.type === 'radio') && !field.checked) return;
      if (field.tagName === 'BUTTON') return;
      pairs.push([field.name, field.value]);
    });
    return pairs;
  }

  function storeAnswers(form, pending) {
    try {
      localStorage.setItem(storageKey(form), JSON.stringify({ pending: pending, pairs: formPairs(form, false) }));
    } catch (e) {
      /* Private browsing or a full storage: the page still keeps them. */
    }
  }

  function saveAnswers(form) {
    if (!form || !form.hasAttribute('data-keep-answers')) return;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(function () { storeAnswers(form, form.hasAttribute('data-pending')); }, 300);
  }

  function forgetAnswers(form) {
    try {
      localStorage.removeItem(storageKey(form));
    } catch (e) {
      /* Nothing stored. */
    }
  }

  /* Put answers saved earlier back in the fields, before the widgets are
     built from them. Returns the saved record, or null. */
  function restoreAnswers(form) {
    var saved;

    try {
      saved = JSON.parse(localStorage.getItem(storageKey(form)) || 'null');
    } catch (e) {
      saved = null;
    }
    if (!saved || !saved.pairs) return null;
    each(form.elements, function (field) {
      if (field.type === 'checkbox' || field.type === 'radio') field.checked = false;
    });
    saved.pairs.forEach(function (pair) {
      each(form.elements, function (field) {
        if (field.name !== pair[0]) return;
        if (field.type === 'checkbox' || field.type === 'radio') {
          if (field.value === pair[1]) field.checked = true;
        } else if (field.tagName !== 'BUTTON' && field.getAttribute('data-restored') === null) {
          field.value = pair[1];
          field.setAttribute('data-restored', '');
        }
      });
    });
    each(form.querySelectorAll('[data-restored]'), function (f) { f.removeAttribute('data-restored'); });
    return saved;
  }

  function setStatus(form, text) {
    var status = form.querySelector('.save-status');

    status.textContent = text;
    status.hidden = !text;
  }

  function send(form) {
    var body = formPairs(form, true).map(function (pair) {
      return encodeURIComponent(pair[0]) + '=' + encodeURIComponent(pair[1]);
    }).join('&');

    form.setAttribute('data-pending', '');
    storeAnswers(form, true);
    setStatus(form, 'Envoi de tes réponses…');
    fetch(form.getAttribute('action'), {
      method: 'POST',
      body: body,
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' }
    }).then(function (response) {
      if (response.redirected && /\/resultat\//.test(response.url)) {
        forgetAnswers(form);
        window.location.assign(response.url);
        return null;
      }
      if (response.status >= 500) throw new Error('status ' + response.status);
      /* Nothing was stored (answers to rewrite, or an error to read): the
         browser sends the form itself, to show that page as a real one. */
      form.removeAttribute('data-pending');
      storeAnswers(form, false);
      form.submit();
      return null;
    }).catch(function () {
      setStatus(form, 'Pas encore enregistré\u00a0: tes réponses restent dans la page. Nouvel essai automatique dans quelques secondes.');
      unlock(form);
      clearTimeout(form.ardoiseRetry);
      form.ardoiseRetry = setTimeout(function () { send(form); }, RETRY_MS);
    });
  }

  function unlock(form) {
    form.removeAttribute('data-sent');
    each(form.querySelectorAll('[type=submit]'), function (b) {
      b.disabled = false;
      if (b.getAttribute('data-label')) b.textContent = b.getAttribute('data-label');
    });
  }

  function keepAnswers(form) {
    var status = make('p', 'save-status');
    var actions = form.querySelector('.form-actions');
    var saved;

    status.setAttribute('role', 'status');
    status.hidden = true;
    actions.parentNode.insertBefore(status, actions);
    form.setAttribute('data-keep-answers', '');
    saved = restoreAnswers(form);
    form.addEventListener('input', function () { saveAnswers(form); });
    form.addEventListener('change', function () { saveAnswers(form); });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      send(form);
    });
    window.addEventListener('online', function () {
      if (form.hasAttribute('data-pending')) send(form);
    });
    if (saved && saved.pending) {
      setStatus(form, 'Pas encore enregistré\u00a0: tes réponses sont revenues et vont être envoyées.');
      form.setAttribute('data-pending', '');
      setTimeout(function () { send(form); }, 0);
    }
  }

  each(document.querySelectorAll('form[data-activity]'), function (form) {
    keepAnswers(form);
    each(form.querySelectorAll('[data-analysis]'), enhanceAnalysis);
    each(form.querySelectorAll('[data-order]'), enhanceOrder);
    each(form.querySelectorAll('[data-match]'), enhanceMatch);
    each(form.querySelectorAll('[data-sort]'), enhanceSort);
  });
})();
