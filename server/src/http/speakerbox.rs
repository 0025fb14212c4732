//! Speakerbox over HTTP: a member answers, says whether their IRO may be
//! told after Help now, or leaves; the CRO (or a manager) adds members
//! and groups; the CRO writes, translates, publishes and closes topics
//! and hides an answer. Problems show the form again with what was typed.

use super::signed_in::{Failure, SignedIn};
use super::{AppState, Outcome, Routes, after_form, not_found};
use crate::speakerbox::{self, Action, Answered};
use app::speakerbox::{AnswerForm, HideForm, ItemForm, MemberForm, TopicForm, paths};
use axum::{
    body::Bytes,
    extract::{Path, State},
    http::HeaderMap,
    response::{IntoResponse, Redirect, Response},
    routing::post,
};

/// A form body's pairs (bytes that are not UTF-8 become U+FFFD, which the
/// checks refuse kindly).
fn pairs_of(body: &Bytes) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body).into_owned().collect()
}

fn as_strs(pairs: &[(String, String)]) -> impl Iterator<Item = (&str, &str)> {
    pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))
}

/// `POST /speakerbox/answer`: a member's answer, the topic in the body.
pub async fn answer(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let pairs = pairs_of(&body);
    let mut form = AnswerForm::from_pairs(as_strs(&pairs));
    form.language = app::shell::locale_from_headers(&headers).code().to_owned();
    let keys = state.config.secret_keys();
    let done = speakerbox::answer(
        &state.db,
        &keys,
        &user,
        &form,
        &state.config.public_base_url,
    )
    .await;
    let outcome = Outcome::of(done, "speakerbox::answer", |answered| match answered {
        Answered::Kept(id) => format!("{}?sent=1", paths::topic(id)),
        Answered::Help(id) => format!("{}?told=1", paths::safe(id)),
        Answered::AskAboutIro(id) => paths::safe(id),
    });
    let page = form
        .topic
        .trim()
        .parse::<i64>()
        .map_or_else(|_| paths::HOME.to_owned(), paths::topic);
    after_form(
        &state,
        &headers,
        user,
        outcome,
        &page,
        form,
        |form, errors| AnswerForm { errors, ..form },
    )
    .await
}

/// `POST /speakerbox/topics/{id}/safe`: `tell` is `yes` or `no`.
pub async fn tell_iro(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    Path(id): Path<i64>,
    body: Bytes,
) -> Response {
    let yes = pairs_of(&body)
        .iter()
        .any(|(k, v)| k == "tell" && v == "yes");
    match speakerbox::tell_iro(&state.db, &user, id, yes, &state.config.public_base_url).await {
        Ok(Some(())) => {
            state.outbox.notify_one();
            let said = if yes { "told=1" } else { "told=0" };
            Redirect::to(&format!("{}?{said}", paths::topic(id))).into_response()
        }
        Ok(None) => not_found(&state, &headers, user).await,
        Err(error) => Failure::new("speakerbox::tell_iro", error).into_response(),
    }
}

/// `POST /speakerbox/leave`.
pub async fn leave(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
) -> Response {
    match speakerbox::leave(&state.db, &user).await {
        Ok(Some(())) => Redirect::to(&format!("{}?left=1", paths::HOME)).into_response(),
        Ok(None) => not_found(&state, &headers, user).await,
        Err(error) => Failure::new("speakerbox::leave", error).into_response(),
    }
}

/// `POST /speakerbox/run/members`: a member added, with their groups.
pub async fn add_member(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let form = MemberForm::from_pairs(as_strs(&pairs_of(&body)));
    let done = speakerbox::add_member(&state.db, &user, &form).await;
    after_members_form(&state, &headers, user, form, done, "added").await
}

/// `POST /speakerbox/run/groups`: a new group.
pub async fn add_group(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let form = MemberForm::from_pairs(as_strs(&pairs_of(&body)));
    let done = speakerbox::add_group(&state.db, &user, &form).await;
    after_members_form(&state, &headers, user, form, done, "group").await
}

/// Back to the members page: saying what was done, or with the form's
/// problems.
async fn after_members_form(
    state: &AppState,
    headers: &HeaderMap,
    user: app::accounts::CurrentUser,
    form: MemberForm,
    done: anyhow::Result<Option<Result<(), super::Problems>>>,
    said: &'static str,
) -> Response {
    let outcome = Outcome::of(done, "speakerbox: members", |()| {
        format!("{}?{said}=1", paths::MEMBERS)
    });
    after_form(
        state,
        headers,
        user,
        outcome,
        paths::MEMBERS,
        form,
        |form, errors| MemberForm { errors, ..form },
    )
    .await
}

/// A topic's form, with its date boxes put together.
fn topic_form(body: &Bytes) -> TopicForm {
    let pairs = super::date_boxes::put_together(pairs_of(body));
    TopicForm::from_pairs(as_strs(&pairs))
}

/// `POST /speakerbox/run/topics/new`: a new topic, kept as a draft.
pub async fn create_topic(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let form = topic_form(&body);
    let outcome = Outcome::of(
        speakerbox::save_topic(&state.db, &user, None, &form).await,
        "speakerbox::save_topic",
        |id| format!("{}?saved=1", paths::staff_topic(id)),
    );
    after_form(
        &state,
        &headers,
        user,
        outcome,
        paths::NEW_TOPIC,
        form,
        |form, errors| TopicForm { errors, ..form },
    )
    .await
}

