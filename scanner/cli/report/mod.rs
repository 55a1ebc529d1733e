//! Renderers: everything is rendered from the inventory, already sorted, so the same input
//! gives byte-identical output.

pub mod configs;
pub mod matrix;
pub mod sarif;
pub mod text;

use mcpsweep_model::{Config, Coverage, Finding, Inventory, Root, ScannerInfo, Server};
use rayon::prelude::*;
use serde::Serialize;

/// A rendered output, written out piece by piece.
pub enum Rendered {
    Text(String),
    Json(JsonPieces),
}

impl Rendered {
    pub fn len(&self) -> usize {
        match self {
            Rendered::Text(s) => s.len(),
            Rendered::Json(j) => j.len(),
        }
    }

    pub fn write_to(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        match self {
            Rendered::Text(s) => out.write_all(s.as_bytes()),
            Rendered::Json(j) => j.write_to(out),
        }
    }

    /// [`Rendered::write_to`] through a 1 MiB buffer (the JSON pieces are many small writes),
    /// flushed.
    pub fn write_buffered(&self, out: impl std::io::Write) -> std::io::Result<()> {
        let mut out = std::io::BufWriter::with_capacity(1 << 20, out);
        self.write_to(&mut out)?;
        std::io::Write::flush(&mut out)
    }
}

/// The inventory as pretty JSON, in pieces: the rest of the inventory with the long arrays
/// (servers, configs, findings) left empty, and their elements rendered one by one side by
/// side. Written out in order, the pieces are exactly `serde_json::to_string_pretty(inv)` and
/// a newline; they are never joined into one string (a copy of the whole output, ~20 MB on
/// the scan benchmark, made by one thread at the end of the run).
pub struct JsonPieces {
    shell: String,
    arrays: Vec<(&'static str, Vec<Vec<u8>>)>,
}

impl JsonPieces {
    pub fn new(inv: &Inventory) -> JsonPieces {
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
        let pieces = JsonPieces {
            shell: serde_json::to_string_pretty(&shell).expect("the inventory serialises"),
            arrays: vec![
                ("servers", array(&inv.servers)),
                ("configs", array(&inv.configs)),
                ("findings", array(&inv.findings)),
            ],
        };
        // every test that renders JSON (debug builds) checks the pieces against the plain
        // rendering, and their length
        #[cfg(debug_assertions)]
        {
            let mut out = Vec::new();
            pieces.write_to(&mut out).expect("writing to memory");
            assert_eq!(
                out.len(),
                pieces.len(),
                "JsonPieces::len counts what is written"
            );
            assert_eq!(
                String::from_utf8(out).expect("serde_json writes UTF-8"),
                serde_json::to_string_pretty(inv).expect("the inventory serialises") + "\n",
                "the shell's fields follow Inventory's"
            );
        }
        pieces
    }

    /// Bytes written by [`JsonPieces::write_to`].
    pub fn len(&self) -> usize {
        self.shell.len()
            + 1
            + self
                .arrays
                .iter()
                .filter(|(_, items)| !items.is_empty())
                .map(|(_, items)| {
                    // `\n  "key": [\n` .. `\n  ]` in place of `\n  "key": []`: the items,
                    // their separators and 4 bytes more
                    items.iter().map(|i| i.len()).sum::<usize>() + 2 * (items.len() - 1) + 4
                })
                .sum::<usize>()
    }

    /// The shell's pieces with the elements in place of the empty arrays (the top-level keys
    /// are the only ones indented by two spaces).
    pub fn write_to(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        let mut rest = self.shell.as_str();
        for (key, items) in &self.arrays {
            if items.is_empty() {
                continue;
            }
            let empty = format!("\n  \"{key}\": []");
            let at = rest.find(&empty).expect("the shell has every array");
            out.write_all(&rest.as_bytes()[..at])?;
            out.write_all(format!("\n  \"{key}\": [\n").as_bytes())?;
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.write_all(b",\n")?;
                }
                out.write_all(item)?;
            }
            out.write_all(b"\n  ]")?;
            rest = &rest[at + empty.len()..];
        }
        out.write_all(rest.as_bytes())?;
        out.write_all(b"\n")
    }
}

/// The elements of a top-level array as `to_string_pretty` writes them inside the inventory
/// (indented by four spaces), rendered side by side.
fn array<T: Serialize + Sync>(items: &[T]) -> Vec<Vec<u8>> {
    items
        .par_iter()
        .with_max_len(16)
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
