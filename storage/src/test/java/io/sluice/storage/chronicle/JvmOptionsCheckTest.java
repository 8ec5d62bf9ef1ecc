package io.sluice.storage.chronicle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JvmOptionsCheckTest {
    @TempDir
    Path dir;

    @Test
    void thisJvmHasEveryOption() {
        assertEquals(List.of(), JvmAccessCheck.missingOptions());
    }

    @Test
    void aJvmWithoutTheOptionsGetsOneErrorNamingThem() throws Exception {
        Path stderr = dir.resolve("child.err");
        Process child = ChildJvm.start(List.of(), MissingJvmOptionsMain.class, stderr, dir.resolve("data").toString());
        String out;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            out = in.readLine();
        }
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertTrue(out != null && out.startsWith("REFUSED "), "child said: " + out + "; stderr:\n" + Files.readString(stderr));
        for (String option : List.of("--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
                "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/java.nio=ALL-UNNAMED")) {
            assertTrue(out.contains(option), "names " + option + ": " + out);
        }
        assertTrue(!out.contains("jdk.unsupported/sun.misc"), "sun.misc is exported by default and is not missing: " + out);
        assertTrue(!Files.exists(dir.resolve("data").resolve("meta")), "no queue was opened");
    }
}
