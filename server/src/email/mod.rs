//! Email, through a transactional outbox. A change that should send an
//! email writes it to the `outbox` table in the same transaction
//! ([`enqueue`]); the [`OutboxWorker`] sends what is due, marks it sent,
//! and on failure tries again later with a growing wait, so a mail outage
//! delays email but loses none. Delivery is at least once.
//!
//! Any number of servers may share one database: a worker first claims a
//! few due emails (`FOR UPDATE SKIP LOCKED` on PostgreSQL, so two workers
//! never claim the same row; SQLite has one writer anyway), with a lease.
//! If the server dies mid-send its claims lapse and another sends them.
//! Each message carries a `Message-ID` made from its row, so the one email
//! that may be sent twice (the one in flight when a server died) is the
//! same message to the mail system.
//!
//! Emails never carry a child's words or a letter's content: only that
//! there is something new in MySay, and a link.

use std::{path::PathBuf, sync::Arc, time::Duration};

use anyhow::Context;
use lettre::{
    AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{Mailbox, header::ContentType},
};
use secrecy::ExposeSecret;
use sqlx::{Any, Executor, Row};
use tokio::sync::Notify;

use crate::{
    config::Config,
    storage::{Backend, Db, now_millis, turns::server_mark},
};

/// How many emails a worker claims at a time.
const CLAIM: i64 = 10;

/// The longest a link in an email lasts (an invitation's 14 days): a
/// written `.eml` file is kept no longer than that.
pub const LINKS_LAST_MS: i64 = 14 * 24 * 60 * 60 * 1000;

/// An email to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email {
    pub to: String,
    pub subject: String,
    /// Plain text: a notice and a link, nothing more.
    pub body: String,
}

/// Writes an email to the outbox, in the caller's transaction.
pub async fn enqueue<'e, E>(executor: E, email: &Email) -> sqlx::Result<()>
where
    E: Executor<'e, Database = Any>,
{
    let now = now_millis();
    sqlx::query(
        "INSERT INTO outbox (to_address, subject, body_text, created_at, attempts, next_attempt_at) \
         VALUES ($1, $2, $3, $4, 0, $5)",
    )
    .bind(&email.to)
    .bind(&email.subject)
    .bind(&email.body)
    .bind(now)
    .bind(now)
    .execute(executor)
    .await?;
    Ok(())
}

/// Where email goes: an SMTP server, or `.eml` files in a folder (the
/// embedded default, for trying MySay on one machine).
#[derive(Clone)]
pub enum Mailer {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(PathBuf),
}

impl Mailer {
    pub fn from_config(config: &Config) -> anyhow::Result<Mailer> {
        match &config.smtp_url {
            Some(url) => {
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose_secret())
                    .context("smtp_url is not a valid SMTP address")?
                    .timeout(Some(Duration::from_secs(20)))
                    .build();
                Ok(Mailer::Smtp(transport))
            }
            None => Ok(Mailer::Files(config.mail_folder())),
        }
    }

    async fn send(&self, message: Message) -> anyhow::Result<()> {
        match self {
            Mailer::Smtp(smtp) => {
                smtp.send(message)
                    .await
                    .map_err(|e| anyhow::anyhow!(smtp_failure(&e)))?;
            }
            Mailer::Files(folder) => {
                tokio::fs::create_dir_all(folder)
                    .await
                    .context("could not create the mail folder")?;
                AsyncFileTransport::<Tokio1Executor>::new(folder)
                    .send(message)
                    .await
                    .context("could not write the email file")?;
            }
        }
        Ok(())
    }
}

/// What went wrong, without addresses or server replies that could quote
/// them.
fn smtp_failure(error: &lettre::transport::smtp::Error) -> &'static str {
    if error.is_transient() {
        "smtp: temporary failure"
    } else if error.is_permanent() {
        "smtp: refused"
    } else if error.is_timeout() {
        "smtp: timed out"
    } else {
        "smtp: could not connect"
    }
}

/// How long to wait before the next try, after `attempts` failures:
/// 10 seconds, doubling, at most an hour.
pub fn backoff(attempts: i64) -> Duration {
    let doublings = u32::try_from(attempts.saturating_sub(1).clamp(0, 20)).unwrap_or(20);
    Duration::from_secs(10)
        .saturating_mul(2u32.saturating_pow(doublings))
        .min(Duration::from_secs(3600))
}

