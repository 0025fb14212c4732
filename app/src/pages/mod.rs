//! The site's own pages, which belong to no area: the landing page, Help
//! now, privacy, staying safe, the languages and "before you start".

mod before_you_start;
mod help;
mod landing;
mod languages;
mod privacy;
mod staying_safe;

pub use before_you_start::BeforeYouStart;
pub use help::HelpNow;
pub use landing::Landing;
pub use languages::Languages;
pub use privacy::Privacy;
pub use staying_safe::StayingSafe;
