//! What a command line launches: an npm / PyPI package, a container image, a Go module, a
//! file in the repository... and whether that is pinned to a version.

use mcpsweep_model::Launch;

/// The launch of `command args...`, when it can be told.
pub fn analyse(command: &str, args: &[String]) -> Option<Launch> {
    let mut words: Vec<String> = Vec::new();
    // "command": "npx -y pkg" with no args, or a shell wrapper
    if args.is_empty() && command.contains(' ') {
        words.extend(command.split_whitespace().map(String::from));
    } else {
        words.push(command.to_string());
        words.extend(args.iter().cloned());
    }
    analyse_words(&words, 0)
}

fn program(w: &str) -> String {
    let base = w.rsplit(['/', '\\']).next().unwrap_or(w);
    let base = base
        .strip_suffix(".exe")
        .or_else(|| base.strip_suffix(".cmd"))
        .or_else(|| base.strip_suffix(".bat"))
        .unwrap_or(base);
    base.to_ascii_lowercase()
}

fn analyse_words(w: &[String], depth: usize) -> Option<Launch> {
    if w.is_empty() || depth > 4 {
        return None;
    }
    let prog = program(&w[0]);
    let rest = &w[1..];
    match prog.as_str() {
        // Windows `cmd /c npx ...`
        "cmd" => {
            let i = rest
                .iter()
                .position(|a| a.eq_ignore_ascii_case("/c") || a.eq_ignore_ascii_case("/k"))?;
            analyse_words(&rest[i + 1..], depth + 1)
        }
        "env" => {
            let i = rest
                .iter()
                .position(|a| !a.contains('=') && !a.starts_with('-'))?;
            analyse_words(&rest[i..], depth + 1)
        }
        "sh" | "bash" | "zsh" | "powershell" | "pwsh" => {
            let i = rest
                .iter()
                .position(|a| a == "-c" || a == "-lc" || a == "-Command")?;
            let script = rest.get(i + 1)?;
            // the first command of the script
            let first = script.split(['&', ';', '|']).find(|c| {
                let t = c.trim();
                !t.is_empty()
                    && !t.starts_with("cd ")
                    && !t.starts_with("export ")
                    && !t.starts_with("source ")
            })?;
            let words: Vec<String> = first.split_whitespace().map(String::from).collect();
            analyse_words(&words, depth + 1)
        }
        "npx" | "bunx" => npm_exec(&prog, rest),
        "pnpx" => npm_exec("pnpm", rest),
        "pnpm" | "yarn" | "bun" | "npm" => {
            let sub = rest.first()?.as_str();
            match (prog.as_str(), sub) {
                ("pnpm", "dlx")
                | ("yarn", "dlx")
                | ("bun", "x")
                | ("npm", "exec")
                | ("npm", "x") => npm_exec(&prog, &rest[1..]),
                ("bun", "run") => script_path("bun", &rest[1..], &[]),
                ("bun", _) if !sub.starts_with('-') => script_path("bun", rest, &[]),
                _ => None,
            }
        }
        "uvx" => py_tool("uvx", rest),
        "pipx" => {
            let i = rest.iter().position(|a| a == "run")?;
            py_tool("pipx", &rest[i + 1..])
        }
        "uv" => uv(rest, depth),
        "python" | "python3" | "py" => python("python", rest, None),
        "node" | "tsx" | "ts-node" | "nodemon" => script_path(
            "node",
            rest,
            &["-r", "--require", "--import", "--loader", "-e"],
        ),
        "deno" => deno(rest),
        "docker" | "podman" => docker(&prog, rest),
        // `mcp run server.py`, `fastmcp run server.py:app`
        "mcp" | "fastmcp" if rest.first().is_some_and(|r| r == "run" || r == "dev") => {
            let t = rest[1..].iter().find(|a| !a.starts_with('-'))?;
            let p = t.split(".py:").next().unwrap_or(t);
            let p = if p.ends_with(".py") || !t.contains(".py") {
                p.to_string()
            } else {
                format!("{p}.py")
            };
            Some(path_launch(&prog, &p))
        }
        "go" => go(rest),
        "cargo" => cargo(rest),
        "dotnet" | "dnx" => dotnet(&prog, rest),
        "java" => {
            let i = rest.iter().position(|a| a == "-jar")?;
            Some(path_launch("java", rest.get(i + 1)?))
        }
        _ => {
            let raw = &w[0];
            if raw.contains(['/', '\\']) || raw.starts_with('.') {
                Some(path_launch("binary", raw))
            } else if raw.starts_with("http://") || raw.starts_with("https://") {
                None
            } else {
                Some(Launch {
                    runner: "binary".into(),
                    ecosystem: "binary".into(),
                    target: raw.clone(),
                    version: None,
                })
            }
        }
    }
}

