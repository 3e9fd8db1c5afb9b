//! The import rules of STYLE.md, checked on the source: no module imports a module that
//! imports it back, `core` imports no feature, `ui` imports only `core`; the floors (issue 25):
//! no module imports one on a floor above its own, the strands stand side by side and read
//! one another only through `domain`, `read` and `write`, and every table belongs to one feature. A
//! module is a top-level folder or file of `app/src`; an import is any `crate::<module>` path
//! in it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Graph = BTreeMap<String, BTreeSet<String>>;

fn source_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            source_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Module → the other modules it names as `crate::<module>`.
fn import_graph(src: &Path) -> Graph {
    let mut files = Vec::new();
    source_files(src, &mut files);
    let module_of = |path: &Path| -> Option<String> {
        let first = path.strip_prefix(src).ok()?.components().next()?;
        let name = first.as_os_str().to_str()?;
        Some(name.trim_end_matches(".rs").to_owned())
    };
    let modules: BTreeSet<String> = files.iter().filter_map(|p| module_of(p)).collect();
    let mut graph = Graph::new();
    for file in &files {
        let (Some(from), Ok(text)) = (module_of(file), std::fs::read_to_string(file)) else {
            continue;
        };
        for (at, _) in text.match_indices("crate::") {
            let rest = &text[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if name != from && modules.contains(&name) {
                graph.entry(from.clone()).or_default().insert(name);
            }
        }
    }
    graph
}

/// Every cycle found by a depth-first walk, as the modules along it.
fn cycles(graph: &Graph) -> Vec<Vec<String>> {
    fn walk(
        node: &str,
        graph: &Graph,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
        found: &mut Vec<Vec<String>>,
    ) {
        if let Some(start) = path.iter().position(|n| n == node) {
            let mut cycle = path[start..].to_vec();
            cycle.push(node.to_owned());
            found.push(cycle);
            return;
        }
        if done.contains(node) {
            return;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            walk(next, graph, path, done, found);
        }
        path.pop();
        done.insert(node.to_owned());
    }
    let mut found = Vec::new();
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        walk(node, graph, &mut Vec::new(), &mut done, &mut found);
    }
    found
}

/// STYLE.md's floors, bottom first: `core` and `ui`; the platform; the strands side by side;
/// what puts them together (the pages, the shell, the registry).
const FLOORS: &[&[&str]] = &[
    &["core", "entities", "ui"],
    &[
        "auth",
        "http",
        "org",
        "users",
        "audit",
        "notifications",
        "feature",
    ],
    &["portfolio", "lup", "fund", "prize", "posts"],
    &["pages", "shell", "registry", "api_docs", "layering", "lib"],
];

/// The floor of the strands, who read one another only through these modules.
const STRANDS: usize = 2;
const PUBLISHED: &[&str] = &["domain", "read", "write"];

fn floor_of(module: &str) -> Option<usize> {
    FLOORS.iter().position(|floor| floor.contains(&module))
}

/// One `crate::<to>::<then>` path in a file of `from`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Import {
    from: String,
    to: String,
    then: String,
    file: String,
}

/// Every `crate::<module>::<segment>` path of the app's source, and every `super::` path
/// that climbs out of its file's top-level module (read as the `crate::` path it names).
fn imports(src: &Path) -> Vec<Import> {
    let mut files = Vec::new();
    source_files(src, &mut files);
    let mut found = Vec::new();
    for file in &files {
        let Ok(relative) = file.strip_prefix(src) else {
            continue;
        };
        let Some(depth) = module_depth(relative) else {
            continue;
        };
        let Some(from) = relative
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .map(|first| first.trim_end_matches(".rs").to_owned())
        else {
            continue;
        };
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        let name = file.display().to_string();
        found.extend(
            paths_in(&text)
                .into_iter()
                .chain(climbing_paths_in(&text, depth))
                .map(|(to, then)| Import {
                    from: from.clone(),
                    to,
                    then,
                    file: name.clone(),
                }),
        );
    }
    found
}

