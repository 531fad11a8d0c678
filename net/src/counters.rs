//! Counters for the audit view: traffic in and out, and every dropped packet by reason.
//! Nothing the stack discards goes uncounted.

/// Why a received packet was dropped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DropCounters {
    /// Shorter than a header or a length field claims.
    pub truncated: u64,
    /// A field with a forbidden value (bad version, options, DNS pointer loop...).
    pub malformed: u64,
    /// IPv4, ICMP, UDP or TCP checksum mismatch.
    pub bad_checksum: u64,
    /// IPv4 fragments (no reassembly).
    pub fragment: u64,
    /// Addressed to another host.
    pub not_for_us: u64,
    /// An EtherType, IP protocol, ARP hardware type or ICMP type we do not handle.
    pub unsupported: u64,
    /// UDP to a port nobody bound, or a receive queue that was full.
    pub no_socket: u64,
    /// TCP segments refused by a connection's rules (out of window, bad ACK, full queue).
    pub tcp_rejected: u64,
    /// Outgoing packets given up because ARP got no answer or its queue was full.
    pub arp_failed: u64,
    /// Outgoing packets with no route (no address or gateway configured).
    pub no_route: u64,
    /// Outgoing frames dropped because the transmit queue was full (the device is not
    /// keeping up).
    pub tx_queue_full: u64,
}

/// Traffic totals and drops.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counters {
    pub rx_packets: u64,
    pub rx_bytes: u64,
    pub tx_packets: u64,
    pub tx_bytes: u64,
    pub drops: DropCounters,
}

impl DropCounters {
    /// Counts a parse failure under its reason.
    pub fn count(&mut self, error: crate::wire::WireError) {
        use crate::wire::WireError;
        match error {
            WireError::Truncated => self.truncated += 1,
            WireError::BadChecksum => self.bad_checksum += 1,
            WireError::Malformed => self.malformed += 1,
            WireError::Unsupported => self.unsupported += 1,
        }
    }

    /// Sum of every reason.
    pub fn total(&self) -> u64 {
        self.truncated
            + self.malformed
            + self.bad_checksum
            + self.fragment
            + self.not_for_us
            + self.unsupported
            + self.no_socket
            + self.tcp_rejected
            + self.arp_failed
            + self.no_route
            + self.tx_queue_full
    }
}
