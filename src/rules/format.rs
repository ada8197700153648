pub const SUPPORTED_FORMAT: u32 = 3;
