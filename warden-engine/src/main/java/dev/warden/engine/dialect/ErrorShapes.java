package dev.warden.engine.dialect;

import java.nio.charset.StandardCharsets;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The error bodies of the provider families, built with a JSON writer (so a message can never break
 * out of its string). Messages are Warden's own and never quote a body.
 */
final class ErrorShapes {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ErrorShapes() {}

  /** OpenAI's shape (Ollama's clients read it too): {@code {"error":{"type","message","code"}}}. */
  static ObjectNode openAi(int status, String type, String message) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("type", type);
    error.put("message", message);
    error.put("code", status);
    return root;
  }

  /** Anthropic's shape: {@code {"type":"error","error":{"type","message"}}}. */
  static ObjectNode anthropic(String type, String message) {
    ObjectNode root = JSON.createObjectNode();
    root.put("type", "error");
    ObjectNode error = root.putObject("error");
    error.put("type", type);
    error.put("message", message);
    return root;
  }

  /**
   * Google's shape: {@code {"error":{"code","message","status"}}}; Warden's type travels as the
   * {@code reason} of a {@code google.rpc.ErrorInfo} detail, where Google's SDKs show it.
   */
  static ObjectNode google(int status, String type, String message) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("code", status);
    error.put("message", message);
    error.put("status", rpcStatus(status));
    ObjectNode info = error.putArray("details").addObject();
    info.put("@type", "type.googleapis.com/google.rpc.ErrorInfo");
    info.put("reason", type);
    info.put("domain", "warden.dev");
    return root;
  }

  /** The google.rpc.Code name Google's APIs pair with an HTTP status. */
  static String rpcStatus(int status) {
    return switch (status) {
      case 400, 405, 413, 415 -> "INVALID_ARGUMENT";
      case 401 -> "UNAUTHENTICATED";
      case 403 -> "PERMISSION_DENIED";
      case 404 -> "NOT_FOUND";
      case 409 -> "ABORTED";
      case 429 -> "RESOURCE_EXHAUSTED";
      case 499 -> "CANCELLED";
      case 501 -> "UNIMPLEMENTED";
      case 502, 503 -> "UNAVAILABLE";
      case 504 -> "DEADLINE_EXCEEDED";
      default -> status >= 500 ? "INTERNAL" : "FAILED_PRECONDITION";
    };
  }

  static byte[] bytes(ObjectNode node) {
    return JSON.writeValueAsBytes(node);
  }

  /** One SSE event: optional {@code event:} line, one {@code data:} line, blank line. */
  static byte[] sse(String event, ObjectNode data) {
    String head = event.isEmpty() ? "" : "event: " + event + "\n";
    return (head + "data: " + JSON.writeValueAsString(data) + "\n\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** One NDJSON line. */
  static byte[] ndjson(ObjectNode data) {
    return (JSON.writeValueAsString(data) + "\n").getBytes(StandardCharsets.UTF_8);
  }
}
