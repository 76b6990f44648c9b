/**
 * Twilio's "do nothing" answer to an inbound message. `no-transform` keeps the server from
 * gzipping 50 bytes on every webhook (compression costs more CPU than anything else here).
 */
export function twimlEmpty(): Response {
  return new Response('<?xml version="1.0" encoding="UTF-8"?><Response/>', {
    status: 200,
    headers: { "Content-Type": "text/xml; charset=utf-8", "Cache-Control": "no-store, no-transform" },
  });
}
