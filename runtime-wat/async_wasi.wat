;; async_wasi.wat - how tasks switch, sleep and stop on --target=wasi: core
;; stack switching (cont.new / resume / suspend) and WASI.  The tasks, queues,
;; scopes and timers themselves are async.wat's, shared with the js target.
;;
;; Switching.  Every task runs on a worker stack (a continuation of
;; $zena_worker).  $zena_switch_to is the one place a task is switched to:
;; it resumes the task's stack with two handlers.  A task that waits
;; suspends with $zena.park (its stack goes back into the task); a worker
;; whose body returned suspends with $zena.finished (its stack goes into the
;; pool, and is resumed later with the next task to run: starting a task
;; costs a switch, not a new stack).  Three places switch to a task:
;; the root's scheduler loop ($zena_run_main, through $zena_resume);
;; $zena_start (an async function called without await), from the caller's
;; own stack, so the new task runs at once, nested, until it first parks or
;; ends; and a parking task itself ($zena_switch_out), which runs the
;; ready tasks nested on its own stack, in the ready queue's order, until
;; its own turn comes, so that handing off to a parked task and parking
;; costs one suspend/resume round trip instead of two (see there).  A
;; failure outside any scope leaves its stack through the resume, and
;; reaches the root through $zena_escaped.
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

;; CHAIN_*, a task's $chain: 0 its stack is suspended (or it has none yet);
;; 1 it runs, or waits in $zena_switch_out for the tasks it resumed there;
;; 2 it was started eagerly and has not parked yet (its first park goes
;; back to its starter).
(global $zena_escaped (mut exnref) (ref.null exn))  ;; a failure on its way to the root
(global $zena_nested (mut i32) (i32.const 0))       ;; scheduler loops on the chain

;; Eager start: runs t now, on a worker resumed from this stack, until it
;; first parks or ends; then the caller goes on.  A failure before that
;; leaves through this call (as from a plain call).
(func $zena_start (param $t (ref $Task)) (result (ref $Task))
  (local $caller (ref null $Task))
  (local.set $caller (global.get $zena_current))
  (block $ran
    (block $threw (result exnref)
      (try_table (catch_all_ref $threw)
        (call $zena_switch_to (local.get $t) (i32.const 2)))
      (br $ran))
    (global.set $zena_current (local.get $caller))
    (throw_ref))
  (global.set $zena_current (local.get $caller))
  (local.get $t))

;; Runs t until it parks or its body ends, from the root's scheduler loop
;; ($zena_run_main); a failure outside any scope leaves through this call.
(func $zena_resume (param $t (ref $Task))
  (local $exn exnref)
  (call $zena_switch_to (local.get $t) (i32.const 1))
  (local.set $exn (global.get $zena_escaped))
  (if (i32.eqz (ref.is_null (local.get $exn)))
    (then
      (global.set $zena_escaped (ref.null exn))
      (throw_ref (local.get $exn)))))

;; Switches to t (chain: CHAIN_* while it runs) until it parks or its body
;; ends.  A new task gets an idle worker (or a new one); a parked one gets
;; its own stack back.
(func $zena_switch_to (param $t (ref $Task)) (param $chain i32)
  (local $stack (ref null $Stack))
  (global.set $zena_current (local.get $t))
  (struct.set $Task $chain (local.get $t) (local.get $chain))
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
    (struct.set $Task $chain (local.get $t) (i32.const 0))
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

;; The current task t parks (it is queued where its waker looks); returns
;; once t is woken and its turn has come.  Rather than hand its stack back
;; to the root's scheduler loop, which would then resume the next ready
;; task, t runs that loop itself, on its own stack: it resumes each ready
;; task in turn, in the ready queue's order, until t itself is next (then
;; it goes on without having switched away at all).  So a task handing a
;; message to a parked one and parking costs one suspend/resume round
;; trip, not two.  t suspends instead when the next task is already on the
;; chain below it (it waits in such a loop, or is the root's: the chain
;; unwinds to it), when nothing is ready (the root waits for timers or
;; reports the deadlock), when main is done or a failure is on its way to
;; the root, and when its starter waits for its first park (CHAIN 2).  At
;; most 4 loops nest: unwinding the chain stays short, and so does the
;; host stack binaryen's interpreter needs per nested resume (a recursion
;; 100 deep inside tasks nested 16 deep overflows it: tests/async-diff).
(func $zena_switch_out (param $t (ref $Task))
  (local $next (ref null $Task))
  (block $suspend
    (br_if $suspend (i32.eq (struct.get $Task $chain (local.get $t)) (i32.const 2)))
    (br_if $suspend (i32.ge_u (global.get $zena_nested) (i32.const 4)))
    (br_if $suspend (ref.is_null (global.get $zena_main)))
    (global.set $zena_nested (i32.add (global.get $zena_nested) (i32.const 1)))
    (block $unnest
      (loop $run
        (br_if $unnest (struct.get $Task $done (ref.as_non_null (global.get $zena_main))))
        (local.set $next (struct.get $Queue $head (global.get $zena_ready)))
        (if (ref.eq (local.get $next) (local.get $t))
          (then
            (call $zena_queue_remove (local.get $t))
            (global.set $zena_nested (i32.sub (global.get $zena_nested) (i32.const 1)))
            (return)))
        (br_if $unnest (ref.is_null (local.get $next)))
        (br_if $unnest (struct.get $Task $chain (ref.as_non_null (local.get $next))))
        (call $zena_queue_remove (ref.as_non_null (local.get $next)))
        (block $ran
          (block $threw (result exnref)
            (try_table (catch_all_ref $threw)
              (call $zena_switch_to (ref.as_non_null (local.get $next)) (i32.const 1)))
            (br $ran))
          (global.set $zena_escaped)
          (br $unnest))
        (global.set $zena_current (local.get $t))
        (br_if $unnest (i32.eqz (ref.is_null (global.get $zena_escaped))))
        (br $run)))
    (global.set $zena_nested (i32.sub (global.get $zena_nested) (i32.const 1))))
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
