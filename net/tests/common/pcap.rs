//! A tiny reader for classic pcap files (the format tcpdump -w writes): a 24-byte global
//! header whose magic gives the byte order and timestamp unit, then records of a 16-byte
//! header (seconds, fraction, captured length, original length) and the frame bytes.

/// Frames of an Ethernet capture, in order.
pub fn read(bytes: &[u8]) -> Vec<Vec<u8>> {
    assert!(bytes.len() >= 24, "pcap too short");
    let magic = u32::from_le_bytes(bytes[0..4].try_into().unwrap());
    let little = match magic {
        0xa1b2_c3d4 | 0xa1b2_3c4d => true,
        0xd4c3_b2a1 | 0x4d3c_b2a1 => false,
        m => panic!("not a pcap file (magic {m:08x})"),
    };
    let u32_at = |at: usize| {
        let b: [u8; 4] = bytes[at..at + 4].try_into().unwrap();
        if little {
            u32::from_le_bytes(b)
        } else {
            u32::from_be_bytes(b)
        }
    };
    assert_eq!(u32_at(20), 1, "link type must be Ethernet");
    let mut frames = Vec::new();
    let mut at = 24;
    while at + 16 <= bytes.len() {
        let captured = u32_at(at + 8) as usize;
        let start = at + 16;
        assert!(start + captured <= bytes.len(), "record runs past the file");
        frames.push(bytes[start..start + captured].to_vec());
        at = start + captured;
    }
    frames
}

/// Reads `tests/pcap/NAME.pcap`.
pub fn load(name: &str) -> Vec<Vec<u8>> {
    let path = format!("{}/tests/pcap/{name}.pcap", env!("CARGO_MANIFEST_DIR"));
    read(&std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}")))
}
