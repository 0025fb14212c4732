//! Bars drawn on the server beside a table that says the same (the chart
//! is hidden from screen readers; the table is what they read). Widths
//! are classes (`pct-0` to `pct-100`), since the page's CSP allows no
//! inline styles. A hidden count has no bar, only "c", so nothing hidden
//! can be measured.

use leptos::prelude::*;

use crate::disclosure::Cell;

/// How the bars are measured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    /// Counts: the largest is the full width.
    Largest,
    /// Percentages: 100 is the full width, and each says "n%".
    Percent,
}

/// A bar for each (label, value).
#[component]
pub fn BarChart(bars: Vec<(String, Cell)>, scale: Scale) -> impl IntoView {
    let most = match scale {
        Scale::Percent => 100,
        Scale::Largest => bars
            .iter()
            .filter_map(|(_, c)| c.value())
            .max()
            .unwrap_or(0)
            .max(1),
    };
    let rows = bars
        .into_iter()
        .map(|(label, cell)| {
            let width = cell.value().map(|n| (n * 100 / most).clamp(0, 100)).unwrap_or(0);
            let text = match (scale, cell) {
                (Scale::Percent, Cell::Shown(n)) => format!("{n}%"),
                _ => cell.text(),
            };
            view! {
                <div class="bar-row">
                    <span class="bar-label">{label}</span>
                    <span class="bar-track">
                        {cell.value().map(|_| view! { <span class=format!("bar pct-{width}")></span> })}
                        <span class="bar-value">{text}</span>
                    </span>
                </div>
            }
        })
        .collect_view();
    view! { <div class="chart" aria-hidden="true">{rows}</div> }
}
