//! The API in-process: answers, JSON errors for every bad request, limits, and the OpenAPI document.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use entente_curated::CuratedRecord;
use entente_data::Store;
use entente_server::{app, AppState, Limits};
use entente_testkit::data_location as data_dir;
use http_body_util::BodyExt;
use serde_json::Value;
use std::sync::Arc;
use tower::ServiceExt;

mod common;
use common::state;

async fn get(method: &str, uri: &str) -> (StatusCode, Value) {
    common::request(method, uri).await
}

#[tokio::test]
async fn alliances_and_ties_by_year() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let (s, v) = get("GET", "/api/alliances?year=2024").await;
    assert_eq!(s, StatusCode::OK);
    let nato = v
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "nato")
        .unwrap();
    assert_eq!(nato["member_count"], 32);
    let (_, v) = get("GET", "/api/alliances?year=2019").await;
    let nato = v
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "nato")
        .unwrap();
    assert_eq!(nato["member_count"], 29);
    let (s, v) = get("GET", "/api/ties?between=europe&and=east-asia&year=2024").await;
    assert_eq!(s, StatusCode::OK);
    assert!(v.as_array().unwrap().len() > 50);
    let (s, v) = get("GET", "/api/states?region=challengers").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v.as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn opportunities_similarity_frames_and_brief() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let (s, v) = get("GET", "/api/opportunities?year=2024&top=3").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v.as_array().unwrap().len(), 3);
    assert!(v[0]["rationale"].is_string());
    // top=0 means all, as `entente opportunities --top 0` (issue #19 row 24).
    let (s, v) = get("GET", "/api/opportunities?year=2024&top=0").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert!(
        v.as_array().unwrap().len() > 25,
        "{}",
        v.as_array().unwrap().len()
    );
    let (s, v) = get("GET", "/api/opportunities?year=2024&pair=GBR,JPN").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v[0]["asia"]["iso3"], "JPN");
    let (s, v) = get("GET", "/api/similarity?year=2000&state=JPN&other=USA").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let k = v["rows"][0]["kappava"].as_f64().unwrap();
    assert!(k > 0.0 && k <= 1.0);
    let (s, v) = get(
        "GET",
        "/api/frames?kind=dyad-year&year=2000&add=atop,nmc&page=2&page_size=100",
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["rows"].as_array().unwrap().len(), 100);
    assert_eq!(v["total_rows"], 36290);
    assert_eq!(v["pages"], 363);
    assert!(v["columns"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c == "atop_defense"));
    let (s, v) = get("GET", "/api/brief?year=2022").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["year"], 2022);
}