fn path_launch(runner: &str, p: &str) -> Launch {
    Launch {
        runner: runner.into(),
        ecosystem: "path".into(),
        target: p.to_string(),
        version: None,
    }
}

/// `npx [-y] [-p pkg] pkg[@version] args...`
fn npm_exec(runner: &str, rest: &[String]) -> Option<Launch> {
    let mut package: Option<&str> = None;
    let mut i = 0;
    while i < rest.len() {
        let a = rest[i].as_str();
        if a == "--" {
            i += 1;
            continue;
        }
        if a == "-p" || a == "--package" {
            package = package.or(rest.get(i + 1).map(String::as_str));
            i += 2;
            continue;
        }
        if let Some(p) = a.strip_prefix("--package=") {
            package = package.or(Some(p));
            i += 1;
            continue;
        }
        if a.starts_with('-') {
            // value-taking npm flags
            if matches!(
                a,
                "--registry" | "--cache" | "--userconfig" | "-c" | "--call" | "--node-options"
            ) {
                i += 1;
            }
            i += 1;
            continue;
        }
        package = package.or(Some(a));
        break;
    }
    let spec = package?;
    let (name, version) = split_npm_spec(spec);
    Some(Launch {
        runner: runner.into(),
        ecosystem: "npm".into(),
        target: name,
        version,
    })
}

/// `@scope/name@1.2.3` → (`@scope/name`, `1.2.3`).
pub fn split_npm_spec(spec: &str) -> (String, Option<String>) {
    if spec.contains("://") || spec.starts_with("github:") || spec.starts_with("git+") {
        let (n, v) = match spec.rsplit_once('#') {
            Some((n, v)) => (n, Some(v.to_string())),
            None => (spec, None),
        };
        return (n.to_string(), v);
    }
    let (scope, body) = match spec.strip_prefix('@') {
        Some(b) => ("@", b),
        None => ("", spec),
    };
    match body.split_once('@') {
        Some((n, v)) => (format!("{scope}{n}"), Some(v.to_string())),
        None => (spec.to_string(), None),
    }
}

/// `uvx [--from spec] [--with x] spec|command args`, `pipx run [--spec spec] pkg`
fn py_tool(runner: &str, rest: &[String]) -> Option<Launch> {
    let mut from: Option<&str> = None;
    let mut i = 0;
    while i < rest.len() {
        let a = rest[i].as_str();
        if a == "--from" || a == "--spec" {
            from = rest.get(i + 1).map(String::as_str);
            i += 2;
            continue;
        }
        if let Some(f) = a
            .strip_prefix("--from=")
            .or_else(|| a.strip_prefix("--spec="))
        {
            from = Some(f);
            i += 1;
            continue;
        }
        if a.starts_with('-') {
            if !a.contains('=')
                && matches!(
                    a,
                    "--with"
                        | "-w"
                        | "--python"
                        | "-p"
                        | "--index"
                        | "--index-url"
                        | "-i"
                        | "--extra-index-url"
                        | "--directory"
                        | "--refresh-package"
                        | "--with-requirements"
                        | "--with-editable"
                        | "--constraints"
                        | "-c"
                        | "--overrides"
                        | "--env-file"
                        | "--pip-args"
                        | "--default-index"
                        | "--find-links"
                        | "-f"
                        | "--cache-dir"
                )
            {
                i += 1;
            }
            i += 1;
            continue;
        }
        let spec = from.unwrap_or(a);
        let (name, version) = split_py_spec(spec);
        return Some(Launch {
            runner: runner.into(),
            ecosystem: "pypi".into(),
            target: name,
            version,
        });
    }
    let (name, version) = split_py_spec(from?);
    Some(Launch {
        runner: runner.into(),
        ecosystem: "pypi".into(),
        target: name,
        version,
    })
}

