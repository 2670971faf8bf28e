;; Ping-pong over two rendezvous channels: ns per round trip (not compared).
;; @bench
(global $ping (mut (ref null $Channel.i32)) (ref.null none))
(global $pong (mut (ref null $Channel.i32)) (ref.null none))
(global $rounds i32 (i32.const 1000000))

(func $ponger (param $t (ref $Task))
  (local $i i32)
  (loop $next
    (call $zena_channel_send.i32 (ref.as_non_null (global.get $pong))
      (call $zena_channel_receive.i32 (ref.as_non_null (global.get $ping))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br_if $next (i32.lt_u (local.get $i) (global.get $rounds)))))

(func $main (param $t (ref $Task))
  (local $i i32)
  (local $start i64)
  (local $sum i32)
  (global.set $ping (call $zena_channel_new.i32 (i32.const 0)))
  (global.set $pong (call $zena_channel_new.i32 (i32.const 0)))
  (drop (call $zena_spawn (call $task (ref.func $ponger) (i32.const 0))))
  (local.set $start (call $zena_now))
  (loop $next
    (call $zena_channel_send.i32 (ref.as_non_null (global.get $ping)) (local.get $i))
    (local.set $sum (i32.add (local.get $sum)
      (call $zena_channel_receive.i32 (ref.as_non_null (global.get $pong)))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br_if $next (i32.lt_u (local.get $i) (global.get $rounds))))
  (call $out_i32 (i32.wrap_i64 (i64.div_u (i64.sub (call $zena_now) (local.get $start))
                                          (i64.extend_i32_u (global.get $rounds)))))
  (out "ns per round trip"))
