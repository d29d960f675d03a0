//! The TSV/CSV reader never panics, with tabs or commas, with a header or given columns.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tm::formats::tsv::{Column, read};
use tm::formats::{Item, input};

fuzz_target!(|data: &[u8]| {
    let Some((&mode, bytes)) = data.split_first() else { return };
    let delimiter = if mode & 1 == 0 { b'\t' } else { b',' };
    let columns = [Column::Lang("ru".into()), Column::Lang("en".into()), Column::Note];
    let given = (mode & 2 == 2).then_some(&columns[..]);
    let Ok(stream) = input::from_reader(Box::new(std::io::Cursor::new(bytes.to_vec()))) else { return };
    let _ = read(stream, delimiter, given, &mut |item| {
        if let Item::Unit(unit) = item {
            assert!(unit.variants.len() >= 2);
        }
        Ok(())
    });
});