/// How deep the module of the file at `relative` (to `src`) stands below the crate root:
/// `lib.rs` 0, `prize.rs` and `prize/mod.rs` 1, `prize/service/ballots.rs` 3.
fn module_depth(relative: &Path) -> Option<usize> {
    let parts: Vec<&str> = relative
        .components()
        .map(|c| c.as_os_str().to_str())
        .collect::<Option<_>>()?;
    let last = *parts.last()?;
    Some(match last {
        "lib.rs" | "main.rs" if parts.len() == 1 => 0,
        "mod.rs" => parts.len() - 1,
        _ => parts.len(),
    })
}

/// The `super::super::…::<module>::<segment>` paths in `text` of a module `depth` below the
/// crate root that climb to the root, as the `(module, segment)` they name.
fn climbing_paths_in(text: &str, depth: usize) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(start) = text[at..].find("super::") {
        let begin = at + start;
        let preceded = text[..begin]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':');
        let mut rest = &text[begin..];
        let mut climbs = 0;
        while let Some(after) = rest.strip_prefix("super::") {
            climbs += 1;
            rest = after;
        }
        at = begin + climbs * "super::".len();
        if !preceded && climbs >= depth && depth > 0 {
            from_root(rest, &mut found);
        }
    }
    found
}

fn ident(text: &str) -> String {
    text.chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

/// The `crate::<module>::<segment>` paths in `text`, braced groups included:
/// `crate::{lup::service, portfolio::{read, domain}}` names `lup::service`, `portfolio::read`
/// and `portfolio::domain`.
fn paths_in(text: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices("crate::") {
        from_root(&text[at + "crate::".len()..], &mut found);
    }
    found
}

/// The paths at the crate's root that `rest` (what follows `crate::`) names: one, or a
/// braced group of them.
fn from_root(rest: &str, found: &mut Vec<(String, String)>) {
    match rest.strip_prefix('{') {
        Some(group) => {
            for item in group_items(group) {
                module_then(item.trim(), found);
            }
        }
        None => module_then(rest, found),
    }
}

/// `module::then…`, `module::{a, b}` or `module` at the start of `path`.
fn module_then(path: &str, found: &mut Vec<(String, String)>) {
    let to = ident(path);
    if to.is_empty() {
        return;
    }
    match path[to.len()..].strip_prefix("::") {
        Some(after) => match after.strip_prefix('{') {
            Some(group) => {
                for item in group_items(group) {
                    found.push((to.clone(), ident(item.trim())));
                }
            }
            None => found.push((to, ident(after))),
        },
        None => found.push((to, String::new())),
    }
}

/// The top-level items of a braced group whose `{` is just before `text`, up to its `}`.
fn group_items(text: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                items.push(&text[start..i]);
                return items;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items
}

/// The imports that break the floors: a module naming one on a floor above its own, or a
/// strand naming another strand's inside (anything but its `domain`, `read` and `write`).
fn floor_breaches(imports: &[Import]) -> Vec<String> {
    imports
        .iter()
        .filter(|i| i.from != i.to)
        .filter_map(|i| {
            let (from, to) = (floor_of(&i.from)?, floor_of(&i.to)?);
            let above = to > from;
            let inside = from == STRANDS && to == STRANDS && !PUBLISHED.contains(&i.then.as_str());
            (above || inside).then(|| format!("{}: crate::{}::{}", i.file, i.to, i.then))
        })
        .collect()
}

fn app_imports() -> Vec<Import> {
    imports(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"))
}

fn app_graph() -> Graph {
    import_graph(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"))
}

#[test]
fn no_module_imports_a_module_that_imports_it_back() {
    let graph = app_graph();
    assert!(
        graph.contains_key("users"),
        "the source was not read: {graph:?}"
    );
    assert_eq!(cycles(&graph), Vec::<Vec<String>>::new());
}

#[test]
fn core_imports_no_feature_and_ui_only_core() {
    let graph = app_graph();
    let core: Vec<&String> = graph.get("core").into_iter().flatten().collect();
    assert!(
        core.iter().all(|m| *m == "entities"),
        "core imports {core:?}"
    );
    let ui: Vec<&String> = graph.get("ui").into_iter().flatten().collect();
    assert!(ui.iter().all(|m| *m == "core"), "ui imports {ui:?}");
}

#[test]
fn every_module_stands_on_a_floor_and_imports_none_above_it() {
    let imports = app_imports();
    let modules: BTreeSet<&str> = imports.iter().map(|i| i.from.as_str()).collect();
    let unplaced: Vec<&&str> = modules.iter().filter(|m| floor_of(m).is_none()).collect();
    assert!(unplaced.is_empty(), "modules on no floor: {unplaced:?}");
    assert!(modules.contains("prize"), "the source was not read");
    assert_eq!(floor_breaches(&imports), Vec::<String>::new());
}

#[test]
fn a_planted_cross_feature_import_is_found() {
    let planted = |from: &str, to: &str, then: &str| Import {
        from: from.into(),
        to: to.into(),
        then: then.into(),
        file: format!("{from}/x.rs"),
    };
    // The strands read each other's domain and read module, and change each other through
    // the write module; nothing else.
    assert!(
        floor_breaches(&[
            planted("prize", "lup", "domain"),
            planted("lup", "portfolio", "read")
        ])
        .is_empty()
    );
    assert_eq!(
        floor_breaches(&[planted("prize", "lup", "service")]),
        ["prize/x.rs: crate::lup::service"]
    );
    // The platform never names a strand, nor anything the registry above.
    assert_eq!(
        floor_breaches(&[
            planted("users", "portfolio", "domain"),
            planted("auth", "shell", "App")
        ]),
        [
            "users/x.rs: crate::portfolio::domain",
            "auth/x.rs: crate::shell::App"
        ]
    );
    // A strand's tables are its own: another strand naming them is found.
    let tables: Vec<Import> = paths_in("use crate::portfolio::entities::{project, idea};")
        .into_iter()
        .map(|(to, then)| planted("prize", &to, &then))
        .collect();
    assert_eq!(
        floor_breaches(&tables),
        ["prize/x.rs: crate::portfolio::entities"]
    );
    assert_eq!(
        paths_in("x crate::lup::read::f y"),
        [("lup".to_owned(), "read".to_owned())]
    );
    // Braced groups hide nothing: a planted import through one is found.
    let grouped = paths_in("use crate::{core::x, portfolio::{read, service::list}};");
    let pairs: Vec<(&str, &str)> = grouped
        .iter()
        .map(|(to, then)| (to.as_str(), then.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("core", "x"),
            ("portfolio", "read"),
            ("portfolio", "service")
        ]
    );
    // A path that climbs out of its module with `super::` is read as the one it names.
    assert_eq!(
        climbing_paths_in("use super::super::super::lup::service::x;", 3),
        [("lup".to_owned(), "service".to_owned())]
    );
    assert_eq!(
        climbing_paths_in("use super::super::domain::x; use super::y;", 3),
        Vec::<(String, String)>::new(),
        "climbing within its own module names no other"
    );
    assert_eq!(module_depth(Path::new("prize/service/ballots.rs")), Some(3));
    assert_eq!(module_depth(Path::new("prize/mod.rs")), Some(1));
    let planted_group: Vec<Import> = grouped
        .into_iter()
        .map(|(to, then)| planted("lup", &to, &then))
        .collect();
    assert_eq!(
        floor_breaches(&planted_group),
        ["lup/x.rs: crate::portfolio::service"]
    );
}

#[test]
fn a_cycle_is_found_when_there_is_one() {
    let mut graph = Graph::new();
    graph.entry("a".into()).or_default().insert("b".into());
    graph.entry("b".into()).or_default().insert("c".into());
    graph.entry("c".into()).or_default().insert("a".into());
    graph.entry("d".into()).or_default().insert("a".into());
    assert_eq!(cycles(&graph), vec![vec!["a", "b", "c", "a"]]);
}
