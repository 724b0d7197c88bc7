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
