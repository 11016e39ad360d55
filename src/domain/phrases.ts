/**
 * Phrases the handling skills forbid (SPEC 2.1 items 1 and 3): denying the
 * facts or pushing responsibility onto the customer.
 */
export const FORBIDDEN_PHRASES: readonly { phrase: string; rule: string }[] = [
  { phrase: '不可能', rule: '不回避投诉事实' },
  { phrase: '不会有这样的事', rule: '不回避投诉事实' },
  { phrase: '不会有这种事', rule: '不回避投诉事实' },
  { phrase: '责任不在证券公司', rule: '不把责任推给客户' },
  { phrase: '责任不在我们', rule: '不把责任推给客户' },
  { phrase: '我们营业部没有错', rule: '不把责任推给客户' },
  { phrase: '我们没有错', rule: '不把责任推给客户' },
  { phrase: '是你自己的问题', rule: '不把责任推给客户' },
  { phrase: '与我们无关', rule: '不把责任推给客户' },
];

export interface PhraseHit {
  phrase: string;
  rule: string;
  index: number;
}

/** Find forbidden phrases in a text; whitespace and full-width punctuation are ignored when matching. */
export function checkPhrases(text: string): PhraseHit[] {
  const hits: PhraseHit[] = [];
  const normalised = text.replace(/[\s“”"'‘’]/g, '');
  for (const { phrase, rule } of FORBIDDEN_PHRASES) {
    let from = 0;
    for (;;) {
      const i = normalised.indexOf(phrase, from);
      if (i < 0) break;
      // "不可能" inside a longer phrase such as "不可能的任务" still counts: the rule is about tone.
      if (!hits.some((h) => h.index <= i && i < h.index + h.phrase.length)) hits.push({ phrase, rule, index: i });
      from = i + phrase.length;
    }
  }
  return hits.sort((a, b) => a.index - b.index);
}
