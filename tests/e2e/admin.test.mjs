// The administrateur's pages. The mouse journey goes from the home page
// through a new group, a new child, a class-list import, the cards PDF, a
// card sign-in on a tablet and a deactivation. The child form is then filled
// with the keyboard only, and the structure and group pages are measured on
// a 360 px screen. axe-core audits every page visited, and the main pages
// are kept as administrateur-*.png captures.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  contextOptions,
  createPageChecks,
  describeFocus,
  launchChromium,
  measureOverflow,
  pressTabUntil,
  saveArtifact,
  saveCapture,
} from './browser.mjs';
import {
  adultSignInWithMouse,
  expectPdf,
  normalizeSpaces,
  pathOf,
  queryDatabase,
} from './journeys.mjs';
import { repoRoot, startArdoise } from './server.mjs';

const STRUCTURE_NAME = 'Association de démonstration';
const STRUCTURE_CODE = 'DEMO';
const NEW_GROUP = 'Les Castors';

/** A class list in Windows-1252 with ";" between the columns: the ordinary "CSV" of Excel on Windows. */
const ROSTER_FILE = path.join(repoRoot, 'tests/data/roster/classe-windows-1252-point-virgule.csv');

/** The children of ROSTER_FILE as the preview shows them: first name, initial, level, group. */
const ROSTER_CHILDREN = [
  ['Noël', 'M.', 'CM1', 'Les Hiboux'],
  ['Awa', 'N.', 'CE2', 'Les Hiboux'],
  ['Paul', 'D.', 'CM2', 'Les Hiboux'],
  ['Œdipe', 'L.', '6e', 'Les Renards'],
  ['Zoë', 'B.', 'CM2', 'Les Renards'],
  ['François', 'L.', 'CM1', 'Les Renards'],
  ['Maëlys', 'Ç.', 'CE2', ''],
];

/** The imported child who signs in on the tablet with the card, then is deactivated. */
const CARD_CHILD = { firstName: 'Zoë', initial: 'B.' };

/** The children of "Les Hiboux" in the demo, before the import adds three. */
const DEMO_GROUP_CHILDREN = 6;

/** Time for the import status page to reach 100 %. The page reloads itself every 2 s. */
const IMPORT_TIMEOUT_MS = 30000;

/** The child form's submit button, told apart from the header's "Se déconnecter", which is a submit button too. */
const SUBMIT = 'form[action$="/eleve"] button[type=submit]';

const TABLET = { viewport: { width: 820, height: 1180 }, hasTouch: true };
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

/** Clicks `locator` and waits for the next page, whose path must differ from the current one unless `samePath`. */
async function clickAndWait(page, locator, samePath = false) {
  const before = pathOf(page);
  await Promise.all([
    samePath ? page.waitForEvent('load') : page.waitForURL((url) => url.pathname !== before),
    locator.click(),
  ]);
}

/** Returns the rows of the people table of the structure page as { name, role, level, login, state } objects. */
async function peopleRows(page) {
  const rows = page.locator('#personnes ~ .table-wrap table tbody tr');
  const result = [];
  for (const cells of await rows.evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((td) => td.innerText))))
    result.push({ name: normalizeSpaces(cells[0]), role: cells[1], level: cells[2], login: cells[3], state: normalizeSpaces(cells[4]) });
  return result;
}

/** Returns the group links of the structure page as { name, text } objects, text being the whole list item. */
async function groupItems(page) {
  return page.locator('#groupes + ul li').evaluateAll((items) =>
    items.map((li) => ({ name: li.querySelector('a')?.innerText.trim() ?? '', text: li.innerText.replace(/\s+/g, ' ').trim() })));
}

/**
 * Checks that the structure page lists `group` with `count` children. The
 * wording of the count is a subtest of `t`, so that a wrong plural does not
 * stop the journey: French puts 0 and 1 in the singular ("1 élève").
 */
async function expectGroupCount(t, page, group, count) {
  const item = (await groupItems(page)).find((g) => g.name === group);
  assert.ok(item, `${group} in the list of groups: ${JSON.stringify(await groupItems(page))}`);
  const parts = item.text.match(/\((\d+) (élèves?)\)$/);
  assert.ok(parts, `${group}: the item "${item.text}" ends with "(N élèves)"`);
  assert.equal(Number(parts[1]), count, `${group}: children counted in "${item.text}"`);
  await t.test(`"${group}" count ${count} in French plural`, () => {
    assert.equal(item.text, `${group} (${count} ${count > 1 ? 'élèves' : 'élève'})`);
  });
}

