//! A control's attributes: a short list of (name, value) pairs, written and read as a JSON object.
//!
//! A list rather than a `BTreeMap`: a control has a handful of attributes, looked up by name a few
//! times per report, and the map's code cost the `.wasm` about 4 KB. The list keeps at most
//! [`MAX_ATTRIBUTES`], so setting one is bounded work however many a page piles onto a control
//! (without the cap, reading n attributes took n²/2 name comparisons).

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// The most attributes kept of one control (a real switch has a dozen or so; the content script
/// sends at most one more, so the core can tell that some were left out).
pub const MAX_ATTRIBUTES: usize = 64;

/// The attributes of one element; a name set twice keeps its last value. Names beyond the first
/// [`MAX_ATTRIBUTES`] are left out, and [`Attributes::overflowed`] says so.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Attributes {
    pairs: Vec<(String, String)>,
    overflowed: bool,
}

impl Attributes {
    /// The value of attribute `name`, if present.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// A mutable reference to the value of attribute `name`, if present.
    pub fn get_mut(&mut self, name: &str) -> Option<&mut String> {
        self.pairs
            .iter_mut()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value)
    }

    /// Sets attribute `name` to `value`, replacing an earlier value; a new name beyond the first
    /// [`MAX_ATTRIBUTES`] is left out (and marks the list as overflowed).
    pub fn insert(&mut self, name: String, value: String) {
        let kept = self.pairs.len();
        match self.get_mut(&name) {
            Some(old) => *old = value,
            None if kept < MAX_ATTRIBUTES => self.pairs.push((name, value)),
            None => self.overflowed = true,
        }
    }

    /// Whether some attributes were left out: any of them could have been a state signal.
    pub fn overflowed(&self) -> bool {
        self.overflowed
    }
}

impl Extend<(String, String)> for Attributes {
    fn extend<I: IntoIterator<Item = (String, String)>>(&mut self, pairs: I) {
        for (name, value) in pairs {
            self.insert(name, value);
        }
    }
}

impl FromIterator<(String, String)> for Attributes {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(pairs: I) -> Self {
        let mut attributes = Attributes::default();
        attributes.extend(pairs);
        attributes
    }
}

impl<const N: usize> From<[(String, String); N]> for Attributes {
    fn from(pairs: [(String, String); N]) -> Self {
        pairs.into_iter().collect()
    }
}

impl Serialize for Attributes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.pairs.len()))?;
        for (name, value) in &self.pairs {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Attributes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Pairs;
        impl<'de> Visitor<'de> for Pairs {
            type Value = Attributes;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of attribute names and text values")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Attributes, M::Error> {
                let mut attributes = Attributes::default();
                while let Some((name, value)) = map.next_entry::<String, String>()? {
                    attributes.insert(name, value);
                }
                Ok(attributes)
            }
        }
        deserializer.deserialize_map(Pairs)
    }
}
