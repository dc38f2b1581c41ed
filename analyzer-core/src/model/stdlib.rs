//! What the file cannot tell us about the standard library: result types of the functions
//! and methods the rules care about. Keep this table small and exact; a missing entry only
//! makes a type `Unknown`, a wrong one makes a rule lie.

use super::ty::Ty;

/// (import path, function, result types)
const FUNCS: &[(&str, &str, &[&str])] = &[
    ("time", "NewTicker", &["*time.Ticker"]),
    ("time", "NewTimer", &["*time.Timer"]),
    ("time", "AfterFunc", &["*time.Timer"]),
    ("time", "After", &["<-chan time.Time"]),
    ("time", "Tick", &["<-chan time.Time"]),
    ("time", "Now", &["time.Time"]),
    ("time", "Since", &["time.Duration"]),
    ("time", "Parse", &["time.Time", "error"]),
    ("time", "ParseInLocation", &["time.Time", "error"]),
    ("time", "ParseDuration", &["time.Duration", "error"]),
    ("time", "LoadLocation", &["*time.Location", "error"]),
    ("context", "Background", &["context.Context"]),
    ("context", "TODO", &["context.Context"]),
    (
        "context",
        "WithCancel",
        &["context.Context", "context.CancelFunc"],
    ),
    (
        "context",
        "WithTimeout",
        &["context.Context", "context.CancelFunc"],
    ),
    (
        "context",
        "WithDeadline",
        &["context.Context", "context.CancelFunc"],
    ),
    (
        "context",
        "WithCancelCause",
        &["context.Context", "context.CancelCauseFunc"],
    ),
    (
        "context",
        "WithTimeoutCause",
        &["context.Context", "context.CancelFunc"],
    ),
    (
        "context",
        "WithDeadlineCause",
        &["context.Context", "context.CancelFunc"],
    ),
    ("context", "WithoutCancel", &["context.Context"]),
    ("context", "WithValue", &["context.Context"]),
    ("os/exec", "Command", &["*os/exec.Cmd"]),
    ("os/exec", "CommandContext", &["*os/exec.Cmd"]),
    ("os", "Open", &["*os.File", "error"]),
    ("os", "Create", &["*os.File", "error"]),
    ("os", "OpenFile", &["*os.File", "error"]),
    ("os", "ReadFile", &["[]byte", "error"]),
    ("os", "WriteFile", &["error"]),
    ("os", "Remove", &["error"]),
    ("os", "RemoveAll", &["error"]),
    ("os", "Mkdir", &["error"]),
    ("os", "MkdirAll", &["error"]),
    ("os", "Rename", &["error"]),
    ("os", "Chdir", &["error"]),
    ("os", "Setenv", &["error"]),
    ("os", "Getwd", &["string", "error"]),
    ("os", "Hostname", &["string", "error"]),
    ("os", "ReadDir", &["[]os.DirEntry", "error"]),
    ("os", "Stat", &["os.FileInfo", "error"]),
    ("io", "ReadAll", &["[]byte", "error"]),
    ("io", "Copy", &["int64", "error"]),
    ("io", "CopyN", &["int64", "error"]),
    ("io", "ReadFull", &["int", "error"]),
    ("io", "WriteString", &["int", "error"]),
    ("io/ioutil", "ReadAll", &["[]byte", "error"]),
    ("io/ioutil", "ReadFile", &["[]byte", "error"]),
    ("io/ioutil", "WriteFile", &["error"]),
    ("net/http", "Get", &["*net/http.Response", "error"]),
    ("net/http", "Head", &["*net/http.Response", "error"]),
    ("net/http", "Post", &["*net/http.Response", "error"]),
    ("net/http", "PostForm", &["*net/http.Response", "error"]),
    ("net/http", "NewRequest", &["*net/http.Request", "error"]),
    (
        "net/http",
        "NewRequestWithContext",
        &["*net/http.Request", "error"],
    ),
    ("net/http", "ListenAndServe", &["error"]),
    ("net/http", "ListenAndServeTLS", &["error"]),
    ("net/http", "Serve", &["error"]),
    ("net/http", "ServeTLS", &["error"]),
    ("net/http", "NewServeMux", &["*net/http.ServeMux"]),
    ("net", "Dial", &["net.Conn", "error"]),
    ("net", "Listen", &["net.Listener", "error"]),
    ("database/sql", "Open", &["*database/sql.DB", "error"]),
    ("encoding/json", "Marshal", &["[]byte", "error"]),
    ("encoding/json", "MarshalIndent", &["[]byte", "error"]),
    ("encoding/json", "Unmarshal", &["error"]),
    ("strconv", "Atoi", &["int", "error"]),
    ("strconv", "ParseInt", &["int64", "error"]),
    ("strconv", "ParseUint", &["uint64", "error"]),
    ("strconv", "ParseFloat", &["float64", "error"]),
    ("strconv", "ParseBool", &["bool", "error"]),
    ("fmt", "Errorf", &["error"]),
    ("errors", "New", &["error"]),
    ("errors", "Join", &["error"]),
    ("bufio", "NewReader", &["*bufio.Reader"]),
    ("bufio", "NewScanner", &["*bufio.Scanner"]),
    ("bufio", "NewWriter", &["*bufio.Writer"]),
    ("bytes", "NewBuffer", &["*bytes.Buffer"]),
    ("bytes", "Clone", &["[]byte"]),
    ("strings", "Clone", &["string"]),
    ("sync/atomic", "AddInt64", &["int64"]),
    ("sync/atomic", "AddInt32", &["int32"]),
    ("sync/atomic", "AddUint64", &["uint64"]),
    ("sync/atomic", "AddUint32", &["uint32"]),
    ("sync/atomic", "LoadInt64", &["int64"]),
    ("sync/atomic", "AddUintptr", &["uintptr"]),
    ("sync/atomic", "LoadInt32", &["int32"]),
    // Error-returning functions for GP6001 error-discarded.
    ("os", "Chmod", &["error"]),
    ("os", "Chown", &["error"]),
    ("os", "Chtimes", &["error"]),
    ("os", "Link", &["error"]),
    ("os", "Symlink", &["error"]),
    ("os", "Readlink", &["string", "error"]),
    ("os", "Lstat", &["os.FileInfo", "error"]),
    ("os", "MkdirTemp", &["string", "error"]),
    ("os", "CreateTemp", &["*os.File", "error"]),
    ("os", "Truncate", &["error"]),
    ("os", "Unsetenv", &["error"]),
    ("os", "Executable", &["string", "error"]),
    ("os", "UserHomeDir", &["string", "error"]),
    ("os", "Pipe", &["*os.File", "*os.File", "error"]),
    ("io", "ReadAtLeast", &["int", "error"]),
    ("io", "CopyBuffer", &["int64", "error"]),
    ("strconv", "Unquote", &["string", "error"]),
    ("strconv", "ParseComplex", &["complex128", "error"]),
    ("encoding/json", "Indent", &["error"]),
    ("encoding/json", "Compact", &["error"]),
    ("encoding/xml", "Marshal", &["[]byte", "error"]),
    ("encoding/xml", "MarshalIndent", &["[]byte", "error"]),
    ("encoding/xml", "Unmarshal", &["error"]),
    ("encoding/hex", "DecodeString", &["[]byte", "error"]),
    ("net/url", "Parse", &["*net/url.URL", "error"]),
    ("net/url", "ParseRequestURI", &["*net/url.URL", "error"]),
    ("net/url", "ParseQuery", &["net/url.Values", "error"]),
    ("net/url", "QueryUnescape", &["string", "error"]),
    ("net/url", "PathUnescape", &["string", "error"]),
    ("path/filepath", "Abs", &["string", "error"]),
    ("path/filepath", "Rel", &["string", "error"]),
    ("path/filepath", "Glob", &["[]string", "error"]),
    ("path/filepath", "Walk", &["error"]),
    ("path/filepath", "WalkDir", &["error"]),
    ("path/filepath", "EvalSymlinks", &["string", "error"]),
    ("regexp", "Compile", &["*regexp.Regexp", "error"]),
    ("net", "DialTimeout", &["net.Conn", "error"]),
    ("net", "SplitHostPort", &["string", "string", "error"]),
    ("os/exec", "LookPath", &["string", "error"]),
    // time.Time values, for GP7001 time-layout-wrong.
    ("time", "Unix", &["time.Time"]),
    ("time", "UnixMilli", &["time.Time"]),
    ("time", "Date", &["time.Time"]),
];

