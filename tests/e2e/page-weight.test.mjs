// Page weight of each page of the child and adult journeys. The HTML, CSS and
// JS transferred with the browser cache off, as on a first visit, must stay
// under 30 KB (30 × 1024 bytes).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PAGE_WEIGHT_MAX, contextOptions, createWeightMeter, launchChromium } from './browser.mjs';
import { CHILD_NAME, adultJourney, childJourneyWithMouse } from './journeys.mjs';
import { findChild, startArdoise } from './server.mjs';

/** Decoded size above which an HTML, CSS or JS response must be compressed. */
const COMPRESS_MIN_BYTES = 1024;

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

/** Runs `journey(page, onPage)` with a weight meter; returns one record per page. */
async function weighJourney(journey) {
  const context = await browser.newContext(contextOptions(server.baseURL));
  const page = await context.newPage();
  const meter = await createWeightMeter(page);
  const records = [];

  try {
    await journey(page, async (name) => {
      records.push(await meter.mark(name));
    });
  } finally {
    await meter.detach().catch(() => {});
    await context.close();
  }
  return records;
}

function printRecords(records) {
  console.log('page weight (bytes transferred / after decompression, cache off):');
  for (const r of records) {
    console.log(`  ${r.name.padEnd(28)} total ${String(r.transferred).padStart(6)} / ${String(r.decoded).padStart(6)}  ${new URL(r.url).pathname}`);
    for (const res of r.resources) {
      console.log(`    ${res.type.padEnd(10)} ${String(res.status).padEnd(3)} ${res.encoding.padEnd(8)} ` +
        `${String(res.transferred).padStart(6)} / ${String(res.decoded).padStart(6)}  ${new URL(res.url).pathname}`);
    }
  }
}

async function checkRecords(t, records) {
  printRecords(records);
  for (const r of records) {
    await t.test(`weight of ${r.name}`, () => {
      assert.deepEqual(r.unfinished, [], 'requests still loading when the page was weighed');
      assert.ok(r.resources.some((res) => res.type === 'Document'), 'the HTML document was counted');
      assert.ok(r.transferred < PAGE_WEIGHT_MAX,
        `${r.name} (${r.url}) transferred ${r.transferred} bytes of HTML, CSS and JS, limit ${PAGE_WEIGHT_MAX}`);
      for (const res of r.resources) {
        if (res.decoded >= COMPRESS_MIN_BYTES)
          assert.notEqual(res.encoding, 'identity', `${res.url} (${res.decoded} bytes) sent without compression`);
      }
    });
  }
}

test('page weight of the child journey', async (t) => {
  const child = findChild(server.logins, CHILD_NAME);
  const records = await weighJourney((page, onPage) => childJourneyWithMouse(page, child, onPage));
  await checkRecords(t, records);
});

test('page weight of the adult pages', async (t) => {
  const records = await weighJourney((page, onPage) => adultJourney(page, server.logins.adults.accompagnateur, onPage));
  await checkRecords(t, records);
});
