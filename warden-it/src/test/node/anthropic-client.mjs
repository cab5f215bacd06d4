// The official `@anthropic-ai/sdk` used as an application would, against Warden's base URL.
import Anthropic from '@anthropic-ai/sdk';
import { baseURL, input, run } from './harness.mjs';

// The Anthropic SDK appends /v1/messages itself, so its base URL is the gateway root.
// `baseUrlFromEnv`: leave the option out, so the SDK takes ANTHROPIC_BASE_URL from the environment.
const client = new Anthropic({
  ...(input.baseUrlFromEnv ? {} : { baseURL }),
  apiKey: 'test-key-for-stub', maxRetries: 0, timeout: 30_000 });
const model = input.model ?? 'claude-test';
const maxTokens = 256;

// Text a streaming scenario received before the SDK raised an error (reported with the error).
let streamed = '';

function blocks(message) {
  return message.content.map((b) =>
    b.type === 'text'
      ? { type: 'text', text: b.text }
      : b.type === 'tool_use'
        ? { type: 'tool_use', id: b.id, name: b.name, input: b.input }
        : { type: b.type },
  );
}

function text(message) {
  return message.content
    .filter((b) => b.type === 'text')
    .map((b) => b.text)
    .join('');
}

await run(
  {
    // messages.create, non-streaming.
    async create() {
      const message = await client.messages.create({
        model,
        max_tokens: maxTokens,
        messages: [{ role: 'user', content: input.prompt }],
      });
      return { id: message.id, text: text(message), stopReason: message.stop_reason, content: blocks(message) };
    },

    // messages.stream: the text deltas as they arrive and the final message the SDK assembles.
    async stream() {
      const stream = client.messages.stream({
        model,
        max_tokens: maxTokens,
        messages: [{ role: 'user', content: input.prompt }],
      });
      let events = 0;
      let textDeltas = 0;
      stream.on('text', (delta) => {
        if (delta) textDeltas++;
        streamed += delta;
      });
      stream.on('streamEvent', () => events++);
      const message = await stream.finalMessage();
      return {
        deltas: streamed,
        events,
        textDeltas,
        text: text(message),
        stopReason: message.stop_reason,
        content: blocks(message),
      };
    },

    // messages.create with stream: true: the raw events, iterated as an application would.
    async 'create-stream'() {
      const stream = await client.messages.create({
        model,
        max_tokens: maxTokens,
        stream: true,
        messages: [{ role: 'user', content: input.prompt }],
      });
      const types = [];
      let stopReason = null;
      for await (const event of stream) {
        types.push(event.type);
        if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
          streamed += event.delta.text;
        }
        if (event.type === 'message_delta') stopReason = event.delta.stop_reason;
      }
      return { text: streamed, types, stopReason };
    },

    // Tool use, non-streaming: earlier tool_use/tool_result blocks go up, tool_use blocks come back.
    async tools() {
      const message = await client.messages.create({
        model,
        max_tokens: maxTokens,
        messages: input.messages,
        tools: input.tools,
      });
      return { text: text(message), stopReason: message.stop_reason, content: blocks(message) };
    },

    // Tool use, streamed: input_json_delta events assembled by the SDK into tool_use input.
    async 'stream-tools'() {
      const stream = client.messages.stream({
        model,
        max_tokens: maxTokens,
        messages: input.messages,
        tools: input.tools,
      });
      let inputJsonDeltas = 0;
      stream.on('inputJson', () => inputJsonDeltas++);
      const message = await stream.finalMessage();
      return { inputJsonDeltas, text: text(message), stopReason: message.stop_reason, content: blocks(message) };
    },
  },
  (err) =>
    err instanceof Anthropic.APIError
      ? {
          sdkClass: err.constructor.name,
          isApiError: true,
          status: err.status ?? null,
          type: err.type ?? null,
          errorType: err.error?.error?.type ?? null,
          message: err.message,
          streamedBeforeError: streamed,
        }
      : null,
);
