//! The pages, one module each.

mod bank_holidays;
mod change_passphrase;
mod child;
pub mod consultation;
mod help;
mod home;
mod invitation;
mod join;
mod landing;
mod manage_accounts;
mod new_child;
mod new_staff;
mod not_found;
mod privacy;
mod second_step;
mod sign_in;
mod summary;

pub use bank_holidays::BankHolidays;
pub use change_passphrase::ChangePassphrase;
pub use child::ChildPage;
pub use consultation::{CheckAndSend, ConsultationOverview, TakingPart, TopicPage};
pub use help::HelpNow;
pub use home::Home;
pub use invitation::Invitation;
pub use join::Join;
pub use landing::Landing;
pub use manage_accounts::ManageAccounts;
pub use new_child::{EditChild, NewChild};
pub use new_staff::NewStaff;
pub use not_found::NotFound;
pub use privacy::Privacy;
pub use second_step::SecondStep;
pub use sign_in::SignIn;
pub use summary::ConsultationSummary;
