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

    // A bad address in the edit form: the error is tied to its field.
    await page.getByLabel('Adresse du serveur CAS').fill('ftp://cas.ent.example.fr');
    await page.getByRole('button', { name: 'Enregistrer les corrections' }).click();
    await assert.doesNotReject(page.getByText('« ftp://cas.ent.example.fr » n\'est pas valide').first().waitFor());
    await expectNoViolation(page, 'the ENT edit form with an error');
    await page.goto('/operateur/ent/1/supprimer');
    await assert.doesNotReject(page.getByText('Aucun compte n\'est relié à cet ENT.').waitFor());
    await expectNoViolation(page, '/operateur/ent/1/supprimer');
  } finally {
    await context.close();
  }
});

test('the opérateur registers, corrects and confirms deleting an LTI platform', async () => {
  const context = await browser.newContext(contextOptions(server.baseURL));
  const page = await context.newPage();
  const fields = [
    ['Nom de la plateforme', 'Éléa'],
    ['Identifiant de la plateforme (issuer)', 'https://elea.example.fr'],
    ['Identifiant client (client_id)', 'ardoise'],
    ['Identifiant de déploiement (deployment_id)', 'dep-1'],
    ["Adresse d'authentification OIDC", 'https://elea.example.fr/auth'],
    ['Adresse du jeu de clés (JWKS)', 'https://elea.example.fr/jwks'],
    ['Adresse des jetons OAuth 2', 'https://elea.example.fr/token'],
    ["Adresse publique d'Ardoise", 'https://ardoise.example.fr'],
    ['Numéro du groupe des élèves', '1'],
  ];

  try {
    await adultSignInWithMouse(page, server.logins.adults['opérateur']);
    await page.goto('/operateur/lti');
    for (const [label, value] of fields)
      await page.getByLabel(label, { exact: true }).fill(value);
    await Promise.all([
      page.waitForURL('**/operateur/lti?fait=1'),
      page.getByRole('button', { name: 'Enregistrer la plateforme' }).click(),
    ]);
    await page.getByRole('link', { name: 'Éléa' }).click();
    assert.equal(pathOf(page), '/operateur/lti/1');
    await expectNoViolation(page, '/operateur/lti/1');
    await page.getByLabel('Numéro du groupe des élèves').fill('999');
    await page.getByRole('button', { name: 'Enregistrer les corrections' }).click();
    await assert.doesNotReject(page.getByText('Le groupe n° « 999 » n\'existe pas').first().waitFor());
    await expectNoViolation(page, 'the LTI edit form with an error');
    await page.goto('/operateur/lti/1/supprimer');
    await assert.doesNotReject(page.getByText('Aucun compte n\'est relié à cette plateforme.').waitFor());
    await expectNoViolation(page, '/operateur/lti/1/supprimer');
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
