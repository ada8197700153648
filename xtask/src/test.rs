//! `cargo xtask test`: everything CI checks, in order, stopping at the first failure.
//!
//! fmt; tidy (the housekeeping rules, see `tidy`); clippy for the host and for wasm32 with
//! `-D warnings`; native tests; the fuzz campaign (`tests/fuzz`, bounded in time); the wasm-bindgen
//! boundary tests in headless Chromium and Firefox; Mozilla's linter; the static no-network check of
//! the built extension (`tests/offline`: no network API, remote import or remote URL beyond the
//! core's loaders of the packaged wasm); the core rebuilt byte for byte from the source archive;
//! then, side by side, the built extension end to end in both browsers (the accessibility checks
//! included; two worker processes each) and a short run of the benchmark (every measurement once,
//! figures printed, never judged: it fails only when the benchmark itself breaks); the store
//! listings and the store images that run took (`store`); last the size
//! budgets of the built extension (last, so that a size over budget does not hide what the other
//! steps say). Missing tools are installed first (see `tools`). Each step's time is printed at
//! the end.

use crate::run::{cmd, root, run, side_by_side};
use crate::{bench, dist, reproducible, store, tidy, tools};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const STEPS: [&str; 15] = [
    "fmt",
    "tidy",
    "clippy",
    "native",
    "fuzz",
    "wasm-chromium",
    "wasm-firefox",
    "lint-firefox",
    "offline",
    "reproducible",
    "e2e-chromium",
    "e2e-firefox",
    "bench",
    "store",
    "sizes",
];
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The fuzz campaign's bounds: cases per target (more than any target reaches in time), and
/// seconds per target. Five timed targets (one fast) on two cores: about 45 s after the build.
const FUZZ_CASES: &str = "10000000";
/// Worker processes per browser's end-to-end suite (`pytest-xdist`): the tests mostly wait on
/// pages, so two per browser, both browsers at once, keep two cores busy without starving them.
const E2E_WORKERS: u32 = 2;
const FUZZ_SECONDS_PER_TARGET: &str = "16";

