import { describe, expect, it } from 'vitest';
import { ACTIONS, ROLES, STATUSES, type Action, type Role, type Status } from './types.js';
import { allowedActions, approvalChainFor, decide, hasCompanyWideScope, planTransition, WORKFLOW, type Actor, type WorkflowSubject } from './workflow.js';

const B1 = 'unit-b1';
const B2 = 'unit-b2';
const HQ = 'unit-hq';

function subject(over: Partial<WorkflowSubject> = {}): WorkflowSubject {
  return {
    status: 'received',
    acceptingUnitId: B1,
    handlingUnitId: B1,
    managerId: 'mgr',
    draftedBy: 'mgr',
    draftEditors: [],
    involvedUserIds: [],
    outcomeClass: 'partial_fault',
    approvalChain: ['branch_head', 'hq_head'],
    approvalLevel: 0,
    malicious: false,
    legalReviewed: false,
    openMeasures: 0,
    openCoordination: 0,
    ...over,
  };
}

const actor = (role: Role, unitId = B1, id = `${role}-user`): Actor => ({ id, roles: [role], unitId, unitKind: unitId === HQ ? 'hq' : 'branch' });

/** A subject in which the guard of `action` passes for a suitable actor. */
function passingCase(action: Action, status: Status): { s: WorkflowSubject; a: Actor } {
  switch (action) {
    case 'reassign':
      return { s: subject({ status }), a: actor('complaint_manager', HQ) };
    case 'approve':
    case 'reject':
      return { s: subject({ status, approvalLevel: 0 }), a: actor('branch_head') };
    case 'start_rectification':
    case 'complete_measure':
      return { s: subject({ status, openMeasures: 1 }), a: actor('complaint_manager') };
    case 'complete_coordination':
      return { s: subject({ status, openCoordination: 1 }), a: actor('complaint_manager', HQ) };
    case 'legal_review':
      return { s: subject({ status, malicious: true }), a: actor('legal', HQ) };
    case 'transfer':
      return { s: subject({ status }), a: actor('clerk') };
    default:
      return { s: subject({ status }), a: actor('complaint_manager') };
  }
}

describe('workflow table', () => {
  it('covers every action and names only known states and roles', () => {
    expect(new Set(WORKFLOW.map((t) => t.action))).toEqual(new Set(ACTIONS));
    for (const t of WORKFLOW) {
      for (const s of t.from) expect(STATUSES).toContain(s);
      for (const r of t.roles) expect(ROLES).toContain(r);
    }
  });

  describe('every transition succeeds from each of its states for a suitable actor', () => {
    for (const t of WORKFLOW) {
      for (const from of t.from) {
        it(`${t.action} from ${from}`, () => {
          const { s, a } = passingCase(t.action, from);
          const d = decide(s, t.action, a);
          expect(d.ok, JSON.stringify(d)).toBe(true);
        });
      }
    }
  });

  describe('every action is refused (409) from every state not in its table row', () => {
    for (const action of ACTIONS) {
      const from = new Set(WORKFLOW.filter((t) => t.action === action).flatMap((t) => t.from));
      for (const status of STATUSES.filter((s) => !from.has(s))) {
        it(`${action} from ${status}`, () => {
          const { s, a } = passingCase(action, status);
          const d = decide(s, action, a);
          expect(d).toMatchObject({ ok: false, kind: 'state' });
          expect(() => planTransition(s, action, a)).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION' }));
        });
      }
    }
  });

  describe('every action is refused (403) for roles not in its row', () => {
    for (const action of ACTIONS) {
      const rows = WORKFLOW.filter((t) => t.action === action);
      const allowed = new Set(rows.flatMap((t) => t.roles));
      for (const role of ROLES.filter((r) => !allowed.has(r))) {
        it(`${action} by ${role}`, () => {
          const { s } = passingCase(action, rows[0].from[0]);
          const d = decide(s, action, actor(role, HQ));
          expect(d).toMatchObject({ ok: false, kind: 'role' });
          expect(() => planTransition(s, action, actor(role, HQ))).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
        });
      }
    }
  });

  it('leads each action to its target state', () => {
    const to = (action: Action, status: Status, over: Partial<WorkflowSubject> = {}) => {
      const { s, a } = passingCase(action, status);
      const d = decide({ ...s, ...over }, action, a);
      return d.ok ? d.to : d.reason;
    };
    expect(to('transfer', 'received')).toBe('investigating');
    expect(to('submit', 'investigating')).toBe('pending_approval');
    expect(to('approve', 'pending_approval')).toBe('pending_approval');
    expect(to('reject', 'pending_approval')).toBe('investigating');
    expect(to('give_feedback', 'approved')).toBe('feedback_given');
    expect(to('start_rectification', 'feedback_given')).toBe('rectifying');
    expect(to('complete_measure', 'rectifying')).toBe('rectifying');
    expect(to('request_verification', 'rectifying')).toBe('verifying');
    expect(to('request_verification', 'feedback_given')).toBe('verifying');
    expect(to('close', 'verifying')).toBe('closed');
    expect(to('rerectify', 'verifying')).toBe('rectifying');
    expect(to('rehandle', 'verifying')).toBe('investigating');
    expect(to('withdraw', 'pending_approval')).toBe('withdrawn');
    expect(to('flag_malicious', 'investigating')).toBe('investigating');
  });
});

