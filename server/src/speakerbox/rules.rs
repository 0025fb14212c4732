//! Speakerbox's rules, without the database: where a topic stands on a
//! day, a topic's form and a member's answer parsed once into typed values
//! (or the problems with them), and the keyed mark that keeps a member to
//! one answer without saying which answer is theirs.

use app::disclosure::{Cell, Counts, Rule};
use app::speakerbox::{
    AnswerForm, CHOICE_LIMIT, GROUP_LIMIT, ITEM_STATUSES, ItemForm, MOST_CHOICES, MemberForm,
    REASON_LIMIT, RESPONSIBLE_LIMIT, Results, Status, TEXT_LIMIT, TITLE_LIMIT, TopicForm,
};
use time::Date;

use crate::calendar::{parse_date, part_problem};
pub use crate::outcome::Problems;

/// Where a topic stands on `today`: its stored state and its days (both
/// included).
pub fn status(state: &str, opens_on: &str, closes_on: &str, today: Date) -> Status {
    match state {
        "draft" => Status::Draft,
        "closed" => Status::Closed,
        _ => match (parse_date(opens_on), parse_date(closes_on)) {
            (Some(opens), _) if today < opens => Status::Waiting,
            (_, Some(closes)) if today > closes => Status::Closed,
            _ => Status::Open,
        },
    }
}

/// The poll's choices as stored: one a line.
pub fn choices_of(stored: &str) -> Vec<String> {
    stored
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect()
}

fn check_text(
    problems: &mut Problems,
    field: &'static str,
    text: &str,
    limit: usize,
    too_long: &'static str,
) {
    if let Some(key) = crate::text::check(text, limit, too_long) {
        problems.push((field, key));
    }
}

/// A topic's words and settings, as they will be kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewTopic {
    pub title: String,
    pub body: String,
    pub question: String,
    /// One a line.
    pub choices: String,
    pub several: bool,
    /// Empty: every member.
    pub groups: Vec<i64>,
    pub opens_on: Date,
    pub closes_on: Date,
}

/// A topic's words in one language: what a translation holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TopicWords {
    pub title: String,
    pub body: String,
    pub question: String,
    pub choices: String,
}

/// The words of a topic's form: title and text needed, a question and/or
/// a poll of two to ten choices.
fn words(form: &TopicForm, problems: &mut Problems) -> TopicWords {
    let title = form.title.trim().to_owned();
    if title.is_empty() {
        problems.push(("title", "speakerbox-error-title"));
    } else {
        check_text(
            problems,
            "title",
            &title,
            TITLE_LIMIT,
            "speakerbox-error-title-long",
        );
    }
    let body = form.body.trim().to_owned();
    if body.is_empty() {
        problems.push(("body", "speakerbox-error-body"));
    } else {
        check_text(
            problems,
            "body",
            &body,
            TEXT_LIMIT,
            "speakerbox-error-too-long",
        );
    }
    let question = form.question.trim().to_owned();
    check_text(
        problems,
        "question",
        &question,
        TEXT_LIMIT,
        "speakerbox-error-too-long",
    );
    let choices = choices_of(&form.choices);
    if choices.len() == 1 || choices.len() > MOST_CHOICES {
        problems.push(("choices", "speakerbox-error-choices-count"));
    } else if choices
        .iter()
        .any(|c| crate::text::check(c, CHOICE_LIMIT, "speakerbox-error-choice-long").is_some())
    {
        problems.push(("choices", "speakerbox-error-choice-long"));
    }
    if question.is_empty() && choices.is_empty() {
        problems.push(("question", "speakerbox-error-nothing-asked"));
    }
    TopicWords {
        title,
        body,
        question,
        choices: choices.join("\n"),
    }
}

fn date_field(
    problems: &mut Problems,
    field: &'static str,
    typed: &str,
    missing: &'static str,
) -> Option<Date> {
    if let Some(key) = part_problem(typed) {
        problems.push((field, key));
        return None;
    }
    let date = parse_date(typed);
    if date.is_none() {
        problems.push((field, missing));
    }
    date
}

