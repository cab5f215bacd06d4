// The official `openai` SDK used as an application would, against Warden's base URL.
import OpenAI from 'openai';
import { baseURL, input, recordingFetch, run } from './harness.mjs';

const wire = recordingFetch();
// `baseUrlFromEnv`: leave the option out, so the SDK takes OPENAI_BASE_URL from the environment.
const client = new OpenAI({
  ...(input.baseUrlFromEnv ? {} : { baseURL }),
  apiKey: 'test-key-for-stub',
  maxRetries: 0,
  timeout: 30_000,
  fetch: wire.fetch,
});
// Without the recording fetch: its response clone would keep reading a stream the SDK abandoned.
const plainClient = new OpenAI({
  ...(input.baseUrlFromEnv ? {} : { baseURL }),
  apiKey: 'test-key-for-stub',
  maxRetries: 0,
  timeout: 30_000,
});
const model = input.model ?? 'gpt-test';

// Text a streaming scenario received before the SDK raised an error (reported with the error).
let streamed = '';

await run(
  {
    // Non-streaming chat: the assistant text as the SDK parsed it.
    async chat() {
      const completion = await client.chat.completions.create({
        model,
        messages: [{ role: 'user', content: input.prompt }],
      });
      const choice = completion.choices[0];
      return {
        id: completion.id,
        content: choice.message.content,
        finishReason: choice.finish_reason,
        wire: await wire.settled(),
      };
    },

    // Legacy completions: the completion text as the SDK parsed it.
    async completion() {
      const completion = await client.completions.create({ model, prompt: input.prompt });
      return { text: completion.choices[0].text, finishReason: completion.choices[0].finish_reason };
    },

    // Embeddings of several inputs: the vectors the SDK decoded (the SDK asks for base64 and
    // decodes it itself unless a format is given, so both encodings go through the gateway).
    async embeddings() {
      const response = await client.embeddings.create({
        model: 'text-embedding-test',
        input: input.inputs,
        dimensions: input.dimensions,
        ...(input.encodingFormat ? { encoding_format: input.encodingFormat } : {}),
      });
      return { vectors: response.data.map((d) => Array.from(d.embedding)), wire: await wire.settled() };
    },

    // Tool calling, non-streaming: the request carries a tool definition, an earlier assistant
    // tool call and its tool result; the answer's tool calls are returned as the SDK parsed them.
    async tools() {
      const completion = await client.chat.completions.create({
        model,
        messages: input.messages,
        tools: input.tools,
      });
      const message = completion.choices[0].message;
      return {
        content: message.content,
        toolCalls: (message.tool_calls ?? []).map((c) => ({
          id: c.id,
          name: c.function.name,
          arguments: c.function.arguments,
          parsed: JSON.parse(c.function.arguments),
        })),
        finishReason: completion.choices[0].finish_reason,
      };
    },

    // Streaming chat: the text the SDK assembles from `stream: true` deltas.
    async stream() {
      const stream = await client.chat.completions.create({
        model,
        stream: true,
        messages: [{ role: 'user', content: input.prompt }],
      });
      let chunks = 0;
      let textChunks = 0;
      let finishReason = null;
      for await (const chunk of stream) {
        chunks++;
        const choice = chunk.choices[0];
        const delta = choice?.delta?.content ?? '';
        if (delta) textChunks++;
        streamed += delta;
        finishReason = choice?.finish_reason ?? finishReason;
      }
      return { text: streamed, chunks, textChunks, finishReason, wire: await wire.settled() };
    },

    // The Responses API streamed through the SDK's helper: text deltas, the final response it
    // assembles, and its function calls (argument deltas assembled by the SDK).
    async 'responses-stream'() {
      const stream = client.responses.stream({
        model,
        input: input.prompt,
        ...(input.tools ? { tools: input.tools } : {}),
      });
      const types = [];
      stream.on('event', (event) => types.push(event.type ?? null));
      stream.on('response.output_text.delta', (event) => {
        streamed += event.delta;
      });
      const response = await stream.finalResponse();
      return {
        deltas: streamed,
        outputText: response.output_text,
        status: response.status,
        types,
        functionCalls: response.output
          .filter((item) => item.type === 'function_call')
          .map((item) => ({
            name: item.name,
            callId: item.call_id,
            arguments: item.arguments,
            parsed: JSON.parse(item.arguments),
          })),
      };
    },

    // An application that stops reading a stream early: leaving the loop makes the SDK abort
    // the request (its AbortController), which closes the connection to the gateway.
    async 'stream-abort'() {
      const stream = await plainClient.chat.completions.create({
        model,
        stream: true,
        messages: [{ role: 'user', content: input.prompt }],
      });
      let chunks = 0;
      for await (const chunk of stream) {
        chunks++;
        if (chunks >= input.abortAfter) break;
      }
      return { chunks, aborted: stream.controller.signal.aborted };
    },

    // Streaming tool calls through the SDK's stream helper, which assembles argument deltas.
    async 'stream-tools'() {
      const stream = client.chat.completions.stream({
        model,
        messages: input.messages,
        tools: input.tools,
      });
      let argumentDeltas = 0;
      stream.on('tool_calls.function.arguments.delta', () => argumentDeltas++);
      stream.on('content.delta', ({ delta }) => {
        streamed += delta;
      });
      const completion = await stream.finalChatCompletion();
      const message = completion.choices[0].message;
      return {
        argumentDeltas,
        finishReason: completion.choices[0].finish_reason,
        content: message.content,
        toolCalls: (message.tool_calls ?? []).map((c) => ({
          id: c.id,
          name: c.function.name,
          arguments: c.function.arguments,
          parsed: JSON.parse(c.function.arguments),
        })),
      };
    },
  },
  (err) =>
    // The Responses stream helper rejects with the stream's `error` event itself, a plain object.
    err?.type === 'error' && !(err instanceof Error)
      ? {
          sdkClass: null,
          isApiError: false,
          eventType: err.type,
          code: err.code ?? null,
          message: err.message ?? null,
          streamedBeforeError: streamed,
        }
      : err instanceof OpenAI.APIError
      ? {
          sdkClass: err.constructor.name,
          isApiError: true,
          status: err.status ?? null,
          type: err.type ?? null,
          code: err.code ?? null,
          message: err.message,
          streamedBeforeError: streamed,
        }
      : null,
);
