//! Generators (Python Language Reference §6.2.9 "Yield expressions").
//!
//! A generator owns the frame of its function. `resume` takes the frame out, pushes the
//! sent value as the result of the pending `yield`, runs it to the next `Yield` (or to its
//! `Return`, which finishes the generator), and puts it back. Taking the frame out while it
//! runs also detects re-entry ("generator already executing") without a borrow conflict.

use crate::value::*;
use crate::vm::{Frame, FrameExit, Vm};
use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::string::{String, ToString};
use core::cell::RefCell;

pub struct GenObj {
    pub frame: Option<Box<Frame>>,
    pub started: bool,
    pub finished: bool,
    pub name: String,
    pub qualname: String,
}

pub fn new_generator(frame: Frame) -> Value {
    let name = frame.code.name.as_str().to_string();
    let qualname = frame.code.qualname.as_str().to_string();
    Value::Generator(Rc::new(RefCell::new(GenObj {
        frame: Some(Box::new(frame)),
        started: false,
        finished: false,
        name,
        qualname,
    })))
}

pub enum GenStep {
    Yielded(Value),
    Returned(Value),
}

pub fn step(
    vm: &mut Vm,
    g: &Rc<RefCell<GenObj>>,
    sent: Value,
    throw: Option<Exc>,
) -> PyResult<GenStep> {
    let (frame, started) = {
        let mut gm = g.borrow_mut();
        if gm.finished {
            drop(gm);
            if let Some(e) = throw {
                return Err(e);
            }
            return Ok(GenStep::Returned(Value::None));
        }
        let Some(frame) = gm.frame.take() else {
            return Err(Exc::value_error("generator already executing"));
        };
        let started = gm.started;
        gm.started = true;
        (frame, started)
    };
    let mut frame = frame;
    if !started && !sent.is_none() && throw.is_none() {
        g.borrow_mut().frame = Some(frame);
        g.borrow_mut().started = false;
        return Err(Exc::type_error(
            "can't send non-None value to a just-started generator",
        ));
    }
    if vm.depth >= vm.recursion_limit {
        g.borrow_mut().frame = Some(frame);
        return Err(Exc::new(
            ExcKind::RecursionError,
            "maximum recursion depth exceeded",
        ));
    }
    vm.depth += 1;
    let result = match throw {
        Some(e) => {
            // Raise at the paused yield: unwind through the frame's handlers.
            frame.pc = frame.pc.max(1);
            vm.throw_into(&mut frame, e)
        }
        None => {
            if started {
                frame.stack.push(sent);
            }
            vm.run_frame(&mut frame)
        }
    };
    vm.depth -= 1;
    let mut gm = g.borrow_mut();
    match result {
        Ok(FrameExit::Yield(v)) => {
            gm.frame = Some(frame);
            Ok(GenStep::Yielded(v))
        }
        Ok(FrameExit::Return(v)) => {
            gm.finished = true;
            Ok(GenStep::Returned(v))
        }
        Err(e) => {
            gm.finished = true;
            drop(gm);
            if vm.is_stop_iteration(&e) {
                return Err(Exc::new(
                    ExcKind::RuntimeError,
                    "generator raised StopIteration",
                ));
            }
            Err(e)
        }
    }
}

/// `next(gen)`: `None` once the generator is exhausted.
pub fn resume(vm: &mut Vm, g: &Rc<RefCell<GenObj>>, sent: Value) -> PyResult<Option<Value>> {
    match step(vm, g, sent, None)? {
        GenStep::Yielded(v) => Ok(Some(v)),
        GenStep::Returned(_) => Ok(None),
    }
}

impl Vm {
    /// One step of `yield from`: `Ok(Ok(v))` when the sub-iterator yielded `v`,
    /// `Ok(Err(r))` when it finished with return value `r`.
    pub fn send_to(&mut self, sub: &Value, sent: Value) -> PyResult<Result<Value, Value>> {
        match sub {
            Value::Generator(g) => match step(self, g, sent, None)? {
                GenStep::Yielded(v) => Ok(Ok(v)),
                GenStep::Returned(r) => Ok(Err(r)),
            },
            _ => {
                let r = if sent.is_none() {
                    match self.next(sub) {
                        Ok(r) => r,
                        Err(e) => return self.stop_value(e).map(Err),
                    }
                } else {
                    match self.call_method(
                        sub,
                        &Rc::new(crate::pystr::PyStr::new("send")),
                        &[sent],
                        &[],
                    ) {
                        Ok(v) => Some(v),
                        Err(e) => return self.stop_value(e).map(Err),
                    }
                };
                match r {
                    Some(v) => Ok(Ok(v)),
                    None => Ok(Err(Value::None)),
                }
            }
        }
    }

    /// The value carried by a StopIteration, or the error itself.
    fn stop_value(&mut self, e: Exc) -> PyResult {
        if !self.is_stop_iteration(&e) {
            return Err(e);
        }
        let v = self.materialize(e);
        if let Value::Instance(i) = &v {
            if let Some(Value::Tuple(args)) = i.dict.borrow().get_by_str("args") {
                return Ok(args.first().cloned().unwrap_or(Value::None));
            }
        }
        Ok(Value::None)
    }

    /// Raises `e` inside a paused frame (generator.throw).
    pub fn throw_into(&mut self, f: &mut Frame, e: Exc) -> PyResult<FrameExit> {
        let value = self.materialize(e);
        if let Some(block) = f.blocks.pop() {
            f.stack.truncate(block.stack_len);
            f.stack.push(value);
            f.pc = block.handler;
            return self.run_frame(f);
        }
        Err(Exc::object(value))
    }
}
