//! The IRO's reading of a child's consultation: answers by topic with the
//! sharing choice beside each and the feeling last time, what the child
//! wants to talk about, how they want to take part; "mark as read"; and a
//! meeting version that leaves out everything just for the IRO.

use leptos::prelude::*;

use super::paths;
use crate::{
    character_count::CharacterLimit,
    child_words::ChildWords,
    consultations::pages::Face,
    consultations::{Summary, TOPICS, TrendPoint},
    dates::{long_date, month_year},
    forms::{ErrorMessage, ErrorSummary, textarea_text},
    i18n::{t, t_args},
};

/// The summary itself. `beside` holds, by topic, what the page that shows
/// it puts under an answer (the themes it is tagged with).
#[component]
pub fn SummaryView(
    summary: Summary,
    meeting: bool,
    marked: bool,
    #[prop(optional)] beside: Vec<(String, AnyView)>,
) -> impl IntoView {
    let mut beside = beside;
    let id = summary.child_id;
    let shown: Vec<_> = summary
        .answers
        .iter()
        .filter(|a| !meeting || a.share)
        .cloned()
        .collect();
    let talk: Vec<String> = shown
        .iter()
        .filter(|a| a.talk_about)
        .map(|a| t(&format!("topic-{}", a.topic)))
        .collect();
    let status = match (&summary.read, &summary.submitted_on) {
        (Some((who, on)), _) => t_args(
            "consultation-read-by",
            &[("name", who.clone()), ("date", long_date(on))],
        ),
        (None, Some(on)) => t_args("summary-sent-on", &[("date", long_date(on))]),
        _ => t(summary.status.label_key()),
    };
    let rows: Vec<AnyView> = shown
        .into_iter()
        .map(|answer| {
            let before = summary
                .previous_feelings
                .iter()
                .find(|(topic, _)| *topic == answer.topic)
                .map(|(_, level)| *level);
            let extra = beside
                .iter()
                .position(|(topic, _)| *topic == answer.topic)
                .map(|at| beside.swap_remove(at).1);
            view! {
                <section class="answer">
                    <h2>{t(&format!("topic-{}", answer.topic))}</h2>
                    <p>
                        {answer.feeling.map(|level| view! { <Face level /> " " {t(&format!("feeling-{level}"))} })}
                        {before.map(|level| view! { " " <span class="hint">{t_args("summary-last-time", &[("feeling", t(&format!("feeling-{level}")))])}</span> })}
                    </p>
                    {(!answer.text.is_empty()).then(|| view! { <ChildWords text=answer.text.clone() language=answer.language.clone() /> })}
                    <p class="hint">
                        {if answer.share { t("summary-shared") } else { t("summary-just-iro") }}
                        {answer.talk_about.then(|| view! { " · " {t("summary-talk")} })}
                    </p>
                    {extra}
                </section>
            }
            .into_any()
        })
        .collect();
    if summary.words_hidden {
        return view! {
            <p class="no-print"><a href=crate::paths::child(id)>{t("summary-back")}</a></p>
            <h1>{t_args("summary-heading", &[("name", summary.child_name.clone())])}</h1>
            <p>{status}</p>
            {summary.unsent_changes.then(|| view! { <p class="hint">{t("summary-unsent")}</p> })}
            <OpenRecordForm child_id=id />
        }
        .into_any();
    }
    view! {
        {marked.then(|| view! { <div class="notice" role="status"><p>{t("summary-marked")}</p></div> })}
        <p class="no-print"><a href=crate::paths::child(id)>{t("summary-back")}</a></p>
        <h1>{t_args(if meeting { "summary-meeting-heading" } else { "summary-heading" }, &[("name", summary.child_name.clone())])}</h1>
        {summary.access_note.clone().map(|key| view! { <div class="notice"><p>{t(&key)}</p></div> })}
        <p>{status}</p>
        {(summary.unsent_changes && !meeting).then(|| view! { <p class="hint">{t("summary-unsent")}</p> })}
        {meeting.then(|| view! { <p class="hint">{t("summary-meeting-note")}</p> })}
        {if rows.is_empty() {
            view! { <p>{t("summary-nothing")}</p> }.into_any()
        } else {
            view! {
                <h2>{t("summary-talk-heading")}</h2>
                <p>{if talk.is_empty() { t("summary-talk-none") } else { talk.join(", ") }}</p>
                {rows}
                <h2>{t("consultation-taking-part-heading")}</h2>
                <ul>
                    {summary.take_part.iter().map(|c| view! { <li>{t(&format!("take-part-{c}"))}</li> }).collect_view()}
                </ul>
                {(!summary.who_there.is_empty()).then(|| view! {
                    <h3>{t("consultation-who-there")}</h3>
                    <ChildWords text=summary.who_there.clone() language=summary.taking_part_language.clone() />
                })}
                {(!summary.where_held.is_empty()).then(|| view! {
                    <h3>{t("consultation-where")}</h3>
                    <ChildWords text=summary.where_held.clone() language=summary.taking_part_language.clone() />
                })}
            }
            .into_any()
        }}
        {(!meeting && summary.trend.len() > 1).then(|| view! {
            <FeelingTrend name=summary.child_name.clone() trend=summary.trend.clone() />
        })}
        <div class="button-group no-print">
            {(summary.read.is_none() && summary.submitted_on.is_some() && !meeting).then(|| view! {
                <form method="post" action=paths::mark_read(id)>
                    <button type="submit" class="button">{t("summary-mark-read")}</button>
                </form>
            })}
            {(!meeting).then(|| view! { <a class="button button-secondary" href=format!("{}?meeting=1", paths::summary(id))>{t("summary-meeting-link")}</a> })}
        </div>
    }
    .into_any()
}

