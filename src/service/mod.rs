//! What a service is, as its rules file says: its hosts, its pages and settings, its sign-in and
//! never-act paths; and the classification of a URL among them ([`page`]). No service or setting
//! is named in code: everything here reads the compiled-in rules.

pub mod page;

use crate::rules::{rules, Access, ServiceRules, Setting, Step};

/// Every service NoTrain knows, in the rules' order.
pub fn services() -> &'static [ServiceRules] {
    &rules().services
}

/// The service the toolbar badge, the popup and the review of settings are about: the first whose
/// hosts the extension has from its install (`access: required`), else the first in the rules
/// (`build.rs` refuses rules without a service).
pub fn main_service() -> &'static ServiceRules {
    let required = services()
        .iter()
        .find(|rules| rules.service.access == Access::Required);
    required.unwrap_or(&services()[0])
}

/// The service whose readings a record from before version 3 holds (its rules say
/// `earlierRecord`), if any.
pub fn earlier_record_service() -> Option<&'static ServiceRules> {
    services().iter().find(|rules| rules.service.earlier_record)
}

/// The service with this id.
pub fn service(id: &str) -> Option<&'static ServiceRules> {
    services().iter().find(|rules| rules.service.id == id)
}

/// The service whose host `host` is (ASCII case ignored).
pub fn service_of_host(host: &str) -> Option<&'static ServiceRules> {
    services().iter().find(|rules| {
        rules
            .service
            .hosts
            .iter()
            .any(|known| known.eq_ignore_ascii_case(host))
    })
}

impl ServiceRules {
    /// The setting NoTrain watches on every page of the service (`primarySetting`; `build.rs`
    /// refuses a file that does not define it).
    pub fn primary(&self) -> &Setting {
        self.setting(&self.service.primary_setting)
            .unwrap_or(&self.settings[0])
    }

    /// The setting with this id.
    pub fn setting(&self, id: &str) -> Option<&Setting> {
        self.settings.iter().find(|setting| setting.id == id)
    }

    /// The URL of `path` on the service's first host.
    pub fn url(&self, path: &str) -> String {
        let host = self.service.hosts.first().map_or("", |host| host);
        format!("https://{host}{path}")
    }

    /// The page where `setting` is switched: the path its `open` step names, else its first path.
    pub fn setting_url(&self, setting: &Setting) -> String {
        let opened = setting.steps.iter().find_map(|step| match step {
            Step::Open(path) => Some(path.as_ref()),
            _ => None,
        });
        let path = opened.or(setting.paths.first().map(|path| path.as_ref()));
        self.url(path.unwrap_or_default())
    }
}