#[tokio::test]
async fn bad_requests_get_json_errors() {
    for (method, uri, want) in [
        ("GET", "/api/alliances?year=abc", StatusCode::BAD_REQUEST),
        ("GET", "/api/alliances?year=1800", StatusCode::BAD_REQUEST),
        ("GET", "/api/alliances?colour=red", StatusCode::BAD_REQUEST),
        ("GET", "/api/alliances?state=XYZ", StatusCode::BAD_REQUEST),
        ("GET", "/api/ties?between=atlantis", StatusCode::BAD_REQUEST),
        ("GET", "/api/similarity?year=2000", StatusCode::BAD_REQUEST),
        (
            "GET",
            "/api/similarity?year=2030&state=JPN",
            StatusCode::BAD_REQUEST,
        ),
        (
            "GET",
            "/api/frames?page_size=999999",
            StatusCode::BAD_REQUEST,
        ),
        ("GET", "/api/frames?add=polity", StatusCode::BAD_REQUEST),
        (
            "GET",
            "/api/opportunities?pair=GBR",
            StatusCode::BAD_REQUEST,
        ),
        ("GET", "/api/nope", StatusCode::NOT_FOUND),
        ("POST", "/api/alliances", StatusCode::METHOD_NOT_ALLOWED),
        ("DELETE", "/api/states", StatusCode::METHOD_NOT_ALLOWED),
        ("POST", "/", StatusCode::METHOD_NOT_ALLOWED),
        ("PUT", "/app.js", StatusCode::METHOD_NOT_ALLOWED),
        ("PATCH", "/openapi.json", StatusCode::METHOD_NOT_ALLOWED),
        ("GET", "/no-such-file.js", StatusCode::NOT_FOUND),
    ] {
        let (s, v) = get(method, uri).await;
        assert_eq!(s, want, "{method} {uri}: {v}");
        assert!(
            v["error"].is_string(),
            "{method} {uri}: a JSON error, got {v}"
        );
        assert_eq!(v["status"], want.as_u16());
    }
    let long = format!("/api/states?region={}", "x".repeat(3000));
    let (s, v) = get("GET", &long).await;
    assert_eq!(s, StatusCode::URI_TOO_LONG);
    assert!(v["error"].is_string());
    // A body over the limit is refused before any handler, still with a JSON error.
    let big = vec![b'a'; 20_000];
    let res = app(state())
        .oneshot(
            Request::builder()
                .uri("/api/alliances?year=2024")
                .header("content-length", big.len())
                .body(Body::from(big))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    let v: Value = serde_json::from_slice(&bytes).expect("a JSON error body");
    assert_eq!(v["status"], 413, "{v}");
    assert!(v["error"].is_string(), "{v}");
}

#[tokio::test]
async fn the_dashboard_is_served() {
    let res = app(state())
        .oneshot(Request::builder().uri("/").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
}

#[tokio::test]
async fn networks_trends_and_simulation() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let (s, v) = get("GET", "/api/network?year=2024").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert!(v["measures"]["hub_dependence"].is_object());
    assert!(v["edge_list"].as_array().unwrap().len() > 100);
    let (s, v) = get("GET", "/api/network?year=2024&layers=telepathy").await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    let (s, v) = get(
        "GET",
        "/api/trends?measure=hub_dependence,sr_alignment&from=2000&to=2010",
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["rows"].as_array().unwrap().len(), 11);
    assert!(v["rows"][0].get("sr_alignment").is_some());
    let (s, v) = get("GET", "/api/trends?measure=nonsense").await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    let (s, v) = get("GET", "/api/scenarios").await;
    assert_eq!(s, StatusCode::OK);
    assert!(v
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["name"] == "baseline"));
    let (s, v) = get(
        "GET",
        "/api/simulate?scenario=baseline&runs=50&coordination=0.9&seed=7",
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["runs"], 50);
    assert!(v["summary"].as_array().unwrap().len() > 3);
    let (_, again) = get(
        "GET",
        "/api/simulate?scenario=baseline&runs=50&coordination=0.9&seed=7",
    )
    .await;
    assert_eq!(v["summary"], again["summary"], "same seed, same answer");
    for (uri, want) in [
        ("/api/simulate?runs=999999", StatusCode::BAD_REQUEST),
        ("/api/simulate?coordination=1.5", StatusCode::BAD_REQUEST),
        ("/api/simulate?coordination=NaN", StatusCode::BAD_REQUEST),
        (
            "/api/simulate?scenario=../etc/passwd",
            StatusCode::BAD_REQUEST,
        ),
        ("/api/simulate?scenario=nope", StatusCode::NOT_FOUND),
    ] {
        let (s, v) = get("GET", uri).await;
        assert_eq!(s, want, "{uri}: {v}");
        assert!(v["error"].is_string());
    }
}

fn state_with(limits: Limits) -> Arc<AppState> {
    let store = Store::new(data_dir());
    Arc::new(AppState::new(
        CuratedRecord::embedded().unwrap(),
        Some(store),
        limits,
    ))
}

