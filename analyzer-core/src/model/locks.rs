//! Facts about `sync` primitives that the GP2xxx rules share: which types must not be
//! copied, which receivers have `Lock`/`Unlock`, whether two expressions denote the same
//! variable, and whether code waits for goroutines.

use super::{Callee, Model, Resolved, Ty};
use crate::syntax::{KindStr as _, unparen};
use std::collections::HashSet;
use tree_sitter::Node;

/// Types that must not be copied after first use (they embed `noCopy` or a lock):
/// (import path, type name).
pub const NO_COPY_TYPES: &[(&str, &str)] = &[
    ("sync", "Mutex"),
    ("sync", "RWMutex"),
    ("sync", "WaitGroup"),
    ("sync", "Once"),
    ("sync", "Cond"),
    ("sync", "Map"),
    ("sync", "Pool"),
    ("sync/atomic", "Int32"),
    ("sync/atomic", "Int64"),
    ("sync/atomic", "Uint32"),
    ("sync/atomic", "Uint64"),
    ("sync/atomic", "Uintptr"),
    ("sync/atomic", "Bool"),
    ("sync/atomic", "Pointer"),
];

/// A no-copy value held inside another value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldLock {
    /// Field path from the outer value (`mu`, `inner.mu`); empty if the value is the lock.
    pub path: String,
    /// `sync.Mutex`, `sync/atomic.Int64` written as the file would: `sync.Mutex`, `atomic.Int64`.
    pub type_name: String,
}

impl<'t> Model<'t> {
    /// If a value of type `ty` holds a no-copy `sync` value by value (itself, a field of a
    /// struct of this file, nested structs, arrays), which one. Pointers, slices, maps and
    /// channels share rather than copy, so they do not count.
    pub fn held_lock(&self, ty: &Ty) -> Option<HeldLock> {
        let mut stack: Vec<(Ty, String)> = vec![(ty.clone(), String::new())];
        let mut seen: HashSet<String> = HashSet::new();
        while let Some((t, path)) = stack.pop() {
            match t {
                Ty::Named { pkg: Some(p), name }
                    if NO_COPY_TYPES.iter().any(|(tp, tn)| *tp == p && *tn == name) =>
                {
                    let short = p.rsplit('/').next().unwrap_or(&p);
                    return Some(HeldLock {
                        path,
                        type_name: format!("{short}.{name}"),
                    });
                }
                Ty::Named { pkg: None, name } => {
                    if !seen.insert(name.clone()) {
                        continue;
                    }
                    if let Some(fields) = self.structs.get(&name) {
                        for (f, ft) in fields.iter().rev() {
                            // `struct { *T }`: the table records an embedded pointer as `T`.
                            if matches!(ft, Ty::Named { name: n, .. } if n == f)
                                && self.embeds_pointer(&name, f)
                            {
                                continue;
                            }
                            let p = if path.is_empty() {
                                f.clone()
                            } else {
                                format!("{path}.{f}")
                            };
                            stack.push((ft.clone(), p));
                        }
                    }
                }
                Ty::Array(e) => stack.push((*e, path)),
                _ => {}
            }
        }
        None
    }

    /// True if struct `struct_name` of this file embeds `*field` (a pointer): the struct
    /// table does not record the star of embedded fields.
    pub fn embeds_pointer(&self, struct_name: &str, field: &str) -> bool {
        self.embedded_pointers
            .get(struct_name)
            .is_some_and(|fs| fs.iter().any(|f| f == field))
    }

