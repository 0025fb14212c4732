# MySay: English. This is the source language; every other file must have
# every message here. Words are for children aged 8 and over: short
# sentences, everyday words.

site-title = MySay
skip-to-main = Skip to main content
exit-this-page = Exit this page
language-switch-label = Language
footer-help-now = Help now
footer-privacy = Privacy

landing-page-title = MySay: have your say
landing-heading = Have your say about your care
landing-intro = MySay is a private place to tell your Independent Reviewing Officer (IRO) what you think before your review meeting.
landing-what-heading = What you can do here
landing-can-views = Tell your IRO how things are going, before your meeting.
landing-can-advocate = Ask for an advocate: someone on your side who helps you be heard.
landing-can-letters = Read the letter your IRO writes to you after your meeting.
landing-can-help = Find help straight away if you are worried or not safe.
landing-private = What you write goes to your IRO only, unless you choose to share it.
landing-sign-in = Sign in
landing-iro-question = What is an IRO?
landing-iro-answer = Your IRO chairs your review meetings. Their job is to check your care plan is right for you and that your wishes and feelings are heard.
landing-run-by = MySay is run by { $authority }.

sign-in-page-title = Sign in: MySay
sign-in-heading = Sign in

help-page-title = Help now: MySay
help-heading = Help now
help-danger = If you are in danger now, call
help-childline = Talk to Childline, free, any time:
help-advocacy = Talk to { $provider }, free:
help-out-of-hours = Council social care, evenings and weekends:

privacy-page-title = Privacy: MySay
privacy-heading = Your privacy
privacy-who = { $authority } runs MySay. It keeps what you write safe.
privacy-default = What you write goes to your IRO only. You choose if they can share it with anyone else.
privacy-no-tracking = MySay does not track you, show adverts, or use anyone else's scripts or fonts.
privacy-your-rights = You can see and download everything you have sent.

not-found-page-title = Page not found: MySay
not-found-heading = Page not found
not-found-body = We could not find that page. It may have moved, or the address may be wrong.
not-found-home = Go to the MySay home page

sign-in-name-label = Sign-in name or email
sign-in-name-hint = The name you chose when you joined MySay. Staff use their work email.
sign-in-passphrase-label = Passphrase
sign-in-button = Sign in
sign-in-failed = The sign-in name or passphrase is not right. Check them and try again.
sign-in-too-many = There have been too many tries to sign in from here. Wait 15 minutes and try again.
sign-in-forgot-heading = Forgotten your passphrase?
sign-in-forgot-body = Ask your IRO for a new invitation. Staff, ask your manager.
error-prefix = Error
error-summary-title = There is a problem

home-page-title = Home: MySay
home-hello = Hello, { $name }
home-your-iro = Your IRO
home-no-iro = You do not have an IRO yet. We will tell you when you do.
home-next-review = Next review
home-no-review = Not set yet
home-your-children = Your children
home-no-children = No children are allocated to you yet. A manager allocates them.
home-child-name = Name
home-staff = Staff
home-children = Children
home-area-coming = The { $role } area is coming soon.
home-unavailable = Sorry, we cannot show this page just now. Please try again in a few minutes.
home-signing-out = Signing out
sign-out = Sign out
sign-out-everywhere = Sign out on every device

role-child = child
role-iro = IRO
role-cro = Children's Rights Officer
role-advocacy = advocacy caseworker
role-manager = manager

date-long = { $day } { $month } { $year }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

passphrase-too-short = Your passphrase needs at least 8 characters. Try three or four words you will remember.
passphrase-too-long = Your passphrase can be up to 256 characters. Try a shorter one.
passphrase-common = Lots of people use that passphrase, so it is easy to guess. Try three or four words you will remember.
passphrase-our-name = Your passphrase cannot have MySay's name or your council's name in it. Try something else.

home-invitation = Invitation
home-invite = Invite { $name }
home-invite-again = New invitation for { $name }
home-change-record = change their record or IRO

invitation-page-title = Invitation: MySay
invitation-heading = An invitation to MySay for { $name }
invitation-how = Give this to { $name } or their carer. They can use the code or the link to join MySay and choose their own sign-in name and passphrase.
invitation-code-heading = Invitation code
invitation-code-where = Go to MySay, choose "Join with an invitation", and type this code.
invitation-link-heading = Or open this link
invitation-expires = This invitation works until { $date }, once.
invitation-once = MySay does not keep a copy of this code or link, so print it or write it down now. If it is lost, make a new invitation.
invitation-emailed = It has also been emailed to the child's own email address.
invitation-back = Back to your home page

join-page-title = Join MySay
join-heading = Join MySay
join-intro = Choose a sign-in name and a passphrase. Only you need to know them.
join-invitation-not-valid = This invitation has been used, has run out, or is not right. Ask your IRO for a new one.
join-code-label = Invitation code
join-code-hint = The 8 letters and numbers on your invitation, like KM4T-7QXD.
join-name-label = Choose a sign-in name
join-name-hint = Not your real name. Letters and numbers, 3 to 30 of them. You can use - _ or . too.
join-passphrase-label = Choose a passphrase
join-passphrase-hint = At least 8 characters. Three or four words you will remember work well, like "purple tractor sings loudly".
join-button = Join MySay
join-name-too-short = Your sign-in name needs at least 3 letters or numbers.
join-name-too-long = Your sign-in name can be up to 30 letters or numbers.
join-name-characters = Use only letters, numbers, - _ or . in your sign-in name, with no spaces.
join-name-real-name = Please do not use your real name. Choose a made-up name, like skyblue-fox.
join-name-taken = Someone already has that sign-in name. Try adding a number or another word.
join-staff-intro = Choose a passphrase. When you first sign in, you will also set up an authenticator app on your phone.
join-staff-sign-in-name = Your sign-in name is your email address:
landing-join = Join with an invitation

