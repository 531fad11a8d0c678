//! Apps' sockets: the `tcp_*`, `udp_*` and `dns_*` system calls on top of `net`.
//!
//! Each app has its own small handle table ([`Sockets`]): the number an app holds is an index
//! into it, never a handle of the stack, so an app can only reach its own sockets. At most
//! `abi::limits::MAX_HANDLES` are open at once. When the app stops, every socket it still
//! holds is closed (TCP connections are aborted with a RST so the peer learns at once).
//!
//! The network interface is shared with the kernel's loop through [`Network`]; the loop polls
//! it once per frame, so data an app sends leaves on the next frame and nothing here blocks.

use abi::{limits, tcp_state, Error};
use alloc::rc::Rc;
use alloc::vec::Vec;
use core::cell::RefCell;
use core::net::Ipv4Addr;
use net::{DnsError, DnsHandle, Interface, TcpError, TcpHandle, TcpState, UdpError, UdpHandle};

/// The interface, when the machine has a network card.
pub type Network = Rc<RefCell<Option<Interface>>>;

/// What an app handle refers to.
#[derive(Clone, Copy, Debug)]
enum Socket {
    Tcp(TcpHandle),
    Udp(UdpHandle),
    Dns(DnsHandle),
}

/// One app's sockets and traffic counters.
pub struct Sockets {
    network: Network,
    table: Vec<Option<Socket>>,
    /// Payload bytes the app sent and received (for the audit view).
    pub sent: u64,
    pub received: u64,
}

type Result<T> = core::result::Result<T, Error>;

fn tcp_error(error: TcpError) -> Error {
    match error {
        TcpError::InvalidHandle => Error::BadHandle,
        TcpError::InvalidState => Error::NotConnected,
        TcpError::AddressInUse => Error::Limit,
        TcpError::NoRoute => Error::NetworkDown,
        TcpError::Refused | TcpError::Reset => Error::ConnectionReset,
        TcpError::TimedOut => Error::TimedOut,
        TcpError::Closed => Error::NotConnected,
    }
}

fn udp_error(error: UdpError) -> Error {
    match error {
        UdpError::InvalidHandle => Error::BadHandle,
        UdpError::AddressInUse => Error::Limit,
        UdpError::TooLarge => Error::InvalidArgument,
        UdpError::NoRoute => Error::NetworkDown,
    }
}

fn dns_error(error: DnsError) -> Error {
    match error {
        DnsError::InvalidHandle => Error::BadHandle,
        DnsError::InvalidName => Error::InvalidArgument,
        DnsError::NoServer => Error::NetworkDown,
        DnsError::NoSuchName | DnsError::NoAddress => Error::NameNotFound,
        DnsError::ServerFailure | DnsError::BadResponse => Error::DnsFailed,
        DnsError::TimedOut => Error::TimedOut,
    }
}

fn port(value: i32) -> Result<u16> {
    u16::try_from(value).map_err(|_| Error::InvalidArgument)
}

impl Sockets {
    pub fn new(network: Network) -> Sockets {
        Sockets {
            network,
            table: Vec::new(),
            sent: 0,
            received: 0,
        }
    }

    /// Runs `f` on the interface, or fails with NetworkDown when there is none.
    fn with<T>(&self, f: impl FnOnce(&mut Interface) -> Result<T>) -> Result<T> {
        let mut network = self
            .network
            .try_borrow_mut()
            .map_err(|_| Error::WouldBlock)?;
        f(network.as_mut().ok_or(Error::NetworkDown)?)
    }

    fn insert(&mut self, socket: Socket) -> Result<i32> {
        let slot = match self.table.iter().position(Option::is_none) {
            Some(slot) => slot,
            None if self.table.len() < limits::MAX_HANDLES => {
                self.table.push(None);
                self.table.len() - 1
            }
            None => return Err(Error::Limit),
        };
        self.table[slot] = Some(socket);
        Ok(slot as i32)
    }

    fn get(&self, handle: i32) -> Result<Socket> {
        usize::try_from(handle)
            .ok()
            .and_then(|i| self.table.get(i).copied().flatten())
            .ok_or(Error::BadHandle)
    }

    fn tcp(&self, handle: i32) -> Result<TcpHandle> {
        match self.get(handle)? {
            Socket::Tcp(h) => Ok(h),
            _ => Err(Error::BadHandle),
        }
    }

    fn udp(&self, handle: i32) -> Result<UdpHandle> {
        match self.get(handle)? {
            Socket::Udp(h) => Ok(h),
            _ => Err(Error::BadHandle),
        }
    }

    fn remove(&mut self, handle: i32) {
        if let Some(entry) = usize::try_from(handle)
            .ok()
            .and_then(|i| self.table.get_mut(i))
        {
            *entry = None;
        }
    }

    fn has_room(&self) -> Result<()> {
        let used = self.table.iter().filter(|s| s.is_some()).count();
        if used >= limits::MAX_HANDLES {
            Err(Error::Limit)
        } else {
            Ok(())
        }
    }

    pub fn tcp_connect(&mut self, ip: i32, port_value: i32) -> Result<i32> {
        let port = port(port_value)?;
        if port == 0 {
            return Err(Error::InvalidArgument);
        }
        self.has_room()?;
        let address = Ipv4Addr::from(ip as u32);
        let handle = self.with(|net| net.tcp_connect(address, port).map_err(tcp_error))?;
        self.insert(Socket::Tcp(handle))
    }

