//! "What children on my caseload are saying", for an IRO's home page:
//! this financial year's topics, feelings and themes for the children on
//! their caseload now, beside the whole service's, every count through
//! the disclosure rule (a caseload's small cells are hidden like any
//! other's).

use app::{
    disclosure::Rule,
    themes::{FiguresAsked, Saying},
};
use time::Date;

use super::{figures, store};
use crate::storage::Db;

/// The name the service's figures are kept under (see `storage::kept`).
const SERVICE_KEPT: &str = "service figures";

/// The name an IRO's own caseload figures are kept under, with whose.
const CASELOAD_KEPT: &str = "caseload figures";

/// What children on `iro`'s caseload are saying, as of `on`.
pub async fn saying(db: &Db, iro: i64, rule: Rule, on: Date) -> anyhow::Result<Saying> {
    let (span, ..) = figures::resolve(&mut FiguresAsked::default(), on);
    let period = span.millis();
    let caseload = store::Filters {
        caseload_of: Some(iro),
        ..store::Filters::default()
    };
    let all_of = |rows: Vec<(String, store::Counted)>| {
        rows.into_iter().next().map(|(_, c)| c).unwrap_or_default()
    };
    // The service's figures are the same for every IRO, and an IRO's own
    // are the same until their caseload's views, tags or children change:
    // both kept in memory as of the database's count of changes to what
    // they count (read first; a child allocated or moved counts too), and
    // read again, on their own connections at once, when it moves.
    let changes = store::figures_changes(db).await?;
    // A period's counts and themes for the children `filters` picks.
    let counts = |filters: store::Filters| async move {
        let (counted, themes) = tokio::try_join!(
            store::counted(db, period, &filters, None),
            store::theme_counts(db, period, &filters),
        )?;
        Ok((all_of(counted), themes))
    };
    let kept = db.kept();
    let (own, service) = tokio::try_join!(
        kept.get_or_load_as_of((CASELOAD_KEPT, iro), (changes, period), || {
            counts(caseload)
        }),
        kept.get_or_load_as_of(SERVICE_KEPT, (changes, period), || {
            counts(store::Filters::default())
        }),
    )?;
    let (mine, themes_mine) = &*own;
    let (all, themes_all) = &*service;
    Ok(Saying {
        period: span.period(),
        rule,
        topics: figures::topics(
            rule,
            (
                "saying-topics",
                [
                    "saying-caseload-answered",
                    "saying-caseload-talk",
                    "saying-service-answered",
                    "saying-service-talk",
                ],
            ),
            mine,
            all,
        ),
        feelings: figures::feelings(rule, "saying-feelings", mine),
        feelings_service: figures::feelings(rule, "saying-feelings-service", all),
        themes: figures::themes_table(
            rule,
            "saying-themes",
            ["saying-caseload", "saying-service"],
            themes_mine,
            themes_all,
        ),
    })
}
