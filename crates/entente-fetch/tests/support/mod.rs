#![allow(dead_code)] // each test binary uses part of it
//! Test support: a small HTTP/1.1 server on 127.0.0.1 that serves the real data folder and can
//! misbehave on purpose, the real data folder's location, and directory snapshots.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// The real data folder (see `entente_testkit`); tests call `entente_testkit::real_data()` first.
pub fn data_root() -> PathBuf {
    entente_testkit::data_location()
}

/// How the server misbehaves for a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Serve the file with one byte flipped (see [`corrupt`]), with the right Content-Length.
    Corrupt,
    /// Send the headers with the full Content-Length, then half the body, then close.
    Truncate,
    /// Send half the body without a Content-Length (close-delimited), then close.
    TruncateNoLength,
    /// Answer with this status and a short body.
    Status(u16),
    /// Accept the request and say nothing for this long, then close.
    Stall(Duration),
}

/// The deliberate corruption: the middle byte, with its lowest bit flipped.
pub fn corrupt(body: &mut [u8]) {
    let mid = body.len() / 2;
    body[mid] ^= 0x01;
}

#[derive(Default)]
struct State {
    /// Path (without leading '/', decoded) → fault and how many first requests it applies to.
    faults: HashMap<String, (Fault, u32)>,
    /// Path → requests received.
    requests: HashMap<String, u32>,
}

/// The test server. Stops (and joins its threads) when dropped.
pub struct TestServer {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
    stop: Arc<AtomicBool>,
    acceptor: Option<JoinHandle<()>>,
}

impl TestServer {
    /// Starts a server on 127.0.0.1 (a free port) serving files under `root`.
    pub fn start(root: &Path) -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local addr");
        let state = Arc::new(Mutex::new(State::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let root = root.to_path_buf();
        let acceptor = {
            let (state, stop) = (state.clone(), stop.clone());
            thread::spawn(move || {
                let mut handlers = Vec::new();
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let (state, stop, root) = (state.clone(), stop.clone(), root.clone());
                    handlers.push(thread::spawn(move || {
                        handle(stream, &root, &state, &stop);
                    }));
                }
                for h in handlers {
                    let _ = h.join();
                }
            })
        };
        TestServer {
            addr,
            state,
            stop,
            acceptor: Some(acceptor),
        }
    }

    /// The URL of a file under the root (`rel_path` with '/' separators; spaces are encoded).
    pub fn url(&self, rel_path: &str) -> String {
        format!("http://{}/{}", self.addr, rel_path.replace(' ', "%20"))
    }

    /// Makes the server misbehave for the first `first_n` requests of `rel_path`
    /// (`u32::MAX`: always), counting from now.
    pub fn set_fault(&self, rel_path: &str, fault: Fault, first_n: u32) {
        let mut state = lock(&self.state);
        let already = state.requests.get(rel_path).copied().unwrap_or(0);
        state.faults.insert(
            rel_path.to_owned(),
            (fault, first_n.saturating_add(already)),
        );
    }

    /// Requests received for `rel_path`.
    pub fn requests(&self, rel_path: &str) -> u32 {
        lock(&self.state)
            .requests
            .get(rel_path)
            .copied()
            .unwrap_or(0)
    }

    /// Requests received in all.
    pub fn total_requests(&self) -> u32 {
        lock(&self.state).requests.values().sum()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the acceptor, which then sees the flag.
        let _ = TcpStream::connect(self.addr);
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
    }
}

fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn handle(stream: TcpStream, root: &Path, state: &Mutex<State>, stop: &AtomicBool) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(5)));
    let Some(path) = read_request_path(&stream) else {
        return;
    };
    let fault = {
        let mut state = lock(state);
        let n = state.requests.entry(path.clone()).or_insert(0);
        *n += 1;
        let n = *n;
        state
            .faults
            .get(&path)
            .and_then(|&(fault, until)| (n <= until).then_some(fault))
    };
    let mut stream = stream;
    let file = (!path.split('/').any(|s| s == ".." || s.is_empty()))
        .then(|| fs::read(root.join(&path)).ok())
        .flatten();
    let result = match (fault, file) {
        (Some(Fault::Stall(d)), _) => {
            let start = Instant::now();
            while start.elapsed() < d && !stop.load(Ordering::SeqCst) {
                thread::sleep(Duration::from_millis(20));
            }
            Ok(())
        }
        (Some(Fault::Status(status)), _) => respond_status(&mut stream, status),
        (_, None) => respond_status(&mut stream, 404),
        (None, Some(body)) => respond(&mut stream, &body, Some(body.len())),
        (Some(Fault::Corrupt), Some(mut body)) => {
            corrupt(&mut body);
            respond(&mut stream, &body, Some(body.len()))
        }
        (Some(Fault::Truncate), Some(body)) => {
            respond(&mut stream, &body[..body.len() / 2], Some(body.len()))
        }
        (Some(Fault::TruncateNoLength), Some(body)) => {
            respond(&mut stream, &body[..body.len() / 2], None)
        }
    };
    let _ = result;
    let _ = stream.shutdown(Shutdown::Both);
}

/// Reads the request head; returns the decoded path without its leading '/'.
fn read_request_path(stream: &TcpStream) -> Option<String> {
    let mut reader = BufReader::new(stream);
    let mut request_line = String::new();
    reader.read_line(&mut request_line).ok()?;
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) => break,
            Ok(_) if line == "\r\n" || line == "\n" => break,
            Ok(_) => {}
            Err(_) => return None,
        }
    }
    let target = request_line.split_whitespace().nth(1)?;
    Some(percent_decode(target.trim_start_matches('/')))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(b) = hex {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn respond(
    stream: &mut TcpStream,
    body: &[u8],
    content_length: Option<usize>,
) -> std::io::Result<()> {
    let mut head = String::from("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n");
    if let Some(len) = content_length {
        head.push_str(&format!("Content-Length: {len}\r\n"));
    }
    head.push_str("Connection: close\r\n\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;
    stream.flush()
}

fn respond_status(stream: &mut TcpStream, status: u16) -> std::io::Result<()> {
    let body = format!("status {status}\n");
    let head = format!(
        "HTTP/1.1 {status} Test\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    stream.write_all(body.as_bytes())?;
    stream.flush()
}

/// Everything under `dir`: relative path → `None` for a directory, `Some(contents)` for a file.
/// A directory that does not exist gives an empty map.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
    let mut out = BTreeMap::new();
    if dir.exists() {
        walk(dir, dir, &mut out);
    }
    out
}

fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Option<Vec<u8>>>) {
    for entry in fs::read_dir(dir).expect("read_dir") {
        let path = entry.expect("dir entry").path();
        let rel = path
            .strip_prefix(root)
            .expect("under root")
            .to_string_lossy()
            .into_owned();
        if path.is_dir() {
            out.insert(rel, None);
            walk(root, &path, out);
        } else {
            out.insert(rel, Some(fs::read(&path).expect("read file")));
        }
    }
}

/// The names in a snapshot (for readable assertion messages).
pub fn names(snapshot: &BTreeMap<String, Option<Vec<u8>>>) -> Vec<&str> {
    snapshot.keys().map(String::as_str).collect()
}
