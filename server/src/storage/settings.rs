//! The service's settings kept in the database (`service_settings`), which
//! a manager changes in the browser; a setting never set has its default.
//! Only this file reads or writes the table. The first is the disclosure
//! rule every figure is published under.

use std::sync::{Arc, RwLock};

use app::{
    disclosure::Rule,
    site::{PhoneNumber, SiteInfo},
};
use sqlx::{Any, Executor, Row, Transaction};

use super::{Db, now_millis};

/// The disclosure rule's name in the table.
pub const DISCLOSURE_RULE: &str = "disclosure_rule";
/// The authority's population aged 0 to 17 (the annual figures' rates per
/// 10,000 children), as a whole number.
pub const POPULATION: &str = "population_0_to_17";
/// How many months a Speakerbox "you said, we did" item may stay
/// "planned" before it is flagged to the CRO.
pub const PLANNED_MONTHS: &str = "speakerbox_planned_months";
/// Its default: three months.
pub const PLANNED_MONTHS_DEFAULT: i64 = 3;

/// A setting as stored: its value and when it was last changed (on the
/// pool, or inside a change before it is written).
pub async fn get<'e, E>(executor: E, name: &str) -> anyhow::Result<Option<(String, i64)>>
where
    E: Executor<'e, Database = Any>,
{
    let row = sqlx::query("SELECT value, changed_at FROM service_settings WHERE name = $1")
        .bind(name)
        .fetch_optional(executor)
        .await?;
    row.map(|row| Ok((row.try_get("value")?, row.try_get("changed_at")?)))
        .transpose()
}

/// Sets a setting (made or replaced), by whom.
pub async fn set(
    tx: &mut Transaction<'static, Any>,
    name: &str,
    value: &str,
    by: i64,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO service_settings (name, value, changed_at, changed_by) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (name) DO UPDATE SET value = excluded.value, \
         changed_at = excluded.changed_at, changed_by = excluded.changed_by",
    )
    .bind(name)
    .bind(value)
    .bind(now_millis())
    .bind(by)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The rule figures are published under now: the manager's, or the DfE's
/// when none was set (or what is stored cannot be read).
pub async fn disclosure_rule(db: &Db) -> anyhow::Result<Rule> {
    Ok(get(db.pool(), DISCLOSURE_RULE)
        .await?
        .and_then(|(value, _)| Rule::from_setting(&value))
        .unwrap_or_default())
}

/// The authority's population aged 0 to 17, if a manager has entered it.
pub async fn population(db: &Db) -> anyhow::Result<Option<i64>> {
    Ok(get(db.pool(), POPULATION)
        .await?
        .and_then(|(value, _)| value.parse().ok()))
}

/// How many months an item may stay "planned" before it is flagged.
pub async fn planned_months(db: &Db) -> anyhow::Result<i64> {
    Ok(get(db.pool(), PLANNED_MONTHS)
        .await?
        .and_then(|(value, _)| value.parse().ok())
        .unwrap_or(PLANNED_MONTHS_DEFAULT))
}

/// The working days to respond at each escalation stage (informal, then
/// stages 1 to 3), as "10,5,5,5".
pub const ESCALATION_DAYS: &str = "escalation_days";
/// The IRO Handbook's usual: informal 10, each formal stage 5.
pub const ESCALATION_DAYS_DEFAULT: [i64; 4] = [10, 5, 5, 5];

/// The working days to respond at each escalation stage: the manager's,
/// or the IRO Handbook's usual (informal 10, each formal stage 5).
pub async fn escalation_days(db: &Db) -> anyhow::Result<[i64; 4]> {
    Ok(get(db.pool(), ESCALATION_DAYS)
        .await?
        .and_then(|(value, _)| days_from_setting(&value))
        .unwrap_or(ESCALATION_DAYS_DEFAULT))
}

/// "10,5,5,5" read back.
pub fn days_from_setting(value: &str) -> Option<[i64; 4]> {
    let days: Vec<i64> = value
        .split(',')
        .map(|d| d.trim().parse().ok())
        .collect::<Option<_>>()?;
    days.try_into().ok()
}

/// The service's details a manager keeps, by name in the table. The
/// configuration gives their first values; a row, once saved, wins.
pub const AUTHORITY_NAME: &str = "authority_name";
pub const EXIT_URL: &str = "exit_url";
pub const ADVOCACY_NAME: &str = "advocacy_name";
pub const ADVOCACY_PHONE: &str = "advocacy_phone";
pub const OUT_OF_HOURS_PHONE: &str = "out_of_hours_phone";
pub const CHILDLINE_PHONE: &str = "childline_phone";
/// The languages offered besides English, as codes joined by commas.
pub const LANGUAGES: &str = "languages";

/// The service's details as every page shows them, shared by the server's
/// tasks and read when a page is rendered.
pub type SharedSite = Arc<RwLock<SiteInfo>>;

/// The details in force: each saved value, else the configuration's.
pub async fn site_details(db: &Db, first: &SiteInfo) -> anyhow::Result<SiteInfo> {
    Ok(site_details_changed(db, first).await?.0)
}

/// The details in force, and when any of them was last saved.
pub async fn site_details_changed(
    db: &Db,
    first: &SiteInfo,
) -> anyhow::Result<(SiteInfo, Option<i64>)> {
    let rows = sqlx::query(
        "SELECT name, value, changed_at FROM service_settings \
         WHERE name IN ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(AUTHORITY_NAME)
    .bind(EXIT_URL)
    .bind(ADVOCACY_NAME)
    .bind(ADVOCACY_PHONE)
    .bind(OUT_OF_HOURS_PHONE)
    .bind(CHILDLINE_PHONE)
    .bind(LANGUAGES)
    .fetch_all(db.pool())
    .await?;
    let mut site = first.clone();
    let mut last = None;
    for row in rows {
        let name: String = row.try_get(0)?;
        let value: String = row.try_get(1)?;
        last = last.max(Some(row.try_get::<i64, _>(2)?));
        match name.as_str() {
            AUTHORITY_NAME => site.authority_name = value,
            EXIT_URL => site.exit_url = value,
            ADVOCACY_NAME => site.advocacy_name = value,
            ADVOCACY_PHONE => site.advocacy_phone = PhoneNumber::new(value),
            OUT_OF_HOURS_PHONE => site.out_of_hours_phone = PhoneNumber::new(value),
            CHILDLINE_PHONE => site.childline_phone = PhoneNumber::new(value),
            LANGUAGES => site.languages = languages_from_setting(&value),
            _ => {}
        }
    }
    Ok((site, last))
}

/// "ar,cy" read back (empty: English only).
pub fn languages_from_setting(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|code| !code.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Reads the details again into `shared` (after a change here, and every
/// few seconds for changes made on another server).
pub async fn refresh_site(db: &Db, first: &SiteInfo, shared: &SharedSite) -> anyhow::Result<()> {
    let site = site_details(db, first).await?;
    if let Ok(mut kept) = shared.write() {
        *kept = site;
    }
    Ok(())
}

/// The details in force on this server now.
pub fn current_site(shared: &SharedSite) -> SiteInfo {
    shared.read().map(|s| s.clone()).unwrap_or_default()
}
