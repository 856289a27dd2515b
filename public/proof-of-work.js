// The proof of work a hold or a booking carries (ALTCHA's protocol, solved here rather than
// with ALTCHA's widget: the citizen has nothing to see or do). Asked with any message, it
// fetches a challenge, finds the number whose SHA-256 after the salt is the challenge, and
// answers with the payload for the `Altcha` header, or null when there is none to be had
// (no network, or a server that does not ask for proofs). It runs in a worker, so the page
// never waits on it.
const BATCH = 64; // digests in flight at once: the browser hashes them in parallel

function hex(bytes) {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

async function solve(c) {
  const encoder = new TextEncoder();
  const first = parseInt(c.challenge.slice(0, 2), 16);
  const started = Date.now();
  for (let from = 0; from <= c.maxnumber; from += BATCH) {
    const numbers = [];
    for (let n = from; n < from + BATCH && n <= c.maxnumber; n++) numbers.push(n);
    const digests = await Promise.all(numbers.map((n) => crypto.subtle.digest('SHA-256', encoder.encode(c.salt + n))));
    for (let i = 0; i < digests.length; i++) {
      const bytes = new Uint8Array(digests[i]);
      if (bytes[0] === first && hex(bytes) === c.challenge) {
        const payload = { algorithm: c.algorithm, challenge: c.challenge, number: numbers[i], salt: c.salt, signature: c.signature, took: Date.now() - started };
        return btoa(JSON.stringify(payload));
      }
    }
  }
  return null;
}

self.onmessage = async () => {
  try {
    const response = await fetch('/api/v1/challenge', { cache: 'no-store' });
    postMessage(response.ok ? await solve(await response.json()) : null);
  } catch {
    postMessage(null);
  }
};
