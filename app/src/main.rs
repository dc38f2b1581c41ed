//! The wasm entry point that trunk builds.

fn main() {
    #[cfg(target_arch = "wasm32")]
    app::start();
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("the app runs in a browser: build it with `cargo xtask build`");
}
