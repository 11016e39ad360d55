/**
 * The complaint page: the record form, handling, approvals, feedback and
 * callbacks, attachments, deadlines with their explanation and the timeline.
 * The buttons are exactly the server's allowedActions.
 */
import { EditOutlined, EyeOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Row, Space, Spin, Tag, Typography } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, ApiError } from '../api';
import { useUser } from '../auth';
import { ArchiveCard, showArchiveCard } from '../complaint/archive-card';
import { DeadlinesCard } from '../complaint/deadlines-card';
import { canEditDraft, canEditRecord } from '../complaint/editing';
import { ApprovalSection, FeedbackSection, HandlingSection, RecordSection } from '../complaint/record-view';
import { RejectionNotice } from '../complaint/rejection-notice';
import { TimelineCard } from '../complaint/timeline-card';
import { AttachmentsPanel } from '../components/attachments';
import { StatusTag } from '../components/complaint-table';
import { ACTION_LABELS, type Action } from '../labels';
import { useOrg } from '../org';
import type { Complaint } from '../types';
import NotFoundPage from './not-found-page';

// Only managers editing a draft, someone correcting the record or taking a step need these forms: separate chunks keep the page light.
const DraftEditor = lazy(() => import('../complaint/draft-editor'));
const RecordEditModal = lazy(() => import('../complaint/record-edit'));
const ActionModal = lazy(() => import('../complaint/action-modal').then((m) => ({ default: m.ActionModal })));
const Loading = () => <div style={{ padding: 24, textAlign: 'center' }}><Spin /></div>;

/** Order of the buttons: the main step first, the rarely used ones last. */
const ORDER: Action[] = ['transfer', 'reassign', 'submit', 'approve', 'reject', 'legal_review', 'give_feedback', 'start_rectification', 'complete_measure', 'complete_coordination', 'request_verification', 'close', 'rerectify', 'rehandle', 'flag_malicious', 'withdraw'];
const PRIMARY: Action[] = ['transfer', 'submit', 'approve', 'give_feedback', 'start_rectification', 'complete_measure', 'request_verification', 'close'];
const DANGER: Action[] = ['reject', 'withdraw', 'flag_malicious', 'rehandle'];

