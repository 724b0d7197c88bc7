// The opérateur's integration pages (ENT, LTI platforms, xAPI, exercise
// import) in the browser: each form works without JavaScript and passes
// axe-core with no violation.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { contextOptions, formatViolations, launchChromium, runAxe } from './browser.mjs';
import { adultSignInWithMouse, pathOf } from './journeys.mjs';
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

async function expectNoViolation(page, name) {
  const { violations } = await runAxe(page);
  assert.equal(violations.length, 0, `${violations.length} axe violation(s) on ${name}:\n${formatViolations(violations)}`);
}

test('the opérateur registers an ENT and checks its mapping', async () => {
  const context = await browser.newContext(contextOptions(server.baseURL));
  const page = await context.newPage();

  try {
    await adultSignInWithMouse(page, server.logins.adults['opérateur']);
    await page.goto('/operateur/ent');
    await expectNoViolation(page, '/operateur/ent');
    await page.getByLabel("Nom de l'ENT").fill('ENT Occitanie');
    await page.getByLabel('Adresse du serveur CAS').fill('https://cas.ent.example.fr/cas');
    await page.getByLabel("Adresse publique d'Ardoise").fill('https://ardoise.example.fr');
    await Promise.all([
      page.waitForURL('**/operateur/ent/1'),
      page.getByRole('button', { name: "Enregistrer l'ENT" }).click(),
    ]);
    assert.equal(pathOf(page), '/operateur/ent/1');
    await assert.doesNotReject(page.getByText('https://ardoise.example.fr/cas/1/retour').waitFor());
    await expectNoViolation(page, '/operateur/ent/1');
  } finally {
    await context.close();
  }
});

test('the LTI, xAPI and exercise import pages are accessible', async () => {
  const context = await browser.newContext(contextOptions(server.baseURL));
  const page = await context.newPage();

  try {
    await adultSignInWithMouse(page, server.logins.adults['opérateur']);
    for (const path of ['/operateur/lti', '/operateur/xapi', '/operateur/exercices']) {
      await page.goto(path);
      assert.equal(pathOf(page), path);
      await expectNoViolation(page, path);
    }
  } finally {
    await context.close();
  }
});
