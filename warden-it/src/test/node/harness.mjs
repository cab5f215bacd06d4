// Shared plumbing for the SDK scripts: read the scenario input, print one JSON result line.
// The Java test decides what is right; these scripts only do what an application would do with
// the SDK and report what the SDK handed back (or the error it raised) as JSON on stdout.

/** The gateway base URL the SDK is pointed at (the only thing an application changes). */
export const baseURL = required('WARDEN_BASE_URL');

/** Scenario input chosen by the Java test (prompts, secrets, tool definitions). */
export const input = JSON.parse(process.env.WARDEN_IT_INPUT ?? '{}');

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`${name} is not set: the Java test passes the gateway URL in it`);
    process.exit(2);
  }
  return value;
}

/** Runs one scenario by name and prints its result, or the SDK error it raised, as JSON. */
export async function run(scenarios, errorInfo) {
  const name = process.argv[2];
  const scenario = scenarios[name];
  if (!scenario) {
    console.error(`unknown scenario '${name}'; known: ${Object.keys(scenarios).join(', ')}`);
    process.exit(2);
  }
  let result;
  try {
    result = { ok: await scenario() };
  } catch (err) {
    const info = errorInfo(err);
    if (!info) {
      // Not the SDK's error class: show everything (a thrown plain object has no stack).
      console.error(err?.stack ?? `${err?.constructor?.name ?? typeof err}: ${JSON.stringify(err)}`);
      process.exit(3);
    }
    result = { error: info };
  }
  process.stdout.write(JSON.stringify(result) + '\n');
}

/**
 * A fetch that keeps, for each exchange, the exact request body the SDK sent, the response body
 * it received and the Warden headers, so the Java test can verify the signed receipt against the
 * bytes on the wire. Streams are read through a clone; the SDK's own reading is unaffected.
 */
export function recordingFetch() {
  const exchanges = [];
  async function recording(url, init) {
    const response = await fetch(url, init);
    const exchange = {
      path: new URL(url).pathname,
      status: response.status,
      request: typeof init?.body === 'string' ? init.body : null,
      receipt: response.headers.get('warden-receipt'),
      correlationId: response.headers.get('warden-correlation-id'),
    };
    exchanges.push(exchange);
    exchange.responsePromise = response.clone().text();
    return response;
  }
  async function settled() {
    for (const e of exchanges) {
      e.response = await e.responsePromise;
      delete e.responsePromise;
    }
    return exchanges;
  }
  return { fetch: recording, settled };
}