/// Everything wrong with a topic's form, or the topic. `known_groups` are
/// the groups that exist.
pub fn parse_topic(form: &TopicForm, known_groups: &[i64]) -> Result<NewTopic, Problems> {
    let mut problems = Vec::new();
    let words = words(form, &mut problems);
    let several = form.several == "yes";
    let mut groups = Vec::new();
    match form.audience.as_str() {
        "all" => {}
        "groups" => {
            for typed in &form.groups {
                match typed.parse::<i64>() {
                    Ok(id) if known_groups.contains(&id) => {
                        if !groups.contains(&id) {
                            groups.push(id);
                        }
                    }
                    _ => {
                        problems.push(("audience", "speakerbox-error-group-unknown"));
                        break;
                    }
                }
            }
            if groups.is_empty() && !problems.iter().any(|(f, _)| *f == "audience") {
                problems.push(("audience", "speakerbox-error-groups"));
            }
        }
        _ => problems.push(("audience", "speakerbox-error-audience")),
    }
    let opens = date_field(
        &mut problems,
        "opens_on",
        &form.opens_on,
        "speakerbox-error-opens",
    );
    let closes = date_field(
        &mut problems,
        "closes_on",
        &form.closes_on,
        "speakerbox-error-closes",
    );
    if let (Some(opens), Some(closes)) = (opens, closes)
        && closes < opens
    {
        problems.push(("closes_on", "speakerbox-error-closes-before"));
    }
    match (opens, closes) {
        (Some(opens_on), Some(closes_on)) if problems.is_empty() => Ok(NewTopic {
            title: words.title,
            body: words.body,
            question: words.question,
            several: several && !words.choices.is_empty(),
            choices: words.choices,
            groups,
            opens_on,
            closes_on,
        }),
        _ => Err(problems),
    }
}

/// A translation of a topic: the same parts as the English (a question
/// where it has one, as many choices as it has).
pub fn parse_translation(
    form: &TopicForm,
    english: &TopicWords,
) -> Result<(String, TopicWords), Problems> {
    let mut problems = Vec::new();
    let language = app::i18n::Locale::from_code(&form.language)
        .filter(|l| *l != app::i18n::Locale::En)
        .map(|l| l.code().to_owned());
    if language.is_none() {
        problems.push(("language", "speakerbox-error-language"));
    }
    let words = words(form, &mut problems);
    problems
        .retain(|(field, key)| !(*field == "question" && *key == "speakerbox-error-nothing-asked"));
    if english.question.is_empty() != words.question.is_empty() {
        problems.push(("question", "speakerbox-error-translation-question"));
    }
    if choices_of(&english.choices).len() != choices_of(&words.choices).len() {
        problems.push(("choices", "speakerbox-error-translation-choices"));
    }
    match language {
        Some(language) if problems.is_empty() => Ok((language, words)),
        _ => Err(problems),
    }
}

/// What a topic asks, for checking an answer to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Asks {
    pub question: bool,
    pub choices: usize,
    pub several: bool,
}

/// An answer as it will be kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    /// Places in the poll's list, in order.
    pub choices: Vec<usize>,
    pub words: String,
    pub named: bool,
}

