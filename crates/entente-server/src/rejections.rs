//! Hyper's own rejections, answered in JSON like every other error.
//!
//! A request that hyper cannot parse (a space in the target, a bad `Content-Length`, `HTTP/2.0` on
//! an HTTP/1 request line, headers past its limit) never reaches the router: hyper writes an
//! automatic reply itself and closes the connection. Hyper 1.x has no hook to give that reply a
//! body (`proto/h1/role.rs`, `Server::on_error` builds a bare head), so its head is always
//!
//! ```text
//! HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\ndate: …\r\n\r\n
//! ```
//!
//! (or 414 / 431). [`JsonRejections`] wraps each connection's socket and rewrites exactly that head
//! on its way out into the same response with the API's JSON error body ([`rewrite`]). The app's
//! own responses cannot match it: each carries a `content-type` line before `content-length`, and
//! no app error has an empty body.

use crate::error::error_body;
use axum::http::StatusCode;
use memchr::memmem;
use std::io;
use std::pin::Pin;
use std::task::{ready, Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// The header lines hyper puts after the status line of an automatic reply, and nothing else.
const BARE: &[u8] = b"\r\nconnection: close\r\ncontent-length: 0\r\n";

/// The statuses hyper answers by itself, with the message our body gives for each.
const REJECTIONS: [(StatusCode, &str); 3] = [
    (
        StatusCode::BAD_REQUEST,
        "the request could not be read as HTTP/1.1: its request line, target or a header is malformed",
    ),
    (StatusCode::URI_TOO_LONG, "the request's target is too long"),
    (
        StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
        "the request's headers are too large",
    ),
];

/// Rewrites the first automatic reply found in `out` (bytes on their way to the client) as the
/// same reply with a JSON error body; `None` when `out` holds none. Bytes before and after it (an
/// earlier pipelined response) are kept as they are.
pub(crate) fn rewrite(out: &[u8]) -> Option<Vec<u8>> {
    for at in memmem::find_iter(out, BARE) {
        let before = &out[..at];
        let Some((status, message)) = REJECTIONS.iter().find(|(s, _)| {
            let line = format!(
                "HTTP/1.1 {} {}",
                s.as_str(),
                s.canonical_reason().unwrap_or("")
            );
            before.ends_with(line.as_bytes())
        }) else {
            continue;
        };
        // The rest of the head: hyper's `date` line and the blank line.
        let rest = &out[at + BARE.len()..];
        let end = memmem::find(rest, b"\r\n\r\n")? + 4;
        let body = error_body(*status, message).to_string();
        let mut new = Vec::with_capacity(out.len() + body.len() + 64);
        new.extend_from_slice(before);
        new.extend_from_slice(
            format!(
                "\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: {}\r\n",
                body.len()
            )
            .as_bytes(),
        );
        new.extend_from_slice(&rest[..end]);
        new.extend_from_slice(body.as_bytes());
        new.extend_from_slice(&rest[end..]);
        return Some(new);
    }
    None
}

/// A connection's socket whose writes pass through [`rewrite`].
pub(crate) struct JsonRejections<T> {
    inner: T,
    /// A rewritten reply not yet sent, and how much of it has been.
    pending: Vec<u8>,
    sent: usize,
}

impl<T> JsonRejections<T> {
    pub(crate) fn new(inner: T) -> Self {
        Self {
            inner,
            pending: Vec::new(),
            sent: 0,
        }
    }
}

impl<T: AsyncWrite + Unpin> JsonRejections<T> {
    /// Sends what is pending; ready once it all has gone.
    fn drain(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        while self.sent < self.pending.len() {
            let n = ready!(Pin::new(&mut self.inner).poll_write(cx, &self.pending[self.sent..]))?;
            if n == 0 {
                return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
            }
            self.sent += n;
        }
        self.pending.clear();
        self.sent = 0;
        Poll::Ready(Ok(()))
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for JsonRejections<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for JsonRejections<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        ready!(self.drain(cx))?;
        match rewrite(buf) {
            // Taken whole: the rewritten bytes go out on the next write, flush or shutdown,
            // which hyper always makes after a reply.
            Some(new) => {
                self.pending = new;
                Poll::Ready(Ok(buf.len()))
            }
            None => Pin::new(&mut self.inner).poll_write(cx, buf),
        }
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        ready!(self.drain(cx))?;
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        ready!(self.drain(cx))?;
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    /// Not vectored, so hyper flattens a reply into one buffer and [`rewrite`] sees its head whole.
    fn is_write_vectored(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    const DATE: &str = "date: Wed, 02 Dec 2026 04:40:21 GMT\r\n\r\n";

    fn split(out: &[u8]) -> (String, Value) {
        let text = String::from_utf8(out.to_vec()).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        (head.to_string(), serde_json::from_str(body).unwrap())
    }

    #[test]
    fn each_automatic_reply_gets_a_json_body_with_its_status() {
        for (status, _) in REJECTIONS {
            let line = format!(
                "HTTP/1.1 {} {}",
                status.as_str(),
                status.canonical_reason().unwrap()
            );
            let bare = format!("{line}\r\nconnection: close\r\ncontent-length: 0\r\n{DATE}");
            let new = rewrite(bare.as_bytes()).expect("rewritten");
            let (head, body) = split(&new);
            assert!(head.starts_with(&line), "{head}");
            assert!(head.contains("content-type: application/json"), "{head}");
            assert!(head.contains("date: Wed, 02 Dec 2026"), "{head}");
            let len: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length: "))
                .unwrap()
                .parse()
                .unwrap();
            assert_eq!(len, new.len() - head.len() - 4, "the length is the body's");
            assert_eq!(body["status"], status.as_u16());
            assert!(body["error"].as_str().unwrap().starts_with("the request"));
        }
    }

    #[test]
    fn an_earlier_pipelined_response_is_kept_as_it_was() {
        let ok = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}";
        let bare =
            format!("HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n{DATE}");
        let new = rewrite(format!("{ok}{bare}").as_bytes()).expect("rewritten");
        assert!(new.starts_with(ok.as_bytes()));
        let (_, body) = split(&new[ok.len()..]);
        assert_eq!(body["status"], 400);
    }

    #[test]
    fn the_apps_own_responses_pass_untouched() {
        for out in [
            // An app error: content-type comes before content-length.
            "HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\nconnection: close\r\ncontent-length: 2\r\n\r\n{}",
            // An empty 200 that happens to close.
            "HTTP/1.1 200 OK\r\nconnection: close\r\ncontent-length: 0\r\n\r\n",
            // A status hyper never answers by itself.
            "HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\n\r\n",
            "",
        ] {
            assert!(rewrite(out.as_bytes()).is_none(), "{out:?}");
        }
    }
}
