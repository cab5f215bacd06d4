package dev.warden.engine.injection;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A logistic-regression model over {@link IntentFeatures}: how much a stretch of text reads like an
 * instruction aimed at a model rather than at a person. It generalizes past the exact phrasings the
 * signals name ("from here on your only job is …" without "ignore"), but it cannot tell a request
 * from a report about one on its own, so {@link InjectionDetector} discounts its reading where the
 * text reports or discusses injection, and never lets it overrule a signal that a negation, a
 * defence or code context cut.
 *
 * <p>The weights are one signed byte per bucket times a scale, trained offline by {@code
 * IntentModelTrainer} (test sources) from the labelled sets under {@code
 * src/test/resources/dev/warden/engine/injection/intent/}; the build retrains and checks the
 * shipped resource is what that training produces. Immutable and thread-safe.
 */
final class IntentModel {
  /** The resource the detector loads. */
  static final String RESOURCE = "intent-model.bin";

  private static final int MAGIC = 0x57494d31; // "WIM1"

  private final byte[] weights;
  private final float scale;
  private final float bias;

  IntentModel(byte[] weights, float scale, float bias) {
    if (weights.length != IntentFeatures.BUCKETS) {
      throw new IllegalArgumentException(
          "intent model has " + weights.length + " weights, expected " + IntentFeatures.BUCKETS);
    }
    if (!(scale > 0) || !Float.isFinite(scale) || !Float.isFinite(bias)) {
      throw new IllegalArgumentException("intent model scale/bias must be finite, scale > 0");
    }
    this.weights = weights;
    this.scale = scale;
    this.bias = bias;
  }

  /** The shipped model; fails (the detector cannot be built) when the resource is damaged. */
  static IntentModel builtIn() {
    return Holder.INSTANCE;
  }

  private static final class Holder {
    static final IntentModel INSTANCE = load();

    private static IntentModel load() {
      try (InputStream in = IntentModel.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(
              "intent model resource " + RESOURCE + " is missing from the warden-engine jar");
        }
        return read(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the intent model " + RESOURCE, e);
      }
    }
  }

  /** Sum of the weights of the features of {@code text[start, end)}, without the bias. */
  float evidence(CharSequence text, int start, int end) {
    long[] sum = {0}; // an int would overflow past ~17 M features
    IntentFeatures.forEach(text, start, end, bucket -> sum[0] += weights[bucket]);
    return sum[0] * scale;
  }

  /** The model's log-odds for a stretch whose {@link #evidence} is {@code evidence}. */
  float logit(float evidence) {
    return bias + evidence;
  }

  /** The probability for given log-odds. */
  static double probability(double logit) {
    return 1 / (1 + Math.exp(-logit));
  }

  static IntentModel read(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    if (data.readInt() != MAGIC) {
      throw new IOException("not an intent model (bad magic)");
    }
    int buckets = data.readInt();
    if (buckets != IntentFeatures.BUCKETS) {
      throw new IOException(
          "intent model has "
              + buckets
              + " buckets, this build hashes into "
              + IntentFeatures.BUCKETS);
    }
    float scale = data.readFloat();
    float bias = data.readFloat();
    byte[] weights = new byte[buckets];
    data.readFully(weights);
    if (data.read() != -1) {
      throw new IOException("intent model has trailing bytes");
    }
    try {
      return new IntentModel(weights, scale, bias);
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  byte[] write() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(weights.length + 16);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(weights.length);
      out.writeFloat(scale);
      out.writeFloat(bias);
      out.write(weights);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return bytes.toByteArray();
  }

  float bias() {
    return bias;
  }
}
