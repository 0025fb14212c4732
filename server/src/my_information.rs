//! A child's download of their own information (their right of access):
//! everything MySay keeps about them, table by table. A JSON file, so it
//! can be read anywhere and kept.
//!
//! What goes in is declared in [`SECTIONS`]: each table that holds the
//! child's information, how to find their rows, and every column, either
//! given (under a plain name) or left out with the reason. A test reads the
//! live schema and fails when a column of one of these tables is not
//! declared, so a new column cannot be silently missing from the download.
//! Left out: staff's own working notes (the advocacy service's), secrets
//! (passphrase hashes), internal numbers, and letters the IRO has not sent.

use app::accounts::{CurrentUser, Role};
use serde_json::{Map, Value, json};
use sqlx::Row;

use crate::storage::Db;

/// Whether a column is in the download.
#[derive(Clone, Copy, Debug)]
pub enum Keep {
    /// Given under this name; the expression reads it (a column name, or a
    /// subquery that turns an account id into the person's name).
    As(&'static str, &'static str),
    /// Left out, for this reason.
    No(&'static str),
}

/// One table of the child's information.
#[derive(Clone, Copy, Debug)]
pub struct Section {
    pub table: &'static str,
    /// The name of this part in the download.
    pub heading: &'static str,
    /// Which rows are the child's (`$1` is the child's record id).
    pub rows: &'static str,
    pub columns: &'static [(&'static str, Keep)],
}

use Keep::{As, No};

const INTERNAL: &str = "an internal number";
const COUNTED: &str =
    "counted from the answers you sent (they are here), for figures without names";

