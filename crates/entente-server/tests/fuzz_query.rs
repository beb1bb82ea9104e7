//! Fuzzing the API's query parsing (issue #19): proptest builds query strings from the parameters the
//! endpoints take and from unknown ones, with hostile values (empty, huge, negative, non-finite,
//! repeated separators, percent-encoded bytes, control characters, non-UTF-8 escapes) and sends them
//! in-process to every read endpoint. Each answer must be a client error or an answer, never a
//! server error, and its body must be JSON; an error must be one line.
//!
//! The server has no data directory here, so data-backed endpoints answer 503 quickly and the run
//! measures the parsing, not the analyses. `/api/simulate` and `/api/coordination` are left out: a
//! valid random query would start simulations (their parameters are covered by `tests/api.rs`).
//! `ENTENTE_FUZZ_CASES` sets the number of requests (default 2,000; docs/fuzzing.md).

use axum::body::Body;
use axum::http::Request;
use entente_curated::CuratedRecord;
use entente_server::{app, AppState, Limits};
use http_body_util::BodyExt;
use proptest::prelude::*;
use std::sync::{Arc, OnceLock};
use tower::ServiceExt;

const ENDPOINTS: &[&str] = &[
    "/api/health",
    "/api/states",
    "/api/alliances",
    "/api/ties",
    "/api/brief",
    "/api/headline",
    "/api/records",
    "/api/opportunities",
    "/api/similarity",
    "/api/frames",
    "/api/network",
    "/api/trends",
    "/api/profile",
    "/api/scenarios",
];

const KEYS: &[&str] = &[
    "year", "from", "to", "state", "a", "b", "measure", "top", "page", "size", "add", "source",
    "kind", "id", "pair", "scenario", "format", "unit", "between", "and", "colour", "",
];

fn cases() -> u32 {
    std::env::var("ENTENTE_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000)
}

fn state() -> Arc<AppState> {
    static S: OnceLock<Arc<AppState>> = OnceLock::new();
    S.get_or_init(|| {
        Arc::new(AppState::new(
            CuratedRecord::embedded().unwrap(),
            None,
            Limits::default(),
        ))
    })
    .clone()
}

fn runtime() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap()
    })
}

/// A hostile or ordinary value, already percent-encoded where needed.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        (1800i64..2030).prop_map(|y| y.to_string()),
        any::<i64>().prop_map(|v| v.to_string()),
        Just("9".repeat(40)),
        Just("1e30".into()),
        Just("NaN".into()),
        Just("-0".into()),
        Just(",,,".into()),
        Just("%00".into()),
        Just("%FF%FE".into()),
        Just("%1b%5b31m".into()),
        Just("%".into()),
        Just("%zz".into()),
        Just("JPN,GBR".into()),
        Just("usa".into()),
        Just("atop,atop".into()),
        Just("similarity".into()),
        "[a-z_,.]{0,24}",
        "[ -~]{0,16}".prop_map(|s| s
            .bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' =>
                    (b as char).to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect()),
    ]
}

fn query() -> impl Strategy<Value = String> {
    prop::collection::vec((prop::sample::select(KEYS), value(), any::<bool>()), 0..5).prop_map(
        |parts| {
            parts
                .into_iter()
                .map(|(k, v, eq)| {
                    if eq {
                        format!("{k}={v}")
                    } else {
                        k.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join("&")
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn queries_never_cause_a_server_error(path in prop::sample::select(ENDPOINTS), q in query()) {
        let uri = if q.is_empty() { path.to_string() } else { format!("{path}?{q}") };
        let (status, body) = runtime().block_on(async {
            let res = app(state())
                .oneshot(Request::builder().uri(uri.as_str()).body(Body::empty()).unwrap())
                .await
                .unwrap();
            let status = res.status().as_u16();
            let bytes = res.into_body().collect().await.unwrap().to_bytes();
            (status, bytes)
        });
        // 503: a dataset this server does not have; every other failure is the client's.
        prop_assert!(status < 500 || status == 503, "{uri}: {status} {}", String::from_utf8_lossy(&body));
        let v: serde_json::Value = serde_json::from_slice(&body)
            .map_err(|e| TestCaseError::fail(format!("{uri}: {status}, body not JSON ({e})")))?;
        if status >= 400 {
            let msg = v["error"].as_str().unwrap_or_default();
            prop_assert!(!msg.is_empty() && !msg.contains('\n'), "{uri}: {v}");
            prop_assert!(!msg.chars().any(|c| c.is_control()), "{uri}: control character in {msg:?}");
        }
    }
}
