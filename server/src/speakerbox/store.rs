//! All of Speakerbox's SQL. Only this module reads and writes the
//! `speakerbox_*` tables; rows are read by column name into the structs
//! below.

use sqlx::{Any, Transaction};

use super::rules::{NewTopic, TopicWords};
use crate::storage::Db;

type Tx = Transaction<'static, Any>;

/// The child behind a child's account.
pub async fn child_of_account(db: &Db, account_id: i64) -> anyhow::Result<Option<i64>> {
    Ok(
        sqlx::query_scalar("SELECT id FROM children WHERE account_id = $1")
            .bind(account_id)
            .fetch_optional(db.pool())
            .await?,
    )
}

/// The child whose account has this sign-in name (a child's account that
/// can sign in).
pub async fn child_by_sign_in_name(db: &Db, name: &str) -> anyhow::Result<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT c.id FROM children c JOIN accounts a ON a.id = c.account_id \
         WHERE a.sign_in_name = $1 AND a.role = 'child' AND a.disabled_at IS NULL",
    )
    .bind(name)
    .fetch_optional(db.pool())
    .await?)
}

/// The day a member agreed, while they are a member.
pub async fn member_since(db: &Db, child_id: i64) -> anyhow::Result<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT agreed_on FROM speakerbox_members WHERE child_id = $1 AND left_at IS NULL",
    )
    .bind(child_id)
    .fetch_optional(db.pool())
    .await?)
}

/// Makes the child a member from `agreed_on` (again, if they had left),
/// in these groups.
pub async fn add_member(
    tx: &mut Tx,
    child_id: i64,
    agreed_on: &str,
    added_by: i64,
    now: i64,
    groups: &[i64],
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO speakerbox_members (child_id, agreed_on, added_by, added_at) \
         VALUES ($1, $2, $3, $4) \
         ON CONFLICT (child_id) DO UPDATE SET agreed_on = excluded.agreed_on, \
         added_by = excluded.added_by, added_at = excluded.added_at, left_at = NULL",
    )
    .bind(child_id)
    .bind(agreed_on)
    .bind(added_by)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    sqlx::query("DELETE FROM speakerbox_member_groups WHERE child_id = $1")
        .bind(child_id)
        .execute(&mut **tx)
        .await?;
    for group in groups {
        sqlx::query("INSERT INTO speakerbox_member_groups (child_id, group_id) VALUES ($1, $2)")
            .bind(child_id)
            .bind(group)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// The member leaves: the row stays (when they joined and left), their
/// groups go.
pub async fn leave(tx: &mut Tx, child_id: i64, now: i64) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE speakerbox_members SET left_at = $1 WHERE child_id = $2 AND left_at IS NULL",
    )
    .bind(now)
    .bind(child_id)
    .execute(&mut **tx)
    .await?;
    sqlx::query("DELETE FROM speakerbox_member_groups WHERE child_id = $1")
        .bind(child_id)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() > 0)
}

#[derive(sqlx::FromRow)]
pub struct MemberRow {
    pub child_id: i64,
    pub sign_in_name: String,
    pub agreed_on: String,
}

/// The members, by sign-in name.
pub async fn members(db: &Db) -> anyhow::Result<Vec<MemberRow>> {
    Ok(sqlx::query_as(
        "SELECT m.child_id, a.sign_in_name, m.agreed_on FROM speakerbox_members m \
         JOIN children c ON c.id = m.child_id JOIN accounts a ON a.id = c.account_id \
         WHERE m.left_at IS NULL ORDER BY a.sign_in_name",
    )
    .fetch_all(db.pool())
    .await?)
}

/// Every member's groups: (child id, group name).
pub async fn member_groups(db: &Db) -> anyhow::Result<Vec<(i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT mg.child_id, g.name FROM speakerbox_member_groups mg \
         JOIN speakerbox_groups g ON g.id = mg.group_id ORDER BY g.name",
    )
    .fetch_all(db.pool())
    .await?)
}

