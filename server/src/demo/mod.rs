//! Demo data: a small, made-up service to try MySay with. Loaded by
//! `mysay demo-data` and by the run command when the database is empty:
//! the named children and staff the README lists, then a few hundred
//! generated children (`generated`) so the figures are real. Tests load
//! the named part alone. Every name here is invented.

mod escalations;
pub mod generated;
mod speakerbox;

use anyhow::Context;
use secrecy::SecretString;
use time::{Duration, OffsetDateTime};

use crate::{
    accounts::{NewAccount, Role, create_account},
    storage::{Db, iso_date_of, now_millis},
};

/// The passphrase every demo account shares (listed in the README).
pub const DEMO_PASSPHRASE: &str = "purple tractor sings loudly";

/// The demo sign-ins, as the README lists them: role, name, sign-in.
pub const DEMO_STAFF: [(Role, &str, &str); 6] = [
    (Role::Manager, "Morgan Price", "morgan.price@example.org"),
    (Role::Manager, "Nadia Shah", "nadia.shah@example.org"),
    (Role::Iro, "Amina Hussain", "amina.hussain@example.org"),
    (Role::Iro, "Ben Carter", "ben.carter@example.org"),
    (
        Role::ChildrensRightsOfficer,
        "Chloe Adams",
        "chloe.adams@example.org",
    ),
    (
        Role::AdvocacyCaseworker,
        "Dev Patel",
        "dev.patel@example.org",
    ),
];

struct DemoChild {
    sign_in_name: Option<&'static str>,
    first_name: &'static str,
    age_years: i64,
    days_in_care: i64,
    gender: &'static str,
    ethnicity_group: &'static str,
    disability: bool,
    uasc: bool,
    first_language: &'static str,
    placement_type: &'static str,
    /// Index into DEMO_STAFF of the child's IRO.
    iro: usize,
    reviews_held: i64,
    /// Sent views before their last review, with one answer kept just for
    /// the IRO (so the summary shows last time's feelings, and the meeting
    /// copy leaves that one out).
    views_last_time: bool,
    /// Days from today to the next review, when it is close (the IROs'
    /// "next 7 days"); otherwise a few weeks away.
    next_review_in: Option<i64>,
}

const DEMO_CHILDREN: [DemoChild; 10] = [
    DemoChild {
        sign_in_name: Some("skyblue-fox"),
        first_name: "Jade",
        age_years: 12,
        days_in_care: 400,
        gender: "female",
        ethnicity_group: "White",
        disability: false,
        uasc: false,
        first_language: "English",
        placement_type: "foster care",
        iro: 2,
        reviews_held: 3,
        next_review_in: None,
        views_last_time: false,
    },
    DemoChild {
        sign_in_name: Some("river-stone"),
        first_name: "Tom",
        age_years: 15,
        days_in_care: 900,
        gender: "male",
        ethnicity_group: "Mixed",
        disability: true,
        uasc: false,
        first_language: "English",
        placement_type: "children's home",
        iro: 2,
        reviews_held: 5,
        next_review_in: Some(4),
        views_last_time: false,
    },
    DemoChild {
        sign_in_name: Some("sunny-kite"),
        first_name: "Yonas",
        age_years: 16,
        days_in_care: 120,
        gender: "male",
        ethnicity_group: "Black or Black British",
        disability: false,
        uasc: true,
        first_language: "Tigrinya",
        placement_type: "supported accommodation",
        iro: 3,
        reviews_held: 2,
        next_review_in: None,
        views_last_time: false,
    },
    DemoChild {
        sign_in_name: None,
        first_name: "Lily",
        age_years: 7,
        days_in_care: 10,
        gender: "female",
        ethnicity_group: "Asian or Asian British",
        disability: false,
        uasc: false,
        first_language: "English",
        placement_type: "kinship care",
        iro: 3,
        reviews_held: 0,
        next_review_in: Some(2),
        views_last_time: false,
    },
    // Uses simpler mode with her foster carer.
    DemoChild {
        sign_in_name: Some("little-owl"),
        first_name: "Mia",
        age_years: 8,
        days_in_care: 700,
        gender: "female",
        ethnicity_group: "White",
        disability: true,
        uasc: false,
        first_language: "English",
        placement_type: "foster care",
        iro: 2,
        reviews_held: 4,
        next_review_in: None,
        views_last_time: false,
    },
    // Reads Arabic best.
    DemoChild {
        sign_in_name: Some("quiet-moon"),
        first_name: "Sara",
        age_years: 14,
        days_in_care: 300,
        gender: "female",
        ethnicity_group: "Other",
        disability: false,
        uasc: true,
        first_language: "Arabic",
        placement_type: "foster care",
        iro: 3,
        reviews_held: 2,
        next_review_in: None,
        views_last_time: false,
    },
    // Sent views last time (the browser tests of who reads what use Kai
    // and Noor, so nobody else's pages change under them).
    DemoChild {
        sign_in_name: Some("bright-comet"),
        first_name: "Kai",
        age_years: 13,
        days_in_care: 500,
        gender: "male",
        ethnicity_group: "Mixed",
        disability: false,
        uasc: false,
        first_language: "English",
        placement_type: "foster care",
        iro: 2,
        reviews_held: 2,
        next_review_in: None,
        views_last_time: true,
    },
    DemoChild {
        sign_in_name: Some("calm-river"),
        first_name: "Noor",
        age_years: 15,
        days_in_care: 600,
        gender: "female",
        ethnicity_group: "Asian or Asian British",
        disability: false,
        uasc: false,
        first_language: "English",
        placement_type: "foster care",
        iro: 3,
        reviews_held: 2,
        next_review_in: None,
        views_last_time: true,
    },
    // Sent views last time and have no account: the browser test of
    // tagging answers with themes uses them (Leo is Amina's, Ava Ben's).
    DemoChild {
        sign_in_name: None,
        first_name: "Leo",
        age_years: 14,
        days_in_care: 700,
        gender: "male",
        ethnicity_group: "Black or Black British",
        disability: false,
        uasc: false,
        first_language: "English",
        placement_type: "children's home",
        iro: 2,
        reviews_held: 3,
        next_review_in: None,
        views_last_time: true,
    },
    DemoChild {
        sign_in_name: None,
        first_name: "Ava",
        age_years: 11,
        days_in_care: 300,
        gender: "female",
        ethnicity_group: "White",
        disability: false,
        uasc: false,
        first_language: "English",
        placement_type: "foster care",
        iro: 3,
        reviews_held: 1,
        next_review_in: None,
        views_last_time: true,
    },
];

