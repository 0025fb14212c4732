//! Speakerbox, the Children in Care Council. The CRO (or a manager)
//! records a young person as a member, with their agreement, by the
//! sign-in name they chose (the CRO never needs their real name); a member
//! can leave from their own page. The CRO writes topics as drafts,
//! publishes them (members are emailed that there is something new,
//! without its words) and can close them early. Members answer while a
//! topic is open, with or without their name.
//!
//! Without their name, nothing kept with the answer leads back to them:
//! the answer's id is random, the day is its only time, no audit entry is
//! written, and the address it is sent to names no topic. One answer per
//! member is kept by a separate keyed mark (`rules::mark`: a keyed hash of
//! topic and member with the server's secret) that says only that the
//! member answered. Such an answer cannot be shown to them or changed,
//! and the page says so before they send. If its words suggest they may
//! not be safe, they are shown Help now and asked whether their IRO may be
//! told who they are; nothing is raised unless they say yes.
//!
//! Results (poll counts, how many answered) are read only once a topic is
//! closed, by staff and members alike, through `disclosure`; the written
//! answers by the CRO only, with a first name where the member gave it.

pub mod notify;
pub mod rules;
pub mod store;

use app::{
    accounts::{CurrentUser, Pending, Refusal, Role},
    speakerbox::{
        AnswerForm, Board, HideForm, Item, ItemForm, Member, MemberForm, MemberTopic, Members,
        MySpeakerbox, SpeakerboxApi, StaffTopic, Stale, Status, TopicEditing, TopicForm, TopicLine,
        TopicRow, Topics, Words, WrittenAnswer,
    },
};

use crate::{
    accounts::{
        audit::{AuditAction, record},
        for_page,
    },
    calendar::today,
    safety,
    storage::{Db, iso_date_of, now_millis, settings},
};
use rules::{Asks, Problems, TopicWords, choices_of, status};
use store::TopicRecord;

fn is_staff(user: &CurrentUser) -> bool {
    matches!(user.role, Role::ChildrensRightsOfficer | Role::Manager)
}

fn is_cro(user: &CurrentUser) -> bool {
    user.role == Role::ChildrensRightsOfficer
}

/// The child behind a child's account.
async fn child_of(db: &Db, user: &CurrentUser) -> anyhow::Result<Option<i64>> {
    if user.role != Role::Child {
        return Ok(None);
    }
    store::child_of_account(db, user.account_id).await
}

/// The child behind the account, while they are a member.
async fn member_of(db: &Db, user: &CurrentUser) -> anyhow::Result<Option<i64>> {
    let Some(child_id) = child_of(db, user).await? else {
        return Ok(None);
    };
    Ok(store::member_since(db, child_id).await?.map(|_| child_id))
}

fn status_of(topic: &TopicRecord) -> Status {
    status(&topic.state, &topic.opens_on, &topic.closes_on, today())
}

fn english(topic: &TopicRecord) -> TopicWords {
    TopicWords {
        title: topic.title.clone(),
        body: topic.body.clone(),
        question: topic.question.clone(),
        choices: topic.choices.clone(),
    }
}

fn words_of(words: TopicWords, lang: &str) -> Words {
    Words {
        title: words.title,
        body: words.body,
        question: words.question,
        choices: choices_of(&words.choices),
        lang: lang.to_owned(),
    }
}

/// A topic's words in the reader's language where the CRO gave them,
/// otherwise the English (marked `en`).
async fn words_for(db: &Db, topic: &TopicRecord, lang: &str) -> anyhow::Result<Words> {
    if lang != "en"
        && let Some(words) = store::translation(db, topic.id, lang).await?
    {
        return Ok(words_of(words, lang));
    }
    Ok(words_of(english(topic), "en"))
}

/// The marks for this member and topic, one for each of the server's keys
/// (the current one first), so a key changed mid-topic still knows them.
fn marks(keys: &[Vec<u8>], topic_id: i64, child_id: i64) -> Vec<String> {
    keys.iter()
        .map(|key| rules::mark(key, topic_id, child_id))
        .collect()
}

/// A published topic the member may open: (topic, its status).
async fn member_may_open(
    db: &Db,
    child_id: i64,
    id: i64,
) -> anyhow::Result<Option<(TopicRecord, Status)>> {
    let Some(topic) = store::topic(db, id).await? else {
        return Ok(None);
    };
    let status = status_of(&topic);
    if status == Status::Draft || !store::in_audience(db, id, child_id).await? {
        return Ok(None);
    }
    Ok(Some((topic, status)))
}

