//! The words the service counts by, shared by the areas that ask and the
//! figures that count: the consultation's topics, what a child can ask
//! an advocate for help with, how a request for an advocate ends, and the
//! advocacy service's standard that its times are measured against.

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

/// How a request for an advocate ended, as stored.
pub const OUTCOMES: [&str; 5] = [
    "resolved",
    "partly-resolved",
    "not-resolved",
    "withdrew",
    "no-contact",
];

/// The advocacy service's standard: a request answered (accepted) within
/// 1 working day of being sent, an advocate allocated within 2.
pub const ACCEPT_WITHIN: i64 = 1;
pub const ALLOCATE_WITHIN: i64 = 2;

/// The IRO Handbook's limit on an escalation's formal stages together, in
/// working days: the escalations keep to it and the manager's setting of
/// each stage's days must fit within it.
pub const ESCALATION_FORMAL_DAYS: u32 = 20;

/// An escalation's stages, as stored, in order: informal, then the three
/// formal ones (team manager; head of service; assistant director or
/// director). The manager's setting gives each its working days.
pub const ESCALATION_STAGES: [&str; 4] = ["informal", "stage1", "stage2", "stage3"];
