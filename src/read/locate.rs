//! Chooses a setting's toggle among the page's switch-like controls.
//!
//! The setting's locators (its rules' `locators`, most trusted first) are tried in order: the
//! `aria-labelledby` hook, an attribute such as a test id, the accessible name matching a known
//! phrase in any language, the only visible switch on a page whose heading names the setting. Two
//! controls matching the same locator make the page ambiguous: nobody can say which one is the
//! setting.

use crate::model::snapshot::{Control, Snapshot};
use crate::read::text::says;
use crate::rules::{ByLanguage, Locator, Setting};

/// The outcome of looking for a setting's toggle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Located<'a> {
    Found(&'a Control),
    /// Several controls qualify at the same rank (their indices).
    Ambiguous(Vec<u32>),
    Missing,
}

/// Finds `setting`'s toggle in `snapshot`.
pub fn locate<'a>(snapshot: &'a Snapshot, setting: &Setting) -> Located<'a> {
    for locator in setting.locators.iter() {
        match matching(snapshot, locator).as_slice() {
            [] => continue,
            [only] => return Located::Found(only),
            many => return Located::Ambiguous(many.iter().map(|c| c.index).collect()),
        }
    }
    Located::Missing
}

/// The controls of `snapshot` that `locator` matches.
fn matching<'a>(snapshot: &'a Snapshot, locator: &Locator) -> Vec<&'a Control> {
    let controls = snapshot.controls.iter();
    match locator {
        Locator::LabelledBy(id) => controls.filter(|c| c.is_labelled_by(id)).collect(),
        Locator::Selector(wanted) => controls
            .filter(|c| c.attribute(&wanted.attribute) == Some(wanted.value.as_ref()))
            .collect(),
        Locator::Name(phrases) => controls.filter(|c| says_any(&c.name, phrases)).collect(),
        Locator::OnlySwitchUnderHeading(names) => {
            let visible: Vec<&Control> = controls.filter(|c| c.visible).collect();
            if says_any(&snapshot.heading, names) && visible.len() == 1 {
                visible
            } else {
                Vec::new()
            }
        }
    }
}

/// Whether `text` says one of `phrases`, in any of their languages.
fn says_any(text: &str, phrases: &ByLanguage) -> bool {
    phrases
        .iter()
        .flat_map(|(_, texts)| texts.iter())
        .any(|phrase| says(text, phrase))
}
