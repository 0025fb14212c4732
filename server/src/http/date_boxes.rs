//! Dates the GOV.UK way: a date field comes as three boxes (`<field>-day`,
//! `-month`, `-year`). [`Form`] reads a form as axum's does, after putting
//! each field's boxes together as `year-month-day`, exactly as typed, into
//! the one field the form's type has: the checks then name the part that
//! is wrong, and a wrong date goes back to its boxes as it was typed.

use std::collections::BTreeMap;

use app::dates::DateParts;
use axum::{
    extract::{FromRequest, Request},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde::de::DeserializeOwned;

/// A form with its date boxes put together; otherwise axum's `Form`.
pub struct Form<T>(pub T);

const PARTS: [&str; 3] = ["-day", "-month", "-year"];

/// The form's pairs with each field's three boxes made one pair.
pub fn put_together(pairs: Vec<(String, String)>) -> Vec<(String, String)> {
    let mut boxes: BTreeMap<String, [String; 3]> = BTreeMap::new();
    let mut rest = Vec::with_capacity(pairs.len());
    for (name, value) in pairs {
        let part = PARTS
            .iter()
            .position(|p| name.ends_with(p) && name.len() > p.len());
        match part {
            Some(i) => {
                let field = name[..name.len() - PARTS[i].len()].to_owned();
                boxes.entry(field).or_default()[i] = value;
            }
            None => rest.push((name, value)),
        }
    }
    for (field, [day, month, year]) in boxes {
        // A field sent whole (an older page, a test) is left as it came.
        if !rest.iter().any(|(name, _)| *name == field) {
            // A real date goes on as `YYYY-MM-DD`, as dates are saved.
            let joined = DateParts::joined(&day, &month, &year);
            let iso = DateParts::from_joined(&joined).iso();
            rest.push((field, iso.unwrap_or(joined)));
        }
    }
    rest
}

impl<T, S> FromRequest<S> for Form<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let axum::Form(pairs) = axum::Form::<Vec<(String, String)>>::from_request(req, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let encoded = serde_urlencoded::to_string(put_together(pairs))
            .map_err(|_| StatusCode::BAD_REQUEST.into_response())?;
        serde_urlencoded::from_str(&encoded)
            .map(Form)
            .map_err(|_| StatusCode::UNPROCESSABLE_ENTITY.into_response())
    }
}

#[cfg(test)]
mod tests {
    use super::put_together;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    }

    #[test]
    fn the_boxes_become_one_field() {
        let got = put_together(pairs(&[
            ("held_on-day", "7"),
            ("held_on-month", "3"),
            ("held_on-year", "2026"),
            ("attended", "yes"),
        ]));
        assert_eq!(
            got,
            pairs(&[("attended", "yes"), ("held_on", "2026-03-07")])
        );
        let got = put_together(pairs(&[
            ("held_on-day", "31"),
            ("held_on-month", "2"),
            ("held_on-year", "2026"),
        ]));
        assert_eq!(got, pairs(&[("held_on", "2026-2-31")]));
        let got = put_together(pairs(&[
            ("away_until-day", ""),
            ("away_until-month", ""),
            ("away_until-year", ""),
        ]));
        assert_eq!(got, pairs(&[("away_until", "")]));
        let got = put_together(pairs(&[("date", "2026-12-25"), ("date-day", "1")]));
        assert_eq!(got, pairs(&[("date", "2026-12-25")]));
        // A name that is only the suffix is not a date box.
        assert_eq!(
            put_together(pairs(&[("-day", "1")])),
            pairs(&[("-day", "1")])
        );
    }
}
