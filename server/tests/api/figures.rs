//! The annual report figures on both databases, against a hand-built
//! service of twelve children whose dates hit every edge: a child who
//! came into care on 31 March, one who ceased on 1 April and one on 31
//! March, one under 4 on the day of a review (and 4 at the next), a
//! review one working day late across Christmas's bank holidays, a child
//! looked after for exactly 20 working days, an overdue review, a child
//! who raised two issues with an advocate, an IRO reallocated, a contact
//! a day outside the six months. Each figure is worked out by hand in the
//! comments. Financial year 2024 is 1 April 2024 to 31 March 2025; 2023
//! the year before.

use crate::support::{TestDb, plain};
use app::{
    disclosure::{Cell, Percent, Preset, Rule},
    figures::{Figure, Measure},
};
use reqwest::StatusCode;
use secrecy::SecretString;
use server::{
    accounts::{NewAccount, Role, create_account},
    figures::{activity::Activity, rules::Counted},
    storage::now_millis,
};

/// name, born, came into care, ceased, case reference, reviews held
/// (date, code), and the review numbers views were sent for.
type Fixture = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static [i64],
);

#[rustfmt::skip]
const CHILDREN: &[Fixture] = &[
    // Initial review due 29 June 2023 (20 working days), then 3 months,
    // then 6 months after each held: every one early.
    ("Ada", "2010-05-01", "2023-06-01", None, "CR-1001",
     &[("2023-06-20", "PN1"), ("2023-09-15", "PN1"), ("2024-03-10", "PN6"), ("2024-09-01", "PN1"), ("2025-02-20", "PN6")], &[3, 4]),
    // Came into care on 31 March 2025: looked after at 31 March, started
    // in 2024, not yet 20 working days.
    ("Ben", "2012-01-01", "2025-03-31", None, "CR-1002", &[], &[]),
    // Ceased on 1 April 2025: still looked after at 31 March 2025. Every
    // review early (due 20 Apr 2022, 1 Oct 2022, 20 Mar 2023, 1 Sep 2023,
    // 20 Feb 2024, 1 Aug 2024, 15 Jan 2025).
    ("Cal", "2008-03-03", "2022-01-10", Some("2025-04-01"), "CR-1003",
     &[("2022-01-20", "PN1"), ("2022-04-01", "PN1"), ("2022-09-20", "PN1"), ("2023-03-01", "PN1"),
       ("2023-08-20", "PN1"), ("2024-02-01", "PN1"), ("2024-07-15", "PN2"), ("2025-01-10", "PN7")], &[8]),
    // Under 4 at every review (due 31 May 2024 over two bank holidays,
    // 20 Aug 2024, 1 Feb 2025).
    ("Dee", "2021-06-01", "2024-05-01", None, "CR-1004",
     &[("2024-05-20", "PN0"), ("2024-08-01", "PN0"), ("2025-01-20", "PN0")], &[]),
    // Turns 4 on 15 November 2024: the review of 10 November is not in
    // the participation figures, the one of 20 March 2025 is.
    ("Eve", "2020-11-15", "2023-10-02", None, "CR-1005",
     &[("2023-10-20", "PN0"), ("2024-01-15", "PN0"), ("2024-07-01", "PN0"), ("2024-11-10", "PN0"), ("2025-03-20", "PN3")], &[]),
    // Initial review due 27 December 2024: 20 working days from 27
    // November leave out the 25th and 26th. Held on Monday 30th: one
    // working day late.
    ("Fay", "2010-02-02", "2024-11-27", None, "=CR-1006",
     &[("2024-12-30", "PN4"), ("2025-03-25", "PN1")], &[1]),
    // Ceased during 2024; no review was ever recorded (overdue at 31
    // March 2024).
    ("Hal", "2007-01-01", "2020-04-01", Some("2024-10-10"), "CR-1008", &[], &[]),
    // Initial review on time; the second, due 1 May 2024, never held.
    ("Ivy", "2009-09-09", "2024-01-08", None, "CR-1009", &[("2024-02-01", "PN1")], &[]),
    // Came into care 3 March 2025: exactly 20 working days by 31 March;
    // initial review (due that day) held on the 28th.
    ("Jay", "2011-11-11", "2025-03-03", None, "CR-1010", &[("2025-03-28", "PN5")], &[]),
    // Came into care 1 April 2023, ceased on 31 March 2024: not looked
    // after at that 31 March.
    ("Kit", "2006-06-06", "2023-04-01", Some("2024-03-31"), "CR-1011", &[], &[]),
    // In care since 2019, no review ever recorded: out of timescale.
    ("Lou", "2009-01-01", "2019-01-01", None, "", &[], &[]),
    // Came into care after both years.
    ("Max", "2013-03-03", "2025-06-01", None, "CR-1013", &[], &[]),
];

/// Everyone is a White girl in foster care, without a disability, not an
/// unaccompanied asylum seeker; but Cal is a boy, Jay is Black or Black
/// British, Fay has a disability, Ben is UASC and Ivy lives in a
/// children's home.
fn profile_of(name: &str) -> (&'static str, &'static str, &'static str, i64, i64) {
    match name {
        "Cal" => ("male", "White", "foster care", 0, 0),
        "Jay" => ("female", "Black or Black British", "foster care", 0, 0),
        "Fay" => ("female", "White", "foster care", 1, 0),
        "Ben" => ("female", "White", "foster care", 0, 1),
        "Ivy" => ("female", "White", "children's home", 0, 0),
        _ => ("female", "White", "foster care", 0, 0),
    }
}

