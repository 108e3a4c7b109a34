package io.hexgate.parser.runtime;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once every parser worker has built its context: before, a run waits seconds for the warm-up. */
@Readiness
@ApplicationScoped
public class ParserRuntimeCheck implements HealthCheck {

    private final ParserRuntime runtime;

    ParserRuntimeCheck(ParserRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public HealthCheckResponse call() {
        boolean warm = runtime.warm();
        return HealthCheckResponse.named("parser-runtime").status(warm)
                .withData("threads", runtime.threads())
                .withData("state", warm ? "the workers' contexts are built" : "building the workers' contexts")
                .build();
    }
}