/// Sends what the outbox holds.
#[derive(Clone)]
pub struct OutboxWorker {
    db: Db,
    mailer: Mailer,
    from: Mailbox,
    wake: Arc<Notify>,
    /// How often to look for due email when nobody wakes the worker.
    pub poll_every: Duration,
    /// The first wait after a failure (doubling after that).
    pub retry_base: Duration,
    /// How long a claim on an email lasts.
    pub lease: Duration,
    /// Where this outbox's Message-IDs say they come from.
    id_domain: String,
    /// The last time this worker looked at the outbox (for readiness).
    alive: Arc<std::sync::atomic::AtomicI64>,
}

impl OutboxWorker {
    pub fn new(db: Db, mailer: Mailer, from: &str) -> anyhow::Result<OutboxWorker> {
        let from: Mailbox = from.parse().context("smtp_from is not an email address")?;
        let id_domain = from.email.domain().to_owned();
        Ok(OutboxWorker {
            db,
            mailer,
            from,
            wake: Arc::new(Notify::new()),
            poll_every: Duration::from_secs(5),
            retry_base: Duration::from_secs(10),
            lease: Duration::from_secs(300),
            id_domain,
            alive: Arc::new(std::sync::atomic::AtomicI64::new(0)),
        })
    }

    /// When this worker last looked at the outbox (unix milliseconds, 0
    /// before the first time), shared with whoever holds the handle.
    pub fn heartbeat(&self) -> Arc<std::sync::atomic::AtomicI64> {
        self.alive.clone()
    }

    /// Something to call after enqueueing, to send without waiting.
    pub fn waker(&self) -> Arc<Notify> {
        self.wake.clone()
    }

    /// Runs until the task is dropped.
    pub async fn run(self) {
        loop {
            match self.send_due().await {
                Ok(_) => {}
                Err(error) => tracing::warn!(error = %error, "the outbox could not be read"),
            }
            tokio::select! {
                () = self.wake.notified() => {}
                () = tokio::time::sleep(self.poll_every) => {}
            }
        }
    }

    /// Sends every email that is due now; returns how many were sent.
    pub async fn send_due(&self) -> anyhow::Result<usize> {
        let mut sent = 0;
        // Each email at most once a call: a failure due again soon waits
        // for the next call.
        let mut after = 0;
        loop {
            let claimed = self.claim(after).await?;
            self.alive
                .store(now_millis(), std::sync::atomic::Ordering::Relaxed);
            if claimed.is_empty() {
                return Ok(sent);
            }
            for (id, attempts, email) in claimed {
                after = id;
                if self.send_one(id, attempts, &email).await? {
                    sent += 1;
                }
                self.alive
                    .store(now_millis(), std::sync::atomic::Ordering::Relaxed);
            }
        }
    }

    /// Claims up to [`CLAIM`] due emails after row `after` that nobody
    /// else holds, oldest first, for the length of the lease.
    async fn claim(&self, after: i64) -> anyhow::Result<Vec<(i64, i64, Email)>> {
        let now = now_millis();
        let lease_ms = i64::try_from(self.lease.as_millis()).unwrap_or(i64::MAX);
        let lock = match self.db.backend() {
            Backend::Postgres => "FOR UPDATE SKIP LOCKED",
            Backend::Sqlite => "",
        };
        let rows = sqlx::query(&format!(
            "UPDATE outbox SET claimed_by = $1, claimed_until = $2 WHERE id IN ( \
               SELECT id FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= $3 AND id > $5 \
               AND (claimed_until IS NULL OR claimed_until <= $3) ORDER BY id LIMIT $4 {lock}) \
             AND sent_at IS NULL AND (claimed_until IS NULL OR claimed_until <= $3) \
             RETURNING id, to_address, subject, body_text, attempts"
        ))
        .bind(server_mark())
        .bind(now.saturating_add(lease_ms))
        .bind(now)
        .bind(CLAIM)
        .bind(after)
        .fetch_all(self.db.pool())
        .await?;
        let mut claimed = Vec::with_capacity(rows.len());
        for row in rows {
            let email = Email {
                to: row.try_get(1)?,
                subject: row.try_get(2)?,
                body: row.try_get(3)?,
            };
            claimed.push((row.try_get::<i64, _>(0)?, row.try_get::<i64, _>(4)?, email));
        }
        claimed.sort_by_key(|(id, _, _)| *id);
        Ok(claimed)
    }

