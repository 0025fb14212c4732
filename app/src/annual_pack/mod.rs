//! The annual report pack: a financial year's figures and, as its own
//! chapter, what children told the service that year (the themes page's
//! tables), on one page to print on A4 and in one workbook. A composite:
//! the figures are one area's, the themes another's. Every count in it has
//! been through the disclosure rule in its own area.

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::accounts::{CurrentUser, Pending};
use crate::{
    figures::{AnnualAsked, AnnualFigures},
    themes::Figures,
};

pub mod pages;

/// The year's figures and its themes chapter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pack {
    pub figures: AnnualFigures,
    pub themes: Figures,
    /// The escalations raised in the year: what was raised, the issues by
    /// type (the report's Table 7) and how far they went.
    pub escalations: Vec<crate::escalations::CountTable>,
}

/// What the pack needs; `server` implements it.
#[cfg(feature = "ssr")]
pub trait AnnualPackApi: Send + Sync {
    /// The pack for a financial year (managers and the CRO).
    fn pack<'a>(&'a self, user: &'a CurrentUser, asked: AnnualAsked) -> Pending<'a, Pack>;
}

page_data!(
    /// The annual report pack for a financial year (managers and the CRO).
    load_pack(asked: AnnualAsked) -> Pack, dyn AnnualPackApi, pack
);
