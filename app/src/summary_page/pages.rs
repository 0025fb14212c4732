//! The consultation summary page: the consultation area's summary, with
//! the themes area's tags under each answer.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{SummaryPage, load_summary_page};
use crate::{consultations::summary::SummaryView, themes::pages::AnswerThemes};

#[component]
pub fn ConsultationSummary() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    // "Error: " first when the reason for opening the record needs fixing.
    crate::forms::set_form_title(
        "summary-page-title",
        use_context::<crate::accounts::OpenRecordForm>().is_some_and(|f| f.error.is_some()),
    );
    let child_id = use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i64>().ok())
        .unwrap_or(-1);
    let query = use_query_map().read_untracked();
    let meeting = query.get("meeting").is_some();
    let marked = query.get("read").is_some();
    let tagged = query.get("tagged");
    crate::layout::with_loaded(
        move || load_summary_page(child_id, meeting),
        move |page| view! { <PageView page meeting marked tagged=tagged.clone() /> },
    )
}

#[component]
fn PageView(
    page: SummaryPage,
    meeting: bool,
    marked: bool,
    tagged: Option<String>,
) -> impl IntoView {
    let child_id = page.summary.child_id;
    let beside: Vec<(String, AnyView)> = page
        .tagging
        .map(|tagging| {
            tagging
                .answers
                .iter()
                .map(|answer| {
                    let names = tagging.names_for(answer);
                    let saved = tagged.as_deref() == Some(answer.topic.as_str());
                    let view = view! {
                        <AnswerThemes child_id answer=answer.clone() offered=tagging.offered.clone() names saved />
                    }
                    .into_any();
                    (answer.topic.clone(), view)
                })
                .collect()
        })
        .unwrap_or_default();
    view! { <SummaryView summary=page.summary meeting marked beside /> }
}
