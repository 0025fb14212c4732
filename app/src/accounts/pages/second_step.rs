//! The second step of a member of staff's sign-in: setting up an
//! authenticator app the first time, entering a code from it after that,
//! and the one-time recovery codes.

use leptos::prelude::*;

use crate::{
    accounts::SecondStep as Step,
    forms::{ErrorMessage, ErrorSummary as Summary, set_form_title},
    i18n::t,
    title::set_page_title,
};

#[component]
pub fn SecondStep() -> impl IntoView {
    let Some(step) = use_context::<Step>() else {
        set_page_title(t("not-found-page-title"));
        return view! { <crate::not_found::NotFound /> }.into_any();
    };
    match step {
        Step::SetUp {
            qr_svg_base64,
            key,
            error,
        } => {
            title("second-set-up-page-title", error);
            view! {
                <ErrorSummary error field="code" />
                <h1>{t("second-set-up-heading")}</h1>
                <p>{t("second-set-up-why")}</p>
                <ol class="steps">
                    <li>{t("second-set-up-step-app")}</li>
                    <li>
                        {t("second-set-up-step-scan")}
                        <img
                            class="qr"
                            src=format!("data:image/svg+xml;base64,{qr_svg_base64}")
                            alt=t("second-set-up-qr-alt")
                            width="220"
                            height="220"
                        />
                        <p>{t("second-set-up-key")}</p>
                        <p class="key" dir="ltr">
                            <code>{key}</code>
                        </p>
                    </li>
                    <li>{t("second-set-up-step-code")}</li>
                </ol>
                <CodeForm error label=t("second-code-label") />
            }
            .into_any()
        }
        Step::Code { error } => {
            title("second-code-page-title", error);
            view! {
                <ErrorSummary error field="code" />
                <h1>{t("second-code-heading")}</h1>
                <CodeForm error label=t("second-code-or-recovery-label") />
            }
            .into_any()
        }
        Step::RecoveryCodes { codes } => {
            title("second-recovery-page-title", None);
            view! {
                <h1>{t("second-recovery-heading")}</h1>
                <p>{t("second-recovery-why")}</p>
                <ul class="recovery-codes" dir="ltr">
                    {codes.into_iter().map(|code| view! { <li><code>{code}</code></li> }).collect_view()}
                </ul>
                <p>
                    <a class="button" href=crate::paths::HOME>{t("second-recovery-continue")}</a>
                </p>
            }
            .into_any()
        }
    }
}

fn title(key: &str, error: Option<&'static str>) {
    set_form_title(key, error.is_some());
}

/// The summary for this page's one field.
#[component]
fn ErrorSummary(error: Option<&'static str>, field: &'static str) -> impl IntoView {
    let errors = error
        .map(|key| (field.to_owned(), t(key)))
        .into_iter()
        .collect::<Vec<_>>();
    view! { <Summary errors /> }
}

#[component]
fn CodeForm(error: Option<&'static str>, label: String) -> impl IntoView {
    let has_error = error.is_some();
    view! {
        <form method="post" action=crate::accounts::paths::SECOND_STEP class="form" novalidate>
            <div class="field" class:field-error=has_error>
                <label for="code">{label}</label>
                <ErrorMessage field="code" message=error.map(t) />
                <input
                    id="code"
                    name="code"
                    type="text"
                    inputmode="text"
                    autocomplete="one-time-code"
                    autocapitalize="none"
                    spellcheck="false"
                    class="input-code"
                    aria-describedby=has_error.then_some("code-error")
                />
            </div>
            <button type="submit" class="button">{t("second-continue")}</button>
        </form>
    }
}
