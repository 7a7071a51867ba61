//! Every server function has its own address. Two with the same `endpoint` would silently share
//! one URL (the later registration wins), and a form would reach the wrong function — it
//! happened once, between the forum's answer vote and the poll vote.
use std::{collections::HashMap, fs, path::Path};

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn server_function_endpoints_are_unique() {
    let mut files = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut count = 0;
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        for (i, _) in text.match_indices("endpoint = \"") {
            let rest = &text[i + "endpoint = \"".len()..];
            let name = &rest[..rest.find('"').unwrap()];
            count += 1;
            if let Some(other) = seen.insert(name.to_owned(), file.display().to_string()) {
                panic!("endpoint {name:?} in {} and {other}", file.display());
            }
        }
    }
    assert!(count > 50, "found the server functions ({count})");
}
