;; number_text.wat - numbers and booleans as text, for templates and console.

;; The decimal digits of an unsigned 64-bit value, with an optional '-'.
(func $zena_u64_digits (param $value i64) (param $negative i32)
                       (result (ref $String))
  (local $buf (ref $String))
  (local $pos i32)
  (local $text (ref $String))
  (local.set $buf (array.new_default $String (i32.const 20)))
  (local.set $pos (i32.const 20))
  (loop $digit
    (local.set $pos (i32.sub (local.get $pos) (i32.const 1)))
    (array.set $String (local.get $buf) (local.get $pos)
      (i32.add (i32.const 48)
               (i32.wrap_i64 (i64.rem_u (local.get $value) (i64.const 10)))))
    (local.set $value (i64.div_u (local.get $value) (i64.const 10)))
    (br_if $digit (i64.ne (local.get $value) (i64.const 0))))
  (local.set $text
    (array.new_default $String
      (i32.add (i32.sub (i32.const 20) (local.get $pos)) (local.get $negative))))
  (if (local.get $negative)
    (then (array.set $String (local.get $text) (i32.const 0) (i32.const 45))))
  (array.copy $String $String
    (local.get $text) (local.get $negative)
    (local.get $buf) (local.get $pos) (i32.sub (i32.const 20) (local.get $pos)))
  (local.get $text))

(func $zena_i64_to_string (param $v i64) (result (ref $String))
  (if (result (ref $String)) (i64.lt_s (local.get $v) (i64.const 0))
    ;; 0 - v wraps for i64 min, whose unsigned reading is still right
    (then (call $zena_u64_digits (i64.sub (i64.const 0) (local.get $v)) (i32.const 1)))
    (else (call $zena_u64_digits (local.get $v) (i32.const 0)))))

(func $zena_i32_to_string (param $v i32) (result (ref $String))
  (call $zena_i64_to_string (i64.extend_i32_s (local.get $v))))

(func $zena_u32_to_string (param $v i32) (result (ref $String))
  (call $zena_u64_digits (i64.extend_i32_u (local.get $v)) (i32.const 0)))

(func $zena_bool_to_string (param $v i32) (result (ref $String))
  (if (result (ref $String)) (local.get $v)
    (then (array.new_fixed $String 4
            (i32.const 116) (i32.const 114) (i32.const 117) (i32.const 101)))
    (else (array.new_fixed $String 5
            (i32.const 102) (i32.const 97) (i32.const 108) (i32.const 115)
            (i32.const 101)))))
