//! The pages, one module each.

mod advocacy;
mod bank_holidays;
mod before_you_start;
mod caseload;
mod change_passphrase;
mod child;
pub mod consultation;
mod help;
pub mod home;
mod invitation;
mod join;
mod landing;
mod languages;
mod letters;
mod manage_accounts;
mod new_child;
mod new_staff;
mod not_found;
mod privacy;
mod reset;
mod second_step;
mod sign_in;
mod staying_safe;
pub mod summary;

pub use advocacy::{AdvocacyCase, AdvocacyHome, AdvocacyInbox, AskForAdvocate, MyRequestPage};
pub use bank_holidays::BankHolidays;
pub use before_you_start::BeforeYouStart;
pub use change_passphrase::ChangePassphrase;
pub use child::ChildPage;
pub use consultation::{CheckAndSend, ConsultationOverview, TakingPart, TopicPage};
pub use help::HelpNow;
pub use home::Home;
pub use invitation::Invitation;
pub use join::Join;
pub use landing::Landing;
pub use languages::Languages;
pub use letters::{EditLetter, LetterPage, MyLettersPage};
pub use manage_accounts::ManageAccounts;
pub use new_child::{EditChild, NewChild};
pub use new_staff::NewStaff;
pub use not_found::NotFound;
pub use privacy::Privacy;
pub use reset::{Forgotten, ResetPassphrase};
pub use second_step::SecondStep;
pub use sign_in::SignIn;
pub use staying_safe::StayingSafe;
pub use summary::ConsultationSummary;

/// Loads a page's data on the server and renders `view` with it: a
/// refusal (not there, or not this person's) is "not found", a failure says
/// MySay is unavailable. The data is awaited in place (no resource), so
/// none of it is serialised into the HTML: the page carries only what the
/// view shows.
pub fn with_loaded<T, Fut, V>(
    fetch: impl FnOnce() -> Fut,
    view: impl FnOnce(T) -> V + Send + 'static,
) -> leptos::prelude::AnyView
where
    T: Send + 'static,
    Fut: Future<Output = Result<T, crate::accounts::Refusal>> + Send + 'static,
    V: leptos::prelude::IntoView + 'static,
{
    use leptos::prelude::*;
    let data = fetch();
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match data.await {
                    Ok(loaded) => view(loaded).into_any(),
                    Err(crate::accounts::Refusal::NotFound) => view! { <NotFound /> }.into_any(),
                    Err(crate::accounts::Refusal::Unavailable) => {
                        view! { <p>{crate::i18n::t("home-unavailable")}</p> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
    .into_any()
}
