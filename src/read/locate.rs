//! Chooses a setting's toggle among the page's switch-like controls.
//!
//! Three locators, tried in order of trust, all driven by the rules file: the `aria-labelledby`
//! hook; the accessible name matching the toggle label or setting name in any known language; the
//! only visible switch on a page whose heading names the setting. Two controls qualifying at the
//! same rank make the page ambiguous: nobody can say which one is the setting.

use crate::model::snapshot::{Control, Snapshot};
use crate::read::text::says;
use crate::rules::{Setting, Text};
use serde::{Deserialize, Serialize};

/// How a control was recognised, most trusted first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Locator {
    Hook,
    Label,
    OnlySwitchUnderHeading,
}

/// The outcome of looking for a setting's toggle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Located<'a> {
    Found(&'a Control, Locator),
    /// Several controls qualify at the same rank (their indices).
    Ambiguous(Vec<u32>),
    Missing,
}

/// Finds `setting`'s toggle in `snapshot`.
pub fn locate<'a>(snapshot: &'a Snapshot, setting: &Setting) -> Located<'a> {
    let ranks: [(Locator, Vec<&Control>); 3] = [
        (Locator::Hook, by_hook(snapshot, setting)),
        (Locator::Label, by_label(snapshot, setting)),
        (
            Locator::OnlySwitchUnderHeading,
            by_heading(snapshot, setting),
        ),
    ];
    for (locator, found) in ranks {
        match found.as_slice() {
            [] => continue,
            [only] => return Located::Found(only, locator),
            many => return Located::Ambiguous(many.iter().map(|c| c.index).collect()),
        }
    }
    Located::Missing
}

fn by_hook<'a>(snapshot: &'a Snapshot, setting: &Setting) -> Vec<&'a Control> {
    snapshot
        .controls
        .iter()
        .filter(|control| control.is_labelled_by(&setting.hook))
        .collect()
}

fn by_label<'a>(snapshot: &'a Snapshot, setting: &Setting) -> Vec<&'a Control> {
    let phrases: Vec<&Text> = setting
        .labels
        .iter()
        .chain(setting.names.iter())
        .flat_map(|(_, texts)| texts.iter())
        .collect();
    snapshot
        .controls
        .iter()
        .filter(|control| phrases.iter().any(|phrase| says(&control.name, phrase)))
        .collect()
}

fn by_heading<'a>(snapshot: &'a Snapshot, setting: &Setting) -> Vec<&'a Control> {
    let heading_names_setting = setting
        .names
        .iter()
        .flat_map(|(_, names)| names.iter())
        .any(|name| says(&snapshot.heading, name));
    let visible: Vec<&Control> = snapshot.controls.iter().filter(|c| c.visible).collect();
    if heading_names_setting && visible.len() == 1 {
        visible
    } else {
        Vec::new()
    }
}
