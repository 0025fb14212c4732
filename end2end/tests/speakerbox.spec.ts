// Speakerbox on a phone, with and without JavaScript, axe on every page:
// the Children's Rights Officer writes a poll (told kindly what is
// missing), publishes it; Jade answers with her name, a second member in
// Arabic without hers (the page says what that means first); the CRO
// closes it and reads the results, small counts as "c", the words with no
// name, and shares "you said, we did"; Tom, no member, reads it, and the
// second member is told on her home page though nothing says her answer
// was hers.
import { expect, fillDate, fluent, test } from './fixtures';
import { signInChild, signOut } from './child';
import { signInStaff } from './staff';

test.use({ viewport: { width: 375, height: 740 } });

/** The member who answers without her name: never the child that
 * every_child.spec.ts signs in as in the same project, whose visits to
 * "you said, we did" (its axe pass) would clear her news while this test
 * runs beside it. */
const withoutName = (hydrates: boolean) => (hydrates ? 'quiet-moon' : 'little-owl');

const iso = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test('the CRO puts a poll to Speakerbox and reads it once it closes', async ({ page, hydrates, checkA11y }) => {
  // Three sign-ins of staff shared with the other project, and axe on
  // eight pages: minutes on a busy two-core machine.
  test.slow();
  const title = hydrates ? 'Youth club hours' : 'Youth club hours (without JavaScript)';
  await signInStaff(page, 'chloe.adams@example.org');
  await page.getByRole('link', { name: 'Speakerbox topics and members' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Speakerbox topics');
  await expect(page.getByRole('table')).toContainText('Pocket money');
  await checkA11y('the CRO\'s topics');

  await page.getByRole('link', { name: 'Write a new topic' }).click();
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Poll choices').fill('Only one choice');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.getByRole('alert')).toContainText('Enter what the topic is about');
  await expect(page.getByRole('alert')).toContainText('A poll needs from 2 to 10 choices');
  await expect(page.getByLabel('Title')).toHaveValue(title);
  await checkA11y('a topic with problems');
  await page.getByLabel('What it is about').fill('The youth club wants to change its opening hours.');
  await page.getByLabel('Question for a written answer').fill('What would you change?');
  await page.getByLabel('Poll choices').fill('Later in the evening\nAt weekends\nKeep them as they are');
  await fillDate(page, 'First day to answer', iso(0));
  await fillDate(page, 'Last day to answer', iso(7));
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('status')).toContainText('The draft was saved.');
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByRole('status')).toContainText('The topic was published.');
  await expect(page.getByText('What members answered can be read once the topic closes.')).toBeVisible();
  await checkA11y('a published topic');
  const topic = page.url().replace(/\?.*$/, '');
  await page.locator('.signed-in-bar').getByRole('button', { name: 'Sign out' }).click();

  // Jade, with her name.
  await signInChild(page, 'skyblue-fox');
  await expect(page.locator('main')).toContainText('Questions to answer');
  await page.getByRole('link', { name: 'Speakerbox', exact: true }).click();
  await checkA11y('a member\'s Speakerbox');
  await page.getByRole('link', { name: title, exact: true }).click();
  await expect(page.getByRole('heading', { name: 'What "without my name" means' })).toBeVisible();
  await expect(page.locator('#without-name')).toContainText('ask if you want your IRO to know who you are');
  await checkA11y('a question to answer');
  await page.getByRole('button', { name: 'Send my answer' }).click();
  await expect(page.getByRole('alert')).toContainText('Choose with your name or without your name');
  await page.getByLabel('At weekends').check();
  await page.getByLabel('What would you change?').fill('Open on Saturdays please');
  await page.getByLabel('With my name').check();
  await page.getByRole('button', { name: 'Send my answer' }).click();
  await expect(page.getByRole('status')).toContainText('Thank you. Your answer was sent.');
  await expect(page.getByText('You have answered with your name. You can change your answer until the question closes.')).toBeVisible();
  await signOut(page);

  // Sara (Mia without JavaScript), in Arabic, without her name: the topic
  // is in English, marked so.
  await signInChild(page, withoutName(hydrates));
  // The language for this browser only (a cookie, as the switch sets it),
  // so her account's choice is left for the other tests that use her.
  await page.context().addCookies([{ name: 'mysay-lang', value: 'ar', url: new URL('/', page.url()).href }]);
  await page.goto(topic.replace('/speakerbox/run/topics/', '/speakerbox/topics/'));
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.locator('div[lang="en"] h1')).toHaveText(title);
  await checkA11y('a question in Arabic');
  await page.locator('input[name="choice"][value="0"]').check();
  await page.locator('#words').fill('نريد أن يبقى النادي مفتوحا حتى التاسعة');
  await page.locator('input[name="named"][value="no"]').check();
  await page.locator('form[action="/speakerbox/answer"] button[type="submit"]').click();
  await expect(page.getByRole('status')).toBeVisible();
  await expect(page.locator('input[name="named"]')).toHaveCount(0);
  await checkA11y('answered without a name, in Arabic');
  await page.context().addCookies([{ name: 'mysay-lang', value: 'en', url: new URL('/', page.url()).href }]);
  await page.goto('/home');
  await signOut(page);

  // The CRO closes it and reads what members said.
  await signInStaff(page, 'chloe.adams@example.org');
  await page.goto(topic);
  await page.getByRole('button', { name: 'Close now' }).click();
  await expect(page.getByRole('status')).toContainText('The topic was closed.');
  await expect(page.getByText(fluent('Members who answered: c'))).toBeVisible();
  await expect(page.getByText('"c" means a number too small to show')).toBeVisible();
  const written = page.locator('.answer-list');
  await expect(written.locator('li', { hasText: 'Open on Saturdays please' })).toContainText('Jade');
  const hers = written.locator('li', { hasText: 'نريد أن يبقى' });
  await expect(hers).toContainText('Without a name');
  await expect(hers.locator('p.child-words')).toHaveAttribute('lang', 'ar');
  await checkA11y('the results');

  // "You said, we did": told kindly what is missing, then shared.
  const did = hydrates ? 'From March the club opens until 9pm on Fridays.' : 'From March the club opens at weekends.';
  await page.getByLabel('What young people said, in plain words').fill('You want the youth club open for longer.');
  await page.getByRole('button', { name: 'Share it' }).click();
  await expect(page.getByRole('alert')).toContainText('Say what the service did or will do');
  await expect(page.getByLabel('What young people said, in plain words')).toHaveValue('You want the youth club open for longer.');
  await checkA11y('an item with problems');
  await page.getByLabel('What the service did, or will do').fill(did);
  await page.getByLabel('Who is responsible').fill('Youth service manager');
  await page.getByRole('button', { name: 'Share it' }).click();
  await expect(page.getByRole('status')).toContainText('It was shared.');
  await page.locator('.signed-in-bar').getByRole('button', { name: 'Sign out' }).click();

  // Tom is no member: he reads it, newest first.
  await signInChild(page, 'river-stone');
  await page.getByRole('link', { name: 'You said, we did' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You said, we did');
  await expect(page.locator('article.said-did').first()).toContainText(did);
  await checkA11y('you said, we did');
  await signOut(page);

  // Jade's words carried her name: her home says the CRO read them.
  await signInChild(page, 'skyblue-fox');
  await expect(page.getByText(/Chloe Adams\W* \(\W*Children's Rights Officer\W*\) read the Speakerbox answers sent with your name/).first()).toBeVisible();
  await signOut(page);

  // She answered without her name, and is told all the same.
  await signInChild(page, withoutName(hydrates));
  await page.getByRole('link', { name: 'There is news in "You said, we did" about a question you answered.' }).click();
  await expect(page.locator('article.said-did', { hasText: did }).getByText('New', { exact: true })).toBeVisible();
  await signOut(page);
});

test('a member answers in simpler mode, with big targets', async ({ page, checkA11y }) => {
  // Yonas, in both projects: an answer with his name can be sent again.
  await signInChild(page, 'sunny-kite');
  // Simpler mode for this browser only (a cookie, as the switch sets it).
  await page.context().addCookies([{ name: 'mysay-simpler', value: '1', url: new URL('/', page.url()).href }]);
  await page.goto('/speakerbox');
  await expect(page.locator('body')).toHaveClass('simpler');
  await page.getByRole('link', { name: 'Pocket money', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pocket money');
  await checkA11y('a question in simpler mode');
  const small = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('main button, main label:has(input)')]
      // What is hidden until the page's script shows it is no target yet.
      .filter((el) => el.checkVisibility())
      .map((el) => el.getBoundingClientRect())
      .filter((box) => box.height < 43.5 || box.width < 43.5).length,
  );
  expect(small, 'targets under 44px').toBe(0);
  await page.getByLabel('It should be more').check();
  await page.getByLabel('With my name').check();
  await page.getByRole('button', { name: 'Send my answer' }).click();
  await expect(page.getByRole('status')).toContainText('Thank you. Your answer was sent.');
  await expect(page.getByLabel('It should be more')).toBeChecked();
});

test('a manager sets how long "you said, we did" may stay planned', async ({ page, hydrates, checkA11y }) => {
  await signInStaff(page, hydrates ? 'morgan.price@example.org' : 'nadia.shah@example.org');
  await page.getByRole('link', { name: 'How long "You said, we did" may stay planned' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('How long "You said, we did" may stay planned');
  await checkA11y('the planned setting');
  await page.getByLabel('Months').fill('0');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.getByRole('alert')).toContainText('Enter a whole number of months from 1 to 24');
  await expect(page.getByLabel('Months')).toHaveValue('0');
  await checkA11y('the planned setting with a problem');
  // The same 3 months again: saved, nothing changed for the other tests.
  await page.getByLabel('Months').fill('3');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toContainText('Saved.');
  await expect(page.getByText(fluent('Now: 3 months.'))).toBeVisible();
});
