package dev.foldout.internal.diff.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.foldout.DiffValue;
import dev.foldout.RowChange;
import dev.foldout.TableDiff;
import dev.foldout.internal.diff.DiffHeader;
import dev.foldout.internal.diff.DiffSink;
import dev.foldout.internal.diff.rows.RowSink;
import dev.foldout.internal.diff.rows.TablePlan;
import dev.foldout.internal.diff.schema.ObjectChange;
import dev.foldout.internal.diff.schema.SchemaDiff;
import dev.foldout.internal.diff.schema.Unsupported;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes a diff as one JSON document, streamed: the header fields, {@code schema} (pre-data and post-data
 * statements, the changes per object, the unsupported objects), and {@code tables}, each with its rows as they
 * come and then its counts. Values are {@code {"column", "type", "text"}} with {@code text} null for NULL.
 */
public final class JsonWriter implements DiffSink, AutoCloseable {
    private final JsonGenerator json;

    /** Writes to {@code out}; {@link #close()} flushes without closing {@code out}. */
    public JsonWriter(Writer out) {
        try {
            this.json = new JsonFactory().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void header(DiffHeader h) {
        io(() -> {
            json.writeStartObject();
            json.writeStringField("format", "foldout-diff");
            json.writeNumberField("version", 1);
            json.writeStringField("parent", h.parent());
            json.writeStringField("branch", h.branch());
            json.writeStringField("mode", h.mode());
            json.writeNumberField("parentOid", h.parentOid());
            json.writeStringField("parentSchema", h.parentSchema());
            json.writeObjectFieldStart("parentOwn");
            json.writeBooleanField("known", h.parentOwn().known());
            json.writeNumberField("rows", h.parentOwn().rows());
            json.writeNumberField("objects", h.parentOwn().objects());
            json.writeEndObject();
        });
    }

    @Override
    public void preData(SchemaDiff s) {
        io(() -> {
            json.writeObjectFieldStart("schema");
            strings("preData", s.preData());
            strings("postData", s.postData());
            json.writeArrayFieldStart("changes");
            for (ObjectChange c : s.changes()) {
                json.writeStartObject();
                json.writeStringField("kind", c.kind());
                json.writeStringField("name", c.name());
                json.writeStringField("action", c.action().name());
                strings("statements", c.statements());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("unsupported");
            for (Unsupported u : s.unsupported()) {
                json.writeStartObject();
                json.writeStringField("kind", u.kind());
                json.writeStringField("name", u.name());
                json.writeStringField("reason", u.reason());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeArrayFieldStart("tables");
        });
    }

    @Override
    public RowSink table(TablePlan plan) {
        io(() -> {
            json.writeStartObject();
            json.writeStringField("schema", plan.to().schema());
            json.writeStringField("name", plan.to().name());
            strings("key", plan.key());
            json.writeStringField("locator", plan.locator());
            json.writeArrayFieldStart("rows");
        });
        return change -> io(() -> row(change));
    }

    private void row(RowChange change) throws IOException {
        json.writeStartObject();
        json.writeStringField("op", change.kind().name());
        values("key", change.key());
        if (!change.values().isEmpty()) {
            values("values", change.values());
        }
        if (change.guard() != null) {
            json.writeStringField("guard", change.guard());
        }
        json.writeEndObject();
    }

    @Override
    public void tableDone(TablePlan plan, TableDiff summary) {
        io(() -> {
            json.writeEndArray();
            json.writeNumberField("inserts", summary.inserts());
            json.writeNumberField("updates", summary.updates());
            json.writeNumberField("deletes", summary.deletes());
            json.writeEndObject();
        });
    }

    @Override
    public void postData(SchemaDiff schema) {
        io(json::writeEndArray);
    }

    @Override
    public void finish() {
        io(() -> {
            json.writeEndObject();
            json.flush();
        });
    }

    @Override
    public void close() {
        io(json::close);
    }

    private void strings(String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String v : values) {
            json.writeString(v);
        }
        json.writeEndArray();
    }

    private void values(String field, List<DiffValue> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (DiffValue v : values) {
            json.writeStartObject();
            json.writeStringField("column", v.column());
            json.writeStringField("type", v.type());
            json.writeStringField("text", v.text());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private interface Io {
        void run() throws IOException;
    }

    private static void io(Io action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the diff as JSON: " + e.getMessage(), e);
        }
    }
}
