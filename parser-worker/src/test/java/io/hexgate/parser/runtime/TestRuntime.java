package io.hexgate.parser.runtime;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A parser runtime of the default test settings for one test class ({@code @RegisterExtension static final}): built
 * before its tests, shut down after them.
 */
final class TestRuntime implements BeforeAllCallback, AfterAllCallback {

    private ParserRuntime runtime;

    @Override
    public void beforeAll(ExtensionContext context) {
        runtime = new ParserRuntime(new JsEngine(), TestParserConfig.defaults(), new SimpleMeterRegistry());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        runtime.shutdown();
    }

    ParserRuntime get() {
        return runtime;
    }
}
