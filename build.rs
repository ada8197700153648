//! Compiles the rules files (`rules/regions.json` and every `rules/services/*.json`) into Rust code
//! (`$OUT_DIR/compiled_rules.rs`): a `static` of the core's `rules::Rules` made of borrowed strings
//! and slices, so the shipped wasm carries no JSON parser, no deserialisation code and no
//! construction code for its own rules. The schema below mirrors `src/rules/mod.rs`; a field added
//! there and not here fails to compile, and a native test checks the result equals parsing the
//! files.

use serde_json::{Map, Value};
use std::{env, fs, path::Path};

// The rules format the core reads.
include!("src/rules/format.rs");

enum Ty {
    Str,
    Bool,
    U32,
    U64,
    Date,
    Opt(&'static Ty),
    List(&'static Ty),
    /// An object read as `(key, T)` pairs in key order (`rules::ByLanguage`).
    Map(&'static Ty),
    Struct(&'static Struct),
    /// An enum: a unit variant is a JSON string, a newtype variant an object with one key.
    Enum(&'static Enum),
}

struct Enum {
    name: &'static str,
    variants: &'static [(&'static str, &'static str, Option<&'static Ty>)],
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
static BY_LANGUAGE: Ty = Ty::Map(&STRS);
static FURTHER: Ty = Ty::Struct(&FURTHER_OPTION);
static PERIOD_TY: Ty = Ty::Struct(&PERIOD);
static TIMELINE_TY: Ty = Ty::Struct(&TIMELINE);
static GROUP_TY: Ty = Ty::Struct(&REGION_GROUP);
static SETTING_TY: Ty = Ty::Struct(&SETTING);
static SERVICE_RULES_TY: Ty = Ty::Struct(&SERVICE_RULES);
static ATTRIBUTE_IS_TY: Ty = Ty::Struct(&ATTRIBUTE_IS);
static LOCATOR_TY: Ty = Ty::Enum(&LOCATOR);
static STEP_TY: Ty = Ty::Enum(&STEP);
static EVIDENCE_TY: Ty = Ty::Struct(&EVIDENCE);

static EVIDENCE: Struct = Struct {
    name: "Evidence",
    fields: &[
        field("about", "about", Ty::Str, true),
        field("tag", "tag", Ty::Enum(&CERTAINTY), true),
        field("by", "by", Ty::Str, true),
    ],
};
static CERTAINTY: Enum = Enum {
    name: "Certainty",
    variants: &[
        ("confirmed", "Confirmed", None),
        ("multi", "Multi", None),
        ("uncertain", "Uncertain", None),
    ],
};

static RULES: Struct = Struct {
    name: "Rules",
    fields: &[
        field("regionGroups", "region_groups", Ty::List(&GROUP_TY), true),
        field("services", "services", Ty::List(&SERVICE_RULES_TY), true),
    ],
};
static SERVICE_RULES: Struct = Struct {
    name: "ServiceRules",
    fields: &[
        field("format", "format", Ty::U32, true),
        field("revision", "revision", Ty::Str, true),
        field("service", "service", Ty::Struct(&SERVICE), true),
        field("settings", "settings", Ty::List(&SETTING_TY), true),
    ],
};
static SERVICE: Struct = Struct {
    name: "Service",
    fields: &[
        field("id", "id", Ty::Str, true),
        field("name", "name", Ty::Str, true),
        field("hosts", "hosts", Ty::List(&STR), true),
        field("access", "access", Ty::Enum(&ACCESS), true),
        field("primarySetting", "primary_setting", Ty::Str, true),
        field("signInPaths", "sign_in_paths", Ty::List(&STR), true),
        field("neverActPaths", "never_act_paths", Ty::List(&STR), true),
        field("reviewPrefix", "review_prefix", Ty::Str, true),
        field("memberLink", "member_link", Ty::Opt(&STR), false),
        field(
            "memberPathPrefix",
            "member_path_prefix",
            Ty::Opt(&STR),
            false,
        ),
        field("timings", "timings", Ty::Struct(&TIMINGS), true),
        field("earlierRecord", "earlier_record", Ty::Bool, false),
    ],
};
static ACCESS: Enum = Enum {
    name: "Access",
    variants: &[
        ("required", "Required", None),
        ("optional", "Optional", None),
    ],
};
static TIMINGS: Struct = Struct {
    name: "Timings",
    fields: &[
        field("clickTimeoutMs", "click_timeout_ms", Ty::U64, true),
        field("saveWindowMs", "save_window_ms", Ty::U64, true),
        field("pageHoldMs", "page_hold_ms", Ty::U64, true),
        field("settleMs", "settle_ms", Ty::U64, true),
        field("giveUpMs", "give_up_ms", Ty::U64, true),
    ],
};
static LOCATOR: Enum = Enum {
    name: "Locator",
    variants: &[
        ("labelledBy", "LabelledBy", Some(&STR)),
        ("name", "Name", Some(&BY_LANGUAGE)),
        ("selector", "Selector", Some(&ATTRIBUTE_IS_TY)),
        (
            "onlySwitchUnderHeading",
            "OnlySwitchUnderHeading",
            Some(&BY_LANGUAGE),
        ),
    ],
};
static ATTRIBUTE_IS: Struct = Struct {
    name: "AttributeIs",
    fields: &[
        field("attribute", "attribute", Ty::Str, true),
        field("value", "value", Ty::Str, true),
    ],
};
static STEP: Enum = Enum {
    name: "Step",
    variants: &[
        ("open", "Open", Some(&STR)),
        ("click", "Click", Some(&ATTRIBUTE_IS_TY)),
        ("waitFor", "WaitFor", Some(&ATTRIBUTE_IS_TY)),
        ("switchOff", "SwitchOff", None),
    ],
};
static SETTING: Struct = Struct {
    name: "Setting",
    fields: &[
        field("id", "id", Ty::Str, true),
        field("paths", "paths", Ty::List(&STR), true),
        field("locators", "locators", Ty::List(&LOCATOR_TY), true),
        field("steps", "steps", Ty::List(&STEP_TY), true),
        field("nameKey", "name_key", Ty::Opt(&STR), false),
        field("meaningKey", "meaning_key", Ty::Opt(&STR), false),
        field("meaning", "meaning", Ty::Opt(&STR), false),
        field("recommended", "recommended", Ty::Opt(&STR), false),
        field("sources", "sources", Ty::List(&STR), true),
        field("evidence", "evidence", Ty::List(&EVIDENCE_TY), false),
        field("certaintyKey", "certainty_key", Ty::Opt(&STR), false),
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
    println!("cargo:rerun-if-changed=rules/regions.json");
    println!("cargo:rerun-if-changed=rules/services");
    println!("cargo:rerun-if-changed=src/rules/format.rs");
    println!("cargo:rerun-if-env-changed=CARGO_CFG_TARGET_ARCH");
    let regions = read_rules("rules/regions.json");
    let mut files: Vec<_> = fs::read_dir("rules/services")
        .expect("rules/services is readable")
        .map(|entry| entry.expect("rules/services is listable").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    let services: Vec<Value> = files
        .iter()
        .map(|path| read_rules(&path.to_string_lossy()))
        .collect();
    assert!(!services.is_empty(), "rules/services has no rules file");
    for (path, rules) in files.iter().zip(&services) {
        println!("cargo:rerun-if-changed={}", path.display());
        check_service(&path.display().to_string(), rules);
    }
    let groups = regions
        .get("groups")
        .cloned()
        .expect("rules/regions.json has groups");
    let all = serde_json::json!({"regionGroups": groups, "services": services});
    let mut code = String::from(
        "// Generated by build.rs from rules/regions.json and rules/services/. Do not edit.\n\
         pub(super) static RULES: Rules = ",
    );
    emit(&mut code, &Ty::Struct(&RULES), &all, "rules");
    code.push_str(";\n");
    let out =
        Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("compiled_rules.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
}

/// What the core relies on and the schema cannot say: the primary setting is one of the file's,
/// and every setting has a locator, begins its steps with `open`, ends them with its one
/// `switchOff`, and has a hash route among its paths when a `click` precedes the switch (the
/// route is how NoTrain knows the page it opened again to confirm).
fn check_service(path: &str, rules: &Value) {
    let settings = rules["settings"].as_array();
    let settings = settings.unwrap_or_else(|| panic!("{path}: no settings"));
    let primary = &rules["service"]["primarySetting"];
    assert!(
        settings.iter().any(|setting| setting["id"] == *primary),
        "{path}: the primary setting {primary} is not among its settings"
    );
    for setting in settings {
        let id = &setting["id"];
        let locators = setting["locators"].as_array().map_or(0, Vec::len);
        assert!(locators > 0, "{path}: setting {id} has no locator");
        let steps = setting["steps"].as_array().map_or(&[][..], Vec::as_slice);
        assert!(
            steps.first().is_some_and(|step| step.get("open").is_some()),
            "{path}: setting {id}'s steps do not begin with open"
        );
        let switches = steps.iter().filter(|step| *step == "switchOff").count();
        assert!(
            steps.last().is_some_and(|step| step == "switchOff") && switches == 1,
            "{path}: setting {id}'s steps do not end with their one switchOff"
        );
        let clicks = steps.iter().any(|step| step.get("click").is_some());
        let paths = setting["paths"].as_array().map_or(&[][..], Vec::as_slice);
        let routed = paths
            .iter()
            .any(|p| p.as_str().is_some_and(|p| p.starts_with('#')));
        assert!(
            !clicks || routed,
            "{path}: setting {id} is reached by a click but has no hash route among its paths"
        );
    }
}

/// Reads a rules file, refusing another format than the core reads.
fn read_rules(path: &str) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let rules: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let format = rules["format"].as_u64();
    assert!(
        format == Some(u64::from(SUPPORTED_FORMAT)),
        "{path}: rules format {format:?} is not the one this core reads ({SUPPORTED_FORMAT})"
    );
    rules
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
        Ty::U64 => {
            let number = value.as_u64();
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
        Ty::Enum(shape) => emit_enum(code, shape, value, at),
        Ty::Struct(shape) => emit_struct(
            code,
            shape,
            value.as_object().unwrap_or_else(|| unexpected(at, value)),
            at,
        ),
    }
}

/// Writes an enum's value: `"name"` is a unit variant, `{"name": payload}` a newtype variant.
fn emit_enum(code: &mut String, shape: &Enum, value: &Value, at: &str) {
    let (key, payload) = match value {
        Value::String(name) => (name.as_str(), None),
        Value::Object(object) if object.len() == 1 => {
            let (name, payload) = object
                .iter()
                .next()
                .unwrap_or_else(|| unexpected(at, value));
            (name.as_str(), Some(payload))
        }
        _ => unexpected(at, value),
    };
    let (_, rust, ty) = shape
        .variants
        .iter()
        .find(|(json, _, _)| *json == key)
        .unwrap_or_else(|| panic!("{at}: {key:?} is not a {}", shape.name));
    code.push_str(&format!("{}::{rust}", shape.name));
    match (ty, payload) {
        (None, None) => {}
        (Some(ty), Some(payload)) => {
            code.push('(');
            emit(code, ty, payload, &format!("{at}.{key}"));
            code.push(')');
        }
        _ => unexpected(at, value),
    }
}

/// The value of an optional field the file leaves out, as `#[serde(default)]` reads it.
fn default_of(ty: &Ty) -> &'static str {
    match ty {
        Ty::Bool => "false",
        Ty::U32 | Ty::U64 => "0",
        Ty::Opt(_) => "None",
        Ty::List(_) | Ty::Map(_) => "B(&[])",
        Ty::Str | Ty::Date | Ty::Struct(_) | Ty::Enum(_) => {
            panic!("a rules file lacks a required field")
        }
    }
}

fn unexpected<T>(at: &str, value: &Value) -> T {
    panic!("rules: {at} has an unexpected value {value}")
}

/// Fields that only document the rules (citations, notes, evidence): the native build (where the
/// tests check them against the file) carries them; the wasm's types do not have them.
const DOCUMENTATION: [&str; 4] = ["sources", "note", "meaning", "evidence"];

fn for_wasm() -> bool {
    env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32")
}

fn emit_struct(code: &mut String, shape: &Struct, object: &Map<String, Value>, at: &str) {
    if let Some(unknown) = object
        .keys()
        .find(|key| shape.fields.iter().all(|f| f.json != *key))
    {
        panic!("rules: {at} has an unknown field {unknown:?}");
    }
    code.push_str(shape.name);
    code.push_str(" {");
    for field in shape.fields {
        // The wasm's rules types have no documentation fields at all.
        if DOCUMENTATION.contains(&field.json) && for_wasm() {
            if field.required && !object.contains_key(field.json) {
                panic!("rules: {at} lacks {:?}", field.json);
            }
            continue;
        }
        code.push_str(field.rust);
        code.push_str(": ");
        match object.get(field.json) {
            Some(value) => emit(code, &field.ty, value, &format!("{at}.{}", field.json)),
            None if field.required => panic!("rules: {at} lacks {:?}", field.json),
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
