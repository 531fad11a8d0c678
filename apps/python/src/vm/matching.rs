//! The `match` statement's matcher (Python Language Reference §8.6.4 "Patterns").
//!
//! Sequence patterns accept any sequence except str, bytes and bytearray; mapping patterns
//! accept dicts; class patterns use `isinstance` and `__match_args__`, with the built-in
//! types (int, str, ...) matching their single positional pattern against the subject itself.

use super::Vm;
use crate::bytecode::MatchPat;
use crate::pystr::PyStr;
use crate::value::*;
use alloc::rc::Rc;
use alloc::vec::Vec;

impl Vm {
    pub(crate) fn match_pattern(
        &mut self,
        p: &MatchPat,
        subject: &Value,
        values: &[Value],
        caps: &mut Vec<Value>,
    ) -> PyResult<bool> {
        match p {
            MatchPat::Value(i) => {
                let v = values.get(*i).cloned().unwrap_or(Value::None);
                self.eq(subject, &v)
            }
            MatchPat::Singleton(k) => Ok(match k {
                0 => subject.is_none(),
                1 => matches!(subject, Value::Bool(true)),
                _ => matches!(subject, Value::Bool(false)),
            }),
            MatchPat::Capture(slot) => {
                if let Some(s) = slot {
                    if let Some(c) = caps.get_mut(*s) {
                        *c = subject.clone();
                    }
                }
                Ok(true)
            }
            MatchPat::Star(_) => Ok(false),
            MatchPat::Sequence(items) => {
                let seq = match subject {
                    Value::List(l) => l.borrow().clone(),
                    Value::Tuple(t) => (**t).clone(),
                    Value::Range(_) => self.collect(subject)?,
                    Value::Instance(_) => return Ok(false),
                    _ => return Ok(false),
                };
                let star = items.iter().position(|i| matches!(i, MatchPat::Star(_)));
                match star {
                    None => {
                        if seq.len() != items.len() {
                            return Ok(false);
                        }
                        for (pat, v) in items.iter().zip(seq.iter()) {
                            if !self.match_pattern(pat, v, values, caps)? {
                                return Ok(false);
                            }
                        }
                        Ok(true)
                    }
                    Some(si) => {
                        let after = items.len() - si - 1;
                        if seq.len() < si + after {
                            return Ok(false);
                        }
                        for (pat, v) in items[..si].iter().zip(seq.iter()) {
                            if !self.match_pattern(pat, v, values, caps)? {
                                return Ok(false);
                            }
                        }
                        let tail_start = seq.len() - after;
                        for (pat, v) in items[si + 1..].iter().zip(seq[tail_start..].iter()) {
                            if !self.match_pattern(pat, v, values, caps)? {
                                return Ok(false);
                            }
                        }
                        if let MatchPat::Star(Some(slot)) = &items[si] {
                            if let Some(c) = caps.get_mut(*slot) {
                                *c = Value::list(seq[si..tail_start].to_vec());
                            }
                        }
                        Ok(true)
                    }
                }
            }
            MatchPat::Mapping {
                keys,
                values: pats,
                rest,
            } => {
                let Value::Dict(d) = subject else {
                    return Ok(false);
                };
                let d = d.clone();
                let mut used = Vec::new();
                for (ki, pat) in keys.iter().zip(pats.iter()) {
                    let k = values.get(*ki).cloned().unwrap_or(Value::None);
                    let Some(v) = self.dict_get(&d, &k)? else {
                        return Ok(false);
                    };
                    if !self.match_pattern(pat, &v, values, caps)? {
                        return Ok(false);
                    }
                    used.push(k);
                }
                if let Some(slot) = rest {
                    let copy = Rc::new(core::cell::RefCell::new(d.borrow().clone()));
                    for k in &used {
                        self.dict_remove(&copy, k)?;
                    }
                    if let Some(c) = caps.get_mut(*slot) {
                        *c = Value::Dict(copy);
                    }
                }
                Ok(true)
            }
            MatchPat::Class { cls, args, kwargs } => {
                let Some(Value::Class(c)) = values.get(*cls) else {
                    return Err(Exc::type_error("called match pattern must be a class"));
                };
                let c = c.clone();
                if !self.types.type_of(subject).is_subclass(&c) {
                    return Ok(false);
                }
                if !args.is_empty() {
                    let self_match =
                        c.builtin && !matches!(c.kind, TypeKind::Object | TypeKind::BaseException);
                    if self_match {
                        if args.len() > 1 {
                            return Err(Exc::type_error(alloc::format!(
                                "{}() accepts 1 positional sub-pattern ({} given)",
                                c.name.as_str(),
                                args.len()
                            )));
                        }
                        if !self.match_pattern(&args[0], subject, values, caps)? {
                            return Ok(false);
                        }
                    } else {
                        let names = match c.lookup(&PyStr::new("__match_args__")) {
                            Some(Value::Tuple(t)) => (*t).clone(),
                            Some(Value::List(l)) => l.borrow().clone(),
                            _ => Vec::new(),
                        };
                        if args.len() > names.len() {
                            return Err(Exc::type_error(alloc::format!(
                                "{}() accepts {} positional sub-pattern{} ({} given)",
                                c.name.as_str(),
                                names.len(),
                                if names.len() == 1 { "" } else { "s" },
                                args.len()
                            )));
                        }
                        for (pat, name) in args.iter().zip(names.iter()) {
                            let Value::Str(n) = name else {
                                return Err(Exc::type_error(
                                    "__match_args__ elements must be strings",
                                ));
                            };
                            let Some(v) = self.getattr_opt(subject, n.as_str())? else {
                                return Ok(false);
                            };
                            if !self.match_pattern(pat, &v, values, caps)? {
                                return Ok(false);
                            }
                        }
                    }
                }
                for (name, pat) in kwargs {
                    let Some(v) = self.getattr_opt(subject, name.as_str())? else {
                        return Ok(false);
                    };
                    if !self.match_pattern(pat, &v, values, caps)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            MatchPat::Or(alts) => {
                for a in alts {
                    if self.match_pattern(a, subject, values, caps)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            MatchPat::As(inner, slot) => {
                if !self.match_pattern(inner, subject, values, caps)? {
                    return Ok(false);
                }
                if let Some(c) = caps.get_mut(*slot) {
                    *c = subject.clone();
                }
                Ok(true)
            }
        }
    }
}
