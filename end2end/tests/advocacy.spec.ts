// Asking for an advocate on a phone, with and without JavaScript: a child
// asks for help with meetings and housing, with an interpreter in
// Tigrinya; the advocacy caseworker accepts and allocates an advocate; the
// child sees the advocate's first name; the IRO sees it on the caseload.
// Axe on every page.
import { expect, fluent, pasteOverLimit, test } from './fixtures';
import { signInChild, signOut } from './child';
import { signInStaff } from './staff';

test.use({ viewport: { width: 360, height: 740 } });

test('a child asks for an advocate and sees who it is', async ({ page, hydrates, checkA11y }) => {
  // Several staff sign-ins: an authenticator code works once, so one may
  // wait for the next 30-second step while the other project signs in.
  test.slow();
  // Each project has its own child, IRO and advocate, so the two never meet.
  const [child, childName, iro, advocate] = hydrates
    ? ['skyblue-fox', 'Jade', 'amina.hussain@example.org', 'Sam Okafor']
    : ['sunny-kite', 'Yonas', 'ben.carter@example.org', 'Rahel Tesfaye'];
  const firstName = advocate.split(' ')[0];

  await signInChild(page, child);
  await page.getByRole('link', { name: 'Ask for an advocate' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ask for an advocate');
  await checkA11y('asking for an advocate');
  await page.getByRole('link', { name: 'Ask for an advocate' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('What do you want help with?');
  await expect(page.getByText(/This goes to \W?Coram Voice\W?, the advocacy service/)).toBeVisible();
  await checkA11y('the request form');

  // Sent with nothing ticked: told kindly, with a link to the question.
  await page.getByRole('button', { name: fluent('Send to Coram Voice') }).click();
  await expect(page).toHaveTitle(/^Error: /);
  const summary = page.locator('.error-summary');
  await expect(summary).toContainText('Choose at least one thing you want help with');
  await checkA11y('the request form with a problem');

  await page.getByLabel('Support at meetings').check();
  await page.getByLabel('Housing', { exact: true }).check();
  await page.getByLabel('Text me').check();
  await page.getByLabel('Your phone number or email address').fill('07700 900123');
  await page.getByLabel('I would like an interpreter').check();
  await page.getByLabel('Which language?').fill('Tigrinya');
  await page.getByRole('button', { name: fluent('Send to Coram Voice') }).click();
  await expect(page.getByRole('status')).toContainText('Sent. Thank you for asking.');
  await expect(page.getByText('Support at meetings, Housing')).toBeVisible();
  await expect(page.getByText('Sent. Waiting for the advocacy service to reply.')).toBeVisible();
  await checkA11y('the request, sent');
  // A long message pasted in is kept whole (boxes.spec); not sent here.
  await pasteOverLimit(page, page.getByLabel('Your message'), 1000, hydrates);
  await page.getByLabel('Your message').fill('');
  await signOut(page);

  // The advocacy service.
  await signInStaff(page, 'dev.patel@example.org');
  await page.getByRole('link', { name: 'Advocacy requests' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Advocacy requests');
  await checkA11y('the advocacy inbox');
  await page.getByRole('link', { name: childName, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(fluent(`Request from ${childName}`));
  await expect(page.locator('.summary-list div').filter({ hasText: 'Which language?' })).toContainText('Tigrinya');
  await checkA11y('a request, for the caseworker');
  await pasteOverLimit(page, page.getByLabel('Add a note'), 1000, hydrates);
  await page.getByLabel('Add a note').fill('');
  await page.getByRole('button', { name: 'Accept this request' }).click();
  await expect(page.getByRole('status')).toContainText('Done.');
  await page.getByLabel("Advocate's name").fill(advocate);
  await page.getByRole('button', { name: 'Allocate' }).click();
  await expect(page.getByRole('status')).toContainText('Done.');
  await checkA11y('a request with an advocate');
  await signOut(page);

  // The child sees their advocate's first name.
  await signInChild(page, child);
  await page.goto('/advocacy');
  await page.getByRole('link', { name: 'Support at meetings, Housing' }).click();
  await expect(page.getByText(fluent(`Your advocate is ${firstName}. They will get in touch.`))).toBeVisible();
  await expect(page.getByText(advocate)).toHaveCount(0);
  await signOut(page);

  // The IRO sees it on the caseload.
  await signInStaff(page, iro);
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: childName, exact: true }) });
  await expect(row).toContainText('You have an advocate.');
  await checkA11y('IRO home with an advocacy request');
});