/// (receiver type as `path.Name`, method, result types). Receivers are matched through
/// pointers, as Go's method sets allow for addressable values.
const METHODS: &[(&str, &str, &[&str])] = &[
    ("net/http.Client", "Do", &["*net/http.Response", "error"]),
    ("net/http.Client", "Get", &["*net/http.Response", "error"]),
    ("net/http.Client", "Head", &["*net/http.Response", "error"]),
    ("net/http.Client", "Post", &["*net/http.Response", "error"]),
    (
        "net/http.Client",
        "PostForm",
        &["*net/http.Response", "error"],
    ),
    ("net/http.Request", "Context", &["context.Context"]),
    ("net/http.Server", "ListenAndServe", &["error"]),
    ("net/http.Server", "Shutdown", &["error"]),
    ("database/sql.DB", "Query", &["*database/sql.Rows", "error"]),
    (
        "database/sql.DB",
        "QueryContext",
        &["*database/sql.Rows", "error"],
    ),
    ("database/sql.DB", "Exec", &["database/sql.Result", "error"]),
    (
        "database/sql.DB",
        "ExecContext",
        &["database/sql.Result", "error"],
    ),
    (
        "database/sql.DB",
        "Prepare",
        &["*database/sql.Stmt", "error"],
    ),
    ("database/sql.DB", "Begin", &["*database/sql.Tx", "error"]),
    ("database/sql.DB", "Ping", &["error"]),
    ("database/sql.DB", "Close", &["error"]),
    ("database/sql.Tx", "Commit", &["error"]),
    ("database/sql.Tx", "Rollback", &["error"]),
    ("database/sql.Rows", "Close", &["error"]),
    ("database/sql.Rows", "Err", &["error"]),
    ("database/sql.Rows", "Scan", &["error"]),
    ("database/sql.Row", "Scan", &["error"]),
    ("os/exec.Cmd", "Start", &["error"]),
    ("os/exec.Cmd", "Wait", &["error"]),
    ("os/exec.Cmd", "Run", &["error"]),
    ("os/exec.Cmd", "Output", &["[]byte", "error"]),
    ("os/exec.Cmd", "CombinedOutput", &["[]byte", "error"]),
    ("os/exec.Cmd", "StdoutPipe", &["io.ReadCloser", "error"]),
    ("os.File", "Close", &["error"]),
    ("os.File", "Write", &["int", "error"]),
    ("os.File", "WriteString", &["int", "error"]),
    ("os.File", "Sync", &["error"]),
    ("time.Time", "In", &["time.Time"]),
    ("time.Time", "Format", &["string"]),
    ("time.Timer", "Stop", &["bool"]),
    ("time.Timer", "Reset", &["bool"]),
    ("context.Context", "Done", &["<-chan struct{}"]),
    ("context.Context", "Err", &["error"]),
    ("sync.Pool", "Get", &["any"]),
    // Error-returning methods for GP6001 error-discarded.
    ("os.File", "Read", &["int", "error"]),
    ("os.File", "ReadAt", &["int", "error"]),
    ("os.File", "Seek", &["int64", "error"]),
    ("os.File", "Stat", &["os.FileInfo", "error"]),
    ("os.File", "Chmod", &["error"]),
    ("os.File", "Truncate", &["error"]),
    ("net.Conn", "Read", &["int", "error"]),
    ("net.Conn", "Write", &["int", "error"]),
    ("net.Conn", "Close", &["error"]),
    ("net.Conn", "SetDeadline", &["error"]),
    ("net.Conn", "SetReadDeadline", &["error"]),
    ("net.Conn", "SetWriteDeadline", &["error"]),
    ("net.Listener", "Accept", &["net.Conn", "error"]),
    ("net.Listener", "Close", &["error"]),
    ("net/http.Server", "Serve", &["error"]),
    ("net/http.Server", "Close", &["error"]),
    ("net/http.Request", "ParseForm", &["error"]),
    ("database/sql.DB", "PingContext", &["error"]),
    (
        "database/sql.Stmt",
        "Exec",
        &["database/sql.Result", "error"],
    ),
    ("database/sql.Stmt", "Close", &["error"]),
    ("database/sql.Tx", "Exec", &["database/sql.Result", "error"]),
    ("bufio.Writer", "Flush", &["error"]),
    ("bufio.Reader", "ReadString", &["string", "error"]),
    ("bufio.Scanner", "Err", &["error"]),
    // time.Time values, for GP7001 time-layout-wrong.
    ("time.Time", "UTC", &["time.Time"]),
    ("time.Time", "Local", &["time.Time"]),
    ("time.Time", "Add", &["time.Time"]),
    ("time.Time", "AddDate", &["time.Time"]),
    ("time.Time", "Truncate", &["time.Time"]),
    ("time.Time", "Round", &["time.Time"]),
    ("encoding/json.Encoder", "Encode", &["error"]),
    ("encoding/json.Decoder", "Decode", &["error"]),
];

