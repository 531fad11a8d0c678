//! The Internet checksum (RFC 1071): the ones' complement of the ones' complement sum of
//! 16-bit words. IPv4 headers, ICMP, UDP and TCP all use it; UDP and TCP also cover a
//! pseudo-header of addresses, protocol and length (RFC 768, RFC 9293 §3.1).

use core::net::Ipv4Addr;

/// Adds `data` as big-endian 16-bit words (odd final byte padded with zero) to `acc`.
///
/// Fast path (RFC 1071 §2): the bulk is summed eight bytes at a time as two native-order
/// 32-bit words in 64-bit accumulators. Since 2^16 = 1 modulo 2^16 - 1, folding a wide sum
/// gives the same ones' complement sum as adding 16-bit words one by one (§2(C),
/// "parallel summation"), and a sum taken in the machine's byte order is the byte-swap of
/// the big-endian one (§2(B), "byte order independence").
pub fn add(acc: u32, data: &[u8]) -> u32 {
    let mut chunks = data.chunks_exact(8);
    let (mut low, mut high) = (0u64, 0u64);
    for c in &mut chunks {
        let w = u64::from_ne_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        low += w & 0xffff_ffff;
        high += w >> 32;
    }
    // Fold the native-order sum to 16 bits, then read it as network order (a byte swap on
    // little-endian machines, nothing on big-endian ones).
    let native = fold16(low + high);
    let mut sum = u64::from(u16::from_be(native));
    sum += u64::from(acc);
    let mut rest = chunks.remainder().chunks_exact(2);
    for pair in &mut rest {
        sum += u64::from(u16::from_be_bytes([pair[0], pair[1]]));
    }
    if let [last] = rest.remainder() {
        sum += u64::from(*last) << 8;
    }
    u32::from(fold16(sum))
}

/// Folds a wide ones' complement sum down to 16 bits.
fn fold16(mut sum: u64) -> u16 {
    while sum > 0xffff {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    sum as u16
}

/// Folds the carries and complements: the value that goes into a header.
pub fn finish(mut acc: u32) -> u16 {
    while acc > 0xffff {
        acc = (acc & 0xffff) + (acc >> 16);
    }
    !(acc as u16)
}

/// Checksum of a plain buffer (IPv4 header, ICMP message).
pub fn of(data: &[u8]) -> u16 {
    finish(add(0, data))
}

/// Sum of the IPv4 pseudo-header used by UDP and TCP.
pub fn pseudo_header(src: Ipv4Addr, dst: Ipv4Addr, protocol: u8, length: usize) -> u32 {
    let mut acc = add(0, &src.octets());
    acc = add(acc, &dst.octets());
    acc += u32::from(protocol);
    acc += (length as u32) & 0xffff;
    acc
}

/// Checksum of a UDP datagram or TCP segment including its pseudo-header.
pub fn of_transport(src: Ipv4Addr, dst: Ipv4Addr, protocol: u8, segment: &[u8]) -> u16 {
    finish(add(
        pseudo_header(src, dst, protocol, segment.len()),
        segment,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc1071_example() {
        // RFC 1071 §3 worked example: words 0001 f203 f4f5 f6f7 sum to ddf2 (before complement).
        let data = [0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7];
        assert_eq!(of(&data), !0xddf2);
    }

    #[test]
    fn wide_sum_matches_word_by_word() {
        let data: alloc::vec::Vec<u8> = (0..1001u32).map(|i| (i * 7919 % 251) as u8).collect();
        for len in 0..data.len() {
            let slow = data[..len].chunks(2).fold(0u32, |acc, w| {
                let word = u32::from(w[0]) << 8 | w.get(1).map_or(0, |&b| u32::from(b));
                let s = acc + word;
                (s & 0xffff) + (s >> 16)
            });
            assert_eq!(of(&data[..len]), finish(slow), "length {len}");
        }
    }

    #[test]
    fn odd_length_pads_with_zero() {
        assert_eq!(of(&[0x12]), of(&[0x12, 0x00]));
    }
}