/// Every table that holds a child's information, and what of it they get.
pub const SECTIONS: &[Section] = &[
    Section {
        table: "children",
        heading: "my_record",
        rows: "t.id = $1",
        columns: &[
            ("id", No(INTERNAL)),
            ("account_id", No(INTERNAL)),
            ("first_name", As("first_name", "t.first_name")),
            ("preferred_name", As("preferred_name", "t.preferred_name")),
            ("date_of_birth", As("date_of_birth", "t.date_of_birth")),
            (
                "came_into_care_on",
                As("came_into_care_on", "t.came_into_care_on"),
            ),
            ("ceased_on", As("ceased_to_be_in_care_on", "t.ceased_on")),
            (
                "case_reference",
                As("my_reference_in_the_councils_records", "t.case_reference"),
            ),
            ("gender", As("gender", "t.gender")),
            (
                "ethnicity_group",
                As("ethnicity_group", "t.ethnicity_group"),
            ),
            ("disability", As("disability", "t.disability")),
            ("uasc", As("unaccompanied_asylum_seeking", "t.uasc")),
            ("first_language", As("first_language", "t.first_language")),
            (
                "interpreter_needed",
                As("interpreter_needed", "t.interpreter_needed"),
            ),
            ("placement_type", As("placement_type", "t.placement_type")),
            ("email", As("my_email_address", "t.email")),
            ("created_at", As("record_made_at", "t.created_at")),
        ],
    },
    Section {
        table: "accounts",
        heading: "my_account",
        rows: "t.id = (SELECT account_id FROM children WHERE id = $1)",
        columns: &[
            ("id", No(INTERNAL)),
            ("role", No("always 'child'")),
            ("display_name", As("name_on_screen", "t.display_name")),
            ("sign_in_name", As("sign_in_name", "t.sign_in_name")),
            ("email", As("email", "t.email")),
            (
                "passphrase_hash",
                No("a secret: not even MySay can read your passphrase from it"),
            ),
            ("disabled_at", As("account_turned_off_at", "t.disabled_at")),
            ("created_at", As("joined_at", "t.created_at")),
            ("away_until", No("only for staff")),
            ("language", As("language", "t.language")),
            ("simpler", As("simpler_mode", "t.simpler")),
            (
                "exit_explained_at",
                As("shown_exit_this_page_at", "t.exit_explained_at"),
            ),
            (
                "reset_invited_at",
                As("new_invitation_made_for_me_at", "t.reset_invited_at"),
            ),
            (
                "reset_invited_by",
                As(
                    "new_invitation_made_by",
                    "(SELECT display_name FROM accounts a WHERE a.id = t.reset_invited_by)",
                ),
            ),
        ],
    },
    Section {
        table: "iro_allocations",
        heading: "my_iros",
        rows: "t.child_id = $1",
        columns: &[
            ("id", No(INTERNAL)),
            ("child_id", No(INTERNAL)),
            (
                "iro_account_id",
                As(
                    "iro",
                    "(SELECT display_name FROM accounts a WHERE a.id = t.iro_account_id)",
                ),
            ),
            ("allocated_at", As("from", "t.allocated_at")),
            ("ended_at", As("until", "t.ended_at")),
        ],
    },
    Section {
        table: "reviews",
        heading: "my_reviews",
        rows: "t.child_id = $1",
        columns: &[
            ("id", No(INTERNAL)),
            ("child_id", No(INTERNAL)),
            ("sequence", As("review_number", "t.sequence")),
            ("scheduled_at", As("scheduled_at", "t.scheduled_at")),
            ("scheduled_on", As("scheduled_on", "t.scheduled_on")),
            ("scheduled_time", As("scheduled_time", "t.scheduled_time")),
            ("held_on", As("held_on", "t.held_on")),
            (
                "participation_code",
                As("how_i_took_part_code", "t.participation_code"),
            ),
            ("child_attended", As("i_attended", "t.child_attended")),
            (
                "recorded_by",
                As(
                    "recorded_by",
                    "(SELECT display_name FROM accounts a WHERE a.id = t.recorded_by)",
                ),
            ),
            ("recorded_at", As("recorded_at", "t.recorded_at")),
            ("created_at", As("added_at", "t.created_at")),
        ],
    },
    Section {
        table: "iro_contacts",
        heading: "my_iros_contacts_with_me",
        rows: "t.child_id = $1",
        columns: &[
            ("id", No(INTERNAL)),
            ("child_id", No(INTERNAL)),
            ("contact_on", As("on", "t.contact_on")),
            ("kind", As("kind", "t.kind")),
            ("note", As("note", "t.note")),
            (
                "recorded_by",
                As(
                    "recorded_by",
                    "(SELECT display_name FROM accounts a WHERE a.id = t.recorded_by)",
                ),
            ),
            ("recorded_at", As("recorded_at", "t.recorded_at")),
        ],
    },
    Section {
        table: "consultations",
        heading: "my_views",
        rows: "t.child_id = $1",
        columns: &[
            ("id", As("views_number", "t.id")),
            ("child_id", No(INTERNAL)),
            (
                "review_sequence",
                As("for_review_number", "t.review_sequence"),
            ),
            ("status", As("status", "t.status")),
            ("take_part", As("how_i_want_to_take_part", "t.take_part")),
            ("who_there", As("who_i_want_there", "t.who_there")),
            ("where_held", As("where", "t.where_held")),
            ("created_at", As("started_at", "t.created_at")),
            ("updated_at", As("changed_at", "t.updated_at")),
            ("submitted_at", As("sent_at", "t.submitted_at")),
            ("read_at", As("read_at", "t.read_at")),
            (
                "read_by",
                As(
                    "read_by",
                    "(SELECT display_name FROM accounts a WHERE a.id = t.read_by)",
                ),
            ),
            (
                "taking_part_language",
                As("written_in", "t.taking_part_language"),
            ),
            (
                "sent_take_part",
                As("sent_how_i_want_to_take_part", "t.sent_take_part"),
            ),
            (
                "sent_who_there",
                As("sent_who_i_want_there", "t.sent_who_there"),
            ),
            ("sent_where_held", As("sent_where", "t.sent_where_held")),
            (
                "sent_taking_part_language",
                As("sent_written_in", "t.sent_taking_part_language"),
            ),
            // The age band the figures count them in.
            (
                "sent_age_band",
                As("my_age_group_when_sent", "t.sent_age_band"),
            ),
            // Counted from the answers below, for the figures.
            ("sent_topics", No(COUNTED)),
            ("sent_talk", No(COUNTED)),
            ("sent_faces", No(COUNTED)),
        ],
    },
    Section {
        table: "consultation_answers",
        heading: "my_answers",
        rows: "t.consultation_id IN (SELECT id FROM consultations WHERE child_id = $1)",
        columns: &[
            ("id", No(INTERNAL)),
            ("consultation_id", As("views_number", "t.consultation_id")),
            ("topic", As("topic", "t.topic")),
            ("feeling", As("feeling_1_to_5", "t.feeling")),
            ("answer_text", As("what_i_said", "t.answer_text")),
            ("talk_about", As("talk_about_at_my_meeting", "t.talk_about")),
            (
                "share_at_meeting",
                As("can_be_shared_at_my_meeting", "t.share_at_meeting"),
            ),
            ("updated_at", As("changed_at", "t.updated_at")),
            ("language", As("written_in", "t.language")),
            ("sent_feeling", As("sent_feeling_1_to_5", "t.sent_feeling")),
            ("sent_text", As("what_i_sent", "t.sent_text")),
            (
                "sent_talk_about",
                As("sent_talk_about_at_my_meeting", "t.sent_talk_about"),
            ),
            (
                "sent_share_at_meeting",
                As(
                    "sent_can_be_shared_at_my_meeting",
                    "t.sent_share_at_meeting",
                ),
            ),
            ("sent_language", As("sent_written_in", "t.sent_language")),
            ("sent_at", As("sent_at", "t.sent_at")),
            (
                "use_words",
                As("my_words_can_be_used_without_my_name", "t.use_words"),
            ),
            (
                "sent_use_words",
                As(
                    "sent_my_words_can_be_used_without_my_name",
                    "t.sent_use_words",
                ),
            ),
            (
                "words_ref",
                No("a random name for your words, so no one can tell whose they are"),
            ),
        ],
    },
    Section {
        table: "picked_words",
        heading: "my_words_picked_as_quotes",
        rows: "t.words_ref IN (SELECT a.words_ref FROM consultation_answers a \
               JOIN consultations c ON c.id = a.consultation_id WHERE c.child_id = $1)",
        columns: &[
            (
                "words_ref",
                As(
                    "topic",
                    "(SELECT a.topic FROM consultation_answers a WHERE a.words_ref = t.words_ref)",
                ),
            ),
            (
                "picked_by",
                As(
                    "picked_by",
                    "(SELECT display_name FROM accounts a WHERE a.id = t.picked_by)",
                ),
            ),
            ("picked_at", As("picked_at", "t.picked_at")),
        ],
    },
    Section {
        table: "answer_themes",
        heading: "themes_in_my_answers",
        rows: "t.answer_id IN (SELECT a.id FROM consultation_answers a \
               JOIN consultations c ON c.id = a.consultation_id WHERE c.child_id = $1)",
        columns: &[
            (
                "answer_id",
                As(
                    "topic",
                    "(SELECT a.topic FROM consultation_answers a WHERE a.id = t.answer_id)",
                ),
            ),
            (
                "theme_id",
                As(
                    "theme",
                    "(SELECT th.name FROM themes th WHERE th.id = t.theme_id)",
                ),
            ),
            (
                "tagged_by",
                As(
                    "tagged_by",
                    "(SELECT display_name FROM accounts a WHERE a.id = t.tagged_by)",
                ),
            ),
            ("tagged_at", As("tagged_at", "t.tagged_at")),
        ],
    },
    Section {
        table: "safety_alerts",
        heading: "times_my_iro_was_told_i_might_need_help",
        rows: "t.child_id = $1",
        columns: &[
            ("id", No(INTERNAL)),
            ("child_id", No(INTERNAL)),
            (
                "consultation_id",
                As("from_views_number", "t.consultation_id"),
            ),
            ("reason", As("because_of", "t.reason")),
            ("raised_at", As("at", "t.raised_at")),
            ("seen_at", As("acted_on_at", "t.seen_at")),
            (
                "seen_by",
                As(
                    "acted_on_by",
                    "(SELECT display_name FROM accounts a WHERE a.id = t.seen_by)",
                ),
            ),
            ("source", As("from", "t.source")),
            ("source_id", No(INTERNAL)),
        ],
    },
    Section {
        table: "advocacy_requests",
        heading: "my_requests_for_an_advocate",
        rows: "t.child_id = $1",
        columns: &[
            ("id", As("request_number", "t.id")),
            ("child_id", No(INTERNAL)),
            ("categories", As("help_with", "t.categories")),
            ("something_else", As("something_else", "t.something_else")),
            ("contact_method", As("contact_me_by", "t.contact_method")),
            ("contact_detail", As("contact_detail", "t.contact_detail")),
            ("good_times", As("good_times", "t.good_times")),
            (
                "interpreter_language",
                As("interpreter_language", "t.interpreter_language"),
            ),
            ("other_help", As("other_help", "t.other_help")),
            ("urgent", As("urgent", "t.urgent")),
            ("stage", As("stage", "t.stage")),
            ("sent_at", As("sent_at", "t.sent_at")),
            ("accepted_at", As("accepted_at", "t.accepted_at")),
            ("advocate_name", As("advocate", "t.advocate_name")),
            ("allocated_at", As("advocate_given_at", "t.allocated_at")),
            ("closed_at", As("closed_at", "t.closed_at")),
            ("outcome", As("outcome", "t.outcome")),
            (
                "outcome_message",
                As("what_the_advocacy_service_said", "t.outcome_message"),
            ),
            ("age_band", As("my_age_band_then", "t.age_band")),
            (
                "ethnicity_group",
                As("my_ethnicity_group_then", "t.ethnicity_group"),
            ),
            ("disability", As("disability_then", "t.disability")),
            ("uasc", As("unaccompanied_asylum_seeking_then", "t.uasc")),
            ("language", As("written_in", "t.language")),
        ],
    },
    Section {
        table: "advocacy_messages",
        heading: "my_messages_about_my_requests",
        rows: "t.request_id IN (SELECT id FROM advocacy_requests WHERE child_id = $1)",
        columns: &[
            ("id", No(INTERNAL)),
            ("request_id", As("request_number", "t.request_id")),
            ("body", As("message", "t.body")),
            ("sent_at", As("sent_at", "t.sent_at")),
            ("language", As("written_in", "t.language")),
        ],
    },
    Section {
        table: "letters",
        heading: "letters_to_me",
        // A letter the IRO has not sent yet is still theirs to write.
        rows: "t.child_id = $1 AND t.sent_at IS NOT NULL",
        columns: &[
            ("id", As("letter_number", "t.id")),
            ("child_id", No(INTERNAL)),
            ("review_id", No(INTERNAL)),
            (
                "author_account_id",
                As(
                    "from",
                    "(SELECT display_name FROM accounts a WHERE a.id = t.author_account_id)",
                ),
            ),
            ("body", As("letter", "t.body")),
            ("language", As("written_in", "t.language")),
            (
                "corrects_letter_id",
                As("corrects_letter_number", "t.corrects_letter_id"),
            ),
            (
                "created_at",
                No("when the IRO started writing: their working time"),
            ),
            (
                "updated_at",
                No("when the IRO last changed the draft: their working time"),
            ),
            ("sent_at", As("sent_at", "t.sent_at")),
            ("first_read_at", As("first_read_at", "t.first_read_at")),
        ],
    },
    Section {
        table: "letter_replies",
        heading: "replies_about_letters",
        rows: "t.letter_id IN (SELECT id FROM letters WHERE child_id = $1 AND sent_at IS NOT NULL)",
        columns: &[
            ("id", No(INTERNAL)),
            ("letter_id", As("letter_number", "t.letter_id")),
            (
                "author_account_id",
                As(
                    "from",
                    "(SELECT display_name FROM accounts a WHERE a.id = t.author_account_id)",
                ),
            ),
            ("kind", As("kind", "t.kind")),
            ("body", As("message", "t.body")),
            ("sent_at", As("sent_at", "t.sent_at")),
            ("language", As("written_in", "t.language")),
        ],
    },
    Section {
        table: "record_openings",
        heading: "times_a_manager_opened_my_record",
        rows: "t.child_id = $1",
        columns: &[
            ("id", No(INTERNAL)),
            ("child_id", No(INTERNAL)),
            (
                "account_id",
                As(
                    "manager",
                    "(SELECT display_name FROM accounts a WHERE a.id = t.account_id)",
                ),
            ),
            ("reason", As("why", "t.reason")),
            ("opened_at", As("opened_at", "t.opened_at")),
            ("until_at", As("open_until", "t.until_at")),
        ],
    },
    Section {
        table: "speakerbox_members",
        heading: "my_speakerbox_membership",
        rows: "t.child_id = $1",
        columns: &[
            ("child_id", No(INTERNAL)),
            ("agreed_on", As("agreed_to_join_on", "t.agreed_on")),
            (
                "added_by",
                As(
                    "added_by",
                    "(SELECT display_name FROM accounts a WHERE a.id = t.added_by)",
                ),
            ),
            ("added_at", As("added_at", "t.added_at")),
            ("left_at", As("left_at", "t.left_at")),
            (
                "board_seen_at",
                As("last_read_you_said_we_did_at", "t.board_seen_at"),
            ),
        ],
    },
    Section {
        table: "speakerbox_member_groups",
        heading: "my_speakerbox_groups",
        rows: "t.child_id = $1",
        columns: &[
            ("child_id", No(INTERNAL)),
            (
                "group_id",
                As(
                    "group",
                    "(SELECT name FROM speakerbox_groups g WHERE g.id = t.group_id)",
                ),
            ),
        ],
    },
    Section {
        table: "speakerbox_answers",
        // Only answers sent with the member's name: one sent without it
        // holds nothing that says whose it is, so it cannot be found.
        heading: "my_speakerbox_answers_with_my_name",
        rows: "t.child_id = $1",
        columns: &[
            ("id", No("a random number for the answer")),
            (
                "topic_id",
                As(
                    "topic",
                    "(SELECT title FROM speakerbox_topics s WHERE s.id = t.topic_id)",
                ),
            ),
            ("child_id", No(INTERNAL)),
            ("choices", As("choices_picked_by_place", "t.choices")),
            ("words", As("answer", "t.words")),
            ("language", As("written_in", "t.language")),
            ("answered_on", As("answered_on", "t.answered_on")),
            ("hidden_reason", As("not_shown_because", "t.hidden_reason")),
            ("hidden_by", No("the member of staff")),
            ("hidden_at", As("not_shown_from", "t.hidden_at")),
        ],
    },
    Section {
        table: "escalations",
        // What the IRO raised about the child's care plan, in plain words:
        // staff's own words are not given as written (the README says how
        // a council decides a request for them).
        heading: "concerns_my_iro_raised_about_my_care_plan",
        rows: "t.child_id = $1",
        columns: &[
            ("id", As("number", "t.id")),
            ("child_id", No(INTERNAL)),
            (
                "kind",
                As(
                    "what",
                    "CASE t.kind WHEN 'concern' THEN 'a concern about your care plan' \
                     ELSE 'something your IRO noted was done well' END",
                ),
            ),
            ("raised_on", As("on", "t.raised_on")),
            (
                "raised_by",
                As(
                    "by",
                    "(SELECT display_name FROM accounts a WHERE a.id = t.raised_by)",
                ),
            ),
            ("what_wrong", No(STAFF_WORDS)),
            ("what_needed", No(STAFF_WORDS)),
            (
                "stage",
                As(
                    "how_far_it_went",
                    "CASE t.stage WHEN 'informal' THEN 'talked over with the social work team' \
                     WHEN 'stage1' THEN 'raised with a team manager' \
                     WHEN 'stage2' THEN 'raised with the head of service' \
                     WHEN 'stage3' THEN 'raised with a director' END",
                ),
            ),
            (
                "resolved_on",
                As(
                    "how_it_ended",
                    "CASE WHEN t.kind <> 'concern' THEN NULL \
                     WHEN t.resolved_on IS NULL THEN 'still being sorted out' \
                     ELSE 'sorted out on ' || t.resolved_on END",
                ),
            ),
            ("outcome", No(STAFF_WORDS)),
            ("cafcass_on", As("told_cafcass_on", "t.cafcass_on")),
            ("child_told", As("you_were_told", "t.child_told")),
            (
                "advocacy_offered",
                As("you_were_offered_an_advocate", "t.advocacy_offered"),
            ),
            (
                "created_at",
                No("when it was typed in: staff's working time"),
            ),
        ],
    },
    Section {
        table: "escalation_issues",
        heading: "what_each_concern_was_about",
        rows: "t.escalation_id IN (SELECT id FROM escalations WHERE child_id = $1)",
        columns: &[
            ("escalation_id", As("concern_number", "t.escalation_id")),
            ("issue", As("about", "t.issue")),
        ],
    },
];

