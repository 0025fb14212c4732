//! Every address of the settings area.

/// How small numbers are hidden in figures (GET), and changing it (POST).
pub const DISCLOSURE: &str = "/settings/small-numbers";

/// The authority's population aged 0 to 17 (GET), and changing it (POST).
pub const POPULATION: &str = "/settings/population";

/// How long a "you said, we did" item may stay planned (GET), and
/// changing it (POST).
pub const PLANNED: &str = "/settings/you-said-we-did";

/// The working days to respond at each escalation stage (GET), and
/// changing them (POST).
pub const ESCALATION_DAYS: &str = "/settings/escalations";

/// The service's details: its name, help numbers, advocacy service, "Exit
/// this page" address and languages (GET), and changing them (POST).
pub const SERVICE: &str = "/settings/service";
