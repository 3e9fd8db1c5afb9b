//! The built files under `/pkg` and the content-hashed names they are served under.
//!
//! The build (`setup.sh`, `publish_assets`) copies `ideverket.css` to `ideverket.<hash>.css`
//! and so on, and lists the pairs in `assets.txt` in the site root, one `logical served` pair a
//! line. A name that carries its content's hash never changes meaning, so browsers may keep it
//! for a year (DESIGN §9, issue 10); the HTML names the hashed files. Leptos's own `hash_files`
//! reads a `hash.txt` beside the server executable, which ties one binary to one site build;
//! this list sits in the site root that `IDEVERKET_SITE_ROOT` already chooses.

use std::collections::BTreeMap;

/// The wasm-bindgen glue and the bundle it loads.
const JS: &str = "ideverket.js";
const WASM: &str = "ideverket_bg.wasm";
pub const STYLESHEET: &str = "ideverket.css";
pub const ICON: &str = "favicon.svg";

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SiteAssets {
    /// Logical name → the hashed file name it is served under.
    served: BTreeMap<String, String>,
    /// A short fingerprint of every served name ([`SiteAssets::version`]), made once.
    version: String,
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum AssetListError {
    #[error("line {0} of assets.txt is not `name hashed-name`")]
    BadLine(usize),
    #[error("assets.txt lacks {0}")]
    Missing(&'static str),
    #[error("assets.txt names the wasm {wasm} for the glue {js}; they must share one hash")]
    Mismatch { js: String, wasm: String },
}

fn fingerprint(served: &BTreeMap<String, String>) -> String {
    use sha2::Digest;
    let mut digest = sha2::Sha256::new();
    for name in served.values() {
        digest.update(name.as_bytes());
        digest.update(b"\n");
    }
    hex::encode(&digest.finalize()[..6])
}

impl SiteAssets {
    /// Parses `assets.txt`. The glue and the wasm must share one stem, because Leptos derives
    /// the wasm's name from the glue's (`<output_name>_bg.wasm`).
    pub fn parse(text: &str) -> Result<Self, AssetListError> {
        let mut served = BTreeMap::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let mut words = line.split_whitespace();
            match (words.next(), words.next(), words.next()) {
                (Some(logical), Some(hashed), None) if is_plain_file_name(hashed) => {
                    served.insert(logical.to_owned(), hashed.to_owned());
                }
                _ => return Err(AssetListError::BadLine(n + 1)),
            }
        }
        let version = fingerprint(&served);
        let assets = Self { served, version };
        for required in [JS, WASM, STYLESHEET, ICON] {
            if !assets.served.contains_key(required) {
                return Err(AssetListError::Missing(required));
            }
        }
        let stem = assets.output_name();
        let wasm = assets.file(WASM);
        if wasm != format!("{stem}_bg.wasm") {
            return Err(AssetListError::Mismatch {
                js: assets.file(JS).to_owned(),
                wasm: wasm.to_owned(),
            });
        }
        Ok(assets)
    }

    /// The served file name of a logical one; the logical name itself when there is no list
    /// (a build without hashing, or the test harness's stand-in site).
    pub fn file<'a>(&'a self, logical: &'a str) -> &'a str {
        self.served.get(logical).map_or(logical, String::as_str)
    }

    /// The URL path of a logical file under `/pkg`.
    /// A short fingerprint of every served file's name: what a page's validator (`ETag`)
    /// includes, so a new build's pages are never answered 304 from an old one.
    pub fn version(&self) -> &str {
        &self.version
    }

    pub fn url(&self, logical: &str) -> String {
        format!("/pkg/{}", self.file(logical))
    }

    /// Leptos's `output_name`: the glue's file name without `.js`; Leptos appends `.js` and
    /// `_bg.wasm`.
    pub fn output_name(&self) -> &str {
        let js = self.file(JS);
        js.strip_suffix(".js").unwrap_or(js)
    }

    /// Whether `name` (a file name under `/pkg`, without a leading slash) is one of the
    /// hashed files, or a precompressed twin of one; only those may be cached for good.
    pub fn is_hashed(&self, name: &str) -> bool {
        let name = name.trim_start_matches('/');
        let base = name
            .strip_suffix(".gz")
            .or_else(|| name.strip_suffix(".br"))
            .unwrap_or(name);
        self.served
            .iter()
            .any(|(logical, hashed)| hashed == base && hashed != logical)
    }
}

/// A single file name: no folders, nothing a path could climb with.
fn is_plain_file_name(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: &str = "ideverket.js ideverket.0123456789abcdef.js\n\
        ideverket_bg.wasm ideverket.0123456789abcdef_bg.wasm\n\
        ideverket.css ideverket.fedcba9876543210.css\n\
        favicon.svg favicon.00ff00ff00ff00ff.svg\n";

    #[test]
    fn hashed_names_are_read_from_the_list() {
        let assets = SiteAssets::parse(LIST).expect("valid list");
        assert_eq!(
            assets.url(STYLESHEET),
            "/pkg/ideverket.fedcba9876543210.css"
        );
        assert_eq!(assets.output_name(), "ideverket.0123456789abcdef");
        assert_eq!(assets.url(ICON), "/pkg/favicon.00ff00ff00ff00ff.svg");
    }

    #[test]
    fn without_a_list_the_plain_names_are_used() {
        let assets = SiteAssets::default();
        assert_eq!(assets.url(STYLESHEET), "/pkg/ideverket.css");
        assert_eq!(assets.output_name(), "ideverket");
        assert!(!assets.is_hashed("ideverket.css"));
    }

    #[test]
    fn only_hashed_files_and_their_twins_count_as_hashed() {
        let assets = SiteAssets::parse(LIST).expect("valid list");
        assert!(assets.is_hashed("/ideverket.fedcba9876543210.css"));
        assert!(assets.is_hashed("ideverket.fedcba9876543210.css.br"));
        assert!(assets.is_hashed("ideverket.0123456789abcdef_bg.wasm.gz"));
        assert!(!assets.is_hashed("ideverket.css"));
        assert!(!assets.is_hashed("ideverket.1111111111111111.css"));
    }

    #[test]
    fn a_list_missing_a_file_or_with_a_bad_line_is_refused() {
        let without_css: String = LIST
            .lines()
            .filter(|l| !l.contains("css"))
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(
            SiteAssets::parse(&without_css),
            Err(AssetListError::Missing(STYLESHEET))
        );
        assert_eq!(
            SiteAssets::parse("ideverket.js ../../etc/passwd\n"),
            Err(AssetListError::BadLine(1))
        );
        assert_eq!(
            SiteAssets::parse("a b c\n"),
            Err(AssetListError::BadLine(1))
        );
    }

    #[test]
    fn glue_and_wasm_with_different_hashes_are_refused() {
        let list = LIST.replace("0123456789abcdef_bg", "1111111111111111_bg");
        assert!(matches!(
            SiteAssets::parse(&list),
            Err(AssetListError::Mismatch { .. })
        ));
    }
}
