;; async_js.wat - how tasks switch, sleep and stop on --target=js: JSPI.
;; The tasks, queues, scopes and timers themselves are async.wat's, shared
;; with the wasi target; the imports `zena.*` below are runtime-wat/loader.mjs's.
;;
;; Stacks.  Every task runs on a worker: a JSPI stack that the loader
;; entered through the promising export $zena_task_entry, and which runs
;; one task after another, as on wasi.  A worker whose task ended waits in
;; the loader (zena.idle) for the next task: starting a task costs a JSPI
;; switch, not a new stack (~200 us here).  The scheduler loop
;; ($zena_run_main) runs on main's own JSPI stack (the loader calls main
;; through promising too).
;;
;; Switching.  Exactly one stack runs at a time: the one the Wasm ready
;; queue says.  A stack hands the run to another through a Suspending
;; import and waits until that one hands it back: zena.switch(t) resumes a
;; parked task, zena.reuse gives $zena_current to an idle worker,
;; zena.start enters a new worker.  Whoever runs hands back by parking
;; (zena.park, also Suspending: the task waits on a promise the loader
;; keeps; zena.park_to(t, next) parks t and resumes next, the next ready
;; task, see $zena_switch_out) or by going idle (zena.idle); the loader
;; keeps the waiting stacks
;; in a LIFO list, as hand-offs nest like calls.  A new worker runs at once,
;; nested in zena.start's JS frame, so when its task parks without handing
;; the run on, the starter goes on without suspending at all.  The order of
;; events is the same as on wasi; the JS event loop only carries the
;; promises between stacks.
;;
;; Waiting.  When nothing is ready the scheduler waits in zena.wait(ms): a
;; setTimeout promise for the first timer, which a host call (an async
;; external, see $zena_host_call) that settles ends early.  With no timer
;; and no host call pending, it is a deadlock.
;;
;; Failures.  A failure outside any scope is caught at the end of the
;; task's stack and rethrown by whoever handed the run to it
;; ($zena_escaped).  A trap cannot be caught: it rejects the worker's
;; promise, which the loader turns into a rejection of run().  A fatal
;; runtime error (deadlock, too many tasks) traps too, once the loader
;; (zena.exit) has printed its message and stopped all output: no catch or
;; finally block runs after it, as on wasi.

;; A JSPI stack is kept by the engine and resumed through the loader, not
;; held in Wasm: a task's $stack only tells that it has started.
(type $Stack (struct))
(global $zena_started (ref $Stack) (struct.new $Stack))

(global $zena_escaped (mut exnref) (ref.null exn))  ;; a failure that left a task's stack
(global $zena_host_calls (mut i32) (i32.const 0))   ;; host calls not yet settled
(global $zena_idle_workers (mut i32) (i32.const 0)) ;; workers waiting in zena.idle
(global $zena_nested (mut i32) (i32.const 0))       ;; $zena_start calls under way

(export "zena_task_entry" (func $zena_task_entry))
(export "zena_host_settled" (func $zena_host_settled))

;; Eager start: runs t now, on a worker, until it first parks or ends;
;; then the caller goes on.  A failure before that leaves through this call
;; (as from a plain call).
(func $zena_start (param $t (ref $Task)) (result (ref $Task))
  (local $caller (ref null $Task))
  (local.set $caller (global.get $zena_current))
  (global.set $zena_nested (i32.add (global.get $zena_nested) (i32.const 1)))
  (call $zena_enter (local.get $t))
  (global.set $zena_nested (i32.sub (global.get $zena_nested) (i32.const 1)))
  (global.set $zena_current (local.get $caller))
  (call $zena_rethrow_escaped)
  (local.get $t))

;; Runs t until it parks or its body ends (from the scheduler loop).
(func $zena_resume (param $t (ref $Task))
  (if (ref.is_null (struct.get $Task $stack (local.get $t)))
    (then (call $zena_enter (local.get $t)))
    (else
      (global.set $zena_current (local.get $t))
      (call $zena_host_switch (local.get $t))))
  (call $zena_rethrow_escaped))

;; Hands the run to the new task t: an idle worker takes it, or a new one
;; (counted: V8 caps live stacks).  Returns once t parked or ended.
(func $zena_enter (param $t (ref $Task))
  (struct.set $Task $stack (local.get $t) (global.get $zena_started))
  (global.set $zena_current (local.get $t))
  (if (global.get $zena_idle_workers)
    (then
      (global.set $zena_idle_workers (i32.sub (global.get $zena_idle_workers) (i32.const 1)))
      (call $zena_host_reuse))
    (else
      (call $zena_count_stack)
      (call $zena_host_start))))

;; Throws the failure that left a task's stack, if one did.
(func $zena_rethrow_escaped
  (local $exn exnref)
  (local.set $exn (global.get $zena_escaped))
  (if (i32.eqz (ref.is_null (local.get $exn)))
    (then
      (global.set $zena_escaped (ref.null exn))
      (throw_ref (local.get $exn)))))

