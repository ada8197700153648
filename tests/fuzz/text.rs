//! Target `text`: arbitrary Unicode through the label matcher (`text::words`, `text::says`):
//! control characters, combining marks, letters whose case mapping changes length (`İ`, `ß`),
//! right-to-left marks, emoji, other scripts, very long strings, and the setting's real labels
//! and names embedded in any of it.
//!
//! Properties: no panic; words are non-empty runs of letters and digits and folding them again
//! changes nothing; nothing says the empty phrase and the empty text says nothing; any text with
//! words says itself; a real label or name is said whatever surrounds it, and in capitals.

use crate::oracle::{setting_names, toggle_labels};
use crate::{campaign, Tally};
use notrain::read::text::{says, words};
use proptest::prelude::*;
use proptest::sample::select;

/// Text from everywhere Unicode goes, with the hard cases overrepresented.
fn text() -> impl Strategy<Value = String> {
    let tricky = select(vec![
        "İ",
        "ß",
        "ẞ",
        "ŉ",
        "Σ",
        "ς",
        "ǅ",
        "\u{301}",
        "e\u{301}",
        "\u{200d}",
        "\u{200f}",
        "\u{202e}",
        "\u{feff}",
        "\u{0}",
        "\u{a0}",
        "\u{3000}",
        "’",
        "ʼ",
        "'",
        "-",
        "👩‍💻",
        "ﬁ",
        "Ⅻ",
        "٣",
        "𝔸",
        "\u{10ffff}",
        "データ",
        "ИИ",
    ]);
    let pieces = prop::collection::vec(
        prop_oneof![3 => tricky.prop_map(str::to_owned), 2 => any::<String>(), 2 => "[a-zA-Zé ]{0,12}"],
        0..12,
    );
    let long = (any::<char>(), 1usize..20_000).prop_map(|(c, n)| c.to_string().repeat(n));
    prop_oneof![4 => pieces.prop_map(|p| p.concat()), 2 => any::<String>(), 1 => long]
}

fn phrase() -> impl Strategy<Value = String> {
    let known: Vec<String> = toggle_labels()
        .iter()
        .chain(setting_names())
        .cloned()
        .collect();
    select(known)
}

#[test]
fn unicode_text() {
    let inputs = (text(), text(), phrase(), any::<bool>());
    campaign(
        "text",
        256,
        ["", "", ""],
        inputs,
        |(a, b, phrase, shout)| {
            let folded = words(&a);
            prop_assert!(folded
                .iter()
                .all(|w| !w.is_empty() && w.chars().all(char::is_alphanumeric)));
            prop_assert_eq!(
                words(&folded.join(" ")),
                folded.clone(),
                "folding {:?} again",
                a
            );
            prop_assert!(!says(&a, "") && !says("", &a));
            prop_assert_eq!(says(&a, &a), !folded.is_empty(), "{:?} says itself", a);
            let _ = says(&a, &b);
            let shown = if shout {
                phrase.to_uppercase()
            } else {
                phrase.clone()
            };
            let embedded = format!("{a} {shown} {b}");
            prop_assert!(
                says(&embedded, &phrase),
                "{:?} not found in {:?}",
                phrase,
                embedded
            );
            Ok(Tally {
                calls: 7,
                ..Tally::default()
            })
        },
    );
}
