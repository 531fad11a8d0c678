#!/bin/bash
# Host benchmarks: each program under benches/ runs with `pyrun` (release) and CPython in
# the same run; prints seconds and the ratio pyrun/CPython (goal: <= 2.0 on each).
# Usage: apps/python/benches/run.sh   (CARGO_TARGET_DIR is honoured)
set -e
here=$(cd "$(dirname "$0")" && pwd)
target=${CARGO_TARGET_DIR:-$here/../../../target}
cargo build --release -q --manifest-path "$here/../Cargo.toml" --bin pyrun
pyrun="$target/release/pyrun"
best() { # best of 3 wall-clock times, in seconds
    b=""
    for _ in 1 2 3; do
        s=$(date +%s.%N); "$@" > /dev/null; e=$(date +%s.%N)
        t=$(echo "$e - $s" | bc)
        if [ -z "$b" ] || [ "$(echo "$t < $b" | bc)" = 1 ]; then b=$t; fi
    done
    echo "$b"
}
printf "%-10s %9s %9s %7s\n" bench pyrun cpython ratio
for f in "$here"/*.py; do
    name=$(basename "$f" .py)
    if ! diff -q <("$pyrun" "$f") <(python3 "$f") > /dev/null 2>&1; then
        echo "$name: output differs from CPython" >&2
    fi
    p=$(best "$pyrun" "$f")
    c=$(best python3 "$f")
    printf "%-10s %9.3f %9.3f %7.2f\n" "$name" "$p" "$c" "$(echo "$p / $c" | bc -l)"
done