/// `pkg[extra]==1.2` → (`pkg`, `==1.2`); `pkg@1.2` → (`pkg`, `1.2`); `pkg@latest`.
pub fn split_py_spec(spec: &str) -> (String, Option<String>) {
    if spec.contains("://") || spec.starts_with("git+") {
        let (n, v) = match spec.rsplit_once('@') {
            Some((n, v)) if !v.contains('/') => (n, Some(v.to_string())),
            _ => (spec, None),
        };
        return (n.to_string(), v);
    }
    let end = spec
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .unwrap_or(spec.len());
    let name = &spec[..end];
    let mut rest = &spec[end..];
    if rest.starts_with('[') {
        rest = rest.split_once(']').map(|(_, r)| r).unwrap_or("");
    }
    let rest = rest.trim();
    let version = if let Some(v) = rest.strip_prefix('@') {
        Some(v.to_string())
    } else if rest.is_empty() {
        None
    } else {
        Some(rest.to_string())
    };
    (name.to_string(), version)
}

/// `uv [--directory D] run [--directory D] [--with x] target args`, `uv tool run` (= uvx).
fn uv(rest: &[String], depth: usize) -> Option<Launch> {
    let mut dir: Option<&str> = None;
    let mut i = 0;
    let mut sub: Option<&str> = None;
    while i < rest.len() {
        let a = rest[i].as_str();
        if a == "--directory" || a == "--project" {
            dir = rest.get(i + 1).map(String::as_str);
            i += 2;
            continue;
        }
        if let Some(d) = a
            .strip_prefix("--directory=")
            .or_else(|| a.strip_prefix("--project="))
        {
            dir = Some(d);
            i += 1;
            continue;
        }
        if a.starts_with('-') {
            if matches!(
                a,
                "--with"
                    | "-w"
                    | "--python"
                    | "-p"
                    | "--env-file"
                    | "--index-url"
                    | "--extra"
                    | "--group"
                    | "--package"
            ) {
                i += 1;
            }
            i += 1;
            continue;
        }
        if sub.is_none() {
            sub = Some(a);
            i += 1;
            if a == "tool" && rest.get(i).is_some_and(|r| r == "run") {
                return py_tool("uvx", &rest[i + 1..]);
            }
            if a != "run" {
                return None;
            }
            continue;
        }
        // the target of `uv run`
        let target = a;
        let base = |p: &str| match dir {
            Some(d) if !p.starts_with('/') => {
                format!("{}/{}", d.trim_end_matches('/'), p.trim_start_matches("./"))
            }
            _ => p.to_string(),
        };
        let tail = &rest[i..];
        match program(target).as_str() {
            "python" | "python3" => return python("uv", &tail[1..], dir),
            "mcp" | "fastmcp" => {
                let j = tail
                    .iter()
                    .position(|t| t.ends_with(".py") || t.contains(".py:"))?;
                let p = tail[j].split(".py:").next().unwrap_or(&tail[j]);
                let p = if p.ends_with(".py") {
                    p.to_string()
                } else {
                    format!("{p}.py")
                };
                return Some(path_launch("uv", &base(&p)));
            }
            _ => {}
        }
        if target.ends_with(".py") || target.contains('/') {
            return Some(path_launch("uv", &base(target)));
        }
        if depth < 4 && matches!(target, "npx" | "node" | "uvx") {
            return analyse_words(tail, depth + 1);
        }
        // a console script of the project in `dir`
        return Some(match dir {
            Some(d) => path_launch("uv", d),
            None => Launch {
                runner: "uv".into(),
                ecosystem: "script".into(),
                target: target.to_string(),
                version: None,
            },
        });
    }
    dir.map(|d| path_launch("uv", d))
}

/// `python [-u] -m module` or `python path/server.py`.
fn python(runner: &str, rest: &[String], dir: Option<&str>) -> Option<Launch> {
    let mut i = 0;
    while i < rest.len() {
        let a = rest[i].as_str();
        if a == "-m" {
            let m = rest.get(i + 1)?;
            return Some(Launch {
                runner: runner.into(),
                ecosystem: "python-module".into(),
                target: m.clone(),
                version: None,
            });
        }
        if let Some(m) = a.strip_prefix("-m").filter(|m| !m.is_empty()) {
            return Some(Launch {
                runner: runner.into(),
                ecosystem: "python-module".into(),
                target: m.to_string(),
                version: None,
            });
        }
        if a == "-c" {
            return None;
        }
        if a.starts_with('-') {
            if matches!(a, "-W" | "-X") {
                i += 1;
            }
            i += 1;
            continue;
        }
        let p = match dir {
            Some(d) if !a.starts_with('/') => {
                format!("{}/{}", d.trim_end_matches('/'), a.trim_start_matches("./"))
            }
            _ => a.to_string(),
        };
        return Some(path_launch(runner, &p));
    }
    None
}

