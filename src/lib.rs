//! `tm`: translation memory, glossary checks and CI lint for Russian–English press releases.
//!
//! The work is done by the layer crates (see `ARCHITECTURE.md`); this library gathers them
//! under one name for the `tm` binary, the integration tests, the benchmarks and the fuzz
//! targets, at the module paths they have always used. It adds no code of its own.

pub use tm_align as align;
pub use tm_check as check;
pub use tm_check::report;
pub use tm_formats as formats;
pub use tm_formats::atomic;
pub use tm_glossary as glossary;
pub use tm_memory as memory;
pub use tm_memory_postgres as memory_postgres;
pub use tm_memory_sqlite as memory_sqlite;
pub use tm_project as project;
pub use tm_project::config;
pub use tm_text as text;
pub use tm_text::segment;
