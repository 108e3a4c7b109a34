import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Waits until the broker answers, then creates the topics that are missing. Run by deploy/local/hexgate as a
 * single-file program on the broker's classpath: one JVM for the wait and every topic.
 *
 * Arguments: bootstrap timeoutSeconds [name:partitions[:compact]]...
 */
public class EnsureTopics {

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[1]));
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000))) {
            Set<String> existing = null;
            while (existing == null) {
                try {
                    existing = admin.listTopics().names().get(5, TimeUnit.SECONDS);
                } catch (Exception notYet) {
                    if (System.nanoTime() > deadline) {
                        System.err.println("Kafka at " + bootstrap + " did not answer: " + notYet.getMessage());
                        System.exit(1);
                    }
                    Thread.sleep(300);
                }
            }
            List<NewTopic> missing = new ArrayList<>();
            for (int i = 2; i < args.length; i++) {
                String[] spec = args[i].split(":");
                if (!existing.contains(spec[0])) {
                    NewTopic topic = new NewTopic(spec[0], Integer.parseInt(spec[1]), (short) 1);
                    if (spec.length > 2 && spec[2].equals("compact")) {
                        topic.configs(Map.of("cleanup.policy", "compact"));
                    }
                    missing.add(topic);
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                missing.forEach(topic -> System.out.println("created topic " + topic.name()
                        + " (" + topic.numPartitions() + " partitions)"));
            }
        }
    }
}