/// `node [flags] path args` (and bun, tsx).
fn script_path(runner: &str, rest: &[String], value_flags: &[&str]) -> Option<Launch> {
    let mut i = 0;
    while i < rest.len() {
        let a = rest[i].as_str();
        if a.starts_with('-') {
            if value_flags.contains(&a) {
                i += 1;
            }
            i += 1;
            continue;
        }
        return Some(path_launch(runner, a));
    }
    None
}

/// `deno run [flags] path|npm:pkg|jsr:pkg|https://...`
fn deno(rest: &[String]) -> Option<Launch> {
    let i = rest
        .iter()
        .position(|a| !a.starts_with('-') && a != "run")?;
    let t = rest[i].as_str();
    if let Some(p) = t.strip_prefix("npm:") {
        let (name, version) = split_npm_spec(p);
        return Some(Launch {
            runner: "deno".into(),
            ecosystem: "npm".into(),
            target: name,
            version,
        });
    }
    if let Some(p) = t.strip_prefix("jsr:") {
        let (name, version) = split_npm_spec(p);
        return Some(Launch {
            runner: "deno".into(),
            ecosystem: "jsr".into(),
            target: name,
            version,
        });
    }
    if t.starts_with("http://") || t.starts_with("https://") {
        return Some(Launch {
            runner: "deno".into(),
            ecosystem: "url".into(),
            target: super::redact::text(t),
            version: None,
        });
    }
    Some(path_launch("deno", t))
}

/// Docker flags that take a value (when not written `--flag=value`).
const DOCKER_VALUE_FLAGS: &[&str] = &[
    "-e",
    "--env",
    "--env-file",
    "-v",
    "--volume",
    "--name",
    "-p",
    "--publish",
    "--network",
    "--net",
    "-w",
    "--workdir",
    "--mount",
    "--entrypoint",
    "-u",
    "--user",
    "--platform",
    "-l",
    "--label",
    "--add-host",
    "--cpus",
    "-m",
    "--memory",
    "--pull",
    "--restart",
    "-h",
    "--hostname",
    "--cap-add",
    "--cap-drop",
    "--security-opt",
    "--device",
    "--dns",
    "--ulimit",
    "--tmpfs",
    "--log-driver",
    "--log-opt",
    "--shm-size",
    "--gpus",
    "--runtime",
    "--ipc",
    "--pid",
    "--cidfile",
    "--group-add",
    "--memory-swap",
    "--stop-signal",
    "--stop-timeout",
    "--expose",
    "--label-file",
    "--link",
    "--volumes-from",
    "--userns",
    "--uts",
    "--cgroupns",
    "--health-cmd",
];

/// `docker run [flags] image[:tag][@digest] args`
fn docker(runner: &str, rest: &[String]) -> Option<Launch> {
    let mut i = rest.iter().position(|a| a == "run")? + 1;
    while i < rest.len() {
        let a = rest[i].as_str();
        if a.starts_with('-') {
            if !a.contains('=') && DOCKER_VALUE_FLAGS.contains(&a) {
                i += 1;
            }
            i += 1;
            continue;
        }
        let (image, version) = split_image(a);
        return Some(Launch {
            runner: runner.into(),
            ecosystem: "oci".into(),
            target: image,
            version,
        });
    }
    None
}

/// The `-e NAME=value` / `-e NAME` / `--env NAME` options of a `docker run` command.
pub fn docker_env(args: &[String]) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    let Some(run) = args.iter().position(|a| a == "run") else {
        return out;
    };
    let mut i = run + 1;
    while i < args.len() {
        let a = args[i].as_str();
        if !a.starts_with('-') {
            break; // the image: what follows is the container's own arguments
        }
        let val = if a == "-e" || a == "--env" {
            i += 1;
            args.get(i).map(String::as_str)
        } else if let Some(v) = a.strip_prefix("--env=").or_else(|| a.strip_prefix("-e=")) {
            Some(v)
        } else {
            if !a.contains('=') && DOCKER_VALUE_FLAGS.contains(&a) {
                i += 1;
            }
            None
        };
        if let Some(v) = val {
            match v.split_once('=') {
                Some((k, val)) => out.push((k.to_string(), Some(val.to_string()))),
                None => out.push((v.to_string(), None)),
            }
        }
        i += 1;
    }
    out
}

