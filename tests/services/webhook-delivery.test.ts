import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { backoffMs, webhookBody, webhookSignature } from '../../src/services/webhook-delivery';
import { signatureHolds } from '../support/webhook-receiver';

const delivery = {
  id: '7',
  attempt: 1,
  endpointId: 3,
  url: 'https://hooks.partner.test/',
  secret: 'whsec_test',
  event: { id: '881', kind: 'BOOKING_CREATED', entity: 'BOOKING', entityId: '12', version: 1, occurredAt: new Date('2026-12-02T09:00:00.000Z') },
};

describe('a webhook delivery', () => {
  it('carries the event as the feed tells it, with its id and the endpoint and delivery ids', () => {
    expect(JSON.parse(webhookBody(delivery))).toEqual({
      deliveryId: '7',
      endpointId: '3',
      event: { id: '881', kind: 'BOOKING_CREATED', entity: 'BOOKING', entityId: '12', version: 1, occurredAt: '2026-12-02T09:00:00.000Z' },
    });
  });

  it('is signed with the hex HMAC-SHA256 of "<timestamp>.<body>", which a receiver checks as the README says', () => {
    const body = webhookBody(delivery);
    const signature = webhookSignature('whsec_test', 1_796_000_000, body);
    expect(signature).toBe(createHmac('sha256', 'whsec_test').update(`1796000000.${body}`).digest('hex'));
    expect(signatureHolds('whsec_test', '1796000000', body, signature)).toBe(true);
    expect(signatureHolds('whsec_test', '1796000001', body, signature)).toBe(false);
    expect(signatureHolds('whsec_other', '1796000000', body, signature)).toBe(false);
    expect(signatureHolds('whsec_test', '1796000000', `${body} `, signature)).toBe(false);
  });

  it('waits base·2^(attempt−1) after a failure, at most the cap, jittered down by up to half', () => {
    const config = { webhookBackoffBaseMs: 1000, webhookBackoffCapMs: 60_000 };
    expect([1, 2, 3, 4].map((attempt) => backoffMs(attempt, config, () => 1))).toEqual([1000, 2000, 4000, 8000]);
    expect([1, 2, 3, 4].map((attempt) => backoffMs(attempt, config, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect(backoffMs(7, config, () => 1)).toBe(60_000);
    expect(backoffMs(1000, config, () => 0)).toBe(30_000);
  });
});