describe('guards', () => {
  it('the last approval level moves the complaint to approved', () => {
    const s = subject({ status: 'pending_approval', approvalLevel: 1 });
    expect(decide(s, 'approve', actor('hq_head', HQ))).toMatchObject({ ok: true, to: 'approved' });
  });

  it('each level needs its own role: the HQ head cannot approve the branch level', () => {
    const s = subject({ status: 'pending_approval', approvalLevel: 0 });
    expect(decide(s, 'approve', actor('hq_head', HQ))).toMatchObject({ ok: false, kind: 'guard' });
    expect(decide({ ...s, approvalLevel: 1 }, 'approve', actor('branch_head'))).toMatchObject({ ok: false, kind: 'guard' });
  });

  it('a branch head approves only complaints of the branch', () => {
    const s = subject({ status: 'pending_approval' });
    expect(decide(s, 'approve', actor('branch_head', B2))).toMatchObject({ ok: false, kind: 'guard' });
  });

  it('recusal: no approving your own draft or a complaint you are involved in', () => {
    const head = actor('branch_head', B1, 'head-1');
    expect(decide(subject({ status: 'pending_approval', draftedBy: 'head-1' }), 'approve', head)).toMatchObject({ ok: false, reason: expect.stringContaining('回避') });
    expect(decide(subject({ status: 'pending_approval', involvedUserIds: ['head-1'] }), 'reject', head)).toMatchObject({ ok: false, reason: expect.stringContaining('回避') });
  });

  it('class 4 adds the company leader in charge to the chain', () => {
    expect(approvalChainFor(['branch_head', 'hq_head'], 'beyond_authority')).toEqual(['branch_head', 'hq_head', 'company_leader']);
    expect(approvalChainFor(['branch_head', 'hq_head'], 'no_fault')).toEqual(['branch_head', 'hq_head']);
    expect(approvalChainFor([], 'serious_fault')).toEqual(['hq_head']);
  });

  it('a malicious complaint needs the legal review before feedback', () => {
    const mgr = actor('complaint_manager');
    expect(decide(subject({ status: 'approved', malicious: true }), 'give_feedback', mgr)).toMatchObject({ ok: false, reason: expect.stringContaining('法律') });
    expect(decide(subject({ status: 'approved', malicious: true, legalReviewed: true }), 'give_feedback', mgr)).toMatchObject({ ok: true });
  });

  it('verification waits for every measure and coordination task', () => {
    const mgr = actor('complaint_manager');
    expect(decide(subject({ status: 'rectifying', openMeasures: 1 }), 'request_verification', mgr)).toMatchObject({ ok: false });
    expect(decide(subject({ status: 'rectifying', openCoordination: 1 }), 'request_verification', actor('complaint_manager', HQ))).toMatchObject({ ok: false });
    expect(decide(subject({ status: 'feedback_given' }), 'start_rectification', mgr)).toMatchObject({ ok: false });
  });

  it('branch staff act only on their own unit; HQ acts on all', () => {
    expect(decide(subject(), 'transfer', actor('clerk', B2))).toMatchObject({ ok: false, kind: 'guard' });
    expect(decide(subject(), 'transfer', actor('complaint_manager', HQ))).toMatchObject({ ok: true });
    expect(decide(subject({ status: 'investigating' }), 'reassign', actor('complaint_manager', B1))).toMatchObject({ ok: false });
  });

  it('the callback is made by the accepting unit only, even when another unit handled the complaint', () => {
    const s = subject({ status: 'verifying', acceptingUnitId: HQ, handlingUnitId: B2 });
    expect(decide(s, 'close', actor('complaint_manager', B2))).toMatchObject({ ok: false });
    expect(decide(s, 'close', actor('complaint_manager', HQ))).toMatchObject({ ok: true });
    // HQ coordinates everything, but a branch's own customer is called back by that branch.
    expect(decide(subject({ status: 'verifying' }), 'rehandle', actor('complaint_manager', HQ))).toMatchObject({ ok: false });
  });

  it('everyone who wrote the draft is recused, not only the one who submitted it', () => {
    const s = subject({ status: 'pending_approval', draftedBy: 'mgr', draftEditors: ['mgr', 'head-1'] });
    expect(decide(s, 'approve', actor('branch_head', B1, 'head-1'))).toMatchObject({ ok: false, reason: expect.stringContaining('回避') });
  });

  it('a complaint about the branch head skips the branch level and goes to HQ', () => {
    expect(approvalChainFor(['branch_head', 'hq_head'], 'partial_fault', { branchHeadInvolved: true })).toEqual(['hq_head']);
  });

  it('the company leader and legal see and act company-wide wherever their unit sits', () => {
    const leader: Actor = { id: 'l', roles: ['company_leader'], unitId: 'dept', unitKind: 'department' };
    expect(hasCompanyWideScope(leader)).toBe(true);
    expect(hasCompanyWideScope(actor('complaint_manager'))).toBe(false);
    const s = subject({ status: 'pending_approval', approvalChain: ['branch_head', 'hq_head', 'company_leader'], approvalLevel: 2 });
    expect(decide(s, 'approve', leader)).toMatchObject({ ok: true, to: 'approved' });
  });

  it('withdrawal is recorded by a complaint manager of the accepting or handling unit', () => {
    expect(decide(subject({ status: 'investigating' }), 'withdraw', actor('clerk'))).toMatchObject({ ok: false, kind: 'role' });
    expect(decide(subject({ status: 'investigating' }), 'withdraw', actor('complaint_manager', HQ))).toMatchObject({ ok: false, kind: 'guard' });
    expect(decide(subject({ status: 'investigating' }), 'withdraw', actor('complaint_manager'))).toMatchObject({ ok: true });
  });

  it('allowedActions lists exactly what decide allows', () => {
    const s = subject({ status: 'verifying' });
    const mgr = actor('complaint_manager');
    expect(allowedActions(s, mgr).sort()).toEqual(['close', 'flag_malicious', 'rehandle', 'rerectify', 'withdraw']);
    expect(allowedActions(s, actor('clerk'))).toEqual([]);
    expect(allowedActions(subject({ status: 'closed' }), mgr)).toEqual([]);
  });
});