impl Answer {
    /// The choices as stored: places with commas.
    pub fn choices_text(&self) -> String {
        self.choices
            .iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// Everything wrong with an answer, or the answer: something picked or
/// written, choices from the list (one unless the poll takes several),
/// words within the limit, and "with my name" or "without" chosen.
pub fn parse_answer(form: &AnswerForm, asks: &Asks) -> Result<Answer, Problems> {
    let mut problems = Vec::new();
    let mut choices = Vec::new();
    for typed in &form.choices {
        match typed.parse::<usize>() {
            Ok(place) if place < asks.choices => {
                if !choices.contains(&place) {
                    choices.push(place);
                }
            }
            _ => {
                problems.push(("choices", "speakerbox-error-choice-unknown"));
                break;
            }
        }
    }
    choices.sort_unstable();
    if choices.len() > 1 && !asks.several {
        problems.push(("choices", "speakerbox-error-one-choice"));
    }
    let words = if asks.question {
        form.words.trim().to_owned()
    } else {
        String::new()
    };
    check_text(
        &mut problems,
        "words",
        &words,
        TEXT_LIMIT,
        "speakerbox-error-too-long",
    );
    if choices.is_empty() && words.is_empty() && problems.is_empty() {
        let field = if asks.choices > 0 { "choices" } else { "words" };
        problems.push((field, "speakerbox-error-empty-answer"));
    }
    let named = match form.named.as_str() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => {
            problems.push(("named", "speakerbox-error-named"));
            None
        }
    };
    match named {
        Some(named) if problems.is_empty() => Ok(Answer {
            choices,
            words,
            named,
        }),
        _ => Err(problems),
    }
}

/// The member form: a sign-in name, the young person's agreement, groups
/// that exist.
pub fn parse_member(
    form: &MemberForm,
    known_groups: &[i64],
) -> Result<(String, Vec<i64>), Problems> {
    let mut problems = Vec::new();
    let name = crate::accounts::normalise_sign_in_name(&form.sign_in_name);
    if name.is_empty() {
        problems.push(("sign_in_name", "speakerbox-error-sign-in-name"));
    }
    if form.agreed != "yes" {
        problems.push(("agreed", "speakerbox-error-agreed"));
    }
    let mut groups = Vec::new();
    for typed in &form.groups {
        match typed.parse::<i64>() {
            Ok(id) if known_groups.contains(&id) => groups.push(id),
            _ => {
                problems.push(("groups", "speakerbox-error-group-unknown"));
                break;
            }
        }
    }
    if problems.is_empty() {
        Ok((name, groups))
    } else {
        Err(problems)
    }
}

/// Text that must be there and within its limit: kept trimmed, or the
/// field's problem.
fn required(
    field: &'static str,
    text: &str,
    limit: usize,
    empty: &'static str,
    too_long: &'static str,
) -> Result<String, Problems> {
    let text = text.trim();
    if text.is_empty() {
        return Err(vec![(field, empty)]);
    }
    let mut problems = Vec::new();
    check_text(&mut problems, field, text, limit, too_long);
    if problems.is_empty() {
        Ok(text.to_owned())
    } else {
        Err(problems)
    }
}

/// A new group's name.
pub fn parse_group(form: &MemberForm) -> Result<String, Problems> {
    required(
        "group_name",
        &form.group_name,
        GROUP_LIMIT,
        "speakerbox-error-group-name",
        "speakerbox-error-group-long",
    )
}

/// Why an answer is hidden.
pub fn parse_reason(reason: &str) -> Result<String, Problems> {
    required(
        "reason",
        reason,
        REASON_LIMIT,
        "speakerbox-error-reason",
        "speakerbox-error-reason-long",
    )
}

/// A "you said, we did" item as it will be kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewItem {
    pub said: String,
    pub did: String,
    pub responsible: String,
    pub status: &'static str,
}

fn item_status(typed: &str, problems: &mut Problems) -> Option<&'static str> {
    let status = ITEM_STATUSES.iter().copied().find(|s| *s == typed.trim());
    if status.is_none() {
        problems.push(("status", "speakerbox-error-status"));
    }
    status
}

/// A required field into `problems`: the text, or empty with its problem.
fn into(
    problems: &mut Problems,
    field: &'static str,
    text: &str,
    limit: usize,
    empty: &'static str,
    too_long: &'static str,
) -> String {
    required(field, text, limit, empty, too_long).unwrap_or_else(|found| {
        problems.extend(found);
        String::new()
    })
}

/// Everything wrong with a new item, or the item: what young people said,
/// what the service did or will do and who is responsible, all needed.
pub fn parse_item(form: &ItemForm) -> Result<NewItem, Problems> {
    let mut problems = Vec::new();
    let long = "speakerbox-error-too-long";
    let said = into(
        &mut problems,
        "said",
        &form.said,
        TEXT_LIMIT,
        "speakerbox-error-said",
        long,
    );
    let did = into(
        &mut problems,
        "did",
        &form.did,
        TEXT_LIMIT,
        "speakerbox-error-did",
        long,
    );
    let responsible = into(
        &mut problems,
        "responsible",
        &form.responsible,
        RESPONSIBLE_LIMIT,
        "speakerbox-error-responsible",
        "speakerbox-error-responsible-long",
    );
    let status = item_status(&form.status, &mut problems);
    match status {
        Some(status) if problems.is_empty() => Ok(NewItem {
            said,
            did,
            responsible,
            status,
        }),
        _ => Err(problems),
    }
}

/// An update to an item: its words and the status it sets.
pub fn parse_update(form: &ItemForm) -> Result<(String, &'static str), Problems> {
    let mut problems = Vec::new();
    let body = into(
        &mut problems,
        "body",
        &form.body,
        TEXT_LIMIT,
        "speakerbox-error-update",
        "speakerbox-error-too-long",
    );
    let status = item_status(&form.status, &mut problems);
    match status {
        Some(status) if problems.is_empty() => Ok((body, status)),
        _ => Err(problems),
    }
}

/// Whether an item "planned" since `since` has been so for `months` or
/// longer on `today` (the same day of the month, that many months on).
pub fn is_stale(status: &str, since: Date, months: i64, today: Date) -> bool {
    let months = u32::try_from(months.max(0)).unwrap_or(u32::MAX);
    status == "planned" && crate::calendar::add_months(since, months) <= today
}