/// `POST /speakerbox/run/topics/{id}/edit`: a draft changed.
pub async fn edit_topic(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    Path(id): Path<i64>,
    body: Bytes,
) -> Response {
    let form = topic_form(&body);
    let outcome = Outcome::of(
        speakerbox::save_topic(&state.db, &user, Some(id), &form).await,
        "speakerbox::save_topic",
        |id| format!("{}?saved=1", paths::staff_topic(id)),
    );
    let page = paths::edit_topic(id);
    after_form(
        &state,
        &headers,
        user,
        outcome,
        &page,
        form,
        |form, errors| TopicForm { errors, ..form },
    )
    .await
}

/// `POST /speakerbox/run/topics/{id}/{publish|close|hide|translate}`.
pub async fn act(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    Path((id, action)): Path<(i64, String)>,
    body: Bytes,
) -> Response {
    let page = paths::staff_topic(id);
    match Action::from_path(&action) {
        Some(Action::Translate) => {
            let form = topic_form(&body);
            let outcome = Outcome::of(
                speakerbox::translate(&state.db, &user, id, &form).await,
                "speakerbox::translate",
                |()| format!("{}?translated=1", paths::staff_topic(id)),
            );
            after_form(
                &state,
                &headers,
                user,
                outcome,
                &page,
                form,
                |form, errors| TopicForm { errors, ..form },
            )
            .await
        }
        Some(Action::Item) => {
            let form = item_form(&body);
            let outcome = Outcome::of(
                speakerbox::publish_item(&state.db, &user, id, &form).await,
                "speakerbox::publish_item",
                |()| format!("{}?done=item#items", paths::staff_topic(id)),
            );
            after_form(
                &state,
                &headers,
                user,
                outcome,
                &page,
                form,
                |form, errors| ItemForm { errors, ..form },
            )
            .await
        }
        Some(action) => {
            let pairs = pairs_of(&body);
            let mut form = HideForm::default();
            for (key, value) in pairs {
                match key.as_str() {
                    "answer" => form.answer = value,
                    "reason" => form.reason = value,
                    _ => {}
                }
            }
            let outcome = Outcome::of(
                speakerbox::act(
                    &state.db,
                    &user,
                    id,
                    action,
                    &form,
                    &state.config.public_base_url,
                )
                .await,
                "speakerbox::act",
                |()| format!("{}?done={}", paths::staff_topic(id), action_name(action)),
            );
            after_form(
                &state,
                &headers,
                user,
                outcome,
                &page,
                form,
                |form, errors| HideForm { errors, ..form },
            )
            .await
        }
        None => not_found(&state, &headers, user).await,
    }
}

/// An item's form, or an update's.
fn item_form(body: &Bytes) -> ItemForm {
    let mut form = ItemForm::default();
    for (key, value) in pairs_of(body) {
        match key.as_str() {
            "said" => form.said = value,
            "did" => form.did = value,
            "responsible" => form.responsible = value,
            "status" => form.status = value,
            "body" => form.body = value,
            "item" => form.item = value,
            _ => {}
        }
    }
    form
}

/// `POST /speakerbox/run/items/{id}/update`: the CRO's dated update.
pub async fn update_item(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    Path(id): Path<i64>,
    body: Bytes,
) -> Response {
    let mut form = item_form(&body);
    form.item = id.to_string();
    let done = speakerbox::update_item(&state.db, &user, id, &form).await;
    // Problems show on the item's topic.
    let page = match &done {
        Ok(Some(Err(_))) => speakerbox::item_topic(&state.db, id)
            .await
            .ok()
            .flatten()
            .map_or_else(|| paths::RUN.to_owned(), paths::staff_topic),
        _ => paths::RUN.to_owned(),
    };
    let outcome = Outcome::of(done, "speakerbox::update_item", |topic| {
        format!("{}?done=updated#items", paths::staff_topic(topic))
    });
    after_form(
        &state,
        &headers,
        user,
        outcome,
        &page,
        form,
        |form, errors| ItemForm { errors, ..form },
    )
    .await
}

fn action_name(action: Action) -> &'static str {
    match action {
        Action::Publish => "published",
        Action::Close => "closed",
        Action::Hide => "hidden",
        Action::Translate => "translated",
        Action::Item => "item",
    }
}

/// The area's routes, for the router: (method, pattern, handler).
pub fn routes() -> Routes {
    vec![
        ("POST", paths::ANSWER, post(answer)),
        ("POST", paths::SAFE, post(tell_iro)),
        ("POST", paths::LEAVE, post(leave)),
        ("POST", paths::MEMBERS, post(add_member)),
        ("POST", paths::GROUPS, post(add_group)),
        ("POST", paths::NEW_TOPIC, post(create_topic)),
        ("POST", paths::EDIT_TOPIC, post(edit_topic)),
        ("POST", paths::TOPIC_ACTION, post(act)),
        ("POST", paths::ITEM_UPDATE, post(update_item)),
    ]
}
