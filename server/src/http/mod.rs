//! The web server's routes and the protections every response gets.

pub mod advocacy;
pub mod assets;
pub mod audit_log;
pub mod auth;
pub mod consultations;
pub mod date_boxes;
pub mod escalations;
pub mod figures;
pub mod invitations;
pub mod letters;
pub mod manage;
pub mod metrics;
pub mod my_information;
pub mod page_cache;
pub mod return_to;
pub mod reviews;
pub mod second_factor;
pub mod security;
pub mod settings;
pub mod signed_in;
pub mod speakerbox;
pub mod themes;

use self::signed_in::Failure;
use std::sync::Arc;

use app::{
    accounts::AccountsApi,
    consultations::ConsultationsApi,
    i18n::Locale,
    reviews::ReviewsApi,
    shell::{Assets, LANGUAGE_COOKIE, SIMPLER_COOKIE, shell},
    site::SiteInfo,
};
use axum::{
    Router,
    extract::{FromRef, Path, Query, State},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
    routing::{MethodRouter, get, post},
};
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use serde::Deserialize;
use tower_http::{compression::CompressionLayer, trace::TraceLayer};

use crate::{
    accounts::sign_in::{AddressLimiter, SignInPolicy},
    config::Config,
    storage::Db,
};

/// The most a request's body may hold.
pub const BODY_LIMIT: usize = 256 * 1024;

/// What every handler can reach: one shared [`Services`], so each
/// request's copy (every middleware and handler takes one) is a single
/// reference count, not one for each service.
#[derive(Clone)]
pub struct AppState(pub Arc<Services>);

impl std::ops::Deref for AppState {
    type Target = Services;

    fn deref(&self) -> &Services {
        &self.0
    }
}

impl FromRef<AppState> for Db {
    fn from_ref(state: &AppState) -> Db {
        state.db.clone()
    }
}

impl FromRef<AppState> for Arc<Config> {
    fn from_ref(state: &AppState) -> Arc<Config> {
        state.config.clone()
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> LeptosOptions {
        state.leptos_options.clone()
    }
}

/// The services and settings behind [`AppState`].
pub struct Services {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub config: Arc<Config>,
    pub assets: Assets,
    pub accounts: Arc<dyn AccountsApi>,
    pub home: Arc<dyn app::home::HomeApi>,
    pub child_page: Arc<dyn app::child_page::ChildPageApi>,
    pub summary_page: Arc<dyn app::summary_page::SummaryPageApi>,
    pub annual_pack: Arc<dyn app::annual_pack::AnnualPackApi>,
    pub reviews: Arc<dyn ReviewsApi>,
    pub consultations: Arc<dyn ConsultationsApi>,
    pub advocacy: Arc<dyn app::advocacy::AdvocacyApi>,
    pub letters: Arc<dyn app::letters::LettersApi>,
    pub themes: Arc<dyn app::themes::ThemesApi>,
    pub figures: Arc<dyn app::figures::FiguresApi>,
    pub settings: Arc<dyn app::settings::SettingsApi>,
    pub speakerbox: Arc<dyn app::speakerbox::SpeakerboxApi>,
    pub escalations: Arc<dyn app::escalations::EscalationsApi>,
    pub audit_log: Arc<dyn app::audit_log::AuditLogApi>,
    pub sign_in_policy: SignInPolicy,
    pub limiter: Arc<AddressLimiter>,
    /// The service's details as a manager last saved them (the
    /// configuration's until then).
    pub site: crate::storage::settings::SharedSite,
    /// When the outbox worker last looked at the outbox (readiness).
    pub outbox_heartbeat: Arc<std::sync::atomic::AtomicI64>,
    /// Wakes the outbox worker after a change that queued an email.
    pub outbox: Arc<tokio::sync::Notify>,
    /// The pages kept rendered for visitors not signed in.
    pub page_cache: page_cache::PageCache,
}

impl AppState {
    /// The service's details in force now.
    pub fn site(&self) -> SiteInfo {
        crate::storage::settings::current_site(&self.site)
    }

