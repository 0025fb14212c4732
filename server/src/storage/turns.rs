//! Scheduled jobs on several servers: each job has a turn in the database
//! (`job_turns`), and a server runs the job only while it holds the turn.
//! A turn lapses on its own, so a server that stops (or dies) holds it no
//! longer than the time it asked for, and another takes it next time.

use std::sync::OnceLock;

use super::{Db, now_millis};

/// This process's own mark, for turns and email claims: random, so two
/// servers never share one, and meaning nothing outside the database.
pub fn server_mark() -> &'static str {
    static MARK: OnceLock<String> = OnceLock::new();
    MARK.get_or_init(|| {
        let random: [u8; 8] = rand::random();
        random.iter().map(|b| format!("{b:02x}")).collect()
    })
}

/// Takes the turn of the job `name` for `for_ms` milliseconds if nobody
/// else holds it; true when this server may run the job now. Holding it
/// already counts (the turn is lengthened).
pub async fn take(db: &Db, name: &str, holder: &str, for_ms: i64) -> sqlx::Result<bool> {
    let now = now_millis();
    let until = now.saturating_add(for_ms);
    // Whoever inserts first holds a new job's first turn; the insert
    // touches nothing when the row is there.
    let inserted = sqlx::query(
        "INSERT INTO job_turns (name, held_by, held_until) VALUES ($1, $2, $3) \
         ON CONFLICT (name) DO NOTHING",
    )
    .bind(name)
    .bind(holder)
    .bind(until)
    .execute(db.pool())
    .await?
    .rows_affected();
    if inserted == 1 {
        return Ok(true);
    }
    // One statement: of two servers racing, the row lock lets one update
    // and the other re-checks the condition against the new holder.
    let taken = sqlx::query(
        "UPDATE job_turns SET held_by = $1, held_until = $2 \
         WHERE name = $3 AND (held_until <= $4 OR held_by = $1)",
    )
    .bind(holder)
    .bind(until)
    .bind(name)
    .bind(now)
    .execute(db.pool())
    .await?
    .rows_affected();
    Ok(taken == 1)
}
