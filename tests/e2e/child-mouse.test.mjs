// Child journey with the mouse, from the structure code to "Mes résultats",
// with a screenshot of every page and the captures kept in docs/captures/.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { contextOptions, launchChromium, saveArtifact, saveCapture } from './browser.mjs';
import { CHILD_NAME, childJourneyWithMouse, pathOf } from './journeys.mjs';
import { findChild, startArdoise } from './server.mjs';

/** Pages whose 1024×600 capture is kept in docs/captures/. */
const CAPTURES = {
  'eleve-accueil': 'eleve-accueil.png',
  'eleve-activite': 'eleve-activite.png',
  'eleve-resultat': 'eleve-resultat.png',
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

test('child journey with the mouse', async () => {
  const context = await browser.newContext(contextOptions(server.baseURL));
  const page = await context.newPage();
  const child = findChild(server.logins, CHILD_NAME);
  let step = 0;

  const visited = [];
  const onPage = async (name) => {
    visited.push(name);
    step += 1;
    await saveArtifact(page, `mouse-${String(step).padStart(2, '0')}-${name}`);
    if (CAPTURES[name])
      await saveCapture(page, CAPTURES[name]);
  };

  try {
    const { resultPath, score } = await childJourneyWithMouse(page, child, onPage);
    console.log(`attempt ${resultPath} scored ${score}`);
    assert.equal(pathOf(page), '/connexion', 'sign-out lands on /connexion');
    assert.deepEqual(visited, [
      'connexion', 'connexion-enfant-prenoms', 'connexion-enfant-images', 'eleve-accueil',
      'eleve-matiere', 'eleve-activite', 'eleve-resultat', 'eleve-resultats', 'deconnexion',
    ]);
  } catch (err) {
    await saveArtifact(page, 'mouse-failure').catch(() => {});
    throw err;
  } finally {
    await context.close();
  }
});
