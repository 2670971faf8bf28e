;; write_wasi.wat - $zena_write_line for WASI: one fd_write call.
;; Bytes 0-7 of linear memory hold the iovec, 8-11 the count written.
(func $zena_write_line (param $fd i32) (param $ptr i32) (param $len i32)
  (i32.store (i32.const 0) (local.get $ptr))
  (i32.store (i32.const 4) (local.get $len))
  (drop (call $fd_write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8))))
