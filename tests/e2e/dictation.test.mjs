// Dictation in the browser: the sentence player with its slow voice, the
// text typed and corrected, once with the mouse and once with the keyboard
// only, then without JavaScript. axe checks the dictation and result pages.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { contextOptions, formatViolations, launchChromium, measureOverflow, pressTabUntil, runAxe, saveArtifact } from './browser.mjs';
import { CHILD_NAME, childSignInWithMouse, pathOf } from './journeys.mjs';
import { findChild, startArdoise } from './server.mjs';

const DICTATION = 'francais-ce2-dictee-le-chien-de-leo';
const SENTENCES = 4;
/** The audio is prepared by init, so loading it only waits for the server. */
const AUDIO_TIMEOUT_MS = 10000;
/** What the child types: three homophones, a missing accent and a capital. */
const TYPED = 'Léo a un petit chien qui s’appelle Filou. Il et noir et blanc.\n'
  + 'le matin, Filou suit Léo jusqu’a l’école. A la grille, les enfants on l’habitude : on le caresse et il remue la queue.';

let server;
let browser;

before(async () => {
  server = await startArdoise({ audio: true });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (server) {
    const status = await server.stop();
    assert.deepEqual(status, { code: 0, signal: null }, `ardoise serve exit status after SIGTERM:\n${server.log()}`);
  }
});

/** Signs the child in and opens the dictation with the mouse. */
async function openWithMouse(page) {
  await childSignInWithMouse(page, findChild(server.logins, CHILD_NAME), async () => {});
  await page.goto(`/activite/${DICTATION}`);
}

/** Presses `key` and waits for the next page whose URL matches `url`. */
async function pressAndWait(page, key, url) {
  await Promise.all([page.waitForURL(url), page.keyboard.press(key)]);
}

/** Signs the child in and opens the dictation with Tab, Space and Enter
 * only, adding every focus stop without a visible focus to `hidden`. */
async function openWithKeyboard(page, hidden) {
  const child = findChild(server.logins, CHILD_NAME);

  await page.goto('/connexion');
  await pressTabUntil(page, '#code', hidden);
  await page.keyboard.type(child.code);
  await pressAndWait(page, 'Enter', `**/connexion/enfant/${child.code}`);
  await pressTabUntil(page, `a.name:has-text("${child.name}")`, hidden);
  await pressAndWait(page, 'Enter', /\/connexion\/enfant\/[^/]+\/\d+$/);
  for (let i = 0; i < child.pictures.length; i++) {
    await pressTabUntil(page, `button.picture[value="${child.pictures[i]}"]`, hidden);
    if (i < child.pictures.length - 1)
      await page.keyboard.press('Space');
    else
      await pressAndWait(page, 'Enter', '**/eleve');
  }
  await pressTabUntil(page, 'a.tile[href="/eleve/matiere/francais"]', hidden);
  await pressAndWait(page, 'Enter', '**/eleve/matiere/francais');
  await pressTabUntil(page, `a.activity-link[href="/activite/${DICTATION}"]`, hidden);
  await pressAndWait(page, 'Enter', `**/activite/${DICTATION}`);
}

/** Runs `body(page)` in a new context where `open(page)` signed the demo
 * child in and opened the dictation. */
async function asChild(name, open, body, options = {}) {
  const context = await browser.newContext(contextOptions(server.baseURL, options));
  const page = await context.newPage();
  try {
    await open(page);
    await body(page);
  } catch (err) {
    await saveArtifact(page, `dictation-${name}-failure`).catch(() => {});
    throw err;
  } finally {
    await context.close();
  }
}

/** Waits until the player's audio has loaded its metadata; returns its src. */
async function playedSource(page) {
  await page.waitForFunction(() => {
    const el = document.querySelector('audio.dictation-audio');
    return el && el.src && (el.error || el.readyState >= 1);
  }, null, { timeout: AUDIO_TIMEOUT_MS });
  const state = await page.locator('audio.dictation-audio').evaluate((el) => ({ src: el.src, error: el.error && el.error.code }));
  assert.equal(state.error, null, `no media error on ${state.src}`);
  return decodeURIComponent(state.src);
}

async function expectNoViolations(t, page, label) {
  const audit = await runAxe(page);
  await t.test(`axe on ${label}`, () => {
    assert.equal(audit.violations.length, 0, formatViolations(audit.violations));
  });
}

