//! The accept loop: `axum::serve` has neither a header-read timeout nor a cap on open connections,
//! so a slowloris client (connections opened and never finished) could hold file descriptors and
//! memory without end. This loop serves each connection with hyper's HTTP/1.1 connection builder
//! and bounds both:
//!
//! - [`HEADER_READ_TIMEOUT`]: a connection that has not sent a complete request head within 5 s
//!   of waiting for one (a new connection, or a kept-alive one between requests) is closed;
//! - [`MAX_CONNECTIONS`]: at most 1,024 connections are open; the 1,025th closes the oldest, so a
//!   new client always gets in and a flood of idle or partial connections cannot lock it out.
//!
//! Each socket is wrapped in [`JsonRejections`], so the replies hyper makes by itself to requests
//! it cannot parse carry the API's JSON error body too.

use crate::rejections::JsonRejections;
use crate::{app, AppState};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::collections::BTreeMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Notify;

/// How long a connection may take to send a request's head.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(5);

/// The most connections open at once; past it the oldest is closed.
pub const MAX_CONNECTIONS: usize = 1024;

/// The open connections, oldest first, each with the signal that closes it.
#[derive(Default)]
struct Open {
    next: u64,
    conns: BTreeMap<u64, Arc<Notify>>,
}

impl Open {
    /// Registers a new connection, closing the oldest ones past the cap.
    fn add(&mut self, cap: usize) -> (u64, Arc<Notify>) {
        while self.conns.len() >= cap {
            match self.conns.pop_first() {
                Some((_, close)) => close.notify_one(),
                None => break,
            }
        }
        let id = self.next;
        self.next += 1;
        let close = Arc::new(Notify::new());
        self.conns.insert(id, Arc::clone(&close));
        (id, close)
    }
}

/// Binds the address; separate from [`serve_on`] so that a caller can say it is serving only once
/// the address is really held (and report "address in use" before any banner).
pub async fn bind(addr: std::net::SocketAddr) -> std::io::Result<TcpListener> {
    TcpListener::bind(addr).await
}

/// Serves the app on a bound listener until `shutdown` completes.
pub async fn serve_on(
    listener: TcpListener,
    state: Arc<AppState>,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    serve_with(listener, state, shutdown, MAX_CONNECTIONS).await
}

/// [`serve_on`] with another connection cap (tests).
#[doc(hidden)]
pub async fn serve_with(
    listener: TcpListener,
    state: Arc<AppState>,
    shutdown: impl Future<Output = ()>,
    cap: usize,
) -> std::io::Result<()> {
    let app = app(state);
    let open = Arc::new(Mutex::new(Open::default()));
    tokio::pin!(shutdown);
    loop {
        let tcp = tokio::select! {
            r = listener.accept() => match r {
                Ok((tcp, _)) => tcp,
                // Out of file descriptors or a connection reset before accept: wait a little
                // and go on; the server stays up.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                }
            },
            _ = &mut shutdown => return Ok(()),
        };
        // TCP_NODELAY: a JSON response written in more than one segment should not wait on
        // Nagle's algorithm for the client's delayed ACK.
        let _ = tcp.set_nodelay(true);
        let (id, close) = match open.lock() {
            Ok(mut o) => o.add(cap),
            Err(_) => continue,
        };
        let svc = TowerToHyperService::new(app.clone());
        let open = Arc::clone(&open);
        tokio::spawn(async move {
            let conn = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_READ_TIMEOUT)
                .serve_connection(TokioIo::new(JsonRejections::new(tcp)), svc);
            tokio::select! {
                _ = conn => {}
                // Closed to make room for a newer connection: dropping it closes the socket.
                _ = close.notified() => {}
            }
            if let Ok(mut o) = open.lock() {
                o.conns.remove(&id);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_oldest_connections_make_room() {
        let mut o = Open::default();
        let first: Vec<_> = (0..3).map(|_| o.add(3)).collect();
        assert_eq!(o.conns.len(), 3);
        let (id, _) = o.add(3);
        assert_eq!(id, 3);
        assert_eq!(o.conns.keys().copied().collect::<Vec<_>>(), [1, 2, 3]);
        // The oldest was told to close (a stored permit: `notified` completes at once).
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            tokio::time::timeout(Duration::from_millis(100), first[0].1.notified())
                .await
                .expect("the oldest is closed");
            assert!(
                tokio::time::timeout(Duration::from_millis(50), first[1].1.notified())
                    .await
                    .is_err(),
                "the others stay"
            );
        });
    }
}