/// The groups: (id, name, members in it).
pub async fn groups(db: &Db) -> anyhow::Result<Vec<(i64, String, i64)>> {
    Ok(sqlx::query_as(
        "SELECT g.id, g.name, (SELECT COUNT(*) FROM speakerbox_member_groups mg \
         WHERE mg.group_id = g.id) AS members FROM speakerbox_groups g ORDER BY g.name",
    )
    .fetch_all(db.pool())
    .await?)
}

/// Whether a group has this name already (whatever its case).
pub async fn group_named(db: &Db, name: &str) -> anyhow::Result<bool> {
    let n: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM speakerbox_groups WHERE LOWER(name) = LOWER($1)")
            .bind(name)
            .fetch_one(db.pool())
            .await?;
    Ok(n > 0)
}

pub async fn insert_group(tx: &mut Tx, name: &str, now: i64) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO speakerbox_groups (name, created_at) VALUES ($1, $2) RETURNING id",
    )
    .bind(name)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?)
}

/// A topic as stored.
#[derive(Clone, sqlx::FromRow)]
pub struct TopicRecord {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub question: String,
    pub choices: String,
    pub several: i64,
    pub opens_on: String,
    pub closes_on: String,
    pub state: String,
    pub published_at: Option<i64>,
}

const TOPIC_COLUMNS: &str = "t.id, t.title, t.body, t.question, t.choices, t.several, t.opens_on, t.closes_on, t.state, t.published_at";

pub async fn topic(db: &Db, id: i64) -> anyhow::Result<Option<TopicRecord>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {TOPIC_COLUMNS} FROM speakerbox_topics t WHERE t.id = $1"
    ))
    .bind(id)
    .fetch_optional(db.pool())
    .await?)
}

/// Every topic, newest first.
pub async fn topics(db: &Db) -> anyhow::Result<Vec<TopicRecord>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {TOPIC_COLUMNS} FROM speakerbox_topics t ORDER BY t.id DESC"
    ))
    .fetch_all(db.pool())
    .await?)
}

/// The published topics this member is in the audience of, newest first.
pub async fn member_topics(db: &Db, child_id: i64) -> anyhow::Result<Vec<TopicRecord>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {TOPIC_COLUMNS} FROM speakerbox_topics t WHERE t.state <> 'draft' AND ({AUDIENCE}) \
         ORDER BY t.opens_on DESC, t.id DESC"
    ))
    .bind(child_id)
    .fetch_all(db.pool())
    .await?)
}

/// For a member's home, in one query: the published topics in their
/// audience, and the topics whose "you said, we did" has an item or update
/// newer than `seen` (whoever answered them): (news or not, the topic).
pub async fn home_topics(
    db: &Db,
    child_id: i64,
    seen: i64,
) -> anyhow::Result<Vec<(bool, HomeTopic)>> {
    let rows: Vec<(String, i64, String, String, String)> = sqlx::query_as(&format!(
        "SELECT 'topic' AS which, t.id, t.state, t.opens_on, t.closes_on FROM speakerbox_topics t \
         WHERE t.state <> 'draft' AND ({AUDIENCE}) \
         UNION ALL \
         SELECT 'news' AS which, t.id, t.state, t.opens_on, t.closes_on \
         FROM speakerbox_items i JOIN speakerbox_topics t ON t.id = i.topic_id \
         WHERE COALESCE((SELECT MAX(u.written_at) FROM speakerbox_item_updates u \
         WHERE u.item_id = i.id), i.published_at) > $2"
    ))
    .bind(child_id)
    .bind(seen)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(which, id, state, opens_on, closes_on)| {
            (
                which == "news",
                HomeTopic {
                    id,
                    state,
                    opens_on,
                    closes_on,
                },
            )
        })
        .collect())
}

/// What a member's home needs of a topic.
pub struct HomeTopic {
    pub id: i64,
    pub state: String,
    pub opens_on: String,
    pub closes_on: String,
}

