//! The store packages and the source archive as deterministic zips (the `zip` crate: deflated
//! entries, in a fixed order, with a fixed timestamp and fixed permissions, so the same files
//! always give the same bytes), and reading the source archive back.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

/// Every entry's options: deflate at its default level, 1980-01-01 00:00 (the zip format's
/// earliest date) and `rw-r--r--`, whatever the files on disk say.
fn entry_options() -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644)
}

/// Writes every file under `folder` (paths relative to it, sorted) into a zip at `out`.
pub fn write_folder(folder: &Path, out: &Path) -> Result<(), String> {
    let mut files = Vec::new();
    collect_files(folder, &mut files)?;
    files.sort();
    let names = files
        .iter()
        .map(|file| {
            let relative = file.strip_prefix(folder).map_err(|e| e.to_string())?;
            Ok(relative.to_string_lossy().replace('\\', "/"))
        })
        .collect::<Result<Vec<_>, String>>()?;
    write_files(folder, &names, out)
}

/// Writes the files `names` (relative to `base`, `/`-separated) into a zip at `out`, in that order.
pub fn write_files(base: &Path, names: &[String], out: &Path) -> Result<(), String> {
    let failed = |e: zip::result::ZipError| format!("cannot write {}: {e}", out.display());
    let file = File::create(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let mut writer = ZipWriter::new(file);
    for name in names {
        let path = base.join(name);
        let data = fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        writer
            .start_file(name.as_str(), entry_options())
            .map_err(failed)?;
        std::io::Write::write_all(&mut writer, &data)
            .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    }
    writer.finish().map_err(failed)?;
    Ok(())
}

/// Extracts the zip at `path` into `into` (the crate refuses entries that would land outside it and
/// checks each CRC) and returns how many entries it held.
pub fn extract(path: &Path, into: &Path) -> Result<usize, String> {
    let broken = |e: zip::result::ZipError| format!("{}: {e}", path.display());
    let file = File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut archive = ZipArchive::new(file).map_err(broken)?;
    archive.extract(into).map_err(broken)?;
    Ok(archive.len())
}

/// Every regular file below `dir`, recursively.
pub fn collect_files(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            collect_files(&path, files)?;
        } else {
            files.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{extract, write_folder};
    use std::fs;
    use std::os::unix::fs::PermissionsExt;
    use std::path::Path;
    use std::time::{Duration, SystemTime};
    use zip::{CompressionMethod, DateTime, ZipArchive};

    fn fill(folder: &Path, mode: u32, modified: SystemTime) {
        for (name, text) in [("b.txt", "bee"), ("a/z.js", "zed"), ("a/b/c.json", "{}")] {
            let path = folder.join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, text).unwrap();
            fs::set_permissions(&path, fs::Permissions::from_mode(mode)).unwrap();
            fs::File::options()
                .write(true)
                .open(&path)
                .unwrap()
                .set_modified(modified)
                .unwrap();
        }
    }

    /// The same files, with other timestamps and permissions and created in another order, give
    /// the same zip bytes; and the zip reads back to the same files.
    #[test]
    fn same_files_same_bytes() {
        let scratch = std::env::temp_dir().join(format!("xtask-zip-{}", std::process::id()));
        let _ = fs::remove_dir_all(&scratch);
        let (one, two) = (scratch.join("one"), scratch.join("two"));
        fill(
            &one,
            0o644,
            SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000),
        );
        fill(&two, 0o755, SystemTime::now());
        write_folder(&one, &scratch.join("one.zip")).unwrap();
        write_folder(&two, &scratch.join("two.zip")).unwrap();
        let bytes = fs::read(scratch.join("one.zip")).unwrap();
        assert_eq!(bytes, fs::read(scratch.join("two.zip")).unwrap());

        let mut archive =
            ZipArchive::new(fs::File::open(scratch.join("two.zip")).unwrap()).unwrap();
        assert_eq!(
            archive.file_names().collect::<Vec<_>>(),
            ["a/b/c.json", "a/z.js", "b.txt"]
        );
        for index in 0..archive.len() {
            let entry = archive.by_index(index).unwrap();
            assert_eq!(entry.last_modified(), Some(DateTime::default()));
            assert_eq!(entry.unix_mode(), Some(0o100644));
            assert_eq!(entry.compression(), CompressionMethod::Deflated);
        }

        assert_eq!(
            extract(&scratch.join("one.zip"), &scratch.join("back")).unwrap(),
            3
        );
        let back = fs::read_to_string(scratch.join("back/a/b/c.json")).unwrap();
        assert_eq!(back, "{}");
        fs::remove_dir_all(&scratch).unwrap();
    }
}
