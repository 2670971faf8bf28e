;; hash.wat - hash codes: the `hash` intrinsic and case classes' hashCode().

;; FNV-1a over the string's UTF-8 bytes
(func $zena_string_hash (param $s (ref $String)) (result i32)
  (local $h i32)
  (local $i i32)
  (local $len i32)
  (local.set $h (i32.const 0x811c9dc5))
  (local.set $len (array.len (local.get $s)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
      (local.set $h
        (i32.mul
          (i32.xor (local.get $h) (array.get_u $String (local.get $s) (local.get $i)))
          (i32.const 0x01000193)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.get $h))

;; the two halves of a 64-bit value folded together
(func $zena_i64_hash (param $x i64) (result i32)
  (i32.wrap_i64 (i64.xor (local.get $x) (i64.shr_u (local.get $x) (i64.const 32)))))