/// Whether the member ($1) is in topic `t`'s audience: every member when
/// it names no group, else a member of one of its groups.
const AUDIENCE: &str = "NOT EXISTS (SELECT 1 FROM speakerbox_topic_groups tg WHERE tg.topic_id = t.id) \
     OR EXISTS (SELECT 1 FROM speakerbox_topic_groups tg JOIN speakerbox_member_groups mg \
     ON mg.group_id = tg.group_id WHERE tg.topic_id = t.id AND mg.child_id = $1)";

/// Whether the child is in the topic's audience.
pub async fn in_audience(db: &Db, topic_id: i64, child_id: i64) -> anyhow::Result<bool> {
    let n: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM speakerbox_topics t WHERE t.id = $2 AND ({AUDIENCE})"
    ))
    .bind(child_id)
    .bind(topic_id)
    .fetch_one(db.pool())
    .await?;
    Ok(n > 0)
}

/// The topic's groups: (id, name); none when it is for every member.
pub async fn topic_groups(db: &Db, topic_id: i64) -> anyhow::Result<Vec<(i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT g.id, g.name FROM speakerbox_topic_groups tg JOIN speakerbox_groups g \
         ON g.id = tg.group_id WHERE tg.topic_id = $1 ORDER BY g.name",
    )
    .bind(topic_id)
    .fetch_all(db.pool())
    .await?)
}

async fn set_topic_groups(tx: &mut Tx, topic_id: i64, groups: &[i64]) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM speakerbox_topic_groups WHERE topic_id = $1")
        .bind(topic_id)
        .execute(&mut **tx)
        .await?;
    for group in groups {
        sqlx::query("INSERT INTO speakerbox_topic_groups (topic_id, group_id) VALUES ($1, $2)")
            .bind(topic_id)
            .bind(group)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

pub async fn insert_topic(tx: &mut Tx, topic: &NewTopic, by: i64, now: i64) -> anyhow::Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO speakerbox_topics (title, body, question, choices, several, opens_on, \
         closes_on, state, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'draft', $8, $9) RETURNING id",
    )
    .bind(&topic.title)
    .bind(&topic.body)
    .bind(&topic.question)
    .bind(&topic.choices)
    .bind(i64::from(topic.several))
    .bind(crate::storage::iso_date_of(topic.opens_on))
    .bind(crate::storage::iso_date_of(topic.closes_on))
    .bind(by)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    set_topic_groups(tx, id, &topic.groups).await?;
    Ok(id)
}

/// Changes a draft (a published topic's words stay as members read them).
pub async fn update_draft(tx: &mut Tx, id: i64, topic: &NewTopic) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE speakerbox_topics SET title = $1, body = $2, question = $3, choices = $4, \
         several = $5, opens_on = $6, closes_on = $7 WHERE id = $8 AND state = 'draft'",
    )
    .bind(&topic.title)
    .bind(&topic.body)
    .bind(&topic.question)
    .bind(&topic.choices)
    .bind(i64::from(topic.several))
    .bind(crate::storage::iso_date_of(topic.opens_on))
    .bind(crate::storage::iso_date_of(topic.closes_on))
    .bind(id)
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    set_topic_groups(tx, id, &topic.groups).await?;
    Ok(true)
}

pub async fn publish(tx: &mut Tx, id: i64, now: i64) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE speakerbox_topics SET state = 'published', published_at = $1 \
         WHERE id = $2 AND state = 'draft'",
    )
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Closes a topic early: from today its results can be read.
pub async fn close(tx: &mut Tx, id: i64) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE speakerbox_topics SET state = 'closed' WHERE id = $1 AND state = 'published'",
    )
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// The topic's words in a language, where the CRO gave them.
pub async fn translation(
    db: &Db,
    topic_id: i64,
    language: &str,
) -> anyhow::Result<Option<TopicWords>> {
    let row: Option<(String, String, String, String)> = sqlx::query_as(
        "SELECT title, body, question, choices FROM speakerbox_translations \
         WHERE topic_id = $1 AND language = $2",
    )
    .bind(topic_id)
    .bind(language)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|(title, body, question, choices)| TopicWords {
        title,
        body,
        question,
        choices,
    }))
}