/// A closed topic's results, through the disclosure rule in force.
async fn results_of(db: &Db, topic: &TopicRecord) -> anyhow::Result<app::speakerbox::Results> {
    let rule = settings::disclosure_rule(db).await?;
    let answers = store::answers(db, topic.id).await?;
    let picked: Vec<&str> = answers.iter().map(|a| a.choices.as_str()).collect();
    Ok(rules::results(
        rule,
        &choices_of(&topic.choices),
        topic.several == 1,
        &picked,
    ))
}

/// The signed-in child's Speakerbox: `None` for anyone but a child.
pub async fn mine(
    db: &Db,
    keys: &[Vec<u8>],
    user: &CurrentUser,
    lang: &str,
) -> anyhow::Result<Option<MySpeakerbox>> {
    let Some(child_id) = child_of(db, user).await? else {
        return Ok(None);
    };
    let Some(since) = store::member_since(db, child_id).await? else {
        return Ok(Some(MySpeakerbox {
            member_since: None,
            topics: Vec::new(),
        }));
    };
    let topics = store::member_topics(db, child_id).await?;
    let asked: Vec<(i64, String)> = topics
        .iter()
        .flat_map(|t| {
            marks(keys, t.id, child_id)
                .into_iter()
                .map(move |m| (t.id, m))
        })
        .collect();
    let answered = store::answered_topics(db, &asked).await?;
    let mut lines = Vec::new();
    for topic in &topics {
        let words = words_for(db, topic, lang).await?;
        lines.push(TopicLine {
            id: topic.id,
            title: words.title,
            lang: words.lang,
            status: status_of(topic),
            closes_on: topic.closes_on.clone(),
            answered: answered.contains(&topic.id),
        });
    }
    // Open first, then waiting, then closed; newest first within each.
    lines.sort_by_key(|l| match l.status {
        Status::Open => 0,
        Status::Waiting => 1,
        _ => 2,
    });
    Ok(Some(MySpeakerbox {
        member_since: Some(since),
        topics: lines,
    }))
}

/// One topic for a member: `None` for anyone else, a draft, or a topic
/// not for them.
pub async fn member_topic(
    db: &Db,
    keys: &[Vec<u8>],
    user: &CurrentUser,
    id: i64,
    lang: &str,
) -> anyhow::Result<Option<MemberTopic>> {
    let Some(child_id) = member_of(db, user).await? else {
        return Ok(None);
    };
    let Some((topic, status)) = member_may_open(db, child_id, id).await? else {
        return Ok(None);
    };
    let mine = store::named_answer(db.pool(), id, child_id)
        .await?
        .map(|(_, choices, words)| {
            (
                choices
                    .split(',')
                    .filter_map(|p| p.parse::<usize>().ok())
                    .collect(),
                words,
            )
        });
    let answered = store::answered(db.pool(), id, &marks(keys, id, child_id)).await?;
    let results = if status == Status::Closed {
        Some(results_of(db, &topic).await?)
    } else {
        None
    };
    Ok(Some(MemberTopic {
        id,
        words: words_for(db, &topic, lang).await?,
        several: topic.several == 1,
        status,
        opens_on: topic.opens_on.clone(),
        closes_on: topic.closes_on.clone(),
        answered_without_name: answered && mine.is_none(),
        mine,
        results,
    }))
}

/// What became of an answer.
#[derive(Debug, PartialEq, Eq)]
pub enum Answered {
    /// Kept; back to the topic.
    Kept(i64),
    /// Kept with their name, and their words suggest they may not be
    /// safe: their IRO has been told (without the words); Help now.
    Help(i64),
    /// Kept without their name, and their words suggest they may not be
    /// safe: Help now, and ask whether their IRO may know who they are.
    AskAboutIro(i64),
}

