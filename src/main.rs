//! The `tm` binary: parses arguments, calls the library, renders, and maps the outcome to an
//! exit code — 0 clean, 1 findings, 2 usage, input or tool error. A closed stdout pipe
//! (`tm segment big.txt | head`) is not an error and exits 0 quietly.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
