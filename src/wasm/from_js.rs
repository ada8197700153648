//! Reads plain JS values (from a content script's message or from `chrome.storage`) into the
//! core's serde types.
//!
//! A small serde `Deserializer` over `JsValue`, in place of serde-wasm-bindgen's: its errors name
//! what was wrong in fixed words instead of formatting the offending value, so no float formatting
//! code ships in the `.wasm` (that alone was a tenth of it). It understands what structured clone
//! and `chrome.storage` produce: `null`/`undefined`, booleans, numbers, strings, arrays and plain
//! objects. Anything else (functions, symbols, BigInt, Maps) is an error, never a panic.

use js_sys::{Array, Object, Reflect};
use serde::de::{self, DeserializeOwned, IntoDeserializer, Unexpected, Visitor};
use std::fmt;
use wasm_bindgen::JsValue;

/// Reads `value` as a `T`.
pub fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<T, Error> {
    T::deserialize(Reader(value))
}

/// Why a JS value could not be read, in a few fixed words.
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error(message.to_string())
    }

    fn invalid_type(found: Unexpected<'_>, _expected: &dyn de::Expected) -> Self {
        Error(format!("unexpected {}", kind(&found)))
    }

    fn invalid_value(found: Unexpected<'_>, _expected: &dyn de::Expected) -> Self {
        Error(format!("out-of-range {}", kind(&found)))
    }

    fn invalid_length(length: usize, _expected: &dyn de::Expected) -> Self {
        Error(format!("unexpected length {length}"))
    }

    fn unknown_variant(variant: &str, _expected: &'static [&'static str]) -> Self {
        Error(format!("unknown value \"{variant}\""))
    }

    fn missing_field(field: &'static str) -> Self {
        Error(format!("missing field \"{field}\""))
    }

    fn duplicate_field(field: &'static str) -> Self {
        Error(format!("duplicate field \"{field}\""))
    }
}

/// The kind of an unexpected value, without the value itself.
fn kind(found: &Unexpected<'_>) -> &'static str {
    match found {
        Unexpected::Bool(_) => "boolean",
        Unexpected::Unsigned(_) | Unexpected::Signed(_) | Unexpected::Float(_) => "number",
        Unexpected::Char(_) | Unexpected::Str(_) => "string",
        Unexpected::Unit | Unexpected::Option => "null",
        Unexpected::Seq => "array",
        Unexpected::Map | Unexpected::StructVariant => "object",
        _ => "value",
    }
}

/// The largest integer a JS number holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

struct Reader(JsValue);

impl<'de> de::Deserializer<'de> for Reader {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match Shape::of(self.0)? {
            Shape::Nothing => visitor.visit_unit(),
            Shape::Bool(flag) => visitor.visit_bool(flag),
            Shape::Whole(number) => visitor.visit_u64(number),
            Shape::Negative(number) => visitor.visit_i64(number),
            Shape::Fraction(number) => visitor.visit_f64(number),
            Shape::Text(text) => visitor.visit_string(text),
            Shape::List(items) => visitor.visit_seq(de::value::SeqDeserializer::new(
                items.into_iter().map(Reader),
            )),
            Shape::Object(entries) => visitor.visit_map(entries),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.0.is_undefined() || self.0.is_null() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    /// Enums cross the boundary as their variant's name (unit variants) or as an object with one
    /// property, the variant's name, holding its fields.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0.as_string() {
            Some(name) => visitor.visit_enum(name.into_deserializer()),
            None if self.0.is_object() => {
                visitor.visit_enum(de::value::MapAccessDeserializer::new(Entries::of(&self.0)?))
            }
            None => Err(Error("unexpected kind of value".to_owned())),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}

impl<'de> IntoDeserializer<'de, Error> for Reader {
    type Deserializer = Reader;

    fn into_deserializer(self) -> Reader {
        self
    }
}

/// What a JS value is, found once without generics so that each type serde reads shares it.
enum Shape {
    Nothing,
    Bool(bool),
    /// Whole numbers go to serde as integers (so `u64` fields accept them), others as floats.
    Whole(u64),
    Negative(i64),
    Fraction(f64),
    Text(String),
    List(Vec<JsValue>),
    Object(Entries),
}

impl Shape {
    #[inline(never)]
    fn of(value: JsValue) -> Result<Shape, Error> {
        Ok(if value.is_undefined() || value.is_null() {
            Shape::Nothing
        } else if let Some(flag) = value.as_bool() {
            Shape::Bool(flag)
        } else if let Some(number) = value.as_f64() {
            let whole = number.fract() == 0.0 && number.abs() <= MAX_SAFE_INTEGER;
            if whole && number >= 0.0 {
                Shape::Whole(number as u64)
            } else if whole {
                Shape::Negative(number as i64)
            } else {
                Shape::Fraction(number)
            }
        } else if let Some(text) = value.as_string() {
            Shape::Text(text)
        } else if Array::is_array(&value) {
            Shape::List(Array::from(&value).iter().collect())
        } else if value.is_object() && !value.is_function() {
            Shape::Object(Entries::of(&value)?)
        } else {
            return Err(Error("unexpected kind of value".to_owned()));
        })
    }
}

/// A plain object's own enumerable string-keyed properties, in order.
struct Entries {
    object: JsValue,
    keys: std::vec::IntoIter<JsValue>,
    value: Option<JsValue>,
}

impl Entries {
    fn of(value: &JsValue) -> Result<Entries, Error> {
        let object: &Object = wasm_bindgen::JsCast::unchecked_ref(value);
        let keys: Vec<JsValue> = Object::keys(object).iter().collect();
        Ok(Entries {
            object: value.clone(),
            keys: keys.into_iter(),
            value: None,
        })
    }
}

impl<'de> de::MapAccess<'de> for Entries {
    type Error = Error;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some(key) = self.keys.next() else {
            return Ok(None);
        };
        let value = Reflect::get(&self.object, &key)
            .map_err(|_| Error("unreadable property".to_owned()))?;
        self.value = Some(value);
        seed.deserialize(Reader(key)).map(Some)
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let value = self.value.take().unwrap_or(JsValue::UNDEFINED);
        seed.deserialize(Reader(value))
    }
}
