/**
 * Forbidden-phrase check while typing: the text goes to POST /api/phrases/check
 * (debounced), and the phrases the server would refuse are highlighted under
 * the field before the user sends anything. The server stays the authority:
 * it checks again when the action is submitted.
 */
import { Input, type GetProps } from 'antd';
import { Fragment, useEffect, useState, type ReactNode } from 'react';
import { api } from '../api';

export interface PhraseHit {
  phrase: string;
  rule: string;
  index: number;
}

/** Hits for `text`, checked `delay` ms after the last change; empty while the text is empty or the API is unreachable. */
export function usePhraseCheck(text: string | undefined, delay = 400): PhraseHit[] {
  const [hits, setHits] = useState<PhraseHit[]>([]);
  useEffect(() => {
    const t = (text ?? '').trim();
    if (!t) {
      setHits([]);
      return;
    }
    let alive = true;
    const timer = setTimeout(() => {
      api<{ ok: boolean; hits: PhraseHit[] }>('/api/phrases/check', { method: 'POST', body: { text: t } })
        .then((r) => alive && setHits(r.hits))
        // The check only helps; when it is unavailable the server still refuses on submit.
        .catch(() => alive && setHits([]));
    }, delay);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [text, delay]);
  return hits;
}

/** The text with every occurrence of the hit phrases marked. The server's indexes ignore spaces and quotes, so the phrases are found again here. */
function highlight(text: string, phrases: string[]): ReactNode[] {
  const out: ReactNode[] = [];
  let i = 0;
  while (i < text.length) {
    let best: { at: number; phrase: string } | null = null;
    for (const p of phrases) {
      const at = text.indexOf(p, i);
      if (at >= 0 && (!best || at < best.at || (at === best.at && p.length > best.phrase.length))) best = { at, phrase: p };
    }
    if (!best) {
      out.push(text.slice(i));
      break;
    }
    if (best.at > i) out.push(text.slice(i, best.at));
    out.push(<mark key={best.at} className="phrase-hit">{best.phrase}</mark>);
    i = best.at + best.phrase.length;
  }
  return out;
}

/** The warning under a field: which phrases, which rule, and the text with them marked. */
export function PhraseWarning({ text, hits }: { text: string | undefined; hits: PhraseHit[] }) {
  if (hits.length === 0 || !text) return null;
  const phrases = [...new Set(hits.map((h) => h.phrase))];
  const rules = [...new Set(hits.map((h) => `「${h.phrase}」违反“${h.rule}”`))];
  return (
    <div className="phrase-warning" data-testid="phrase-warning" role="alert">
      <div className="phrase-warning-title">含有禁用语，提交时将被拒绝：{rules.map((r, i) => <Fragment key={r}>{i > 0 && '；'}{r}</Fragment>)}</div>
      <div className="phrase-warning-text">{highlight(text, phrases)}</div>
    </div>
  );
}

/** A TextArea for a Form.Item that checks its value for forbidden phrases as the user types. */
type TextAreaProps = GetProps<typeof Input.TextArea>;

export function CheckedTextArea({ value, onChange, ...rest }: TextAreaProps & { value?: string }) {
  const hits = usePhraseCheck(value);
  return (
    <>
      <Input.TextArea value={value} onChange={onChange} status={hits.length ? 'warning' : undefined} {...rest} />
      <PhraseWarning text={value} hits={hits} />
    </>
  );
}