/// A member answers (or changes their answer) while the topic is open.
/// `Ok(None)` for anyone who may not; problems keep nothing.
pub async fn answer(
    db: &Db,
    keys: &[Vec<u8>],
    user: &CurrentUser,
    form: &AnswerForm,
    base_url: &str,
) -> anyhow::Result<Option<Result<Answered, Problems>>> {
    let Some(child_id) = member_of(db, user).await? else {
        return Ok(None);
    };
    let Ok(id) = form.topic.trim().parse::<i64>() else {
        return Ok(None);
    };
    let Some((topic, status)) = member_may_open(db, child_id, id).await? else {
        return Ok(None);
    };
    if status != Status::Open {
        return Ok(Some(Err(vec![("topic", "speakerbox-error-not-open")])));
    }
    let asks = Asks {
        question: !topic.question.is_empty(),
        choices: choices_of(&topic.choices).len(),
        several: topic.several == 1,
    };
    let answer = match rules::parse_answer(form, &asks) {
        Ok(answer) => answer,
        Err(problems) => return Ok(Some(Err(problems))),
    };
    let marks = marks(keys, id, child_id);
    let language = app::i18n::Locale::from_code(&form.language).map(|l| l.code());
    let day = iso_date_of(today());
    let mut tx = db.begin_write().await?;
    let named_before = store::named_answer(&mut *tx, id, child_id).await?;
    let answered = store::answered(&mut *tx, id, &marks).await?;
    if answered && named_before.is_none() {
        // Their answer without their name is theirs for good: nothing
        // links it to them, so it cannot be found to change.
        return Ok(Some(Err(vec![(
            "topic",
            "speakerbox-error-answered-without-name",
        )])));
    }
    let choices = answer.choices_text();
    let new_id = rules::answer_id();
    let kept = store::NewAnswer {
        id: &new_id,
        topic_id: id,
        child_id: answer.named.then_some(child_id),
        choices: &choices,
        words: &answer.words,
        language,
        answered_on: &day,
    };
    match (&named_before, answer.named) {
        (Some((old, ..)), true) => {
            store::update_answer(&mut tx, &store::NewAnswer { id: old, ..kept }).await?;
        }
        (Some((old, ..)), false) => {
            store::delete_named_answer(&mut tx, old).await?;
            store::insert_answer(&mut tx, &kept).await?;
        }
        (None, _) => {
            store::insert_answer(&mut tx, &kept).await?;
            store::insert_mark(&mut tx, id, &marks[0]).await?;
        }
    }
    let risk = safety::has_risk_phrase(&answer.words);
    let done = if answer.named {
        record(
            &mut *tx,
            Some(user.account_id),
            AuditAction::SpeakerboxAnswered,
            Some(format!("speakerbox:{id}")),
        )
        .await?;
        if risk {
            safety::raise_alert(
                &mut tx,
                child_id,
                safety::Source::Speakerbox(id),
                "words",
                base_url,
            )
            .await?;
            Answered::Help(id)
        } else {
            Answered::Kept(id)
        }
    } else if risk {
        Answered::AskAboutIro(id)
    } else {
        Answered::Kept(id)
    };
    tx.commit().await?;
    Ok(Some(Ok(done)))
}

/// After an answer without their name that suggests they may not be
/// safe, the member says whether their IRO may be told who they are. Yes
/// raises an alert (naming the child and the topic, never the answer);
/// no keeps nothing. `None` for anyone who could not have answered it.
pub async fn tell_iro(
    db: &Db,
    user: &CurrentUser,
    id: i64,
    yes: bool,
    base_url: &str,
) -> anyhow::Result<Option<()>> {
    let Some(child_id) = member_of(db, user).await? else {
        return Ok(None);
    };
    if member_may_open(db, child_id, id).await?.is_none() {
        return Ok(None);
    }
    if yes {
        let mut tx = db.begin_write().await?;
        safety::raise_alert(
            &mut tx,
            child_id,
            safety::Source::Speakerbox(id),
            "words",
            base_url,
        )
        .await?;
        tx.commit().await?;
    }
    Ok(Some(()))
}

/// The member leaves. `None` for anyone but a member.
pub async fn leave(db: &Db, user: &CurrentUser) -> anyhow::Result<Option<()>> {
    let Some(child_id) = member_of(db, user).await? else {
        return Ok(None);
    };
    let mut tx = db.begin_write().await?;
    store::leave(&mut tx, child_id, now_millis()).await?;
    record(
        &mut *tx,
        Some(user.account_id),
        AuditAction::SpeakerboxMemberLeft,
        Some(format!("child:{child_id}")),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(()))
}