/**
 * Checks the pictures of a new child's page: three items, each an image
 * that loaded from /static/img/pictures/ and a word. Returns the picture
 * names taken from the image files, in order.
 */
async function expectPictureSequence(page) {
  const items = page.locator('ol.picture-sequence li');
  assert.equal(await items.count(), 3, 'three pictures in ol.picture-sequence');

  const pictures = [];
  for (let i = 0; i < 3; i++) {
    const image = items.nth(i).locator('img');
    const info = await image.evaluate((img) => ({
      src: img.getAttribute('src'),
      alt: img.getAttribute('alt'),
      loaded: img.complete && img.naturalWidth > 0,
      text: img.parentElement.innerText.trim(),
    }));
    const name = info.src.match(/^\/static\/img\/pictures\/([a-z0-9-]+)\.svg$/);
    assert.ok(name, `picture ${i + 1}: src ${info.src} is an SVG of /static/img/pictures/`);
    assert.ok(info.loaded, `picture ${i + 1}: ${info.src} loaded`);
    assert.equal(info.alt, '', `picture ${i + 1}: the image is decorative, the word beside it names it`);
    assert.ok(info.text.length > 0, `picture ${i + 1}: a word names the picture`);
    pictures.push(name[1]);
  }
  return pictures;
}

/** Waits until the import status page reads "Import terminé" or "Import interrompu", across its own reloads. */
async function waitForImportDone(page) {
  await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Import terminé' || document.querySelector('h1')?.textContent === 'Import interrompu',
    null, { timeout: IMPORT_TIMEOUT_MS, polling: 250 });
  await page.waitForLoadState('load');
}

