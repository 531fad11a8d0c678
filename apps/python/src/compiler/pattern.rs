//! `match` statements (Python Language Reference §8.6).
//!
//! Each case evaluates the values its pattern mentions (literals, dotted names, classes,
//! mapping keys) onto the stack, then `MatchPattern` runs the matcher tree against the
//! subject and pushes the captured values and a success flag; the compiler stores the
//! captures into their names in order.

use super::{CResult, Compiler};
use crate::ast::*;
use crate::bytecode::{CompiledPattern, MatchPat, Op};
use crate::error::SyntaxError;
use crate::pystr::PyStr;
use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

struct PatternBuilder {
    nvalues: usize,
    captures: Vec<String>,
}

impl PatternBuilder {
    fn capture(&mut self, name: &str) -> usize {
        if let Some(i) = self.captures.iter().position(|c| c == name) {
            return i;
        }
        self.captures.push(name.to_string());
        self.captures.len() - 1
    }
}

impl<'a> Compiler<'a> {
    pub(crate) fn match_stmt(&mut self, subject: &'a Expr, cases: &'a [MatchCase]) -> CResult {
        self.expr(subject)?;
        let mut ends = Vec::new();
        for (ci, case) in cases.iter().enumerate() {
            let irrefutable = matches!(case.pattern, Pattern::Capture(_)) && case.guard.is_none();
            if irrefutable && ci + 1 < cases.len() {
                let msg = match &case.pattern {
                    Pattern::Capture(Some(n)) => {
                        alloc::format!("name capture '{}' makes remaining patterns unreachable", n)
                    }
                    _ => "wildcard makes remaining patterns unreachable".to_string(),
                };
                return Err(SyntaxError {
                    msg,
                    line: subject.line,
                    col: 1,
                    indentation: false,
                });
            }
            let mut b = PatternBuilder {
                nvalues: 0,
                captures: Vec::new(),
            };
            let pat = self.pattern(&case.pattern, &mut b)?;
            let idx = self.unit().patterns.len() as u32;
            self.unit().patterns.push(CompiledPattern {
                pat,
                nvalues: b.nvalues,
                ncaptures: b.captures.len(),
            });
            self.emit(Op::MatchPattern(idx));
            let next = self.emit(Op::PopJumpIfFalse(0));
            for name in b.captures.iter().rev() {
                self.store_name(name);
            }
            let mut guard_jump = None;
            if let Some(g) = &case.guard {
                self.expr(g)?;
                guard_jump = Some(self.emit(Op::PopJumpIfFalse(0)));
            }
            self.emit(Op::Pop);
            self.stmts(&case.body)?;
            ends.push(self.emit(Op::Jump(0)));
            self.patch(next);
            if let Some(g) = guard_jump {
                self.patch(g);
            }
        }
        self.emit(Op::Pop);
        for e in ends {
            self.patch(e);
        }
        Ok(())
    }

    fn pattern(&mut self, p: &'a Pattern, b: &mut PatternBuilder) -> CResult<MatchPat> {
        Ok(match p {
            Pattern::Value(e) => {
                self.expr(e)?;
                b.nvalues += 1;
                MatchPat::Value(b.nvalues - 1)
            }
            Pattern::Singleton(c) => MatchPat::Singleton(match c {
                Constant::None => 0,
                Constant::True => 1,
                _ => 2,
            }),
            Pattern::Capture(n) => MatchPat::Capture(n.as_ref().map(|n| b.capture(n))),
            Pattern::Star(n) => MatchPat::Star(n.as_ref().map(|n| b.capture(n))),
            Pattern::Sequence(items) => {
                let mut out = Vec::new();
                for i in items {
                    out.push(self.pattern(i, b)?);
                }
                MatchPat::Sequence(out)
            }
            Pattern::Mapping { keys, values, rest } => {
                let mut kidx = Vec::new();
                for k in keys {
                    self.expr(k)?;
                    b.nvalues += 1;
                    kidx.push(b.nvalues - 1);
                }
                let mut vals = Vec::new();
                for v in values {
                    vals.push(self.pattern(v, b)?);
                }
                MatchPat::Mapping {
                    keys: kidx,
                    values: vals,
                    rest: rest.as_ref().map(|r| b.capture(r)),
                }
            }
            Pattern::Class { cls, args, kwargs } => {
                self.expr(cls)?;
                b.nvalues += 1;
                let ci = b.nvalues - 1;
                let mut a = Vec::new();
                for x in args {
                    a.push(self.pattern(x, b)?);
                }
                let mut kw = Vec::new();
                for (n, x) in kwargs {
                    kw.push((Rc::new(PyStr::new(n)), self.pattern(x, b)?));
                }
                MatchPat::Class {
                    cls: ci,
                    args: a,
                    kwargs: kw,
                }
            }
            Pattern::Or(alts) => {
                let mut out = Vec::new();
                for x in alts {
                    out.push(self.pattern(x, b)?);
                }
                MatchPat::Or(out)
            }
            Pattern::As(inner, n) => {
                let i = self.pattern(inner, b)?;
                MatchPat::As(Box::new(i), b.capture(n))
            }
        })
    }
}