async fn load(test: &TestDb) -> anyhow::Result<()> {
    let now = now_millis();
    let mut tx = test.db.begin_write().await?;
    for (name, born, came, ceased, reference, reviews, views) in CHILDREN {
        let (gender, ethnicity, placement, disability, uasc) = profile_of(name);
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO children (first_name, date_of_birth, came_into_care_on, ceased_on, case_reference, gender, \
             ethnicity_group, disability, uasc, first_language, interpreter_needed, placement_type, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'English', 0, $10, $11) RETURNING id",
        )
        .bind(name).bind(born).bind(came).bind(ceased).bind((!reference.is_empty()).then_some(*reference))
        .bind(gender).bind(ethnicity).bind(disability).bind(uasc).bind(placement).bind(now)
        .fetch_one(&mut *tx).await?;
        for (i, (held, code)) in reviews.iter().enumerate() {
            sqlx::query("INSERT INTO reviews (child_id, sequence, held_on, participation_code, created_at) VALUES ($1, $2, $3, $4, $5)")
                .bind(id).bind(i64::try_from(i)? + 1).bind(held).bind(code).bind(now)
                .execute(&mut *tx).await?;
        }
        // Sent the day before the review.
        for sequence in *views {
            let (held, _) = reviews[usize::try_from(*sequence)? - 1];
            let sent = noon(held)? - 86_400_000;
            sqlx::query(
                "INSERT INTO consultations (child_id, review_sequence, status, take_part, created_at, updated_at, \
                 submitted_at, sent_take_part, sent_who_there, sent_where_held, sent_age_band) \
                 VALUES ($1, $2, 'submitted', 'send-views', $3, $3, $3, 'send-views', '', '', '10-15')",
            )
            .bind(id).bind(sequence).bind(sent).execute(&mut *tx).await?;
        }
    }
    // Views started for Dee's next review and never sent: not counted.
    sqlx::query(
        "INSERT INTO consultations (child_id, review_sequence, status, take_part, created_at, updated_at) \
         SELECT id, 4, 'in_progress', '', $1, $1 FROM children WHERE first_name = 'Dee'",
    )
    .bind(now).execute(&mut *tx).await?;
    server::consultations::store::keep_counts(&mut *tx, None).await?;
    load_activity(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}

/// Noon (UTC) on a day, as stored times are.
fn noon(text: &str) -> anyhow::Result<i64> {
    Ok(day(text)?.midnight().assume_utc().unix_timestamp() * 1000 + 43_200_000)
}

/// (IRO, child, allocated, ended): Amy holds Ada until she moves to Bo
/// on 1 October 2024. Ben's IRO came on 8 April 2025, after 31 March.
#[rustfmt::skip]
const ALLOCATIONS: &[(&str, &str, &str, Option<&str>)] = &[
    ("Amy", "Ada", "2023-06-05", Some("2024-10-01")), // 2 working days (Fri, Mon)
    ("Bo", "Ada", "2024-10-01", None),
    ("Amy", "Ben", "2025-04-08", None),  // 6: Tue 1 to Fri 4, Mon 7, Tue 8 April
    ("Amy", "Cal", "2022-01-10", None),
    ("Amy", "Dee", "2024-05-01", None),  // 0
    ("Amy", "Eve", "2023-10-04", None),  // 2
    ("Bo", "Fay", "2024-12-04", None),   // 5: Thu 28, Fri 29, Mon 2, Tue 3, Wed 4
    ("Amy", "Hal", "2020-04-01", None),
    ("Bo", "Ivy", "2024-01-22", None),   // 10
    ("Bo", "Jay", "2025-03-04", None),   // 1
    ("Bo", "Kit", "2023-04-03", None),   // 1: Saturday 1 April to Monday 3
    ("Bo", "Lou", "2019-01-01", None),
    ("Amy", "Max", "2025-06-02", None),
];

/// (child, categories, sent, accepted, allocated, closed, outcome).
type Request = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
);

#[rustfmt::skip]
const REQUESTS: &[Request] = &[
    // Two issues in one request: accepted in 1 working day, an advocate in 3.
    ("Fay", "complaint,housing", "2024-12-02", Some("2024-12-03"), Some("2024-12-05"), Some("2025-02-10"), Some("resolved")),
    // Accepted the same day (0), an advocate in 2; still open.
    ("Fay", "complaint", "2025-01-15", Some("2025-01-15"), Some("2025-01-17"), None, None),
    // 2 and 3 working days; the child withdrew.
    ("Cal", "meetings", "2024-06-03", Some("2024-06-05"), Some("2024-06-06"), Some("2024-09-01"), Some("withdrew")),
    // Sent in 2023 (1 and 2 working days), closed in 2024.
    ("Ada", "money", "2024-03-25", Some("2024-03-26"), Some("2024-03-27"), Some("2024-04-10"), Some("resolved")),
    // Sent on the year's last Friday, not yet accepted.
    ("Lou", "complaint", "2025-03-28", None, None, None, None),
];