/// The CRO or a manager adds a member (or changes a member's groups):
/// the young person's sign-in name, and their agreement.
pub async fn add_member(
    db: &Db,
    user: &CurrentUser,
    form: &MemberForm,
) -> anyhow::Result<Option<Result<(), Problems>>> {
    if !is_staff(user) {
        return Ok(None);
    }
    let known: Vec<i64> = store::groups(db).await?.iter().map(|g| g.0).collect();
    let (name, groups) = match rules::parse_member(form, &known) {
        Ok(parsed) => parsed,
        Err(problems) => return Ok(Some(Err(problems))),
    };
    let Some(child_id) = store::child_by_sign_in_name(db, &name).await? else {
        return Ok(Some(Err(vec![(
            "sign_in_name",
            "speakerbox-error-no-such-name",
        )])));
    };
    let mut tx = db.begin_write().await?;
    store::add_member(
        &mut tx,
        child_id,
        &iso_date_of(today()),
        user.account_id,
        now_millis(),
        &groups,
    )
    .await?;
    record(
        &mut *tx,
        Some(user.account_id),
        AuditAction::SpeakerboxMemberAdded,
        Some(format!("child:{child_id}")),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(Ok(())))
}

/// The CRO or a manager adds a group.
pub async fn add_group(
    db: &Db,
    user: &CurrentUser,
    form: &MemberForm,
) -> anyhow::Result<Option<Result<(), Problems>>> {
    if !is_staff(user) {
        return Ok(None);
    }
    let name = match rules::parse_group(form) {
        Ok(name) => name,
        Err(problems) => return Ok(Some(Err(problems))),
    };
    if store::group_named(db, &name).await? {
        return Ok(Some(Err(vec![(
            "group_name",
            "speakerbox-error-group-taken",
        )])));
    }
    let mut tx = db.begin_write().await?;
    let id = store::insert_group(&mut tx, &name, now_millis()).await?;
    record(
        &mut *tx,
        Some(user.account_id),
        AuditAction::SpeakerboxGroupAdded,
        Some(format!("speakerbox-group:{id}")),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(Ok(())))
}

/// The members and groups, for the CRO and managers.
pub async fn members(db: &Db, user: &CurrentUser) -> anyhow::Result<Option<Members>> {
    if !is_staff(user) {
        return Ok(None);
    }
    let in_groups = store::member_groups(db).await?;
    let members = store::members(db)
        .await?
        .into_iter()
        .map(|m| Member {
            groups: in_groups
                .iter()
                .filter(|(child, _)| *child == m.child_id)
                .map(|(_, name)| name.clone())
                .collect(),
            child_id: m.child_id,
            sign_in_name: m.sign_in_name,
            agreed_on: m.agreed_on,
        })
        .collect();
    Ok(Some(Members {
        members,
        groups: store::groups(db).await?,
    }))
}

/// Every topic, for the CRO and managers: how many answered once closed.
pub async fn topics(db: &Db, user: &CurrentUser) -> anyhow::Result<Option<Topics>> {
    if !is_staff(user) {
        return Ok(None);
    }
    let rule = settings::disclosure_rule(db).await?;
    let counts = store::answer_counts(db).await?;
    let mut rows = Vec::new();
    for topic in store::topics(db).await? {
        let status = status_of(&topic);
        let answers = (status == Status::Closed).then(|| {
            let n = counts
                .iter()
                .find(|(id, _)| *id == topic.id)
                .map_or(0, |(_, n)| *n);
            rule.one(n)
        });
        rows.push(TopicRow {
            id: topic.id,
            title: topic.title,
            status,
            opens_on: topic.opens_on,
            closes_on: topic.closes_on,
            answers,
        });
    }
    let (stale, planned_months) = stale(db).await?;
    Ok(Some(Topics {
        rows,
        may_write: is_cro(user),
        stale,
        planned_months,
    }))
}

