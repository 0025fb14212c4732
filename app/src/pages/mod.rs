//! The pages, one module each.

mod advocacy;
mod bank_holidays;
mod before_you_start;
mod change_passphrase;
mod child;
pub mod consultation;
mod help;
mod home;
mod invitation;
mod join;
mod landing;
mod letters;
mod manage_accounts;
mod new_child;
mod new_staff;
mod not_found;
mod privacy;
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
pub use letters::{EditLetter, LetterPage, MyLettersPage};
pub use manage_accounts::ManageAccounts;
pub use new_child::{EditChild, NewChild};
pub use new_staff::NewStaff;
pub use not_found::NotFound;
pub use privacy::Privacy;
pub use second_step::SecondStep;
pub use sign_in::SignIn;
pub use staying_safe::StayingSafe;
pub use summary::ConsultationSummary;

/// Loads a page's data and renders `view` with it: a refusal (not there,
/// or not this person's) is "not found", a failure says MySay is
/// unavailable.
pub fn with_loaded<T, Fut, V>(
    fetch: impl Fn() -> Fut + Send + Sync + 'static,
    view: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> leptos::prelude::AnyView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    Fut: Future<Output = Result<Result<T, crate::accounts::Refusal>, leptos::prelude::ServerFnError>>
        + Send
        + 'static,
    V: leptos::prelude::IntoView + 'static,
{
    use leptos::prelude::*;
    let data = Resource::new_blocking(|| (), move |_| fetch());
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let view = view.clone();
                data.get()
                    .map(move |result| match result {
                        Ok(Ok(loaded)) => view(loaded).into_any(),
                        Ok(Err(_)) => view! { <NotFound /> }.into_any(),
                        Err(_) => view! { <p>{crate::i18n::t("home-unavailable")}</p> }.into_any(),
                    })
            }}
        </Suspense>
    }
    .into_any()
}
