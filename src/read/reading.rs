//! Reads a toggle's state the way a careful person would: every signal must agree.

use crate::model::snapshot::Control;
use serde::{Deserialize, Serialize};

/// What a toggle says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reading {
    On,
    Off,
    /// `checked` and `aria-checked` disagree.
    Disagreeing,
    /// No usable state signal (no `checked`, and `aria-checked` missing or `mixed`), or more
    /// attributes than the core keeps (one left out could have been `aria-checked`).
    Unreadable,
}

/// Reads `control`. A native checkbox is read from `checked`; `aria-checked`, when present, must
/// agree with it. Any other element must carry `aria-checked="true"` or `"false"`. A control with
/// more attributes than the core keeps is unreadable.
pub fn read(control: &Control) -> Reading {
    if control.attributes.overflowed() {
        return Reading::Unreadable;
    }
    let aria = match control.attribute("aria-checked").map(str::trim) {
        None => None,
        Some(value) if value.eq_ignore_ascii_case("true") => Some(true),
        Some(value) if value.eq_ignore_ascii_case("false") => Some(false),
        Some(_) => return Reading::Unreadable,
    };
    let state = match (control.checked, aria) {
        (Some(checked), Some(aria)) if checked != aria => return Reading::Disagreeing,
        (Some(state), _) | (None, Some(state)) => state,
        (None, None) => return Reading::Unreadable,
    };
    if state {
        Reading::On
    } else {
        Reading::Off
    }
}
