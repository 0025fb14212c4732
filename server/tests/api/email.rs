//! The email outbox against a real SMTP server on loopback, on both
//! databases: transactional, delivered once, and surviving an outage.

use std::time::Duration;

use crate::support::{TestDb, smtp::SmtpSink};
use server::{
    config::{Config, ConfigLayer},
    email::{Email, Mailer, OutboxWorker, enqueue},
};

fn worker_for(test: &TestDb, smtp_url: &str) -> anyhow::Result<OutboxWorker> {
    let config = Config::from_layer(ConfigLayer {
        database_url: Some(test.url.clone()),
        smtp_url: Some(smtp_url.to_owned()),
        ..ConfigLayer::default()
    })?;
    let mut worker = OutboxWorker::new(
        test.db.clone(),
        Mailer::from_config(&config)?,
        "MySay <mysay@example.org>",
    )?;
    worker.retry_base = Duration::from_millis(50);
    Ok(worker)
}

fn notice(n: usize) -> Email {
    Email {
        to: format!("person{n}@example.org"),
        subject: format!("You have something new in MySay ({n})"),
        body: "Sign in to MySay to see it: http://127.0.0.1:3000/sign-in\n".to_owned(),
    }
}

async fn unsent(test: &TestDb) -> anyhow::Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL")
            .fetch_one(test.db.pool())
            .await?,
    )
}

/// A port nothing listens on (yet).
async fn free_port() -> anyhow::Result<u16> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    Ok(listener.local_addr()?.port())
}

on_both_databases! {
    async fn a_sent_emails_body_is_not_kept(test) {
        let sink = SmtpSink::start(0).await?;
        let worker = worker_for(&test, &sink.url())?;
        let mut tx = test.db.begin_write().await?;
        enqueue(&mut *tx, &Email {
            to: "child@example.org".to_owned(),
            subject: "Your invitation to MySay".to_owned(),
            body: "http://127.0.0.1:3000/join/SECRET-TOKEN and code ABCD-EFGH".to_owned(),
        }).await?;
        tx.commit().await?;
        assert_eq!(worker.send_due().await?, 1);
        let (to, subject, body, sent): (String, String, String, Option<i64>) =
            sqlx::query_as("SELECT to_address, subject, body_text, sent_at FROM outbox").fetch_one(test.db.pool()).await?;
        assert_eq!((to.as_str(), subject.as_str()), ("child@example.org", "Your invitation to MySay"), "who and what are kept");
        assert!(sent.is_some(), "and when");
        assert_eq!(body, "", "the link and code are not");
        Ok(())
    }

    async fn email_is_sent_only_if_its_change_is_saved(test) {
        let sink = SmtpSink::start(0).await?;
        let worker = worker_for(&test, &sink.url())?;
        let mut tx = test.db.begin_write().await?;
        enqueue(&mut *tx, &notice(1)).await?;
        tx.rollback().await?;
        let mut tx = test.db.begin_write().await?;
        enqueue(&mut *tx, &notice(2)).await?;
        tx.commit().await?;
        assert_eq!(worker.send_due().await?, 1);
        let messages = sink.messages();
        assert_eq!(messages.len(), 1);
        assert!(messages[0].contains("You have something new in MySay (2)"), "{}", messages[0]);
        assert!(messages[0].contains("To: person2@example.org"));
        assert_eq!(unsent(&test).await?, 0);
        assert_eq!(worker.send_due().await?, 0, "never sent twice");
        assert_eq!(sink.messages().len(), 1);
        Ok(())
    }

    async fn a_mail_outage_delays_email_but_loses_none(test) {
        let port = free_port().await?;
        let worker = worker_for(&test, &format!("smtp://127.0.0.1:{port}"))?;
        for n in 0..3 {
            enqueue(test.db.pool(), &notice(n)).await?;
        }
        // The mail server is down.
        assert_eq!(worker.send_due().await?, 0);
        assert_eq!(unsent(&test).await?, 3);
        let errors: Vec<Option<String>> = sqlx::query_scalar("SELECT last_error FROM outbox")
            .fetch_all(test.db.pool()).await?;
        for error in errors {
            let error = error.unwrap_or_default();
            assert!(error.starts_with("smtp:"), "{error}");
            assert!(!error.contains("example.org"), "no address in the error: {error}");
        }
        // Not tried again before the wait is up.
        assert_eq!(worker.send_due().await?, 0);
        // The mail server comes back; after the wait, each is sent once.
        let sink = SmtpSink::start(port).await?;
        tokio::time::sleep(Duration::from_millis(120)).await;
        assert_eq!(worker.send_due().await?, 3);
        assert_eq!(worker.send_due().await?, 0);
        let mut subjects: Vec<String> = sink
            .messages()
            .iter()
            .filter_map(|m| m.lines().find(|l| l.starts_with("Subject:")).map(str::to_owned))
            .collect();
        subjects.sort();
        assert_eq!(subjects.len(), 3, "{subjects:?}");
        subjects.dedup();
        assert_eq!(subjects.len(), 3, "each delivered once");
        let attempts: Vec<i64> = sqlx::query_scalar("SELECT attempts FROM outbox ORDER BY id").fetch_all(test.db.pool()).await?;
        assert_eq!(attempts, [2, 2, 2]);
        Ok(())
    }

    async fn the_running_server_sends_from_its_outbox(test) {
        let sink = SmtpSink::start(0).await?;
        let _app = test.spawn_app_with(ConfigLayer { smtp_url: Some(sink.url()), ..ConfigLayer::default() }).await?;
        enqueue(test.db.pool(), &notice(7)).await?;
        // The worker looks every few seconds.
        for _ in 0..100 {
            if !sink.messages().is_empty() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert_eq!(sink.messages().len(), 1);
        Ok(())
    }
}

#[tokio::test]
async fn without_smtp_email_is_written_to_files() -> anyhow::Result<()> {
    let test = TestDb::sqlite().await?;
    let config = Config::from_layer(ConfigLayer {
        database_url: Some(test.url.clone()),
        ..ConfigLayer::default()
    })?;
    let folder = config.mail_folder();
    assert!(
        folder.starts_with(std::env::temp_dir()) || folder.to_string_lossy().contains("tmp"),
        "{}",
        folder.display()
    );
    let worker = OutboxWorker::new(
        test.db.clone(),
        Mailer::from_config(&config)?,
        "MySay <mysay@example.org>",
    )?;
    enqueue(test.db.pool(), &notice(1)).await?;
    assert_eq!(worker.send_due().await?, 1);
    let files: Vec<_> = std::fs::read_dir(&folder)?.filter_map(|e| e.ok()).collect();
    assert_eq!(files.len(), 1);
    let text = std::fs::read_to_string(files[0].path())?;
    assert!(text.contains("You have something new in MySay (1)"));
    Ok(())
}
