// The list of themes IROs tag children's answers with: a manager (who
// keeps it with the CRO; the CRO's own first sign-in is the authenticator
// set-up test's) adds one, is told kindly when a name is taken, renames one and
// retires it; an IRO tags a child's sent answer with themes. On a phone,
// with and without JavaScript, axe on each page.
import { readFileSync } from 'node:fs';
import * as ExcelJS from 'exceljs';
import { expect, test } from './fixtures';
import { signInStaff } from './staff';

test('the list of themes: add one, rename it, retire it', async ({ page, hydrates, checkA11y }) => {
  // One manager with JavaScript, the other without: they never meet.
  await signInStaff(page, hydrates ? 'morgan.price@example.org' : 'nadia.shah@example.org');
  await page.getByRole('link', { name: 'The list of themes' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Themes');
  await expect(page.getByRole('table')).toContainText('Contact with family');
  await checkA11y('themes');

  const field = page.getByLabel('Theme', { exact: true });
  await field.fill('feeling SAFE');
  await page.getByRole('button', { name: 'Add the theme' }).click();
  await expect(page.getByRole('alert')).toContainText('There is already a theme with this name');
  await expect(field).toHaveValue('feeling SAFE');
  await checkA11y('themes with an error');

  const name = hydrates ? 'Sleep' : 'Pets';
  await field.fill(name);
  await page.getByRole('button', { name: 'Add the theme' }).click();
  await expect(page.getByRole('status')).toContainText('The list of themes is saved.');
  await page.getByRole('row').filter({ hasText: name }).getByRole('link', { name: /Change the name/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
  await expect(field).toHaveValue(name);
  await checkA11y('renaming a theme');
  await field.fill(`${name} and rest`);
  await page.getByRole('button', { name: 'Save the name' }).click();
  await expect(page.getByRole('status')).toContainText('The list of themes is saved.');

  const row = page.getByRole('row').filter({ hasText: `${name} and rest` });
  await row.getByRole('button', { name: /Retire/ }).click();
  await expect(page.getByRole('row').filter({ hasText: `${name} and rest` })).toContainText('No, retired');
  await expect(page.getByRole('row').filter({ hasText: `${name} and rest` }).getByRole('button', { name: /Offer again/ })).toBeVisible();
});

test('how small numbers are hidden: the manager sees the rule and is told kindly what cannot be', async ({ page, hydrates, checkA11y }) => {
  // Signing the manager in can wait for a fresh authenticator step.
  test.slow();
  // Nothing is saved here: the rule is the whole service's, and the other
  // tests count with it.
  await signInStaff(page, hydrates ? 'morgan.price@example.org' : 'nadia.shah@example.org');
  await page.getByRole('link', { name: 'How small numbers are hidden in figures' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('How small numbers are hidden in figures');
  // The number sits between Fluent's isolation marks.
  await expect(page.getByText(/counts from 1 to \W*5\W* are shown as "c"/)).toBeVisible();
  await checkA11y('small numbers');

  const field = page.getByLabel('Hide counts below');
  await field.fill('2');
  await page.getByRole('button', { name: 'Save the rule' }).click();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.getByRole('alert')).toContainText('The number cannot be below 3');
  await expect(field).toHaveValue('2');
  await checkA11y('small numbers with an error');
});

test('the population rates are of: the manager is told kindly what cannot be, and saves it', async ({ page, hydrates, checkA11y }) => {
  test.slow();
  await signInStaff(page, hydrates ? 'morgan.price@example.org' : 'nadia.shah@example.org');
  await page.getByRole('link', { name: 'The population aged 0 to 17, for rates per 10,000 children' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("The authority's population aged 0 to 17");
  await checkA11y('population');

  const field = page.getByLabel('Population aged 0 to 17');
  await field.fill('285.4k');
  await page.getByRole('button', { name: 'Save the population' }).click();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.getByRole('alert')).toContainText('Enter the population as a whole number, like 285,400');
  await expect(field).toHaveValue('285.4k');
  await checkA11y('population with an error');

  // Both browsers save the same number: nothing else reads it yet.
  await field.fill('285,400');
  await page.getByRole('button', { name: 'Save the population' }).click();
  await expect(page.getByRole('status')).toContainText('The population is saved.');
  await expect(page.getByText(/per 10,000 of \W*285,400\W* children/)).toBeVisible();
  await expect(field).toHaveValue('285,400');
});

test('an IRO tags an answer a child sent with themes', async ({ page, hydrates, checkA11y }) => {
  // Leo (Amina's) and Ava (Ben's) sent views before their last review;
  // nothing else in the browser tests touches them.
  const [iro, child] = hydrates ? ['amina.hussain@example.org', 'Leo'] : ['ben.carter@example.org', 'Ava'];
  await signInStaff(page, iro);
  await page.getByRole('link', { name: child, exact: true }).click();
  await page.goto(`${page.url()}/consultation`);
  const school = page.locator('#themes-school');
  await expect(school).toContainText('Themes: none yet');
  await school.getByText('Themes: none yet').click();
  const group = school.getByRole('group', { name: /^Themes in what they said about \u2068?School, college or work/ });
  await group.getByLabel('Friends', { exact: true }).check();
  await group.getByLabel('A trusted adult', { exact: true }).check();
  await checkA11y('summary with the themes open');
  await school.getByRole('button', { name: 'Save the themes' }).click();
  await expect(page).toHaveURL(/tagged=school/);
  await expect(school.getByRole('status')).toContainText('The themes are saved.');
  await expect(school).toContainText(/Themes: \u2068?A trusted adult, Friends/);
  await expect(page.locator('#themes-where-i-live')).toContainText('Themes: none yet');
  await checkA11y('summary with themes saved');

  // Taken off again: the boxes say what is stored.
  await expect(group.getByLabel('Friends', { exact: true })).toBeChecked();
  await group.getByLabel('Friends', { exact: true }).uncheck();
  await school.getByRole('button', { name: 'Save the themes' }).click();
  await expect(school.locator('summary')).toHaveText(/^Themes: \u2068?A trusted adult\u2069?$/);
  await expect(group.getByLabel('Friends', { exact: true })).not.toBeChecked();
});

test('the themes page: a quarter and an age band, each chart with its table', async ({ page, hydrates, checkA11y }) => {
  // Axe on pages of charts and tables, beside the other project on two
  // cores: near the minute in CI.
  test.slow();
  // Managers see it as the CRO does (the CRO's first sign-in is the
  // authenticator set-up test's).
  await signInStaff(page, hydrates ? 'morgan.price@example.org' : 'nadia.shah@example.org');
  await page.getByRole('link', { name: 'What children are telling us' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('What children are telling us');
  await checkA11y('themes page');
  await page.getByLabel('Part of the year').selectOption({ label: 'April to June' });
  await page.getByLabel('Age when they sent their views').selectOption({ label: '10 to 15' });
  await page.getByRole('button', { name: 'Show the figures' }).click();
  await expect(page).toHaveURL(/quarter=1/);
  await expect(page).toHaveURL(/age=10-15/);
  await expect(page.getByLabel('Part of the year')).toHaveValue('1');
  // Dates have marks around each part (left-to-right in any language).
  await expect(page.getByRole('heading', { level: 2, name: /^From[\s\u2068\u2069]*1[\s\u2068\u2069]*April/ })).toContainText(/30[\s\u2068\u2069]*June/);
  // The demo's children are counted: each count is 0, 6 or more, or "c"
  // (fewer than six), explained; a quarter's advocacy categories always
  // have some.
  const table = page.getByRole('table', { name: 'Children who sent their views', exact: true });
  const cells = table.getByRole('row', { name: /All children/ }).getByRole('cell');
  const [now, before] = [(await cells.nth(0).innerText()).trim(), (await cells.nth(1).innerText()).trim()];
  for (const count of [now, before]) expect(count).toMatch(/^(c|0|[6-9]|\d{2,})$/);
  await expect(page.getByText(/^c: fewer than[\s\u2068\u2069]*6/)).toBeVisible();
  const section = page.locator('section').filter({ has: table });
  await expect(section.locator('.chart')).toBeVisible();
  await expect(page.getByRole('table', { name: 'How children feel about each topic', exact: true })).toBeVisible();
  await checkA11y('themes page for a quarter and an age band');

  // Downloads, for the same choices: this table as CSV, every table as a
  // workbook; each opened and a cell read.
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    section.getByRole('link', { name: /^Download this table \(CSV\)/ }).click(),
  ]);
  expect(csv.suggestedFilename()).toMatch(/^what-children-are-telling-us-sent-\d{4}-04-01-to-\d{4}-06-30\.csv$/);
  const lines = readFileSync(await csv.path(), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
  expect(lines).toContain('Which children,Age when they sent their views: 10 to 15');
  expect(lines).toContain(`All children,${now},${before}`);
  const [xlsx] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download every table (Excel workbook)' }).click(),
  ]);
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await xlsx.path());
  expect(book.worksheets[0].getCell('A4').value).toBe('Which children');
  const sent = book.worksheets[1];
  expect(sent.name).toBe('1 Children who sent their views');
  expect(sent.getCell('A3').value).toBe('All children');
  expect(String(sent.getCell('B3').value)).toBe(now);
  expect(String(sent.getCell('C3').value)).toBe(before);
});

test("children's words: read with no name, picked as a quote, downloaded", async ({ page, hydrates, checkA11y }) => {
  // Axe on pages of charts and tables, beside the other project on two
  // cores: near the minute in CI.
  test.slow();
  // The demo's children who sent views last time said their words about
  // where they live can be used. Each manager picks a different one.
  await signInStaff(page, hydrates ? 'morgan.price@example.org' : 'nadia.shah@example.org');
  await page.getByRole('link', { name: 'What children are telling us' }).click();
  await page.getByRole('link', { name: 'Read what children said, where they said their words can be used' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Children's words");
  const quotes = page.locator('li.quote');
  await expect(quotes.filter({ hasText: 'I like my room.' }).first()).toBeVisible();
  expect(await quotes.count()).toBeGreaterThanOrEqual(2);
  for (const name of ['Leo', 'Ava', 'Kai', 'Jade', 'Amina', 'Ben']) {
    await expect(page.locator('.quotes').first()).not.toContainText(name);
  }
  await checkA11y("children's words");

  const mine = quotes.nth(hydrates ? 0 : 1);
  const id = (await mine.getAttribute('id')) ?? '';
  const said = (await mine.locator('blockquote').innerText()).trim();
  expect(id).toMatch(/^quote-[0-9a-f]{24}$/);
  await mine.getByRole('button', { name: 'Pick for a report' }).click();
  await expect(page).toHaveURL(new RegExp(`#${id}$`));
  await expect(page.locator(`#${id}`)).toContainText('Picked for a report');

  await page.getByLabel('Only the quotes picked').check();
  await page.getByLabel('Topic').selectOption({ label: 'Where I live' });
  await page.getByRole('button', { name: 'Show the words' }).click();
  await expect(page).toHaveURL(/picked=yes/);
  await expect(page.locator(`#${id}`)).toBeVisible();
  await checkA11y("children's words, picked");

  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download these words (CSV)' }).click(),
  ]);
  expect(csv.suggestedFilename()).toMatch(/^childrens-words-\d{4}-04-01-to-\d{4}-03-31\.csv$/);
  const lines = readFileSync(await csv.path(), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
  expect(lines[0]).toBe('Month,Topic,Theme,Words,Picked for a report');
  expect(lines.slice(1).some((line) => /^\d{4}-\d{2},Where I live,/.test(line) && line.endsWith(`,${said},Yes`))).toBe(true);

  // Unpicked: off the list of picked quotes.
  await page.locator(`#${id}`).getByRole('button', { name: 'Unpick' }).click();
  await expect(page).toHaveURL(/picked=yes/);
  await expect(page.locator(`#${id}`)).toHaveCount(0);
});
