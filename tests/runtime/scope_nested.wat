;; Nested scopes: a child P of the outer scope runs an inner scope; when
;; P's sibling fails, P is cancelled, which cancels the inner scope's
;; children; everyone's `finally` runs and the outer scope throws.
;; @shell
(func $grandchild (param $t (ref $Task))
  (block $finally (result exnref)
    (try_table (catch_all_ref $finally)
      (call $zena_sleep (i32.const 100000)))
    (return))
  (out "grandchild cleanup:")
  (call $out_i32 (call $arg (local.get $t)))
  (throw_ref))

(func $inner_body (param $t (ref $Task))
  (local $s (ref $Scope))
  (local $g (ref $Task))
  (local.set $s (call $zena_task_scope (local.get $t)))
  (local.set $g (call $zena_scope_spawn (local.get $s) (call $task (ref.func $grandchild) (i32.const 1))))
  (drop (call $zena_scope_spawn (local.get $s) (call $task (ref.func $grandchild) (i32.const 2))))
  (call $zena_await (local.get $g)))

(func $p (param $t (ref $Task))
  (block $finally (result exnref)
    (try_table (catch_all_ref $finally)
      (call $zena_scope_run (call $task (ref.func $inner_body) (i32.const 0))))
    (return))
  (out "P cleanup")
  (throw_ref))

(func $q (param $t (ref $Task))
  (call $zena_sleep (i32.const 0))
  (call $zena_throw_error (array.new_fixed $String 8
    (i32.const 113) (i32.const 32) (i32.const 102) (i32.const 97)
    (i32.const 105) (i32.const 108) (i32.const 101) (i32.const 100))))

(func $outer_body (param $t (ref $Task))
  (local $s (ref $Scope))
  (local $pt (ref $Task))
  (local.set $s (call $zena_task_scope (local.get $t)))
  (local.set $pt (call $zena_scope_spawn (local.get $s) (call $task (ref.func $p) (i32.const 0))))
  (drop (call $zena_scope_spawn (local.get $s) (call $task (ref.func $q) (i32.const 0))))
  (call $zena_await (local.get $pt)))

(func $main (param $t (ref $Task))
  (local $e (ref null $Error))
  (block $caught (result (ref $Error))
    (try_table (catch $zena.error $caught)
      (call $zena_scope_run (call $task (ref.func $outer_body) (i32.const 0))))
    (return))
  (local.set $e)
  (out "scope threw:")
  (call $out (struct.get $Error $message (local.get $e))))
