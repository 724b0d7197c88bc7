// The question kinds written as "::: name" blocks, with JavaScript: each
// activity is completed once with the mouse (clicks and drag and drop) and
// once with the keyboard only (Tab, Space, arrows, typing). axe-core must
// find nothing on the enhanced pages. A dropped network keeps the answers
// in the page and sends them again.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { contextOptions, describeFocus, formatViolations, launchChromium, measureOverflow, pressTabUntil, runAxe, saveArtifact } from './browser.mjs';
import { childSignInWithMouse, expectFullScore, pathOf } from './journeys.mjs';
import { findChild, startArdoise } from './server.mjs';

/* Inès K. is in CM1, the level of these activities. */
const CHILD = 'Inès K.';

/* What a child must do in each activity, question by question; the texts
   come from the content files. */
const STORY = {
  id: 'francais-cm1-l-ordre-du-recit',
  questions: [
    { kind: 'order', items: ['Nora se lève tôt.', 'Nora et son grand-père remplissent un panier de pommes.', 'Ils installent leur étal sur la place.',
      'Toutes les pommes sont vendues.', 'Nora mange une crêpe.'] },
    { kind: 'analysis', units: ['Nora', 'son grand-père'] },
    { kind: 'match', items: ['parce que c’est le jour du marché.', 'est rouge.', 'il ne reste plus de pommes.'] },
    { kind: 'order', items: ['On entre en classe.', 'On fait la récréation du matin.', 'On déjeune à la cantine.', 'On rentre à la maison.'] },
  ],
};

const GRAMMAR = {
  id: 'francais-cm1-verbes-et-sujets',
  questions: [
    { kind: 'analysis', units: ['prend', 'roule', 'attendent'] },
    { kind: 'analysis', units: ['Les oiseaux', 'le vieux chien du voisin', 'Nous'] },
    { kind: 'sort', items: { 'la course': 'Nom', 'le chant': 'Nom', 'un saut': 'Nom', courir: 'Verbe', chanter: 'Verbe', sauter: 'Verbe' } },
    { kind: 'short', text: 'nous finissons' },
    { kind: 'short', text: 'il connait' },
  ],
};

const SHAPES = {
  id: 'maths-cm1-reconnaitre-les-figures',
  questions: [
    { kind: 'choice', pictures: ['un triangle bleu'] },
    { kind: 'choice', pictures: ['un carré bleu', 'un rectangle bleu, plus long que haut', 'un losange bleu, posé sur une pointe'] },
    { kind: 'short', text: 'carré' },
    { kind: 'match', items: ['il a 3 côtés', 'il a 6 côtés', 'il n’a aucun côté', 'il a 4 angles droits'] },
    { kind: 'sort', items: { 'le carré': 'Elle a au moins un angle droit', 'le rectangle': 'Elle a au moins un angle droit',
      'le cercle': 'Elle n’a aucun angle droit', 'le losange posé sur une pointe': 'Elle n’a aucun angle droit',
      'l’hexagone régulier': 'Elle n’a aucun angle droit' } },
  ],
};

const ACTIVITIES = [STORY, GRAMMAR, SHAPES];

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

function question(page, index) {
  return page.locator('fieldset.question').nth(index);
}

async function expectNoViolations(page, name) {
  const { violations } = await runAxe(page);
  if (violations.length)
    await saveArtifact(page, `activity-types-${name}`);
  assert.equal(violations.length, 0, `${name}: axe violations:\n${formatViolations(violations)}`);
}

async function signIn(context) {
  const page = await context.newPage();
  await childSignInWithMouse(page, findChild(server.logins, CHILD), async () => {});
  return page;
}

/* ---- with the mouse ---- */

