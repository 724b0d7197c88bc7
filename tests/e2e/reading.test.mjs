// Reading help in the browser: the child's reading settings (dyslexia font,
// syllables in colour), "Écouter" played in the page, and axe on the
// settings page and on the style guide.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { contextOptions, formatViolations, launchChromium, runAxe, saveArtifact } from './browser.mjs';
import { CHILD_NAME, NUMBERS_ACTIVITY, childSignInWithMouse } from './journeys.mjs';
import { findChild, startArdoise } from './server.mjs';

/** Time allowed for espeak-ng and opusenc on a first "Écouter". */
const AUDIO_TIMEOUT_MS = 20000;

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
    await saveArtifact(page, `reading-${name}-failure`).catch(() => {});
    throw err;
  } finally {
    await context.close();
  }
}

/** Opens "Lecture" from the header, sets the checkboxes to `checkboxes` and saves. */
async function saveSettings(page, checkboxes) {
  await Promise.all([
    page.waitForURL('**/eleve/lecture'),
    page.locator('.site-nav a[href="/eleve/lecture"]').click(),
  ]);
  for (const [name, on] of Object.entries(checkboxes))
    await page.locator(`input[name="${name}"]`).setChecked(on);
  await Promise.all([
    page.waitForURL('**/eleve/lecture?fait=1'),
    page.getByRole('button', { name: 'Enregistrer' }).click(),
  ]);
}

test('dyslexia font is applied once chosen', async () => {
  await asChild('police', async (page) => {
    await saveSettings(page, { police: true });
    await page.goto('/eleve');
    const font = await page.evaluate(async () => {
      await document.fonts.ready;
      return {
        family: getComputedStyle(document.querySelector('main h1')).fontFamily,
        loaded: document.fonts.check('20px OpenDyslexic'),
      };
    });
    assert.match(font.family, /^"?OpenDyslexic"?,/, `computed font-family of the heading: ${font.family}`);
    assert.ok(font.loaded, 'the OpenDyslexic web font is loaded from /static/fonts/');

    await saveSettings(page, { police: false });
    const family = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    assert.doesNotMatch(family, /OpenDyslexic/, 'the font is gone once unticked');
  });
});

test('"Écouter" plays the question in the page', async () => {
  await asChild('ecouter', async (page) => {
    await page.goto(`/activite/${NUMBERS_ACTIVITY.id}`);
    const link = page.locator('fieldset.question').first().locator('a[data-listen]');
    assert.equal(await link.count(), 1, 'one "Écouter" link on the first question');
    await link.click();

    const audio = page.locator('audio.listen-player');
    await audio.waitFor({ state: 'attached' });
    await page.waitForFunction(() => {
      const el = document.querySelector('audio.listen-player');
      return el && (el.error || el.readyState >= 1);
    }, null, { timeout: AUDIO_TIMEOUT_MS });
    const state = await audio.evaluate((el) => ({ src: el.src, error: el.error && el.error.code, ready: el.readyState }));
    assert.match(state.src, /\/ecouter\?activite=/, 'the audio element plays the link of the question');
    assert.equal(state.error, null, 'no media error');
    assert.ok(state.ready >= 1, `audio metadata loaded (readyState ${state.ready})`);
    assert.match(page.url(), new RegExp(`/activite/${NUMBERS_ACTIVITY.id}$`), 'the page stays on the activity');
    assert.equal(await page.locator('audio').count(), 1, 'one audio element');
  });
});

test('syllables in colour on a short prompt', async () => {
  await asChild('syllabes', async (page) => {
    await saveSettings(page, { syllabes: true });
    await page.goto(`/activite/${NUMBERS_ACTIVITY.id}`);
    const button = page.locator('fieldset.question').first().getByRole('button', { name: 'Syllabes en couleur' });
    await button.click();
    assert.equal(await button.getAttribute('aria-pressed'), 'true');
    const prompt = page.locator('fieldset.question').first().locator('.prompt');
    assert.ok(await prompt.locator('.syl-a').count() > 0, 'syllables coloured');
    const before = (await prompt.innerText()).replace(/\s+/g, ' ');
    await button.click();
    assert.equal(await prompt.locator('.syl-a, .syl-b').count(), 0, 'colours removed on the second click');
    assert.equal((await prompt.innerText()).replace(/\s+/g, ' '), before, 'text unchanged');
    await saveSettings(page, { syllabes: false });
  });
});

test('axe on /eleve/lecture and /guide-style', async (t) => {
  await asChild('axe', async (page) => {
    await page.goto('/eleve/lecture');
    const audit = await runAxe(page);
    await t.test('axe on /eleve/lecture', () => {
      assert.equal(audit.violations.length, 0, formatViolations(audit.violations));
    });
  });

  const operator = server.logins.adults['opérateur'];
  assert.ok(operator, `an opérateur in the demo logins: ${Object.keys(server.logins.adults).join(', ')}`);
  const context = await browser.newContext(contextOptions(server.baseURL));
  const page = await context.newPage();
  try {
    await page.goto('/connexion');
    await page.locator('#login').fill(operator.login);
    await page.locator('#password').fill(operator.password);
    await Promise.all([
      page.waitForURL((url) => url.pathname !== '/connexion'),
      page.getByRole('button', { name: 'Se connecter' }).click(),
    ]);
    await page.goto('/guide-style');
    assert.equal(await page.locator('h1').innerText(), 'Guide de style');
    const audit = await runAxe(page);
    await t.test('axe on /guide-style', () => {
      assert.equal(audit.violations.length, 0, formatViolations(audit.violations));
    });
  } finally {
    await context.close();
  }
});
