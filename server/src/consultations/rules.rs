//! The consultation's rules, without the database: what the child may
//! type, when the review has started (UK time), and how a save from one
//! device is merged with what another device stored (a field changed in
//! both places differently is a clash, shown to the child, never
//! silently overwritten).

use app::consultations::{SHORT_LIMIT, Status, TEXT_LIMIT, TakingPartForm, TopicForm, fingerprint};
use time::{Date, OffsetDateTime, PrimitiveDateTime, Time, Weekday};

use crate::calendar::parse_date;

/// A problem with the child's words, as a message key.
pub fn check_text(text: &str) -> Option<&'static str> {
    crate::text::check(text, TEXT_LIMIT, "consultation-error-too-long")
}

/// The UK's offset from UTC on an instant: one hour from 01:00 UTC on the
/// last Sunday of March to 01:00 UTC on the last Sunday of October.
pub fn uk_offset_hours(utc: PrimitiveDateTime) -> i64 {
    let last_sunday = |month: time::Month| {
        let mut day = Date::from_calendar_date(
            utc.year(),
            month,
            time::util::days_in_month(month, utc.year()),
        )
        .unwrap_or(utc.date());
        while day.weekday() != Weekday::Sunday {
            day = day.previous_day().unwrap_or(day);
        }
        PrimitiveDateTime::new(day, Time::from_hms(1, 0, 0).unwrap_or(Time::MIDNIGHT))
    };
    let summer = last_sunday(time::Month::March)..last_sunday(time::Month::October);
    i64::from(summer.contains(&utc))
}

/// Whether a review at this UK date and time has started.
pub fn review_started(on: &str, at: &str, now: OffsetDateTime) -> bool {
    let Some(day) = parse_date(on) else {
        return false;
    };
    let (hours, minutes) = at.split_once(':').unwrap_or(("00", "00"));
    let time = Time::from_hms(hours.parse().unwrap_or(0), minutes.parse().unwrap_or(0), 0)
        .unwrap_or(Time::MIDNIGHT);
    let utc_now = PrimitiveDateTime::new(now.date(), now.time());
    let uk_now = utc_now + time::Duration::hours(uk_offset_hours(utc_now));
    uk_now >= PrimitiveDateTime::new(day, time)
}

/// Whether the review at this day and time has started: then nothing can
/// change.
pub fn is_locked(on: Option<&str>, at: Option<&str>) -> bool {
    match (on, at) {
        (Some(on), Some(at)) => review_started(on, at, OffsetDateTime::now_utc()),
        _ => false,
    }
}

/// What became of a save.
#[derive(Debug)]
pub enum Saved {
    /// Stored. `help` when it raised an alert: show Help now. `base` is
    /// what the page now stands on, for a page that stays open (saving as
    /// the child types).
    Done { help: bool, base: Base },
    /// Not stored: the form to show again, with what was typed.
    Problems(Box<TopicForm>),
    /// The review has started: nothing can change now.
    Locked,
}

/// What a topic page stands on after a save: for each field the page's
/// value where it is now the stored one, else the base it had (the field
/// was changed on another device, not here, so a later save keeps that).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Base {
    pub feeling: String,
    /// The text's fingerprint.
    pub text: String,
    pub talk_about: String,
    pub share: String,
    pub use_words: String,
}

impl Base {
    /// The fields as a form body, for a page saving as the child types.
    pub fn to_form_body(&self, help: bool) -> String {
        url::form_urlencoded::Serializer::new(String::new())
            .append_pair("saved", "1")
            .append_pair("help", if help { "1" } else { "0" })
            .append_pair("base_feeling", &self.feeling)
            .append_pair("base_text", &self.text)
            .append_pair("base_talk_about", &self.talk_about)
            .append_pair("base_share", &self.share)
            .append_pair("base_use_words", &self.use_words)
            .finish()
    }
}

fn bool_field(text: &str) -> bool {
    matches!(text, "yes" | "true" | "on" | "1")
}

