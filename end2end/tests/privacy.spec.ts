// What the privacy page promises, as a person sees it, with and without
// JavaScript: the IRO sees that a draft exists but not its words until it
// is sent; a manager cannot read a child's private answer unless they open
// the record with a reason, and the child then sees who did and why; the
// meeting copy leaves out last time's private feelings. Axe on each page.
import { expect, test } from './fixtures';
import { signInChild, signOut } from './child';
import { signInStaff } from './staff';

test.use({ viewport: { width: 360, height: 740 } });

test('a child\'s words reach only whom the privacy page says', async ({ page, hydrates, checkA11y }) => {
  test.slow();
  // Each project has its own child, IRO and manager (Kai and Noor sent
  // views before their last review, one answer kept just for the IRO).
  const [child, childName, iro, manager, managerName] = hydrates
    ? ['bright-comet', 'Kai', 'amina.hussain@example.org', 'morgan.price@example.org', 'Morgan Price']
    : ['calm-river', 'Noor', 'ben.carter@example.org', 'nadia.shah@example.org', 'Nadia Shah'];
  const draft = `Only a draft for now (${childName})`;
  const secret = `Just for my IRO (${childName})`;

  await page.goto('/privacy');
  await expect(page.getByText('Until you press send, your IRO can see that you have started')).toBeVisible();
  await checkA11y('privacy');

  // The child writes a draft and does not send it.
  await signInChild(page, child);
  await page.goto('/consultation/topics/health');
  await page.getByLabel('OK', { exact: true }).check();
  await page.getByRole('textbox').fill(draft);
  await page.getByRole('button', { name: 'Save and go back to the list' }).click();
  await expect(page.getByRole('status')).toContainText('Saved.');
  await signOut(page);

  // The IRO: the draft exists, its words are not there.
  await signInStaff(page, iro);
  await page.getByRole('link', { name: childName, exact: true }).click();
  const childPage = page.url();
  await page.goto(`${childPage}/consultation`);
  await expect(page.getByText('has started or changed their views for the next review')).toBeVisible();
  await expect(page.getByText(draft)).toHaveCount(0);
  await checkA11y('summary of a draft');
  await signOut(page);

  // The child sends it, with a private answer.
  await signInChild(page, child);
  await page.goto('/consultation/topics/school');
  await page.getByLabel('Unhappy', { exact: true }).check();
  await page.getByRole('textbox').fill(secret);
  await page.getByLabel('Just my IRO').check();
  await page.getByRole('button', { name: 'Save and go back to the list' }).click();
  await page.goto('/consultation/check');
  await expect(page.getByText(/the manager covering for them reads it instead/)).toBeVisible();
  await checkA11y('check and send');
  await page.getByRole('button', { name: /^Send to / }).click();
  await expect(page.getByRole('status')).toContainText('Sent. Thank you');
  await signOut(page);

  // The IRO reads it; the meeting copy leaves out what is just for them,
  // and last time's private feeling ("Really unhappy" about school).
  await signInStaff(page, iro);
  await page.goto(`${childPage}/consultation`);
  await expect(page.getByText(draft)).toBeVisible();
  await expect(page.getByText(secret)).toBeVisible();
  await expect(page.getByText(/last time: \u2068?Really unhappy/)).toBeVisible();
  await page.goto(`${childPage}/consultation?meeting=1`);
  await expect(page.getByText(secret)).toHaveCount(0);
  await expect(page.getByText(/Really unhappy/)).toHaveCount(0);
  await checkA11y('meeting copy');
  await signOut(page);

  // A manager: the status, not the words, until they open the record.
  await signInStaff(page, manager);
  await page.goto(`${childPage}/consultation`);
  await expect(page.getByRole('heading', { name: 'Open this child\'s record' })).toBeVisible();
  await expect(page.getByText(secret)).toHaveCount(0);
  await checkA11y('summary, closed to a manager');
  await page.getByRole('button', { name: 'Open the record' }).click();
  await expect(page.getByRole('alert')).toContainText('Say why you must read this child');
  await expect(page.getByText(secret)).toHaveCount(0);
  await checkA11y('opening refused');
  await page.getByLabel('Why you must read this child\'s words').fill('Checking a complaint about a placement move');
  await page.getByRole('button', { name: 'Open the record' }).click();
  await expect(page.getByText(secret)).toBeVisible();
  await expect(page.getByText(/You opened this child/)).toBeVisible();
  await signOut(page);

  // The child sees who opened it, and why.
  await signInChild(page, child);
  await expect(page.getByRole('heading', { name: 'Who has read what you wrote' })).toBeVisible();
  await expect(page.getByText(new RegExp(`${managerName}\u2069? \\(a manager\\) opened your record on`))).toBeVisible();
  await expect(page.getByText(/Checking a complaint about a placement move/)).toBeVisible();
  await checkA11y('home with who read what');
});
