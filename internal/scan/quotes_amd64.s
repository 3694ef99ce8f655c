//go:build !purego

#include "textflag.h"

// func quoteBlocksSSE2(d, q *byte, n int) int
//
// For each 64-byte block at d: the block is not plain when a byte is a
// control byte or non-ASCII (signed, both are less than 0x20: one PCMPGTB)
// or a backslash; the loop stops there and returns the number of plain
// blocks before it. Otherwise the quote bits of its four 16-byte lanes
// (PCMPEQB, PMOVMSKB) are stored as one little-endian word: bit i of the
// word for byte i of the block.
TEXT ·quoteBlocksSSE2(SB), NOSPLIT, $0-32
	MOVQ d+0(FP), SI
	MOVQ q+8(FP), DI
	MOVQ n+16(FP), CX
	XORQ AX, AX
	MOVQ $0x2222222222222222, DX // '"'
	MOVQ DX, X8
	PUNPCKLQDQ X8, X8
	MOVQ $0x5c5c5c5c5c5c5c5c, DX // '\\'
	MOVQ DX, X9
	PUNPCKLQDQ X9, X9
	MOVQ $0x2020202020202020, DX // ' '
	MOVQ DX, X10
	PUNPCKLQDQ X10, X10

loop:
	CMPQ AX, CX
	JGE  done
	MOVOU 0(SI), X0
	MOVOU 16(SI), X1
	MOVOU 32(SI), X2
	MOVOU 48(SI), X3

	// X4 = the bytes that are not plain in any lane.
	MOVO    X10, X4
	PCMPGTB X0, X4 // X4 = ' ' > X0, signed
	MOVO    X10, X5
	PCMPGTB X1, X5
	MOVO    X10, X6
	PCMPGTB X2, X6
	MOVO    X10, X7
	PCMPGTB X3, X7
	POR     X5, X4
	POR     X7, X6
	POR     X6, X4
	MOVO    X0, X5
	PCMPEQB X9, X5
	POR     X5, X4
	MOVO    X1, X5
	PCMPEQB X9, X5
	POR     X5, X4
	MOVO    X2, X5
	PCMPEQB X9, X5
	POR     X5, X4
	MOVO    X3, X5
	PCMPEQB X9, X5
	POR     X5, X4
	PMOVMSKB X4, DX
	TESTL   DX, DX
	JNZ     done

	PCMPEQB  X8, X0
	PMOVMSKB X0, R8
	PCMPEQB  X8, X1
	PMOVMSKB X1, R9
	PCMPEQB  X8, X2
	PMOVMSKB X2, R10
	PCMPEQB  X8, X3
	PMOVMSKB X3, R11
	SHLQ     $16, R9
	SHLQ     $32, R10
	SHLQ     $48, R11
	ORQ      R9, R8
	ORQ      R11, R10
	ORQ      R10, R8
	MOVQ     R8, (DI)(AX*8)
	ADDQ     $64, SI
	INCQ     AX
	JMP      loop

done:
	MOVQ AX, ret+24(FP)
	RET
