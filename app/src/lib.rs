//! MySay's user interface: the pages a child or a member of staff sees, the
//! page shell around them, and the translations they are written in.
//!
//! Pages are rendered on the server only (Leptos, compiled with `ssr` into
//! the server): whole HTML that works on its own, every navigation a plain
//! page load, exactly as without JavaScript. What is better with
//! JavaScript (Exit this page's Shift keys, the session warning, counts,
//! read aloud, saving as you type) is rendered here with its texts, and
//! wired in the browser by the small `enhance` crate, not by hydrating
//! this one: that keeps a child's first visit under 40 KB however many
//! pages MySay grows.

/// Declares what a page loads: an async function that, on the server,
/// takes the signed-in person and the area's service from the request's
/// context and calls one operation of it. It is a plain function, not a
/// server function: no HTTP endpoint exists for it, and nothing it returns
/// is serialised into the page (the page shows what it must and nothing
/// else reaches the browser). The WebAssembly build renders no page, so
/// there it is never called.
macro_rules! page_data {
    ($(#[$doc:meta])* $name:ident($($arg:ident: $ty:ty),*) -> $out:ty, $api:ty, $method:ident) => {
        $(#[$doc])*
        pub async fn $name($($arg: $ty),*) -> Result<$out, $crate::accounts::Refusal> {
            #[cfg(feature = "ssr")]
            {
                let (user, api) = $crate::accounts::user_and_service::<$api>()?;
                api.$method(&user $(, $arg)*).await
            }
            #[cfg(not(feature = "ssr"))]
            {
                $(let _ = $arg;)*
                Err($crate::accounts::Refusal::Unavailable)
            }
        }
    };
}

// The layers, top to bottom (ARCHITECTURE.md; `server/tests/api/layers.rs`
// checks that imports only point down):
// composites: the pages that gather several areas.
pub mod annual_pack;
pub mod child_page;
pub mod home;
pub mod summary_page;
// areas.
pub mod advocacy;
pub mod audit_log;
pub mod consultations;
pub mod escalations;
pub mod figures;
pub mod letters;
pub mod reviews;
pub mod settings;
pub mod speakerbox;
pub mod themes;
// people.
pub mod accounts;
pub mod layout;
// foundation.
pub mod autosave;
pub mod bar_chart;
pub mod character_count;
pub mod child_words;
pub mod dates;
pub mod disclosure;
pub mod forms;
pub mod i18n;
pub mod not_found;
pub mod paths;
pub mod read_aloud;
pub mod readability;
pub mod schedule;
pub mod session_timeout;
pub mod simpler;
pub mod site;
pub mod title;
pub mod vocabulary;
// edges: the site's own pages, the router below, the HTML shell.
pub mod pages;

#[cfg(feature = "ssr")]
pub mod shell;

use leptos::prelude::*;
use leptos_meta::{Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

use crate::{
    accounts::pages::{
        ChangePassphrase, EditChild, Forgotten, Invitation, Join, ManageAccounts, NewChild,
        NewStaff, ResetPassphrase, SecondStep, SignIn,
    },
    advocacy::pages::{AdvocacyCase, AdvocacyHome, AdvocacyInbox, AskForAdvocate, MyRequestPage},
    annual_pack::pages::PrintPage,
    audit_log::pages::AuditLogPage,
    child_page::pages::ChildPage,
    consultations::pages::{CheckAndSend, ConsultationOverview, TakingPart, TopicPage},
    escalations::pages::{EscalationPage, OverviewPage, RaisePage},
    figures::pages::AnnualPage,
    home::pages::Home,
    i18n::Locale,
    layout::PageLayout,
    letters::pages::{EditLetter, LetterPage, MyLettersPage},
    not_found::NotFound,
    pages::{BeforeYouStart, HelpNow, Landing, Languages, Privacy, StayingSafe},
    reviews::bank_holidays::BankHolidays,
    settings::pages::{
        EscalationDays, PlannedMonths, Population, ServiceDetailsPage, SmallNumbers,
    },
    speakerbox::pages::{
        BoardPage, MemberTopicPage, MembersPage, RunPage, SafePage, SpeakerboxHome, StaffTopicPage,
        TopicFormPage,
    },
    summary_page::pages::ConsultationSummary,
    themes::{
        figures::ThemesPage,
        pages::{RenameTheme, ThemesList},
        words::WordsPage,
    },
};

/// The whole application, as rendered inside `<body>` on the server. The
/// locale and the site's configuration come from the server's context.
#[component]
pub fn App() -> impl IntoView {
    let locale = use_context::<Locale>().unwrap_or_default();
    provide_meta_context();
    let title = title::provide_page_title(locale.text("site-title"));

    view! {
        <Title text=move || title.get() />
        <Router>
            <PageLayout>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Landing />
                    <Route path=path!("/sign-in") view=SignIn />
                    <Route path=path!("/home") view=Home ssr=SsrMode::Async />
                    <Route path=path!("/invitation") view=Invitation />
                    <Route path=path!("/children/:id") view=ChildPage ssr=SsrMode::Async />
                    <Route path=path!("/children/:id/consultation") view=ConsultationSummary ssr=SsrMode::Async />
                    <Route path=path!("/children/:id/escalations/new") view=RaisePage ssr=SsrMode::Async />
                    <Route path=path!("/escalations") view=OverviewPage ssr=SsrMode::Async />
                    <Route path=path!("/audit") view=AuditLogPage ssr=SsrMode::Async />
                    <Route path=path!("/escalations/:id") view=EscalationPage ssr=SsrMode::Async />
                    <Route path=path!("/themes") view=ThemesPage ssr=SsrMode::Async />
                    <Route path=path!("/themes/words") view=WordsPage ssr=SsrMode::Async />
                    <Route path=path!("/figures") view=AnnualPage ssr=SsrMode::Async />
                    <Route path=path!("/figures/print") view=PrintPage ssr=SsrMode::Async />
                    <Route path=path!("/consultation") view=ConsultationOverview ssr=SsrMode::Async />
                    <Route path=path!("/consultation/topics/:topic") view=TopicPage ssr=SsrMode::Async />
                    <Route path=path!("/consultation/taking-part") view=TakingPart ssr=SsrMode::Async />
                    <Route path=path!("/consultation/check") view=CheckAndSend ssr=SsrMode::Async />
                    <Route path=path!("/advocacy") view=AdvocacyHome ssr=SsrMode::Async />
                    <Route path=path!("/advocacy/new") view=AskForAdvocate ssr=SsrMode::Async />
                    <Route path=path!("/advocacy/my/:id") view=MyRequestPage ssr=SsrMode::Async />
                    <Route path=path!("/advocacy/inbox") view=AdvocacyInbox ssr=SsrMode::Async />
                    <Route path=path!("/advocacy/cases/:id") view=AdvocacyCase ssr=SsrMode::Async />
                    <Route path=path!("/letters") view=MyLettersPage ssr=SsrMode::Async />
                    <Route path=path!("/letters/:id") view=LetterPage ssr=SsrMode::Async />
                    <Route path=path!("/letters/:id/edit") view=EditLetter ssr=SsrMode::Async />
                    <Route path=path!("/account/passphrase") view=ChangePassphrase />
                    <Route path=path!("/manage/accounts") view=ManageAccounts ssr=SsrMode::Async />
                    <Route path=path!("/manage/children/new") view=NewChild ssr=SsrMode::Async />
                    <Route path=path!("/manage/children/:id") view=EditChild ssr=SsrMode::Async />
                    <Route path=path!("/manage/staff/new") view=NewStaff ssr=SsrMode::Async />
                    <Route path=path!("/manage/bank-holidays") view=BankHolidays ssr=SsrMode::Async />
                    <Route path=path!("/settings/small-numbers") view=SmallNumbers ssr=SsrMode::Async />
                    <Route path=path!("/settings/population") view=Population ssr=SsrMode::Async />
                    <Route path=path!("/settings/you-said-we-did") view=PlannedMonths ssr=SsrMode::Async />
                    <Route path=path!("/settings/escalations") view=EscalationDays ssr=SsrMode::Async />
                    <Route path=path!("/settings/service") view=ServiceDetailsPage ssr=SsrMode::Async />
                    <Route path=path!("/speakerbox") view=SpeakerboxHome ssr=SsrMode::Async />
                    <Route path=path!("/speakerbox/you-said-we-did") view=BoardPage ssr=SsrMode::Async />
                    <Route path=path!("/speakerbox/topics/:id") view=MemberTopicPage ssr=SsrMode::Async />
                    <Route path=path!("/speakerbox/topics/:id/safe") view=SafePage ssr=SsrMode::Async />
                    <Route path=path!("/speakerbox/run") view=RunPage ssr=SsrMode::Async />
                    <Route path=path!("/speakerbox/run/members") view=MembersPage ssr=SsrMode::Async />
                    <Route path=path!("/speakerbox/run/topics/new") view=TopicFormPage ssr=SsrMode::Async />
                    <Route path=path!("/speakerbox/run/topics/:id") view=StaffTopicPage ssr=SsrMode::Async />
                    <Route path=path!("/speakerbox/run/topics/:id/edit") view=TopicFormPage ssr=SsrMode::Async />
                    <Route path=path!("/themes/list") view=ThemesList ssr=SsrMode::Async />
                    <Route path=path!("/themes/list/:id") view=RenameTheme ssr=SsrMode::Async />
                    <Route path=path!("/join") view=Join />
                    // Rendered by the server's second-step handlers.
                    <Route path=path!("/sign-in/second-step/page") view=SecondStep />
                    <Route path=path!("/forgotten") view=Forgotten />
                    // Rendered by the reset link's handlers.
                    <Route path=path!("/reset-passphrase") view=ResetPassphrase />
                    <Route path=path!("/help") view=HelpNow />
                    <Route path=path!("/privacy") view=Privacy />
                    <Route path=path!("/languages") view=Languages />
                    <Route path=path!("/staying-safe") view=StayingSafe />
                    <Route path=path!("/before-you-start") view=BeforeYouStart />
                </Routes>
            </PageLayout>
        </Router>
    }
}
