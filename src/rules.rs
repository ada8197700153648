//! The rules file (`rules/linkedin.json`): where each setting lives and how to recognise its toggle.
//!
//! Rules are data, compiled into the core. A file whose `format` is newer than this core understands
//! is refused rather than misread.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The newest rules-file format this core can read.
pub const SUPPORTED_FORMAT: u32 = 1;

const RULES_JSON: &str = include_str!("../rules/linkedin.json");

/// The whole rules file.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Rules {
    pub format: u32,
    pub revision: String,
    pub site: Site,
    pub settings: Vec<Setting>,
}

/// Facts about the site as a whole.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Site {
    /// The only host NoTrain works on.
    pub host: String,
    /// Path prefixes of sign-in pages and the authwall (shown to signed-out visitors).
    pub sign_in_paths: Vec<String>,
    /// Path prefixes where NoTrain must never act (closing or hibernating the account).
    pub never_act_paths: Vec<String>,
}

/// One LinkedIn setting NoTrain knows how to find.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Setting {
    /// Stable id used in storage and messages.
    pub id: String,
    /// Paths of the page that holds the setting (desktop and mobile web).
    pub paths: Vec<String>,
    /// The id the toggle's `aria-labelledby` names: the most stable hook known.
    pub hook: String,
    /// Toggle labels per language (fallback locator).
    #[serde(default)]
    pub labels: BTreeMap<String, Vec<String>>,
    /// The setting's name per language (page heading; fallback locator).
    #[serde(default)]
    pub names: BTreeMap<String, Vec<String>>,
    /// Where the facts above come from.
    pub sources: Vec<String>,
}

/// Parses rules text, refusing a format this core does not know.
pub fn parse(text: &str) -> Result<Rules, String> {
    #[derive(Deserialize)]
    struct FormatOnly {
        format: u32,
    }
    let header: FormatOnly = serde_json::from_str(text).map_err(|e| e.to_string())?;
    if header.format > SUPPORTED_FORMAT {
        return Err(format!(
            "rules format {} is newer than this core ({SUPPORTED_FORMAT})",
            header.format
        ));
    }
    serde_json::from_str(text).map_err(|e| e.to_string())
}

/// The rules compiled into this core. The file is part of the build and checked by tests, so a
/// failure here is a build defect, not bad input.
pub fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| parse(RULES_JSON).expect("rules/linkedin.json is checked by tests"))
}

/// The AI-training setting, the one NoTrain acts on by default.
pub fn ai_setting() -> &'static Setting {
    rules()
        .settings
        .iter()
        .find(|setting| setting.id == AI_SETTING_ID)
        .expect("rules/linkedin.json defines the AI setting; checked by tests")
}

/// Id of the AI-training setting in the rules file.
pub const AI_SETTING_ID: &str = "ai-training";

/// The desktop URL of the AI setting page.
pub fn setting_url() -> String {
    let path = ai_setting().paths.first().map_or("", String::as_str);
    format!("https://{}{}", rules().site.host, path)
}
