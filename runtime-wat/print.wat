;; print.wat - console output.  The line is copied to linear memory at byte
;; 16 and handed to $zena_write_line(fd, ptr, len): on wasi a WASI fd_write
;; (write_wasi.wat), on js an import the loader provides.

;; Writes s and a newline to fd (1 = stdout, 2 = stderr).
(func $zena_print (param $s (ref $String)) (param $fd i32)
  (local $len i32)
  (local $need i32)
  (local.set $len (array.len (local.get $s)))
  (local.set $need
    (i32.shr_u (i32.add (local.get $len) (i32.const 65552)) (i32.const 16)))
  (if (i32.gt_u (local.get $need) (memory.size))
    (then (drop (memory.grow (i32.sub (local.get $need) (memory.size))))))
  (call $zena_copy_to_memory (local.get $s) (i32.const 16))
  (i32.store8 (i32.add (i32.const 16) (local.get $len)) (i32.const 10))
  (call $zena_write_line (local.get $fd) (i32.const 16)
    (i32.add (local.get $len) (i32.const 1))))

(func $zena_copy_to_memory (param $s (ref $String)) (param $at i32)
  (local $i i32)
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $s))))
      (i32.store8 (i32.add (local.get $at) (local.get $i))
        (array.get_u $String (local.get $s) (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next))))
