;; async.wat - tasks, the scheduler, timers and structured concurrency,
;; shared by both targets.  How a task's stack is switched to and away from,
;; how the reactor sleeps and how the program stops are the target's:
;; async_wasi.wat (core stack switching) or async_js.wat (JSPI), which
;; define $zena_start, $zena_resume, $zena_switch_out, $zena_now,
;; $zena_poll_clock, $zena_wait_idle, $zena_fatal and the $Stack type.
;;
;; Tasks.  A $Task is a body (a $TaskBody function) with its data ($env) and
;; its result ($bits / $ref).  It is NEW until it first runs, then runs on a
;; stack of its own until its body returns (DONE).  While it waits it is
;; parked: it sits in exactly one place its waker looks: a $Queue (the
;; awaited task's waiters, a channel's receivers or senders, a scope's
;; joiners) or the timer heap.  $why says which; $zena_wake takes it out,
;; records why it was woken in $wake and appends it to the ready queue.
;; Queues are intrusive ($next/$prev): parking and waking allocate nothing.
;;
;; The ready queue is FIFO: tasks run in the order they became ready.  When
;; it is empty the reactor ($zena_wait_for_timers) wakes the task whose timer
;; is due first (timers: a binary heap ordered by deadline, then arrival),
;; sleeping until it is due; with no timer either, the target decides
;; ($zena_wait_idle): a deadlock (every task is blocked) unless a host call
;; can still wake a task.
;;
;; Scopes and cancellation.  $zena_scope_run calls the scope body on the
;; current task's stack and then waits (as a joiner) until every child has
;; finished.  A child that fails cancels the scope: each child and the body
;; get the runtime-private exception $zena.cancel at their next suspension
;; point (a parked one is woken at once), which Zena's try/catch (tag
;; $zena.error) cannot catch but `finally` blocks see.  A task is being
;; cancelled while its own scope, or a scope whose body it is running, is
;; cancelled ($zena_is_cancelled); an inner scope whose body is cancelled
;; cancels its own children in turn.  A child's failure is kept in its task
;; and rethrown to whoever awaits it; a task outside any scope that fails
;; ends the program.

(rec
  (type $Task (struct
    (field $env (mut anyref))              ;; the body's data: closure or arguments
    (field $bits (mut i64))                ;; numeric result; channel slot while parked
    (field $ref (mut anyref))              ;; reference result; channel slot while parked
    (field $body (ref func))               ;; a $TaskBody (cast on start: see $TaskBody)
    (field $done (mut i32))                ;; 1 once the body returned or threw
    (field $failure (mut exnref))          ;; what the body threw, if it did
    (field $stack (mut (ref null $Stack)))  ;; its stack, as the target keeps it
    (field $next (mut (ref null $Task)))   ;; queue link
    (field $prev (mut (ref null $Task)))   ;; queue link
    (field $queue (mut (ref null $Queue))) ;; the queue it is in, if any
    (field $why (mut i32))                 ;; what it is parked for (WHY_* below)
    (field $wake (mut i32))                ;; why it was woken (WAKE_* below)
    (field $waiters (mut (ref null $Queue)))  ;; tasks awaiting it (made on demand)
    (field $scope (mut (ref null $Scope)))    ;; the scope it is a child of
    (field $sibling_next (mut (ref null $Task)))  ;; its scope's children list
    (field $sibling_prev (mut (ref null $Task)))  ;; its scope's children list
    (field $inner (mut (ref null $Scope)))    ;; innermost scope whose body it runs
    (field $own_scope (mut (ref null $Scope)))  ;; as a scope body: that scope
    (field $deadline (mut i64))            ;; sleeping: when to wake (ns, monotonic)
    (field $seq (mut i64))                 ;; sleeping: arrival order among equal deadlines
    (field $heap_at (mut i32))             ;; sleeping: its index in the timer heap
    (field $chain (mut i32))))             ;; wasi: on the running chain of stacks (CHAIN_*)
  ;; A FIFO of parked tasks.  $why is what a task parked in it waits for.
  (type $Queue (struct
    (field $head (mut (ref null $Task)))   ;; first in, first woken
    (field $tail (mut (ref null $Task)))   ;; last in
    (field $why i32)))                     ;; WHY_* of its tasks
  (type $Scope (struct
    (field $owner (ref $Task))             ;; the task running the body
    (field $outer (ref null $Scope))       ;; the owner's previous innermost scope
    (field $first_child (mut (ref null $Task)))  ;; unfinished children, in
    (field $last_child (mut (ref null $Task)))   ;; the order they were spawned
    (field $live (mut i32))                ;; how many children are unfinished
    (field $cancelled (mut i32))           ;; 1: children and body are being cancelled
    (field $failure (mut exnref))          ;; the first child's exception
    (field $joiners (ref $Queue))))        ;; the owner, waiting for the children
  ;; The timer heap and counters: in the group, so that they stay distinct
  ;; from the program's own array types.
  (type $Tasks (array (mut (ref null $Task))))
  (type $Counts (array (mut i32))))
