//! Metrics for the IT team, in Prometheus's text format at `/metrics`,
//! behind a bearer token (`metrics_token`); without a token set, the
//! address is not served at all. Requests are counted by method, route
//! *pattern* and status, never by path (a path can hold a token or an id);
//! the rest is read when scraped: the outbox's depth and oldest unsent
//! email's age, safety alerts nobody has opened, the database pool's use.
//! Nothing here names or numbers a person.

use std::{sync::OnceLock, time::Instant};

use axum::{
    extract::{MatchedPath, Request, State},
    http::{HeaderMap, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use secrecy::ExposeSecret;
use sha2::{Digest, Sha256};

use super::AppState;
use crate::storage::{Db, now_millis};

/// Seconds: the latency histogram's buckets, from a quick page to the
/// 30-second limit.
const BUCKETS: &[f64] = &[
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// The process's recorder, installed once (tests start many servers in
/// one process; they share it).
fn handle() -> Option<&'static PrometheusHandle> {
    static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let recorder = PrometheusBuilder::new()
                .set_buckets(BUCKETS)
                .ok()?
                .build_recorder();
            let handle = recorder.handle();
            metrics::set_global_recorder(recorder).ok()?;
            metrics::describe_counter!(
                "mysay_http_requests_total",
                "Requests answered, by method, route pattern and status."
            );
            metrics::describe_histogram!(
                "mysay_http_request_duration_seconds",
                metrics::Unit::Seconds,
                "How long requests took, by method and route pattern."
            );
            Some(handle)
        })
        .as_ref()
}

/// Installs the recorder; call once at start-up.
pub fn install() {
    let _ = handle();
}

/// Counts each request and how long it took, by route pattern.
pub async fn count(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "(unmatched)".to_owned(), |p| p.as_str().to_owned());
    let method = request.method().as_str().to_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    metrics::counter!(
        "mysay_http_requests_total",
        "method" => method.clone(),
        "route" => route.clone(),
        "status" => status
    )
    .increment(1);
    metrics::histogram!(
        "mysay_http_request_duration_seconds",
        "method" => method,
        "route" => route
    )
    .record(started.elapsed().as_secs_f64());
    response
}

/// `GET /metrics`: the text format, for a bearer of the token.
pub async fn serve(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(token) = &state.config.metrics_token else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    // Compared as hashes, so the time taken says nothing of the token.
    if Sha256::digest(given.as_bytes()) != Sha256::digest(token.expose_secret().as_bytes()) {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer")],
            "a token is needed\n",
        )
            .into_response();
    }
    let mut text = handle().map(PrometheusHandle::render).unwrap_or_default();
    match gauges(&state).await {
        Ok(gauges) => text.push_str(&gauges),
        Err(error) => tracing::warn!(error = %error, "could not read the metrics' gauges"),
    }
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        text,
    )
        .into_response()
}

/// What is read from the database and the pool when scraped, as text:
/// this server's own, so not kept in the process's recorder (which tests
/// running many servers in one process share).
async fn gauges(state: &AppState) -> anyhow::Result<String> {
    let db = &state.db;
    let pool = db.pool();
    let (depth, oldest) = outbox(db).await?;
    let age = oldest.map_or(0, |created| now_millis().saturating_sub(created));
    let alerts: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM safety_alerts WHERE seen_at IS NULL")
            .fetch_one(pool)
            .await?;
    let beat = state
        .outbox_heartbeat
        .load(std::sync::atomic::Ordering::Relaxed);
    let since_beat = if beat == 0 {
        -1.0
    } else {
        as_f64(now_millis() - beat) / 1000.0
    };
    let gauges: [(&str, &str, f64); 6] = [
        (
            "mysay_outbox_unsent",
            "Emails waiting to be sent.",
            as_f64(depth),
        ),
        (
            "mysay_outbox_oldest_unsent_seconds",
            "How long the oldest waiting email has waited (0: none waits).",
            as_f64(age) / 1000.0,
        ),
        (
            "mysay_outbox_worker_seconds_since_last_look",
            "Seconds since this server's outbox worker last looked (-1: never).",
            since_beat,
        ),
        (
            "mysay_safety_alerts_unseen",
            "Safety alerts no IRO has opened yet.",
            as_f64(alerts),
        ),
        (
            "mysay_db_pool_connections",
            "This server's open database connections.",
            f64::from(pool.size()),
        ),
        (
            "mysay_db_pool_idle_connections",
            "This server's idle database connections.",
            as_f64(i64::try_from(pool.num_idle()).unwrap_or(i64::MAX)),
        ),
    ];
    let mut text = String::new();
    for (name, help, value) in gauges {
        text.push_str(&format!(
            "# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}\n"
        ));
    }
    Ok(text)
}

/// How many emails wait, and when the oldest was queued.
pub async fn outbox(db: &Db) -> anyhow::Result<(i64, Option<i64>)> {
    let row: (i64, Option<i64>) =
        sqlx::query_as("SELECT COUNT(*), MIN(created_at) FROM outbox WHERE sent_at IS NULL")
            .fetch_one(db.pool())
            .await?;
    Ok(row)
}

/// Counts and milliseconds well below 2^53 are exact as `f64`.
fn as_f64(n: i64) -> f64 {
    n as f64
}