export default function ComplaintPage() {
  const { id } = useParams<{ id: string }>();
  const org = useOrg();
  const user = useUser();
  const { message } = App.useApp();
  const [c, setC] = useState<Complaint | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [action, setAction] = useState<Action | null>(null);
  const [revealed, setRevealed] = useState(false);
  const [editing, setEditing] = useState(false);
  // Bumped after a change that does not touch the complaint's version (legal hold), so the timeline reloads.
  const [tick, setTick] = useState(0);

  const load = useCallback(
    (reveal = revealed) => {
      api<Complaint>(`/api/complaints/${id}`, { query: { reveal: reveal || undefined } })
        .then((r) => {
          setC(r);
          setError(null);
        })
        .catch((e) => setError(e as ApiError));
    },
    [id, revealed],
  );
  useEffect(() => {
    setC(null);
    setRevealed(false);
    load(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  if (error?.status === 404) return <NotFoundPage title="投诉不存在" subTitle="该投诉不存在，或不在您的数据权限范围内。" />;
  if (error) return <Alert type="error" showIcon title={error.message} />;
  if (!c) return <Loading />;

  const actions = ORDER.filter((a) => c.allowedActions.includes(a));
  return (
    <>
      <div className="page-title">
        <Space wrap>
          <h2 data-testid="complaint-number">{c.number}</h2>
          <span data-testid="complaint-status"><StatusTag status={c.status} /></span>
          {c.overdue.length > 0 && <Tag color="red">已超期</Tag>}
          {c.malicious && <Tag color="red">恶意投诉</Tag>}
          {(c.repeat || c.repeatOfId) &&
            (c.repeatOfId ? (
              <Link to={`/complaints/${c.repeatOfId}`} title="查看前次投诉"><Tag color="volcano" data-testid="repeat-tag">重复投诉：前次回访“满意”</Tag></Link>
            ) : (
              <Tag color="volcano" data-testid="repeat-tag">重复投诉</Tag>
            ))}
          {c.verificationFlagged && (
            <Tag color="magenta" data-testid="verification-flag" title="客户在线评价低于回访记录的满意度，请总部核查回访验证的真实性">
              回访结果与客户评价不一致
            </Tag>
          )}
          {c.round > 1 && <Tag>第 {c.round} 轮</Tag>}
          {c.imported && <Tag>历史导入</Tag>}
          {c.legalHold && <Tag color="red">诉讼保全冻结</Tag>}
        </Space>
        <Space wrap>
          {actions.map((a) => (
            <Button key={a} type={PRIMARY.includes(a) ? 'primary' : 'default'} danger={DANGER.includes(a)} onClick={() => setAction(a)} data-action={a}>
              {ACTION_LABELS[a]}
            </Button>
          ))}
          <Button icon={<PrinterOutlined />} onClick={() => window.open(`/complaints/${c.id}/print`, '_blank')}>打印记录表</Button>
        </Space>
      </div>
      {actions.length === 0 && !['closed', 'archived', 'destroyed', 'withdrawn'].includes(c.status) && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title="当前环节无需您操作" />
      )}
      <RejectionNotice c={c} org={org} />
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={16}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Card
              size="small"
              title="投诉记录表"
              extra={
                <Space size={4}>
                {canEditRecord(c) && (
                  <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-record">
                    编辑
                  </Button>
                )}
                {c.personalDataMasked && (
                  <Button
                    size="small"
                    type="link"
                    icon={<EyeOutlined />}
                    onClick={() => {
                      setRevealed(true);
                      load(true);
                      message.info('已显示完整个人信息，本次查看已记录');
                    }}
                  >
                    显示完整个人信息
                  </Button>
                )}
                </Space>
              }
            >
              <RecordSection c={c} org={org} />
            </Card>
            <Card size="small" title={canEditDraft(c) ? '调查核实与处理意见（草稿）' : '调查核实与处理意见'}>
              {canEditDraft(c) ? (
                <Suspense fallback={<Loading />}>
                  <DraftEditor c={c} org={org} onSaved={setC} onStale={() => load()} />
                </Suspense>
              ) : (
                <HandlingSection c={c} />
              )}
            </Card>
            <Card size="small" title="逐级审批">
              <ApprovalSection c={c} org={org} />
            </Card>
            <Card size="small" title="反馈与回访验证">
              <FeedbackSection c={c} org={org} />
            </Card>
            <Card size="small" title="附件">
              <AttachmentsPanel complaintId={c.id} canUpload={!c.archiveBatchId && !['archived', 'destroyed'].includes(c.status)} />
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={8}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Card size="small" title="办理期限">
              <DeadlinesCard c={c} />
              <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }}>
                办理单位：{org.unitName(c.handlingUnitId)}；投诉管理人员：{org.userName(c.managerId)}
                {c.trackingCode && <><br />客户查询码：<Typography.Text copyable code data-testid="tracking-code">{c.trackingCode}</Typography.Text></>}
                {c.trackingCode && ['verifying', 'closed'].includes(c.status) && (
                  <>
                    <br />
                    满意度评价链接（回访时发给客户）：
                    <Typography.Text copyable={{ text: `${location.origin}/portal/survey?code=${c.trackingCode}` }}>/portal/survey?code={c.trackingCode}</Typography.Text>
                  </>
                )}
              </Typography.Paragraph>
            </Card>
            {showArchiveCard(c, user) && (
              <Card size="small" title="档案与诉讼保全">
                <ArchiveCard
                  c={c}
                  onChanged={() => {
                    load();
                    setTick((t) => t + 1);
                  }}
                />
              </Card>
            )}
            <Card size="small" title="处理轨迹">
              <TimelineCard key={tick} complaintId={c.id} version={c.version} repeat={c.repeat} repeatOfId={c.repeatOfId} />
            </Card>
          </Space>
        </Col>
      </Row>
      {editing && (
        <Suspense fallback={null}>
          <RecordEditModal
            open
            complaint={c}
            org={org}
            onClose={() => setEditing(false)}
            onStale={() => load()}
            onSaved={(u) => {
              setEditing(false);
              // The page keeps showing personal data masked unless the user chose to see it.
              if (revealed) load(true);
              else setC(u);
            }}
          />
        </Suspense>
      )}
      {action && (
        <Suspense fallback={null}>
          <ActionModal
            action={action}
            complaint={c}
            org={org}
            onClose={() => setAction(null)}
            onStale={() => load()}
            onDone={(u) => {
              setAction(null);
              setC(u);
            }}
          />
        </Suspense>
      )}
    </>
  );
}
