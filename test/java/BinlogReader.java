import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An independent binlog reader for the tests: com.zendesk:mysql-binlog-connector-java (the client Debezium uses)
 * reads a server's row events, and each row is printed as one JSON line:
 *   {"table":"db.table","op":"insert|update|delete","before":[...]|null,"after":[...]|null}
 * Values are strings (numbers as Java prints them, DECIMAL as toPlainString, byte[] as "hex:…", DATETIME2/TIMESTAMP2
 * as microseconds since the epoch read as UTC) or null. The last line is {"summary":{"reason":…,"rows":n,"error":…}}.
 *
 * Arguments: host port (--file NAME --pos N | --gtid SET) --rows N --timeout MS [--stock] [--server-id N]
 *
 * Without --stock the client skips its connection set-up queries (setupConnection): the OceanBase Binlog Service
 * answers `SHOW GLOBAL VARIABLES LIKE 'binlog_checksum'` with the column definitions and then ERR 1236 "Unknown system
 * variable binlog_checksum" (oblogproxy's ShowVarProcessor, sys_var.h has no binlog_checksum), and a stock
 * BinaryLogClient gives up on that error. Nothing is lost by skipping: the client takes the checksum algorithm from
 * the FORMAT_DESCRIPTION event anyway, which is what obbinlog wants (it ignores `SET @master_binlog_checksum =
 * @@global.binlog_checksum`, so the artificial ROTATE before it comes without a checksum, as the client then expects).
 */
public final class BinlogReader {
    private BinlogReader() {
    }

    /** A client that sends no SQL before the dump request (see the class comment). */
    static final class QuietClient extends BinaryLogClient {
        QuietClient(String host, int port) {
            super(host, port, "reader@tenant#cluster", "anything");
        }

        @Override
        protected void setupConnection() {
        }
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        String file = null;
        long pos = 4;
        String gtid = null;
        int limit = Integer.MAX_VALUE;
        long timeoutMs = 30_000;
        boolean stock = false;
        long serverId = 4200;
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--file" -> file = args[++i];
                case "--pos" -> pos = Long.parseLong(args[++i]);
                case "--gtid" -> gtid = args[++i];
                case "--rows" -> limit = Integer.parseInt(args[++i]);
                case "--timeout" -> timeoutMs = Long.parseLong(args[++i]);
                case "--stock" -> stock = true;
                case "--server-id" -> serverId = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        BinaryLogClient client = stock
            ? new BinaryLogClient(host, port, "reader@tenant#cluster", "anything")
            : new QuietClient(host, port);
        client.setServerId(serverId);
        client.setKeepAlive(false);
        if (gtid != null) {
            client.setGtidSet(gtid);
        } else {
            client.setBinlogFilename(file);
            client.setBinlogPosition(pos);
        }
        EventDeserializer deserializer = new EventDeserializer();
        deserializer.setCompatibilityMode(
            EventDeserializer.CompatibilityMode.DATE_AND_TIME_AS_LONG_MICRO,
            EventDeserializer.CompatibilityMode.CHAR_AND_BINARY_AS_BYTE_ARRAY);
        client.setEventDeserializer(deserializer);

        final int rowLimit = limit;
        Map<Long, String> tables = new HashMap<>();
        AtomicInteger printed = new AtomicInteger();
        AtomicReference<String> error = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        client.registerEventListener((Event event) -> {
            EventData data = event.getData();
            if (data instanceof TableMapEventData map) {
                tables.put(map.getTableId(), map.getDatabase() + "." + map.getTable());
            } else if (data instanceof WriteRowsEventData rows) {
                for (Serializable[] row : rows.getRows()) {
                    print(tables.get(rows.getTableId()), "insert", null, row, printed);
                }
            } else if (data instanceof UpdateRowsEventData rows) {
                for (Map.Entry<Serializable[], Serializable[]> row : rows.getRows()) {
                    print(tables.get(rows.getTableId()), "update", row.getKey(), row.getValue(), printed);
                }
            } else if (data instanceof DeleteRowsEventData rows) {
                for (Serializable[] row : rows.getRows()) {
                    print(tables.get(rows.getTableId()), "delete", row, null, printed);
                }
            }
            if (printed.get() >= rowLimit) {
                done.countDown();
            }
        });
        client.registerLifecycleListener(new BinaryLogClient.AbstractLifecycleListener() {
            @Override
            public void onEventDeserializationFailure(BinaryLogClient c, Exception ex) {
                error.compareAndSet(null, "deserialization: " + ex);
                done.countDown();
            }

            @Override
            public void onCommunicationFailure(BinaryLogClient c, Exception ex) {
                error.compareAndSet(null, "communication: " + ex);
                done.countDown();
            }
        });
        Thread reader = new Thread(() -> {
            try {
                client.connect();
            } catch (Exception ex) {
                error.compareAndSet(null, "connect: " + ex);
            } finally {
                done.countDown();
            }
        }, "binlog-reader");
        reader.setDaemon(true);
        reader.start();
        boolean finished = done.await(timeoutMs, TimeUnit.MILLISECONDS);
        String reason = error.get() != null ? "error" : printed.get() >= rowLimit ? "count" : finished ? "end" : "timeout";
        try {
            client.disconnect();
        } catch (Exception ignored) {
            // the summary says why the reader stopped
        }
        StringBuilder out = new StringBuilder("{\"summary\":{");
        Json.field(out, "reason", reason).append(',');
        Json.field(out, "rows", printed.get()).append(',');
        Json.field(out, "error", error.get()).append("}}");
        Json.OUT.println(out);
        Json.OUT.flush();
        System.exit(0);
    }

    private static synchronized void print(String table, String op, Serializable[] before, Serializable[] after, AtomicInteger printed) {
        StringBuilder out = new StringBuilder("{");
        Json.field(out, "table", table).append(',');
        Json.field(out, "op", op).append(',');
        values(Json.string(out, "before").append(':'), before).append(',');
        values(Json.string(out, "after").append(':'), after).append('}');
        Json.OUT.println(out);
        Json.OUT.flush();
        printed.incrementAndGet();
    }

    private static StringBuilder values(StringBuilder out, Serializable[] row) {
        if (row == null) {
            return out.append("null");
        }
        out.append('[');
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            Json.string(out, render(row[i]));
        }
        return out.append(']');
    }

    private static String render(Serializable value) {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            StringBuilder hex = new StringBuilder("hex:");
            for (byte b : bytes) {
                hex.append(String.format("%02x", b & 0xff));
            }
            return hex.toString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof BitSet bits) {
            return "bits:" + bits;
        }
        return value.toString();
    }
}
