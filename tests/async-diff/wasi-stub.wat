;; wasi-stub.wat - the "wasi_snapshot_preview1" module the differential check
;; registers in binaryen's wasm-shell before the program under test (see run.sh).
;;
;; It owns the linear memory: the program's own `(memory ...)` is rewritten
;; into an import of this one, since WASI calls pass pointers into it.  No
;; host I/O is involved: the clock is fake and starts at 1 s; every
;; clock_time_get advances it by 1 us, and poll_oneoff jumps it to the
;; earliest clock subscription's deadline instead of sleeping, so timers fire
;; in the same order as on a real host.  fd_write only counts bytes (the
;; programs print nothing: `written` must stay 0), and proc_exit traps (the
;; programs return from main; exiting means the runtime gave up).
(module $wasi
  (memory (export "memory") 16)
  (global $now (mut i64) (i64.const 1000000000))  ;; the fake clock, ns
  (global $written (mut i32) (i32.const 0))       ;; bytes passed to fd_write

  ;; Bytes the program tried to print.
  (func (export "written") (result i32)
    (global.get $written))

  (func (export "proc_exit") (param $code i32)
    (unreachable))

  ;; fd_write(fd, iovs, iovs_len, nwritten): counts the bytes, writes nothing.
  (func (export "fd_write")
    (param $fd i32) (param $iovs i32) (param $n i32) (param $nwritten i32) (result i32)
    (local $total i32)
    (block $done
      (loop $each
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $total
          (i32.add (local.get $total) (i32.load offset=4 (local.get $iovs))))
        (local.set $iovs (i32.add (local.get $iovs) (i32.const 8)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $each)))
    (i32.store (local.get $nwritten) (local.get $total))
    (global.set $written (i32.add (global.get $written) (local.get $total)))
    (i32.const 0))

  ;; clock_time_get(id, precision, time): any clock reads the fake one, which
  ;; then moves on by 1 us, as a real clock would between two reads.
  (func (export "clock_time_get")
    (param $id i32) (param $precision i64) (param $time i32) (result i32)
    (i64.store (local.get $time) (global.get $now))
    (global.set $now (i64.add (global.get $now) (i64.const 1000)))
    (i32.const 0))

  ;; The deadline of the clock subscription at sub, polled at time start (WASI
  ;; layout: timeout at +24, flags at +40, bit 0 meaning an absolute time).
  (func $deadline (param $sub i32) (param $start i64) (result i64)
    (if (result i64) (i32.and (i32.load16_u offset=40 (local.get $sub)) (i32.const 1))
      (then (i64.load offset=24 (local.get $sub)))
      (else (i64.add (local.get $start) (i64.load offset=24 (local.get $sub))))))

  ;; poll_oneoff(in, out, nsubscriptions, nevents): only clock subscriptions
  ;; (tag 0 at +8; anything else would be host I/O, which these programs do
  ;; not do).  Jumps the clock to the earliest deadline and reports every
  ;; subscription due by then, as 32-byte clock events (userdata, errno 0,
  ;; type 0).
  (func (export "poll_oneoff")
    (param $in i32) (param $out i32) (param $n i32) (param $nevents i32) (result i32)
    (local $i i32) (local $sub i32) (local $start i64) (local $earliest i64)
    (local $count i32)
    (if (i32.eqz (local.get $n)) (then (return (i32.const 28))))  ;; EINVAL
    (local.set $start (global.get $now))
    (local.set $earliest (i64.const -1))
    (loop $scan
      (local.set $sub (i32.add (local.get $in) (i32.mul (local.get $i) (i32.const 48))))
      (if (i32.load8_u offset=8 (local.get $sub)) (then (unreachable)))
      (if (i64.lt_u (call $deadline (local.get $sub) (local.get $start)) (local.get $earliest))
        (then (local.set $earliest (call $deadline (local.get $sub) (local.get $start)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $scan (i32.lt_u (local.get $i) (local.get $n))))
    (if (i64.gt_u (local.get $earliest) (global.get $now))
      (then (global.set $now (local.get $earliest))))
    (local.set $i (i32.const 0))
    (loop $report
      (local.set $sub (i32.add (local.get $in) (i32.mul (local.get $i) (i32.const 48))))
      (if (i64.le_u (call $deadline (local.get $sub) (local.get $start)) (global.get $now))
        (then
          (i64.store (local.get $out) (i64.load (local.get $sub)))
          (i64.store offset=8 (local.get $out) (i64.const 0))
          (i64.store offset=16 (local.get $out) (i64.const 0))
          (i64.store offset=24 (local.get $out) (i64.const 0))
          (local.set $out (i32.add (local.get $out) (i32.const 32)))
          (local.set $count (i32.add (local.get $count) (i32.const 1)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $report (i32.lt_u (local.get $i) (local.get $n))))
    (i32.store (local.get $nevents) (local.get $count))
    (i32.const 0)))
