//! Children's records, as a manager creates them: checked field by field,
//! stored with the IRO allocation (and its date, since time to allocation
//! is an annual-report figure) in one transaction, and audited.

use app::accounts::{
    Allocation, ChildForm, ChildRecord, CurrentUser, ETHNICITY_GROUPS, GENDERS, PLACEMENT_TYPES,
    Role,
};
use sqlx::Row;
use time::{Date, OffsetDateTime};

use crate::calendar::{parse_date, part_problem};

use super::audit::{AuditAction, record};
use crate::storage::{Db, iso_date, now_millis};

fn yes_no(text: &str) -> Option<bool> {
    match text {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

/// Checks the form; the problems are (field, message key) pairs.
pub fn check(form: &ChildForm, today: Date) -> Vec<(&'static str, &'static str)> {
    let mut problems = Vec::new();
    let first = form.first_name.trim();
    if first.is_empty() || first.chars().count() > 60 {
        problems.push(("first_name", "new-child-error-first-name"));
    }
    if form.preferred_name.trim().chars().count() > 60 {
        problems.push(("preferred_name", "new-child-error-preferred-name"));
    }
    let born =
        parse_date(&form.date_of_birth).filter(|d| *d <= today && today.year() - d.year() <= 26);
    if born.is_none() {
        problems.push((
            "date_of_birth",
            part_problem(&form.date_of_birth).unwrap_or("new-child-error-date-of-birth"),
        ));
    }
    let in_care =
        parse_date(&form.came_into_care_on).filter(|d| *d <= today && born.is_none_or(|b| *d >= b));
    if in_care.is_none() {
        problems.push((
            "came_into_care_on",
            part_problem(&form.came_into_care_on).unwrap_or("new-child-error-came-into-care"),
        ));
    }
    // Empty while they are looked after; else a real day, not in the
    // future and not before they came into care.
    let ceased = form.ceased_on.trim();
    if !ceased.is_empty() {
        let day = parse_date(ceased).filter(|d| *d <= today && in_care.is_none_or(|c| *d >= c));
        if day.is_none() {
            problems.push((
                "ceased_on",
                part_problem(ceased).unwrap_or("new-child-error-ceased"),
            ));
        }
    }
    let reference = form.case_reference.trim();
    if reference.chars().count() > 40
        || !reference
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | ' '))
    {
        problems.push(("case_reference", "new-child-error-case-reference"));
    }
    if !GENDERS.contains(&form.gender.as_str()) {
        problems.push(("gender", "new-child-error-choose"));
    }
    if !ETHNICITY_GROUPS.contains(&form.ethnicity_group.as_str()) {
        problems.push(("ethnicity_group", "new-child-error-choose"));
    }
    if !PLACEMENT_TYPES.contains(&form.placement_type.as_str()) {
        problems.push(("placement_type", "new-child-error-choose"));
    }
    let language = form.first_language.trim();
    if language.is_empty() || language.chars().count() > 40 {
        problems.push(("first_language", "new-child-error-first-language"));
    }
    if !form.email.trim().is_empty() && !super::is_email_address(&form.email) {
        problems.push(("email", "new-child-error-email"));
    }
    for (field, value) in [
        ("interpreter_needed", &form.interpreter_needed),
        ("disability", &form.disability),
        ("uasc", &form.uasc),
    ] {
        if yes_no(value).is_none() {
            problems.push((field, "new-child-error-yes-no"));
        }
    }
    problems
}

use crate::outcome::Problems;

/// The child record behind a child's account, if there is one.
pub async fn of_account(db: &Db, account_id: i64) -> anyhow::Result<Option<i64>> {
    Ok(
        sqlx::query_scalar("SELECT id FROM children WHERE account_id = $1")
            .bind(account_id)
            .fetch_optional(db.pool())
            .await?,
    )
}

/// Checks the form and the IRO chosen on it (an enabled IRO, or none).
async fn check_with_iro(db: &Db, form: &ChildForm) -> anyhow::Result<(Problems, Option<i64>)> {
    let mut problems = check(form, OffsetDateTime::now_utc().date());
    let iro: Option<i64> = if form.iro.is_empty() {
        None
    } else {
        let id = form.iro.parse::<i64>().ok();
        let is_iro = match id {
            Some(id) => {
                let enabled: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM accounts WHERE id = $1 AND role = 'iro' AND disabled_at IS NULL",
                )
                .bind(id)
                .fetch_one(db.pool())
                .await?;
                enabled > 0
            }
            None => false,
        };
        if !is_iro {
            problems.push(("iro", "new-child-error-choose"));
        }
        id
    };
    Ok((problems, iro))
}

