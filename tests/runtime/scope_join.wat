;; A scope returns after its body and every child have finished; the body's
;; result is read from the body task.
(func $child (param $t (ref $Task))
  (call $zena_sleep (call $arg (local.get $t)))
  (call $out_i32 (call $arg (local.get $t))))

(func $body (param $t (ref $Task))
  (local $s (ref $Scope))
  (local.set $s (call $zena_task_scope (local.get $t)))
  (drop (call $zena_scope_spawn (local.get $s) (call $task (ref.func $child) (i32.const 20))))
  (drop (call $zena_scope_spawn (local.get $s) (call $task (ref.func $child) (i32.const 5))))
  (drop (call $zena_scope_spawn (local.get $s) (call $task (ref.func $child) (i32.const 10))))
  (out "body returns")
  (struct.set $Task $bits (local.get $t) (i64.const 99)))

(func $main (param $t (ref $Task))
  (local $b (ref $Task))
  (local.set $b (call $task (ref.func $body) (i32.const 0)))
  (call $zena_scope_run (local.get $b))
  (out "scope done")
  (call $out_i32 (i32.wrap_i64 (struct.get $Task $bits (local.get $b)))))
