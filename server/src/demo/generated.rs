//! A made-up service at any scale, from one seeded generator: the demo's
//! extra children (so the CRO's and each IRO's figures are real, with some
//! cells hidden) and the benchmark's county. Nothing here is anyone's: the
//! children's names come from a list no named demo child shares, their
//! words from a short list of made-up lines.
//!
//! Rows go in many to a statement (the values are numbers and this file's
//! own words, never anything typed), so a county of 100,000 consultations
//! loads in a minute or two on either database.

use std::collections::HashMap;

use rand::{Rng, SeedableRng, rngs::StdRng, seq::IndexedRandom};
use secrecy::SecretString;
use sqlx::{Any, Row, Transaction};
use time::{Date, Duration};

use crate::{
    accounts::{NewAccount, Role, create_account},
    storage::{Db, iso_date_of, now_millis},
};

type Tx = Transaction<'static, Any>;

/// How big a service to make.
#[derive(Clone, Copy, Debug)]
pub struct Scale {
    pub children: usize,
    /// IROs made for it; the demo's Amina and Ben are beside them.
    pub iros: usize,
    /// Consultations sent, in all, one per review about every six months.
    pub consultations: usize,
    /// Of each hundred children, how many are on Amina's or Ben's
    /// caseload (the rest on the made IROs').
    pub on_named_caseloads: u32,
    pub seed: u64,
}

/// The demo's extra children: a few hundred over two years.
pub const DEMO: Scale = Scale {
    children: 300,
    iros: 6,
    consultations: 1_050,
    on_named_caseloads: 8,
    seed: 2026,
};

/// A county: 10,000 children, 70 IROs and 100,000 consultations over five
/// years (the benchmark's).
pub const COUNTY: Scale = Scale {
    children: 10_000,
    iros: 68,
    consultations: 100_000,
    on_named_caseloads: 3,
    seed: 903,
};

const DAY_MS: i64 = 86_400_000;
/// Reviews are about six months apart.
const REVIEW_GAP_DAYS: i64 = 182;

/// Names for the made children: none is a named demo child's.
const FIRST_NAMES: [&str; 48] = [
    "Aaron",
    "Abdi",
    "Aisha",
    "Alfie",
    "Amara",
    "Archie",
    "Bella",
    "Bilal",
    "Caleb",
    "Chloe-Ann",
    "Daisy",
    "Darius",
    "Eden",
    "Elif",
    "Ellis",
    "Esme",
    "Faith",
    "Freddie",
    "Grace",
    "Hamza",
    "Harvey",
    "Ibrahim",
    "Isla",
    "Jayden",
    "Kacper",
    "Kezia",
    "Layla",
    "Logan",
    "Maisie",
    "Musa",
    "Nathan",
    "Niamh",
    "Oliver",
    "Olivia",
    "Poppy",
    "Rayan",
    "Reuben",
    "Riley",
    "Ruby",
    "Saffron",
    "Samir",
    "Tayo",
    "Tia",
    "Tyler",
    "Wiktoria",
    "Yusuf",
    "Zain",
    "Zara",
];
const IRO_FIRST: [&str; 12] = [
    "Alex",
    "Bernadette",
    "Chris",
    "Deepa",
    "Emeka",
    "Fiona",
    "Gareth",
    "Helen",
    "Imran",
    "Joanne",
    "Kwame",
    "Lucy",
];
const IRO_LAST: [&str; 8] = [
    "Adeyemi",
    "Brennan",
    "Dawson",
    "Evans",
    "Kowalski",
    "Mistry",
    "O'Neill",
    "Whitfield",
];