;; A task's code.  Outside the rec group so that a function declared with an
;; inline `(param (ref $Task))` has exactly this type.
(type $TaskBody (func (param (ref $Task))))

;; Cancellation of a task inside a failing scope.
(tag $zena.cancel)

;; WHY_*: 0 running or ready, 1 receive, 2 send, 3 await, 4 joining a scope,
;; 5 joining a scope that is being cancelled (not interruptible), 6 sleep,
;; 7 a host call (js; not interruptible).
;; WAKE_*: 0 normally, 1 the channel was closed, 2 cancelled.

(global $zena_current (mut (ref null $Task)) (ref.null none))   ;; the running task
(global $zena_main (mut (ref null $Task)) (ref.null none))      ;; main, under $zena_run_main
(global $zena_ready (ref $Queue)
  (struct.new $Queue (ref.null none) (ref.null none) (i32.const 0)))
(global $zena_live_stacks (mut i32) (i32.const 0))  ;; task stacks alive (wasi: busy or idle)
(global $zena_timers (mut (ref $Tasks)) (array.new_default $Tasks (i32.const 16)))
(global $zena_ntimers (mut i32) (i32.const 0))      ;; sleeping tasks (heap size)
(global $zena_timer_seq (mut i64) (i64.const 0))    ;; sleeps so far
(global $zena_blocked (ref $Counts) (array.new_default $Counts (i32.const 8)))  ;; by WHY

(data $zena.text.deadlock "deadlock: ")
(data $zena.text.task_blocked " task blocked (")
(data $zena.text.tasks_blocked " tasks blocked (")
(data $zena.text.on_receive " on receive")
(data $zena.text.on_send " on send")
(data $zena.text.on_await " on await")
(data $zena.text.on_scope " on scope")
(data $zena.text.comma ", ")
(data $zena.text.close ")")
(data $zena.text.too_many "too many live tasks (limit 32000)")
(data $zena.text.send_closed "send on a closed channel")
(data $zena.text.receive_closed "receive on a closed channel")
(data $zena.text.negative "channel capacity must not be negative")

;; ---- tasks: the ABI ----

;; A new task running body with env; it starts when spawned or started.
(func $zena_task_new (param $body (ref $TaskBody)) (param $env anyref) (result (ref $Task))
  (struct.new $Task
    (local.get $env) (i64.const 0) (ref.null none) (local.get $body)
    (i32.const 0) (ref.null exn) (ref.null $Stack)
    (ref.null none) (ref.null none) (ref.null none) (i32.const 0) (i32.const 0)
    (ref.null none) (ref.null none) (ref.null none) (ref.null none)
    (ref.null none) (ref.null none) (i64.const 0) (i64.const 0) (i32.const -1)
    (i32.const 0)))

;; Lazy start: t runs when the scheduler reaches it, after the tasks ready now.
(func $zena_spawn (param $t (ref $Task)) (result (ref $Task))
  (call $zena_queue_push (global.get $zena_ready) (local.get $t))
  (local.get $t))

;; Returns once t is done (at once if it is); rethrows t's failure.
(func $zena_await (param $t (ref $Task))
  (local $waiters (ref null $Queue))
  (if (i32.eqz (struct.get $Task $done (local.get $t)))
    (then
      (local.set $waiters (struct.get $Task $waiters (local.get $t)))
      (if (ref.is_null (local.get $waiters))
        (then
          (local.set $waiters
            (struct.new $Queue (ref.null none) (ref.null none) (i32.const 3)))
          (struct.set $Task $waiters (local.get $t) (local.get $waiters))))
      (drop (call $zena_park (ref.as_non_null (local.get $waiters))))))
  (if (i32.eqz (ref.is_null (struct.get $Task $failure (local.get $t))))
    (then (throw_ref (struct.get $Task $failure (local.get $t))))))

