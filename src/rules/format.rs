// The rules format this core reads; `include!`d by `src/rules/mod.rs` and `build.rs`.
pub const SUPPORTED_FORMAT: u32 = 4;
