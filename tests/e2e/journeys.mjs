// Journeys through Ardoise shared by several test files. Each journey calls
// onPage(name) once a page has loaded, so one journey serves the screenshot,
// accessibility and page-weight tests alike.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** Demo child of the journeys. Léa M. is in CE2. */
export const CHILD_NAME = 'Léa M.';

/**
 * Right answers of content/mathematiques/nombres/ce2-nombres-jusqu-a-10000.md,
 * one entry per question in page order. A choice is named by its visible text,
 * so a shuffled order of choices would still be answered rightly.
 */
export const NUMBERS_ACTIVITY = {
  id: 'maths-ce2-nombres-jusqu-a-10000',
  subject: 'mathematiques',
  title: 'Les nombres jusqu’à 10 000',
  answers: [
    { kind: 'choice', text: '4' },
    { kind: 'numeric', value: '3506' },
    { kind: 'blanks', values: ['6', '2', '8'] },
    { kind: 'choice', text: '6 012' },
    { kind: 'numeric', value: '5000' },
  ],
};

/** Wrong answers to the same activity, for a result page with corrections. */
export const NUMBERS_ACTIVITY_WRONG = {
  ...NUMBERS_ACTIVITY,
  answers: [
    { kind: 'choice', text: '7' },
    { kind: 'numeric', value: '356' },
    { kind: 'blanks', values: ['6', '0', '2'] },
    { kind: 'choice', text: '6 009' },
    { kind: 'numeric', value: '4000' },
  ],
};

/** Returns the path of a URL ("/eleve"). */
export function pathOf(page) {
  return new URL(page.url()).pathname;
}

/**
 * Returns `text` with each run of white space, the no-break spaces that
 * separate thousands included, replaced by one plain space.
 */
export function normalizeSpaces(text) {
  return text.replace(/\s+/g, ' ').trim();
}