    /// What every page's rendering gets in its context: the site's details,
    /// the built assets, and the services pages call.
    pub fn page_context(&self) -> impl Fn() + Clone + Send + Sync + 'static {
        // One reference to the state, so the closure (copied for each
        // request by the routes' middleware) is cheap to copy.
        let state = self.clone();
        move || {
            provide_context(app::accounts::ServeOldBrowsers(
                state.config.serve_old_browsers,
            ));
            provide_context(crate::storage::settings::current_site(&state.site));
            provide_context(state.assets.clone());
            provide_context(state.accounts.clone());
            provide_context(state.home.clone());
            provide_context(state.child_page.clone());
            provide_context(state.summary_page.clone());
            provide_context(state.annual_pack.clone());
            provide_context(state.reviews.clone());
            provide_context(state.consultations.clone());
            provide_context(state.advocacy.clone());
            provide_context(state.letters.clone());
            provide_context(state.themes.clone());
            provide_context(state.figures.clone());
            provide_context(state.settings.clone());
            provide_context(state.speakerbox.clone());
            provide_context(state.escalations.clone());
            provide_context(state.audit_log.clone());
        }
    }
}

/// A file to download, never kept by the browser's cache.
pub fn send_file(file: crate::download::Download) -> Response {
    let disposition = format!("attachment; filename=\"{}\"", file.file_name);
    let mut response = file.bytes.into_response();
    let set = response.headers_mut();
    set.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(file.content_type),
    );
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        set.insert(header::CONTENT_DISPOSITION, value);
    }
    set.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Renders the page at `path` as a GET would, with extra context (a form
/// shown again with its errors). The visitor's headers are kept, so the
/// language and session carry through.
pub async fn render_page(
    state: &AppState,
    path: &str,
    headers: &axum::http::HeaderMap,
    extra: impl Fn() + Clone + Send + Sync + 'static,
) -> Response {
    render_page_as(state, path, headers, None, extra).await
}

/// As [`render_page`], for a signed-in person (the page is rendered as
/// they would see it).
pub async fn render_page_as(
    state: &AppState,
    path: &str,
    headers: &axum::http::HeaderMap,
    user: Option<app::accounts::CurrentUser>,
    extra: impl Fn() + Clone + Send + Sync + 'static,
) -> Response {
    let base = state.page_context();
    let options = state.leptos_options.clone();
    // Rendered whole before sending: these pages must be complete without
    // JavaScript, so nothing may arrive later by streaming.
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            base();
            extra();
        },
        move || shell(options.clone()),
    );
    let mut request = axum::http::Request::new(axum::body::Body::empty());
    *request.uri_mut() = path.parse().unwrap_or_default();
    *request.headers_mut() = headers.clone();
    request
        .headers_mut()
        .remove(axum::http::header::CONTENT_TYPE);
    request
        .headers_mut()
        .remove(axum::http::header::CONTENT_LENGTH);
    if let Some(user) = user {
        request.extensions_mut().insert(user);
    }
    let slot = app::shell::NonceSlot::default();
    request.extensions_mut().insert(slot.clone());
    let mut response = handler(request).await.into_response();
    security::apply_page_policy(&slot, response.headers_mut());
    response
}

/// The pages' routes, worked out once per process. Leptos works them out
/// by rendering the app with a process-wide switch that makes every
/// resource started meanwhile wait forever; doing it again while another
/// router is already serving pages (as tests do, one server each) would
/// leave those pages hanging. Once, before anything serves, is safe.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(app::App)).clone()
}

/// The "not found" page, for a signed-in person asking for something that
/// is not theirs or not there (the two look the same).
pub async fn not_found(
    state: &AppState,
    headers: &axum::http::HeaderMap,
    user: app::accounts::CurrentUser,
) -> Response {
    render_page_as(state, app::paths::NOT_FOUND, headers, Some(user), || {}).await
}

pub use crate::outcome::Problems;

