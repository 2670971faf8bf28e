;; A failing child cancels the scope: a sleeping sibling is woken and its
;; `finally` runs, a queued sibling never runs, the body (parked on a
;; channel) is cancelled too, and the scope throws the child's Error.
;; @shell
(func $sleeps (param $t (ref $Task))
  (block $finally (result exnref)
    (try_table (catch_all_ref $finally)
      (call $zena_sleep (i32.const 100000)))
    (out "not reached")
    (return))
  (out "sleeper cleanup")
  (throw_ref))

(func $fails (param $t (ref $Task))
  (call $zena_throw_error (array.new_fixed $String 4
    (i32.const 98) (i32.const 111) (i32.const 111) (i32.const 109))))

(func $never (param $t (ref $Task))
  (out "not reached"))

(func $body (param $t (ref $Task))
  (local $s (ref $Scope))
  (local.set $s (call $zena_task_scope (local.get $t)))
  (drop (call $zena_scope_spawn (local.get $s) (call $task (ref.func $sleeps) (i32.const 0))))
  (drop (call $zena_scope_spawn (local.get $s) (call $task (ref.func $fails) (i32.const 0))))
  (drop (call $zena_scope_spawn (local.get $s) (call $task (ref.func $never) (i32.const 0))))
  (block $finally (result exnref)
    (try_table (catch_all_ref $finally)
      (drop (call $zena_channel_receive.ref (call $zena_channel_new.ref (i32.const 0)))))
    (out "not reached")
    (return))
  (out "body cleanup")
  (throw_ref))

(func $main (param $t (ref $Task))
  (local $e (ref null $Error))
  (block $caught (result (ref $Error))
    (try_table (catch $zena.error $caught)
      (call $zena_scope_run (call $task (ref.func $body) (i32.const 0))))
    (out "not reached")
    (return))
  (local.set $e)
  (out "scope threw:")
  (call $out (struct.get $Error $message (local.get $e))))
