//! The audit log in the browser (managers): filtered, paged, newest
//! first, and as CSV; every reading is itself logged, under the child's
//! record when the log is filtered to a child ("who looked at this
//! child's record"). Names come from the accounts and children; the log
//! itself holds ids, never a child's words.

pub mod store;

use std::collections::HashMap;

use app::{
    accounts::{CurrentUser, Pending, Refusal, Role},
    audit_log::{AuditAsked, AuditLogApi, AuditPage, Entry, PAGE_SIZE},
};
use time::{Date, OffsetDateTime};

use crate::{
    accounts::{
        audit::{AuditAction, record},
        for_page,
    },
    calendar::parse_date,
    download::{Download, as_words},
    storage::Db,
};
use store::Filter;

/// The most entries one CSV holds.
pub const CSV_LIMIT: i64 = 100_000;

fn millis(date: Date) -> i64 {
    date.midnight().assume_utc().unix_timestamp() * 1000
}

/// The filters read once; a date that cannot be read is a problem and is
/// left out.
fn filter_of(asked: &AuditAsked, kinds: &[String]) -> (Filter, Vec<(&'static str, &'static str)>) {
    let mut problems = Vec::new();
    let mut day = |typed: &str, field: &'static str| {
        if typed.trim().is_empty() {
            return None;
        }
        let date = parse_date(typed);
        if date.is_none() {
            problems.push((field, "audit-error-date"));
        }
        date
    };
    let from = day(&asked.from, "from").map(millis);
    let until = day(&asked.to, "to").and_then(|d| d.next_day()).map(millis);
    (
        Filter {
            staff: asked.staff.parse().ok(),
            child: asked.child.parse().ok(),
            kind: kinds.iter().find(|k| **k == asked.kind).cloned(),
            from,
            until,
        },
        problems,
    )
}

fn at_words(at: i64) -> String {
    OffsetDateTime::from_unix_timestamp(at.div_euclid(1000))
        .map(|t| {
            format!(
                "{} {:02}:{:02}",
                crate::storage::iso_date_of(t.date()),
                t.hour(),
                t.minute()
            )
        })
        .unwrap_or_default()
}

/// The child a subject is about (`child:3/...`).
fn child_of(subject: Option<&str>) -> Option<i64> {
    subject?
        .strip_prefix("child:")?
        .split('/')
        .next()?
        .parse()
        .ok()
}

fn entry(row: store::Row, names: &HashMap<i64, String>) -> Entry {
    let (at, who, role, action, subject, detail) = row;
    Entry {
        at: at_words(at),
        who,
        role: role.as_deref().and_then(Role::parse),
        child: child_of(subject.as_deref()).and_then(|id| names.get(&id).cloned()),
        action,
        subject,
        detail,
    }
}

/// Notes that this manager read the log (under the child, when filtered
/// to one).
async fn note_reading(db: &Db, user: &CurrentUser, filter: &Filter) -> anyhow::Result<()> {
    record(
        db.pool(),
        Some(user.account_id),
        AuditAction::AuditLogRead,
        filter.child.map(crate::accounts::access::child_subject),
    )
    .await?;
    Ok(())
}

/// A page of the log for a manager (`None` for anyone else).
pub async fn audit_page(
    db: &Db,
    user: &CurrentUser,
    asked: AuditAsked,
) -> anyhow::Result<Option<AuditPage>> {
    if user.role != Role::Manager {
        return Ok(None);
    }
    let kinds = store::kinds(db).await?;
    let (filter, problems) = filter_of(&asked, &kinds);
    let page = asked.page_number();
    // The reading is noted first, so the page shows it too.
    note_reading(db, user, &filter).await?;
    let mut rows = store::entries(db, &filter, PAGE_SIZE + 1, (page - 1) * PAGE_SIZE).await?;
    let more = rows.len() as i64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    let children = store::children(db).await?;
    let names: HashMap<i64, String> = children.iter().cloned().collect();
    Ok(Some(AuditPage {
        entries: rows.into_iter().map(|r| entry(r, &names)).collect(),
        page,
        more,
        staff: store::staff(db).await?,
        children,
        kinds,
        asked,
        problems,
    }))
}

/// The entries the filters choose, as CSV (managers).
pub async fn csv(
    db: &Db,
    user: &CurrentUser,
    asked: AuditAsked,
) -> anyhow::Result<Option<Download>> {
    if user.role != Role::Manager {
        return Ok(None);
    }
    let kinds = store::kinds(db).await?;
    let (filter, _) = filter_of(&asked, &kinds);
    note_reading(db, user, &filter).await?;
    let rows = store::entries(db, &filter, CSV_LIMIT, 0).await?;
    let names: HashMap<i64, String> = store::children(db).await?.into_iter().collect();
    let mut writer = csv::WriterBuilder::new().from_writer("\u{feff}".as_bytes().to_vec());
    writer.write_record([
        "when_utc", "who", "role", "what", "about", "child", "detail",
    ])?;
    for row in rows {
        let e = entry(row, &names);
        writer.write_record([
            e.at,
            as_words(&e.who.unwrap_or_default()),
            e.role.map(|r| r.as_str().to_owned()).unwrap_or_default(),
            e.action,
            e.subject.unwrap_or_default(),
            as_words(&e.child.unwrap_or_default()),
            as_words(&e.detail.unwrap_or_default()),
        ])?;
    }
    Ok(Some(Download {
        file_name: "mysay-audit-log.csv".to_owned(),
        content_type: "text/csv; charset=utf-8",
        bytes: writer.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?,
    }))
}

/// The audit log over the database.
pub struct AuditLogService {
    pub db: Db,
}

impl AuditLogApi for AuditLogService {
    fn audit_page<'a>(
        &'a self,
        user: &'a CurrentUser,
        asked: AuditAsked,
    ) -> Pending<'a, AuditPage> {
        Box::pin(async move {
            if user.role != Role::Manager {
                return Err(Refusal::NotFound);
            }
            for_page(audit_page(&self.db, user, asked).await, "the audit log")
        })
    }
}
