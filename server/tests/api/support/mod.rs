//! Test harness: a fresh database per test (a new SQLite file, or a new
//! PostgreSQL database that is dropped afterwards) and MySay served on a
//! free port against it.
//!
//! PostgreSQL is found at `MYSAY_DEV_PG_ADMIN_URL` (default: the local server
//! as `postgres`). If it cannot be reached, PostgreSQL tests fail when
//! `CI=true` or `MYSAY_DEV_REQUIRE_POSTGRES=1` (the README's test command sets
//! it), and are otherwise skipped with a warning on standard error.

#![allow(dead_code, clippy::allow_attributes)]

mod front_end;
pub mod smtp;

pub use front_end::stand_in_front_end;

use std::path::PathBuf;

use anyhow::{Context, bail};
use secrecy::SecretString;
use server::{
    config::{Config, ConfigLayer},
    startup::Application,
    storage::{Backend, Db},
};

pub struct TestDb {
    pub db: Db,
    pub url: String,
    pub backend: Backend,
    _dir: Option<tempfile::TempDir>,
    pg_name: Option<String>,
}

fn pg_admin_url() -> String {
    std::env::var("MYSAY_DEV_PG_ADMIN_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

fn postgres_required() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
        || std::env::var("MYSAY_DEV_REQUIRE_POSTGRES").is_ok_and(|v| v == "1")
}

fn with_database(admin_url: &str, name: &str) -> anyhow::Result<String> {
    let mut url = url::Url::parse(admin_url)?;
    url.set_path(&format!("/{name}"));
    Ok(url.to_string())
}

impl TestDb {
    /// A new, migrated SQLite database in its own temporary folder.
    pub async fn sqlite() -> anyhow::Result<TestDb> {
        let dir = tempfile::tempdir()?;
        let url = format!("sqlite://{}", dir.path().join("mysay.db").display());
        let db = Db::connect(&url).await?;
        db.migrate().await?;
        Ok(TestDb {
            db,
            url,
            backend: Backend::Sqlite,
            _dir: Some(dir),
            pg_name: None,
        })
    }

    /// A new, migrated PostgreSQL database, or `None` when PostgreSQL is not
    /// running and not required.
    pub async fn postgres() -> anyhow::Result<Option<TestDb>> {
        sqlx::any::install_default_drivers();
        let admin_url = pg_admin_url();
        let admin = match sqlx::AnyPool::connect(&admin_url).await {
            Ok(pool) => pool,
            Err(error) if !postgres_required() => {
                eprintln!(
                    "WARNING: PostgreSQL not reachable ({error}); skipping its half of this test"
                );
                return Ok(None);
            }
            Err(error) => bail!("PostgreSQL is required but not reachable at {admin_url}: {error}"),
        };
        let name = format!("mysay_test_{}", hex(rand::random::<[u8; 8]>()));
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&admin)
            .await
            .context("creating the test database")?;
        admin.close().await;
        let url = with_database(&admin_url, &name)?;
        let db = Db::connect(&url).await?;
        db.migrate().await?;
        Ok(Some(TestDb {
            db,
            url,
            backend: Backend::Postgres,
            _dir: None,
            pg_name: Some(name),
        }))
    }

    /// Serves MySay on a free port against this database.
    pub async fn spawn_app(&self) -> anyhow::Result<TestApp> {
        self.spawn_app_with(ConfigLayer::default()).await
    }

    /// Serves MySay as if the front end had been built: a `hash.txt` and
    /// stand-in files, so pages carry their stylesheet and script.
    pub async fn spawn_app_with_front_end(&self) -> anyhow::Result<TestApp> {
        self.spawn_app_with(ConfigLayer::default()).await
    }
}

impl TestDb {
    /// Every test app serves pages exactly as production does: with a
    /// built front end (stand-in files with hashed names), so each page
    /// carries its stylesheet and script as shipped.
    pub async fn spawn_app_with(&self, layer: ConfigLayer) -> anyhow::Result<TestApp> {
        let site_root = stand_in_front_end()?;
        self.spawn_app_in(layer, site_root, true).await
    }

    /// Serves MySay without sending email, so a test can read what was
    /// queued before it is sent (a sent email's body is not kept).
    pub async fn spawn_app_holding_mail(&self) -> anyhow::Result<TestApp> {
        let site_root = stand_in_front_end()?;
        self.spawn_app_in(ConfigLayer::default(), site_root, false)
            .await
    }

