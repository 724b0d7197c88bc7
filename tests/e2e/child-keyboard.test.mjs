// Child journey with the keyboard only: Tab and Shift+Tab move the focus,
// Enter and Space activate, arrow keys pick a radio button. Nothing is
// clicked. Every element that takes the focus on the way must show it.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { contextOptions, describeFocus, launchChromium, saveArtifact } from './browser.mjs';
import { CHILD_NAME, NUMBERS_ACTIVITY, expectAttemptListed, expectFullScore, normalizeSpaces, pathOf } from './journeys.mjs';
import { findChild, startArdoise } from './server.mjs';

/** Maximum Tab presses to reach one element. The activity page, the longest, has about 20 stops. */
const MAX_TAB_PRESSES = 80;

let server;
let browser;

before(async () => {
  server = await startArdoise();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (server) {
    const status = await server.stop();
    assert.deepEqual(status, { code: 0, signal: null }, `ardoise serve exit status after SIGTERM:\n${server.log()}`);
  }
});

/**
 * Moves the focus with Tab, or Shift+Tab when the target comes before the
 * focused element in the document, until the element matched by `selector`
 * has it. Records every focus stop without a visible focus in `hidden`.
 */
async function tabTo(page, selector, hidden) {
  const target = page.locator(selector);
  assert.equal(await target.count(), 1, `one element matches ${selector} on ${page.url()}`);
  const backwards = await target.evaluate((el) => {
    const active = document.activeElement;
    if (!active || active === document.body)
      return false;
    return Boolean(active.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING);
  });

  for (let i = 0; i < MAX_TAB_PRESSES; i++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const focus = await describeFocus(page);
    if (!focus.isBody && !focus.visible)
      hidden.add(`${pathOf(page)} ${focus.label} (outline: ${focus.outline}, box-shadow: ${focus.boxShadow})`);
    if (await target.evaluate((el) => el === document.activeElement))
      return;
  }
  assert.fail(`${selector} not reached with ${MAX_TAB_PRESSES} presses of ${backwards ? 'Shift+Tab' : 'Tab'} on ${page.url()}`);
}

/** Presses `key` on the focused element and waits for the next page whose path matches `urlPattern`. */
async function pressAndWait(page, key, urlPattern) {
  await Promise.all([page.waitForURL(urlPattern), page.keyboard.press(key)]);
}

/** Selects the radio of `question` (1-based) whose label text is `text`, with arrow keys. */
async function chooseWithArrows(page, questionIndex, text, hidden) {
  const radios = page.locator(`fieldset.question:nth-of-type(${questionIndex}) input[type=radio]`);
  const labels = await page.locator(`fieldset.question:nth-of-type(${questionIndex}) label.choice`).allInnerTexts();
  const expectedIndex = labels.findIndex((label) => normalizeSpaces(label) === text);
  assert.ok(expectedIndex >= 0, `question ${questionIndex}: no choice reads "${text}" in ${JSON.stringify(labels)}`);

  // Tab enters an unchecked radio group on its first radio.
  await tabTo(page, `fieldset.question:nth-of-type(${questionIndex}) input[type=radio] >> nth=0`, hidden);
  for (let i = 0; i < expectedIndex; i++)
    await page.keyboard.press('ArrowDown');
  if (expectedIndex === 0)
    await page.keyboard.press('Space');

  const focus = await describeFocus(page);
  if (!focus.visible)
    hidden.add(`${pathOf(page)} ${focus.label} (outline: ${focus.outline}, box-shadow: ${focus.boxShadow})`);
  assert.ok(await radios.nth(expectedIndex).isChecked(), `question ${questionIndex}: "${text}" checked with the arrow keys`);
}

