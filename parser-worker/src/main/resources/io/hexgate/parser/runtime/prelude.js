// The environment every parser context gets once, when it is built (SPEC §4): Buffer (the npm "buffer"
// package), dayjs with its utc and timezone plugins, timeUtils, a captured console, the output writer and the
// run protocol that ParserSandbox drives. Evaluated as one function expression: `libraries` maps a CommonJS
// module name to its factory (module, exports, require); `lockdown` freezes the built-ins for a context that
// serves many runs (false for a context of one run); `outputLimit` bounds the output as JSON, in characters.
(function (libraries, lockdown, outputLimit) {
  'use strict';

  const cache = {};
  function require(name) {
    if (!(name in cache)) {
      const factory = libraries[name];
      if (typeof factory !== 'function') {
        throw new Error("require('" + name + "') is not available in a parser");
      }
      const module = { exports: {} };
      cache[name] = module.exports;
      factory(module, module.exports, require);
      cache[name] = module.exports;
    }
    return cache[name];
  }

  const Buffer = require('buffer').Buffer;
  const dayjs = require('dayjs');
  dayjs.extend(require('dayjs/plugin/utc'));
  dayjs.extend(require('dayjs/plugin/timezone'));
  // The first time-zone conversion loads ICU's zone data (seconds, once per process): not in a parser's budget.
  dayjs.utc(0).tz('America/Sao_Paulo').format();

  /** Time helpers on dayjs: an instant seen in a time zone, and wall-clock time of a zone read as an instant. */
  const timeUtils = {
    toTZ(time, zone) { return dayjs(time).tz(zone).format(); },
    fromTZ(localTime, zone) { return dayjs.tz(localTime, zone).toISOString(); },
    toUTC(time) { return dayjs.utc(time).toISOString(); },
    isValid(time) { return dayjs(time).isValid(); },
  };

  // ---- console: at most MAX_LINES lines per run, each cut at MAX_LINE characters --------------------
  const MAX_LINES = 100;
  const MAX_LINE = 1000;
  let lines = [];
  let dropped = 0;
  function text(value) {
    if (typeof value === 'string') return value;
    if (value instanceof Error) return String(value);
    if (typeof value === 'object' && value !== null) {
      try { return JSON.stringify(value); } catch (e) { return Object.prototype.toString.call(value); }
    }
    return String(value);
  }
  function logger(level) {
    return function () {
      if (lines.length >= MAX_LINES) { dropped++; return; }
      let line = '';
      for (let i = 0; i < arguments.length; i++) line += (i ? ' ' : '') + text(arguments[i]);
      if (line.length > MAX_LINE) line = line.slice(0, MAX_LINE) + '…';
      lines.push({ level: level, message: line });
    };
  }
  const console = { log: logger('info'), info: logger('info'), debug: logger('debug'), warn: logger('warn'), error: logger('error') };

  // ---- the sandbox: no host, no loaders, and nothing a run changes survives it -------------------------
  // The intrinsics the protocol itself relies on, taken before any parser runs.
  const { isExtensible, freeze, keys: objectKeys } = Object;
  const { getPrototypeOf, ownKeys, getOwnPropertyDescriptor, deleteProperty, defineProperty } = Reflect;
  const isArray = Array.isArray;
  const stringify = JSON.stringify;
  const NativeDate = Date;
  const ObjectPrototype = Object.prototype;
  const ArrayPrototype = Array.prototype;
  const dateTime = Date.prototype.getTime;
  const dateIso = Date.prototype.toISOString;
  const toNumber = Number;

  for (const name of ['Java', 'Graal', 'Polyglot', 'load', 'loadWithNewGlobal', 'print', 'printErr', 'quit', 'exit',
    'read', 'readbuffer', 'readline', 'arguments', 'console', 'require', 'module', 'exports',
    // Its callbacks would run later, in another run (of another profile): not offered.
    'FinalizationRegistry']) {
    try { delete globalThis[name]; } catch (e) { /* a non-configurable global stays, frozen below */ }
  }
  // RegExp.input, lastMatch, $1… hold the context's last match, whoever made it: a channel from one run to the
  // next. Removed (GraalJS's switch for them, js.regexp-static-result, is an experimental option).
  for (const name of ['input', '$_', 'lastMatch', '$&', 'lastParen', '$+', 'leftContext', '$`', 'rightContext', "$'",
    '$1', '$2', '$3', '$4', '$5', '$6', '$7', '$8', '$9']) {
    delete RegExp[name];
  }
  // ---- what a run may do that the cheap output check cannot see (see plainData below) ---------------------
  // A run is *exotic* when it may have made an object that JSON.stringify would run guest code on while the
  // cheap check reads it as plain data: an accessor or a non-enumerable property (only the defining functions
  // below make them, or `get`/`set` syntax — which the runtime finds in a parser's source, or in dynamic code:
  // eval and the Function constructors, wrapped here), or a Proxy. A context of one run (no lockdown), whose
  // realm the parser may change, is always exotic.
  let exotic = !lockdown;
  const { apply, construct } = Reflect;
  const NativeFunction = Function;
  const nativeEval = eval;
  function tainting(owner, name, when) {
    const original = owner[name];
    const wrapped = { [name]() { if (when === undefined || when(arguments)) exotic = true; return apply(original, this, arguments); } }[name];
    defineProperty(wrapped, 'length', { value: original.length });
    defineProperty(owner, name, { value: wrapped, writable: true, enumerable: false, configurable: true });
  }
  tainting(Object, 'defineProperty');
  tainting(Object, 'defineProperties');
  tainting(Object, 'create', (args) => args.length > 1 && args[1] !== undefined);
  tainting(Reflect, 'defineProperty');
  tainting(Object.prototype, '__defineGetter__');
  tainting(Object.prototype, '__defineSetter__');
  // Indirect eval, as globalThis.eval always is; a parser's own `eval(…)` (a direct eval) reaches the intrinsic
  // through the binding its wrapper gives it (see parserSource), and its source is then exotic.
  defineProperty(globalThis, 'eval', {
    value: { eval(code) { exotic = true; return nativeEval(code); } }.eval, writable: true, enumerable: false, configurable: true,
  });
  for (const made of [function () {}, async function () {}, function* () {}, async function* () {}]) {
    const prototype = getPrototypeOf(made);
    const Original = prototype.constructor;
    const Wrapped = function () { exotic = true; return construct(Original, arguments, new.target || Original); };
    defineProperty(Wrapped, 'name', { value: Original.name });
    defineProperty(Wrapped, 'length', { value: Original.length });
    defineProperty(Wrapped, 'prototype', { value: prototype });
    defineProperty(prototype, 'constructor', { value: Wrapped, writable: true, enumerable: false, configurable: true });
    if (Original === NativeFunction) {
      defineProperty(globalThis, 'Function', { value: Wrapped, writable: true, enumerable: false, configurable: true });
    }
  }

  for (const [name, value] of Object.entries({ Buffer, dayjs, timeUtils, console })) {
    defineProperty(globalThis, name, { value, writable: false, enumerable: false, configurable: false });
  }

  // Every Proxy a parser makes is known, so the output reader refuses it instead of running its traps.
  const proxies = new WeakSet();
  const NativeProxy = Proxy;
  const TrackedProxy = function Proxy(target, handler) {
    if (new.target === undefined) throw new TypeError("Constructor Proxy requires 'new'");
    exotic = true;
    const proxy = new NativeProxy(target, handler);
    proxies.add(proxy);
    return proxy;
  };
  TrackedProxy.revocable = function revocable(target, handler) {
    exotic = true;
    const made = NativeProxy.revocable(target, handler);
    proxies.add(made.proxy);
    return made;
  };
  defineProperty(globalThis, 'Proxy', { value: TrackedProxy, writable: true, enumerable: false, configurable: true });

  // Node names UTC "Coordinated Universal Time" in a date's string, GraalJS "GMT"; decoders print dates with it.
  // The context's zone is UTC (JsEngine), so the name is always the UTC one.
  for (const name of ['toString', 'toTimeString']) {
    const original = NativeDate.prototype[name];
    const named = { [name]() {
      const text = apply(original, this, arguments);
      return text.length > 6 && text.slice(-6) === ' (GMT)' ? text.slice(0, -6) + ' (Coordinated Universal Time)' : text;
    } }[name];
    defineProperty(named, 'length', { value: original.length });
    defineProperty(NativeDate.prototype, name, { value: named, writable: true, enumerable: false, configurable: true });
  }

  // In a shared context (lockdown), freeze what every run shares (SES-style): the built-ins and the libraries
  // above. A parser may still create globals of its own; reset() removes them. A parser that must change its
  // realm (a polyfill redefining Object.assign) runs in a context of its own instead, never reused.
  const frozen = new Set();
  function harden(root) {
    const stack = [root];
    while (stack.length) {
      const value = stack.pop();
      if ((typeof value !== 'object' && typeof value !== 'function') || value === null || frozen.has(value)) continue;
      frozen.add(value);
      freeze(value);
      stack.push(getPrototypeOf(value));
      for (const key of ownKeys(value)) {
        const d = getOwnPropertyDescriptor(value, key);
        if ('value' in d) stack.push(d.value); else { stack.push(d.get); stack.push(d.set); }
      }
    }
  }
  const baseline = new Set();
  for (const key of ownKeys(globalThis)) {
    baseline.add(key);
    if (!lockdown) continue;
    const d = getOwnPropertyDescriptor(globalThis, key);
    if (d.configurable && 'value' in d) {
      // Math = 0 or delete JSON in one run must not reach the next: the built-in globals become read-only.
      defineProperty(globalThis, key, { writable: false, configurable: false });
    }
    if (key !== 'globalThis' && 'value' in d && d.value !== globalThis) harden(d.value);
  }
  if (lockdown) {
    // The prototypes no global names, which only an instance leads to: shared by every run as the built-ins are.
    const segments = new Intl.Segmenter().segment('');
    for (const made of [async function () {}, function* () {}, async function* () {}, Uint8Array, [][Symbol.iterator](),
      new Map()[Symbol.iterator](), new Set()[Symbol.iterator](), ''[Symbol.iterator](), /x/[Symbol.matchAll]('x'),
      [].values().map((x) => x), Iterator.from({ next() { return { done: true }; } }), segments,
      segments[Symbol.iterator]()]) {
      harden(getPrototypeOf(made));
    }
  }
  const baselineSize = baseline.size;
  const globalPrototype = getPrototypeOf(globalThis);

  /**
   * Removes what a run added to the global object and says whether the context is as it was: false when the run
   * changed the global object's prototype or extensibility or left a global that cannot be deleted — the owner
   * then closes the context instead of lending it to the next run.
   */
  function reset() {
    let clean = getPrototypeOf(globalThis) === globalPrototype && isExtensible(globalThis);
    const keys = ownKeys(globalThis);
    if (keys.length !== baselineSize) {
      for (const key of keys) {
        if (!baseline.has(key) && !deleteProperty(globalThis, key)) clean = false;
      }
    }
    dayjs.tz.setDefault();
    if (dayjs.locale() !== 'en') dayjs.locale('en');
    return clean;
  }

  // ---- the output, read without running guest code ---------------------------------------------------------
  // JSON.stringify would call toJSON, getters and proxy traps of the parser's objects, after its stage and
  // outside its budget. This writer reads own data properties only: accessors are left out unread, a Proxy is
  // refused, a Date is written as its ISO time (by the intrinsic, never a parser's toJSON), a BigInt as a number.
  const MAX_DEPTH = 64;
  function OutputError(message) { this.message = message; }

  // The writer's state: what is written so far and its limit (one run at a time per context).
  let written = '';
  let writeLimit = 0;

  function tooLarge() {
    return new OutputError('the payload is larger than ' + writeLimit + ' bytes as JSON');
  }

  // Numbers as JSON.stringify writes them (NaN and the infinities as null) without a call per number.
  function number(value) {
    return value === value && value !== Infinity && value !== -Infinity ? '' + value : 'null';
  }

  function write(value, depth) {
    switch (typeof value) {
      case 'string': written += stringify(value); return;
      case 'number': written += number(value); return;
      case 'boolean': written += value ? 'true' : 'false'; return;
      case 'bigint': written += number(toNumber(value)); return;
      case 'object': if (value === null) { written += 'null'; return; } break;
      default: written += 'null'; return; // only array elements get here: undefined, functions and symbols
    }
    if (proxies.has(value)) throw new OutputError('the payload holds a Proxy, which cannot be stored');
    // A cycle ends here too: it nests without end.
    if (depth > MAX_DEPTH) throw new OutputError('the payload is nested deeper than ' + MAX_DEPTH + ' levels (or refers to itself)');
    if (written.length > writeLimit) throw tooLarge();
    if (value instanceof NativeDate) {
      // the intrinsic's time, never a toJSON of the parser's; a Date-like object that is no Date is written as null
      let time;
      try { time = dateTime.call(value); } catch (e) { time = NaN; }
      written += time === time ? stringify(dateIso.call(value)) : 'null';
      return;
    }
    if (isArray(value)) {
      written += '[';
      const length = value.length;
      for (let i = 0; i < length; i++) {
        if (i) written += ',';
        const d = getOwnPropertyDescriptor(value, i);
        if (d === undefined || d.get !== undefined || d.set !== undefined) {
          written += 'null';
        } else {
          write(d.value, depth + 1);
        }
        if (written.length > writeLimit) throw tooLarge();
      }
      written += ']';
      return;
    }
    written += '{';
    let first = true;
    const keys = ownKeys(value);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (typeof key !== 'string') continue;
      const d = getOwnPropertyDescriptor(value, key);
      // accessors are left out unread; undefined, functions and symbols are left out, as JSON.stringify does
      if (!d.enumerable || d.get !== undefined || d.set !== undefined) continue;
      const v = d.value;
      const type = typeof v;
      if (type === 'undefined' || type === 'function' || type === 'symbol') continue;
      written += first ? stringify(key) + ':' : ',' + stringify(key) + ':';
      first = false;
      write(v, depth + 1);
    }
    written += '}';
  }

  /** The value as JSON of at most `limit` characters, read without running any of the parser's code. */
  function writeJson(root, limit) {
    const type = typeof root;
    if (type === 'undefined' || type === 'function' || type === 'symbol') return 'null';
    written = '';
    writeLimit = limit;
    try {
      write(root, 0);
      if (written.length > writeLimit) throw tooLarge();
      return written;
    } finally {
      written = '';
    }
  }

  /**
   * Whether the intrinsic JSON.stringify would run none of the parser's code on the value: every object in it is
   * no Proxy, has Object.prototype or Array.prototype as prototype (frozen in a shared context, so they add no
   * toJSON nor accessor), owns neither a toJSON nor an accessor, and holds no function. Read by descriptors, for an
   * exotic run (plainData below answers the same for the others); what passes is written by the intrinsic, anything
   * else by the writer above.
   */
  function plain(value, depth) {
    if (typeof value !== 'object' || value === null) return true;
    if (depth > MAX_DEPTH || proxies.has(value)) return false;
    const proto = getPrototypeOf(value);
    if (proto !== ObjectPrototype && proto !== ArrayPrototype) return false;
    const keys = ownKeys(value);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (key === 'toJSON') return false;
      const d = getOwnPropertyDescriptor(value, key);
      if (d.get !== undefined || d.set !== undefined) return false;
      const v = d.value;
      // a function is an object to JSON.stringify: its own toJSON would be called
      if (typeof v === 'object' ? v !== null && !plain(v, depth + 1) : typeof v === 'function') return false;
    }
    return true;
  }

  /**
   * The same answer as plain(), for a run that is not exotic, by reading values instead of property descriptors
   * (about twice as fast). Sound only there: no object of the run can have an accessor, a non-enumerable
   * property or a Proxy, and no object of an earlier run is reachable — so every read is of a data property, and
   * a toJSON the intrinsic would call is an enumerable own function (of an object) or an own property (of an
   * array), which this finds. Object.prototype and Array.prototype are frozen without a toJSON.
   */
  function plainData(value, depth) {
    if (depth > MAX_DEPTH) return false;
    const proto = getPrototypeOf(value);
    if (isArray(value)) {
      if (proto !== ArrayPrototype || value.toJSON !== undefined) return false;
      const length = value.length;
      if (length > outputLimit) return false;
      for (let i = 0; i < length; i++) {
        const v = value[i];
        if (typeof v === 'object' ? v !== null && !plainData(v, depth + 1) : typeof v === 'function') return false;
      }
      return true;
    }
    if (proto !== ObjectPrototype) return false;
    // Own keys are all for-in would give (Object.prototype is frozen with nothing enumerable), without its iterator.
    const keys = objectKeys(value);
    for (let i = 0; i < keys.length; i++) {
      const v = value[keys[i]];
      if (typeof v === 'object' ? v !== null && !plainData(v, depth + 1) : typeof v === 'function') return false;
    }
    return true;
  }

  function json(payload) {
    try {
      if (typeof payload === 'function') return 'null';
      if (typeof payload !== 'object' || payload === null || (exotic ? plain(payload, 0) : plainData(payload, 0))) {
        let text = null;
        try { text = stringify(payload); } catch (bigint) { /* a BigInt: the writer makes it a number */ }
        if (text === undefined) return 'null';
        if (text !== null) {
          if (text.length > outputLimit) throw new OutputError('the payload is larger than ' + outputLimit + ' bytes as JSON');
          return text;
        }
      }
      return writeJson(payload, outputLimit);
    } catch (e) {
      const why = e instanceof OutputError ? e.message : 'the payload cannot be stored as JSON';
      return stringify({ $error: why });
    }
  }

  /** A serial the network parser set: a string or a number, never an object whose toString would run. */
  function serialOf(value) {
    const type = typeof value;
    if (type !== 'string' && type !== 'number' && type !== 'bigint') return '';
    const text = '' + value;
    return text.indexOf('\u0000') >= 0 ? '' : text;
  }

  // ---- codecs of other ecosystems (docs/codecs.md) -------------------------------------------------------
  // A connector's or device's parser may be a codec written for The Things Stack / ChirpStack v4 / TS013
  // (decodeUplink(input)), ChirpStack v3 (Decode(fPort, bytes, variables)) or TTN v2 (Decoder(bytes, port)). It runs
  // on the uplink the network stage left: the bytes of its `payload` item (hex), its `fport` (or `port`) item, the
  // payload item's time, the device's parameters as variables; what it decodes is appended to the uplink's items
  // as data points, one per leaf of `data`, named by the leaf's path joined with '_' (arrays by index). All of it runs
  // inside the stage's call: under its deadline and statement limit, like the script itself.
  const MAX_CODEC_VALUES = 1000;
  const MAX_CODEC_DEPTH = 16;
  const HEX = /^(?:[0-9a-fA-F]{2})*$/;
  const hexTest = RegExp.prototype.test;

  function codecUplink(payload) {
    const uplink = { hex: undefined, fPort: undefined, time: undefined, group: undefined };
    if (typeof payload === 'string') {
      uplink.hex = payload.trim();
    } else if (isArray(payload)) {
      for (let i = 0; i < payload.length; i++) {
        const item = payload[i];
        if (typeof item !== 'object' || item === null || typeof item.variable !== 'string') continue;
        const name = item.variable.toLowerCase();
        if (name === 'payload' && uplink.hex === undefined) {
          uplink.hex = item.value;
          uplink.group = item.group;
          uplink.time = item.time;
        } else if ((name === 'fport' || name === 'port') && uplink.fPort === undefined) {
          uplink.fPort = item.value;
        }
      }
    }
    if (typeof uplink.hex !== 'string' || !apply(hexTest, HEX, [uplink.hex])) {
      throw new Error('a codec decodes the uplink\'s "payload" item as hex; '
          + (uplink.hex === undefined ? 'the uplink has none' : 'it is ' + text(uplink.hex).slice(0, 100)));
    }
    const bytes = [];
    for (let i = 0; i < uplink.hex.length; i += 2) bytes.push(parseInt(uplink.hex.slice(i, i + 2), 16));
    uplink.bytes = bytes;
    const port = toNumber(uplink.fPort);
    uplink.fPort = uplink.fPort === undefined || uplink.fPort === null || uplink.fPort === '' || port !== port ? undefined : port;
    return uplink;
  }

  /** Appends each leaf of data to points as {variable: path, value, group, time}: the frame's group and time. */
  function flatten(value, path, depth, points, group, time) {
    if (value === undefined || value === null || typeof value === 'function' || typeof value === 'symbol') return;
    if (typeof value === 'object' && !(value instanceof NativeDate)) {
      if (depth >= MAX_CODEC_DEPTH) throw new Error('the decoded data is nested deeper than ' + MAX_CODEC_DEPTH + ' levels at ' + path);
      const keys = isArray(value) ? null : objectKeys(value);
      const count = keys === null ? value.length : keys.length;
      for (let i = 0; i < count; i++) {
        const key = keys === null ? '' + i : keys[i];
        flatten(value[key], path === '' ? key : path + '_' + key, depth + 1, points, group, time);
      }
      return;
    }
    if (points.length >= MAX_CODEC_VALUES) throw new Error('the decoded data has more than ' + MAX_CODEC_VALUES + ' values');
    const point = { variable: path === '' ? 'value' : path,
      value: value instanceof NativeDate ? apply(dateIso, value, []) : typeof value === 'bigint' ? toNumber(value) : value };
    if (group !== undefined) point.group = group;
    if (time !== undefined) point.time = time;
    points.push(point);
  }

  /** Runs the codec the script defined (decodeUplink, else Decode, else Decoder) and returns the uplink's items with its points. */
  function decodeWith(entries, before, variablesJson) {
    const uplink = codecUplink(before);
    // The device's parameters as {key: value}, derived by the host once per device (JsEngine.variablesJson) and
    // handed to a stage that may be a codec: a fresh object every run, never the device's own.
    const variables = variablesJson === null ? {} : JSON.parse(variablesJson);
    let data;
    if (entries[2] !== undefined) {
      const result = entries[2]({ bytes: uplink.bytes, fPort: uplink.fPort,
        recvTime: new NativeDate(uplink.time === undefined ? NativeDate.now() : uplink.time), variables });
      if (typeof result !== 'object' || result === null) throw new Error('decodeUplink returned ' + text(result) + ', not {data}');
      const errors = result.errors;
      if (isArray(errors) && errors.length > 0) {
        let message = '';
        for (let i = 0; i < errors.length && i < 10; i++) message += (i ? '; ' : '') + text(errors[i]);
        throw new Error('decodeUplink: ' + message);
      }
      const warnings = result.warnings;
      if (isArray(warnings)) {
        for (let i = 0; i < warnings.length && i < MAX_LINES; i++) console.warn('decodeUplink: ' + text(warnings[i]));
      }
      data = result.data;
      if (typeof data !== 'object' || data === null || isArray(data)) {
        throw new Error('decodeUplink returned data that is ' + (data === null ? 'null' : isArray(data) ? 'an array' : typeof data) + ', not an object');
      }
    } else {
      const name = entries[3] !== undefined ? 'Decode' : 'Decoder';
      data = entries[3] !== undefined ? entries[3](uplink.fPort, uplink.bytes, variables) : entries[4](uplink.bytes, uplink.fPort);
      if (typeof data !== 'object' || data === null) throw new Error(name + ' returned ' + text(data) + ', not an object');
    }
    const points = [];
    flatten(data, '', 0, points, uplink.group, uplink.time);
    const out = [];
    if (isArray(before)) for (let i = 0; i < before.length; i++) out.push(before[i]);
    for (let i = 0; i < points.length; i++) out.push(points[i]);
    return out;
  }

  // ---- the canonical uplink (docs/networks/README.md) -----------------------------------------------------
  // What a network stage leaves is checked before the connector runs, whatever wrote it (a built-in network's
  // parser, a profile's own, a public TagoIO one): the items of the canonical names must have the canonical form, so
  // that a codec and a data query find the same thing from every network. Other items pass as they are. Numbers
  // written as text (Sigfox's "-97.00") and upper-case hex are made canonical; anything else fails the stage,
  // naming the item, the value and the rule.
  const HEX_DIGITS = /^[0-9a-fA-F]*$/;
  const NUMERIC = /^\s*-?\d+(\.\d+)?\s*$/;
  const CANONICAL_RULES = {
    __proto__: null,
    payload: 'hexadecimal digits, an even number of them',
    fport: 'an integer from 0 to 255',
    fcnt: 'an integer of 0 or more',
    rx_rssi: 'a number (dBm)',
    rx_snr: 'a number (dB)',
    rx_frequency: 'a number of Hz (868100000, not 868.1)',
    rx_sf: 'an integer from 5 to 12',
    rx_bw: 'a number of Hz (125000, not 125)',
    rx_gateway: 'text',
  };
  function canonicalValue(name, value) {
    if (name === 'payload') {
      return typeof value === 'string' && value.length % 2 === 0 && apply(hexTest, HEX_DIGITS, [value])
        ? value.toLowerCase() : undefined;
    }
    if (name === 'rx_gateway') return typeof value === 'string' || typeof value === 'number' ? '' + value : undefined;
    const number = typeof value === 'number' ? value
      : typeof value === 'string' && apply(hexTest, NUMERIC, [value]) ? toNumber(value) : NaN;
    if (number !== number || number === Infinity || number === -Infinity) return undefined;
    switch (name) {
      case 'fport': return number % 1 === 0 && number >= 0 && number <= 255 ? number : undefined;
      case 'fcnt': return number % 1 === 0 && number >= 0 ? number : undefined;
      case 'rx_sf': return number % 1 === 0 && number >= 5 && number <= 12 ? number : undefined;
      case 'rx_frequency': return number >= 1e6 ? number : undefined;
      case 'rx_bw': return number >= 1000 ? number : undefined;
      default: return number;
    }
  }
  function canonical(items) {
    if (!isArray(items)) return;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (typeof item !== 'object' || item === null || typeof item.variable !== 'string') continue;
      const rule = CANONICAL_RULES[item.variable];
      if (rule === undefined) continue;
      const value = canonicalValue(item.variable, item.value);
      if (value === undefined) {
        throw new Error('the network stage\'s uplink is not canonical: item "' + item.variable + '" is '
          + text(item.value).slice(0, 60) + ', it must be ' + rule + ' (docs/networks/README.md)');
      }
      item.value = value;
    }
  }

  // ---- the run protocol: begin → stage × n → finish, always followed by reset ----------------------------
  let state = null;
  // A stage's flags (JsEngine.flags): its source may make what the cheap output check cannot see (exotic), and it
  // may read the device — the device's JSON is parsed by the first stage that may, not by every run.
  const EXOTIC = 1;
  const NAMES_DEVICE = 2;
  // … and it may define a codec's entry point: its function then returns [payload, serial, decodeUplink, Decode,
  // Decoder], each the function the script defined or undefined (docs/codecs.md).
  const CODEC = 4;
  // … and it is a network stage: what it leaves must be the canonical uplink.
  const CANONICAL = 8;
  // … and its connector declares how it runs (docs/codecs.md): a TagoIO script (never a codec: nothing to do here,
  // its function returns no entry points), or the one codec entry point to call, whatever else the script defines.
  const ENTRY_DECODE_UPLINK = 32;
  const ENTRY_DECODE = 64;
  const ENTRY_DECODER = 128;
  const ENTRY_NAMES = [undefined, undefined, 'decodeUplink', 'Decode', 'Decoder'];

  /** The entry points the script defined, reduced to the declared one; fails naming it when the script has none. */
  function declaredEntry(out, declared) {
    const at = declared === ENTRY_DECODE_UPLINK ? 2 : declared === ENTRY_DECODE ? 3 : 4;
    if (out[at] === undefined) {
      throw new Error('the connector declares ' + ENTRY_NAMES[at] + ' as its decoder\'s entry point, but the script '
          + 'defines no function ' + ENTRY_NAMES[at]);
    }
    const only = [out[0], out[1], undefined, undefined, undefined];
    only[at] = out[at];
    return only;
  }

  function looksLikeJson(body) {
    for (let i = 0; i < body.length; i++) {
      const c = body.charCodeAt(i);
      if (c === 0x7b || c === 0x5b) return true; // { or [
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return false;
    }
    return false;
  }

  function payloadOf(body, contentType) {
    if (looksLikeJson(body) || contentType.toLowerCase().indexOf('json') >= 0) {
      try {
        const parsed = JSON.parse(body);
        if (Array.isArray(parsed)) return parsed;
        if (typeof parsed === 'object' && parsed !== null) return [parsed];
      } catch (e) { /* not JSON after all: the body as text, as TagoIO does */ }
    }
    return body;
  }

  function message(thrown) {
    if (thrown instanceof Error) {
      const where = /parser:[a-z]+:[^:\s]*:(\d+)/.exec(String(thrown.stack || ''));
      return String(thrown.name || 'Error') + ': ' + String(thrown.message)
          + (where ? ' (line ' + where[1] + ')' : '');
    }
    if (typeof thrown === 'string') return thrown;
    try { return 'thrown: ' + JSON.stringify(thrown); } catch (e) { return 'thrown: ' + String(thrown); }
  }

  // serial: the one a webhook's URL names (a network stage starts with it), or null
  function begin(body, contentType, payloadJson, deviceJson, serial) {
    exotic = !lockdown;
    lines = [];
    dropped = 0;
    const payload = payloadJson === null ? payloadOf(body, contentType) : JSON.parse(payloadJson);
    state = { raw: body, payload, deviceJson, device: undefined, serial: serial === null ? undefined : serial };
  }

  /**
   * Runs one stage; returns null on success, else what it threw as a message behind one letter: T for a
   * TypeError (what a frozen built-in answers to a parser that changes it), E for anything else. variablesJson is a
   * codec's variables as JSON (JsEngine.variablesJson), given only to a stage that may be a codec; null for none.
   */
  function stage(parser, flags, variablesJson) {
    if (flags & EXOTIC) exotic = true;
    if ((flags & NAMES_DEVICE) && state.deviceJson !== undefined) {
      state.device = JSON.parse(state.deviceJson);
      state.deviceJson = undefined;
    }
    try {
      const before = state.payload;
      const length = (flags & CODEC) && isArray(before) ? before.length : -1;
      const out = parser(before, state.raw, state.device, state.serial);
      state.serial = out[1];
      const declared = flags & (ENTRY_DECODE_UPLINK | ENTRY_DECODE | ENTRY_DECODER);
      if (declared) {
        state.payload = decodeWith(declaredEntry(out, declared), before, variablesJson);
      // Detected (auto): the script defined an entry point and left payload as it found it (a TagoIO script that
      // calls a decoder of its own has changed payload by then, and stays a TagoIO script).
      } else if ((flags & CODEC) && out[0] === before && (length < 0 || before.length === length)
          && (out[2] !== undefined || out[3] !== undefined || out[4] !== undefined)) {
        state.payload = decodeWith(out, before, variablesJson);
      } else {
        state.payload = out[0];
      }
      if (flags & CANONICAL) canonical(state.payload);
      return null;
    } catch (thrown) {
      return (thrown instanceof TypeError ? 'T' : 'E') + message(thrown);
    }
  }

  // What end() leaves for rest(): whether the context is clean (1 or 0), the serial, NUL, the console lines.
  let ended = '';

  /**
   * Ends the run: returns the payload as JSON and leaves for rest() whether the context is still clean, the serial
   * a network parser set and the console lines; then forgets the run — its payload, its console and every global
   * it created. Two strings, not one: the host reads a string the intrinsic wrote as it is, while a concatenation
   * of the payload with the rest would be copied once more on its way out (~0.5 µs of a ~20 µs run, measured).
   */
  function end() {
    const serial = state === null ? '' : serialOf(state.serial);
    if (dropped) lines.push({ level: 'warn', message: dropped + ' more console lines dropped (at most ' + MAX_LINES + ' per run)' });
    const out = state === null ? 'null' : json(state.payload);
    const consoleJson = lines.length ? stringify(lines) : '';
    state = null;
    lines = [];
    ended = (reset() ? '1' : '0') + serial + '\u0000' + consoleJson;
    return out;
  }

  /** What end() left: the clean flag, the serial, NUL, the console lines as JSON (or empty); read once. */
  function rest() {
    const text = ended;
    ended = '';
    return text;
  }

  return {
    begin,
    /**
     * Proves that a parser's code is one function body and nothing more, before anything of it is evaluated: code
     * such as `}); let x; (function () {` would otherwise close the wrapper and run at the context's top level.
     */
    check(code) {
      NativeFunction('payload', 'raw_payload', 'device', 'serial', code);
    },
    /**
     * The parser's function, from the factory its wrapper evaluates to (given the intrinsic eval); frozen with its
     * prototype, since it serves every later run in this context: a property set on it would carry one run's data,
     * of one profile, to the next (arguments.callee.kept = raw_payload).
     */
    bind(factory) {
      const parser = factory(nativeEval);
      freeze(parser.prototype);
      return freeze(parser);
    },
    stage,
    /**
     * The first stage in one call with the run's begin (one polyglot call fewer per run); returns as stage. The
     * end stays a call of its own: promise jobs a stage queued run when the call that ran it returns, and must
     * run before the end forgets what the run created.
     */
    first(parser, flags, variablesJson, body, contentType, payloadJson, deviceJson, serial) {
      begin(body, contentType, payloadJson, deviceJson, serial);
      return stage(parser, flags, variablesJson);
    },
    /** The current payload as JSON, or {"$error": why} when it cannot be stored as JSON (a cycle, say). */
    finish() {
      return json(state.payload);
    },
    end,
    rest,
    /** The serial the stages so far set, '' for none (a string or number, never an object's toString). */
    serialNow() {
      return state === null ? '' : serialOf(state.serial);
    },
    /** The run goes on for the device a network stage's serial named: its device global from the next stage on. */
    switchDevice(deviceJson) {
      state.deviceJson = deviceJson;
      state.device = undefined;
    },
  };
})
