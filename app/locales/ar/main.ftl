# MySay: Arabic (العربية). Machine-assisted first draft: before any council
# uses it with children, a qualified translator who works with young people
# must review every message, and a young Arabic speaker should test it.

site-title = ماي ساي
skip-to-main = انتقل إلى المحتوى الرئيسي
exit-this-page = اخرج من هذه الصفحة
language-switch-label = اللغة
footer-help-now = مساعدة الآن
footer-privacy = الخصوصية

landing-page-title = ماي ساي: قل رأيك
landing-heading = قل رأيك في الرعاية التي تحصل عليها
landing-intro = ماي ساي مكان خاص تخبر فيه مسؤول المراجعة المستقل (IRO) برأيك قبل اجتماع المراجعة.
landing-what-heading = ماذا يمكنك أن تفعل هنا
landing-can-views = أخبر مسؤول المراجعة كيف تسير الأمور، قبل اجتماعك.
landing-can-advocate = اطلب مناصرًا: شخصًا يقف إلى جانبك ويساعدك على أن يُسمع صوتك.
landing-can-letters = اقرأ الرسالة التي يكتبها لك مسؤول المراجعة بعد اجتماعك.
landing-can-help = احصل على المساعدة فورًا إذا كنت قلقًا أو لست في أمان.
landing-private = ما تكتبه يذهب إلى مسؤول المراجعة فقط، إلا إذا اخترت مشاركته.
landing-sign-in = تسجيل الدخول
landing-iro-question = من هو مسؤول المراجعة المستقل؟
landing-iro-answer = يرأس مسؤول المراجعة اجتماعات المراجعة الخاصة بك. عمله أن يتأكد من أن خطة رعايتك مناسبة لك وأن رغباتك ومشاعرك مسموعة.
landing-run-by = يدير ماي ساي { $authority }.

sign-in-page-title = تسجيل الدخول: ماي ساي
sign-in-heading = تسجيل الدخول

help-page-title = مساعدة الآن: ماي ساي
help-heading = مساعدة الآن
help-danger = إذا كنت في خطر الآن، اتصل بـ
help-childline = تحدث إلى تشايلدلاين، مجانًا، في أي وقت:
help-advocacy = تحدث إلى { $provider }، مجانًا:
help-out-of-hours = الرعاية الاجتماعية في المجلس، في المساء وعطلة نهاية الأسبوع:

privacy-page-title = الخصوصية: ماي ساي
privacy-heading = خصوصيتك
privacy-who = يدير { $authority } ماي ساي. ويحافظ على أمان ما تكتبه.
privacy-default = ما تكتبه يذهب إلى مسؤول المراجعة فقط. أنت تختار إن كان يمكنه مشاركته مع أي شخص آخر.
privacy-no-tracking = لا يتتبعك ماي ساي، ولا يعرض إعلانات، ولا يستخدم نصوصًا برمجية أو خطوطًا من جهات أخرى.
privacy-your-rights = يمكنك رؤية كل ما أرسلته وتنزيله.

not-found-page-title = الصفحة غير موجودة: ماي ساي
not-found-heading = الصفحة غير موجودة
not-found-body = لم نتمكن من العثور على تلك الصفحة. ربما نُقلت، أو ربما العنوان خاطئ.
not-found-home = اذهب إلى الصفحة الرئيسية لماي ساي

sign-in-name-label = اسم تسجيل الدخول أو البريد الإلكتروني
sign-in-name-hint = الاسم الذي اخترته عندما انضممت إلى ماي ساي. يستخدم الموظفون بريد العمل.
sign-in-passphrase-label = عبارة المرور
sign-in-button = تسجيل الدخول
sign-in-failed = اسم تسجيل الدخول أو عبارة المرور غير صحيح. تحقق منهما وحاول مرة أخرى.
sign-in-too-many = كانت هناك محاولات كثيرة لتسجيل الدخول من هنا. انتظر 15 دقيقة ثم حاول مرة أخرى.
sign-in-forgot-heading = هل نسيت عبارة المرور؟
sign-in-forgot-body = اطلب من مسؤول المراجعة دعوة جديدة. الموظفون، اسألوا مديركم.
error-prefix = خطأ
error-summary-title = هناك مشكلة