/// `ghcr.io/org/x:1.2@sha256:...` → (`ghcr.io/org/x`, `1.2@sha256:...`).
pub fn split_image(s: &str) -> (String, Option<String>) {
    let (name, digest) = match s.split_once('@') {
        Some((n, d)) => (n, Some(d)),
        None => (s, None),
    };
    // a tag is after the last ':' that follows the last '/'
    let slash = name.rfind('/').map(|i| i + 1).unwrap_or(0);
    let (repo, tag) = match name[slash..].rfind(':') {
        Some(c) => (&name[..slash + c], Some(&name[slash + c + 1..])),
        None => (name, None),
    };
    let version = match (tag, digest) {
        (Some(t), Some(d)) => Some(format!("{t}@{d}")),
        (Some(t), None) => Some(t.to_string()),
        (None, Some(d)) => Some(d.to_string()),
        (None, None) => None,
    };
    (repo.to_string(), version)
}

/// `go run module/path@version` or `go run ./cmd/server`.
fn go(rest: &[String]) -> Option<Launch> {
    let r = rest.iter().position(|a| a == "run")?;
    let t = rest[r + 1..].iter().find(|a| !a.starts_with('-'))?;
    if t.starts_with('.') || t.starts_with('/') || t.ends_with(".go") {
        return Some(path_launch("go", t));
    }
    let (m, v) = match t.split_once('@') {
        Some((m, v)) => (m.to_string(), Some(v.to_string())),
        None => (t.clone(), None),
    };
    Some(Launch {
        runner: "go".into(),
        ecosystem: "go".into(),
        target: m,
        version: v,
    })
}

/// `cargo run [--manifest-path P] [-p pkg]`
fn cargo(rest: &[String]) -> Option<Launch> {
    let mut pkg = None;
    let mut manifest = None;
    let mut i = 0;
    while i < rest.len() {
        let a = rest[i].as_str();
        match a {
            "--" => break,
            "-p" | "--package" | "--bin" => {
                pkg = pkg.or(rest.get(i + 1).cloned());
                i += 1;
            }
            "--manifest-path" => {
                manifest = rest.get(i + 1).cloned();
                i += 1;
            }
            _ => {
                if let Some(m) = a.strip_prefix("--manifest-path=") {
                    manifest = Some(m.to_string());
                }
            }
        }
        i += 1;
    }
    if let Some(p) = pkg {
        return Some(Launch {
            runner: "cargo".into(),
            ecosystem: "cargo".into(),
            target: p,
            version: None,
        });
    }
    let dir = manifest
        .map(|m| {
            m.trim_end_matches("Cargo.toml")
                .trim_end_matches('/')
                .to_string()
        })
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| ".".into());
    Some(path_launch("cargo", &dir))
}

/// `dotnet run --project P`, `dotnet tool run x`, `dnx Package@version`
fn dotnet(prog: &str, rest: &[String]) -> Option<Launch> {
    if prog == "dnx" {
        let t = rest.iter().find(|a| !a.starts_with('-'))?;
        let (name, version) = split_npm_spec(t);
        return Some(Launch {
            runner: "dotnet".into(),
            ecosystem: "nuget".into(),
            target: name,
            version,
        });
    }
    if let Some(i) = rest.iter().position(|a| a == "--project") {
        return Some(path_launch("dotnet", rest.get(i + 1)?));
    }
    let t = rest
        .iter()
        .find(|a| a.ends_with(".dll") || a.ends_with(".csproj"))?;
    Some(path_launch("dotnet", t))
}

/// Pinning warnings for a launch: `unpinned`, `latest`, `version-range`.
pub fn pinning(l: &Launch) -> Option<&'static str> {
    if !matches!(
        l.ecosystem.as_str(),
        "npm" | "pypi" | "oci" | "go" | "nuget" | "jsr"
    ) {
        return None;
    }
    let Some(v) = l.version.as_deref() else {
        return Some("unpinned");
    };
    let v = v.trim();
    let exact = |s: &str| {
        let s = s.trim_start_matches('v');
        !s.is_empty()
            && s.starts_with(|c: char| c.is_ascii_digit())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+'))
            && !s.contains(".x")
            && !s.ends_with(".*")
    };
    match l.ecosystem.as_str() {
        "oci" => {
            if v.contains("sha256:") {
                None
            } else if v == "latest" {
                Some("latest")
            } else {
                None
            }
        }
        "pypi" => {
            if v == "latest" || v == "@latest" {
                Some("latest")
            } else if let Some(x) = v.strip_prefix("==").or_else(|| v.strip_prefix("===")) {
                (!exact(x.trim())).then_some("version-range")
            } else if exact(v) {
                None
            } else {
                Some("version-range")
            }
        }
        _ => {
            if v == "latest" {
                Some("latest")
            } else if exact(v) || v.len() >= 7 && v.chars().all(|c| c.is_ascii_hexdigit()) {
                None
            } else {
                Some("version-range")
            }
        }
    }
}

