//! The built-in themes: TOML files in `themes/`, embedded in the binary and
//! read with the same keys as a résumé's `[theme]` or a theme file.

use std::sync::OnceLock;

use crate::model::ThemeDef;

/// One built-in theme: its name and its TOML text.
#[derive(Clone, Copy, Debug)]
pub struct Builtin {
    /// The name `[theme] name` and `--theme` use.
    pub name: &'static str,
    /// The theme file.
    pub source: &'static str,
}

/// A built-in theme file.
macro_rules! builtin {
    ($name:literal) => {
        Builtin {
            name: $name,
            source: include_str!(concat!("../../themes/", $name, ".toml")),
        }
    };
}

/// Every built-in theme, in the order `resume themes` lists them.
pub const BUILTINS: [Builtin; 8] = [
    builtin!("classic"),
    builtin!("modern"),
    builtin!("engineering"),
    builtin!("garamond"),
    builtin!("humanist"),
    builtin!("warm"),
    builtin!("moderncv"),
    builtin!("dense"),
];

/// The names of the built-in themes.
pub fn names() -> impl Iterator<Item = &'static str> + Clone {
    BUILTINS.iter().map(|b| b.name)
}

/// The built-in theme called `name`.
pub fn find(name: &str) -> Option<&'static Builtin> {
    BUILTINS.iter().find(|b| b.name == name)
}

/// The keys of the built-in theme called `name`, parsed once per process.
pub fn def(name: &str) -> Option<&'static ThemeDef> {
    static PARSED: OnceLock<Vec<ThemeDef>> = OnceLock::new();
    let parsed = PARSED.get_or_init(|| {
        // The files are checked by a test: one that does not parse would be
        // a build defect, and is read as a theme with no keys.
        BUILTINS
            .iter()
            .map(|b| toml::from_str(b.source).unwrap_or_default())
            .collect()
    });
    let i = BUILTINS.iter().position(|b| b.name == name)?;
    parsed.get(i)
}

/// The one-line description of the built-in theme called `name`.
pub fn description(name: &str) -> &'static str {
    def(name)
        .and_then(|d| d.description.as_deref())
        .unwrap_or("")
}

/// The chain of built-in themes that `name` extends, base first (at most
/// four deep: the built-in files are ours, and a test checks them).
pub fn chain(name: &str) -> Vec<&'static ThemeDef> {
    let mut chain = Vec::new();
    let mut next = Some(name.to_owned());
    while let Some(name) = next.take() {
        let Some(def) = def(&name) else { break };
        if chain.len() == 4 {
            break;
        }
        chain.push(def);
        next = def.extends.as_ref().map(|e| e.get_ref().clone());
    }
    chain.reverse();
    chain
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_parses_describes_itself_and_extends_a_builtin() {
        for b in BUILTINS {
            let def: ThemeDef =
                toml::from_str(b.source).unwrap_or_else(|e| panic!("themes/{}.toml: {e}", b.name));
            assert!(def.description.is_some(), "{} has a description", b.name);
            assert!(def.name.is_none() && def.file.is_none(), "{}", b.name);
            if b.name == "classic" {
                assert!(def.extends.is_none());
            } else {
                let base = def.extends.as_ref().expect("extends a built-in");
                assert!(find(base.get_ref()).is_some(), "{}", b.name);
                assert_eq!(
                    chain(b.name).first().map(|d| d.extends.is_none()),
                    Some(true)
                );
            }
        }
    }

    #[test]
    fn names_are_distinct() {
        for b in BUILTINS {
            assert_eq!(names().filter(|n| *n == b.name).count(), 1);
        }
    }
}