/// (child, day, kind): the IRO's contacts between reviews.
#[rustfmt::skip]
const CONTACTS: &[(&str, &str, &str)] = &[
    ("Ada", "2024-08-20", "visit"),   // before her review of 1 September 2024
    ("Ada", "2024-12-01", "midway"),
    ("Cal", "2024-07-01", "call"),    // before his review of 15 July, but not a visit
    ("Fay", "2024-12-20", "visit"),   // before her review of 30 December
    ("Eve", "2024-01-10", "visit"),   // before her review of 15 January 2024
    ("Ivy", "2024-03-15", "midway"),
    ("Ivy", "2024-10-01", "message"),
    ("Lou", "2024-09-29", "visit"),   // a day before the six months to 31 March 2025
    ("Jay", "2025-03-03", "visit"),   // the day he came into care
    ("Hal", "2024-05-01", "visit"),
];

/// (child, review number, read, a correction): letters sent after reviews.
#[rustfmt::skip]
const LETTERS: &[(&str, i64, bool, bool)] = &[
    ("Ada", 4, true, false),
    ("Cal", 7, false, false),
    ("Fay", 1, true, false),
    ("Fay", 1, false, true),          // a correction: the review counts once
    ("Ada", 3, true, false),          // after a review in 2023
];

async fn load_activity(tx: &mut sqlx::Transaction<'static, sqlx::Any>) -> anyhow::Result<()> {
    let now = now_millis();
    let child =
        async |tx: &mut sqlx::Transaction<'static, sqlx::Any>, name: &str| -> anyhow::Result<i64> {
            Ok(
                sqlx::query_scalar("SELECT id FROM children WHERE first_name = $1")
                    .bind(name)
                    .fetch_one(&mut **tx)
                    .await?,
            )
        };
    let mut iros = std::collections::HashMap::new();
    for name in ["Amy", "Bo"] {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO accounts (role, display_name, sign_in_name, created_at) VALUES ('iro', $1, $2, $3) RETURNING id",
        )
        .bind(name).bind(format!("{name}@example.org")).bind(now).fetch_one(&mut **tx).await?;
        iros.insert(name, id);
    }
    for (iro, name, from, until) in ALLOCATIONS {
        let id = child(tx, name).await?;
        sqlx::query("INSERT INTO iro_allocations (child_id, iro_account_id, allocated_at, ended_at) VALUES ($1, $2, $3, $4)")
            .bind(id).bind(iros[iro]).bind(noon(from)?).bind(until.map(noon).transpose()?)
            .execute(&mut **tx).await?;
    }
    for (name, categories, sent, accepted, allocated, closed, outcome) in REQUESTS {
        let id = child(tx, name).await?;
        let stage = if closed.is_some() {
            "closed"
        } else if allocated.is_some() {
            "allocated"
        } else if accepted.is_some() {
            "accepted"
        } else {
            "sent"
        };
        sqlx::query(
            "INSERT INTO advocacy_requests (child_id, categories, contact_method, urgent, stage, sent_at, accepted_at, \
             advocate_name, allocated_at, closed_at, outcome, age_band, ethnicity_group, disability, uasc) \
             VALUES ($1, $2, 'carer', 0, $3, $4, $5, $6, $7, $8, $9, '10-15', 'White', 0, 0)",
        )
        .bind(id).bind(categories).bind(stage).bind(noon(sent)?).bind(accepted.map(noon).transpose()?)
        .bind(allocated.map(|_| "Sam")).bind(allocated.map(noon).transpose()?).bind(closed.map(noon).transpose()?)
        .bind(outcome)
        .execute(&mut **tx).await?;
    }
    for (name, on, kind) in CONTACTS {
        let id = child(tx, name).await?;
        sqlx::query("INSERT INTO iro_contacts (child_id, contact_on, kind, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(id).bind(on).bind(kind).bind(iros["Amy"]).bind(now)
            .execute(&mut **tx).await?;
    }
    for (name, sequence, read, correction) in LETTERS {
        let id = child(tx, name).await?;
        let review: i64 =
            sqlx::query_scalar("SELECT id FROM reviews WHERE child_id = $1 AND sequence = $2")
                .bind(id)
                .bind(sequence)
                .fetch_one(&mut **tx)
                .await?;
        let corrects: Option<i64> = if *correction {
            sqlx::query_scalar("SELECT MIN(id) FROM letters WHERE review_id = $1")
                .bind(review)
                .fetch_one(&mut **tx)
                .await?
        } else {
            None
        };
        sqlx::query(
            "INSERT INTO letters (child_id, review_id, author_account_id, body, corrects_letter_id, created_at, updated_at, \
             sent_at, first_read_at) VALUES ($1, $2, $3, 'Dear you', $4, $5, $5, $5, $6)",
        )
        .bind(id).bind(review).bind(iros["Amy"]).bind(corrects).bind(now).bind(read.then_some(now))
        .execute(&mut **tx).await?;
    }
    // A letter still being written: not counted.
    let dee = child(tx, "Dee").await?;
    sqlx::query(
        "INSERT INTO letters (child_id, review_id, author_account_id, created_at, updated_at) \
         SELECT child_id, id, $1, $2, $2 FROM reviews WHERE child_id = $3 AND sequence = 3",
    )
    .bind(iros["Amy"])
    .bind(now)
    .bind(dee)
    .execute(&mut **tx)
    .await?;
    for (name, raised) in [
        ("Fay", "2024-12-29"),
        ("Cal", "2025-01-09"),
        ("Ada", "2023-12-01"),
    ] {
        let id = child(tx, name).await?;
        sqlx::query(
            "INSERT INTO safety_alerts (child_id, reason, raised_at) VALUES ($1, 'feeling', $2)",
        )
        .bind(id)
        .bind(noon(raised)?)
        .execute(&mut **tx)
        .await?;
    }
    // Speakerbox: a topic published in March 2024 (the year before) with
    // one answer then, one in June 2024 with two answers (one without a
    // name) and "you said, we did" in July; a draft, never published, is
    // not counted.
    let ada = child(tx, "Ada").await?;
    for (title, published, answers, item) in [
        (
            "March topic",
            Some("2024-03-10"),
            &[("2024-03-20", true)][..],
            None,
        ),
        (
            "June topic",
            Some("2024-06-01"),
            &[("2024-06-05", true), ("2024-06-05", false)][..],
            Some("2024-07-01"),
        ),
        ("A draft", None, &[][..], None),
    ] {
        let topic: i64 = sqlx::query_scalar(
            "INSERT INTO speakerbox_topics (title, body, question, opens_on, closes_on, state, created_by, \
             created_at, published_at) VALUES ($1, 'Tell us', 'Why?', '2024-01-01', '2024-12-31', $2, $3, $4, $5) RETURNING id",
        )
        .bind(title).bind(if published.is_some() { "published" } else { "draft" }).bind(iros["Amy"]).bind(now)
        .bind(published.map(noon).transpose()?)
        .fetch_one(&mut **tx).await?;
        for (n, (on, named)) in answers.iter().enumerate() {
            sqlx::query("INSERT INTO speakerbox_answers (id, topic_id, child_id, words, answered_on) VALUES ($1, $2, $3, 'yes', $4)")
                .bind(format!("{title}-{n}")).bind(topic).bind(named.then_some(ada)).bind(*on)
                .execute(&mut **tx).await?;
        }
        if let Some(on) = item {
            sqlx::query(
                "INSERT INTO speakerbox_items (topic_id, said, did, responsible, status, published_by, published_at, status_since) \
                 VALUES ($1, 'said', 'did', 'CRO', 'planned', $2, $3, $3)",
            )
            .bind(topic).bind(iros["Amy"]).bind(noon(on)?)
            .execute(&mut **tx).await?;
        }
    }
    Ok(())
}

