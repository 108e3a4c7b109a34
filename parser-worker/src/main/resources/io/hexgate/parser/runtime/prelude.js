// The environment every parser context gets once, when it is built (SPEC §4): Buffer (the npm "buffer"
// package), dayjs with its utc and timezone plugins, timeUtils, a captured console, and the run protocol
// that ParserSandbox drives. Evaluated as one function expression; `libraries` maps a CommonJS module name
// to its factory (module, exports, require).
(function (libraries) {
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
  for (const name of ['Java', 'Graal', 'Polyglot', 'load', 'loadWithNewGlobal', 'print', 'printErr', 'quit', 'exit',
    'read', 'readbuffer', 'readline', 'arguments', 'console', 'require', 'module', 'exports']) {
    try { delete globalThis[name]; } catch (e) { /* a non-configurable global stays, frozen below */ }
  }
  for (const [name, value] of Object.entries({ Buffer, dayjs, timeUtils, console })) {
    Object.defineProperty(globalThis, name, { value, writable: false, enumerable: false, configurable: false });
  }

  // Freeze what every run shares (SES-style lockdown): the built-ins and the libraries above. A parser may
  // still create globals of its own; reset() removes them.
  const frozen = new Set();
  function harden(root) {
    const stack = [root];
    while (stack.length) {
      const value = stack.pop();
      if ((typeof value !== 'object' && typeof value !== 'function') || value === null || frozen.has(value)) continue;
      frozen.add(value);
      Object.freeze(value);
      stack.push(Object.getPrototypeOf(value));
      for (const key of Reflect.ownKeys(value)) {
        const d = Reflect.getOwnPropertyDescriptor(value, key);
        if ('value' in d) stack.push(d.value); else { stack.push(d.get); stack.push(d.set); }
      }
    }
  }
  const baseline = new Set();
  for (const key of Reflect.ownKeys(globalThis)) {
    baseline.add(key);
    const d = Reflect.getOwnPropertyDescriptor(globalThis, key);
    if (d.configurable && 'value' in d) {
      // Math = 0 or delete JSON in one run must not reach the next: the built-in globals become read-only.
      Object.defineProperty(globalThis, key, { writable: false, configurable: false });
    }
    if (key !== 'globalThis' && 'value' in d && d.value !== globalThis) harden(d.value);
  }
  harden(Object.getPrototypeOf(async function () {}));
  harden(Object.getPrototypeOf(function* () {}));
  harden(Object.getPrototypeOf(async function* () {}));
  harden(Object.getPrototypeOf(Uint8Array));
  harden(Object.getPrototypeOf([][Symbol.iterator]()));
  harden(Object.getPrototypeOf(new Map()[Symbol.iterator]()));
  harden(Object.getPrototypeOf(new Set()[Symbol.iterator]()));
  harden(Object.getPrototypeOf(''[Symbol.iterator]()));
  const baselineSize = baseline.size;

  function reset() {
    const keys = Reflect.ownKeys(globalThis);
    if (keys.length !== baselineSize) {
      for (const key of keys) {
        if (!baseline.has(key)) delete globalThis[key];
      }
    }
    dayjs.tz.setDefault();
  }

  // ---- the run protocol: begin → stage × n → finish, always followed by reset ----------------------------
  let state = null;

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

  function jsonSafe(key, value) {
    return typeof value === 'bigint' ? Number(value) : value;
  }

  function json(payload) {
    let out;
    try {
      out = JSON.stringify(payload);
    } catch (first) {
      try {
        out = JSON.stringify(payload, jsonSafe); // BigInts (readBigUInt64…) become numbers
      } catch (e) {
        return JSON.stringify({ $error: 'the payload cannot be stored as JSON: ' + message(e) });
      }
    }
    return out === undefined ? 'null' : out;
  }

  return {
    begin(body, contentType, payloadJson, deviceJson) {
      lines = [];
      dropped = 0;
      const payload = payloadJson === null ? payloadOf(body, contentType) : JSON.parse(payloadJson);
      state = { raw: body, payload, device: JSON.parse(deviceJson), serial: undefined };
    },
    /** Compiles a parser body once per context: `new Function` proves it is one function body, nothing more. */
    compile(code, wrapped) {
      Function('payload', 'raw_payload', 'device', 'serial', code);
      return wrapped;
    },
    /** Runs one stage; returns null on success or the error message of what it threw. */
    stage(parser) {
      try {
        const out = parser(state.payload, state.raw, state.device, state.serial);
        state.payload = out[0];
        state.serial = out[1];
        return null;
      } catch (thrown) {
        return message(thrown);
      }
    },
    /** The current payload as JSON, or {"$error": why} when it cannot be JSON (a cycle, say). */
    finish() {
      return json(state.payload);
    },
    /**
     * Ends the run in one call: the payload as JSON, the serial a network parser set and the console lines
     * (JSON, or empty), separated by NUL characters; then forgets the run — its payload, its console and
     * every global it created.
     */
    end() {
      const serial = state === null || state.serial === undefined || state.serial === null ? '' : String(state.serial);
      if (dropped) lines.push({ level: 'warn', message: dropped + ' more console lines dropped (at most ' + MAX_LINES + ' per run)' });
      const out = (state === null ? 'null' : json(state.payload)) + '\u0000' + serial + '\u0000'
          + (lines.length ? JSON.stringify(lines) : '');
      state = null;
      lines = [];
      reset();
      return out;
    },
    /** Forgets the run without reading it. */
    reset() {
      state = null;
      lines = [];
      reset();
    },
  };
})
