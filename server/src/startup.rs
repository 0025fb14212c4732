//! Start-up: connect and migrate the database, build the router, bind the
//! listener. Binding to port 0 picks a free port, which tests rely on.

use std::{net::SocketAddr, sync::Arc};

use anyhow::Context;
use leptos::config::LeptosOptions;
use tokio::net::TcpListener;

use crate::{
    accounts::{
        service::AccountsService,
        sessions,
        sign_in::{AddressLimiter, SignInPolicy},
    },
    config::Config,
    email::{Mailer, OutboxWorker},
    http::{AppState, assets::BuiltAssets, router},
    storage::{Db, turns::server_mark},
};

/// A bound, ready-to-serve MySay.
pub struct Application {
    listener: TcpListener,
    router: axum::Router,
    db: Db,
    outbox: OutboxWorker,
    limiter: Arc<AddressLimiter>,
    /// The configuration's details, and the ones in force.
    site: (app::site::SiteInfo, crate::storage::settings::SharedSite),
    /// Whether this process sends the outbox's emails.
    sends_mail: bool,
}

impl Application {
    /// Connects to and migrates the database, then binds the listener.
    pub async fn build(config: Config) -> anyhow::Result<Application> {
        let db = Db::connect(config.database_url()).await?;
        db.migrate().await?;
        Application::build_with_db(config, db).await
    }

    pub async fn build_with_db(config: Config, db: Db) -> anyhow::Result<Application> {
        // Views sent before the figures' kept counts were (a new release on
        // an old database): counted once, here.
        crate::consultations::store::keep_counts(db.pool(), None).await?;
        let listener = TcpListener::bind((config.host, config.port))
            .await
            .with_context(|| format!("cannot listen on {}:{}", config.host, config.port))?;
        let address = listener.local_addr()?;
        let mut outbox =
            OutboxWorker::new(db.clone(), Mailer::from_config(&config)?, &config.smtp_from)?;
        outbox.lease = config.outbox_lease;
        crate::http::metrics::install();
        let built = BuiltAssets::read(&config.site_root);
        let site_root = config.site_root.to_string_lossy().into_owned();
        let leptos_options = LeptosOptions::builder()
            .output_name("mysay")
            .site_root(site_root.as_str())
            .site_pkg_dir("pkg")
            .site_addr(address)
            .build();
        let limiter = Arc::new(AddressLimiter::new(
            db.clone(),
            config.secret_key(),
            config.sign_in_attempts_per_address,
            std::time::Duration::from_secs(15 * 60),
        ));
        let first_site = config.site.clone();
        let site: crate::storage::settings::SharedSite = Arc::new(std::sync::RwLock::new(
            crate::storage::settings::site_details(&db, &first_site).await?,
        ));
        let keys = config.secret_keys();
        let state = AppState(Arc::new(crate::http::Services {
            leptos_options,
            db: db.clone(),
            assets: built.for_pages(),
            config: Arc::new(config),
            accounts: Arc::new(AccountsService { db: db.clone() }),
            home: Arc::new(crate::home::HomeService {
                db: db.clone(),
                keys: keys.clone(),
            }),
            child_page: Arc::new(crate::child_page::ChildPageService { db: db.clone() }),
            summary_page: Arc::new(crate::summary_page::SummaryPageService { db: db.clone() }),
            annual_pack: Arc::new(crate::annual_pack::AnnualPackService { db: db.clone() }),
            reviews: Arc::new(crate::reviews::ReviewsService { db: db.clone() }),
            consultations: Arc::new(crate::consultations::ConsultationsService { db: db.clone() }),
            letters: Arc::new(crate::letters::LettersService { db: db.clone() }),
            themes: Arc::new(crate::themes::ThemesService { db: db.clone() }),
            figures: Arc::new(crate::figures::FiguresService { db: db.clone() }),
            settings: Arc::new(crate::settings::SettingsService {
                db: db.clone(),
                first_site: first_site.clone(),
            }),
            speakerbox: Arc::new(crate::speakerbox::SpeakerboxService {
                db: db.clone(),
                keys,
            }),
            escalations: Arc::new(crate::escalations::EscalationsService { db: db.clone() }),
            audit_log: Arc::new(crate::audit_log::AuditLogService { db: db.clone() }),
            advocacy: Arc::new(crate::advocacy::AdvocacyService {
                db: db.clone(),
                site: site.clone(),
            }),
            site: site.clone(),
            sign_in_policy: SignInPolicy::default(),
            limiter: limiter.clone(),
            outbox: outbox.waker(),
            outbox_heartbeat: outbox.heartbeat(),
            page_cache: crate::http::page_cache::PageCache::default(),
        }));
        if !built.has_wasm() {
            tracing::warn!("no front-end build found: pages are served without their script");
        }
        Ok(Application {
            listener,
            router: router(state),
            db,
            outbox,
            limiter,
            site: (first_site, site),
            sends_mail: true,
        })
    }