home-page-title = الصفحة الرئيسية: ماي ساي
home-hello = مرحبًا، { $name }
home-your-iro = مسؤول المراجعة الخاص بك
home-no-iro = ليس لديك مسؤول مراجعة بعد. سنخبرك عندما يكون لديك.
home-next-review = المراجعة القادمة
home-no-review = لم تحدد بعد
home-your-children = الأطفال المسؤول عنهم
home-no-children = لم يُعيَّن لك أي طفل بعد. يقوم المدير بتعيين الأطفال.
home-child-name = الاسم
home-staff = الموظفون
home-children = الأطفال
home-area-coming = قسم { $role } قادم قريبًا.
home-unavailable = عذرًا، لا يمكننا عرض هذه الصفحة الآن. يرجى المحاولة مرة أخرى بعد بضع دقائق.
home-signing-out = تسجيل الخروج
sign-out = تسجيل الخروج
sign-out-everywhere = تسجيل الخروج من كل الأجهزة

role-child = طفل
role-iro = مسؤول المراجعة
role-cro = مسؤول حقوق الأطفال
role-advocacy = أخصائي المناصرة
role-manager = مدير

date-long = { $day } { $month } { $year }
month-1 = يناير
month-2 = فبراير
month-3 = مارس
month-4 = أبريل
month-5 = مايو
month-6 = يونيو
month-7 = يوليو
month-8 = أغسطس
month-9 = سبتمبر
month-10 = أكتوبر
month-11 = نوفمبر
month-12 = ديسمبر

passphrase-too-short = تحتاج عبارة المرور إلى 8 أحرف على الأقل. جرّب ثلاث أو أربع كلمات ستتذكرها.
passphrase-too-long = يمكن أن تصل عبارة المرور إلى 256 حرفًا. جرّب عبارة أقصر.
passphrase-common = كثير من الناس يستخدمون عبارة المرور هذه، لذلك من السهل تخمينها. جرّب ثلاث أو أربع كلمات ستتذكرها.
passphrase-our-name = لا يمكن أن تحتوي عبارة المرور على اسم ماي ساي أو اسم مجلسك. جرّب شيئًا آخر.

home-invitation = الدعوة
home-invite = ادعُ { $name }
home-invite-again = دعوة جديدة لـ { $name }
home-change-record = تغيير السجل أو المسؤول المستقل

invitation-page-title = دعوة: ماي ساي
invitation-heading = دعوة إلى ماي ساي لـ { $name }
invitation-how = أعطِ هذه الدعوة إلى { $name } أو إلى مقدم الرعاية. يمكنهم استخدام الرمز أو الرابط للانضمام إلى ماي ساي واختيار اسم تسجيل الدخول وعبارة المرور الخاصين بهم.
invitation-code-heading = رمز الدعوة
invitation-code-where = اذهب إلى ماي ساي، واختر "انضم بدعوة"، واكتب هذا الرمز.
invitation-link-heading = أو افتح هذا الرابط
invitation-expires = تعمل هذه الدعوة حتى { $date }، مرة واحدة.
invitation-once = لا يحتفظ ماي ساي بنسخة من هذا الرمز أو الرابط، لذا اطبعه أو اكتبه الآن. إذا ضاع، أنشئ دعوة جديدة.
invitation-emailed = أُرسلت أيضًا إلى عنوان البريد الإلكتروني الخاص بالطفل.
invitation-back = العودة إلى صفحتك الرئيسية