/// A closed topic's results as they may be shown: how many answered, and
/// each choice's count, through disclosure control. A poll of one choice
/// each is a column with its total (so a small count cannot be worked out
/// from the rest); where several may be picked the counts do not add up
/// to anything shown, so each stands alone.
pub fn results(rule: Rule, choices: &[String], several: bool, picked: &[&str]) -> Results {
    let mut counts = vec![0_i64; choices.len()];
    for answer in picked {
        for place in answer.split(',').filter_map(|p| p.parse::<usize>().ok()) {
            if let Some(count) = counts.get_mut(place) {
                *count += 1;
            }
        }
    }
    let answers = i64::try_from(picked.len()).unwrap_or(i64::MAX);
    let cells: Vec<Cell> = if several || choices.is_empty() {
        counts.iter().map(|n| rule.one(*n)).collect()
    } else {
        let protected = rule.protect(&Counts {
            cells: counts.iter().map(|n| vec![*n]).collect(),
            row_totals: false,
            column_totals: true,
        });
        protected.cells.iter().map(|row| row[0]).collect()
    };
    Results {
        answers: rule.one(answers),
        choices: choices.iter().cloned().zip(cells).collect(),
    }
}

/// The keyed mark that a member answered a topic: HMAC-SHA256 of the
/// topic and the child, with the server's secret, in hex. Without the
/// secret it cannot be made or undone; with it, it says only that this
/// member answered this topic, not which answer is theirs.
pub fn mark(key: &[u8], topic_id: i64, child_id: i64) -> String {
    crate::config::keyed_hash(
        key,
        &[format!("speakerbox:{topic_id}:{child_id}").as_bytes()],
    )
}

