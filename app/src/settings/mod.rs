//! The service's own settings that a manager changes in the browser: how
//! small numbers are hidden in every figure that leaves a child's own IRO
//! (the disclosure rule: the DfE's by default, or the ONS's, and the
//! number below which counts are hidden, never below
//! [`crate::disclosure::FLOOR`]), and the authority's population aged 0 to
//! 17, which the annual figures' rates per 10,000 children are of.

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::accounts::{CurrentUser, Pending};
use crate::disclosure::Rule;

pub mod pages;
pub mod paths;

/// The largest "hide counts below" a manager may set: above it hardly a
/// table would show anything.
pub const MOST: i64 = 100;

/// The rule in force, and when it was last changed (`None`: never, so the
/// DfE's default).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisclosureSetting {
    pub rule: Rule,
    /// `YYYY-MM-DD` of the last change.
    pub changed_on: Option<String>,
}

/// The disclosure form as sent: `preset` is `dfe` or `ons`;
/// `fewer_than` as typed (empty: the preset's own).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DisclosureForm {
    pub preset: String,
    pub fewer_than: String,
    #[serde(skip)]
    pub errors: Vec<(&'static str, &'static str)>,
}

/// The most a population may be: more than any council in England has.
pub const MOST_POPULATION: i64 = 5_000_000;

/// The authority's population aged 0 to 17 (`None`: not entered yet), and
/// when it was last changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PopulationSetting {
    pub population: Option<i64>,
    /// `YYYY-MM-DD` of the last change.
    pub changed_on: Option<String>,
}

/// The population form as sent: the number as typed (commas and spaces
/// allowed; empty: not known).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PopulationForm {
    pub population: String,
    #[serde(skip)]
    pub errors: Vec<(&'static str, &'static str)>,
}

/// The most months an item may be set to stay "planned".
pub const MOST_MONTHS: i64 = 24;

/// How long a Speakerbox "you said, we did" item may stay "planned"
/// before the CRO is told, and when it was last changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedSetting {
    pub months: i64,
    /// `YYYY-MM-DD` of the last change.
    pub changed_on: Option<String>,
}

/// The months as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlannedForm {
    pub months: String,
    #[serde(skip)]
    pub errors: Vec<(&'static str, &'static str)>,
}

/// The working days to respond at each escalation stage (informal, then
/// stages 1 to 3), and when they were last changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EscalationDaysSetting {
    pub days: [i64; 4],
    /// `YYYY-MM-DD` of the last change.
    pub changed_on: Option<String>,
}

/// The days as typed, one box a stage.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EscalationDaysForm {
    pub informal: String,
    pub stage1: String,
    pub stage2: String,
    pub stage3: String,
    #[serde(skip)]
    pub errors: Vec<(&'static str, &'static str)>,
}

impl EscalationDaysForm {
    /// The four boxes in stage order.
    pub fn typed(&self) -> [&str; 4] {
        [&self.informal, &self.stage1, &self.stage2, &self.stage3]
    }
}

/// The service's details as children and staff see them on every page
/// (the authority's name, who to call, where "Exit this page" goes, the
/// languages offered), and when they were last changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceDetails {
    pub site: crate::site::SiteInfo,
    /// `YYYY-MM-DD` of the last change (`None`: as configured).
    pub changed_on: Option<String>,
}

/// The longest name (of the authority or the advocacy service).
pub const LONGEST_NAME: usize = 100;

/// The details form as sent. Each ticked language arrives as its own
/// `language` pair.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServiceForm {
    pub authority_name: String,
    pub advocacy_name: String,
    pub advocacy_phone: String,
    pub out_of_hours_phone: String,
    pub childline_phone: String,
    pub exit_url: String,
    pub languages: Vec<String>,
    #[serde(skip)]
    pub errors: Vec<(&'static str, &'static str)>,
}

impl ServiceForm {
    /// The form from its name and value pairs, as a browser sends them.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> ServiceForm {
        let mut form = ServiceForm::default();
        for (name, value) in pairs {
            let value = value.to_owned();
            match name {
                "authority_name" => form.authority_name = value,
                "advocacy_name" => form.advocacy_name = value,
                "advocacy_phone" => form.advocacy_phone = value,
                "out_of_hours_phone" => form.out_of_hours_phone = value,
                "childline_phone" => form.childline_phone = value,
                "exit_url" => form.exit_url = value,
                "language" => form.languages.push(value),
                _ => {}
            }
        }
        form
    }

    /// The form filled with the details in force.
    pub fn from_site(site: &crate::site::SiteInfo) -> ServiceForm {
        ServiceForm {
            authority_name: site.authority_name.clone(),
            advocacy_name: site.advocacy_name.clone(),
            advocacy_phone: site.advocacy_phone.display.clone(),
            out_of_hours_phone: site.out_of_hours_phone.display.clone(),
            childline_phone: site.childline_phone.display.clone(),
            exit_url: site.exit_url.clone(),
            languages: site.languages.clone(),
            errors: Vec::new(),
        }
    }
}

/// The settings operations pages need; `server` implements them.
#[cfg(feature = "ssr")]
pub trait SettingsApi: Send + Sync {
    /// The disclosure rule in force (managers only).
    fn disclosure<'a>(&'a self, user: &'a CurrentUser) -> Pending<'a, DisclosureSetting>;
    /// The authority's population aged 0 to 17 (managers only).
    fn population<'a>(&'a self, user: &'a CurrentUser) -> Pending<'a, PopulationSetting>;
    /// How long an item may stay "planned" (managers only).
    fn planned<'a>(&'a self, user: &'a CurrentUser) -> Pending<'a, PlannedSetting>;
    /// The working days at each escalation stage (managers only).
    fn escalation_days<'a>(&'a self, user: &'a CurrentUser) -> Pending<'a, EscalationDaysSetting>;
    /// The service's details (managers only).
    fn service<'a>(&'a self, user: &'a CurrentUser) -> Pending<'a, ServiceDetails>;
}

page_data!(
    /// The disclosure rule in force (managers).
    load_disclosure() -> DisclosureSetting, dyn SettingsApi, disclosure
);

page_data!(
    /// The authority's population aged 0 to 17 (managers).
    load_population() -> PopulationSetting, dyn SettingsApi, population
);

page_data!(
    /// How long an item may stay "planned" (managers).
    load_planned() -> PlannedSetting, dyn SettingsApi, planned
);

page_data!(
    /// The working days at each escalation stage (managers).
    load_escalation_days() -> EscalationDaysSetting, dyn SettingsApi, escalation_days
);

page_data!(
    /// The service's details (managers).
    load_service() -> ServiceDetails, dyn SettingsApi, service
);
