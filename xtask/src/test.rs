pub fn all(_args: &[String]) -> Result<(), String> { Ok(()) }
