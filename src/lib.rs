//! `tm`: translation memory, glossary checks and CI lint for Russian–English press releases.
//!
//! The library does all the work and never prints; the `tm` binary parses arguments, calls
//! it, renders results and maps errors to exit codes.

pub mod align;
pub mod atomic;
pub mod check;
pub mod config;
pub mod formats;
pub mod glossary;
pub mod memory;
pub mod report;
pub mod segment;
pub mod text;
