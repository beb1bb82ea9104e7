//! Flushing a large output to disk while it is still being written.
//!
//! [`crate::Outputs::commit`] flushes every staged file to disk before the first rename, so that a
//! crash never leaves a renamed but empty output. For a file of hundreds of megabytes that flush
//! is a long wait at the end (0.35 s of a 1 s, 200 MB frame on the machine in docs/frames.md).
//! A [`Writeback`] runs the same flush on a background thread whenever the writer nudges it, so
//! the disk works while the writer formats the next rows, and the final flush finds little left.
//! It changes no guarantee: the commit still flushes everything before it renames.

use std::fs::File;
use std::io;
use std::sync::mpsc::{sync_channel, SyncSender, TrySendError};
use std::thread::JoinHandle;

/// A background flusher of one file.
pub struct Writeback {
    nudge: Option<SyncSender<()>>,
    thread: Option<JoinHandle<io::Result<()>>>,
}

impl Writeback {
    /// Starts a flusher for `file` (a second handle to the same open file).
    pub fn start(file: &File) -> io::Result<Writeback> {
        let file = file.try_clone()?;
        // One nudge waits while a flush runs; more are dropped (the next flush covers them).
        let (tx, rx) = sync_channel::<()>(1);
        let thread = std::thread::Builder::new()
            .name("entente-writeback".into())
            .spawn(move || {
                for () in rx {
                    file.sync_data()?;
                }
                Ok(())
            })?;
        Ok(Writeback {
            nudge: Some(tx),
            thread: Some(thread),
        })
    }

    /// Asks for a flush of what has been written so far; never blocks.
    pub fn nudge(&self) {
        if let Some(tx) = &self.nudge {
            match tx.try_send(()) {
                Ok(()) | Err(TrySendError::Full(())) | Err(TrySendError::Disconnected(())) => {}
            }
        }
    }

    /// Stops the flusher after its last flush; returns the first error it met.
    pub fn finish(mut self) -> io::Result<()> {
        self.stop()
    }

    fn stop(&mut self) -> io::Result<()> {
        drop(self.nudge.take());
        match self.thread.take() {
            Some(t) => t
                .join()
                .unwrap_or_else(|_| Err(io::Error::other("the writeback thread panicked"))),
            None => Ok(()),
        }
    }
}

impl Drop for Writeback {
    fn drop(&mut self) {
        let _ = self.stop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn flushes_while_written_and_finishes_cleanly() {
        let mut f = tempfile::tempfile().unwrap();
        let wb = Writeback::start(&f).unwrap();
        for _ in 0..50 {
            f.write_all(&[7u8; 64 * 1024]).unwrap();
            wb.nudge();
        }
        wb.finish().unwrap();
        assert_eq!(f.metadata().unwrap().len(), 50 * 64 * 1024);
    }

    #[test]
    fn dropping_it_stops_the_thread() {
        let f = tempfile::tempfile().unwrap();
        let wb = Writeback::start(&f).unwrap();
        wb.nudge();
        drop(wb);
    }
}
