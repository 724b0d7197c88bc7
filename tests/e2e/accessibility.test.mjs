// axe-core audit of every page that the browser tests visit, with axe's
// default rules (WCAG 2.x A and AA, and best practices). Any violation fails,
// one subtest per page so that each page reports its own violations.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { contextOptions, formatViolations, launchChromium, runAxe } from './browser.mjs';
import {
  CHILD_NAME,
  NUMBERS_ACTIVITY,
  NUMBERS_ACTIVITY_WRONG,
  adultJourney,
  answerActivityWithMouse,
  childJourneyWithMouse,
  childSignInWithMouse,
  fillActivityWithMouse,
} from './journeys.mjs';
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

/** Runs `journey(page, onPage)` in a new context and returns [{ name, url, violations, incomplete }]. */
async function auditJourney(journey, options = {}) {
  const context = await browser.newContext(contextOptions(server.baseURL, options));
  const page = await context.newPage();
  const audits = [];

  try {
    await journey(page, async (name) => {
      audits.push({ name, url: page.url(), ...(await runAxe(page)) });
    });
  } finally {
    await context.close();
  }
  return audits;
}

/** Adds one subtest per audited page, failing on any violation. */
async function reportAudits(t, audits) {
  for (const audit of audits) {
    await t.test(`axe on ${audit.name}`, (st) => {
      for (const check of audit.incomplete)
        st.diagnostic(`needs review: ${check.id} on ${check.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`);
      assert.equal(audit.violations.length, 0,
        `${audit.violations.length} axe violation(s) on ${audit.url}:\n${formatViolations(audit.violations)}`);
    });
  }
}

test('axe on the child journey pages', async (t) => {
  const child = findChild(server.logins, CHILD_NAME);
  const audits = await auditJourney((page, onPage) => childJourneyWithMouse(page, child, onPage));
  assert.ok(audits.length >= 9, `pages audited: ${audits.map((a) => a.name).join(', ')}`);
  await reportAudits(t, audits);
});

test('axe on the picture page after one pick', async (t) => {
  const child = findChild(server.logins, CHILD_NAME);
  const audits = await auditJourney(async (page, onPage) => {
    await page.goto(`/connexion/enfant/${child.code}`);
    await page.locator('a.name', { hasText: child.name }).click();
    await page.waitForURL(/\/connexion\/enfant\/[^/]+\/\d+$/);
    await page.locator(`button.picture[value="${child.pictures[0]}"]`).click();
    await page.locator('.picture-progress li.filled').waitFor();
    await onPage('connexion-enfant-images-1');
  });
  await reportAudits(t, audits);
});

test('axe on a result page with wrong answers', async (t) => {
  const child = findChild(server.logins, CHILD_NAME);
  const audits = await auditJourney(async (page, onPage) => {
    await childSignInWithMouse(page, child, async () => {});
    await page.goto(`/activite/${NUMBERS_ACTIVITY.id}`);
    await answerActivityWithMouse(page, NUMBERS_ACTIVITY_WRONG);
    await onPage('eleve-resultat-faux');
  });
  await reportAudits(t, audits);
});

test('axe on an activity with an invalid number', async (t) => {
  const child = findChild(server.logins, CHILD_NAME);
  const invalid = {
    ...NUMBERS_ACTIVITY,
    answers: NUMBERS_ACTIVITY.answers.map((a) => (a.kind === 'numeric' ? { ...a, value: 'douze' } : a)),
  };
  const audits = await auditJourney(async (page, onPage) => {
    await childSignInWithMouse(page, child, async () => {});
    await page.goto(`/activite/${NUMBERS_ACTIVITY.id}`);
    await fillActivityWithMouse(page, invalid);
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: 'Valider mes réponses' }).click(),
    ]);
    await onPage(`eleve-activite-erreur (${new URL(page.url()).pathname})`);
  });
  await reportAudits(t, audits);
});

test('axe on the child home page at 360×740', async (t) => {
  const child = findChild(server.logins, CHILD_NAME);
  const audits = await auditJourney(async (page, onPage) => {
    await childSignInWithMouse(page, child, async () => {});
    await onPage('eleve-accueil-360');
  }, { viewport: { width: 360, height: 740 } });
  await reportAudits(t, audits);
});

test('axe on the adult pages', async (t) => {
  const adult = server.logins.adults.accompagnateur;
  const audits = await auditJourney(async (page, onPage) => {
    await adultJourney(page, adult, onPage);

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL('**/connexion');
    await page.locator('#login').fill(adult.login);
    await page.locator('#password').fill(`${adult.password}x`);
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: 'Se connecter' }).click(),
    ]);
    await onPage('connexion-mot-de-passe-faux');
  });
  await reportAudits(t, audits);
});

test('axe on the personal-data export and erasure pages', async (t) => {
  const admin = server.logins.adults.administrateur;
  const audits = await auditJourney(async (page, onPage) => {
    await adultJourney(page, admin, onPage);
    // Account 3 is the demo's first child.
    await page.goto('/admin/compte/3/donnees');
    await page.getByRole('heading', { name: "Journal d'utilisation" }).waitFor();
    await onPage('admin-donnees');
    await page.goto('/admin/compte/3/effacer');
    await onPage('admin-effacer');
  });
  assert.ok(audits.some((a) => a.name === 'admin-donnees'), `pages audited: ${audits.map((a) => a.name).join(', ')}`);
  await reportAudits(t, audits);
});

// Without JavaScript the server renders each dot's hidden text ("choisie" or
// "à choisir"). With JavaScript the picks stay in the page, so the script must
// keep that text in step for screen readers.
test('picture progress text follows the picks', async () => {
  const child = findChild(server.logins, CHILD_NAME);
  const context = await browser.newContext(contextOptions(server.baseURL));
  const page = await context.newPage();
  const dotTexts = () => page.locator('.picture-progress li.dot').allTextContents();

  try {
    await page.goto(`/connexion/enfant/${child.code}`);
    await Promise.all([
      page.waitForURL(/\/connexion\/enfant\/[^/]+\/\d+$/),
      page.locator('a.name', { hasText: child.name }).click(),
    ]);
    assert.deepEqual(await dotTexts(), ['à choisir', 'à choisir', 'à choisir'], 'dots before any pick');

    await page.locator(`button.picture[value="${child.pictures[0]}"]`).click();
    assert.equal(await page.locator('.picture-progress li.filled').count(), 1, 'one dot filled after one pick');
    assert.deepEqual(await dotTexts(), ['choisie', 'à choisir', 'à choisir'], 'dot texts after one pick');

    await page.getByRole('button', { name: 'Recommencer' }).click();
    assert.equal(await page.locator('.picture-progress li.filled').count(), 0, 'no dot filled after "Recommencer"');
    assert.deepEqual(await dotTexts(), ['à choisir', 'à choisir', 'à choisir'], 'dot texts after "Recommencer"');
  } finally {
    await context.close();
  }
});