/// The languages a topic has been translated into.
pub async fn translations(db: &Db, topic_id: i64) -> anyhow::Result<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT language FROM speakerbox_translations WHERE topic_id = $1 ORDER BY language",
    )
    .bind(topic_id)
    .fetch_all(db.pool())
    .await?)
}

pub async fn save_translation(
    tx: &mut Tx,
    topic_id: i64,
    language: &str,
    words: &TopicWords,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO speakerbox_translations (topic_id, language, title, body, question, choices) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (topic_id, language) DO UPDATE SET \
         title = excluded.title, body = excluded.body, question = excluded.question, \
         choices = excluded.choices",
    )
    .bind(topic_id)
    .bind(language)
    .bind(&words.title)
    .bind(&words.body)
    .bind(&words.question)
    .bind(&words.choices)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Whether any of these marks says the topic was answered.
pub async fn answered<'e, E>(executor: E, topic_id: i64, marks: &[String]) -> anyhow::Result<bool>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let placeholders: Vec<String> = (0..marks.len()).map(|i| format!("${}", i + 2)).collect();
    if marks.is_empty() {
        return Ok(false);
    }
    let sql = format!(
        "SELECT COUNT(*) FROM speakerbox_answered WHERE topic_id = $1 AND mark IN ({})",
        placeholders.join(", ")
    );
    let mut query = sqlx::query_scalar::<_, i64>(&sql).bind(topic_id);
    for mark in marks {
        query = query.bind(mark);
    }
    Ok(query.fetch_one(executor).await? > 0)
}

/// Which of these topics a member answered, by their marks: (topic, mark)
/// pairs are asked for all at once.
pub async fn answered_topics(db: &Db, marks: &[(i64, String)]) -> anyhow::Result<Vec<i64>> {
    let mut answered = Vec::new();
    // A member's topics are a handful; one query each would do, but a
    // page reads them together.
    for chunk in marks.chunks(100) {
        let placeholders: Vec<String> = (0..chunk.len())
            .map(|i| format!("(${}, ${})", 2 * i + 1, 2 * i + 2))
            .collect();
        let sql = format!(
            "SELECT topic_id FROM speakerbox_answered WHERE (topic_id, mark) IN (VALUES {})",
            placeholders.join(", ")
        );
        let mut query = sqlx::query_scalar::<_, i64>(&sql);
        for (topic, mark) in chunk {
            query = query.bind(topic).bind(mark);
        }
        answered.extend(query.fetch_all(db.pool()).await?);
    }
    Ok(answered)
}

pub async fn insert_mark(tx: &mut Tx, topic_id: i64, mark: &str) -> anyhow::Result<()> {
    sqlx::query("INSERT INTO speakerbox_answered (topic_id, mark) VALUES ($1, $2)")
        .bind(topic_id)
        .bind(mark)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The member's answer with their name: (id, choices, words).
pub async fn named_answer<'e, E>(
    executor: E,
    topic_id: i64,
    child_id: i64,
) -> anyhow::Result<Option<(String, String, String)>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    Ok(sqlx::query_as(
        "SELECT id, choices, words FROM speakerbox_answers WHERE topic_id = $1 AND child_id = $2",
    )
    .bind(topic_id)
    .bind(child_id)
    .fetch_optional(executor)
    .await?)
}

/// An answer to keep. `child_id` only with the member's name.
pub struct NewAnswer<'a> {
    pub id: &'a str,
    pub topic_id: i64,
    pub child_id: Option<i64>,
    pub choices: &'a str,
    pub words: &'a str,
    pub language: Option<&'a str>,
    /// The day, `YYYY-MM-DD`: no finer time is kept.
    pub answered_on: &'a str,
}

