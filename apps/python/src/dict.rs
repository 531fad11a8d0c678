//! The `dict` table: insertion-ordered, open addressing over an index array.
//!
//! Entries live in a vector in insertion order (so iteration order is insertion order, as the
//! language has guaranteed since 3.7); a separate power-of-two index of entry positions is
//! probed linearly by hash. Deleting leaves a hole in the entries that a later resize
//! compacts. Hashing and equality of built-in keys are native; keys whose equality needs
//! Python code (`__eq__` on a user class) are reported back as candidates for the VM to
//! compare, so no borrow is held while Python code runs. Sets use the same table with `None`
//! values.

use crate::pystr::PyStr;
use crate::value::Value;
use alloc::rc::Rc;
use alloc::vec;
use alloc::vec::Vec;

const EMPTY: u32 = u32::MAX;
const DELETED: u32 = u32::MAX - 1;

#[derive(Clone)]
pub struct Entry {
    pub hash: u64,
    pub key: Value,
    pub value: Value,
}

#[derive(Clone, Default)]
pub struct Dict {
    entries: Vec<Option<Entry>>,
    index: Vec<u32>,
    len: usize,
    /// Bumped on every insertion or removal, so iterators notice changes.
    pub version: u64,
}

/// The outcome of a lookup.
pub enum Find {
    Found(usize),
    Missing,
    /// Entries with the same hash whose equality needs Python code.
    Unsure(Vec<(usize, Value)>),
}

/// Native equality for keys: `None` when Python code must decide.
pub fn key_eq(a: &Value, b: &Value) -> Option<bool> {
    key_eq_depth(a, b, 0)
}

fn key_eq_depth(a: &Value, b: &Value, depth: u32) -> Option<bool> {
    use Value::*;
    if depth > 100 {
        return Option::None;
    }
    Some(match (a, b) {
        (Str(x), Str(y)) => Rc::ptr_eq(x, y) || x.as_str() == y.as_str(),
        (Int(x), Int(y)) => x == y,
        (Int(x), Float(y)) | (Float(y), Int(x)) => (*x as f64) == *y && (*y as i64) == *x,
        (Float(x), Float(y)) => x == y,
        (Bool(x), Bool(y)) => x == y,
        (Bool(x), Int(y)) | (Int(y), Bool(x)) => (*x as i64) == *y,
        (Bool(x), Float(y)) | (Float(y), Bool(x)) => (*x as i64 as f64) == *y,
        (BigInt(x), BigInt(y)) => x == y,
        (None, None) => true,
        (Bytes(x), Bytes(y)) => x == y,
        (Tuple(x), Tuple(y)) => {
            if x.len() != y.len() {
                return Some(false);
            }
            for (p, q) in x.iter().zip(y.iter()) {
                if !key_eq_depth(p, q, depth + 1)? {
                    return Some(false);
                }
            }
            true
        }
        (FrozenSet(x), FrozenSet(y)) => {
            if x.len() != y.len() {
                return Some(false);
            }
            for k in x.keys() {
                match y.find(hash_of(k)?, k) {
                    Find::Found(_) => {}
                    Find::Missing => return Some(false),
                    Find::Unsure(_) => return Option::None,
                }
            }
            true
        }
        (Instance(x), Instance(y)) if Rc::ptr_eq(x, y) => true,
        (Instance(_), _) | (_, Instance(_)) => return Option::None,
        // Containers compare element by element in the VM.
        (List(_), List(_)) | (Dict(_), Dict(_)) | (Range(_), Range(_)) | (View(_), View(_)) => {
            return Option::None
        }
        (Set(_) | FrozenSet(_), Set(_) | FrozenSet(_)) => return Option::None,
        _ => a.is(b),
    })
}

const MODULUS: u64 = (1 << 61) - 1;

/// Hash of an int, matching CPython (reduction modulo 2^61-1), so equal numbers hash alike.
pub fn hash_int(i: i64) -> u64 {
    let m = (i.unsigned_abs() % MODULUS) as i64;
    let h = if i < 0 { -m } else { m };
    (if h == -1 { -2 } else { h }) as u64
}

pub fn hash_float(f: f64) -> u64 {
    if f.is_nan() {
        return 0;
    }
    if f.is_infinite() {
        return if f > 0.0 { 314159 } else { (-314159i64) as u64 };
    }
    if libm::trunc(f) == f && f.abs() < 9.2e18 {
        return hash_int(f as i64);
    }
    // CPython's algorithm: the value as a fraction reduced modulo 2^61-1.
    let (mut m, mut e) = frexp(f.abs());
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | (x >> (61 - 28));
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = if e >= 0 {
        e % 61
    } else {
        61 - 1 - ((-1 - e) % 61)
    };
    x = ((x << e) & MODULUS) | (x >> (61 - e));
    let h = if f < 0.0 { -(x as i64) } else { x as i64 };
    (if h == -1 { -2 } else { h }) as u64
}

