;; The engine's two inner products in WebAssembly SIMD, compiled by wabt when imported (vite.config.ts).
;; Both compute exactly what the plain JavaScript kernels compute (src/engine/simd.ts):
;;
;;   dotI16    C[i, k] += Σ_d A[i, d] · B[k, d]      int16 × int16 → int32, wrapping like Math.imul and |0
;;             (i32x4.dot_i16x8_s: eight products summed in pairs; integer sums in any order are the same)
;;   matmulF32 C[i, k]  = Σ_j A[i, j] · B[j, k]      float32, each product and each sum rounded to
;;             float32, j ascending for every output: the lanes run four outputs side by side, never
;;             a reordered sum, so every rounding is the JavaScript one.
;;
;;   highMulDivide  H[t] = SaturatingRoundingDoublingHighMul(A[t], m0), S[t] = RoundingDivideByPOT(H[t], shift):
;;             gemmlowp's int64 arithmetic itself (its nudge and truncation toward zero are the floor
;;             of (a·b + 2^30) / 2^31, an arithmetic shift here).
;;
;; Pointers and strides are in bytes. The caller pads: dotI16 needs m even, n a multiple of 4 and
;; depth a multiple of 8 (zeros add nothing); matmulF32 needs rows a multiple of 4 and cols of 8.
(module
  (memory (export "memory") 1)

  ;; The four lane sums of s0…s3, as one vector [Σs0, Σs1, Σs2, Σs3].
  (func $sum4 (param $s0 v128) (param $s1 v128) (param $s2 v128) (param $s3 v128) (result v128)
    (local $t0 v128) (local $t1 v128)
    (local.set $t0
      (i32x4.add
        (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $s0) (local.get $s1))
        (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $s0) (local.get $s1))))
    (local.set $t1
      (i32x4.add
        (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $s2) (local.get $s3))
        (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $s2) (local.get $s3))))
    (i32x4.add
      (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $t0) (local.get $t1))
      (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (local.get $t0) (local.get $t1))))

  ;; C[i·cs + 4k…] += Σ_d A[i·as + 2d] · B[k·bs + 2d], two rows of A by four rows of B at a time.
  (func (export "dotI16")
    (param $a i32) (param $as i32) (param $b i32) (param $bs i32) (param $c i32) (param $cs i32)
    (param $m i32) (param $n i32) (param $depth i32)
    (local $i i32) (local $k i32) (local $d i32) (local $bytes i32)
    (local $a0 i32) (local $a1 i32) (local $b0 i32) (local $b1 i32) (local $b2 i32) (local $b3 i32) (local $cp i32)
    (local $x0 v128) (local $x1 v128) (local $y v128)
    (local $s00 v128) (local $s01 v128) (local $s02 v128) (local $s03 v128)
    (local $s10 v128) (local $s11 v128) (local $s12 v128) (local $s13 v128)
    (local.set $bytes (i32.shl (local.get $depth) (i32.const 1)))
    (local.set $i (i32.const 0))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $m)))
        (local.set $a0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $as))))
        (local.set $a1 (i32.add (local.get $a0) (local.get $as)))
        (local.set $k (i32.const 0))
        (block $colsDone
          (loop $cols
            (br_if $colsDone (i32.ge_u (local.get $k) (local.get $n)))
            (local.set $b0 (i32.add (local.get $b) (i32.mul (local.get $k) (local.get $bs))))
            (local.set $b1 (i32.add (local.get $b0) (local.get $bs)))
            (local.set $b2 (i32.add (local.get $b1) (local.get $bs)))
            (local.set $b3 (i32.add (local.get $b2) (local.get $bs)))
            (local.set $s00 (v128.const i32x4 0 0 0 0))
            (local.set $s01 (v128.const i32x4 0 0 0 0))
            (local.set $s02 (v128.const i32x4 0 0 0 0))
            (local.set $s03 (v128.const i32x4 0 0 0 0))
            (local.set $s10 (v128.const i32x4 0 0 0 0))
            (local.set $s11 (v128.const i32x4 0 0 0 0))
            (local.set $s12 (v128.const i32x4 0 0 0 0))
            (local.set $s13 (v128.const i32x4 0 0 0 0))
            (local.set $d (i32.const 0))
            (block $depthDone
              (loop $depth
                (br_if $depthDone (i32.ge_u (local.get $d) (local.get $bytes)))
                (local.set $x0 (v128.load (i32.add (local.get $a0) (local.get $d))))
                (local.set $x1 (v128.load (i32.add (local.get $a1) (local.get $d))))
                (local.set $y (v128.load (i32.add (local.get $b0) (local.get $d))))
                (local.set $s00 (i32x4.add (local.get $s00) (i32x4.dot_i16x8_s (local.get $x0) (local.get $y))))
                (local.set $s10 (i32x4.add (local.get $s10) (i32x4.dot_i16x8_s (local.get $x1) (local.get $y))))
                (local.set $y (v128.load (i32.add (local.get $b1) (local.get $d))))
                (local.set $s01 (i32x4.add (local.get $s01) (i32x4.dot_i16x8_s (local.get $x0) (local.get $y))))
                (local.set $s11 (i32x4.add (local.get $s11) (i32x4.dot_i16x8_s (local.get $x1) (local.get $y))))
                (local.set $y (v128.load (i32.add (local.get $b2) (local.get $d))))
                (local.set $s02 (i32x4.add (local.get $s02) (i32x4.dot_i16x8_s (local.get $x0) (local.get $y))))
                (local.set $s12 (i32x4.add (local.get $s12) (i32x4.dot_i16x8_s (local.get $x1) (local.get $y))))
                (local.set $y (v128.load (i32.add (local.get $b3) (local.get $d))))
                (local.set $s03 (i32x4.add (local.get $s03) (i32x4.dot_i16x8_s (local.get $x0) (local.get $y))))
                (local.set $s13 (i32x4.add (local.get $s13) (i32x4.dot_i16x8_s (local.get $x1) (local.get $y))))
                (local.set $d (i32.add (local.get $d) (i32.const 16)))
                (br $depth)))
            (local.set $cp
              (i32.add (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $cs))) (i32.shl (local.get $k) (i32.const 2))))
            (v128.store (local.get $cp)
              (i32x4.add (v128.load (local.get $cp))
                (call $sum4 (local.get $s00) (local.get $s01) (local.get $s02) (local.get $s03))))
            (local.set $cp (i32.add (local.get $cp) (local.get $cs)))
            (v128.store (local.get $cp)
              (i32x4.add (v128.load (local.get $cp))
                (call $sum4 (local.get $s10) (local.get $s11) (local.get $s12) (local.get $s13))))
            (local.set $k (i32.add (local.get $k) (i32.const 4)))
            (br $cols)))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $rows))))

  ;; C[i, k] = Σ_j A[i, j] · B[j, k] (row-major, float32), four rows of A by eight columns at a time.
  (func (export "matmulF32")
    (param $a i32) (param $b i32) (param $c i32) (param $rows i32) (param $depth i32) (param $cols i32)
    (local $i i32) (local $k i32) (local $j i32) (local $rowBytes i32) (local $colBytes i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32) (local $bp i32) (local $cp i32)
    (local $y0 v128) (local $y1 v128) (local $x v128)
    (local $s00 v128) (local $s01 v128) (local $s10 v128) (local $s11 v128)
    (local $s20 v128) (local $s21 v128) (local $s30 v128) (local $s31 v128)
    (local.set $rowBytes (i32.shl (local.get $depth) (i32.const 2)))
    (local.set $colBytes (i32.shl (local.get $cols) (i32.const 2)))
    (local.set $i (i32.const 0))
    (block $rowsDone
      (loop $rowsLoop
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $rows)))
        (local.set $a0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $rowBytes))))
        (local.set $a1 (i32.add (local.get $a0) (local.get $rowBytes)))
        (local.set $a2 (i32.add (local.get $a1) (local.get $rowBytes)))
        (local.set $a3 (i32.add (local.get $a2) (local.get $rowBytes)))
        (local.set $k (i32.const 0))
        (block $colsDone
          (loop $colsLoop
            (br_if $colsDone (i32.ge_u (local.get $k) (local.get $colBytes)))
            (local.set $s00 (v128.const f32x4 0 0 0 0))
            (local.set $s01 (v128.const f32x4 0 0 0 0))
            (local.set $s10 (v128.const f32x4 0 0 0 0))
            (local.set $s11 (v128.const f32x4 0 0 0 0))
            (local.set $s20 (v128.const f32x4 0 0 0 0))
            (local.set $s21 (v128.const f32x4 0 0 0 0))
            (local.set $s30 (v128.const f32x4 0 0 0 0))
            (local.set $s31 (v128.const f32x4 0 0 0 0))
            (local.set $bp (i32.add (local.get $b) (local.get $k)))
            (local.set $j (i32.const 0))
            (block $depthDone
              (loop $depthLoop
                (br_if $depthDone (i32.ge_u (local.get $j) (local.get $rowBytes)))
                (local.set $y0 (v128.load (local.get $bp)))
                (local.set $y1 (v128.load offset=16 (local.get $bp)))
                (local.set $x (v128.load32_splat (i32.add (local.get $a0) (local.get $j))))
                (local.set $s00 (f32x4.add (local.get $s00) (f32x4.mul (local.get $x) (local.get $y0))))
                (local.set $s01 (f32x4.add (local.get $s01) (f32x4.mul (local.get $x) (local.get $y1))))
                (local.set $x (v128.load32_splat (i32.add (local.get $a1) (local.get $j))))
                (local.set $s10 (f32x4.add (local.get $s10) (f32x4.mul (local.get $x) (local.get $y0))))
                (local.set $s11 (f32x4.add (local.get $s11) (f32x4.mul (local.get $x) (local.get $y1))))
                (local.set $x (v128.load32_splat (i32.add (local.get $a2) (local.get $j))))
                (local.set $s20 (f32x4.add (local.get $s20) (f32x4.mul (local.get $x) (local.get $y0))))
                (local.set $s21 (f32x4.add (local.get $s21) (f32x4.mul (local.get $x) (local.get $y1))))
                (local.set $x (v128.load32_splat (i32.add (local.get $a3) (local.get $j))))
                (local.set $s30 (f32x4.add (local.get $s30) (f32x4.mul (local.get $x) (local.get $y0))))
                (local.set $s31 (f32x4.add (local.get $s31) (f32x4.mul (local.get $x) (local.get $y1))))
                (local.set $bp (i32.add (local.get $bp) (local.get $colBytes)))
                (local.set $j (i32.add (local.get $j) (i32.const 4)))
                (br $depthLoop)))
            (local.set $cp (i32.add (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $colBytes))) (local.get $k)))
            (v128.store (local.get $cp) (local.get $s00))
            (v128.store offset=16 (local.get $cp) (local.get $s01))
            (local.set $cp (i32.add (local.get $cp) (local.get $colBytes)))
            (v128.store (local.get $cp) (local.get $s10))
            (v128.store offset=16 (local.get $cp) (local.get $s11))
            (local.set $cp (i32.add (local.get $cp) (local.get $colBytes)))
            (v128.store (local.get $cp) (local.get $s20))
            (v128.store offset=16 (local.get $cp) (local.get $s21))
            (local.set $cp (i32.add (local.get $cp) (local.get $colBytes)))
            (v128.store (local.get $cp) (local.get $s30))
            (v128.store offset=16 (local.get $cp) (local.get $s31))
            (local.set $k (i32.add (local.get $k) (i32.const 32)))
            (br $colsLoop)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $rowsLoop))))

  ;; H[t] = SRDHM(A[t], m0) and S[t] = RoundingDivideByPOT(H[t], shift) for t < n (int32 arrays).
  (func (export "highMulDivide")
    (param $a i32) (param $n i32) (param $m0 i32) (param $shift i32) (param $h i32) (param $s i32)
    (local $t i32) (local $x i32) (local $hi i32) (local $mask i32) (local $half i32) (local $end i32) (local $m i64)
    (local.set $m (i64.extend_i32_s (local.get $m0)))
    (local.set $mask (i32.sub (i32.shl (i32.const 1) (local.get $shift)) (i32.const 1)))
    (if (i32.eq (local.get $shift) (i32.const 31)) (then (local.set $mask (i32.const 0x7fffffff))))
    (local.set $half (i32.shr_s (local.get $mask) (i32.const 1)))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (local.set $t (i32.const 0))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $t) (local.get $end)))
        (local.set $x (i32.load (i32.add (local.get $a) (local.get $t))))
        (local.set $hi
          (i32.wrap_i64
            (i64.shr_s
              (i64.add (i64.mul (i64.extend_i32_s (local.get $x)) (local.get $m)) (i64.const 0x40000000))
              (i64.const 31))))
        ;; INT32_MIN · INT32_MIN: the one product whose doubled high half is not an int32.
        (if (i32.and (i32.eq (local.get $x) (i32.const 0x80000000)) (i32.eq (local.get $m0) (i32.const 0x80000000)))
          (then (local.set $hi (i32.const 0x7fffffff))))
        (i32.store (i32.add (local.get $h) (local.get $t)) (local.get $hi))
        (i32.store (i32.add (local.get $s) (local.get $t))
          (i32.add
            (i32.shr_s (local.get $hi) (local.get $shift))
            (i32.gt_s
              (i32.and (local.get $hi) (local.get $mask))
              (i32.add (local.get $half) (i32.lt_s (local.get $hi) (i32.const 0))))))
        (local.set $t (i32.add (local.get $t) (i32.const 4)))
        (br $each)))
  )
)