/// A random id for an answer: 128 bits in hex, so ids say nothing of the
/// order answers came in.
pub fn answer_id() -> String {
    use rand::Rng;
    let bytes: [u8; 16] = rand::rng().random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn topic_form() -> TopicForm {
        TopicForm {
            title: "Pocket money".into(),
            body: "How much should it be?".into(),
            question: "Tell us why".into(),
            choices: "£5\n\n£10\n  £15  ".into(),
            several: "yes".into(),
            audience: "all".into(),
            opens_on: "2026-12-01".into(),
            closes_on: "2026-12-14".into(),
            ..TopicForm::default()
        }
    }

    #[test]
    fn a_topic_is_open_on_its_days_and_closed_after() {
        let (opens, closes) = ("2026-12-01", "2026-12-14");
        assert_eq!(
            status("draft", opens, closes, date!(2026 - 12 - 05)),
            Status::Draft
        );
        assert_eq!(
            status("published", opens, closes, date!(2026 - 11 - 30)),
            Status::Waiting
        );
        assert_eq!(
            status("published", opens, closes, date!(2026 - 12 - 01)),
            Status::Open
        );
        assert_eq!(
            status("published", opens, closes, date!(2026 - 12 - 14)),
            Status::Open
        );
        assert_eq!(
            status("published", opens, closes, date!(2026 - 12 - 15)),
            Status::Closed
        );
        assert_eq!(
            status("closed", opens, closes, date!(2026 - 12 - 05)),
            Status::Closed
        );
    }

    #[test]
    fn a_topic_form_becomes_a_topic_or_its_problems() -> Result<(), Problems> {
        let topic = parse_topic(&topic_form(), &[])?;
        assert_eq!(topic.choices, "£5\n£10\n£15");
        assert!(topic.several);
        assert!(topic.groups.is_empty());
        let mut form = topic_form();
        form.title = String::new();
        form.choices = "only one".into();
        form.audience = "groups".into();
        form.opens_on = "2026-13-01".into();
        form.closes_on = "2026-11-01".into();
        let problems = parse_topic(&form, &[4]).err().unwrap_or_default();
        let fields: Vec<&str> = problems.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["title", "choices", "audience", "opens_on"]);
        let mut form = topic_form();
        form.closes_on = "2026-11-30".into();
        form.audience = "groups".into();
        form.groups = vec!["4".into(), "9".into()];
        let problems = parse_topic(&form, &[4]).err().unwrap_or_default();
        assert_eq!(
            problems,
            [
                ("audience", "speakerbox-error-group-unknown"),
                ("closes_on", "speakerbox-error-closes-before")
            ]
        );
        let mut form = topic_form();
        form.question = String::new();
        form.choices = String::new();
        let problems = parse_topic(&form, &[]).err().unwrap_or_default();
        assert_eq!(problems, [("question", "speakerbox-error-nothing-asked")]);
        Ok(())
    }

    #[test]
    fn an_answer_picks_from_the_list_and_says_whether_it_is_named() -> Result<(), Problems> {
        let asks = Asks {
            question: true,
            choices: 3,
            several: false,
        };
        let form = |choices: &[&str], words: &str, named: &str| AnswerForm {
            topic: "1".into(),
            choices: choices.iter().map(|c| (*c).to_owned()).collect(),
            words: words.into(),
            named: named.into(),
            ..AnswerForm::default()
        };
        let answer = parse_answer(&form(&["2"], " because ", "no"), &asks)?;
        assert_eq!(answer.choices_text(), "2");
        assert_eq!(answer.words, "because");
        assert!(!answer.named);
        let problems =
            |f: AnswerForm, asks: &Asks| parse_answer(&f, asks).err().unwrap_or_default();
        assert_eq!(
            problems(form(&["0", "1"], "", "yes"), &asks),
            [("choices", "speakerbox-error-one-choice")]
        );
        assert_eq!(
            problems(form(&["3"], "", "yes"), &asks),
            [("choices", "speakerbox-error-choice-unknown")]
        );
        assert_eq!(
            problems(form(&[], "  ", ""), &asks),
            [
                ("choices", "speakerbox-error-empty-answer"),
                ("named", "speakerbox-error-named")
            ]
        );
        let several = Asks {
            several: true,
            ..asks
        };
        assert_eq!(
            parse_answer(&form(&["2", "0", "2"], "", "yes"), &several)?.choices,
            [0, 2]
        );
        Ok(())
    }

    #[test]
    fn results_are_counted_and_small_counts_hidden() {
        let choices: Vec<String> = ["Yes", "No", "Not sure"].map(String::from).to_vec();
        let mut picked = vec!["0"; 7];
        picked.extend(["1"; 6]);
        picked.extend(["2", ""]);
        let shown = results(Rule::dfe(), &choices, false, &picked);
        assert_eq!(shown.answers, Cell::Shown(15));
        // 1 "not sure" is hidden, and so is the next smallest, so it
        // cannot be worked out from the total.
        let cells: Vec<Cell> = shown.choices.iter().map(|(_, c)| *c).collect();
        assert_eq!(cells, [Cell::Shown(7), Cell::Hidden, Cell::Hidden]);
        let several = results(
            Rule::dfe(),
            &choices,
            true,
            &["0,1", "0,2", "0", "0", "0", "0"],
        );
        let cells: Vec<Cell> = several.choices.iter().map(|(_, c)| *c).collect();
        assert_eq!(cells, [Cell::Shown(6), Cell::Hidden, Cell::Hidden]);
        assert_eq!(
            results(Rule::dfe(), &[], false, &["", ""]).answers,
            Cell::Hidden
        );
    }

    #[test]
    fn an_item_needs_its_words_and_a_status() -> Result<(), Problems> {
        let form = ItemForm {
            said: " More time with family ".into(),
            did: "Contact at weekends".into(),
            responsible: "Head of service".into(),
            status: "planned".into(),
            ..ItemForm::default()
        };
        assert_eq!(parse_item(&form)?.said, "More time with family");
        let empty = parse_item(&ItemForm::default()).err().unwrap_or_default();
        let fields: Vec<&str> = empty.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["said", "did", "responsible", "status"]);
        let update = ItemForm {
            body: "Started in May".into(),
            status: "in-progress".into(),
            ..ItemForm::default()
        };
        assert_eq!(
            parse_update(&update)?,
            ("Started in May".to_owned(), "in-progress")
        );
        Ok(())
    }

    #[test]
    fn planned_for_longer_than_the_setting_is_stale() {
        let since = date!(2026 - 08 - 31);
        assert!(!is_stale("planned", since, 3, date!(2026 - 11 - 29)));
        assert!(is_stale("planned", since, 3, date!(2026 - 11 - 30)));
        assert!(!is_stale("in-progress", since, 3, date!(2027 - 06 - 01)));
        assert!(is_stale("planned", since, 1, date!(2026 - 09 - 30)));
    }

    #[test]
    fn the_mark_is_keyed_and_differs_by_topic_and_member() {
        let key = b"a server secret of at least thirty-two bytes";
        let one = mark(key, 1, 7);
        assert_eq!(one.len(), 64);
        assert_eq!(one, mark(key, 1, 7));
        assert_ne!(one, mark(key, 2, 7));
        assert_ne!(one, mark(key, 1, 8));
        assert_ne!(
            one,
            mark(b"another secret of at least thirty-two bytes", 1, 7)
        );
        assert_ne!(answer_id(), answer_id());
    }
}
