//! Deserialising JSON and YAML into a [`Value`] strictly, and finding
//! where a YAML value starts.
//!
//! serde_json and serde_yaml keep one of two values written under the same
//! key of an object and drop the other without a word; [`Strict`] builds
//! the same [`Value`] as their own deserialisers do, but stops at a key
//! that is already there, so the parser reports where that key is.
//! [`Find`] walks down a path and stops at the value there, for the same
//! reason: so the YAML parser says where it starts.

use std::cell::{Cell, RefCell};
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use super::scan::Step;

/// Builds a [`Value`]; a key written twice in one object stops it, with
/// the key in `duplicate`.
#[derive(Clone, Copy)]
pub(super) struct Strict<'d> {
    /// The first key found twice in one object.
    pub(super) duplicate: &'d RefCell<Option<String>>,
}

impl<'de> DeserializeSeed<'de> for Strict<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Value, E> {
        i64::try_from(v)
            .map(Value::from)
            .map_err(|_| E::custom("number out of range"))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Value, E> {
        u64::try_from(v)
            .map(Value::from)
            .map_err(|_| E::custom("number out of range"))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(self.float(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(self)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        loop {
            let key = Key {
                map: &map,
                duplicate: self.duplicate,
            };
            let Some(key) = access.next_key_seed(key)? else {
                break;
            };
            let value = access.next_value_seed(self)?;
            map.insert(key, value);
        }
        Ok(Value::Object(map))
    }
}

impl Strict<'_> {
    /// A float as serde_json holds it: not a number and the infinities are null.
    fn float(self, v: f64) -> Value {
        Number::from_f64(v).map_or(Value::Null, Value::Number)
    }
}

/// One key of an object, refused when the object already has it.
struct Key<'m> {
    map: &'m Map<String, Value>,
    duplicate: &'m RefCell<Option<String>>,
}

impl<'de> DeserializeSeed<'de> for Key<'_> {
    type Value = String;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<String, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key<'_> {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        if self.map.contains_key(v) {
            *self.duplicate.borrow_mut() = Some(v.to_owned());
            return Err(E::custom(format!("duplicate key `{v}`")));
        }
        Ok(v.to_owned())
    }
}

/// Walks down `path` and stops with an error at the value there (setting
/// `found`), so that the deserialiser's error says where that value starts.
#[derive(Clone, Copy)]
pub(super) struct Find<'p> {
    /// The steps still to take.
    pub(super) path: &'p [Step],
    /// Set once the value is reached.
    pub(super) found: &'p Cell<bool>,
}

impl<'de> DeserializeSeed<'de> for Find<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl Find<'_> {
    /// Stop here when the path ends here.
    fn stop<E: de::Error>(self) -> Result<(), E> {
        if self.path.is_empty() {
            self.found.set(true);
            return Err(E::custom("found"));
        }
        Ok(())
    }
}

impl<'de> Visitor<'de> for Find<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.stop()
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.stop()
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.stop()
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.stop()
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.stop()
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.stop()
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.stop()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.stop()?;
        let mut i = 0;
        loop {
            let more = match self.path.split_first() {
                Some((Step::Index(n), rest)) if *n == i => seq
                    .next_element_seed(Find { path: rest, ..self })?
                    .is_some(),
                _ => seq.next_element::<IgnoredAny>()?.is_some(),
            };
            if !more {
                return Ok(());
            }
            i += 1;
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<(), A::Error> {
        self.stop()?;
        while let Some(key) = access.next_key::<String>()? {
            match self.path.split_first() {
                Some((Step::Key(k), rest)) if *k == key => {
                    access.next_value_seed(Find { path: rest, ..self })?;
                }
                _ => {
                    access.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The strict value of a JSON text, or the duplicate key.
    fn json(text: &str) -> Result<Value, Option<String>> {
        let duplicate = RefCell::new(None);
        let mut de = serde_json::Deserializer::from_str(text);
        Strict {
            duplicate: &duplicate,
        }
        .deserialize(&mut de)
        .map_err(|_| duplicate.take())
    }

    /// The strict value of a YAML text, or the duplicate key.
    fn yaml(text: &str) -> Result<Value, Option<String>> {
        let duplicate = RefCell::new(None);
        Strict {
            duplicate: &duplicate,
        }
        .deserialize(serde_yaml::Deserializer::from_str(text))
        .map_err(|_| duplicate.take())
    }

    #[test]
    fn the_same_values_as_serde() {
        let text = r#"{"a": [1, -2, 3.5, 1e300, 18446744073709551615, 1e2, true, null, "x\u0000"],
            "b": {"c": {}, "d": []}, "": ""}"#;
        let expected: Value = serde_json::from_str(text).expect("JSON");
        assert_eq!(json(text), Ok(expected));
        let text =
            "a: [1, -2, 3.5, .inf, 9223372036854775808, true, ~, x]\nb: {c: {}, d: []}\n2: two\n";
        let expected: Value = serde_yaml::from_str(text).expect("YAML");
        assert_eq!(yaml(text), Ok(expected));
        assert!(serde_yaml::from_str::<Value>("a: 99999999999999999999999").is_err());
        assert_eq!(yaml("a: 99999999999999999999999"), Err(None));
    }

    #[test]
    fn a_key_twice_in_one_object_stops() {
        assert_eq!(
            json(r#"{"a": 1, "b": {"a": 2}, "a": 3}"#),
            Err(Some("a".into()))
        );
        assert_eq!(json(r#"[{"a": 1}, {"a": 1}]"#).map(|_| ()), Ok(()));
        assert_eq!(json(r#"{"a": {"b": 1, "b": 2}}"#), Err(Some("b".into())));
        assert_eq!(yaml("a: 1\nb:\n  a: 2\na: 3\n"), Err(Some("a".into())));
        assert_eq!(yaml("a: 1\n'a': 2\n"), Err(Some("a".into())));
        assert_eq!(json("{"), Err(None));
    }

    #[test]
    fn find_stops_at_the_value() {
        let text =
            "basics:\n  name: Ada\nwork:\n  - name: A\n  - name: B\n    highlights: [x, y]\n";
        let at = |path: &[Step]| {
            let found = Cell::new(false);
            let error = Find {
                path,
                found: &found,
            }
            .deserialize(serde_yaml::Deserializer::from_str(text))
            .err();
            found
                .get()
                .then(|| {
                    error
                        .and_then(|e| e.location())
                        .map(|l| (l.line(), l.column()))
                })
                .flatten()
        };
        let key = |k: &str| Step::Key(k.to_owned());
        assert_eq!(at(&[key("basics"), key("name")]), Some((2, 9)));
        assert_eq!(
            at(&[key("work"), Step::Index(1), key("name")]),
            Some((5, 11))
        );
        assert_eq!(
            at(&[
                key("work"),
                Step::Index(1),
                key("highlights"),
                Step::Index(1)
            ]),
            Some((6, 21))
        );
        assert_eq!(at(&[key("work"), Step::Index(2)]), None);
        assert_eq!(at(&[key("nothing")]), None);
        assert_eq!(at(&[]), Some((1, 1)));
    }
}
