//! Types that are evident from the file alone. Anything the file does not show is `Unknown`;
//! rules treat `Unknown` as "do not report", never as a match.

#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Ty {
    #[default]
    Unknown,
    /// A named type: `pkg` is the import path (`net/http`) or `None` for a type of this file
    /// or a predeclared one.
    Named {
        pkg: Option<String>,
        name: String,
    },
    Pointer(Box<Ty>),
    Chan {
        elem: Box<Ty>,
        buffering: Buffering,
    },
    Map(Box<Ty>, Box<Ty>),
    Slice(Box<Ty>),
    Array(Box<Ty>),
    Func {
        results: Vec<Ty>,
    },
    /// Several results of one call.
    Tuple(Vec<Ty>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Buffering {
    /// `make(chan T)` or `make(chan T, 0)`.
    Unbuffered,
    /// `make(chan T, n)` with n not a literal 0.
    Buffered,
    /// Declared without `make` in view (a parameter, a field, `var ch chan T`).
    Unknown,
}

impl Ty {
    pub fn named(pkg: &str, name: &str) -> Ty {
        Ty::Named {
            pkg: Some(pkg.to_string()),
            name: name.to_string(),
        }
    }
    pub fn local(name: &str) -> Ty {
        Ty::Named {
            pkg: None,
            name: name.to_string(),
        }
    }
    pub fn ptr(self) -> Ty {
        Ty::Pointer(Box::new(self))
    }
    /// Strips one level of pointer.
    #[allow(clippy::should_implement_trait)]
    pub fn deref(&self) -> &Ty {
        match self {
            Ty::Pointer(t) => t,
            t => t,
        }
    }
    /// `pkg.name` or `*pkg.name`.
    pub fn is(&self, pkg: &str, name: &str) -> bool {
        matches!(self.deref(), Ty::Named { pkg: Some(p), name: n } if p == pkg && n == name)
    }
    pub fn is_error(&self) -> bool {
        matches!(self, Ty::Named { pkg: None, name } if name == "error")
    }
    pub fn is_chan(&self) -> bool {
        matches!(self, Ty::Chan { .. })
    }
    pub fn is_known(&self) -> bool {
        !matches!(self, Ty::Unknown)
    }
    /// The i-th value of a (possibly multi-valued) type.
    pub fn nth(&self, i: usize) -> Ty {
        match self {
            Ty::Tuple(ts) => ts.get(i).cloned().unwrap_or_default(),
            t if i == 0 => t.clone(),
            _ => Ty::Unknown,
        }
    }
    /// The first value of a call's result.
    pub fn first(&self) -> Ty {
        self.nth(0)
    }

    /// Parses the compact spellings used by the stdlib table: `*net/http.Response`,
    /// `[]byte`, `chan time.Time`, `error`, `func()`.
    pub fn spec(s: &str) -> Ty {
        let s = s.trim();
        if let Some(rest) = s.strip_prefix('*') {
            return Ty::spec(rest).ptr();
        }
        if let Some(rest) = s.strip_prefix("[]") {
            return Ty::Slice(Box::new(Ty::spec(rest)));
        }
        if let Some(rest) = s.strip_prefix("<-chan ") {
            return Ty::Chan {
                elem: Box::new(Ty::spec(rest)),
                buffering: Buffering::Unknown,
            };
        }
        if let Some(rest) = s.strip_prefix("chan ") {
            return Ty::Chan {
                elem: Box::new(Ty::spec(rest)),
                buffering: Buffering::Unknown,
            };
        }
        if s.starts_with("func(") {
            return Ty::Func { results: vec![] };
        }
        match s.rfind('.') {
            Some(dot) => Ty::named(&s[..dot], &s[dot + 1..]),
            None => Ty::local(s),
        }
    }
}
