//! Text matching that tolerates what LinkedIn varies: case, white space, apostrophes, accents and
//! small wording drift.

/// Lower-case words with accents stripped and punctuation (including every kind of apostrophe)
/// treated as a word break.
pub fn words(text: &str) -> Vec<String> {
    let mut folded = String::with_capacity(text.len());
    for ch in text.chars().flat_map(char::to_lowercase) {
        match fold_accent(ch) {
            Some(base) => folded.push(base),
            None if ch.is_alphanumeric() => folded.push(ch),
            None => folded.push(' '),
        }
    }
    folded.split_whitespace().map(str::to_owned).collect()
}

/// Whether `text` says `phrase`: every word of the phrase in order, or nearly all of its words
/// (small wording drift) without the text being much longer than the phrase.
pub fn says(text: &str, phrase: &str) -> bool {
    let text = words(text);
    let phrase = words(phrase);
    if phrase.is_empty() || text.is_empty() {
        return false;
    }
    if text
        .windows(phrase.len())
        .any(|window| window == phrase.as_slice())
    {
        return true;
    }
    let shared = phrase.iter().filter(|word| text.contains(word)).count();
    let nearly_all = shared * 4 >= phrase.len() * 3;
    let not_much_longer = text.len() * 2 <= phrase.len() * 3 + 2;
    nearly_all && not_much_longer
}

/// The unaccented base letter of a Latin letter with a diacritic, for the languages LinkedIn serves.
fn fold_accent(ch: char) -> Option<char> {
    let base = match ch {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        'ß' => 's',
        _ => return None,
    };
    Some(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_apostrophes() {
        assert_eq!(
            words("Données pour l’amélioration de l'IA"),
            ["donnees", "pour", "l", "amelioration", "de", "l", "ia"]
        );
    }

    #[test]
    fn tolerates_one_changed_word_but_not_a_different_sentence() {
        let label = "Use my data for training content creation AI models";
        assert!(says(
            "Use my data for training content-creation AI models.",
            label
        ));
        assert!(says(
            "Use my data to train content creation AI models",
            label
        ));
        assert!(!says("Use my data for research", label));
        assert!(!says("", label));
    }
}
