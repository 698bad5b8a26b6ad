//! Reading a response body with a size cap: the only place the client turns a response into bytes.
//!
//! A server (or anything between it and us) can answer with a body that never ends or is far larger than any Powens
//! payload; read whole, it would take the process's memory with it. Bodies are read chunk by chunk and the read
//! stops, with [`Error::BodyTooLarge`], as soon as the cap would be passed; a declared `Content-Length` over the cap
//! is refused before a byte is read. Time is bounded elsewhere: the `reqwest` timeout set in [`crate::Client::new`]
//! is a deadline from connecting to the last body byte, so a body trickling one byte at a time is cut there too.

use crate::error::{Error, Result};

/// The largest body the client reads, success or error. A household's full transaction page (1,000 rows) is
/// about 1.5 MiB; 32 MiB leaves room for Powens' verbose payloads while keeping a hostile answer cheap.
pub const MAX_BODY_BYTES: usize = 32 * 1024 * 1024;

/// The whole body of `response`, at most `limit` bytes; `endpoint` names the call in errors.
pub(crate) async fn read_capped(mut response: reqwest::Response, endpoint: &'static str, limit: usize) -> Result<Vec<u8>> {
    let too_large = || Error::BodyTooLarge { endpoint, limit };
    if response.content_length().is_some_and(|declared| declared > limit as u64) {
        return Err(too_large());
    }
    // Most answers are a few kilobytes; a declared length sizes the buffer, but only up to 1 MiB, since a server
    // can declare what it never sends.
    let expected = response.content_length().map_or(16 * 1024, |n| n as usize);
    let mut body = Vec::with_capacity(expected.min(1024 * 1024));
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                if body.len() + chunk.len() > limit {
                    return Err(too_large());
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => return Ok(body),
            Err(source) => {
                let kind = if source.is_timeout() { "the answer did not finish within the request timeout" } else { "reading the body" };
                return Err(Error::Transport { kind, source });
            }
        }
    }
}
