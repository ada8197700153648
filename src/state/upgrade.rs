//! Records from before version 3, read into version 3's places. They kept one service's readings
//! without naming it (LinkedIn's, the only service then): `aiTraining` its primary setting's,
//! `others` (`{id, seen}`) its other settings', `included` the ids ticked for the review; each
//! other member's entry in `members` had `aiTraining` and `others` too. They are the readings of
//! the service whose rules say `earlierRecord`; without one, nobody owns them (an empty service,
//! which no page matches).
//!
//! The wasm boundary reads an earlier record field by field with [`reading`], [`primary`] and
//! [`tick`]; the native reader ([`crate::state::stored::load`]) takes the fields out of the JSON
//! and moves them with [`upgrade`].

use crate::service::earlier_record_service;
use crate::state::record::{Observation, Observed, Record, SettingKey};
use serde::{Deserialize, Serialize};

/// The id of the service that owns an earlier record's readings, and its primary setting's.
fn owner() -> (&'static str, &'static str) {
    earlier_record_service().map_or(("", ""), |rules| {
        (&rules.service.id, &rules.service.primary_setting)
    })
}

/// An earlier record's reading of setting `id`.
pub fn reading(id: String, seen: Observation) -> Observed {
    Observed {
        service: owner().0.to_owned(),
        setting: id,
        seen,
    }
}

/// An earlier record's reading of the primary setting (its `aiTraining`).
pub fn primary(seen: Observation) -> Observed {
    reading(owner().1.to_owned(), seen)
}

/// An earlier record's tick of setting `id` for the review.
pub fn tick(id: String) -> SettingKey {
    SettingKey {
        service: owner().0.to_owned(),
        setting: id,
    }
}

/// What an earlier record (or one of its members) kept where version 3 keeps other things.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Earlier {
    #[serde(default)]
    pub ai_training: Option<Observation>,
    #[serde(default)]
    pub others: Vec<EarlierReading>,
    #[serde(default)]
    pub included: Vec<String>,
}

/// One reading of `others` in an earlier record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EarlierReading {
    pub id: String,
    pub seen: Observation,
}

impl Earlier {
    /// These readings, as version 3 keeps them.
    fn readings(self) -> impl Iterator<Item = Observed> {
        let others = self.others.into_iter().map(|o| reading(o.id, o.seen));
        others.chain(self.ai_training.map(primary))
    }
}

/// Moves what an earlier record kept (its own, and each other member's, by position in
/// `record.members`) into version 3's places.
pub fn upgrade(record: &mut Record, own: Earlier, members: Vec<Earlier>) {
    record
        .included
        .extend(own.included.iter().cloned().map(tick));
    record.readings.extend(own.readings());
    for (kept, earlier) in record.members.iter_mut().zip(members) {
        kept.readings.extend(earlier.readings());
    }
}
