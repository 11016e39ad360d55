/** Response templates per outcome class (GET /api/templates), filled from the complaint for the feedback form. */
import { api } from '../api';
import type { Complaint } from '../types';

export interface ResponseTemplate {
  outcomeClass: string;
  label: string;
  text: string;
}

let cache: Promise<ResponseTemplate[]> | null = null;

/** The templates, fetched once per page load. */
export function loadTemplates(): Promise<ResponseTemplate[]> {
  if (!cache) {
    cache = api<{ items: ResponseTemplate[] }>('/api/templates').then((r) => r.items);
    cache.catch(() => (cache = null));
  }
  return cache;
}

/**
 * Fill the placeholders the complaint can answer: {客户}, {事由}, and where
 * recorded {整改措施} and {部门}. The others ({原因说明}, {建议}, {日期}…)
 * stay for the handler to write.
 */
export function fillTemplate(text: string, c: Complaint): string {
  const measures = c.rectifications.filter((m) => m.round === c.round).map((m) => m.description);
  const values: Record<string, string | undefined> = {
    客户: c.customerName ? `${c.customerName}` : undefined,
    事由: c.reason ? `“${c.reason}”一事` : undefined,
    整改措施: measures.length ? measures.join('；') : undefined,
    部门: c.coordinationDepartments.length ? c.coordinationDepartments.join('、') : undefined,
  };
  return text.replace(/\{([^{}]+)\}/g, (all, key: string) => values[key] ?? all);
}

/** Placeholders still in the text, to remind the handler before sending. */
export function openPlaceholders(text: string | undefined): string[] {
  return [...new Set([...(text ?? '').matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]))];
}