/// A topic's answer as stored.
#[derive(Debug, Default, Clone)]
pub struct StoredAnswer {
    pub feeling: Option<u8>,
    pub text: String,
    pub talk_about: bool,
    pub share: bool,
    pub use_words: bool,
    pub language: Option<String>,
}

/// What a topic's form says, parsed: the face (1 to 5) or none, or the
/// form with its problems.
pub fn parse_topic(mut form: TopicForm) -> Result<(TopicForm, Option<u8>), Box<TopicForm>> {
    let feeling: Option<u8> = match form.feeling.as_str() {
        "" => None,
        text => match text.parse::<u8>() {
            Ok(n) if (1..=5).contains(&n) => Some(n),
            _ => {
                form.errors.push(("feeling", "consultation-error-feeling"));
                None
            }
        },
    };
    if let Some(problem) = check_text(&form.text) {
        form.errors.push(("text", problem));
    }
    if form.errors.is_empty() {
        Ok((form, feeling))
    } else {
        Err(Box::new(form))
    }
}

/// What to store after merging this device's save with what is stored,
/// and what the page had, to work out its new base afterwards.
pub struct Merged {
    pub answer: StoredAnswer,
    feeling: Option<u8>,
    talk: bool,
    share: bool,
    words: bool,
}

/// Merges a save with what is stored. Each field: unchanged on this
/// device keeps what is stored; changed here and not elsewhere takes this
/// device's; changed in both places differently stores nothing and shows
/// the child both, for every field alike (the face, the text, "talk about
/// this", who may see it). `None`: a clash; `form` is then the form to
/// show again.
pub fn merge_topic(
    form: &mut TopicForm,
    feeling: Option<u8>,
    stored: StoredAnswer,
) -> Option<Merged> {
    let base_feeling = form.base_feeling.parse::<u8>().ok();
    let feeling_now = if feeling == base_feeling {
        stored.feeling
    } else {
        feeling
    };
    let talk = bool_field(&form.talk_about);
    let base_talk = bool_field(&form.base_talk_about);
    let talk_now = if talk == base_talk {
        stored.talk_about
    } else {
        talk
    };
    let share = form.share == "meeting";
    let base_share = form.base_share == "meeting";
    let share_now = if share == base_share {
        stored.share
    } else {
        share
    };
    let words = bool_field(&form.use_words);
    let base_words = bool_field(&form.base_use_words);
    let words_now = if words == base_words {
        stored.use_words
    } else {
        words
    };
    let typed_changed = fingerprint(&form.text) != form.base_text;
    let stored_changed = fingerprint(&stored.text) != form.base_text;
    let clash = |mine: bool, theirs: bool, differ: bool| mine && theirs && differ;
    let mut clashed = false;
    if clash(typed_changed, stored_changed, stored.text != form.text) {
        form.other_text = Some(stored.text.clone());
        form.base_text = fingerprint(&stored.text);
        form.errors.push(("text", "consultation-error-clash"));
        clashed = true;
    }
    if clash(
        feeling != base_feeling,
        stored.feeling != base_feeling,
        stored.feeling != feeling,
    ) {
        form.other_feeling = Some(stored.feeling);
        form.base_feeling = stored.feeling.map(|f| f.to_string()).unwrap_or_default();
        form.errors
            .push(("feeling", "consultation-error-clash-choice"));
        clashed = true;
    }
    if clash(
        talk != base_talk,
        stored.talk_about != base_talk,
        stored.talk_about != talk,
    ) {
        form.other_talk_about = Some(stored.talk_about);
        form.base_talk_about = if stored.talk_about { "yes" } else { "" }.to_owned();
        form.errors
            .push(("talk_about", "consultation-error-clash-choice"));
        clashed = true;
    }
    if clash(
        share != base_share,
        stored.share != base_share,
        stored.share != share,
    ) {
        form.other_share = Some(stored.share);
        form.base_share = if stored.share { "meeting" } else { "iro" }.to_owned();
        form.errors
            .push(("share", "consultation-error-clash-choice"));
        clashed = true;
    }
    if clash(
        words != base_words,
        stored.use_words != base_words,
        stored.use_words != words,
    ) {
        form.other_use_words = Some(stored.use_words);
        form.base_use_words = if stored.use_words { "yes" } else { "" }.to_owned();
        form.errors
            .push(("use_words", "consultation-error-clash-choice"));
        clashed = true;
    }
    if clashed {
        return None;
    }
    let (text, language) = if typed_changed {
        (
            form.text.clone(),
            app::i18n::Locale::from_code(&form.language).map(|l| l.code().to_owned()),
        )
    } else {
        (stored.text, stored.language)
    };
    Some(Merged {
        answer: StoredAnswer {
            feeling: feeling_now,
            text,
            talk_about: talk_now,
            share: share_now,
            use_words: words_now,
            language,
        },
        feeling,
        talk,
        share,
        words,
    })
}

