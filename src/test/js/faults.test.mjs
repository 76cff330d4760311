// The simulator's faults (js/faults.js), run under Node by ScriptUnitTest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildFault, FAULT_DELAY_MS, letThrough } from '../../main/resources/META-INF/resources/js/faults.js';

const TRACE = {
  segments: [
    { id: 1, from: 'client', to: 'server', flags: ['SYN'], sentAt: 0 },
    { id: 2, from: 'server', to: 'client', flags: ['SYN', 'ACK'], sentAt: 50 },
    { id: 3, from: 'client', to: 'server', flags: ['SYN'], sentAt: 1000 },
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

// Two faults on one kind: the engine counts a fault's nth among the segments the faults before it let through
// (FaultPolicy), so "this one" is counted the same way, not among all the sender's segments of its kind.
const ACKS = {
  segments: [1, 2, 3, 4, 5].map((id) => ({
    id, from: 'server', to: 'client', flags: ['ACK'], sentAt: id * 100, fate: id === 2 ? 'lost' : 'delivered',
  })),
};
const DROP_FIRST_ACK_AFTER_150 = { match: { from: 'server', flags: ['ACK'], afterMs: 150, nth: 1 }, action: 'drop' };

test('this one is counted among the segments the scenario\'s faults let through, so it is the one chosen', () => {
  assert.deepEqual(buildFault(ACKS, 4, 'drop', null, [DROP_FIRST_ACK_AFTER_150]),
    { match: { from: 'server', flags: ['ACK'], nth: 3 }, action: 'drop', ms: FAULT_DELAY_MS });
  assert.deepEqual(letThrough(ACKS, [DROP_FIRST_ACK_AFTER_150]).map((sg) => sg.id), [1, 3, 4, 5]);
});

test('a segment one of the scenario\'s faults takes cannot be reached by a fault after it', () => {
  assert.equal(buildFault(ACKS, 2, 'delay', null, [DROP_FIRST_ACK_AFTER_150]), null);
  // From a moment on still can: the fault takes the later ones the scenario's let through.
  assert.deepEqual(buildFault(ACKS, 2, 'drop', 200, [DROP_FIRST_ACK_AFTER_150]),
    { match: { from: 'server', flags: ['ACK'], afterMs: 200 }, action: 'drop', ms: FAULT_DELAY_MS });
});

test('a fault\'s window (afterMs, beforeMs), its flags as the engine matches them and a coin it lost are taken into account', () => {
  const slowUntil250 = { match: { from: 'server', beforeMs: 250 }, action: 'delay', ms: 180 };
  assert.deepEqual(letThrough(ACKS, [slowUntil250]).map((sg) => sg.id), [3, 4, 5]);
  const finOnly = { match: { from: 'server', flags: ['FIN', 'ACK'] }, action: 'drop' };
  assert.deepEqual(letThrough(ACKS, [finOnly]).map((sg) => sg.id), [1, 2, 3, 4, 5]);
  // A fault with a probability took the segments it matched that were not delivered as sent.
  const sometimes = { match: { from: 'server', flags: ['ACK'] }, action: 'drop', probability: 0.5 };
  assert.deepEqual(letThrough(ACKS, [sometimes]).map((sg) => sg.id), [1, 3, 4, 5]);
});
