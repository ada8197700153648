//! The fuzz campaign over the inputs to the core: bounded property-based fuzzing of everything
//! the core reads from outside, on stable Rust with proptest.
//!
//! Five targets, one test each:
//! - [`report`]: sequences of content-script reports on every service's pages (any URL, any
//!   controls, any clocks, intents, echoed or forged flows, prerequisites' counts and presses,
//!   fresh loads) through `decide::decide`, the record carried between calls, judged by
//!   [`promises`];
//! - [`record`]: stored values (any JSON, and mutated valid records) through `state::stored::load`;
//! - [`region`]: countries, time zones (every zone in `rules/zones.tsv`, and junk) and clocks (to
//!   `u64::MAX`) through the region rules, `view::popup::view` and `view::badge::badge`;
//! - [`text`]: arbitrary Unicode through the `read::text` matcher;
//! - [`ahead`]: any record, clock, zone and URL through `decide::ahead`, against the core's own
//!   answer on the page.
//!
//! Each target's properties are checked against oracles written in the tests (from the rules and
//! zone files read as plain data), not against the core's own helpers, as far as is reasonable.
//!
//! Bounded by two variables: `PROPTEST_CASES`, the cases per target (default: a few hundred, so
//! `cargo test` stays fast), and `NOTRAIN_FUZZ_SECONDS`, a time limit per target (default none).
//! `cargo xtask test --only fuzz` sets both and runs with `--nocapture`: each target prints the
//! cases it executed. A failure prints the shrunk input; proptest picks a new seed every run.
#![cfg(not(target_arch = "wasm32"))]

mod ahead;
mod inputs;
mod oracle;
mod promises;
mod record;
mod region;
mod report;
mod sequences;
mod services;
mod text;
mod urls;

use proptest::strategy::Strategy;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use std::fmt::Debug;
use std::time::{Duration, Instant};

/// Cases run per proptest runner before the time limit is looked at again.
const BATCH: u32 = 200;

/// What one case did, for the summary line.
#[derive(Default, Clone, Copy)]
pub struct Tally {
    /// Calls into the core (a report sequence makes several).
    pub calls: u64,
    /// How often each outcome the target counts was reached (see each target's labels).
    pub hits: [u64; 3],
}

/// Runs `check` over `strategy` for the configured number of cases or until the time limit,
/// panicking with the shrunk input on the first failure, and prints how much was executed.
pub fn campaign<S>(
    target: &str,
    default_cases: u32,
    hit_labels: [&str; 3],
    strategy: S,
    check: impl Fn(S::Value) -> Result<Tally, TestCaseError>,
) where
    S: Strategy,
    S::Value: Debug,
{
    let total = env_number("PROPTEST_CASES")
        .map_or(default_cases, |n| u32::try_from(n).unwrap_or(u32::MAX));
    let limit = env_number("NOTRAIN_FUZZ_SECONDS").map(Duration::from_secs);
    let started = Instant::now();
    let (cases, calls) = (Counter::default(), Counter::default());
    let hits: [Counter; 3] = Default::default();
    let mut planned = 0;
    while planned < total && limit.is_none_or(|limit| started.elapsed() < limit) {
        let batch = BATCH.min(total - planned);
        planned += batch;
        let config = Config {
            cases: batch,
            failure_persistence: None,
            ..Config::default()
        };
        let outcome = TestRunner::new(config).run(&strategy, |value| {
            let tally = check(value)?;
            cases.add(1);
            calls.add(tally.calls);
            for (hit, n) in hits.iter().zip(tally.hits) {
                hit.add(n);
            }
            Ok(())
        });
        if let Err(error) = outcome {
            panic!("fuzz target {target} failed: {error}");
        }
    }
    let reached: Vec<String> = hits
        .iter()
        .zip(hit_labels)
        .filter(|(_, label)| !label.is_empty())
        .map(|(hit, label)| format!(", {} {label}", hit.get()))
        .collect();
    println!(
        "fuzz {target}: {} cases, {} core calls{}, in {:.1} s",
        cases.get(),
        calls.get(),
        reached.concat(),
        started.elapsed().as_secs_f64()
    );
}

/// A counter the runner's closure can bump (it is `Fn`).
#[derive(Default)]
struct Counter(std::cell::Cell<u64>);

impl Counter {
    fn add(&self, n: u64) {
        self.0.set(self.0.get().saturating_add(n));
    }

    fn get(&self) -> u64 {
        self.0.get()
    }
}

fn env_number(name: &str) -> Option<u64> {
    let value = std::env::var(name).ok()?;
    match value.trim().parse() {
        Ok(n) => Some(n),
        Err(_) => panic!("{name}={value:?} is not a whole number"),
    }
}
