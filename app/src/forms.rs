//! The GOV.UK form patterns every form page uses: "Error: " in the title,
//! the error summary linking to each field, and the message beside a field.

use leptos::prelude::*;

use crate::{i18n::t, layout::set_page_title};

/// Sets the page title, starting "Error: " when the form has problems.
pub fn set_form_title(key: &str, has_errors: bool) {
    let title = t(key);
    set_page_title(if has_errors {
        format!("{}: {title}", t("error-prefix"))
    } else {
        title
    });
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