fn day(text: &str) -> anyhow::Result<time::Date> {
    server::calendar::parse_date(text).ok_or_else(|| anyhow::anyhow!("{text}"))
}

on_both_databases! {
    async fn the_annual_figures_match_a_hand_count(test) {
        load(&test).await?;
        let today = day("2026-12-01")?;
        let counted = server::figures::counts(&test.db, 2024, today).await?;
        let (year, before) = (&counted.this, &counted.before);
        assert_eq!(counted.first, 2018, "Lou came into care in January 2019: financial year 2018");
        assert_eq!(*year, Counted {
            // Ada, Ben, Cal, Dee, Eve, Fay, Ivy, Jay, Lou (Hal and Kit ceased, Max not yet).
            looked_after: 9,
            // Ben (31 March), Dee, Fay, Jay.
            starting: 4,
            // Hal (Cal's 1 April is next year's).
            ceasing: 1,
            // All looked after but Ben; Jay has exactly 20.
            twenty_days: 8,
            // Ada, Cal, Dee, Eve, Jay; not Fay (late), Ivy (overdue), Lou.
            in_timescale: 5,
            // Ada 2, Cal 2, Dee 3, Eve 3, Fay 2, Jay 1.
            reviews_held: 13,
            // Aged 4 and over on the day: Ada PN1 PN6, Cal PN2 PN7, Eve PN3,
            // Fay PN4 PN1, Jay PN5 (Dee's three and Eve's two at 3 left out).
            participation: [0, 2, 1, 1, 1, 1, 1, 1],
            // Ada's 4th, Cal's 8th, Fay's 1st (Ada's 3rd was in 2023).
            views_sent: 3,
            // Ages on 31 March 2025: Dee 3, Eve 4; Ada 14, Ben 13, Fay 15,
            // Ivy 15, Jay 13; Cal 17, Lou 16.
            age: [0, 2, 0, 5, 2],
            gender: [8, 1, 0, 0],
            ethnicity: [8, 0, 0, 1, 0],
            placement: [8, 0, 1, 0, 0, 0],
            disability: [1, 8],
            uasc: [1, 8],
        });
        assert_eq!(*before, Counted {
            // At 31 March 2024: Ada, Cal, Eve, Hal, Ivy, Lou (Kit ceased that day).
            looked_after: 6,
            // Ada, Eve, Ivy, Kit.
            starting: 4,
            // Kit, on 31 March 2024.
            ceasing: 1,
            twenty_days: 6,
            // Ada, Cal, Eve, Ivy (her second not due until May); not Hal, Lou.
            in_timescale: 4,
            // Ada 3, Cal 2, Eve 2, Ivy 1.
            reviews_held: 8,
            // Ada PN1 PN1 PN6, Cal PN1 PN1, Ivy PN1; Eve under 4.
            participation: [0, 5, 0, 0, 0, 0, 1, 0],
            views_sent: 1,
            // On 31 March 2024: Eve 3; Ada 13, Ivy 14, Lou 15; Cal 16, Hal 17.
            age: [0, 1, 0, 3, 2],
            gender: [5, 1, 0, 0],
            ethnicity: [6, 0, 0, 0, 0],
            placement: [5, 0, 1, 0, 0, 0],
            disability: [0, 6],
            uasc: [0, 6],
        });
        assert_eq!(counted.activity, Activity {
            // Started in 2024: Dee 0, Jay 1, Fay 5, Ben 6 working days.
            days_to_iro: vec![0, 1, 5, 6],
            // At 31 March 2025: Amy has Cal, Dee, Eve (Ben's IRO came in
            // April); Bo has Ada, Fay, Ivy, Jay, Lou.
            caseloads: vec![3, 5],
            // Fay's two, Cal's, Lou's (Ada's was sent in 2023).
            requests: 4,
            // Complaint: Fay twice and Lou; meetings: Cal; housing: Fay.
            issues: [3, 1, 1, 0, 0, 0, 0, 0, 0, 0],
            advocacy_children: 3,
            // At their first request: Fay 14; Cal 16, Lou 16.
            advocacy_age: [0, 0, 0, 1, 2],
            advocacy_ethnicity: [3, 0, 0, 0, 0],
            // Fay.
            advocacy_disability: [1, 2],
            days_to_accept: vec![0, 1, 2],
            days_to_advocate: vec![2, 3, 3],
            // Closed in 2024: Fay's first and Ada's resolved, Cal withdrew.
            outcomes: [2, 0, 0, 1, 0],
            // Ada, Cal, Dee, Eve, Fay, Jay; seen: Ada, Fay, Jay (Cal's was a call).
            children_reviewed: 6,
            seen_before_review: 3,
            midway_reviews: 1,
            // From 30 September 2024: Ada, Fay, Ivy, Jay (Lou's visit was the 29th).
            contact_six_months: 4,
            // Ada's 4th (read), Cal's 7th, Fay's 1st (read, and corrected).
            reviews_with_letter: 3,
            letters_read: 2,
            // Ada's 4th, Cal's 8th, Fay's 1st, each the day before.
            consultations_sent: 3,
            alerts_raised: 2,
            // The June topic, its two answers and its item.
            topics_published: 1,
            speakerbox_answers: 2,
            items_shared: 1,
        });
        assert_eq!(counted.activity_before, Activity {
            // Started in 2023: Kit 1, Ada 2, Eve 2, Ivy 10.
            days_to_iro: vec![1, 2, 2, 10],
            // At 31 March 2024: Bo has Ivy, Lou (Kit ceased that day); Amy
            // has Ada, Cal, Eve, Hal.
            caseloads: vec![2, 4],
            requests: 1,
            issues: [0, 0, 0, 0, 0, 1, 0, 0, 0, 0],
            advocacy_children: 1,
            // Ada, 13.
            advocacy_age: [0, 0, 0, 1, 0],
            advocacy_ethnicity: [1, 0, 0, 0, 0],
            advocacy_disability: [0, 1],
            days_to_accept: vec![1],
            days_to_advocate: vec![2],
            outcomes: [0; 5],
            // Ada, Cal, Eve, Ivy; seen: Eve.
            children_reviewed: 4,
            seen_before_review: 1,
            // Ivy's.
            midway_reviews: 1,
            // From 30 September 2023: Eve, Ivy.
            contact_six_months: 2,
            reviews_with_letter: 1,
            letters_read: 1,
            // Ada's 3rd.
            consultations_sent: 1,
            alerts_raised: 1,
            // The March topic and its answer.
            topics_published: 1,
            speakerbox_answers: 1,
            items_shared: 0,
        });

        // Through the rule: "fewer than 3" hides 1 and 2.
        let rule = Rule::new(Preset::Dfe, 3);
        let blocks = server::figures::blocks(&counted, rule, Some(20_000));
        let find = |block: &str, line: &str| -> anyhow::Result<(Figure, Figure)> {
            let found = blocks.iter().find(|b| b.key == block).and_then(|b| b.lines.iter().find(|l| l.key() == line))
                .ok_or_else(|| anyhow::anyhow!("{block} {line}"))?;
            Ok((found.this_year, found.last_year))
        };
        let count = |n| Figure::Count(Cell::Shown(n));
        let hidden = Figure::Count(Cell::Hidden);
        assert_eq!(find("annual-looked-after", "annual-looked-after-at-end")?, (count(9), count(6)));
        // 9 and 6 for every 10,000 of 20,000: 4.5 rounds to 5, 3.
        assert_eq!(find("annual-looked-after", "annual-rate")?, (Figure::Rate(Some(5)), Figure::Rate(Some(3))));
        assert_eq!(find("annual-looked-after", "annual-starting")?, (count(4), count(4)));
        assert_eq!(find("annual-looked-after", "annual-ceasing")?, (hidden, hidden), "1 each year");
        assert_eq!(find("annual-reviews", "annual-twenty-days")?, (count(8), count(6)));
        // 2024: 5 in and 3 out, both shown: 5 of 8 is 63%. 2023: 2 out is
        // hidden, so 4 in (which would give it away from the 6) is too.
        assert_eq!(find("annual-reviews", "annual-in-timescale")?, (count(5), hidden));
        assert_eq!(find("annual-reviews", "annual-in-timescale-percent")?,
            (Figure::Percent(Percent::Shown { percent: 63, of: 8 }), Figure::Percent(Percent::Hidden)));
        assert_eq!(find("annual-reviews", "annual-reviews-held")?, (count(13), count(8)));
        // 2024: every code 1 or 2, all hidden, the 8 shown; PN7 hidden so
        // the share is too. 2023: PN6 (1) hidden, and with it the smallest
        // other count that keeps it hidden, zeros last: PN1's 5.
        for code in ["pn1", "pn2", "pn3", "pn4", "pn5", "pn6", "pn7"] {
            assert_eq!(find("annual-participation", &format!("review-code-{code}"))?.0, hidden, "{code}");
        }
        assert_eq!(find("annual-participation", "review-code-pn1")?.1, hidden);
        assert_eq!(find("annual-participation", "review-code-pn2")?.1, count(0));
        assert_eq!(find("annual-participation", "review-code-pn6")?.1, hidden);
        let participation = blocks.iter().find(|b| b.key == "annual-participation").ok_or_else(|| anyhow::anyhow!("block"))?;
        let hidden_before = participation.lines.iter().filter(|l| l.key().starts_with("review-code-") && l.last_year == hidden).count();
        assert_eq!(hidden_before, 2, "PN6 and PN1 only");
        // PN7 is 0 and shown, so the share is too: 6 of 6.
        assert_eq!(find("annual-participation", "annual-participation-share")?.1,
            Figure::Percent(Percent::Shown { percent: 100, of: 6 }));
        assert_eq!(find("annual-participation", "annual-participation-total")?, (count(8), count(6)));
        assert_eq!(find("annual-participation", "annual-participation-share")?.0, Figure::Percent(Percent::Hidden));
        assert_eq!(find("annual-participation", "annual-views-sent")?, (count(3), hidden));
        // Every count of every table is through the rule: nothing from 1 to
        // 2 is shown anywhere.
        for line in blocks.iter().flat_map(|b| &b.lines) {
            for figure in [line.this_year, line.last_year] {
                if let Figure::Count(Cell::Shown(n)) | Figure::Share(Cell::Shown(n), _) = figure {
                    assert!(n == 0 || n >= 3, "{} shows {n}", line.key());
                }
            }
        }
        // The profile: Cal the one boy in 9 is hidden, and so the 8 girls
        // (9 less 8 would give him away); the 0s and the 9 are shown.
        let share = |n, percent, of| Figure::Share(Cell::Shown(n), Percent::Shown { percent, of });
        let gone = Figure::Share(Cell::Hidden, Percent::Hidden);
        assert_eq!(find("annual-profile-gender", "gender-female")?.0, gone);
        assert_eq!(find("annual-profile-gender", "gender-male")?.0, gone);
        assert_eq!(find("annual-profile-gender", "gender-another")?.0, share(0, 0, 9));
        assert_eq!(find("annual-profile-gender", "figures-total")?, (count(9), count(6)));
        // Ages in 2024: 2 under 5 and 2 of 16 and over hidden; 5 of 9 (56%)
        // shown, as it cannot give either small one away on its own.
        assert_eq!(find("annual-profile-age", "figures-age-10-15")?.0, share(5, 56, 9));
        assert_eq!(find("annual-profile-age", "figures-age-1-4")?.0, gone);
        assert_eq!(find("annual-profile-ethnicity", "White")?.1, share(6, 100, 6));
        // Time to an IRO: 1 of 4 late each year, so the 3 on time are
        // hidden with it; the 4 and the medians (3 and 2) are shown.
        assert_eq!(find("annual-allocation", "annual-iro-starting")?, (count(4), count(4)));
        assert_eq!(find("annual-allocation", "annual-iro-within")?, (hidden, hidden));
        assert_eq!(find("annual-allocation", "annual-iro-median")?,
            (Figure::Days(Measure::Of(3)), Figure::Days(Measure::Of(2))));
        assert_eq!(find("annual-allocation", "annual-iros")?, (hidden, hidden), "two IROs, like every count");
        assert_eq!(find("annual-allocation", "annual-caseload-average")?,
            (Figure::Tenths(Measure::Of(40)), Figure::Tenths(Measure::Of(30))));
        assert_eq!(find("annual-allocation", "annual-caseload-highest")?, (count(5), count(4)));
        // Advocacy: 2023's one request and one child hidden, and its
        // medians with them.
        assert_eq!(find("annual-advocacy", "annual-advocacy-requests")?, (count(4), hidden));
        assert_eq!(find("annual-advocacy", "annual-advocacy-children")?, (count(3), hidden));
        assert_eq!(find("annual-advocacy", "annual-advocacy-accept-median")?,
            (Figure::Days(Measure::Of(1)), Figure::Days(Measure::Hidden)));
        assert_eq!(find("annual-advocacy", "annual-advocacy-allocate-median")?.0, Figure::Days(Measure::Of(3)));
        // 2 of 3 accepted within a day: the 1 late hides the 2.
        assert_eq!(find("annual-advocacy", "annual-advocacy-accepted-within")?.0, Figure::Percent(Percent::Hidden));
        assert_eq!(find("annual-advocacy-issues", "advocacy-category-complaint")?, (count(3), count(0)));
        assert_eq!(find("annual-advocacy-issues", "advocacy-category-housing")?.0, hidden);
        // Take-up beside the children looked after: Fay alone is 10-15,
        // so the two of 16 and over are hidden with her; the 3 is shown.
        assert_eq!(find("annual-take-up-age", "figures-age-10-15")?, (gone, share(5, 56, 9)));
        assert_eq!(find("annual-take-up-age", "figures-total")?, (count(3), count(9)));
        assert_eq!(find("annual-take-up-ethnicity", "White")?.0, share(3, 100, 3));
        // Contact: 3 of 6 seen, 4 of 9 with a contact.
        assert_eq!(find("annual-contact", "annual-seen-before-review-percent")?.0,
            Figure::Percent(Percent::Shown { percent: 50, of: 6 }));
        assert_eq!(find("annual-contact", "annual-contact-six-months")?, (count(4), hidden));
        assert_eq!(find("annual-contact", "annual-contact-six-months-percent")?.0,
            Figure::Percent(Percent::Shown { percent: 44, of: 9 }));
        // Letters: 3 of 13 reviews; of them 2 read, hidden with the 1 unread.
        assert_eq!(find("annual-letters", "annual-letters-sent")?, (count(3), hidden));
        assert_eq!(find("annual-letters", "annual-letters-sent-percent")?.0,
            Figure::Percent(Percent::Shown { percent: 23, of: 13 }));
        assert_eq!(find("annual-letters", "annual-letters-read")?, (hidden, hidden));
        assert_eq!(find("annual-consultations", "annual-consultations-sent")?, (count(3), hidden));
        assert_eq!(find("annual-consultations", "annual-alerts-raised")?, (hidden, hidden));
        // Speakerbox: 1 topic, 2 answers and 1 item (1, 1 and none the
        // year before), every one of them small enough to hide.
        assert_eq!(find("annual-speakerbox", "annual-speakerbox-topics")?, (hidden, hidden));
        assert_eq!(find("annual-speakerbox", "annual-speakerbox-answers")?, (hidden, hidden));
        assert_eq!(find("annual-speakerbox", "annual-speakerbox-items")?, (hidden, count(0)));
        assert_eq!(find("annual-advocacy-outcomes", "annual-advocacy-closed")?, (count(3), count(0)));
        // Under the default (fewer than 6), the 9 and 8 of 2024 are shown.
        let blocks = server::figures::blocks(&counted, Rule::default(), None);
        let at_end = blocks.first().and_then(|b| b.lines.first()).ok_or_else(|| anyhow::anyhow!("first"))?;
        assert_eq!((at_end.this_year, at_end.last_year), (count(9), count(6)));
        let rate = blocks.first().and_then(|b| b.lines.get(1)).ok_or_else(|| anyhow::anyhow!("rate"))?;
        assert_eq!(rate.this_year, Figure::Rate(None), "no population entered");
        Ok(())
    }

    async fn a_manager_reads_the_figures_and_downloads_the_reviews(test) {
        load(&test).await?;
        for (role, name) in [(Role::Manager, "manager@example.org"), (Role::ChildrensRightsOfficer, "cro@example.org")] {
            create_account(&test.db, NewAccount {
                role, display_name: name, sign_in_name: name, email: Some(name),
                passphrase: SecretString::from("correct horse battery staple"),
            }).await?;
        }
        let app = test.spawn_app().await?;
        let manager = crate::support::browser()?;
        crate::support::sign_in_staff(&test, &app, &manager, "manager@example.org", "correct horse battery staple").await?;
        let page = plain(&manager.get(app.url("/figures?year=2024")).send().await?.text().await?);
        assert!(page.contains("<title>Annual report figures: MySay</title>"), "{page}");
        assert!(page.contains("April 2024 to March 2025") && page.contains("April 2023 to March 2024"), "{page}");
        assert!(page.contains("Looked after at 31 March") && page.contains("Children who had come into care by 31 March"), "definitions beside figures: {page}");
        assert!(page.contains(r#"<td class="number">9</td><td class="number">6</td>"#), "looked after, both years: {page}");
        assert!(page.contains("No population entered"), "{page}");
        // The tables beyond the reviews, each with its definition, and
        // the note that a request's issues do not add up.
        for words in ["Median working days to an IRO", "Average caseload at 31 March", "recommended: 50 to 70",
                      "Seen by their IRO before a review", "Reviews followed by a letter to the child",
                      "Safety alerts raised", "Requests for an advocate, by issue", "do not add up",
                      "Who asked for an advocate, by age", "Asked for an advocate", "Requests closed"] {
            assert!(page.contains(words), "{words}: {page}");
        }
        // Fay, the one child of 10 to 15 who asked for an advocate, is "c"
        // under the default rule; the chart draws no bar for a hidden count.
        assert!(page.contains(r#"<span class="bar-value">c</span>"#), "{page}");
        assert!(page.contains(r#"href="/figures/reviews.csv?year=2024""#), "{page}");
        assert!(!page.contains("Ada") && !page.contains("2010-05-01"), "no child named");
        // A year from before MySay, or none: the last whole year.
        let page = plain(&manager.get(app.url("/figures?year=1990")).send().await?.text().await?);
        assert!(page.contains(r#"<option value="2025" selected>"#), "{page}");

        let response = manager.get(app.url("/figures/reviews.csv?year=2024")).send().await?;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()["content-disposition"], "attachment; filename=\"reviews-2024-04-01-to-2025-03-31.csv\"");
        let csv = response.text().await?;
        let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(lines.first(), Some(&"Case reference,Review date,Review number,Participation code,In timescale"));
        assert_eq!(lines.len(), 14, "13 reviews held in 2024: {csv}");
        assert!(lines.contains(&"'=CR-1006,2024-12-30,1,PN4,no"), "Fay's late review, her reference kept as words: {csv}");
        assert!(lines.contains(&"CR-1010,2025-03-28,1,PN5,yes"), "{csv}");
        for name in ["Ada", "Fay", "2010-02-02", "2011-11-11"] {
            assert!(!csv.contains(name), "no {name} in the file");
        }
        let audited: Vec<Option<String>> = sqlx::query_scalar("SELECT subject FROM audit_log WHERE action = 'figures_downloaded'")
            .fetch_all(test.db.pool()).await?;
        assert_eq!(audited, [Some("figures:reviews:2024-04-01:2025-03-31".to_owned())]);

        // The pack: one page to print, with the themes chapter, and one
        // workbook, a sheet per table with its definitions; each download
        // audited.
        let page = plain(&manager.get(app.url("/figures/print?year=2024")).send().await?.text().await?);
        assert!(page.contains("<title>Annual report pack: MySay</title>"), "{page}");
        assert!(page.contains("Annual report figures, April 2024 to March 2025"), "{page}");
        assert!(page.contains("Children who had come into care by 31 March") && page.contains("What children told us"), "{page}");
        assert!(page.contains("Children who sent their views"), "the themes chapter's tables: {page}");
        assert!(!page.contains("Ada") && !page.contains("2010-05-01"), "no child named");
        let response = manager.get(app.url("/figures/pack.xlsx?year=2024")).send().await?;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()["content-disposition"],
            "attachment; filename=\"annual-report-figures-2024-04-01-to-2025-03-31.xlsx\"");
        let book = response.bytes().await?;
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(book.to_vec()))?;
        let mut text = String::new();
        for i in 0..zip.len() {
            let mut entry = zip.by_index(i)?;
            if entry.name()?.ends_with(".xml") {
                std::io::Read::read_to_string(&mut entry, &mut text)?;
            }
        }
        for words in ["Children looked after at 31 March, by age", "Requests for an advocate, by issue",
                      "Children who had come into care by 31 March and had not ceased to be looked after by then.",
                      "What it counts", "Children who sent their views"] {
            assert!(text.contains(words), "{words} in the workbook");
        }
        // The 9 looked after at 31 March 2025, a number beside its row.
        assert!(text.contains("<v>9</v>"), "a count as a number");
        for name in ["Ada", "Fay", "CR-1001", "2010-05-01"] {
            assert!(!text.contains(name), "no {name} in the workbook");
        }
        let audited: Vec<Option<String>> = sqlx::query_scalar(
            "SELECT subject FROM audit_log WHERE action = 'figures_downloaded' ORDER BY id")
            .fetch_all(test.db.pool()).await?;
        assert_eq!(audited.last(), Some(&Some("figures:pack:2024-04-01:2025-03-31".to_owned())));

        // The CRO reads the figures but not the reviews file.
        let cro = crate::support::browser()?;
        crate::support::sign_in_staff(&test, &app, &cro, "cro@example.org", "correct horse battery staple").await?;
        let page = plain(&cro.get(app.url("/figures?year=2024")).send().await?.text().await?);
        assert!(page.contains("Looked after at 31 March") && !page.contains("reviews.csv"), "{page}");
        assert_eq!(cro.get(app.url("/figures/reviews.csv?year=2024")).send().await?.status(), StatusCode::NOT_FOUND);
        assert_eq!(cro.get(app.url("/figures/pack.xlsx?year=2024")).send().await?.status(), StatusCode::OK);
        Ok(())
    }

    // The demo is what a council first sees on the figures page: its
    // reviews fall due and are held as a real service's do, most in
    // timescale and some not (it once showed none in timescale).
    async fn the_demo_has_reviews_in_and_out_of_timescale(test) {
        server::demo::load_service_if_empty(&test.db).await?;
        let today = server::calendar::today();
        let last_year = server::calendar::financial_year_of(today) - 1;
        let counted = server::figures::counts(&test.db, last_year, today).await?;
        let (in_timescale, of) = (counted.this.in_timescale, counted.this.twenty_days);
        assert!(of >= 100, "{of} children looked after for 20 working days");
        assert!(
            in_timescale * 100 >= of * 60 && in_timescale * 100 <= of * 95,
            "{in_timescale} of {of} in timescale"
        );
        Ok(())
    }
}
