//! All of the themes' SQL. Only this file writes the `themes`,
//! `answer_themes`, `consultation_themes` and `picked_words` tables.

use app::{themes::Theme, vocabulary::TOPICS};
use sqlx::{Any, Row, Transaction};

use crate::storage::{Db, now_millis};

type Tx = Transaction<'static, Any>;

/// Every theme: in use first, then retired, each by name.
pub async fn list(db: &Db) -> anyhow::Result<Vec<Theme>> {
    let rows = sqlx::query(
        "SELECT id, name, retired_at FROM themes \
         ORDER BY CASE WHEN retired_at IS NULL THEN 0 ELSE 1 END, name_key",
    )
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            Ok(Theme {
                id: row.try_get("id")?,
                name: row.try_get("name")?,
                retired: row.try_get::<Option<i64>, _>("retired_at")?.is_some(),
            })
        })
        .collect()
}

/// Whether a theme other than `except` has this folded name.
pub async fn key_taken(tx: &mut Tx, key: &str, except: Option<i64>) -> anyhow::Result<bool> {
    let found: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM themes WHERE name_key = $1 AND id <> $2")
            .bind(key)
            .bind(except.unwrap_or(-1))
            .fetch_one(&mut **tx)
            .await?;
    Ok(found > 0)
}

pub async fn exists(tx: &mut Tx, id: i64) -> anyhow::Result<bool> {
    let found: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM themes WHERE id = $1")
        .bind(id)
        .fetch_one(&mut **tx)
        .await?;
    Ok(found > 0)
}

