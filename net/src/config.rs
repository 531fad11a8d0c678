//! How an interface is configured (address, DHCP fallback, TCP defaults, random seed) and
//! the events it reports to the kernel's log.

use crate::tcp::TcpConfig;
use crate::wire::MacAddr;
use alloc::vec;
use alloc::vec::Vec;
use core::net::Ipv4Addr;

/// An IPv4 address with its prefix, gateway and DNS servers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ipv4Config {
    pub addr: Ipv4Addr,
    pub prefix_len: u8,
    pub gateway: Option<Ipv4Addr>,
    pub dns_servers: Vec<Ipv4Addr>,
}

impl Ipv4Config {
    /// The fallback of QEMU user networking: 10.0.2.15/24, gateway 10.0.2.2, DNS 10.0.2.3.
    pub fn qemu_fallback() -> Self {
        Ipv4Config {
            addr: Ipv4Addr::new(10, 0, 2, 15),
            prefix_len: 24,
            gateway: Some(Ipv4Addr::new(10, 0, 2, 2)),
            dns_servers: vec![Ipv4Addr::new(10, 0, 2, 3)],
        }
    }

    fn mask(&self) -> u32 {
        match self.prefix_len {
            0 => 0,
            n => u32::MAX << (32 - u32::from(n.min(32))),
        }
    }

    /// True if `ip` is on our link.
    pub fn on_link(&self, ip: Ipv4Addr) -> bool {
        (u32::from(ip) ^ u32::from(self.addr)) & self.mask() == 0
    }

    /// The directed broadcast address of our subnet.
    pub fn broadcast(&self) -> Ipv4Addr {
        Ipv4Addr::from(u32::from(self.addr) | !self.mask())
    }
}

/// Formats as the kernel's log line wants it: `10.0.2.15/24 gw 10.0.2.2 dns 10.0.2.3`
/// (`gw -` / `dns -` when absent; only the first DNS server).
impl core::fmt::Display for Ipv4Config {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}/{}", self.addr, self.prefix_len)?;
        match self.gateway {
            Some(gw) => write!(f, " gw {gw}")?,
            None => write!(f, " gw -")?,
        }
        match self.dns_servers.first() {
            Some(dns) => write!(f, " dns {dns}"),
            None => write!(f, " dns -"),
        }
    }
}

/// How to start an interface.
#[derive(Debug, Clone)]
pub struct InterfaceConfig {
    pub mac: MacAddr,
    /// A static address; `None` starts the DHCP client.
    pub ipv4: Option<Ipv4Config>,
    /// Seed for ISNs, ports and ids (see [`crate::rng`]).
    pub random_seed: u64,
    /// Defaults for new TCP sockets.
    pub tcp: TcpConfig,
    /// How long DHCP tries before the static fallback is applied.
    pub dhcp_timeout_ms: u64,
    /// The address used when DHCP times out.
    pub dhcp_fallback: Ipv4Config,
}

impl InterfaceConfig {
    /// DHCP with the QEMU fallback after 10 s.
    pub fn dhcp(mac: MacAddr, random_seed: u64) -> Self {
        InterfaceConfig {
            mac,
            ipv4: None,
            random_seed,
            tcp: TcpConfig::default(),
            dhcp_timeout_ms: 10_000,
            dhcp_fallback: Ipv4Config::qemu_fallback(),
        }
    }

    /// A fixed address, no DHCP.
    pub fn fixed(mac: MacAddr, ipv4: Ipv4Config, random_seed: u64) -> Self {
        InterfaceConfig {
            ipv4: Some(ipv4),
            ..Self::dhcp(mac, random_seed)
        }
    }
}

/// Things the kernel may want to log or show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NetEvent {
    /// DHCP bound (or renewed with a change).
    DhcpBound(Ipv4Config),
    /// DHCP timed out and the fallback address is in use.
    DhcpFallback(Ipv4Config),
    /// The lease expired and the address was removed.
    DhcpLost,
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn log_line_format() {
        assert_eq!(
            Ipv4Config::qemu_fallback().to_string(),
            "10.0.2.15/24 gw 10.0.2.2 dns 10.0.2.3"
        );
        let c = Ipv4Config {
            addr: Ipv4Addr::new(10, 1, 2, 3),
            prefix_len: 8,
            gateway: None,
            dns_servers: vec![],
        };
        assert_eq!(c.to_string(), "10.1.2.3/8 gw - dns -");
        assert!(c.on_link(Ipv4Addr::new(10, 200, 0, 1)));
        assert!(!c.on_link(Ipv4Addr::new(11, 0, 0, 1)));
        assert_eq!(c.broadcast(), Ipv4Addr::new(10, 255, 255, 255));
    }
}
