//! Compiles `rules/linkedin.json` into Rust code (`$OUT_DIR/compiled_rules.rs`): a `static` of the
//! core's `rules::Rules` made of borrowed strings and slices, so the shipped wasm carries no JSON
//! parser, no deserialisation code and no construction code for its own rules. The schema below mirrors `src/rules.rs`; a field added
//! there and not here fails to compile, and a native test checks the result equals parsing the file.

use serde_json::{Map, Value};
use std::{env, fs, path::Path};

include!("src/rules/format.rs");

enum Ty {
    Str,
    Bool,
    U32,
    Date,
    Opt(&'static Ty),
    List(&'static Ty),
    /// An object read as `(key, T)` pairs in key order (`rules::ByLanguage`).
    Map(&'static Ty),
    Struct(&'static Struct),
}

struct Struct {
    name: &'static str,
    fields: &'static [Field],
}

struct Field {
    json: &'static str,
    rust: &'static str,
    ty: Ty,
    required: bool,
}

const fn field(json: &'static str, rust: &'static str, ty: Ty, required: bool) -> Field {
    Field {
        json,
        rust,
        ty,
        required,
    }
}

static STR: Ty = Ty::Str;
static STRS: Ty = Ty::List(&STR);
static FURTHER: Ty = Ty::Struct(&FURTHER_OPTION);
static PERIOD_TY: Ty = Ty::Struct(&PERIOD);
static TIMELINE_TY: Ty = Ty::Struct(&TIMELINE);
static GROUP_TY: Ty = Ty::Struct(&REGION_GROUP);
static SETTING_TY: Ty = Ty::Struct(&SETTING);

static RULES: Struct = Struct {
    name: "Rules",
    fields: &[
        field("format", "format", Ty::U32, true),
        field("revision", "revision", Ty::Str, true),
        field("site", "site", Ty::Struct(&SITE), true),
        field("regionGroups", "region_groups", Ty::List(&GROUP_TY), false),
        field("settings", "settings", Ty::List(&SETTING_TY), true),
    ],
};
static SITE: Struct = Struct {
    name: "Site",
    fields: &[
        field("host", "host", Ty::Str, true),
        field("signInPaths", "sign_in_paths", Ty::List(&STR), true),
        field("neverActPaths", "never_act_paths", Ty::List(&STR), true),
        field("memberLink", "member_link", Ty::Opt(&STR), false),
        field(
            "memberPathPrefix",
            "member_path_prefix",
            Ty::Opt(&STR),
            false,
        ),
    ],
};
static SETTING: Struct = Struct {
    name: "Setting",
    fields: &[
        field("id", "id", Ty::Str, true),
        field("paths", "paths", Ty::List(&STR), true),
        field("hook", "hook", Ty::Str, true),
        field("nameKey", "name_key", Ty::Opt(&STR), false),
        field("meaningKey", "meaning_key", Ty::Opt(&STR), false),
        field("recommended", "recommended", Ty::Opt(&STR), false),
        field("labels", "labels", Ty::Map(&STRS), false),
        field("names", "names", Ty::Map(&STRS), false),
        field("sources", "sources", Ty::List(&STR), true),
        field("excluded", "excluded", Ty::List(&STR), false),
        field(
            "stopsFutureUseOnly",
            "stops_future_use_only",
            Ty::Bool,
            false,
        ),
        field("timelines", "timelines", Ty::List(&TIMELINE_TY), false),
    ],
};
static REGION_GROUP: Struct = Struct {
    name: "RegionGroup",
    fields: &[
        field("id", "id", Ty::Str, true),
        field("countries", "countries", Ty::List(&STR), false),
        field("rest", "rest", Ty::Bool, false),
        field("uncertain", "uncertain", Ty::Bool, false),
        field("sources", "sources", Ty::List(&STR), false),
        field("note", "note", Ty::Opt(&STR), false),
    ],
};
static TIMELINE: Struct = Struct {
    name: "Timeline",
    fields: &[
        field("groups", "groups", Ty::List(&STR), true),
        field("periods", "periods", Ty::List(&PERIOD_TY), true),
    ],
};
static PERIOD: Struct = Struct {
    name: "Period",
    fields: &[
        field("from", "from", Ty::Date, true),
        field("offered", "offered", Ty::Bool, true),
        field("defaultOn", "default_on", Ty::Bool, true),
        field("paused", "paused", Ty::Bool, false),
        field("legalBasis", "legal_basis", Ty::Opt(&STR), false),
        field("excluded", "excluded", Ty::Opt(&STRS), false),
        field(
            "furtherOptions",
            "further_options",
            Ty::List(&FURTHER),
            false,
        ),
        field("sources", "sources", Ty::List(&STR), true),
        field("note", "note", Ty::Opt(&STR), false),
    ],
};
static FURTHER_OPTION: Struct = Struct {
    name: "FurtherOption",
    fields: &[
        field("kind", "kind", Ty::Str, true),
        field("url", "url", Ty::Str, true),
        field("right", "right", Ty::Opt(&STR), false),
    ],
};

fn main() {
    write_countries();
    println!("cargo:rerun-if-changed=rules/linkedin.json");
    println!("cargo:rerun-if-changed=src/rules/format.rs");
    println!("cargo:rerun-if-env-changed=CARGO_CFG_TARGET_ARCH");
    let text = fs::read_to_string("rules/linkedin.json").expect("rules/linkedin.json is readable");
    let rules: Value = serde_json::from_str(&text).expect("rules/linkedin.json is JSON");
    let format = rules["format"]
        .as_u64()
        .expect("rules/linkedin.json has a numeric format");
    assert!(
        format <= u64::from(SUPPORTED_FORMAT),
        "rules format {format} is newer than this core ({SUPPORTED_FORMAT})"
    );
    let mut code = String::from(
        "// Generated by build.rs from rules/linkedin.json. Do not edit.\n\
         pub(super) static RULES: Rules = ",
    );
    emit(&mut code, &Ty::Struct(&RULES), &rules, "rules");
    code.push_str(";\n");
    let out =
        Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("compiled_rules.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
}

/// Writes the Rust expression for `value` read as `ty`; `at` names the place for error messages.
fn emit(code: &mut String, ty: &Ty, value: &Value, at: &str) {
    match ty {
        Ty::Str => code.push_str(&format!(
            "B({:?})",
            value.as_str().unwrap_or_else(|| unexpected(at, value))
        )),
        Ty::Bool => code.push_str(
            &value
                .as_bool()
                .unwrap_or_else(|| unexpected(at, value))
                .to_string(),
        ),
        Ty::U32 => {
            let number = value.as_u64().filter(|n| *n <= u64::from(u32::MAX));
            code.push_str(&number.unwrap_or_else(|| unexpected(at, value)).to_string());
        }
        Ty::Date => {
            let text = value.as_str().unwrap_or_else(|| unexpected(at, value));
            let parts: Vec<u16> = text
                .split('-')
                .map(|p| p.parse::<u16>().unwrap_or_else(|_| unexpected(at, value)))
                .collect();
            if parts.len() != 3 || text.len() != 10 {
                unexpected::<()>(at, value);
            }
            code.push_str(&format!("date({}, {}, {})", parts[0], parts[1], parts[2]));
        }
        Ty::Opt(_) if value.is_null() => code.push_str("None"),
        Ty::Opt(inner) => {
            code.push_str("Some(");
            emit(code, inner, value, at);
            code.push(')');
        }
        Ty::List(inner) => {
            code.push_str("B(&[");
            for (i, item) in value
                .as_array()
                .unwrap_or_else(|| unexpected(at, value))
                .iter()
                .enumerate()
            {
                emit(code, inner, item, &format!("{at}[{i}]"));
                code.push_str(", ");
            }
            code.push_str("])");
        }
        Ty::Map(inner) => {
            code.push_str("B(&[");
            // serde_json's map iterates in key order, as the parsed `ByLanguage` is.
            for (key, item) in value.as_object().unwrap_or_else(|| unexpected(at, value)) {
                code.push_str(&format!("(B({key:?}), "));
                emit(code, inner, item, &format!("{at}.{key}"));
                code.push_str("), ");
            }
            code.push_str("])");
        }
        Ty::Struct(shape) => emit_struct(
            code,
            shape,
            value.as_object().unwrap_or_else(|| unexpected(at, value)),
            at,
        ),
    }
}

/// The value of an optional field the file leaves out, as `#[serde(default)]` reads it.
fn default_of(ty: &Ty) -> &'static str {
    match ty {
        Ty::Bool => "false",
        Ty::U32 => "0",
        Ty::Opt(_) => "None",
        Ty::List(_) | Ty::Map(_) => "B(&[])",
        Ty::Str | Ty::Date | Ty::Struct(_) => {
            panic!("rules/linkedin.json: a required field is missing")
        }
    }
}

fn unexpected<T>(at: &str, value: &Value) -> T {
    panic!("rules/linkedin.json: {at} has an unexpected value {value}")
}

/// Fields that only document the rules (citations, notes): the native build (where the tests
/// check them against the file) carries them, the shipped wasm does not need them.
const DOCUMENTATION: [&str; 2] = ["sources", "note"];

fn for_wasm() -> bool {
    env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32")
}

fn emit_struct(code: &mut String, shape: &Struct, object: &Map<String, Value>, at: &str) {
    // `meaning` (a setting's English sentence, kept in the file with its sources) is
    // documentation: not compiled in; the UI shows the `_locales` message `meaningKey` names.
    if let Some(unknown) = object
        .keys()
        .filter(|key| !(shape.name == "Setting" && *key == "meaning"))
        .find(|key| shape.fields.iter().all(|f| f.json != *key))
    {
        panic!("rules/linkedin.json: {at} has an unknown field {unknown:?}");
    }
    code.push_str(shape.name);
    code.push_str(" {");
    for field in shape.fields {
        code.push_str(field.rust);
        code.push_str(": ");
        match object.get(field.json) {
            Some(_) if DOCUMENTATION.contains(&field.json) && for_wasm() => {
                code.push_str(default_of(&field.ty));
            }
            Some(value) => emit(code, &field.ty, value, &format!("{at}.{}", field.json)),
            None if field.required => panic!("rules/linkedin.json: {at} lacks {:?}", field.json),
            None => code.push_str(default_of(&field.ty)),
        }
        code.push_str(", ");
    }
    code.push('}');
}

/// `$OUT_DIR/countries.rs`: every country of `rules/zones.tsv`, sorted, once each (the options
/// page's list), so the wasm needs no set or sort to make it.
fn write_countries() {
    println!("cargo:rerun-if-changed=rules/zones.tsv");
    let table = fs::read_to_string("rules/zones.tsv").expect("rules/zones.tsv is readable");
    let mut codes: Vec<&str> = table
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| line.split_once('\t').map(|(_, code)| code))
        .collect();
    codes.sort_unstable();
    codes.dedup();
    let code = format!(
        "// Generated by build.rs from rules/zones.tsv. Do not edit.\nconst COUNTRIES: &[&str] = &{codes:?};\n"
    );
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("countries.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
}
