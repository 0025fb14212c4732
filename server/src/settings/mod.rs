//! The service's own settings in the browser (managers): how small numbers
//! are hidden in figures, and the authority's population aged 0 to 17.
//! The values are kept by `storage::settings`, which every area that
//! publishes figures reads; each change is audited with its old and new
//! values.

pub mod rules;

use app::{
    accounts::{CurrentUser, Pending, Refusal, Role},
    settings::{
        DisclosureForm, DisclosureSetting, PlannedForm, PlannedSetting, PopulationForm,
        PopulationSetting, SettingsApi,
    },
};

use crate::{
    accounts::{
        audit::{self, AuditAction},
        for_page,
    },
    storage::{
        Db,
        settings::{self, DISCLOSURE_RULE, PLANNED_MONTHS, POPULATION},
    },
};

fn is_manager(user: &CurrentUser) -> bool {
    user.role == Role::Manager
}

/// The rule in force and the day it was last changed.
pub async fn disclosure(db: &Db) -> anyhow::Result<DisclosureSetting> {
    let stored = settings::get(db.pool(), DISCLOSURE_RULE).await?;
    Ok(DisclosureSetting {
        rule: settings::disclosure_rule(db).await?,
        changed_on: stored.and_then(|(_, at)| crate::storage::iso_date(at)),
    })
}