/// What a made child might write about each topic.
const WORDS: [(&str, &[&str]); 9] = [
    (
        "where-i-live",
        &[
            "I like my room.",
            "I want to stay here.",
            "It is noisy at night.",
            "I miss my old street.",
        ],
    ),
    (
        "family-and-friends",
        &[
            "I want to see my mum more.",
            "I miss my brother.",
            "My friends are the best bit.",
        ],
    ),
    (
        "school",
        &[
            "I like art.",
            "Maths is tricky.",
            "I got moved to a new class.",
            "I want to go to college.",
        ],
    ),
    (
        "health",
        &[
            "I sleep better now.",
            "I feel worried a lot.",
            "I want to see the dentist.",
        ],
    ),
    (
        "enjoy",
        &[
            "Football on Saturdays.",
            "I want to go swimming.",
            "I like drawing.",
        ],
    ),
    (
        "safe",
        &[
            "I feel safe here.",
            "I do not like the bus.",
            "Sometimes I feel scared.",
        ],
    ),
    (
        "worker-and-iro",
        &[
            "My worker keeps changing.",
            "My social worker listens.",
            "I want to see my IRO.",
        ],
    ),
    (
        "future",
        &[
            "I want my own flat.",
            "I want to be a nurse.",
            "Worried about money.",
        ],
    ),
    ("anything-else", &["Thank you.", "Can I have a phone?"]),
];

/// The themes an IRO might tag each topic's answers with (by key).
const THEMES_OF: [(&str, &[&str]); 9] = [
    (
        "where-i-live",
        &[
            "where i live and moving",
            "staying where i live",
            "housing when leaving care",
        ],
    ),
    ("family-and-friends", &["contact with family", "friends"]),
    ("school", &["education, training and work", "friends"]),
    ("health", &["health and wellbeing", "mental health"]),
    (
        "enjoy",
        &["activities and time outdoors", "identity and culture"],
    ),
    ("safe", &["feeling safe", "a trusted adult"]),
    (
        "worker-and-iro",
        &[
            "changes of worker",
            "my social worker or personal adviser",
            "advocacy",
        ],
    ),
    (
        "future",
        &[
            "plans for the future",
            "money, benefits and debt",
            "housing when leaving care",
        ],
    ),
    (
        "anything-else",
        &["support at meetings", "making a complaint"],
    ),
];

const GENDERS: [(&str, u32); 3] = [("male", 55), ("female", 43), ("another", 2)];
const ETHNICITIES: [(&str, u32); 5] = [
    ("White", 70),
    ("Mixed", 11),
    ("Asian or Asian British", 7),
    ("Black or Black British", 8),
    ("Other", 4),
];
const PLACEMENTS: [(&str, u32); 6] = [
    ("foster care", 70),
    ("kinship care", 8),
    ("children's home", 11),
    ("supported accommodation", 6),
    ("placed with parents", 3),
    ("other", 2),
];
/// How children feel, 1 (really unhappy) to 5 (really happy).
const FEELINGS: [(i64, u32); 5] = [(1, 7), (2, 12), (3, 25), (4, 31), (5, 25)];
/// One of the choices, as often as its weight says.
fn weighted<T: Copy>(rng: &mut StdRng, choices: &[(T, u32)], otherwise: T) -> T {
    choices
        .choose_weighted(rng, |(_, weight)| *weight)
        .map_or(otherwise, |(value, _)| *value)
}

/// Text as an SQL literal (only this file's own words reach here).
fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// Inserts rows many to a statement, giving back what `returning` names
/// for each.
async fn insert_rows(
    tx: &mut Tx,
    head: &str,
    rows: &[String],
    returning: &str,
) -> anyhow::Result<Vec<sqlx::any::AnyRow>> {
    let mut out = Vec::new();
    for chunk in rows.chunks(500) {
        let mut sql = format!("{head} VALUES {}", chunk.join(", "));
        if returning.is_empty() {
            sqlx::query(&sql).execute(&mut **tx).await?;
        } else {
            sql.push_str(&format!(" RETURNING {returning}"));
            out.extend(sqlx::query(&sql).fetch_all(&mut **tx).await?);
        }
    }
    Ok(out)
}

