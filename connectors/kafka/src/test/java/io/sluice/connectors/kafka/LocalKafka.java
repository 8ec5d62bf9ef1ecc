package io.sluice.connectors.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one process), started from
 * the kafka_2.13 jars on the class path in a child JVM, listening on 127.0.0.1 on free ports, with its
 * logs in a temporary directory. For tests (one per test class) and bench/. The child's output goes
 * to {@code broker.out} in its directory; it is killed by {@link #close()} or when this JVM exits.
 *
 * <p>{@link Main} is the child's entry point: it formats the storage (what {@code kafka-storage.sh
 * format} does) and starts {@code kafka.Kafka}, in one JVM, which saves a second JVM start.
 */
public final class LocalKafka implements AutoCloseable {
    private final Path dir;
    private final Process process;
    private final String bootstrap;
    private final Thread reaper;

    private LocalKafka(Path dir, Process process, String bootstrap) {
        this.dir = dir;
        this.process = process;
        this.bootstrap = bootstrap;
        this.reaper = new Thread(this::kill, "local-kafka-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /**
     * Starts a broker and waits until it answers (at most 90 s).
     *
     * @param classPath a class path holding kafka_2.13 and its dependencies (and this class)
     */
    public static LocalKafka start(String classPath) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("sluice-kafka-");
        int brokerPort = freePort();
        int controllerPort = freePort();
        String bootstrap = "127.0.0.1:" + brokerPort;
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + bootstrap + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + bootstrap);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dir.resolve("logs").toString());
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "false");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        Path config = dir.resolve("server.properties");
        try (var w = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            p.store(w, "Sluice test broker");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xms128m");
        cmd.add("-Xmx512m");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=" + System.getProperty("sluice.kafka.tiered", "1")); // C1 only: starts faster
        cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(Main.class.getName());
        cmd.add(config.toString());
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("broker.out").toFile()).start();
        LocalKafka kafka = new LocalKafka(dir, process, bootstrap);
        try {
            kafka.awaitReady(TimeUnit.SECONDS.toNanos(90));
        } catch (RuntimeException | InterruptedException e) {
            kafka.close();
            throw e;
        }
        return kafka;
    }

    private static LocalKafka shared;

    /**
     * One broker for every test class of this JVM, started on first use and killed when the JVM
     * exits: a broker start costs seconds, so the test classes share it (each uses its own topics).
     */
    public static synchronized LocalKafka shared() throws IOException, InterruptedException {
        if (shared == null || !shared.process.isAlive()) {
            shared = start();
        }
        return shared;
    }

    /** Starts a broker from this JVM's class path (under Surefire, the test class path). */
    public static LocalKafka start() throws IOException, InterruptedException {
        return start(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    }

    private void awaitReady(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited with " + process.exitValue() + ": " + output());
            }
            try (Admin admin = admin()) {
                if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(100); // polling a child process that has no other way to say it is ready
        }
        throw new IllegalStateException("the Kafka broker did not answer within the timeout: " + last + "\n" + output());
    }

    private String output() {
        try {
            String out = Files.readString(dir.resolve("broker.out"), StandardCharsets.UTF_8);
            return out.length() > 4000 ? out.substring(out.length() - 4000) : out;
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    /** An admin client for this broker; the caller closes it. */
    public Admin admin() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("request.timeout.ms", "5000");
        p.put("default.api.timeout.ms", "10000");
        return Admin.create(p);
    }

    /** Creates a topic and waits until it exists. */
    public void createTopic(String name, int partitions) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** Kills the broker at once (its data is thrown away) and deletes its directory. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // already shutting down: the hook does the same
        }
        kill();
    }

    private void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The child JVM: format the storage once, then run the broker until killed. */
    public static final class Main {
        private Main() {
        }

        public static void main(String[] args) {
            String clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
            int rc = kafka.tools.StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", args[0]}, System.out);
            if (rc != 0) {
                System.out.println("formatting the storage failed with " + rc);
                System.exit(rc);
            }
            kafka.Kafka.main(new String[] {args[0]});
        }
    }
}
