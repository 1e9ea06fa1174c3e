/*
 * The Java reference producer of `npm run bench -- sink`. It does what RocketMQ's own benchmark producer
 * (org.apache.rocketmq.example.benchmark.Producer in rocketmq-example 5.3.3, a jar Maven Central does not have) does:
 * a DefaultMQProducer over the remoting protocol (ROCKETMQ header serialization, compression off), a fixed pool of
 * threads (64 by default) each sending a fixed-size random alphanumeric body synchronously, and the rate it reached.
 *
 * For a FIFO topic every message carries a message group: the system property __SHARDINGKEY
 * (MessageConst.PROPERTY_SHARDING_KEY), one of `groups` keys, and goes to the queue the gRPC proxy would pick for that
 * group (Guava's consistentHash of the key's hashCode over the write queues). Each group is sent by one thread only,
 * one message at a time, so the order within a group holds, as with obsync's ordered sender.
 *
 * Usage: java @classpath.args ReferenceProducer -n namesrv -t topic -s bodyBytes -q messages -w threads -g groups
 * [-u warmUpMessages]. Prints one line: RESULT {"messages":N,"seconds":S,"perSecond":R,"errors":E,"cpuMsPer10k":C}
 * (the warm-up is not counted; CPU is this JVM's own during the timed sends).
 */
import com.google.common.hash.Hashing;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.MessageQueueSelector;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageAccessor;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.SerializeType;

public final class ReferenceProducer {
    private static final MessageQueueSelector BY_GROUP =
        (queues, message, group) -> queues.get(Hashing.consistentHash(group.hashCode(), queues.size()));

    public static void main(String[] args) throws Exception {
        System.setProperty(RemotingCommand.SERIALIZE_TYPE_PROPERTY, SerializeType.ROCKETMQ.name());
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) options.put(args[i], args[i + 1]);
        String namesrv = options.getOrDefault("-n", "127.0.0.1:9876");
        String topic = options.getOrDefault("-t", "BenchmarkTest");
        int size = Integer.parseInt(options.getOrDefault("-s", "128"));
        long count = Long.parseLong(options.getOrDefault("-q", "10000"));
        int threads = Integer.parseInt(options.getOrDefault("-w", "64"));
        int groups = Integer.parseInt(options.getOrDefault("-g", "1024"));
        long warmUp = Long.parseLong(options.getOrDefault("-u", "1000"));

        StringBuilder text = new StringBuilder(size);
        Random random = new Random();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        for (int i = 0; i < size; i++) text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        byte[] body = text.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        DefaultMQProducer producer = new DefaultMQProducer("benchmark_producer");
        producer.setInstanceName(Long.toString(System.currentTimeMillis()));
        producer.setNamesrvAddr(namesrv);
        producer.setCompressMsgBodyOverHowmuch(Integer.MAX_VALUE);
        producer.start();
        try {
            LongAdder errors = new LongAdder();
            send(producer, topic, body, warmUp, threads, groups, errors);
            errors.reset();
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu = os.getProcessCpuTime();
            long started = System.nanoTime();
            send(producer, topic, body, count, threads, groups, errors);
            double seconds = (System.nanoTime() - started) / 1e9;
            double cpuMs = (os.getProcessCpuTime() - cpu) / 1e6;
            System.out.printf("RESULT {\"messages\":%d,\"seconds\":%.3f,\"perSecond\":%.1f,\"errors\":%d,\"cpuMsPer10k\":%.1f}%n",
                count, seconds, count / seconds, errors.sum(), cpuMs / count * 10_000);
        } finally {
            producer.shutdown();
        }
    }

    /** Sends messages 0..count-1; message i is in group i % groups, and group g is sent by thread g % threads. */
    private static void send(DefaultMQProducer producer, String topic, byte[] body, long count, int threads, int groups,
        LongAdder errors) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            final int thread = t;
            pool.execute(() -> {
                for (long i = 0; i < count; i++) {
                    int group = (int) (i % groups);
                    if (group % threads != thread) continue;
                    String key = "bench-group-" + group;
                    Message message = new Message(topic, body);
                    MessageAccessor.putProperty(message, MessageConst.PROPERTY_SHARDING_KEY, key);
                    try {
                        if (producer.send(message, BY_GROUP, key).getSendStatus() != SendStatus.SEND_OK) errors.increment();
                    } catch (Exception e) {
                        errors.increment();
                        if (errors.sum() == 1) e.printStackTrace();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
    }
}