;; Parks the current task for ms milliseconds; ms <= 0 only lets the other
;; ready tasks run first.
(func $zena_sleep (param $ms i32)
  (local $t (ref $Task))
  (local.set $t (ref.as_non_null (global.get $zena_current)))
  (call $zena_check_cancel (local.get $t))
  (if (i32.le_s (local.get $ms) (i32.const 0))
    (then
      (call $zena_queue_push (global.get $zena_ready) (local.get $t))
      (call $zena_switch_out (local.get $t))
      (call $zena_check_cancel (local.get $t))
      (return)))
  (struct.set $Task $deadline (local.get $t)
    (i64.add (call $zena_now)
             (i64.mul (i64.extend_i32_u (local.get $ms)) (i64.const 1000000))))
  (global.set $zena_timer_seq (i64.add (global.get $zena_timer_seq) (i64.const 1)))
  (struct.set $Task $seq (local.get $t) (global.get $zena_timer_seq))
  (call $zena_timer_add (local.get $t))
  (drop (call $zena_suspend (local.get $t) (i32.const 6))))

;; The program entry for an async main: runs the scheduler until main is
;; done.  Tasks still pending then are dropped.  main's failure, like any
;; failure outside a scope, leaves through $zena_resume.
(func $zena_run_main (param $main (ref $Task))
  (local $t (ref null $Task))
  (global.set $zena_main (local.get $main))
  (drop (call $zena_spawn (local.get $main)))
  (loop $run
    (if (struct.get $Task $done (local.get $main))
      (then (return)))
    (local.set $t (call $zena_queue_pop (global.get $zena_ready)))
    (if (ref.is_null (local.get $t))
      (then (call $zena_wait_for_timers))
      (else (call $zena_resume (ref.as_non_null (local.get $t)))))
    (br $run)))

;; ---- scopes: the ABI ----

;; Structured concurrency: runs body's code on this stack, then waits for
;; every child spawned into its scope.  A child's failure cancels the rest
;; and is rethrown here; so is the body's own failure, after the children
;; were cancelled and have finished.
(func $zena_scope_run (param $body (ref $Task))
  (local $owner (ref $Task))
  (local $scope (ref $Scope))
  (local $exn exnref)
  (local.set $owner (ref.as_non_null (global.get $zena_current)))
  (local.set $scope
    (struct.new $Scope
      (local.get $owner) (struct.get $Task $inner (local.get $owner))
      (ref.null none) (ref.null none) (i32.const 0) (i32.const 0) (ref.null exn)
      (struct.new $Queue (ref.null none) (ref.null none) (i32.const 4))))
  (struct.set $Task $own_scope (local.get $body) (local.get $scope))
  (struct.set $Task $inner (local.get $owner) (local.get $scope))
  (block $ran
    (block $threw (result exnref)
      (try_table (catch_all_ref $threw)
        (call_ref $TaskBody (local.get $body)
          (ref.cast (ref $TaskBody) (struct.get $Task $body (local.get $body)))))
      (br $ran))
    (local.set $exn))
  (struct.set $Task $inner (local.get $owner) (struct.get $Scope $outer (local.get $scope)))
  ;; The body is done: wait for the children.  Being cancelled meanwhile
  ;; (an outer scope fails, or a child fails) ends the wait with an exception.
  (if (ref.is_null (local.get $exn))
    (then
      (block $joined
        (block $interrupted (result exnref)
          (try_table (catch_all_ref $interrupted)
            (block $all
              (loop $wait
                (br_if $all (i32.eqz (struct.get $Scope $live (local.get $scope))))
                (drop (call $zena_park (struct.get $Scope $joiners (local.get $scope))))
                (br $wait))))
          (br $joined))
        (local.set $exn))))
  ;; Failing: cancel the children and wait, uninterrupted, until they ended.
  (if (i32.eqz (ref.is_null (local.get $exn)))
    (then
      (call $zena_cancel_scope (local.get $scope))
      (block $all
        (loop $wait
          (br_if $all (i32.eqz (struct.get $Scope $live (local.get $scope))))
          (call $zena_queue_push (struct.get $Scope $joiners (local.get $scope))
                                 (local.get $owner))
          (drop (call $zena_suspend (local.get $owner) (i32.const 5)))
          (br $wait)))))
  (if (i32.eqz (ref.is_null (struct.get $Scope $failure (local.get $scope))))
    (then (throw_ref (struct.get $Scope $failure (local.get $scope)))))
  (if (i32.eqz (ref.is_null (local.get $exn)))
    (then (throw_ref (local.get $exn)))))

;; The scope of a scope body (set by $zena_scope_run before the body runs).
(func $zena_task_scope (param $body (ref $Task)) (result (ref $Scope))
  (ref.as_non_null (struct.get $Task $own_scope (local.get $body))))