pub async fn insert_answer(tx: &mut Tx, answer: &NewAnswer<'_>) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO speakerbox_answers (id, topic_id, child_id, choices, words, language, answered_on) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(answer.id)
    .bind(answer.topic_id)
    .bind(answer.child_id)
    .bind(answer.choices)
    .bind(answer.words)
    .bind(answer.language)
    .bind(answer.answered_on)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Changes a named answer in place.
pub async fn update_answer(tx: &mut Tx, answer: &NewAnswer<'_>) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE speakerbox_answers SET choices = $1, words = $2, language = $3, answered_on = $4 \
         WHERE id = $5 AND child_id IS NOT NULL",
    )
    .bind(answer.choices)
    .bind(answer.words)
    .bind(answer.language)
    .bind(answer.answered_on)
    .bind(answer.id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A named answer made anonymous goes, for a new one without the name.
pub async fn delete_named_answer(tx: &mut Tx, id: &str) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM speakerbox_answers WHERE id = $1 AND child_id IS NOT NULL")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// An answer as the results read it.
#[derive(sqlx::FromRow)]
pub struct AnswerRow {
    pub id: String,
    /// The child's first (or chosen) name, only with a named answer.
    pub name: Option<String>,
    pub choices: String,
    pub words: String,
    pub language: Option<String>,
    pub answered_on: String,
    pub hidden_reason: Option<String>,
}

/// A topic's answers, oldest day first (then in no telling order).
pub async fn answers(db: &Db, topic_id: i64) -> anyhow::Result<Vec<AnswerRow>> {
    Ok(sqlx::query_as(
        "SELECT a.id, COALESCE(c.preferred_name, c.first_name) AS name, a.choices, a.words, \
         a.language, a.answered_on, a.hidden_reason FROM speakerbox_answers a \
         LEFT JOIN children c ON c.id = a.child_id WHERE a.topic_id = $1 \
         ORDER BY a.answered_on, a.id",
    )
    .bind(topic_id)
    .fetch_all(db.pool())
    .await?)
}

/// The members whose written answer to a topic carries their name.
pub async fn named_writers(db: &Db, topic_id: i64) -> anyhow::Result<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT child_id FROM speakerbox_answers WHERE topic_id = $1 AND child_id IS NOT NULL \
         AND words <> '' ORDER BY child_id",
    )
    .bind(topic_id)
    .fetch_all(db.pool())
    .await?)
}

/// The CRO hides an answer's words: kept, with why, who and when.
pub async fn hide(
    tx: &mut Tx,
    topic_id: i64,
    answer_id: &str,
    reason: &str,
    by: i64,
    now: i64,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE speakerbox_answers SET hidden_reason = $1, hidden_by = $2, hidden_at = $3 \
         WHERE id = $4 AND topic_id = $5 AND hidden_reason IS NULL",
    )
    .bind(reason)
    .bind(by)
    .bind(now)
    .bind(answer_id)
    .bind(topic_id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// The members a topic is for, with the email address on their account:
/// (child id, email).
pub async fn audience_emails(
    tx: &mut Tx,
    topic_id: i64,
) -> anyhow::Result<Vec<(i64, Option<String>)>> {
    Ok(sqlx::query_as(&format!(
        "SELECT m.child_id, a.email FROM speakerbox_members m JOIN children c ON c.id = m.child_id \
         JOIN accounts a ON a.id = c.account_id JOIN speakerbox_topics t ON t.id = $1 \
         WHERE m.left_at IS NULL AND a.disabled_at IS NULL AND ({}) ORDER BY m.child_id",
        AUDIENCE.replace("$1", "m.child_id")
    ))
    .bind(topic_id)
    .fetch_all(&mut **tx)
    .await?)
}

/// Publishes a "you said, we did" item for a topic.
pub async fn insert_item(
    tx: &mut Tx,
    topic_id: i64,
    item: &super::rules::NewItem,
    by: i64,
    now: i64,
) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO speakerbox_items (topic_id, said, did, responsible, status, published_by, \
         published_at, status_since) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
    )
    .bind(topic_id)
    .bind(&item.said)
    .bind(&item.did)
    .bind(&item.responsible)
    .bind(item.status)
    .bind(by)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?)
}

