//! Renderers: everything is rendered from the inventory, already sorted, so the same input
//! gives byte-identical output.

pub mod configs;
pub mod matrix;
pub mod sarif;
pub mod text;

use mcpsweep_model::Inventory;

pub fn json(inv: &Inventory) -> String {
    let mut s = serde_json::to_string_pretty(inv).expect("the inventory serialises");
    s.push('\n');
    s
}

/// The published JSON Schema of the inventory (kept equal to the model types by a test).
pub fn schema() -> &'static str {
    include_str!("../../../schema/inventory.schema.json")
}
