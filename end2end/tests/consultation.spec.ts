// The heart of MySay on a phone, with and without JavaScript: a child
// shares their views in three topics, leaves, comes back to the draft and
// sends it; the IRO reads it and marks it read; the child sees that; the
// IRO records the review as PN6. Another IRO cannot reach it. Axe on each.
import { expect, fillDate, fluent, ready, test } from './fixtures';
import { signInChild, signOut } from './child';
import { signInStaff } from './staff';

test.use({ viewport: { width: 360, height: 740 } });

test('a child shares their views and their IRO reads them', async ({ page, hydrates, checkA11y, browser }) => {
  // Several staff sign-ins: an authenticator code works once, so one may
  // wait for the next 30-second step while the other project signs in.
  test.slow();
  // Each project has its own child and IRO, so the two never meet.
  const [child, childName, iro, iroName, otherIro] = hydrates
    ? ['skyblue-fox', 'Jade', 'amina.hussain@example.org', 'Amina Hussain', 'ben.carter@example.org']
    : ['sunny-kite', 'Yonas', 'ben.carter@example.org', 'Ben Carter', 'amina.hussain@example.org'];

  await signInChild(page, child);
  await page.getByRole('link', { name: 'Share my views before my review' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Share my views before my review');
  await checkA11y('consultation overview');

  await page.getByRole('link', { name: 'Where I live' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Where I live');
  await checkA11y('a topic');
  await page.getByLabel('Happy', { exact: true }).check();
  await page.getByLabel('What is it like where you live?').fill('My room is quiet and I like my carer.');
  await page.getByLabel('I want to talk about this at my meeting').check();
  await page.getByLabel('My IRO can share it at my meeting and with my social worker').check();
  await page.getByRole('button', { name: 'Save and go to the next topic' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Family and friends');
  await page.getByLabel('OK', { exact: true }).check();
  await page.getByLabel('How is time with your family and friends?').fill('I miss my brother.');
  await page.getByRole('button', { name: 'Save and go to the next topic' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('School, college or work');
  await page.getByLabel('Unhappy', { exact: true }).check();
  await page.getByLabel('How are things at school, college or work?').fill('Maths is hard.');
  await page.getByRole('button', { name: 'Save and go back to the list' }).click();
  await expect(page.getByRole('status')).toContainText('Saved.');

  // Leave, and come back: the draft is there.
  await signOut(page);
  await signInChild(page, child);
  await page.goto('/consultation');
  await expect(page.getByText('Started, not sent yet')).toBeVisible();
  await page.getByRole('link', { name: 'Family and friends' }).click();
  await expect(page.getByLabel('How is time with your family and friends?')).toHaveValue('I miss my brother.');
  await expect(page.getByLabel('OK', { exact: true })).toBeChecked();
  await page.getByRole('link', { name: 'Back to all topics' }).click();

  await page.getByRole('link', { name: 'Say how you want to take part' }).click();
  await page.getByLabel('Not come, but send my views').check();
  await page.getByLabel('Who I want at my meeting').fill('My carer');
  await checkA11y('taking part');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check and send');
  await expect(page.getByText(new RegExp(`${iroName}\u2069? will read this before your review on`))).toBeVisible();
  await checkA11y('check and send');
  await page.getByRole('button', { name: fluent(`Send to ${iroName}`) }).click();
  await expect(page.getByRole('status')).toContainText('Sent. Thank you');
  await signOut(page);

  // The IRO: the caseload says sent; the summary shows each answer with its sharing choice.
  await signInStaff(page, iro);
  const row = page.locator('table.caseload').getByRole('row', { name: new RegExp(childName) });
  await expect(row).toContainText('Sent');
  await row.getByRole('link', { name: /Sent/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(fluent(`${childName}'s views for their next review`));
  await expect(page.getByText('My room is quiet and I like my carer.')).toBeVisible();
  await expect(page.getByText('Maths is hard.')).toBeVisible();
  await expect(page.getByText('Just for the IRO').first()).toBeVisible();
  await checkA11y('consultation summary');
  await page.getByRole('button', { name: 'Mark as read' }).click();
  await expect(page.getByRole('status')).toContainText('Marked as read');
  await page.getByRole('link', { name: 'Meeting copy to print' }).click();
  await expect(page.getByText('My room is quiet and I like my carer.')).toBeVisible();
  await expect(page.getByText('Maths is hard.')).toHaveCount(0);
  await page.goto('/home');
  await signOut(page);

  // The child sees it was read.
  await signInChild(page, child);
  await page.goto('/consultation');
  await expect(page.getByText(new RegExp(`Read by \u2068?${iroName}\u2069? on`))).toBeVisible();
  await signOut(page);

  // The IRO records the review: the child did not come but sent their views.
  await signInStaff(page, iro);
  await page.getByRole('link', { name: childName, exact: true }).click();
  await fillDate(page, 'Date it was held', new Date().toISOString().slice(0, 10));
  await page.getByRole('group', { name: 'Did the child attend?' }).getByLabel('No').check();
  await page.getByLabel(/PN6/).check();
  await page.getByRole('button', { name: 'Record the review' }).click();
  await expect(page.getByRole('status')).toContainText('The review has been recorded.');
  await expect(page.getByRole('table', { name: 'Reviews held' })).toContainText('PN6');

  // Another IRO cannot reach it.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signInStaff(otherPage, otherIro);
  const summaryUrl = page.url().replace(/\/children\/(\d+).*/, '/children/$1/consultation');
  const response = await otherPage.goto(summaryUrl);
  expect(response?.status()).toBe(404);
  await expect(otherPage.getByText('My room is quiet')).toHaveCount(0);
  await other.close();
});

test('words are saved as the child types with JavaScript, and by the button without', async ({ page, hydrates, checkA11y }) => {
  // Tom is nobody else's in these tests; each project uses its own topic.
  await signInChild(page, 'river-stone');
  if (!hydrates) {
    // No script: nothing says "Saved" while typing; the button saves.
    await page.goto('/consultation/topics/health');
    const health = page.getByRole('textbox');
    await health.fill('I sleep better now');
    await page.waitForTimeout(2500);
    await expect(page.locator('.autosave-status')).toHaveText('');
    await page.getByRole('button', { name: 'Save and go to the next topic' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Things I enjoy');
    await page.goto('/consultation/topics/health');
    await expect(health).toHaveValue('I sleep better now');
    return;
  }
  await page.goto('/consultation/topics/enjoy');
  await ready(page, hydrates);
  const box = page.getByLabel('What do you enjoy doing?');
  await box.pressSequentially('Football with my friends', { delay: 20 });
  await expect(page.locator('.autosave-status')).toHaveText('Saved');
  await checkA11y('a topic saved as the child types');
  // The phone "dies": nothing pressed, the page left. The words are there.
  await page.goto('/consultation');
  await expect(page.getByText('Things I enjoy')).toBeVisible();
  await page.getByRole('link', { name: 'Things I enjoy' }).click();
  await expect(box).toHaveValue('Football with my friends');
  // Typing more, then the button: no clash, on to the next topic.
  await ready(page, hydrates);
  await box.focus();
  await page.keyboard.press('Control+End');
  await box.pressSequentially(' on Saturdays', { delay: 20 });
  await expect(page.locator('.autosave-status')).toHaveText('Saved');
  await box.pressSequentially('!');
  await page.getByRole('button', { name: 'Save and go to the next topic' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Feeling safe');
  await page.goto('/consultation/topics/enjoy');
  await expect(box).toHaveValue('Football with my friends on Saturdays!');

  // Worrying words typed: Help now is shown at once, before any button.
  await page.goto('/consultation/topics/anything-else');
  await ready(page, hydrates);
  await page.getByRole('textbox').pressSequentially('Sometimes I want to run away', { delay: 10 });
  const help = page.locator('.help-box');
  await expect(help).toContainText('If you do not feel safe now');
  await checkA11y('help shown while typing');
  await help.getByRole('link', { name: 'Get help now' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Help now');
});