fn flag(value: &str) -> i64 {
    i64::from(yes_no(value) == Some(true))
}

fn optional(text: &str) -> Option<&str> {
    Some(text.trim()).filter(|t| !t.is_empty())
}

/// Creates the child's record (and IRO allocation). `Ok(None)` when the
/// person is not a manager; `Ok(Some(Err(problems)))` when the form needs
/// changes, with nothing stored.
pub async fn create(
    db: &Db,
    manager: &CurrentUser,
    form: &ChildForm,
) -> anyhow::Result<Option<Result<i64, Problems>>> {
    if manager.role != Role::Manager {
        return Ok(None);
    }
    let (problems, iro) = check_with_iro(db, form).await?;
    if !problems.is_empty() {
        return Ok(Some(Err(problems)));
    }
    let now = now_millis();
    let mut tx = db.begin_write().await?;
    let child_id: i64 = sqlx::query_scalar(
        "INSERT INTO children (first_name, preferred_name, date_of_birth, came_into_care_on, gender, \
         ethnicity_group, disability, uasc, first_language, interpreter_needed, placement_type, email, created_at, \
         ceased_on, case_reference) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
    )
    .bind(form.first_name.trim())
    .bind(optional(&form.preferred_name))
    .bind(form.date_of_birth.trim())
    .bind(form.came_into_care_on.trim())
    .bind(&form.gender)
    .bind(&form.ethnicity_group)
    .bind(flag(&form.disability))
    .bind(flag(&form.uasc))
    .bind(form.first_language.trim())
    .bind(flag(&form.interpreter_needed))
    .bind(&form.placement_type)
    .bind(optional(&form.email))
    .bind(now)
    .bind(optional(&form.ceased_on))
    .bind(optional(&form.case_reference))
    .fetch_one(&mut *tx)
    .await?;
    if let Some(iro) = iro {
        allocate(&mut tx, manager, child_id, iro, now).await?;
    }
    record(
        &mut *tx,
        Some(manager.account_id),
        AuditAction::ChildRecordCreated,
        Some(format!("child:{child_id}")),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(Ok(child_id)))
}

async fn allocate(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    manager: &CurrentUser,
    child_id: i64,
    iro: i64,
    now: i64,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO iro_allocations (child_id, iro_account_id, allocated_at) VALUES ($1, $2, $3)",
    )
    .bind(child_id)
    .bind(iro)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    record(
        &mut **tx,
        Some(manager.account_id),
        AuditAction::IroAllocated,
        Some(format!("child:{child_id}")),
    )
    .await?;
    Ok(())
}