/// Is this URL's host this machine?
pub fn is_loopback_url(url: &str) -> bool {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let host_port = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = host_port.rsplit('@').next().unwrap_or(host_port);
    let host = if host_port.starts_with('[') {
        host_port
            .split(']')
            .next()
            .unwrap_or("")
            .trim_start_matches('[')
    } else {
        host_port.split(':').next().unwrap_or("")
    };
    let h = host.to_ascii_lowercase();
    h == "localhost"
        || h.ends_with(".localhost")
        || h.starts_with("127.")
        || h == "::1"
        || h == "0.0.0.0"
        || h == "host.docker.internal"
        || h.starts_with("${")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(cmd: &str, args: &[&str]) -> Launch {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        analyse(cmd, &args).unwrap()
    }

    #[test]
    fn packages_and_pinning() {
        let l = a("npx", &["-y", "@acme/weather-mcp@1.2.3"]);
        assert_eq!(
            (l.target.as_str(), l.version.as_deref()),
            ("@acme/weather-mcp", Some("1.2.3"))
        );
        assert_eq!(pinning(&l), None);
        assert_eq!(pinning(&a("npx", &["-y", "@acme/x"])), Some("unpinned"));
        assert_eq!(pinning(&a("npx", &["x@latest"])), Some("latest"));
        assert_eq!(pinning(&a("npx", &["x@^1.2"])), Some("version-range"));
        assert_eq!(pinning(&a("uvx", &["mcp-server-git==0.6.2"])), None);
        assert_eq!(pinning(&a("uvx", &["mcp-server-git"])), Some("unpinned"));
        assert_eq!(
            a("uvx", &["--from", "acme-mcp==1.0", "acme-server"]).target,
            "acme-mcp"
        );
        let d = a(
            "docker",
            &["run", "-i", "--rm", "-e", "TOKEN", "ghcr.io/acme/x:1.0"],
        );
        assert_eq!(
            (d.target.as_str(), d.version.as_deref()),
            ("ghcr.io/acme/x", Some("1.0"))
        );
        assert_eq!(
            pinning(&a("docker", &["run", "-i", "acme/x"])),
            Some("unpinned")
        );
        assert_eq!(
            pinning(&a("docker", &["run", "acme/x:latest"])),
            Some("latest")
        );
        assert_eq!(
            pinning(&a("docker", &["run", "localhost:5000/x@sha256:abcd"])),
            None
        );
        assert_eq!(a("cmd", &["/c", "npx", "-y", "pkg"]).target, "pkg");
        assert_eq!(a("npx -y pkg@2.0.0", &[]).version.as_deref(), Some("2.0.0"));
    }

    #[test]
    fn paths_and_modules() {
        let l = a("node", &["weather/build/index.js"]);
        assert_eq!(
            (l.ecosystem.as_str(), l.target.as_str()),
            ("path", "weather/build/index.js")
        );
        let l = a("python", &["-m", "acme_server"]);
        assert_eq!(
            (l.ecosystem.as_str(), l.target.as_str()),
            ("python-module", "acme_server")
        );
        let l = a("uv", &["--directory", "/x/proj", "run", "server.py"]);
        assert_eq!(l.target, "/x/proj/server.py");
        let l = a(
            "uv",
            &["run", "--with", "mcp", "mcp", "run", "tools/srv.py"],
        );
        assert_eq!(l.target, "tools/srv.py");
        let l = a("go", &["run", "github.com/acme/mcp/cmd/srv@v1.0.0"]);
        assert_eq!(pinning(&l), None);
        assert!(is_loopback_url("http://localhost:3000/mcp"));
        assert!(!is_loopback_url("http://mcp.example.com/mcp"));
    }
}
