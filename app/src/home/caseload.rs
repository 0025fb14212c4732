//! The IRO's caseload: 40 to 70 children on one screen for a working day.
//! The reviews of the next 7 days first, with each child's views and
//! alerts; then every child in a dense table, sorted by urgency, next
//! review or due date, and filtered to what needs doing (overdue, due
//! within 14 days, views sent and not read, an open advocacy request, a
//! letter not read), with a count of each. Sorting and filters are plain
//! links, so all of it works without JavaScript.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::{
    advocacy::Stage,
    consultations::Status,
    dates::long_date,
    home::CaseloadChild,
    i18n::{number, t, t_args},
    schedule::DueState,
};

/// The filters, by their name in the address.
pub const FILTERS: [&str; 5] = [
    "overdue",
    "due-soon",
    "views-unread",
    "advocacy",
    "letters-unread",
];

/// Whether `child` is one the filter `name` shows.
pub fn shows(name: &str, child: &CaseloadChild) -> bool {
    match name {
        "overdue" => child.due == DueState::Overdue,
        "due-soon" => child.due == DueState::DueSoon,
        "views-unread" => child.consultation == Status::Submitted,
        "advocacy" => child.advocacy.is_some_and(|s| s != Stage::Closed),
        "letters-unread" => child.letter_unread,
        _ => true,
    }
}

/// The orders, by their name in the address: most urgent first (alerts,
/// then overdue, then due soon, as the server sends them), by next review,
/// or by due date. Children with no date go last.
pub fn sort(children: &mut [CaseloadChild], by: &str) {
    let key = |date: &Option<String>| (date.is_none(), date.clone().unwrap_or_default());
    match by {
        "review" => children.sort_by_key(|c| key(&c.next_review)),
        "due" => children.sort_by_key(|c| key(&c.due_on)),
        _ => {}
    }
}

fn href(show: &str, sort: &str) -> String {
    let mut query = Vec::new();
    if !show.is_empty() {
        query.push(format!("show={show}"));
    }
    if !sort.is_empty() {
        query.push(format!("sort={sort}"));
    }
    if query.is_empty() {
        format!("{}#caseload", crate::paths::HOME)
    } else {
        format!("{}?{}#caseload", crate::paths::HOME, query.join("&"))
    }
}

