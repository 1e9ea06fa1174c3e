import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.text.SimpleDateFormat;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerOrderly;
import org.apache.rocketmq.client.impl.consumer.PullMessageService;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * An orderly consumer over the remoting protocol (straight to the brokers, no proxy), so tests can read back what a
 * producer wrote the way a Java application would: DefaultMQPushConsumer + MessageListenerOrderly, which locks each
 * queue on its broker and hands its messages over one at a time, in queue order. Works with 4.x and 5.x brokers.
 *
 * Arguments: -n namesrv -t topic -g group -c expectedCount -i idleTimeoutMs [-o CONSUME_FROM_FIRST_OFFSET |
 * CONSUME_FROM_LAST_OFFSET | CONSUME_FROM_TIMESTAMP] [-s fromEpochMillis (for CONSUME_FROM_TIMESTAMP)]
 * [-x tagExpression] [-f text: only messages whose keys or body contain it are printed and counted].
 *
 * stdout: one JSON object per message, then a summary line {"summary":{...}}. Nothing else: the client's own logs go
 * where -Drmq.logback.configurationFile says (test/helpers/java-tools.ts points it at stderr). Exits once
 * expectedCount messages were printed (0 = never), or after idleTimeoutMs without any message.
 */
public final class OrderlyConsumer {
    private final Object lock = new Object();
    private final StringBuilder line = new StringBuilder();
    private int printed;
    private long seen;
    private long lastMessageAt;
    private long firstMessageMs = -1;
    private boolean done;

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        for (String required : new String[] {"-n", "-t", "-g", "-c", "-i"}) {
            if (!options.containsKey(required)) {
                System.err.println("usage: OrderlyConsumer -n namesrv -t topic -g group -c count -i idleMs [-o from] [-s ms] [-x tags] [-f text] [-b batch]");
                System.exit(64);
            }
        }
        System.exit(new OrderlyConsumer().run(options));
    }

    private int run(Map<String, String> options) throws Exception {
        int expected = Integer.parseInt(options.get("-c"));
        long idleMs = Long.parseLong(options.get("-i"));
        String filter = options.get("-f");
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(options.get("-g"));
        consumer.setNamesrvAddr(options.get("-n"));
        consumer.subscribe(options.get("-t"), options.getOrDefault("-x", "*"));
        ConsumeFromWhere from = ConsumeFromWhere.valueOf(options.getOrDefault("-o", "CONSUME_FROM_FIRST_OFFSET"));
        consumer.setConsumeFromWhere(from);
        if (options.containsKey("-s")) {
            // The client parses this in the JVM's time zone, so it is formatted in the same one.
            consumer.setConsumeTimestamp(new SimpleDateFormat("yyyyMMddHHmmss").format(new Date(Long.parseLong(options.get("-s")))));
        }
        // A handful of threads is plenty for tests; one message per call keeps the per-message bookkeeping exact,
        // unless -b asks for more (the latency benchmark reads thousands a second: a batch per call costs less CPU).
        consumer.setConsumeThreadMin(4);
        consumer.setConsumeThreadMax(4);
        consumer.setConsumeMessageBatchMaxSize(Integer.parseInt(options.getOrDefault("-b", "1")));
        consumer.registerMessageListener((MessageListenerOrderly) (messages, context) -> {
            synchronized (lock) {
                // Past the expected count nothing more is taken: suspended messages are not committed, so they stay
                // for the group's next reader.
                if (done) {
                    return ConsumeOrderlyStatus.SUSPEND_CURRENT_QUEUE_A_MOMENT;
                }
                lastMessageAt = System.currentTimeMillis();
                for (MessageExt message : messages) {
                    seen++;
                    if (filter == null || contains(message, filter)) {
                        print(message);
                    }
                }
                Json.OUT.flush();
                if (expected > 0 && printed >= expected) {
                    done = true;
                }
                lock.notifyAll();
            }
            return ConsumeOrderlyStatus.SUCCESS;
        });
        consumer.start();
        long startedMs = ManagementFactory.getRuntimeMXBean().getUptime();
        System.err.println("OrderlyConsumer started " + startedMs + " ms after JVM start");
        String reason;
        synchronized (lock) {
            lastMessageAt = System.currentTimeMillis();
            for (;;) {
                if (done) {
                    reason = "count";
                    break;
                }
                long idleLeft = lastMessageAt + idleMs - System.currentTimeMillis();
                if (idleLeft <= 0) {
                    reason = "idle";
                    done = true;
                    break;
                }
                lock.wait(idleLeft);
            }
        }
        long stopping = System.currentTimeMillis();
        // Shutdown unlocks the queues on the broker (else the group's next consumer waits up to 60 s for the lock),
        // persists the consumed offsets and unregisters, so the next run starts where this one ended.
        Thread hurry = hurryShutdown(consumer);
        consumer.shutdown();
        hurry.interrupt();
        StringBuilder summary = new StringBuilder("{\"summary\":{");
        Json.field(summary, "reason", reason).append(',');
        Json.field(summary, "received", printed).append(',');
        Json.field(summary, "seen", seen).append(',');
        Json.field(summary, "startedMs", startedMs).append(',');
        Json.field(summary, "firstMessageMs", firstMessageMs).append(',');
        Json.field(summary, "shutdownMs", System.currentTimeMillis() - stopping).append("}}");
        Json.OUT.println(summary);
        Json.OUT.flush();
        return 0;
    }

    /**
     * Two waits in the client's shutdown come after all the work that matters (unlocking, offsets, unregistering):
     * - PullMessageService gives its scheduler 1 s to run the delayed "pull again later" tasks that orderly
     *   consumption leaves behind; they are pointless now, so the scheduler is cut short once the service stops.
     * - NettyEventExecutor notices its stop flag only between 3-second polls; an interrupt ends the poll (it catches
     *   the exception, then sees the flag).
     * Together they made about every other run 1 to 4 s slower. Both are best effort: without them it is only slower.
     */
    @SuppressWarnings("deprecation") // getDefaultMQPushConsumerImpl: the only way to the client's PullMessageService
    private static Thread hurryShutdown(DefaultMQPushConsumer consumer) {
        PullMessageService pulls = consumer.getDefaultMQPushConsumerImpl().getmQClientFactory().getPullMessageService();
        ExecutorService delayedPulls;
        try {
            Field field = PullMessageService.class.getDeclaredField("scheduledExecutorService");
            field.setAccessible(true);
            delayedPulls = (ExecutorService) field.get(pulls);
        } catch (ReflectiveOperationException | RuntimeException e) {
            delayedPulls = null;
        }
        ExecutorService scheduler = delayedPulls;
        Thread hurry = new Thread(() -> {
            boolean schedulerCut = scheduler == null;
            while (!Thread.currentThread().isInterrupted()) {
                if (!schedulerCut && pulls.isStopped()) {
                    scheduler.shutdownNow();
                    schedulerCut = true;
                }
                for (Thread thread : Thread.getAllStackTraces().keySet()) {
                    if (thread.getName().equals("NettyEventExecutor")) {
                        thread.interrupt();
                    }
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "hurry-shutdown");
        hurry.setDaemon(true);
        hurry.start();
        return hurry;
    }

    private static boolean contains(MessageExt message, String text) {
        String keys = message.getKeys();
        return (keys != null && keys.contains(text)) || new String(message.getBody(), StandardCharsets.UTF_8).contains(text);
    }

    private void print(MessageExt message) {
        if (firstMessageMs < 0) {
            firstMessageMs = ManagementFactory.getRuntimeMXBean().getUptime();
        }
        line.setLength(0);
        line.append('{');
        Json.field(line, "msgId", message.getMsgId()).append(',');
        Json.field(line, "topic", message.getTopic()).append(',');
        Json.field(line, "brokerName", message.getBrokerName()).append(',');
        Json.field(line, "queueId", message.getQueueId()).append(',');
        Json.field(line, "queueOffset", message.getQueueOffset()).append(',');
        Json.field(line, "tags", message.getTags()).append(',');
        Json.field(line, "keys", message.getKeys()).append(',');
        Json.field(line, "body", Base64.getEncoder().encodeToString(message.getBody())).append(',');
        Json.field(line, "bornTimestamp", message.getBornTimestamp()).append(',');
        Json.field(line, "storeTimestamp", message.getStoreTimestamp()).append(',');
        Json.field(line, "reconsumeTimes", message.getReconsumeTimes()).append(",\"properties\":");
        Json.object(line, new TreeMap<>(message.getProperties())).append('}');
        Json.OUT.println(line);
        printed++;
    }
}
