use analyzer_core::model::Model;
use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let src = std::fs::read_to_string(path).unwrap();
    let mut p = tree_sitter::Parser::new();
    p.set_language(&tree_sitter_go::LANGUAGE.into()).unwrap();
    let t = Instant::now();
    let tree = p.parse(&src, None).unwrap();
    println!("parse {:?}", t.elapsed());
    let t = Instant::now();
    let m = Model::build(tree.root_node(), &src);
    println!("model {:?} ({} funcs)", t.elapsed(), m.funcs.len());
    let t = Instant::now();
    let a = analyzer_core::analyze(&src, &Default::default());
    println!("full analyze {:?} {}", t.elapsed(), a.diagnostics.len());
}