fn frexp(f: f64) -> (f64, i32) {
    libm::frexp(f)
}

/// Native hash for built-in keys; `None` for objects that need `__hash__` or are unhashable.
pub fn hash_of(v: &Value) -> Option<u64> {
    hash_depth(v, 0)
}

fn hash_depth(v: &Value, depth: u32) -> Option<u64> {
    if depth > 100 {
        return None;
    }
    Some(match v {
        Value::Str(s) => s.hash(),
        Value::Int(i) => hash_int(*i),
        Value::Bool(b) => *b as u64,
        Value::Float(f) => hash_float(*f),
        Value::None => 0xfca8_6420,
        Value::BigInt(b) => b.hash() as u64,
        Value::Bytes(b) => crate::pystr::hash_bytes(b),
        Value::Tuple(items) => {
            let mut hashes = Vec::with_capacity(items.len());
            for item in items.iter() {
                hashes.push(hash_depth(item, depth + 1)?);
            }
            tuple_hash(&hashes)
        }
        Value::FrozenSet(d) => {
            let mut acc: u64 = 0;
            for e in d.entries.iter().flatten() {
                acc ^= e.hash.wrapping_mul(0x9e37_79b1_85eb_ca87).rotate_left(17);
            }
            acc
        }
        Value::List(_) | Value::Dict(_) | Value::Set(_) | Value::Instance(_) | Value::Slice(_) => {
            return None
        }
        other => other.ptr().map_or(7, |p| (p >> 4) as u64),
    })
}

