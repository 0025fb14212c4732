//! Letters from a child's IRO after a review: written as plain text with
//! paragraphs and simple lists, checked for how easy they are to read,
//! sent, read by the child, and replied to in a thread.

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::accounts::{CurrentUser, Pending};
use crate::readability::Readability;

pub mod pages;
pub mod paths;

/// The most a letter can hold, in characters.
pub const LETTER_LIMIT: usize = 8000;
/// The most a reply can hold, in characters.
pub const REPLY_LIMIT: usize = 1500;
/// What a child's reply can say, as stored; an IRO's is an "answer".
pub const REPLY_KINDS: [&str; 2] = ["question", "disagree"];

/// A piece of a letter as shown: the small, safe markup is blank lines
/// between paragraphs and lines starting "- " or "* " for a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Block {
    Paragraph(String),
    List(Vec<String>),
}

/// A letter's text as blocks, exactly as the child will see it.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let flush = |paragraph: &mut Vec<&str>, out: &mut Vec<Block>| {
        if !paragraph.is_empty() {
            out.push(Block::Paragraph(paragraph.join(" ")));
            paragraph.clear();
        }
    };
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            flush(&mut paragraph, &mut out);
        } else if let Some(item) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
            flush(&mut paragraph, &mut out);
            match out.last_mut() {
                Some(Block::List(items)) => items.push(item.trim().to_owned()),
                _ => out.push(Block::List(vec![item.trim().to_owned()])),
            }
        } else {
            // A line straight after a list starts a new paragraph.
            paragraph.push(line);
        }
    }
    flush(&mut paragraph, &mut out);
    out
}

/// A reply in a letter's thread.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reply {
    /// "question" or "disagree" from the child; "answer" from the IRO.
    pub kind: String,
    pub from_child: bool,
    /// Who wrote it: the child's name or the IRO's.
    pub author: String,
    pub body: String,
    /// `YYYY-MM-DD`.
    pub on: String,
    /// The language it was written in, when known.
    pub language: Option<String>,
}

/// A letter in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterSummary {
    pub id: i64,
    pub draft: bool,
    pub sent_on: Option<String>,
    pub first_read_on: Option<String>,
    /// The date of the letter this one corrects.
    pub corrects_sent_on: Option<String>,
    /// Replies from the child the IRO has not answered yet.
    pub waiting_replies: usize,
}

/// One letter, for its child or its IRO.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Letter {
    pub id: i64,
    pub child_id: i64,
    pub child_name: String,
    pub child_age: i64,
    pub iro_name: String,
    pub body: String,
    /// The language it is written in (a shipped locale's code).
    pub language: String,
    pub draft: bool,
    pub sent_on: Option<String>,
    pub first_read_on: Option<String>,
    pub corrects_sent_on: Option<String>,
    pub replies: Vec<Reply>,
    /// The signed-in person is the child it is for.
    pub for_child: bool,
    /// For the IRO's draft: how easy it is to read.
    pub readability: Option<Readability>,
}

/// The child's letters, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyLetters {
    pub letters: Vec<LetterSummary>,
    pub iro_name: Option<String>,
}

/// The letter as the IRO saves it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LetterForm {
    pub body: String,
    pub language: String,
    #[serde(skip)]
    pub errors: Vec<(&'static str, &'static str)>,
}

/// A reply as sent: the child picks the kind; the IRO's is an answer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReplyForm {
    pub kind: String,
    pub body: String,
    #[serde(skip)]
    pub errors: Vec<(&'static str, &'static str)>,
    /// The language the page was in, set by the server from the request.
    #[serde(skip)]
    pub language: String,
}

/// The letter operations pages need; `server` implements them.
#[cfg(feature = "ssr")]
pub trait LettersApi: Send + Sync {
    /// The signed-in child's sent letters.
    fn mine<'a>(&'a self, user: &'a CurrentUser) -> Pending<'a, MyLetters>;
    /// One letter: a child's own sent letter (the first opening is its
    /// read receipt), or one of an IRO's children's letters.
    /// `own_navigation`: the browser says the request came from one of our
    /// own pages or the person's own typing; only then is a child's
    /// opening their read receipt (another site cannot make it for them).
    fn letter<'a>(
        &'a self,
        user: &'a CurrentUser,
        id: i64,
        own_navigation: bool,
    ) -> Pending<'a, Letter>;
}

page_data!(
    /// The signed-in child's letters.
    load_my_letters() -> MyLetters, dyn LettersApi, mine
);
/// One letter.
pub async fn load_letter(id: i64) -> Result<Letter, crate::accounts::Refusal> {
    #[cfg(feature = "ssr")]
    {
        let own = crate::accounts::is_own_navigation();
        let (user, api) = crate::accounts::user_and_service::<dyn LettersApi>()?;
        api.letter(&user, id, own).await
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = id;
        Err(crate::accounts::Refusal::Unavailable)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_lists_come_from_plain_text() {
        let text = "Dear Jade,\nthank you for coming.\n\nWe agreed:\n- you stay with Sam\n* more time with your brother\nSee you soon.\n\n\n<b>not bold</b>";
        assert_eq!(
            blocks(text),
            vec![
                Block::Paragraph("Dear Jade, thank you for coming.".into()),
                Block::Paragraph("We agreed:".into()),
                Block::List(vec![
                    "you stay with Sam".into(),
                    "more time with your brother".into()
                ]),
                Block::Paragraph("See you soon.".into()),
                Block::Paragraph("<b>not bold</b>".into()),
            ]
        );
        assert_eq!(blocks(""), Vec::new());
    }
}
