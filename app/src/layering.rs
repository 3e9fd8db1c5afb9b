//! The import rules of STYLE.md, checked on the source: no module imports a module that
//! imports it back, `core` imports no feature, `ui` imports only `core`. A module is a
//! top-level folder or file of `app/src`; an import is any `crate::<module>` path in it.

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
fn a_cycle_is_found_when_there_is_one() {
    let mut graph = Graph::new();
    graph.entry("a".into()).or_default().insert("b".into());
    graph.entry("b".into()).or_default().insert("c".into());
    graph.entry("c".into()).or_default().insert("a".into());
    graph.entry("d".into()).or_default().insert("a".into());
    assert_eq!(cycles(&graph), vec![vec!["a", "b", "c", "a"]]);
}