;; Lazy start of t as a child of scope.
(func $zena_scope_spawn (param $scope (ref $Scope)) (param $t (ref $Task))
                        (result (ref $Task))
  (local $last (ref null $Task))
  (local.set $last (struct.get $Scope $last_child (local.get $scope)))
  (struct.set $Task $scope (local.get $t) (local.get $scope))
  (struct.set $Task $sibling_prev (local.get $t) (local.get $last))
  (if (ref.is_null (local.get $last))
    (then (struct.set $Scope $first_child (local.get $scope) (local.get $t)))
    (else (struct.set $Task $sibling_next (local.get $last) (local.get $t))))
  (struct.set $Scope $last_child (local.get $scope) (local.get $t))
  (struct.set $Scope $live (local.get $scope)
    (i32.add (struct.get $Scope $live (local.get $scope)) (i32.const 1)))
  (call $zena_spawn (local.get $t)))

;; ---- running a task ----

;; Runs t's body (not if t was cancelled before it started) and finishes t.
;; A failure outside any scope is not caught: it ends the program.
(func $zena_run_body (param $t (ref $Task))
  (local $exn exnref)
  (local $cancelled i32)
  (block $ended
    (block $failed (result exnref)
      (block $cancel (result exnref)
        (try_table (catch_ref $zena.cancel $cancel) (catch_all_ref $failed)
          (call $zena_check_cancel (local.get $t))
          (call_ref $TaskBody (local.get $t)
            (ref.cast (ref $TaskBody) (struct.get $Task $body (local.get $t)))))
        (br $ended))
      (local.set $exn)
      (local.set $cancelled (i32.const 1))
      (br $ended))
    (local.set $exn)
    (if (ref.is_null (struct.get $Task $scope (local.get $t)))
      (then
        (struct.set $Task $done (local.get $t) (i32.const 1))
        (global.set $zena_live_stacks (i32.sub (global.get $zena_live_stacks) (i32.const 1)))
        (throw_ref (local.get $exn)))))
  (call $zena_finish (local.get $t) (local.get $exn) (local.get $cancelled)))

;; t ended (exn: its failure, or null; cancelled: exn is a cancellation):
;; wakes its awaiters and tells its scope.  A real failure is the scope's
;; failure if it is the first, and cancels the scope.
(func $zena_finish (param $t (ref $Task)) (param $exn exnref) (param $cancelled i32)
  (local $scope (ref null $Scope))
  (struct.set $Task $done (local.get $t) (i32.const 1))
  (struct.set $Task $failure (local.get $t) (local.get $exn))
  (call $zena_wake_all (struct.get $Task $waiters (local.get $t)) (i32.const 0))
  (local.set $scope (struct.get $Task $scope (local.get $t)))
  (if (ref.is_null (local.get $scope))
    (then (return)))
  (call $zena_leave_scope (ref.as_non_null (local.get $scope)) (local.get $t))
  (if (i32.and (i32.eqz (local.get $cancelled))
               (i32.eqz (ref.is_null (local.get $exn))))
    (then
      (if (ref.is_null (struct.get $Scope $failure (local.get $scope)))
        (then
          (struct.set $Scope $failure (local.get $scope) (local.get $exn))
          (call $zena_cancel_scope (ref.as_non_null (local.get $scope)))))))
  (struct.set $Scope $live (local.get $scope)
    (i32.sub (struct.get $Scope $live (local.get $scope)) (i32.const 1)))
  (if (i32.eqz (struct.get $Scope $live (local.get $scope)))
    (then (call $zena_wake_all (struct.get $Scope $joiners (local.get $scope))
                               (i32.const 0)))))

;; Unlinks the finished child t from its scope's children.
(func $zena_leave_scope (param $scope (ref $Scope)) (param $t (ref $Task))
  (local $next (ref null $Task))
  (local $prev (ref null $Task))
  (local.set $next (struct.get $Task $sibling_next (local.get $t)))
  (local.set $prev (struct.get $Task $sibling_prev (local.get $t)))
  (if (ref.is_null (local.get $prev))
    (then (struct.set $Scope $first_child (local.get $scope) (local.get $next)))
    (else (struct.set $Task $sibling_next (local.get $prev) (local.get $next))))
  (if (ref.is_null (local.get $next))
    (then (struct.set $Scope $last_child (local.get $scope) (local.get $prev)))
    (else (struct.set $Task $sibling_prev (local.get $next) (local.get $prev)))))

