//! ARP on the interface (RFC 826): answering requests for our address, learning from
//! packets aimed at us, and asking for next hops the cache does not know.

use crate::iface::Interface;
use crate::wire::arp::{self, ArpOperation, ArpRepr};
use crate::wire::ethernet::{self, EtherType, EthernetRepr};
use crate::wire::MacAddr;
use alloc::vec;
use core::net::Ipv4Addr;

impl Interface {
    pub(crate) fn receive_arp(&mut self, payload: &[u8]) {
        let repr = match ArpRepr::parse(payload) {
            Ok(r) => r,
            Err(e) => return self.counters.drops.count(e),
        };
        let Some(our_ip) = self.ipv4.as_ref().map(|c| c.addr) else {
            self.counters.drops.not_for_us += 1;
            return;
        };
        let for_us = repr.target_ip == our_ip;
        // RFC 826: update an existing entry from anyone; add one only if we are the target.
        if for_us || self.arp.contains(repr.sender_ip) {
            let ready = self.arp.insert(repr.sender_ip, repr.sender_mac, self.now);
            for frame in ready {
                self.queue_frame(frame);
            }
        }
        if !for_us {
            self.counters.drops.not_for_us += 1;
            return;
        }
        if repr.operation == ArpOperation::Request {
            let reply = ArpRepr {
                operation: ArpOperation::Reply,
                sender_mac: self.mac,
                sender_ip: our_ip,
                target_mac: repr.sender_mac,
                target_ip: repr.sender_ip,
            };
            self.send_arp(reply, repr.sender_mac);
        }
    }

    pub(crate) fn send_arp_request(&mut self, ip: Ipv4Addr) {
        let Some(our_ip) = self.ipv4.as_ref().map(|c| c.addr) else {
            return;
        };
        let request = ArpRepr {
            operation: ArpOperation::Request,
            sender_mac: self.mac,
            sender_ip: our_ip,
            target_mac: MacAddr::ZERO,
            target_ip: ip,
        };
        self.send_arp(request, MacAddr::BROADCAST);
    }

    fn send_arp(&mut self, repr: ArpRepr, dst: MacAddr) {
        let mut frame = vec![0u8; ethernet::HEADER_LEN + arp::PACKET_LEN];
        let eth = EthernetRepr {
            dst,
            src: self.mac,
            ethertype: EtherType::ARP,
        };
        if eth.emit(&mut frame).is_ok() && repr.emit(&mut frame[ethernet::HEADER_LEN..]).is_ok() {
            self.queue_frame(frame);
        }
    }
}
