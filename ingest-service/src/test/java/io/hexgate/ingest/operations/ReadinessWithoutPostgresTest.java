package io.hexgate.ingest.operations;

import io.hexgate.common.testing.ReadinessDownContract;
import io.hexgate.common.testing.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = RealInfrastructure.UNREACHABLE, value = "postgres"))
class ReadinessWithoutPostgresTest extends ReadinessDownContract {

    @Override
    protected String failingCheck() {
        return "Reactive PostgreSQL connections health check";
    }
}
