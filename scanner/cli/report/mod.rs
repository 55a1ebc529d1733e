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
    let mut s = serde_json::to_string_pretty(&shell).expect("the inventory serialises");
    for (key, items) in [
        ("servers", array(&inv.servers)),
        ("configs", array(&inv.configs)),
        ("findings", array(&inv.findings)),
    ] {
        let Some(items) = items else { continue };
        // the top-level key is the only one indented by two spaces
        let empty = format!("\n  \"{key}\": []");
        let at = s.find(&empty).expect("the shell has every array");
        let filled = format!("\n  \"{key}\": [\n{items}\n  ]");
        s.replace_range(at..at + empty.len(), &filled);
    }
    s.push('\n');
    // every test that renders JSON checks the splice against the plain rendering
    debug_assert_eq!(
        s,
        serde_json::to_string_pretty(inv).expect("the inventory serialises") + "\n",
        "the shell's fields follow Inventory's"
    );
    s
}

/// The elements of a top-level array as `to_string_pretty` writes them inside the inventory
/// (indented by four spaces, comma-separated); `None` when there are none.
fn array<T: Serialize + Sync>(items: &[T]) -> Option<String> {
    if items.is_empty() {
        return None;
    }
    let parts: Vec<String> = items
        .par_iter()
        .map(|x| {
            let one = serde_json::to_string_pretty(x).expect("the inventory serialises");
            // JSON strings hold no raw newline: every line break is the formatter's
            format!("    {}", one.replace('\n', "\n    "))
        })
        .collect();
    Some(parts.join(",\n"))
}

/// The published JSON Schema of the inventory (kept equal to the model types by a test).
pub fn schema() -> &'static str {
    include_str!("../../../schema/inventory.schema.json")
}
