//! An IRO away from work (leave, sickness). They say until when on their
//! home page; meanwhile urgent alerts about their children also go to the
//! managers, so a child's alert never waits for someone who is not there.

use app::accounts::{AwayForm, CurrentUser, Role};
use time::Date;

use super::audit::{AuditAction, record};
use crate::{
    calendar::{parse_date, part_problem, today},
    storage::Db,
};

pub use crate::outcome::Problems;

/// Whether someone whose last day away is `away_until` is away on `day`.
pub fn is_away(away_until: Option<&str>, day: Date) -> bool {
    away_until
        .and_then(parse_date)
        .is_some_and(|last| last >= day)
}

/// The IRO says until when they are away, or that they are back.
/// `Ok(None)` for anyone but an IRO.
pub async fn set_away(
    db: &Db,
    user: &CurrentUser,
    form: &AwayForm,
) -> anyhow::Result<Option<Result<(), Problems>>> {
    if user.role != Role::Iro {
        return Ok(None);
    }
    let until = if form.back == "yes" {
        None
    } else {
        let today = today();
        match parse_date(&form.away_until) {
            Some(day) if day >= today && (day - today).whole_days() <= 366 => Some(day.to_string()),
            _ => {
                let key = part_problem(&form.away_until).unwrap_or("away-error-date");
                return Ok(Some(Err(vec![("away_until", key)])));
            }
        }
    };
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE accounts SET away_until = $1 WHERE id = $2")
        .bind(until.as_deref())
        .bind(user.account_id)
        .execute(&mut *tx)
        .await?;
    record(
        &mut *tx,
        Some(user.account_id),
        AuditAction::AwayChanged,
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(Some(Ok(())))
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::is_away;

    #[test]
    fn away_includes_the_last_day_and_ends_after_it() {
        let day = date!(2026 - 12 - 01);
        assert!(is_away(Some("2026-12-01"), day));
        assert!(is_away(Some("2026-12-24"), day));
        assert!(!is_away(Some("2026-11-30"), day));
        assert!(!is_away(None, day));
        assert!(!is_away(Some("not a date"), day));
    }
}
