//! The escalations' pages: raising a concern or noting good practice
//! about a child; one concern with its stages, the response form, Cafcass
//! and the child's view; the manager's view of every open concern and a
//! year's counts. Every form is a plain form, so all of it works without
//! JavaScript. Lists shared with the child's page and the IRO's home are
//! here too ([`History`], [`OpenList`]).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{
    ChildView, CountTable, DetailsForm, Escalation, ISSUES, Label, NAME_LIMIT, Overview,
    PraiseForm, RaiseForm, Raising, RespondForm, STAGES, StageRow, Summary, TEXT_LIMIT,
    load_escalation, load_overview, load_raising, paths, stage_rank,
};
use crate::{
    dates::long_date,
    disclosure::Cell,
    forms::{
        DateInput, ErrorMessage, ErrorSummary, TextArea, error_in, set_form_title, summary_of,
    },
    i18n::{t, t_args},
    layout::with_loaded,
};

fn query(name: &str) -> Option<String> {
    use_query_map().read_untracked().get(name)
}

fn notice(key: &str) -> AnyView {
    view! { <div class="notice" role="status"><p>{t(key)}</p></div> }.into_any()
}

fn stage_name(stage: &str) -> String {
    t(&format!("escalation-stage-{stage}"))
}

fn issues_text(issues: &[String]) -> String {
    issues
        .iter()
        .map(|i| t(&format!("escalation-issue-{i}")))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Where a concern is, in a few words, with its flag.
fn state_of(s: &Summary) -> AnyView {
    let words = match (&s.kind[..], &s.resolved_on, &s.stage) {
        ("good_practice", _, _) => t("escalation-kind-good_practice"),
        (_, Some(on), _) => t_args("escalation-resolved-on", &[("date", long_date(on))]),
        (_, None, Some(stage)) => stage_name(stage),
        _ => String::new(),
    };
    let due = s
        .due_on
        .as_ref()
        .map(|d| t_args("escalation-due-on", &[("date", long_date(d))]));
    let flag = if s.overdue {
        Some(("tag tag-warning", "escalation-overdue"))
    } else if s.due_soon {
        Some(("tag", "escalation-due-soon"))
    } else {
        None
    };
    view! {
        {words}
        {due.map(|d| view! { <br /><span class="hint">{d}</span> })}
        {flag.map(|(class, key)| view! { " " <strong class=class>{t(key)}</strong> })}
        {s.cafcass_on.as_ref().map(|_| view! { " " <span class="tag">{t("escalation-cafcass-tag")}</span> })}
    }
    .into_any()
}

/// A child's escalations, newest first, each with the stages it went
/// through (for their page).
#[component]
pub fn History(child_id: i64, escalations: Vec<Summary>, may_raise: bool) -> impl IntoView {
    view! {
        <h2 id="escalations">{t("escalations-heading")}</h2>
        {if escalations.is_empty() {
            view! { <p>{t("escalations-none")}</p> }.into_any()
        } else {
            view! {
                <ul class="topic-list">
                    {escalations
                        .into_iter()
                        .map(|s| {
                            let title = if s.kind == "good_practice" {
                                t_args("escalation-good-practice-of", &[("date", long_date(&s.raised_on))])
                            } else {
                                t_args("escalation-concern-of", &[("date", long_date(&s.raised_on)), ("issues", issues_text(&s.issues))])
                            };
                            let path = s
                                .path
                                .iter()
                                .map(|(stage, on)| format!("{} ({})", stage_name(stage), long_date(on)))
                                .collect::<Vec<_>>()
                                .join(" → ");
                            view! {
                                <li>
                                    <a href=paths::escalation(s.id)>{title}</a>
                                    {(!path.is_empty()).then(|| view! { <br /><span class="hint">{path.clone()}</span> })}
                                    <br />
                                    {state_of(&s)}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
            .into_any()
        }}
        {may_raise.then(|| view! {
            <p><a class="button button-secondary" href=paths::raise(child_id)>{t("escalations-raise-link")}</a></p>
        })}
    }
}

/// Open concerns, overdue first: the IRO's home and the manager's view.
#[component]
pub fn OpenList(open: Vec<Summary>, #[prop(default = false)] with_iro: bool) -> impl IntoView {
    if open.is_empty() {
        return view! { <p>{t("escalations-open-none")}</p> }.into_any();
    }
    view! {
        <table class="table">
            <thead>
                <tr>
                    <th scope="col">{t("escalations-column-child")}</th>
                    {with_iro.then(|| view! { <th scope="col">{t("escalations-column-iro")}</th> })}
                    <th scope="col">{t("escalations-column-about")}</th>
                    <th scope="col">{t("escalations-column-where")}</th>
                </tr>
            </thead>
            <tbody>
                {open
                    .into_iter()
                    .map(|s| {
                        let iro = s.iro_name.clone().unwrap_or_else(|| t("home-no-iro"));
                        view! {
                            <tr>
                                <td>{s.child_name.clone()}</td>
                                {with_iro.then(|| view! { <td>{iro}</td> })}
                                <td><a href=paths::escalation(s.id)>{t_args("escalation-concern-of", &[("date", long_date(&s.raised_on)), ("issues", issues_text(&s.issues))])}</a></td>
                                <td>{state_of(&s)}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

fn yes_no_radios(
    field: &'static str,
    legend: String,
    value: String,
    error: Option<String>,
) -> AnyView {
    let wrong = error.is_some();
    view! {
        <fieldset class="field" class:field-error=wrong id=field>
            <legend>{legend}</legend>
            <ErrorMessage field=field message=error />
            <div class="radios radios-inline">
                {[("yes", "escalation-yes"), ("no", "escalation-no")]
                    .into_iter()
                    .map(|(v, key)| view! {
                        <label>
                            <input type="radio" name=field value=v checked=value == v />
                            " " {t(key)}
                        </label>
                    })
                    .collect_view()}
            </div>
        </fieldset>
    }
    .into_any()
}

fn text_input(id: &'static str, label: String, value: String, error: Option<String>) -> AnyView {
    let described = if error.is_some() {
        format!("{id}-error {id}-limit")
    } else {
        format!("{id}-limit")
    };
    let wrong = error.is_some();
    view! {
        <div class="field" class:field-error=wrong>
            <label for=id>{label}</label>
            <ErrorMessage field=id message=error />
            <input id=id name=id type="text" value=value aria-describedby=described />
            <crate::character_count::CharacterLimit field=id limit=NAME_LIMIT />
        </div>
    }
    .into_any()
}

fn stage_radios(
    name: &'static str,
    legend: String,
    choices: Vec<(String, String)>,
    value: String,
    error: Option<String>,
) -> AnyView {
    let wrong = error.is_some();
    view! {
        <fieldset class="field" class:field-error=wrong id=name>
            <legend>{legend}</legend>
            <ErrorMessage field=name message=error />
            <div class="radios">
                {choices
                    .into_iter()
                    .map(|(v, words)| {
                        let checked = value == v;
                        view! {
                            <label>
                                <input type="radio" name=name value=v checked=checked />
                                " " {words}
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
        </fieldset>
    }
    .into_any()
}

/// `/children/{id}/escalations/new`: a concern, or a good practice note.
#[component]
pub fn RaisePage() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    let raise = use_context::<RaiseForm>().unwrap_or_default();
    let praise = use_context::<PraiseForm>().unwrap_or_default();
    set_form_title(
        "escalations-raise-title",
        !raise.errors.is_empty() || !praise.errors.is_empty(),
    );
    let child_id = crate::paths::id_param();
    with_loaded(
        move || load_raising(child_id),
        move |raising: Raising| {
            view! {
                <ErrorSummary errors=summary_of(&[raise.errors.as_slice(), praise.errors.as_slice()].concat()) />
                <p><a href=crate::paths::child(raising.child_id)>{t_args("escalations-back-to-child", &[("name", raising.child_name.clone())])}</a></p>
                <h1>{t_args("escalations-raise-heading", &[("name", raising.child_name.clone())])}</h1>
                <p>{t("escalations-raise-intro")}</p>
                {raise_form(&raising, raise.clone())}
                {praise_form(&raising, praise.clone())}
            }
        },
    )
}

fn raise_form(raising: &Raising, form: RaiseForm) -> AnyView {
    let errors = form.errors.clone();
    let err = |field: &str| error_in(&errors, field);
    let stage_choices = STAGES
        .iter()
        .zip(raising.days)
        .map(|(stage, days)| {
            (
                (*stage).to_owned(),
                t_args(
                    &format!("escalation-stage-choice-{stage}"),
                    &[("days", days.to_string())],
                ),
            )
        })
        .collect();
    let issues = view! {
        <fieldset class="field" class:field-error=err("issue").is_some() id="issue">
            <legend>{t("escalation-issues-legend")}</legend>
            <p class="hint">{t("escalation-issues-hint")}</p>
            <ErrorMessage field="issue" message=err("issue") />
            <div class="checkboxes">
                {ISSUES
                    .iter()
                    .map(|i| {
                        let checked = form.issues.iter().any(|x| x == i);
                        view! {
                            <label class="checkbox">
                                <input type="checkbox" name="issue" value=*i checked=checked />
                                " " {t(&format!("escalation-issue-{i}"))}
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
        </fieldset>
    }
    .into_any();
    let words = view! {
        <TextArea id="what_wrong" limit=TEXT_LIMIT label=t("escalation-what-wrong") value=form.what_wrong.clone()
            error=err("what_wrong") rows=4 />
        <TextArea id="what_needed" limit=TEXT_LIMIT label=t("escalation-what-needed") value=form.what_needed.clone()
            error=err("what_needed") rows=4 />
    }
    .into_any();
    let stage = form.stage.clone();
    let whom = view! {
        {stage_radios("stage", t("escalation-stage-legend"), stage_choices, stage, err("stage"))}
        <DateInput id="raised_on" legend=t("escalation-raised-on") hint=t("new-child-date-hint")
            value=form.raised_on.clone() error=err("raised_on") />
        {text_input("to_name", t("escalation-to-name"), form.to_name.clone(), err("to_name"))}
        {text_input("to_role", t("escalation-to-role"), form.to_role.clone(), err("to_role"))}
    }
    .into_any();
    let child = view! {
        {yes_no_radios("child_told", t("escalation-child-told"), form.child_told.clone(), err("child_told"))}
        {yes_no_radios("advocacy_offered", t("escalation-advocacy-offered"), form.advocacy_offered.clone(), err("advocacy_offered"))}
    }
    .into_any();
    view! {
        <h2>{t("escalations-concern-heading")}</h2>
        <form method="post" action=paths::raise(raising.child_id) class="form" novalidate>
            {issues}
            {words}
            {whom}
            {child}
            <button type="submit" class="button">{t("escalations-raise-button")}</button>
        </form>
    }
    .into_any()
}

fn praise_form(raising: &Raising, form: PraiseForm) -> AnyView {
    let errors = form.errors.clone();
    let err = |field: &str| error_in(&errors, field);
    view! {
        <h2>{t("escalations-praise-heading")}</h2>
        <p>{t("escalations-praise-intro")}</p>
        <form method="post" action=paths::praise(raising.child_id) class="form" novalidate>
            <DateInput id="noted_on" legend=t("escalation-noted-on") hint=t("new-child-date-hint")
                value=form.noted_on.clone() error=err("noted_on") />
            <TextArea id="note" limit=TEXT_LIMIT label=t("escalation-note") value=form.note.clone()
                error=err("note") rows=3 />
            <button type="submit" class="button button-secondary">{t("escalations-praise-button")}</button>
        </form>
    }
    .into_any()
}

/// `/escalations/{id}`: one concern or note.
#[component]
pub fn EscalationPage() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    let respond = use_context::<RespondForm>().unwrap_or_default();
    let details = use_context::<DetailsForm>().unwrap_or_default();
    set_form_title(
        "escalation-title",
        !respond.errors.is_empty() || !details.errors.is_empty(),
    );
    let done = [
        ("raised", "escalation-raised-notice"),
        ("noted", "escalation-noted-notice"),
        ("responded", "escalation-responded-notice"),
        ("details", "escalation-details-notice"),
        ("linked", "escalation-linked-notice"),
    ]
    .into_iter()
    .find(|(name, _)| query(name).is_some())
    .map(|(_, key)| key);
    let id = crate::paths::id_param();
    with_loaded(
        move || load_escalation(id),
        move |e: Escalation| {
            view! {
                {done.map(notice)}
                <ErrorSummary errors=summary_of(&[respond.errors.as_slice(), details.errors.as_slice()].concat()) />
                <EscalationView e respond=respond.clone() details=details.clone() />
            }
        },
    )
}

#[component]
fn EscalationView(e: Escalation, respond: RespondForm, details: DetailsForm) -> impl IntoView {
    let s = e.summary.clone();
    let good = s.kind == "good_practice";
    let open = !good && s.resolved_on.is_none();
    let heading = if good {
        t_args(
            "escalation-good-practice-of",
            &[("date", long_date(&s.raised_on))],
        )
    } else {
        t_args(
            "escalation-concern-of",
            &[
                ("date", long_date(&s.raised_on)),
                ("issues", issues_text(&s.issues)),
            ],
        )
    };
    let top = view! {
        <p><a href=crate::paths::child(s.child_id)>{t_args("escalations-back-to-child", &[("name", s.child_name.clone())])}</a></p>
        <h1>{heading}</h1>
        <p class="hint">{t("escalation-staff-only")}</p>
        <dl class="summary-list">
            <div><dt>{t("escalation-raised-by")}</dt><dd>{e.raised_by.clone()}</dd></div>
            <div><dt>{t("escalations-column-where")}</dt><dd>{state_of(&s)}</dd></div>
            <div><dt>{if good { t("escalation-note") } else { t("escalation-what-wrong") }}</dt><dd class="pre-line">{e.what_wrong.clone()}</dd></div>
            {(!good).then(|| view! {
                <div><dt>{t("escalation-what-needed")}</dt><dd class="pre-line">{e.what_needed.clone()}</dd></div>
            })}
            {(!e.outcome.is_empty()).then(|| view! {
                <div><dt>{t("escalation-outcome")}</dt><dd class="pre-line">{e.outcome.clone()}</dd></div>
            })}
        </dl>
    }
    .into_any();
    if good {
        return top;
    }
    let clock = clock_view(&e);
    let stages = view! { <Stages stages=e.stages.clone() /> }.into_any();
    let respond_form = if open && e.may_change {
        respond_view(&e, respond)
    } else {
        ().into_any()
    };
    let details_view = details_view(&e, details);
    let views = views_view(&e);
    let letter = view! {
        <h2>{t("escalation-letter-heading")}</h2>
        <p>{t("escalation-letter-text")} " "
            <a href=format!("{}#letters", crate::paths::child(s.child_id))>{t("escalation-letter-link")}</a>
        </p>
    }
    .into_any();
    view! { {top} {clock} {stages} {respond_form} {details_view} {views} {letter} }.into_any()
}

fn clock_view(e: &Escalation) -> AnyView {
    let Some(by) = e.formal_by.clone() else {
        return ().into_any();
    };
    let days = e.formal_days.unwrap_or(0);
    let over = days > i64::from(super::FORMAL_LIMIT);
    view! {
        <p id="formal-clock">
            {t_args("escalation-formal-by", &[("date", long_date(&by)), ("days", days.to_string())])}
            {over.then(|| view! { " " <strong class="tag tag-warning">{t("escalation-formal-over")}</strong> })}
        </p>
    }
    .into_any()
}

#[component]
fn Stages(stages: Vec<StageRow>) -> impl IntoView {
    view! {
        <h2 id="stages">{t("escalation-stages-heading")}</h2>
        <table class="table" aria-labelledby="stages">
            <thead>
                <tr>
                    <th scope="col">{t("escalation-stage-legend")}</th>
                    <th scope="col">{t("escalation-column-to")}</th>
                    <th scope="col">{t("escalation-column-due")}</th>
                    <th scope="col">{t("escalation-column-response")}</th>
                </tr>
            </thead>
            <tbody>
                {stages
                    .into_iter()
                    .map(|st| {
                        let response = match &st.response_on {
                            Some(on) => view! {
                                {long_date(on)}
                                {st.late.then(|| view! { " " <strong class="tag tag-warning">{t("escalation-late")}</strong> })}
                                <br />
                                <span class="pre-line">{st.response.clone()}</span>
                            }
                            .into_any(),
                            None => view! { {t("escalation-no-response")} }.into_any(),
                        };
                        view! {
                            <tr>
                                <td>{stage_name(&st.stage)} <br /><span class="hint">{long_date(&st.started_on)}</span></td>
                                <td>{st.raised_to_name.clone()} <br /><span class="hint">{st.raised_to_role.clone()}</span></td>
                                <td>{long_date(&st.due_on)}</td>
                                <td>{response}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

fn respond_view(e: &Escalation, form: RespondForm) -> AnyView {
    let errors = form.errors.clone();
    let err = |field: &str| error_in(&errors, field);
    let rank = e.summary.stage.as_deref().and_then(stage_rank).unwrap_or(0);
    let mut choices = vec![("resolve".to_owned(), t("escalation-next-resolve"))];
    choices.extend(
        STAGES
            .iter()
            .enumerate()
            .filter(|(r, _)| *r > rank)
            .map(|(_, stage)| {
                (
                    (*stage).to_owned(),
                    t_args("escalation-next-stage", &[("stage", stage_name(stage))]),
                )
            }),
    );
    let next = form.next.clone();
    view! {
        <h2>{t("escalation-respond-heading")}</h2>
        <form method="post" action=paths::respond(e.summary.id) class="form" novalidate>
            <DateInput id="response_on" legend=t("escalation-response-on") hint=t("new-child-date-hint")
                value=form.response_on.clone() error=err("response_on") />
            <TextArea id="response" limit=TEXT_LIMIT label=t("escalation-response") value=form.response.clone()
                error=err("response") rows=3 />
            {stage_radios("next", t("escalation-next-legend"), choices, next, err("next"))}
            <TextArea id="outcome" limit=TEXT_LIMIT label=t("escalation-outcome-label") value=form.outcome.clone()
                error=err("outcome") rows=3 hint=t("escalation-outcome-hint") />
            {text_input("to_name", t("escalation-to-name-next"), form.to_name.clone(), err("to_name"))}
            {text_input("to_role", t("escalation-to-role"), form.to_role.clone(), err("to_role"))}
            <button type="submit" class="button">{t("escalation-respond-button")}</button>
        </form>
    }
    .into_any()
}

fn said(value: Option<bool>) -> String {
    match value {
        Some(true) => t("escalation-yes"),
        Some(false) => t("escalation-no"),
        None => t("escalation-not-recorded"),
    }
}

fn details_view(e: &Escalation, form: DetailsForm) -> AnyView {
    let errors = form.errors.clone();
    let err = |field: &str| error_in(&errors, field);
    let sent = !errors.is_empty();
    let yes_no = |v: Option<bool>| match v {
        Some(true) => "yes".to_owned(),
        Some(false) => "no".to_owned(),
        None => String::new(),
    };
    let told = if sent {
        form.child_told.clone()
    } else {
        yes_no(e.child_told)
    };
    let offered = if sent {
        form.advocacy_offered.clone()
    } else {
        yes_no(e.advocacy_offered)
    };
    let cafcass = e.summary.cafcass_on.clone();
    let list = view! {
        <h2 id="details">{t("escalation-details-heading")}</h2>
        <dl class="summary-list">
            <div><dt>{t("escalation-cafcass")}</dt><dd>{cafcass.as_ref().map(|d| long_date(d)).unwrap_or_else(|| t("escalation-cafcass-none"))}</dd></div>
            <div><dt>{t("escalation-child-told")}</dt><dd>{said(e.child_told)}</dd></div>
            <div><dt>{t("escalation-advocacy-offered")}</dt><dd>{said(e.advocacy_offered)}</dd></div>
        </dl>
    }
    .into_any();
    if !e.may_change {
        return list;
    }
    let form_view = view! {
        <form method="post" action=paths::details(e.summary.id) class="form" novalidate>
            {cafcass.is_none().then(|| view! {
                <DateInput id="cafcass_on" legend=t("escalation-cafcass-on") hint=t("escalation-cafcass-hint")
                    value=form.cafcass_on.clone() error=err("cafcass_on") />
            })}
            {yes_no_radios("child_told", t("escalation-child-told"), told, err("child_told"))}
            {yes_no_radios("advocacy_offered", t("escalation-advocacy-offered"), offered, err("advocacy_offered"))}
            <button type="submit" class="button button-secondary">{t("escalation-details-button")}</button>
        </form>
    }
    .into_any();
    view! { {list} {form_view} }.into_any()
}

fn view_words(v: &ChildView) -> String {
    if v.source == "advocacy" {
        t_args(
            "escalation-view-advocacy",
            &[
                ("date", long_date(&v.on)),
                (
                    "what",
                    v.categories
                        .iter()
                        .map(|c| t(&format!("advocacy-category-{c}")))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            ],
        )
    } else {
        t_args(
            "escalation-view-consultation",
            &[("date", long_date(&v.on))],
        )
    }
}

fn views_view(e: &Escalation) -> AnyView {
    let cited = if e.views.is_empty() {
        view! { <p>{t("escalation-views-none")}</p> }.into_any()
    } else {
        view! {
            <ul>
                {e.views.iter().map(|v| view! { <li>{view_words(v)}</li> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    let link = (!e.views_to_link.is_empty()).then(|| {
        view! {
            <form method="post" action=paths::link(e.summary.id) class="form">
                <div class="field">
                    <label for="view">{t("escalation-view-label")}</label>
                    <p class="hint" id="view-hint">{t("escalation-view-hint")}</p>
                    <select id="view" name="view" aria-describedby="view-hint">
                        {e.views_to_link
                            .iter()
                            .map(|v| view! { <option value=format!("{}:{}", v.source, v.id)>{view_words(v)}</option> })
                            .collect_view()}
                    </select>
                </div>
                <button type="submit" class="button button-secondary">{t("escalation-view-button")}</button>
            </form>
        }
    });
    view! {
        <h2 id="views">{t("escalation-views-heading")}</h2>
        {cited}
        {link}
    }
    .into_any()
}

fn cell_text(cell: Cell) -> String {
    match cell {
        Cell::Shown(n) => crate::i18n::number(n),
        Cell::Hidden => "c".to_owned(),
    }
}

fn label_text(label: &Label) -> String {
    match label {
        Label::Key(key) => t(key),
        Label::Name(name) => name.clone(),
    }
}

/// A table of counts with its caption (the manager's view and the annual
/// pack).
#[component]
pub fn CountTableView(table: CountTable) -> impl IntoView {
    let id = table.key.clone();
    view! {
        <table class="table" id=id.clone()>
            <caption>{t(&table.key)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t(&format!("{}-rows", table.key))}</th>
                    {table.columns.iter().map(|c| view! { <th scope="col" class="numeric">{label_text(c)}</th> }).collect_view()}
                    {table.percents.is_some().then(|| view! { <th scope="col" class="numeric">{t("escalations-column-share")}</th> })}
                </tr>
            </thead>
            <tbody>
                {table
                    .rows
                    .iter()
                    .enumerate()
                    .map(|(r, label)| {
                        let percent = table.percents.as_ref().map(|p| match p[r] {
                            Some(p) => format!("{p}%"),
                            None => "c".to_owned(),
                        });
                        view! {
                            <tr>
                                <th scope="row">{label_text(label)}</th>
                                {table.cells[r].iter().map(|c| view! { <td class="numeric">{cell_text(*c)}</td> }).collect_view()}
                                {percent.map(|p| view! { <td class="numeric">{p}</td> })}
                            </tr>
                        }
                    })
                    .collect_view()}
                {table.column_totals.clone().map(|totals| view! {
                    <tr>
                        <th scope="row">{t("figures-total")}</th>
                        {totals.into_iter().map(|c| view! { <td class="numeric">{cell_text(c)}</td> }).collect_view()}
                    </tr>
                })}
            </tbody>
        </table>
    }
}

/// `/escalations`: the manager's view.
#[component]
pub fn OverviewPage() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    crate::title::set_page_title(t("escalations-overview-title"));
    let year = query("year").and_then(|y| y.parse::<i32>().ok());
    with_loaded(
        move || load_overview(year),
        move |o: Overview| view! { <OverviewView o /> },
    )
}

fn year_words(year: i32) -> String {
    format!("{}–{:02}", year, (year + 1) % 100)
}

#[component]
fn OverviewView(o: Overview) -> impl IntoView {
    let year = o.year;
    let top = view! {
        <h1>{t("escalations-overview-title")}</h1>
        <h2 id="open">{t("escalations-open-heading")}</h2>
        <OpenList open=o.open.clone() with_iro=true />
        <h2 id="counts">{t_args("escalations-counts-heading", &[("year", year_words(year))])}</h2>
        <form method="get" action=paths::OVERVIEW class="form form-inline">
            <div class="field">
                <label for="year">{t("escalations-year")}</label>
                <select id="year" name="year">
                    {o.years.iter().map(|y| view! { <option value=y.to_string() selected=*y == year>{year_words(*y)}</option> }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button button-secondary">{t("escalations-year-button")}</button>
        </form>
        <p class="hint">{t("escalations-counts-hint")} " " {t_args("figures-c", &[("n", o.fewer_than.to_string())])}</p>
    }
    .into_any();
    let tables = o
        .tables
        .iter()
        .cloned()
        .map(|table| view! { <CountTableView table /> }.into_any())
        .collect::<Vec<_>>();
    let median = view! {
        <p id="median">{match o.median_days {
            Some(days) => t_args("escalations-median-days", &[("days", days.to_string())]),
            None => t("escalations-median-none"),
        }}</p>
        <p>
            <a href=paths::for_year(paths::CSV, year) download="">{t("escalations-download-csv")}</a>
            " · "
            <a href=paths::for_year(paths::WORKBOOK, year) download="">{t("escalations-download-xlsx")}</a>
        </p>
    }
    .into_any();
    view! { {top} {tables} {median} }
}