/// One topic for the CRO and managers: the results once closed; the
/// written answers for the CRO only (the reading audited).
pub async fn staff_topic(
    db: &Db,
    user: &CurrentUser,
    id: i64,
) -> anyhow::Result<Option<StaffTopic>> {
    if !is_staff(user) {
        return Ok(None);
    }
    let Some(topic) = store::topic(db, id).await? else {
        return Ok(None);
    };
    let status = status_of(&topic);
    let (results, written) = if status == Status::Closed {
        let results = results_of(db, &topic).await?;
        let written = if is_cro(user) {
            let answers = store::answers(db, id).await?;
            // A member whose words carry their name is shown, on their
            // home, that the CRO read them (one entry for each such
            // member); answers without a name are one entry for the topic.
            for child in store::named_writers(db, id).await? {
                record(
                    db.pool(),
                    Some(user.account_id),
                    AuditAction::SpeakerboxAnswersRead,
                    Some(format!(
                        "{}/speakerbox:{id}",
                        crate::accounts::access::child_subject(child)
                    )),
                )
                .await?;
            }
            let written: Vec<WrittenAnswer> = answers
                .into_iter()
                .filter(|a| !a.words.is_empty())
                .map(|a| WrittenAnswer {
                    id: a.id,
                    name: a.name,
                    words: if a.hidden_reason.is_some() {
                        String::new()
                    } else {
                        a.words
                    },
                    language: a.language,
                    answered_on: a.answered_on,
                    hidden: a.hidden_reason,
                })
                .collect();
            if !written.is_empty() {
                record(
                    db.pool(),
                    Some(user.account_id),
                    AuditAction::SpeakerboxAnswersRead,
                    Some(format!("speakerbox:{id}")),
                )
                .await?;
            }
            written
        } else {
            Vec::new()
        };
        (Some(results), written)
    } else {
        (None, Vec::new())
    };
    Ok(Some(StaffTopic {
        id,
        words: words_of(english(&topic), "en"),
        several: topic.several == 1,
        status,
        opens_on: topic.opens_on.clone(),
        closes_on: topic.closes_on.clone(),
        audience: store::topic_groups(db, id)
            .await?
            .into_iter()
            .map(|(_, name)| name)
            .collect(),
        translations: store::translations(db, id).await?,
        may_write: is_cro(user),
        results,
        written,
        items: load_items(db, Some(id))
            .await?
            .into_iter()
            .map(|(item, _)| item)
            .collect(),
    }))
}

/// A topic to write (`id` 0) or a draft to change, for the CRO.
pub async fn editing(db: &Db, user: &CurrentUser, id: i64) -> anyhow::Result<Option<TopicEditing>> {
    if !is_cro(user) {
        return Ok(None);
    }
    let groups: Vec<(i64, String)> = store::groups(db)
        .await?
        .into_iter()
        .map(|(id, name, _)| (id, name))
        .collect();
    if id == 0 {
        return Ok(Some(TopicEditing {
            topic: None,
            form: TopicForm {
                audience: "all".to_owned(),
                ..TopicForm::default()
            },
            groups,
        }));
    }
    let Some(topic) = staff_topic(db, user, id).await? else {
        return Ok(None);
    };
    if topic.status != Status::Draft {
        return Ok(None);
    }
    let chosen: Vec<String> = store::topic_groups(db, id)
        .await?
        .into_iter()
        .map(|(id, _)| id.to_string())
        .collect();
    let form = TopicForm {
        title: topic.words.title.clone(),
        body: topic.words.body.clone(),
        question: topic.words.question.clone(),
        choices: topic.words.choices.join("\n"),
        several: if topic.several { "yes" } else { "" }.to_owned(),
        audience: if chosen.is_empty() { "all" } else { "groups" }.to_owned(),
        groups: chosen,
        opens_on: topic.opens_on.clone(),
        closes_on: topic.closes_on.clone(),
        language: String::new(),
        errors: Vec::new(),
    };
    Ok(Some(TopicEditing {
        topic: Some(topic),
        form,
        groups,
    }))
}

/// The CRO saves a new topic as a draft (`id` None) or changes a draft.
pub async fn save_topic(
    db: &Db,
    user: &CurrentUser,
    id: Option<i64>,
    form: &TopicForm,
) -> anyhow::Result<Option<Result<i64, Problems>>> {
    if !is_cro(user) {
        return Ok(None);
    }
    if let Some(id) = id {
        let Some(topic) = store::topic(db, id).await? else {
            return Ok(None);
        };
        if topic.state != "draft" {
            return Ok(None);
        }
    }
    let known: Vec<i64> = store::groups(db).await?.iter().map(|g| g.0).collect();
    let topic = match rules::parse_topic(form, &known) {
        Ok(topic) => topic,
        Err(problems) => return Ok(Some(Err(problems))),
    };
    let mut tx = db.begin_write().await?;
    let id = match id {
        Some(id) => {
            store::update_draft(&mut tx, id, &topic).await?;
            id
        }
        None => store::insert_topic(&mut tx, &topic, user.account_id, now_millis()).await?,
    };
    record(
        &mut *tx,
        Some(user.account_id),
        AuditAction::SpeakerboxTopicSaved,
        Some(format!("speakerbox:{id}")),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(Ok(id)))
}

