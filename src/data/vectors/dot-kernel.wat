;; The float32 dot-product kernel of the vector index (docs/similar.md, "The kernel").
;; Assembled to wasm at build time by scripts/vite-plugin-wat.ts (the `wabt` package).
;;
;; dots(vec, n, dim, q, out): for i in [0, n): out[i] = sum_j vec[i*dim + j] * q[j]
;; All pointers are byte offsets into the imported memory; vectors are row-major float32.
;; Four SIMD128 accumulators of four lanes each take 16 floats per step (the loads of one step are
;; independent, which hides their latency), then 4 floats per step, then a scalar tail for
;; dimensions that are not multiples of 4. Any summation order is covered by the error bound in
;; src/core/vectors/metric.ts.
(module
  (import "env" "memory" (memory 1 65536))
  (func (export "dots")
    (param $vec i32) (param $n i32) (param $dim i32) (param $q i32) (param $out i32)
    (local $i i32) (local $j i32) (local $row i32) (local $d16 i32) (local $d4 i32)
    (local $rowBytes i32) (local $pa i32) (local $pq i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $s f32)
    (local.set $d16 (i32.and (local.get $dim) (i32.const -16)))
    (local.set $d4 (i32.and (local.get $dim) (i32.const -4)))
    (local.set $rowBytes (i32.shl (local.get $dim) (i32.const 2)))
    (local.set $row (local.get $vec))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $a0 (v128.const i32x4 0 0 0 0))
        (local.set $a1 (v128.const i32x4 0 0 0 0))
        (local.set $a2 (v128.const i32x4 0 0 0 0))
        (local.set $a3 (v128.const i32x4 0 0 0 0))
        (local.set $j (i32.const 0))
        (local.set $pa (local.get $row))
        (local.set $pq (local.get $q))
        (block $end16
          (loop $step16
            (br_if $end16 (i32.ge_u (local.get $j) (local.get $d16)))
            (local.set $a0 (f32x4.add (local.get $a0)
              (f32x4.mul (v128.load align=4 (local.get $pa)) (v128.load align=4 (local.get $pq)))))
            (local.set $a1 (f32x4.add (local.get $a1)
              (f32x4.mul (v128.load offset=16 align=4 (local.get $pa)) (v128.load offset=16 align=4 (local.get $pq)))))
            (local.set $a2 (f32x4.add (local.get $a2)
              (f32x4.mul (v128.load offset=32 align=4 (local.get $pa)) (v128.load offset=32 align=4 (local.get $pq)))))
            (local.set $a3 (f32x4.add (local.get $a3)
              (f32x4.mul (v128.load offset=48 align=4 (local.get $pa)) (v128.load offset=48 align=4 (local.get $pq)))))
            (local.set $pa (i32.add (local.get $pa) (i32.const 64)))
            (local.set $pq (i32.add (local.get $pq) (i32.const 64)))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $step16)))
        (block $end4
          (loop $step4
            (br_if $end4 (i32.ge_u (local.get $j) (local.get $d4)))
            (local.set $a0 (f32x4.add (local.get $a0)
              (f32x4.mul (v128.load align=4 (local.get $pa)) (v128.load align=4 (local.get $pq)))))
            (local.set $pa (i32.add (local.get $pa) (i32.const 16)))
            (local.set $pq (i32.add (local.get $pq) (i32.const 16)))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $step4)))
        (local.set $a0 (f32x4.add (f32x4.add (local.get $a0) (local.get $a1))
                                  (f32x4.add (local.get $a2) (local.get $a3))))
        (local.set $s (f32.add
          (f32.add (f32x4.extract_lane 0 (local.get $a0)) (f32x4.extract_lane 1 (local.get $a0)))
          (f32.add (f32x4.extract_lane 2 (local.get $a0)) (f32x4.extract_lane 3 (local.get $a0)))))
        (block $end1
          (loop $step1
            (br_if $end1 (i32.ge_u (local.get $j) (local.get $dim)))
            (local.set $s (f32.add (local.get $s)
              (f32.mul (f32.load (local.get $pa)) (f32.load (local.get $pq)))))
            (local.set $pa (i32.add (local.get $pa) (i32.const 4)))
            (local.set $pq (i32.add (local.get $pq) (i32.const 4)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $step1)))
        (f32.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2))) (local.get $s))
        (local.set $row (i32.add (local.get $row) (local.get $rowBytes)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows)))))
