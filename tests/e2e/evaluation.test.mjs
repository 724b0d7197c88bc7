// The indicators in a real browser: the pagehide beacon of ardoise.js
// records a "hide" event when a child leaves a page, and the dashboards of
// the administrateur and the financeur pass axe with no violation.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { contextOptions, formatViolations, launchChromium, runAxe } from './browser.mjs';
import { CHILD_NAME, adultSignInWithMouse, childSignInWithMouse, queryDatabase } from './journeys.mjs';
import { findChild, startArdoise } from './server.mjs';

/** The flusher writes queued events once a second; wait a little longer. */
const FLUSH_WAIT_MS = 2500;

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

test('leaving a page sends the pagehide beacon', async () => {
  const context = await browser.newContext(contextOptions(server.baseURL));
  const page = await context.newPage();

  try {
    await childSignInWithMouse(page, findChild(server.logins, CHILD_NAME), async () => {});
    await Promise.all([page.waitForURL('**/eleve/resultats'), page.locator('a[href="/eleve/resultats"]').first().click()]);
    await page.waitForTimeout(FLUSH_WAIT_MS);
    const rows = await queryDatabase(server,
      "SELECT action, count(*) FROM usage_event WHERE account_id = 3 GROUP BY action ORDER BY action");
    const counts = Object.fromEntries(rows.map(([action, count]) => [action, Number(count)]));
    assert.equal(counts['sign-in'], 1, `one sign-in event, got ${JSON.stringify(counts)}`);
    assert.ok(counts.hide >= 1, `a hide event when /eleve was left, got ${JSON.stringify(counts)}`);
    assert.ok(counts.page >= 2, `page events for /eleve and /eleve/resultats, got ${JSON.stringify(counts)}`);
  } finally {
    await context.close();
  }
});

for (const [role, path] of [['administrateur', '/statistiques/structure/1'], ['financeur', '/statistiques/organisation/4']]) {
  test(`axe on the ${role}'s dashboard`, async () => {
    const context = await browser.newContext(contextOptions(server.baseURL));
    const page = await context.newPage();

    try {
      await adultSignInWithMouse(page, server.logins.adults[role]);
      const response = await page.goto(path);
      assert.equal(response.status(), 200);
      assert.ok(await page.locator('svg[role=img], table.data').count() > 0, 'figures or a chart on the page');
      const audit = await runAxe(page);
      assert.equal(audit.violations.length, 0, `${audit.violations.length} axe violation(s) on ${path}:\n${formatViolations(audit.violations)}`);
    } finally {
      await context.close();
    }
  });
}

/** Fails with the violations when axe finds any on the page. */
async function expectNoViolation(page) {
  const audit = await runAxe(page);
  assert.equal(audit.violations.length, 0, `${audit.violations.length} axe violation(s) on ${page.url()}:\n${formatViolations(audit.violations)}`);
}

test('a survey built by the administrateur and answered by a child', async () => {
  const adultContext = await browser.newContext(contextOptions(server.baseURL));
  const adultPage = await adultContext.newPage();
  const childContext = await browser.newContext(contextOptions(server.baseURL));
  const childPage = await childContext.newPage();

  try {
    await adultSignInWithMouse(adultPage, server.logins.adults.administrateur);
    await adultPage.goto('/enquetes');
    await expectNoViolation(adultPage);
    await adultPage.locator('#titre').fill('Ardoise et toi');
    await adultPage.locator('#public').selectOption('enfants');
    await adultPage.locator('#structure').selectOption('1');
    await adultPage.locator('#type1').selectOption('smileys');
    await adultPage.locator('#question1').fill('Tu aimes Ardoise ?');
    await Promise.all([adultPage.waitForURL(/\/enquetes\/\d+$/), adultPage.getByRole('button', { name: "Créer l'enquête" }).click()]);
    const resultsPath = new URL(adultPage.url()).pathname;

    await childSignInWithMouse(childPage, findChild(server.logins, CHILD_NAME), async () => {});
    await expectNoViolation(childPage);
    await Promise.all([childPage.waitForURL(/\/enquete\/\d+$/), childPage.getByRole('link', { name: 'Répondre' }).click()]);
    await expectNoViolation(childPage);
    await childPage.getByRole('radio', { name: 'Content', exact: true }).check();
    await Promise.all([childPage.waitForURL('**/eleve'), childPage.getByRole('button', { name: 'Envoyer' }).click()]);
    assert.equal(await childPage.getByText('Une petite question pour toi').count(), 0, 'no invitation once answered');

    await adultPage.goto(resultsPath);
    await expectNoViolation(adultPage);
    assert.match(await adultPage.locator('main').innerText(), /Content\s+1\s+100 %/);
  } finally {
    await adultContext.close();
    await childContext.close();
  }
});