impl Merged {
    /// What the page stands on now it is stored.
    pub fn base(&self, form: &TopicForm) -> Base {
        let now = &self.answer;
        let keep = |page_has_it: bool, now: String, before: &str| {
            if page_has_it { now } else { before.to_owned() }
        };
        let yes = |on: bool| if on { "yes" } else { "" }.to_owned();
        Base {
            feeling: keep(
                self.feeling == now.feeling,
                now.feeling.map(|f| f.to_string()).unwrap_or_default(),
                &form.base_feeling,
            ),
            text: keep(
                form.text == now.text,
                fingerprint(&now.text),
                &form.base_text,
            ),
            talk_about: keep(
                self.talk == now.talk_about,
                yes(now.talk_about),
                &form.base_talk_about,
            ),
            share: keep(
                self.share == now.share,
                if now.share { "meeting" } else { "iro" }.to_owned(),
                &form.base_share,
            ),
            use_words: keep(
                self.words == now.use_words,
                yes(now.use_words),
                &form.base_use_words,
            ),
        }
    }
}

/// Problems with how the child wants to take part (the review started, a
/// choice that is not one, words too long or hidden characters).
pub fn check_taking_part(form: &TakingPartForm, locked: bool) -> Vec<(&'static str, &'static str)> {
    let mut problems = Vec::new();
    if locked {
        problems.push(("take_part", "consultation-error-locked"));
    }
    let ticked = [
        &form.speak,
        &form.advocate,
        &form.send_views,
        &form.meet_before,
        &form.chair,
    ];
    if ticked.iter().any(|v| !v.is_empty() && v.as_str() != "yes") {
        problems.push(("take_part", "consultation-error-choice"));
    }
    for (field, text) in [
        ("who_there", &form.who_there),
        ("where_held", &form.where_held),
    ] {
        if text.chars().count() > SHORT_LIMIT {
            problems.push((field, "consultation-error-short-too-long"));
        } else if text.chars().any(crate::text::is_refused_char) {
            problems.push((field, "consultation-error-characters"));
        }
    }
    problems
}

/// How the child wants to take part, as stored.
#[derive(Debug, sqlx::FromRow)]
pub struct StoredTakingPart {
    pub take_part: String,
    pub who_there: String,
    pub where_held: String,
}

