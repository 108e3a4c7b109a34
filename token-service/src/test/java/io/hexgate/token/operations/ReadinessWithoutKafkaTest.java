package io.hexgate.token.operations;

import io.hexgate.common.testing.ReadinessDownContract;
import io.hexgate.common.testing.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = RealInfrastructure.UNREACHABLE, value = "kafka"))
class ReadinessWithoutKafkaTest extends ReadinessDownContract {

    @Override
    protected String failingCheck() {
        return "kafka";
    }
}
