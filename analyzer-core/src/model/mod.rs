//! The file-local semantic model: imports with aliases, scopes, declarations and the types
//! that are evident from this file. Rules ask it questions ("is `t.NewTicker` really
//! `time.NewTicker`?", "was `ch` made unbuffered?") instead of matching text.
//!
//! Architecture invariant: the model is built in one iterative pre-order walk; nothing here
//! recurses on the tree, and nothing looks outside the one file.

pub mod errs;
pub mod flow;
pub mod locks;
pub mod stdlib;
pub mod ty;

use crate::syntax::{self, KindStr as _, fields as F, list_items, named_children, unparen};
use std::cell::Cell;
use std::collections::HashMap;
use tree_sitter::Node;
pub use ty::{Buffering, Ty};

pub type ScopeId = usize;
pub type DeclId = usize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportName {
    /// `import "net/http"`: the package's own name, taken as the last path element.
    Default(String),
    /// `import t "time"`
    Alias(String),
    /// `import . "time"`
    Dot,
    /// `import _ "net/http/pprof"`
    Blank,
}

#[derive(Debug, Clone)]
pub struct Import {
    pub path: String,
    pub name: ImportName,
    pub start_byte: usize,
    pub end_byte: usize,
}

impl Import {
    /// The identifier the file uses for this package, if any.
    pub fn local_name(&self) -> Option<&str> {
        match &self.name {
            ImportName::Default(n) | ImportName::Alias(n) => Some(n),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeclKind {
    Var,
    Const,
    Param,
    Result,
    Receiver,
    Func,
    Type,
}

#[derive(Debug, Clone)]
pub struct Decl<'t> {
    pub name: String,
    pub kind: DeclKind,
    pub scope: ScopeId,
    /// The identifier that declares it.
    pub node: Node<'t>,
    /// Byte offset from which the name is visible.
    pub visible_from: usize,
    pub ty: Ty,
    /// The expression it was initialised with, when it is one-to-one.
    pub init: Option<Node<'t>>,
}

#[derive(Debug, Clone)]
struct Scope {
    parent: Option<ScopeId>,
    start: usize,
    end: usize,
    decls: Vec<DeclId>,
}

/// A top-level function or method of this file.
#[derive(Debug, Clone)]
pub struct FuncInfo<'t> {
    pub node: Node<'t>,
    pub name: String,
    /// Receiver type name for methods (`Cache` for `func (c *Cache) Get()`).
    pub receiver: Option<String>,
    pub pointer_receiver: bool,
    pub params: Vec<(String, Ty)>,
    pub results: Vec<Ty>,
}

/// What an identifier refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved {
    Local(DeclId),
    /// An imported package (index into `imports`).
    Package(usize),
    /// A predeclared name (`make`, `close`, `len`, `error`, ...).
    Builtin,
    Unresolved,
}

/// The function a call expression calls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Callee {
    /// A package-level function of an import: `time.NewTicker` (`path` is the import path).
    Pkg {
        path: String,
        name: String,
    },
    /// A method call `x.m()` on a value whose type may be known.
    Method {
        recv_ty: Ty,
        name: String,
    },
    /// A function of this file.
    Local {
        name: String,
    },
    Builtin {
        name: String,
    },
    Unknown,
}

impl Callee {
    pub fn is_pkg(&self, path: &str, name: &str) -> bool {
        matches!(self, Callee::Pkg { path: p, name: n } if p == path && n == name)
    }
    pub fn is_pkg_any(&self, path: &str, names: &[&str]) -> bool {
        matches!(self, Callee::Pkg { path: p, name: n } if p == path && names.contains(&n.as_str()))
    }
    pub fn is_builtin(&self, name: &str) -> bool {
        matches!(self, Callee::Builtin { name: n } if n == name)
    }
    pub fn method_name(&self) -> Option<&str> {
        match self {
            Callee::Method { name, .. } => Some(name),
            _ => None,
        }
    }
}

const BUILTINS: &[&str] = &[
    "append",
    "cap",
    "clear",
    "close",
    "complex",
    "copy",
    "delete",
    "imag",
    "len",
    "make",
    "max",
    "min",
    "new",
    "panic",
    "print",
    "println",
    "real",
    "recover",
    "error",
    "any",
    "bool",
    "byte",
    "rune",
    "string",
    "int",
    "int8",
    "int16",
    "int32",
    "int64",
    "uint",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "uintptr",
    "float32",
    "float64",
    "complex64",
    "complex128",
    "true",
    "false",
    "nil",
    "iota",
    "comparable",
];

pub struct Model<'t> {
    pub src: &'t str,
    pub root: Node<'t>,
    pub imports: Vec<Import>,
    pub funcs: Vec<FuncInfo<'t>>,
    /// Struct types of this file: name -> fields (name, type). Embedded fields are named
    /// after their type.
    pub structs: HashMap<String, Vec<(String, Ty)>>,
    /// Struct -> the types it embeds as `*T`: the struct table records those as `T` (the
    /// star is not part of the type node).
    embedded_pointers: HashMap<String, Vec<String>>,
    scopes: Vec<Scope>,
    decls: Vec<Decl<'t>>,
    /// Identifier node id -> what it refers to (uses and declarations alike).
    refs: HashMap<usize, DeclId>,
    /// Every use of a declaration, in source order.
    uses: Vec<Vec<Node<'t>>>,
    /// Package-level names: the file scope holds most declarations of a large file.
    file_index: HashMap<&'t str, DeclId>,
    /// Set when a question reached beyond the function being checked (another function's
    /// body, the uses of a package-level name): `Document` then re-checks that function
    /// after any edit instead of re-using its diagnostics.
    reached_out: Cell<bool>,
    /// Every node of the walk in pre-order, with its depth: for [`Model::walk`] and for the
    /// engine's candidates of query matches. Empty when the file has more than
    /// [`MAX_INDEXED_NODES`] nodes; without the skipped bodies' nodes when bodies were
    /// skipped (then `preorder_complete` is false and walks step a tree cursor).
    preorder: Vec<(Node<'t>, u32)>,
    /// For each entry of `preorder`, the index of its parent (the root's is 0): tree-sitter
    /// finds a parent by descending from the root again, on every call.
    parents: Vec<u32>,
    preorder_complete: bool,
    /// The name in the `package` clause.
    pub(crate) package: Option<&'t str>,
}

