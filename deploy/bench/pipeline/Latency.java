import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Ingest → stored latency of the pipeline benchmark: for every hexgate.device.data record of the run's devices
 * written between two instants, the record's timestamp (parser-worker publishes it right after storing) minus
 * the points' created_at (when ingest-service received the uplink). Prints "count p50_ms p99_ms".
 * Arguments: bootstrap, topic, from (epoch ms), to (epoch ms), device ids (comma-separated).
 */
public class Latency {
    public static void main(String[] args) {
        long from = Long.parseLong(args[2]);
        long to = Long.parseLong(args[3]);
        List<String> devices = List.of(args[4].split(","));
        Pattern createdAt = Pattern.compile("\"created_at\":\"([^\"]+)\"");
        List<Long> latencies = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0],
                ConsumerConfig.GROUP_ID_CONFIG, "bench-latency-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(args[1]));
            int idle = 0;
            boolean started = false;
            long deadline = System.currentTimeMillis() + 300_000;
            // Empty polls count only once records flowed: joining the group takes a few of them.
            while ((!started || idle < 10) && System.currentTimeMillis() < deadline) {
                var records = consumer.poll(Duration.ofMillis(500));
                started |= !records.isEmpty();
                idle = records.isEmpty() ? idle + 1 : 0;
                for (ConsumerRecord<String, String> record : records) {
                    if (record.timestamp() < from || record.timestamp() > to || !devices.contains(record.key())) {
                        continue;
                    }
                    Matcher m = createdAt.matcher(record.value());
                    if (m.find()) {
                        latencies.add(record.timestamp() - Instant.parse(m.group(1)).toEpochMilli());
                    }
                }
            }
        }
        Collections.sort(latencies);
        if (latencies.isEmpty()) {
            System.out.println("0 0 0");
            return;
        }
        System.out.printf("%d %d %d%n", latencies.size(), latencies.get(latencies.size() / 2),
                latencies.get((int) Math.min(latencies.size() - 1, Math.floor(latencies.size() * 0.99))));
    }
}
