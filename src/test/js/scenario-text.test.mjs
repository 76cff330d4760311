// The scenario editor's text edits (js/scenario-text.js), run under Node by ScriptUnitTest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actionLine, faultLine, numberWithin, withAction, withListItem, withParam } from '../../main/resources/META-INF/resources/js/scenario-text.js';

const HEAD = 'id: x\ntitle: {en: X, zh: X}\n';
const ACTIONS = 'actions:\n  - {at: 0, host: server, call: listen}\n';

test('a tunable for both hosts joins the flow mapping of params, comment kept', () => {
  assert.equal(withParam(`${HEAD}params: {seed: 1, oneWayDelayMs: 50} # the figure's numbers\n${ACTIONS}`, 'rfc1337', true),
    `${HEAD}params: {seed: 1, oneWayDelayMs: 50, rfc1337: true} # the figure's numbers\n${ACTIONS}`);
});

test('setting a tunable again replaces its earlier value in place', () => {
  assert.equal(withParam(`${HEAD}params: {noDelay: false, seed: 1}\n${ACTIONS}`, 'noDelay', true),
    `${HEAD}params: {noDelay: true, seed: 1}\n${ACTIONS}`);
});

test('a host\'s own tunable goes into params.server, started if missing, and then edited inside it', () => {
  const once = withParam(`${HEAD}params: {seed: 1}\n${ACTIONS}`, 'rfc1337', true, 'server');
  assert.equal(once, `${HEAD}params: {seed: 1, server: {rfc1337: true}}\n${ACTIONS}`);
  const twice = withParam(withParam(once, 'rfc1337', false, 'server'), 'mss', 536, 'server');
  assert.equal(twice, `${HEAD}params: {seed: 1, server: {rfc1337: false, mss: 536}}\n${ACTIONS}`);
  const client = withParam(twice, 'moderateRcvbuf', false, 'client');
  assert.equal(client, `${HEAD}params: {seed: 1, server: {rfc1337: false, mss: 536}, client: {moderateRcvbuf: false}}\n${ACTIONS}`);
  // The same key for both hosts is another level: the hosts' own values stay.
  assert.equal(withParam(client, 'rfc1337', true),
    `${HEAD}params: {seed: 1, server: {rfc1337: false, mss: 536}, client: {moderateRcvbuf: false}, rfc1337: true}\n${ACTIONS}`);
});

test('params written as a block are edited as a block, with their comments and nested blocks', () => {
  const block = `${HEAD}params:\n  # the textbook's numbers\n  seed: 1\n  server:\n    mss: 536 # small\n  noDelay: false\n${ACTIONS}`;
  assert.equal(withParam(block, 'noDelay', true),
    `${HEAD}params:\n  # the textbook's numbers\n  seed: 1\n  server:\n    mss: 536 # small\n  noDelay: true\n${ACTIONS}`);
  assert.equal(withParam(block, 'mss', 1000, 'server'),
    `${HEAD}params:\n  # the textbook's numbers\n  seed: 1\n  server:\n    mss: 1000 # small\n  noDelay: false\n${ACTIONS}`);
  assert.equal(withParam(block, 'rfc1337', true, 'server'),
    `${HEAD}params:\n  # the textbook's numbers\n  seed: 1\n  server:\n    mss: 536 # small\n    rfc1337: true\n  noDelay: false\n${ACTIONS}`);
  assert.equal(withParam(block, 'sack', false, 'client'),
    `${HEAD}params:\n  # the textbook's numbers\n  seed: 1\n  server:\n    mss: 536 # small\n  noDelay: false\n  client: {sack: false}\n${ACTIONS}`);
});

test('a host block written as a flow mapping inside block params is edited inside it', () => {
  assert.equal(withParam(`${HEAD}params:\n  seed: 1\n  client: {sack: false, mss: 536}\n${ACTIONS}`, 'sack', true, 'client'),
    `${HEAD}params:\n  seed: 1\n  client: {sack: true, mss: 536}\n${ACTIONS}`);
});

test('a scenario without params gets them before its actions', () => {
  assert.equal(withParam(`${HEAD}${ACTIONS}`, 'synCookies', 'always', 'server'),
    `${HEAD}params: {server: {synCookies: always}}\n${ACTIONS}`);
  assert.equal(withParam(HEAD, 'lossRate', 0.25), `${HEAD}params: {lossRate: 0.25}\n`);
});

test('a flow mapping of params over several lines becomes one line with the value set', () => {
  assert.equal(withParam(`${HEAD}params: {seed: 1,\n  client: {mss: 536}}\n${ACTIONS}`, 'mss', 600, 'client'),
    `${HEAD}params: {seed: 1, client: {mss: 600}}\n${ACTIONS}`);
});

test('the reads switch is a tunable of the scenario like any other', () => {
  assert.equal(withParam(`${HEAD}params: {seed: 1, serverReads: on-arrival}\n${ACTIONS}`, 'serverReads', 'on-call'),
    `${HEAD}params: {seed: 1, serverReads: on-call}\n${ACTIONS}`);
});

test('an action and a fault are appended to their lists; an empty list becomes a block', () => {
  assert.equal(withAction(`${HEAD}${ACTIONS}faults: []\n`, actionLine({ at: 200, host: 'server', call: 'read', bytes: 100 })),
    `${HEAD}${ACTIONS}  - {at: 200, host: server, call: read, bytes: 100}\nfaults: []\n`);
  assert.equal(withListItem(`${HEAD}${ACTIONS}faults: []\n`, 'faults', faultLine({ from: 'client', flags: 'SYN', afterMs: 600000, action: 'drop' })),
    `${HEAD}${ACTIONS}faults:\n  - {match: {from: client, flags: [SYN], afterMs: 600000}, action: drop}\n`);
  assert.equal(faultLine({ from: 'server', flags: '', nth: 2, action: 'delay' }), '  - {match: {from: server, nth: 2}, action: delay, ms: 500}');
  // A window: from afterMs until beforeMs (a path slow for a while).
  assert.equal(faultLine({ from: 'server', flags: '', afterMs: 0, beforeMs: 2000, action: 'delay' }),
    '  - {match: {from: server, afterMs: 0, beforeMs: 2000}, action: delay, ms: 500}');
  assert.equal(faultLine({ from: 'client', flags: 'SYN', nth: 1, action: 'reject' }),
    '  - {match: {from: client, flags: [SYN], nth: 1}, action: reject, code: port}');
  assert.equal(actionLine({ at: 0, host: 'client', call: 'close', bytes: 100 }), '  - {at: 0, host: client, call: close}');
  assert.equal(actionLine({ at: 10, host: 'client', call: 'send', bytes: 100, more: true }), '  - {at: 10, host: client, call: send, bytes: 100, more: true}');
  assert.equal(actionLine({ at: 10, host: 'client', call: 'cork', bytes: 100, more: true }), '  - {at: 10, host: client, call: cork}');
});

test('a number is taken only within its range, and a fraction only where one is allowed', () => {
  assert.equal(numberWithin(' 40 ', 1, 500), 40);
  assert.equal(numberWithin('0', 1, 500), null);
  assert.equal(numberWithin('1.5', 0, 100), null);
  assert.equal(numberWithin('', 0, 100), null);
  assert.equal(numberWithin('-1', -5, 100), null, 'no tunable takes a negative number');
  assert.equal(numberWithin('0.25', 0, 1, true), 0.25);
  assert.equal(numberWithin('1.5', 0, 1, true), null);
});
