//! Values in configs: what a value is (literal, a reference to an environment variable, an
//! input the client prompts for...) and redaction of anything that could be a secret. Literal
//! values never leave this module: callers get the class, the referenced variable's name and
//! whether the literal looks like a credential.

use mcpsweep_model::ConfigValue;

pub const REDACTED: &str = "[redacted]";

/// `literal`, `placeholder`, `env-reference`, `input-variable`, `secret-reference`, plus the
/// name a reference points to.
pub fn classify(value: &str) -> (&'static str, Option<String>) {
    if let Some(r) = first_reference(value) {
        return r;
    }
    if is_placeholder(value) {
        ("placeholder", None)
    } else {
        ("literal", None)
    }
}

/// A named value (env entry, header) with its class; never the literal itself.
pub fn value(name: &str, raw: &str) -> ConfigValue {
    let (class, reference) = classify(raw);
    ConfigValue {
        name: name.to_string(),
        value: class.to_string(),
        reference,
        secret: class == "literal" && (secret_name(name) || looks_like_credential(raw)),
    }
}

/// A value given by reference only (Codex `env_vars`, `bearer_token_env_var`, Goose
/// `env_keys`).
pub fn reference(name: &str, class: &str, target: &str) -> ConfigValue {
    ConfigValue {
        name: name.to_string(),
        value: class.to_string(),
        reference: Some(target.to_string()),
        secret: false,
    }
}

/// The first variable reference in a value, in any client's syntax.
fn first_reference(v: &str) -> Option<(&'static str, Option<String>)> {
    // Continue: ${{ secrets.NAME }} / ${{ inputs.NAME }}
    if let Some(i) = v.find("${{") {
        let inner = v[i + 3..].split("}}").next().unwrap_or("").trim();
        let (class, name) = match inner.split_once('.') {
            Some(("secrets", n)) => ("secret-reference", n),
            Some(("inputs", n)) => ("input-variable", n),
            Some((_, n)) => ("env-reference", n),
            None => ("env-reference", inner),
        };
        return Some((class, Some(name.trim().to_string())));
    }
    // ${input:x}, ${env:X}, ${X}, ${X:-default}, ${user_config.x}
    let mut rest = v;
    while let Some(i) = rest.find("${") {
        let inner_all = &rest[i + 2..];
        let Some(end) = inner_all.find('}') else {
            break;
        };
        let inner = &inner_all[..end];
        rest = &inner_all[end + 1..];
        if let Some(id) = inner.strip_prefix("input:") {
            return Some(("input-variable", Some(id.trim().to_string())));
        }
        if let Some(id) = inner.strip_prefix("user_config.") {
            return Some(("input-variable", Some(id.trim().to_string())));
        }
        let name = inner.strip_prefix("env:").unwrap_or(inner);
        let name = name
            .split(":-")
            .next()
            .unwrap_or(name)
            .split(':')
            .next()
            .unwrap_or(name);
        // path variables are not secrets' sources but still references
        if !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-')
        {
            return Some(("env-reference", Some(name.to_string())));
        }
    }
    // $NAME (Gemini CLI, shells), %NAME% (Windows)
    let b = v.as_bytes();
    for (i, c) in b.iter().enumerate() {
        if *c == b'$' && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) {
            let name: String = v[i + 1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if name.len() >= 2 && name.starts_with(|c: char| c.is_ascii_uppercase() || c == '_') {
                return Some(("env-reference", Some(name)));
            }
        }
    }
    if let Some(s) = v.strip_prefix('%').and_then(|s| s.strip_suffix('%')) {
        if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Some(("env-reference", Some(s.to_string())));
        }
    }
    // Docker MCP catalog / templating: {{name}}
    if let Some(i) = v.find("{{") {
        let inner = v[i + 2..].split("}}").next().unwrap_or("").trim();
        if !inner.is_empty() {
            return Some(("input-variable", Some(inner.to_string())));
        }
    }
    None
}