;; Cancels scope: its children and its body get $zena.cancel at their next
;; suspension point; the parked ones are woken now to get it.
(func $zena_cancel_scope (param $scope (ref $Scope))
  (local $child (ref null $Task))
  (if (struct.get $Scope $cancelled (local.get $scope))
    (then (return)))
  (struct.set $Scope $cancelled (local.get $scope) (i32.const 1))
  (local.set $child (struct.get $Scope $first_child (local.get $scope)))
  (block $all
    (loop $next
      (br_if $all (ref.is_null (local.get $child)))
      (call $zena_interrupt (ref.as_non_null (local.get $child)))
      (local.set $child (struct.get $Task $sibling_next (local.get $child)))
      (br $next)))
  (call $zena_interrupt (struct.get $Scope $owner (local.get $scope))))

;; Wakes t with WAKE_CANCEL if it is parked and may be interrupted (not
;; while it joins a cancelled scope or waits for the host: WHY 5 and 7).
(func $zena_interrupt (param $t (ref $Task))
  (local $why i32)
  (local.set $why (struct.get $Task $why (local.get $t)))
  (if (i32.and (i32.and (i32.ne (local.get $why) (i32.const 0))
                        (i32.ne (local.get $why) (i32.const 5)))
               (i32.ne (local.get $why) (i32.const 7)))
    (then (call $zena_wake (local.get $t) (i32.const 2)))))

;; 1 if t is being cancelled: its scope is, or a scope whose body it runs.
(func $zena_is_cancelled (param $t (ref $Task)) (result i32)
  (local $scope (ref null $Scope))
  (local.set $scope (struct.get $Task $scope (local.get $t)))
  (if (i32.eqz (ref.is_null (local.get $scope)))
    (then
      (if (struct.get $Scope $cancelled (local.get $scope))
        (then (return (i32.const 1))))))
  (local.set $scope (struct.get $Task $inner (local.get $t)))
  (block $none
    (loop $outward
      (br_if $none (ref.is_null (local.get $scope)))
      (if (struct.get $Scope $cancelled (local.get $scope))
        (then (return (i32.const 1))))
      (local.set $scope (struct.get $Scope $outer (local.get $scope)))
      (br $outward)))
  (i32.const 0))

;; A suspension point: throws $zena.cancel if t is being cancelled.
(func $zena_check_cancel (param $t (ref $Task))
  (if (call $zena_is_cancelled (local.get $t))
    (then (throw $zena.cancel))))

;; ---- parking and waking ----

;; Parks the current task at the back of q until it is woken; returns
;; WAKE_* (a cancellation throws instead).
(func $zena_park (param $q (ref $Queue)) (result i32)
  (local $t (ref $Task))
  (local.set $t (ref.as_non_null (global.get $zena_current)))
  (call $zena_check_cancel (local.get $t))
  (call $zena_queue_push (local.get $q) (local.get $t))
  (call $zena_suspend (local.get $t) (struct.get $Queue $why (local.get $q))))

;; Suspends t (the current task, already queued where its waker looks)
;; for reason why, back to whoever resumed it; returns WAKE_* once resumed.
(func $zena_suspend (param $t (ref $Task)) (param $why i32) (result i32)
  (struct.set $Task $why (local.get $t) (local.get $why))
  (array.set $Counts (global.get $zena_blocked) (local.get $why)
    (i32.add (array.get $Counts (global.get $zena_blocked) (local.get $why)) (i32.const 1)))
  (call $zena_switch_out (local.get $t))
  (if (i32.eq (struct.get $Task $wake (local.get $t)) (i32.const 2))
    (then (throw $zena.cancel)))
  (struct.get $Task $wake (local.get $t)))

;; Makes the parked task t ready (status: WAKE_*): out of its queue or the
;; timer heap, to the back of the ready queue.
(func $zena_wake (param $t (ref $Task)) (param $status i32)
  (local $why i32)
  (local.set $why (struct.get $Task $why (local.get $t)))
  (if (i32.eq (local.get $why) (i32.const 6))
    (then (call $zena_timer_remove (local.get $t))))
  (if (i32.lt_u (local.get $why) (i32.const 6))  ;; a host call (7) is in no queue
    (then (call $zena_queue_remove (local.get $t))))
  (array.set $Counts (global.get $zena_blocked) (local.get $why)
    (i32.sub (array.get $Counts (global.get $zena_blocked) (local.get $why)) (i32.const 1)))
  (struct.set $Task $why (local.get $t) (i32.const 0))
  (struct.set $Task $wake (local.get $t) (local.get $status))
  (call $zena_queue_push (global.get $zena_ready) (local.get $t)))

