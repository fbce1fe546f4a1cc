// The browser tier runs under web-test-runner's mocha, whose globals (describe, it, …) exist at
// run time; unit tests import theirs from vitest explicitly, so only this folder sees mocha's.
/// <reference types="mocha" />
