// A 360×740 phone screen: the child's pages fit its width, with no
// horizontal scroll.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { contextOptions, launchChromium, saveArtifact } from './browser.mjs';
import { CHILD_NAME, NUMBERS_ACTIVITY, answerActivityWithMouse, childSignInWithMouse } from './journeys.mjs';
import { findChild, startArdoise } from './server.mjs';

const VIEWPORT = { width: 360, height: 740 };

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

/** Returns the scroll width of the page and the elements wider than the viewport. */
function measureWidth(page) {
  return page.evaluate((width) => {
    const wide = [];
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      if (box.right > width + 0.5 && getComputedStyle(el).position !== 'absolute')
        wide.push(`${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).trim().split(/\s+/).join('.')}` : ''} right=${Math.round(box.right)}`);
    }
    return { scrollWidth: document.scrollingElement.scrollWidth, wide: wide.slice(0, 10) };
  }, VIEWPORT.width);
}

async function expectNoHorizontalScroll(page, name) {
  await saveArtifact(page, `360-${name}`);
  const { scrollWidth, wide } = await measureWidth(page);
  assert.ok(scrollWidth <= VIEWPORT.width,
    `${name} (${page.url()}) scrolls sideways: scrollWidth ${scrollWidth} > ${VIEWPORT.width}; wider elements: ${wide.join(', ')}`);
}

test('child pages at 360×740 have no horizontal scroll', async (t) => {
  const context = await browser.newContext(contextOptions(server.baseURL, { viewport: VIEWPORT }));
  const page = await context.newPage();
  const child = findChild(server.logins, CHILD_NAME);

  try {
    await childSignInWithMouse(page, child, async () => {});
    await t.test('child home page', () => expectNoHorizontalScroll(page, 'eleve-accueil'));

    await page.goto(`/eleve/matiere/${NUMBERS_ACTIVITY.subject}`);
    await t.test('subject page', () => expectNoHorizontalScroll(page, 'eleve-matiere'));

    await page.goto(`/activite/${NUMBERS_ACTIVITY.id}`);
    await t.test('activity page', () => expectNoHorizontalScroll(page, 'eleve-activite'));

    await answerActivityWithMouse(page, NUMBERS_ACTIVITY);
    await t.test('result page', () => expectNoHorizontalScroll(page, 'eleve-resultat'));

    await page.goto('/eleve/resultats');
    await t.test('results table page', () => expectNoHorizontalScroll(page, 'eleve-resultats'));
  } finally {
    await context.close();
  }
});
