// Video lessons in the browser: a video made by scripts/make-videos.sh plays
// in Debian's Chromium with its French captions showing, and the progress
// the page reports counts only the time really played. Also: the print view
// of a lesson sheet, and axe on the content pages.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { contextOptions, formatViolations, launchChromium, runAxe, saveArtifact } from './browser.mjs';
import { adultSignInWithMouse, childSignInWithMouse } from './journeys.mjs';
import { findChild, repoRoot, startArdoise } from './server.mjs';

const VIDEO_ID = 'video-maths-fractions';
/** Inès K. is in CM1, a level of the fractions video. */
const CM1_CHILD = 'Inès K.';
/** Time allowed for scripts/make-videos.sh to build the three lessons. */
const MAKE_VIDEOS_TIMEOUT_MS = 120000;

let mediaDir;
let server;
let browser;

before(async () => {
  mediaDir = await mkdtemp(path.join(tmpdir(), 'ardoise-e2e-media-'));
  await promisify(execFile)('scripts/make-videos.sh', ['content', mediaDir], {
    cwd: repoRoot,
    timeout: MAKE_VIDEOS_TIMEOUT_MS,
  });
  server = await startArdoise({ serveArgs: ['--media', mediaDir] });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (server) {
    const status = await server.stop();
    assert.deepEqual(status, { code: 0, signal: null }, `ardoise serve exit status after SIGTERM:\n${server.log()}`);
  }
  if (mediaDir)
    await rm(mediaDir, { recursive: true, force: true });
});

/** Waits for the next progress report and returns its JSON answer. */
function nextProgress(page) {
  return page
    .waitForResponse((r) => r.url().endsWith('/video/progression') && r.request().method() === 'POST')
    .then((r) => r.json());
}

test('video plays with captions and counts played time', async () => {
  const context = await browser.newContext(contextOptions(server.baseURL));
  const page = await context.newPage();
  try {
    await childSignInWithMouse(page, findChild(server.logins, CM1_CHILD), async () => {});
    await page.goto(`/ressource/${VIDEO_ID}`);

    const codecs = await page.evaluate(() => document.createElement('video').canPlayType('video/webm; codecs="vp8, opus"'));
    assert.notEqual(codecs, '', 'Chromium plays WebM with VP8 video and Opus sound');

    const video = page.locator('video');
    await video.waitFor();
    await page.waitForFunction(() => {
      const v = document.querySelector('video');
      return v.readyState >= 1 && v.textTracks.length === 1 && v.textTracks[0].cues && v.textTracks[0].cues.length > 0;
    });
    const track = await page.evaluate(() => {
      const t = document.querySelector('video').textTracks[0];
      return { mode: t.mode, language: t.language, cues: t.cues.length, first: t.cues[0].text };
    });
    assert.equal(track.mode, 'showing', 'the French captions are shown by default');
    assert.equal(track.language, 'fr');
    assert.ok(track.cues >= 4, `cues of the lesson: ${track.cues}`);
    assert.match(track.first, /^Bonjour/);

    // Play two seconds from the start, muted as autoplay policies require.
    await page.evaluate(() => {
      const v = document.querySelector('video');
      v.muted = true;
      return v.play();
    });
    await page.waitForFunction(() => document.querySelector('video').currentTime > 2);
    const active = await page.evaluate(() => Array.from(document.querySelector('video').textTracks[0].activeCues).map((c) => c.text));
    assert.equal(active.length, 1, 'one caption is on screen while the lesson plays');
    assert.match(active[0], /^Bonjour/);
    let report = nextProgress(page);
    await page.evaluate(() => document.querySelector('video').pause());
    let progress = await report;
    assert.ok(progress.seconds_played >= 2, `played after 2 s: ${JSON.stringify(progress)}`);
    assert.ok(progress.seconds_played < 6, `played after 2 s: ${JSON.stringify(progress)}`);

    // Jump near the end and let it finish: only the last second counts.
    report = nextProgress(page);
    await page.evaluate(() => {
      const v = document.querySelector('video');
      v.currentTime = v.duration - 1;
      return v.play();
    });
    progress = await report;
    await page.waitForFunction(() => document.querySelector('video').ended);
    assert.ok(progress.duration > 20, `duration of the lesson: ${progress.duration}`);
    assert.ok(progress.seconds_played < progress.duration / 2,
      `seeking to the end does not count the skipped part: ${JSON.stringify(progress)}`);
    assert.ok(progress.percent < 50);
  } catch (err) {
    await saveArtifact(page, 'video-failure').catch(() => {});
    throw err;
  } finally {
    await context.close();
  }
});

test('lesson sheet prints without the site header', async () => {
  const context = await browser.newContext(contextOptions(server.baseURL));
  const page = await context.newPage();
  try {
    await childSignInWithMouse(page, findChild(server.logins, CM1_CHILD), async () => {});
    await page.goto('/ressource/fiche-maths-fractions');
    const image = await page.evaluate(async () => {
      const img = document.querySelector('.resource-body img');
      await img.decode();
      return { width: img.naturalWidth, alt: img.alt };
    });
    assert.ok(image.width > 0, 'the SVG image of the sheet loads from /media/');
    assert.match(image.alt, /pizza/);
    await page.emulateMedia({ media: 'print' });
    const shown = await page.evaluate(() => ({
      header: getComputedStyle(document.querySelector('.site-header')).display,
      button: getComputedStyle(document.querySelector('[data-print]')).display,
      body: getComputedStyle(document.querySelector('.resource-body')).display,
    }));
    assert.equal(shown.header, 'none', 'no site header on paper');
    assert.equal(shown.button, 'none', 'no print button on paper');
    assert.notEqual(shown.body, 'none', 'the lesson is printed');
  } catch (err) {
    await saveArtifact(page, 'fiche-print-failure').catch(() => {});
    throw err;
  } finally {
    await context.close();
  }
});

test('content pages have no axe violations', async () => {
  const context = await browser.newContext(contextOptions(server.baseURL));
  const page = await context.newPage();
  const role = Object.keys(server.logins.adults).find((r) => r.startsWith('op'));
  const failures = [];
  try {
    await adultSignInWithMouse(page, server.logins.adults[role]);
    for (const url of ['/catalogue?q=fraction', '/referentiel?matiere=mathematiques', '/ressource/dossier-maths-fractions',
      `/ressource/${VIDEO_ID}`, '/ressource/methodo-lire-une-consigne', '/operateur/contenu']) {
      await page.goto(url);
      const audit = await runAxe(page);
      if (audit.violations.length)
        failures.push(`${url}:\n${formatViolations(audit.violations)}`);
    }
    assert.deepEqual(failures, [], failures.join('\n'));
  } finally {
    await context.close();
  }
});
