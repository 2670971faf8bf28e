;; Parked senders and receivers are served in arrival order, on rendezvous
;; and buffered channels, for every element kind.
;; @shell
(global $ch (mut (ref null $Channel.i32)) (ref.null none))
(global $buffered (mut (ref null $Channel.i32)) (ref.null none))

(func $sender (param $t (ref $Task))
  (call $zena_channel_send.i32 (ref.as_non_null (global.get $ch)) (call $arg (local.get $t)))
  (out "sent:")
  (call $out_i32 (call $arg (local.get $t))))

(func $receiver (param $t (ref $Task))
  (local $v i32)
  (local.set $v (call $zena_channel_receive.i32 (ref.as_non_null (global.get $ch))))
  (out "receiver got:")
  (call $out_i32 (call $arg (local.get $t)))
  (call $out_i32 (local.get $v)))

(func $buffered_sender (param $t (ref $Task))
  (call $zena_channel_send.i32 (ref.as_non_null (global.get $buffered)) (call $arg (local.get $t))))

(func $main (param $t (ref $Task))
  (local $i i32)
  (local $s (ref $Channel.f64))
  (local $r (ref $Channel.ref))
  (local $l (ref $Channel.i64))
  (local $f (ref $Channel.f32))
  (global.set $ch (call $zena_channel_new.i32 (i32.const 0)))
  (drop (call $zena_spawn (call $task (ref.func $sender) (i32.const 1))))
  (drop (call $zena_spawn (call $task (ref.func $sender) (i32.const 2))))
  (drop (call $zena_spawn (call $task (ref.func $sender) (i32.const 3))))
  (call $zena_sleep (i32.const 0))
  (call $out_i32 (call $zena_channel_receive.i32 (ref.as_non_null (global.get $ch))))
  (call $out_i32 (call $zena_channel_receive.i32 (ref.as_non_null (global.get $ch))))
  (call $out_i32 (call $zena_channel_receive.i32 (ref.as_non_null (global.get $ch))))
  (call $zena_sleep (i32.const 0))
  (drop (call $zena_spawn (call $task (ref.func $receiver) (i32.const 1))))
  (drop (call $zena_spawn (call $task (ref.func $receiver) (i32.const 2))))
  (call $zena_sleep (i32.const 0))
  (call $zena_channel_send.i32 (ref.as_non_null (global.get $ch)) (i32.const 10))
  (call $zena_channel_send.i32 (ref.as_non_null (global.get $ch)) (i32.const 20))
  (call $zena_sleep (i32.const 0))
  ;; capacity 2, five senders: two buffered, three parked, all in order
  (global.set $buffered (call $zena_channel_new.i32 (i32.const 2)))
  (loop $spawn
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (drop (call $zena_spawn (call $task (ref.func $buffered_sender) (local.get $i))))
    (br_if $spawn (i32.lt_u (local.get $i) (i32.const 5))))
  (call $zena_sleep (i32.const 0))
  (call $out_i32 (call $zena_channel_length.i32 (ref.as_non_null (global.get $buffered))))
  (loop $drain
    (call $out_i32 (call $zena_channel_receive.i32 (ref.as_non_null (global.get $buffered))))
    (local.set $i (i32.sub (local.get $i) (i32.const 1)))
    (br_if $drain (local.get $i)))
  ;; the other kinds keep their values exactly
  (local.set $s (call $zena_channel_new.f64 (i32.const 1)))
  (call $zena_channel_send.f64 (local.get $s) (f64.const 2.5))
  (call $zena_print (call $zena_float_to_string
    (call $zena_channel_receive.f64 (local.get $s)) (i32.const 0)) (i32.const 1))
  (local.set $f (call $zena_channel_new.f32 (i32.const 1)))
  (call $zena_channel_send.f32 (local.get $f) (f32.const -0.75))
  (call $zena_print (call $zena_float_to_string
    (f64.promote_f32 (call $zena_channel_receive.f32 (local.get $f))) (i32.const 1)) (i32.const 1))
  (local.set $l (call $zena_channel_new.i64 (i32.const 1)))
  (call $zena_channel_send.i64 (local.get $l) (i64.const -5000000000))
  (call $zena_print (call $zena_i64_to_string
    (call $zena_channel_receive.i64 (local.get $l))) (i32.const 1))
  (local.set $r (call $zena_channel_new.ref (i32.const 1)))
  (call $zena_channel_send.ref (local.get $r) (array.new_fixed $String 2 (i32.const 111) (i32.const 107)))
  (call $out (ref.cast (ref $String) (call $zena_channel_receive.ref (local.get $r)))))
