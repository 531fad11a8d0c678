//! The Internet checksum (RFC 1071): the ones' complement of the ones' complement sum of
//! 16-bit words. IPv4 headers, ICMP, UDP and TCP all use it; UDP and TCP also cover a
//! pseudo-header of addresses, protocol and length (RFC 768, RFC 9293 §3.1).

use core::net::Ipv4Addr;

/// Adds `data` as big-endian 16-bit words (odd final byte padded with zero) to `acc`.
///
/// Eight bytes are summed at a time as two 32-bit words in a 64-bit accumulator: since
/// 2^16 = 1 modulo 2^16 - 1, folding the wide sum at the end gives the same ones' complement
/// sum as adding 16-bit words one by one (RFC 1071 §2(B), "parallel summation").
pub fn add(acc: u32, data: &[u8]) -> u32 {
    let mut wide = u64::from(acc);
    let mut chunks = data.chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_be_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        wide += (v >> 32) + (v & 0xffff_ffff);
    }
    let mut rest = chunks.remainder().chunks_exact(2);
    for pair in &mut rest {
        wide += u64::from(u16::from_be_bytes([pair[0], pair[1]]));
    }
    if let [last] = rest.remainder() {
        wide += u64::from(*last) << 8;
    }
    while wide > 0xffff_ffff {
        wide = (wide & 0xffff_ffff) + (wide >> 32);
    }
    let mut narrow = wide as u32;
    while narrow > 0x1_ffff {
        narrow = (narrow & 0xffff) + (narrow >> 16);
    }
    narrow
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