/// A child's record as the manager's form shows it, with the history of
/// their IROs. `None` when there is no such child or the person is not a
/// manager.
pub async fn load(
    db: &Db,
    manager: &CurrentUser,
    child_id: i64,
) -> anyhow::Result<Option<ChildRecord>> {
    if manager.role != Role::Manager {
        return Ok(None);
    }
    let Some(row) = sqlx::query(
        "SELECT first_name, preferred_name, date_of_birth, came_into_care_on, gender, ethnicity_group, \
         disability, uasc, first_language, interpreter_needed, placement_type, email, \
         ceased_on, case_reference FROM children WHERE id = $1",
    )
    .bind(child_id)
    .fetch_optional(db.pool())
    .await?
    else {
        return Ok(None);
    };
    super::access::record_reading(
        db.pool(),
        manager,
        Some(child_id),
        super::access::Reading::Record,
    )
    .await?;
    let yes = |v: i64| if v == 1 { "yes" } else { "no" }.to_owned();
    let allocations = sqlx::query(
        "SELECT a.display_name, al.allocated_at, al.ended_at, al.iro_account_id \
         FROM iro_allocations al JOIN accounts a ON a.id = al.iro_account_id \
         WHERE al.child_id = $1 ORDER BY al.allocated_at DESC, al.id DESC",
    )
    .bind(child_id)
    .fetch_all(db.pool())
    .await?;
    let mut history = Vec::with_capacity(allocations.len());
    let mut current_iro = String::new();
    for allocation in allocations {
        let ended: Option<i64> = allocation.try_get(2)?;
        if ended.is_none() {
            current_iro = allocation.try_get::<i64, _>(3)?.to_string();
        }
        history.push(Allocation {
            iro_name: allocation.try_get(0)?,
            from: iso_date(allocation.try_get(1)?).unwrap_or_default(),
            to: ended.and_then(iso_date),
        });
    }
    let form = ChildForm {
        first_name: row.try_get(0)?,
        preferred_name: row.try_get::<Option<String>, _>(1)?.unwrap_or_default(),
        date_of_birth: row.try_get(2)?,
        came_into_care_on: row.try_get(3)?,
        gender: row.try_get(4)?,
        ethnicity_group: row.try_get(5)?,
        disability: yes(row.try_get(6)?),
        uasc: yes(row.try_get(7)?),
        first_language: row.try_get(8)?,
        interpreter_needed: yes(row.try_get(9)?),
        placement_type: row.try_get(10)?,
        email: row.try_get::<Option<String>, _>(11)?.unwrap_or_default(),
        ceased_on: row.try_get::<Option<String>, _>(12)?.unwrap_or_default(),
        case_reference: row.try_get::<Option<String>, _>(13)?.unwrap_or_default(),
        iro: current_iro,
        errors: Vec::new(),
    };
    Ok(Some(ChildRecord {
        id: child_id,
        form,
        allocations: history,
    }))
}

/// A manager changes a child's record. A different IRO ends the current
/// allocation (its dates are kept) and starts a new one. `Ok(None)` when
/// there is no such child or the person is not a manager.
pub async fn update(
    db: &Db,
    manager: &CurrentUser,
    child_id: i64,
    form: &ChildForm,
) -> anyhow::Result<Option<Result<(), Problems>>> {
    let Some(before) = load(db, manager, child_id).await? else {
        return Ok(None);
    };
    let (problems, iro) = check_with_iro(db, form).await?;
    if !problems.is_empty() {
        return Ok(Some(Err(problems)));
    }
    let now = now_millis();
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "UPDATE children SET first_name = $1, preferred_name = $2, date_of_birth = $3, came_into_care_on = $4, \
         gender = $5, ethnicity_group = $6, disability = $7, uasc = $8, first_language = $9, \
         interpreter_needed = $10, placement_type = $11, email = $12, ceased_on = $13, \
         case_reference = $14 WHERE id = $15",
    )
    .bind(form.first_name.trim())
    .bind(optional(&form.preferred_name))
    .bind(form.date_of_birth.trim())
    .bind(form.came_into_care_on.trim())
    .bind(&form.gender)
    .bind(&form.ethnicity_group)
    .bind(flag(&form.disability))
    .bind(flag(&form.uasc))
    .bind(form.first_language.trim())
    .bind(flag(&form.interpreter_needed))
    .bind(&form.placement_type)
    .bind(optional(&form.email))
    .bind(optional(&form.ceased_on))
    .bind(optional(&form.case_reference))
    .bind(child_id)
    .execute(&mut *tx)
    .await?;
    if before.form.iro != form.iro {
        sqlx::query(
            "UPDATE iro_allocations SET ended_at = $1 WHERE child_id = $2 AND ended_at IS NULL",
        )
        .bind(now)
        .bind(child_id)
        .execute(&mut *tx)
        .await?;
        if let Some(iro) = iro {
            allocate(&mut tx, manager, child_id, iro, now).await?;
        }
    }
    // Which fields changed, by name: never what they hold.
    super::audit::record_change(
        &mut *tx,
        manager.account_id,
        AuditAction::ChildRecordChanged,
        format!("child:{child_id}"),
        changed_fields(&before.form, form).join(", "),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(Ok(())))
}

