//! The themes benchmark: a command, not a test (`scripts/bench-themes`).
//!
//! On SQLite and on PostgreSQL in turn it makes a county (the demo's named
//! service and, from the demo's own generator, 10,000 children, 70 IROs
//! and 100,000 sent consultations over five years), serves MySay on it
//! as production does, and prints the server's time for 20 requests of
//! each page (p50 and p95, after three to warm up): the themes page for
//! this financial year without and with a breakdown, an IRO's home page
//! with "What children on my caseload are saying", the whole-page
//! workbook, and the annual report figures (the page, the pack's page to
//! print and its workbook). Requests go over loopback, so the time is the
//! server's. Then the themes page's figures, the caseload panel's and the
//! annual figures' counts, read in this process without the page around
//! them.
//!
//!   scripts/bench-themes [sqlite|postgres] [--keep]
//!
//! With `--keep` the county is kept (SQLite in the target folder's
//! `bench-county.db`, PostgreSQL in the database `mysay_bench_county`) and
//! a later run with `--keep` times it again without making it afresh, so a
//! change to the queries is measured in a minute (and the data can be read
//! with `sqlite3` or `psql`). Delete them to make the county afresh.

use std::time::{Duration, Instant};

#[path = "../tests/api/support/front_end.rs"]
mod front_end;

use anyhow::{Context, bail};
use server::{
    config::{Config, ConfigLayer},
    demo::generated,
    startup::Application,
    storage::Db,
};

const TIMED: usize = 20;
const WARM_UP: usize = 3;

/// What is timed: a name, who asks (the manager, or the IRO), the
/// address, and words the page must have (so an error page is not timed
/// as one).
const PAGES: [(&str, bool, &str, &str); 7] = [
    (
        "themes page, this year",
        false,
        "/themes",
        "Children who sent their views",
    ),
    (
        "themes page, by age band",
        false,
        "/themes?by=age",
        "Children who sent their views",
    ),
    (
        "IRO's home with the caseload panel",
        true,
        "/home",
        "What children on my caseload are saying",
    ),
    ("themes workbook (XLSX)", false, "/themes/workbook", "PK"),
    (
        "annual figures page, last year",
        false,
        "/figures",
        "Looked after at 31 March",
    ),
    (
        "annual pack, the page to print",
        false,
        "/figures/print",
        "What children told us",
    ),
    ("annual pack (XLSX)", false, "/figures/pack.xlsx", "PK"),
];

fn pg_admin_url() -> String {
    std::env::var("MYSAY_DEV_PG_ADMIN_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// p50 and p95 of the times, by nearest rank.
fn percentiles(mut times: Vec<Duration>) -> (f64, f64) {
    times.sort();
    let rank = |p: usize| {
        let i = (p * times.len()).div_ceil(100).max(1) - 1;
        times.get(i).copied().map(millis).unwrap_or(0.0)
    };
    (rank(50), rank(95))
}

async fn account(db: &Db, sign_in: &str) -> anyhow::Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT id FROM accounts WHERE sign_in_name = $1")
            .bind(sign_in)
            .fetch_one(db.pool())
            .await?,
    )
}

