/**
 * 处理草稿: a complaint manager of the handling unit writes the findings,
 * outcome class, opinion, measures, accountability and coordination while
 * investigating, and saves them as a draft (PATCH with only the changed draft
 * fields and the version). 提交审批 later opens prefilled from the saved draft.
 */
import { Alert, App, Button, Form, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../api';
import type { Org } from '../org';
import type { Complaint } from '../types';
import { SubmitFields } from './action-modal';
import { DRAFT_FIELDS, text, toNamePath, type DraftField } from './editing';

/** The draft as the API stores it, from form values (partial rows of a list are kept, so the server names what is missing). */
function toApi(v: any): Record<DraftField, unknown> {
  const outcome = v.outcomeClass ?? null;
  return {
    findings: text(v.findings),
    outcomeClass: outcome,
    noFaultReason: outcome === 'no_fault' ? (v.noFaultReason ?? null) : null,
    handlingOpinion: text(v.handlingOpinion),
    rectifications: ((v.rectifications ?? []) as any[]).map((m) => ({ description: (m?.description ?? '').trim(), owner: (m?.owner ?? '').trim(), dueOn: m?.dueOn ? (m.dueOn as Dayjs).format('YYYY-MM-DD') : '' })),
    accountabilityActions: outcome === 'serious_fault' || outcome === 'partial_fault' ? ((v.accountabilityActions ?? []) as any[]).map((a) => ({ person: (a?.person ?? '').trim(), measure: (a?.measure ?? '').trim() })) : [],
    coordinationDepartments: outcome === 'beyond_authority' ? ((v.coordinationDepartments ?? []) as string[]) : [],
  };
}

/** Form values from the complaint's current draft (the open measures of this round; completed ones stay as they are). */
function fromComplaint(c: Complaint) {
  return {
    findings: c.investigation.findings ?? undefined,
    outcomeClass: c.investigation.outcomeClass ?? undefined,
    noFaultReason: c.investigation.noFaultReason ?? undefined,
    handlingOpinion: c.handlingOpinion ?? undefined,
    rectifications: c.rectifications.filter((m) => m.round === c.round && !m.doneAt).map((m) => ({ description: m.description, owner: m.owner, dueOn: dayjs(m.dueOn) })),
    accountabilityActions: c.accountabilityActions.filter((a) => a.round === c.round).map((a) => ({ person: a.person, measure: a.measure })),
    coordinationDepartments: c.coordinationDepartments,
  };
}

export default function DraftEditor({ c, org, onSaved, onStale }: { c: Complaint; org: Org; onSaved(c: Complaint): void; onStale(): void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; stale: boolean } | null>(null);
  const outcome = Form.useWatch('outcomeClass', form) as string | undefined;
  const editable = new Set(c.editableFields ?? []);

  // A new version of the complaint (saved here, or reloaded after a conflict) resets the form to what is stored.
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(fromComplaint(c));
  }, [c.id, c.version, form]); // eslint-disable-line react-hooks/exhaustive-deps

  const save = async () => {
    try {
      // Rows of measures must be complete; the top-level fields may stay empty in a draft.
      await form.validateFields();
    } catch {
      return;
    }
    const now = toApi(form.getFieldsValue(true));
    const before = toApi(fromComplaint(c));
    const body: Record<string, unknown> = { version: c.version };
    for (const f of DRAFT_FIELDS) {
      if (editable.has(f) && JSON.stringify(now[f]) !== JSON.stringify(before[f])) body[f] = now[f];
    }
    if (Object.keys(body).length === 1) {
      message.info('草稿没有变化');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const updated = await api<Complaint>(`/api/complaints/${c.id}`, { method: 'PATCH', body });
      message.success('草稿已保存');
      onSaved(updated);
    } catch (e) {
      const err = e as ApiError;
      if (err instanceof ApiError && err.code === 'STALE') {
        setError({ text: '保存失败：该投诉已被他人修改并保存。已重新加载最新内容，请核对后重新填写。', stale: true });
        onStale();
      } else {
        if (err instanceof ApiError && err.field && err.field !== 'version') {
          try {
            form.setFields([{ name: toNamePath(err.field) as any, errors: [err.message] }]);
          } catch {
            /* not a field of this form */
          }
        }
        setError({ text: err.message, stale: false });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="draft-editor">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        调查过程中可随时保存草稿；填写完整后点击上方“提交审批”，表单将按草稿预填。{c.investigation.draftedBy ? `草稿最后保存人：${org.userName(c.investigation.draftedBy)}` : ''}
      </Typography.Paragraph>
      {error && <Alert type={error.stale ? 'warning' : 'error'} showIcon title={error.text} style={{ marginBottom: 12 }} data-testid="draft-error" />}
      <Form form={form} name="draft" layout="vertical" className="edit-form" onFinish={save}>
        <SubmitFields outcome={outcome} org={org} draft />
      </Form>
      <Space>
        <Button type="primary" ghost onClick={save} loading={busy} data-testid="save-draft">保存草稿</Button>
        <Button onClick={() => { form.resetFields(); form.setFieldsValue(fromComplaint(c)); setError(null); }}>撤销未保存的修改</Button>
      </Space>
    </div>
  );
}
