;; async_wasi.wat - how tasks switch, sleep and stop on --target=wasi: core
;; stack switching (cont.new / resume / suspend) and WASI.  The tasks, queues,
;; scopes and timers themselves are async.wat's, shared with the js target.
;;
;; Switching.  Every task runs on a worker stack (a continuation of
;; $zena_worker).  $zena_resume is the one place a task is switched to:
;; it resumes the task's stack with two handlers.  A task that waits
;; suspends with $zena.park (its stack goes back into the task); a worker
;; whose body returned suspends with $zena.finished (its stack goes into the
;; pool, and is resumed later with the next task to run: starting a task
;; costs a switch, not a new stack).  The scheduler loop ($zena_run_main)
;; calls $zena_resume from the root stack; $zena_start (an async function
;; called without await) calls it from the caller's own stack, so the new
;; task runs at once, nested, until it first parks or ends.  A failure
;; outside any scope leaves its stack through the resume.
;;
;; Waiting.  When nothing is ready the reactor sleeps in WASI poll_oneoff
;; until the first timer is due; with no timer either, it is a deadlock.
;;
;; Linear memory: bytes 16..100 are used by the reactor for WASI
;; clock_time_get / poll_oneoff records.  print.wat uses the same bytes for
;; a line being printed; the two never overlap in time (nothing prints while
;; the reactor waits).

;; What a worker stack runs: $zena_worker, which finds its task in
;; $zena_current.  Before async.wat's types, which refer to it.
(type $StackFn (func))
(type $Stack (cont $StackFn))
(type $Stacks (array (mut (ref null $Stack))))

;; A parked task hands its stack to the handler; it is resumed once woken.
(tag $zena.park)
;; A worker whose task ended hands its stack to the handler; it is resumed
;; with the next task to run in $zena_current.
(tag $zena.finished)

(global $zena_pool (mut (ref $Stacks)) (array.new_default $Stacks (i32.const 16)))
(global $zena_pooled (mut i32) (i32.const 0))       ;; idle workers in $zena_pool

(elem declare func $zena_worker)

;; Eager start: runs t now, on a worker resumed from this stack, until it
;; first parks or ends; then the caller goes on.  A failure before that
;; leaves through this call (as from a plain call).
(func $zena_start (param $t (ref $Task)) (result (ref $Task))
  (local $caller (ref null $Task))
  (local.set $caller (global.get $zena_current))
  (block $ran
    (block $threw (result exnref)
      (try_table (catch_all_ref $threw)
        (call $zena_resume (local.get $t)))
      (br $ran))
    (global.set $zena_current (local.get $caller))
    (throw_ref))
  (global.set $zena_current (local.get $caller))
  (local.get $t))

;; Switches to t until it parks or its body ends.  Called from the
;; scheduler loop and, nested, from $zena_start.  A new task gets an idle
;; worker (or a new one); a parked one gets its own stack back.
(func $zena_resume (param $t (ref $Task))
  (local $stack (ref null $Stack))
  (global.set $zena_current (local.get $t))
  (local.set $stack (struct.get $Task $stack (local.get $t)))
  (if (ref.is_null (local.get $stack))
    (then (local.set $stack (call $zena_take_worker)))
    (else (struct.set $Task $stack (local.get $t) (ref.null $Stack))))
  (block $finished (result (ref $Stack))
    (block $parked (result (ref $Stack))
      (resume $Stack (on $zena.park $parked) (on $zena.finished $finished)
        (ref.as_non_null (local.get $stack)))
      (unreachable))  ;; a worker never returns
    ;; t parked: the rest of its work waits in the task until it is woken
    (local.set $stack)
    (struct.set $Task $stack (local.get $t) (local.get $stack))
    (return))
  ;; t ended: its worker waits in the pool for the next task
  (call $zena_pool_worker))

;; What every worker stack runs: a task's body; then, back in the pool, the
;; next task it is resumed with; forever.
(func $zena_worker (type $StackFn)
  (loop $next
    (call $zena_run_body (ref.as_non_null (global.get $zena_current)))
    (suspend $zena.finished)
    (br $next)))

;; Hands the current task's stack back to whoever resumed it (t is parked or
;; queued where its waker looks); returns once t is resumed.
(func $zena_switch_out (param $t (ref $Task))
  (suspend $zena.park))

;; ---- the worker pool ----

;; An idle worker stack, or a new one while fewer than 32000 are alive
;; (V8 aborts the process near 32500 stacks).
(func $zena_take_worker (result (ref $Stack))
  (if (global.get $zena_pooled)
    (then
      (global.set $zena_pooled (i32.sub (global.get $zena_pooled) (i32.const 1)))
      (return (ref.as_non_null
                (array.get $Stacks (global.get $zena_pool) (global.get $zena_pooled))))))
  (call $zena_count_stack)
  (cont.new $Stack (ref.func $zena_worker)))

;; Keeps an idle worker (suspended in $zena_worker) for the next task.
(func $zena_pool_worker (param $w (ref $Stack))
  (local $bigger (ref $Stacks))
  (if (i32.eq (global.get $zena_pooled) (array.len (global.get $zena_pool)))
    (then
      (local.set $bigger
        (array.new_default $Stacks (i32.shl (global.get $zena_pooled) (i32.const 1))))
      (array.copy $Stacks $Stacks (local.get $bigger) (i32.const 0)
        (global.get $zena_pool) (i32.const 0) (global.get $zena_pooled))
      (global.set $zena_pool (local.get $bigger))))
  (array.set $Stacks (global.get $zena_pool) (global.get $zena_pooled) (local.get $w))
  (global.set $zena_pooled (i32.add (global.get $zena_pooled) (i32.const 1))))

;; ---- WASI: clock, sleep, exit ----

;; The monotonic clock in nanoseconds (WASI clock_time_get, at byte 16).
(func $zena_now (result i64)
  (drop (call $clock_time_get (i32.const 1) (i64.const 1000) (i32.const 16)))
  (i64.load (i32.const 16)))

;; Sleeps ns nanoseconds: WASI poll_oneoff with one relative clock
;; subscription at bytes 16..63, its event at 64..95, the count at 96.
(func $zena_poll_clock (param $ns i64)
  (memory.fill (i32.const 16) (i32.const 0) (i32.const 84))
  (i32.store (i32.const 32) (i32.const 1))     ;; clock id: monotonic
  (i64.store (i32.const 40) (local.get $ns))   ;; timeout; flags 0: relative
  (drop (call $poll_oneoff (i32.const 16) (i32.const 64) (i32.const 1) (i32.const 96))))

;; Nothing is ready and no timer is pending: on WASI nothing else can wake
;; a task, so every task is blocked for good.
(func $zena_wait_idle
  (call $zena_deadlock))

;; Prints msg on stderr and ends the program with status 2.
(func $zena_fatal (param $msg (ref $String))
  (call $zena_print (local.get $msg) (i32.const 2))
  (call $proc_exit (i32.const 2))
  (unreachable))