/** Checks the result page of TYPED. */
async function expectCorrection(page) {
  assert.match(pathOf(page), /^\/resultat\/\d+$/);
  const correction = page.locator('.dictation-corrected');
  const kinds = await correction.locator('.dictation-kind').allInnerTexts();
  assert.deepEqual(kinds, ['(homophone)', '(majuscule)', '(accent)', '(homophone)', '(homophone)'], 'mistakes named in text order');
  assert.equal(await correction.locator('del').first().textContent(), 'tu as écrit et', 'struck-out word with its spoken prefix');
  assert.match(await page.locator('.feedback').innerText(), /Tu as écrit 30 mots justes sur 35\./);
  assert.equal(await page.locator('.dictation-typed').innerText(), TYPED, 'the text as typed');
}

test('dictation with the mouse', async (t) => {
  await asChild('mouse', openWithMouse, async (page) => {
    const player = page.locator('.dictation-player');
    assert.equal(await player.locator('.dictation-status').innerText(), `Phrase 1 sur ${SENTENCES}`);
    assert.equal(await page.locator('li[data-sentence]:visible').count(), 0, 'the sentence list is replaced by the player');
    assert.equal(await page.locator('.dictation-tracks audio:visible').count(), 2, 'the whole text keeps its two players');
    await expectNoViolations(t, page, 'the dictation page');
    await saveArtifact(page, 'dictation-page');

    await player.getByRole('button', { name: 'Écouter la phrase' }).click();
    assert.match(await playedSource(page), /question=0&phrase=0&vitesse=normale$/);

    await player.getByRole('checkbox', { name: 'Voix lente' }).check();
    await player.getByRole('button', { name: 'Phrase suivante' }).click();
    assert.equal(await player.locator('.dictation-status').innerText(), `Phrase 2 sur ${SENTENCES}`);
    assert.match(await playedSource(page), /phrase=1&vitesse=lente$/);

    await page.locator('#q0').click();
    await page.locator('#q0').fill(TYPED);
    await Promise.all([
      page.waitForURL(/\/resultat\/\d+$/),
      page.getByRole('button', { name: 'Valider mes réponses' }).click(),
    ]);
    await expectCorrection(page);
    await saveArtifact(page, 'dictation-result');
    await expectNoViolations(t, page, 'the result page');
  });
});

test('dictation with the keyboard only', async () => {
  const hidden = new Set();

  await asChild('keyboard', (page) => openWithKeyboard(page, hidden), async (page) => {
    const player = '.dictation-player';

    await pressTabUntil(page, `${player} button:has-text("Écouter la phrase")`, hidden);
    await page.keyboard.press('Enter');
    assert.match(await playedSource(page), /phrase=0&vitesse=normale$/);

    await pressTabUntil(page, `${player} input[type=checkbox]`, hidden);
    await page.keyboard.press('Space');
    await pressTabUntil(page, `${player} button:has-text("Phrase suivante")`, hidden, { backwards: true });
    await page.keyboard.press('Enter');
    assert.match(await playedSource(page), /phrase=1&vitesse=lente$/);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    assert.equal(await page.locator(`${player} .dictation-status`).innerText(), `Phrase 4 sur ${SENTENCES}`);
    assert.ok(await page.locator(`${player} button:has-text("Phrase suivante")`).isDisabled(), 'no sentence after the last');

    await pressTabUntil(page, '#q0', hidden);
    await page.keyboard.type(TYPED);
    await pressTabUntil(page, 'form[data-once] button[type=submit]', hidden);
    await Promise.all([page.waitForURL(/\/resultat\/\d+$/), page.keyboard.press('Enter')]);
    await expectCorrection(page);
    assert.deepEqual([...hidden], [], 'every focus stop shows the focus');
  });
});

test('dictation without JavaScript', async () => {
  await asChild('no-js', openWithMouse, async (page) => {
    assert.equal(await page.locator('.dictation-player').count(), 0, 'no player without JavaScript');
    const players = page.locator('.dictation-tracks audio[controls]');
    assert.equal(await players.count(), (SENTENCES + 1) * 2, 'normal and slow players for the text and each sentence');
    assert.match(await players.nth(3).getAttribute('src'), /phrase=0&vitesse=lente$/);

    await page.locator('#q0').fill(TYPED);
    await Promise.all([
      page.waitForURL(/\/resultat\/\d+$/),
      page.getByRole('button', { name: 'Valider mes réponses' }).click(),
    ]);
    await expectCorrection(page);
  }, { javaScriptEnabled: false });
});

test('dictation fits a 320 px screen', async () => {
  await asChild('small-screen', openWithMouse, async (page) => {
    const fit = await measureOverflow(page, 320);
    assert.ok(fit.scrollWidth <= 320, `page ${fit.scrollWidth} px wide at 320 px; too wide: ${JSON.stringify(fit.wide)}`);
  }, { javaScriptEnabled: false, viewport: { width: 320, height: 640 } });
});