/// Why staff's words about a concern are not in the download as written.
const STAFF_WORDS: &str = "staff's own words about your care plan: ask your IRO, who can tell you \
     what they said, or make a subject access request to the council";

/// Tables that hold something about a child but are not in the download,
/// with why (the test needs every table with a `child_id` to be either
/// here or in [`SECTIONS`]).
pub const NOT_IN_DOWNLOAD: &[(&str, &str)] = &[
    (
        "invitations",
        "one-time links and codes: hashes only, of no use to anyone",
    ),
    ("advocacy_notes", "the advocacy service's own working notes"),
    (
        "escalation_stages",
        "each stage of a concern your IRO raised, with the responses, in staff's own words \
         (how far it went and how it ended are under concerns_my_iro_raised_about_my_care_plan)",
    ),
    (
        "escalation_views",
        "which of your requests and views (all here) a concern your IRO raised mentions",
    ),
    (
        "consultation_themes",
        "counted from the themes on your answers (they are here), for figures without names",
    ),
];

/// A value as it goes in the download: times (`*_at`, UTC milliseconds)
/// as readable UTC date-times, the rest as stored.
fn value_of(row: &sqlx::any::AnyRow, index: usize, name: &str) -> Value {
    if let Ok(number) = row.try_get::<Option<i64>, _>(index) {
        return match number {
            Some(millis) if name.ends_with("_at") || name == "from" || name == "until" => {
                time::OffsetDateTime::from_unix_timestamp(millis.div_euclid(1000))
                    .ok()
                    .and_then(|at| {
                        at.format(&time::format_description::well_known::Rfc3339)
                            .ok()
                    })
                    .map_or(json!(millis), Value::String)
            }
            Some(n) => json!(n),
            None => Value::Null,
        };
    }
    match row.try_get::<Option<String>, _>(index) {
        Ok(Some(text)) => Value::String(text),
        _ => Value::Null,
    }
}

