// Letters from the IRO on a phone, with and without JavaScript: the IRO
// writes a letter the check says is too hard, makes it simpler and sends
// it; the child reads it (the IRO then sees it read) and asks a question;
// the IRO answers. With JavaScript, "Read it to me" speaks the letter
// (the browser's speech is stubbed to observe the call); without it, the
// button is absent. Axe on every page.
import { expect, fluent, pasteOverLimit, spoken, stubSpeech, test } from './fixtures';
import { signInChild, signOut } from './child';
import { signInStaff } from './staff';

test.use({ viewport: { width: 360, height: 740 } });

const HARD =
  'The professionals attending considered that the arrangements regarding contact with your family should continue unchanged until the subsequent review meeting.';
const SIMPLE = 'Thank you for coming to your meeting.\n\nWe agreed:\n- you stay where you live now\n- you see your brother every week';

test('the IRO writes a letter, the child reads it and asks a question', async ({ page, hydrates, checkA11y }) => {
  test.slow();
  const [child, childName, iro, iroName] = hydrates
    ? ['skyblue-fox', 'Jade', 'amina.hussain@example.org', 'Amina Hussain']
    : ['sunny-kite', 'Yonas', 'ben.carter@example.org', 'Ben Carter'];
  if (hydrates) await stubSpeech(page);

  // The IRO writes, is warned, simplifies, sends.
  await signInStaff(page, iro);
  await page.getByRole('link', { name: childName, exact: true }).click();
  await page.getByRole('button', { name: 'Write a letter about the last review' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(fluent(`Letter to ${childName}`));
  // A letter pasted in whole is kept whole, however long (boxes.spec).
  await pasteOverLimit(page, page.getByLabel('The letter', { exact: true }), 8000, hydrates);
  await page.getByLabel('The letter', { exact: true }).fill(HARD);
  await page.getByRole('button', { name: 'Save the draft' }).click();
  await expect(page.getByText('This may be hard for the child to read.', { exact: false })).toBeVisible();
  await checkA11y('a letter with the reading-age warning');
  await page.getByLabel('The letter', { exact: true }).fill(SIMPLE);
  await page.getByRole('button', { name: 'Save the draft' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Draft saved.' })).toBeVisible();
  await expect(page.getByText('This may be hard for the child to read.')).toHaveCount(0);
  await expect(page.locator('.phone-preview li').first()).toHaveText('you stay where you live now');
  await checkA11y('a simpler letter with its preview');
  await page.getByRole('button', { name: fluent(`Send to ${childName}`) }).click();
  await expect(page.getByRole('status')).toContainText('Sent.');
  await expect(page.getByText('Not read yet')).toBeVisible();
  await signOut(page);

  // The child reads it.
  await signInChild(page, child);
  await page.getByRole('link', { name: 'You have a new letter from your IRO' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Letters from your IRO');
  await checkA11y('the list of letters');
  await page.getByRole('link', { name: /^Letter of / }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(fluent(`A letter from ${iroName}`));
  await expect(page.getByText('you see your brother every week')).toBeVisible();
  const readAloud = page.getByRole('button', { name: 'Read it to me' });
  if (hydrates) {
    await readAloud.click();
    const said = await spoken(page);
    expect(said).toHaveLength(1);
    expect(said[0].lang).toBe('en');
    expect(said[0].text).toContain('Thank you for coming to your meeting.');
    await expect(page.getByRole('button', { name: 'Stop reading' })).toBeVisible();
  } else {
    await expect(readAloud).toHaveCount(0);
  }
  await checkA11y('a letter, for the child');
  await page.getByLabel('I have a question').check();
  await pasteOverLimit(page, page.getByLabel('Your message'), 1500, hydrates);
  await page.getByLabel('Your message').fill('Can my brother come to the next meeting?');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Your message has been sent.');
  await checkA11y('a letter with a question');
  await signOut(page);

  // The IRO sees it read and answers.
  await signInStaff(page, iro);
  await page.getByRole('link', { name: fluent(`${childName} has replied`) }).click();
  await expect(page.getByText(/^Read on /)).toBeVisible();
  await expect(page.getByText('Can my brother come to the next meeting?')).toBeVisible();
  await pasteOverLimit(page, page.getByLabel('Your answer'), 1500, hydrates);
  await page.getByLabel('Your answer').fill('Yes, he can come.');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Your message has been sent.');
  await checkA11y('a letter with its thread, for the IRO');
  await signOut(page);

  // The child sees the answer.
  await signInChild(page, child);
  await page.goto('/letters');
  await page.getByRole('link', { name: /^Letter of / }).first().click();
  await expect(page.getByText('Yes, he can come.')).toBeVisible();
});
