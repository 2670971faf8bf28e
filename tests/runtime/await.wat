;; Awaiting a finished task returns at once; awaiters of one task wake in
;; the order they came; awaiting a failed scope child rethrows its Error
;; (and the scope then throws it too).
;; @shell
(func $value (param $t (ref $Task))
  (struct.set $Task $bits (local.get $t) (i64.const 42)))

(func $yields_twice (param $t (ref $Task))
  (call $zena_sleep (i32.const 0))
  (call $zena_sleep (i32.const 0)))

;; awaits the task in env; its number is in $bits
(func $awaiter (param $t (ref $Task))
  (call $zena_await (ref.cast (ref $Task) (struct.get $Task $env (local.get $t))))
  (out "awaiter woke:")
  (call $out_i32 (i32.wrap_i64 (struct.get $Task $bits (local.get $t)))))

(func $fails (param $t (ref $Task))
  (call $zena_sleep (i32.const 0))
  (call $zena_throw_error (array.new_fixed $String 4
    (i32.const 98) (i32.const 111) (i32.const 111) (i32.const 109))))

(func $scope_body (param $t (ref $Task))
  (local $child (ref $Task))
  (local $e (ref null $Error))
  (local.set $child (call $zena_scope_spawn (call $zena_task_scope (local.get $t))
    (call $task (ref.func $fails) (i32.const 0))))
  (block $caught (result (ref $Error))
    (try_table (catch $zena.error $caught)
      (call $zena_await (local.get $child)))
    (out "not reached")
    (return))
  (local.set $e)
  (out "await rethrew:")
  (call $out (struct.get $Error $message (local.get $e))))

(func $main (param $t (ref $Task))
  (local $v (ref $Task))
  (local $a (ref $Task))
  (local $i i32)
  (local $e (ref null $Error))
  (local.set $v (call $zena_start (call $task (ref.func $value) (i32.const 0))))
  (call $zena_await (local.get $v))
  (call $out_i32 (i32.wrap_i64 (struct.get $Task $bits (local.get $v))))
  (local.set $v (call $zena_spawn (call $task (ref.func $yields_twice) (i32.const 0))))
  (loop $more
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (local.set $a (call $zena_task_new (ref.func $awaiter) (local.get $v)))
    (struct.set $Task $bits (local.get $a) (i64.extend_i32_u (local.get $i)))
    (drop (call $zena_spawn (local.get $a)))
    (br_if $more (i32.lt_u (local.get $i) (i32.const 3))))
  (call $zena_await (local.get $v))
  (out "main woke")
  (block $caught (result (ref $Error))
    (try_table (catch $zena.error $caught)
      (call $zena_scope_run (call $task (ref.func $scope_body) (i32.const 0))))
    (out "scope returned")
    (return))
  (local.set $e)
  (out "scope threw:")
  (call $out (struct.get $Error $message (local.get $e))))
