//! The words the service counts by, shared by the areas that ask and the
//! figures that count: the consultation's topics and what a child can ask
//! an advocate for help with.

/// The topics, in the order a child sees them. `future` is shown from 16.
pub const TOPICS: [&str; 9] = [
    "where-i-live",
    "family-and-friends",
    "school",
    "health",
    "enjoy",
    "safe",
    "worker-and-iro",
    "future",
    "anything-else",
];

/// What a child can ask for help with, as stored. The last is "something
/// else", which needs a few words.
pub const CATEGORIES: [&str; 10] = [
    "complaint",
    "meetings",
    "housing",
    "moving",
    "staying",
    "money",
    "education",
    "worker",
    "adulthood-disability",
    "something-else",
];
