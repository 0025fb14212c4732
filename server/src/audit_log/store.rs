//! The audit log's reading SQL (the log is written only by
//! `accounts::audit`). Filters become conditions with bound values.

use crate::storage::Db;

/// One value a condition binds.
#[derive(Clone, Debug)]
pub enum Value {
    Int(i64),
    Text(String),
}

/// The filters, read once.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub staff: Option<i64>,
    pub child: Option<i64>,
    pub kind: Option<String>,
    /// UTC milliseconds: from (included), to (excluded).
    pub from: Option<i64>,
    pub until: Option<i64>,
}

impl Filter {
    /// `WHERE ...` (or nothing) and its values in order.
    fn conditions(&self) -> (String, Vec<Value>) {
        let mut parts = Vec::new();
        let mut values = Vec::new();
        let mut bind = |value: Value| {
            values.push(value);
            format!("${}", values.len())
        };
        if let Some(staff) = self.staff {
            parts.push(format!("l.actor_account_id = {}", bind(Value::Int(staff))));
        }
        if let Some(child) = self.child {
            let subject = format!("child:{child}");
            let exact = bind(Value::Text(subject.clone()));
            let within = bind(Value::Text(format!("{subject}/%")));
            parts.push(format!("(l.subject = {exact} OR l.subject LIKE {within})"));
        }
        if let Some(kind) = &self.kind {
            parts.push(format!("l.action = {}", bind(Value::Text(kind.clone()))));
        }
        if let Some(from) = self.from {
            parts.push(format!("l.at >= {}", bind(Value::Int(from))));
        }
        if let Some(until) = self.until {
            parts.push(format!("l.at < {}", bind(Value::Int(until))));
        }
        let sql = if parts.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", parts.join(" AND "))
        };
        (sql, values)
    }
}

/// An entry as read: (at, who, role, action, subject, detail).
pub type Row = (
    i64,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
);

/// Entries newest first: `limit` of them after skipping `offset`.
pub async fn entries(
    db: &Db,
    filter: &Filter,
    limit: i64,
    offset: i64,
) -> anyhow::Result<Vec<Row>> {
    let (conditions, values) = filter.conditions();
    let n = values.len();
    let sql = format!(
        "SELECT l.at, a.display_name, a.role, l.action, l.subject, l.detail FROM audit_log l \
         LEFT JOIN accounts a ON a.id = l.actor_account_id {conditions} \
         ORDER BY l.id DESC LIMIT ${} OFFSET ${}",
        n + 1,
        n + 2
    );
    let mut query = sqlx::query_as::<_, Row>(&sql);
    for value in values {
        query = match value {
            Value::Int(v) => query.bind(v),
            Value::Text(v) => query.bind(v),
        };
    }
    Ok(query.bind(limit).bind(offset).fetch_all(db.pool()).await?)
}

/// Staff accounts: (id, name).
pub async fn staff(db: &Db) -> anyhow::Result<Vec<(i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT id, display_name FROM accounts WHERE role <> 'child' ORDER BY display_name, id",
    )
    .fetch_all(db.pool())
    .await?)
}

/// Children: (id, name).
pub async fn children(db: &Db) -> anyhow::Result<Vec<(i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT id, COALESCE(preferred_name, first_name) FROM children ORDER BY 2, id",
    )
    .fetch_all(db.pool())
    .await?)
}

/// Every kind of event the log holds.
pub async fn kinds(db: &Db) -> anyhow::Result<Vec<String>> {
    Ok(
        sqlx::query_scalar("SELECT DISTINCT action FROM audit_log ORDER BY action")
            .fetch_all(db.pool())
            .await?,
    )
}