second-set-up-page-title = Set up your authenticator app: MySay
second-set-up-heading = Set up your authenticator app
second-set-up-why = Staff sign in with a passphrase and a code from an app on their phone, because MySay holds children's private information.
second-set-up-step-app = Open an authenticator app on your phone (for example Microsoft Authenticator or Google Authenticator).
second-set-up-step-scan = Add an account in the app and scan this QR code.
second-set-up-qr-alt = QR code for your authenticator app
second-set-up-key = If you cannot scan it, type this key into the app instead:
second-set-up-step-code = Enter the 6-digit code the app shows.
second-code-label = Code from your authenticator app
second-code-page-title = Enter your code: MySay
second-code-heading = Enter the code from your authenticator app
second-code-or-recovery-label = 6-digit code, or one of your recovery codes
second-code-wrong = That code is not right or has been used. Enter the code your app shows now.
second-continue = Continue
second-recovery-page-title = Your recovery codes: MySay
second-recovery-heading = Keep your recovery codes safe
second-recovery-why = If you lose your phone, each of these codes lets you sign in once instead of a code from the app. Print them or store them in your password manager now: MySay will not show them again.
second-recovery-continue = I have saved my codes, continue

signed-in-as = Signed in as { $name }
session-note = For your safety, MySay signs you out after { $minutes } minutes without activity.
session-warning = You will be signed out in 2 minutes, to keep your information safe. Do you want to stay signed in?
session-ended = You have been signed out because MySay was not used for a while. Anything you saved is still there.
session-stay = Stay signed in

manage-accounts-link = Manage accounts
manage-accounts-page-title = Accounts: MySay
manage-accounts-heading = Accounts
manage-accounts-role = Role
manage-accounts-status = Status
manage-accounts-actions = Actions
manage-accounts-active = Active
manage-accounts-disabled = Disabled
manage-accounts-locked = Locked after failed sign-ins
manage-accounts-disable = Disable
manage-accounts-enable = Enable
manage-accounts-unlock = Unlock
manage-accounts-invite = Send a new invitation
manage-accounts-invited = Invited, not joined yet
manage-accounts-invitation-sent = The invitation has been emailed.

new-staff-link = Add a member of staff
new-staff-page-title = Add a member of staff: MySay
new-staff-heading = Add a member of staff
new-staff-intro = MySay will email them an invitation. It works once, for 14 days.
new-staff-name = Full name
new-staff-email = Work email address
new-staff-email-hint = They will sign in with this address.
new-staff-role = Role
new-staff-button = Add and send the invitation
new-staff-error-name = Enter their full name, up to 80 characters
new-staff-error-email = Enter an email address in the correct format, like name@example.org
new-staff-error-email-taken = Someone already signs in with that email address
new-staff-error-role = Choose their role

new-child-link = Add a child
new-child-page-title = Add a child: MySay
new-child-heading = Add a child
new-child-first-name = First name
new-child-preferred-name = Preferred name (optional)
new-child-date-of-birth = Date of birth
new-child-came-into-care = Date they came into care
new-child-date-hint = For example, 27 3 2014.
new-child-gender = Gender
new-child-ethnicity = Ethnicity group
new-child-placement = Placement type
new-child-first-language = First language
new-child-interpreter = Do they need an interpreter?
new-child-disability = Do they have a disability?
new-child-uasc = Are they an unaccompanied asylum-seeking child?
new-child-iro = IRO
new-child-no-iro = Not allocated yet
new-child-choose = Choose one
new-child-button = Add the child
new-child-error-first-name = Enter the child's first name, up to 60 characters
new-child-error-preferred-name = The preferred name can be up to 60 characters
new-child-error-date-of-birth = Enter a real date of birth, in the past, for a child or young person up to 25
new-child-error-came-into-care = Enter the date they came into care: not in the future, and not before they were born
new-child-error-choose = Choose one of the options
new-child-error-first-language = Enter their first language, up to 40 characters
new-child-error-yes-no = Choose yes or no
new-child-email = Child's own email address (optional)
new-child-email-hint = Only if they want their invitation and MySay's notices there. Emails never include what they write.
new-child-error-email = Enter an email address in the correct format, like name@example.org, or leave it empty

edit-child-page-title = Change a child's record: MySay
edit-child-heading = Change the record of
edit-child-button = Save the changes
edit-child-saved = The changes have been saved.
edit-child-iro-history = IROs so far
edit-child-never-allocated = No IRO has been allocated yet.
edit-child-from = From
edit-child-to = To
edit-child-now = Now
answer-yes = Yes
answer-no = No
gender-female = Female
gender-male = Male
gender-another = Another gender
gender-not-recorded = Not recorded

passphrase-change-link = Change your passphrase
passphrase-change-page-title = Change your passphrase: MySay
passphrase-change-heading = Change your passphrase
passphrase-change-intro = When you change it, MySay signs you out everywhere else.
passphrase-change-current = Your passphrase now
passphrase-change-new = Your new passphrase
passphrase-change-button = Change passphrase
passphrase-change-wrong = That is not your passphrase now. Check it and try again.
passphrase-change-done-heading = Your passphrase has changed
passphrase-change-done-body = You are still signed in here. Anywhere else, you have been signed out.