    pub fn tcp_send(&mut self, handle: i32, data: &[u8]) -> Result<i32> {
        let h = self.tcp(handle)?;
        let n = self.with(|net| net.tcp_send(h, data).map_err(tcp_error))?;
        if n == 0 && !data.is_empty() {
            return Err(Error::WouldBlock);
        }
        self.sent += n as u64;
        Ok(n as i32)
    }

    pub fn tcp_recv(&mut self, handle: i32, buffer: &mut [u8]) -> Result<i32> {
        let h = self.tcp(handle)?;
        let result = self.with(|net| match net.tcp_recv(h, buffer) {
            Ok(0) if !buffer.is_empty() => Err(Error::WouldBlock),
            Ok(n) => Ok(n as i32),
            // The peer closed and everything was read: end of stream.
            Err(TcpError::Closed) => Ok(0),
            Err(error) => Err(tcp_error(error)),
        })?;
        self.received += result as u64;
        Ok(result)
    }

    pub fn tcp_state(&self, handle: i32) -> Result<i32> {
        let h = self.tcp(handle)?;
        let state = self.with(|net| net.tcp_state(h).map_err(tcp_error))?;
        Ok(match state {
            TcpState::SynSent | TcpState::SynReceived | TcpState::Listen => tcp_state::CONNECTING,
            TcpState::Established | TcpState::FinWait1 | TcpState::FinWait2 => {
                tcp_state::ESTABLISHED
            }
            TcpState::CloseWait => tcp_state::PEER_CLOSED,
            TcpState::Closing | TcpState::LastAck | TcpState::TimeWait | TcpState::Closed => {
                tcp_state::CLOSED
            }
        })
    }

    pub fn tcp_close(&mut self, handle: i32) -> Result<i32> {
        let h = self.tcp(handle)?;
        self.remove(handle);
        // Close our side; the stack frees the socket once the connection has ended.
        self.with(|net| {
            let _ = net.tcp_close(h);
            let _ = net.tcp_release(h);
            Ok(0)
        })
    }

    pub fn udp_bind(&mut self, port_value: i32) -> Result<i32> {
        let port = port(port_value)?;
        self.has_room()?;
        let handle = self.with(|net| net.udp_bind(port).map_err(udp_error))?;
        self.insert(Socket::Udp(handle))
    }

    pub fn udp_send(&mut self, handle: i32, ip: i32, port_value: i32, data: &[u8]) -> Result<i32> {
        let h = self.udp(handle)?;
        let port = port(port_value)?;
        let address = Ipv4Addr::from(ip as u32);
        self.with(|net| net.udp_send_to(h, address, port, data).map_err(udp_error))?;
        self.sent += data.len() as u64;
        Ok(data.len() as i32)
    }

    /// One datagram into `buffer`; the sender as (ip BE, port LE, padding) in `from`.
    pub fn udp_recv(&mut self, handle: i32, buffer: &mut [u8], from: &mut [u8; 8]) -> Result<i32> {
        let h = self.udp(handle)?;
        let (n, ip, port) = self
            .with(|net| net.udp_recv_from(h, buffer).map_err(udp_error))?
            .ok_or(Error::WouldBlock)?;
        from[..4].copy_from_slice(&ip.octets());
        from[4..6].copy_from_slice(&port.to_le_bytes());
        from[6..].fill(0);
        self.received += n as u64;
        Ok(n as i32)
    }

    pub fn socket_close(&mut self, handle: i32) -> Result<i32> {
        let h = self.udp(handle)?;
        self.remove(handle);
        self.with(|net| net.udp_close(h).map(|_| 0).map_err(udp_error))
    }

    pub fn dns_resolve(&mut self, name: &str) -> Result<i32> {
        self.has_room()?;
        let handle = self.with(|net| net.dns_resolve(name).map_err(dns_error))?;
        self.insert(Socket::Dns(handle))
    }

    /// Addresses found (4 bytes each) into `out`; frees the handle once answered.
    pub fn dns_result(&mut self, handle: i32, out: &mut [u8]) -> Result<i32> {
        let Socket::Dns(h) = self.get(handle)? else {
            return Err(Error::BadHandle);
        };
        let answer = self.with(|net| net.dns_result(h).map_err(dns_error));
        match answer {
            Ok(None) => Err(Error::WouldBlock),
            Ok(Some(addresses)) => {
                self.remove(handle);
                let mut count = 0;
                for (chunk, address) in out.chunks_exact_mut(4).zip(&addresses) {
                    chunk.copy_from_slice(&address.octets());
                    count += 1;
                }
                Ok(count)
            }
            Err(error) => {
                self.remove(handle);
                Err(error)
            }
        }
    }

    /// Closes everything the app still holds (it stopped).
    pub fn close_all(&mut self) {
        let open: Vec<Socket> = self.table.drain(..).flatten().collect();
        let _ = self.with(|net| {
            for socket in open {
                match socket {
                    Socket::Tcp(h) => {
                        let _ = net.tcp_abort(h);
                        let _ = net.tcp_release(h);
                    }
                    Socket::Udp(h) => {
                        let _ = net.udp_close(h);
                    }
                    Socket::Dns(h) => net.dns_cancel(h),
                }
            }
            Ok(())
        });
    }

    /// Sockets open now.
    pub fn open(&self) -> usize {
        self.table.iter().filter(|s| s.is_some()).count()
    }
}
