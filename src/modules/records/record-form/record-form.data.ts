/**
 * The record form (营业部客户投诉处理记录表) as labelled sections, built once
 * from a complaint and its children so the PDF, the XLSX and the archive
 * package all show the same fields in the same order. Personal data is full:
 * this is the official record.
 */
import { CATEGORY_LABELS, CHANNEL_LABELS, OUTCOME_LABELS, STATUS_LABELS, type Category, type Channel, type OutcomeClass, type Status } from '../../../domain/types.js';
import type { Trx } from '../../../server/context.js';
import { loadChildren, type Children, type ComplaintRow } from '../../complaints/complaints.queries.js';

export const FORM_TITLE = '营业部客户投诉处理记录表';

export interface FormField {
  label: string;
  value: string;
  /** Takes the whole row width. */
  wide?: boolean;
}

export interface FormSection {
  title: string;
  fields: FormField[];
}

export interface RecordFormView {
  id: string;
  number: string;
  unitName: string;
  status: string;
  sections: FormSection[];
}

const NO_FAULT_LABELS: Record<string, string> = { none: '我方无责任', regulatory_policy: '监管政策所限', force_majeure: '不可抗力' };
const SATISFACTION_LABELS: Record<string, string> = { satisfied: '满意', basically_satisfied: '基本满意', dissatisfied: '不满意' };
const ROLE_LABELS: Record<string, string> = { branch_head: '营业部负责人', hq_head: '经纪业务总部负责人', company_leader: '公司分管领导' };
const MEDIUM_LABELS: Record<string, string> = { disc: '光盘', paper: '纸质', electronic: '电子' };

const yes = (n: number) => (n === 1 ? '是' : '否');
const json = <T>(s: string | null, fallback: T): T => (s ? (JSON.parse(s) as T) : fallback);
/** ISO instant → Shanghai 'YYYY-MM-DD HH:mm'. */
export function shanghaiTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(d);
}

/** Names needed to print a form: units, users and business links by id/code. */
export interface Lookups {
  units: Map<string, string>;
  users: Map<string, string>;
  links: Map<string, string>;
  batches: Map<string, { number: string; medium: string; location: string; sealed_on: string }>;
}

export async function loadLookups(db: Trx): Promise<Lookups> {
  const [units, users, links, batches] = await Promise.all([
    db.selectFrom('units').select(['id', 'name']).execute(),
    db.selectFrom('users').select(['id', 'display_name']).execute(),
    db.selectFrom('business_links').select(['code', 'name']).execute(),
    db.selectFrom('archive_batches').select(['id', 'number', 'medium', 'location', 'sealed_on']).execute(),
  ]);
  return {
    units: new Map(units.map((u) => [u.id, u.name])),
    users: new Map(users.map((u) => [u.id, u.display_name])),
    links: new Map(links.map((l) => [l.code, l.name])),
    batches: new Map(batches.map((b) => [b.id, b])),
  };
}

export const channelLabel = (c: string) => CHANNEL_LABELS[c as Channel] ?? c;
export const categoryLabel = (c: string) => CATEGORY_LABELS[c as Category] ?? c;
export const statusLabel = (s: string) => STATUS_LABELS[s as Status] ?? s;
export const outcomeLabel = (o: string | null) => (o ? (OUTCOME_LABELS[o as OutcomeClass] ?? o) : '');

