;; raw_jspi.wat - the floor under the js target's async figures: a loop that
;; suspends its JSPI stack ROUNDS times on an already resolved promise (one
;; JSPI suspend/resume round trip, nothing else).  Run by raw_jspi.mjs.
(module
  (import "bench" "yield" (func $yield))  ;; WebAssembly.Suspending
  (func (export "run") (param $rounds i32)
    (loop $again
      (call $yield)
      (local.set $rounds (i32.sub (local.get $rounds) (i32.const 1)))
      (br_if $again (local.get $rounds)))))
