;; A sync main (no scheduler) starting async work eagerly: it runs until its
;; first suspension; what is still pending when main returns is dropped.
;; @shell
(func $work (param $t (ref $Task))
  (out "work starts")
  (call $zena_sleep (i32.const 0))
  (out "not reached"))

(func $quick (param $t (ref $Task))
  (struct.set $Task $bits (local.get $t) (i64.const 7)))

(func $_start (export "_start")
  (local $q (ref $Task))
  (drop (call $zena_start (call $task (ref.func $work) (i32.const 0))))
  (out "main goes on")
  (local.set $q (call $zena_start (call $task (ref.func $quick) (i32.const 0))))
  (call $zena_await (local.get $q))
  (call $out_i32 (i32.wrap_i64 (struct.get $Task $bits (local.get $q)))))
