//! Several MySay servers on one PostgreSQL database, as real processes: a
//! child signed in on one carries on on the other, the limits per address
//! are shared, and every email is sent once by whichever server claims it,
//! even when one server is killed in the middle of sending.

use std::{
    collections::HashMap,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use crate::support::{TestDb, browser, mysay_binary, smtp::SmtpSink};
use server::email::{Email, enqueue};

const KEY: &str = "the-same-key-on-every-server-0123456789abcdef";

/// A `mysay serve` process; killed when dropped.
struct Server {
    process: Child,
    base: String,
}

impl Server {
    async fn start(test: &TestDb, smtp_url: &str, attempts: &str) -> anyhow::Result<Server> {
        let port = {
            let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
            listener.local_addr()?.port()
        };
        let folder = tempfile::tempdir()?;
        let process = Command::new(mysay_binary())
            .arg("serve")
            .env("MYSAY_DATABASE_URL", &test.url)
            .env("MYSAY_PORT", port.to_string())
            .env("MYSAY_SESSION_KEY", KEY)
            .env("MYSAY_SMTP_URL", smtp_url)
            .env("MYSAY_SMTP_FROM", "MySay <mysay@example.org>")
            .env("MYSAY_OUTBOX_LEASE_SECONDS", "3")
            .env("MYSAY_SIGN_IN_ATTEMPTS_PER_ADDRESS", attempts)
            .env("MYSAY_SITE_ROOT", folder.path())
            .env("MYSAY_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        let server = Server {
            process,
            base: format!("http://127.0.0.1:{port}"),
        };
        let client = reqwest::Client::new();
        let started = Instant::now();
        loop {
            let ready = client
                .get(format!("{}/readyz", server.base))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success());
            if ready {
                return Ok(server);
            }
            anyhow::ensure!(
                started.elapsed() < Duration::from_secs(60),
                "the server did not become ready"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn kill(&mut self) -> anyhow::Result<()> {
        self.process.kill()?;
        self.process.wait()?;
        Ok(())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

fn notice(n: usize) -> Email {
    Email {
        to: format!("person{n}@example.org"),
        subject: format!("You have something new in MySay (number {n})"),
        body: "Sign in to MySay to see it.\n".to_owned(),
    }
}

/// How many times each email (by its number) reached the sink, and each
/// message's `Message-ID` by number.
fn delivered(sink: &SmtpSink) -> (HashMap<usize, usize>, HashMap<usize, Vec<String>>) {
    let mut times = HashMap::new();
    let mut ids: HashMap<usize, Vec<String>> = HashMap::new();
    for message in sink.messages() {
        let number = message
            .split("(number ")
            .nth(1)
            .and_then(|rest| rest.split(')').next())
            .and_then(|n| n.parse::<usize>().ok());
        let id = message
            .lines()
            .find(|l| l.to_ascii_lowercase().starts_with("message-id:"))
            .map(str::to_owned)
            .unwrap_or_default();
        if let Some(number) = number {
            *times.entry(number).or_insert(0) += 1;
            ids.entry(number).or_default().push(id);
        }
    }
    (times, ids)
}

async fn wait_for(what: &str, mut done: impl FnMut() -> bool) -> anyhow::Result<()> {
    let started = Instant::now();
    while !done() {
        anyhow::ensure!(
            started.elapsed() < Duration::from_secs(90),
            "timed out waiting: {what}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_share_sessions_limits_and_the_outbox() -> anyhow::Result<()> {
    let Some(test) = TestDb::postgres().await? else {
        return Ok(());
    };
    server::demo::load_if_empty(&test.db).await?;
    let sink = SmtpSink::start(0).await?;
    let mut a = Server::start(&test, &sink.url(), "6").await?;
    let b = Server::start(&test, &sink.url(), "6").await?;

    // A child signs in on one server and carries on on the other.
    let child = browser()?;
    let signed_in = child
        .post(a.url("/sign-in"))
        .form(&[
            ("sign_in_name", "skyblue-fox"),
            ("passphrase", server::demo::DEMO_PASSPHRASE),
        ])
        .send()
        .await?;
    assert_eq!(signed_in.status(), reqwest::StatusCode::SEE_OTHER);
    let home = child.get(b.url("/home")).send().await?;
    assert_eq!(home.status(), reqwest::StatusCode::OK);
    let home = crate::support::plain(&home.text().await?);
    assert!(home.contains("Jade"), "the other server knows her: {home}");
    // Signing out on the second ends the session on the first too.
    let out = child.post(b.url("/sign-out")).send().await?;
    assert!(out.status().is_redirection());
    let after = child.get(a.url("/home")).send().await?;
    let after = crate::support::plain(&after.text().await?);
    assert!(!after.contains("Jade"), "signed out everywhere: {after}");

    // The limit per address counts attempts on both servers together: 6
    // in all (the sign-in above was one), then both say "too many".
    let guesser = browser()?;
    let guess = |server: &Server| {
        guesser
            .post(server.url("/sign-in"))
            .form(&[
                ("sign_in_name", "nobody-here"),
                ("passphrase", "wrong wrong wrong"),
            ])
            .send()
    };
    for n in 0..5 {
        let response = guess(if n % 2 == 0 { &a } else { &b }).await?;
        assert_eq!(response.status(), reqwest::StatusCode::OK, "attempt {n}");
    }
    for server in [&a, &b] {
        let response = guess(server).await?;
        assert_eq!(response.status(), reqwest::StatusCode::TOO_MANY_REQUESTS);
    }

    // 100 emails with both servers sending: each arrives exactly once.
    for n in 0..100 {
        enqueue(test.db.pool(), &notice(n)).await?;
    }
    wait_for("the first 100 emails", || delivered(&sink).0.len() == 100).await?;
    tokio::time::sleep(Duration::from_secs(4)).await;
    let (times, _) = delivered(&sink);
    assert!(times.values().all(|t| *t == 1), "each once: {times:?}");
    assert_eq!(sink.messages().len(), 100);

    // 100 more, sent slowly, and one server killed half-way: the other
    // sends the rest, including what the dead one had claimed.
    if let Ok(mut pause) = sink.pause.lock() {
        *pause = Duration::from_millis(40);
    }
    for n in 100..200 {
        enqueue(test.db.pool(), &notice(n)).await?;
    }
    wait_for("some of the second 100", || sink.messages().len() >= 130).await?;
    a.kill()?;
    wait_for("all 200 emails", || delivered(&sink).0.len() == 200).await?;
    // Time for any claim of the dead server to lapse and be sent again.
    tokio::time::sleep(Duration::from_secs(8)).await;
    let (times, ids) = delivered(&sink);
    assert_eq!(times.len(), 200, "every email arrived");
    // At least once: the only email that may arrive twice is the one in
    // flight when the server died (sent, not yet marked sent), and then
    // as the same message (one Message-ID) a mail system can recognise.
    let twice: Vec<_> = times.iter().filter(|(_, t)| **t > 1).collect();
    assert!(
        twice.len() <= 1 && twice.iter().all(|(_, t)| **t == 2),
        "{twice:?}"
    );
    for (number, _) in twice {
        let seen = ids.get(number).cloned().unwrap_or_default();
        assert!(seen.windows(2).all(|w| w[0] == w[1]), "{seen:?}");
    }
    let unsent: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL")
        .fetch_one(test.db.pool())
        .await?;
    assert_eq!(unsent, 0);
    // The server left standing is still ready.
    let ready = reqwest::get(b.url("/readyz")).await?;
    assert_eq!(ready.status(), reqwest::StatusCode::OK);
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scheduled_jobs_take_turns() -> anyhow::Result<()> {
    let Some(test) = TestDb::postgres().await? else {
        return Ok(());
    };
    use server::storage::turns::take;
    assert!(take(&test.db, "purge", "server-a", 60_000).await?);
    assert!(
        !take(&test.db, "purge", "server-b", 60_000).await?,
        "one at a time"
    );
    assert!(
        take(&test.db, "purge", "server-a", 60_000).await?,
        "the holder keeps it"
    );
    assert!(
        take(&test.db, "other-job", "server-b", 60_000).await?,
        "jobs are separate"
    );
    // A turn lapses on its own (a server that died holds it no longer).
    assert!(take(&test.db, "short", "server-a", 1).await?);
    tokio::time::sleep(Duration::from_millis(20)).await;
    assert!(take(&test.db, "short", "server-b", 60_000).await?);
    // Many servers racing for a free turn: exactly one gets it.
    let mut racers = Vec::new();
    for n in 0..8 {
        let db = test.db.clone();
        racers.push(tokio::spawn(async move {
            take(&db, "race", &format!("server-{n}"), 60_000).await
        }));
    }
    let mut winners = 0;
    for racer in racers {
        if racer.await?? {
            winners += 1;
        }
    }
    assert_eq!(winners, 1);
    Ok(())
}
