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

;; Floating-point numbers as JavaScript prints them: the fewest significant
;; digits that read back as the same number, in fixed notation from 1e-6 up
;; to 1e21 and in exponential notation (1.5e-7, 2e+21) outside.  $single
;; makes "reads back" mean "as an f32", so 0.1 as an f32 prints as 0.1.
;; (The digits come from f64 arithmetic: right for everyday values, not
;; proven shortest in every last case like a Ryu-style algorithm would be.)
(func $zena_float_to_string (param $x f64) (param $single i32) (result (ref $String))
  (local $buf (ref $String))
  (local $exp i32)
  (local $p i32)
  (local $scale f64)
  (local $digits i64)
  (local $ndigits i32)
  (if (f64.ne (local.get $x) (local.get $x))
    (then (return (array.new_fixed $String 3 (i32.const 78) (i32.const 97) (i32.const 78)))))
  (if (f64.lt (local.get $x) (f64.const 0))
    (then (return (call $zena_string_concat
                    (array.new_fixed $String 1 (i32.const 45))
                    (call $zena_float_to_string (f64.neg (local.get $x)) (local.get $single))))))
  (if (f64.eq (local.get $x) (f64.const 0))
    (then (return (array.new_fixed $String 1 (i32.const 48)))))
  (if (f64.eq (local.get $x) (f64.const inf))
    (then (return (array.new_fixed $String 8 (i32.const 73) (i32.const 110) (i32.const 102)
                    (i32.const 105) (i32.const 110) (i32.const 105) (i32.const 116) (i32.const 121)))))
  ;; the decimal exponent: x = d.ddd * 10^exp
  (local.set $scale (local.get $x))
  (block $up (loop $down
    (br_if $up (f64.lt (local.get $scale) (f64.const 10)))
    (local.set $scale (f64.div (local.get $scale) (f64.const 10)))
    (local.set $exp (i32.add (local.get $exp) (i32.const 1)))
    (br $down)))
  (block $done (loop $more
    (br_if $done (f64.ge (local.get $scale) (f64.const 1)))
    (local.set $scale (f64.mul (local.get $scale) (f64.const 10)))
    (local.set $exp (i32.sub (local.get $exp) (i32.const 1)))
    (br $more)))
  ;; the fewest digits p that read back as x
  (local.set $p (i32.const 1))
  (block $found (loop $try
    (local.set $scale (call $zena_pow10 (i32.sub (i32.sub (local.get $p) (i32.const 1))
                                                 (local.get $exp))))
    (local.set $digits (i64.trunc_sat_f64_u
                         (f64.nearest (f64.mul (local.get $x) (local.get $scale)))))
    (br_if $found (i32.ge_u (local.get $p) (i32.const 17)))
    (br_if $found (call $zena_reads_back (local.get $digits) (local.get $scale)
                                         (local.get $x) (local.get $single)))
    (local.set $p (i32.add (local.get $p) (i32.const 1)))
    (br $try)))
  ;; the digits, without trailing zeros (9.96 rounded to 2 digits is "10")
  (local.set $buf (call $zena_u64_digits (local.get $digits) (i32.const 0)))
  (local.set $ndigits (array.len (local.get $buf)))
  (if (i32.gt_u (local.get $ndigits) (local.get $p))
    (then (local.set $exp (i32.add (local.get $exp) (i32.const 1)))))
  (block $trimmed (loop $trim
    (br_if $trimmed (i32.le_u (local.get $ndigits) (i32.const 1)))
    (br_if $trimmed (i32.ne (array.get_u $String (local.get $buf)
                              (i32.sub (local.get $ndigits) (i32.const 1))) (i32.const 48)))
    (local.set $ndigits (i32.sub (local.get $ndigits) (i32.const 1)))
    (br $trim)))
  (if (result (ref $String))
      (i32.and (i32.ge_s (local.get $exp) (i32.const -6)) (i32.lt_s (local.get $exp) (i32.const 21)))
    (then (call $zena_fixed_notation (local.get $buf) (local.get $ndigits) (local.get $exp)))
    (else (call $zena_exponential_notation (local.get $buf) (local.get $ndigits) (local.get $exp)))))