async fn bench(engine: &str, url: &str, site: &std::path::Path) -> anyhow::Result<()> {
    let db = Db::connect(url).await?;
    db.migrate().await?;
    if server::demo::load_if_empty(&db).await? {
        let started = Instant::now();
        let made = generated::generate(&db, generated::COUNTY, server::calendar::today()).await?;
        let loaded = started.elapsed();
        println!(
            "{engine}: made {} children, {} IROs (and Amina and Ben), {} consultations, {} answers in {:.1} s",
            made.children,
            made.iros.len(),
            made.consultations,
            made.answers,
            loaded.as_secs_f64()
        );
    } else {
        let consultations: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM consultations WHERE submitted_at IS NOT NULL")
                .fetch_one(db.pool())
                .await?;
        println!("{engine}: the kept county, {consultations} consultations sent");
    }
    if engine == "postgres" {
        // As autovacuum would have by the time a county had this much.
        sqlx::query("ANALYZE").execute(db.pool()).await?;
    }
    let amina = account(&db, "amina.hussain@example.org").await?;
    let caseload: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM iro_allocations WHERE iro_account_id = $1 AND ended_at IS NULL",
    )
    .bind(amina)
    .fetch_one(db.pool())
    .await?;

    let config = Config::from_layer(ConfigLayer {
        database_url: Some(url.to_owned()),
        port: Some(0),
        site_root: Some(site.to_path_buf()),
        mail_folder: Some(site.join("outbox")),
        ..ConfigLayer::default()
    })?;
    let cookie = server::http::auth::session_cookie_name(&config);
    let app = Application::build_with_db(config, db.clone())
        .await?
        .holding_mail();
    let address = format!("http://{}", app.address()?);
    tokio::spawn(app.run_until_stopped());

    let manager =
        server::accounts::sessions::start(&db, account(&db, "morgan.price@example.org").await?)
            .await?;
    let iro = server::accounts::sessions::start(&db, amina).await?;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    println!("{engine}: Amina's caseload is {caseload} children");
    println!(
        "{:<10} {:<38} {:>8} {:>8}",
        "engine", "request", "p50 ms", "p95 ms"
    );
    for (name, as_iro, path, must_have) in PAGES {
        let token = if as_iro { &iro.0 } else { &manager.0 };
        let mut times = Vec::new();
        for i in 0..WARM_UP + TIMED {
            let began = Instant::now();
            let response = client
                .get(format!("{address}{path}"))
                .header("cookie", format!("{cookie}={token}"))
                .send()
                .await?;
            let status = response.status();
            let body = response.bytes().await?;
            let took = began.elapsed();
            if !status.is_success()
                || !body
                    .windows(must_have.len())
                    .any(|w| w == must_have.as_bytes())
            {
                bail!("{path} gave {status} without {must_have:?}");
            }
            if i >= WARM_UP {
                times.push(took);
            }
        }
        let (p50, p95) = percentiles(times);
        println!("{engine:<10} {name:<38} {p50:>8.1} {p95:>8.1}");
    }
    // The same pages' figures alone, read in this process without the
    // page around them: what the queries cost, and so what rendering and
    // the rest of the page cost.
    let rule = server::storage::settings::disclosure_rule(&db).await?;
    let today = server::calendar::today();
    let last_year = server::calendar::financial_year_of(today) - 1;
    let mut times = (Vec::new(), Vec::new(), Vec::new());
    let mut parts = (Vec::new(), Vec::new());
    for i in 0..WARM_UP + TIMED {
        let began = Instant::now();
        server::themes::figures::figures(&db, app::themes::FiguresAsked::default(), rule, today)
            .await?;
        let figures = began.elapsed();
        let began = Instant::now();
        server::themes::saying::saying(&db, amina, rule, today).await?;
        let panel = began.elapsed();
        let began = Instant::now();
        server::figures::counts(&db, last_year, today).await?;
        let annual = began.elapsed();
        // The annual counts' reads one by one, to see which one costs.
        let began = Instant::now();
        server::figures::store::children(&db).await?;
        let children = began.elapsed();
        let began = Instant::now();
        server::figures::store::activity(&db).await?;
        let recorded = began.elapsed();
        if i >= WARM_UP {
            times.0.push(figures);
            times.1.push(panel);
            times.2.push(annual);
            parts.0.push(children);
            parts.1.push(recorded);
        }
    }
    for (name, times) in [
        ("themes page's figures alone", times.0),
        ("caseload panel's figures alone", times.1),
        ("annual figures' counts alone", times.2),
        ("  of which: children, reviews read", parts.0),
        ("  of which: the rest read", parts.1),
    ] {
        let (p50, p95) = percentiles(times);
        println!("{engine:<10} {name:<38} {p50:>8.1} {p95:>8.1}");
    }
    db.pool().close().await;
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    sqlx::any::install_default_drivers();
    let wanted: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a == "sqlite" || a == "postgres")
        .collect();
    let keep = std::env::args().any(|a| a == "--keep");
    let wants = |engine: &str| wanted.is_empty() || wanted.iter().any(|w| w == engine);
    let site = front_end::stand_in_front_end()?;
    if wants("sqlite") {
        let dir = tempfile::tempdir()?;
        let file = if keep {
            let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".to_owned());
            std::path::Path::new(&target).join("bench-county.db")
        } else {
            dir.path().join("bench.db")
        };
        let url = format!("sqlite://{}", file.display());
        bench("sqlite", &url, site.path()).await?;
    }
    if wants("postgres") {
        let admin_url = pg_admin_url();
        let admin = sqlx::AnyPool::connect(&admin_url)
            .await
            .with_context(|| format!("PostgreSQL at {admin_url}"))?;
        let name = if keep {
            "mysay_bench_county".to_owned()
        } else {
            format!("mysay_bench_{}", std::process::id())
        };
        let exists: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM pg_database WHERE datname = $1")
            .bind(&name)
            .fetch_one(&admin)
            .await?;
        if exists == 0 {
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&admin)
                .await?;
        }
        let mut url = url::Url::parse(&admin_url)?;
        url.set_path(&format!("/{name}"));
        let outcome = bench("postgres", url.as_str(), site.path()).await;
        if !keep {
            sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(&admin)
                .await?;
        }
        outcome?;
    }
    Ok(())
}
