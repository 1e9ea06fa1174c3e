import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.ChecksumType;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.network.protocol.command.QueryCommand;
import java.io.IOException;
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
 * as microseconds since the epoch read as UTC) or null. Each ROTATE is a line {"rotate":{"file":…,"position":n}}, and
 * the last line is {"summary":{"reason":…,"rows":n,"error":…}}.
 *
 * Arguments: host port (--file NAME --pos N | --gtid SET) --rows N --timeout MS [--setup crc32|none|stock]
 *
 * --setup says what the client does between logging in and asking for the stream:
 * - stock: BinaryLogClient's own set-up. On the OceanBase Binlog Service it fails: obbinlog answers `SHOW GLOBAL
 *   VARIABLES LIKE 'binlog_checksum'` with the column definitions and then ERR 1236 "Unknown system variable
 *   binlog_checksum" (oblogproxy's ShowVarProcessor; its sys_var.h has no binlog_checksum), and the client gives up.
 * - none: no queries. The client then expects no checksum until the FORMAT_DESCRIPTION event tells it the algorithm,
 *   but obbinlog puts a CRC32 on the artificial ROTATE before it when @master_binlog_checksum was never set (its own
 *   binlog_checksum setting, on by default, decides then), so the client reads those 4 bytes as part of the file name.
 * - crc32 (the default, what copes with obbinlog): `SET @master_binlog_checksum = 'CRC32'`, the literal that obbinlog
 *   compares with (it stores `@@global.binlog_checksum` as the text "binlog_checksum", which means no checksum), and
 *   the client told to expect CRC32 from the first event; from the FORMAT_DESCRIPTION event on the client takes the
 *   algorithm from that event, as obbinlog sends the file's events as they are stored.
 */
public final class BinlogReader {
    private BinlogReader() {
    }

    /** A client with the set-up that copes with obbinlog, or none at all (see the class comment). */
    static final class ObbinlogClient extends BinaryLogClient {
        private final boolean crc32;
        private final EventDeserializer deserializer;

        ObbinlogClient(String host, int port, boolean crc32, EventDeserializer deserializer) {
            super(host, port, "reader@tenant#cluster", "anything");
            this.crc32 = crc32;
            this.deserializer = deserializer;
        }

        @Override
        protected void setupConnection() throws IOException {
            if (crc32) {
                channel.write(new QueryCommand("SET @master_binlog_checksum = 'CRC32'"));
                checkError(channel.read());
                deserializer.setChecksumType(ChecksumType.CRC32);
            }
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
        String setup = "crc32";
        long serverId = 4200;
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--file" -> file = args[++i];
                case "--pos" -> pos = Long.parseLong(args[++i]);
                case "--gtid" -> gtid = args[++i];
                case "--rows" -> limit = Integer.parseInt(args[++i]);
                case "--timeout" -> timeoutMs = Long.parseLong(args[++i]);
                case "--setup" -> setup = args[++i];
                case "--server-id" -> serverId = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        EventDeserializer deserializer = new EventDeserializer();
        deserializer.setCompatibilityMode(
            EventDeserializer.CompatibilityMode.DATE_AND_TIME_AS_LONG_MICRO,
            EventDeserializer.CompatibilityMode.CHAR_AND_BINARY_AS_BYTE_ARRAY);
        BinaryLogClient client = switch (setup) {
            case "stock" -> new BinaryLogClient(host, port, "reader@tenant#cluster", "anything");
            case "none" -> new ObbinlogClient(host, port, false, deserializer);
            case "crc32" -> new ObbinlogClient(host, port, true, deserializer);
            default -> throw new IllegalArgumentException("unknown --setup " + setup);
        };
        client.setEventDeserializer(deserializer);
        client.setServerId(serverId);
        client.setKeepAlive(false);
        if (gtid != null) {
            client.setGtidSet(gtid);
        } else {
            client.setBinlogFilename(file);
            client.setBinlogPosition(pos);
        }

        final int rowLimit = limit;
        Map<Long, String> tables = new HashMap<>();
        AtomicInteger printed = new AtomicInteger();
        AtomicReference<String> error = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        client.registerEventListener((Event event) -> {
            EventData data = event.getData();
            if (data instanceof RotateEventData rotate) {
                StringBuilder out = new StringBuilder("{\"rotate\":{");
                Json.field(out, "file", rotate.getBinlogFilename()).append(',');
                Json.field(out, "position", rotate.getBinlogPosition()).append("}}");
                synchronized (BinlogReader.class) {
                    Json.OUT.println(out);
                    Json.OUT.flush();
                }
            } else if (data instanceof TableMapEventData map) {
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
