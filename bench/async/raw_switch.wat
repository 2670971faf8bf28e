;; raw_switch.wat - the floor under every async benchmark: one task that
;; suspends ROUNDS times, each time resumed by a loop on the main stack
;; (one suspend/resume round trip, nothing else).  Run by raw_switch.mjs.
(module
  (type $Body (func))
  (type $Stack (cont $Body))
  (tag $yield)
  (global $left (mut i32) (i32.const 0))  ;; round trips still to make

  ;; The task: suspends until no round trips are left.
  (func $body
    (loop $again
      (suspend $yield)
      (global.set $left (i32.sub (global.get $left) (i32.const 1)))
      (br_if $again (global.get $left))))
  (elem declare func $body)

  ;; Makes rounds round trips into one continuation.
  (func (export "run") (param $rounds i32)
    (local $k (ref null $Stack))
    (global.set $left (local.get $rounds))
    (local.set $k (cont.new $Stack (ref.func $body)))
    (block $done
      (loop $switch
        (block $suspended (result (ref $Stack))
          (resume $Stack (on $yield $suspended) (local.get $k))
          (br $done))
        (local.set $k)
        (br $switch)))))