join-page-title = انضم إلى ماي ساي
join-heading = انضم إلى ماي ساي
join-intro = اختر اسم تسجيل دخول وعبارة مرور. أنت فقط من يحتاج إلى معرفتهما.
join-invitation-not-valid = هذه الدعوة استُخدمت أو انتهت أو غير صحيحة. اطلب من مسؤول المراجعة دعوة جديدة.
join-code-label = رمز الدعوة
join-code-hint = الأحرف والأرقام الثمانية في دعوتك، مثل KM4T-7QXD.
join-name-label = اختر اسم تسجيل الدخول
join-name-hint = ليس اسمك الحقيقي. أحرف وأرقام، من 3 إلى 30. يمكنك استخدام - _ أو . أيضًا.
join-passphrase-label = اختر عبارة مرور
join-passphrase-hint = 8 أحرف على الأقل. ثلاث أو أربع كلمات ستتذكرها تعمل جيدًا.
join-button = انضم إلى ماي ساي
join-name-too-short = يحتاج اسم تسجيل الدخول إلى 3 أحرف أو أرقام على الأقل.
join-name-too-long = يمكن أن يصل اسم تسجيل الدخول إلى 30 حرفًا أو رقمًا.
join-name-characters = استخدم فقط الأحرف والأرقام و - _ أو . في اسم تسجيل الدخول، بدون مسافات.
join-name-real-name = من فضلك لا تستخدم اسمك الحقيقي. اختر اسمًا من خيالك.
join-name-taken = شخص آخر لديه اسم تسجيل الدخول هذا. جرّب إضافة رقم أو كلمة أخرى.
join-staff-intro = اختر عبارة مرور. عند تسجيل الدخول أول مرة، ستُعِدّ أيضًا تطبيق مصادقة على هاتفك.
join-staff-sign-in-name = اسم تسجيل الدخول الخاص بك هو عنوان بريدك الإلكتروني:
landing-join = انضم بدعوة

second-set-up-page-title = إعداد تطبيق المصادقة: ماي ساي
second-set-up-heading = إعداد تطبيق المصادقة
second-set-up-why = يسجل الموظفون الدخول بعبارة مرور ورمز من تطبيق على هواتفهم، لأن ماي ساي يحتفظ بمعلومات خاصة عن الأطفال.
second-set-up-step-app = افتح تطبيق مصادقة على هاتفك (مثل Microsoft Authenticator أو Google Authenticator).
second-set-up-step-scan = أضف حسابًا في التطبيق وامسح رمز QR هذا.
second-set-up-qr-alt = رمز QR لتطبيق المصادقة
second-set-up-key = إذا لم تتمكن من مسحه، اكتب هذا المفتاح في التطبيق بدلًا من ذلك:
second-set-up-step-code = أدخل الرمز المكوّن من 6 أرقام الذي يظهره التطبيق.
second-code-label = الرمز من تطبيق المصادقة
second-code-page-title = أدخل الرمز: ماي ساي
second-code-heading = أدخل الرمز من تطبيق المصادقة
second-code-or-recovery-label = رمز من 6 أرقام، أو أحد رموز الاسترداد
second-code-wrong = هذا الرمز غير صحيح أو استُخدم من قبل. أدخل الرمز الذي يظهره التطبيق الآن.
second-continue = متابعة
second-recovery-page-title = رموز الاسترداد: ماي ساي
second-recovery-heading = احتفظ برموز الاسترداد في مكان آمن
second-recovery-why = إذا فقدت هاتفك، يتيح لك كل رمز من هذه الرموز تسجيل الدخول مرة واحدة بدلًا من رمز التطبيق. اطبعها أو احفظها الآن: لن يعرضها ماي ساي مرة أخرى.
second-recovery-continue = حفظت الرموز، متابعة

signed-in-as = تم تسجيل الدخول باسم { $name }
session-note = حفاظًا على أمانك، يسجّل ماي ساي خروجك بعد { $minutes } دقيقة دون نشاط.
session-warning = سيتم تسجيل خروجك خلال دقيقتين، للحفاظ على أمان معلوماتك. هل تريد البقاء مسجلًا للدخول؟
session-ended = تم تسجيل خروجك لأن ماي ساي لم يُستخدم لفترة. كل ما حفظته لا يزال موجودًا.
session-stay = البقاء مسجلًا للدخول

manage-accounts-link = إدارة الحسابات
manage-accounts-page-title = الحسابات: ماي ساي
manage-accounts-heading = الحسابات
manage-accounts-role = الدور
manage-accounts-status = الحالة
manage-accounts-actions = الإجراءات
manage-accounts-active = نشط
manage-accounts-disabled = معطّل
manage-accounts-locked = مقفل بعد محاولات دخول فاشلة
manage-accounts-disable = تعطيل
manage-accounts-enable = تفعيل
manage-accounts-unlock = فتح القفل
manage-accounts-invite = إرسال دعوة جديدة
manage-accounts-invited = مدعو، لم ينضم بعد
manage-accounts-invitation-sent = أُرسلت الدعوة بالبريد الإلكتروني.

