//! How hard a letter is to read: the Flesch-Kincaid grade level (Kincaid
//! et al., 1975), turned into a reading age (grade + 5, as US grades start
//! at 6), with the Flesch reading ease from the same counts. Both come from
//! words per sentence and syllables per word, counted here by rule (vowel
//! groups, less a silent final "e"), which is close enough to point an IRO
//! at the sentences and words to make simpler.

/// The counts and scores for a text.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Readability {
    pub sentences: usize,
    pub words: usize,
    pub syllables: usize,
    /// Flesch reading ease: higher is easier (90+ very easy, under 50 hard).
    pub reading_ease: f64,
    /// Flesch-Kincaid grade level.
    pub grade: f64,
    /// The age of a reader the text suits: grade + 5, at least 5.
    pub reading_age: u32,
    /// The longest sentences (more than 15 words), longest first, at most 3.
    pub long_sentences: Vec<String>,
    /// Words of three or more syllables, once each, in the order they come,
    /// at most 10.
    pub hard_words: Vec<String>,
}

/// Syllables in one word, by rule: groups of vowels (y counts after the
/// first letter), less a silent final "e" (but not "-le" after a
/// consonant, as in "table"), at least one.
pub fn syllables(word: &str) -> usize {
    let letters: Vec<char> = word
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if letters.is_empty() {
        return 0;
    }
    let is_vowel = |i: usize| match letters[i] {
        'a' | 'e' | 'i' | 'o' | 'u' => true,
        'y' => i > 0,
        _ => false,
    };
    let mut count = 0;
    let mut previous = false;
    for i in 0..letters.len() {
        let vowel = is_vowel(i);
        if vowel && !previous {
            count += 1;
        }
        previous = vowel;
    }
    let n = letters.len();
    if n > 2 && letters[n - 1] == 'e' && !is_vowel(n - 2) && count > 1 {
        let le = letters[n - 2] == 'l' && n > 3 && !is_vowel(n - 3);
        if !le {
            count -= 1;
        }
    }
    count.max(1)
}

/// The words of a text: runs of letters, digits and apostrophes.
fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect()
}

/// The sentences of a text: ended by . ! ? or a line break; list items
/// and lines each count as one.
fn sentences(text: &str) -> Vec<&str> {
    text.split(['.', '!', '?', '\n'])
        .map(str::trim)
        .filter(|s| s.chars().any(char::is_alphanumeric))
        .collect()
}

/// Measures a text. `None` when it has no words.
pub fn measure(text: &str) -> Option<Readability> {
    let sentences = sentences(text);
    let all_words = words(text);
    if all_words.is_empty() || sentences.is_empty() {
        return None;
    }
    let syllable_total: usize = all_words.iter().map(|w| syllables(w)).sum();
    let (s, w, y) = (
        sentences.len() as f64,
        all_words.len() as f64,
        syllable_total as f64,
    );
    let reading_ease = 206.835 - 1.015 * (w / s) - 84.6 * (y / w);
    let grade = 0.39 * (w / s) + 11.8 * (y / w) - 15.59;
    let reading_age = (grade + 5.0).round().max(5.0) as u32;
    let mut long: Vec<(usize, &str)> = sentences
        .iter()
        .map(|s| (words(s).len(), *s))
        .filter(|(n, _)| *n > 15)
        .collect();
    long.sort_by_key(|entry| std::cmp::Reverse(entry.0));
    let mut hard_words: Vec<String> = Vec::new();
    for word in &all_words {
        let word = word.trim_matches(['\'', '’']);
        if syllables(word) >= 3
            && word.chars().all(|c| c.is_alphabetic())
            && !hard_words.iter().any(|h| h.eq_ignore_ascii_case(word))
        {
            hard_words.push(word.to_owned());
        }
    }
    hard_words.truncate(10);
    Some(Readability {
        sentences: sentences.len(),
        words: all_words.len(),
        syllables: syllable_total,
        reading_ease,
        grade,
        reading_age,
        long_sentences: long
            .into_iter()
            .take(3)
            .map(|(_, s)| s.to_owned())
            .collect(),
        hard_words,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn near(a: f64, b: f64) -> bool {
        (a - b).abs() < 0.05
    }

    /// Worked examples published with the formula, in the Wikipedia
    /// article "Flesch–Kincaid readability tests" (section "Flesch reading
    /// ease"): "The cat sat on the mat." scores 116 (6 words, 6
    /// syllables), and "The Australian platypus is seemingly a hybrid of a
    /// mammal and reptilian creature." scores 37.5 (13 words, 24
    /// syllables). The grade levels follow from the same counts:
    /// 0.39 × 6 + 11.8 × 1 − 15.59 = −1.45, and
    /// 0.39 × 13 + 11.8 × 24/13 − 15.59 = 11.3.
    #[test]
    fn the_published_examples_score_as_published() -> Result<(), &'static str> {
        let cat = measure("The cat sat on the mat.").ok_or("no words")?;
        assert_eq!((cat.sentences, cat.words, cat.syllables), (1, 6, 6));
        assert!(near(cat.reading_ease, 116.145), "{}", cat.reading_ease);
        assert!(near(cat.grade, -1.45), "{}", cat.grade);
        assert_eq!(cat.reading_age, 5);

        let platypus = measure(
            "The Australian platypus is seemingly a hybrid of a mammal and reptilian creature.",
        )
        .ok_or("no words")?;
        assert_eq!(
            (platypus.sentences, platypus.words, platypus.syllables),
            (1, 13, 24)
        );
        assert!(
            near(platypus.reading_ease, 37.455),
            "{}",
            platypus.reading_ease
        );
        assert!(near(platypus.grade, 11.3), "{}", platypus.grade);
        assert_eq!(platypus.reading_age, 16);
        assert!(platypus.hard_words.contains(&"Australian".to_owned()));
        assert!(platypus.hard_words.contains(&"reptilian".to_owned()));
        Ok(())
    }

    #[test]
    fn syllables_are_counted_by_rule() {
        for (word, expected) in [
            ("cat", 1),
            ("creature", 2),
            ("table", 2),
            ("platypus", 3),
            ("seemingly", 3),
            ("yes", 1),
            ("independent", 4),
            ("the", 1),
            ("", 0),
        ] {
            assert_eq!(syllables(word), expected, "{word}");
        }
    }

    #[test]
    fn long_sentences_and_hard_words_are_pointed_at() -> Result<(), &'static str> {
        let text = "We met today. It was good to see you.\n\n\
                    The professionals attending considered that the arrangements regarding \
                    contact with your family should continue unchanged until the subsequent \
                    review meeting in six months.";
        let measured = measure(text).ok_or("no words")?;
        assert_eq!(measured.sentences, 3);
        assert_eq!(measured.long_sentences.len(), 1);
        assert!(measured.long_sentences[0].starts_with("The professionals"));
        assert!(measured.hard_words.contains(&"professionals".to_owned()));
        assert!(measured.reading_age > 12);
        let simple = measure("We met today. It was good to see you. You will still see your mum.")
            .ok_or("no words")?;
        assert!(simple.reading_age <= 7, "{}", simple.reading_age);
        assert!(simple.long_sentences.is_empty() && simple.hard_words.is_empty());
        Ok(())
    }

    #[test]
    fn no_words_no_measure() {
        assert_eq!(measure("  \n\n - "), None);
    }
}
