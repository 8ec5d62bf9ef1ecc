package io.sluice.connectors.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.connector.Decoder;
import io.sluice.engine.connector.SourceOutput;
import io.sluice.storage.row.Column;
import io.sluice.storage.row.DataType;
import io.sluice.storage.row.RowKind;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.RowWriter;
import io.sluice.storage.row.TypeKind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Line splitting and positions of the file source's reader, with a decoder that records each line:
 * every line arrives once, whole and in order, wherever it falls in the read buffer, and a reader
 * opened at a position continues with the line after the last one handed over.
 */
class FileSourceReaderTest {
    private static final RowSchema SCHEMA = RowSchema.of(new Column("x", DataType.of(TypeKind.BIGINT)));

    @TempDir
    Path dir;

    /** Remembers every line it is given (as ISO-8859-1 text, so any byte survives). */
    private static final class Recorder implements Decoder {
        final List<String> lines = new ArrayList<>();

        @Override
        public boolean decode(byte[] bytes, int offset, int length, RowWriter row) {
            lines.add(new String(bytes, offset, length, StandardCharsets.ISO_8859_1));
            return true;
        }
    }

    private static final class Output implements SourceOutput {
        private final RowWriter row = new RowWriter(SCHEMA);
        int emitted;

        @Override
        public RowWriter row() {
            return row.begin(RowKind.INSERT);
        }

        @Override
        public boolean emit() {
            emitted++;
            return true;
        }

        @Override
        public void reject(byte[] raw, int offset, int length, String error) {
            throw new AssertionError("no line is bad here: " + error);
        }
    }

    /**
     * Lines of many lengths (empty, short, around 8 bytes, one longer than the read buffer) with
     * bytes that look like a newline to a careless bit trick (0x0B, 0x8A, 0x09, 0x00), some ending in
     * \r\n and the last one with no line end at all. Returns the lines the reader must hand over.
     */
    private static List<String> writeLines(Path file) throws Exception {
        Random rnd = new Random(7);
        byte[] alphabet = {'a', 'z', '{', '"', 0x0B, (byte) 0x8A, 0x09, 0x00, (byte) 0xFF, 0x0C, (byte) 0x0A ^ 0x01};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            int length = i == 1500 ? (3 << 19) : i % 97 == 0 ? 0 : rnd.nextInt(i % 3 == 0 ? 20 : 900);
            byte[] line = new byte[length];
            for (int k = 0; k < length; k++) {
                line[k] = alphabet[rnd.nextInt(alphabet.length)];
            }
            out.write(line);
            boolean last = i == 3999;
            if (!last) {
                out.write(i % 5 == 0 ? "\r\n".getBytes(StandardCharsets.ISO_8859_1) : new byte[] {'\n'});
            }
            if (length > 0) {
                expected.add(new String(line, StandardCharsets.ISO_8859_1));
            }
        }
        Files.write(file, out.toByteArray());
        return expected;
    }

    private static FileSourceReader reader(Path file, Decoder decoder, byte[] position) {
        return new FileSourceReader(new FileSet(file.toString()), 0, 1, decoder, false, 200, position);
    }

    @Test
    void everyLineArrivesOnceWholeAndInOrder() throws Exception {
        Path file = dir.resolve("lines.txt");
        List<String> expected = writeLines(file);
        Recorder recorder = new Recorder();
        Output out = new Output();
        try (FileSourceReader reader = reader(file, recorder, null)) {
            for (int polls = 0; !reader.isFinished(); polls++) {
                reader.poll(out, 1000);
                assertTrue(polls < 100_000, "the reader does not finish");
            }
        }
        assertEquals(expected.size(), recorder.lines.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), recorder.lines.get(i), "line " + i);
        }
        assertEquals(expected.size(), out.emitted);
    }

    @Test
    void aReaderOpenedAtAPositionContinuesWithTheNextLine() throws Exception {
        Path file = dir.resolve("lines.txt");
        List<String> expected = writeLines(file);
        Recorder first = new Recorder();
        Output out = new Output();
        List<byte[]> positions = new ArrayList<>();
        List<Integer> handedOver = new ArrayList<>();
        try (FileSourceReader reader = reader(file, first, null)) {
            while (!reader.isFinished()) {
                reader.poll(out, 37);
                positions.add(reader.position());
                handedOver.add(first.lines.size());
            }
        }
        assertEquals(expected, first.lines);
        for (int p = 0; p < positions.size(); p += 7) {
            Recorder resumed = new Recorder();
            try (FileSourceReader reader = reader(file, resumed, positions.get(p))) {
                while (!reader.isFinished()) {
                    reader.poll(out, 1000);
                }
            }
            assertEquals(expected.subList(handedOver.get(p), expected.size()), resumed.lines, "resumed at poll " + p);
        }
    }
}
