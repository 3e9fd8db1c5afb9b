//! `ideverket-bindgen INPUT.wasm OUT_DIR`: what `wasm-bindgen --target web --no-typescript
//! --out-name ideverket --out-dir OUT_DIR INPUT.wasm` does (its CLI's defaults otherwise), with
//! the library that CLI runs. Writes `ideverket.js` and `ideverket_bg.wasm` into OUT_DIR.
//! setup.sh's `build_site` runs it; nothing else does.

use std::path::PathBuf;
use std::process::ExitCode;

use wasm_bindgen_cli_support::Bindgen;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let [input, out_dir] = args.as_slice() else {
        eprintln!("usage: ideverket-bindgen INPUT.wasm OUT_DIR");
        return ExitCode::from(2);
    };
    match generate(PathBuf::from(input), PathBuf::from(out_dir)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("ideverket-bindgen: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// The CLI's settings for `--target web --no-typescript --out-name ideverket`. The library's
/// defaults differ from the CLI's in one, the default module path, which the CLI keeps; both
/// read reference types from the wasm's target features.
fn generate(input: PathBuf, out_dir: PathBuf) -> anyhow::Result<()> {
    let mut bindgen = Bindgen::new();
    bindgen
        .web(true)?
        .input_path(input)
        .typescript(false)
        .omit_default_module_path(false)
        .out_name("ideverket");
    bindgen.generate(out_dir)
}
