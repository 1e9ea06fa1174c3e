import apache.rocketmq.v2.Message;
import apache.rocketmq.v2.SendMessageRequest;
import apache.rocketmq.v2.SystemProperties;
import com.google.common.hash.Hashing;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.rocketmq.acl.common.AclClientRPCHook;
import org.apache.rocketmq.acl.common.SessionCredentials;
import org.apache.rocketmq.proxy.common.ProxyContext;
import org.apache.rocketmq.proxy.service.route.AddressableMessageQueue;
import org.apache.rocketmq.proxy.service.route.MessageQueueView;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.route.BrokerData;
import org.apache.rocketmq.remoting.protocol.route.QueueData;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;

/**
 * Prints one JSON object of answers computed by RocketMQ 5.3.3's own classes, for the TypeScript remoting producer's
 * tests (test/helpers/java-tools.ts runs it):
 * - queueSelection: for each message group, the queue index the gRPC proxy picks among 1..64 writable queues, asked
 *   of the proxy's SendMessageActivity.SendMessageQueueSelector itself (protected, hence reflection) over a
 *   MessageQueueView built from a route. Guava's consistentHash(group.hashCode(), n) is computed too and must agree.
 * - multiBroker: a route spanning several brokers, the order the proxy lists its writable queues in, and some picks.
 * - signatures: the ext fields AclClientRPCHook adds (AccessKey, SecurityToken, Signature) to a RemotingCommand.
 */
public final class RemotingVectors {
    private static final int MAX_QUEUES = 64;
    private static final String TOPIC = "obsync_vectors";

    private static Method select;
    private static Constructor<?> selectorFor;

    public static void main(String[] args) throws Exception {
        Class<?> selector = Class.forName("org.apache.rocketmq.proxy.grpc.v2.producer.SendMessageActivity$SendMessageQueueSelector");
        selectorFor = selector.getDeclaredConstructor(SendMessageRequest.class);
        selectorFor.setAccessible(true);
        select = selector.getMethod("select", ProxyContext.class, MessageQueueView.class);
        select.setAccessible(true);

        StringBuilder out = new StringBuilder("{\"queueSelection\":");
        queueSelection(out);
        out.append(",\"multiBroker\":");
        multiBroker(out);
        out.append(",\"signatures\":");
        signatures(out);
        Json.OUT.println(out.append('}'));
        Json.OUT.flush();
    }

    // --- queue selection -------------------------------------------------------------------------------------------

