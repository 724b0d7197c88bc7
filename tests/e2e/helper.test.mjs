// The accompagnateur's pages: sign-in with the password that the demo
// prints, the group from the home page, a child locked by wrong pictures
// then unlocked, a child's pictures and card PDF, and the group page on a
// 360 px screen. axe-core audits every page visited, and the main pages are
// kept as accompagnateur-*.png captures.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { contextOptions, createPageChecks, launchChromium, measureOverflow, saveArtifact, saveCapture } from './browser.mjs';
import {
  adultSignInWithMouse,
  childSignInWithMouse,
  childSignInWithWrongPictures,
  expectPdf,
  normalizeSpaces,
  pathOf,
  queryDatabase,
} from './journeys.mjs';
import { findChild, startArdoise } from './server.mjs';

const GROUP_NAME = 'Les Hiboux';

/** The demo children of GROUP_NAME, all followed by the accompagnateur. */
const GROUP_CHILDREN = ['Adam T.', 'Chloé P.', 'Inès K.', 'Léa M.', 'Noah B.', 'Yanis D.'];

/** Wrong picture sequences that lock a child's sign-in (LOGIN_MAX_FAILURES_PER_ACCOUNT in src/auth/session.h). */
const FAILURES_TO_LOCK = 5;

const WRONG_PICTURES = 'Ce ne sont pas les bonnes images. Recommence tranquillement.';
const LOCKED_MESSAGE = /Tu as fait beaucoup d'essais/;
const PHONE_WIDTH = 360;

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

/** Returns the row of the group table whose child is `name` ("Noah B."). */
function childRow(page, name) {
  return page.locator('table.data tbody tr').filter({ has: page.locator('td:first-child', { hasText: name }) });
}

/** Returns the text of the "Connexion" cell of `name`'s row, spaces normalized. */
async function signInState(page, name) {
  const row = childRow(page, name);
  assert.equal(await row.count(), 1, `one row for ${name} in the group table`);
  return normalizeSpaces(await row.locator('td').last().innerText());
}

/**
 * Locks `child`'s sign-in in a context of its own: FAILURES_TO_LOCK wrong
 * picture sequences, then the right one, which the lock must reject.
 */
async function lockChild(child) {
  const context = await browser.newContext(contextOptions(server.baseURL));
  const page = await context.newPage();

  try {
    for (let i = 1; i <= FAILURES_TO_LOCK; i++)
      assert.equal(await childSignInWithWrongPictures(page, child), WRONG_PICTURES, `${child.name}: wrong pictures, attempt ${i}`);

    await page.goto(`/connexion/enfant/${child.code}`);
    await Promise.all([
      page.waitForURL(/\/connexion\/enfant\/[^/]+\/\d+$/),
      page.locator('a.name', { hasText: child.name }).click(),
    ]);
    await page.locator(`button.picture[value="${child.pictures[0]}"]`).click();
    await page.locator(`button.picture[value="${child.pictures[1]}"]`).click();
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.locator(`button.picture[value="${child.pictures[2]}"]`).click(),
    ]);
    await page.waitForLoadState('load');
    assert.equal(response.status(), 429, `${child.name}: the right pictures are refused once locked`);
    assert.match(await page.locator('[role=alert]').innerText(), LOCKED_MESSAGE);
    assert.notEqual(pathOf(page), '/eleve');
  } finally {
    await context.close();
  }
}

test('demo adults need no password change', async () => {
  const rows = await queryDatabase(server,
    "SELECT login, must_change_password FROM account WHERE login IN ('admin.demo', 'anim.demo', 'operateur.demo', 'financeur.demo') ORDER BY login");
  assert.deepEqual(rows, [['admin.demo', '0'], ['anim.demo', '0'], ['financeur.demo', '0'], ['operateur.demo', '0']]);
});

