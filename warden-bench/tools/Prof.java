// Warm-loop detection timing (docs/benchmarks.md, "Detection throughput, second pass").
// Run: java -Xmx1g -cp warden-engine/target/classes:warden-bench/target/benchmarks.jar warden-bench/tools/Prof.java <plain|prose|json|digits|at|base64|pairs> <bytes> [stack|rules|inj] [seconds]
import dev.warden.api.*;
import dev.warden.bench.*;
import dev.warden.engine.*;
import dev.warden.engine.config.WardenConfig;
import dev.warden.engine.json.JsonBodies;
import dev.warden.engine.detect.RuleDetector;
import dev.warden.engine.injection.InjectionDetector;

public class Prof {
  static dev.warden.api.KeyedHasher hasher() throws Exception {
    var m = ProtectBenchmark.class.getDeclaredMethod("hmacHasher"); m.setAccessible(true);
    return (dev.warden.api.KeyedHasher) m.invoke(null);
  }
  public static void main(String[] a) throws Exception {
    String kind = a[0]; int size = Integer.parseInt(a[1]); String which = a.length > 2 ? a[2] : "stack";
    long secs = a.length > 3 ? Long.parseLong(a[3]) : 10;
    WardenConfig config = WardenConfig.defaults();
    Detector det = switch (which) {
      case "rules" -> RuleDetector.builtin();
      case "inj" -> InjectionDetector.builtin();
      default -> DetectorStack.forConfig(config);
    };
    Protector p = new Protector(det, config.policy(), hasher(), new JsonBodies(config.server().maxJsonDepth(), Integer.MAX_VALUE));
    String text = null; byte[] json = null;
    switch (kind) {
      case "plain" -> text = DetectionInputs.plain(size);
      case "prose" -> text = DetectionInputs.prose(size);
      case "json" -> json = DetectionInputs.chatJson(size);
      default -> text = DetectionInputs.adversarial(kind, size);
    }
    long bytes = json != null ? json.length : text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    long end = System.nanoTime() + secs * 1_000_000_000L; int n = 0; long best = Long.MAX_VALUE; long sum=0;
    while (System.nanoTime() < end) {
      long t0 = System.nanoTime();
      Object r = json != null ? p.protectJson(json) : det.detect(new ScanInput(text, null, "$"));
      long t = System.nanoTime() - t0; best = Math.min(best, t); n++; if (n > 3) sum += t;
    }
    System.out.printf("%s %s %d bytes: n=%d best=%.2f ms (%.1f MB/s) avg=%.2f ms%n", kind, which, bytes, n, best/1e6, bytes/(best/1e3), n>3? sum/(n-3)/1e6:0.0);
  }
}
