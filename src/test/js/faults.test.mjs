// The simulator's faults (js/faults.js), run under Node by ScriptUnitTest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildFault, FAULT_DELAY_MS } from '../../main/resources/META-INF/resources/js/faults.js';

const TRACE = {
  segments: [
    { id: 1, from: 'client', flags: ['SYN'], sentAt: 0 },
    { id: 2, from: 'server', flags: ['SYN', 'ACK'], sentAt: 50 },
    { id: 3, from: 'client', flags: ['SYN'], sentAt: 1000 },
  ],
};

test('a delay takes the menu\'s 500 ms and the n-th segment of its sender with its flags', () => {
  assert.deepEqual(buildFault(TRACE, 3, 'delay'),
    { match: { from: 'client', flags: ['SYN'], nth: 2 }, action: 'delay', ms: FAULT_DELAY_MS });
});

test('a reject asks for ICMP port unreachable and carries no delay (the scenario format refuses a reject without a code)', () => {
  assert.deepEqual(buildFault(TRACE, 1, 'reject'),
    { match: { from: 'client', flags: ['SYN'], nth: 1 }, action: 'reject', code: 'port' });
});

test('from a moment on, the fault takes every such segment sent at or after it', () => {
  assert.deepEqual(buildFault(TRACE, 2, 'reject', 40),
    { match: { from: 'server', flags: ['SYN', 'ACK'], afterMs: 40 }, action: 'reject', code: 'port' });
});

test('a CE mark (a congested router, RFC 3168 §5) carries neither a delay nor an ICMP code', () => {
  assert.deepEqual(buildFault(TRACE, 2, 'mark-ce'),
    { match: { from: 'server', flags: ['SYN', 'ACK'], nth: 1 }, action: 'mark-ce' });
});
