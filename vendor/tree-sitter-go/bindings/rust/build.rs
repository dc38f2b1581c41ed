fn main() {
    let src_dir = std::path::Path::new("src");

    let mut c_config = cc::Build::new();
    c_config.std("c11").include(src_dir);
    // wasm32-unknown-unknown has no libc headers: tree-sitter-language ships the few the
    // generated parser includes (upstream's build script leaves this to CFLAGS).
    if std::env::var("TARGET").as_deref() == Ok("wasm32-unknown-unknown") {
        if let Ok(headers) = std::env::var("DEP_TREE_SITTER_LANGUAGE_WASM_HEADERS") {
            c_config.include(headers);
        }
    }

    let parser_path = src_dir.join("parser.c");
    c_config.file(&parser_path);
    println!("cargo:rerun-if-changed={}", parser_path.to_str().unwrap());

    c_config.compile("tree-sitter-go");
}