    private static void queueSelection(StringBuilder out) throws Exception {
        List<MessageQueueView> views = new ArrayList<>();
        for (int n = 1; n <= MAX_QUEUES; n++) {
            views.add(new MessageQueueView(TOPIC, route(new String[] {"broker-a"}, new int[] {n}, new int[] {6}), null));
        }
        List<String> groups = new ArrayList<>();
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < 1000; i++) {
            groups.add(hex(sha256.digest(("g" + i).getBytes(StandardCharsets.UTF_8))).substring(0, 32));
        }
        // Odd groups: hash 0 with a character, Integer.MIN_VALUE ("polygenelubricants"), non-ASCII, astral, a lone
        // surrogate, long strings (hash overflows many times), and the proxy's 64-byte group limit.
        groups.add("\u0000");
        groups.add("polygenelubricants");
        groups.add("hello");
        groups.add("订单-42");
        groups.add("Ünïcødé grüppe");
        groups.add("😀 emoji group");
        groups.add("\ud800");
        groups.add("x".repeat(64));
        groups.add("long-".repeat(400));
        groups.add("db\u0000table\u00001");
        out.append("{\"maxQueues\":").append(MAX_QUEUES).append(",\"cases\":[");
        for (int g = 0; g < groups.size(); g++) {
            String group = groups.get(g);
            out.append(g == 0 ? "" : ",").append('{');
            Json.field(out, "group", group).append(",\"queues\":[");
            for (int n = 1; n <= MAX_QUEUES; n++) {
                int byProxy = proxyPick(group, views.get(n - 1)).getQueueId();
                int byGuava = Hashing.consistentHash(group.hashCode(), n);
                if (byProxy != byGuava) {
                    throw new IllegalStateException("proxy and Guava disagree for " + group + " over " + n + " queues");
                }
                out.append(n == 1 ? "" : ",").append(byProxy);
            }
            out.append("]}");
        }
        // The proxy does not hash an empty group (it round-robins), so "" only gets Guava's answer: what hashing 0 gives.
        out.append("],\"emptyGroup\":[");
        for (int n = 1; n <= MAX_QUEUES; n++) {
            out.append(n == 1 ? "" : ",").append(Hashing.consistentHash("".hashCode(), n));
        }
        out.append("]}");
    }

    /** The queue the proxy's selector picks for a single message with this message group. */
    private static AddressableMessageQueue proxyPick(String group, MessageQueueView view) throws Exception {
        Message message = Message.newBuilder()
            .setSystemProperties(SystemProperties.newBuilder().setMessageGroup(group).build())
            .build();
        Object selector = selectorFor.newInstance(SendMessageRequest.newBuilder().addMessages(message).build());
        AddressableMessageQueue queue = (AddressableMessageQueue) select.invoke(selector, ProxyContext.create(), view);
        if (queue == null) {
            throw new IllegalStateException("the proxy selected no queue for " + group);
        }
        return queue;
    }

    /** A route listing the brokers in the given order; a negative queue count means "no master address". */
    private static TopicRouteData route(String[] brokers, int[] writeQueues, int[] perms) {
        TopicRouteData route = new TopicRouteData();
        List<BrokerData> brokerDatas = new ArrayList<>();
        List<QueueData> queueDatas = new ArrayList<>();
        for (int b = 0; b < brokers.length; b++) {
            HashMap<Long, String> addresses = new HashMap<>();
            // Id 0 is the master; a broker whose master is gone only lists a slave (id 1).
            addresses.put(writeQueues[b] < 0 ? 1L : 0L, "127.0.0." + (b + 1) + ":10911");
            brokerDatas.add(new BrokerData("cluster", brokers[b], addresses));
            QueueData queueData = new QueueData();
            queueData.setBrokerName(brokers[b]);
            queueData.setWriteQueueNums(Math.abs(writeQueues[b]));
            queueData.setReadQueueNums(Math.abs(writeQueues[b]) + 1);
            queueData.setPerm(perms[b]);
            queueDatas.add(queueData);
        }
        route.setBrokerDatas(brokerDatas);
        route.setQueueDatas(queueDatas);
        return route;
    }

    private static void multiBroker(StringBuilder out) throws Exception {
        // Route order deliberately differs from name order; broker-c is read-only (perm 4 = R--), broker-d has no
        // master, broker-e is write-only (perm 2), broker-a10 sorts between broker-a and broker-b as text.
        String[] brokers = {"broker-b", "broker-a10", "broker-c", "broker-a", "broker-d", "broker-e"};
        int[] writeQueues = {3, 2, 4, 12, -2, 1};
        int[] perms = {6, 6, 4, 7, 6, 2};
        MessageQueueView view = new MessageQueueView(TOPIC, route(brokers, writeQueues, perms), null);
        out.append("{\"route\":[");
        for (int b = 0; b < brokers.length; b++) {
            out.append(b == 0 ? "{" : ",{");
            Json.field(out, "brokerName", brokers[b]).append(',');
            Json.field(out, "writeQueueNums", Math.abs(writeQueues[b])).append(',');
            Json.field(out, "perm", perms[b]).append(",\"hasMaster\":").append(writeQueues[b] >= 0).append('}');
        }
        out.append("],\"writeQueues\":[");
        List<AddressableMessageQueue> queues = view.getWriteSelector().getQueues();
        for (int q = 0; q < queues.size(); q++) {
            queue(out.append(q == 0 ? "" : ","), queues.get(q));
        }
        out.append("],\"picks\":[");
        for (int i = 0; i < 200; i++) {
            String group = "multi-" + i;
            out.append(i == 0 ? "{" : ",{");
            Json.field(out, "group", group).append(",\"queue\":");
            queue(out, proxyPick(group, view)).append('}');
        }
        out.append("]}");
    }

    private static StringBuilder queue(StringBuilder out, AddressableMessageQueue queue) {
        Json.field(out.append('{'), "brokerName", queue.getBrokerName()).append(',');
        return Json.field(out, "queueId", queue.getQueueId()).append('}');
    }

    // --- ACL signatures --------------------------------------------------------------------------------------------

    private static void signatures(StringBuilder out) {
        Map<String, String> send = new LinkedHashMap<>();
        send.put("a", "obsync_producer");
        send.put("b", "obsync_test_fifo");
        send.put("c", "TBW102");
        send.put("d", "4");
        send.put("e", "3");
        send.put("f", "0");
        send.put("g", "1718000000000");
        send.put("h", "0");
        send.put("i", "KEYS\u0001k1 k2\u0002TAGS\u0001t\u0002__SHARDINGKEY\u00010123456789abcdef\u0002");
        send.put("j", "0");
        send.put("k", "false");
        send.put("m", "false");
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        byte[] large = new byte[70_000];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) (i * 31 + 7);
        }
        byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
        List<String> cases = new ArrayList<>();
        cases.add(sign("send header, text body", send, hello, "AK", "SK", null));
        cases.add(sign("send header, text body, security token", send, hello, "AK", "SK", "token-1"));
        cases.add(sign("no fields, empty body", fields(), new byte[0], "ak", "sk", null));
        cases.add(sign("no fields, no body", fields(), null, "ak", "sk", null));
        cases.add(sign("fields, no body", fields("topic", "t1", "queueId", "7"), null, "rocketmq2", "12345678", null));
        cases.add(sign("unicode values", fields("topic", "主题", "k", "Ünïcødé ☃ 😀"), hello, "AK", "SK", null));
        cases.add(sign("binary body", fields("topic", "bin"), binary, "AK", "SK", "tok"));
        cases.add(sign("70 KB body, token", fields(), large, "AK", "SK", "a-longer-security-token/with+symbols="));
        cases.add(sign("name order by UTF-16 code unit", orderProbe(), hello, "AK", "SK", null));
        cases.add(sign("unicode secret key", fields("topic", "t"), hello, "访问", "密钥-ß", null));
        cases.add(sign("empty values", fields("x", "", "y", "", "z", "v"), new byte[] {0}, "AK", "SK", null));
        cases.add(sign("stale Signature and AccessKey replaced", fields("Signature", "old", "AccessKey", "other", "t", "1"), hello, "AK", "SK", null));
        cases.add(sign("caller's SecurityToken kept without a credential token", fields("SecurityToken", "from-header", "t", "1"), hello, "AK", "SK", null));
        cases.add(sign("empty security token", fields("t", "1"), hello, "AK", "SK", ""));
        cases.add(sign("lone surrogate in a value", fields("t", "\ud800x"), hello, "AK", "SK", null));
        out.append('[').append(String.join(",", cases)).append(']');
    }

    /** Names whose order differs between code-point and UTF-16 ordering ('\uff21' vs an astral character), and case. */
    private static Map<String, String> orderProbe() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("\uff21", "fullwidth-A;");
        fields.put("😀", "astral;");
        fields.put("b", "b;");
        fields.put("B", "B;");
        fields.put("_x", "underscore;");
        fields.put("aa", "aa;");
        fields.put("a", "a;");
        fields.put("é", "e-acute;");
        return fields;
    }

    private static String sign(String name, Map<String, String> extFields, byte[] body, String accessKey, String secretKey, String token) {
        RemotingCommand request = RemotingCommand.createRequestCommand(10, null);
        extFields.forEach(request::addExtField);
        request.setBody(body);
        SessionCredentials credentials = token == null ? new SessionCredentials(accessKey, secretKey) : new SessionCredentials(accessKey, secretKey, token);
        new AclClientRPCHook(credentials).doBeforeRequest("127.0.0.1:10911", request);
        StringBuilder out = new StringBuilder("{");
        Json.field(out, "name", name).append(",\"extFields\":");
        Json.object(out, extFields).append(',');
        Json.field(out, "body", body == null ? null : Base64.getEncoder().encodeToString(body)).append(',');
        Json.field(out, "accessKey", accessKey).append(',');
        Json.field(out, "secretKey", secretKey).append(',');
        Json.field(out, "securityToken", token).append(",\"expected\":");
        return Json.object(out, new TreeMap<>(request.getExtFields())).append('}').toString();
    }

    /** Name/value pairs in the given order (Map.of would iterate in a different order on every run). */
    private static Map<String, String> fields(String... pairs) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(pairs[i], pairs[i + 1]);
        }
        return fields;
    }

    private static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            text.append(String.format("%02x", b & 0xff));
        }
        return text.toString();
    }
}
