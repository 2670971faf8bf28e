;; channel.wat - Channel<T> for one kind of element: a template.  The
;; emitter writes one copy per kind the program uses, with <K> replaced by
;; the kind (i32 i64 f32 f64 ref) and <T> by its Wasm type (anyref for ref).
;; Tasks and queues are in async.wat.
;;
;; A channel is a ring buffer of `capacity` values (none: a rendezvous
;; channel) and two FIFOs of parked tasks.  Receivers wait only while the
;; buffer is empty, senders only while it is full; a waiting task's value
;; travels in its slot ($zena_slot_put/get), so the fast paths allocate
;; nothing: a send to a waiting receiver hands the value over and makes the
;; receiver ready without a switch.  close() wakes every waiter; a receive
;; on a closed channel still drains the buffer, then fails, as does a send.
;;
;; Template or boxing (measured, see runtime-wat/README.md): one instance
;; per kind avoids a box per value sent and a cast per value received.

(rec  ;; a group, so that the buffer is not the same type as an Array<T>
  (type $ChannelBuffer.<K> (array (mut <T>)))
  (type $Channel.<K> (struct
    (field $buffer (ref $ChannelBuffer.<K>))  ;; its length is the capacity
    (field $first (mut i32))                  ;; index of the oldest buffered value
    (field $count (mut i32))                  ;; values buffered
    (field $closed (mut i32))                 ;; 1 once closed
    (field $receivers (ref $Queue))           ;; parked receivers (buffer empty)
    (field $senders (ref $Queue)))))          ;; parked senders (buffer full)

;; A channel holding up to capacity values (0: send waits for a receiver).
(func $zena_channel_new.<K> (param $capacity i32) (result (ref $Channel.<K>))
  (if (i32.lt_s (local.get $capacity) (i32.const 0))
    (then (call $zena_channel_fail
            (array.new_data $String $zena.text.negative (i32.const 0) (i32.const 37)))))
  (struct.new $Channel.<K>
    (array.new_default $ChannelBuffer.<K> (local.get $capacity))
    (i32.const 0) (i32.const 0) (i32.const 0)
    (struct.new $Queue (ref.null none) (ref.null none) (i32.const 1))
    (struct.new $Queue (ref.null none) (ref.null none) (i32.const 2))))

;; Sends v: to a waiting receiver, else into the buffer, else waits for a
;; receiver to take it.
(func $zena_channel_send.<K> (param $ch (ref $Channel.<K>)) (param $v <T>)
  (local $receiver (ref null $Task))
  (local $buffer (ref $ChannelBuffer.<K>))
  (local $count i32)
  (if (struct.get $Channel.<K> $closed (local.get $ch))
    (then (call $zena_channel_fail
            (array.new_data $String $zena.text.send_closed (i32.const 0) (i32.const 24)))))
  (local.set $receiver
    (struct.get $Queue $head (struct.get $Channel.<K> $receivers (local.get $ch))))
  (if (i32.eqz (ref.is_null (local.get $receiver)))
    (then
      (call $zena_slot_put.<K> (ref.as_non_null (local.get $receiver)) (local.get $v))
      (call $zena_wake (ref.as_non_null (local.get $receiver)) (i32.const 0))
      (return)))
  (local.set $buffer (struct.get $Channel.<K> $buffer (local.get $ch)))
  (local.set $count (struct.get $Channel.<K> $count (local.get $ch)))
  (if (i32.lt_u (local.get $count) (array.len (local.get $buffer)))
    (then
      (call $zena_channel_append.<K> (local.get $ch) (local.get $v))
      (return)))
  (call $zena_slot_put.<K> (ref.as_non_null (global.get $zena_current)) (local.get $v))
  (if (call $zena_park (struct.get $Channel.<K> $senders (local.get $ch)))
    (then (call $zena_channel_fail
            (array.new_data $String $zena.text.send_closed (i32.const 0) (i32.const 24))))))

