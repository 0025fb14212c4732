//! The GOV.UK form patterns every form page uses: "Error: " in the title,
//! the error summary linking to each field, and the message beside a field.

use leptos::prelude::*;

use crate::{dates::DateParts, i18n::t, title::set_page_title};

/// Sets the page title, starting "Error: " when the form has problems.
pub fn set_form_title(key: &str, has_errors: bool) {
    let title = t(key);
    set_page_title(if has_errors {
        format!("{}: {title}", t("error-prefix"))
    } else {
        title
    });
}

/// A form's problems (field, message key) as the error summary lists them.
pub fn summary_of(errors: &[(&'static str, &'static str)]) -> Vec<(String, String)> {
    errors
        .iter()
        .map(|(field, key)| ((*field).to_owned(), t(key)))
        .collect()
}

/// The message for one field, from a form's problems (field, key).
pub fn error_in(errors: &[(&'static str, &'static str)], field: &str) -> Option<String> {
    errors
        .iter()
        .find(|(f, _)| *f == field)
        .map(|(_, key)| t(key))
}

/// The summary at the top of a form: each problem links to its field
/// (`(field id, message)`). Renders nothing when there are none.
#[component]
pub fn ErrorSummary(errors: Vec<(String, String)>) -> impl IntoView {
    (!errors.is_empty()).then(|| {
        view! {
            <div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
                <h2 id="error-summary-title">{t("error-summary-title")}</h2>
                <ul>
                    {errors
                        .into_iter()
                        .map(|(field, message)| {
                            view! {
                                <li>
                                    <a href=format!("#{field}")>{message}</a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </div>
        }
    })
}

/// The message beside a field, with id `<field>-error` for
/// `aria-describedby`. Renders nothing without a message.
#[component]
pub fn ErrorMessage(field: &'static str, message: Option<String>) -> impl IntoView {
    message.map(|message| {
        view! {
            <p class="error-message" id=format!("{field}-error")>
                <span class="visually-hidden">{t("error-prefix")} ": "</span>
                {message}
            </p>
        }
    })
}

/// A date the GOV.UK way: a group of three boxes (day, month, year) with
/// the numeric keyboard on phones, never the browser's picker (which shows
/// "mm/dd/yyyy" to a British IRO). The boxes are `<id>-day`, `-month` and
/// `-year`; the server puts them together into the field `<id>`
/// (`year-month-day`, as typed), which comes back here as `value`. When a
/// part is wrong, that box is marked and the message says which.
#[component]
pub fn DateInput(
    id: &'static str,
    legend: String,
    hint: String,
    value: String,
    error: Option<String>,
    /// For a date of birth: the browser may offer the person's own.
    #[prop(default = false)]
    birthday: bool,
) -> impl IntoView {
    let parts = DateParts::from_joined(&value);
    let problem = error.as_ref().and_then(|_| parts.check().err());
    let described = if error.is_some() {
        format!("{id}-hint {id}-error")
    } else {
        format!("{id}-hint")
    };
    let has_error = error.is_some();
    let boxes = [
        ("day", "date-day", parts.day.clone(), "input-width-2"),
        ("month", "date-month", parts.month.clone(), "input-width-2"),
        ("year", "date-year", parts.year.clone(), "input-width-4"),
    ]
    .into_iter()
    .map(|(part, label, typed, width)| {
        // Only the wrong part is marked; a real date out of range marks all.
        let wrong = has_error && problem.is_none_or(|p| p.marks(part, &parts));
        let name = format!("{id}-{part}");
        view! {
            <div class="date-input-item">
                <label for=name.clone()>{t(label)}</label>
                <input id=name.clone() name=name type="text" inputmode="numeric" value=typed
                    class=if wrong { format!("{width} input-error") } else { width.to_owned() }
                    autocomplete=if birthday { format!("bday-{part}") } else { "off".to_owned() }
                    spellcheck="false" />
            </div>
        }
    })
    .collect_view();
    view! {
        <div class="field" class:field-error=has_error>
            <fieldset class="date-input" id=id role="group" aria-describedby=described>
                <legend>{legend}</legend>
                <p class="hint" id=format!("{id}-hint")>{hint}</p>
                <ErrorMessage field=id message=error />
                <div class="date-input-boxes">{boxes}</div>
            </fieldset>
        </div>
    }
}

/// Text to put inside a `<textarea>`. Leptos writes a textarea's children
/// as they are (like a script's), so text from a person must be escaped
/// here or `</textarea>` in it would end the box and start markup. The
/// browser decodes the entities, so the box shows exactly what was typed.
pub fn textarea_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::textarea_text;

    #[test]
    fn textarea_text_cannot_close_the_box() {
        assert_eq!(
            textarea_text("</textarea><script>x</script> & more"),
            "&lt;/textarea&gt;&lt;script&gt;x&lt;/script&gt; &amp; more"
        );
        assert_eq!(textarea_text("سلام \"quoted\""), "سلام \"quoted\"");
    }
}

/// A box for a few lines of a person's own words, with its limit shown
/// under it (counted as they type, with JavaScript). `lang` marks the
/// label's language where it is not the page's (a question the CRO gave
/// only in English).
#[component]
pub fn TextArea(
    id: &'static str,
    label: String,
    value: String,
    error: Option<String>,
    limit: usize,
    #[prop(default = 3)] rows: u8,
    #[prop(optional)] hint: Option<String>,
    #[prop(optional)] lang: Option<String>,
) -> impl IntoView {
    let described = [
        hint.as_ref().map(|_| format!("{id}-hint")),
        error.as_ref().map(|_| format!("{id}-error")),
        Some(format!("{id}-limit")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    view! {
        <div class="field" class:field-error=error.is_some()>
            <label for=id lang=lang>{label}</label>
            {hint.map(|hint| view! { <p class="hint" id=format!("{id}-hint")>{hint}</p> })}
            <ErrorMessage field=id message=error.clone() />
            <textarea id=id name=id rows=rows.to_string() dir="auto" aria-describedby=described>
                {textarea_text(&value)}
            </textarea>
            <crate::character_count::CharacterLimit field=id limit=limit />
        </div>
    }
}
