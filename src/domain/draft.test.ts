import { describe, expect, it } from 'vitest';
import { assertDraftComplete, assertOutcomeMatches, requiredOutcome, type HandlingDraft } from './draft.js';
import { checkPhrases } from './phrases.js';

const draft = (over: Partial<HandlingDraft> = {}): HandlingDraft => ({
  findings: '经核实属实',
  outcomeClass: 'partial_fault',
  noFaultReason: null,
  handlingOpinion: '致歉并整改',
  rectifications: [{ description: '培训', owner: '周建', dueOn: '2026-12-10' }],
  accountabilityActions: [{ person: '柜员甲', measure: '通报批评' }],
  coordinationDepartments: [],
  ...over,
});

const fieldOf = (fn: () => void) => {
  try {
    fn();
  } catch (e) {
    return (e as { field?: string }).field;
  }
  return undefined;
};

describe('handling draft (Ch. 4)', () => {
  it('accepts a complete class-2 draft', () => expect(() => assertDraftComplete(draft())).not.toThrow());
  it('names the missing field', () => {
    expect(fieldOf(() => assertDraftComplete(draft({ findings: ' ' })))).toBe('findings');
    expect(fieldOf(() => assertDraftComplete(draft({ outcomeClass: null })))).toBe('outcomeClass');
    expect(fieldOf(() => assertDraftComplete(draft({ handlingOpinion: null })))).toBe('handlingOpinion');
  });
  it('classes 1-2 need accountability and measures', () => {
    expect(fieldOf(() => assertDraftComplete(draft({ outcomeClass: 'serious_fault', accountabilityActions: [] })))).toBe('accountabilityActions');
    expect(fieldOf(() => assertDraftComplete(draft({ rectifications: [] })))).toBe('rectifications');
  });
  it('class 3 records why (none / regulatory policy / force majeure) and needs no measures', () => {
    expect(fieldOf(() => assertDraftComplete(draft({ outcomeClass: 'no_fault', rectifications: [], accountabilityActions: [] })))).toBe('noFaultReason');
    expect(() => assertDraftComplete(draft({ outcomeClass: 'no_fault', noFaultReason: 'force_majeure', rectifications: [], accountabilityActions: [] }))).not.toThrow();
  });
  it('class 4 names the HQ departments to coordinate with', () => {
    expect(fieldOf(() => assertDraftComplete(draft({ outcomeClass: 'beyond_authority' })))).toBe('coordinationDepartments');
  });
  it('each measure has an owner and a real due date', () => {
    expect(fieldOf(() => assertDraftComplete(draft({ rectifications: [{ description: 'x', owner: '', dueOn: '2026-12-01' }] })))).toBe('rectifications[0].owner');
    expect(fieldOf(() => assertDraftComplete(draft({ rectifications: [{ description: 'x', owner: 'y', dueOn: '2026-02-30' }] })))).toBe('rectifications[0].dueOn');
  });
});

describe('callback verification (Ch. 5)', () => {
  const cb = { satisfaction: 'satisfied' as const, rectificationDone: true, rectificationEffective: true, handlingProper: true };
  it('rectification not done or not effective → re-rectify', () => {
    expect(requiredOutcome({ ...cb, rectificationDone: false })).toBe('rerectify');
    expect(requiredOutcome({ ...cb, rectificationEffective: false })).toBe('rerectify');
  });
  it('dissatisfied and our handling improper → re-handle', () => {
    expect(requiredOutcome({ ...cb, satisfaction: 'dissatisfied', handlingProper: false })).toBe('rehandle');
  });
  it('dissatisfied but proper handling closes only with an explanation', () => {
    const d = { ...cb, satisfaction: 'dissatisfied' as const };
    expect(requiredOutcome(d)).toBe('close');
    expect(fieldOf(() => assertOutcomeMatches(d, 'close'))).toBe('callback.note');
    expect(() => assertOutcomeMatches({ ...d, note: '已解释政策依据' }, 'close')).not.toThrow();
  });
  it('refuses an outcome that contradicts the record', () => {
    expect(fieldOf(() => assertOutcomeMatches(cb, 'rehandle'))).toBe('callback');
    expect(fieldOf(() => assertOutcomeMatches({ ...cb, rectificationDone: false }, 'close'))).toBe('callback');
  });
});

describe('forbidden phrases (handling skills 1 and 3)', () => {
  it('finds phrases that deny facts or push responsibility', () => {
    expect(checkPhrases('这不可能，我们营业部没有错').map((h) => h.phrase)).toEqual(['不可能', '我们营业部没有错']);
    expect(checkPhrases('这事情的责任不在证券公司')[0].rule).toBe('不把责任推给客户');
    expect(checkPhrases('不 会 有 这样的事')).toHaveLength(1);
  });
  it('passes a courteous reply', () => {
    expect(checkPhrases('非常抱歉给您带来不便，我们已核实并整改。')).toEqual([]);
  });
});