async fn call(app: &axum::Router, uri: &str) -> (StatusCode, Value) {
    let res = app
        .clone()
        .oneshot(Request::builder().uri(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

#[tokio::test]
async fn a_full_simulation_queue_refuses_with_503() {
    let app = app(state_with(Limits {
        sim_concurrency: 1,
        sim_queue: 0,
        ..Limits::default()
    }));
    // Both requests are polled in this one task: the first takes the only slot and waits on its
    // run, so the second finds the queue full.
    let (a, b) = tokio::join!(
        call(&app, "/api/simulate?runs=2000&seed=1"),
        call(&app, "/api/simulate?runs=2000&seed=2"),
    );
    assert_eq!(a.0, StatusCode::OK, "{}", a.1);
    assert_eq!(b.0, StatusCode::SERVICE_UNAVAILABLE, "{}", b.1);
    assert!(
        b.1["error"].as_str().unwrap().contains("queue is full"),
        "{}",
        b.1
    );
}

#[tokio::test]
async fn a_timed_out_simulation_still_holds_its_slot_until_it_ends() {
    let app = app(state_with(Limits {
        sim_concurrency: 1,
        sim_queue: 0,
        sim_timeout_s: 0,
        ..Limits::default()
    }));
    let (s, v) = call(&app, "/api/simulate?runs=5000&seed=3").await;
    assert_eq!(s, StatusCode::SERVICE_UNAVAILABLE, "{v}");
    assert!(v["error"].as_str().unwrap().contains("longer than"), "{v}");
    // The run goes on in the background and keeps its slot: the caps still hold.
    let (s, v) = call(&app, "/api/simulate?runs=5000&seed=4").await;
    assert_eq!(s, StatusCode::SERVICE_UNAVAILABLE, "{v}");
    assert!(
        v["error"].as_str().unwrap().contains("queue is full"),
        "{v}"
    );
}

#[tokio::test]
async fn the_cache_stays_within_its_byte_budget() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let st = state_with(Limits {
        cache_bytes: 1 << 20,
        ..Limits::default()
    });
    let app = app(Arc::clone(&st));
    for y in 2000..=2024 {
        let (s, _) = call(&app, &format!("/api/alliances?year={y}")).await;
        assert_eq!(s, StatusCode::OK);
        assert!(st.cache_bytes() <= 1 << 20, "{} bytes", st.cache_bytes());
    }
    assert!(st.cache_bytes() > 0, "small answers are cached");
    // An answer over an eighth of the budget (a 420 KB network) is served but not kept.
    let before = st.cache_bytes();
    let (s, _) = call(&app, "/api/network?year=2024").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(st.cache_bytes(), before);
}

#[tokio::test]
async fn errors_are_plain_english() {
    let (_, v) = get("GET", "/api/alliances?year=abc").await;
    assert_eq!(v["error"], "year must be a whole number");
    let (_, v) = get("GET", "/api/alliances?colour=red").await;
    assert_eq!(
        v["error"],
        "this endpoint takes no parameter 'colour'; it takes year, state"
    );
    let (_, v) = get("GET", "/api/simulate?runs=999999").await;
    let e = v["error"].as_str().unwrap();
    assert!(e.starts_with("runs must be between 1 and"), "{e}");
    assert!(!e.contains("..="), "{e}");
}

#[tokio::test]
async fn answers_are_compressed_with_gzip_or_brotli() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let plain = {
        let res = app(state())
            .oneshot(
                Request::builder()
                    .uri("/api/states")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        assert!(res.headers().get("content-encoding").is_none());
        res.into_body().collect().await.unwrap().to_bytes().len()
    };
    for enc in ["gzip", "br"] {
        let res = app(state())
            .oneshot(
                Request::builder()
                    .uri("/api/states")
                    .header("accept-encoding", enc)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(res.headers()["content-encoding"], enc);
        let n = res.into_body().collect().await.unwrap().to_bytes().len();
        assert!(n * 3 < plain, "{enc}: {n} bytes of {plain}");
    }
}

#[tokio::test]
async fn the_headline_is_small_and_honest() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let (s, v) = get("GET", "/api/headline?year=2024").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["nato_members"]["value"], 32.0);
    assert_eq!(v["eap_allies"]["value"], 5.0);
    let hub = v["hub_dependence_treaty"]["value"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&hub));
    let brokerage = v["us_brokerage"]["value"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&brokerage));
    // The one count of interregional ties: the brief's distinct pairs, not record–pair links.
    let (_, brief) = get("GET", "/api/brief?year=2024").await;
    let pairs = v["cross_ties"]["value"].as_f64().unwrap();
    let counts = &brief["cross_counts"];
    assert_eq!(
        Some(pairs),
        counts["distinct_pairs"].as_f64(),
        "the brief's counts: {counts}"
    );
    assert!(counts["record_pairs"].as_f64() > Some(pairs), "{counts}");
    assert!(v["ei"]["about"].as_str().unwrap().contains("E–I"));
    assert!(serde_json::to_vec(&v).unwrap().len() < 3000);
    // 1949: no US treaty ally in East Asia yet, so no E–I or hub dependence, and a reason.
    let (_, v) = get("GET", "/api/headline?year=1949").await;
    assert_eq!(v["eap_allies"]["value"], 0.0);
    assert!(v["ei"]["value"].is_null(), "{v}");
    assert!(v["ei"]["missing"]
        .as_str()
        .unwrap()
        .contains("no US treaty allies"));
    assert_eq!(v["nato_members"]["value"], 12.0);
}

