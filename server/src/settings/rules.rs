//! The settings form parsed once: pure, unit-tested.

use app::{
    disclosure::{FLOOR, Preset, Rule},
    settings::{DisclosureForm, MOST, MOST_MONTHS, MOST_POPULATION, PlannedForm, PopulationForm},
};

/// The rule the form asks for, or its problems (field, message key). An
/// empty number takes the preset's own.
pub fn disclosure_rule(form: &DisclosureForm) -> Result<Rule, Vec<(&'static str, &'static str)>> {
    let preset = match form.preset.trim() {
        "dfe" => Some(Preset::Dfe),
        "ons" => Some(Preset::Ons),
        _ => None,
    };
    let typed = form.fewer_than.trim();
    let number = if typed.is_empty() {
        Ok(None)
    } else if !typed.chars().all(|c| c.is_ascii_digit()) || typed.len() > 6 {
        Err("settings-error-number")
    } else {
        match typed.parse::<i64>() {
            Ok(n) if n < FLOOR => Err("settings-error-floor"),
            Ok(n) if n > MOST => Err("settings-error-most"),
            Ok(n) => Ok(Some(n)),
            Err(_) => Err("settings-error-number"),
        }
    };
    let mut problems = Vec::new();
    if preset.is_none() {
        problems.push(("preset", "settings-error-preset"));
    }
    if let Err(key) = number {
        problems.push(("fewer_than", key));
    }
    match (preset, number) {
        (Some(preset), Ok(number)) => {
            let own = match preset {
                Preset::Dfe => Rule::dfe(),
                Preset::Ons => Rule::ons(),
            };
            Ok(Rule::new(preset, number.unwrap_or(own.fewer_than)))
        }
        _ => Err(problems),
    }
}

/// The months the form gives: a whole number from 1 to [`MOST_MONTHS`].
pub fn planned_months(form: &PlannedForm) -> Result<i64, Vec<(&'static str, &'static str)>> {
    let typed = form.months.trim();
    match typed.parse::<i64>() {
        Ok(n) if (1..=MOST_MONTHS).contains(&n) && typed.chars().all(|c| c.is_ascii_digit()) => {
            Ok(n)
        }
        _ => Err(vec![("months", "settings-planned-error")]),
    }
}

/// The working days each escalation stage's response is due in: each a
/// whole number from 1 to 20, the formal stages together no more than 20
/// (the IRO Handbook's limit). Each wrong box is named.
pub fn escalation_days(
    form: &app::settings::EscalationDaysForm,
) -> Result<[i64; 4], Vec<(&'static str, &'static str)>> {
    let limit = i64::from(app::vocabulary::ESCALATION_FORMAL_DAYS);
    let mut problems = Vec::new();
    let mut days = [0i64; 4];
    for ((field, typed), day) in app::vocabulary::ESCALATION_STAGES
        .iter()
        .zip(form.typed())
        .zip(days.iter_mut())
    {
        let typed = typed.trim();
        match typed.parse::<i64>() {
            Ok(n) if (1..=limit).contains(&n) && typed.chars().all(|c| c.is_ascii_digit()) => {
                *day = n;
            }
            _ => problems.push((*field, "settings-escalation-days-error-number")),
        }
    }
    if problems.is_empty() && days[1..].iter().sum::<i64>() > limit {
        problems.push(("stage1", "settings-escalation-days-error-formal"));
    }
    if problems.is_empty() {
        Ok(days)
    } else {
        Err(problems)
    }
}

/// The population the form gives (`None`: emptied, not known), or its
/// problem. Commas and spaces between the digits are allowed, as people
/// write big numbers.
pub fn population(form: &PopulationForm) -> Result<Option<i64>, Vec<(&'static str, &'static str)>> {
    let not_a_number = || Err(vec![("population", "settings-population-error-number")]);
    // Groups of digits split by commas or spaces (any kind: a spreadsheet's
    // are often non-breaking): after the first, each group has three, so
    // "285,40" is not taken for 28,540 (and the first has one to three).
    let groups: Vec<&str> = form
        .population
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|group| !group.is_empty())
        .collect();
    if groups.is_empty() {
        return Ok(None);
    }
    let grouped = groups.len() == 1
        || (groups.first().is_some_and(|g| g.len() <= 3)
            && groups.iter().skip(1).all(|g| g.len() == 3));
    let digits: String = groups.concat();
    if !grouped || !digits.chars().all(|c| c.is_ascii_digit()) || digits.len() > 9 {
        return not_a_number();
    }
    match digits.parse::<i64>() {
        Ok(n) if (1..=MOST_POPULATION).contains(&n) => Ok(Some(n)),
        Ok(_) => Err(vec![("population", "settings-population-error-range")]),
        Err(_) => not_a_number(),
    }
}