test('administrateur journey with the mouse', async (t) => {
  const checks = createPageChecks('administrateur');
  const context = await browser.newContext(contextOptions(server.baseURL));
  const page = await context.newPage();
  const tablet = await browser.newContext(contextOptions(server.baseURL, TABLET));
  const tabletPage = await tablet.newPage();
  const admin = server.logins.adults.administrateur;

  try {
    await adultSignInWithMouse(page, admin);
    await checks.check(page, 'accueil');
    await saveCapture(page, 'administrateur-accueil.png');

    // The structure page, two clicks from the home page.
    await clickAndWait(page, page.getByRole('link', { name: 'Gérer les structures et les comptes' }));
    assert.equal(pathOf(page), '/admin', 'first click: the list of structures');
    await checks.check(page, 'structures');
    await clickAndWait(page, page.locator('main a', { hasText: STRUCTURE_NAME }));
    assert.match(pathOf(page), /^\/admin\/structure\/\d+$/, 'second click: the structure page');
    const structurePath = pathOf(page);
    assert.equal(await page.locator('h1').innerText(), STRUCTURE_NAME);
    assert.match(await page.locator('main .lead').innerText(), new RegExp(`code ${STRUCTURE_CODE}\\b`));
    await checks.check(page, 'structure');
    await saveCapture(page, 'administrateur-structure.png');

    // A new group.
    await page.getByLabel('Nouveau groupe').click();
    await page.getByLabel('Nouveau groupe').fill(NEW_GROUP);
    await clickAndWait(page, page.getByRole('button', { name: 'Créer le groupe' }), true);
    assert.equal(pathOf(page), structurePath, 'the group form comes back to the structure page');
    assert.match(await page.locator('.flash-success').innerText(), /C'est enregistré/);
    await expectGroupCount(t, page, NEW_GROUP, 0);
    await checks.check(page, 'structure-groupe-cree');

    // A child through the form, in the new group.
    await clickAndWait(page, page.getByRole('link', { name: 'Ajouter un élève' }));
    assert.equal(pathOf(page), `${structurePath}/eleve`);
    await checks.check(page, 'eleve-nouveau');
    await saveCapture(page, 'administrateur-eleve-nouveau.png');
    await page.getByLabel('Prénom').click();
    await page.getByLabel('Prénom').fill('Jules');
    await page.getByLabel('Initiale du nom').click();
    await page.getByLabel('Initiale du nom').fill('R');
    await page.getByLabel('Niveau').selectOption('CM1');
    await page.getByLabel(NEW_GROUP).check();
    await clickAndWait(page, page.getByRole('button', { name: "Créer l'élève" }), true);
    assert.equal(normalizeSpaces(await page.locator('h1').innerText()), 'Jules est inscrit');
    const julesPictures = await expectPictureSequence(page);
    await checks.check(page, 'eleve-cree');
    await saveCapture(page, 'administrateur-eleve-cree.png');

    // The pictures shown are the ones that sign Jules in.
    await t.test('new child signs in with the pictures shown', async () => {
      const childContext = await browser.newContext(contextOptions(server.baseURL));
      const childPage = await childContext.newPage();
      try {
        await childPage.goto(`/connexion/enfant/${STRUCTURE_CODE}`);
        await clickAndWait(childPage, childPage.locator('a.name', { hasText: 'Jules R.' }));
        for (let i = 0; i < julesPictures.length; i++) {
          const button = childPage.locator(`button.picture[value="${julesPictures[i]}"]`);
          if (i < julesPictures.length - 1)
            await button.click();
          else
            await Promise.all([childPage.waitForURL('**/eleve'), button.click()]);
        }
        assert.equal(pathOf(childPage), '/eleve');
        assert.match(await childPage.locator('h1').innerText(), /Bonjour Jules/);
      } finally {
        await childContext.close();
      }
    });

    // A class list: the file input, the preview, the confirmation, the progress.
    await clickAndWait(page, page.getByRole('link', { name: 'Retour à la structure' }));
    await clickAndWait(page, page.getByRole('link', { name: 'Importer une liste' }));
    assert.equal(pathOf(page), `${structurePath}/import`);
    await checks.check(page, 'import');
    await saveCapture(page, 'administrateur-import.png');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByLabel('Fichier CSV').click()]);
    await chooser.setFiles(ROSTER_FILE);
    await clickAndWait(page, page.getByRole('button', { name: 'Lire le fichier' }), true);

    assert.equal(await page.locator('h1').innerText(), "Aperçu de l'import");
    const summary = await page.locator('dl.card').evaluate((dl) =>
      Object.fromEntries([...dl.querySelectorAll('dt')].map((dt) => [dt.innerText.trim(), dt.nextElementSibling.innerText.trim()])));
    assert.equal(summary.Fichier, path.basename(ROSTER_FILE));
    assert.equal(summary.Encodage, 'Windows-1252');
    assert.equal(summary['Séparateur'], 'point-virgule « ; »');
    assert.equal(await page.locator('.flash-error').count(), 0, 'no error message in the preview');
    assert.equal(await page.locator('ol.problems').count(), 0, 'no list of problems in the preview');
    const previewRows = await page.locator('table.data tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.cells].slice(1).map((td) => td.innerText.trim())));
    assert.deepEqual(previewRows, ROSTER_CHILDREN, 'the preview shows every child, accents decoded from Windows-1252');
    assert.match(await page.locator('.flash-info').last().innerText(), /Les Renards/, 'the new group "Les Renards" is announced');
    await checks.check(page, 'import-apercu');
    await saveCapture(page, 'administrateur-import-apercu.png');

    await clickAndWait(page, page.getByRole('button', { name: `Confirmer l'import de ${ROSTER_CHILDREN.length} élèves` }));
    assert.match(pathOf(page), new RegExp(`^${structurePath}/import/statut/\\d+$`), 'the confirmation leads to the status page');
    await waitForImportDone(page);
    assert.equal(await page.locator('h1').innerText(), 'Import terminé');
    const count = ROSTER_CHILDREN.length;
    assert.equal(normalizeSpaces(await page.locator('p.lead[role=status]').innerText()), `${count} / ${count} élèves inscrits (100 %)`);
    assert.deepEqual(await page.locator('progress').evaluate((p) => [p.value, p.max]), [count, count], 'progress bar full');
    assert.match(await page.locator('.flash-success').innerText(), new RegExp(`${count} élèves sont inscrits`));
    await checks.check(page, 'import-termine');
    await saveCapture(page, 'administrateur-import-termine.png');

    // The cards PDF of the status page, fetched with the session's cookies.
    const cardsHref = await page.getByRole('link', { name: 'Imprimer les cartes' }).getAttribute('href');
    assert.equal(cardsHref, `${structurePath}/cartes.pdf`);
    const cardsHeaders = await expectPdf(page, cardsHref);
    assert.match(cardsHeaders['content-disposition'] ?? '', /^inline; filename="[^"]+\.pdf"$/, 'the PDF opens in the browser');

    // The imported children on the structure page.
    await clickAndWait(page, page.getByRole('link', { name: 'Retour à la structure' }));
    const people = await peopleRows(page);
    for (const [firstName, initial, level] of ROSTER_CHILDREN) {
      const row = people.find((p) => p.name === `${firstName} ${initial}`);
      assert.ok(row, `${firstName} ${initial} in the people table: ${people.map((p) => p.name).join(', ')}`);
      assert.equal(row.level, level, `${firstName}: level`);
      assert.equal(row.state, 'actif', `${firstName}: state`);
    }
    await expectGroupCount(t, page, 'Les Hiboux', DEMO_GROUP_CHILDREN + 3);
    await expectGroupCount(t, page, 'Les Renards', 3);
    await expectGroupCount(t, page, NEW_GROUP, 1);
    await checks.check(page, 'structure-apres-import');

    // The QR code of an imported child's card, opened on a tablet.
    const tokens = await queryDatabase(server,
      `SELECT card_token FROM account WHERE role = 'eleve' AND first_name = '${CARD_CHILD.firstName}' AND card_token IS NOT NULL`);
    assert.equal(tokens.length, 1, `one card token for ${CARD_CHILD.firstName}: ${JSON.stringify(tokens)}`);
    const cardPath = `/carte/${tokens[0][0]}`;
    await tabletPage.goto(cardPath);
    assert.equal(pathOf(tabletPage), '/eleve', 'the card signs the child in on the tablet');
    assert.match(await tabletPage.locator('h1').innerText(), new RegExp(`Bonjour ${CARD_CHILD.firstName}`));
    await checks.check(tabletPage, 'tablette-carte-eleve');

    // Deactivation through the confirmation page, then reactivation.
    await clickAndWait(page, page.locator('#personnes ~ .table-wrap a', { hasText: `${CARD_CHILD.firstName} ${CARD_CHILD.initial}` }));
    assert.match(pathOf(page), /^\/admin\/compte\/\d+$/);
    const accountPath = pathOf(page);
    await checks.check(page, 'compte');
    await clickAndWait(page, page.getByRole('link', { name: 'Désactiver le compte' }));
    assert.equal(pathOf(page), `${accountPath}/desactiver`);
    assert.equal(normalizeSpaces(await page.locator('h1').innerText()), `Désactiver le compte de ${CARD_CHILD.firstName} ${CARD_CHILD.initial} ?`);
    await checks.check(page, 'compte-desactiver');
    await saveCapture(page, 'administrateur-compte-desactiver.png');
    await clickAndWait(page, page.getByRole('button', { name: 'Oui, désactiver' }));
    assert.equal(pathOf(page), accountPath);
    assert.match(await page.locator('main').innerText(), /Ce compte est désactivé/);
    assert.equal(await page.getByRole('link', { name: 'Désactiver le compte' }).count(), 0, 'no "Désactiver" link on a deactivated account');
    await checks.check(page, 'compte-desactive');

    await tabletPage.goto('/eleve');
    assert.equal(pathOf(tabletPage), '/connexion', "deactivation ends the child's session on the tablet");
    const cardResponse = await tabletPage.goto(cardPath);
    assert.equal(cardResponse.status(), 404, 'the card of a deactivated child is rejected');
    await tabletPage.goto(`/connexion/enfant/${STRUCTURE_CODE}`);
    assert.equal(await tabletPage.locator('a.name', { hasText: `${CARD_CHILD.firstName} ${CARD_CHILD.initial}` }).count(), 0,
      'a deactivated child is not in the list of names');

    await clickAndWait(page, page.getByRole('button', { name: 'Réactiver le compte' }), true);
    assert.equal(pathOf(page), accountPath);
    assert.match(await page.locator('.flash-success').innerText(), /C'est enregistré/);
    assert.equal(await page.getByRole('link', { name: 'Désactiver le compte' }).count(), 1, 'the account is active again');
    await tabletPage.goto(cardPath);
    assert.equal(pathOf(tabletPage), '/eleve', 'the card works again after reactivation');
    await clickAndWait(page, page.getByRole('link', { name: 'Retour à la structure' }));
    const reactivated = (await peopleRows(page)).find((p) => p.name === `${CARD_CHILD.firstName} ${CARD_CHILD.initial}`);
    assert.equal(reactivated?.state, 'actif', 'state column after reactivation');
  } catch (err) {
    await saveArtifact(page, 'administrateur-failure').catch(() => {});
    await saveArtifact(tabletPage, 'administrateur-tablette-failure').catch(() => {});
    throw err;
  } finally {
    await context.close();
    await tablet.close();
  }
  await checks.report(t);
});

/** Signs the administrateur in and opens the child form of the demo structure by its URL. Returns the form's path. */
async function openChildForm(page) {
  await adultSignInWithMouse(page, server.logins.adults.administrateur);
  await page.goto('/admin');
  const structurePath = await page.locator('main a', { hasText: STRUCTURE_NAME }).getAttribute('href');
  await page.goto(`${structurePath}/eleve`);
  assert.equal(await page.locator('h1').innerText(), 'Ajouter un élève');
  return `${structurePath}/eleve`;
}

/** Presses Enter on the focused element and resolves with the POST response of the form, or null if none comes in `waitMs`. */
async function pressEnterForPost(page, waitMs) {
  const response = page.waitForResponse((r) => r.request().method() === 'POST', { timeout: waitMs }).catch(() => null);
  await page.keyboard.press('Enter');
  const result = await response;
  if (result)
    await page.waitForLoadState('load');
  return result;
}

test('child form with the keyboard only', async (t) => {
  const checks = createPageChecks('administrateur-clavier');
  const context = await browser.newContext(contextOptions(server.baseURL));
  const page = await context.newPage();
  const hidden = new Set();

  try {
    const formPath = await openChildForm(page);
    await checks.check(page, 'eleve-nouveau');

    // Tab reaches every field in order, and the first name stays empty.
    const stops = [];
    stops.push(...await pressTabUntil(page, '#prenom', hidden));
    stops.push(...await pressTabUntil(page, '#initiale', hidden));
    await page.keyboard.type('R');
    stops.push(...await pressTabUntil(page, '#niveau', hidden));
    await page.keyboard.type('CM2');
    assert.equal(await page.locator('#niveau').inputValue(), 'CM2', 'level chosen by typing on the select');
    const groupCount = await page.locator('#groupes input[type=checkbox]').count();
    assert.ok(groupCount >= 1, 'at least one group checkbox');
    for (let i = 0; i < groupCount; i++)
      stops.push(...await pressTabUntil(page, `#groupes input[type=checkbox] >> nth=${i}`, hidden));
    await page.keyboard.press('Space');
    assert.ok(await page.locator(`#groupes input[type=checkbox] >> nth=${groupCount - 1}`).isChecked(), 'Space checks the last group');
    stops.push(...await pressTabUntil(page, SUBMIT, hidden));
    const fieldStops = stops.filter((s) => /^(input|select|button)/.test(s));
    assert.ok(fieldStops.length >= 4 + groupCount, `every field took the focus: ${fieldStops.join(' | ')}`);

    // An empty first name: the browser's own check keeps the form and focuses the field.
    const blocked = await pressEnterForPost(page, 1000);
    assert.equal(blocked, null, 'no POST with an empty first name (the field is required)');
    assert.equal(pathOf(page), formPath);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'prenom', 'focus moves to the empty first name');
    assert.ok(await page.locator('#prenom').evaluate((el) => el.matches(':invalid')), '#prenom is :invalid');

    // A first name that the server rejects ("<" is not allowed), and no level.
    await page.keyboard.type('Zoé <3');
    await pressTabUntil(page, '#niveau', hidden);
    await page.keyboard.press('Home');
    assert.equal(await page.locator('#niveau').inputValue(), '', 'level back to "—" with Home');
    await pressTabUntil(page, SUBMIT, hidden);
    const rejected = await pressEnterForPost(page, 5000);
    assert.equal(rejected?.status(), 422, 'the server rejects the form with 422');
    await checks.check(page, 'eleve-erreurs');
    await saveCapture(page, 'administrateur-eleve-erreurs.png');

    const summary = page.locator('.flash-error[role=alert]');
    assert.equal(await summary.count(), 1, 'one error summary with role=alert');
    const links = await summary.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.deepEqual(links, ['#prenom', '#niveau'], 'the summary links to each wrong field, in form order');
    assert.equal(await page.locator('#prenom').getAttribute('aria-invalid'), 'true', '#prenom aria-invalid');
    assert.match(await page.locator('#prenom').getAttribute('aria-describedby') ?? '', /\bprenom-erreur\b/, '#prenom described by its error');
    assert.match(await page.locator('#prenom-erreur').innerText(), /caractère non permis/);
    assert.equal(await page.locator('#niveau').getAttribute('aria-invalid'), 'true', '#niveau aria-invalid');
    assert.equal(await page.locator('#prenom').inputValue(), 'Zoé <3', 'the first name typed is kept');
    assert.equal(await page.locator('#initiale').inputValue(), 'R', 'the initial typed is kept');
    assert.ok(await page.locator(`#groupes input[type=checkbox] >> nth=${groupCount - 1}`).isChecked(), 'the group checked is kept');

    // From the top of the new page, Tab reaches the summary link, and Enter moves the focus to the field.
    await pressTabUntil(page, '.flash-error a[href="#prenom"]', hidden);
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'prenom',
      `Enter on the summary link focuses #prenom, not ${(await describeFocus(page)).label}`);

    // The fix: a valid first name and a level, then Enter.
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Zoé');
    await pressTabUntil(page, '#niveau', hidden);
    await page.keyboard.type('CM2');
    await pressTabUntil(page, SUBMIT, hidden);
    const created = await pressEnterForPost(page, 5000);
    assert.equal(created?.status(), 201, 'the corrected form creates the child');
    assert.equal(normalizeSpaces(await page.locator('h1').innerText()), 'Zoé est inscrit');
    await checks.check(page, 'eleve-cree');
  } catch (err) {
    await saveArtifact(page, 'administrateur-clavier-failure').catch(() => {});
    throw err;
  } finally {
    await context.close();
  }

  await t.test('focus visible on every stop', () => {
    assert.deepEqual([...hidden], [], `elements that took the focus without a visible outline or box-shadow:\n${[...hidden].join('\n')}`);
  });
  await checks.report(t);
});

