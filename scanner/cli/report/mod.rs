//! Renderers: everything is rendered from the inventory, already sorted, so the same input
//! gives byte-identical output.

pub mod configs;
pub mod matrix;
pub mod sarif;
pub mod text;

use mcpsweep_model::{Config, Coverage, Finding, Inventory, Root, ScannerInfo, Server};
use rayon::prelude::*;
use serde::Serialize;

/// The inventory as pretty JSON: exactly `serde_json::to_string_pretty(inv)` and a newline,
/// with the long arrays (servers, configs, findings) rendered element by element side by side
/// and spliced into the rest.
pub fn json(inv: &Inventory) -> String {
    /// `Inventory`'s fields in its order, the long arrays left empty.
    #[derive(Serialize)]
    struct Shell<'a> {
        schema_version: &'a str,
        scanner: &'a ScannerInfo,
        roots: &'a [Root],
        servers: &'a [Server],
        configs: &'a [Config],
        findings: &'a [Finding],
        coverage: &'a Coverage,
    }
    let shell = Shell {
        schema_version: &inv.schema_version,
        scanner: &inv.scanner,
        roots: &inv.roots,
        servers: &[],
        configs: &[],
        findings: &[],
        coverage: &inv.coverage,
    };
    let shell = serde_json::to_string_pretty(&shell).expect("the inventory serialises");
    let arrays: Vec<(&str, Vec<Vec<u8>>)> = vec![
        ("servers", array(&inv.servers)),
        ("configs", array(&inv.configs)),
        ("findings", array(&inv.findings)),
    ];
    // the output is written once: the shell's pieces with the elements in place of the empty
    // arrays (the top-level keys are the only ones indented by two spaces)
    let size = shell.len()
        + 1
        + arrays
            .iter()
            .map(|(_, items)| items.iter().map(|i| i.len() + 2).sum::<usize>() + 8)
            .sum::<usize>();
    let mut out: Vec<u8> = Vec::with_capacity(size);
    let mut rest = shell.as_str();
    for (key, items) in &arrays {
        if items.is_empty() {
            continue;
        }
        let empty = format!("\n  \"{key}\": []");
        let at = rest.find(&empty).expect("the shell has every array");
        out.extend_from_slice(&rest.as_bytes()[..at]);
        out.extend_from_slice(format!("\n  \"{key}\": [\n").as_bytes());
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.extend_from_slice(b",\n");
            }
            out.extend_from_slice(item);
        }
        out.extend_from_slice(b"\n  ]");
        rest = &rest[at + empty.len()..];
    }
    out.extend_from_slice(rest.as_bytes());
    out.push(b'\n');
    let s = String::from_utf8(out).expect("serde_json writes UTF-8");
    // every test that renders JSON checks the splice against the plain rendering
    debug_assert_eq!(
        s,
        serde_json::to_string_pretty(inv).expect("the inventory serialises") + "\n",
        "the shell's fields follow Inventory's"
    );
    s
}

/// The elements of a top-level array as `to_string_pretty` writes them inside the inventory
/// (indented by four spaces), rendered side by side.
fn array<T: Serialize + Sync>(items: &[T]) -> Vec<Vec<u8>> {
    items
        .par_iter()
        .map(|x| {
            let mut one = b"    ".to_vec();
            let mut ser = serde_json::Serializer::pretty(Indented(&mut one));
            x.serialize(&mut ser).expect("the inventory serialises");
            one
        })
        .collect()
}

/// Indents by four spaces every line after the first of what is written to it: JSON strings
/// hold no raw newline, so every line break is the pretty formatter's.
struct Indented<'a>(&'a mut Vec<u8>);

impl std::io::Write for Indented<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut rest = buf;
        while let Some(i) = memchr::memchr(b'\n', rest) {
            self.0.extend_from_slice(&rest[..=i]);
            self.0.extend_from_slice(b"    ");
            rest = &rest[i + 1..];
        }
        self.0.extend_from_slice(rest);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The published JSON Schema of the inventory (kept equal to the model types by a test).
pub fn schema() -> &'static str {
    include_str!("../../../schema/inventory.schema.json")
}
