//! The service's own settings in the browser (managers): for now how small
//! numbers are hidden in figures. The value is kept by
//! `storage::settings`, which every area that publishes figures reads;
//! each change is audited with its old and new values.

pub mod rules;

use app::{
    accounts::{CurrentUser, Pending, Refusal, Role},
    settings::{DisclosureForm, DisclosureSetting, SettingsApi},
};

use crate::{
    accounts::{
        audit::{self, AuditAction},
        for_page,
    },
    storage::{
        Db,
        settings::{self, DISCLOSURE_RULE},
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
    let mut tx = db.pool().begin().await?;
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

/// The settings over the database.
pub struct SettingsService {
    pub db: Db,
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
}