;; 10^n as an f64 (exact up to 10^22)
(func $zena_pow10 (param $n i32) (result f64)
  (local $r f64)
  (local.set $r (f64.const 1))
  (block $done (loop $up
    (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
    (local.set $r (f64.mul (local.get $r) (f64.const 10)))
    (local.set $n (i32.sub (local.get $n) (i32.const 1)))
    (br $up)))
  (block $done2 (loop $down
    (br_if $done2 (i32.ge_s (local.get $n) (i32.const 0)))
    (local.set $r (f64.div (local.get $r) (f64.const 10)))
    (local.set $n (i32.add (local.get $n) (i32.const 1)))
    (br $down)))
  (local.get $r))

;; Do the digits, scaled back, give x again (as an f32 when $single)?
(func $zena_reads_back (param $digits i64) (param $scale f64) (param $x f64)
                       (param $single i32) (result i32)
  (local $back f64)
  (local.set $back (f64.div (f64.convert_i64_u (local.get $digits)) (local.get $scale)))
  (if (result i32) (local.get $single)
    (then (f32.eq (f32.demote_f64 (local.get $back)) (f32.demote_f64 (local.get $x))))
    (else (f64.eq (local.get $back) (local.get $x)))))

;; digits d1 d2 ... with the point after digit exp+1: "123.45", "0.00012", "1200"
(func $zena_fixed_notation (param $buf (ref $String)) (param $n i32) (param $exp i32)
                           (result (ref $String))
  (local $int i32)
  (local $text (ref $String))
  (if (i32.ge_s (local.get $exp) (i32.const 0))
    (then
      (local.set $int (i32.add (local.get $exp) (i32.const 1)))
      (if (i32.le_s (local.get $n) (local.get $int))
        (then ;; an integer: the digits, then zeros
          (local.set $text (array.new $String (i32.const 48) (local.get $int)))
          (array.copy $String $String (local.get $text) (i32.const 0)
                      (local.get $buf) (i32.const 0) (local.get $n))
          (return (local.get $text))))
      (local.set $text (array.new $String (i32.const 46) (i32.add (local.get $n) (i32.const 1))))
      (array.copy $String $String (local.get $text) (i32.const 0)
                  (local.get $buf) (i32.const 0) (local.get $int))
      (array.copy $String $String (local.get $text) (i32.add (local.get $int) (i32.const 1))
                  (local.get $buf) (local.get $int) (i32.sub (local.get $n) (local.get $int)))
      (return (local.get $text))))
  ;; 0.000ddd: "0." then -exp-1 zeros, then the digits
  (local.set $int (i32.sub (i32.const 1) (local.get $exp))) ;; chars before the digits
  (local.set $text (array.new $String (i32.const 48) (i32.add (local.get $int) (local.get $n))))
  (array.set $String (local.get $text) (i32.const 1) (i32.const 46))
  (array.copy $String $String (local.get $text) (local.get $int)
              (local.get $buf) (i32.const 0) (local.get $n))
  (local.get $text))

;; d[.ddd]e+N / d[.ddd]e-N
(func $zena_exponential_notation (param $buf (ref $String)) (param $n i32) (param $exp i32)
                                 (result (ref $String))
  (local $mantissa (ref $String))
  (local.set $mantissa (array.new $String (i32.const 46)
                         (select (i32.const 1) (i32.add (local.get $n) (i32.const 1))
                                 (i32.eq (local.get $n) (i32.const 1)))))
  (array.set $String (local.get $mantissa) (i32.const 0)
             (array.get_u $String (local.get $buf) (i32.const 0)))
  (if (i32.gt_u (local.get $n) (i32.const 1))
    (then (array.copy $String $String (local.get $mantissa) (i32.const 2)
                      (local.get $buf) (i32.const 1) (i32.sub (local.get $n) (i32.const 1)))))
  (call $zena_string_concat
    (call $zena_string_concat (local.get $mantissa)
      (if (result (ref $String)) (i32.lt_s (local.get $exp) (i32.const 0))
        (then (array.new_fixed $String 2 (i32.const 101) (i32.const 45)))
        (else (array.new_fixed $String 2 (i32.const 101) (i32.const 43)))))
    (call $zena_i32_to_string (select (i32.sub (i32.const 0) (local.get $exp)) (local.get $exp)
                                      (i32.lt_s (local.get $exp) (i32.const 0))))))
