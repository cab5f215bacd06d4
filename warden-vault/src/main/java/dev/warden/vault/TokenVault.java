package dev.warden.vault;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import dev.warden.api.Restorer;
import dev.warden.api.TokenFormat;
import dev.warden.api.VaultSession;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reversible tokenization and encryption (DESIGN §4 {@code TokenVault}).
 *
 * <p><b>Tokens.</b> {@code tokenize(type, value, scope)} returns {@code [TOKEN:type:id]}: {@code
 * id} is the first 80 bits of the AES-256-SIV synthetic IV of the value under the {@code
 * vault-token} keyset, with type and scope as associated data, in base32. So a token is
 * deterministic per (key, type, value, scope), reveals nothing about the value without the key (SIV
 * is a PRF), and differs between scopes. The value itself is sealed with AES-256-GCM under the
 * {@code vault-entry} keyset, associated data binding scope, token and type, and stored with an
 * expiry; {@code detokenize} opens it only in the same scope and before the expiry. An entry
 * altered or copied to another (scope, token) fails authentication and is rejected.
 *
 * <p><b>Envelopes.</b> {@code encrypt(type, path, value)} returns {@code [ENC:type:kid:ct]}:
 * AES-256-GCM under the {@code vault-envelope} keyset with type and JSON path as associated data;
 * {@code kid} is the sealing key's id (also in Tink's 5-byte ciphertext prefix), so envelopes made
 * before a rotation still open. Nothing is stored.
 *
 * <p>Thread-safe. Failures throw {@link VaultException} (an {@link IllegalStateException}); no
 * message ever contains a value.
 */
public final class TokenVault implements AutoCloseable {
  private static final byte[] TOKEN_DOMAIN = "warden-token-v1".getBytes(StandardCharsets.UTF_8);
  private static final byte[] ENTRY_DOMAIN = "warden-entry-v1".getBytes(StandardCharsets.UTF_8);
  private static final byte[] ENVELOPE_DOMAIN = "warden-enc-v1".getBytes(StandardCharsets.UTF_8);
  private static final int ID_BYTES = TokenFormat.ID_LENGTH * 5 / 8;
  private static final int SIV_BYTES = 16;
  private static final int TINK_PREFIX = 5;
  private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  private final DeterministicAead tokenIds;
  private final Aead entries;
  private final Aead envelopes;
  private final String envelopeKeyId;
  private final TokenStore store;
  private final Duration ttl;
  private final Clock clock;

  private TokenVault(
      KeysetHandle tokenKeys,
      KeysetHandle entryKeys,
      KeysetHandle envelopeKeys,
      TokenStore store,
      Duration ttl,
      Clock clock)
      throws GeneralSecurityException {
    this.tokenIds = tokenKeys.getPrimitive(RegistryConfiguration.get(), DeterministicAead.class);
    this.entries = entryKeys.getPrimitive(RegistryConfiguration.get(), Aead.class);
    this.envelopes = envelopeKeys.getPrimitive(RegistryConfiguration.get(), Aead.class);
    this.envelopeKeyId = keyIdHex(envelopeKeys.getPrimary().getId());
    this.store = store;
    this.ttl = ttl;
    this.clock = clock;
  }

