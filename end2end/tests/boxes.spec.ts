// No box cuts a child's words. Every box a child or member of staff types
// in keeps all that is pasted into it (no `maxlength`), says its limit
// beside it, counts with JavaScript, and leaves the server to say kindly
// that it is too long, with nothing lost. The boxes of letters and
// advocacy cases are checked in those journeys (letters.spec,
// advocacy.spec); these are the rest. Nothing here saves anything: every
// form is sent over its limit, so the other tests' children are untouched.
import { expect, fluent, pasteOverLimit, ready, test } from './fixtures';
import { signInChild, signOut } from './child';
import { signInStaff } from './staff';

test.use({ viewport: { width: 360, height: 740 } });

test('no page has a box that cuts what is typed', async ({ page }) => {
  // The pages a child and staff reach without starting anything.
  await signInChild(page, 'river-stone');
  for (const path of ['/home', '/consultation/topics/school', '/consultation/taking-part', '/advocacy/new', '/account/passphrase']) {
    await page.goto(path);
    await expect(page.locator('[maxlength]'), path).toHaveCount(0);
  }
  await signOut(page);
  for (const path of ['/sign-in', '/join', '/forgotten']) {
    await page.goto(path);
    await expect(page.locator('[maxlength]'), path).toHaveCount(0);
  }
});

test('a child pastes too much into each box and loses nothing', async ({ page, hydrates }) => {
  await signInChild(page, 'river-stone');

  // A topic (Tom's other topics belong to consultation.spec).
  await page.goto('/consultation/topics/school');
  await ready(page, hydrates);
  const topic = page.getByLabel('How are things at school, college or work?');
  const topicText = await pasteOverLimit(page, topic, 1500, hydrates);
  await page.getByRole('button', { name: 'Save and go to the next topic' }).click();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.locator('.error-summary')).toContainText('That is a bit long. Please shorten it to 1500 letters or fewer.');
  await expect(topic).toHaveValue(topicText);

  // How they take part.
  await page.goto('/consultation/taking-part');
  await ready(page, hydrates);
  const who = page.getByLabel('Who I want at my meeting');
  const whoText = await pasteOverLimit(page, who, 300, hydrates);
  const where = page.getByLabel('Where I want my meeting to be');
  const whereText = await pasteOverLimit(page, where, 300, hydrates);
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(who).toHaveValue(whoText);
  await expect(where).toHaveValue(whereText);

  // Asking for an advocate: the review's own case, 5,000 letters into
  // "something else" (a box that once kept 1,000 and sent the request).
  await page.goto('/advocacy/new');
  await ready(page, hydrates);
  await page.getByRole('checkbox', { name: 'Something else' }).check();
  const other = page.getByLabel('If something else, tell us a little about it');
  const otherText = await pasteOverLimit(page, other, 1000, hydrates);
  const times = page.getByLabel('Good times to contact you (optional)');
  const timesText = await pasteOverLimit(page, times, 200, hydrates);
  const help = page.getByLabel('Anything else that would help you (optional)');
  const helpText = await pasteOverLimit(page, help, 1000, hydrates);
  // One-line boxes too: kept whole, the limit said, counted.
  const language = page.getByLabel('Which language?');
  const languageText = await pasteOverLimit(page, language, 60, hydrates);
  if (!hydrates) {
    await expect(page.locator('#something_else-limit')).toHaveText(fluent('You can write up to 1000 letters.'));
  }
  await page.getByRole('button', { name: fluent('Send to Coram Voice') }).click();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.locator('.error-summary')).toContainText('That is a bit long. Please make it shorter.');
  await expect(other).toHaveValue(otherText);
  await expect(times).toHaveValue(timesText);
  await expect(help).toHaveValue(helpText);
  await expect(language).toHaveValue(languageText);
  await page.goto('/advocacy');
  await expect(page.getByText('Something else')).toHaveCount(0);
});

test('a manager pastes too much into the reason for opening a record', async ({ page, hydrates }) => {
  test.slow();
  // Each project its own manager; Tom's record is not theirs to read.
  await signInStaff(page, hydrates ? 'morgan.price@example.org' : 'nadia.shah@example.org');
  // The manager's list of children links to each record.
  const record = await page.getByRole('link', { name: /^Tom\b/ }).first().getAttribute('href');
  const id = /\/manage\/children\/(\d+)/.exec(record ?? '')?.[1];
  expect(id).toBeTruthy();
  await page.goto(`/children/${id}/consultation`);
  await ready(page, hydrates);
  const reason = page.getByLabel("Why you must read this child's words");
  const text = await pasteOverLimit(page, reason, 500, hydrates);
  await page.getByRole('button', { name: 'Open the record' }).click();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(reason).toHaveValue(text);
  for (const path of ['/manage/children/new', '/manage/staff/new', '/manage/bank-holidays']) {
    await page.goto(path);
    await expect(page.locator('[maxlength]'), path).toHaveCount(0);
  }
  // A manager's one-line boxes: sent over the limit, kept and explained.
  await page.goto('/manage/staff/new');
  await ready(page, hydrates);
  const name = page.getByLabel('Full name');
  const nameText = await pasteOverLimit(page, name, 80, hydrates);
  await page.getByRole('button', { name: 'Add and send the invitation' }).click();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(name).toHaveValue(nameText);
});