/// Result type of `path.name(...)`.
pub fn func_results(path: &str, name: &str) -> Option<Ty> {
    FUNCS
        .iter()
        .find(|(p, n, _)| *p == path && *n == name)
        .map(|(_, _, r)| tuple(r))
}

/// Result type of `recv.name(...)` where `recv` is (a pointer to) `path.Type`.
pub fn method_results(recv: &Ty, name: &str) -> Option<Ty> {
    let Ty::Named {
        pkg: Some(p),
        name: t,
    } = recv.deref()
    else {
        return None;
    };
    METHODS
        .iter()
        .find(|(r, m, _)| *m == name && r.rsplit_once('.') == Some((p.as_str(), t.as_str())))
        .map(|(_, _, r)| tuple(r))
}

/// True if the package function is known (so a dot-import can be resolved to it).
pub fn has_func(path: &str, name: &str) -> bool {
    FUNCS.iter().any(|(p, n, _)| *p == path && *n == name)
}

fn tuple(specs: &[&str]) -> Ty {
    match specs {
        [one] => Ty::spec(one),
        many => Ty::Tuple(many.iter().map(|s| Ty::spec(s)).collect()),
    }
}

/// True if a value of this result type carries an error the caller must look at.
pub fn returns_error(t: &Ty) -> bool {
    match t {
        Ty::Tuple(ts) => ts.last().is_some_and(Ty::is_error),
        t => t.is_error(),
    }
}