/// The IROs' contacts with the named children between reviews: whose,
/// how many days ago, the kind and the IRO's line.
const DEMO_CONTACTS: [(&str, i64, &str, &str); 4] = [
    (
        "Jade",
        40,
        "visit",
        "Saw Jade at her foster home after school.",
    ),
    ("Jade", 95, "midway", ""),
    ("Tom", 12, "call", "Tom rang about seeing his brother."),
    ("Mia", 60, "visit", ""),
];

/// Loads the demo service if the database has no accounts yet. Returns
/// whether it did.
pub async fn load_if_empty(db: &Db) -> anyhow::Result<bool> {
    let accounts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts")
        .fetch_one(db.pool())
        .await?;
    if accounts > 0 {
        return Ok(false);
    }
    load(db).await?;
    Ok(true)
}

/// Loads the demo service, with its generated children, if the database
/// has no accounts yet. Returns whether it did.
pub async fn load_service_if_empty(db: &Db) -> anyhow::Result<bool> {
    if !load_if_empty(db).await? {
        return Ok(false);
    }
    let today = OffsetDateTime::now_utc().date();
    generated::generate(db, generated::DEMO, today).await?;
    escalations::generate(db, today, 60, generated::DEMO.seed).await?;
    Ok(true)
}

async fn load(db: &Db) -> anyhow::Result<()> {
    let mut staff_ids = Vec::new();
    for (role, name, email) in DEMO_STAFF {
        staff_ids.push(
            create_account(
                db,
                NewAccount {
                    role,
                    display_name: name,
                    sign_in_name: email,
                    email: Some(email),
                    passphrase: SecretString::from(DEMO_PASSPHRASE),
                },
            )
            .await?,
        );
    }
    let today = OffsetDateTime::now_utc().date();
    for child in DEMO_CHILDREN {
        let account_id = match child.sign_in_name {
            Some(name) => Some(
                create_account(
                    db,
                    NewAccount {
                        role: Role::Child,
                        display_name: name,
                        sign_in_name: name,
                        email: None,
                        passphrase: SecretString::from(DEMO_PASSPHRASE),
                    },
                )
                .await?,
            ),
            None => None,
        };
        let born = today - Duration::days(child.age_years * 365 + 100);
        let came_into_care = today - Duration::days(child.days_in_care);
        let now = now_millis();
        let mut tx = db.begin_write().await?;
        let child_id: i64 = sqlx::query_scalar(
            "INSERT INTO children (account_id, first_name, date_of_birth, came_into_care_on, gender, \
             ethnicity_group, disability, uasc, first_language, interpreter_needed, placement_type, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        )
        .bind(account_id)
        .bind(child.first_name)
        .bind(iso_date_of(born))
        .bind(iso_date_of(came_into_care))
        .bind(child.gender)
        .bind(child.ethnicity_group)
        .bind(i64::from(child.disability))
        .bind(i64::from(child.uasc))
        .bind(child.first_language)
        .bind(i64::from(child.first_language != "English"))
        .bind(child.placement_type)
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .context("demo child")?;
        let iro_id = staff_ids.get(child.iro).copied().context("demo IRO")?;
        sqlx::query(
            "INSERT INTO iro_allocations (child_id, iro_account_id, allocated_at) VALUES ($1, $2, $3)",
        )
        .bind(child_id)
        .bind(iro_id)
        .bind(now - child.days_in_care.saturating_sub(3) * 86_400_000)
        .execute(&mut *tx)
        .await?;
        // Past reviews, evenly spread, then the next one scheduled.
        let mut held_on = came_into_care;
        for sequence in 1..=child.reviews_held {
            held_on += Duration::days(child.days_in_care / (child.reviews_held + 1));
            sqlx::query(
                "INSERT INTO reviews (child_id, sequence, held_on, participation_code, created_at) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(child_id)
            .bind(sequence)
            .bind(iso_date_of(held_on))
            .bind(if sequence % 2 == 0 { "PN6" } else { "PN1" })
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        if child.views_last_time {
            let at = now - 200 * 86_400_000;
            let consultation: i64 = sqlx::query_scalar(
                "INSERT INTO consultations (child_id, review_sequence, status, take_part, created_at, updated_at, \
                 submitted_at, sent_take_part, sent_who_there, sent_where_held, sent_age_band) \
                 VALUES ($1, $2, 'submitted', 'send-views', $3, $3, $3, 'send-views', '', '', $4) RETURNING id",
            )
            .bind(child_id)
            .bind(child.reviews_held)
            .bind(at)
            .bind(crate::calendar::age_band(child.age_years))
            .fetch_one(&mut *tx)
            .await?;
            // What they said about where they live may be used without
            // their name (the CRO's page of children's words shows it).
            for (topic, feeling, text, share) in [
                ("where-i-live", 4, "I like my room.", 1),
                ("school", 1, "Nobody talks to me at break.", 0),
            ] {
                let reference = (share == 1).then(crate::consultations::store::new_words_ref);
                sqlx::query(
                    "INSERT INTO consultation_answers (consultation_id, topic, feeling, answer_text, talk_about, \
                     share_at_meeting, updated_at, language, sent_feeling, sent_text, sent_talk_about, \
                     sent_share_at_meeting, sent_language, sent_at, use_words, sent_use_words, words_ref) \
                     VALUES ($1, $2, $3, $4, 0, $5, $6, 'en', $3, $4, 0, $5, 'en', $6, $5, $5, $7)",
                )
                .bind(consultation)
                .bind(topic)
                .bind(feeling)
                .bind(text)
                .bind(share)
                .bind(at)
                .bind(reference)
                .execute(&mut *tx)
                .await?;
            }
            crate::consultations::store::keep_counts(&mut *tx, Some(consultation)).await?;
        }
        for (_, days_ago, kind, note) in DEMO_CONTACTS
            .iter()
            .filter(|(name, ..)| *name == child.first_name)
        {
            sqlx::query(
                "INSERT INTO iro_contacts (child_id, contact_on, kind, note, recorded_by, recorded_at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(child_id)
            .bind(iso_date_of(today - Duration::days(*days_ago)))
            .bind(*kind)
            .bind((!note.is_empty()).then_some(*note))
            .bind(iro_id)
            .bind(now - days_ago * 86_400_000)
            .execute(&mut *tx)
            .await?;
        }
        let next = today + Duration::days(child.next_review_in.unwrap_or(10 + child.age_years));
        sqlx::query(
            "INSERT INTO reviews (child_id, sequence, scheduled_on, scheduled_time, created_at) \
             VALUES ($1, $2, $3, '10:00', $4)",
        )
        .bind(child_id)
        .bind(child.reviews_held + 1)
        .bind(iso_date_of(next))
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
    }
    let cro = staff_ids.get(4).copied().context("demo CRO")?;
    speakerbox::load(db, cro, today).await?;
    escalations::load(db, today).await?;
    Ok(())
}
