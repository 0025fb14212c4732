//! What the pages need to know about the service they belong to: the
//! authority running it, where "Exit this page" goes, and who to call for
//! help. The server fills this in from its configuration.

use serde::{Deserialize, Serialize};

/// A phone number shown to children, with the digits a `tel:` link needs.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneNumber {
    /// As people write it, for example "0800 1111".
    pub display: String,
}

impl PhoneNumber {
    pub fn new(display: impl Into<String>) -> Self {
        Self {
            display: display.into(),
        }
    }

    /// The number as a `tel:` link: digits and a leading plus only.
    pub fn tel_href(&self) -> String {
        let digits: String = self
            .display
            .chars()
            .enumerate()
            .filter(|(i, c)| c.is_ascii_digit() || (*i == 0 && *c == '+'))
            .map(|(_, c)| c)
            .collect();
        format!("tel:{digits}")
    }
}

/// The service's public face, identical for every visitor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteInfo {
    /// The local authority running MySay, shown in every page's header.
    pub authority_name: String,
    /// Where "Exit this page" takes a child: a neutral, busy site.
    pub exit_url: String,
    /// The commissioned advocacy service, as children know it.
    pub advocacy_name: String,
    pub advocacy_phone: PhoneNumber,
    /// The authority's out-of-hours social care number.
    pub out_of_hours_phone: PhoneNumber,
    pub childline_phone: PhoneNumber,
    /// The languages offered besides English (which always is), by code.
    pub languages: Vec<String>,
}

impl SiteInfo {
    /// Whether pages may be shown in `locale`: English always, the others
    /// when the service offers them.
    pub fn offers(&self, locale: crate::i18n::Locale) -> bool {
        locale == crate::i18n::Locale::En || self.languages.iter().any(|c| c == locale.code())
    }

    /// The languages offered, in the order MySay lists them.
    pub fn offered(&self) -> Vec<crate::i18n::Locale> {
        crate::i18n::Locale::ALL
            .into_iter()
            .filter(|l| self.offers(*l))
            .collect()
    }
}

impl Default for SiteInfo {
    fn default() -> Self {
        Self {
            authority_name: "Your council".to_owned(),
            exit_url: "https://www.bbc.co.uk/weather".to_owned(),
            advocacy_name: "Coram Voice".to_owned(),
            advocacy_phone: PhoneNumber::new("0808 800 5792"),
            out_of_hours_phone: PhoneNumber::new("0300 123 4567"),
            childline_phone: PhoneNumber::new("0800 1111"),
            languages: crate::i18n::Locale::ALL
                .into_iter()
                .filter(|l| *l != crate::i18n::Locale::En)
                .map(|l| l.code().to_owned())
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tel_links_keep_only_digits_and_a_leading_plus() {
        assert_eq!(PhoneNumber::new("0800 1111").tel_href(), "tel:08001111");
        assert_eq!(
            PhoneNumber::new("+44 (0)20 7946-0000").tel_href(),
            "tel:+4402079460000"
        );
    }
}

/// Who to call, straight away: 999, Childline, the advocacy service and
/// the council's out-of-hours team (Help now, and wherever a child's
/// words suggest they may not be safe).
#[leptos::component]
pub fn Helplines() -> impl leptos::IntoView {
    use crate::i18n::{t, t_args};
    use leptos::prelude::*;
    let site = use_context::<SiteInfo>().unwrap_or_default();
    let emergency = PhoneNumber::new("999");
    view! {
        <ul class="helplines">
            <Helpline label=t("help-danger") phone=emergency />
            <Helpline label=t("help-childline") phone=site.childline_phone.clone() />
            <Helpline
                label=t_args("help-advocacy", &[("provider", site.advocacy_name.clone())])
                phone=site.advocacy_phone.clone()
            />
            <Helpline label=t("help-out-of-hours") phone=site.out_of_hours_phone.clone() />
        </ul>
    }
}

#[leptos::component]
fn Helpline(label: String, phone: PhoneNumber) -> impl leptos::IntoView {
    use leptos::prelude::*;
    view! {
        <li>
            <span class="helpline-label">{label}</span>
            " "
            <a class="helpline-number" href=phone.tel_href() dir="ltr">
                {phone.display.clone()}
            </a>
        </li>
    }
}