/// An obviously fake or to-be-filled value: empty, `<...>`, `YOUR_API_KEY`, `xxx`, `...`.
pub fn is_placeholder(v: &str) -> bool {
    let t = v.trim();
    if t.is_empty() {
        return true;
    }
    let l = t.to_ascii_lowercase();
    let core = l.trim_start_matches("bearer ").trim();
    (core.starts_with('<') && core.ends_with('>'))
        || (core.starts_with('[') && core.ends_with(']'))
        || (core.len() >= 3
            && core
                .chars()
                .all(|c| matches!(c, 'x' | '*' | '.' | '-' | '_')))
        || [
            "your",
            "my-",
            "my_",
            "replace",
            "change",
            "insert",
            "enter",
            "put-",
            "put_",
            "todo",
            "fixme",
            "example",
            "placeholder",
            "dummy",
            "sample",
            "fill",
            "add-your",
            "add_your",
        ]
        .iter()
        .any(|p| core.starts_with(p))
        || [
            "_here",
            "-here",
            " here",
            "xxxx",
            "your_",
            "your-",
            "your ",
            "placeholder",
            "redacted",
            "changeme",
        ]
        .iter()
        .any(|p| core.contains(p))
}

/// Does a variable, header, flag or parameter name say it holds a secret?
pub fn secret_name(name: &str) -> bool {
    // split camelCase too: `apiToken` → `api_token`
    let mut n = String::with_capacity(name.len() + 4);
    let mut prev_lower = false;
    for c in name.chars() {
        if c.is_ascii_uppercase() && prev_lower {
            n.push('_');
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        n.push(c.to_ascii_lowercase());
    }
    let n = n.replace(['-', '.', ' '], "_");
    n.split('_').any(|w| {
        matches!(
            w,
            "token"
                | "secret"
                | "secrets"
                | "password"
                | "passwd"
                | "pwd"
                | "pass"
                | "passphrase"
                | "apikey"
                | "credential"
                | "credentials"
                | "creds"
                | "auth"
                | "authorization"
                | "bearer"
                | "cookie"
                | "pat"
                | "dsn"
                | "key"
                | "webhook"
                | "signature"
        ) || [
            "token",
            "secret",
            "password",
            "apikey",
            "accesskey",
            "privatekey",
            "credential",
        ]
        .iter()
        .any(|p| w.ends_with(p))
    })
}

/// Does the text have the shape of a credential (a known token prefix, a JWT, a URL with a
/// password)?
pub fn looks_like_credential(v: &str) -> bool {
    credential_spans(v).next().is_some() || url_password(v).is_some()
}

const TOKEN_PREFIXES: &[&str] = &[
    "ghp_",
    "gho_",
    "ghu_",
    "ghs_",
    "ghr_",
    "github_pat_",
    "glpat-",
    "sk-",
    "sk_live_",
    "sk_test_",
    "rk_live_",
    "pk_live_",
    "xoxb-",
    "xoxp-",
    "xoxa-",
    "xapp-",
    "AKIA",
    "ASIA",
    "AIza",
    "ya29.",
    "eyJ",
    "npm_",
    "pypi-",
    "hf_",
    "shpat_",
    "sq0atp-",
    "SG.",
    "dop_v1_",
    "lin_api_",
    "ntn_",
    "secret_",
    "figd_",
    "pat-",
    "ATATT",
    "xai-",
    "gsk_",
    "r8_",
    "pplx-",
    "sbp_",
    "dapi",
];

/// Byte ranges of credential-shaped words in `v`.
fn credential_spans(v: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in v.char_indices().chain(std::iter::once((v.len(), ' '))) {
        let word_char = c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '+' | '/' | '=');
        match (word_char, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    words.into_iter().filter(move |(s, e)| {
        let w = &v[*s..*e];
        let body_len = w.len();
        TOKEN_PREFIXES.iter().any(|p| {
            w.starts_with(p)
                && body_len >= p.len() + 12
                && w[p.len()..].chars().any(|c| c.is_ascii_digit())
        })
    })
}

/// Byte range of the password in `scheme://user:password@host`.
fn url_password(v: &str) -> Option<(usize, usize)> {
    let i = v.find("://")? + 3;
    let rest = &v[i..];
    let end = rest.find(['/', '?', '#', ' ']).unwrap_or(rest.len());
    let auth = &rest[..end];
    let at = auth.rfind('@')?;
    let colon = auth[..at].find(':')?;
    (colon + 1 < at).then_some((i + colon + 1, i + at))
}

/// Redact every secret-looking part of one string: credential-shaped words, URL passwords,
/// secret query parameters, `NAME=value` / `--secret-flag=value` / `Bearer value` pairs whose
/// value is not a variable reference.
pub fn text(s: &str) -> String {
    let mut spans: Vec<(usize, usize)> = credential_spans(s).collect();
    spans.extend(url_password(s));
    // query parameters: ?api_key=... &token=...
    for (i, _) in s.match_indices(['?', '&']) {
        let rest = &s[i + 1..];
        if let Some(eq) = rest.find('=') {
            let key = &rest[..eq];
            if !key.is_empty() && !key.contains(['&', '?', ' ', '/']) && secret_name(key) {
                let vs = i + 1 + eq + 1;
                let ve = s[vs..]
                    .find(['&', '#', ' ', '"', '\''])
                    .map(|e| vs + e)
                    .unwrap_or(s.len());
                spans.push((vs, ve));
            }
        }
    }
    // NAME=value and NAME: value and --flag=value
    for (i, sep) in s.match_indices(['=', ':']) {
        let key_start = s[..i]
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
            .map(|p| p + 1)
            .unwrap_or(0);
        let key = s[key_start..i].trim_start_matches('-');
        if key.is_empty() || !secret_name(key) {
            continue;
        }
        if sep == ":" && s[i..].starts_with("://") {
            continue;
        }
        let mut vs = i + 1;
        while s[vs..].starts_with(' ') {
            vs += 1;
        }
        if s[vs..].to_ascii_lowercase().starts_with("bearer ")
            || s[vs..].to_ascii_lowercase().starts_with("basic ")
        {
            vs += 6;
            while s[vs..].starts_with(' ') {
                vs += 1;
            }
        }
        let ve = s[vs..]
            .find([' ', '&', '"', '\'', ',', ';'])
            .map(|e| vs + e)
            .unwrap_or(s.len());
        spans.push((vs, ve));
    }
    // Bearer / Basic <value>
    let lower = s.to_ascii_lowercase();
    for scheme in ["bearer ", "basic ", "token "] {
        for (i, _) in lower.match_indices(scheme) {
            let vs = i + scheme.len();
            let ve = s[vs..]
                .find([' ', '"', '\'', ','])
                .map(|e| vs + e)
                .unwrap_or(s.len());
            spans.push((vs, ve));
        }
    }
    apply(s, spans)
}

/// Replace the given byte ranges by [`REDACTED`], keeping variable references and
/// placeholders (they are not secrets and say where the secret comes from).
fn apply(s: &str, mut spans: Vec<(usize, usize)>) -> String {
    spans.retain(|(a, b)| a < b && *b <= s.len());
    spans.sort();
    let mut out = String::with_capacity(s.len());
    let mut pos = 0;
    for (a, b) in spans {
        if a < pos {
            if b > pos {
                // overlapping: extend the previous redaction
                pos = b;
            }
            continue;
        }
        let v = &s[a..b];
        if first_reference(v).is_some()
            || (is_placeholder(v) && !looks_like_credential(v))
            || v == REDACTED
        {
            continue;
        }
        out.push_str(&s[pos..a]);
        out.push_str(REDACTED);
        pos = b;
    }
    out.push_str(&s[pos..]);
    out
}

/// `NAME=[redacted]` / `--env=NAME=[redacted]`: an environment value redacted from arguments.
pub fn is_env_assignment(a: &str) -> bool {
    let a = a
        .strip_prefix("--env=")
        .or_else(|| a.strip_prefix("-e="))
        .unwrap_or(a);
    match a.split_once('=') {
        Some((k, v)) => {
            v == REDACTED
                && !k.is_empty()
                && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        }
        None => false,
    }
}

/// Redact a whole argument vector: each argument as text, plus the value following a
/// secret-named flag (`--api-key VALUE`, `--token VALUE`, `-H "Authorization: ..."`).
pub fn args(args: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(args.len());
    let mut secret_next = false;
    let mut env_next = false;
    for a in args {
        if secret_next {
            secret_next = false;
            let (class, _) = classify(a);
            if class == "literal" {
                out.push(REDACTED.to_string());
                continue;
            }
        }
        // an environment value given in arguments (`docker run -e NAME=value`, `env NAME=value
        // cmd`): like `env` values, only its class is kept
        let env_arg = a
            .strip_prefix("--env=")
            .or_else(|| a.strip_prefix("-e="))
            .or_else(|| {
                let key = a.split_once('=').map(|(k, _)| k).unwrap_or("");
                let env_like = !key.is_empty()
                    && key
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
                (env_next || env_like).then_some(a.as_str())
            });
        env_next = a == "-e" || a == "--env";
        if let Some(e) = env_arg {
            if let Some((k, v)) = e.split_once('=') {
                if classify(v).0 == "literal" {
                    let prefix = &a[..a.len() - e.len()];
                    out.push(format!("{prefix}{k}={REDACTED}"));
                    continue;
                }
            }
        }
        let flag = a.strip_prefix("--").or_else(|| a.strip_prefix('-'));
        if let Some(f) = flag.filter(|f| !f.contains('=') && !f.is_empty()) {
            if secret_name(f) {
                secret_next = true;
            }
        }
        out.push(text(a));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert_eq!(classify("${input:gh}").0, "input-variable");
        assert_eq!(
            classify("Bearer ${GITHUB_TOKEN}"),
            ("env-reference", Some("GITHUB_TOKEN".into()))
        );
        assert_eq!(classify("${env:API_KEY}").1.as_deref(), Some("API_KEY"));
        assert_eq!(classify("${X:-default}").1.as_deref(), Some("X"));
        assert_eq!(classify("$HOME_TOKEN").0, "env-reference");
        assert_eq!(
            classify("${{ secrets.SLACK }}"),
            ("secret-reference", Some("SLACK".into()))
        );
        assert_eq!(classify("<your-token>").0, "placeholder");
        assert_eq!(classify("YOUR_API_KEY_HERE").0, "placeholder");
        assert_eq!(classify("").0, "placeholder");
        assert_eq!(classify("ghp_abcdef0123456789abcdef").0, "literal");
        assert_eq!(classify("price$5").0, "literal");
    }

    #[test]
    fn secrets_are_flagged() {
        assert!(value("GITHUB_TOKEN", "abc123").secret);
        assert!(value("apiToken", "abc123").secret);
        assert!(value("GH_ACCESSTOKEN", "abc123").secret);
        assert!(!value("MAX_NEW_TOKENS", "512").secret);
        assert!(!value("DB_PATH", "/tmp/x").secret);
        assert!(value("CONFIG", "ghp_abcdef0123456789abcdef").secret);
        assert!(!value("LOG_LEVEL", "debug").secret);
        assert!(!value("API_KEY", "<key>").secret);
        assert!(value("DATABASE_URL", "postgres://u:hunter2@db/x").secret);
    }

    #[test]
    fn redaction() {
        let a: Vec<String> = [
            "-y",
            "@x/y",
            "--api-key=abc123",
            "--token",
            "s3cr3t",
            "--token",
            "${T}",
            "--port",
            "80",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(
            args(&a),
            [
                "-y",
                "@x/y",
                "--api-key=[redacted]",
                "--token",
                "[redacted]",
                "--token",
                "${T}",
                "--port",
                "80"
            ]
        );
        assert_eq!(
            text("https://u:pw@h.io/x?api_key=abc&q=1"),
            "https://u:[redacted]@h.io/x?api_key=[redacted]&q=1"
        );
        assert_eq!(
            text("Authorization: Bearer abcdef"),
            "Authorization: Bearer [redacted]"
        );
        assert_eq!(text("Authorization:${AUTH}"), "Authorization:${AUTH}");
        assert_eq!(
            text("GITHUB_TOKEN=ghp_abcdef0123456789abcdef"),
            "GITHUB_TOKEN=[redacted]"
        );
        assert_eq!(
            text("use sk-proj0123456789abcdef now"),
            "use [redacted] now"
        );
        assert_eq!(
            text("https://mcp.example.com/sse"),
            "https://mcp.example.com/sse"
        );
        assert_eq!(
            text("--header=X-Api-Key: k1234"),
            "--header=X-Api-Key: [redacted]"
        );
        let d: Vec<String> = [
            "run",
            "-e",
            "BaseUrl=http://api:80",
            "-e",
            "TOKEN",
            "--env=LEVEL=debug",
            "-e",
            "K=${K}",
            "img",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(
            args(&d),
            [
                "run",
                "-e",
                "BaseUrl=[redacted]",
                "-e",
                "TOKEN",
                "--env=LEVEL=[redacted]",
                "-e",
                "K=${K}",
                "img"
            ]
        );
        assert_eq!(classify("0").0, "literal");
        assert_eq!(
            args(&["--access-token".into(), "sbp_0123456789abcdef0123".into()]),
            ["--access-token", "[redacted]"]
        );
        assert!(looks_like_credential("sbp_0123456789abcdef0123"));
    }
}