/// What the CRO does to a topic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Publish,
    Close,
    Hide,
    Translate,
    Item,
}

impl Action {
    pub fn from_path(text: &str) -> Option<Action> {
        match text {
            "publish" => Some(Action::Publish),
            "close" => Some(Action::Close),
            "hide" => Some(Action::Hide),
            "translate" => Some(Action::Translate),
            "item" => Some(Action::Item),
            _ => None,
        }
    }
}

/// The CRO publishes a draft (members are told), closes an open topic
/// early, or hides a written answer from a closed one (kept, with the
/// reason, audited). `Ok(None)` for anyone else or no such topic.
pub async fn act(
    db: &Db,
    user: &CurrentUser,
    id: i64,
    action: Action,
    hide: &HideForm,
    base_url: &str,
) -> anyhow::Result<Option<Result<(), Problems>>> {
    if !is_cro(user) {
        return Ok(None);
    }
    let Some(topic) = store::topic(db, id).await? else {
        return Ok(None);
    };
    let status = status_of(&topic);
    let now = now_millis();
    let mut tx = db.begin_write().await?;
    let (audit, subject) = match action {
        Action::Publish => {
            if status != Status::Draft {
                return Ok(Some(Err(vec![("topic", "speakerbox-error-not-draft")])));
            }
            if crate::calendar::parse_date(&topic.closes_on).is_none_or(|d| d < today()) {
                return Ok(Some(Err(vec![("topic", "speakerbox-error-closes-past")])));
            }
            store::publish(&mut tx, id, now).await?;
            notify::topic_published(&mut tx, id, &topic.opens_on, &topic.closes_on, base_url)
                .await?;
            (
                AuditAction::SpeakerboxTopicPublished,
                format!("speakerbox:{id}"),
            )
        }
        Action::Close => {
            if !matches!(status, Status::Open | Status::Waiting) {
                return Ok(Some(Err(vec![(
                    "topic",
                    "speakerbox-error-not-open-to-close",
                )])));
            }
            store::close(&mut tx, id).await?;
            (
                AuditAction::SpeakerboxTopicClosed,
                format!("speakerbox:{id}"),
            )
        }
        Action::Hide => {
            if status != Status::Closed {
                return Ok(None);
            }
            let reason = match rules::parse_reason(&hide.reason) {
                Ok(reason) => reason,
                Err(problems) => return Ok(Some(Err(problems))),
            };
            if !store::hide(
                &mut tx,
                id,
                hide.answer.trim(),
                &reason,
                user.account_id,
                now,
            )
            .await?
            {
                return Ok(None);
            }
            (
                AuditAction::SpeakerboxAnswerHidden,
                format!("speakerbox-answer:{}", hide.answer.trim()),
            )
        }
        Action::Translate | Action::Item => return Ok(None),
    };
    record(&mut *tx, Some(user.account_id), audit, Some(subject)).await?;
    tx.commit().await?;
    Ok(Some(Ok(())))
}

/// The CRO gives (or changes) a topic's words in another language, while
/// it is a draft or before it opens.
pub async fn translate(
    db: &Db,
    user: &CurrentUser,
    id: i64,
    form: &TopicForm,
) -> anyhow::Result<Option<Result<(), Problems>>> {
    if !is_cro(user) {
        return Ok(None);
    }
    let Some(topic) = store::topic(db, id).await? else {
        return Ok(None);
    };
    if !matches!(status_of(&topic), Status::Draft | Status::Waiting) {
        return Ok(None);
    }
    let (language, words) = match rules::parse_translation(form, &english(&topic)) {
        Ok(parsed) => parsed,
        Err(problems) => return Ok(Some(Err(problems))),
    };
    let mut tx = db.begin_write().await?;
    store::save_translation(&mut tx, id, &language, &words).await?;
    record(
        &mut *tx,
        Some(user.account_id),
        AuditAction::SpeakerboxTopicSaved,
        Some(format!("speakerbox:{id}")),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(Ok(())))
}

