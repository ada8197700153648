//! Enums whose values cross the browser boundary and storage as fixed names (`"exposed"`,
//! `"flipped-back"`), declared once with [`named_enum!`]: the enum, its list of values, each
//! value's name, and serde's `Serialize`/`Deserialize` through those names.
//!
//! One table per enum keeps the names the core writes and the names it reads the same, and lets
//! the wasm boundary read a name without serde's generic machinery (which cost the `.wasm` more
//! than the whole decision engine).

/// Declares an enum of unit variants, each with its wire name:
/// `named_enum! { pub enum Intent { OptOut = "opt-out", Dismiss = "dismiss" } }`.
#[macro_export]
macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = $wire:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $name {
            $( $(#[$variant_meta])* $variant, )+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The value's wire name.
            pub fn name(self) -> &'static str {
                match self {
                    $( $name::$variant => $wire, )+
                }
            }

            /// The value with wire name `name`, if any.
            pub fn from_name(name: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|value| value.name() == name)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.name())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let name = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                $name::from_name(&name).ok_or_else(|| {
                    let names: Vec<&str> = $name::ALL.iter().map(|value| value.name()).collect();
                    serde::de::Error::custom(format!(
                        "unknown {} \"{name}\", expected one of {}",
                        stringify!($name),
                        names.join(", ")
                    ))
                })
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use crate::model::report::Intent;
    use crate::model::verdict::{Reason, Verdict};
    use std::collections::BTreeSet;

    fn check<T: Copy + PartialEq + std::fmt::Debug + serde::Serialize>(
        all: &[T],
        name: fn(T) -> &'static str,
        from: fn(&str) -> Option<T>,
    ) {
        let names: BTreeSet<&str> = all.iter().map(|v| name(*v)).collect();
        assert_eq!(names.len(), all.len(), "two values share a name");
        for value in all {
            assert_eq!(from(name(*value)), Some(*value));
            let json = serde_json::to_string(value).expect("serialises");
            assert_eq!(json, format!("\"{}\"", name(*value)));
            assert!(
                !json.contains(char::is_uppercase),
                "{json} is not kebab-case"
            );
        }
        assert_eq!(from("no-such-name"), None);
    }

    #[test]
    fn every_value_reads_back_from_its_own_unique_name() {
        check(Verdict::ALL, Verdict::name, Verdict::from_name);
        check(Reason::ALL, Reason::name, Reason::from_name);
        check(Intent::ALL, Intent::name, Intent::from_name);
        let read: Verdict = serde_json::from_str(r#""signed-out""#).expect("reads");
        assert_eq!(read, Verdict::SignedOut);
        assert!(serde_json::from_str::<Verdict>(r#""safe""#).is_err());
    }
}
