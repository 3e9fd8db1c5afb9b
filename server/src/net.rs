//! How the server accepts connections.

use axum::serve::{ListenerExt, TapIo};
use tokio::net::{TcpListener, TcpStream};

/// The listener the server accepts connections on.
pub type NoDelayListener = TapIo<TcpListener, fn(&mut TcpStream)>;

/// `listener` with `TCP_NODELAY` on every accepted connection. Without it a response that
/// leaves in two writes (headers, then body) waits for the client's delayed ACK: Nagle's
/// algorithm held a small static file ~40 ms on a kept-alive connection, which is what
/// browsers use (issue 10).
pub fn no_delay(listener: TcpListener) -> NoDelayListener {
    listener.tap_io(set_no_delay as fn(&mut TcpStream))
}

fn set_no_delay(tcp: &mut TcpStream) {
    if let Err(error) = tcp.set_nodelay(true) {
        tracing::warn!(%error, "could not set TCP_NODELAY on a connection");
    }
}