/// A made child, as generated before it is stored.
struct Child {
    name: &'static str,
    born: Date,
    gender: &'static str,
    ethnicity: &'static str,
    disability: bool,
    uasc: bool,
    placement: &'static str,
    iro: i64,
    /// When each consultation was sent, oldest first (ms).
    sent: Vec<i64>,
}

/// What was made.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Made {
    pub children: usize,
    pub iros: Vec<i64>,
    pub consultations: usize,
    pub answers: usize,
}

/// Makes a service of `scale` beside the named demo (which must be
/// loaded: its IROs take a share of the children), as of `today`.
pub async fn generate(db: &Db, scale: Scale, today: Date) -> anyhow::Result<Made> {
    let mut rng = StdRng::seed_from_u64(scale.seed);
    let now = now_millis();
    let named: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM accounts WHERE sign_in_name IN ('amina.hussain@example.org', 'ben.carter@example.org') ORDER BY id",
    )
    .fetch_all(db.pool())
    .await?;

    // The IROs: one passphrase hashed, shared as the demo's is.
    let mut iros = Vec::new();
    for i in 0..scale.iros {
        let first = IRO_FIRST[i % IRO_FIRST.len()];
        let last = IRO_LAST[(i / IRO_FIRST.len() + i) % IRO_LAST.len()];
        let display = format!("{first} {last}");
        let sign_in = format!(
            "{}.{}.{}@example.org",
            first.to_lowercase(),
            last.to_lowercase().replace('\'', ""),
            i + 1
        );
        let id = match iros.first() {
            None => {
                create_account(
                    db,
                    NewAccount {
                        role: Role::Iro,
                        display_name: &display,
                        sign_in_name: &sign_in,
                        email: Some(&sign_in),
                        passphrase: SecretString::from(super::DEMO_PASSPHRASE),
                    },
                )
                .await?
            }
            Some(first_id) => {
                sqlx::query_scalar(
                    "INSERT INTO accounts (role, display_name, sign_in_name, email, passphrase_hash, created_at) \
                     SELECT 'iro', $1, $2, $2, passphrase_hash, $3 FROM accounts WHERE id = $4 RETURNING id",
                )
                .bind(&display)
                .bind(&sign_in)
                .bind(now)
                .bind(*first_id)
                .fetch_one(db.pool())
                .await?
            }
        };
        iros.push(id);
    }

    // The children, each with when they sent their views.
    let per_child = scale.consultations / scale.children.max(1);
    let extra = scale.consultations % scale.children.max(1);
    let mut children = Vec::new();
    for i in 0..scale.children {
        let sent_count = per_child + usize::from(i < extra);
        let last = now
            - rng.random_range(5..REVIEW_GAP_DAYS) * DAY_MS
            - rng.random_range(0..10) * 3_600_000;
        // Back from the last: about six months apart, and three between
        // the first and second review (the schedule's own rhythm), a few
        // days either side so that some are held late, as in a real
        // service.
        let mut sent = vec![last];
        for k in 1..sent_count {
            let gap = if k + 1 == sent_count {
                rng.random_range(80..=95)
            } else {
                rng.random_range(REVIEW_GAP_DAYS - 14..=REVIEW_GAP_DAYS + 3)
            };
            sent.push(sent[k - 1] - gap * DAY_MS);
        }
        sent.reverse();
        let age_now = rng.random_range(6..=17) + i64::try_from(sent_count).unwrap_or(0) / 4;
        let born = today - Duration::days(age_now.min(17) * 365 + rng.random_range(0..360));
        let on_named = rng.random_range(0..100) < scale.on_named_caseloads && !named.is_empty();
        let iro = if on_named || iros.is_empty() {
            *named.choose(&mut rng).unwrap_or(&0)
        } else {
            *iros.choose(&mut rng).unwrap_or(&0)
        };
        children.push(Child {
            name: FIRST_NAMES.choose(&mut rng).copied().unwrap_or("Alex"),
            born,
            gender: weighted(&mut rng, &GENDERS, "male"),
            ethnicity: weighted(&mut rng, &ETHNICITIES, "White"),
            disability: rng.random_bool(0.12),
            uasc: rng.random_bool(0.07),
            placement: weighted(&mut rng, &PLACEMENTS, "foster care"),
            iro,
            sent,
        });
    }

    let themes: HashMap<String, i64> = sqlx::query("SELECT id, name_key FROM themes")
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(|row| Ok((row.try_get("name_key")?, row.try_get("id")?)))
        .collect::<anyhow::Result<_>>()?;

    let mut tx = db.begin_write().await?;
    let mut ids = Vec::new();
    let mut came_at = Vec::new();
    for child in &children {
        // The first review (held three days after the first views sent)
        // is due 20 working days after coming into care: about four weeks,
        // and late for a few.
        let first_sent = child.sent.first().copied().unwrap_or(now);
        let came_millis = first_sent + 3 * DAY_MS - rng.random_range(14..=31) * DAY_MS;
        came_at.push(came_millis);
        let came = crate::storage::iso_date(came_millis).unwrap_or_else(|| iso_date_of(today));
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO children (first_name, date_of_birth, came_into_care_on, gender, ethnicity_group, \
             disability, uasc, first_language, interpreter_needed, placement_type, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'English', 0, $8, $9) RETURNING id",
        )
        .bind(child.name)
        .bind(iso_date_of(child.born))
        .bind(came)
        .bind(child.gender)
        .bind(child.ethnicity)
        .bind(i64::from(child.disability))
        .bind(i64::from(child.uasc))
        .bind(child.placement)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        ids.push(id);
    }
    // An IRO from the day the child came into care to nine days after
    // (by the child's id, so the generator's choices stay as they were):
    // the annual figures' time to an IRO has some late ones to show.
    let allocations: Vec<String> = children
        .iter()
        .zip(&ids)
        .zip(&came_at)
        .map(|((child, id), came)| {
            let from = came + (id % 10) * DAY_MS;
            format!("({id}, {}, {from})", child.iro)
        })
        .collect();
    insert_rows(
        &mut tx,
        "INSERT INTO iro_allocations (child_id, iro_account_id, allocated_at)",
        &allocations,
        "",
    )
    .await?;

    // Each consultation sent, its review held three days later, and the
    // next review scheduled.
    let mut consultations = Vec::new();
    let mut reviews = Vec::new();
    for (child, id) in children.iter().zip(&ids) {
        for (k, at) in child.sent.iter().enumerate() {
            let sequence = k + 1;
            let on = crate::storage::iso_date(*at)
                .and_then(|d| crate::calendar::parse_date(&d))
                .unwrap_or(today);
            let band = crate::calendar::age_band(crate::calendar::age_on(child.born, on));
            let read = if *at < now - 14 * DAY_MS {
                format!("{}, {}", at + 2 * DAY_MS, child.iro)
            } else {
                "NULL, NULL".to_owned()
            };
            consultations.push(format!(
                "({id}, {sequence}, 'submitted', 'send-views', {at}, {at}, {at}, {read}, 'send-views', '', '', '{band}')"
            ));
            let held = iso_date_of(on + Duration::days(3));
            let code = if rng.random_bool(0.8) { "PN1" } else { "PN6" };
            if on + Duration::days(3) < today {
                reviews.push(format!(
                    "({id}, {sequence}, '{held}', '{code}', NULL, NULL, {now})"
                ));
            }
        }
        let next = child
            .sent
            .last()
            .and_then(|at| crate::storage::iso_date(*at + (REVIEW_GAP_DAYS - 10) * DAY_MS))
            .unwrap_or_else(|| iso_date_of(today + Duration::days(30)));
        let sequence = child.sent.len() + 1;
        reviews.push(format!(
            "({id}, {sequence}, NULL, NULL, '{next}', '10:00', {now})"
        ));
    }
    let made = insert_rows(
        &mut tx,
        "INSERT INTO consultations (child_id, review_sequence, status, take_part, created_at, updated_at, \
         submitted_at, read_at, read_by, sent_take_part, sent_who_there, sent_where_held, sent_age_band)",
        &consultations,
        "id, child_id, submitted_at",
    )
    .await?;
    insert_rows(
        &mut tx,
        "INSERT INTO reviews (child_id, sequence, held_on, participation_code, scheduled_on, scheduled_time, created_at)",
        &reviews,
        "",
    )
    .await?;
    let iro_of: HashMap<i64, i64> = ids
        .iter()
        .copied()
        .zip(children.iter().map(|c| c.iro))
        .collect();

    // The answers: most topics, a face each, words on some.
    let mut answers = Vec::new();
    let mut answer_iro = Vec::new();
    for row in &made {
        let consultation: i64 = row.try_get("id")?;
        let child: i64 = row.try_get("child_id")?;
        let at: i64 = row.try_get("submitted_at")?;
        for (topic, lines) in WORDS {
            let chance = if topic == "anything-else" { 0.15 } else { 0.6 };
            if !rng.random_bool(chance) {
                continue;
            }
            let feeling = weighted(&mut rng, &FEELINGS, 4);
            let text = if rng.random_bool(0.35) {
                lines.choose(&mut rng).copied().unwrap_or("")
            } else {
                ""
            };
            let talk = i64::from(rng.random_bool(0.12) || feeling == 1);
            let share = i64::from(rng.random_bool(0.5));
            let (use_words, reference) = if !text.is_empty() && rng.random_bool(0.15) {
                (1, quoted(&crate::consultations::store::new_words_ref()))
            } else {
                (0, "NULL".to_owned())
            };
            let text = quoted(text);
            answers.push(format!(
                "({consultation}, '{topic}', {feeling}, {text}, {talk}, {share}, {at}, 'en', {feeling}, {text}, \
                 {talk}, {share}, 'en', {at}, {use_words}, {use_words}, {reference})"
            ));
            answer_iro.push(iro_of.get(&child).copied().unwrap_or(0));
        }
    }
    let stored = insert_rows(
        &mut tx,
        "INSERT INTO consultation_answers (consultation_id, topic, feeling, answer_text, talk_about, \
         share_at_meeting, updated_at, language, sent_feeling, sent_text, sent_talk_about, \
         sent_share_at_meeting, sent_language, sent_at, use_words, sent_use_words, words_ref)",
        &answers,
        "id, topic, sent_at, consultation_id",
    )
    .await?;

    // The IROs' tags: most answers, one theme or two that fit the topic.
    let iro_of_consultation: HashMap<i64, i64> = made
        .iter()
        .map(|row| {
            let child: i64 = row.try_get("child_id")?;
            Ok((row.try_get("id")?, iro_of.get(&child).copied().unwrap_or(0)))
        })
        .collect::<anyhow::Result<_>>()?;
    let mut tags = Vec::new();
    for row in &stored {
        if !rng.random_bool(0.55) {
            continue;
        }
        let answer: i64 = row.try_get("id")?;
        let topic: String = row.try_get("topic")?;
        let at: i64 = row.try_get("sent_at")?;
        let by = iro_of_consultation
            .get(&row.try_get::<i64, _>("consultation_id")?)
            .copied()
            .unwrap_or(0);
        let Some((_, fitting)) = THEMES_OF.iter().find(|(t, _)| *t == topic) else {
            continue;
        };
        let how_many = if rng.random_bool(0.3) { 2 } else { 1 };
        for key in fitting.choose_multiple(&mut rng, how_many) {
            if let Some(theme) = themes.get(*key) {
                tags.push(format!("({answer}, {theme}, {by}, {})", at + DAY_MS));
            }
        }
    }
    insert_rows(
        &mut tx,
        "INSERT INTO answer_themes (answer_id, theme_id, tagged_by, tagged_at)",
        &tags,
        "",
    )
    .await?;
    // What the figures keep of each consultation, as sending and tagging
    // keep it in the service.
    crate::consultations::store::keep_counts(&mut *tx, None).await?;
    crate::themes::store::keep_all_themes(&mut tx).await?;

    // Requests for an advocate: about one child in six, closed once done.
    let mut requests = Vec::new();
    for (child, id) in children.iter().zip(&ids) {
        if !rng.random_bool(0.16) {
            continue;
        }
        let Some(at) = child.sent.choose(&mut rng).map(|at| at + 5 * DAY_MS) else {
            continue;
        };
        let how_many = if rng.random_bool(0.25) { 2 } else { 1 };
        // Any category but "something else", which needs the child's words.
        let offered: Vec<&str> = app::vocabulary::CATEGORIES
            .iter()
            .copied()
            .filter(|c| *c != "something-else")
            .collect();
        let categories = offered
            .choose_multiple(&mut rng, how_many)
            .copied()
            .collect::<Vec<_>>()
            .join(",");
        let on = crate::storage::iso_date(at)
            .and_then(|d| crate::calendar::parse_date(&d))
            .unwrap_or(today);
        let band = crate::advocacy::rules::age_band(crate::calendar::age_on(child.born, on));
        let done = at < now - 60 * DAY_MS;
        let accepted = at + DAY_MS;
        // Those done had an advocate in 2 to 4 days and most were
        // resolved (by the child's id: the generator's choices stay).
        let (stage, allocated, closed, outcome) = if done {
            let outcome = match id % 7 {
                4 => "'partly-resolved'",
                5 => "'not-resolved'",
                6 => "'withdrew'",
                _ => "'resolved'",
            };
            (
                "closed",
                (at + (2 + id % 3) * DAY_MS).to_string(),
                (at + 40 * DAY_MS).to_string(),
                outcome,
            )
        } else {
            ("accepted", "NULL".to_owned(), "NULL".to_owned(), "NULL")
        };
        let advocate = if done { "'Sam'" } else { "NULL" };
        requests.push(format!(
            "({id}, '{categories}', 'carer', 0, '{stage}', {at}, {accepted}, {advocate}, {allocated}, {closed}, {outcome}, '{band}', {}, {}, {})",
            quoted(child.ethnicity),
            i64::from(child.disability),
            i64::from(child.uasc)
        ));
    }
    insert_rows(
        &mut tx,
        "INSERT INTO advocacy_requests (child_id, categories, contact_method, urgent, stage, sent_at, \
         accepted_at, advocate_name, allocated_at, closed_at, outcome, age_band, ethnicity_group, disability, uasc)",
        &requests,
        "",
    )
    .await?;

    // What the annual figures read of a record: a reference in the
    // council's case system for every child, and one child in twelve who
    // has ceased to be looked after a few weeks after their last review
    // (by position, so the generator's other choices stay as they were).
    sqlx::query(
        "UPDATE children SET case_reference = 'CS' || CAST(100000 + id AS TEXT) \
         WHERE case_reference IS NULL AND account_id IS NULL AND id >= $1",
    )
    .bind(ids.first().copied().unwrap_or(0))
    .execute(&mut *tx)
    .await?;
    for (i, (child, id)) in children.iter().zip(&ids).enumerate() {
        if i % 12 != 5 {
            continue;
        }
        let Some(ceased) = child
            .sent
            .last()
            .map(|at| at + 25 * DAY_MS)
            .filter(|at| *at < now)
            .and_then(crate::storage::iso_date)
        else {
            continue;
        };
        sqlx::query("UPDATE children SET ceased_on = $1 WHERE id = $2")
            .bind(ceased)
            .bind(*id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(Made {
        children: ids.len(),
        iros,
        consultations: made.len(),
        answers: stored.len(),
    })
}