    pub fn address(&self) -> anyhow::Result<SocketAddr> {
        Ok(self.listener.local_addr()?)
    }

    pub fn port(&self) -> anyhow::Result<u16> {
        Ok(self.address()?.port())
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    /// Serves without sending email: what is queued stays in the outbox
    /// until a server that sends comes along (tests read what was queued).
    pub fn holding_mail(mut self) -> Application {
        self.sends_mail = false;
        self
    }

    /// Serves until the process is asked to stop (Ctrl-C or SIGTERM).
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        let sender = self.outbox.clone();
        let sends_mail = self.sends_mail;
        let outbox = tokio::spawn(async move {
            if sends_mail {
                sender.run().await;
            }
        });
        let purge_db = self.db.clone();
        let purge_outbox = self.outbox.clone();
        let limiter = self.limiter.clone();
        let purger = tokio::spawn(async move {
            let every = std::time::Duration::from_secs(10 * 60);
            let mut ticks = tokio::time::interval(every);
            loop {
                ticks.tick().await;
                // With several servers, one purges each time: the turn
                // lasts a little less than the wait, so the next tick
                // (on whichever server comes first) takes it afresh.
                let turn_ms = i64::try_from(every.as_millis()).unwrap_or(i64::MAX) - 30_000;
                match crate::storage::turns::take(&purge_db, "purge", server_mark(), turn_ms).await
                {
                    Ok(true) => purge(&purge_db, &purge_outbox, &limiter).await,
                    Ok(false) => {}
                    Err(error) => tracing::warn!(error = %error, "could not take the purge turn"),
                }
            }
        });
        // A change of the service's details on another server reaches
        // this one within seconds.
        let (first_site, site) = self.site.clone();
        let site_db = self.db.clone();
        let refresher = tokio::spawn(async move {
            let mut ticks = tokio::time::interval(std::time::Duration::from_secs(5));
            loop {
                ticks.tick().await;
                if let Err(error) =
                    crate::storage::settings::refresh_site(&site_db, &first_site, &site).await
                {
                    tracing::warn!(error = %error, "could not read the service's details");
                }
            }
        });
        let served = serve(self.listener, self.router, shutdown_signal()).await;
        purger.abort();
        refresher.abort();
        outbox.abort();
        served.context("the web server stopped with an error")?;
        self.db.close().await;
        Ok(())
    }
}

/// The regular clear-out of what is no longer needed.
async fn purge(db: &Db, outbox: &OutboxWorker, limiter: &AddressLimiter) {
    match sessions::purge_expired(db).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(sessions = n, "purged expired sessions"),
        Err(error) => tracing::warn!(error = %error, "could not purge sessions"),
    }
    match crate::accounts::sign_in::purge_old_failures(db).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(failures = n, "purged old sign-in failures"),
        Err(error) => tracing::warn!(error = %error, "could not purge sign-in failures"),
    }
    match limiter.purge().await {
        Ok(0) => {}
        Ok(n) => tracing::info!(attempts = n, "purged old attempts by address"),
        Err(error) => tracing::warn!(error = %error, "could not purge attempts by address"),
    }
    match outbox.purge().await {
        Ok(0) => {}
        Ok(n) => tracing::info!(emails = n, "purged sent emails"),
        Err(error) => tracing::warn!(error = %error, "could not purge sent emails"),
    }
}

/// How long a client may take to send a request's headers: a client that
/// trickles them (to hold connections open) is cut off.
pub const HEADER_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Serves connections until `shutdown`, then lets the requests under way
/// finish (for up to 10 seconds). Like `axum::serve`, but with a limit on
/// the time to send headers, which `axum::serve` does not set; body time,
/// whole-request time and body size are limited in the router.
async fn serve(
    listener: TcpListener,
    router: axum::Router,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    use hyper_util::{
        rt::{TokioIo, TokioTimer},
        server::graceful::GracefulShutdown,
        service::TowerToHyperService,
    };
    let graceful = GracefulShutdown::new();
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT);
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (stream, peer) = match accepted {
                    Ok(accepted) => accepted,
                    Err(error) => {
                        // Out of file descriptors and the like: wait, go on.
                        tracing::warn!(error = %error, "could not accept a connection");
                        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                        continue;
                    }
                };
                let service = TowerToHyperService::new(
                    router.clone().layer(axum::Extension(axum::extract::ConnectInfo(peer))),
                );
                let connection = builder.serve_connection(TokioIo::new(stream), service);
                let watched = graceful.watch(connection);
                tokio::spawn(async move {
                    // A connection that ends badly (a client gone, a
                    // header timeout) is that client's business.
                    let _ = watched.await;
                });
            }
            () = &mut shutdown => break,
        }
    }
    drop(listener);
    let _ = tokio::time::timeout(std::time::Duration::from_secs(10), graceful.shutdown()).await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
