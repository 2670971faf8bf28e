;; A single blocked task: "1 task blocked".
(func $main (param $t (ref $Task))
  (call $zena_channel_send.f64 (call $zena_channel_new.f64 (i32.const 0)) (f64.const 1)))
