//! A minimal, deterministic zip writer (stored entries, fixed timestamps) for the store packages
//! and the source archive, and the reader of what it writes, so packaging needs no extra tool or
//! crate.

use std::fs;
use std::path::{Path, PathBuf};

/// 1980-01-01 00:00 in DOS date/time form: the same bytes on every build.
const DOS_DATE: u16 = (1 << 5) | 1;
const DOS_TIME: u16 = 0;

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
    let mut archive = Vec::new();
    let mut central = Vec::new();
    for name in names {
        let file = base.join(name);
        let data = fs::read(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        let offset = archive.len() as u32;
        let crc = crc32(&data);
        let size = data.len() as u32;
        archive.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        entry_fields(&mut archive, crc, size, name.len());
        archive.extend_from_slice(&[0, 0]); // extra field length
        archive.extend_from_slice(name.as_bytes());
        archive.extend_from_slice(&data);

        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes()); // made by
        entry_fields(&mut central, crc, size, name.len());
        central.extend_from_slice(&[0; 8]); // extra, comment, disk, internal attributes
        central.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let central_offset = archive.len() as u32;
    let count = names.len() as u16;
    archive.extend_from_slice(&central);
    archive.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    archive.extend_from_slice(&[0; 4]); // disk numbers
    archive.extend_from_slice(&count.to_le_bytes());
    archive.extend_from_slice(&count.to_le_bytes());
    archive.extend_from_slice(&(central.len() as u32).to_le_bytes());
    archive.extend_from_slice(&central_offset.to_le_bytes());
    archive.extend_from_slice(&[0, 0]); // comment length
    fs::write(out, archive).map_err(|e| format!("cannot write {}: {e}", out.display()))
}

/// Extracts a zip that `write_files` wrote (stored entries only) into `into`, checking each CRC.
pub fn extract(zip: &Path, into: &Path) -> Result<usize, String> {
    let bytes = fs::read(zip).map_err(|e| format!("cannot read {}: {e}", zip.display()))?;
    let broken = || format!("{}: not a zip this tool wrote", zip.display());
    let u16_at = |at: usize| -> Option<usize> {
        Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?).into())
    };
    let u32_at = |at: usize| -> Option<u32> {
        Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
    };
    let (mut at, mut count) = (0, 0);
    while u32_at(at) == Some(0x0403_4b50) {
        let method = u16_at(at + 8).ok_or_else(broken)?;
        let crc = u32_at(at + 14).ok_or_else(broken)?;
        let size = u32_at(at + 18).ok_or_else(broken)? as usize;
        let name_len = u16_at(at + 26).ok_or_else(broken)?;
        let start = at + 30 + name_len + u16_at(at + 28).ok_or_else(broken)?;
        let name = bytes.get(at + 30..at + 30 + name_len).ok_or_else(broken)?;
        let name = String::from_utf8_lossy(name).into_owned();
        let data = bytes.get(start..start + size).ok_or_else(broken)?;
        if method != 0 || crc32(data) != crc || name.split('/').any(|part| part == "..") {
            return Err(format!("{}: bad entry {name}", zip.display()));
        }
        let path = into.join(&name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        fs::write(&path, data).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        (at, count) = (start + size, count + 1);
    }
    Ok(count)
}

/// The fields shared by local and central headers, from "version needed" to "name length".
fn entry_fields(out: &mut Vec<u8>, crc: u32, size: u32, name_len: usize) {
    out.extend_from_slice(&20u16.to_le_bytes()); // version needed
    out.extend_from_slice(&0u16.to_le_bytes()); // flags
    out.extend_from_slice(&0u16.to_le_bytes()); // method: stored
    out.extend_from_slice(&DOS_TIME.to_le_bytes());
    out.extend_from_slice(&DOS_DATE.to_le_bytes());
    out.extend_from_slice(&crc.to_le_bytes());
    out.extend_from_slice(&size.to_le_bytes());
    out.extend_from_slice(&size.to_le_bytes());
    out.extend_from_slice(&(name_len as u16).to_le_bytes());
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

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}
