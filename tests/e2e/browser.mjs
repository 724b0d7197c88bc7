// Browser helpers for the end-to-end tests: Debian's Chromium driven by
// playwright-core, axe-core audits, focus checks, screenshots and page weight.

import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { repoRoot } from './server.mjs';

const require = createRequire(import.meta.url);
const AXE_SCRIPT = require.resolve('axe-core/axe.min.js');

export const ARTIFACTS_DIR = path.join(repoRoot, 'build/e2e-artifacts');
export const CAPTURES_DIR = path.join(repoRoot, 'docs/captures');

/** Maximum transferred bytes of HTML + CSS + JS for one page. */
export const PAGE_WEIGHT_MAX = 30 * 1024;

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Launches headless Chromium (CHROMIUM_PATH, default /usr/bin/chromium). */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/** Options for browser.newContext() shared by every test. */
export function contextOptions(baseURL, extra = {}) {
  return {
    baseURL,
    locale: 'fr-FR',
    viewport: { width: 1024, height: 600 },
    ...extra,
  };
}

/** Saves a full-page screenshot under build/e2e-artifacts/ and returns its path. */
export async function saveArtifact(page, name) {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Saves a viewport-sized screenshot under build/e2e-artifacts/captures/ and
 * returns its path. With ARDOISE_UPDATE_CAPTURES=1 it also replaces the copy
 * in docs/captures/, so ordinary test runs leave the documentation alone.
 */
export async function saveCapture(page, fileName) {
  const dirs = [path.join(ARTIFACTS_DIR, 'captures')];
  if (process.env.ARDOISE_UPDATE_CAPTURES === '1') dirs.push(CAPTURES_DIR);
  let file = '';
  for (const dir of dirs) {
    await mkdir(dir, { recursive: true });
    file = path.join(dir, fileName);
    await page.screenshot({ path: file, fullPage: false });
  }
  return file;
}

/**
 * Runs axe-core on the page with its default rules. Returns { violations,
 * incomplete }: incomplete lists the checks that axe could not decide and
 * leaves to a person, such as contrast over an image.
 */
export async function runAxe(page) {
  const loaded = await page.evaluate(() => typeof window.axe === 'object');
  if (!loaded)
    await page.addScriptTag({ path: AXE_SCRIPT });
  return page.evaluate(async () => {
    const results = await window.axe.run(document);
    return { violations: results.violations, incomplete: results.incomplete };
  });
}

/** Formats axe violations as one line per node: id, impact, target, summary. */
export function formatViolations(violations) {
  const lines = [];
  for (const v of violations) {
    for (const node of v.nodes) {
      const summary = (node.failureSummary || '').replace(/\s+/g, ' ').trim();
      lines.push(`${v.id} [${v.impact}] ${JSON.stringify(node.target)}: ${v.help}. ${summary}`);
    }
  }
  return lines.join('\n');
}

/**
 * Describes document.activeElement and whether its focus is visible, which
 * here means a computed outline that is not "none" with a width above 0, or
 * a box-shadow that is not "none".
 */
export function describeFocus(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== 'none';
    let label = el.tagName.toLowerCase();
    if (el.id)
      label += `#${el.id}`;
    if (el.className && typeof el.className === 'string')
      label += `.${el.className.trim().split(/\s+/).join('.')}`;
    for (const attr of ['name', 'value', 'href', 'type'])
      if (el.getAttribute(attr))
        label += `[${attr}="${el.getAttribute(attr)}"]`;
    const text = (el.innerText || el.getAttribute('aria-label') || '').replace(/\s+/g, ' ').trim();
    return {
      label: text ? `${label} "${text.slice(0, 40)}"` : label,
      isBody: el === document.body || el === document.documentElement,
      visible: outline || shadow,
      outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
      boxShadow: style.boxShadow,
    };
  });
}

/**
 * Measures, for each page of a journey, the bytes of HTML, CSS and JS that
 * crossed the network: CDP Network.loadingFinished encodedDataLength (body
 * and response headers as received, so after gzip) and, from
 * page.on('response'), the body length after decompression. The browser cache
 * is off, so every page counts its stylesheet and script as a first visit does.
 * Call mark(name) once the page has loaded. Requests since the previous mark
 * (redirects included) belong to that page.
 */
