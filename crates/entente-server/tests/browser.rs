//! The dashboard in a real browser: headless Chromium (Debian's) driven by playwright-core, against two
//! servers started in-process on 127.0.0.1 (with the data directory, and without one). The script
//! (`web/tests/e2e.mjs`) covers every interaction, runs axe-core on every view and saves screenshots
//! of every view at 1400, 800 and 390 px to `tests-artifacts/e2e/`.
//! Needs `node`, `web/node_modules` (npm ci in web/: playwright-core and axe-core) and `/usr/bin/chromium` — `.ci/install-deps`
//! installs them. Without them the test is skipped with a message, unless ENTENTE_REQUIRE_EXTERNAL=1
//! (as in CI), where it fails.

use entente_curated::CuratedRecord;
use entente_data::Store;
use entente_server::{app, AppState, Limits};
use entente_testkit::data_location as data_dir;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;

#[test]
fn the_dashboard_works_in_headless_chromium() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let web = root.join("web");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let pw = web.join("node_modules/playwright-core").is_dir()
        && web.join("node_modules/axe-core").is_dir();
    let chrome = Path::new(&chromium).exists();
    if !entente_testkit::external(
        node && pw && chrome,
        &format!(
            "node ({node}), web/node_modules/playwright-core ({pw}) and {chromium} ({chrome})"
        ),
    ) {
        return;
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let listener = rt
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let addr = listener.local_addr().unwrap();
    let state = Arc::new(AppState::new(
        CuratedRecord::embedded().unwrap(),
        Some(Store::new(data_dir())),
        Limits::default(),
    ));
    // As `entente serve` does: the network measures computed at start.
    state.warm();
    rt.spawn(async move {
        let _ = axum::serve(listener, app(state)).await;
    });
    // A second server without a data directory: the honest degraded mode.
    let bare = rt
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let bare_addr = bare.local_addr().unwrap();
    let bare_state = Arc::new(AppState::new(
        CuratedRecord::embedded().unwrap(),
        None,
        Limits::default(),
    ));
    rt.spawn(async move {
        let _ = axum::serve(bare, app(bare_state)).await;
    });
    let artifacts = root.join("tests-artifacts/e2e");
    let out = Command::new("node")
        .current_dir(&web)
        .arg("tests/e2e.mjs")
        .arg(format!("http://{addr}/"))
        .arg(&artifacts)
        .arg(&chromium)
        .arg(format!("http://{bare_addr}/"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    eprintln!("{stdout}{stderr}");
    assert!(
        out.status.success(),
        "the browser test failed:\n{stdout}\n{stderr}"
    );
    for view in [
        "network",
        "map",
        "trends",
        "opportunities",
        "country",
        "simulation",
    ] {
        for w in [1400, 800, 390] {
            let shot = format!("{view}-{w}.png");
            assert!(artifacts.join(&shot).is_file(), "screenshot {shot}");
        }
    }
}