#[tokio::test]
async fn records_drill_down_with_sources() {
    let (s, v) = get("GET", "/api/records?state=JPN&other=GBR&year=2024").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let recs = v["records"].as_array().unwrap();
    assert!(!recs.is_empty());
    for r in recs {
        let members: Vec<&str> = r["members"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["iso3"].as_str().unwrap())
            .collect();
        assert!(
            members.contains(&"JPN") && members.contains(&"GBR"),
            "{members:?}"
        );
        assert!(r["sources"][0]["url"].as_str().unwrap().starts_with("http"));
    }
    let (_, v) = get("GET", "/api/records?id=nato").await;
    assert_eq!(v["records"].as_array().unwrap().len(), 1);
    assert!(v["records"][0]["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .any(|o| o == "defense"));
    assert_eq!(v["record_sha256"].as_str().unwrap().len(), 64);
    let (s, _) = get("GET", "/api/records?id=no-such-record").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = get("GET", "/api/records").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_scenario_is_compared_with_the_baseline() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let (s, v) = get("GET", "/api/simulate?scenario=asia-first&runs=40&seed=3").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let d = v["versus_baseline"].as_array().unwrap();
    assert!(!d.is_empty());
    for x in d {
        let (a, b, diff) = (
            x["baseline"].as_f64().unwrap(),
            x["scenario"].as_f64().unwrap(),
            x["diff"].as_f64().unwrap(),
        );
        assert!((b - a - diff).abs() < 1e-9, "{x}");
        let (lo, hi) = (x["lo"].as_f64().unwrap(), x["hi"].as_f64().unwrap());
        assert!(lo - 1e-9 <= diff && diff <= hi + 1e-9, "{x}");
    }
    assert!(v["summary"].as_array().unwrap().iter().all(|m| !m["label"]
        .as_str()
        .unwrap()
        .is_empty()
        && !m["group"].as_str().unwrap().is_empty()));
    assert!(v["calibration"]["used"].is_string());
    // The baseline at its own coordination is not compared with itself.
    let (_, v) = get("GET", "/api/scenarios").await;
    let own = v
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "baseline")
        .unwrap()["coordination"]
        .clone();
    let (_, v) = get("GET", "/api/simulate?scenario=baseline&runs=40&seed=3").await;
    assert_eq!(v["coordination"], own);
    assert!(v["versus_baseline"].as_array().unwrap().is_empty());
    let (s, v) = get("GET", "/api/coordination?runs=20&seed=3").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["points"].as_array().unwrap().len(), 5);
    assert!(!v["measures"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn a_country_profile() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let (s, v) = get("GET", "/api/profile?state=JPN").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let years = v["years"].as_array().unwrap();
    let y = |n: i64| years.iter().find(|r| r["year"] == n).unwrap();
    assert!(y(2024)["alliances"].as_u64().unwrap() >= 1);
    // Similarity within ATOP's coverage (to 2018), missing (not 0) after.
    for k in ["similarity_us", "similarity_chn", "similarity_rus"] {
        let v = y(2000)[k].as_f64().unwrap();
        assert!((-1.0..=1.0).contains(&v), "{k} {v}");
        assert!(y(2024)[k].is_null(), "{k} after ATOP's coverage");
    }
    // Every year, not a sample: Japan is in the state system from 1952 (COW), so from then to the
    // end of ATOP (2018) each similarity has a value, and none before.
    for n in 1949..=2018 {
        for k in ["similarity_us", "similarity_chn", "similarity_rus"] {
            assert_eq!(y(n)[k].is_f64(), n >= 1952, "{n} {k}: {}", y(n));
        }
    }
    // The same figures as the similarity endpoint gives the pair (every pair of the year).
    for (n, other, k) in [
        (2000, "USA", "similarity_us"),
        (2000, "CHN", "similarity_chn"),
        (1975, "RUS", "similarity_rus"),
    ] {
        let (s, w) = get(
            "GET",
            &format!("/api/similarity?state=JPN&other={other}&year={n}"),
        )
        .await;
        assert_eq!(s, StatusCode::OK, "{w}");
        assert_eq!(w["rows"][0]["kappava"], y(n)[k], "{n} {other}");
    }
    let ranked = (1990..=2025)
        .filter(|n| y(*n)["best_opportunity_rank"].as_u64().is_some())
        .count();
    assert_eq!(
        ranked, 36,
        "Japan's best opportunity rank every year from 1990"
    );
}

#[tokio::test]
async fn without_data_views_say_what_is_missing() {
    let st = Arc::new(AppState::new(
        CuratedRecord::embedded().unwrap(),
        None,
        Limits::default(),
    ));
    let app = app(st);
    let (s, v) = call(&app, "/api/health").await;
    assert_eq!(s, StatusCode::OK);
    assert!(!v["degraded"].as_array().unwrap().is_empty());
    let (s, v) = call(&app, "/api/opportunities?year=2024").await;
    assert_eq!(s, StatusCode::SERVICE_UNAVAILABLE, "{v}");
    assert!(
        v["error"].as_str().unwrap().contains("entente data fetch"),
        "{v}"
    );
    // The record's own figures still answer.
    let (s, v) = call(&app, "/api/headline?year=2024").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["nato_members"]["value"], 32.0);
}

/// A measure list that names nothing is a clear 400, as in the CLI (issue #19 row 24).
#[tokio::test]
async fn an_empty_measure_list_is_refused() {
    let (s, v) = get("GET", "/api/trends?measure=,,,").await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    assert!(
        v["error"].as_str().unwrap().contains("no measure named"),
        "{v}"
    );
}
