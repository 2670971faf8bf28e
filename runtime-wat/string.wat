;; string.wat - Zena strings: immutable UTF-8 bytes in a GC array.
;; (type $String (array (mut i8))) is declared by the emitter.

;; a + b
(func $zena_string_concat (param $a (ref $String)) (param $b (ref $String))
                          (result (ref $String))
  (local $joined (ref $String))
  (local $alen i32)
  (local.set $alen (array.len (local.get $a)))
  (local.set $joined
    (array.new_default $String
      (i32.add (local.get $alen) (array.len (local.get $b)))))
  (array.copy $String $String
    (local.get $joined) (i32.const 0)
    (local.get $a) (i32.const 0) (local.get $alen))
  (array.copy $String $String
    (local.get $joined) (local.get $alen)
    (local.get $b) (i32.const 0) (array.len (local.get $b)))
  (local.get $joined))

;; a == b, byte by byte
(func $zena_string_eq (param $a (ref $String)) (param $b (ref $String))
                      (result i32)
  (local $i i32)
  (local $len i32)
  (local.set $len (array.len (local.get $a)))
  (if (i32.ne (local.get $len) (array.len (local.get $b)))
    (then (return (i32.const 0))))
  (block $differ
    (loop $next
      (if (i32.ge_u (local.get $i) (local.get $len))
        (then (return (i32.const 1))))
      (br_if $differ
        (i32.ne (array.get_u $String (local.get $a) (local.get $i))
                (array.get_u $String (local.get $b) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (i32.const 0))