/// What became of a plain HTML form: done (on to a path), problems to
/// show on the form again with everything typed kept, or not found (not
/// this person's to act on, or not there: the two look the same).
pub enum Outcome {
    Done(String),
    Problems(Problems),
    NotFound,
}

impl Outcome {
    /// What an area's operation came to: done with `T` (and on to the
    /// path `to` makes of it), problems, or not found; a failure named by
    /// what was being done.
    pub fn of<T>(
        done: anyhow::Result<Option<Result<T, Problems>>>,
        doing: &'static str,
        to: impl FnOnce(T) -> String,
    ) -> Result<Outcome, Failure> {
        match done {
            Ok(Some(Ok(value))) => Ok(Outcome::Done(to(value))),
            Ok(Some(Err(problems))) => Ok(Outcome::Problems(problems)),
            Ok(None) => Ok(Outcome::NotFound),
            Err(cause) => Err(Failure::new(doing, cause)),
        }
    }
}

/// Where a child goes after words that suggest they may not be safe:
/// Help now, at once (what they wrote is kept); otherwise on to `to`.
pub fn help_or(help: bool, to: String) -> String {
    if help {
        app::paths::HELP_SAVED.to_owned()
    } else {
        to
    }
}

/// Answers a plain HTML form from its [`Outcome`]: on to the path (waking
/// the outbox, in case an email was queued), the form's page shown again
/// with its problems, "not found", or the [`Failure`] logged and told.
pub async fn after_form<F: Clone + Send + Sync + 'static>(
    state: &AppState,
    headers: &axum::http::HeaderMap,
    user: app::accounts::CurrentUser,
    outcome: Result<Outcome, Failure>,
    page: &str,
    form: F,
    with_errors: impl FnOnce(F, Problems) -> F,
) -> Response {
    match outcome {
        Ok(Outcome::Done(to)) => {
            state.outbox.notify_one();
            Redirect::to(&to).into_response()
        }
        Ok(Outcome::Problems(problems)) => {
            let shown = with_errors(form, problems);
            render_page_as(state, page, headers, Some(user), move || {
                provide_context(shown.clone())
            })
            .await
        }
        Ok(Outcome::NotFound) => not_found(state, headers, user).await,
        Err(failure) => failure.into_response(),
    }
}

/// Routes as (method, path, handler): each area's handlers give theirs.
pub type Routes = Vec<(&'static str, &'static str, MethodRouter<AppState>)>;

/// Every route besides the pages, one line each: (method, path, handler).
/// The router is built from this table, and the authorization test reads
/// it (with [`page_paths`]) to fail on any route without a row.
fn handlers() -> Routes {
    let mut handlers: Routes = vec![
        ("GET", "/healthz", get(healthz)),
        ("GET", "/readyz", get(readyz)),
        ("GET", "/metrics", get(metrics::serve)),
        ("GET", app::paths::LANGUAGE, get(choose_language)),
        ("POST", app::paths::SIMPLER, post(choose_simpler)),
        ("GET", app::paths::FAVICON, get(assets::favicon)),
    ];
    handlers.extend(auth::routes());
    handlers.extend(second_factor::routes());
    handlers.extend(invitations::routes());
    handlers.extend(manage::routes());
    handlers.extend(consultations::routes());
    handlers.extend(advocacy::routes());
    handlers.extend(letters::routes());
    handlers.extend(reviews::routes());
    handlers.extend(themes::routes());
    handlers.extend(figures::routes());
    handlers.extend(settings::routes());
    handlers.extend(speakerbox::routes());
    handlers.extend(escalations::routes());
    handlers.extend(audit_log::routes());
    handlers.extend(my_information::routes());
    handlers
}

/// The pages' paths (each answers GET), as the router knows them.
pub fn page_paths() -> Vec<String> {
    route_list().iter().map(|r| r.path().to_owned()).collect()
}

