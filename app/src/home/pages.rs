//! Home: what a signed-in person sees first, by role.

use leptos::prelude::*;

use crate::simpler::Picture;

use crate::{
    accounts::AwayForm,
    dates::long_date,
    forms::{DateInput, ErrorSummary},
    home::{Home as HomeData, load_home},
    i18n::{t, t_args},
};

#[component]
pub fn Home() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    let sent_away = use_context::<AwayForm>();
    crate::forms::set_form_title(
        "home-page-title",
        sent_away.is_some_and(|f| !f.errors.is_empty()),
    );
    view! {
        {crate::layout::with_loaded(load_home, |data| view! { <HomeView data /> })}
        <SignOutForms />
    }
    .into_any()
}

#[component]
fn HomeView(data: HomeData) -> impl IntoView {
    match data {
        HomeData::Child {
            name,
            unread_letters,
            iro_name,
            next_review,
            consultation,
            readings,
            openings,
            reset_by,
            speakerbox,
            speakerbox_news,
        } => view! {
            {reset_by.map(|(on, who)| view! {
                <div class="notice" role="status">
                    <p>{t_args("home-reset-notice", &[("who", who), ("date", long_date(&on))])}</p>
                    <form method="post" action=crate::accounts::paths::RESET_NOTICE>
                        <button type="submit" class="button button-secondary">{t("home-reset-seen")}</button>
                    </form>
                </div>
            })}
            <h1>{t_args("home-hello", &[("name", name)])}</h1>
            {speakerbox_news.then(|| view! {
                <div class="notice">
                    <p><a href=crate::speakerbox::paths::BOARD>{t("home-speakerbox-news")}</a></p>
                </div>
            })}
            {(unread_letters > 0).then(|| view! {
                <div class="notice">
                    <p><a href=crate::letters::paths::MINE>{t("home-new-letter")}</a></p>
                </div>
            })}
            <p>
                <a href=crate::consultations::paths::OVERVIEW class="button"><Picture name="views" />{t("home-share-views")}</a>
            </p>
            <p class="hint">{t(consultation.label_key())}</p>
            <p>
                <a href=crate::advocacy::paths::HOME class="button button-secondary"><Picture name="advocate" />{t("home-ask-advocate")}</a>
            </p>
            <p>
                <a href=crate::letters::paths::MINE class="with-picture"><Picture name="letters" />{t("home-letters")}</a>
            </p>
            <p>
                <a href=crate::speakerbox::paths::HOME>{t("home-speakerbox")}</a>
                {(speakerbox > 0).then(|| view! {
                    " " <strong class="tag">{t_args("home-speakerbox-to-answer", &[("count", crate::i18n::number(speakerbox))])}</strong>
                })}
            </p>
            <p>
                <a href=crate::speakerbox::paths::BOARD>{t("home-you-said-we-did")}</a>
            </p>
            <p>
                <a href=crate::paths::HELP class="with-picture"><Picture name="help" />{t("footer-help-now")}</a>
            </p>
            <p>
                <a href=crate::paths::MY_INFORMATION download="my-information-mysay.json" rel="external">{t("home-my-information")}</a>
            </p>
            <dl class="summary-list">
                <div>
                    <dt>{t("home-your-iro")}</dt>
                    <dd>{iro_name.unwrap_or_else(|| t("home-no-iro"))}</dd>
                </div>
                <div>
                    <dt>{t("home-next-review")}</dt>
                    <dd>{next_review.map(|d| long_date(&d)).unwrap_or_else(|| t("home-no-review"))}</dd>
                </div>
            </dl>
            <WhoRead readings openings />
        }
        .into_any(),
        HomeData::Iro { name, children, alerts, away_until, .. } if children.is_empty() => view! {
            <AwayErrors />
            <h1>{t_args("home-hello", &[("name", name)])}</h1>
            <Alerts alerts />
            <h2>{t("home-your-children")}</h2>
            <p>{t("home-no-children")}</p>
            <Away away_until />
        }
        .into_any(),
        HomeData::Iro { name, children, alerts, away_until, replies, saying, escalations } => view! {
            <AwayErrors />
            <h1>{t_args("home-hello", &[("name", name)])}</h1>
            <Alerts alerts />
            {(!replies.is_empty()).then(|| view! {
                <h2>{t("home-replies-heading")}</h2>
                <ul>
                    {replies
                        .into_iter()
                        .map(|(id, name)| view! {
                            <li><a href=crate::letters::paths::letter(id)>{t_args("home-reply-from", &[("name", name)])}</a></li>
                        })
                        .collect_view()}
                </ul>
            })}
            {(!escalations.is_empty()).then(|| view! {
                <h2 id="escalations">{t("home-escalations-heading")}</h2>
                <crate::escalations::pages::OpenList open=escalations />
            }.into_any())}
            <super::caseload::Caseload children />
            <crate::themes::saying::CaseloadSaying saying=*saying />
            <Away away_until />
        }
        .into_any(),
        HomeData::Manager {
            name,
            alerts,
            staff,
            children,
        } => view! {
            <h1>{t_args("home-hello", &[("name", name)])}</h1>
            <Alerts alerts />
            <ul class="manager-links">
                <li>
                    <a href=crate::accounts::paths::ACCOUNTS>{t("manage-accounts-link")}</a>
                </li>
                <li>
                    <a href=crate::accounts::paths::NEW_CHILD>{t("new-child-link")}</a>
                </li>
                <li>
                    <a href=crate::accounts::paths::NEW_STAFF>{t("new-staff-link")}</a>
                </li>
                <li>
                    <a href=crate::reviews::paths::BANK_HOLIDAYS>{t("bank-holidays-link")}</a>
                </li>
                <li>
                    <a href=crate::themes::paths::FIGURES>{t("figures-home-link")}</a>
                </li>
                <li>
                    <a href=crate::figures::paths::ANNUAL>{t("home-annual-figures")}</a>
                </li>
                <li>
                    <a href=crate::themes::paths::LIST>{t("home-cro-themes")}</a>
                </li>
                <li>
                    <a href=crate::speakerbox::paths::RUN>{t("home-speakerbox-run")}</a>
                </li>
                <li>
                    <a href=crate::settings::paths::SERVICE>{t("settings-service-link")}</a>
                </li>
                <li>
                    <a href=crate::settings::paths::DISCLOSURE>{t("settings-home-link")}</a>
                </li>
                <li>
                    <a href=crate::settings::paths::POPULATION>{t("settings-population-link")}</a>
                </li>
                <li>
                    <a href=crate::settings::paths::PLANNED>{t("settings-planned-link")}</a>
                </li>
                <li>
                    <a href=crate::escalations::paths::OVERVIEW>{t("home-escalations-link")}</a>
                </li>
                <li>
                    <a href=crate::audit_log::paths::LOG>{t("audit-title")}</a>
                </li>
                <li>
                    <a href=crate::settings::paths::ESCALATION_DAYS>{t("settings-escalation-days-link")}</a>
                </li>
            </ul>
            <h2>{t("home-staff")}</h2>
            <ul>
                {staff
                    .into_iter()
                    .map(|(name, role)| view! { <li>{name} " (" {t(role.label_key())} ")"</li> })
                    .collect_view()}
            </ul>
            <h2>{t("home-children")}</h2>
            <ul class="child-list">
                {children
                    .into_iter()
                    .map(|child| {
                        view! {
                            <li>
                                <a href=crate::accounts::paths::edit_child(child.id)>
                                    {child.name.clone()}
                                    <span class="visually-hidden">", " {t("home-change-record")}</span>
                                </a>
                                <crate::accounts::pages::InviteButton id=child.id name=child.name has_account=child.has_account />
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any(),
        HomeData::Other { name, role: crate::accounts::Role::AdvocacyCaseworker } => view! {
            <h1>{t_args("home-hello", &[("name", name)])}</h1>
            <p><a href=crate::advocacy::paths::INBOX class="button">{t("home-advocacy-inbox")}</a></p>
        }
        .into_any(),
        HomeData::Other { name, role: crate::accounts::Role::ChildrensRightsOfficer } => view! {
            <h1>{t_args("home-hello", &[("name", name)])}</h1>
            <p>{t("home-cro-explain")}</p>
            <p><a href=crate::themes::paths::FIGURES class="button">{t("figures-home-link")}</a></p>
            <p><a href=crate::themes::paths::LIST>{t("home-cro-themes")}</a></p>
            <p><a href=crate::figures::paths::ANNUAL>{t("home-annual-figures")}</a></p>
            <p><a href=crate::speakerbox::paths::RUN>{t("home-speakerbox-run")}</a></p>
        }
        .into_any(),
        HomeData::Other { name, role } => view! {
            <h1>{t_args("home-hello", &[("name", name)])}</h1>
            <p>{t_args("home-area-coming", &[("role", t(role.label_key()))])}</p>
        }
        .into_any(),
    }
}

/// The error summary for the away form, first on the page.
#[component]
fn AwayErrors() -> impl IntoView {
    let errors: Vec<(String, String)> = use_context::<AwayForm>()
        .map(|f| {
            f.errors
                .iter()
                .map(|(field, key)| ((*field).to_owned(), t(key)))
                .collect()
        })
        .unwrap_or_default();
    view! { <ErrorSummary errors /> }
}

/// An IRO away from work says until when: urgent alerts about their
/// children then go to the managers too.
#[component]
fn Away(away_until: Option<String>) -> impl IntoView {
    let sent = use_context::<AwayForm>().unwrap_or_default();
    let error = sent.errors.first().map(|(_, key)| t(key));
    let body = match away_until {
        Some(day) => view! {
            <p>{t_args("away-until", &[("date", long_date(&day))])}</p>
            <form method="post" action=crate::accounts::paths::AWAY>
                <input type="hidden" name="back" value="yes" />
                <button type="submit" class="button button-secondary">{t("away-back-button")}</button>
            </form>
        }
        .into_any(),
        None => view! {
            <form method="post" action=crate::accounts::paths::AWAY class="form" novalidate>
                <DateInput id="away_until" legend=t("away-label")
                    hint=format!("{} {}", t("away-hint"), t("date-hint-future"))
                    value=sent.away_until.clone() error=error.clone() />
                <button type="submit" class="button button-secondary">{t("away-button")}</button>
            </form>
        }
        .into_any(),
    };
    view! {
        <h2>{t("away-heading")}</h2>
        {body}
    }
}

/// Urgent alerts at the top of a member of staff's home: a child whose
/// answers suggest they may need help now. None of their words.
#[component]
fn Alerts(alerts: Vec<(i64, String)>) -> impl IntoView {
    (!alerts.is_empty()).then(|| {
        view! {
            <div class="alert-box" role="alert">
                <h2>{t("home-alerts-heading")}</h2>
                <ul>
                    {alerts
                        .into_iter()
                        .map(|(id, name)| {
                            view! {
                                <li>
                                    <a href=crate::consultations::paths::summary(id)>
                                        {t_args("home-alert", &[("name", name.clone())])}
                                    </a>
                                    <form method="post" action=crate::accounts::paths::alerts_seen(id) class="inline-form">
                                        <button type="submit" class="button button-secondary button-small">
                                            {t("home-alert-seen")}
                                            <span class="visually-hidden">" " {name.clone()}</span>
                                        </button>
                                    </form>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </div>
        }
    })
}

/// Sign out here, or on every device at once.
#[component]
fn SignOutForms() -> impl IntoView {
    view! {
        <h2>{t("home-signing-out")}</h2>
        <p>
            <a href=crate::accounts::paths::PASSPHRASE>{t("passphrase-change-link")}</a>
        </p>
        <div class="button-group">
            <form method="post" action=crate::accounts::paths::SIGN_OUT>
                <button type="submit" class="button button-secondary">{t("sign-out")}</button>
            </form>
            <form method="post" action=crate::accounts::paths::SIGN_OUT_EVERYWHERE>
                <button type="submit" class="button button-secondary">
                    {t("sign-out-everywhere")}
                </button>
            </form>
        </div>
    }
}

/// What the privacy page promises: the child sees who read their words,
/// when, and why a manager opened their record.
#[component]
fn WhoRead(
    readings: Vec<(String, String, crate::accounts::Role, String)>,
    openings: Vec<(String, String, String)>,
) -> impl IntoView {
    (!(readings.is_empty() && openings.is_empty())).then(|| {
        view! {
            <h2>{t("home-readings-heading")}</h2>
            <ul class="readings">
                {openings
                    .into_iter()
                    .map(|(on, who, reason)| view! {
                        <li>{t_args("home-opening", &[("who", who), ("date", long_date(&on)), ("reason", reason)])}</li>
                    })
                    .collect_view()}
                {readings
                    .into_iter()
                    .take(20)
                    .map(|(on, who, role, what)| {
                        let key = match what.as_str() {
                            "letter" => "home-reading-letter",
                            "words" => "home-reading-words",
                            "speakerbox" => "home-reading-speakerbox",
                            _ => "home-reading-views",
                        };
                        view! {
                            <li>{t_args(key, &[("who", who), ("role", t(role.label_key())), ("date", long_date(&on))])}</li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    })
}
