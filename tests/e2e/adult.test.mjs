// Adult sign-in: the accompagnateur reaches the adults' home page, whose
// 1024×600 capture is kept in docs/captures/, then signs out.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { contextOptions, launchChromium, saveArtifact, saveCapture } from './browser.mjs';
import { adultJourney, pathOf } from './journeys.mjs';
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

test('accompagnateur sign-in and home page', async () => {
  const context = await browser.newContext(contextOptions(server.baseURL));
  const page = await context.newPage();
  const adult = server.logins.adults.accompagnateur;

  try {
    await adultJourney(page, adult, async (name) => {
      await saveArtifact(page, `adult-${name}`);
      if (name === 'accompagnateur-accueil')
        await saveCapture(page, 'accompagnateur-accueil.png');
    });

    assert.equal(pathOf(page), '/accueil');
    assert.match(await page.locator('h1').innerText(), /^Bonjour \S/);
    assert.match(await page.locator('main .lead').innerText(), /Votre rôle : accompagnateur/);
    assert.equal(await page.locator('body').getAttribute('class'), 'adulte', 'adult pages use body.adulte');

    await Promise.all([
      page.waitForURL((url) => url.pathname !== '/accueil'),
      page.getByRole('button', { name: 'Se déconnecter' }).click(),
    ]);
    assert.equal(pathOf(page), '/connexion', 'sign-out lands on /connexion');

    // The session is gone: the home page sends back to /connexion.
    await page.goto('/accueil');
    assert.equal(pathOf(page), '/connexion', '/accueil after sign-out');
  } catch (err) {
    await saveArtifact(page, 'adult-failure').catch(() => {});
    throw err;
  } finally {
    await context.close();
  }
});

test('adult sign-in with a wrong password', async () => {
  const context = await browser.newContext(contextOptions(server.baseURL));
  const page = await context.newPage();
  const adult = server.logins.adults.accompagnateur;

  try {
    await page.goto('/connexion');
    await page.locator('#login').fill(adult.login);
    await page.locator('#password').fill(`${adult.password}x`);
    await Promise.all([
      page.waitForLoadState('load'),
      page.getByRole('button', { name: 'Se connecter' }).click(),
    ]);
    await page.waitForLoadState('load');

    assert.notEqual(pathOf(page), '/accueil', 'a wrong password must not sign in');
    assert.equal(await page.locator('[role=alert]').count(), 1, `one error message with role=alert on ${page.url()}`);
    await page.goto('/accueil');
    assert.equal(pathOf(page), '/connexion', '/accueil without a session');
  } finally {
    await context.close();
  }
});
