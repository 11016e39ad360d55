/** The customer's view of progress and the survey window: pure rules, every status. */
import { describe, expect, it } from 'vitest';
import { STATUSES } from '../src/domain/types.js';
import { acceptsCustomerMaterial, CUSTOMER_STAGE_LABELS, surveyOpen, trackingSteps, type TrackingFacts } from '../src/modules/portal/portal.rules.js';
import { contentDisposition } from '../src/modules/attachments/attachments.routes.js';
import { cleanFilename } from '../src/modules/attachments/attachment-store.js';
import { CUSTOMER_KINDS, kindFor } from '../src/modules/attachments/attachment-types.js';

const facts = (over: Partial<TrackingFacts>): TrackingFacts => ({ status: 'received', acceptedOn: '2026-11-30', approvedOn: null, feedbackOn: null, closedAt: null, ...over });
const done = (f: TrackingFacts) => trackingSteps(f).filter((s) => s.done).map((s) => s.key);

describe('tracking steps', () => {
  it('every status has a customer label', () => {
    for (const s of STATUSES) expect(CUSTOMER_STAGE_LABELS[s]).toMatch(/\S/);
  });

  it('marks steps done as the complaint moves along, with the dates the customer was promised', () => {
    expect(done(facts({ status: 'investigating' }))).toEqual(['accepted']);
    expect(done(facts({ status: 'pending_approval' }))).toEqual(['accepted']);
    expect(done(facts({ status: 'approved', approvedOn: '2026-12-01' }))).toEqual(['accepted', 'investigation']);
    const fb = trackingSteps(facts({ status: 'feedback_given', approvedOn: '2026-12-01', feedbackOn: '2026-12-02' }));
    expect(fb.find((s) => s.key === 'feedback')).toEqual({ key: 'feedback', label: '反馈处理意见', done: true, date: '2026-12-02' });
    expect(done(facts({ status: 'rectifying' }))).toEqual(['accepted', 'investigation', 'feedback']);
    expect(done(facts({ status: 'verifying' }))).toEqual(['accepted', 'investigation', 'feedback', 'rectification']);
    // Closed late in the evening UTC is the next day in Shanghai.
    const closed = trackingSteps(facts({ status: 'closed', closedAt: '2026-12-03T17:00:00Z' }));
    expect(closed.every((s) => s.done)).toBe(true);
    expect(closed.find((s) => s.key === 'closed')?.date).toBe('2026-12-04');
    expect(done(facts({ status: 'archived', closedAt: '2026-12-03T01:00:00Z' }))).toHaveLength(6);
  });

  it('a re-handled complaint shows the later steps as not done again', () => {
    expect(done(facts({ status: 'investigating', approvedOn: null, feedbackOn: null }))).toEqual(['accepted']);
  });

  it('a withdrawn complaint shows acceptance and withdrawal only', () => {
    expect(trackingSteps(facts({ status: 'withdrawn' })).map((s) => s.key)).toEqual(['accepted', 'withdrawn']);
  });
});

describe('survey window', () => {
  const now = new Date('2026-12-31T00:00:00Z');
  it('is open while verifying and for 30 days after closing', () => {
    expect(surveyOpen('verifying', null, now)).toBe(true);
    expect(surveyOpen('closed', '2026-12-01T00:00:00Z', now)).toBe(true);
    expect(surveyOpen('closed', '2026-11-30T23:59:00Z', now)).toBe(false);
    for (const s of ['received', 'investigating', 'feedback_given', 'rectifying', 'archived', 'withdrawn'] as const) expect(surveyOpen(s, '2026-12-30T00:00:00Z', now), s).toBe(false);
  });

  it('customers add material only while the complaint is open', () => {
    expect(acceptsCustomerMaterial('received')).toBe(true);
    expect(acceptsCustomerMaterial('verifying')).toBe(true);
    expect(acceptsCustomerMaterial('closed')).toBe(false);
    expect(acceptsCustomerMaterial('withdrawn')).toBe(false);
  });
});

describe('attachment names and types', () => {
  it('strips folders and control characters from uploaded names', () => {
    expect(cleanFilename('C:\\Users\\客户\\..\\来信.pdf')).toBe('来信.pdf');
    expect(cleanFilename('../../etc/passwd')).toBe('passwd');
    expect(cleanFilename('a\u0000b"c.pdf')).toBe('abc.pdf');
    expect(cleanFilename(`${'长'.repeat(300)}.pdf`)).toHaveLength(200);
    expect(cleanFilename(`${'长'.repeat(300)}.pdf`).endsWith('.pdf')).toBe(true);
  });

  it('maps extensions with aliases and refuses others', () => {
    expect(kindFor('photo.JPEG', CUSTOMER_KINDS)?.contentType).toBe('image/jpeg');
    expect(kindFor('x.exe', CUSTOMER_KINDS)).toBeUndefined();
    expect(kindFor('noext', CUSTOMER_KINDS)).toBeUndefined();
  });

  it('writes an RFC 6266 header with an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('录音 (1).m4a')).toBe(`attachment; filename="__ (1).m4a"; filename*=UTF-8''%E5%BD%95%E9%9F%B3%20%281%29.m4a`);
    expect(contentDisposition('a"b.pdf', true)).toBe(`inline; filename="a_b.pdf"; filename*=UTF-8''a%22b.pdf`);
  });
});