/// Merges a taking-part save with what is stored, as on a topic: a field
/// changed here and on another device since the page was opened,
/// differently, is not saved; the child sees both. `Err`: the fields that
/// clashed (the form now shows the other device's).
pub fn merge_taking_part(
    form: &mut TakingPartForm,
    stored: StoredTakingPart,
) -> Result<StoredTakingPart, Vec<&'static str>> {
    let ticked = form.chosen().join(",");
    let (who, place) = (
        form.who_there.trim().to_owned(),
        form.where_held.trim().to_owned(),
    );
    let mut clashed = Vec::new();
    let (mut choices_now, mut who_now, mut where_now) =
        (ticked.clone(), who.clone(), place.clone());
    if form.based == "1" {
        let changed = |mine: &str, stored: &str, base: &str| (mine != base, stored != base);
        match changed(&ticked, &stored.take_part, &form.base_choices) {
            (true, true) if ticked != stored.take_part => clashed.push("take_part"),
            (false, _) => choices_now.clone_from(&stored.take_part),
            _ => {}
        }
        let (mine, theirs) = (
            fingerprint(&who) != form.base_who,
            fingerprint(&stored.who_there) != form.base_who,
        );
        if mine && theirs && who != stored.who_there {
            clashed.push("who_there");
        } else if !mine {
            who_now.clone_from(&stored.who_there);
        }
        let (mine, theirs) = (
            fingerprint(&place) != form.base_where,
            fingerprint(&stored.where_held) != form.base_where,
        );
        if mine && theirs && place != stored.where_held {
            clashed.push("where_held");
        } else if !mine {
            where_now.clone_from(&stored.where_held);
        }
    }
    if !clashed.is_empty() {
        for field in &clashed {
            match *field {
                "take_part" => form.other_choices = Some(choices(&stored.take_part)),
                "who_there" => form.other_who = Some(stored.who_there.clone()),
                _ => form.other_where = Some(stored.where_held.clone()),
            }
        }
        form.base_choices = stored.take_part;
        form.base_who = fingerprint(&stored.who_there);
        form.base_where = fingerprint(&stored.where_held);
        return Err(clashed);
    }
    Ok(StoredTakingPart {
        take_part: choices_now,
        who_there: who_now,
        where_held: where_now,
    })
}

/// The choices in a stored list.
pub fn choices(text: &str) -> Vec<String> {
    text.split(',')
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Where a consultation stands, from its stored status.
pub fn status_of(status: Option<&str>, read: bool) -> Status {
    match status {
        None => Status::NotStarted,
        Some("submitted") if read => Status::Read,
        Some("submitted") => Status::Submitted,
        Some(_) => Status::InProgress,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn text_is_limited_kindly() {
        assert_eq!(check_text(&"a".repeat(TEXT_LIMIT)), None);
        assert_eq!(
            check_text(&"a".repeat(TEXT_LIMIT + 1)),
            Some("consultation-error-too-long")
        );
        assert_eq!(check_text("line one\nline two\ttab"), None);
        assert_eq!(
            check_text("bell\u{7}"),
            Some("consultation-error-characters")
        );
        assert_eq!(
            check_text("abc\u{202e}cba"),
            Some("consultation-error-characters")
        );
        assert_eq!(check_text("مرحبا، أنا بخير"), None, "Arabic is fine");
        assert_eq!(
            check_text("bad \u{fffd} bytes"),
            Some("consultation-error-unreadable")
        );
        assert_eq!(
            check_text("</textarea><script>alert(1)</script>"),
            None,
            "shown as text, never run"
        );
    }

    #[test]
    fn review_start_is_in_uk_time() {
        // Summer: 10:00 in the UK is 09:00 UTC.
        assert!(!review_started(
            "2026-07-01",
            "10:00",
            datetime!(2026-07-01 08:59 UTC)
        ));
        assert!(review_started(
            "2026-07-01",
            "10:00",
            datetime!(2026-07-01 09:00 UTC)
        ));
        // Winter: UK time is UTC.
        assert!(!review_started(
            "2026-12-01",
            "10:00",
            datetime!(2026-12-01 09:59 UTC)
        ));
        assert!(review_started(
            "2026-12-01",
            "10:00",
            datetime!(2026-12-01 10:00 UTC)
        ));
        // The clocks change at 01:00 UTC on the last Sundays of March and October.
        assert_eq!(
            uk_offset_hours(PrimitiveDateTime::new(
                time::macros::date!(2026 - 03 - 29),
                time::macros::time!(00:59)
            )),
            0
        );
        assert_eq!(
            uk_offset_hours(PrimitiveDateTime::new(
                time::macros::date!(2026 - 03 - 29),
                time::macros::time!(01:00)
            )),
            1
        );
        assert_eq!(
            uk_offset_hours(PrimitiveDateTime::new(
                time::macros::date!(2026 - 10 - 25),
                time::macros::time!(01:00)
            )),
            0
        );
    }
}
