package io.hexgate.parser.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Isolation between runs (SPEC §4): one run — of any profile — can neither observe nor change what a later run
 * sees, through any channel a pooled context keeps (RegExp statics, the global object and its prototype, top-level
 * bindings, queued jobs), and no guest code runs outside a stage's budget. Each run here stands for another
 * profile's uplink on the same worker thread (one thread, so every run shares the pooled context).
 */
class SandboxIsolationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEVICE = "{\"id\":\"d\",\"name\":\"n\",\"network\":\"n\",\"connector\":\"c\",\"tags\":[],\"params\":[]}";

    @RegisterExtension
    static final TestRuntime RUNTIME = new TestRuntime();

    private static ParseOutcome run(Duration budget, ParserStage stage, String code) {
        List<ParserScript> stages = new ArrayList<>();
        stages.add(ParserScript.of(stage, "owner-" + System.nanoTime(), code));
        try {
            return RUNTIME.get().submit(new ParseRequest("[]", "application/json", null, DEVICE, stages, budget, false))
                    .get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the run did not end within 20 s", e);
        }
    }

    private static ParseOutcome run(String code) {
        return run(Duration.ofSeconds(1), ParserStage.DEVICE, code);
    }

    private static String value(String code) {
        ParseOutcome outcome = run(code);
        assertThat(outcome.failure()).as("failure of %s", code).isNull();
        return output(outcome).get(0).get("value").asText();
    }

    private static JsonNode output(ParseOutcome outcome) {
        try {
            return JSON.readTree(outcome.outputJson());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void regExpStaticsOfOneRunAreNotVisibleToTheNext() {
        run("/(SECRET)/.exec('device says SECRET'); payload = [];");
        assertThat(value("payload = [{ variable: 'v', value: String([RegExp.input, RegExp.lastMatch, RegExp.$1, RegExp['$_']]) }];"))
                .doesNotContain("SECRET");
        run("try { RegExp.input = 'SECRET'; } catch (e) {} payload = [];");
        assertThat(value("payload = [{ variable: 'v', value: String(RegExp.input) }];")).doesNotContain("SECRET");
    }

    @Test
    void aSetterOnTheGlobalPrototypeDoesNotCatchTheNextRunsGlobals() {
        run("""
                const seen = [];
                Object.setPrototypeOf(globalThis, Object.create(Object.getPrototypeOf(globalThis), {
                  probe: { set(v) { seen.push(v); }, get() { return 'caught:' + seen.join(); }, configurable: true } }));
                payload = [];""");
        run("probe = 'SECRET'; payload = [];");
        assertThat(value("payload = [{ variable: 'v', value: typeof probe === 'undefined' ? 'none' : String(probe) }];"))
                .isEqualTo("none");
    }

    @Test
    void aGlobalObjectMadeNonExtensibleIsNotLentToTheNextRun() {
        run("Object.preventExtensions(globalThis); payload = [];");
        assertThat(value("mine = 5; payload = [{ variable: 'v', value: typeof mine }];")).isEqualTo("number");
    }

    @Test
    void aGlobalThatCannotBeDeletedDiesWithItsContext() {
        run("Object.defineProperty(globalThis, 'kept', { value: 'SECRET', configurable: false }); payload = [];");
        assertThat(value("payload = [{ variable: 'v', value: typeof kept }];")).isEqualTo("undefined");
    }

    @Test
    void codeThatClosesTheWrapperIsRefusedBeforeAnyOfItRuns() {
        ParseOutcome escape = run("}); let probe = 'SECRET'; globalThis.ran = 1; (function () {");
        assertThat(escape.failure()).isNotNull();
        assertThat(escape.failure().kind()).isEqualTo(FailureKind.SCRIPT_ERROR);
        assertThat(value("payload = [{ variable: 'v', value: typeof probe + ',' + typeof ran }];"))
                .isEqualTo("undefined,undefined");
    }

    /**
     * One parser that serves many profiles — a public connector's, a shared network's — is compiled once per context
     * and its function serves every later run: B's uplink, then C's. Nothing around its body may keep B's data for
     * C's run (C's stored points, readable by whoever wrote the parser through a device of their own).
     */
    private static ParseOutcome runShared(String code, String body) {
        try {
            return RUNTIME.get().submit(new ParseRequest(body, "application/json", null, DEVICE,
                    List.of(ParserScript.of(ParserStage.CONNECTOR, "public-connector", code)), Duration.ofSeconds(1), false))
                    .get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the run did not end within 20 s", e);
        }
    }

    private static final String PROFILE_B_UPLINK = "[{\"variable\":\"payload\",\"value\":\"SECRET-OF-B\"}]";

    @ParameterizedTest
    @ValueSource(strings = { "arguments.callee", "arguments.callee.prototype" })
    void aSharedParserKeepsNothingOnItsFunction(String holder) {
        String code = "const h = " + holder + "; const before = String(h.kept);"
                + " try { h.kept = raw_payload; } catch (e) {} payload = [{ variable: 'v', value: before }];";
        runShared(code, PROFILE_B_UPLINK);
        ParseOutcome profileC = runShared(code, "[]");
        assertThat(profileC.failure()).isNull();
        assertThat(output(profileC).get(0).get("value").asText()).isEqualTo("undefined");
    }

    @Test
    void aSharedParserCannotKeepARunsDataInItsEvalBinding() {
        String code = "const before = eval === globalThis.eval || typeof eval === 'function' ? 'intrinsic' : String(eval.kept);"
                + " try { eval = { kept: raw_payload }; } catch (e) {} payload = [{ variable: 'v', value: before }];";
        runShared(code, PROFILE_B_UPLINK);
        ParseOutcome profileC = runShared(code, "[]");
        assertThat(profileC.failure()).isNull();
        assertThat(output(profileC).get(0).get("value").asText()).isEqualTo("intrinsic");
        // and the binding still makes a parser's own eval(…) a direct eval
        assertThat(output(runShared("const x = 41; payload = [{ variable: 'v', value: eval('x + 1') }];", "[]"))
                .get(0).get("value").asInt()).isEqualTo(42);
    }

    /**
     * The realm's objects that no global names — the prototypes only an instance leads to (iterator helpers,
     * Intl segments, the iterators of each collection, the function kinds) — are shared by every run like the
     * built-ins are: a property one run sets on them must not be there in the next.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "[].values().map((x) => x)", "Iterator.from({ next() { return { done: true }; } })",
            "new Intl.Segmenter().segment('')", "new Intl.Segmenter().segment('')[Symbol.iterator]()",
            "[][Symbol.iterator]()", "new Map()[Symbol.iterator]()", "new Set()[Symbol.iterator]()",
            "''[Symbol.iterator]()", "/x/[Symbol.matchAll]('x')", "(function* () {})()", "(async function* () {})()",
            "async function () {}", "function* () {}", "Promise.resolve()", "new Uint8Array(1)", "dayjs()",
            "Buffer.alloc(1)" })
    void aPrototypeOnlyAnInstanceLeadsToKeepsNothingBetweenRuns(String instance) {
        String chain = "let o = " + instance + "; const protos = [];"
                + " while ((o = Object.getPrototypeOf(o)) !== null) protos.push(o);";
        run(chain + " for (const p of protos) { try { p.kept = 'SECRET'; } catch (e) {} } payload = [];");
        assertThat(value(chain + " payload = [{ variable: 'v', value: String(protos.map((p) =>"
                + " Object.prototype.hasOwnProperty.call(p, 'kept')).indexOf(true)) }];"))
                .as("index of a prototype of %s that kept a property", instance).isEqualTo("-1");
    }

    @Test
    void theFrozenPrototypesStillServe() {
        assertThat(value("payload = [{ variable: 'v', value: [1, 2].values().map((x) => x * 2).toArray().join()"
                + " + ';' + [...new Intl.Segmenter().segment('ab')].length }];")).isEqualTo("2,4;2");
    }

    @Test
    void aJobQueuedByOneRunDoesNotWriteIntoTheNext() {
        run("Promise.resolve().then(() => { later = 'SECRET'; }); payload = [];");
        assertThat(value("payload = [{ variable: 'v', value: typeof later }];")).isEqualTo("undefined");
    }

    @Test
    void finalizationCallbacksThatWouldRunInALaterRunAreNotOffered() {
        assertThat(value("payload = [{ variable: 'v', value: typeof FinalizationRegistry }];")).isEqualTo("undefined");
    }

    @Test
    void aPolyfillThatRedefinesABuiltInWorksAndDoesNotReachTheNextRun() {
        assertThat(value("""
                Object.defineProperty(Object, 'assign', { value: function assign() { return 'polyfilled'; },
                  writable: true, configurable: true });
                payload = [{ variable: 'v', value: Object.assign({}) }];""")).isEqualTo("polyfilled");
        assertThat(value("Array.prototype.sum = function () { return this.reduce((a, b) => a + b, 0); };"
                + " payload = [{ variable: 'v', value: [1, 2].sum() }];")).isEqualTo("3");
        assertThat(value("payload = [{ variable: 'v', value: Object.assign({}, { a: 7 }).a + ',' + typeof [].sum }];"))
                .isEqualTo("7,undefined");
    }

    @Test
    void anOrdinaryTypeErrorIsReportedAsItWas() {
        ParseOutcome outcome = run("null.boom;");
        assertThat(outcome.failure().kind()).isEqualTo(FailureKind.SCRIPT_ERROR);
        assertThat(outcome.failure().message()).contains("TypeError");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "payload = [{ variable: 'a', value: 1, toJSON() { for (;;) {} } }];",
            "payload = [{ variable: 'a', value: 1, get trap() { for (;;) {} } }];",
            "payload = [{ variable: 'a', value: 1, time: Object.assign(new Date(0), { toJSON() { for (;;) {} } }) }];",
    })
    void theOutputIsReadWithoutRunningTheParsersCode(String code) {
        JsonNode out = output(run(code));
        assertThat(out.get(0).get("variable").asText()).isEqualTo("a");
        assertThat(out.get(0).get("value").asInt()).isEqualTo(1);
        assertThat(out.get(0).has("trap")).as("an accessor is left out unread").isFalse();
    }

    /**
     * The cheap output check trusts a run that neither calls a defining function nor holds accessor syntax nor
     * makes code at run time: each way around that is tried here, with no `get`/`set`/`eval` word in the source
     * (the source scan would otherwise send the run to the full check and prove nothing about the taint).
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "const o = { variable: 'a', value: 1 }; Object.defineProperty(o, 'trap', { ['g' + 'et']: spin, enumerable: true }); payload = [o];",
            "const o = { variable: 'a', value: 1 }; Object.defineProperties(o, { trap: { ['g' + 'et']: spin, enumerable: true } }); payload = [o];",
            "const o = { variable: 'a', value: 1 }; Reflect.defineProperty(o, 'trap', { ['g' + 'et']: spin, enumerable: true }); payload = [o];",
            "const o = Object.create(Object.prototype, { variable: { value: 'a', enumerable: true }, value: { value: 1, enumerable: true }, trap: { ['g' + 'et']: spin, enumerable: true } }); payload = [o];",
            "const o = { variable: 'a', value: 1 }; o.__defineGetter__('trap', spin); payload = [o];",
            "const o = { variable: 'a', value: 1 }; Object.defineProperty(o, 'toJSON', { value: spin, enumerable: false }); payload = [o];",
            "payload = [globalThis['ev' + 'al']('({ variable: \"a\", value: 1, g' + 'et trap() { for (;;) {} } })')];",
            "payload = [(() => 0).constructor('return { variable: \"a\", value: 1, g' + 'et trap() { for (;;) {} } }')()];",
            "payload = [new Function('return { variable: \"a\", value: 1, g' + 'et trap() { for (;;) {} } }')()];",
            "payload = [Object.getPrototypeOf(function* () {}).constructor('yield { variable: \"a\", value: 1, g' + 'et trap() { for (;;) {} } }')().next().value];",
            "payload = [{ variable: 'a', value: 1, fn: Object.assign(function () {}, { toJSON: spin }) }];",
            "const list = [{ variable: 'a', value: 1 }]; list.toJSON = spin; payload = list;",
            "const o = Object.create(Array.prototype); o.toJSON = spin; payload = [{ variable: 'a', value: 1, o }];",
            "payload = [{ variable: 'a', value: 1, p: new Proxy({}, { ownKeys: spin, getOwnPropertyDescriptor: spin }) }];",
    })
    void noWayAroundTheCheapOutputCheckRunsTheParsersCode(String code) {
        ParseOutcome outcome = run("const spin = () => { for (;;) {} };\n" + code);
        assertThat(outcome.failure()).as("the output is read without running the parser's code").isNull();
        if (outcome.outputJson().contains("$error")) {
            assertThat(outcome.outputJson()).contains("Proxy");
            return;
        }
        JsonNode out = output(outcome);
        assertThat(out.get(0).get("variable").asText()).isEqualTo("a");
        assertThat(out.get(0).get("value").asInt()).isEqualTo(1);
        assertThat(out.get(0).has("trap")).as("an accessor is left out unread").isFalse();
    }

    @Test
    void theSourceScanFindsEveryWayToWriteAnAccessorOrADirectEval() {
        for (String exotic : List.of("({ get x() { return 1; } })", "class A { set\n x(v) {} }", "({ get [k]() {} })",
                "eval(code)", "g\\u0065t", "'get'")) {
            assertThat(JsEngine.exoticSource(exotic)).as(exotic).isTrue();
        }
        for (String plain : List.of("bytes.getUint8(0)", "view.setInt16(0, 1)", "offset + 1", "map.target", "evaluate()",
                "_get", "$get", "reset")) {
            assertThat(JsEngine.exoticSource(plain)).as(plain).isFalse();
        }
    }

    @Test
    void wrappingTheDefiningFunctionsAndEvalChangesNothingAParserCanRelyOn() {
        JsonNode out = output(run("""
                const x = 41;
                const checks = {
                  directEval: eval('x + 1') === 42,
                  indirectEval: globalThis.eval('typeof x') === 'undefined' && (0, eval)('1 + 1') === 2,
                  functionIdentity: Function.prototype.constructor === Function && (function () {}) instanceof Function,
                  functionWorks: new Function('a', 'return a + 1')(1) === 2 && Function('return 3')() === 3,
                  names: Function.name === 'Function' && Object.defineProperty.name === 'defineProperty'
                      && Object.defineProperty.length === 3 && Object.create.length === 2,
                  defines: Object.defineProperty({}, 'k', { value: 5 }).k === 5
                      && Object.keys(Object.create({}, { k: { value: 1, enumerable: true } })).length === 1,
                  subclass: new (class extends Function {})('return 7')() === 7,
                };
                payload = [{ variable: 'checks', value: JSON.stringify(checks) }];"""));
        assertThat(out.get(0).get("value").asText()).doesNotContain("false");
    }

    @Test
    void aGetterInheritedFromAParsersPrototypeIsNotRun() {
        JsonNode out = output(run("""
                const item = Object.create({ get value() { for (;;) {} } });
                item.variable = 'a';
                payload = [item];"""));
        assertThat(out.get(0).get("variable").asText()).isEqualTo("a");
        assertThat(out.get(0).has("value")).isFalse();
    }

    @Test
    void aBigIntInTheOutputIsWrittenAsANumber() {
        assertThat(output(run("payload = [{ variable: 'a', value: 10n }];")).get(0).get("value").asInt()).isEqualTo(10);
    }

    @Test
    void anOutputLargerThanTheLimitIsRefusedWhileItIsWritten() {
        ParseOutcome outcome = run("payload = [{ variable: 'a', value: 'x'.repeat(300000) }];");
        assertThat(outcome.outputJson()).contains("$error").contains("larger than 204800");
    }

    @Test
    void aDateInTheOutputIsWrittenAsItsIsoTime() {
        JsonNode out = output(run("payload = [{ variable: 'a', value: 1, time: new Date(0) }];"));
        assertThat(out.get(0).get("time").asText()).isEqualTo("1970-01-01T00:00:00.000Z");
    }

    @Test
    void aProxyInTheOutputIsRefusedWithoutRunningItsTraps() {
        ParseOutcome outcome = run("""
                const spin = () => { for (;;) {} };
                payload = new Proxy([], { get: spin, ownKeys: spin, getOwnPropertyDescriptor: spin, has: spin });""");
        assertThat(outcome.outputJson()).contains("$error").contains("Proxy");
    }

    @Test
    void aSerialIsReadWithoutCallingItsToString() {
        ParseOutcome outcome = run(Duration.ofSeconds(1), ParserStage.NETWORK,
                "serial = { toString() { for (;;) {} } }; payload = [];");
        assertThat(outcome.failure()).isNull();
        assertThat(outcome.serial()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = { "eval('for (;;) {}');", "Function('for (;;) {}')();", "(0, eval)('while (true) {}');" })
    void evaluatedCodeCountsAgainstTheStatementLimit(String code) {
        ParseOutcome outcome = run(Duration.ofSeconds(10), ParserStage.DEVICE, code);
        assertThat(outcome.failure().kind()).isEqualTo(FailureKind.RESOURCE_LIMIT);
    }
}