;; What every worker runs (the loader's zena.start enters it through
;; promising): the body of the task in $zena_current; then, idle, the next
;; task it is given; forever.
(func $zena_task_entry
  (loop $next
    (block $ended
      (block $failed (result exnref)
        (try_table (catch_all_ref $failed)
          (call $zena_run_body (ref.as_non_null (global.get $zena_current))))
        (br $ended))
      (global.set $zena_escaped)
      ;; $zena_run_body uncounted the stack, but this worker lives on
      (global.set $zena_live_stacks (i32.add (global.get $zena_live_stacks) (i32.const 1))))
    (global.set $zena_idle_workers (i32.add (global.get $zena_idle_workers) (i32.const 1)))
    (call $zena_host_idle)
    (br $next)))

;; Suspends the current task's stack until it is switched to again (t is
;; parked or queued where its waker looks).  When the scheduler switched
;; to t (t is not a new task running nested in its starter), the next
;; ready task, if it has a stack already, takes the run at once, as the
;; scheduler would give it next: one JSPI switch instead of two (t to the
;; scheduler, the scheduler to it).  If t itself is next, it goes on.
(func $zena_switch_out (param $t (ref $Task))
  (local $next (ref null $Task))
  (block $via_scheduler
    (br_if $via_scheduler (global.get $zena_nested))
    (local.set $next (struct.get $Queue $head (global.get $zena_ready)))
    (br_if $via_scheduler (ref.is_null (local.get $next)))
    (br_if $via_scheduler (ref.is_null (struct.get $Task $stack (ref.as_non_null (local.get $next)))))
    (call $zena_queue_remove (ref.as_non_null (local.get $next)))
    (if (ref.eq (local.get $next) (local.get $t))
      (then (return)))
    (global.set $zena_current (local.get $next))
    (call $zena_host_park_to (local.get $t) (ref.as_non_null (local.get $next)))
    (return))
  (call $zena_host_park (local.get $t)))

;; The current task is about to wait for a host call (the loader's wrapper
;; of an async external parks it until the call settled and its turn came);
;; returns the task, which the wrapper is given.
(func $zena_host_call (result (ref $Task))
  (local $t (ref $Task))
  (local.set $t (ref.as_non_null (global.get $zena_current)))
  (call $zena_check_cancel (local.get $t))
  (struct.set $Task $why (local.get $t) (i32.const 7))
  (array.set $Counts (global.get $zena_blocked) (i32.const 7)
    (i32.add (array.get $Counts (global.get $zena_blocked) (i32.const 7)) (i32.const 1)))
  (global.set $zena_host_calls (i32.add (global.get $zena_host_calls) (i32.const 1)))
  (local.get $t))

;; The loader reads a String given to a host function: its bytes go to
;; memory at byte 16 (grown as needed); returns how many.
(func $zena_string_to_memory (param $s (ref $String)) (result i32)
  (local $need i32)
  (local.set $need (i32.shr_u (i32.add (array.len (local.get $s)) (i32.const 65551))
                              (i32.const 16)))
  (if (i32.gt_u (local.get $need) (memory.size))
    (then (drop (memory.grow (i32.sub (local.get $need) (memory.size))))))
  (call $zena_copy_to_memory (local.get $s) (i32.const 16))
  (array.len (local.get $s)))

;; The loader makes the String a host function returned from the len bytes
;; it wrote at byte 16.
(func $zena_string_from_memory (param $len i32) (result (ref $String))
  (local $s (ref $String))
  (local $i i32)
  (local.set $s (array.new_default $String (local.get $len)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
      (array.set $String (local.get $s) (local.get $i)
        (i32.load8_u (i32.add (i32.const 16) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.get $s))

;; The loader: the host call t waits for has settled; t is ready.
(func $zena_host_settled (param $t (ref $Task))
  (global.set $zena_host_calls (i32.sub (global.get $zena_host_calls) (i32.const 1)))
  (call $zena_wake (local.get $t) (i32.const 0)))

;; The monotonic clock in nanoseconds (performance.now()).
(func $zena_now (result i64)
  (i64.trunc_sat_f64_u (f64.mul (call $zena_host_now) (f64.const 1e6))))

;; Waits ns nanoseconds, or less if a host call settles meanwhile.
(func $zena_poll_clock (param $ns i64)
  (call $zena_host_wait (f64.div (f64.convert_i64_u (local.get $ns)) (f64.const 1e6))))

;; Nothing is ready and no timer is pending: waits for a host call to
;; settle, or reports a deadlock if none is pending.
(func $zena_wait_idle
  (if (i32.eqz (global.get $zena_host_calls))
    (then (call $zena_deadlock)))
  (call $zena_host_wait (f64.const -1)))

;; Prints msg on stderr and ends the program with status 2: the loader
;; (zena.exit, given msg at byte 16) prints it and stops all output; the
;; trap then ends every stack, and run() rejects with a ZenaExit.
(func $zena_fatal (param $msg (ref $String))
  (call $zena_copy_to_memory (local.get $msg) (i32.const 16))
  (call $zena_host_exit (i32.const 2) (i32.const 16) (array.len (local.get $msg)))
  (unreachable))