    async fn spawn_app_in(
        &self,
        layer: ConfigLayer,
        site_root: tempfile::TempDir,
        sends_mail: bool,
    ) -> anyhow::Result<TestApp> {
        let config = Config::from_layer(
            ConfigLayer {
                database_url: Some(self.url.clone()),
                port: Some(0),
                site_root: Some(site_root.path().to_path_buf()),
                // Never the source tree: the test's own folder.
                mail_folder: Some(site_root.path().join("outbox")),
                ..ConfigLayer::default()
            }
            .merge(layer),
        )?;
        let keys = config.secret_keys();
        let mut app = Application::build_with_db(config, self.db.clone()).await?;
        if !sends_mail {
            app = app.holding_mail();
        }
        let address = format!("http://{}", app.address()?);
        tokio::spawn(app.run_until_stopped());
        let client = browser()?;
        Ok(TestApp {
            address,
            client,
            keys,
            _site_root: site_root,
        })
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some(name) = self.pg_name.take() else {
            return;
        };
        // Drop cannot await: clean up on a thread with its own runtime. The
        // pool is not closed from here (its tasks belong to the test's
        // runtime, which this thread blocks); FORCE ends its connections.
        let _ = std::thread::spawn(move || {
            let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            // Bounded: a clean-up that cannot finish must not hang the run.
            runtime.block_on(async move {
                let _ = tokio::time::timeout(std::time::Duration::from_secs(15), async {
                    if let Ok(admin) = sqlx::AnyPool::connect(&pg_admin_url()).await {
                        let _ =
                            sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                                .execute(&admin)
                                .await;
                        admin.close().await;
                    }
                })
                .await;
            });
        })
        .join();
    }
}

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    /// The server's secret keys (current first), to open what it seals.
    pub keys: Vec<Vec<u8>>,
    _site_root: tempfile::TempDir,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn get(&self, path: &str) -> anyhow::Result<reqwest::Response> {
        Ok(self.client.get(self.url(path)).send().await?)
    }

    pub async fn get_text(&self, path: &str) -> anyhow::Result<String> {
        Ok(self.get(path).await?.text().await?)
    }
}

