;; 30,000 tasks parked at once (each on its own stack) all finish; their
;; stacks are then reused by the next 30,000 tasks without new ones.
(global $ch (mut (ref null $Channel.i32)) (ref.null none))
(global $sum (mut i32) (i32.const 0))

(func $adder (param $t (ref $Task))
  (local $v i32)
  (local.set $v (call $zena_channel_receive.i32 (ref.as_non_null (global.get $ch))))
  (global.set $sum (i32.add (global.get $sum) (local.get $v))))

(func $round (param $n i32)
  (local $i i32)
  (loop $spawn
    (drop (call $zena_spawn (call $task (ref.func $adder) (i32.const 0))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br_if $spawn (i32.lt_u (local.get $i) (local.get $n))))
  (call $zena_sleep (i32.const 0))
  (call $out_i32 (array.get $Counts (global.get $zena_blocked) (i32.const 1)))
  (loop $send
    (call $zena_channel_send.i32 (ref.as_non_null (global.get $ch)) (local.get $i))
    (local.set $i (i32.sub (local.get $i) (i32.const 1)))
    (br_if $send (local.get $i)))
  (call $zena_sleep (i32.const 0))
  (call $out_i32 (global.get $sum))
  (call $out_i32 (global.get $zena_live_stacks)))

(func $main (param $t (ref $Task))
  (global.set $ch (call $zena_channel_new.i32 (i32.const 0)))
  (call $round (i32.const 30000))
  (global.set $sum (i32.const 0))
  (call $round (i32.const 30000)))