/// Every (method, path pattern) the server answers: the handlers, the
/// pages, the hashed assets under `/pkg`, and the "not found" page for
/// anything else. For the authorization test.
pub fn route_table() -> Vec<(String, String)> {
    let mut table: Vec<(String, String)> = handlers()
        .into_iter()
        .map(|(method, path, _)| (method.to_owned(), path.to_owned()))
        .collect();
    table.extend(
        page_paths()
            .into_iter()
            .map(|path| ("GET".to_owned(), path)),
    );
    table.push(("GET".to_owned(), format!("{}/{{file}}", assets::PKG)));
    table.push(("GET".to_owned(), "(anything else)".to_owned()));
    table
}

/// Builds the whole application's router.
pub fn router(state: AppState) -> Router {
    let routes = route_list();
    let context = state.page_context();
    // Behind an `Arc`: the routes' closures are copied for each request.
    let options = Arc::new(state.leptos_options.clone());
    let mut pages = Router::new();
    for (_, path, handler) in handlers() {
        pages = pages.route(path, handler);
    }
    let pages = pages
        .leptos_routes_with_context(&state, routes, context, move || {
            shell(LeptosOptions::clone(&options))
        })
        // Anything else is "not found": no file is served from anywhere
        // but the built front end's `/pkg` and the icon.
        .fallback(not_found_page)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            page_cache::serve,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::find_session,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.config.clone(),
            security::protect,
        ))
        // No form in MySay comes near 256 KB (the longest letter is a few
        // thousand characters); a slow or endless body is cut off, and no
        // request runs for more than 30 seconds.
        .layer(axum::extract::DefaultBodyLimit::max(BODY_LIMIT))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(tower_http::timeout::RequestBodyTimeoutLayer::new(
            std::time::Duration::from_secs(20),
        ))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            std::time::Duration::from_secs(30),
        ))
        .layer(CompressionLayer::new().br(true).gzip(true));
    // The hashed files answer from memory, already compressed, with the
    // same security headers as everything else, and change nothing: none
    // of the pages' layers (a session, the page cache, limits on a body,
    // compressing) has anything to do for them.
    let files = assets::HashedFiles::read(&state.config.site_root);
    let files = Router::new()
        .nest_service(
            assets::PKG,
            get(
                move |uri: axum::http::Uri, headers: axum::http::HeaderMap| {
                    let files = files.clone();
                    async move { files.answer(&uri, &headers) }
                },
            ),
        )
        .layer(axum::middleware::map_response(
            |mut response: Response| async move {
                security::set_headers(response.headers_mut());
                response
            },
        ));
    files
        .merge(pages)
        .layer(axum::middleware::from_fn(metrics::count))
        .layer(
            // Only the method and the route's pattern: a path can hold a
            // token, and a query a child's words.
            TraceLayer::new_for_http().make_span_with(|request: &axum::extract::Request| {
                let route = request
                    .extensions()
                    .get::<axum::extract::MatchedPath>()
                    .map_or("(unmatched)", |p| p.as_str());
                tracing::info_span!("request", method = %request.method(), route)
            }),
        )
        .with_state(state)
}

/// The "not found" page for any path MySay does not have.
async fn not_found_page(
    State(state): State<AppState>,
    user: Option<axum::Extension<app::accounts::CurrentUser>>,
    headers: axum::http::HeaderMap,
) -> Response {
    let mut response = render_page_as(
        &state,
        app::paths::NOT_FOUND,
        &headers,
        user.map(|u| u.0),
        || {},
    )
    .await;
    *response.status_mut() = StatusCode::NOT_FOUND;
    response
}

/// 200 when the database answers, 503 when it does not.
async fn healthz(State(db): State<Db>) -> Response {
    if db.is_healthy().await {
        (StatusCode::OK, "ok\n").into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n").into_response()
    }
}