pub async fn add(tx: &mut Tx, name: &str, key: &str) -> anyhow::Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO themes (name, name_key, created_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(name)
    .bind(key)
    .bind(now_millis())
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

pub async fn rename(tx: &mut Tx, id: i64, name: &str, key: &str) -> anyhow::Result<()> {
    sqlx::query("UPDATE themes SET name = $1, name_key = $2 WHERE id = $3")
        .bind(name)
        .bind(key)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Retires a theme (`true`) or offers it again (`false`).
pub async fn set_retired(tx: &mut Tx, id: i64, retired: bool) -> anyhow::Result<()> {
    sqlx::query("UPDATE themes SET retired_at = $1 WHERE id = $2")
        .bind(retired.then(now_millis))
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The answers a child sent in their latest consultation (the ones their
/// IRO reads on the summary): id and topic.
pub async fn sent_answers(db: &Db, child_id: i64) -> anyhow::Result<Vec<(i64, String)>> {
    let rows = sqlx::query(
        "SELECT a.id, a.topic FROM consultation_answers a \
         JOIN consultations c ON c.id = a.consultation_id \
         WHERE c.child_id = $1 AND c.submitted_at IS NOT NULL AND a.sent_at IS NOT NULL \
         AND c.review_sequence = (SELECT MAX(review_sequence) FROM consultations WHERE child_id = $1) \
         ORDER BY a.id",
    )
    .bind(child_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| Ok((row.try_get("id")?, row.try_get("topic")?)))
        .collect()
}

/// Every tag on a child's answers: (answer, theme).
pub async fn tags_of_child(db: &Db, child_id: i64) -> anyhow::Result<Vec<(i64, i64)>> {
    let rows = sqlx::query(
        "SELECT t.answer_id, t.theme_id FROM answer_themes t \
         JOIN consultation_answers a ON a.id = t.answer_id \
         JOIN consultations c ON c.id = a.consultation_id WHERE c.child_id = $1",
    )
    .bind(child_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| Ok((row.try_get("answer_id")?, row.try_get("theme_id")?)))
        .collect()
}

/// One answer's themes.
pub async fn tags_of_answer(tx: &mut Tx, answer_id: i64) -> anyhow::Result<Vec<i64>> {
    Ok(
        sqlx::query_scalar("SELECT theme_id FROM answer_themes WHERE answer_id = $1")
            .bind(answer_id)
            .fetch_all(&mut **tx)
            .await?,
    )
}

/// Gives an answer a theme, by whom and now.
pub async fn add_tag(tx: &mut Tx, answer_id: i64, theme_id: i64, by: i64) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO answer_themes (answer_id, theme_id, tagged_by, tagged_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(answer_id)
    .bind(theme_id)
    .bind(by)
    .bind(now_millis())
    .execute(&mut **tx)
    .await?;
    // One more of the consultation's answers with this theme (one row
    // updated in place, so two IROs tagging at once both count).
    sqlx::query(
        "INSERT INTO consultation_themes (consultation_id, theme_id, answers) \
         SELECT a.consultation_id, $2, 1 FROM consultation_answers a \
         WHERE a.id = $1 AND a.sent_at IS NOT NULL \
         ON CONFLICT (consultation_id, theme_id) \
         DO UPDATE SET answers = consultation_themes.answers + 1",
    )
    .bind(answer_id)
    .bind(theme_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Takes a theme off an answer.
pub async fn remove_tag(tx: &mut Tx, answer_id: i64, theme_id: i64) -> anyhow::Result<()> {
    let removed = sqlx::query("DELETE FROM answer_themes WHERE answer_id = $1 AND theme_id = $2")
        .bind(answer_id)
        .bind(theme_id)
        .execute(&mut **tx)
        .await?;
    if removed.rows_affected() == 0 {
        return Ok(());
    }
    let consultation = "(SELECT a.consultation_id FROM consultation_answers a WHERE a.id = $1)";
    sqlx::query(&format!(
        "UPDATE consultation_themes SET answers = answers - 1 \
         WHERE consultation_id = {consultation} AND theme_id = $2"
    ))
    .bind(answer_id)
    .bind(theme_id)
    .execute(&mut **tx)
    .await?;
    sqlx::query(&format!(
        "DELETE FROM consultation_themes \
         WHERE consultation_id = {consultation} AND theme_id = $2 AND answers <= 0"
    ))
    .bind(answer_id)
    .bind(theme_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Counts every consultation's themes again from the tags (for the demo's
/// generator, which writes tags itself).
pub async fn keep_all_themes(tx: &mut Tx) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM consultation_themes")
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "INSERT INTO consultation_themes (consultation_id, theme_id, answers) \
         SELECT a.consultation_id, t.theme_id, COUNT(*) FROM answer_themes t \
         JOIN consultation_answers a ON a.id = t.answer_id WHERE a.sent_at IS NOT NULL \
         GROUP BY a.consultation_id, t.theme_id",
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Who the figures count: `None` is everyone. Age is the SSDA903 band when
/// the child sent their views; the rest is the child's record now.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    pub age: Option<String>,
    pub gender: Option<String>,
    pub ethnicity: Option<String>,
    pub placement: Option<String>,
    pub disability: Option<bool>,
    pub uasc: Option<bool>,
    /// Only the children on this IRO's caseload now.
    pub caseload_of: Option<i64>,
}

/// A value bound to a figures query.
enum Value {
    Text(String),
    Int(i64),
}

/// The record columns a breakdown or filter reads (`c` the consultation,
/// `ch` the child).
pub fn column_of(dimension: &str) -> Option<&'static str> {
    Some(match dimension {
        "age" => "c.sent_age_band",
        "gender" => "ch.gender",
        "ethnicity" => "ch.ethnicity_group",
        "placement" => "ch.placement_type",
        "disability" => "CASE WHEN ch.disability = 1 THEN 'yes' ELSE 'no' END",
        "uasc" => "CASE WHEN ch.uasc = 1 THEN 'yes' ELSE 'no' END",
        _ => return None,
    })
}

/// The filters as SQL (`AND ...`) with their values, numbered from
/// `$first`; without the age band when `with_age` is false.
fn conditions(
    filters: &Filters,
    first: usize,
    with_age: bool,
    whose: &str,
) -> (String, Vec<Value>) {
    let mut sql = String::new();
    let mut values = Vec::new();
    let texts = [
        ("c.sent_age_band", filters.age.as_ref().filter(|_| with_age)),
        ("ch.gender", filters.gender.as_ref()),
        ("ch.ethnicity_group", filters.ethnicity.as_ref()),
        ("ch.placement_type", filters.placement.as_ref()),
    ];
    for (column, value) in texts {
        if let Some(value) = value {
            sql.push_str(&format!(" AND {column} = ${}", first + values.len()));
            values.push(Value::Text(value.clone()));
        }
    }
    for (column, value) in [
        ("ch.disability", filters.disability),
        ("ch.uasc", filters.uasc),
    ] {
        if let Some(value) = value {
            sql.push_str(&format!(" AND {column} = ${}", first + values.len()));
            values.push(Value::Int(i64::from(value)));
        }
    }
    if let Some(iro) = filters.caseload_of {
        sql.push_str(&format!(
            " AND {whose}.child_id IN (SELECT al.child_id FROM iro_allocations al \
             WHERE al.iro_account_id = ${} AND al.ended_at IS NULL)",
            first + values.len()
        ));
        values.push(Value::Int(iro));
    }
    (sql, values)
}

/// The join to the child's record, when the filters or the breakdown
/// read it (`whose` is the table's alias with `child_id`); without it a
/// period's counts read only the consultations' own index.
fn children_join(filters: &Filters, by: Option<&str>, whose: &str) -> String {
    let reads_record = filters.gender.is_some()
        || filters.ethnicity.is_some()
        || filters.placement.is_some()
        || filters.disability.is_some()
        || filters.uasc.is_some()
        || by.is_some_and(|column| column.contains("ch."));
    if reads_record {
        format!(" JOIN children ch ON ch.id = {whose}.child_id")
    } else {
        String::new()
    }
}

fn bind_all<'q>(
    mut query: sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>,
    values: Vec<Value>,
) -> sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>> {
    for value in values {
        query = match value {
            Value::Text(text) => query.bind(text),
            Value::Int(n) => query.bind(n),
        };
    }
    query
}

/// The rows of a figures query over `[$1, $2)` with its filters' values.
async fn in_period(
    db: &Db,
    sql: &str,
    (from, to): (i64, i64),
    values: Vec<Value>,
) -> anyhow::Result<Vec<sqlx::any::AnyRow>> {
    Ok(bind_all(sqlx::query(sql).bind(from).bind(to), values)
        .fetch_all(db.pool())
        .await?)
}

/// How many changes there have been to what the figures count (sent
/// views, their themes, the themes' names), counted by the database on
/// every server (migration 0026): a kept figure is as of this.
pub async fn figures_changes(db: &Db) -> anyhow::Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT changes FROM figures_changes WHERE id = 1")
            .fetch_one(db.pool())
            .await?,
    )
}

/// Each child's latest consultation sent in `[$1, $2)`: the one the
/// figures count, so a child is counted once however often they sent.
const LATEST_IN_PERIOD: &str = "c.submitted_at >= $1 AND c.submitted_at < $2 \
     AND NOT EXISTS (SELECT 1 FROM consultations l WHERE l.child_id = c.child_id \
     AND l.submitted_at >= $1 AND l.submitted_at < $2 AND l.submitted_at > c.submitted_at)";

/// What the figures count of one group of children who sent their views
/// in a period (each child's latest views): how many, and per topic (in
/// [`TOPICS`]' order) how many answered it, want to talk about it, and
/// picked each face (1 to 5).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counted {
    pub children: i64,
    pub answered: [i64; TOPICS.len()],
    pub talk: [i64; TOPICS.len()],
    pub faces: [[i64; 5]; TOPICS.len()],
}

impl Counted {
    /// Adds another group's counts to these.
    pub fn add(&mut self, other: &Counted) {
        self.children += other.children;
        for (mine, theirs) in self.answered.iter_mut().zip(other.answered) {
            *mine += theirs;
        }
        for (mine, theirs) in self.talk.iter_mut().zip(other.talk) {
            *mine += theirs;
        }
        for (mine, theirs) in self.faces.iter_mut().zip(other.faces) {
            for (m, t) in mine.iter_mut().zip(theirs) {
                *m += t;
            }
        }
    }
}

/// The children who sent their views in `[from, to)` and what they said,
/// by a breakdown's column (or all, as one group named "all"). Read from
/// the counts each sent consultation keeps (`sent_topics`, `sent_talk`,
/// `sent_faces`), never from every answer: one row per group.
pub async fn counted(
    db: &Db,
    (from, to): (i64, i64),
    filters: &Filters,
    by: Option<&str>,
) -> anyhow::Result<Vec<(String, Counted)>> {
    let (filter_sql, values) = conditions(filters, 3, true, "c");
    let children = children_join(filters, by, "c");
    let sum = |condition: String| {
        format!("CAST(COALESCE(SUM(CASE WHEN {condition} THEN 1 ELSE 0 END), 0) AS BIGINT)")
    };
    let mut columns = Vec::new();
    let bits = |column: &str, place: usize| {
        format!("CAST(COALESCE(SUM(({column} >> {place}) & 1), 0) AS BIGINT)")
    };
    for place in 0..TOPICS.len() {
        columns.push(bits("c.sent_topics", place));
        columns.push(bits("c.sent_talk", place));
        for face in 1..=5 {
            columns.push(sum(format!(
                "((c.sent_faces >> {}) & 7) = {face}",
                3 * place
            )));
        }
    }
    let group = by.unwrap_or("'all'");
    let grouped = by
        .map(|column| format!(" GROUP BY {column}"))
        .unwrap_or_default();
    let sql = format!(
        "SELECT {group} AS grp, COUNT(*) AS n, {} FROM consultations c{children} \
         WHERE {LATEST_IN_PERIOD}{filter_sql}{grouped}",
        columns.join(", ")
    );
    let rows = in_period(db, &sql, (from, to), values).await?;
    rows.iter()
        .map(|row| {
            let mut counted = Counted {
                children: row.try_get("n")?,
                ..Counted::default()
            };
            // The sums follow "n": per topic, answered, talk, then faces.
            let mut at = 2;
            let mut next = || -> anyhow::Result<i64> {
                at += 1;
                Ok(row.try_get(at - 1)?)
            };
            for place in 0..TOPICS.len() {
                let answered = next()?;
                let talk = next()?;
                let mut faces = [0; 5];
                for face in &mut faces {
                    *face = next()?;
                }
                if let Some(slot) = counted.answered.get_mut(place) {
                    *slot = answered;
                }
                if let Some(slot) = counted.talk.get_mut(place) {
                    *slot = talk;
                }
                if let Some(slot) = counted.faces.get_mut(place) {
                    *slot = faces;
                }
            }
            Ok((
                row.try_get::<Option<String>, _>("grp")?.unwrap_or_default(),
                counted,
            ))
        })
        .collect()
}

/// Children whose counted views in `[from, to)` had answers tagged with
/// each theme: (theme id, name, children). Read from the period's
/// consultations to the themes each keeps (SQLite takes a `CROSS JOIN`'s
/// order as written), never from every tag there is.
pub async fn theme_counts(
    db: &Db,
    (from, to): (i64, i64),
    filters: &Filters,
) -> anyhow::Result<Vec<(i64, String, i64)>> {
    let (filter_sql, values) = conditions(filters, 3, true, "c");
    let children = children_join(filters, None, "c");
    // A row is there only while an answer has the theme (untagging the
    // last deletes it), so the key alone answers.
    let sql = format!(
        "SELECT k.theme_id, th.name, COUNT(*) AS n FROM consultations c \
         CROSS JOIN consultation_themes k{children} JOIN themes th ON th.id = k.theme_id \
         WHERE k.consultation_id = c.id AND {LATEST_IN_PERIOD}{filter_sql} \
         GROUP BY k.theme_id, th.name"
    );
    let rows = in_period(db, &sql, (from, to), values).await?;
    rows.iter()
        .map(|row| {
            Ok((
                row.try_get("theme_id")?,
                row.try_get("name")?,
                row.try_get("n")?,
            ))
        })
        .collect()
}

/// Requests for an advocate sent in `[from, to)` by children the filters
/// (but for age) count: (child, categories as stored, when sent, the
/// child's date of birth).
pub async fn advocacy_requests(
    db: &Db,
    (from, to): (i64, i64),
    filters: &Filters,
) -> anyhow::Result<Vec<(i64, String, i64, String)>> {
    let (filter_sql, values) = conditions(filters, 3, false, "r");
    let sql = format!(
        "SELECT r.child_id, r.categories, r.sent_at, ch.date_of_birth FROM advocacy_requests r \
         JOIN children ch ON ch.id = r.child_id \
         WHERE r.sent_at >= $1 AND r.sent_at < $2{filter_sql}"
    );
    let rows = in_period(db, &sql, (from, to), values).await?;
    rows.iter()
        .map(|row| {
            Ok((
                row.try_get("child_id")?,
                row.try_get("categories")?,
                row.try_get("sent_at")?,
                row.try_get("date_of_birth")?,
            ))
        })
        .collect()
}

/// Children who sent their views in each of four quarters starting at
/// `starts[0]` (each ends where the next starts; the last at `end`).
pub async fn by_quarter(
    db: &Db,
    starts: [i64; 4],
    end: i64,
    filters: &Filters,
) -> anyhow::Result<[i64; 4]> {
    let (filter_sql, values) = conditions(filters, 6, true, "c");
    let children = children_join(filters, None, "c");
    let sql = format!(
        "SELECT CAST(CASE WHEN c.submitted_at < $3 THEN 1 WHEN c.submitted_at < $4 THEN 2 \
         WHEN c.submitted_at < $5 THEN 3 ELSE 4 END AS BIGINT) AS q, COUNT(DISTINCT c.child_id) AS n \
         FROM consultations c{children} \
         WHERE c.submitted_at >= $1 AND c.submitted_at < $2{filter_sql} GROUP BY 1"
    );
    let query = sqlx::query(&sql)
        .bind(starts[0])
        .bind(end)
        .bind(starts[1])
        .bind(starts[2])
        .bind(starts[3]);
    let rows = bind_all(query, values).fetch_all(db.pool()).await?;
    let mut counts = [0; 4];
    for row in &rows {
        let quarter: i64 = row.try_get("q")?;
        if let Some(slot) = usize::try_from(quarter - 1)
            .ok()
            .and_then(|i| counts.get_mut(i))
        {
            *slot = row.try_get("n")?;
        }
    }
    Ok(counts)
}

/// When the first views were sent, if any have been.
pub async fn first_sent(db: &Db) -> anyhow::Result<Option<i64>> {
    Ok(
        sqlx::query_scalar("SELECT MIN(submitted_at) FROM consultations")
            .fetch_one(db.pool())
            .await?,
    )
}

/// The conditions every children's-words query shares (`a` the answer):
/// sent with the say-so, still with it (so with a reference), and words to
/// read.
const WITH_SAY_SO: &str = "a.sent_at IS NOT NULL AND a.sent_use_words = 1 AND a.use_words = 1 \
     AND a.words_ref IS NOT NULL AND a.sent_text IS NOT NULL AND a.sent_text <> ''";

/// One answer's words as found: the answer and whose it is (never shown),
/// and what the CRO is shown.
pub struct FoundWords {
    pub answer_id: i64,
    pub child_id: i64,
    pub reference: String,
    pub sent_at: i64,
    pub topic: String,
    pub text: String,
    pub language: Option<String>,
    pub picked: bool,
}

/// What a search of children's words narrows to.
pub struct WordsWanted {
    pub topic: Option<String>,
    pub theme: Option<i64>,
    pub picked_only: bool,
}

/// The words sent with the say-so in `[from, to)`, newest first: at most
/// `limit`.
pub async fn words_found(
    db: &Db,
    (from, to): (i64, i64),
    wanted: &WordsWanted,
    limit: usize,
) -> anyhow::Result<Vec<FoundWords>> {
    let mut sql = format!(
        "SELECT a.id, c.child_id, a.words_ref, c.submitted_at, a.topic, a.sent_text, \
         a.sent_language, p.picked_at FROM consultation_answers a \
         JOIN consultations c ON c.id = a.consultation_id \
         LEFT JOIN picked_words p ON p.words_ref = a.words_ref \
         WHERE {WITH_SAY_SO} AND c.submitted_at >= $1 AND c.submitted_at < $2"
    );
    let mut values = Vec::new();
    if let Some(topic) = &wanted.topic {
        sql.push_str(&format!(" AND a.topic = ${}", 3 + values.len()));
        values.push(Value::Text(topic.clone()));
    }
    if let Some(theme) = wanted.theme {
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM answer_themes t WHERE t.answer_id = a.id AND t.theme_id = ${})",
            3 + values.len()
        ));
        values.push(Value::Int(theme));
    }
    if wanted.picked_only {
        sql.push_str(" AND p.picked_at IS NOT NULL");
    }
    sql.push_str(&format!(" ORDER BY c.submitted_at DESC LIMIT {limit}"));
    in_period(db, &sql, (from, to), values)
        .await?
        .iter()
        .map(|row| {
            Ok(FoundWords {
                answer_id: row.try_get("id")?,
                child_id: row.try_get("child_id")?,
                reference: row.try_get("words_ref")?,
                sent_at: row.try_get("submitted_at")?,
                topic: row.try_get("topic")?,
                text: row.try_get("sent_text")?,
                language: row.try_get("sent_language")?,
                picked: row.try_get::<Option<i64>, _>("picked_at")?.is_some(),
            })
        })
        .collect()
}