  /**
   * Opens the vault with keysets from {@code keys} and values in {@code store}.
   *
   * @param ttl how long an entry restores after it was last issued
   * @throws VaultException if a keyset cannot be used
   */
  public static TokenVault open(LocalKeyring keys, TokenStore store, Duration ttl, Clock clock) {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("vault ttl must be positive, got " + ttl);
    }
    VaultKeys k = VaultKeys.of(keys);
    try {
      return new TokenVault(
          k.loadOrCreate(VaultKeys.TOKEN),
          k.loadOrCreate(VaultKeys.ENTRY),
          k.loadOrCreate(VaultKeys.ENVELOPE),
          store,
          ttl,
          clock);
    } catch (GeneralSecurityException e) {
      throw new VaultException("vault keysets cannot be used: " + e.getClass().getSimpleName(), e);
    }
  }

  /** The default vault: keys in {@code dataDir/keys}, store {@code dataDir/vault/tokens.db}. */
  public static TokenVault open(Path dataDir, Duration ttl) {
    LocalKeyring keys = LocalKeyring.open(dataDir);
    SqliteTokenStore store = SqliteTokenStore.open(SqliteTokenStore.defaultFile(dataDir));
    try {
      return open(keys, store, ttl, Clock.systemUTC());
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  public Duration ttl() {
    return ttl;
  }

  /**
   * The token for {@code value} of {@code type} in {@code scope}; stores the sealed value (or
   * refreshes its expiry).
   *
   * @throws IllegalArgumentException if {@code type} is not a {@link TokenFormat} type
   * @throws VaultException if the store cannot be written
   */
  public String tokenize(String type, String value, VaultScope scope) {
    String token = tokenFor(type, value, scope);
    long now = clock.millis();
    byte[] sealed;
    try {
      sealed = entries.encrypt(utf8(value), entryAd(scope, token, type));
    } catch (GeneralSecurityException e) {
      throw new VaultException("cannot seal a vault entry: " + e.getClass().getSimpleName(), e);
    }
    store.put(new TokenStore.Entry(scope.key(), token, type, sealed, now, now + ttl.toMillis()));
    return token;
  }

  /** The token text without storing anything (deterministic; used by tests and benchmarks). */
  String tokenFor(String type, String value, VaultScope scope) {
    if (!TokenFormat.isValidType(type)) {
      throw new IllegalArgumentException(
          "type must be lower_snake of at most " + TokenFormat.MAX_TYPE_LENGTH + " characters");
    }
    byte[] ct;
    try {
      ct = tokenIds.encryptDeterministically(utf8(value), ad(TOKEN_DOMAIN, type, scope.key()));
    } catch (GeneralSecurityException e) {
      throw new VaultException("cannot derive a token: " + e.getClass().getSimpleName(), e);
    }
    // AES-SIV output is [Tink prefix][16-byte synthetic IV][ciphertext]; the IV is a PRF of
    // (key, associated data, value), so its prefix is a keyed, deterministic id.
    int prefix = ct.length - SIV_BYTES - utf8(value).length;
    return TokenFormat.token(type, base32(ct, prefix, ID_BYTES));
  }

  /**
   * The value {@code token} stands for in {@code scope}; empty when the token was not issued in
   * that scope, is malformed, or has expired.
   *
   * @throws VaultException if the stored entry fails authentication (altered or copied) or the
   *     store cannot be read
   */
  public Optional<String> detokenize(String token, VaultScope scope) {
    List<TokenFormat.Marker> found = TokenFormat.tokens(token);
    if (found.size() != 1 || !found.getFirst().text().equals(token)) {
      return Optional.empty();
    }
    return open(found.getFirst(), scope);
  }

  private Optional<String> open(TokenFormat.Marker token, VaultScope scope) {
    Optional<TokenStore.Entry> e = store.get(scope.key(), token.text());
    if (e.isEmpty() || e.get().expiresMillis() < clock.millis()) {
      return Optional.empty();
    }
    try {
      byte[] plain = entries.decrypt(e.get().sealed(), entryAd(scope, token.text(), token.type()));
      return Optional.of(new String(plain, StandardCharsets.UTF_8));
    } catch (GeneralSecurityException ex) {
      throw new VaultException(
          "vault entry for a "
              + token.type()
              + " token in scope "
              + scope
              + " failed authentication: it was altered or copied from elsewhere; it is refused");
    }
  }

  /** The {@code encrypt} action: an envelope of {@code value} bound to {@code type} and path. */
  public String encrypt(String type, String path, String value) {
    if (!TokenFormat.isValidType(type)) {
      throw new IllegalArgumentException(
          "type must be lower_snake of at most " + TokenFormat.MAX_TYPE_LENGTH + " characters");
    }
    try {
      byte[] ct = envelopes.encrypt(utf8(value), ad(ENVELOPE_DOMAIN, type, path));
      return TokenFormat.envelope(
          type, envelopeKeyId, Base64.getUrlEncoder().withoutPadding().encodeToString(ct));
    } catch (GeneralSecurityException e) {
      throw new VaultException("cannot encrypt a value: " + e.getClass().getSimpleName(), e);
    }
  }

  /**
   * Opens an envelope made by {@link #encrypt} for {@code path}.
   *
   * @throws VaultException if it is malformed, was made for another type or path, was altered, or
   *     its key is not in the keyset
   */
  public String decrypt(String envelope, String path) {
    List<TokenFormat.Marker> found = TokenFormat.markers(envelope);
    if (found.size() != 1
        || found.getFirst().kind() != TokenFormat.Kind.ENVELOPE
        || !found.getFirst().text().equals(envelope)) {
      throw new VaultException("not an envelope: expected [ENC:<type>:<key id>:<ciphertext>]");
    }
    return openEnvelope(found.getFirst(), path)
        .orElseThrow(() ->
            new VaultException(
                "envelope does not open at path "
                    + path
                    + ": made for another path or type, altered, or its key is not in the"
                    + " vault-envelope keyset"));
  }

  private Optional<String> openEnvelope(TokenFormat.Marker m, String path) {
    String[] parts = m.text().substring(1, m.text().length() - 1).split(":", 4);
    byte[] ct;
    try {
      ct = Base64.getUrlDecoder().decode(parts[3]);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    // The visible key id must be the one Tink's prefix names, so it cannot be relabelled.
    if (ct.length < TINK_PREFIX || !keyIdHex(ByteBuffer.wrap(ct, 1, 4).getInt()).equals(parts[2])) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new String(envelopes.decrypt(ct, ad(ENVELOPE_DOMAIN, m.type(), path)), UTF8));
    } catch (GeneralSecurityException e) {
      return Optional.empty();
    }
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  /** Removes expired entries; returns how many. */
  public long purgeExpired() {
    return store.purgeExpired(clock.millis());
  }

  /** Removes every entry of {@code scope}; returns how many. */
  public long purgeScope(VaultScope scope) {
    return store.purgeScope(scope.key());
  }

  /** Removes every entry; returns how many. */
  public long purgeAll() {
    return store.purgeAll();
  }

  public TokenStore.Stats stats() {
    return store.stats(clock.millis());
  }

  /** The vault bound to one exchange's scope, for the engine and the restorer. */
  public VaultSession session(VaultScope scope) {
    return new Session(scope);
  }

  @Override
  public void close() {
    store.close();
  }

  /**
   * One exchange. Remembers the values it tokenized so restoring them needs no store read; tokens
   * issued earlier in the same scope are read from the store.
   */
  private final class Session implements VaultSession, Restorer {
    private final VaultScope scope;
    private final Map<String, String> issued = new ConcurrentHashMap<>();

    Session(VaultScope scope) {
      this.scope = scope;
    }

    @Override
    public String tokenize(String type, String value) {
      String token = TokenVault.this.tokenize(type, value, scope);
      issued.put(token, value);
      return token;
    }

    @Override
    public String encrypt(String type, String path, String value) {
      return TokenVault.this.encrypt(type, path, value);
    }

    @Override
    public boolean isGenuine(TokenFormat.Marker marker, String path) {
      return switch (marker.kind()) {
        case TOKEN -> lookup(marker).isPresent();
        case ENVELOPE -> openEnvelope(marker, path).isPresent();
      };
    }

    @Override
    public Restorer restorer() {
      return this;
    }

    @Override
    public String restore(String text) {
      List<TokenFormat.Marker> tokens = TokenFormat.tokens(text);
      if (tokens.isEmpty()) {
        return text;
      }
      StringBuilder out = new StringBuilder(text.length());
      int at = 0;
      for (TokenFormat.Marker t : tokens) {
        Optional<String> value = lookup(t);
        if (value.isPresent()) {
          out.append(text, at, t.start()).append(value.get());
          at = t.end();
        }
      }
      return at == 0 ? text : out.append(text, at, text.length()).toString();
    }

    private Optional<String> lookup(TokenFormat.Marker t) {
      String known = issued.get(t.text());
      if (known != null) {
        return Optional.of(known);
      }
      try {
        Optional<String> v = open(t, scope);
        v.ifPresent(s -> issued.put(t.text(), s));
        return v;
      } catch (VaultException e) {
        if (e.getCause() != null) {
          throw e; // the store failed: fail closed
        }
        // An entry that fails authentication is an attack or damage, not this scope's token:
        // it stays text.
        return Optional.empty();
      }
    }

    @Override
    public int maxTokenLength() {
      return TokenFormat.MAX_TOKEN_LENGTH;
    }
  }

  private static byte[] entryAd(VaultScope scope, String token, String type) {
    return ad(ENTRY_DOMAIN, scope.key() + "\0" + token, type);
  }

  /**
   * Domain, then NUL-separated parts; all but the last are NUL-free, so the encoding is injective.
   */
  private static byte[] ad(byte[] domain, String a, String b) {
    byte[] pa = utf8(a);
    byte[] pb = utf8(b);
    return ByteBuffer.allocate(domain.length + 1 + pa.length + 1 + pb.length)
        .put(domain)
        .put((byte) 0)
        .put(pa)
        .put((byte) 0)
        .put(pb)
        .array();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String keyIdHex(int id) {
    return HexFormat.of().toHexDigits(id);
  }

  /** RFC 4648 base32 of {@code len} bytes (a multiple of 5, so no padding). */
  static String base32(byte[] b, int off, int len) {
    StringBuilder out = new StringBuilder(len * 8 / 5);
    for (int i = off; i < off + len; i += 5) {
      long v = 0;
      for (int j = 0; j < 5; j++) {
        v = (v << 8) | (b[i + j] & 0xff);
      }
      for (int s = 35; s >= 0; s -= 5) {
        out.append(BASE32[(int) (v >>> s) & 31]);
      }
    }
    return out.toString();
  }
}
