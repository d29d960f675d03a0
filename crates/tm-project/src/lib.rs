//! A `tm` project: its `tm.toml`, its root, the glossaries and the memory in force and how its
//! files pair up.

pub mod config;