/// The themes of the given answers: (answer, theme's name), by name.
pub async fn themes_of_answers(db: &Db, answers: &[i64]) -> anyhow::Result<Vec<(i64, String)>> {
    if answers.is_empty() {
        return Ok(Vec::new());
    }
    // The ids are the server's own numbers, never typed: safe to list.
    let ids: Vec<String> = answers.iter().map(i64::to_string).collect();
    Ok(sqlx::query_as(&format!(
        "SELECT t.answer_id, th.name FROM answer_themes t JOIN themes th ON th.id = t.theme_id \
         WHERE t.answer_id IN ({}) ORDER BY th.name_key",
        ids.join(", ")
    ))
    .fetch_all(db.pool())
    .await?)
}

/// Whether these words are there to pick: sent with the say-so, still.
pub async fn words_with_say_so(tx: &mut Tx, reference: &str) -> anyhow::Result<bool> {
    let found: Option<i64> = sqlx::query_scalar(&format!(
        "SELECT a.id FROM consultation_answers a WHERE a.words_ref = $1 AND {WITH_SAY_SO}"
    ))
    .bind(reference)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(found.is_some())
}

/// Picks the words as a quote (again, if they were).
pub async fn pick_words(tx: &mut Tx, reference: &str, by: i64) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM picked_words WHERE words_ref = $1")
        .bind(reference)
        .execute(&mut **tx)
        .await?;
    sqlx::query("INSERT INTO picked_words (words_ref, picked_by, picked_at) VALUES ($1, $2, $3)")
        .bind(reference)
        .bind(by)
        .bind(now_millis())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Unpicks the words: `true` when they were picked.
