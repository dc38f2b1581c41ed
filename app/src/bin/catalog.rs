//! Writes `catalog.json` (every lesson and rule) to the path given; run by trunk's
//! post-build hook so the site publishes it at its root.

fn main() {
    let Some(out) = std::env::args().nth(1) else {
        eprintln!("usage: catalog <output file>");
        std::process::exit(2);
    };
    let json = app::catalog::to_json();
    if let Err(e) = std::fs::write(&out, json) {
        eprintln!("catalog: writing {out}: {e}");
        std::process::exit(1);
    }
}
