pub struct Tool {
    pub name: String,
    pub description: String,
}

impl Tool {
    pub fn new(name: &str, description: &str) -> Self {
        Tool { name: name.into(), description: description.into() }
    }
}