#[component]
pub fn Caseload(children: Vec<CaseloadChild>) -> impl IntoView {
    let query = use_query_map().get_untracked();
    let show = query
        .get("show")
        .filter(|s| FILTERS.contains(&s.as_str()))
        .unwrap_or_default();
    let by = query
        .get("sort")
        .filter(|s| s == "review" || s == "due")
        .unwrap_or_default();
    let week: Vec<CaseloadChild> = {
        let mut week: Vec<CaseloadChild> = children
            .iter()
            .filter(|c| c.review_this_week)
            .cloned()
            .collect();
        sort(&mut week, "review");
        week
    };
    let filters = std::iter::once("")
        .chain(FILTERS)
        .map(|name| {
            let count = children.iter().filter(|c| shows(name, c)).count();
            let key = if name.is_empty() {
                "caseload-all".to_owned()
            } else {
                format!("caseload-{name}")
            };
            let label = t(&key);
            let current = name == show;
            view! {
                <li>
                    <a href=href(name, &by) aria-current=current.then_some("true")>
                        {label} " " <span class="count">{number(count)}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    let mut shown: Vec<CaseloadChild> = children.into_iter().filter(|c| shows(&show, c)).collect();
    sort(&mut shown, &by);
    let sort_links = [
        ("", "caseload-sort-urgent"),
        ("review", "caseload-sort-review"),
        ("due", "caseload-sort-due"),
    ]
    .into_iter()
    .map(|(name, key)| {
        view! {
            <li>
                <a href=href(&show, name) aria-current=(name == by).then_some("true")>{t(key)}</a>
            </li>
        }
    })
    .collect_view();
    let sorted = |name: &str| (by == name).then_some("ascending");
    let rows = shown
        .iter()
        .map(|child| view! { <CaseloadRow child=child.clone() /> })
        .collect_view();
    view! {
        <section class="this-week" aria-labelledby="this-week-heading">
            <h2 id="this-week-heading">{t("caseload-week-heading")}</h2>
            {if week.is_empty() {
                view! { <p>{t("caseload-week-none")}</p> }.into_any()
            } else {
                view! {
                    <ul class="week-list">
                        {week
                            .into_iter()
                            .map(|child| {
                                let when = review_when(&child).unwrap_or_default();
                                view! {
                                    <li>
                                        <a href=crate::paths::child(child.id)>{child.name.clone()}</a>
                                        ": " {when} ". "
                                        <a href=crate::consultations::paths::summary(child.id)>
                                            {t(child.consultation.label_key())}
                                            <span class="visually-hidden">", " {child.name.clone()}</span>
                                        </a>
                                        {child.alert.then(|| view! { " " <strong class="tag tag-alert">{t("caseload-alert")}</strong> })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
        <h2 id="caseload">{t("home-your-children")}</h2>
        <nav aria-label=t("caseload-filter-label") class="caseload-filters">
            <ul>{filters}</ul>
        </nav>
        <nav aria-label=t("caseload-sort-label") class="caseload-sort">
            <span aria-hidden="true">{t("caseload-sort-label")} ": "</span>
            <ul>{sort_links}</ul>
        </nav>
        {if shown.is_empty() {
            view! { <p>{t("caseload-none-match")}</p> }.into_any()
        } else {
            view! {
                <table class="table table-dense caseload">
                    <thead>
                        <tr>
                            <th scope="col">{t("home-child-name")}</th>
                            <th scope="col" aria-sort=sorted("review")>{t("home-next-review")}</th>
                            <th scope="col" aria-sort=sorted("due")>{t("home-due")}</th>
                            <th scope="col">{t("home-consultation")}</th>
                            <th scope="col">{t("home-advocacy")}</th>
                            <th scope="col">{t("caseload-letters")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            }
            .into_any()
        }}
    }
}

/// "6 December 2026 at 10:00": when the child's next review is, if set.
fn review_when(child: &CaseloadChild) -> Option<String> {
    let day = child.next_review.as_deref()?;
    Some(match &child.review_time {
        Some(time) => t_args(
            "review-scheduled-at",
            &[("date", long_date(day)), ("time", time.clone())],
        ),
        None => long_date(day),
    })
}

#[component]
fn CaseloadRow(child: CaseloadChild) -> impl IntoView {
    view! {
        <tr>
            <td>
                <a href=crate::paths::child(child.id)>{child.name.clone()}</a>
                {child.alert.then(|| view! { " " <strong class="tag tag-alert">{t("caseload-alert")}</strong> })}
            </td>
            <td>
                {review_when(&child).unwrap_or_else(|| t("home-no-review"))}
            </td>
            <td>
                {child.due_on.as_deref().map(long_date).unwrap_or_else(|| t("review-due-unknown"))}
                {child.due.label_key().map(|key| view! { " " <strong class="tag tag-warning">{t(key)}</strong> })}
            </td>
            <td>
                <a href=crate::consultations::paths::summary(child.id)>
                    {t(child.consultation.label_key())}
                    <span class="visually-hidden">", " {child.name.clone()}</span>
                </a>
            </td>
            <td>{child.advocacy.map(|stage| t(stage.label_key()))}</td>
            <td>{child.letter_unread.then(|| t("caseload-letter-unread"))}</td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::{CaseloadChild, DueState, FILTERS, Stage, Status, shows, sort};

    fn child(id: i64, next: Option<&str>, due_on: Option<&str>, due: DueState) -> CaseloadChild {
        CaseloadChild {
            id,
            name: format!("child {id}"),
            has_account: true,
            next_review: next.map(str::to_owned),
            review_time: None,
            review_this_week: false,
            due_on: due_on.map(str::to_owned),
            due,
            consultation: Status::NotStarted,
            advocacy: None,
            alert: false,
            letter_unread: false,
        }
    }

    #[test]
    fn each_filter_shows_just_its_children() {
        let mut a = child(1, None, None, DueState::Overdue);
        a.consultation = Status::Submitted;
        let mut b = child(2, None, None, DueState::DueSoon);
        b.advocacy = Some(Stage::Sent);
        b.letter_unread = true;
        let c = child(3, None, None, DueState::OnTrack);
        let list = [a, b, c];
        let ids = |name: &str| -> Vec<i64> {
            list.iter()
                .filter(|c| shows(name, c))
                .map(|c| c.id)
                .collect()
        };
        assert_eq!(ids("overdue"), [1]);
        assert_eq!(ids("due-soon"), [2]);
        assert_eq!(ids("views-unread"), [1]);
        assert_eq!(ids("advocacy"), [2]);
        assert_eq!(ids("letters-unread"), [2]);
        assert_eq!(ids(""), [1, 2, 3]);
        assert_eq!(FILTERS.len(), 5);
    }

    #[test]
    fn sorting_puts_children_without_a_date_last() {
        let mut list = vec![
            child(1, None, Some("2027-01-05"), DueState::OnTrack),
            child(2, Some("2026-12-20"), Some("2027-02-01"), DueState::OnTrack),
            child(3, Some("2026-12-04"), None, DueState::OnTrack),
        ];
        sort(&mut list, "review");
        assert_eq!(list.iter().map(|c| c.id).collect::<Vec<_>>(), [3, 2, 1]);
        sort(&mut list, "due");
        assert_eq!(list.iter().map(|c| c.id).collect::<Vec<_>>(), [1, 2, 3]);
    }
}
