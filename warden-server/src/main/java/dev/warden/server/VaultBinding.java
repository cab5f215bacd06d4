package dev.warden.server;

import dev.warden.api.Identity;
import dev.warden.api.Restorer;
import dev.warden.api.VaultSession;
import dev.warden.engine.config.WardenConfig;
import dev.warden.vault.TokenVault;
import dev.warden.vault.VaultScope;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Binds the token vault to exchanges: picks each exchange's scope ({@code vault.scope}) from its
 * caller and conversation, and hands out its sessions. The conversation id comes from the request
 * header {@code vault.conversationHeader} (default {@code X-Conversation-Id}); without one, the
 * exchange is its own conversation (its correlation id is the conversation id), so its tokens
 * restore in its own answer and nowhere else. The header is never forwarded upstream.
 */
final class VaultBinding {
  /** No vault: the policy uses neither tokenize nor encrypt. */
  static final VaultBinding NONE = new VaultBinding(null, VaultScope.Kind.GLOBAL, "X-None");

  /** The vault sessions of one exchange. */
  record Sessions(VaultSession requests, VaultSession answers, Restorer restorer) {
    static final Sessions NONE = new Sessions(VaultSession.NONE, VaultSession.NONE, Restorer.NONE);
  }

  private final @Nullable TokenVault vault;
  private final VaultScope.Kind kind;
  private final HeaderName conversationHeader;

  private VaultBinding(@Nullable TokenVault vault, VaultScope.Kind kind, String header) {
    this.vault = vault;
    this.kind = kind;
    this.conversationHeader = HeaderNames.create(header);
  }

  static VaultBinding of(TokenVault vault, WardenConfig.Vault config) {
    return new VaultBinding(
        vault, VaultScope.Kind.parse(config.scope()), config.conversationHeader());
  }

  /**
   * The sessions of one exchange.
   *
   * @throws IllegalArgumentException naming the header when the conversation id is malformed
   */
  Sessions open(ServerRequest req, Identity who, String exchangeId) {
    TokenVault v = vault;
    if (v == null) {
      return Sessions.NONE;
    }
    Optional<String> conversation = req.headers().first(conversationHeader);
    if (conversation.isPresent()
        && !VaultScope.CONVERSATION_ID.matcher(conversation.get()).matches()) {
      throw new IllegalArgumentException(
          "header "
              + conversationHeader.defaultCase()
              + " must be 1-128 characters of A-Z a-z 0-9 . _ -");
    }
    VaultScope scope = VaultScope.of(kind, who, conversation.orElse(exchangeId));
    VaultSession requests = v.session(scope);
    return new Sessions(requests, v.answerSession(scope), requests.restorer());
  }
}
