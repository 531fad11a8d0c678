//! Sockets and DNS against the fake kernel's loopback network.

use abi::{limits, Error};
use core::net::Ipv4Addr;
use sdk::fake;
use sdk::net::{dns, TcpState, TcpStream, UdpSocket};

#[test]
fn tcp_connects_echoes_and_closes() {
    fake::reset();
    let mut s = TcpStream::connect([10, 0, 2, 2], 80).unwrap();
    assert_eq!(s.state().unwrap(), TcpState::Connecting);
    assert_eq!(s.send(b"early"), Err(Error::WouldBlock));
    let mut buf = [0u8; 8];
    assert_eq!(s.recv(&mut buf), Err(Error::WouldBlock));
    sdk::yield_now().unwrap();
    assert_eq!(s.state().unwrap(), TcpState::Established);
    assert_eq!(s.send(b"hello world").unwrap(), 11);
    assert_eq!(s.recv(&mut buf).unwrap(), 8);
    assert_eq!(&buf, b"hello wo");
    assert_eq!(s.recv(&mut buf).unwrap(), 3);
    assert_eq!(&buf[..3], b"rld");
    let handle = s.handle();
    s.close().unwrap();
    assert!(fake::with(|k| !k.handles.contains_key(&handle)));
}

#[test]
fn refused_connections_report_reset() {
    fake::reset();
    let mut s = TcpStream::connect(Ipv4Addr::new(10, 0, 2, 2), 9).unwrap();
    sdk::yield_now().unwrap();
    assert_eq!(s.state().unwrap(), TcpState::Closed);
    assert_eq!(s.recv(&mut [0u8; 4]), Err(Error::ConnectionReset));
    assert_eq!(
        TcpStream::connect(0u32, 0).err(),
        Some(Error::InvalidArgument)
    );
}

#[test]
fn sockets_close_on_drop_and_share_the_handle_limit() {
    fake::reset();
    let mut held = Vec::new();
    for _ in 0..limits::MAX_HANDLES {
        held.push(TcpStream::connect([127, 0, 0, 1], 7).unwrap());
    }
    assert_eq!(UdpSocket::bind(0).err(), Some(Error::Limit));
    assert_eq!(dns::resolve("a.example").err(), Some(Error::Limit));
    held.truncate(10);
    assert!(UdpSocket::bind(0).is_ok()); // dropped at once, closing again
    assert_eq!(fake::with(|k| k.handles.len()), 10);
    drop(held);
    assert_eq!(fake::with(|k| k.handles.len()), 0);
}

#[test]
fn network_down_is_an_error_not_a_panic() {
    fake::reset();
    fake::with(|k| k.network_up = false);
    assert_eq!(
        TcpStream::connect([1, 1, 1, 1], 53).err(),
        Some(Error::NetworkDown)
    );
    assert_eq!(UdpSocket::bind(0).err(), Some(Error::NetworkDown));
    assert_eq!(dns::resolve("x.org").err(), Some(Error::NetworkDown));
}

#[test]
fn udp_loopback_reports_the_sender() {
    fake::reset();
    let mut server = UdpSocket::bind(5353).unwrap();
    let mut client = UdpSocket::bind(0).unwrap();
    assert_eq!(UdpSocket::bind(5353).err(), Some(Error::InvalidArgument));
    let mut buf = [0u8; 4];
    assert_eq!(server.recv_from(&mut buf).err(), Some(Error::WouldBlock));
    assert_eq!(client.send_to([127, 0, 0, 1], 5353, b"ping!").unwrap(), 5);
    let (n, from) = server.recv_from(&mut buf).unwrap();
    assert_eq!((n, &buf), (4, b"ping")); // cut to the buffer
    assert_eq!(from.ip, Ipv4Addr::LOCALHOST);
    assert!(from.port >= 49152);
    assert_eq!(
        client.send_to([127, 0, 0, 1], 0, b"x").err(),
        Some(Error::InvalidArgument)
    );
}

#[test]
fn dns_answers_after_a_frame_and_keeps_the_answer() {
    fake::reset();
    fake::with(|k| {
        k.hosts.insert(
            "example.org".into(),
            vec![[93, 184, 215, 14], [93, 184, 215, 15]],
        )
    });
    let mut known = dns::resolve("example.org").unwrap();
    let mut local = dns::resolve("LOCALHOST").unwrap();
    let mut missing = dns::resolve("nowhere.invalid").unwrap();
    assert_eq!(known.poll(), None);
    sdk::yield_now().unwrap();
    let answer = Ok(vec![[93, 184, 215, 14], [93, 184, 215, 15]]);
    assert_eq!(known.poll(), Some(answer.clone()));
    assert_eq!(known.poll(), Some(answer));
    assert_eq!(local.poll(), Some(Ok(vec![[127, 0, 0, 1]])));
    assert_eq!(missing.poll(), Some(Err(Error::NameNotFound)));
    assert_eq!(fake::with(|k| k.handles.len()), 0);
    assert_eq!(dns::resolve("").err(), Some(Error::InvalidArgument));
}