/** Build the form view of one complaint. */
export function recordFormView(row: ComplaintRow, ch: Children, lk: Lookups): RecordFormView {
  const user = (id: string | null) => (id ? (lk.users.get(id) ?? id) : '');
  const involved = json<{ name: string; position?: string | null }[]>(row.involved_staff, []);
  const feedback = json<{ content?: string; method?: string; givenAt?: string; customerReaction?: string | null } | null>(row.feedback, null);
  const measures = ch.rectifications.map((m, i) => `${i + 1}. ${m.description}（责任人：${m.owner}，期限：${m.due_on}${m.done_at ? `，已于 ${shanghaiTime(m.done_at)} 完成` : '，未完成'}）`);
  const accountability = ch.accountability.map((a, i) => `${i + 1}. ${a.person}：${a.measure}`);
  // Approvals at the same instant (fixed clocks, imports) still print in chain order.
  const ordered = [...ch.approvals].sort((a, b) => a.round - b.round || a.decided_at.localeCompare(b.decided_at) || a.level - b.level);
  const approvals = ordered.map(
    (a) => `第${a.round}轮 ${ROLE_LABELS[a.role] ?? a.role}：${a.approver_name ?? a.approver_id}，${a.decision === 'approved' ? '同意' : '退回'}，${shanghaiTime(a.decided_at)}${a.comment ? `，意见：${a.comment}` : ''}`,
  );
  const callbacks = ch.callbacks.map(
    (c) =>
      `第${c.round}轮 ${shanghaiTime(c.called_at)} ${user(c.called_by)}：客户${SATISFACTION_LABELS[c.satisfaction] ?? c.satisfaction}；整改已落实：${yes(c.rectification_done)}；整改有效：${yes(c.rectification_effective)}；处理得当：${yes(c.handling_proper)}${c.note ? `；${c.note}` : ''}`,
  );
  const batch = row.archive_batch_id ? lk.batches.get(row.archive_batch_id) : undefined;
  const contact = [row.customer_phone, row.customer_email, row.customer_address].filter(Boolean).join('；');
  const sections: FormSection[] = [
    {
      title: '一、受理登记',
      fields: [
        { label: '编号', value: row.number },
        { label: '状态', value: statusLabel(row.status) },
        { label: '客户姓名', value: row.customer_name },
        { label: '联系方式', value: contact },
        { label: '资金账号', value: row.account_number ?? '' },
        { label: '证件号码', value: row.id_number ?? '' },
        { label: '受理单位', value: lk.units.get(row.accepting_unit_id) ?? row.accepting_unit_id },
        { label: '受理日', value: row.accepted_on },
        { label: '受理人员', value: user(row.accepted_by) || (row.source === 'import' ? '历史记录导入' : '客户自助') },
        { label: '受理渠道', value: channelLabel(row.channel) },
        { label: '投诉类别', value: categoryLabel(row.category) },
        { label: '业务环节', value: row.business_link ? (lk.links.get(row.business_link) ?? row.business_link) : '' },
        { label: '发生时间', value: row.occurred_at ?? '' },
        { label: '发生地点', value: row.location ?? '' },
        { label: '涉及人员', value: involved.map((s) => (s.position ? `${s.name}（${s.position}）` : s.name)).join('、'), wide: true },
        { label: '投诉事由', value: row.reason, wide: true },
        { label: '事情经过', value: row.narrative, wide: true },
        { label: '初步处理意见', value: row.preliminary_opinion ?? '', wide: true },
      ],
    },
    {
      title: '二、调查处理',
      fields: [
        { label: '办理单位', value: lk.units.get(row.handling_unit_id) ?? row.handling_unit_id },
        { label: '投诉管理人员', value: user(row.manager_id) },
        { label: '调查期限', value: row.investigation_due_on },
        { label: '提交审批日', value: row.submitted_on ?? '' },
        { label: '调查核实情况', value: row.findings ?? '', wide: true },
        { label: '责任认定', value: outcomeLabel(row.outcome_class) + (row.no_fault_reason ? `（${NO_FAULT_LABELS[row.no_fault_reason] ?? row.no_fault_reason}）` : ''), wide: true },
        { label: '处理意见', value: row.handling_opinion ?? '', wide: true },
        { label: '整改措施', value: measures.join('\n'), wide: true },
        { label: '责任人处理', value: accountability.join('\n'), wide: true },
        { label: '逐级审批', value: approvals.join('\n'), wide: true },
      ],
    },
    {
      title: '三、反馈与回访验证',
      fields: [
        { label: '反馈期限', value: row.feedback_due_on },
        { label: '反馈日', value: row.feedback_on ?? '' },
        { label: '反馈方式', value: feedback?.method ?? '' },
        { label: '反馈时间', value: shanghaiTime(feedback?.givenAt) },
        { label: '反馈内容', value: feedback?.content ?? '', wide: true },
        { label: '客户反应', value: feedback?.customerReaction ?? '', wide: true },
        { label: '回访验证', value: callbacks.join('\n'), wide: true },
        { label: '办结时间', value: shanghaiTime(row.closed_at) },
        { label: '重复投诉', value: row.repeat_of_id ? '是' : '否' },
      ],
    },
    {
      title: '四、归档',
      fields: [
        { label: '归档批次', value: batch?.number ?? '' },
        { label: '归档日', value: batch?.sealed_on ?? '' },
        { label: '存档介质', value: batch ? (MEDIUM_LABELS[batch.medium] ?? batch.medium) : '' },
        { label: '存放地点', value: batch?.location ?? '' },
      ],
    },
  ];
  return { id: row.id, number: row.number, unitName: lk.units.get(row.accepting_unit_id) ?? '', status: row.status, sections };
}

/** Load children and lookups and build the view (use loadLookups once when rendering many). */
export async function loadRecordForm(db: Trx, row: ComplaintRow, lk?: Lookups): Promise<RecordFormView> {
  return recordFormView(row, await loadChildren(db, row.id), lk ?? (await loadLookups(db)));
}
