//! Running commands and finding the repository, with failures that say what failed.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The repository root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or(manifest_dir)
}

/// Runs `command` (in the repository root unless it names a folder), echoing it, and fails if it
/// fails.
pub fn run(command: &mut Command) -> Result<(), String> {
    if command.get_current_dir().is_none() {
        command.current_dir(root());
    }
    let shown = format!("{command:?}").replace('"', "");
    eprintln!("$ {shown}");
    let started = Instant::now();
    let status = command
        .status()
        .map_err(|error| format!("cannot start `{shown}`: {error}"))?;
    if status.success() {
        eprintln!("  ({:.1} s)", started.elapsed().as_secs_f64());
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status})"))
    }
}

/// Runs `commands` at the same time, each one's output into `logs/<name>.log` (shown once all
/// have ended, one after the other), and fails if any failed, naming those; returns each one's
/// seconds.
pub fn side_by_side(commands: Vec<(&str, Command)>, logs: &Path) -> Result<Vec<f64>, String> {
    fs::create_dir_all(logs).map_err(|e| format!("cannot make {}: {e}", logs.display()))?;
    let started = Instant::now();
    let mut running = Vec::new();
    for (name, mut command) in commands {
        if command.get_current_dir().is_none() {
            command.current_dir(root());
        }
        let path = logs.join(format!("{name}.log"));
        let log =
            File::create(&path).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        let err = log.try_clone().map_err(|e| e.to_string())?;
        eprintln!(
            "$ {} > {}",
            format!("{command:?}").replace('"', ""),
            path.display()
        );
        let child = command.stdout(log).stderr(err).spawn();
        running.push((
            name,
            path,
            child.map_err(|e| format!("cannot start {name}: {e}"))?,
        ));
    }
    let mut failed = Vec::new();
    let mut seconds = Vec::new();
    for (name, path, mut child) in running {
        let status = child.wait().map_err(|e| format!("{name}: {e}"))?;
        seconds.push(started.elapsed().as_secs_f64());
        eprintln!("== output of {name} ({status})");
        eprintln!("{}", fs::read_to_string(&path).unwrap_or_default());
        if !status.success() {
            failed.push(name);
        }
    }
    match failed.is_empty() {
        true => Ok(seconds),
        false => Err(format!("failed: {}", failed.join(", "))),
    }
}

/// Runs `command` and returns its standard output, or `None` if it cannot run or fails.
pub fn output(command: &mut Command) -> Option<String> {
    let out = command.current_dir(root()).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A `Command` for `program` with `args`.
pub fn cmd<I, S>(program: impl AsRef<std::ffi::OsStr>, args: I) -> Command
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let mut command = Command::new(program);
    command.args(args);
    command
}
