package io.hexgate.parser.operations;

import java.util.List;

import io.hexgate.common.testing.OperationsEndpointsContract;
import io.hexgate.common.testing.RealInfrastructure;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class OperationsEndpointsTest extends OperationsEndpointsContract {

    @Override
    protected List<String> readinessChecks() {
        return List.of("kafka", "kafka-assignment", "parser-runtime", "Reactive PostgreSQL connections health check", "Database connections health check");
    }
}