new-staff-link = إضافة موظف
new-staff-page-title = إضافة موظف: ماي ساي
new-staff-heading = إضافة موظف
new-staff-intro = سيرسل ماي ساي إليه دعوة بالبريد الإلكتروني. تعمل مرة واحدة، لمدة 14 يومًا.
new-staff-name = الاسم الكامل
new-staff-email = عنوان البريد الإلكتروني للعمل
new-staff-email-hint = سيسجّل الدخول بهذا العنوان.
new-staff-role = الدور
new-staff-button = الإضافة وإرسال الدعوة
new-staff-error-name = أدخل الاسم الكامل، حتى 80 حرفًا
new-staff-error-email = أدخل عنوان بريد إلكتروني بالشكل الصحيح، مثل name@example.org
new-staff-error-email-taken = يوجد شخص يسجّل الدخول بهذا العنوان بالفعل
new-staff-error-role = اختر الدور

new-child-link = إضافة طفل
new-child-page-title = إضافة طفل: ماي ساي
new-child-heading = إضافة طفل
new-child-first-name = الاسم الأول
new-child-preferred-name = الاسم المفضل (اختياري)
new-child-date-of-birth = تاريخ الميلاد
new-child-came-into-care = تاريخ دخوله الرعاية
new-child-date-hint = مثلًا، 27 3 2014.
new-child-gender = الجنس
new-child-ethnicity = المجموعة العرقية
new-child-placement = نوع الإيداع
new-child-first-language = اللغة الأولى
new-child-interpreter = هل يحتاج إلى مترجم؟
new-child-disability = هل لديه إعاقة؟
new-child-uasc = هل هو طفل طالب لجوء غير مصحوب؟
new-child-iro = مسؤول المراجعة
new-child-no-iro = لم يُعيَّن بعد
new-child-choose = اختر واحدًا
new-child-button = إضافة الطفل
new-child-error-first-name = أدخل الاسم الأول للطفل، حتى 60 حرفًا
new-child-error-preferred-name = يمكن أن يصل الاسم المفضل إلى 60 حرفًا
new-child-error-date-of-birth = أدخل تاريخ ميلاد حقيقيًا في الماضي، لطفل أو شاب حتى سن 25
new-child-error-came-into-care = أدخل تاريخ دخوله الرعاية: ليس في المستقبل، وليس قبل ولادته
new-child-error-choose = اختر أحد الخيارات
new-child-error-first-language = أدخل لغته الأولى، حتى 40 حرفًا
new-child-error-yes-no = اختر نعم أو لا
new-child-email = عنوان البريد الإلكتروني الخاص بالطفل (اختياري)
new-child-email-hint = فقط إذا أراد أن تصله الدعوة وإشعارات ماي ساي عليه. لا تتضمن الرسائل أبدًا ما يكتبه.
new-child-error-email = أدخل عنوان بريد إلكتروني بالشكل الصحيح، مثل name@example.org، أو اتركه فارغًا

edit-child-page-title = تغيير سجل طفل: ماي ساي
edit-child-heading = تغيير سجل
edit-child-button = حفظ التغييرات
edit-child-saved = حُفظت التغييرات.
edit-child-iro-history = المسؤولون المستقلون حتى الآن
edit-child-never-allocated = لم يُعيَّن مسؤول مستقل بعد.
edit-child-from = من
edit-child-to = إلى
edit-child-now = الآن
answer-yes = نعم
answer-no = لا
gender-female = أنثى
gender-male = ذكر
gender-another = جنس آخر
gender-not-recorded = غير مسجل

passphrase-change-link = غيّر عبارة المرور
passphrase-change-page-title = تغيير عبارة المرور: ماي ساي
passphrase-change-heading = غيّر عبارة المرور
passphrase-change-intro = عندما تغيّرها، يسجّل ماي ساي خروجك من كل مكان آخر.
passphrase-change-current = عبارة المرور الحالية
passphrase-change-new = عبارة المرور الجديدة
passphrase-change-button = تغيير عبارة المرور
passphrase-change-wrong = هذه ليست عبارة المرور الحالية. تحقق منها وحاول مرة أخرى.
passphrase-change-done-heading = تم تغيير عبارة المرور
passphrase-change-done-body = ما زلت مسجلًا للدخول هنا. تم تسجيل خروجك من أي مكان آخر.