/// Runs the steps named by `--only` (default: all).
pub fn all(args: &[String]) -> Result<(), String> {
    let steps = selected_steps(args)?;
    let started = Instant::now();
    let needs_browsers = steps
        .iter()
        .any(|s| s.starts_with("wasm-") || s.starts_with("e2e-") || *s == "bench");
    let needs_e2e = steps.iter().any(|s| {
        s.starts_with("e2e-")
            || ["lint-firefox", "offline", "reproducible", "bench", "sizes"].contains(s)
    });
    tools::wasm_target()?;
    let geckodriver = if needs_browsers {
        tools::browsers()?;
        Some(tools::geckodriver()?)
    } else {
        None
    };
    let wasm_bindgen = tools::wasm_bindgen()?;
    let runner = wasm_bindgen.with_file_name("wasm-bindgen-test-runner");
    let dist = if needs_e2e {
        Some(dist::build()?)
    } else {
        None
    };
    let needs_probe = steps.iter().any(|s| s.starts_with("e2e-"));
    let probe = if needs_probe {
        Some(dist::build_probe()?)
    } else {
        None
    };
    let mut times = Vec::new();
    // Both browsers' end-to-end suites run side by side (each with its own fixture servers and
    // browsers): they wait on pages far more than they compute.
    let both_e2e = steps.contains(&"e2e-chromium") && steps.contains(&"e2e-firefox");
    // The benchmark's short run goes beside them too (its figures are never judged).
    let bench_beside = both_e2e && steps.contains(&"bench");
    for step in &steps {
        if (*step == "e2e-firefox" && both_e2e) || (*step == "bench" && bench_beside) {
            continue; // ran beside e2e-chromium
        }
        eprintln!("== {step}");
        let step_started = Instant::now();
        match *step {
            "e2e-chromium" if both_e2e => {
                let dist = required(&dist)?;
                let probe = required(&probe)?;
                let mut suites = vec![
                    (
                        "e2e-chromium",
                        e2e_command("chromium", dist, probe, &geckodriver)?,
                    ),
                    (
                        "e2e-firefox",
                        e2e_command("firefox", dist, probe, &geckodriver)?,
                    ),
                ];
                if bench_beside {
                    suites.push(("bench", bench::smoke_command(dist)?));
                }
                let names: Vec<&str> = suites.iter().map(|(name, _)| *name).collect();
                let seconds = side_by_side(suites, &root().join("target/e2e"))?;
                for (name, seconds) in names.iter().zip(seconds) {
                    eprintln!("  {name} ended after {seconds:.0} s");
                }
            }
            "fmt" => run(&mut cmd("cargo", ["fmt", "--all", "--", "--check"]))?,
            "tidy" => tidy::run()?,
            "store" => store::check_step()?,
            "clippy" => clippy()?,
            "native" => run(&mut cmd("cargo", ["test", "--workspace"]))?,
            "fuzz" => fuzz()?,
            "wasm-chromium" => wasm_tests(&runner, "CHROMEDRIVER", Path::new(CHROMEDRIVER))?,
            "wasm-firefox" => wasm_tests(&runner, "GECKODRIVER", required(&geckodriver)?)?,
            "lint-firefox" => lint_firefox(required(&dist)?)?,
            "offline" => python_tests("tests/offline", required(&dist)?)?,
            "reproducible" => reproducible::check(required(&dist)?)?,
            "e2e-chromium" | "e2e-firefox" => {
                let browser = step.trim_start_matches("e2e-");
                run(&mut e2e_command(
                    browser,
                    required(&dist)?,
                    required(&probe)?,
                    &geckodriver,
                )?)?
            }
            "bench" => run(&mut bench::smoke_command(required(&dist)?)?)?,
            "sizes" => python_tests("tests/budget", required(&dist)?)?,
            _ => unreachable!("steps are checked in selected_steps"),
        }
        let name = match *step {
            "e2e-chromium" if bench_beside => "e2e+bench",
            "e2e-chromium" if both_e2e => "e2e (both)",
            _ => step,
        };
        times.push((name, step_started.elapsed().as_secs_f64()));
    }
    for (step, seconds) in &times {
        eprintln!("  {step:<14} {seconds:>7.0} s");
    }
    eprintln!(
        "all {} steps passed in {:.0} s",
        steps.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn selected_steps(args: &[String]) -> Result<Vec<&'static str>, String> {
    let mut iter = args.iter();
    let mut only: Option<Vec<String>> = None;
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--only" => {
                let list = iter.next().ok_or("--only needs a list of steps")?;
                only = Some(list.split(',').map(str::to_owned).collect());
            }
            other => return Err(format!("unknown argument {other}\n{}", crate::usage())),
        }
    }
    let Some(only) = only else {
        return Ok(STEPS.to_vec());
    };
    if let Some(unknown) = only.iter().find(|s| !STEPS.contains(&s.as_str())) {
        return Err(format!("unknown step {unknown}\n{}", crate::usage()));
    }
    Ok(STEPS
        .iter()
        .copied()
        .filter(|s| only.iter().any(|o| o == s))
        .collect())
}

fn required<T>(value: &Option<T>) -> Result<&T, String> {
    value
        .as_ref()
        .ok_or_else(|| "internal: tool not prepared".to_owned())
}

