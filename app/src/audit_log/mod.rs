//! The audit log in the browser, for managers: who did what, when,
//! filtered by member of staff, child, kind of event and dates, newest
//! first, a page at a time, and as CSV. Reading it is itself logged.

use serde::{Deserialize, Serialize};

use crate::accounts::Role;
#[cfg(feature = "ssr")]
use crate::accounts::{CurrentUser, Pending};

pub mod pages;
pub mod paths;

/// Entries on a page.
pub const PAGE_SIZE: i64 = 50;

/// The filters as typed in the address (empty: any).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuditAsked {
    /// A staff account's id.
    pub staff: String,
    /// A child's id.
    pub child: String,
    /// An action as stored (`child_page_viewed`).
    pub kind: String,
    /// `YYYY-MM-DD`, both days included.
    pub from: String,
    pub to: String,
    /// From 1.
    pub page: String,
}

impl AuditAsked {
    /// The filters as a query string (without the page), for links.
    pub fn query(&self) -> String {
        [
            ("staff", &self.staff),
            ("child", &self.child),
            ("kind", &self.kind),
            ("from", &self.from),
            ("to", &self.to),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", crate::layout::encode_path(v)))
        .collect::<Vec<_>>()
        .join("&")
    }

    /// The page asked for (1 when none or not a number).
    pub fn page_number(&self) -> i64 {
        self.page
            .parse::<i64>()
            .ok()
            .filter(|p| *p >= 1)
            .unwrap_or(1)
    }
}

/// One entry as the log shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// `YYYY-MM-DD HH:MM` UTC.
    pub at: String,
    /// Who acted (none for an attempt by someone not signed in).
    pub who: Option<String>,
    pub role: Option<Role>,
    /// As stored (`child_page_viewed`).
    pub action: String,
    /// The record acted on, as stored (`child:3/letter:7`).
    pub subject: Option<String>,
    /// The child the subject is about, by name.
    pub child: Option<String>,
    /// A setting's old and new values.
    pub detail: Option<String>,
}

/// A page of the log with what the filters can choose from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<Entry>,
    pub page: i64,
    /// There are older entries on the next page.
    pub more: bool,
    /// (id, name) of staff accounts, and of children.
    pub staff: Vec<(i64, String)>,
    pub children: Vec<(i64, String)>,
    /// Every kind of event the log holds.
    pub kinds: Vec<String>,
    pub asked: AuditAsked,
    /// A filter that could not be read (field, key): it is left out.
    #[serde(skip)]
    pub problems: Vec<(&'static str, &'static str)>,
}

/// What the page needs; `server` implements it.
#[cfg(feature = "ssr")]
pub trait AuditLogApi: Send + Sync {
    /// A page of the log (managers); the reading is logged.
    fn audit_page<'a>(&'a self, user: &'a CurrentUser, asked: AuditAsked)
    -> Pending<'a, AuditPage>;
}

page_data!(
    /// A page of the audit log (managers).
    load_audit_page(asked: AuditAsked) -> AuditPage, dyn AuditLogApi, audit_page
);

#[cfg(test)]
mod tests {
    use super::AuditAsked;

    #[test]
    fn filters_make_a_query_and_a_page_number() {
        let asked = AuditAsked {
            child: "12".into(),
            kind: "child_page_viewed".into(),
            page: "x".into(),
            ..AuditAsked::default()
        };
        assert_eq!(asked.query(), "child=12&kind=child_page_viewed");
        assert_eq!(asked.page_number(), 1);
    }
}