;; Wakes every task in q (if any), first in first.
(func $zena_wake_all (param $q (ref null $Queue)) (param $status i32)
  (local $t (ref null $Task))
  (if (ref.is_null (local.get $q))
    (then (return)))
  (loop $next
    (local.set $t (struct.get $Queue $head (local.get $q)))
    (if (i32.eqz (ref.is_null (local.get $t)))
      (then
        (call $zena_wake (ref.as_non_null (local.get $t)) (local.get $status))
        (br $next)))))

;; ---- queues ----

;; Appends t to q.
(func $zena_queue_push (param $q (ref $Queue)) (param $t (ref $Task))
  (local $tail (ref null $Task))
  (local.set $tail (struct.get $Queue $tail (local.get $q)))
  (struct.set $Task $prev (local.get $t) (local.get $tail))
  (struct.set $Task $next (local.get $t) (ref.null none))
  (struct.set $Task $queue (local.get $t) (local.get $q))
  (if (ref.is_null (local.get $tail))
    (then (struct.set $Queue $head (local.get $q) (local.get $t)))
    (else (struct.set $Task $next (local.get $tail) (local.get $t))))
  (struct.set $Queue $tail (local.get $q) (local.get $t)))

;; Takes t out of the queue it is in.
(func $zena_queue_remove (param $t (ref $Task))
  (local $q (ref null $Queue))
  (local $next (ref null $Task))
  (local $prev (ref null $Task))
  (local.set $q (struct.get $Task $queue (local.get $t)))
  (local.set $next (struct.get $Task $next (local.get $t)))
  (local.set $prev (struct.get $Task $prev (local.get $t)))
  (if (ref.is_null (local.get $prev))
    (then (struct.set $Queue $head (local.get $q) (local.get $next)))
    (else (struct.set $Task $next (local.get $prev) (local.get $next))))
  (if (ref.is_null (local.get $next))
    (then (struct.set $Queue $tail (local.get $q) (local.get $prev)))
    (else (struct.set $Task $prev (local.get $next) (local.get $prev))))
  (struct.set $Task $queue (local.get $t) (ref.null none)))

;; The first task of q, taken out; null if q is empty.
(func $zena_queue_pop (param $q (ref $Queue)) (result (ref null $Task))
  (local $t (ref null $Task))
  (local.set $t (struct.get $Queue $head (local.get $q)))
  (if (i32.eqz (ref.is_null (local.get $t)))
    (then (call $zena_queue_remove (ref.as_non_null (local.get $t)))))
  (local.get $t))

;; One more task stack is alive: past 32000 the program stops, as V8
;; aborts the process near 32500 stacks (wasmfx and JSPI alike).
(func $zena_count_stack
  (if (i32.ge_u (global.get $zena_live_stacks) (i32.const 32000))
    (then (call $zena_fatal (array.new_data $String $zena.text.too_many
                              (i32.const 0) (i32.const 33)))))
  (global.set $zena_live_stacks (i32.add (global.get $zena_live_stacks) (i32.const 1))))

;; ---- the reactor: timers, deadlock ----

;; Nothing is ready: wakes the task with the earliest timer if it is due,
;; else sleeps until it is (the scheduler then calls again).  One timer per
;; call, as a JavaScript event loop runs one timer callback at a time: what
;; the woken task makes ready runs before the next timer's task, even when
;; both timers are already due.  With no timer pending either, the target
;; waits for the host or reports a deadlock.
(func $zena_wait_for_timers
  (local $now i64)
  (local $first (ref $Task))
  (if (i32.eqz (global.get $zena_ntimers))
    (then (call $zena_wait_idle) (return)))
  (local.set $now (call $zena_now))
  (local.set $first (call $zena_timer_at (i32.const 0)))
  (if (i64.gt_u (struct.get $Task $deadline (local.get $first)) (local.get $now))
    (then
      (call $zena_poll_clock
        (i64.sub (struct.get $Task $deadline (local.get $first)) (local.get $now)))
      (return)))
  (call $zena_wake (local.get $first) (i32.const 0)))