/// Ready to serve: the database answers, its schema is at least this
/// release's,
/// and the outbox worker has looked at the outbox in the last minute.
/// 503 with the first thing wrong otherwise (for a load balancer).
async fn readyz(State(state): State<AppState>) -> Response {
    let unready = |why: &'static str| (StatusCode::SERVICE_UNAVAILABLE, why).into_response();
    if !state.db.is_healthy().await {
        return unready("database unavailable\n");
    }
    let applied: Option<i64> =
        sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success")
            .fetch_one(state.db.pool())
            .await
            .unwrap_or_default();
    // Behind this release: not ready. Ahead of it (a rolling upgrade under
    // way, another server migrated first): the additions of a newer
    // release do not stop this one.
    if applied.is_none_or(|applied| applied < state.db.latest_migration()) {
        return unready("database not migrated to this release\n");
    }
    let beat = state
        .outbox_heartbeat
        .load(std::sync::atomic::Ordering::Relaxed);
    if beat == 0 || crate::storage::now_millis() - beat > 60_000 {
        return unready("outbox worker not running\n");
    }
    (StatusCode::OK, "ready\n").into_response()
}

/// `?next=/path`: where to go back to afterwards.
#[derive(Deserialize)]
pub struct ReturnTo {
    pub next: Option<String>,
}

/// Remembers the chosen language for a year (and on the account, for a
/// signed-in person) and goes back to the page the person was on. Works
/// the same with and without JavaScript.
async fn choose_language(
    State(state): State<AppState>,
    user: Option<axum::Extension<app::accounts::CurrentUser>>,
    headers: axum::http::HeaderMap,
    Path(code): Path<String>,
    Query(query): Query<ReturnTo>,
) -> Response {
    // A link another site put on its page changes nothing of ours.
    // A language the service does not offer is not remembered either.
    let own = security::is_own_navigation(&state.config, &headers);
    let site = state.site();
    let Some(locale) = Locale::from_code(&code).filter(|l| own && site.offers(*l)) else {
        return Redirect::to(&local_or_home(query.next)).into_response();
    };
    let kept = match user {
        Some(user) => {
            crate::accounts::preferences::set_language(&state.db, user.account_id, locale).await
        }
        None => Ok(()),
    };
    remember_choice(
        &state,
        kept,
        query.next,
        LANGUAGE_COOKIE,
        Some(locale.code()),
    )
}

/// `POST /simpler`: simpler mode on (`on=1`) or off, remembered like the
/// language; back to the page the person was on.
async fn choose_simpler(
    State(state): State<AppState>,
    user: Option<axum::Extension<app::accounts::CurrentUser>>,
    axum::Form(form): axum::Form<SimplerForm>,
) -> Response {
    let on = form.on == "1";
    let kept = match user {
        Some(user) => {
            crate::accounts::preferences::set_simpler(&state.db, user.account_id, on).await
        }
        None => Ok(()),
    };
    remember_choice(&state, kept, form.next, SIMPLER_COOKIE, on.then_some("1"))
}

fn local_or_home(next: Option<String>) -> String {
    return_to::local_or_home(next.as_deref())
}

/// Back to `next` with the choice in a cookie, once the account (if any)
/// has kept it.
fn remember_choice(
    state: &AppState,
    kept: anyhow::Result<()>,
    next: Option<String>,
    cookie: &str,
    value: Option<&str>,
) -> Response {
    if let Err(error) = kept {
        return Failure::new("http::remember_choice", error).into_response();
    }
    let mut response = Redirect::to(&local_or_home(next)).into_response();
    append_preference_cookie(&mut response, &state.config, cookie, value);
    response
}

#[derive(Deserialize)]
struct SimplerForm {
    #[serde(default)]
    on: String,
    next: Option<String>,
}

/// Adds a year-long cookie keeping one of a person's choices (`None`
/// removes it).
pub fn append_preference_cookie(
    response: &mut Response,
    config: &Config,
    name: &str,
    value: Option<&str>,
) {
    let secure = if config.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let cookie = match value {
        Some(value) => {
            format!("{name}={value}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly{secure}")
        }
        None => format!("{name}=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly{secure}"),
    };
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
}

/// Only our own pages (see [`return_to::local_path`]).
pub fn is_local_path(next: &str) -> bool {
    return_to::local_path(Some(next)).is_some()
}
