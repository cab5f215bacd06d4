package dev.warden.cli;

import dev.warden.api.MessageAuthenticator;
import dev.warden.ledger.dsse.Dsse;
import dev.warden.ledger.receipt.InvalidReceiptException;
import dev.warden.ledger.receipt.ReceiptStatement;
import dev.warden.ledger.receipt.ReceiptVerifier;
import dev.warden.ledger.receipt.StreamedReceipt;
import dev.warden.server.Gateway;
import dev.warden.vault.LocalKeyring;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "receipt",
    mixinStandardHelpOptions = true,
    description = "Check Warden-Receipt headers and streamed receipts offline.",
    subcommands = {ReceiptCommand.Verify.class, CommandLine.HelpCommand.class})
final class ReceiptCommand implements Runnable {
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Check a response's Warden-Receipt against the saved request and response bodies, with",
        "the gateway's public key alone (or the shared key of an HMAC receipt).",
        "Exit code: 0 valid, 1 invalid (the check that failed is named), 2 usage or I/O error."
      },
      footer = {
        "",
        "Example:",
        "  curl -sD headers.txt -o response.json --data-binary @request.json \\",
        "       -H 'Content-Type: application/json' http://127.0.0.1:8080/v1/chat/completions",
        "  grep -i '^warden-receipt:' headers.txt > receipt.txt",
        "  warden receipt verify --receipt receipt.txt --request-body request.json \\",
        "       --response-body response.json --public-key warden-signing.pem",
        "",
        "A streamed answer (stream: true) carries its receipt as its last event:",
        "  curl -sN -o stream.sse --data-binary @request.json \\",
        "       -H 'Content-Type: application/json' http://127.0.0.1:8080/v1/chat/completions",
        "  warden receipt verify --stream stream.sse --request-body request.json \\",
        "       --public-key warden-signing.pem"
      })
  static final class Verify implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    static final class Source {
      @Option(
          names = "--receipt",
          paramLabel = "FILE",
          description =
              "File with the header value (a 'Warden-Receipt:' prefix is allowed) or the envelope"
                  + " JSON.")
      @Nullable Path file;

      @Option(names = "--header", paramLabel = "VALUE", description = "The header value itself.")
      @Nullable String value;

      @Option(
          names = "--stream",
          paramLabel = "FILE",
          description =
              "A saved streamed answer (SSE or NDJSON) as received, ending with Warden's receipt"
                  + " event; the receipt is read from it and checked against the bytes before it.")
      @Nullable Path stream;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source = new Source();

    static final class Key {
      @Option(
          names = "--public-key",
          paramLabel = "FILE",
          description = "PEM public key(s), as written by: warden keys export-public.")
      @Nullable Path publicKey;

      @Option(
          names = "--hmac-key-dir",
          paramLabel = "DIR",
          description = "Data directory holding keys/receipt-mac.key (HMAC receipts).")
      @Nullable Path hmacKeyDir;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Key key = new Key();

    @Option(
        names = "--request-body",
        paramLabel = "FILE",
        description =
            "The request body exactly as sent (omit only for receipts of requests Warden refused"
                + " before reading the body).")
    @Nullable Path requestBody;

    @Option(
        names = "--response-body",
        paramLabel = "FILE",
        description =
            "The response body exactly as received (required with --receipt/--header; not with"
                + " --stream, whose bytes before the receipt event are the response).")
    @Nullable Path responseBody;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      if ((source.stream == null) == (responseBody == null)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            source.stream == null
                ? "--response-body FILE is required with --receipt or --header"
                : "--response-body cannot be used with --stream: the stream holds the response");
      }
      byte @Nullable [] request = requestBody == null ? null : read(requestBody, "--request-body");
      String receipt;
      byte[] response;
      ReceiptStatement s;
      String by;
      try {
        if (source.stream != null) {
          StreamedReceipt streamed = StreamedReceipt.split(read(source.stream, "--stream"));
          receipt = streamed.receipt();
          response = streamed.covered();
        } else {
          receipt = receiptText();
          response = read(java.util.Objects.requireNonNull(responseBody), "--response-body");
        }
        if (key.publicKey != null) {
          s =
              ReceiptVerifier.verify(
                  receipt,
                  request,
                  response,
                  ReceiptVerifier.publicKeys(read(key.publicKey, "--public-key")));
          by = "key " + signerKeyId(receipt);
        } else {
          Path dir = java.util.Objects.requireNonNull(key.hmacKeyDir);
          if (!Files.exists(dir.resolve("keys").resolve(Gateway.RECEIPT_KEY + ".key"))) {
            throw new IllegalArgumentException(
                "no " + Gateway.RECEIPT_KEY + ".key under " + dir.resolve("keys"));
          }
          MessageAuthenticator mac = LocalKeyring.open(dir).authenticator(Gateway.RECEIPT_KEY);
          s = ReceiptVerifier.verifyHmac(receipt, request, response, mac);
          by = "HMAC key " + Gateway.RECEIPT_KEY;
        }
      } catch (InvalidReceiptException e) {
        out.println("receipt INVALID: " + e.getMessage());
        out.flush();
        return 1;
      }
      out.printf(
          Locale.ROOT,
          "receipt OK: signed by %s%n  %s %s, status %d, request %s%s%s%n  ledger seq %d, hash %s%n"
              + "  correlation id %s, issued %s%n",
          by,
          s.mode(),
          s.route(),
          s.status(),
          s.requestOutcome(),
          s.responseOutcome() == null ? "" : ", response " + s.responseOutcome(),
          s.errorType() == null ? "" : ", error " + s.errorType(),
          s.ledgerSeq(),
          s.ledgerHash(),
          s.correlationId(),
          s.time());
      if (s.requestSha256() == null) {
        out.println("  the receipt covers no request body (refused before reading it)");
      }
      if (source.stream != null) {
        out.printf(
            Locale.ROOT, "  streamed answer: %d bytes before the receipt event%n", response.length);
      }
      for (ReceiptStatement.FindingCount f : s.findings()) {
        out.printf(
            Locale.ROOT, "  %s: %d × %s → %s%n", f.direction(), f.count(), f.type(), f.action());
      }
      out.flush();
      return 0;
    }

    private String receiptText() throws IOException {
      String text =
          source.file != null
              ? new String(read(source.file, "--receipt"), StandardCharsets.UTF_8)
              : java.util.Objects.requireNonNull(source.value);
      text = text.strip();
      if (text.regionMatches(true, 0, "Warden-Receipt:", 0, 15)) {
        text = text.substring(15).strip();
      }
      return text;
    }

    private static String signerKeyId(String receipt) {
      try {
        String json =
            receipt.startsWith("{")
                ? receipt
                : new String(java.util.Base64.getDecoder().decode(receipt), StandardCharsets.UTF_8);
        return Dsse.parse(json).signatures().getFirst().keyId();
      } catch (Exception e) {
        return "(unknown)";
      }
    }

    private static byte[] read(Path file, String option) throws IOException {
      try {
        return Files.readAllBytes(file);
      } catch (NoSuchFileException e) {
        throw new IllegalArgumentException(option + ": no such file " + file, e);
      }
    }
  }
}
