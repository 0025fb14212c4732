//! The demo's escalations, made through the area's own rules and store:
//! Amina's concern about Tom's care plan, overdue at stage 1; Ben's about
//! Yonas at stage 2; one about Jade sorted out informally; a good practice
//! note about Mia. With the generated children, a few dozen more over two
//! years, so the manager's counts show numbers and not only "c".

use rand::{Rng, SeedableRng, rngs::StdRng, seq::IndexedRandom};
use time::{Date, Duration};

use crate::{
    calendar::Calendar,
    escalations::{
        rules::{NewConcern, Next, Response},
        store,
    },
    storage::Db,
};

/// (child's first name, issues, stages gone through, days ago raised,
/// resolved).
type Named = (
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    i64,
    bool,
);

const NAMED: [Named; 3] = [
    (
        "Tom",
        &["care-plan-delay", "education"],
        &["stage1"],
        12,
        false,
    ),
    (
        "Yonas",
        &["care-plan", "planning-18"],
        &["stage1", "stage2"],
        9,
        false,
    ),
    ("Jade", &["placement"], &["informal"], 40, true),
];

const WORDS: [(&str, &str); 4] = [
    (
        "The care plan has not been updated since the last review.",
        "An updated care plan before the next review.",
    ),
    (
        "The actions agreed at the review have not happened.",
        "The actions done, or a date for each.",
    ),
    (
        "No school place has been found since the move.",
        "A school place and a personal education plan.",
    ),
    (
        "No pathway plan at seventeen.",
        "A pathway plan written with the young person.",
    ),
];

const PEOPLE: [(&str, &str); 3] = [
    ("Pat Jones", "Team manager"),
    ("Sam Lee", "Head of service"),
    ("Alex Doe", "Assistant director"),
];