/// CPython's tuple hash (xxHash-based, Objects/tupleobject.c).
pub fn tuple_hash(hashes: &[u64]) -> u64 {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;
    let mut acc = P5;
    for &lane in hashes {
        acc = acc.wrapping_add(lane.wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add((hashes.len() as u64) ^ (P5 ^ 3527539));
    if acc == u64::MAX {
        return 1546275796;
    }
    acc
}

impl Dict {
    pub fn new() -> Dict {
        Dict::default()
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn mask(&self) -> usize {
        self.index.len().wrapping_sub(1)
    }

    pub fn find(&self, hash: u64, key: &Value) -> Find {
        if self.index.is_empty() {
            return Find::Missing;
        }
        let mask = self.mask();
        let mut i = hash as usize & mask;
        let mut unsure = Vec::new();
        loop {
            match self.index[i] {
                EMPTY => break,
                DELETED => {}
                pos => {
                    if let Some(Some(e)) = self.entries.get(pos as usize) {
                        if e.hash == hash {
                            match key_eq(&e.key, key) {
                                Some(true) => return Find::Found(pos as usize),
                                Some(false) => {}
                                None => unsure.push((pos as usize, e.key.clone())),
                            }
                        }
                    }
                }
            }
            i = (i + 1) & mask;
        }
        if unsure.is_empty() {
            Find::Missing
        } else {
            Find::Unsure(unsure)
        }
    }

    /// Fast lookup by string key (attribute dictionaries, globals).
    pub fn get_str(&self, key: &PyStr) -> Option<Value> {
        if self.index.is_empty() {
            return None;
        }
        let hash = key.hash();
        let mask = self.mask();
        let mut i = hash as usize & mask;
        loop {
            match self.index[i] {
                EMPTY => return None,
                DELETED => {}
                pos => {
                    if let Some(Some(e)) = self.entries.get(pos as usize) {
                        if e.hash == hash {
                            if let Value::Str(s) = &e.key {
                                if core::ptr::eq(&**s, key) || s.as_str() == key.as_str() {
                                    return Some(e.value.clone());
                                }
                            }
                        }
                    }
                }
            }
            i = (i + 1) & mask;
        }
    }

    pub fn set_str(&mut self, key: Rc<PyStr>, value: Value) {
        let hash = key.hash();
        let key = Value::Str(key);
        match self.find(hash, &key) {
            Find::Found(i) => self.set_at(i, value),
            _ => self.insert_new(hash, key, value),
        }
    }

    pub fn get_by_str(&self, key: &str) -> Option<Value> {
        self.get_str(&PyStr::new(key))
    }

    pub fn entry_at(&self, i: usize) -> Option<&Entry> {
        self.entries.get(i).and_then(|e| e.as_ref())
    }

    pub fn set_at(&mut self, i: usize, value: Value) {
        if let Some(Some(e)) = self.entries.get_mut(i) {
            e.value = value;
        }
    }

    /// Inserts a key known to be absent.
    pub fn insert_new(&mut self, hash: u64, key: Value, value: Value) {
        if (self.entries.len() + 1) * 3 >= self.index.len() * 2 {
            self.resize();
        }
        let pos = self.entries.len() as u32;
        self.entries.push(Some(Entry { hash, key, value }));
        let mask = self.mask();
        let mut i = hash as usize & mask;
        while self.index[i] != EMPTY && self.index[i] != DELETED {
            i = (i + 1) & mask;
        }
        self.index[i] = pos;
        self.len += 1;
        self.version += 1;
    }

    fn resize(&mut self) {
        let live: Vec<Option<Entry>> = self.entries.drain(..).filter(|e| e.is_some()).collect();
        self.entries = live;
        let mut size = 8;
        while size * 2 <= (self.entries.len() + 1) * 3 {
            size *= 2;
        }
        self.index = vec![EMPTY; size];
        let mask = size - 1;
        for (pos, e) in self.entries.iter().enumerate() {
            if let Some(e) = e {
                let mut i = e.hash as usize & mask;
                while self.index[i] != EMPTY {
                    i = (i + 1) & mask;
                }
                self.index[i] = pos as u32;
            }
        }
    }

    pub fn remove_at(&mut self, pos: usize) -> Option<Entry> {
        let e = self.entries.get_mut(pos)?.take()?;
        let mask = self.mask();
        let mut i = e.hash as usize & mask;
        loop {
            if self.index[i] == pos as u32 {
                self.index[i] = DELETED;
                break;
            }
            if self.index[i] == EMPTY {
                break;
            }
            i = (i + 1) & mask;
        }
        self.len -= 1;
        self.version += 1;
        Some(e)
    }

    pub fn clear(&mut self) {
        self.entries.clear();
        self.index.clear();
        self.len = 0;
        self.version += 1;
    }

    /// Live entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().flatten()
    }

    pub fn keys(&self) -> impl Iterator<Item = &Value> {
        self.iter().map(|e| &e.key)
    }

    /// Entry slots (including holes) for position-based iteration.
    pub fn slots(&self) -> usize {
        self.entries.len()
    }

    /// The last live entry position.
    pub fn last_pos(&self) -> Option<usize> {
        self.entries.iter().rposition(|e| e.is_some())
    }

    pub fn first_pos(&self) -> Option<usize> {
        self.entries.iter().position(|e| e.is_some())
    }
}

/// The order in which CPython's set table (Objects/setobject.c: linear probing over 9
/// neighbours, then perturbed probing; resize at 60% fill to 4x the used count) would hold
/// keys with these hashes, inserted in this order. Sets iterate and print in that order, so
/// `{3, 1, 2}` prints as `{1, 2, 3}` exactly as in CPython.
pub fn cpython_set_order(hashes: &[u64]) -> Vec<usize> {
    const LINEAR_PROBES: usize = 9;
    let mut table: Vec<Option<usize>> = vec![None; 8];
    let mut used = 0usize;
    let insert = |table: &mut Vec<Option<usize>>, idx: usize, hash: u64| {
        let mask = table.len() - 1;
        let mut i = hash as usize & mask;
        let mut perturb = hash;
        loop {
            if table[i].is_none() {
                table[i] = Some(idx);
                return;
            }
            if i + LINEAR_PROBES <= mask {
                for j in 1..=LINEAR_PROBES {
                    if table[i + j].is_none() {
                        table[i + j] = Some(idx);
                        return;
                    }
                }
            }
            perturb >>= 5;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    };
    for (idx, &h) in hashes.iter().enumerate() {
        insert(&mut table, idx, h);
        used += 1;
        let mask = table.len() - 1;
        if used * 5 >= mask * 3 {
            let minused = if used > 50000 { used * 2 } else { used * 4 };
            let mut size = 8;
            while size <= minused {
                size <<= 1;
            }
            let old = core::mem::replace(&mut table, vec![None; size]);
            for i in old.into_iter().flatten() {
                insert(&mut table, i, hashes[i]);
            }
        }
    }
    table.into_iter().flatten().collect()
}

impl Dict {
    /// Keys in CPython's set iteration order (see `cpython_set_order`).
    pub fn set_order_keys(&self) -> Vec<Value> {
        let live: Vec<&Entry> = self.iter().collect();
        let hashes: Vec<u64> = live.iter().map(|e| e.hash).collect();
        cpython_set_order(&hashes)
            .into_iter()
            .map(|i| live[i].key.clone())
            .collect()
    }
}
