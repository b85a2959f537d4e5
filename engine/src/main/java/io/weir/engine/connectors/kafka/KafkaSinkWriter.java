package io.weir.engine.connectors.kafka;

import io.weir.engine.connectors.ConnectorContext;
import io.weir.engine.connectors.SinkWriter;
import io.weir.engine.connectors.TableDescriptor;
import io.weir.engine.connectors.format.Formats;
import io.weir.engine.connectors.format.RowEncoder;
import io.weir.engine.data.Field;
import io.weir.engine.data.Schema;
import io.weir.engine.operators.RowBatch;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes the rows of a {@code kafka} sink table to its one topic with one producer: value = the
 * row in the table's format (JSON), key = the {@code key.fields} columns in {@code key.format}
 * (JSON), or no key. The producer waits for every replica ({@code acks=all}) and is idempotent.
 * The topic is created (one partition, {@code retention.ms=-1}) when it is missing.
 *
 * <p>In an exactly-once query the writer has no producer of its own: it writes through the
 * query's transactional producer ({@link KafkaQueryLog}), so its rows become visible when the
 * query commits, together with the state changes and the source offsets they go with.
 *
 * <p>Follows {@link SinkWriter}'s call order on one task thread. {@link #write} only hands rows
 * to the producer; {@link #flush} waits for them and throws an external {@code WeirException} when
 * any failed since the previous flush.
 */
final class KafkaSinkWriter implements SinkWriter {
  private final TableDescriptor table;
  private final ConnectorContext context;
  private final KafkaOptions options;
  private RowEncoder valueEncoder;
  private RowEncoder keyEncoder;
  private CheckedProducer producer;
  private KafkaQueryLog shared;
  private String topic;

  KafkaSinkWriter(TableDescriptor table, ConnectorContext context) {
    this.table = table;
    this.context = context;
    this.options = KafkaOptions.of(table, context);
  }

  @Override
  public void open() {
    topic = options.singleTopic(table.name());
    valueEncoder = Formats.encoder(table);
    if (options.keyFields().length > 0) {
      List<Field> keyColumns = new ArrayList<>();
      for (int i : options.keyFields()) {
        keyColumns.add(table.physicalSchema().field(i));
      }
      Schema keySchema = new Schema(keyColumns);
      keyEncoder = table.option(KafkaOptions.KEY_FORMAT) != null
          ? Formats.encoder(table, keySchema, "key.")
          : Formats.encoder(table, keySchema);
    }
    shared = KafkaQueryLog.sharedFor(context, options.bootstrapServers(), "table '" + table.name() + "'");
    if (shared != null) {
      shared.ensureTopic(topic);
    } else {
      producer = new CheckedProducer("table '" + table.name() + "'", topic, options.bootstrapServers(),
          "weir-" + context.queryId() + "-" + table.name(), options.clientProperties());
    }
  }

  @Override
  public void write(RowBatch rows) {
    int[] keyFields = options.keyFields();
    for (int r = 0; r < rows.size(); r++) {
      Object[] row = rows.get(r);
      byte[] key = null;
      if (keyEncoder != null) {
        Object[] keyRow = new Object[keyFields.length];
        for (int k = 0; k < keyFields.length; k++) {
          keyRow[k] = row[keyFields[k]];
        }
        key = keyEncoder.encode(keyRow);
      }
      ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, key, valueEncoder.encode(row));
      if (shared != null) {
        shared.send(record, "table '" + table.name() + "'");
      } else {
        producer.send(record);
      }
    }
  }

  @Override
  public void flush() {
    if (shared != null) {
      shared.flushSends("table '" + table.name() + "'");
    } else {
      producer.flush();
    }
  }

  @Override
  public void close() {
    if (producer != null) {
      producer.close();
      producer = null;
    }
  }
}
