// Ardoise without JavaScript: the pages are plain HTML forms, so a child
// signs in (each picture is its own form post) and does one activity with
// scripts disabled in the browser.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { contextOptions, launchChromium, saveArtifact } from './browser.mjs';
import { CHILD_NAME, NUMBERS_ACTIVITY, answerActivityWithMouse, expectFullScore, pathOf } from './journeys.mjs';
import { findChild, startArdoise } from './server.mjs';

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

test('child sign-in and activity without JavaScript', async () => {
  const context = await browser.newContext(contextOptions(server.baseURL, { javaScriptEnabled: false }));
  const page = await context.newPage();
  const child = findChild(server.logins, CHILD_NAME);

  try {
    await page.goto('/connexion');
    await page.locator('#code').fill(child.code);
    await Promise.all([
      page.waitForURL(`**/connexion/enfant/${child.code}`),
      page.getByRole('button', { name: 'Continuer' }).click(),
    ]);

    await Promise.all([
      page.waitForURL(/\/connexion\/enfant\/[^/]+\/\d+$/),
      page.locator('a.name', { hasText: child.name }).click(),
    ]);
    const picturePath = pathOf(page);

    // Each pick posts the form; the page comes back with one more dot filled.
    for (let i = 0; i < child.pictures.length - 1; i++) {
      await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === picturePath),
        page.locator(`button.picture[value="${child.pictures[i]}"]`).click(),
      ]);
      await page.waitForLoadState('load');
      assert.equal(pathOf(page), picturePath, `pick ${i + 1} stays on the picture page`);
      assert.equal(await page.locator('.picture-progress li.filled').count(), i + 1, `filled dots after pick ${i + 1}`);
    }
    await Promise.all([
      page.waitForURL('**/eleve'),
      page.locator(`button.picture[value="${child.pictures.at(-1)}"]`).click(),
    ]);
    await saveArtifact(page, 'nojs-eleve-accueil');

    await Promise.all([
      page.waitForURL(`**/eleve/matiere/${NUMBERS_ACTIVITY.subject}`),
      page.locator(`a.tile[href="/eleve/matiere/${NUMBERS_ACTIVITY.subject}"]`).click(),
    ]);
    await Promise.all([
      page.waitForURL(`**/activite/${NUMBERS_ACTIVITY.id}`),
      page.locator(`a.activity-link[href="/activite/${NUMBERS_ACTIVITY.id}"]`).click(),
    ]);
    await answerActivityWithMouse(page, NUMBERS_ACTIVITY);
    await expectFullScore(page, NUMBERS_ACTIVITY.answers.length);
    await saveArtifact(page, 'nojs-eleve-resultat');
  } catch (err) {
    await saveArtifact(page, 'nojs-failure').catch(() => {});
    throw err;
  } finally {
    await context.close();
  }
});