/// The items (of one topic, or all) with their updates, newest first.
async fn load_items(db: &Db, topic: Option<i64>) -> anyhow::Result<Vec<(Item, i64)>> {
    let updates = store::updates(db).await?;
    Ok(store::items(db, topic)
        .await?
        .into_iter()
        .map(|row| {
            let item = Item {
                id: row.id,
                topic_id: row.topic_id,
                topic: row.topic,
                said: row.said,
                did: row.did,
                responsible: row.responsible,
                status: row.status,
                published_on: crate::storage::iso_date(row.published_at).unwrap_or_default(),
                updates: updates
                    .iter()
                    .filter(|(item, ..)| *item == row.id)
                    .map(|(_, at, body, status)| {
                        (
                            crate::storage::iso_date(*at).unwrap_or_default(),
                            body.clone(),
                            status.clone(),
                        )
                    })
                    .collect(),
                news: false,
            };
            (item, row.latest)
        })
        .collect())
}

/// The topics this member answered (by their marks), among `topics`.
async fn answered_among(
    db: &Db,
    keys: &[Vec<u8>],
    child_id: i64,
    topics: impl IntoIterator<Item = i64>,
) -> anyhow::Result<Vec<i64>> {
    let mut asked: Vec<(i64, String)> = Vec::new();
    for topic in topics {
        if !asked.iter().any(|(t, _)| *t == topic) {
            asked.extend(marks(keys, topic, child_id).into_iter().map(|m| (topic, m)));
        }
    }
    store::answered_topics(db, &asked).await
}

/// "You said, we did", newest first: every child's to read, and the CRO's
/// and managers'. For a member, items and updates about topics they
/// answered (with or without their name: known by the marks) since they
/// last looked are news; opening it themself, they have seen it.
pub async fn board(
    db: &Db,
    keys: &[Vec<u8>],
    user: &CurrentUser,
    own_navigation: bool,
) -> anyhow::Result<Option<Board>> {
    let child = child_of(db, user).await?;
    if child.is_none() && !is_staff(user) {
        return Ok(None);
    }
    let mut items = load_items(db, None).await?;
    if let Some(child_id) = child
        && let Some(seen) = store::board_seen(db, child_id).await?
    {
        let answered =
            answered_among(db, keys, child_id, items.iter().map(|(i, _)| i.topic_id)).await?;
        for (item, latest) in &mut items {
            item.news = *latest > seen && answered.contains(&item.topic_id);
        }
        if own_navigation {
            store::set_board_seen(db, child_id, now_millis()).await?;
        }
    }
    Ok(Some(Board {
        items: items.into_iter().map(|(item, _)| item).collect(),
    }))
}

/// When a member last opened the board, as a column for a query over
/// `children c`.
pub use store::BOARD_SEEN_OF_MEMBER;

/// What a member's home says of Speakerbox: how many open topics they
/// have not answered yet, and whether the board has news about a topic
/// they answered since `seen` (when they last looked at it). The home
/// page's own query has already found the member and `seen`.
pub async fn home_counts(
    db: &Db,
    keys: &[Vec<u8>],
    child_id: i64,
    seen: i64,
) -> anyhow::Result<(usize, bool)> {
    let (fresh, topics): (Vec<_>, Vec<_>) = store::home_topics(db, child_id, seen)
        .await?
        .into_iter()
        .partition(|(news, _)| *news);
    // One look-up of the marks for both questions.
    let asked = topics.iter().chain(&fresh).map(|(_, t)| t.id);
    let answered = answered_among(db, keys, child_id, asked).await?;
    let today = today();
    let to_answer = topics
        .iter()
        .filter(|(_, t)| {
            status(&t.state, &t.opens_on, &t.closes_on, today) == Status::Open
                && !answered.contains(&t.id)
        })
        .count();
    let news = fresh.iter().any(|(_, t)| answered.contains(&t.id));
    Ok((to_answer, news))
}

