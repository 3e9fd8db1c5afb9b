//! The OpenAPI document as a generated client reads it (issue 26): every body type has a
//! component name of its own, and no answer names a key twice. Read from the document the
//! server builds, and from the source that the document is generated from.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;

fn document() -> Value {
    server::api::document_json(&server::api::build().doc)
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir)
        .expect("the source is readable")
        .flatten()
    {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every type deriving `ToSchema` in `text`, by the name it is given in the document (its
/// own, or `#[schema(as = …)]`'s).
fn schema_types(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices("#[derive(") {
        let after = &text[at..];
        let Some(end) = after.find(")]") else {
            continue;
        };
        if !after[..end].contains("ToSchema") {
            continue;
        }
        // The derive's item: the first `struct` or `enum` after it; the attributes between.
        let Some((start, len)) = ["struct ", "enum "]
            .iter()
            .filter_map(|k| after.find(k).map(|i| (i, k.len())))
            .min()
        else {
            continue;
        };
        let attributes = &after[..start];
        let name: String = after[start + len..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        let renamed = attributes.find("as = ").map(|i| {
            let path: String = attributes[i + 5..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            path.rsplit("::").next().unwrap_or_default().to_owned()
        });
        found.push(renamed.unwrap_or(name));
    }
    found
}

/// Two body types with one name: the document keeps one, and the other's operations are
/// documented with a body no request can satisfy (`POST /projects/{id}/sites` once took the
/// organisation's new-site body).
#[test]
fn every_body_type_has_a_component_name_of_its_own() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut owners: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for name in schema_types(&text) {
            owners
                .entry(name)
                .or_default()
                .push(file.strip_prefix(&src).unwrap().display().to_string());
        }
    }
    assert!(owners.len() > 20, "the source was not read: {owners:?}");
    let shared: Vec<String> = owners
        .iter()
        .filter(|(_, files)| files.len() > 1)
        .map(|(name, files)| format!("{name}: {}", files.join(", ")))
        .collect();
    assert_eq!(shared, Vec::<String>::new(), "component names used twice");
    // And each of the document's components is one of those types, or a generic one of them
    // made for another (`Page_SiteBody`): none comes from nowhere.
    let doc = document();
    let components = doc["components"]["schemas"].as_object().unwrap();
    let known = |name: &str| {
        owners.contains_key(name)
            || name.split_once('_').is_some_and(|(generic, of)| {
                owners.contains_key(generic) && owners.contains_key(of)
            })
    };
    let unknown: Vec<&String> = components.keys().filter(|k| !known(k)).collect();
    assert_eq!(unknown, Vec::<&String>::new());
}

/// The names of the keys a schema's object has, through `allOf` and `$ref`s; a name the
/// parts give twice is in `twice`.
fn keys_of(
    schema: &Value,
    components: &serde_json::Map<String, Value>,
    twice: &mut BTreeSet<String>,
) -> BTreeSet<String> {
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference.rsplit('/').next().unwrap_or_default();
        return components
            .get(name)
            .map(|s| keys_of(s, components, twice))
            .unwrap_or_default();
    }
    let mut keys: BTreeSet<String> = schema["properties"]
        .as_object()
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    for part in schema["allOf"].as_array().into_iter().flatten() {
        for key in keys_of(part, components, twice) {
            if !keys.insert(key.clone()) {
                twice.insert(key);
            }
        }
    }
    keys
}

/// A detail body that flattens a list body and adds a field of the same name answers
/// `"groups":19,…,"groups":[…]`; JSON parsers differ on which they keep.
#[test]
fn no_answer_names_a_key_twice() {
    let doc = document();
    let components = doc["components"]["schemas"].as_object().unwrap();
    let clashes: Vec<String> = components
        .iter()
        .filter_map(|(name, schema)| {
            let mut twice = BTreeSet::new();
            keys_of(schema, components, &mut twice);
            (!twice.is_empty()).then(|| format!("{name}: {twice:?}"))
        })
        .collect();
    assert_eq!(clashes, Vec::<String>::new());
    // The check finds a clash where there is one.
    let planted: serde_json::Map<String, Value> = serde_json::from_value(serde_json::json!({
        "Row": { "type": "object", "properties": { "groups": { "type": "integer" } } },
    }))
    .unwrap();
    let detail = serde_json::json!({ "allOf": [
        { "$ref": "#/components/schemas/Row" },
        { "type": "object", "properties": { "groups": { "type": "array" } } },
    ]});
    let mut twice = BTreeSet::new();
    keys_of(&detail, &planted, &mut twice);
    assert_eq!(twice, BTreeSet::from(["groups".to_owned()]));
}

/// A list answers `{items, total, limit, offset}` and takes `limit` and `offset`: a bare
/// array cannot be paged, and a client cannot tell it has everything.
#[test]
fn every_list_answers_a_page_and_takes_limit_and_offset() {
    let doc = document();
    let mut bare = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        let Some(get) = item.get("get") else { continue };
        let schema = &get["responses"]["200"]["content"]["application/json"]["schema"];
        if schema["type"] == "array" {
            bare.push(format!("GET {path}: a bare array"));
        }
        let pages = schema["$ref"]
            .as_str()
            .is_some_and(|r| r.rsplit('/').next().is_some_and(|n| n.starts_with("Page")));
        if pages {
            let names: Vec<&str> = get["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|p| p["name"].as_str())
                .collect();
            if !(names.contains(&"limit") && names.contains(&"offset")) {
                bare.push(format!("GET {path}: a page without limit and offset"));
            }
        }
    }
    assert_eq!(bare, Vec::<String>::new());
}

/// The document says every status the conventions let an operation answer (issue 26: 401 was
/// undocumented on 38 of 58 operations, 400/413/415 on 24 of 29 that take a body).
#[test]
fn every_operation_documents_the_refusals_it_can_answer() {
    let doc = document();
    let mut missing = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let statuses = operation["responses"].as_object().unwrap();
            let mut owed = vec!["401"];
            if path.contains('{') {
                owed.push("404");
            }
            if operation.get("requestBody").is_some() {
                owed.extend(["400", "413", "415", "422"]);
            }
            for status in owed {
                if !statuses.contains_key(status) {
                    missing.push(format!("{method} {path}: {status}"));
                }
            }
        }
    }
    assert_eq!(missing, Vec::<String>::new());
    // The published results and years are public: the document says a token is optional
    // there (issue 30: the years' list answered visitors while it said a token was needed).
    for path in ["/api/v1/prize/years/{id}/results", "/api/v1/prize/years"] {
        let security = &doc["paths"][path]["get"]["security"];
        assert!(
            security
                .as_array()
                .is_some_and(|s| s.iter().any(|r| r == &serde_json::json!({}))),
            "{path}: {security}"
        );
    }
}

