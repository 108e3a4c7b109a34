package io.hexgate.ingest.uplink;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.hexgate.common.testing.RealInfrastructure;
import io.hexgate.common.testing.TopicReader;
import io.hexgate.ingest.support.Devices;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** With Kafka unreachable POST /data answers 503 and nothing is half-accepted: no record appears later. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = {
        @ResourceArg(name = RealInfrastructure.COMPANIONS, value = "token-service"),
        @ResourceArg(name = RealInfrastructure.UNREACHABLE, value = "kafka")})
class PostDataWithoutKafkaTest {

    @Test
    void postAnswers503AndNoRecordAppearsLater() throws Exception {
        Devices.Issued device = Devices.deviceToken("nk-alice", "full");
        given().header("token", device.token()).contentType(ContentType.TEXT).body("0a0b").post("/data").then()
                .statusCode(503).body("message", containsString("nothing was accepted"));
        try (TopicReader topic = new TopicReader("uplink-raw")) {
            Thread.sleep(3000);
            assertTrue(topic.poll().stream().noneMatch(r -> device.device().equals(r.key())));
        }
    }
}
