// The homework tools in the browser: the calculator's keys with
// JavaScript, a written operation walked step by step, and axe on every
// tool page.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { contextOptions, formatViolations, launchChromium, runAxe, saveArtifact } from './browser.mjs';
import { CHILD_NAME, childSignInWithMouse, pathOf } from './journeys.mjs';
import { findChild, startArdoise } from './server.mjs';

const TOOL_PAGES = [
  '/outils',
  '/outils/conjugaison?q=aller',
  '/outils/conjugaison?q=allions',
  '/outils/orthographe?q=les+enfan+jouent',
  '/outils/orthographe?q=maison',
  '/outils/dictionnaire?q=house&sens=en-fr',
  '/outils/calculatrice?calcul=10+%C3%B7+3',
  '/outils/operation?a=745&b=3&op=division&etape=3',
];

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

/** Runs `body(page)` in a new context signed in as the demo child. */
async function asChild(name, body) {
  const context = await browser.newContext(contextOptions(server.baseURL));
  const page = await context.newPage();
  try {
    await childSignInWithMouse(page, findChild(server.logins, CHILD_NAME), async () => {});
    await body(page);
  } catch (err) {
    await saveArtifact(page, `tools-${name}-failure`).catch(() => {});
    throw err;
  } finally {
    await context.close();
  }
}

test('calculator keys edit the box in the page', async () => {
  await asChild('calculatrice', async (page) => {
    await Promise.all([page.waitForURL('**/outils'), page.locator('.site-nav a[href="/outils"]').click()]);
    await Promise.all([page.waitForURL('**/outils/calculatrice'), page.locator('a[href="/outils/calculatrice"]').click()]);
    for (const key of ['1', '2', ' + ', '7', '8', '\u232b'])
      await page.locator(`button.key[value="${key}"]`).click();
    assert.equal(pathOf(page), '/outils/calculatrice', 'a key must not send the form');
    assert.equal(await page.locator('#calcul').inputValue(), '12 + 7');
    await Promise.all([page.waitForURL(/calcul=/), page.locator('button.key-equals').click()]);
    assert.match(await page.locator('.calc-result').innerText(), /12 \+ 7 = 19/);
  });
});

test('written operation goes step by step', async () => {
  await asChild('operation', async (page) => {
    await page.goto('/outils/operation');
    await page.locator('#a').fill('478');
    await page.locator('#b').fill('65');
    await Promise.all([page.waitForURL(/op=addition/), page.getByRole('button', { name: 'Poser l\u2019opération' }).or(page.getByRole('button', { name: "Poser l'opération" })).click()]);
    await Promise.all([page.waitForURL(/etape=1/), page.getByRole('link', { name: 'Étape suivante →' }).click()]);
    assert.match(await page.locator('.op-sentence').innerText(), /J'écris 3 et je retiens 1\./);
  });
});

test('axe finds no violation on the tool pages', async (t) => {
  await asChild('axe', async (page) => {
    for (const url of TOOL_PAGES) {
      await page.goto(url);
      const audit = await runAxe(page);
      await t.test(`axe on ${url}`, () => {
        assert.equal(audit.violations.length, 0,
          `${audit.violations.length} axe violation(s) on ${url}:\n${formatViolations(audit.violations)}`);
      });
    }
  });
});