;; The oldest value: from the buffer (then a waiting sender's value takes
;; the free place), else from a waiting sender, else waits for a sender.
(func $zena_channel_receive.<K> (param $ch (ref $Channel.<K>)) (result <T>)
  (local $sender (ref null $Task))
  (local $buffer (ref $ChannelBuffer.<K>))
  (local $first i32)
  (local $v <T>)
  (local.set $sender
    (struct.get $Queue $head (struct.get $Channel.<K> $senders (local.get $ch))))
  (if (struct.get $Channel.<K> $count (local.get $ch))
    (then
      (local.set $buffer (struct.get $Channel.<K> $buffer (local.get $ch)))
      (local.set $first (struct.get $Channel.<K> $first (local.get $ch)))
      (local.set $v (array.get $ChannelBuffer.<K> (local.get $buffer) (local.get $first)))
      (local.set $first (i32.add (local.get $first) (i32.const 1)))
      (struct.set $Channel.<K> $first (local.get $ch)
        (select (i32.const 0) (local.get $first)
                (i32.eq (local.get $first) (array.len (local.get $buffer)))))
      (struct.set $Channel.<K> $count (local.get $ch)
        (i32.sub (struct.get $Channel.<K> $count (local.get $ch)) (i32.const 1)))
      (if (i32.eqz (ref.is_null (local.get $sender)))
        (then
          (call $zena_channel_append.<K> (local.get $ch)
            (call $zena_slot_get.<K> (ref.as_non_null (local.get $sender))))
          (call $zena_wake (ref.as_non_null (local.get $sender)) (i32.const 0))))
      (return (local.get $v))))
  (if (i32.eqz (ref.is_null (local.get $sender)))
    (then
      (call $zena_wake (ref.as_non_null (local.get $sender)) (i32.const 0))
      (return (call $zena_slot_get.<K> (ref.as_non_null (local.get $sender))))))
  (if (struct.get $Channel.<K> $closed (local.get $ch))
    (then (call $zena_channel_fail
            (array.new_data $String $zena.text.receive_closed (i32.const 0) (i32.const 27)))))
  (if (call $zena_park (struct.get $Channel.<K> $receivers (local.get $ch)))
    (then (call $zena_channel_fail
            (array.new_data $String $zena.text.receive_closed (i32.const 0) (i32.const 27)))))
  (call $zena_slot_get.<K> (ref.as_non_null (global.get $zena_current))))

;; Puts v after the buffered values (there is room).
(func $zena_channel_append.<K> (param $ch (ref $Channel.<K>)) (param $v <T>)
  (local $buffer (ref $ChannelBuffer.<K>))
  (local $count i32)
  (local.set $buffer (struct.get $Channel.<K> $buffer (local.get $ch)))
  (local.set $count (struct.get $Channel.<K> $count (local.get $ch)))
  (array.set $ChannelBuffer.<K> (local.get $buffer)
    (i32.rem_u (i32.add (struct.get $Channel.<K> $first (local.get $ch)) (local.get $count))
               (array.len (local.get $buffer)))
    (local.get $v))
  (struct.set $Channel.<K> $count (local.get $ch) (i32.add (local.get $count) (i32.const 1))))

;; Closes the channel: every waiting sender and receiver fails.
(func $zena_channel_close.<K> (param $ch (ref $Channel.<K>))
  (struct.set $Channel.<K> $closed (local.get $ch) (i32.const 1))
  (call $zena_wake_all (struct.get $Channel.<K> $receivers (local.get $ch)) (i32.const 1))
  (call $zena_wake_all (struct.get $Channel.<K> $senders (local.get $ch)) (i32.const 1)))

(func $zena_channel_is_closed.<K> (param $ch (ref $Channel.<K>)) (result i32)
  (struct.get $Channel.<K> $closed (local.get $ch)))

;; How many values are buffered.
(func $zena_channel_length.<K> (param $ch (ref $Channel.<K>)) (result i32)
  (struct.get $Channel.<K> $count (local.get $ch)))
