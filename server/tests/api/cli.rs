//! The `mysay` command line, run as a real process.

use std::{io::Write, process::Stdio};

use crate::support::{TestDb, mysay_binary};

fn mysay(url: &str, args: &[&str], stdin: &str) -> anyhow::Result<std::process::Output> {
    let mut child = std::process::Command::new(mysay_binary())
        .args(args)
        .env("MYSAY_DATABASE_URL", url)
        .env("MYSAY_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    if let Some(mut input) = child.stdin.take() {
        input.write_all(stdin.as_bytes())?;
    }
    Ok(child.wait_with_output()?)
}

#[test]
fn help_lists_the_commands() -> anyhow::Result<()> {
    let out = mysay("sqlite::memory:", &["--help"], "")?;
    let text = String::from_utf8(out.stdout)?;
    for command in ["serve", "migrate", "demo-data", "create-manager", "config"] {
        assert!(text.contains(command), "--help lacks {command}: {text}");
    }
    Ok(())
}

#[test]
fn config_hides_secrets() -> anyhow::Result<()> {
    let out = std::process::Command::new(mysay_binary())
        .arg("config")
        .env(
            "MYSAY_DATABASE_URL",
            "postgres://mysay:hunter2-db@db.internal/mysay",
        )
        .env(
            "MYSAY_SMTP_URL",
            "smtp://mailer:hunter2-smtp@mail.internal:587",
        )
        .env(
            "MYSAY_SESSION_KEY",
            "hunter2-session-0123456789abcdefghijkl",
        )
        .output()?;
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout)? + &String::from_utf8(out.stderr)?;
    assert!(!text.contains("hunter2"), "{text}");
    assert!(text.contains("db.internal"));
    Ok(())
}

#[tokio::test]
async fn create_manager_makes_an_account_that_the_passphrase_opens() -> anyhow::Result<()> {
    let test = TestDb::sqlite().await?;
    let out = mysay(
        &test.url,
        &[
            "create-manager",
            "--name",
            "Morgan Price",
            "--email",
            "morgan@example.org",
        ],
        "a long enough passphrase\n",
    )?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout)? + &String::from_utf8(out.stderr)?;
    assert!(
        !text.contains("a long enough passphrase"),
        "the passphrase is never echoed"
    );
    let (role, hash): (String, String) =
        sqlx::query_as("SELECT role, passphrase_hash FROM accounts WHERE sign_in_name = $1")
            .bind("morgan@example.org")
            .fetch_one(test.db.pool())
            .await?;
    assert_eq!(role, "manager");
    assert!(
        server::accounts::passphrase::verify(
            crate::support::secret("a long enough passphrase"),
            hash
        )
        .await?
    );
    Ok(())
}

#[tokio::test]
async fn create_manager_refuses_a_short_passphrase_and_stores_nothing() -> anyhow::Result<()> {
    let test = TestDb::sqlite().await?;
    let out = mysay(
        &test.url,
        &["create-manager", "--name", "M", "--email", "m@example.org"],
        "short\n",
    )?;
    assert!(!out.status.success());
    assert!(String::from_utf8(out.stderr)?.contains("at least 8 characters"));
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts")
        .fetch_one(test.db.pool())
        .await?;
    assert_eq!(count, 0);
    Ok(())
}

#[tokio::test]
async fn create_manager_refuses_a_common_passphrase() -> anyhow::Result<()> {
    let test = TestDb::sqlite().await?;
    let out = mysay(
        &test.url,
        &["create-manager", "--name", "M", "--email", "m@example.org"],
        "password123\n",
    )?;
    assert!(!out.status.success());
    assert!(String::from_utf8(out.stderr)?.contains("most used"));
    Ok(())
}

#[tokio::test]
async fn migrate_and_demo_data_work_from_the_command_line() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let url = format!("sqlite://{}", dir.path().join("data/mysay.db").display());
    let out = mysay(&url, &["migrate"], "")?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = mysay(&url, &["demo-data"], "")?;
    assert!(String::from_utf8(out.stdout)?.contains("Loaded"));
    let out = mysay(&url, &["demo-data"], "")?;
    assert!(String::from_utf8(out.stdout)?.contains("not loaded"));
    Ok(())
}

#[test]
fn serving_the_demo_at_a_real_address_is_refused() -> anyhow::Result<()> {
    let folder = tempfile::tempdir()?;
    let url = format!("sqlite://{}", folder.path().join("mysay.db").display());
    let out = std::process::Command::new(mysay_binary())
        .args(["serve", "--demo"])
        .env("MYSAY_DATABASE_URL", &url)
        .env("MYSAY_PUBLIC_BASE_URL", "https://mysay.example.gov.uk")
        .env("MYSAY_PORT", "0")
        .env("MYSAY_LOG", "warn")
        .output()?;
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("refused for https"), "{said}");
    assert!(!folder.path().join("mysay.db").exists(), "nothing was made");
    Ok(())
}

#[test]
fn serving_from_postgresql_needs_a_configured_secret_key() -> anyhow::Result<()> {
    let out = std::process::Command::new(mysay_binary())
        .arg("serve")
        .env("MYSAY_DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")
        .env("MYSAY_PORT", "0")
        .env("MYSAY_LOG", "warn")
        .output()?;
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("set session_key"), "{said}");
    Ok(())
}