test('child journey with the keyboard only', async (t) => {
  const context = await browser.newContext(contextOptions(server.baseURL));
  const page = await context.newPage();
  const child = findChild(server.logins, CHILD_NAME);
  const hidden = new Set();

  try {
    // Structure code, then Enter submits the form.
    await page.goto('/connexion');
    await tabTo(page, '#code', hidden);
    await page.keyboard.type(child.code);
    await pressAndWait(page, 'Enter', `**/connexion/enfant/${child.code}`);

    await tabTo(page, `a.name:has-text("${child.name}")`, hidden);
    await pressAndWait(page, 'Enter', /\/connexion\/enfant\/[^/]+\/\d+$/);

    // Pictures: Space on the first two, Enter on the last one.
    for (let i = 0; i < child.pictures.length; i++) {
      await tabTo(page, `button.picture[value="${child.pictures[i]}"]`, hidden);
      if (i < child.pictures.length - 1)
        await page.keyboard.press('Space');
      else
        await pressAndWait(page, 'Enter', '**/eleve');
    }

    await tabTo(page, `a.tile[href="/eleve/matiere/${NUMBERS_ACTIVITY.subject}"]`, hidden);
    await pressAndWait(page, 'Enter', `**/eleve/matiere/${NUMBERS_ACTIVITY.subject}`);

    await tabTo(page, `a.activity-link[href="/activite/${NUMBERS_ACTIVITY.id}"]`, hidden);
    await pressAndWait(page, 'Enter', `**/activite/${NUMBERS_ACTIVITY.id}`);

    // Answers, in page order.
    for (let i = 0; i < NUMBERS_ACTIVITY.answers.length; i++) {
      const answer = NUMBERS_ACTIVITY.answers[i];
      const question = `fieldset.question:nth-of-type(${i + 1})`;
      if (answer.kind === 'choice') {
        await chooseWithArrows(page, i + 1, answer.text, hidden);
      } else if (answer.kind === 'numeric') {
        await tabTo(page, `${question} input[inputmode=decimal]`, hidden);
        await page.keyboard.type(answer.value);
      } else {
        for (let b = 0; b < answer.values.length; b++) {
          await tabTo(page, `${question} input.blank >> nth=${b}`, hidden);
          await page.keyboard.type(answer.values[b]);
        }
      }
    }
    await saveArtifact(page, 'keyboard-eleve-activite');
    await tabTo(page, 'button:has-text("Valider mes réponses")', hidden);
    await pressAndWait(page, 'Enter', /\/resultat\/\d+$/);

    const resultPath = pathOf(page);
    const score = await expectFullScore(page, NUMBERS_ACTIVITY.answers.length);
    await saveArtifact(page, 'keyboard-eleve-resultat');

    // "Mes résultats" in the header menu comes before the focus: Shift+Tab.
    await tabTo(page, '.site-nav a[href="/eleve/resultats"]', hidden);
    await pressAndWait(page, 'Enter', '**/eleve/resultats');
    await expectAttemptListed(page, resultPath, score);

    await tabTo(page, 'button:has-text("Se déconnecter")', hidden);
    await pressAndWait(page, 'Space', (url) => url.pathname !== '/eleve/resultats');
    assert.equal(pathOf(page), '/connexion', 'sign-out lands on /connexion');
  } catch (err) {
    await saveArtifact(page, 'keyboard-failure').catch(() => {});
    throw err;
  } finally {
    await context.close();
  }

  await t.test('focus visible on every stop', () => {
    assert.deepEqual([...hidden], [], `elements that took the focus without a visible outline or box-shadow:\n${[...hidden].join('\n')}`);
  });
});

test('skip link moves the focus into main', async () => {
  const context = await browser.newContext(contextOptions(server.baseURL));
  const page = await context.newPage();

  try {
    await page.goto('/connexion');
    await page.keyboard.press('Tab');
    const skip = await describeFocus(page);
    assert.match(skip.label, /^a\.skip-link/, 'first Tab stop');
    assert.ok(skip.visible, `skip link focus visible (outline: ${skip.outline})`);
    assert.ok(await page.locator('.skip-link').isVisible(), 'skip link shown when focused');

    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    assert.ok(await page.evaluate(() => document.querySelector('main').contains(document.activeElement)),
      `Tab after the skip link lands in main, not on ${(await describeFocus(page)).label}`);
  } finally {
    await context.close();
  }
});
