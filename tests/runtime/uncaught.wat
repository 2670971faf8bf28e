;; A task outside any scope that fails ends the program: its Error leaves
;; through the scheduler and _start (zena-run reports it, status 134).
(func $fails (param $t (ref $Task))
  (out "failing")
  (call $zena_sleep (i32.const 0))
  (call $zena_throw_error (array.new_fixed $String 4
    (i32.const 98) (i32.const 111) (i32.const 111) (i32.const 109))))

(func $main (param $t (ref $Task))
  (drop (call $zena_spawn (call $task (ref.func $fails) (i32.const 0))))
  (call $zena_sleep (i32.const 0))
  (call $zena_sleep (i32.const 0))
  (out "not reached"))