/// A manager changes the rule: `Ok(None)` for anyone else, the form's
/// problems when it cannot be read (nothing changed). Saving the rule in
/// force again changes nothing and records nothing (the first save of the
/// default is kept, so the page says who chose it).
pub async fn save_disclosure(
    db: &Db,
    user: &CurrentUser,
    form: &DisclosureForm,
) -> anyhow::Result<Option<Result<(), Vec<(&'static str, &'static str)>>>> {
    if !is_manager(user) {
        return Ok(None);
    }
    let rule = match rules::disclosure_rule(form) {
        Ok(rule) => rule,
        Err(problems) => return Ok(Some(Err(problems))),
    };
    let mut tx = db.begin_write().await?;
    let stored = settings::get(&mut *tx, DISCLOSURE_RULE).await?;
    let old = stored
        .as_ref()
        .map(|(value, _)| value.as_str())
        .and_then(app::disclosure::Rule::from_setting)
        .unwrap_or_default();
    if old != rule || stored.is_none() {
        settings::set(
            &mut tx,
            DISCLOSURE_RULE,
            &rule.as_setting(),
            user.account_id,
        )
        .await?;
        audit::record_change(
            &mut *tx,
            user.account_id,
            AuditAction::SettingChanged,
            format!("setting:{DISCLOSURE_RULE}"),
            format!("{} -> {}", old.as_setting(), rule.as_setting()),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Some(Ok(())))
}

/// The population entered and the day it was last changed.
pub async fn population(db: &Db) -> anyhow::Result<PopulationSetting> {
    let stored = settings::get(db.pool(), POPULATION).await?;
    Ok(PopulationSetting {
        population: stored.as_ref().and_then(|(value, _)| value.parse().ok()),
        changed_on: stored.and_then(|(_, at)| crate::storage::iso_date(at)),
    })
}

/// A manager enters the population (or empties it: not known). As for the
/// rule, saving the value already stored records nothing.
pub async fn save_population(
    db: &Db,
    user: &CurrentUser,
    form: &PopulationForm,
) -> anyhow::Result<Option<Result<(), Vec<(&'static str, &'static str)>>>> {
    if !is_manager(user) {
        return Ok(None);
    }
    let population = match rules::population(form) {
        Ok(population) => population,
        Err(problems) => return Ok(Some(Err(problems))),
    };
    let value = population.map(|n| n.to_string()).unwrap_or_default();
    let mut tx = db.begin_write().await?;
    let stored = settings::get(&mut *tx, POPULATION).await?;
    let old = stored.map(|(value, _)| value);
    if old.as_deref().unwrap_or_default() != value {
        settings::set(&mut tx, POPULATION, &value, user.account_id).await?;
        let said = |v: Option<&str>| match v {
            Some(v) if !v.is_empty() => v.to_owned(),
            _ => "none".to_owned(),
        };
        audit::record_change(
            &mut *tx,
            user.account_id,
            AuditAction::SettingChanged,
            format!("setting:{POPULATION}"),
            format!("{} -> {}", said(old.as_deref()), said(Some(&value))),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Some(Ok(())))
}

/// Stores a setting's new value with an audit entry of old and new (as
/// stored); the value in force again changes and records nothing.
async fn change(
    db: &Db,
    user: &CurrentUser,
    name: &str,
    old: &str,
    new: &str,
) -> anyhow::Result<()> {
    if old == new {
        return Ok(());
    }
    change_all(db, user, &[(name, old.to_owned(), new.to_owned())]).await
}

/// Stores several settings' new values, each with its audit entry, in one
/// transaction.
async fn change_all(
    db: &Db,
    user: &CurrentUser,
    changes: &[(&str, String, String)],
) -> anyhow::Result<()> {
    if changes.is_empty() {
        return Ok(());
    }
    let mut tx = db.begin_write().await?;
    for (name, old, new) in changes {
        settings::set(&mut tx, name, new, user.account_id).await?;
        audit::record_change(
            &mut *tx,
            user.account_id,
            AuditAction::SettingChanged,
            format!("setting:{name}"),
            format!("{old} -> {new}"),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// How long an item may stay "planned", and the day it was last changed.
pub async fn planned(db: &Db) -> anyhow::Result<PlannedSetting> {
    let stored = settings::get(db.pool(), PLANNED_MONTHS).await?;
    Ok(PlannedSetting {
        months: settings::planned_months(db).await?,
        changed_on: stored.and_then(|(_, at)| crate::storage::iso_date(at)),
    })
}

/// A manager sets how long an item may stay "planned". Saving the value
/// in force records nothing.
pub async fn save_planned(
    db: &Db,
    user: &CurrentUser,
    form: &PlannedForm,
) -> anyhow::Result<Option<Result<(), Vec<(&'static str, &'static str)>>>> {
    if !is_manager(user) {
        return Ok(None);
    }
    let months = match rules::planned_months(form) {
        Ok(months) => months,
        Err(problems) => return Ok(Some(Err(problems))),
    };
    let old = settings::planned_months(db).await?;
    change(
        db,
        user,
        PLANNED_MONTHS,
        &old.to_string(),
        &months.to_string(),
    )
    .await?;
    Ok(Some(Ok(())))
}

/// The working days at each escalation stage, and the day they were last
/// changed.
pub async fn escalation_days(db: &Db) -> anyhow::Result<app::settings::EscalationDaysSetting> {
    let stored = settings::get(db.pool(), settings::ESCALATION_DAYS).await?;
    Ok(app::settings::EscalationDaysSetting {
        days: settings::escalation_days(db).await?,
        changed_on: stored.and_then(|(_, at)| crate::storage::iso_date(at)),
    })
}

/// A manager sets the working days at each escalation stage (for
/// escalations raised or moved on from then). Saving the days in force
/// records nothing.
pub async fn save_escalation_days(
    db: &Db,
    user: &CurrentUser,
    form: &app::settings::EscalationDaysForm,
) -> anyhow::Result<Option<Result<(), Vec<(&'static str, &'static str)>>>> {
    if !is_manager(user) {
        return Ok(None);
    }
    let days = match rules::escalation_days(form) {
        Ok(days) => days,
        Err(problems) => return Ok(Some(Err(problems))),
    };
    let said = |d: [i64; 4]| d.map(|n| n.to_string()).join(",");
    let old = settings::escalation_days(db).await?;
    change(db, user, settings::ESCALATION_DAYS, &said(old), &said(days)).await?;
    Ok(Some(Ok(())))
}

/// The service's details in force (each saved value, else the
/// configuration's `first`), and the day any was last changed.
pub async fn service(
    db: &Db,
    first: &app::site::SiteInfo,
) -> anyhow::Result<app::settings::ServiceDetails> {
    let (site, last) = settings::site_details_changed(db, first).await?;
    Ok(app::settings::ServiceDetails {
        site,
        changed_on: last.and_then(crate::storage::iso_date),
    })
}

/// Every stored name of the service's details.
const SERVICE_DETAILS: [&str; 7] = [
    settings::AUTHORITY_NAME,
    settings::ADVOCACY_NAME,
    settings::ADVOCACY_PHONE,
    settings::OUT_OF_HOURS_PHONE,
    settings::CHILDLINE_PHONE,
    settings::EXIT_URL,
    settings::LANGUAGES,
];

/// A manager saves the service's details: each value that changed is
/// stored and audited with its old and new value, in one transaction;
/// what did not change records nothing.
pub async fn save_service(
    db: &Db,
    first: &app::site::SiteInfo,
    user: &CurrentUser,
    form: &app::settings::ServiceForm,
) -> anyhow::Result<Option<Result<(), Vec<(&'static str, &'static str)>>>> {
    if !is_manager(user) {
        return Ok(None);
    }
    let new = match rules::service_details(form) {
        Ok(new) => new,
        Err(problems) => return Ok(Some(Err(problems))),
    };
    let old = settings::site_details(db, first).await?;
    let pairs = |site: &app::site::SiteInfo| {
        [
            site.authority_name.clone(),
            site.advocacy_name.clone(),
            site.advocacy_phone.display.clone(),
            site.out_of_hours_phone.display.clone(),
            site.childline_phone.display.clone(),
            site.exit_url.clone(),
            site.languages.join(","),
        ]
    };
    let changes: Vec<(&str, String, String)> = SERVICE_DETAILS
        .into_iter()
        .zip(pairs(&old).into_iter().zip(pairs(&new)))
        .filter(|(_, (old, new))| old != new)
        .map(|(name, (old, new))| (name, old, new))
        .collect();
    change_all(db, user, &changes).await?;
    Ok(Some(Ok(())))
}

/// The settings over the database.
pub struct SettingsService {
    pub db: Db,
    /// The service's details as configured (their first values).
    pub first_site: app::site::SiteInfo,
}

impl SettingsApi for SettingsService {
    fn disclosure<'a>(&'a self, user: &'a CurrentUser) -> Pending<'a, DisclosureSetting> {
        Box::pin(async move {
            if !is_manager(user) {
                return Err(Refusal::NotFound);
            }
            for_page(disclosure(&self.db).await.map(Some), "the settings")
        })
    }

    fn population<'a>(&'a self, user: &'a CurrentUser) -> Pending<'a, PopulationSetting> {
        Box::pin(async move {
            if !is_manager(user) {
                return Err(Refusal::NotFound);
            }
            for_page(population(&self.db).await.map(Some), "the settings")
        })
    }

    fn planned<'a>(&'a self, user: &'a CurrentUser) -> Pending<'a, PlannedSetting> {
        Box::pin(async move {
            if !is_manager(user) {
                return Err(Refusal::NotFound);
            }
            for_page(planned(&self.db).await.map(Some), "the settings")
        })
    }

    fn escalation_days<'a>(
        &'a self,
        user: &'a CurrentUser,
    ) -> Pending<'a, app::settings::EscalationDaysSetting> {
        Box::pin(async move {
            if !is_manager(user) {
                return Err(Refusal::NotFound);
            }
            for_page(escalation_days(&self.db).await.map(Some), "the settings")
        })
    }

    fn service<'a>(&'a self, user: &'a CurrentUser) -> Pending<'a, app::settings::ServiceDetails> {
        Box::pin(async move {
            if !is_manager(user) {
                return Err(Refusal::NotFound);
            }
            for_page(
                service(&self.db, &self.first_site).await.map(Some),
                "the settings",
            )
        })
    }
}
