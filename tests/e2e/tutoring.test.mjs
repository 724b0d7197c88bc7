// Tutoring in the browser: a child and a tuteur in two pages exchange
// messages that appear without a reload, and axe finds nothing on the
// help page, the conversation and the tuteur's console.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { contextOptions, formatViolations, launchChromium, runAxe, saveArtifact, saveCapture } from './browser.mjs';
import { CHILD_NAME, adultSignInWithMouse, childSignInWithMouse, pathOf } from './journeys.mjs';
import { findChild, startArdoise } from './server.mjs';

/** Time allowed for a message to cross from one page to the other. */
const LIVE_TIMEOUT_MS = 5000;

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

async function expectNoViolations(page, what) {
  const { violations } = await runAxe(page);
  assert.equal(violations.length, 0, `axe on ${what}:\n${formatViolations(violations)}`);
}

test('child and tuteur exchange messages live', async () => {
  const childContext = await browser.newContext(contextOptions(server.baseURL));
  const tuteurContext = await browser.newContext(contextOptions(server.baseURL));
  const child = await childContext.newPage();
  const tuteur = await tuteurContext.newPage();

  try {
    await childSignInWithMouse(child, findChild(server.logins, CHILD_NAME), async () => {});
    await child.getByRole('link', { name: "Demander de l'aide à un tuteur" }).click();
    await child.waitForURL('**/tutorat');
    await expectNoViolations(child, 'the help page');
    await child.locator('#texte').fill("J'ai essayé de compter les centaines mais je me perds.");
    await Promise.all([
      child.waitForURL('**/tutorat/conversation/*'),
      child.getByRole('button', { name: 'Envoyer ma question' }).click(),
    ]);
    const conversation = pathOf(child);
    await expectNoViolations(child, 'the conversation, child side');

    await adultSignInWithMouse(tuteur, server.logins.adults.tuteur);
    await tuteur.goto('/tuteur');
    await expectNoViolations(tuteur, "the tuteur's console");
    await saveCapture(tuteur, 'tuteur-file-attente.png');
    const id = conversation.split('/').pop();
    await Promise.all([
      tuteur.waitForURL(`**${conversation}`),
      tuteur.getByRole('button', { name: `Prendre la question n° ${id}` }).click(),
    ]);
    await child.locator('#etat').getByText('prise en charge').waitFor({ timeout: LIVE_TIMEOUT_MS });
    assert.equal(await child.locator('#attente').count(), 0, 'the wait goes once a tuteur claims the question');

    await tuteur.locator('#texte').fill('Commence par les milliers : combien y en a-t-il dans 4 500 ?');
    await tuteur.getByRole('button', { name: 'Envoyer' }).click();
    await child.locator('#messages').getByText('Commence par les milliers').waitFor({ timeout: LIVE_TIMEOUT_MS });
    assert.equal(pathOf(child), conversation, 'the child page was not reloaded');

    await child.locator('#texte').fill('Il y a 4 milliers !');
    await child.getByRole('button', { name: 'Envoyer' }).click();
    await tuteur.locator('#messages').getByText('Il y a 4 milliers').waitFor({ timeout: LIVE_TIMEOUT_MS });
    await expectNoViolations(tuteur, 'the conversation, tuteur side');
    await child.evaluate(() => window.scrollTo(0, 0));
    await saveCapture(child, 'eleve-tutorat-conversation.png');
    assert.equal(await child.locator('#messages li').count(), 3, 'each message shows once on the child side');
  } catch (err) {
    await saveArtifact(child, 'tutoring-child-failure').catch(() => {});
    await saveArtifact(tuteur, 'tutoring-tuteur-failure').catch(() => {});
    throw err;
  } finally {
    await childContext.close();
    await tuteurContext.close();
  }
});