/// The topic an item is about, when there is such an item.
pub async fn item_topic(db: &Db, id: i64) -> anyhow::Result<Option<i64>> {
    Ok(
        sqlx::query_scalar("SELECT topic_id FROM speakerbox_items WHERE id = $1")
            .bind(id)
            .fetch_optional(db.pool())
            .await?,
    )
}

/// How many answers each topic has: (topic, answers).
pub async fn answer_counts(db: &Db) -> anyhow::Result<Vec<(i64, i64)>> {
    Ok(
        sqlx::query_as("SELECT topic_id, COUNT(*) FROM speakerbox_answers GROUP BY topic_id")
            .fetch_all(db.pool())
            .await?,
    )
}

/// An update to an item; a new status is the item's from now.
pub async fn add_update(
    tx: &mut Tx,
    item_id: i64,
    body: &str,
    status: &str,
    by: i64,
    now: i64,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO speakerbox_item_updates (item_id, body, status, written_by, written_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(item_id)
    .bind(body)
    .bind(status)
    .bind(by)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "UPDATE speakerbox_items SET status = $1, status_since = $2 WHERE id = $3 AND status <> $1",
    )
    .bind(status)
    .bind(now)
    .bind(item_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// An item as the board reads it, with the time of its latest news.
#[derive(sqlx::FromRow)]
pub struct ItemRow {
    pub id: i64,
    pub topic_id: i64,
    pub topic: String,
    pub said: String,
    pub did: String,
    pub responsible: String,
    pub status: String,
    pub published_at: i64,
    pub status_since: i64,
    pub latest: i64,
}

/// The items (of one topic, or all), newest news first.
pub async fn items(db: &Db, topic_id: Option<i64>) -> anyhow::Result<Vec<ItemRow>> {
    Ok(sqlx::query_as(
        "SELECT i.id, i.topic_id, t.title AS topic, i.said, i.did, i.responsible, i.status, \
         i.published_at, i.status_since, \
         COALESCE((SELECT MAX(u.written_at) FROM speakerbox_item_updates u WHERE u.item_id = i.id), \
         i.published_at) AS latest \
         FROM speakerbox_items i JOIN speakerbox_topics t ON t.id = i.topic_id \
         WHERE $1 = 0 OR i.topic_id = $1 ORDER BY latest DESC, i.id DESC",
    )
    .bind(topic_id.unwrap_or(0))
    .fetch_all(db.pool())
    .await?)
}

/// Every update: (item, when, words, status), oldest first.
pub async fn updates(db: &Db) -> anyhow::Result<Vec<(i64, i64, String, String)>> {
    Ok(sqlx::query_as(
        "SELECT item_id, written_at, body, status FROM speakerbox_item_updates ORDER BY written_at, id",
    )
    .fetch_all(db.pool())
    .await?)
}

/// When the child `c` last opened the board while a member (NULL for a
/// child who is not one), as a column for a query over `children c` (the
/// home page reads it with the rest of the child's home in one query).
pub const BOARD_SEEN_OF_MEMBER: &str = "(SELECT m.board_seen_at FROM speakerbox_members m \
     WHERE m.child_id = c.id AND m.left_at IS NULL)";

/// When the member last opened the board.
pub async fn board_seen(db: &Db, child_id: i64) -> anyhow::Result<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT board_seen_at FROM speakerbox_members WHERE child_id = $1 AND left_at IS NULL",
    )
    .bind(child_id)
    .fetch_optional(db.pool())
    .await?)
}

pub async fn set_board_seen(db: &Db, child_id: i64, now: i64) -> anyhow::Result<()> {
    sqlx::query("UPDATE speakerbox_members SET board_seen_at = $1 WHERE child_id = $2")
        .bind(now)
        .bind(child_id)
        .execute(db.pool())
        .await?;
    Ok(())
}
