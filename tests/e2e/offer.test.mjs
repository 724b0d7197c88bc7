// The offer's pages in a browser. The administrateur requests seats from
// "Licence et soutien" and gives the tutoring option; the opérateur
// publishes the issuer, issues the quote and the invoice with the mouse and
// opens the invoice PDF; an accompagnateur opens the training space and a
// module. axe-core audits every page visited.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { contextOptions, createPageChecks, launchChromium } from './browser.mjs';
import { adultSignInWithMouse, expectPdf, normalizeSpaces, pathOf } from './journeys.mjs';
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

/** Runs `journey(page)` signed in as the demo adult of `role` in a new context. */
async function asAdult(role, journey) {
  const context = await browser.newContext(contextOptions(server.baseURL));
  const page = await context.newPage();
  try {
    await adultSignInWithMouse(page, server.logins.adults[role]);
    await journey(page);
  } finally {
    await context.close();
  }
}

/** Clicks a submit button and waits for the page it loads. */
async function submit(page, button) {
  await Promise.all([page.waitForEvent('load'), button.click()]);
}

test('offer journey, administrateur then opérateur', async (t) => {
  const checks = createPageChecks('offre');

  await asAdult('administrateur', async (page) => {
    await page.goto('/admin/structure/1');
    await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: 'Licence et soutien' }).click()]);
    assert.equal(pathOf(page), '/admin/structure/1/licence');
    assert.match(normalizeSpaces(await page.locator('#licence').innerText()), /Il reste 24 places sur la licence \d{4}-\d{4}/);
    await checks.check(page, 'licence');

    await page.locator('#places').fill('12');
    await page.locator('#places_soutien').fill('4');
    await page.locator('#adresse').fill('1 place du Capitole, 31000 Toulouse');
    await submit(page, page.getByRole('button', { name: 'Envoyer la demande' }));
    assert.match(await page.locator('.flash').first().innerText(), /C'est enregistré/);

    const noah = page.locator('tr', { hasText: 'Noah B.' });
    await submit(page, noah.getByRole('button', { name: 'Donner le soutien' }));
    assert.equal(await page.locator('tr', { hasText: 'Noah B.' }).getByRole('button', { name: 'Retirer le soutien' }).count(), 1);
  });

  await asAdult('opérateur', async (page) => {
    await page.goto('/offre');
    await checks.check(page, 'tableau-de-bord');
    await page.goto('/offre/tarifs');
    await checks.check(page, 'tarifs');
    await page.locator('#nom').fill('Ardoise SAS');
    await page.locator('form[action="/offre/emetteur"] #adresse').fill('2 rue Ozenne, 31000 Toulouse');
    await page.locator('#siret').fill('12345678901234');
    await submit(page, page.getByRole('button', { name: "Enregistrer l'émetteur" }));

    await page.goto('/offre/demandes');
    await checks.check(page, 'demandes');
    await submit(page, page.getByRole('button', { name: 'Émettre le devis' }));
    await submit(page, page.getByRole('button', { name: 'Émettre la facture' }));
    const invoice = page.getByRole('link', { name: /^F\d{4}-0001$/ });
    assert.equal(await invoice.count(), 1, 'the invoice link is listed');
    await expectPdf(page, await invoice.getAttribute('href'));
    await checks.check(page, 'demandes-facturee');

    await page.goto('/offre/formations');
    await checks.check(page, 'formations');
  });

  await checks.report(t);
});

test('training space, accompagnateur', async (t) => {
  const checks = createPageChecks('formation');

  await asAdult('accompagnateur', async (page) => {
    await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: 'Formation' }).click()]);
    assert.equal(pathOf(page), '/formation');
    await checks.check(page, 'accueil');
    await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: /Travailler avec l’erreur/ }).click()]);
    await page.locator('details summary').first().click();
    await checks.check(page, 'module');
  });

  await checks.report(t);
});
