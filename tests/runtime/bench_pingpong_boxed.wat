;; The same ping-pong through one anyref channel kind, every i32 boxed: the
;; boxing design the channel template was measured against (not compared).
;; @bench
(global $ping (mut (ref null $Channel.ref)) (ref.null none))
(global $pong (mut (ref null $Channel.ref)) (ref.null none))
(type $Box (struct (field $v i32)))  ;; a boxed i32
(global $rounds i32 (i32.const 1000000))

(func $ponger (param $t (ref $Task))
  (local $i i32)
  (loop $next
    (call $zena_channel_send.ref (ref.as_non_null (global.get $pong))
      (struct.new $Box (struct.get $Box $v (ref.cast (ref $Box)
        (call $zena_channel_receive.ref (ref.as_non_null (global.get $ping)))))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br_if $next (i32.lt_u (local.get $i) (global.get $rounds)))))

(func $main (param $t (ref $Task))
  (local $i i32)
  (local $start i64)
  (local $sum i32)
  (global.set $ping (call $zena_channel_new.ref (i32.const 0)))
  (global.set $pong (call $zena_channel_new.ref (i32.const 0)))
  (drop (call $zena_spawn (call $task (ref.func $ponger) (i32.const 0))))
  (local.set $start (call $zena_now))
  (loop $next
    (call $zena_channel_send.ref (ref.as_non_null (global.get $ping))
      (struct.new $Box (local.get $i)))
    (local.set $sum (i32.add (local.get $sum) (struct.get $Box $v (ref.cast (ref $Box)
      (call $zena_channel_receive.ref (ref.as_non_null (global.get $pong)))))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br_if $next (i32.lt_u (local.get $i) (global.get $rounds))))
  (call $out_i32 (i32.wrap_i64 (i64.div_u (i64.sub (call $zena_now) (local.get $start))
                                          (i64.extend_i32_u (global.get $rounds)))))
  (out "ns per round trip"))
