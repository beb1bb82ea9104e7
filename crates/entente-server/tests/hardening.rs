//! The server under bad input (issue #19 rows 8, 9, 15, 16): user errors are 400s, every answer is
//! JSON, page arithmetic is checked. Over real TCP where the request cannot be built in-process.

use entente_curated::CuratedRecord;
use entente_data::{testing::locate, Store};
use entente_server::{bind, serve_on, AppState, Limits};
use serde_json::Value;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

/// A server on 127.0.0.1 for the whole test binary.
fn server() -> SocketAddr {
    static ADDR: OnceLock<SocketAddr> = OnceLock::new();
    *ADDR.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let store = locate().is_dir().then(|| Store::new(locate()));
                let state = Arc::new(AppState::new(
                    CuratedRecord::embedded().unwrap(),
                    store,
                    Limits::default(),
                ));
                let l = bind("127.0.0.1:0".parse().unwrap()).await.unwrap();
                tx.send(l.local_addr().unwrap()).unwrap();
                serve_on(l, state, std::future::pending()).await.unwrap();
            });
        });
        rx.recv().unwrap()
    })
}

/// Sends raw bytes, returns the status and the body.
fn raw(request: &[u8]) -> (u16, String) {
    let mut s = TcpStream::connect(server()).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    s.write_all(request).unwrap();
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

fn get(target: &str) -> (u16, Value) {
    let (status, body) =
        raw(format!("GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes());
    let v = serde_json::from_str(&body).unwrap_or_else(|e| {
        panic!("{target}: {status} with a body that is not JSON ({e}): {body:?}")
    });
    (status, v)
}

/// Row 9: a traversal attempt with backslashes gets a 404 whose body is valid JSON.
#[test]
fn a_backslash_path_gets_a_json_404() {
    let (s, v) = get("/\\..\\..\\etc\\passwd");
    assert_eq!(s, 404);
    assert_eq!(v["status"], 404);
    assert!(v["error"].as_str().unwrap().contains("etc"), "{v}");
    let (s, v) = get("/a\"b");
    assert_eq!((s, v["status"].clone()), (404, Value::from(404)));
}

/// Row 15: a page number near 2^52 is an error, not page 1 labelled with that number.
#[test]
fn a_huge_page_is_refused_not_wrapped() {
    if !locate().join("README.md").is_file() {
        eprintln!("skipped: no data directory");
        return;
    }
    let (s, v) = get("/api/frames?kind=state-year&year=2000&page=4503599627370497&page_size=1000");
    assert_eq!(s, 400, "{v}");
    assert!(
        v["error"].as_str().unwrap().contains("past the last page"),
        "{v}"
    );
    let (s, v) = get(&format!(
        "/api/frames?kind=state-year&year=2000&page={}&page_size=5000",
        usize::MAX
    ));
    assert_eq!(s, 400, "{v}");
    // The last page is still served.
    let (s, v) = get("/api/frames?kind=state-year&year=2000&page=1&page_size=1000");
    assert_eq!(s, 200, "{v}");
}

/// Row 8: a user's mistake is a 400, not a 503.
#[test]
fn user_errors_in_frames_are_400() {
    if !locate().join("README.md").is_file() {
        eprintln!("skipped: no data directory");
        return;
    }
    let (s, v) = get("/api/frames?add=atop,atop&year=2000");
    assert_eq!(s, 400, "{v}");
    assert!(v["error"].as_str().unwrap().contains("atop"), "{v}");
    // A column set whose sources do not cover the year asked for.
    let (s, v) = get("/api/frames?kind=state-year&add=milex-sipri&year=1900");
    assert_eq!(s, 400, "{v}");
}

/// Row 6: a connection that never finishes its request head is closed after the header-read
/// timeout (5 s), not held.
#[test]
fn a_partial_request_is_closed_after_the_header_timeout() {
    let mut s = TcpStream::connect(server()).unwrap();
    s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let t = std::time::Instant::now();
    let mut buf = [0u8; 512];
    let closed = loop {
        match s.read(&mut buf) {
            Ok(0) => break true,
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => break true,
            Err(_) => break false,
        }
    };
    let secs = t.elapsed().as_secs_f64();
    assert!(closed, "still open after {secs:.1} s");
    assert!(secs < 10.0, "closed only after {secs:.1} s");
}

/// Row 16: requests that hyper rejects before the router (a space in the target, a bad
/// `Content-Length`, `HTTP/2.0` on an HTTP/1 request line, headers past hyper's limit) get the
/// API's JSON error body with hyper's status, not an empty body.
#[test]
fn requests_hyper_rejects_get_a_json_body() {
    let huge = format!(
        "GET / HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n",
        "a".repeat(1 << 20)
    );
    let cases: [(&str, &[u8], u16); 4] = [
        (
            "a space in the target",
            b"GET /a b HTTP/1.1\r\nHost: x\r\n\r\n",
            400,
        ),
        (
            "a bad Content-Length",
            b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
            400,
        ),
        (
            "HTTP/2.0 on the request line",
            b"GET / HTTP/2.0\r\nHost: x\r\n\r\n",
            400,
        ),
        ("1 MB of headers", huge.as_bytes(), 431),
    ];
    for (what, request, status) in cases {
        let (s, body) = raw(request);
        assert_eq!(s, status, "{what}: {body:?}");
        let v: Value = serde_json::from_str(&body)
            .unwrap_or_else(|e| panic!("{what}: a body that is not JSON ({e}): {body:?}"));
        assert_eq!(v["status"], status, "{what}: {v}");
        assert!(
            v["error"].as_str().unwrap().starts_with("the request"),
            "{what}: {v}"
        );
    }
}

/// Row 16, pipelined: a good request followed on the same connection by one hyper rejects gets
/// both answers, the first as the app gave it and the second in JSON.
#[test]
fn a_rejection_after_a_pipelined_request_keeps_the_first_answer() {
    let mut s = TcpStream::connect(server()).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    s.write_all(b"GET /api/health HTTP/1.1\r\nHost: x\r\n\r\nGET /a b HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    let text = String::from_utf8_lossy(&buf);
    let answers: Vec<&str> = text.split("HTTP/1.1 ").skip(1).collect();
    assert_eq!(answers.len(), 2, "{text}");
    assert!(answers[0].starts_with("200 OK"), "{text}");
    assert!(answers[0].contains("\"status\":\"ok\""), "{text}");
    assert!(answers[1].starts_with("400 Bad Request"), "{text}");
    let body = answers[1]
        .split_once("\r\n\r\n")
        .map(|(_, b)| b)
        .unwrap_or("");
    let v: Value = serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {text}"));
    assert_eq!(v["status"], 400);
}
