package dev.warden.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineReaderTest {
  @Test
  void wordAtATimeSearchFindsTheFirstNewlineLikeAByteLoop() {
    Random random = new Random(11);
    for (int round = 0; round < 20_000; round++) {
      byte[] b = new byte[random.nextInt(40)];
      for (int i = 0; i < b.length; i++) {
        // Mostly bytes next to '\n' (0x09, 0x0B, 0x8A) and high bytes that trip naive bit tricks.
        int pick = random.nextInt(8);
        b[i] =
            (byte)
                (pick == 0
                    ? '\n'
                    : pick == 1
                        ? 0x0B
                        : pick == 2
                            ? 0x09
                            : pick == 3
                                ? 0x8A
                                : pick == 4 ? 0xFF : pick == 5 ? 0x00 : random.nextInt(256));
      }
      int from = b.length == 0 ? 0 : random.nextInt(b.length + 1);
      int to = from + random.nextInt(b.length - from + 1);
      assertThat(LineReader.indexOfNewline(b, from, to)).isEqualTo(naive(b, from, to));
    }
  }

  @Test
  void splitsLinesAcrossBufferBoundariesWithOffsets(@TempDir Path dir) throws IOException {
    Random random = new Random(5);
    List<String> lines = new ArrayList<>();
    StringBuilder all = new StringBuilder();
    while (all.length() < 300_000) {
      String line = "x".repeat(random.nextInt(random.nextInt(10) == 0 ? 70_000 : 300)) + "é";
      lines.add(line);
      all.append(line).append('\n');
    }
    all.append("torn");
    Path file = dir.resolve("segment.jsonl");
    Files.writeString(file, all, StandardCharsets.UTF_8);

    long offset = 0;
    try (LineReader reader = new LineReader(file)) {
      for (int i = 0; i < lines.size(); i++) {
        LineReader.Line line = Objects.requireNonNull(reader.next(), "line " + (i + 1));
        assertThat(new String(line.bytes(), StandardCharsets.UTF_8)).isEqualTo(lines.get(i));
        assertThat(line.number()).isEqualTo(i + 1);
        assertThat(line.offset()).isEqualTo(offset);
        assertThat(line.terminated()).isTrue();
        offset = line.end();
      }
      LineReader.Line torn = Objects.requireNonNull(reader.next(), "torn last line");
      assertThat(new String(torn.bytes(), StandardCharsets.UTF_8)).isEqualTo("torn");
      assertThat(torn.terminated()).isFalse();
      assertThat(reader.next()).isNull();
    }
  }

  private static int naive(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
