;; Past 32000 live stacks the program stops with a message, status 2,
;; before V8 would abort.
(global $ch (mut (ref null $Channel.i32)) (ref.null none))

(func $parked (param $t (ref $Task))
  (drop (call $zena_channel_receive.i32 (ref.as_non_null (global.get $ch)))))

(func $main (param $t (ref $Task))
  (local $i i32)
  (global.set $ch (call $zena_channel_new.i32 (i32.const 0)))
  (loop $spawn
    (drop (call $zena_spawn (call $task (ref.func $parked) (i32.const 0))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br_if $spawn (i32.lt_u (local.get $i) (i32.const 40000))))
  (out "spawned")
  (call $zena_sleep (i32.const 0))
  (out "not reached"))
