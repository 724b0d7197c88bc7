// A child on a phone-sized touch screen: signs in with the QR code of a
// login card, finishes an activity with taps only, then turns the phone.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { contextOptions, launchChromium, measureOverflow, runAxe, formatViolations, saveArtifact } from './browser.mjs';
import { CHILD_NAME, NUMBERS_ACTIVITY, choiceLabel, expectFullScore, queryDatabase } from './journeys.mjs';
import { startArdoise } from './server.mjs';

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

/** Types into a field after tapping it, as an on-screen keyboard would. */
async function tapAndType(page, locator, text) {
  await locator.tap();
  await page.keyboard.type(text);
}

test('card sign-in and an activity by touch', async () => {
  const [first] = CHILD_NAME.split(' ');
  const rows = await queryDatabase(server, `SELECT card_token FROM account WHERE first_name = '${first}'`);
  assert.equal(rows.length, 1, `one card token for ${CHILD_NAME}`);

  const context = await browser.newContext(contextOptions(server.baseURL, {
    viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true,
  }));
  const page = await context.newPage();

  await page.goto(`/carte/${rows[0][0]}`);
  assert.equal(new URL(page.url()).pathname, '/eleve', 'the card signs the child in');
  await saveArtifact(page, 'tactile-eleve-accueil');

  await page.locator('a.tile[href="/eleve/matiere/mathematiques"]').tap();
  await page.waitForURL(/\/eleve\/matiere\/mathematiques$/);
  await page.locator(`a.activity-link[href="/activite/${NUMBERS_ACTIVITY.id}"]`).tap();
  await page.waitForURL(new RegExp(`/activite/${NUMBERS_ACTIVITY.id}$`));

  const questions = page.locator('fieldset.question');
  for (let i = 0; i < NUMBERS_ACTIVITY.answers.length; i++) {
    const question = questions.nth(i);
    const answer = NUMBERS_ACTIVITY.answers[i];
    if (answer.kind === 'choice') {
      await choiceLabel(question, answer.text).tap();
    } else if (answer.kind === 'numeric') {
      await tapAndType(page, question.locator('input[inputmode=decimal]'), answer.value);
    } else {
      const blanks = question.locator('input.blank');
      for (let b = 0; b < answer.values.length; b++)
        await tapAndType(page, blanks.nth(b), answer.values[b]);
    }
  }
  const { violations } = await runAxe(page);
  assert.equal(violations.length, 0, `axe on the activity at 360 px:\n${formatViolations(violations)}`);
  await Promise.all([
    page.waitForURL(/\/resultat\/\d+$/),
    page.getByRole('button', { name: 'Valider mes réponses' }).tap(),
  ]);
  await saveArtifact(page, 'tactile-eleve-resultat');
  await expectFullScore(page, NUMBERS_ACTIVITY.answers.length);

  // The phone turned sideways: the pages still fit the width.
  await page.setViewportSize({ width: 740, height: 360 });
  for (const path of ['/eleve', `/activite/${NUMBERS_ACTIVITY.id}`, '/eleve/resultats']) {
    await page.goto(path);
    const { scrollWidth, wide } = await measureOverflow(page, 740);
    assert.ok(scrollWidth <= 740, `${path} at 740×360 scrolls sideways (${scrollWidth} px): ${wide.join(', ')}`);
  }
  await saveArtifact(page, 'tactile-paysage-eleve-resultats');
  await context.close();
});