/// Signs a member of staff in on `client`, through their second step: the
/// first time it sets up the authenticator from the key the page shows,
/// after that it enters the current code. Returns the recovery codes when
/// it set up.
pub async fn sign_in_staff(
    test: &TestDb,
    app: &TestApp,
    client: &reqwest::Client,
    name: &str,
    passphrase: &str,
) -> anyhow::Result<Vec<String>> {
    use server::accounts::second_factor::{code_for_step, step_at};
    let response = client
        .post(app.url("/sign-in"))
        .form(&[("sign_in_name", name), ("passphrase", passphrase)])
        .send()
        .await?;
    anyhow::ensure!(
        response
            .headers()
            .get("location")
            .is_some_and(|l| l == "/sign-in/second-step"),
        "{name}: no second step ({})",
        response.status()
    );
    let page = client
        .get(app.url("/sign-in/second-step"))
        .send()
        .await?
        .text()
        .await?;
    let (sealed, last_step): (String, Option<i64>) = sqlx::query_as(
        "SELECT f.secret, f.last_step FROM second_factors f JOIN accounts a ON a.id = f.account_id \
         WHERE a.sign_in_name = $1",
    )
    .bind(name)
    .fetch_one(test.db.pool())
    .await?;
    anyhow::ensure!(sealed.starts_with("v1:"), "the secret is stored sealed");
    let (secret, _) = server::accounts::second_factor::open(&app.keys, &sealed)
        .ok_or_else(|| anyhow::anyhow!("the stored secret does not open with the server's key"))?;
    if page.contains("Set up your authenticator app") {
        let shown: String = page
            .split(r#"class="key""#)
            .nth(1)
            .and_then(|rest| rest.split("<code>").nth(1))
            .and_then(|rest| rest.split("</code>").next())
            .unwrap_or_default()
            .replace(' ', "");
        anyhow::ensure!(shown == secret, "the page shows the stored key");
    }
    let key = data_encoding::BASE32_NOPAD.decode(secret.as_bytes())?;
    let now = step_at(server::storage::now_millis() / 1000);
    let step = last_step.map_or(now, |last| now.max(last + 1));
    let code = format!("{:06}", code_for_step(&key, step).unwrap_or_default());
    let response = client
        .post(app.url("/sign-in/second-step"))
        .form(&[("code", code.as_str())])
        .send()
        .await?;
    let status = response.status();
    let html = response.text().await?;
    anyhow::ensure!(
        !html.contains("error-summary"),
        "{name}: the code was refused"
    );
    let codes = html
        .split("<li><code>")
        .skip(1)
        .filter_map(|rest| rest.split("</code>").next())
        .map(str::to_owned)
        .collect();
    anyhow::ensure!(status.is_success() || status.is_redirection());
    Ok(codes)
}

/// A browser signed in as a child, with the demo passphrase.
pub async fn child_client(app: &TestApp, name: &str) -> anyhow::Result<reqwest::Client> {
    let client = browser()?;
    let response = client
        .post(app.url("/sign-in"))
        .form(&[
            ("sign_in_name", name),
            ("passphrase", server::demo::DEMO_PASSPHRASE),
        ])
        .send()
        .await?;
    anyhow::ensure!(
        response.status() == reqwest::StatusCode::SEE_OTHER,
        "{name} signs in"
    );
    Ok(client)
}

/// A browser signed in as a member of staff (both steps), with the demo
/// passphrase.
pub async fn staff_client(
    test: &TestDb,
    app: &TestApp,
    name: &str,
) -> anyhow::Result<reqwest::Client> {
    let client = browser()?;
    sign_in_staff(test, app, &client, name, server::demo::DEMO_PASSPHRASE).await?;
    Ok(client)
}

/// A client like a browser: keeps cookies, does not follow redirects (so
/// tests can see where they point).
pub fn browser() -> anyhow::Result<reqwest::Client> {
    Ok(without_cookie_jar()
        .cookie_store(true)
        // A page that never answers fails the test with its address
        // instead of hanging the whole run.
        .timeout(std::time::Duration::from_secs(60))
        .build()?)
}

/// A page's text as `client` sees it, without Fluent's invisible marks.
pub async fn page_as(
    client: &reqwest::Client,
    app: &TestApp,
    path: &str,
) -> anyhow::Result<String> {
    Ok(plain(
        &client.get(app.url(path)).send().await?.text().await?,
    ))
}

/// A form posted as `client`.
pub async fn post_as(
    client: &reqwest::Client,
    app: &TestApp,
    path: &str,
    form: &[(&str, &str)],
) -> anyhow::Result<reqwest::Response> {
    Ok(client.post(app.url(path)).form(form).send().await?)
}

/// Where a redirect goes ("" when it is not one).
pub fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|l| l.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// A page's text without the invisible marks Fluent puts around inserted
/// values (they keep names the right way round in right-to-left pages).
pub fn plain(html: &str) -> String {
    html.replace(['\u{2068}', '\u{2069}'], "")
}

fn hex(bytes: [u8; 8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn secret(text: &str) -> SecretString {
    SecretString::from(text.to_owned())
}

/// The built `mysay` binary, for tests of the command line.
pub fn mysay_binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_mysay"))
}

/// Defines each test twice, once per database, as `sqlite::name` and
/// `postgres::name`, so the test output says which engine ran.
#[macro_export]
macro_rules! on_both_databases {
    ($(async fn $name:ident($db:ident) $body:block)*) => {
        mod sqlite {
            use super::*;
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() -> anyhow::Result<()> {
                    let $db = $crate::support::TestDb::sqlite().await?;
                    $body
                }
            )*
        }
        mod postgres {
            use super::*;
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() -> anyhow::Result<()> {
                    let Some($db) = $crate::support::TestDb::postgres().await? else {
                        return Ok(());
                    };
                    $body
                }
            )*
        }
    };
}

/// A client like a browser that keeps no cookies of its own (tests that
/// send a session cookie by hand), without following redirects. Like a
/// browser, it says its requests come from one of our own pages; a test of
/// another site's request sets its own `Sec-Fetch-Site`.
pub fn without_cookie_jar() -> reqwest::ClientBuilder {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        "sec-fetch-site",
        reqwest::header::HeaderValue::from_static("same-origin"),
    );
    reqwest::Client::builder()
        .default_headers(headers)
        .redirect(reqwest::redirect::Policy::none())
}

/// A client that says nothing of where its requests come from (no
/// `Origin`, no `Sec-Fetch-Site`), like a very old browser or a script.
pub fn plain_client() -> anyhow::Result<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?)
}
