// How the cvlens command has V8 compile its code: imported first by cli/bin.js, and by the bench's
// pipeline child (bench/pipeline-child.ts), which times the command's pipeline and must run it as
// the command does.
//
// A smaller inlining budget for V8's optimising compiler (its default: 920 bytes of bytecode inlined
// into one function). Every run of the command is a cold process in which the large loops (the
// reader's, the likelihoods', the workbook's rows) run unoptimised until the compiler, on the other
// core, is done with them; with less inlined into each, it is done sooner. Only how much is compiled
// into one function changes, not what it computes. Measured by turns on CDNOW master to a workbook:
// 1.333 -> 1.284 s median wall, 2.0 -> 1.9 s CPU; a million rows unchanged (docs/cli-speed.md).
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--max-inlined-bytecode-size-cumulative=300');
