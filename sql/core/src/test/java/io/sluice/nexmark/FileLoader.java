package io.sluice.nexmark;

import io.sluice.Sluice;
import java.nio.file.Path;

/**
 * Loads through bounded file sources: writes {@code person.jsonl}, {@code auction.jsonl} and
 * {@code bid.jsonl} (see {@link NexmarkJson#writeFlat}) and declares each stream on its file with
 * {@code 'connector' = 'file'} and {@code 'format' = 'json'}. Each source reads its file once and
 * ends, and its end is a final watermark of +infinity: every window fires, so the oracle compares
 * every window. Needs the {@code file} connector (issue 5); the option names are the ones that
 * issue specifies.
 */
public final class FileLoader implements NexmarkLoader {
    @Override
    public void load(Sluice sluice, NexmarkData data, Path workDir) {
        Path dir = workDir.resolve("nexmark-jsonl");
        NexmarkJson.writeFlat(data, dir);
        sluice.execute(NexmarkSchema.person(with(dir.resolve("person.jsonl"))));
        sluice.execute(NexmarkSchema.auction(with(dir.resolve("auction.jsonl"))));
        sluice.execute(NexmarkSchema.bid(with(dir.resolve("bid.jsonl"))));
    }

    @Override
    public FinalWatermarks finalWatermarks(NexmarkData data) {
        return FinalWatermarks.END;
    }

    private static String with(Path file) {
        return " WITH ('connector' = 'file', 'path' = '" + file.toAbsolutePath().toString().replace("'", "''")
                + "', 'format' = 'json')";
    }
}
