//! The stack's only source of unpredictability: a xorshift64* generator seeded by the
//! caller (the kernel mixes RDRAND/TSC; tests pass a fixed seed). It picks TCP initial
//! sequence numbers, ephemeral ports, DHCP transaction ids and DNS query ids. There is no
//! hidden entropy: the same seed and the same inputs give the same packets.

/// xorshift64* (Vigna 2014): small, fast, not cryptographic.
#[derive(Debug, Clone)]
pub struct Rng {
    state: u64,
}

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng {
            state: seed ^ 0x9e37_79b9_7f4a_7c15 | 1,
        }
    }

    /// Stirs more entropy in (the kernel may call this every frame with the TSC).
    pub fn mix(&mut self, entropy: u64) {
        self.state ^= entropy.rotate_left(17);
        if self.state == 0 {
            self.state = 1;
        }
        self.next_u64();
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.state;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.state = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn next_u32(&mut self) -> u32 {
        (self.next_u64() >> 32) as u32
    }

    pub fn next_u16(&mut self) -> u16 {
        (self.next_u64() >> 48) as u16
    }
}