/// A phone number as children should see it: digits, spaces and `+ ( )
/// -`, with 3 to 15 digits (999 and international numbers alike).
fn phone(typed: &str) -> Option<String> {
    let typed = typed.split_whitespace().collect::<Vec<_>>().join(" ");
    let allowed = typed
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '(' | ')' | '-'));
    let digits = typed.chars().filter(char::is_ascii_digit).count();
    (allowed && (3..=15).contains(&digits) && typed.len() <= 30).then_some(typed)
}

/// A name of at most [`app::settings::LONGEST_NAME`] characters, its
/// spaces tidied.
fn name(typed: &str) -> Option<String> {
    let typed = typed.split_whitespace().collect::<Vec<_>>().join(" ");
    let length = typed.chars().count();
    (1..=app::settings::LONGEST_NAME)
        .contains(&length)
        .then_some(typed)
}

/// An `https://` web address with a host (or `http://`, for a council
/// testing on its own network).
fn exit_address(typed: &str) -> Option<String> {
    let typed = typed.trim();
    let url = url::Url::parse(typed).ok()?;
    let fine = matches!(url.scheme(), "https" | "http")
        && url.host_str().is_some_and(|h| !h.is_empty())
        && typed.len() <= 500;
    fine.then(|| typed.to_owned())
}

/// The details the form gives, or its problems (field, message key).
/// Languages MySay does not have are ignored, and English is always
/// offered, so it is not among them.
pub fn service_details(
    form: &app::settings::ServiceForm,
) -> Result<app::site::SiteInfo, Vec<(&'static str, &'static str)>> {
    use app::{i18n::Locale, site::PhoneNumber};
    let mut problems = Vec::new();
    let mut check = |value: Option<String>, field: &'static str, key: &'static str| {
        if value.is_none() {
            problems.push((field, key));
        }
        value.unwrap_or_default()
    };
    let authority_name = check(
        name(&form.authority_name),
        "authority_name",
        "settings-service-error-authority",
    );
    let advocacy_name = check(
        name(&form.advocacy_name),
        "advocacy_name",
        "settings-service-error-advocacy-name",
    );
    let advocacy_phone = check(
        phone(&form.advocacy_phone),
        "advocacy_phone",
        "settings-service-error-advocacy-phone",
    );
    let out_of_hours_phone = check(
        phone(&form.out_of_hours_phone),
        "out_of_hours_phone",
        "settings-service-error-out-of-hours",
    );
    let childline_phone = check(
        phone(&form.childline_phone),
        "childline_phone",
        "settings-service-error-childline",
    );
    let exit_url = check(
        exit_address(&form.exit_url),
        "exit_url",
        "settings-service-error-exit",
    );
    if !problems.is_empty() {
        return Err(problems);
    }
    let languages = Locale::ALL
        .into_iter()
        .filter(|l| *l != Locale::En && form.languages.iter().any(|c| c == l.code()))
        .map(|l| l.code().to_owned())
        .collect();
    Ok(app::site::SiteInfo {
        authority_name,
        exit_url,
        advocacy_name,
        advocacy_phone: PhoneNumber::new(advocacy_phone),
        out_of_hours_phone: PhoneNumber::new(out_of_hours_phone),
        childline_phone: PhoneNumber::new(childline_phone),
        languages,
    })
}

#[cfg(test)]
mod escalation_days_tests {
    use app::settings::EscalationDaysForm;

    fn form(days: [&str; 4]) -> EscalationDaysForm {
        EscalationDaysForm {
            informal: days[0].into(),
            stage1: days[1].into(),
            stage2: days[2].into(),
            stage3: days[3].into(),
            errors: vec![],
        }
    }