    /// The kind of lock whose `Lock`/`Unlock` methods a value of type `ty` has: `Mutex`,
    /// `RWMutex` or `Locker` (through a pointer), or the kind embedded in a struct of this
    /// file whose promoted methods those are. `None` if unknown, or if the struct defines
    /// its own `method` (then the call is not the promoted one).
    pub fn lock_kind(&self, ty: &Ty, method: &str) -> Option<&'static str> {
        let mut cur = ty.deref().clone();
        let mut seen: HashSet<String> = HashSet::new();
        loop {
            match &cur {
                Ty::Named { pkg: Some(p), name } if p == "sync" => {
                    return match name.as_str() {
                        "Mutex" => Some("Mutex"),
                        "RWMutex" => Some("RWMutex"),
                        "Locker" => Some("Locker"),
                        _ => None,
                    };
                }
                Ty::Named { pkg: None, name } => {
                    if !seen.insert(name.clone()) || self.method_sig(name, method).is_some() {
                        return None;
                    }
                    let fields = self.structs.get(name)?;
                    // An embedded field is named after its type.
                    let embedded = fields.iter().find(|(f, t)| {
                        matches!(t.deref(), Ty::Named { pkg: Some(p), name: n }
                            if p == "sync" && n == f && matches!(n.as_str(), "Mutex" | "RWMutex"))
                    })?;
                    cur = embedded.1.deref().clone();
                }
                _ => return None,
            }
        }
    }

    /// For a call `x.m(...)` where `x` is evidently a lock (see [`Model::lock_kind`]):
    /// (`x`, `m`, lock kind).
    pub fn lock_call<'n>(&self, call: Node<'n>) -> Option<(Node<'n>, String, &'static str)> {
        if call.kind_str() != "call_expression" {
            return None;
        }
        let Callee::Method { recv_ty, name } = self.callee(call) else {
            return None;
        };
        let recv = self.call_receiver(call)?;
        let kind = self.lock_kind(&recv_ty, &name)?;
        Some((recv, name, kind))
    }

    /// For a call `wg.m(...)` where `wg` is evidently a `sync.WaitGroup` (or a pointer to
    /// one): (`wg`, `m`).
    pub fn waitgroup_call<'n>(&self, call: Node<'n>) -> Option<(Node<'n>, String)> {
        if call.kind_str() != "call_expression" {
            return None;
        }
        let Callee::Method { recv_ty, name } = self.callee(call) else {
            return None;
        };
        if !recv_ty.is("sync", "WaitGroup") {
            return None;
        }
        Some((self.call_receiver(call)?, name))
    }

    /// True if two expressions denote the same variable: the same shape, the same names
    /// resolving to the same declarations, and no calls (`f().mu` may differ per call).
    /// Names declared in another file of the package count as the same if spelled alike.
    pub fn same_expr(&self, a: Node<'_>, b: Node<'_>) -> bool {
        let mut stack = vec![(unparen(a), unparen(b))];
        while let Some((x, y)) = stack.pop() {
            if x.kind_str() != y.kind_str()
                || x.child_count() != y.child_count()
                || x.kind_str() == "call_expression"
            {
                return false;
            }
            if x.kind_str() == "identifier" {
                let same = match (self.resolve(x), self.resolve(y)) {
                    (Resolved::Local(d), Resolved::Local(e)) => d == e,
                    (Resolved::Package(i), Resolved::Package(j)) => i == j,
                    (Resolved::Unresolved, Resolved::Unresolved) => self.text(x) == self.text(y),
                    _ => false,
                };
                if !same {
                    return false;
                }
                continue;
            }
            if x.child_count() == 0 {
                if self.text(x) != self.text(y) {
                    return false;
                }
                continue;
            }
            let mut cx = x.walk();
            let mut cy = y.walk();
            let xs: Vec<Node<'_>> = x.children(&mut cx).collect();
            let ys: Vec<Node<'_>> = y.children(&mut cy).collect();
            stack.extend(xs.into_iter().zip(ys));
        }
        true
    }

    /// True if `node` evidently waits for other goroutines: a `.Wait()` call (WaitGroup,
    /// errgroup, Cond ...), a channel receive, a `select` or a `range` over a channel.
    /// Function literals below `node` are not entered.
    pub fn waits_for_goroutines(&self, node: Node<'t>) -> bool {
        let mut found = false;
        self.walk(node, |n| {
            if found || (n != node && n.kind_str() == "func_literal") {
                return false;
            }
            let hit = match n.kind_str() {
                "call_expression" => self.calls_method(n, "Wait"),
                "unary_expression" => n.child(0).is_some_and(|c| c.kind_str() == "<-"),
                "select_statement" => true,
                "range_clause" => n
                    .child_by_field_name("right")
                    .is_some_and(|r| self.type_of(r).is_chan()),
                _ => false,
            };
            found |= hit;
            !found
        });
        found
    }
}