// "required" stops an empty first name in the browser, but spaces pass it,
// so the server must treat a first name of spaces as empty.
test('child form rejects a blank first name', async () => {
  const context = await browser.newContext(contextOptions(server.baseURL));
  const page = await context.newPage();

  try {
    await openChildForm(page);
    await page.getByLabel('Prénom').fill('   ');
    await page.getByLabel('Initiale du nom').fill('B');
    await page.getByLabel('Niveau').selectOption('CE2');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: "Créer l'élève" }).click(),
    ]);
    await page.waitForLoadState('load');
    await saveArtifact(page, 'administrateur-prenom-blanc');
    assert.equal(response.status(), 422, `status of the form with a first name of spaces; page h1: "${await page.locator('h1').innerText()}"`);
    assert.equal(await page.locator('#prenom').getAttribute('aria-invalid'), 'true', '#prenom aria-invalid');
  } finally {
    await context.close();
  }
});

test('structure and group pages at 360 px', async (t) => {
  const checks = createPageChecks('administrateur-360');
  const context = await browser.newContext(contextOptions(server.baseURL, { viewport: { width: PHONE_WIDTH, height: 740 } }));
  const page = await context.newPage();

  async function expectFits(name) {
    await checks.check(page, name);
    const { scrollWidth, wide, stackedOverflow } = await measureOverflow(page, PHONE_WIDTH);
    await t.test(`${name} has no horizontal scroll`, () => {
      assert.ok(scrollWidth <= PHONE_WIDTH,
        `${page.url()} scrolls sideways: scrollWidth ${scrollWidth} > ${PHONE_WIDTH}; wider elements: ${wide.join(', ')}`);
    });
    await t.test(`${name} stacked tables fit`, () => {
      assert.deepEqual(stackedOverflow, [], `table.stack wider than its .table-wrap on ${page.url()}`);
    });
  }

  try {
    await adultSignInWithMouse(page, server.logins.adults.administrateur);
    await page.goto('/admin');
    await clickAndWait(page, page.locator('main a', { hasText: STRUCTURE_NAME }));
    await expectFits('structure');

    await clickAndWait(page, page.locator('#groupes + ul a', { hasText: 'Les Hiboux' }));
    assert.match(pathOf(page), /^\/groupe\/\d+$/);
    await expectFits('groupe');
  } finally {
    await context.close();
  }
  await checks.report(t);
});
