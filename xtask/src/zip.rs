//! A minimal, deterministic zip writer (stored entries, fixed timestamps) for the store packages,
//! so packaging needs no extra tool or crate.

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
    let mut archive = Vec::new();
    let mut central = Vec::new();
    for file in &files {
        let name = file
            .strip_prefix(folder)
            .map_err(|e| e.to_string())?
            .to_string_lossy()
            .replace('\\', "/");
        let data = fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
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
    let count = files.len() as u16;
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
