//! Every address of the letters area.

use crate::paths::with_id;

/// The child's letters.
pub const MINE: &str = "/letters";
/// One letter (GET), and saving its draft (POST).
pub const LETTER: &str = "/letters/{id}";
pub const EDIT: &str = "/letters/{id}/edit";
pub const AUTOSAVE: &str = "/letters/{id}/autosave";
pub const SEND: &str = "/letters/{id}/send";
pub const CORRECT: &str = "/letters/{id}/correct";
pub const REPLIES: &str = "/letters/{id}/replies";
/// The IRO starts a letter to the child (POST; the id is the child's).
pub const START: &str = "/children/{id}/letters";

pub fn letter(id: i64) -> String {
    with_id(LETTER, id)
}

pub fn edit(id: i64) -> String {
    with_id(EDIT, id)
}

pub fn autosave(id: i64) -> String {
    with_id(AUTOSAVE, id)
}

pub fn send(id: i64) -> String {
    with_id(SEND, id)
}

pub fn correct(id: i64) -> String {
    with_id(CORRECT, id)
}

pub fn replies(id: i64) -> String {
    with_id(REPLIES, id)
}

/// Starting a letter to this child.
pub fn start(child_id: i64) -> String {
    with_id(START, child_id)
}