;; Prints the deadlock report to stderr and exits with status 2.
(func $zena_deadlock
  (local $b (ref $Counts))
  (local $n i32)
  (local $msg (ref $String))
  (local.set $b (global.get $zena_blocked))
  (local.set $n
    (i32.add (i32.add (array.get $Counts (local.get $b) (i32.const 1))
                      (array.get $Counts (local.get $b) (i32.const 2)))
             (i32.add (i32.add (array.get $Counts (local.get $b) (i32.const 3))
                               (array.get $Counts (local.get $b) (i32.const 4)))
                      (array.get $Counts (local.get $b) (i32.const 5)))))
  (local.set $msg
    (call $zena_string_concat
      (call $zena_string_concat
        (array.new_data $String $zena.text.deadlock (i32.const 0) (i32.const 10))
        (call $zena_i32_to_string (local.get $n)))
      (if (result (ref $String)) (i32.eq (local.get $n) (i32.const 1))
        (then (array.new_data $String $zena.text.task_blocked (i32.const 0) (i32.const 15)))
        (else (array.new_data $String $zena.text.tasks_blocked (i32.const 0) (i32.const 16))))))
  (local.set $msg (call $zena_deadlock_part (local.get $msg)
    (array.get $Counts (local.get $b) (i32.const 1))
    (array.new_data $String $zena.text.on_receive (i32.const 0) (i32.const 11))))
  (local.set $msg (call $zena_deadlock_part (local.get $msg)
    (array.get $Counts (local.get $b) (i32.const 2))
    (array.new_data $String $zena.text.on_send (i32.const 0) (i32.const 8))))
  (local.set $msg (call $zena_deadlock_part (local.get $msg)
    (array.get $Counts (local.get $b) (i32.const 3))
    (array.new_data $String $zena.text.on_await (i32.const 0) (i32.const 9))))
  (local.set $msg (call $zena_deadlock_part (local.get $msg)
    (i32.add (array.get $Counts (local.get $b) (i32.const 4))
             (array.get $Counts (local.get $b) (i32.const 5)))
    (array.new_data $String $zena.text.on_scope (i32.const 0) (i32.const 9))))
  (call $zena_fatal (call $zena_string_concat (local.get $msg)
    (array.new_data $String $zena.text.close (i32.const 0) (i32.const 1)))))

;; msg + "N what" when n > 0, after ", " unless msg ends the opening "(".
(func $zena_deadlock_part (param $msg (ref $String)) (param $n i32) (param $what (ref $String))
                          (result (ref $String))
  (if (i32.eqz (local.get $n))
    (then (return (local.get $msg))))
  (if (i32.ne (array.get_u $String (local.get $msg)
                (i32.sub (array.len (local.get $msg)) (i32.const 1)))
              (i32.const 40))
    (then (local.set $msg (call $zena_string_concat (local.get $msg)
            (array.new_data $String $zena.text.comma (i32.const 0) (i32.const 2))))))
  (call $zena_string_concat
    (call $zena_string_concat (local.get $msg) (call $zena_i32_to_string (local.get $n)))
    (local.get $what)))

;; ---- the timer heap: a binary min-heap of sleeping tasks ----

;; a is due before b: an earlier deadline, or the same one and it came first
(func $zena_timer_before (param $a (ref $Task)) (param $b (ref $Task)) (result i32)
  (if (result i32) (i64.eq (struct.get $Task $deadline (local.get $a))
                           (struct.get $Task $deadline (local.get $b)))
    (then (i64.lt_u (struct.get $Task $seq (local.get $a)) (struct.get $Task $seq (local.get $b))))
    (else (i64.lt_u (struct.get $Task $deadline (local.get $a))
                    (struct.get $Task $deadline (local.get $b))))))

(func $zena_timer_at (param $i i32) (result (ref $Task))
  (ref.as_non_null (array.get $Tasks (global.get $zena_timers) (local.get $i))))

(func $zena_timer_put (param $i i32) (param $t (ref $Task))
  (array.set $Tasks (global.get $zena_timers) (local.get $i) (local.get $t))
  (struct.set $Task $heap_at (local.get $t) (local.get $i)))

;; Moves the task at i toward the root while it is due before its parent.
(func $zena_timer_up (param $i i32)
  (local $t (ref $Task))
  (local $parent i32)
  (local.set $t (call $zena_timer_at (local.get $i)))
  (block $placed
    (loop $up
      (br_if $placed (i32.eqz (local.get $i)))
      (local.set $parent (i32.shr_u (i32.sub (local.get $i) (i32.const 1)) (i32.const 1)))
      (br_if $placed (i32.eqz (call $zena_timer_before (local.get $t)
                                (call $zena_timer_at (local.get $parent)))))
      (call $zena_timer_put (local.get $i) (call $zena_timer_at (local.get $parent)))
      (local.set $i (local.get $parent))
      (br $up)))
  (call $zena_timer_put (local.get $i) (local.get $t)))

