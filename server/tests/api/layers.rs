//! The layers of the code (ARCHITECTURE.md), checked against the sources:
//! imports point down only. Each crate's top-level modules are in one
//! table, a line each; a `crate::` path (or, from the server, an `app::`
//! path) that reaches a module of a higher layer, or a sibling area or
//! composite, fails the test with the file and the import named.

use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Layer {
    Foundation,
    People,
    Area,
    Composite,
    Edge,
}

use Layer::{Area, Composite, Edge, Foundation, People};

/// The app's modules and their layers.
const APP: &[(&str, Layer)] = &[
    ("lib", Edge),
    ("shell", Edge),
    ("pages", Edge),
    ("annual_pack", Composite),
    ("child_page", Composite),
    ("home", Composite),
    ("summary_page", Composite),
    ("advocacy", Area),
    ("consultations", Area),
    ("figures", Area),
    ("letters", Area),
    ("reviews", Area),
    ("settings", Area),
    ("speakerbox", Area),
    ("escalations", Area),
    ("audit_log", Area),
    ("themes", Area),
    ("accounts", People),
    ("layout", People),
    ("autosave", Foundation),
    ("bar_chart", Foundation),
    ("character_count", Foundation),
    ("child_words", Foundation),
    ("dates", Foundation),
    ("disclosure", Foundation),
    ("forms", Foundation),
    ("i18n", Foundation),
    ("not_found", Foundation),
    ("paths", Foundation),
    ("read_aloud", Foundation),
    ("readability", Foundation),
    ("schedule", Foundation),
    ("session_timeout", Foundation),
    ("simpler", Foundation),
    ("site", Foundation),
    ("title", Foundation),
    ("vocabulary", Foundation),
];

/// The server's modules and their layers.
const SERVER: &[(&str, Layer)] = &[
    ("main", Edge),
    ("lib", Edge),
    ("cli", Edge),
    ("demo", Edge),
    ("http", Edge),
    ("startup", Edge),
    ("annual_pack", Composite),
    ("child_page", Composite),
    ("home", Composite),
    ("summary_page", Composite),
    ("advocacy", Area),
    ("consultations", Area),
    ("figures", Area),
    ("letters", Area),
    ("my_information", Area),
    ("reviews", Area),
    ("settings", Area),
    ("speakerbox", Area),
    ("escalations", Area),
    ("audit_log", Area),
    ("themes", Area),
    ("accounts", People),
    ("safety", People),
    ("calendar", Foundation),
    ("config", Foundation),
    ("download", Foundation),
    ("email", Foundation),
    ("outcome", Foundation),
    ("storage", Foundation),
    ("text", Foundation),
];

fn layer_of(table: &[(&str, Layer)], module: &str) -> Option<Layer> {
    table.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

/// May code in `from` (at `from_layer`) use `to` (at `to_layer`)?
/// Downwards always; within the foundation, the people layer and the
/// edges too; never sideways between areas or between composites.
fn allowed(from: &str, from_layer: Layer, to: &str, to_layer: Layer) -> bool {
    from == to
        || to_layer < from_layer
        || (to_layer == from_layer && matches!(from_layer, Foundation | People | Edge))
}

/// The top-level module a source file belongs to (`accounts/pages/join.rs`
/// is `accounts`).
fn module_of(src: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(src).unwrap_or(file);
    let first = relative
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default();
    first.trim_end_matches(".rs").to_owned()
}

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, found)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
    Ok(())
}

