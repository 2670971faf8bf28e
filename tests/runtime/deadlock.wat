;; Nothing ready, no timer, main not done: the deadlock report, status 2.
(global $ch (mut (ref null $Channel.i32)) (ref.null none))

(func $receiver (param $t (ref $Task))
  (drop (call $zena_channel_receive.i32 (ref.as_non_null (global.get $ch)))))

(func $main (param $t (ref $Task))
  (local $r (ref $Task))
  (global.set $ch (call $zena_channel_new.i32 (i32.const 0)))
  (local.set $r (call $zena_spawn (call $task (ref.func $receiver) (i32.const 0))))
  (drop (call $zena_spawn (call $task (ref.func $receiver) (i32.const 0))))
  (out "waiting")
  (call $zena_await (local.get $r)))