;; Moves the task at i toward the leaves while a child is due before it.
(func $zena_timer_down (param $i i32)
  (local $t (ref $Task))
  (local $child i32)
  (local.set $t (call $zena_timer_at (local.get $i)))
  (block $placed
    (loop $down
      (local.set $child (i32.add (i32.shl (local.get $i) (i32.const 1)) (i32.const 1)))
      (br_if $placed (i32.ge_u (local.get $child) (global.get $zena_ntimers)))
      (if (i32.lt_u (i32.add (local.get $child) (i32.const 1)) (global.get $zena_ntimers))
        (then
          (if (call $zena_timer_before
                (call $zena_timer_at (i32.add (local.get $child) (i32.const 1)))
                (call $zena_timer_at (local.get $child)))
            (then (local.set $child (i32.add (local.get $child) (i32.const 1)))))))
      (br_if $placed (i32.eqz (call $zena_timer_before
                                (call $zena_timer_at (local.get $child)) (local.get $t))))
      (call $zena_timer_put (local.get $i) (call $zena_timer_at (local.get $child)))
      (local.set $i (local.get $child))
      (br $down)))
  (call $zena_timer_put (local.get $i) (local.get $t)))

(func $zena_timer_add (param $t (ref $Task))
  (local $bigger (ref $Tasks))
  (if (i32.eq (global.get $zena_ntimers) (array.len (global.get $zena_timers)))
    (then
      (local.set $bigger
        (array.new_default $Tasks (i32.shl (global.get $zena_ntimers) (i32.const 1))))
      (array.copy $Tasks $Tasks (local.get $bigger) (i32.const 0)
        (global.get $zena_timers) (i32.const 0) (global.get $zena_ntimers))
      (global.set $zena_timers (local.get $bigger))))
  (call $zena_timer_put (global.get $zena_ntimers) (local.get $t))
  (global.set $zena_ntimers (i32.add (global.get $zena_ntimers) (i32.const 1)))
  (call $zena_timer_up (i32.sub (global.get $zena_ntimers) (i32.const 1))))

;; Takes t out of the heap: the last task fills its place and moves.
(func $zena_timer_remove (param $t (ref $Task))
  (local $i i32)
  (local $last (ref $Task))
  (local.set $i (struct.get $Task $heap_at (local.get $t)))
  (global.set $zena_ntimers (i32.sub (global.get $zena_ntimers) (i32.const 1)))
  (if (i32.ne (local.get $i) (global.get $zena_ntimers))
    (then
      (local.set $last (call $zena_timer_at (global.get $zena_ntimers)))
      (call $zena_timer_put (local.get $i) (local.get $last))
      (call $zena_timer_down (local.get $i))
      (call $zena_timer_up (struct.get $Task $heap_at (local.get $last)))))
  (array.set $Tasks (global.get $zena_timers) (global.get $zena_ntimers) (ref.null none))
  (struct.set $Task $heap_at (local.get $t) (i32.const -1)))

;; ---- channel slots: a parked sender's value, a woken receiver's value ----

(func $zena_slot_put.i32 (param $t (ref $Task)) (param $v i32)
  (struct.set $Task $bits (local.get $t) (i64.extend_i32_u (local.get $v))))
(func $zena_slot_get.i32 (param $t (ref $Task)) (result i32)
  (i32.wrap_i64 (struct.get $Task $bits (local.get $t))))
(func $zena_slot_put.i64 (param $t (ref $Task)) (param $v i64)
  (struct.set $Task $bits (local.get $t) (local.get $v)))
(func $zena_slot_get.i64 (param $t (ref $Task)) (result i64)
  (struct.get $Task $bits (local.get $t)))
(func $zena_slot_put.f32 (param $t (ref $Task)) (param $v f32)
  (struct.set $Task $bits (local.get $t)
    (i64.extend_i32_u (i32.reinterpret_f32 (local.get $v)))))
(func $zena_slot_get.f32 (param $t (ref $Task)) (result f32)
  (f32.reinterpret_i32 (i32.wrap_i64 (struct.get $Task $bits (local.get $t)))))
(func $zena_slot_put.f64 (param $t (ref $Task)) (param $v f64)
  (struct.set $Task $bits (local.get $t) (i64.reinterpret_f64 (local.get $v))))
(func $zena_slot_get.f64 (param $t (ref $Task)) (result f64)
  (f64.reinterpret_i64 (struct.get $Task $bits (local.get $t))))
(func $zena_slot_put.ref (param $t (ref $Task)) (param $v anyref)
  (struct.set $Task $ref (local.get $t) (local.get $v)))
(func $zena_slot_get.ref (param $t (ref $Task)) (result anyref)
  (struct.get $Task $ref (local.get $t)))

;; A channel operation failed: a Zena Error with this message.
(func $zena_channel_fail (param $msg (ref $String))
  (call $zena_throw_error (local.get $msg))
  (unreachable))