pub async fn unpick_words(tx: &mut Tx, reference: &str) -> anyhow::Result<bool> {
    let done = sqlx::query("DELETE FROM picked_words WHERE words_ref = $1")
        .bind(reference)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Clears the picks of words whose reference has gone (the child took
/// back their say-so, or sent different words).
pub async fn clear_stale_picks(db: &Db) -> anyhow::Result<()> {
    sqlx::query(
        "DELETE FROM picked_words WHERE NOT EXISTS \
         (SELECT 1 FROM consultation_answers a WHERE a.words_ref = picked_words.words_ref)",
    )
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Speakerbox in `[from, to)`: topics published to members, answers (by
/// the day each is kept: an answer without a name has no child, so these
/// counts take no filter) and "you said, we did" items shared. Read from
/// the Speakerbox tables, never through that area's code.
pub async fn speakerbox_counts(db: &Db, (from, to): (i64, i64)) -> anyhow::Result<Vec<i64>> {
    let day = |millis: i64| crate::storage::iso_date(millis).unwrap_or_default();
    let (topics, answers, items): (i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM speakerbox_topics WHERE published_at >= $1 AND published_at < $2), \
         (SELECT COUNT(*) FROM speakerbox_answers WHERE answered_on >= $3 AND answered_on < $4), \
         (SELECT COUNT(*) FROM speakerbox_items WHERE published_at >= $1 AND published_at < $2)",
    )
    .bind(from)
    .bind(to)
    .bind(day(from))
    .bind(day(to))
    .fetch_one(db.pool())
    .await?;
    Ok(vec![topics, answers, items])
}