fn concern(
    issues: &[&'static str],
    stage: &'static str,
    raised_on: Date,
    words: usize,
) -> NewConcern {
    let (what_wrong, what_needed) = WORDS[words % WORDS.len()];
    let (to_name, to_role) = PEOPLE[app::escalations::stage_rank(stage)
        .unwrap_or(1)
        .saturating_sub(1)
        .min(2)];
    NewConcern {
        issues: issues.to_vec(),
        what_wrong: what_wrong.to_owned(),
        what_needed: what_needed.to_owned(),
        stage,
        raised_on,
        to_name: to_name.to_owned(),
        to_role: to_role.to_owned(),
        child_told: Some(true),
        advocacy_offered: Some(words.is_multiple_of(2)),
    }
}

/// Raises a concern at the first of `stages`, moves it through the rest
/// (a working day's response each `gap` working days), and resolves it
/// when asked.
async fn raise(
    db: &Db,
    calendar: &Calendar,
    (child_id, iro): (i64, i64),
    concern: NewConcern,
    stages: &[&'static str],
    gap: u32,
    resolved: bool,
) -> anyhow::Result<()> {
    let days = crate::storage::settings::escalation_days(db).await?;
    let due_of = |stage: &str, on: Date| {
        let rank = app::escalations::stage_rank(stage).unwrap_or(0);
        crate::escalations::rules::due_on(calendar, on, days[rank])
    };
    let mut tx = db.begin_write().await?;
    let mut on = concern.raised_on;
    let id = store::insert_concern(&mut tx, child_id, &concern, iro, due_of(stages[0], on)).await?;
    for (i, stage) in stages.iter().enumerate().skip(1) {
        on = calendar.add_working_days(on, gap);
        let stage_id: i64 =
            sqlx::query_scalar("SELECT MAX(id) FROM escalation_stages WHERE escalation_id = $1")
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
        let (to_name, to_role) = PEOPLE[i.min(2)];
        let response = Response {
            on,
            words: "Not agreed: escalated.".to_owned(),
            next: Next::Escalate {
                stage,
                to_name: to_name.to_owned(),
                to_role: to_role.to_owned(),
            },
        };
        store::respond(
            &mut tx,
            id,
            stage_id,
            &response,
            Some(due_of(stage, on)),
            iro,
        )
        .await?;
    }
    if resolved {
        on = calendar.add_working_days(on, gap);
        let stage_id: i64 =
            sqlx::query_scalar("SELECT MAX(id) FROM escalation_stages WHERE escalation_id = $1")
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
        let response = Response {
            on,
            words: "Agreed.".to_owned(),
            next: Next::Resolve {
                outcome: "The plan was updated.".to_owned(),
            },
        };
        store::respond(&mut tx, id, stage_id, &response, None, iro).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The named children's escalations and a good practice note.
pub async fn load(db: &Db, today: Date) -> anyhow::Result<()> {
    let calendar = crate::calendar::load_calendar(db).await?;
    for (i, (name, issues, stages, days_ago, resolved)) in NAMED.into_iter().enumerate() {
        let found: (i64, i64) = sqlx::query_as(
            "SELECT c.id, al.iro_account_id FROM children c \
             JOIN iro_allocations al ON al.child_id = c.id AND al.ended_at IS NULL \
             WHERE c.first_name = $1",
        )
        .bind(name)
        .fetch_one(db.pool())
        .await?;
        let raised_on = today - Duration::days(days_ago);
        let made = concern(issues, stages[0], raised_on, i);
        raise(db, &calendar, found, made, stages, 2, resolved).await?;
    }
    let (mia, amina): (i64, i64) = sqlx::query_as(
        "SELECT c.id, al.iro_account_id FROM children c \
         JOIN iro_allocations al ON al.child_id = c.id AND al.ended_at IS NULL \
         WHERE c.first_name = 'Mia'",
    )
    .fetch_one(db.pool())
    .await?;
    let mut tx = db.begin_write().await?;
    store::insert_praise(
        &mut tx,
        mia,
        today - Duration::days(20),
        "Her social worker arranged weekly contact with her brother, as she asked.",
        amina,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A few dozen concerns about the generated children over two years.
pub async fn generate(db: &Db, today: Date, count: usize, seed: u64) -> anyhow::Result<()> {
    let mut rng = StdRng::seed_from_u64(seed);
    let calendar = crate::calendar::load_calendar(db).await?;
    let children: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT al.child_id, al.iro_account_id FROM iro_allocations al \
         JOIN children c ON c.id = al.child_id \
         WHERE al.ended_at IS NULL AND c.ceased_on IS NULL AND c.account_id IS NULL \
         ORDER BY al.child_id",
    )
    .fetch_all(db.pool())
    .await?;
    const ISSUES: [&str; 10] = app::escalations::ISSUES;
    // Most concerns are about the care plan and its delay, as the report's.
    const WEIGHTS: [u32; 10] = [37, 36, 4, 11, 13, 12, 3, 4, 19, 17];
    const PATHS: [&[&str]; 5] = [
        &["informal"],
        &["stage1"],
        &["stage1"],
        &["stage1", "stage2"],
        &["stage1", "stage2", "stage3"],
    ];
    for i in 0..count {
        let Some(&found) = children.choose(&mut rng) else {
            break;
        };
        let mut issues: Vec<&'static str> = ISSUES
            .iter()
            .zip(WEIGHTS)
            .filter(|(_, w)| rng.random_range(0..100) < *w)
            .map(|(issue, _)| *issue)
            .collect();
        if issues.is_empty() {
            issues.push(ISSUES[i % 2]);
        }
        let stages = PATHS[if rng.random_range(0..10) < 8 {
            i % 3
        } else {
            3 + i % 2
        }];
        let raised_on = today - Duration::days(rng.random_range(60..700));
        let made = concern(&issues, stages[0], raised_on, i);
        let resolved = rng.random_range(0..10) < 8;
        raise(
            db,
            &calendar,
            found,
            made,
            stages,
            rng.random_range(2..8),
            resolved,
        )
        .await?;
    }
    Ok(())
}
