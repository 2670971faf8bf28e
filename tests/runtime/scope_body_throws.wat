;; A body that throws: its children are cancelled and waited for, then the
;; body's Error is rethrown.
;; @shell
(func $sleeps (param $t (ref $Task))
  (block $finally (result exnref)
    (try_table (catch_all_ref $finally)
      (call $zena_sleep (i32.const 100000)))
    (return))
  (out "child cleanup")
  (throw_ref))

(func $body (param $t (ref $Task))
  (drop (call $zena_scope_spawn (call $zena_task_scope (local.get $t))
    (call $task (ref.func $sleeps) (i32.const 0))))
  (call $zena_sleep (i32.const 0))
  (call $zena_throw_error (array.new_fixed $String 3
    (i32.const 98) (i32.const 97) (i32.const 100))))

(func $main (param $t (ref $Task))
  (local $e (ref null $Error))
  (block $caught (result (ref $Error))
    (try_table (catch $zena.error $caught)
      (call $zena_scope_run (call $task (ref.func $body) (i32.const 0))))
    (return))
  (local.set $e)
  (out "scope threw:")
  (call $out (struct.get $Error $message (local.get $e))))