fn clippy() -> Result<(), String> {
    run(&mut cmd(
        "cargo",
        [
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    ))?;
    run(&mut cmd(
        "cargo",
        [
            "clippy",
            "--package",
            "notrain",
            "--lib",
            "--tests",
            "--target",
            "wasm32-unknown-unknown",
            "--features",
            "panic-probe",
            "--",
            "-D",
            "warnings",
        ],
    ))
}

/// The fuzz campaign (`tests/fuzz`) with many more cases, optimised (`profile.fuzz` keeps overflow
/// checks), each target bounded in time; each target prints the cases it executed.
fn fuzz() -> Result<(), String> {
    let mut command = cmd(
        "cargo",
        [
            "test",
            "--profile",
            "fuzz",
            "--package",
            "notrain",
            "--test",
            "fuzz",
            "--",
            "--nocapture",
        ],
    );
    command
        .env("PROPTEST_CASES", FUZZ_CASES)
        .env("NOTRAIN_FUZZ_SECONDS", FUZZ_SECONDS_PER_TARGET);
    run(&mut command)
}

/// The wasm-bindgen tests in one headless browser (only one driver variable set per run).
fn wasm_tests(runner: &Path, driver_var: &str, driver: &Path) -> Result<(), String> {
    let mut command = cmd(
        "cargo",
        [
            "test",
            "--package",
            "notrain",
            "--target",
            "wasm32-unknown-unknown",
            "--test",
            "wasm_boundary",
            "--test",
            "wasm_stored",
        ],
    );
    command
        .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", runner)
        .env_remove("CHROMEDRIVER")
        .env_remove("GECKODRIVER")
        .env(driver_var, driver);
    run(&mut command)
}

/// Mozilla's linter over the Firefox package: no errors and no warnings.
fn lint_firefox(dist: &Path) -> Result<(), String> {
    let web_ext = tools::web_ext()?;
    let mut command = cmd(
        &web_ext,
        [
            "lint",
            "--warnings-as-errors",
            "--output",
            "text",
            "--source-dir",
        ],
    );
    command.arg(dist.join("firefox"));
    run(&mut command)
}

/// The end-to-end tests (pytest + Selenium) in `browser`, with the shipped extension in `dist` and
/// the panic-probe copy in `probe` (see `dist::build_probe`).
fn e2e_command(
    browser: &str,
    dist: &Path,
    probe: &Path,
    geckodriver: &Option<PathBuf>,
) -> Result<Command, String> {
    let geckodriver = required(geckodriver)?;
    let python = tools::python_venv()?;
    let workers = E2E_WORKERS.to_string();
    let mut command = cmd(
        &python,
        ["-m", "pytest", "tests/e2e", "-q", "--browser", browser],
    );
    // Worker processes, each with its own fixture servers and browsers; one file at a time each
    // (a file's tests share their browsers and fixtures).
    command.args(["-n", &workers, "--dist", "loadfile"]);
    // The slowest tests in the log, and every test's time in `target/e2e/<browser>.xml`.
    command.args(["--durations", "15", "--junitxml"]);
    command.arg(root().join(format!("target/e2e/{browser}.xml")));
    e2e_env(&mut command, dist, probe)?;
    command.env("GECKODRIVER", geckodriver);
    Ok(command)
}

/// What an end-to-end test is run with (the suite here, the store images' file in `package`): the
/// shipped extension in `dist`, the panic-probe copy in `probe`, Chromium's driver and axe-core.
pub fn e2e_env(command: &mut Command, dist: &Path, probe: &Path) -> Result<(), String> {
    command
        .env("NOTRAIN_DIST", dist)
        .env("NOTRAIN_PROBE_DIST", probe)
        .env("CHROMEDRIVER", CHROMEDRIVER)
        .env("NOTRAIN_AXE", tools::axe_core()?)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .current_dir(root());
    Ok(())
}

/// The pytest suite in `folder` over the built extension: `tests/offline` (no network, statically)
/// or `tests/budget` (the core's .wasm raw and gzipped, the pages' content scripts).
fn python_tests(folder: &str, dist: &Path) -> Result<(), String> {
    let python = tools::python_venv()?;
    let mut command = cmd(&python, ["-m", "pytest", folder, "-q"]);
    command
        .env("NOTRAIN_DIST", dist)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .current_dir(root());
    run(&mut command)
}