    /// Sends one claimed email and records how it went; true when sent.
    async fn send_one(&self, id: i64, attempts: i64, email: &Email) -> anyhow::Result<bool> {
        match self.deliver(id, email).await {
            Ok(()) => {
                // Sent: the body (which may hold an invitation's link and
                // code) is not kept; who, what and when are.
                sqlx::query(
                    "UPDATE outbox SET sent_at = $1, attempts = $2, last_error = NULL, body_text = '', \
                     claimed_by = NULL, claimed_until = NULL WHERE id = $3",
                )
                .bind(now_millis())
                .bind(attempts + 1)
                .bind(id)
                .execute(self.db.pool())
                .await?;
                tracing::info!(outbox_id = id, "email sent");
                Ok(true)
            }
            Err(error) => {
                let failures = attempts + 1;
                let wait = self.retry_wait(failures);
                let wait_ms = i64::try_from(wait.as_millis()).unwrap_or(i64::MAX);
                sqlx::query(
                    "UPDATE outbox SET attempts = $1, next_attempt_at = $2, last_error = $3, \
                     claimed_by = NULL, claimed_until = NULL WHERE id = $4",
                )
                .bind(failures)
                .bind(now_millis().saturating_add(wait_ms))
                .bind(error.to_string())
                .bind(id)
                .execute(self.db.pool())
                .await?;
                tracing::warn!(outbox_id = id, attempts = failures, error = %error, "email not sent; will retry");
                Ok(false)
            }
        }
    }

    /// Clears out what is no longer needed: sent emails' rows after 30
    /// days, and (with no SMTP server, trying MySay out) `.eml` files once
    /// any invitation in them has expired. Returns how many went.
    pub async fn purge(&self) -> anyhow::Result<u64> {
        let month_ago = now_millis() - 30 * 24 * 60 * 60 * 1000;
        let rows = sqlx::query("DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < $1")
            .bind(month_ago)
            .execute(self.db.pool())
            .await?
            .rows_affected();
        let mut files = 0;
        if let Mailer::Files(folder) = &self.mailer
            && let Ok(mut entries) = tokio::fs::read_dir(folder).await
        {
            let lifetime = Duration::from_millis(u64::try_from(LINKS_LAST_MS).unwrap_or(0));
            while let Ok(Some(entry)) = entries.next_entry().await {
                let old = entry
                    .metadata()
                    .await
                    .ok()
                    .and_then(|m| m.modified().ok())
                    .and_then(|at| at.elapsed().ok())
                    .is_some_and(|age| age > lifetime);
                let is_email = entry.path().extension().is_some_and(|e| e == "eml");
                if old && is_email && tokio::fs::remove_file(entry.path()).await.is_ok() {
                    files += 1;
                }
            }
        }
        Ok(rows + files)
    }

    fn retry_wait(&self, failures: i64) -> Duration {
        let scale = self.retry_base.as_secs_f64() / 10.0;
        backoff(failures).mul_f64(scale)
    }

    async fn deliver(&self, id: i64, email: &Email) -> anyhow::Result<()> {
        let to: Mailbox = email
            .to
            .parse()
            .map_err(|_| anyhow::anyhow!("the address is not valid"))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(&email.subject)
            .message_id(Some(format!("<outbox-{id}@{}>", self.id_domain)))
            .header(ContentType::TEXT_PLAIN)
            .body(email.body.clone())
            .map_err(|_| anyhow::anyhow!("the message could not be built"))?;
        self.mailer.send(message).await
    }
}

impl Config {
    /// Where `.eml` files go when no SMTP server is set: as configured,
    /// else beside a SQLite database, else `data/outbox`.
    pub fn mail_folder(&self) -> PathBuf {
        if let Some(folder) = &self.mail_folder {
            return folder.clone();
        }
        let url = self.database_url();
        let from_sqlite = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
            .map(|rest| rest.split('?').next().unwrap_or(rest))
            .filter(|path| !path.is_empty() && *path != ":memory:")
            .and_then(|path| {
                std::path::Path::new(path)
                    .parent()
                    .map(|p| p.join("outbox"))
            });
        from_sqlite.unwrap_or_else(|| PathBuf::from("data/outbox"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_longer_each_time_up_to_an_hour() {
        assert_eq!(backoff(1), Duration::from_secs(10));
        assert_eq!(backoff(2), Duration::from_secs(20));
        assert_eq!(backoff(3), Duration::from_secs(40));
        assert_eq!(backoff(30), Duration::from_secs(3600));
    }
}
