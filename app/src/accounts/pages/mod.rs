//! The accounts' pages: signing in and its second step, joining with an
//! invitation, a new passphrase, and what managers do with accounts and
//! children's records.

mod change_passphrase;
mod invitation;
mod join;
mod manage_accounts;
mod new_child;
mod new_staff;
mod reset;
mod second_step;
mod sign_in;

pub use change_passphrase::ChangePassphrase;
pub use invitation::{Invitation, InviteButton};
pub use join::Join;
pub use manage_accounts::ManageAccounts;
pub use new_child::{EditChild, NewChild};
pub use new_staff::NewStaff;
pub use reset::{Forgotten, ResetPassphrase};
pub use second_step::SecondStep;
pub use sign_in::SignIn;