/// The source without its comments (so prose that names a module is not
/// an import).
fn without_comments(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            // A `//` inside a string ("https://") is kept when a quote
            // comes before it.
            Some(at) if !line[..at].contains('"') => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first segment of every path that starts with `root::`, including
/// each name in a `root::{a, b::c}` group.
fn imported(text: &str, root: &str) -> Vec<String> {
    let mut found = Vec::new();
    let needle = format!("{root}::");
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(at) = text[from..].find(&needle) {
        let start = from + at;
        from = start + needle.len();
        // Only a whole word: `$crate::` and `my_crate::` are not `crate::`.
        if start > 0 {
            let before = bytes[start - 1];
            if before.is_ascii_alphanumeric() || before == b'_' || before == b'$' {
                continue;
            }
        }
        let rest = &text[from..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => {}
                }
                if depth == 0 || (depth == 1 && c == ',') {
                    let name = item
                        .trim()
                        .split("::")
                        .next()
                        .unwrap_or("")
                        .trim()
                        .to_owned();
                    if !name.is_empty() {
                        found.push(name);
                    }
                    item.clear();
                    if depth == 0 {
                        break;
                    }
                } else if depth >= 1 {
                    item.push(c);
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.push(name);
            }
        }
    }
    found
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every import in `crate`'s sources that runs up a layer or sideways,
/// as "file: module (layer) imports other (layer)".
fn wrong_imports(
    src: &Path,
    table: &[(&str, Layer)],
    root: &str,
    target: &[(&str, Layer)],
) -> anyhow::Result<Vec<String>> {
    let mut files = Vec::new();
    rust_files(src, &mut files)?;
    let mut wrong = Vec::new();
    for file in files {
        let module = module_of(src, &file);
        let Some(from_layer) = layer_of(table, &module) else {
            wrong.push(format!(
                "{} belongs to `{module}`, which has no line in the layers table: add one",
                file.display()
            ));
            continue;
        };
        let text = without_comments(&std::fs::read_to_string(&file)?);
        for to in imported(&text, root) {
            // `crate::App` and the like: items of the crate root, not modules.
            let Some(to_layer) = layer_of(target, &to) else {
                if to.chars().next().is_some_and(char::is_lowercase) && root == "crate" {
                    wrong.push(format!(
                        "{}: `{root}::{to}` is a module with no line in the layers table",
                        file.display()
                    ));
                }
                continue;
            };
            if !allowed(&module, from_layer, &to, to_layer) {
                wrong.push(format!(
                    "{}: `{module}` ({from_layer:?}) imports `{root}::{to}` ({to_layer:?})",
                    file.display()
                ));
            }
        }
    }
    Ok(wrong)
}

#[test]
fn app_imports_point_down_only() -> anyhow::Result<()> {
    let src = workspace().join("app/src");
    let wrong = wrong_imports(&src, APP, "crate", APP)?;
    anyhow::ensure!(
        wrong.is_empty(),
        "imports against the layers:\n{}",
        wrong.join("\n")
    );
    Ok(())
}

#[test]
fn server_imports_point_down_only() -> anyhow::Result<()> {
    let src = workspace().join("server/src");
    let mut wrong = wrong_imports(&src, SERVER, "crate", SERVER)?;
    // The server's modules use the app's contract: an area its own area's
    // types, and anything from the app's lower layers.
    wrong.extend(wrong_imports(&src, SERVER, "app", APP)?);
    anyhow::ensure!(
        wrong.is_empty(),
        "imports against the layers:\n{}",
        wrong.join("\n")
    );
    Ok(())
}

#[test]
fn every_source_file_is_found() -> anyhow::Result<()> {
    // The walk reaches nested folders (an area's pages): were it to find
    // nothing, every check above would pass for nothing.
    let mut files = Vec::new();
    rust_files(&workspace().join("app/src"), &mut files)?;
    anyhow::ensure!(files.iter().any(|f| f.ends_with("accounts/pages/join.rs")));
    anyhow::ensure!(files.len() > 40, "only {} files", files.len());
    Ok(())
}

#[test]
fn the_check_sees_an_upward_import() {
    // A people-layer module reaching up into an area, and one area into
    // another: both must be found.
    let text = "use crate::{advocacy::Stage, storage::Db};\nfn f() { crate::letters::x(); }";
    let names = imported(text, "crate");
    assert_eq!(names, ["advocacy", "storage", "letters"]);
    assert!(!allowed("accounts", People, "advocacy", Area));
    assert!(!allowed("consultations", Area, "letters", Area));
    assert!(!allowed("home", Composite, "child_page", Composite));
    assert!(allowed("home", Composite, "letters", Area));
    assert!(allowed("safety", People, "accounts", People));
    assert!(allowed("advocacy", Area, "advocacy", Area));
    assert!(imported("$crate::accounts::x", "crate").is_empty());
}