/// For a manager who is not covering for the child's IRO: the words stay
/// closed unless they say why they must read them. The opening is
/// recorded, lasts an hour, and the child is shown it.
#[component]
pub fn OpenRecordForm(child_id: i64) -> impl IntoView {
    let sent = use_context::<crate::accounts::OpenRecordForm>().unwrap_or_default();
    let error = sent.error.map(t);
    let described = if error.is_some() {
        "reason-hint reason-error reason-limit"
    } else {
        "reason-hint reason-limit"
    };
    let summary: Vec<(String, String)> = error
        .iter()
        .map(|message| ("reason".to_owned(), message.clone()))
        .collect();
    view! {
        <section class="open-record">
            <ErrorSummary errors=summary />
            <h2>{t("open-record-heading")}</h2>
            <p>{t("open-record-explain")}</p>
            <form method="post" action=crate::accounts::paths::open_record(child_id)>
                <div class=if error.is_some() { "field field-error" } else { "field" }>
                    <label for="reason">{t("open-record-reason")}</label>
                    <p class="hint" id="reason-hint">{t("open-record-reason-hint")}</p>
                    <ErrorMessage field="reason" message=error.clone() />
                    <textarea id="reason" name="reason" rows="3" aria-describedby=described>{textarea_text(&sent.reason)}</textarea>
                    <CharacterLimit field="reason" limit=crate::accounts::REASON_LIMIT />
                </div>
                <button type="submit" class="button button-secondary">{t("open-record-button")}</button>
            </form>
        </section>
    }
}

/// How the child has felt about each topic, each time they sent their
/// views: a small chart of faces (hidden from screen readers) and the
/// same as a table.
#[component]
fn FeelingTrend(name: String, trend: Vec<TrendPoint>) -> impl IntoView {
    let topics: Vec<&str> = TOPICS
        .iter()
        .copied()
        .filter(|topic| {
            trend
                .iter()
                .any(|point| point.feelings.iter().any(|(t, _)| t == topic))
        })
        .collect();
    let feeling = |point: &TrendPoint, topic: &str| {
        point
            .feelings
            .iter()
            .find(|(t, _)| t == topic)
            .map(|(_, level)| *level)
    };
    let chart = topics
        .iter()
        .map(|topic| {
            let faces = trend
                .iter()
                .map(|point| match feeling(point, topic) {
                    Some(level) => {
                        view! { <span class="trend-face"><Face level /></span> }.into_any()
                    }
                    None => view! { <span class="trend-face trend-none">"–"</span> }.into_any(),
                })
                .collect_view();
            view! {
                <div class="bar-row">
                    <span class="bar-label">{t(&format!("topic-{topic}"))}</span>
                    <span class="trend-faces">{faces}</span>
                </div>
            }
        })
        .collect_view();
    let rows = topics
        .iter()
        .map(|topic| {
            let cells = trend
                .iter()
                .map(|point| {
                    let words = feeling(point, topic).map_or_else(
                        || t("summary-trend-none"),
                        |level| t(&format!("feeling-{level}")),
                    );
                    view! { <td>{words}</td> }
                })
                .collect_view();
            view! { <tr><th scope="row">{t(&format!("topic-{topic}"))}</th>{cells}</tr> }
        })
        .collect_view();
    let heading = t_args("summary-trend-heading", &[("name", name)]);
    let region = heading.clone();
    view! {
        <section class="trend" aria-labelledby="trend-heading">
            <h2 id="trend-heading">{heading.clone()}</h2>
            <p class="hint">{t("summary-trend-explain")}</p>
            <div class="chart" aria-hidden="true">{chart}</div>
            <div class="table-scroll" tabindex="0" role="region" aria-label=region>
                <table class="table">
                    <caption class="visually-hidden">{heading}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t("summary-trend-topic")}</th>
                            {trend.iter().map(|point| view! { <th scope="col">{month_year(&point.month)}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