/** Returns the label.choice of `question` whose text is `text`, spaces normalized. */
export function choiceLabel(question, text) {
  const words = normalizeSpaces(text).split(' ').map(escapeRegExp);
  return question.locator('label.choice').filter({ hasText: new RegExp(`^\\s*${words.join('\\s+')}\\s*$`) });
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Checks the result page: full score, every question right. Returns the score text. */
export async function expectFullScore(page, questionCount) {
  assert.match(pathOf(page), /^\/resultat\/\d+$/, `expected a /resultat/<n> page, got ${page.url()}`);

  const score = (await page.locator('.score strong').first().innerText()).trim();
  const parts = score.match(/^(\d+(?:,\d)?) \/ (\d+)$/);
  assert.ok(parts, `score "${score}" is not written "N / M"`);
  assert.equal(parts[1], parts[2], `score is ${score}, expected full marks`);
  assert.match(await page.locator('.score').innerText(), /Bravo, tout est juste/);

  const feedback = page.locator('section.feedback');
  assert.equal(await feedback.count(), questionCount, 'one .feedback section per question');
  for (let i = 0; i < questionCount; i++) {
    const section = feedback.nth(i);
    const verdict = (await section.locator('.verdict').innerText()).trim();
    assert.equal(verdict, 'Juste !', `question ${i + 1}: verdict`);
    assert.match(await section.getAttribute('class'), /\bfeedback-right\b/, `question ${i + 1}: class`);
  }
  return score;
}

/** Checks that "Mes résultats" lists an attempt of the activity with this score and link. */
export async function expectAttemptListed(page, resultPath, score) {
  assert.equal(pathOf(page), '/eleve/resultats');
  const row = page.locator('table.data tbody tr').filter({ has: page.locator(`a[href="${resultPath}"]`) });
  assert.equal(await row.count(), 1, `one row links to ${resultPath}`);
  const cells = await row.locator('td').allInnerTexts();
  assert.ok(normalizeSpaces(cells[1]).startsWith(NUMBERS_ACTIVITY.title), `activity column "${cells[1]}"`);
  assert.equal(normalizeSpaces(cells[2]), normalizeSpaces(score), 'score column');
}

/**
 * Signs a child in with the mouse: structure code, name, then the 3 pictures.
 * Ends on /eleve.
 */
export async function childSignInWithMouse(page, child, onPage) {
  await page.goto('/connexion');
  await onPage('connexion');

  await page.locator('#code').click();
  await page.locator('#code').fill(child.code);
  await Promise.all([
    page.waitForURL(`**/connexion/enfant/${child.code}`),
    page.getByRole('button', { name: 'Continuer' }).click(),
  ]);
  await onPage('connexion-enfant-prenoms');

  await Promise.all([
    page.waitForURL(/\/connexion\/enfant\/[^/]+\/\d+$/),
    page.locator('a.name', { hasText: child.name }).click(),
  ]);
  await onPage('connexion-enfant-images');

  for (let i = 0; i < child.pictures.length; i++) {
    const button = page.locator(`button.picture[value="${child.pictures[i]}"]`);
    if (i < child.pictures.length - 1) {
      await button.click();
      continue;
    }
    await Promise.all([page.waitForURL('**/eleve'), button.click()]);
  }
  assert.equal(pathOf(page), '/eleve');
}

/**
 * Answers the open activity with the mouse and the keyboard's typing (no
 * Tab), then submits it. Ends on /resultat/<n>.
 */
export async function answerActivityWithMouse(page, activity) {
  await fillActivityWithMouse(page, activity);
  await Promise.all([
    page.waitForURL(/\/resultat\/\d+$/),
    page.getByRole('button', { name: 'Valider mes réponses' }).click(),
  ]);
}

/** Answers the open activity with the mouse and the keyboard's typing, without submitting. */
export async function fillActivityWithMouse(page, activity) {
  const questions = page.locator('fieldset.question');
  assert.equal(await questions.count(), activity.answers.length, 'questions on the activity page');

  for (let i = 0; i < activity.answers.length; i++) {
    const question = questions.nth(i);
    const answer = activity.answers[i];
    if (answer.kind === 'choice') {
      const label = choiceLabel(question, answer.text);
      assert.equal(await label.count(), 1, `question ${i + 1}: one choice reads "${answer.text}"`);
      await label.click();
      assert.ok(await label.locator('input').isChecked(), `question ${i + 1}: choice checked`);
    } else if (answer.kind === 'numeric') {
      await question.locator('input[inputmode=decimal]').click();
      await question.locator('input[inputmode=decimal]').fill(answer.value);
    } else {
      const blanks = question.locator('input.blank');
      assert.equal(await blanks.count(), answer.values.length, `question ${i + 1}: blanks`);
      for (let b = 0; b < answer.values.length; b++) {
        await blanks.nth(b).click();
        await blanks.nth(b).fill(answer.values[b]);
      }
    }
  }
}

/**
 * Runs the whole child journey with the mouse, from /connexion to sign-out:
 * code, name, pictures, subject, activity, result, "Mes résultats".
 * Returns { resultPath, score }.
 */
export async function childJourneyWithMouse(page, child, onPage) {
  await childSignInWithMouse(page, child, onPage);
  await onPage('eleve-accueil');

  await Promise.all([
    page.waitForURL(`**/eleve/matiere/${NUMBERS_ACTIVITY.subject}`),
    page.locator(`a.tile[href="/eleve/matiere/${NUMBERS_ACTIVITY.subject}"]`).click(),
  ]);
  await onPage('eleve-matiere');

  await Promise.all([
    page.waitForURL(`**/activite/${NUMBERS_ACTIVITY.id}`),
    page.locator(`a.activity-link[href="/activite/${NUMBERS_ACTIVITY.id}"]`).click(),
  ]);
  await onPage('eleve-activite');

  await answerActivityWithMouse(page, NUMBERS_ACTIVITY);
  const resultPath = pathOf(page);
  const score = await expectFullScore(page, NUMBERS_ACTIVITY.answers.length);
  await onPage('eleve-resultat');

  await Promise.all([
    page.waitForURL('**/eleve/resultats'),
    page.locator('main').getByRole('link', { name: 'Mes résultats' }).click(),
  ]);
  await expectAttemptListed(page, resultPath, score);
  await onPage('eleve-resultats');

  await Promise.all([
    page.waitForURL((url) => url.pathname !== '/eleve/resultats'),
    page.getByRole('button', { name: 'Se déconnecter' }).click(),
  ]);
  await onPage('deconnexion');
  return { resultPath, score };
}

/** Signs the accompagnateur in with the mouse. Ends on /accueil. */
export async function adultJourney(page, adult, onPage) {
  await page.goto('/connexion');
  await onPage('connexion');

  await page.locator('#login').fill(adult.login);
  await page.locator('#password').fill(adult.password);
  await Promise.all([
    page.waitForURL('**/accueil'),
    page.getByRole('button', { name: 'Se connecter' }).click(),
  ]);
  await onPage('accompagnateur-accueil');
}

/** Signs an adult in with the mouse and checks that it lands on /accueil. */
export async function adultSignInWithMouse(page, adult) {
  await page.goto('/connexion');
  await page.locator('#login').click();
  await page.locator('#login').fill(adult.login);
  await page.locator('#password').click();
  await page.locator('#password').fill(adult.password);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== '/connexion'),
    page.getByRole('button', { name: 'Se connecter' }).click(),
  ]);
  assert.equal(pathOf(page), '/accueil', `${adult.login} lands on /accueil after sign-in`);
}