/** Drags `source` with the mouse and releases it over `target`. */
async function drag(page, source, target) {
  await source.evaluate((el) => el.closest('.sort-board, ol.reorder').scrollIntoView({ block: 'center' }));
  const from = await source.boundingBox();
  const to = await target.boundingBox();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 10, { steps: 3 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
  await page.mouse.up();
}

/** Puts the items of a reorderable list in the order `texts` by dragging. */
async function orderWithMouse(page, fieldset, texts) {
  const list = fieldset.locator('ol.reorder');
  for (let p = 0; p < texts.length; p++) {
    const item = list.locator(`li[data-text="${texts[p]}"]`);
    const current = await list.locator('li').evaluateAll((all, text) => all.findIndex((li) => li.dataset.text === text), texts[p]);
    if (current !== p)
      await drag(page, item.locator('.grab'), list.locator('li').nth(p));
    assert.equal(await list.locator('li').nth(p).getAttribute('data-text'), texts[p], `"${texts[p]}" dragged to position ${p + 1}`);
  }
}

async function answerWithMouse(page, q, fieldset) {
  if (q.kind === 'choice') {
    for (const alt of q.pictures)
      await fieldset.locator(`label.choice:has(img[alt="${alt}"])`).click();
  } else if (q.kind === 'short') {
    await fieldset.locator('.short-answer input').click();
    await page.keyboard.type(q.text);
  } else if (q.kind === 'analysis') {
    for (const unit of q.units)
      await fieldset.locator('label.unit span', { hasText: new RegExp(`^${unit}$`) }).click();
  } else if (q.kind === 'order' || q.kind === 'match') {
    await orderWithMouse(page, fieldset, q.items);
  } else if (q.kind === 'sort') {
    for (const [text, category] of Object.entries(q.items))
      await drag(page, fieldset.locator(`li.sort-chip[data-text="${text}"] .grab`), fieldset.locator('.sort-box', { has: page.locator(`.sort-name:text-is("${category}")`) }));
  }
}

/* ---- with the keyboard ---- */

/** Picks the item up with Space, moves it with `key` `times` times, puts it down with Enter. */
async function carry(page, grabSelector, key, times, hidden) {
  await pressTabUntil(page, grabSelector, hidden);
  await page.keyboard.press('Space');
  for (let i = 0; i < times; i++)
    await page.keyboard.press(key);
  await page.keyboard.press('Enter');
}

async function orderWithKeyboard(page, fieldsetSelector, texts, hidden) {
  const list = page.locator(`${fieldsetSelector} ol.reorder`);
  for (let p = 0; p < texts.length; p++) {
    const current = await list.locator('li').evaluateAll((all, text) => all.findIndex((li) => li.dataset.text === text), texts[p]);
    if (current > p)
      await carry(page, `${fieldsetSelector} li[data-text="${texts[p]}"] .grab`, 'ArrowUp', current - p, hidden);
    assert.equal(await list.locator('li').nth(p).getAttribute('data-text'), texts[p], `"${texts[p]}" moved to position ${p + 1} with the keyboard`);
  }
}

async function answerWithKeyboard(page, q, index, hidden) {
  const scope = `fieldset.question >> nth=${index}`;
  const fieldsetSelector = `fieldset.question:nth-of-type(${index + 1})`;

  if (q.kind === 'choice') {
    const fieldset = page.locator(scope);
    const type = await fieldset.locator('input').first().getAttribute('type');
    if (type === 'radio') {
      const alts = await fieldset.locator('label.choice img').evaluateAll((imgs) => imgs.map((img) => img.alt));
      await pressTabUntil(page, `${fieldsetSelector} input[type=radio] >> nth=0`, hidden);
      const target = alts.indexOf(q.pictures[0]);
      for (let i = 0; i < target; i++)
        await page.keyboard.press('ArrowDown');
      if (target === 0)
        await page.keyboard.press('Space');
    } else {
      for (const alt of q.pictures) {
        await pressTabUntil(page, `${fieldsetSelector} label.choice:has(img[alt="${alt}"]) input`, hidden);
        await page.keyboard.press('Space');
      }
    }
  } else if (q.kind === 'short') {
    await pressTabUntil(page, `${fieldsetSelector} .short-answer input`, hidden);
    await page.keyboard.type(q.text);
  } else if (q.kind === 'analysis') {
    for (const unit of q.units) {
      await pressTabUntil(page, `${fieldsetSelector} label.unit:has(span:text-is("${unit}")) input`, hidden);
      await page.keyboard.press('Space');
    }
  } else if (q.kind === 'order' || q.kind === 'match') {
    await orderWithKeyboard(page, fieldsetSelector, q.items, hidden);
  } else if (q.kind === 'sort') {
    const names = await page.locator(`${fieldsetSelector} .sort-box .sort-name`).allInnerTexts();
    for (const [text, category] of Object.entries(q.items))
      await carry(page, `${fieldsetSelector} li.sort-chip[data-text="${text}"] .grab`, 'ArrowRight', names.indexOf(category), hidden);
  }
}

async function checkFields(page, activity) {
  for (let i = 0; i < activity.questions.length; i++) {
    const q = activity.questions[i];
    if (q.kind === 'order' || q.kind === 'match') {
      const values = await question(page, i).locator(q.kind === 'order' ? 'input[type=number]' : 'select').evaluateAll((all) => all.map((f) => f.value));
      assert.ok(values.every((v) => v !== ''), `question ${i + 1}: every plain field filled (${values})`);
    }
  }
}

for (const mode of ['mouse', 'keyboard']) {
  test(`every block kind answered with the ${mode}`, async () => {
    const context = await browser.newContext(contextOptions(server.baseURL, { viewport: { width: 1024, height: 900 } }));
    const page = await signIn(context);
    const hidden = new Set();

    try {
      for (const activity of ACTIVITIES) {
        await page.goto(`/activite/${activity.id}`);
        await expectNoViolations(page, `${activity.id}-${mode}`);
        for (let i = 0; i < activity.questions.length; i++) {
          if (mode === 'mouse')
            await answerWithMouse(page, activity.questions[i], question(page, i));
          else
            await answerWithKeyboard(page, activity.questions[i], i, hidden);
        }
        await checkFields(page, activity);
        if (mode === 'mouse') {
          await Promise.all([page.waitForURL(/\/resultat\/\d+$/), page.getByRole('button', { name: 'Valider mes réponses' }).click()]);
        } else {
          await pressTabUntil(page, 'form[data-activity] button[type=submit]', hidden);
          await Promise.all([page.waitForURL(/\/resultat\/\d+$/), page.keyboard.press('Enter')]);
        }
        await expectFullScore(page, activity.questions.length);
        await expectNoViolations(page, `${activity.id}-${mode}-resultat`);
      }
      assert.deepEqual([...hidden], [], 'every focus stop shows the focus');
    } catch (err) {
      await saveArtifact(page, `activity-types-${mode}-failure`);
      throw err;
    } finally {
      await context.close();
    }
  });
}

test('enhanced questions fit a 360 pixel wide screen', async () => {
  const context = await browser.newContext(contextOptions(server.baseURL, { viewport: { width: 360, height: 740 }, hasTouch: true }));
  const page = await signIn(context);

  try {
    for (const activity of ACTIVITIES) {
      await page.goto(`/activite/${activity.id}`);
      const { scrollWidth, wide } = await measureOverflow(page, 360);
      if (scrollWidth > 360)
        await saveArtifact(page, `activity-types-360-${activity.id}`);
      assert.ok(scrollWidth <= 360, `${activity.id}: page ${scrollWidth} px wide, too wide: ${wide.join(', ')}`);
    }
  } finally {
    await context.close();
  }
});

test('moves are announced and the buttons move items', async () => {
  const context = await browser.newContext(contextOptions(server.baseURL));
  const page = await signIn(context);

  try {
    await page.goto(`/activite/${STORY.id}`);
    const list = question(page, 3).locator('ol.reorder');
    const first = await list.locator('li').first().getAttribute('data-text');
    await list.locator('li').first().getByRole('button', { name: `Descendre « ${first} »` }).click();
    assert.equal(await list.locator('li').nth(1).getAttribute('data-text'), first);
    await page.waitForFunction(() => [...document.querySelectorAll('[aria-live]')].some((p) => /position 2 sur 4/.test(p.textContent)));
    const focus = await describeFocus(page);
    assert.ok(focus.label.includes(first), `focus stays on the moved item (${focus.label})`);
  } finally {
    await context.close();
  }
});

test('answers survive a dropped network and are sent again', async () => {
  const context = await browser.newContext(contextOptions(server.baseURL));
  const page = await signIn(context);

  try {
    await page.goto(`/activite/${GRAMMAR.id}`);
    await answerWithMouse(page, GRAMMAR.questions[3], question(page, 3));
    let dropped = 0;
    await page.route('**/activite/*', (route) => {
      if (route.request().method() !== 'POST' || dropped > 0)
        return route.continue();
      dropped++;
      return route.abort('internetdisconnected');
    });
    await page.getByRole('button', { name: 'Valider mes réponses' }).click();
    await page.locator('.save-status', { hasText: 'Pas encore enregistré' }).waitFor();
    const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('ardoise-reponses:')).map((k) => localStorage.getItem(k)));
    assert.equal(stored.length, 1, 'the answers are kept in localStorage');
    assert.match(stored[0], /nous finissons/);
    assert.equal(await question(page, 3).locator('.short-answer input').inputValue(), 'nous finissons', 'the answer stays in the page');
    await page.waitForURL(/\/resultat\/\d+$/, { timeout: 15000 });
    assert.equal(dropped, 1);
    assert.match(pathOf(page), /^\/resultat\/\d+$/);
    const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('ardoise-reponses:')).length);
    assert.equal(left, 0, 'the answers are forgotten once stored by the server');
  } finally {
    await context.close();
  }
});