    #[test]
    fn stage_days_must_fit_the_formal_limit() {
        assert_eq!(
            super::escalation_days(&form(["10", "5", "5", "5"])),
            Ok([10, 5, 5, 5])
        );
        assert_eq!(
            super::escalation_days(&form(["20", "10", "5", "5"])),
            Ok([20, 10, 5, 5])
        );
        assert_eq!(
            super::escalation_days(&form(["10", "10", "6", "5"])),
            Err(vec![("stage1", "settings-escalation-days-error-formal")])
        );
        assert_eq!(
            super::escalation_days(&form(["0", "five", "5", "-1"])),
            Err(vec![
                ("informal", "settings-escalation-days-error-number"),
                ("stage1", "settings-escalation-days-error-number"),
                ("stage3", "settings-escalation-days-error-number"),
            ])
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_population_is_a_whole_number_written_as_people_write_it() {
        let read = |typed: &str| {
            population(&PopulationForm {
                population: typed.to_owned(),
                errors: Vec::new(),
            })
        };
        assert_eq!(read("285400"), Ok(Some(285_400)));
        assert_eq!(read(" 285,400 "), Ok(Some(285_400)));
        assert_eq!(read("285 400"), Ok(Some(285_400)));
        assert_eq!(
            read("285\u{a0}400"),
            Ok(Some(285_400)),
            "a spreadsheet's space"
        );
        assert_eq!(read(""), Ok(None));
        assert_eq!(read("5,000,000"), Ok(Some(5_000_000)));
        let number = Err(vec![("population", "settings-population-error-number")]);
        let range = Err(vec![("population", "settings-population-error-range")]);
        assert_eq!(read("285.4k"), number);
        assert_eq!(read("285,40"), number, "not a group of three");
        assert_eq!(read("28,5400"), number);
        assert_eq!(read("2854,000"), number);
        assert_eq!(read("-12"), number);
        assert_eq!(read("9999999999999"), number);
        assert_eq!(read("0"), range);
        assert_eq!(read("5,000,001"), range);
    }

    fn form(preset: &str, fewer_than: &str) -> DisclosureForm {
        DisclosureForm {
            preset: preset.to_owned(),
            fewer_than: fewer_than.to_owned(),
            errors: Vec::new(),
        }
    }

    #[test]
    fn a_preset_and_a_number_make_a_rule() {
        assert_eq!(disclosure_rule(&form("dfe", "")), Ok(Rule::dfe()));
        assert_eq!(disclosure_rule(&form("ons", "")), Ok(Rule::ons()));
        assert_eq!(
            disclosure_rule(&form("ons", " 7 ")),
            Ok(Rule::new(Preset::Ons, 7))
        );
        assert_eq!(
            disclosure_rule(&form("dfe", "3")),
            Ok(Rule::new(Preset::Dfe, 3))
        );
        assert_eq!(
            disclosure_rule(&form("dfe", "100")),
            Ok(Rule::new(Preset::Dfe, 100))
        );
    }

    #[test]
    fn nothing_below_the_floor_and_nothing_unreadable() {
        let problem = |preset: &str, n: &str| disclosure_rule(&form(preset, n)).err();
        assert_eq!(
            problem("dfe", "2"),
            Some(vec![("fewer_than", "settings-error-floor")])
        );
        assert_eq!(
            problem("dfe", "0"),
            Some(vec![("fewer_than", "settings-error-floor")])
        );
        assert_eq!(
            problem("dfe", "-4"),
            Some(vec![("fewer_than", "settings-error-number")])
        );
        assert_eq!(
            problem("dfe", "six"),
            Some(vec![("fewer_than", "settings-error-number")])
        );
        assert_eq!(
            problem("dfe", "5.5"),
            Some(vec![("fewer_than", "settings-error-number")])
        );
        assert_eq!(
            problem("dfe", "101"),
            Some(vec![("fewer_than", "settings-error-most")])
        );
        assert_eq!(
            problem("dfe", "99999999999"),
            Some(vec![("fewer_than", "settings-error-number")])
        );
        assert_eq!(
            problem("", "6"),
            Some(vec![("preset", "settings-error-preset")])
        );
        assert_eq!(
            problem("abs", "1"),
            Some(vec![
                ("preset", "settings-error-preset"),
                ("fewer_than", "settings-error-floor")
            ])
        );
    }

    #[test]
    fn service_details_are_checked_and_tidied() {
        use app::settings::ServiceForm;
        let good = ServiceForm {
            authority_name: "  Northshire   County Council ".to_owned(),
            advocacy_name: "Coram Voice".to_owned(),
            advocacy_phone: "0808  800 5792".to_owned(),
            out_of_hours_phone: "+44 (0)300 123-4567".to_owned(),
            childline_phone: "0800 1111".to_owned(),
            exit_url: "https://www.bbc.co.uk/weather".to_owned(),
            languages: vec!["cy".to_owned(), "en".to_owned(), "xx".to_owned()],
            errors: Vec::new(),
        };
        let site = service_details(&good).unwrap_or_default();
        assert_eq!(site.authority_name, "Northshire County Council");
        assert_eq!(site.advocacy_phone.display, "0808 800 5792");
        assert_eq!(
            site.languages,
            ["cy"],
            "English is always offered; unknown codes go"
        );
        let bad = ServiceForm {
            authority_name: String::new(),
            advocacy_phone: "call 0808".to_owned(),
            out_of_hours_phone: "12".to_owned(),
            childline_phone: "0800 1111".to_owned(),
            exit_url: "javascript:alert(1)".to_owned(),
            ..good
        };
        let problems: Vec<&str> = service_details(&bad)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|(field, _)| field)
            .collect();
        assert_eq!(
            problems,
            [
                "authority_name",
                "advocacy_phone",
                "out_of_hours_phone",
                "exit_url"
            ]
        );
    }
}