/**
 * Opens the picture page of `child` (structure code, then name) and clicks
 * three pictures that cannot be the child's sequence, since the first one
 * differs. Returns the text of the page's alert.
 */
export async function childSignInWithWrongPictures(page, child) {
  await page.goto(`/connexion/enfant/${child.code}`);
  await Promise.all([
    page.waitForURL(/\/connexion\/enfant\/[^/]+\/\d+$/),
    page.locator('a.name', { hasText: child.name }).click(),
  ]);

  const values = await page.locator('button.picture').evaluateAll((buttons) => buttons.map((b) => b.value));
  const wrong = values.find((v) => v !== child.pictures[0]);
  assert.ok(wrong, `a picture other than ${child.pictures[0]} on the picture page`);
  const button = page.locator(`button.picture[value="${wrong}"]`);
  await button.click();
  await button.click();
  await Promise.all([page.waitForEvent('load'), button.click()]);
  return normalizeSpaces(await page.locator('[role=alert]').first().innerText());
}

/**
 * Returns the path of the SQLite file that `server` (from startArdoise)
 * serves, read from the "starting … db=PATH" line of its log. The path ends
 * at the next space, so a path with a space would be cut, but the temporary
 * folders that startArdoise makes have none.
 */
export function databasePathOf(server) {
  const match = server.log().match(/ starting .* db=(\S+)/);
  if (!match)
    throw new Error(`no "starting … db=" line in the serve log:\n${server.log()}`);
  return match[1];
}

/**
 * Runs one read-only SQL query on the server's database with the sqlite3
 * command-line tool (Debian package sqlite3). Returns the output rows, each
 * as an array of column texts.
 */
export async function queryDatabase(server, sql) {
  let output;
  try {
    output = await promisify(execFile)('sqlite3', ['-readonly', '-batch', '-noheader', '-separator', '\t', databasePathOf(server), sql]);
  } catch (err) {
    if (err.code === 'ENOENT')
      throw new Error('sqlite3 not found: install the Debian package sqlite3 (apt-get install sqlite3)');
    throw new Error(`sqlite3 failed on ${JSON.stringify(sql)}: ${err.stderr || err.message}`);
  }
  return output.stdout.split('\n').filter((line) => line !== '').map((line) => line.split('\t'));
}

/**
 * Checks that `url`, fetched with the cookies of the page's context, is a PDF
 * document: status 200, type application/pdf, "%PDF-" at the start and
 * "%%EOF" at the end. Returns the response headers.
 */
export async function expectPdf(page, url) {
  const response = await page.request.get(url);
  const body = await response.body();

  assert.equal(response.status(), 200, `status of ${url}`);
  assert.equal(response.headers()['content-type'], 'application/pdf', `content-type of ${url}`);
  assert.equal(body.subarray(0, 5).toString('latin1'), '%PDF-', `${url} starts with %PDF-`);
  assert.match(body.subarray(-32).toString('latin1'), /%%EOF\s*$/, `${url} ends with %%EOF`);
  return response.headers();
}