/// The CRO publishes "you said, we did" for a closed topic.
pub async fn publish_item(
    db: &Db,
    user: &CurrentUser,
    topic_id: i64,
    form: &ItemForm,
) -> anyhow::Result<Option<Result<(), Problems>>> {
    if !is_cro(user) {
        return Ok(None);
    }
    let Some(topic) = store::topic(db, topic_id).await? else {
        return Ok(None);
    };
    if status_of(&topic) != Status::Closed {
        return Ok(None);
    }
    let item = match rules::parse_item(form) {
        Ok(item) => item,
        Err(problems) => return Ok(Some(Err(problems))),
    };
    let mut tx = db.begin_write().await?;
    let id = store::insert_item(&mut tx, topic_id, &item, user.account_id, now_millis()).await?;
    record(
        &mut *tx,
        Some(user.account_id),
        AuditAction::SpeakerboxItemPublished,
        Some(format!("speakerbox-item:{id}")),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(Ok(())))
}

/// The CRO adds a dated update to an item, with where it is now: the
/// item's topic, for the page to go back to.
pub async fn update_item(
    db: &Db,
    user: &CurrentUser,
    id: i64,
    form: &ItemForm,
) -> anyhow::Result<Option<Result<i64, Problems>>> {
    let Some(topic) = store::item_topic(db, id).await? else {
        return Ok(None);
    };
    if !is_cro(user) {
        return Ok(None);
    }
    let (body, status) = match rules::parse_update(form) {
        Ok(update) => update,
        Err(problems) => return Ok(Some(Err(problems))),
    };
    let mut tx = db.begin_write().await?;
    store::add_update(&mut tx, id, &body, status, user.account_id, now_millis()).await?;
    record(
        &mut *tx,
        Some(user.account_id),
        AuditAction::SpeakerboxItemUpdated,
        Some(format!("speakerbox-item:{id}")),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(Ok(topic)))
}

/// The topic an item is about.
pub async fn item_topic(db: &Db, id: i64) -> anyhow::Result<Option<i64>> {
    store::item_topic(db, id).await
}

/// Items still "planned" after the manager's setting (months).
async fn stale(db: &Db) -> anyhow::Result<(Vec<Stale>, i64)> {
    let months = settings::planned_months(db).await?;
    let today = today();
    let stale = store::items(db, None)
        .await?
        .into_iter()
        .filter_map(|row| {
            let since =
                time::OffsetDateTime::from_unix_timestamp(row.status_since.div_euclid(1000))
                    .ok()?
                    .date();
            rules::is_stale(&row.status, since, months, today).then(|| Stale {
                topic_id: row.topic_id,
                topic: row.topic,
                since: iso_date_of(since),
            })
        })
        .collect();
    Ok((stale, months))
}

/// Speakerbox over the database, with the server's keys for the marks.
pub struct SpeakerboxService {
    pub db: Db,
    /// The server's secret keys, the current one first.
    pub keys: Vec<Vec<u8>>,
}

fn refused<T>(found: anyhow::Result<Option<T>>) -> Result<T, Refusal> {
    for_page(found, "Speakerbox")
}

impl SpeakerboxApi for SpeakerboxService {
    fn mine<'a>(&'a self, user: &'a CurrentUser, lang: String) -> Pending<'a, MySpeakerbox> {
        Box::pin(async move { refused(mine(&self.db, &self.keys, user, &lang).await) })
    }

    fn member_topic<'a>(
        &'a self,
        user: &'a CurrentUser,
        id: i64,
        lang: String,
    ) -> Pending<'a, MemberTopic> {
        Box::pin(async move { refused(member_topic(&self.db, &self.keys, user, id, &lang).await) })
    }

    fn members<'a>(&'a self, user: &'a CurrentUser) -> Pending<'a, Members> {
        Box::pin(async move { refused(members(&self.db, user).await) })
    }

    fn topics<'a>(&'a self, user: &'a CurrentUser) -> Pending<'a, Topics> {
        Box::pin(async move { refused(topics(&self.db, user).await) })
    }

    fn staff_topic<'a>(&'a self, user: &'a CurrentUser, id: i64) -> Pending<'a, StaffTopic> {
        Box::pin(async move { refused(staff_topic(&self.db, user, id).await) })
    }

    fn editing<'a>(&'a self, user: &'a CurrentUser, id: i64) -> Pending<'a, TopicEditing> {
        Box::pin(async move { refused(editing(&self.db, user, id).await) })
    }

    fn board<'a>(&'a self, user: &'a CurrentUser, own_navigation: bool) -> Pending<'a, Board> {
        Box::pin(async move { refused(board(&self.db, &self.keys, user, own_navigation).await) })
    }
}
