// docs/relay.md: begin
import { createHmac, timingSafeEqual } from 'node:crypto';

// headers: the request's headers with lower-case names; body: the raw request body as a Buffer, unparsed
export function standardSignatureValid(secret, headers, body, now = Date.now() / 1000) {
  const timestamp = headers['webhook-timestamp'];
  if (!(Math.abs(now - Number(timestamp)) <= 300)) return false; // older or newer than 5 minutes: a replay
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const signed = Buffer.concat([Buffer.from(`${headers['webhook-id']}.${timestamp}.`), body]);
  const expected = 'v1,' + createHmac('sha256', key).update(signed).digest('base64');
  return (headers['webhook-signature'] ?? '').split(' ').some((s) => same(s, expected));
}

export function plainSignatureValid(secret, headers, body) {
  const expected = createHmac('sha256', Buffer.from(secret, 'utf8')).update(body).digest('base64');
  return [headers['x-opscenter-signature'], headers['x-opscenter-signature-previous']]
    .some((s) => s !== undefined && same(s, expected));
}

function same(a, b) { // constant time
  const x = Buffer.from(a), y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
// docs/relay.md: end

// Run as a program (ReceiverRecipesIT does): reads {"secret", "headers", "body" (base64), "now" (Unix seconds,
// optional)} on stdin and prints "standard valid|invalid" and "plain valid|invalid".
import { pathToFileURL } from 'node:url';

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const body = Buffer.from(input.body, 'base64');
  const verdict = (ok) => (ok ? 'valid' : 'invalid');
  console.log('standard ' + verdict(standardSignatureValid(input.secret, input.headers, body, input.now ?? undefined)));
  console.log('plain ' + verdict(plainSignatureValid(input.secret, input.headers, body)));
}
