// The learning path in a real browser. Inès (CM1) fails the J'explore
// problem of the crêpes, then gets the help of the result page and the
// steps marked "conseillé" on the path. She succeeds on later tries, and
// the accompagnateur's table of the group follows her. axe-core audits
// every page visited.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { contextOptions, createPageChecks, launchChromium } from './browser.mjs';
import { adultSignInWithMouse, answerActivityWithMouse, childSignInWithMouse, normalizeSpaces, pathOf } from './journeys.mjs';
import { findChild, startArdoise } from './server.mjs';

const PATH_ID = 'parcours-maths-cm1-partage-des-crepes';
const PROBLEM_ID = 'maths-cm1-probleme-partage-des-crepes';
const FRACTIONS_LABEL = 'Utiliser et représenter des fractions simples';

/** Answers of the crêpes problem, wrong then right. */
const PROBLEM_WRONG = {
  answers: [
    { kind: 'numeric', value: '4' },
    { kind: 'numeric', value: '8' },
    { kind: 'choice', text: '1/3' },
    { kind: 'numeric', value: '4' },
    { kind: 'numeric', value: '5' },
  ],
};
const PROBLEM_RIGHT = {
  answers: [
    { kind: 'numeric', value: '3' },
    { kind: 'numeric', value: '9' },
    { kind: 'choice', text: '1/4' },
    { kind: 'numeric', value: '4,5' },
    { kind: 'numeric', value: '4,5' },
  ],
};

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

/** Returns the text of `child`'s cell in the column of `label` of the group table. */
async function levelCell(page, child, label) {
  const headers = (await page.locator('table.progres thead th').allInnerTexts()).map(normalizeSpaces);
  const column = headers.indexOf(label);
  assert.ok(column > 0, `a column for "${label}" in ${headers.join(' | ')}`);
  const row = page.locator('table.progres tbody tr').filter({ has: page.locator('th', { hasText: child }) });
  assert.equal(await row.count(), 1, `one row for ${child}`);
  return normalizeSpaces(await row.locator('th, td').nth(column).innerText());
}

test('a child fails, gets help, succeeds, and the group table follows', async (t) => {
  const checks = createPageChecks('parcours');
  const child = findChild(server.logins, 'Inès K.');
  const childContext = await browser.newContext(contextOptions(server.baseURL));
  const adultContext = await browser.newContext(contextOptions(server.baseURL));
  const kid = await childContext.newPage();
  const adult = await adultContext.newPage();

  try {
    await adultSignInWithMouse(adult, server.logins.adults.accompagnateur);
    await adult.goto('/groupe/1/progres');
    await checks.check(adult, 'groupe-progres-avant');
    assert.match(await adult.locator('main').innerText(), /Aucun enfant du groupe n'a encore fait d'activité/);

    await childSignInWithMouse(kid, child, async () => {});
    await kid.goto(`/ressource/${PATH_ID}`);
    await checks.check(kid, 'parcours');
    assert.match(await kid.locator('main').innerText(), /Commence par essayer le problème/);
    await Promise.all([kid.waitForURL(`**/activite/${PROBLEM_ID}`), kid.locator('.explore-problem a.btn').click()]);

    // First try: wrong. The result page offers the fraction sheet, step by step.
    await answerActivityWithMouse(kid, PROBLEM_WRONG);
    const help = kid.locator('section.remediation');
    await assert.doesNotReject(help.waitFor(), 'a "Pour t\'aider" section after a failed try');
    assert.ok(await help.locator('a[href="/ressource/fiche-maths-fractions"]').count() === 1, 'the fraction sheet is offered');
    await checks.check(kid, 'resultat-aide');

    // The path now marks the steps that build the missing skill.
    await kid.goto(`/ressource/${PATH_ID}`);
    const advised = kid.locator('.explore-steps li', { hasText: 'conseillé' });
    assert.ok(await advised.count() >= 1, 'at least one step marked "conseillé"');
    await Promise.all([kid.waitForURL('**/ressource/fiche-maths-fractions'), kid.locator('.explore-steps a[href="/ressource/fiche-maths-fractions"]').click()]);
    await checks.check(kid, 'fiche-conseillee');

    // The accompagnateur sees Inès "en cours" on fractions.
    await adult.reload();
    assert.equal(await levelCell(adult, 'Inès K.', FRACTIONS_LABEL), 'en cours');

    // Three right tries: the problem is solved and the level rises to acquis.
    for (let i = 0; i < 3; i++) {
      await kid.goto(`/activite/${PROBLEM_ID}`);
      await answerActivityWithMouse(kid, PROBLEM_RIGHT);
      assert.equal(await kid.locator('section.remediation').count(), 0, 'no help section after a full score');
    }
    await kid.goto(`/ressource/${PATH_ID}`);
    assert.match(await kid.locator('main').innerText(), /Bravo, tu as résolu le problème/);
    await checks.check(kid, 'parcours-reussi');

    await adult.reload();
    assert.equal(await levelCell(adult, 'Inès K.', FRACTIONS_LABEL), 'acquis');
    await checks.check(adult, 'groupe-progres-apres');
    assert.equal(pathOf(adult), '/groupe/1/progres');
  } finally {
    await childContext.close();
    await adultContext.close();
  }
  await checks.report(t);
});
