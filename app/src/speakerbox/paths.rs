//! Every address of the Speakerbox area. An answer is sent to one address
//! for every topic ([`ANSWER`], the topic in the form's body), so not even
//! a web server's access log says which topic a member answered when.

use crate::paths::with_id;

/// A child's Speakerbox: membership, topics (GET).
pub const HOME: &str = "/speakerbox";
/// A member leaves (POST).
pub const LEAVE: &str = "/speakerbox/leave";
/// A topic for a member (GET).
pub const TOPIC: &str = "/speakerbox/topics/{id}";
/// Sending an answer (POST), for every topic.
pub const ANSWER: &str = "/speakerbox/answer";
/// After an answer without a name that suggests the member may not be
/// safe: Help now, and may their IRO be told who they are (GET; POST
/// their choice).
pub const SAFE: &str = "/speakerbox/topics/{id}/safe";

/// "You said, we did": every child's to read (GET).
pub const BOARD: &str = "/speakerbox/you-said-we-did";
/// The CRO adds an update to an item (POST).
pub const ITEM_UPDATE: &str = "/speakerbox/run/items/{id}/update";

/// Adding an update to an item.
pub fn item_update(id: i64) -> String {
    with_id(ITEM_UPDATE, id)
}

/// The CRO's and managers' Speakerbox: the topics (GET).
pub const RUN: &str = "/speakerbox/run";
/// The members and groups (GET), and adding a member (POST).
pub const MEMBERS: &str = "/speakerbox/run/members";
/// Adding a group (POST).
pub const GROUPS: &str = "/speakerbox/run/groups";
/// Writing a new topic (GET), and saving it as a draft (POST).
pub const NEW_TOPIC: &str = "/speakerbox/run/topics/new";
/// One topic for staff (GET).
pub const STAFF_TOPIC: &str = "/speakerbox/run/topics/{id}";
/// Changing a draft (GET the form; POST it).
pub const EDIT_TOPIC: &str = "/speakerbox/run/topics/{id}/edit";
/// The CRO's action on a topic (POST): `publish`, `close`, `hide`,
/// `translate` or `item` (publishing "you said, we did").
pub const TOPIC_ACTION: &str = "/speakerbox/run/topics/{id}/{action}";

/// A topic for a member.
pub fn topic(id: i64) -> String {
    with_id(TOPIC, id)
}

/// Help now after an answer without a name.
pub fn safe(id: i64) -> String {
    with_id(SAFE, id)
}

/// A topic for staff.
pub fn staff_topic(id: i64) -> String {
    with_id(STAFF_TOPIC, id)
}

/// Changing a draft.
pub fn edit_topic(id: i64) -> String {
    with_id(EDIT_TOPIC, id)
}

/// The CRO's action on a topic.
pub fn topic_action(id: i64, action: &str) -> String {
    with_id(TOPIC_ACTION, id).replacen("{action}", action, 1)
}