export async function createWeightMeter(page) {
  const cdp = await page.context().newCDPSession(page);
  const counted = new Set(['Document', 'Stylesheet', 'Script']);
  let entries = [];
  let byRequestId = new Map();
  let bodies = [];

  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });

  cdp.on('Network.requestWillBeSent', (event) => {
    const previous = byRequestId.get(event.requestId);
    if (event.redirectResponse && previous) {
      previous.status = event.redirectResponse.status;
      previous.transferred = event.redirectResponse.encodedDataLength;
      previous.finished = true;
    }
    const entry = { url: event.request.url, type: event.type, status: 0, encoding: '', transferred: 0, decoded: 0, finished: false };
    entries.push(entry);
    byRequestId.set(event.requestId, entry);
  });
  cdp.on('Network.responseReceived', (event) => {
    const entry = byRequestId.get(event.requestId);
    if (!entry)
      return;
    const headers = Object.fromEntries(Object.entries(event.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    entry.status = event.response.status;
    entry.encoding = headers['content-encoding'] || 'identity';
  });
  cdp.on('Network.loadingFinished', (event) => {
    const entry = byRequestId.get(event.requestId);
    if (entry) {
      entry.transferred = event.encodedDataLength;
      entry.finished = true;
    }
  });
  cdp.on('Network.loadingFailed', (event) => {
    const entry = byRequestId.get(event.requestId);
    if (entry)
      entry.finished = true;
  });

  page.on('response', (response) => {
    const status = response.status();
    if (status >= 300 && status < 400)
      return;
    const url = response.url();
    bodies.push(response.body().then((body) => ({ url, length: body.length }), () => ({ url, length: 0 })));
  });

  async function mark(name) {
    const deadline = Date.now() + 5000;
    while (entries.some((e) => counted.has(e.type) && !e.finished) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));

    const decoded = new Map();
    for (const body of await Promise.all(bodies))
      decoded.set(body.url, body.length);
    const resources = entries.filter((e) => counted.has(e.type));
    for (const r of resources)
      r.decoded = r.status >= 300 && r.status < 400 ? 0 : decoded.get(r.url) ?? 0;

    const record = {
      name,
      url: page.url(),
      resources,
      unfinished: resources.filter((r) => !r.finished).map((r) => r.url),
      transferred: resources.reduce((sum, r) => sum + r.transferred, 0),
      decoded: resources.reduce((sum, r) => sum + r.decoded, 0),
    };
    entries = [];
    byRequestId = new Map();
    bodies = [];
    return record;
  }

  return { mark, detach: () => cdp.detach() };
}

/**
 * Collects the checks made on each page of a journey: a full-page screenshot
 * under build/e2e-artifacts/ named `${prefix}-${name}.png` and an axe-core
 * audit. check(page, name) records one page and report(t) then adds one
 * subtest per recorded page, which fails on any axe violation.
 */
export function createPageChecks(prefix) {
  const audits = [];

  async function check(page, name) {
    await saveArtifact(page, `${prefix}-${name}`);
    audits.push({ name, url: page.url(), ...(await runAxe(page)) });
  }

  async function report(t) {
    for (const audit of audits) {
      await t.test(`axe on ${audit.name}`, (st) => {
        for (const item of audit.incomplete)
          st.diagnostic(`needs review: ${item.id} on ${item.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`);
        assert.equal(audit.violations.length, 0,
          `${audit.violations.length} axe violation(s) on ${audit.url}:\n${formatViolations(audit.violations)}`);
      });
    }
  }

  return { check, report };
}

/**
 * Presses Tab, or Shift+Tab when `backwards`, until the element matched by
 * `selector` has the focus, at most `maxPresses` times. Returns the label of
 * every focus stop on the way (see describeFocus), the target's included, and
 * adds to the `hidden` set each stop whose focus is not visible.
 */
export async function pressTabUntil(page, selector, hidden, { backwards = false, maxPresses = 80 } = {}) {
  const target = page.locator(selector);
  const stops = [];

  assert.equal(await target.count(), 1, `one element matches ${selector} on ${page.url()}`);
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const focus = await describeFocus(page);
    stops.push(focus.label);
    if (!focus.isBody && !focus.visible)
      hidden.add(`${new URL(page.url()).pathname} ${focus.label} (outline: ${focus.outline}, box-shadow: ${focus.boxShadow})`);
    if (await target.evaluate((el) => el === document.activeElement))
      return stops;
  }
  assert.fail(`${selector} not reached with ${maxPresses} presses of ${backwards ? 'Shift+Tab' : 'Tab'} on ${page.url()}; stops: ${stops.join(' | ')}`);
}

/**
 * Measures how the page fits a viewport `width` pixels wide. Returns
 * { scrollWidth, wide, stackedOverflow }. scrollWidth is the page's scroll
 * width. wide lists, to explain a scroll, up to 10 elements whose right edge
 * passes the viewport, except those in a .table-wrap that may scroll and
 * those in an absolutely positioned box. stackedOverflow lists each
 * .table-wrap whose table.stack is wider than the wrap, because a stacked
 * table must fit without scrolling.
 */
export function measureOverflow(page, width) {
  return page.evaluate((viewportWidth) => {
    const describe = (el) => {
      const classes = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      return `${el.tagName.toLowerCase()}${classes}`;
    };
    const scrollingWrap = (el) => {
      const wrap = el.closest('.table-wrap');
      return wrap && !wrap.querySelector('table.stack') ? wrap : null;
    };
    // Visually hidden content, such as the header of a stacked table, sits
    // in an absolutely positioned box and scrolls nothing.
    const positioned = (el) => {
      for (let node = el; node && node !== document.body; node = node.parentElement)
        if (['absolute', 'fixed'].includes(getComputedStyle(node).position))
          return true;
      return false;
    };

    const wide = [];
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      const wrap = scrollingWrap(el);
      if (box.right > viewportWidth + 0.5 && (!wrap || wrap === el) && !positioned(el))
        wide.push(`${describe(el)} right=${Math.round(box.right)}`);
    }

    const stackedOverflow = [];
    for (const wrap of document.querySelectorAll('.table-wrap')) {
      const table = wrap.querySelector('table.stack');
      if (table && wrap.scrollWidth > wrap.clientWidth + 0.5)
        stackedOverflow.push(`${describe(table)} "${table.caption ? table.caption.innerText : ''}": content ${wrap.scrollWidth} px in a ${wrap.clientWidth} px wrap`);
    }
    return { scrollWidth: document.scrollingElement.scrollWidth, wide: wide.slice(0, 10), stackedOverflow };
  }, width);
}