/// What a schema leaves open that the service does not: a text with no length, pattern, choice
/// or format; a number with no bounds (ids included). Answers the paths of those it finds.
fn open_ends(
    schema: &Value,
    doc: &Value,
    at: &str,
    seen: &mut BTreeSet<String>,
    out: &mut Vec<String>,
) {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let name = reference.rsplit('/').next().unwrap_or_default().to_owned();
        if seen.insert(name.clone()) {
            open_ends(&doc["components"]["schemas"][&name], doc, &name, seen, out);
        }
        return;
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        for part in schema[key].as_array().into_iter().flatten() {
            open_ends(part, doc, at, seen, out);
        }
    }
    let types: Vec<&str> = match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let has = |k: &str| !schema[k].is_null();
    if types.contains(&"string")
        && !(has("enum") || has("pattern") || has("format") || has("maxLength"))
    {
        out.push(format!(
            "{at}: text without a length, pattern, choice or format"
        ));
    }
    if types.contains(&"integer") && !(has("enum") || (has("minimum") && has("maximum"))) {
        out.push(format!("{at}: a number without bounds"));
    }
    if types.contains(&"array") {
        open_ends(&schema["items"], doc, &format!("{at}[]"), seen, out);
    }
    if schema["additionalProperties"].is_object() {
        open_ends(
            &schema["additionalProperties"],
            doc,
            &format!("{at}{{}}"),
            seen,
            out,
        );
    }
    for (name, property) in schema["properties"].as_object().into_iter().flatten() {
        open_ends(property, doc, &format!("{at}.{name}"), seen, out);
    }
}

/// Issue 26, point 6: what a client may send is as strict in the document as the service's
/// parsing: every field of every request body and every path and query parameter has its
/// lengths, pattern, choices or bounds, written from the domain's own constants.
#[test]
fn every_request_field_and_parameter_says_what_the_service_accepts() {
    let doc = document();
    let mut found = Vec::new();
    let mut seen = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().expect("an item") {
            let at = format!("{} {path}", method.to_uppercase());
            let body = &operation["requestBody"]["content"]["application/json"]["schema"];
            if !body.is_null() {
                open_ends(body, &doc, &at, &mut seen, &mut found);
            }
            for parameter in operation["parameters"].as_array().into_iter().flatten() {
                let name = parameter["name"].as_str().unwrap_or_default();
                open_ends(
                    &parameter["schema"],
                    &doc,
                    &format!("{at} ?{name}"),
                    &mut BTreeSet::new(),
                    &mut found,
                );
            }
        }
    }
    assert!(
        found.is_empty(),
        "open ends in the document:\n{}",
        found.join("\n")
    );
}

/// Issue 26, point 7: a create links to the read of what it made (Schemathesis's stateful
/// phase follows these), named as OpenAPI names a link's fields.
#[test]
fn a_create_links_to_the_read_of_what_it_made() {
    let doc = document();
    let created = &doc["paths"]["/api/v1/projects"]["post"]["responses"]["201"];
    assert_eq!(
        created["links"]["read"]["operationId"], "get_project",
        "{created}"
    );
    assert_eq!(
        created["links"]["read"]["parameters"]["id"],
        "$response.body#/id"
    );
    let paths = doc["paths"].as_object().expect("paths");
    for (path, item) in paths {
        let read = paths
            .get(&format!("{path}/{{id}}"))
            .and_then(|i| i["get"]["operationId"].as_str());
        if let (Some(read), Some(created)) = (read, item["post"]["responses"].get("201")) {
            assert_eq!(created["links"]["read"]["operationId"], read, "POST {path}");
        }
    }
    let text = doc["paths"].to_string();
    assert!(!text.contains("\"operation_id\""), "a link in snake case");
}