/// Above this many nodes (~40 bytes each) walks step the tree cursor instead.
const MAX_INDEXED_NODES: usize = 500_000;

impl<'t> Model<'t> {
    pub fn build(root: Node<'t>, src: &'t str) -> Model<'t> {
        Model::build_skipping(root, src, &[])
    }

    /// The model without the function bodies at these byte ranges (sorted): for checks
    /// that stay inside other functions (`reached_out` says when one did not).
    pub(crate) fn build_skipping(
        root: Node<'t>,
        src: &'t str,
        skip: &[(usize, usize)],
    ) -> Model<'t> {
        let mut m = Model {
            src,
            root,
            imports: Vec::new(),
            funcs: Vec::new(),
            structs: HashMap::new(),
            embedded_pointers: HashMap::new(),
            scopes: vec![Scope {
                parent: None,
                start: 0,
                end: usize::MAX,
                decls: Vec::new(),
            }],
            decls: Vec::new(),
            refs: HashMap::new(),
            uses: Vec::new(),
            file_index: HashMap::new(),
            reached_out: Cell::new(false),
            preorder: Vec::new(),
            parents: Vec::new(),
            preorder_complete: skip.is_empty(),
            package: None,
        };
        m.collect_top_level();
        m.walk_bodies(skip);
        m
    }

    pub fn text(&self, node: Node<'_>) -> &'t str {
        // The source is already a `str`; `get` only checks the char boundaries.
        self.src
            .get(node.start_byte()..node.end_byte())
            .unwrap_or("")
    }

    pub fn decl(&self, id: DeclId) -> &Decl<'t> {
        &self.decls[id]
    }

    /// Every use of a declaration (not the declaring identifier itself), in source order.
    pub fn uses(&self, id: DeclId) -> &[Node<'t>] {
        if self.decls[id].scope == 0 {
            self.reached_out.set(true);
        }
        &self.uses[id]
    }

    /// A function of this file (its body is another function's: see `reached_out`).
    pub fn func(&self, name: &str) -> Option<&FuncInfo<'t>> {
        let f = self.func_sig(name);
        self.reached_out.set(self.reached_out.get() || f.is_some());
        f
    }

    /// A method of this file (see [`Model::func`]).
    pub fn method(&self, recv: &str, name: &str) -> Option<&FuncInfo<'t>> {
        let f = self.method_sig(recv, name);
        self.reached_out.set(self.reached_out.get() || f.is_some());
        f
    }

    /// Like [`Model::func`], for callers that only read the signature.
    pub(crate) fn func_sig(&self, name: &str) -> Option<&FuncInfo<'t>> {
        self.funcs
            .iter()
            .find(|f| f.receiver.is_none() && f.name == name)
    }

    pub(crate) fn method_sig(&self, recv: &str, name: &str) -> Option<&FuncInfo<'t>> {
        self.funcs
            .iter()
            .find(|f| f.receiver.as_deref() == Some(recv) && f.name == name)
    }

    /// The whole file's tree, for checks that look at every function. Rules use this, not
    /// `root`: a check that calls it is done again after every edit (see `reached_out`).
    pub fn file_root(&self) -> Node<'t> {
        self.reached_out.set(true);
        self.root
    }

    /// Clears the flag that [`Model::reached_out`] reports.
    pub(crate) fn reset_reached_out(&self) {
        self.reached_out.set(false);
    }

    /// Did a question since the last reset look beyond the function being checked?
    pub(crate) fn reached_out(&self) -> bool {
        self.reached_out.get()
    }

    /// The import a package name refers to (`time` or an alias).
    pub fn import_named(&self, name: &str) -> Option<usize> {
        self.imports
            .iter()
            .position(|i| i.local_name() == Some(name))
    }

    pub fn has_import(&self, path: &str) -> bool {
        self.imports.iter().any(|i| i.path == path)
    }

    // ---- resolution -------------------------------------------------------------------

    /// What an `identifier` node refers to.
    pub fn resolve(&self, ident: Node<'_>) -> Resolved {
        if let Some(&d) = self.refs.get(&ident.id()) {
            return Resolved::Local(d);
        }
        let name = self.text(ident);
        if let Some(d) = self.lookup(name, ident.start_byte()) {
            return Resolved::Local(d);
        }
        if let Some(i) = self.import_named(name) {
            return Resolved::Package(i);
        }
        if BUILTINS.contains(&name) {
            return Resolved::Builtin;
        }
        Resolved::Unresolved
    }

    /// The declaration an identifier node refers to, if it is a local name.
    pub fn decl_of(&self, ident: Node<'_>) -> Option<DeclId> {
        match self.resolve(unparen(ident)) {
            Resolved::Local(d) => Some(d),
            _ => None,
        }
    }

    /// Same declaration? (Both identifiers resolve to one local name.)
    pub fn same_var(&self, a: Node<'_>, b: Node<'_>) -> bool {
        match (self.var_key(a), self.var_key(b)) {
            (Some(x), Some(y)) => x == y,
            _ => false,
        }
    }

    /// A key identifying the variable an expression denotes: a local name, or a field path
    /// rooted at one (`s.mu`, `c.cache.mu`). `None` for anything else.
    pub fn var_key(&self, expr: Node<'_>) -> Option<String> {
        let expr = unparen(expr);
        match expr.kind_str() {
            "identifier" => self.decl_of(expr).map(|d| format!("#{d}")),
            "selector_expression" => {
                let op = expr.child_by_field_id(F().operand)?;
                let field = expr.child_by_field_id(F().field)?;
                Some(format!("{}.{}", self.var_key(op)?, self.text(field)))
            }
            "unary_expression" if self.text(expr).starts_with('*') => {
                self.var_key(expr.child_by_field_id(F().operand)?)
            }
            _ => None,
        }
    }

    fn lookup(&self, name: &str, pos: usize) -> Option<DeclId> {
        let mut scope = Some(self.scope_at(pos));
        while let Some(s) = scope {
            if s == 0 {
                return self.file_index.get(name).copied();
            }
            let sc = &self.scopes[s];
            for &d in sc.decls.iter().rev() {
                let decl = &self.decls[d];
                if decl.name == name && (s == 0 || decl.visible_from <= pos) {
                    return Some(d);
                }
            }
            scope = sc.parent;
        }
        None
    }

    /// Innermost scope containing `pos`. Scopes are created in pre-order, so the last scope
    /// that starts at or before `pos` is inside the innermost one that contains it.
    fn scope_at(&self, pos: usize) -> ScopeId {
        let idx = self.scopes.partition_point(|s| s.start <= pos);
        let mut s = idx.saturating_sub(1);
        loop {
            let sc = &self.scopes[s];
            if sc.start <= pos && pos < sc.end.max(sc.start + 1) {
                return s;
            }
            match sc.parent {
                Some(p) => s = p,
                None => return 0,
            }
        }
    }

    /// The function called by a call expression.
    pub fn callee(&self, call: Node<'_>) -> Callee {
        let Some(f) = call.child_by_field_id(F().function).map(unparen) else {
            return Callee::Unknown;
        };
        match f.kind_str() {
            "identifier" => {
                let name = self.text(f).to_string();
                match self.resolve(f) {
                    Resolved::Builtin => Callee::Builtin { name },
                    Resolved::Local(d) if self.decls[d].kind == DeclKind::Func => {
                        Callee::Local { name }
                    }
                    Resolved::Unresolved => {
                        // A dot import brings package functions in unqualified.
                        for imp in &self.imports {
                            if imp.name == ImportName::Dot && stdlib::has_func(&imp.path, &name) {
                                return Callee::Pkg {
                                    path: imp.path.clone(),
                                    name,
                                };
                            }
                        }
                        Callee::Unknown
                    }
                    _ => Callee::Unknown,
                }
            }
            "selector_expression" => {
                let (Some(op), Some(field)) = (
                    f.child_by_field_id(F().operand),
                    f.child_by_field_id(F().field),
                ) else {
                    return Callee::Unknown;
                };
                let name = self.text(field).to_string();
                let op = unparen(op);
                if op.kind_str() == "identifier"
                    && let Resolved::Package(i) = self.resolve(op)
                {
                    return Callee::Pkg {
                        path: self.imports[i].path.clone(),
                        name,
                    };
                }
                Callee::Method {
                    recv_ty: self.type_of(op),
                    name,
                }
            }
            _ => Callee::Unknown,
        }
    }

    /// Is `call` a method call `x.name(...)` (not a package function)? Checks the text
    /// before resolving anything.
    pub fn calls_method(&self, call: Node<'_>, name: &str) -> bool {
        call.child_by_field_id(F().function)
            .map(unparen)
            .filter(|f| f.kind_str() == "selector_expression")
            .and_then(|f| f.child_by_field_id(F().field))
            .is_some_and(|field| self.text(field) == name)
            && self.callee(call).method_name() == Some(name)
    }

    /// For `x.m(...)`: the receiver expression `x`.
    pub fn call_receiver<'n>(&self, call: Node<'n>) -> Option<Node<'n>> {
        let f = unparen(call.child_by_field_id(F().function)?);
        (f.kind_str() == "selector_expression")
            .then(|| f.child_by_field_id(F().operand))
            .flatten()
    }

    pub fn call_args<'n>(&self, call: Node<'n>) -> Vec<Node<'n>> {
        call.child_by_field_id(F().arguments)
            .map(named_children)
            .unwrap_or_default()
    }

    /// The type an expression evidently has, or `Ty::Unknown`.
    pub fn type_of(&self, expr: Node<'_>) -> Ty {
        let expr = unparen(expr);
        match expr.kind_str() {
            "identifier" => match self.resolve(expr) {
                Resolved::Local(d) => self.decls[d].ty.clone(),
                _ => Ty::Unknown,
            },
            "call_expression" => self.call_type(expr),
            "unary_expression" => {
                let op = expr.child_by_field_id(F().operand);
                let text = self.text(expr);
                match op {
                    Some(o) if text.starts_with('&') => self.type_of(o).ptr(),
                    Some(o) if text.starts_with("<-") => match self.type_of(o) {
                        Ty::Chan { elem, .. } => *elem,
                        _ => Ty::Unknown,
                    },
                    Some(o) if text.starts_with('*') => match self.type_of(o) {
                        Ty::Pointer(t) => *t,
                        _ => Ty::Unknown,
                    },
                    _ => Ty::Unknown,
                }
            }
            "composite_literal" => expr
                .child_by_field_id(F().r#type)
                .map(|t| self.type_from_node(t))
                .unwrap_or_default(),
            "selector_expression" => {
                let (Some(op), Some(field)) = (
                    expr.child_by_field_id(F().operand),
                    expr.child_by_field_id(F().field),
                ) else {
                    return Ty::Unknown;
                };
                self.field_type(&self.type_of(op), self.text(field))
            }
            "index_expression" => {
                match expr.child_by_field_id(F().operand).map(|o| self.type_of(o)) {
                    Some(Ty::Map(_, v)) => *v,
                    Some(Ty::Slice(e)) | Some(Ty::Array(e)) => *e,
                    _ => Ty::Unknown,
                }
            }
            "slice_expression" => expr
                .child_by_field_id(F().operand)
                .map(|o| match self.type_of(o) {
                    Ty::Array(e) => Ty::Slice(e),
                    t => t,
                })
                .unwrap_or_default(),
            "type_assertion_expression" => expr
                .child_by_field_id(F().r#type)
                .map(|t| self.type_from_node(t))
                .unwrap_or_default(),
            "func_literal" => Ty::Func {
                results: expr
                    .child_by_field_id(F().result)
                    .map(|r| self.result_types(r))
                    .unwrap_or_default(),
            },
            "interpreted_string_literal" | "raw_string_literal" => Ty::local("string"),
            "int_literal" => Ty::local("int"),
            _ => Ty::Unknown,
        }
    }

    fn field_type(&self, base: &Ty, field: &str) -> Ty {
        if let Ty::Named { pkg: None, name } = base.deref()
            && let Some(fields) = self.structs.get(name)
        {
            return fields
                .iter()
                .find(|(n, _)| n == field)
                .map(|(_, t)| t.clone())
                .unwrap_or_default();
        }
        Ty::Unknown
    }

    fn call_type(&self, call: Node<'_>) -> Ty {
        match self.callee(call) {
            Callee::Builtin { name } => {
                let args = self.call_args(call);
                match name.as_str() {
                    "make" => match args.first().map(|t| self.type_from_node(*t)) {
                        Some(Ty::Chan { elem, .. }) => {
                            let buffered = match args.get(1) {
                                None => Buffering::Unbuffered,
                                Some(n) if self.text(*n).trim() == "0" => Buffering::Unbuffered,
                                Some(_) => Buffering::Buffered,
                            };
                            Ty::Chan {
                                elem,
                                buffering: buffered,
                            }
                        }
                        Some(t) => t,
                        None => Ty::Unknown,
                    },
                    "new" => args
                        .first()
                        .map(|a| self.new_operand_type(*a).ptr())
                        .unwrap_or_default(),
                    "append" => args.first().map(|a| self.type_of(*a)).unwrap_or_default(),
                    "len" | "cap" | "copy" => Ty::local("int"),
                    _ => Ty::Unknown,
                }
            }
            Callee::Pkg { path, name } => stdlib::func_results(&path, &name).unwrap_or_default(),
            Callee::Method { recv_ty, name } => {
                if let Ty::Named { pkg: None, name: t } = recv_ty.deref()
                    && let Some(f) = self.method_sig(t, &name)
                {
                    return tuple(f.results.clone());
                }
                stdlib::method_results(&recv_ty, &name).unwrap_or_default()
            }
            Callee::Local { name } => self
                .func_sig(&name)
                .map(|f| tuple(f.results.clone()))
                .unwrap_or_default(),
            Callee::Unknown => {
                // Calling a local func-typed variable or a literal.
                let f = call.child_by_field_id(F().function).map(unparen);
                match f.map(|f| self.type_of(f)) {
                    Some(Ty::Func { results }) => tuple(results),
                    _ => Ty::Unknown,
                }
            }
        }
    }

    /// `new(T)` names a type; since Go 1.26 `new(v)` also takes a value. The grammar reads
    /// the operand as a type whenever it can, so only a non-type node is a value.
    fn new_operand_type(&self, arg: Node<'_>) -> Ty {
        match arg.kind_str() {
            k if k == "type_identifier" || k.ends_with("_type") => self.type_from_node(arg),
            _ => self.type_of(arg),
        }
    }

    /// A type written in the source (`*sync.Mutex`, `chan int`, `map[string]int`).
    pub fn type_from_node(&self, node: Node<'_>) -> Ty {
        match node.kind_str() {
            "type_identifier" | "identifier" => Ty::local(self.text(node)),
            "qualified_type" => {
                let pkg = node
                    .child_by_field_id(F().package)
                    .map(|p| self.text(p))
                    .unwrap_or("");
                let name = node
                    .child_by_field_id(F().name)
                    .map(|n| self.text(n))
                    .unwrap_or("");
                let path = self
                    .import_named(pkg)
                    .map(|i| self.imports[i].path.clone())
                    .unwrap_or_else(|| pkg.to_string());
                Ty::Named {
                    pkg: Some(path),
                    name: name.to_string(),
                }
            }
            "pointer_type" => node
                .named_child(0)
                .map(|t| self.type_from_node(t).ptr())
                .unwrap_or_default(),
            "channel_type" => Ty::Chan {
                elem: Box::new(
                    node.child_by_field_id(F().value)
                        .map(|t| self.type_from_node(t))
                        .unwrap_or_default(),
                ),
                buffering: Buffering::Unknown,
            },
            "map_type" => Ty::Map(
                Box::new(
                    node.child_by_field_id(F().key)
                        .map(|t| self.type_from_node(t))
                        .unwrap_or_default(),
                ),
                Box::new(
                    node.child_by_field_id(F().value)
                        .map(|t| self.type_from_node(t))
                        .unwrap_or_default(),
                ),
            ),
            "slice_type" => Ty::Slice(Box::new(
                node.child_by_field_id(F().element)
                    .map(|t| self.type_from_node(t))
                    .unwrap_or_default(),
            )),
            "array_type" | "implicit_length_array_type" => Ty::Array(Box::new(
                node.child_by_field_id(F().element)
                    .map(|t| self.type_from_node(t))
                    .unwrap_or_default(),
            )),
            "function_type" => Ty::Func {
                results: node
                    .child_by_field_id(F().result)
                    .map(|r| self.result_types(r))
                    .unwrap_or_default(),
            },
            "parenthesized_type" => node
                .named_child(0)
                .map(|t| self.type_from_node(t))
                .unwrap_or_default(),
            "generic_type" => node
                .child_by_field_id(F().r#type)
                .map(|t| self.type_from_node(t))
                .unwrap_or_default(),
            _ => Ty::Unknown,
        }
    }

    fn result_types(&self, result: Node<'_>) -> Vec<Ty> {
        if result.kind_str() == "parameter_list" {
            let mut out = Vec::new();
            for p in named_children(result) {
                let ty = p
                    .child_by_field_id(F().r#type)
                    .map(|t| self.type_from_node(t))
                    .unwrap_or_default();
                let names = names_of(p);
                out.extend(std::iter::repeat_n(ty, names.len().max(1)));
            }
            out
        } else {
            vec![self.type_from_node(result)]
        }
    }

    // ---- building ---------------------------------------------------------------------

    fn collect_top_level(&mut self) {
        let root = self.root;
        for item in named_children(root) {
            match item.kind_str() {
                "package_clause" => {
                    self.package = item.named_child(0).map(|n| self.text(n));
                }
                "import_declaration" => {
                    for spec in syntax::descendants_of_kind(item, "import_spec") {
                        self.add_import(spec);
                    }
                }
                "function_declaration" | "method_declaration" => self.add_func(item),
                "type_declaration" => {
                    for spec in named_children(item) {
                        if let Some(name) = spec.child_by_field_id(F().name) {
                            self.declare(name, DeclKind::Type, 0, 0, Ty::Unknown, None);
                            if let Some(t) = spec.child_by_field_id(F().r#type)
                                && t.kind_str() == "struct_type"
                            {
                                let (fields, pointers) = self.struct_fields(t);
                                let name = self.text(name).to_string();
                                if !pointers.is_empty() {
                                    self.embedded_pointers.insert(name.clone(), pointers);
                                }
                                self.structs.insert(name, fields);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn add_import(&mut self, spec: Node<'t>) {
        let Some(path_node) = spec.child_by_field_id(F().path) else {
            return;
        };
        let path = self.text(path_node).trim_matches(|c| c == '"' || c == '`');
        let name = match spec.child_by_field_id(F().name) {
            Some(n) if n.kind_str() == "dot" => ImportName::Dot,
            Some(n) if n.kind_str() == "blank_identifier" => ImportName::Blank,
            Some(n) => ImportName::Alias(self.text(n).to_string()),
            None => {
                let last = path.rsplit('/').next().unwrap_or(path);
                // `math/rand/v2` is package rand; `gopkg.in/yaml.v3` is yaml.
                let last = if last.len() >= 2
                    && last.starts_with('v')
                    && last[1..].chars().all(|c| c.is_ascii_digit())
                {
                    path.rsplit('/').nth(1).unwrap_or(last)
                } else {
                    last
                };
                let last = last.split('.').next().unwrap_or(last);
                ImportName::Default(last.trim_start_matches("go-").to_string())
            }
        };
        self.imports.push(Import {
            path: path.to_string(),
            name,
            start_byte: spec.start_byte(),
            end_byte: spec.end_byte(),
        });
    }

    fn add_func(&mut self, item: Node<'t>) {
        let Some(name_node) = item.child_by_field_id(F().name) else {
            return;
        };
        let name = self.text(name_node).to_string();
        let mut receiver = None;
        let mut pointer_receiver = false;
        if let Some(recv) = item.child_by_field_id(F().receiver) {
            for p in named_children(recv) {
                if let Some(t) = p.child_by_field_id(F().r#type) {
                    pointer_receiver = t.kind_str() == "pointer_type";
                    let base = if pointer_receiver {
                        t.named_child(0)
                    } else {
                        Some(t)
                    };
                    let base = base.map(|b| {
                        if b.kind_str() == "generic_type" {
                            b.child_by_field_id(F().r#type).unwrap_or(b)
                        } else {
                            b
                        }
                    });
                    receiver = base.map(|b| self.text(b).to_string());
                }
            }
        }
        let mut params = Vec::new();
        if let Some(pl) = item.child_by_field_id(F().parameters) {
            for p in named_children(pl) {
                let ty = p
                    .child_by_field_id(F().r#type)
                    .map(|t| self.type_from_node(t))
                    .unwrap_or_default();
                for n in names_of(p) {
                    params.push((self.text(n).to_string(), ty.clone()));
                }
            }
        }
        let results = item
            .child_by_field_id(F().result)
            .map(|r| self.result_types(r))
            .unwrap_or_default();
        if receiver.is_none() {
            let ty = Ty::Func {
                results: results.clone(),
            };
            self.declare(name_node, DeclKind::Func, 0, 0, ty, None);
        }
        self.funcs.push(FuncInfo {
            node: item,
            name,
            receiver,
            pointer_receiver,
            params,
            results,
        });
    }

    /// The fields of a struct type, and the names of the types it embeds as pointers.
    fn struct_fields(&self, st: Node<'_>) -> (Vec<(String, Ty)>, Vec<String>) {
        let mut out = Vec::new();
        let mut pointers = Vec::new();
        for list in named_children(st) {
            for fd in named_children(list) {
                if fd.kind_str() != "field_declaration" {
                    continue;
                }
                let Some(t) = fd.child_by_field_id(F().r#type) else {
                    continue;
                };
                let ty = self.type_from_node(t);
                let mut cursor = fd.walk();
                let names: Vec<_> = fd.children_by_field_name("name", &mut cursor).collect();
                if names.is_empty() {
                    // Embedded: named after the type.
                    let base = match &ty {
                        Ty::Named { name, .. } => name.clone(),
                        Ty::Pointer(p) => match &**p {
                            Ty::Named { name, .. } => name.clone(),
                            _ => continue,
                        },
                        _ => continue,
                    };
                    if fd.child(0).is_some_and(|c| c.kind_str() == "*") {
                        pointers.push(base.clone());
                    }
                    out.push((base, ty));
                } else {
                    for n in names {
                        out.push((self.text(n).to_string(), ty.clone()));
                    }
                }
            }
        }
        (out, pointers)
    }

    fn declare(
        &mut self,
        ident: Node<'t>,
        kind: DeclKind,
        scope: ScopeId,
        visible_from: usize,
        ty: Ty,
        init: Option<Node<'t>>,
    ) -> Option<DeclId> {
        let name = self.text(ident);
        if name == "_" || name.is_empty() {
            return None;
        }
        if scope == 0 {
            self.file_index.insert(name, self.decls.len());
        }
        let id = self.decls.len();
        self.decls.push(Decl {
            name: name.to_string(),
            kind,
            scope,
            node: ident,
            visible_from,
            ty,
            init,
        });
        self.uses.push(Vec::new());
        self.scopes[scope].decls.push(id);
        self.refs.insert(ident.id(), id);
        Some(id)
    }

    fn open_scope(&mut self, node: Node<'t>, parent: ScopeId) -> ScopeId {
        let id = self.scopes.len();
        self.scopes.push(Scope {
            parent: Some(parent),
            start: node.start_byte(),
            end: node.end_byte(),
            decls: Vec::new(),
        });
        id
    }

    /// One pre-order walk with a single tree cursor: opens scopes, declares names, records
    /// uses. The scope stack holds (scope, end byte); a scope is left once the walk reaches a
    /// node that starts at or after its end.
    fn walk_bodies(&mut self, skip: &[(usize, usize)]) {
        let mut cursor = self.root.walk();
        let mut scopes: Vec<(ScopeId, usize)> = vec![(0, usize::MAX)];
        let mut descend = true;
        let mut index = true;
        let mut depth = 0u32;
        // About one node per four bytes of Go: grown once or twice instead of ~12 times.
        let expected = (self.src.len() / 4).min(MAX_INDEXED_NODES);
        self.preorder.reserve(expected);
        self.parents.reserve(expected);
        self.preorder.push((self.root, 0));
        self.parents.push(0);
        // Indices (into `preorder`) of the current node's ancestors, and of the node itself.
        let mut ancestors: Vec<u32> = Vec::new();
        let mut current = 0u32;
        loop {
            if descend && cursor.goto_first_child() {
                depth += 1;
                ancestors.push(current);
            } else {
                loop {
                    if cursor.goto_next_sibling() {
                        break;
                    }
                    if !cursor.goto_parent() {
                        return;
                    }
                    depth -= 1;
                    ancestors.pop();
                }
            }
            let node = cursor.node();
            if index {
                if self.preorder.len() < MAX_INDEXED_NODES {
                    current = self.preorder.len() as u32;
                    self.preorder.push((node, depth));
                    self.parents.push(ancestors.last().copied().unwrap_or(0));
                } else {
                    index = false;
                    self.preorder = Vec::new();
                    self.parents = Vec::new();
                }
            }
            while scopes.len() > 1
                && scopes.last().is_some_and(|&(_, end)| {
                    node.start_byte() >= end && node.end_byte() > node.start_byte()
                })
            {
                scopes.pop();
            }
            let scope = scopes.last().map_or(0, |&(s, _)| s);
            if !skip.is_empty()
                && skip
                    .binary_search(&(node.start_byte(), node.end_byte()))
                    .is_ok()
                && node.kind_str() == "block"
            {
                descend = false;
                continue;
            }
            descend = self.visit(node, scope, &mut scopes);
        }
    }

    // ---- walks ------------------------------------------------------------------------

    /// Whether walks use the pre-order index (for tests: a fallback would pass them too).
    #[doc(hidden)]
    pub fn walks_indexed(&self) -> bool {
        self.preorder_complete && !self.preorder.is_empty()
    }

    /// The nodes the model walked, in pre-order (see `preorder`); `None` if not indexed.
    pub(crate) fn preorder_nodes(&self) -> Option<impl Iterator<Item = Node<'t>> + '_> {
        (!self.preorder.is_empty()).then(|| self.preorder.iter().map(|(n, _)| *n))
    }

    /// Where `node` is in the pre-order index.
    fn preorder_index(&self, node: Node<'_>) -> Option<usize> {
        let start = node.start_byte();
        let from = self
            .preorder
            .partition_point(|(n, _)| n.start_byte() < start);
        self.preorder[from..]
            .iter()
            .take_while(|(n, _)| n.start_byte() == start)
            .position(|(n, _)| n.id() == node.id())
            .map(|i| from + i)
    }

    /// [`syntax::walk`] over the model's pre-order index: rules walk function bodies again
    /// and again, and stepping a tree cursor costs ~150 instructions a node where a slice
    /// costs a few. Same order and same "return `false` to skip the children".
    pub fn walk(&self, root: Node<'t>, mut f: impl FnMut(Node<'t>) -> bool) {
        let Some(i) = self.preorder_index(root).filter(|_| self.preorder_complete) else {
            return syntax::walk(root, f);
        };
        let base = self.preorder[i].1;
        // Children of a node `f` declined are skipped: entries deeper than this.
        let mut skip_below: Option<u32> = None;
        for &(n, d) in &self.preorder[i..] {
            if d <= base && n.id() != root.id() {
                break;
            }
            if let Some(limit) = skip_below {
                if d > limit {
                    continue;
                }
                skip_below = None;
            }
            if !f(n) {
                if d == base {
                    break;
                }
                skip_below = Some(d);
            }
        }
    }

    /// Like [`Model::walk`], but does not enter function literals below `root`.
    pub fn walk_same_func(&self, root: Node<'t>, mut f: impl FnMut(Node<'t>) -> bool) {
        self.walk(root, |n| {
            if n != root && n.kind_str() == "func_literal" {
                return false;
            }
            f(n)
        });
    }

    /// [`syntax::descendants_of_kind`] over the index.
    pub fn descendants_of_kind(&self, root: Node<'t>, kind: &str) -> Vec<Node<'t>> {
        let mut out = Vec::new();
        self.walk(root, |n| {
            if n.kind_str() == kind {
                out.push(n);
            }
            true
        });
        out
    }

    /// `node.parent()` from the index (tree-sitter's own walks down from the root).
    pub fn parent(&self, node: Node<'t>) -> Option<Node<'t>> {
        match self.preorder_index(node) {
            Some(0) => None,
            Some(i) => Some(self.preorder[self.parents[i] as usize].0),
            None => node.parent(),
        }
    }

    /// [`syntax::ancestor`] over the index.
    pub fn ancestor(&self, node: Node<'t>, kinds: &[&str]) -> Option<Node<'t>> {
        let Some(mut i) = self.preorder_index(node) else {
            return syntax::ancestor(node, kinds);
        };
        while i != 0 {
            i = self.parents[i] as usize;
            let n = self.preorder[i].0;
            if kinds.contains(&n.kind_str()) {
                return Some(n);
            }
        }
        None
    }

    /// [`syntax::enclosing_func`] over the index.
    pub fn enclosing_func(&self, node: Node<'t>) -> Option<Node<'t>> {
        self.ancestor(node, syntax::FUNC_KINDS)
    }

    /// [`syntax::enclosing_loop_same_func`] over the index.
    pub fn enclosing_loop_same_func(&self, node: Node<'t>) -> Option<Node<'t>> {
        self.ancestor(
            node,
            &[
                "for_statement",
                "func_literal",
                "function_declaration",
                "method_declaration",
            ],
        )
        .filter(|n| n.kind_str() == "for_statement")
    }

    /// [`syntax::descendants_same_func`] over the index.
    pub fn descendants_same_func(&self, root: Node<'t>, kind: &str) -> Vec<Node<'t>> {
        let mut out = Vec::new();
        self.walk_same_func(root, |n| {
            if n.kind_str() == kind {
                out.push(n);
            }
            true
        });
        out
    }

    /// Handles one node; returns whether to walk its children.
    fn visit(
        &mut self,
        node: Node<'t>,
        scope: ScopeId,
        scopes: &mut Vec<(ScopeId, usize)>,
    ) -> bool {
        match visit_kind(node.kind_id()) {
            Visit::Ident => {
                self.record_use(node);
                return false;
            }
            Visit::Func => {
                let inner = self.open_scope(node, scope);
                scopes.push((inner, node.end_byte()));
                let body_start = node
                    .child_by_field_id(F().body)
                    .map_or(node.end_byte(), |b| b.start_byte());
                for (field, kind) in [
                    (F().receiver, DeclKind::Receiver),
                    (F().parameters, DeclKind::Param),
                    (F().result, DeclKind::Result),
                ] {
                    let Some(pl) = node.child_by_field_id(field) else {
                        continue;
                    };
                    if pl.kind_str() != "parameter_list" {
                        continue;
                    }
                    for p in named_children(pl) {
                        let ty = p
                            .child_by_field_id(F().r#type)
                            .map(|t| self.type_from_node(t))
                            .unwrap_or_default();
                        let ty = if p.kind_str() == "variadic_parameter_declaration" {
                            Ty::Slice(Box::new(ty))
                        } else {
                            ty
                        };
                        for n in names_of(p) {
                            self.declare(n, kind, inner, body_start, ty.clone(), None);
                        }
                    }
                }
            }
            Visit::Scope => {
                let inner = self.open_scope(node, scope);
                scopes.push((inner, node.end_byte()));
                if node.kind_str() == "type_switch_statement"
                    && let Some(alias) = node.child_by_field_id(F().alias)
                {
                    for n in list_items(alias) {
                        self.declare(n, DeclKind::Var, inner, n.end_byte(), Ty::Unknown, None);
                    }
                }
            }
            Visit::Short => self.declare_short(node, scope),
            Visit::Var => self.declare_var(node, scope),
            Visit::Range => self.declare_range(node, scope),
            Visit::Receive => self.declare_receive(node, scope),
            Visit::Other => {}
        }
        true
    }

    fn record_use(&mut self, ident: Node<'t>) {
        if self.refs.contains_key(&ident.id()) {
            return;
        }
        let name = self.text(ident);
        if let Some(d) = self.lookup(name, ident.start_byte()) {
            self.refs.insert(ident.id(), d);
            self.uses[d].push(ident);
        }
    }

    fn declare_short(&mut self, node: Node<'t>, scope: ScopeId) {
        let (Some(left), Some(right)) = (
            node.child_by_field_id(F().left),
            node.child_by_field_id(F().right),
        ) else {
            return;
        };
        let lefts = list_items(left);
        let rights = list_items(right);
        // Types come from the right side, evaluated before the new names exist.
        let tys: Vec<Ty> = if rights.len() == 1 && lefts.len() > 1 {
            let t = self.type_of(rights[0]);
            (0..lefts.len()).map(|i| t.nth(i)).collect()
        } else {
            rights.iter().map(|r| self.type_of(*r).first()).collect()
        };
        let visible = node.end_byte();
        for (i, l) in lefts.iter().enumerate() {
            if l.kind_str() != "identifier" {
                continue;
            }
            let name = self.text(*l);
            // `a, err := f()` reuses an `err` already declared in this very scope.
            let existing = self.scopes[scope]
                .decls
                .iter()
                .copied()
                .find(|&d| self.decls[d].name == name);
            if let Some(d) = existing {
                self.refs.insert(l.id(), d);
                self.uses[d].push(*l);
                continue;
            }
            let init = (lefts.len() == rights.len()).then(|| rights[i]);
            let ty = tys.get(i).cloned().unwrap_or_default();
            self.declare(*l, DeclKind::Var, scope, visible, ty, init);
        }
    }

    fn declare_var(&mut self, node: Node<'t>, scope: ScopeId) {
        let kind = if node.kind_str() == "const_declaration" {
            DeclKind::Const
        } else {
            DeclKind::Var
        };
        let mut specs = Vec::new();
        syntax::walk(node, |n| {
            if n.kind_str() == "var_spec" || n.kind_str() == "const_spec" {
                specs.push(n);
                return false;
            }
            true
        });
        for spec in specs {
            let declared = spec
                .child_by_field_id(F().r#type)
                .map(|t| self.type_from_node(t));
            let values: Vec<Node<'t>> = spec
                .child_by_field_id(F().value)
                .map(list_items)
                .unwrap_or_default();
            let mut cursor = spec.walk();
            let names: Vec<Node<'t>> = spec.children_by_field_name("name", &mut cursor).collect();
            let tuple_ty = (values.len() == 1 && names.len() > 1).then(|| self.type_of(values[0]));
            let visible = if scope == 0 { 0 } else { spec.end_byte() };
            for (i, n) in names.iter().enumerate() {
                let ty = match (&declared, &tuple_ty) {
                    (Some(t), _) => t.clone(),
                    (None, Some(t)) => t.nth(i),
                    (None, None) => values
                        .get(i)
                        .map(|v| self.type_of(*v).first())
                        .unwrap_or_default(),
                };
                let init = (values.len() == names.len()).then(|| values[i]);
                self.declare(*n, kind, scope, visible, ty, init);
            }
        }
    }

    fn declare_range(&mut self, node: Node<'t>, scope: ScopeId) {
        let Some(left) = node.child_by_field_id(F().left) else {
            return;
        };
        // Only `for k, v := range x` declares; `for k, v = range x` assigns.
        let between = &self.src[left.end_byte()..node.end_byte()];
        if !between.trim_start().starts_with(":=") {
            return;
        }
        let over = node
            .child_by_field_id(F().right)
            .map(|r| self.type_of(r))
            .unwrap_or_default();
        let tys = match over {
            Ty::Chan { elem, .. } => vec![*elem],
            Ty::Slice(e) | Ty::Array(e) => vec![Ty::local("int"), *e],
            Ty::Map(k, v) => vec![*k, *v],
            _ => vec![],
        };
        // The walk is inside the for_statement's own scope here.
        let for_scope = scope;
        let visible = node.end_byte();
        for (i, n) in list_items(left).into_iter().enumerate() {
            if n.kind_str() == "identifier" {
                let ty = tys.get(i).cloned().unwrap_or_default();
                self.declare(n, DeclKind::Var, for_scope, visible, ty, None);
            }
        }
    }

    fn declare_receive(&mut self, node: Node<'t>, scope: ScopeId) {
        let Some(left) = node.child_by_field_id(F().left) else {
            return;
        };
        let between = &self.src[left.end_byte()..node.end_byte()];
        if !between.trim_start().starts_with(":=") {
            return;
        }
        let elem = node
            .child_by_field_id(F().right)
            .map(|r| self.type_of(r))
            .unwrap_or_default();
        for (i, n) in list_items(left).into_iter().enumerate() {
            if n.kind_str() == "identifier" {
                let ty = if i == 0 {
                    elem.clone()
                } else {
                    Ty::local("bool")
                };
                self.declare(n, DeclKind::Var, scope, node.end_byte(), ty, None);
            }
        }
    }
}

/// What the model's walk does with a node of some kind. Looked up by kind id: `kind()`
/// costs a string length, a UTF-8 check and string compares on every node of the file.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Visit {
    Other,
    Ident,
    Func,
    Scope,
    Short,
    Var,
    Range,
    Receive,
}

const WALKED_KINDS: &[(&str, Visit)] = &[
    ("identifier", Visit::Ident),
    ("function_declaration", Visit::Func),
    ("method_declaration", Visit::Func),
    ("func_literal", Visit::Func),
    ("block", Visit::Scope),
    ("if_statement", Visit::Scope),
    ("for_statement", Visit::Scope),
    ("expression_switch_statement", Visit::Scope),
    ("type_switch_statement", Visit::Scope),
    ("select_statement", Visit::Scope),
    ("communication_case", Visit::Scope),
    ("expression_case", Visit::Scope),
    ("default_case", Visit::Scope),
    ("type_case", Visit::Scope),
    ("short_var_declaration", Visit::Short),
    ("var_declaration", Visit::Var),
    ("const_declaration", Visit::Var),
    ("range_clause", Visit::Range),
    ("receive_statement", Visit::Receive),
];

fn visit_kind(id: u16) -> Visit {
    static TABLE: std::sync::OnceLock<Vec<Visit>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let lang = crate::engine::language();
        let mut t = vec![Visit::Other; lang.node_kind_count()];
        for &(kind, v) in WALKED_KINDS {
            // 0 is "not a kind of this grammar"; a test checks that every name is.
            let id = lang.id_for_node_kind(kind, true);
            if let Some(slot) = t.get_mut(usize::from(id)).filter(|_| id != 0) {
                *slot = v;
            }
        }
        t
    });
    table.get(usize::from(id)).copied().unwrap_or(Visit::Other)
}

fn tuple(results: Vec<Ty>) -> Ty {
    match results.len() {
        0 => Ty::Unknown,
        1 => results.into_iter().next().unwrap_or_default(),
        _ => Ty::Tuple(results),
    }
}

/// The names declared by a parameter or field declaration.
fn names_of(p: Node<'_>) -> Vec<Node<'_>> {
    let mut cursor = p.walk();
    p.children_by_field_name("name", &mut cursor).collect()
}

#[cfg(test)]
mod tests {
    /// Every kind the walk handles exists in the grammar (a renamed kind would silently
    /// stop the model from seeing it).
    #[test]
    fn walked_kinds_exist() {
        let lang = crate::engine::language();
        for &(kind, _) in super::WALKED_KINDS {
            let id = lang.id_for_node_kind(kind, true);
            assert!(id != 0, "{kind}");
            assert_eq!(lang.node_kind_for_id(id), Some(kind));
        }
    }
}