test('accompagnateur journey', async (t) => {
  const checks = createPageChecks('accompagnateur');
  const context = await browser.newContext(contextOptions(server.baseURL));
  const page = await context.newPage();
  const adult = server.logins.adults.accompagnateur;
  const locked = findChild(server.logins, 'Noah B.');
  const carded = findChild(server.logins, 'Léa M.');

  try {
    // The password printed by the demo works and needs no change.
    assert.equal(adult.login, 'anim.demo');
    await adultSignInWithMouse(page, adult);
    await checks.check(page, 'accueil');
    await page.goto('/compte');
    assert.equal(pathOf(page), '/compte');
    assert.doesNotMatch(await page.locator('main').innerText(), /provisoire/, 'no request to change a temporary password on /compte');
    await checks.check(page, 'compte');

    // The group, one click from the home page.
    await page.goto('/accueil');
    await Promise.all([
      page.waitForURL(/\/groupe\/\d+$/),
      page.locator('#mes-groupes + ul a', { hasText: GROUP_NAME }).click(),
    ]);
    const groupPath = pathOf(page);
    assert.equal(await page.locator('h1').innerText(), GROUP_NAME);
    assert.equal(await page.locator('table.data caption').innerText(), 'Les enfants du groupe');
    const names = await page.locator('table.data tbody tr td:first-child').allInnerTexts();
    assert.deepEqual(names.map(normalizeSpaces), GROUP_CHILDREN, 'children of the group, sorted by first name');
    for (const name of GROUP_CHILDREN)
      assert.equal(await signInState(page, name), 'possible Images et carte Questions au tuteur', `${name}: sign-in possible`);
    await checks.check(page, 'groupe');
    await saveCapture(page, 'accompagnateur-groupe.png');

    // A child locked by wrong pictures on another device, then unlocked.
    await lockChild(locked);
    await page.reload();
    assert.equal(await signInState(page, locked.name), 'bloquée Débloquer Images et carte Questions au tuteur', `${locked.name}: locked`);
    await checks.check(page, 'groupe-enfant-bloque');
    await saveCapture(page, 'accompagnateur-groupe-enfant-bloque.png');

    await Promise.all([
      page.waitForURL((url) => url.search === '?fait=1'),
      childRow(page, locked.name).getByRole('button', { name: 'Débloquer' }).click(),
    ]);
    assert.equal(pathOf(page), groupPath, 'unlocking comes back to the group page');
    assert.match(await page.locator('.flash-success').innerText(), /C'est fait/);
    assert.equal(await signInState(page, locked.name), 'possible Images et carte Questions au tuteur', `${locked.name}: unlocked`);
    await checks.check(page, 'groupe-debloque');

    await t.test('unlocked child signs in', async () => {
      const childContext = await browser.newContext(contextOptions(server.baseURL));
      try {
        await childSignInWithMouse(await childContext.newPage(), locked, async () => {});
      } finally {
        await childContext.close();
      }
    });

    // A child's pictures and card.
    await Promise.all([
      page.waitForURL(/\/eleve\/\d+\/carte$/),
      childRow(page, carded.name).getByRole('link', { name: 'Images et carte' }).click(),
    ]);
    assert.equal(normalizeSpaces(await page.locator('h1').innerText()), `Les images de ${carded.name}`);
    const pictures = await page.locator('ol.picture-sequence img').evaluateAll((images) =>
      images.map((img) => ({ src: img.getAttribute('src'), loaded: img.complete && img.naturalWidth > 0 })));
    assert.deepEqual(pictures.map((p) => p.src), carded.pictures.map((name) => `/static/img/pictures/${name}.svg`),
      `the pictures of ${carded.name}, in the order of the demo logins`);
    assert.ok(pictures.every((p) => p.loaded), `every picture loaded: ${JSON.stringify(pictures)}`);
    await checks.check(page, 'carte');
    await saveCapture(page, 'accompagnateur-carte.png');

    const pdfHref = await page.getByRole('link', { name: 'Imprimer sa carte' }).getAttribute('href');
    assert.equal(pdfHref, `${pathOf(page)}.pdf`);
    await expectPdf(page, pdfHref);
  } catch (err) {
    await saveArtifact(page, 'accompagnateur-failure').catch(() => {});
    throw err;
  } finally {
    await context.close();
  }
  await checks.report(t);
});

// The widest row of the group table has a locked child: "bloquée", the
// "Débloquer" button and the card link share one cell.
test('group page at 360 px with a locked child', async (t) => {
  const checks = createPageChecks('accompagnateur-360');
  const context = await browser.newContext(contextOptions(server.baseURL, { viewport: { width: PHONE_WIDTH, height: 740 } }));
  const page = await context.newPage();
  const locked = findChild(server.logins, 'Inès K.');

  try {
    await lockChild(locked);
    await adultSignInWithMouse(page, server.logins.adults.accompagnateur);
    await Promise.all([
      page.waitForURL(/\/groupe\/\d+$/),
      page.locator('#mes-groupes + ul a', { hasText: GROUP_NAME }).click(),
    ]);
    assert.match(await signInState(page, locked.name), /^bloquée Débloquer/, `${locked.name}: locked`);
    await checks.check(page, 'groupe-enfant-bloque');

    const { scrollWidth, wide, stackedOverflow } = await measureOverflow(page, PHONE_WIDTH);
    await t.test('no horizontal scroll', () => {
      assert.ok(scrollWidth <= PHONE_WIDTH,
        `${page.url()} scrolls sideways: scrollWidth ${scrollWidth} > ${PHONE_WIDTH}; wider elements: ${wide.join(', ')}`);
    });
    await t.test('stacked table fits', () => {
      assert.deepEqual(stackedOverflow, [], `table.stack wider than its .table-wrap on ${page.url()}`);
    });
  } finally {
    await context.close();
  }
  await checks.report(t);
});
