;; SHA-256 (FIPS 180-4) compression for src/hash/sha256.ts. scripts/wasm.mjs assembles it into
;; sha256-wasm.ts; test/unit/sha256.test.ts checks that the two agree and that hashes match node:crypto.
;;
;; Memory (bytes):
;;      0 ..  256  the 64 round constants K, as little-endian i32s
;;    256 ..  288  the digest, big-endian, written by $digest
;;    288 ..  544  the message schedule W
;;   1024 ..       the padded message (whole 64-byte blocks), written by the caller
(module
  (memory (export "memory") 2)
  (data (i32.const 0)
    "\98\2f\8a\42\91\44\37\71\cf\fb\c0\b5\a5\db\b5\e9"
    "\5b\c2\56\39\f1\11\f1\59\a4\82\3f\92\d5\5e\1c\ab"
    "\98\aa\07\d8\01\5b\83\12\be\85\31\24\c3\7d\0c\55"
    "\74\5d\be\72\fe\b1\de\80\a7\06\dc\9b\74\f1\9b\c1"
    "\c1\69\9b\e4\86\47\be\ef\c6\9d\c1\0f\cc\a1\0c\24"
    "\6f\2c\e9\2d\aa\84\74\4a\dc\a9\b0\5c\da\88\f9\76"
    "\52\51\3e\98\6d\c6\31\a8\c8\27\03\b0\c7\7f\59\bf"
    "\f3\0b\e0\c6\47\91\a7\d5\51\63\ca\06\67\29\29\14"
    "\85\0a\b7\27\38\21\1b\2e\fc\6d\2c\4d\13\0d\38\53"
    "\54\73\0a\65\bb\0a\6a\76\2e\c9\c2\81\85\2c\72\92"
    "\a1\e8\bf\a2\4b\66\1a\a8\70\8b\4b\c2\a3\51\6c\c7"
    "\19\e8\92\d1\24\06\99\d6\85\35\0e\f4\70\a0\6a\10"
    "\16\c1\a4\19\08\6c\37\1e\4c\77\48\27\b5\bc\b0\34"
    "\b3\0c\1c\39\4a\aa\d8\4e\4f\ca\9c\5b\f3\6f\2e\68"
    "\ee\82\8f\74\6f\63\a5\78\14\78\c8\84\08\02\c7\8c"
    "\fa\ff\be\90\eb\6c\50\a4\f7\a3\f9\be\f2\78\71\c6")

  ;; big-endian <-> little-endian (wasm has no byte-swap instruction)
  (func $bswap (param $x i32) (result i32)
    (i32.or
      (i32.and (i32.rotl (local.get $x) (i32.const 8)) (i32.const 0x00ff00ff))
      (i32.and (i32.rotr (local.get $x) (i32.const 8)) (i32.const 0xff00ff00))))

  ;; Hash the $blocks 64-byte blocks that start at byte 1024; the digest lands at 256..288.
  (func (export "digest") (param $blocks i32)
    (local $h0 i32) (local $h1 i32) (local $h2 i32) (local $h3 i32)
    (local $h4 i32) (local $h5 i32) (local $h6 i32) (local $h7 i32)
    (local $a i32) (local $b i32) (local $c i32) (local $d i32)
    (local $e i32) (local $f i32) (local $g i32) (local $h i32)
    (local $p i32) (local $end i32) (local $i i32) (local $x i32) (local $y i32)
    (local $t1 i32) (local $t2 i32)
    (local.set $h0 (i32.const 0x6a09e667))
    (local.set $h1 (i32.const 0xbb67ae85))
    (local.set $h2 (i32.const 0x3c6ef372))
    (local.set $h3 (i32.const 0xa54ff53a))
    (local.set $h4 (i32.const 0x510e527f))
    (local.set $h5 (i32.const 0x9b05688c))
    (local.set $h6 (i32.const 0x1f83d9ab))
    (local.set $h7 (i32.const 0x5be0cd19))
    (local.set $p (i32.const 1024))
    (local.set $end (i32.add (i32.const 1024) (i32.shl (local.get $blocks) (i32.const 6))))
    (block $done
      (loop $block
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        ;; W[0..16): the block's words, big-endian ($i counts bytes, 4 per word)
        (local.set $i (i32.const 0))
        (loop $copy
          (i32.store offset=288 (local.get $i)
            (call $bswap (i32.load (i32.add (local.get $p) (local.get $i)))))
          (local.set $i (i32.add (local.get $i) (i32.const 4)))
          (br_if $copy (i32.lt_u (local.get $i) (i32.const 64))))
        ;; W[16..64): W[t] = s1(W[t-2]) + W[t-7] + s0(W[t-15]) + W[t-16]
        (loop $expand
          (local.set $x (i32.load offset=288 (i32.sub (local.get $i) (i32.const 8))))
          (local.set $y (i32.load offset=288 (i32.sub (local.get $i) (i32.const 60))))
          (i32.store offset=288 (local.get $i)
            (i32.add
              (i32.add
                (i32.xor (i32.xor (i32.rotr (local.get $x) (i32.const 17)) (i32.rotr (local.get $x) (i32.const 19)))
                         (i32.shr_u (local.get $x) (i32.const 10)))
                (i32.load offset=288 (i32.sub (local.get $i) (i32.const 28))))
              (i32.add
                (i32.xor (i32.xor (i32.rotr (local.get $y) (i32.const 7)) (i32.rotr (local.get $y) (i32.const 18)))
                         (i32.shr_u (local.get $y) (i32.const 3)))
                (i32.load offset=288 (i32.sub (local.get $i) (i32.const 64))))))
          (local.set $i (i32.add (local.get $i) (i32.const 4)))
          (br_if $expand (i32.lt_u (local.get $i) (i32.const 256))))
        (local.set $a (local.get $h0))
        (local.set $b (local.get $h1))
        (local.set $c (local.get $h2))
        (local.set $d (local.get $h3))
        (local.set $e (local.get $h4))
        (local.set $f (local.get $h5))
        (local.set $g (local.get $h6))
        (local.set $h (local.get $h7))
        ;; the 64 rounds
        (local.set $i (i32.const 0))
        (loop $round
          ;; t1 = h + S1(e) + Ch(e, f, g) + K[t] + W[t]
          (local.set $t1
            (i32.add
              (i32.add
                (i32.add (local.get $h)
                  (i32.xor (i32.xor (i32.rotr (local.get $e) (i32.const 6)) (i32.rotr (local.get $e) (i32.const 11)))
                           (i32.rotr (local.get $e) (i32.const 25))))
                (i32.xor (local.get $g) (i32.and (local.get $e) (i32.xor (local.get $f) (local.get $g)))))
              (i32.add (i32.load (local.get $i)) (i32.load offset=288 (local.get $i)))))
          ;; t2 = S0(a) + Maj(a, b, c)
          (local.set $t2
            (i32.add
              (i32.xor (i32.xor (i32.rotr (local.get $a) (i32.const 2)) (i32.rotr (local.get $a) (i32.const 13)))
                       (i32.rotr (local.get $a) (i32.const 22)))
              (i32.or (i32.and (local.get $a) (local.get $b))
                      (i32.and (local.get $c) (i32.or (local.get $a) (local.get $b))))))
          (local.set $h (local.get $g))
          (local.set $g (local.get $f))
          (local.set $f (local.get $e))
          (local.set $e (i32.add (local.get $d) (local.get $t1)))
          (local.set $d (local.get $c))
          (local.set $c (local.get $b))
          (local.set $b (local.get $a))
          (local.set $a (i32.add (local.get $t1) (local.get $t2)))
          (local.set $i (i32.add (local.get $i) (i32.const 4)))
          (br_if $round (i32.lt_u (local.get $i) (i32.const 256))))
        (local.set $h0 (i32.add (local.get $h0) (local.get $a)))
        (local.set $h1 (i32.add (local.get $h1) (local.get $b)))
        (local.set $h2 (i32.add (local.get $h2) (local.get $c)))
        (local.set $h3 (i32.add (local.get $h3) (local.get $d)))
        (local.set $h4 (i32.add (local.get $h4) (local.get $e)))
        (local.set $h5 (i32.add (local.get $h5) (local.get $f)))
        (local.set $h6 (i32.add (local.get $h6) (local.get $g)))
        (local.set $h7 (i32.add (local.get $h7) (local.get $h)))
        (local.set $p (i32.add (local.get $p) (i32.const 64)))
        (br $block)))
    (i32.store (i32.const 256) (call $bswap (local.get $h0)))
    (i32.store (i32.const 260) (call $bswap (local.get $h1)))
    (i32.store (i32.const 264) (call $bswap (local.get $h2)))
    (i32.store (i32.const 268) (call $bswap (local.get $h3)))
    (i32.store (i32.const 272) (call $bswap (local.get $h4)))
    (i32.store (i32.const 276) (call $bswap (local.get $h5)))
    (i32.store (i32.const 280) (call $bswap (local.get $h6)))
    (i32.store (i32.const 284) (call $bswap (local.get $h7)))))