/// The names of the fields a change alters (as stored: trimmed).
fn changed_fields(before: &ChildForm, after: &ChildForm) -> Vec<&'static str> {
    let fields: [(&'static str, &String, &String); 15] = [
        ("first_name", &before.first_name, &after.first_name),
        (
            "preferred_name",
            &before.preferred_name,
            &after.preferred_name,
        ),
        ("date_of_birth", &before.date_of_birth, &after.date_of_birth),
        (
            "came_into_care_on",
            &before.came_into_care_on,
            &after.came_into_care_on,
        ),
        ("ceased_on", &before.ceased_on, &after.ceased_on),
        (
            "case_reference",
            &before.case_reference,
            &after.case_reference,
        ),
        ("gender", &before.gender, &after.gender),
        (
            "ethnicity_group",
            &before.ethnicity_group,
            &after.ethnicity_group,
        ),
        ("disability", &before.disability, &after.disability),
        ("uasc", &before.uasc, &after.uasc),
        (
            "first_language",
            &before.first_language,
            &after.first_language,
        ),
        (
            "interpreter_needed",
            &before.interpreter_needed,
            &after.interpreter_needed,
        ),
        (
            "placement_type",
            &before.placement_type,
            &after.placement_type,
        ),
        ("email", &before.email, &after.email),
        ("iro", &before.iro, &after.iro),
    ];
    fields
        .into_iter()
        .filter(|(_, was, is)| was.trim() != is.trim())
        .map(|(name, ..)| name)
        .collect()
}

/// The name of the child's IRO now, if one is allocated.
pub async fn iro_name(db: &Db, child_id: i64) -> anyhow::Result<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT a.display_name FROM iro_allocations al JOIN accounts a ON a.id = al.iro_account_id \
         WHERE al.child_id = $1 AND al.ended_at IS NULL",
    )
    .bind(child_id)
    .fetch_optional(db.pool())
    .await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn good() -> ChildForm {
        ChildForm {
            first_name: "Amir".into(),
            date_of_birth: "2011-05-02".into(),
            came_into_care_on: "2025-09-01".into(),
            gender: "male".into(),
            ethnicity_group: "Asian or Asian British".into(),
            disability: "no".into(),
            uasc: "yes".into(),
            first_language: "Dari".into(),
            interpreter_needed: "yes".into(),
            placement_type: "foster care".into(),
            ..ChildForm::default()
        }
    }

    #[test]
    fn a_complete_form_has_no_problems() {
        assert!(check(&good(), date!(2026 - 11 - 27)).is_empty());
    }

    #[test]
    fn each_problem_names_its_field() {
        let today = date!(2026 - 11 - 27);
        let mut form = good();
        form.first_name = "  ".into();
        form.date_of_birth = "2027-01-01".into();
        form.came_into_care_on = "31/02/2020".into();
        form.gender = "robot".into();
        form.uasc = String::new();
        let fields: Vec<_> = check(&form, today).into_iter().map(|(f, _)| f).collect();
        assert_eq!(
            fields,
            [
                "first_name",
                "date_of_birth",
                "came_into_care_on",
                "gender",
                "uasc"
            ]
        );
        let mut form = good();
        form.came_into_care_on = "2010-01-01".into();
        assert_eq!(
            check(&form, today),
            [("came_into_care_on", "new-child-error-came-into-care")],
            "before birth"
        );
    }

    #[test]
    fn ceasing_to_be_looked_after_is_a_real_day_after_coming_into_care() {
        let today = date!(2026 - 11 - 27);
        let with = |ceased: &str, reference: &str| {
            let mut form = good();
            form.ceased_on = ceased.into();
            form.case_reference = reference.into();
            check(&form, today)
        };
        // Empty while looked after; the day itself, and a day later, are fine.
        assert!(with("", "").is_empty());
        assert!(with("2025-09-01", "LCS-1234/5").is_empty());
        assert!(with("2026-11-27", "").is_empty());
        let ceased = [("ceased_on", "new-child-error-ceased")];
        assert_eq!(with("2025-08-31", ""), ceased, "before coming into care");
        assert_eq!(with("2026-11-28", ""), ceased, "in the future");
        assert_eq!(with("2026-02-30", ""), [("ceased_on", "date-error-real")]);
        let reference = [("case_reference", "new-child-error-case-reference")];
        assert_eq!(with("", "A<b>"), reference, "not a reference's characters");
        assert_eq!(with("", &"1".repeat(41)), reference, "too long");
    }
}
