//! What the content script sees of a page: its URL and every switch-like control on it.
//!
//! The content script knows nothing about LinkedIn; it reports each `input[type=checkbox]` and
//! `[role=switch]` with the facts a careful person would look at. Everything here comes from a page
//! we do not control, so every field is optional or defaulted and nothing is trusted to be sane.

use crate::model::attributes::Attributes;
use serde::{Deserialize, Serialize};

/// The most bytes of a page's URL the core keeps (the content script sends at most as many
/// characters). Every path the rules name is far shorter, so a cut URL is classified as the
/// whole one would be; only its query or fragment, which the core ignores, is cut short.
pub const MAX_URL: usize = 2048;

/// One switch-like control, as the content script read it from the DOM.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Control {
    /// Position in the content script's list for this snapshot; the core names controls by it.
    pub index: u32,
    /// The element's attributes as written in the markup (names lower-case).
    pub attributes: Attributes,
    /// The `checked` property for checkbox inputs; `None` for other elements.
    pub checked: Option<bool>,
    /// Whether the element is disabled (`disabled` property or `aria-disabled="true"`).
    pub disabled: bool,
    /// The text of its accessible name (aria-labelledby, aria-label, `label[for]`, enclosing label).
    pub name: String,
    /// Whether it takes up space on screen.
    pub visible: bool,
}

impl Control {
    /// An attribute's value, if present.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes.get(name)
    }

    /// Whether the space-separated `aria-labelledby` list names `id`.
    pub fn is_labelled_by(&self, id: &str) -> bool {
        self.attribute("aria-labelledby")
            .is_some_and(|ids| ids.split_ascii_whitespace().any(|token| token == id))
    }
}

/// A page as the content script saw it at one moment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Snapshot {
    /// `location.href` of the top frame.
    pub url: String,
    /// Text of the page's main heading (`h1`), if any.
    pub heading: String,
    /// Every switch-like control, in document order.
    pub controls: Vec<Control>,
}