/// The signed-in child's information; `None` for anyone else.
pub async fn for_child(db: &Db, user: &CurrentUser) -> anyhow::Result<Option<Value>> {
    if user.role != Role::Child {
        return Ok(None);
    }
    let Some(child_id) = crate::accounts::children::of_account(db, user.account_id).await? else {
        return Ok(None);
    };
    let mut out = Map::new();
    out.insert(
        "about".to_owned(),
        json!("Your information in MySay, as it was when you downloaded it. Times are in UTC."),
    );
    for section in SECTIONS {
        let given: Vec<(&str, &str)> = section
            .columns
            .iter()
            .filter_map(|(_, keep)| match keep {
                As(name, expr) => Some((*name, *expr)),
                No(_) => None,
            })
            .collect();
        let select = given
            .iter()
            .map(|(name, expr)| format!("{expr} AS \"{name}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT {select} FROM {} t WHERE {} ORDER BY 1",
            section.table, section.rows
        );
        let rows = sqlx::query(&sql)
            .bind(child_id)
            .fetch_all(db.pool())
            .await?;
        let list: Vec<Value> = rows
            .iter()
            .map(|row| {
                let mut item = Map::new();
                for (index, (name, _)) in given.iter().enumerate() {
                    item.insert((*name).to_owned(), value_of(row, index, name));
                }
                Value::Object(item)
            })
            .collect();
        out.insert(section.heading.to_owned(), Value::Array(list));
    }
    let readings = crate::accounts::access::readings_of(db, child_id).await?;
    out.insert(
        "who_read_what_i_wrote".to_owned(),
        serde_json::to_value(readings)?,
    );
    let left_out: Map<String, Value> = NOT_IN_DOWNLOAD
        .iter()
        .map(|(table, why)| ((*table).to_owned(), json!(why)))
        .collect();
    out.insert("not_included".to_owned(), Value::Object(left_out));
    Ok(Some(Value::Object(out)))
}
